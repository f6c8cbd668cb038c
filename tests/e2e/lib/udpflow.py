#!/usr/bin/env python3
"""UDP flows with exact host-side counts, for offload tests.

    udpflow.py recv PORT IDLE [echo[:N]]
        answer every "hello" datagram (so conntrack sees both directions),
        count the others; after IDLE seconds without traffic print
        "received P packets B bytes" and exit.  With "echo", send every
        other datagram back to its sender too, so each flow has as many
        replies as datagrams; with "echo:N", only a flow's Nth datagram
        and those after it.
    udpflow.py send DST PORT COUNT SIZE RATE [SPORT [nodf]]
        send "hello" and wait for the answer, then COUNT datagrams of SIZE
        payload bytes at RATE per second, from SPORT if given (the same
        source port gives the same flow again), with DF clear if "nodf"
        (routers then fragment instead of refusing); print
        "sent P packets B bytes", the hello included, also when stopped
        early by SIGTERM.
    udpflow.py sendnow DST PORT COUNT SIZE RATE SPORT [nodf]
        as send, without the hello: the datagrams go whether or not
        anything answers.

    udpflow.py sendmany DST PORT FLOWS COUNT SIZE RATE SPORT0
        FLOWS flows at once, from source ports SPORT0 up: a "hello" on
        each (again until answered), then COUNT datagrams per flow, round
        robin, RATE datagrams per second in all; print
        "sport S sent P packets B bytes" per flow, its hellos included.
    udpflow.py sendports DST PORT COUNT SIZE RATE SPORT...
        as sendmany, one flow from each SPORT given, without hellos:
        nothing needs to answer, and no reply tuple is ever seen.
    udpflow.py recvmany PORT IDLE [echo[:N]]
        as recv, then print "sport S received P packets B bytes" per
        source port instead of the total.

Bytes are IP bytes (payload + 28, or + 48 over IPv6), as conntrack
counts them.  DST may be an IPv4 or an IPv6 address.
"""
import signal
import socket
import sys
import time

HELLO = b"hello"
IP_MTU_DISCOVER, IP_PMTUDISC_DONT = 10, 0     # <linux/in.h>


def recv(port, idle, per_flow=False, echo=0):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind(("::", port))
    s.settimeout(idle)
    pkts = nbytes = 0
    flows = {}
    try:
        while True:
            data, peer = s.recvfrom(65536)
            pkts += 1
            nbytes += len(data) + overhead(peer[0])
            f = flows.setdefault(peer[1], [0, 0])
            f[0] += 1
            f[1] += len(data) + overhead(peer[0])
            answer = b"ok" if data == HELLO else data if echo and f[0] >= echo else None
            try:
                if answer is not None:
                    s.sendto(answer, peer)
            except OSError:
                pass    # a peer without a route back (say, not masqueraded)
    except socket.timeout:
        pass
    if per_flow:
        for sport in sorted(flows):
            print(f"sport {sport} received {flows[sport][0]} packets {flows[sport][1]} bytes")
    else:
        print(f"received {pkts} packets {nbytes} bytes")


def overhead(addr):
    """IP and UDP header bytes; IPv4-mapped peers are IPv4."""
    return 48 if ":" in addr and not addr.startswith("::ffff:") else 28


def send(dst, port, count, size, rate, sport=0, nodf=False, hello=True):
    v6 = ":" in dst
    s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_DGRAM)
    if nodf:
        s.setsockopt(socket.IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("::" if v6 else "0.0.0.0", sport))
    s.settimeout(5)
    hdr = overhead(dst)
    pkts = nbytes = 0
    if hello:
        s.sendto(HELLO, (dst, port))
        s.recvfrom(16)
        pkts, nbytes = 1, len(HELLO) + hdr
    payload = b"x" * size
    start = time.monotonic()
    # stopped early (SIGTERM), it still prints what it sent.  The handler
    # only raises a flag: one that raised could run between a sendto that
    # went out and its count, and the count would be one short.
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    try:
        for i in range(count):
            # pace against the clock: the rate holds however long a send takes
            ahead = start + i / rate - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
            if stop:
                break
            s.sendto(payload, (dst, port))
            pkts += 1
            nbytes += size + hdr
    finally:
        print(f"sent {pkts} packets {nbytes} bytes", flush=True)


def sendmany(dst, port, sports, count, size, rate, hello=True):
    v6 = ":" in dst
    flows = len(sports)
    socks, hellos = [], [0] * flows
    for i in range(flows):
        s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("::" if v6 else "0.0.0.0", sports[i]))
        s.setblocking(False)
        socks.append(s)
    # a hello on each flow until it is answered: a burst of them may meet
    # a full queue on the way, and each one sent is counted
    waiting = set(range(flows)) if hello else set()
    for attempt in range(5 if hello else 0):
        for i in waiting:
            socks[i].sendto(HELLO, (dst, port))
            hellos[i] += 1
        deadline = time.monotonic() + 2
        while waiting and time.monotonic() < deadline:
            for i in list(waiting):
                try:
                    socks[i].recvfrom(16)
                    waiting.discard(i)
                except BlockingIOError:
                    pass
            time.sleep(0.01)
        if not waiting:
            break
    if waiting:
        sys.exit(f"udpflow: {len(waiting)} flows got no answer to their hello")
    hdr = overhead(dst)
    payload = b"x" * size
    start = time.monotonic()
    for n in range(count * flows):
        ahead = start + n / rate - time.monotonic()
        if ahead > 0:
            time.sleep(ahead)
        socks[n % flows].sendto(payload, (dst, port))
    for i in range(flows):
        print(f"sport {sports[i]} sent {count + hellos[i]} packets "
              f"{count * (size + hdr) + hellos[i] * (len(HELLO) + hdr)} bytes")


if __name__ == "__main__":
    if sys.argv[1] in ("recv", "recvmany"):
        mode = sys.argv[4] if len(sys.argv) > 4 else ""
        recv(int(sys.argv[2]), float(sys.argv[3]), per_flow=sys.argv[1] == "recvmany",
             echo=int(mode[5:] or 1) if mode.startswith("echo") else 0)
    elif sys.argv[1] == "sendnow":
        send(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]),
             float(sys.argv[6]), int(sys.argv[7]), len(sys.argv) > 8 and sys.argv[8] == "nodf",
             hello=False)
    elif sys.argv[1] == "sendmany":
        sport0 = int(sys.argv[8])
        sendmany(sys.argv[2], int(sys.argv[3]), range(sport0, sport0 + int(sys.argv[4])),
                 int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7]))
    elif sys.argv[1] == "sendports":
        sendmany(sys.argv[2], int(sys.argv[3]), [int(a) for a in sys.argv[7:]],
                 int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), hello=False)
    else:
        send(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]),
             float(sys.argv[6]), int(sys.argv[7]) if len(sys.argv) > 7 else 0,
             len(sys.argv) > 8 and sys.argv[8] == "nodf")
