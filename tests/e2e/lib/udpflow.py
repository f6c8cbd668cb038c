#!/usr/bin/env python3
"""UDP flows with exact host-side counts, for offload tests.

    udpflow.py recv PORT IDLE
        answer every "hello" datagram (so conntrack sees both directions),
        count the others; after IDLE seconds without traffic print
        "received P packets B bytes" and exit.
    udpflow.py send DST PORT COUNT SIZE RATE [SPORT [nodf]]
        send "hello" and wait for the answer, then COUNT datagrams of SIZE
        payload bytes at RATE per second, from SPORT if given (the same
        source port gives the same flow again), with DF clear if "nodf"
        (routers then fragment instead of refusing); print
        "sent P packets B bytes", the hello included.

Bytes are IP bytes (payload + 28, or + 48 over IPv6), as conntrack
counts them.  DST may be an IPv4 or an IPv6 address.
"""
import socket
import sys
import time

HELLO = b"hello"
IP_MTU_DISCOVER, IP_PMTUDISC_DONT = 10, 0     # <linux/in.h>


def recv(port, idle):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", port))
    s.settimeout(idle)
    pkts = nbytes = 0
    try:
        while True:
            data, peer = s.recvfrom(65536)
            pkts += 1
            nbytes += len(data) + overhead(peer[0])
            if data == HELLO:
                s.sendto(b"ok", peer)
    except socket.timeout:
        pass
    print(f"received {pkts} packets {nbytes} bytes")


def overhead(addr):
    """IP and UDP header bytes; IPv4-mapped peers are IPv4."""
    return 48 if ":" in addr and not addr.startswith("::ffff:") else 28


def send(dst, port, count, size, rate, sport=0, nodf=False):
    v6 = ":" in dst
    s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_DGRAM)
    if nodf:
        s.setsockopt(socket.IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("::" if v6 else "0.0.0.0", sport))
    s.settimeout(5)
    s.sendto(HELLO, (dst, port))
    s.recvfrom(16)
    hdr = overhead(dst)
    pkts, nbytes = 1, len(HELLO) + hdr
    payload = b"x" * size
    start = time.monotonic()
    for i in range(count):
        # pace against the clock: the rate holds however long a send takes
        ahead = start + i / rate - time.monotonic()
        if ahead > 0:
            time.sleep(ahead)
        s.sendto(payload, (dst, port))
        pkts += 1
        nbytes += size + hdr
    print(f"sent {pkts} packets {nbytes} bytes")


if __name__ == "__main__":
    if sys.argv[1] == "recv":
        recv(int(sys.argv[2]), float(sys.argv[3]))
    else:
        send(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]),
             float(sys.argv[6]), int(sys.argv[7]) if len(sys.argv) > 7 else 0,
             len(sys.argv) > 8 and sys.argv[8] == "nodf")
