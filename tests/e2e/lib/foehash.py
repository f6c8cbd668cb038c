#!/usr/bin/env python3
"""Source ports whose IPv4 HNAPT flows share one PPE bucket.

    foehash.py SEED SRC DST DPORT N
        print N source ports (space separated) whose flows SRC:sport ->
        DST:DPORT hash to the same bucket under PPE_HASH_SEED SEED.

The hash is written here from the hardware reference, independently of
include/flowsw_foe.h, so a wrong hash in the driver or model shows.
"""
import ipaddress
import sys

M32 = 0xffffffff


def bucket(src, dst, sport, dport, seed):
    hv1 = (sport << 16) | dport
    hv2, hv3 = dst, src
    h = (hv1 & hv2) | (~hv1 & M32 & hv3)
    h = ((h >> 24) | ((h & 0xffffff) << 8)) & M32
    h ^= hv1 ^ hv2 ^ hv3 ^ seed
    h ^= h >> 16
    return (h * 4) & 0x3fff


def main():
    seed = int(sys.argv[1], 0)
    src = int(ipaddress.IPv4Address(sys.argv[2]))
    dst = int(ipaddress.IPv4Address(sys.argv[3]))
    dport, n = int(sys.argv[4]), int(sys.argv[5])
    seen = {}
    for sport in range(20000, 65536):
        ports = seen.setdefault(bucket(src, dst, sport, dport, seed), [])
        ports.append(sport)
        if len(ports) == n:
            print(" ".join(map(str, ports)))
            return
    sys.exit("foehash: no bucket with enough ports")


if __name__ == "__main__":
    main()
