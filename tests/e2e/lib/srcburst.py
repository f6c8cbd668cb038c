#!/usr/bin/env python3
"""Frames from many source MAC addresses at once, for FDB learning tests.

    srcburst.py IFACE DST N

Sends N frames on IFACE to the MAC address DST, each from its own locally
administered source address 02:5a:00:00:HH:LL (1 .. N), back to back, so
that a switch learns N addresses faster than its learn events can be
read.  Prints "sent N frames" and each source address, one a line.
"""
import socket
import struct
import sys

ETH_P_LOCAL_EXP = 0x88b5     # IEEE local experimental EtherType


def source(i):
    return bytes([0x02, 0x5a, 0, 0, i >> 8, i & 0xff])


def main():
    iface, dst, n = sys.argv[1], bytes.fromhex(sys.argv[2].replace(":", "")), int(sys.argv[3])
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    for i in range(1, n + 1):
        frame = dst + source(i) + struct.pack("!H", ETH_P_LOCAL_EXP) + b"flowsw fdb test"
        s.send(frame.ljust(60, b"\0"))
    print(f"sent {n} frames")
    for i in range(1, n + 1):
        print(":".join(f"{b:02x}" for b in source(i)))


if __name__ == "__main__":
    main()
