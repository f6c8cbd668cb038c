#!/usr/bin/env python3
"""Many short connections, opened and closed over time, for churn tests.

    churn.py serve UDP_PORT TCP_PORT IDLE
        echo every UDP datagram to its sender; accept TCP connections and
        read them to their end; after IDLE seconds without traffic print
        "udp P tcp C ports N" (datagrams echoed, connections ended, and
        the distinct source ports they came from) and exit.
    churn.py run DST UDP_PORT TCP_PORT FLOWS BATCH SEED
        open FLOWS connections to DST, BATCH at a time: UDP ones send 15
        datagrams and fall silent (conntrack and the flowtable let them
        expire), TCP ones send 15 segments and close with FIN or with RST
        (SO_LINGER 0), in a mix drawn from SEED.  A batch starts sending
        once its TCP connects are done (at most CONNECT_S seconds: a slow
        router must not fail them).  At the end print
        "udp U tcp_fin F tcp_rst R failed X":
        connections of each kind, and TCP connects that failed.

Every socket of a batch is served in one loop, round by round (a datagram
or a segment each, then the answers read), so a batch costs about its
15 rounds whatever its size.
"""
import os
import random
import selectors
import socket
import struct
import sys
import time

ROUNDS = 15
CONNECT_S = 10  # covers two SYN retransmissions (1 s, then 2 s later)
PAYLOAD = b"c" * 200


def serve(udp_port, tcp_port, idle):
    sel = selectors.DefaultSelector()
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    u.bind(("0.0.0.0", udp_port))
    u.setblocking(False)
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind(("0.0.0.0", tcp_port))
    t.listen(1024)
    t.setblocking(False)
    sel.register(u, selectors.EVENT_READ, "udp")
    sel.register(t, selectors.EVENT_READ, "listen")
    echoed = ended = 0
    ports = set()
    last = time.monotonic()
    while time.monotonic() - last < idle:
        for key, _ in sel.select(timeout=0.5):
            last = time.monotonic()
            s = key.fileobj
            if key.data == "udp":
                while True:
                    try:
                        data, peer = s.recvfrom(2048)
                    except BlockingIOError:
                        break
                    s.sendto(data, peer)
                    echoed += 1
            elif key.data == "listen":
                try:
                    c, peer = s.accept()
                except BlockingIOError:
                    continue
                ports.add(peer[1])
                c.setblocking(False)
                sel.register(c, selectors.EVENT_READ, "tcp")
            else:
                try:
                    data = s.recv(65536)
                except BlockingIOError:
                    continue
                except ConnectionResetError:
                    data = b""
                if not data:
                    sel.unregister(s)
                    s.close()
                    ended += 1
    print(f"udp {echoed} tcp {ended} ports {len(ports)}", flush=True)


def wait_connected(conns):
    """Wait until each TCP socket of CONNS connected or failed; return
    what went wrong with each one that did not connect."""
    sel = selectors.DefaultSelector()
    for kind, s in conns:
        if kind != "udp":
            sel.register(s, selectors.EVENT_WRITE)
    end = time.monotonic() + CONNECT_S
    errors = {}
    while sel.get_map() and time.monotonic() < end:
        for key, _ in sel.select(timeout=end - time.monotonic()):
            sel.unregister(key.fileobj)
            # read now: the first send would take the error away
            err = key.fileobj.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                errors[key.fileobj] = f"connect: {os.strerror(err)}"
    for s in sel.get_map().values():
        errors[s.fileobj] = f"no answer to the SYN within {CONNECT_S} s"
    sel.close()
    return errors


def run(dst, udp_port, tcp_port, flows, batch, seed):
    rnd = random.Random(seed)
    counts = {"udp": 0, "tcp_fin": 0, "tcp_rst": 0, "failed": 0}
    opened = 0
    while opened < flows:
        n = min(batch, flows - opened)
        conns = []
        for _ in range(n):
            kind = rnd.choices(["udp", "tcp_fin", "tcp_rst"], [5, 3, 2])[0]
            if kind == "udp":
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind(("0.0.0.0", 0))
            else:
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.setblocking(False)
                try:
                    s.connect((dst, tcp_port))
                except BlockingIOError:
                    pass
            s.setblocking(False)
            conns.append((kind, s))
        errors = wait_connected(conns)
        for _ in range(ROUNDS):
            for kind, s in conns:
                try:
                    if kind == "udp":
                        s.sendto(PAYLOAD, (dst, udp_port))
                        while True:
                            s.recv(2048)
                    else:
                        s.send(PAYLOAD)
                except BlockingIOError:
                    pass
                except OSError as e:
                    errors.setdefault(s, f"send: {e.strerror}")
            time.sleep(0.02)
        for kind, s in conns:
            if kind != "udp":
                try:
                    s.getpeername()
                except OSError:
                    counts["failed"] += 1
                    print(f"tcp from port {s.getsockname()[1]} failed: "
                          f"{errors.get(s, 'not connected')}",
                          file=sys.stderr, flush=True)
                if kind == "tcp_rst":
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            counts[kind] += 1
            s.close()
        opened += n
    print(" ".join(f"{k} {v}" for k, v in counts.items()), flush=True)


def main():
    a = sys.argv[1:]
    if a[0] == "serve":
        serve(int(a[1]), int(a[2]), float(a[3]))
    elif a[0] == "run":
        run(a[1], int(a[2]), int(a[3]), int(a[4]), int(a[5]), int(a[6]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
