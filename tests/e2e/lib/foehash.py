#!/usr/bin/env python3
"""The MediaTek PPE hash, and source ports whose flows share one bucket.

    foehash.py SRC DST DPORT N
        print N source ports (space separated) whose IPv4 HNAPT flows
        SRC:sport -> DST:DPORT hash to the same bucket.
    foehash.py fill SRC DST DPORT ENTRIES EXTRA
        print source ports whose flows put 4 into every bucket of a table
        of ENTRIES entries, then EXTRA more, each into a bucket already full.
    foehash.py ports N SEED
        print N distinct source ports from 1024 up, drawn at random (from
        SEED), as a host's would be.
    foehash.py fit SRC DST DPORT NAT ENTRIES SPORT...
        the UDP connections SRC:sport -> DST:DPORT, masqueraded to NAT
        (keeping sport), one entry per direction in a table of ENTRIES:
        print how many entries they are and how many of them the buckets
        hold at most (4 to a bucket).

The hash is written here from the hardware reference (mtk_ppe_hash_entry()
and mtk_foe_entry_prepare() in Linux 6.12), independently of
include/flowsw_foe.h, so a wrong hash in the driver or model shows.  It has
no seed: PPE_HASH_SEED does not enter it.  tests/vectors/gen.py makes the
shared known answers with it.
"""
import ipaddress
import random
import sys

M32 = 0xffffffff
ENTRIES = 16384
WAYS = 4
ROUTE_PAD = 0xa5a5a500      # the port word of ROUTE and 3T entries, | protocol

HNAPT, ROUTE, ROUTE_3T, ROUTE_5T = 0, 1, 4, 5


def port_word(kind, sport=0, dport=0, proto=0):
    """The entry's port word: ports for HNAPT and 5T, else pad | protocol."""
    if kind in (HNAPT, ROUTE_5T):
        return (sport << 16) | dport
    return ROUTE_PAD | proto


def bucket(kind, src, dst, ports):
    """First index of the bucket.  IPv4: src, dst are ints; IPv6: 4 words
    each, word 0 most significant."""
    if kind in (HNAPT, ROUTE):
        hv1, hv2, hv3 = ports, dst, src
    else:
        hv1 = src[3] ^ dst[3] ^ ports
        hv2 = src[2] ^ dst[2] ^ dst[0]
        hv3 = src[1] ^ dst[1] ^ src[0]
    h = (hv1 & hv2) | (~hv1 & M32 & hv3)
    h = ((h >> 24) | ((h & 0xffffff) << 8)) & M32
    h ^= hv1 ^ hv2 ^ hv3
    h ^= h >> 16
    return (h * WAYS) & (ENTRIES - 1)


def fill(src, dst, dport, entries, extra):
    """Ports: WAYS flows for every bucket of a table of ENTRIES, then EXTRA."""
    per, ports, more = {}, [], []
    for sport in range(1024, 65536):
        b = bucket(HNAPT, src, dst, port_word(HNAPT, sport, dport)) & (entries - 1)
        n = per.get(b, 0)
        if n < WAYS:
            ports.append(sport)
        elif len(more) < extra:
            more.append(sport)
        per[b] = n + 1
        if len(ports) == entries and len(more) == extra:
            return ports + more
    sys.exit("foehash: not enough ports to fill the table")


def fit(src, dst, dport, nat, entries, sports):
    """(entries asked for, most the buckets hold) for the connections."""
    per = {}
    for sport in sports:
        orig = bucket(HNAPT, src, dst, port_word(HNAPT, sport, dport))
        reply = bucket(HNAPT, dst, nat, port_word(HNAPT, dport, sport))
        for b in (orig & (entries - 1), reply & (entries - 1)):
            per[b] = per.get(b, 0) + 1
    return 2 * len(sports), sum(min(n, WAYS) for n in per.values())


def main():
    if sys.argv[1] == "ports":
        print(*random.Random(int(sys.argv[3])).sample(range(1024, 65536), int(sys.argv[2])))
        return
    if sys.argv[1] == "fit":
        a = sys.argv[2:]
        ip = [int(ipaddress.IPv4Address(x)) for x in (a[0], a[1], a[3])]
        print(*fit(ip[0], ip[1], int(a[2]), ip[2], int(a[4]), [int(p) for p in a[5:]]))
        return
    if sys.argv[1] == "fill":
        a = sys.argv[2:]
        ports = fill(int(ipaddress.IPv4Address(a[0])), int(ipaddress.IPv4Address(a[1])),
                     int(a[2]), int(a[3]), int(a[4]))
        print(" ".join(map(str, ports)))
        return
    src = int(ipaddress.IPv4Address(sys.argv[1]))
    dst = int(ipaddress.IPv4Address(sys.argv[2]))
    dport, n = int(sys.argv[3]), int(sys.argv[4])
    seen = {}
    for sport in range(20000, 65536):
        ports = seen.setdefault(bucket(HNAPT, src, dst, port_word(HNAPT, sport, dport)), [])
        ports.append(sport)
        if len(ports) == n:
            print(" ".join(map(str, ports)))
            return
    sys.exit("foehash: no bucket with enough ports")


if __name__ == "__main__":
    main()
