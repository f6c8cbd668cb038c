#!/usr/bin/env python3
"""Open many short UDP flows at once, for the flow-setup benchmark.

    udpburst.py DST PORT NFLOWS SPORT0 [--min K] [--rate PPS] [--size B]
                [--ready FILE] [--go FILE | --go-ping ADDR] [--stop FILE]
                [--max S]

Flow i is the UDP flow SPORT0+i -> DST:PORT, one socket each.  Every flow
first sends "hello" until `udpflow.py recv` answers it (so conntrack sees
both directions and the flowtable takes the flow), then datagrams of B
payload bytes.  The flows are served round robin, one datagram each per
round, so all of them progress together; the whole burst is capped at PPS
datagrams per second (0: as fast as this process can send).

The reply direction only ever sees the answers to the hellos (one packet
per flow unless a hello had to be repeated), far below the PPE's bind
threshold: only the original direction of each flow can be bound.

With --ready, the file is created once the sockets are open; with --go, the
burst waits for that file to exist, with --go-ping for an ICMP echo request
from ADDR (so the router can start the burst at a moment of its own clock).  It stops when every flow was answered
and sent at least K data datagrams, and, with --stop, not before that file
exists (at most --max seconds in all).  Prints one line:
    "burst flows N answered A hellos H all_answered_s T datagrams D
     min_per_flow M seconds S"
(T: when the last flow was answered, -1 if one never was).
"""
import argparse
import os
import select
import socket
import sys
import time

HELLO = b"hello"
HELLO_RETRY = 0.25


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dst")
    ap.add_argument("port", type=int)
    ap.add_argument("nflows", type=int)
    ap.add_argument("sport0", type=int)
    ap.add_argument("--min", type=int, default=15, help="data datagrams per flow")
    ap.add_argument("--rate", type=float, default=0, help="datagrams/s, 0: unpaced")
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--ready")
    ap.add_argument("--go")
    ap.add_argument("--go-ping")
    ap.add_argument("--stop")
    ap.add_argument("--max", type=float, default=60)
    a = ap.parse_args()

    dst = (a.dst, a.port)
    socks = []
    ep = select.epoll()
    for i in range(a.nflows):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", a.sport0 + i))
        s.connect(dst)
        s.setblocking(False)
        ep.register(s.fileno(), select.EPOLLIN)
        socks.append(s)
    index = {s.fileno(): i for i, s in enumerate(socks)}
    icmp = None
    if a.go_ping:
        icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    if a.ready:
        open(a.ready, "w").close()
    if a.go:
        while not os.path.exists(a.go):
            time.sleep(0.005)
    if icmp:
        want = socket.inet_aton(a.go_ping)
        while True:
            pkt = icmp.recv(2048)
            ihl = (pkt[0] & 0x0f) * 4
            if pkt[12:16] == want and len(pkt) > ihl and pkt[ihl] == 8:
                break
        icmp.close()

    answered = [False] * a.nflows
    last_hello = [-1.0] * a.nflows
    sent = [0] * a.nflows
    hellos = datagrams = 0
    payload = b"x" * a.size
    start = time.monotonic()
    n_answered = 0
    answered_s = -1.0
    while True:
        now = time.monotonic()
        for i, s in enumerate(socks):
            try:
                if answered[i]:
                    s.send(payload)
                    sent[i] += 1
                    datagrams += 1
                elif now - last_hello[i] >= HELLO_RETRY:
                    s.send(HELLO)
                    last_hello[i] = now
                    hellos += 1
            except (BlockingIOError, OSError):
                pass  # a full queue on the way out: the round goes on
        for fd, _ in ep.poll(0):
            i = index[fd]
            try:
                while True:
                    socks[i].recv(64)
                    if not answered[i]:
                        answered[i] = True
                        n_answered += 1
                        if n_answered == a.nflows:
                            answered_s = time.monotonic() - start
            except (BlockingIOError, OSError):
                pass
        elapsed = time.monotonic() - start
        if a.rate > 0:
            ahead = (hellos + datagrams) / a.rate - elapsed
            if ahead > 0:
                time.sleep(ahead)
        done = n_answered == a.nflows and min(sent) >= a.min
        if done and (not a.stop or os.path.exists(a.stop)):
            break
        if elapsed > a.max:
            break
    print(f"burst flows {a.nflows} answered {n_answered} hellos {hellos} "
          f"all_answered_s {answered_s:.3f} datagrams {datagrams} "
          f"min_per_flow {min(sent)} seconds {time.monotonic() - start:.3f}",
          flush=True)
    return 0 if n_answered == a.nflows else 1


if __name__ == "__main__":
    sys.exit(main())
