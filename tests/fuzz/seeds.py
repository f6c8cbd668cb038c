#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the seed inputs of fuzz_core.c into seeds-fuzz_core/ (committed):
a driver's setup, then the frames and register writes of the unit tests'
main paths, so the fuzzer starts deep in the PPE instead of finding the
setup by chance.  Run it again after changing the input format."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "seeds-fuzz_core")
MAC_ROUTER = bytes([2, 0, 0, 0, 0, 0xfe])
MAC_HOST = bytes([2, 0, 0, 0, 0, 1])
MAC_WANGW = bytes([2, 0, 0, 0, 1, 1])


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def ipv4(proto, src, dst, l4):
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 1, 0, 64, proto, 0,
                      bytes(src), bytes(dst))
    return hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:] + l4


def l4(proto, src, dst, sport, dport, payload, flags=0x10):
    pseudo = struct.pack("!4s4sBBH", bytes(src), bytes(dst), 0, proto, 0)
    if proto == 6:
        seg = struct.pack("!HHIIBBHHH", sport, dport, 1000, 1, 5 << 4, flags, 65535, 0, 0)
        seg += payload
        at = 16
    else:
        seg = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
        at = 6
    pseudo = pseudo[:10] + struct.pack("!H", len(seg))
    c = csum(pseudo + seg) or 0xffff
    return seg[:at] + struct.pack("!H", c) + seg[at + 2:]


def frame(dmac, smac, proto, src, dst, sport, dport, payload=b"x" * 64, vlan=None):
    eth = dmac + smac
    if vlan is not None:
        eth += struct.pack("!HH", 0x8100, vlan)
    return eth + b"\x08\x00" + ipv4(proto, src, dst, l4(proto, src, dst, sport, dport, payload))


def rx(wire, f):
    return bytes([4, wire]) + struct.pack("<H", len(f)) + f


def fe_wr(sel, val):
    return bytes([0, sel]) + struct.pack("<I", val)


LAN_TCP = frame(MAC_ROUTER, MAC_HOST, 6, [192, 168, 1, 2], [198, 51, 100, 7], 40000, 80)
WAN_UDP = frame(MAC_ROUTER, MAC_WANGW, 17, [198, 51, 100, 7], [203, 0, 113, 1], 53, 50000)
LAN_UDP_VLAN = frame(MAC_ROUTER, MAC_HOST, 17, [192, 168, 1, 2], [198, 51, 100, 7],
                     40001, 53, vlan=10)
TICK, RECYCLE, READS = b"\x06", b"\x08", b"\x09"

seeds = {
    # a lan flow learnt, reported, and the rings recycled
    "lan_learn": b"\x01" + rx(0, LAN_TCP) * 4 + RECYCLE + READS,
    "lan_learn_cache": b"\x03" + rx(0, LAN_TCP) * 4 + RECYCLE + TICK + READS,
    "wan_udp": b"\x01" + rx(4, WAN_UDP) * 3 + RECYCLE + TICK + READS,
    "vlan": b"\x01" + rx(1, LAN_UDP_VLAN) * 3 + RECYCLE,
    # the CPU sends to the wan GMAC and to the switch
    "tx": b"\x01" + bytes([3, 2]) + struct.pack("<H", len(WAN_UDP)) + WAN_UDP
          + bytes([3, 1]) + struct.pack("<H", len(LAN_TCP)) + LAN_TCP + READS,
    # a GSO frame from a lan host: 1448-byte segments of a 4344-byte payload
    "gso": b"\x01" + bytes([5, 0]) + struct.pack("<HH", 1448, 34)
           + struct.pack("<H", len(LAN_TCP) + 4344 - 64)
           + frame(MAC_ROUTER, MAC_HOST, 6, [192, 168, 1, 2], [198, 51, 100, 7], 40000, 80,
                   payload=b"y" * 4344),
    # link flaps and a reset in the middle of traffic
    "link_reset": b"\x01" + rx(0, LAN_TCP) + bytes([7, 0, 0]) + rx(0, LAN_TCP)
                  + bytes([7, 0, 1]) + b"\x0a" + rx(0, LAN_TCP) + READS,
    # raw registers: PPE config and an FOE entry written by hand
    "regs": b"\x00" + fe_wr(0xc0, 1) + fe_wr(0xc2, 4) + fe_wr(0xca, 3)
            + bytes([2]) + struct.pack("<I", 0x40000)[:3] + bytes([16]) + b"\x01" * 16 + READS,
}

os.makedirs(OUT, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
print(f"{len(seeds)} seeds in {OUT}")
