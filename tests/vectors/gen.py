#!/usr/bin/env python3
"""Write foe_hash_vectors.h: known answers of the MediaTek PPE hash.

    tests/vectors/gen.py > tests/vectors/foe_hash_vectors.h

The answers come from tests/e2e/lib/foehash.py, written from the hardware
reference and not from include/flowsw_foe.h, which they test.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e", "lib"))
import foehash as fh  # noqa: E402

NAMES = {fh.HNAPT: "FOE_PKT_TYPE_IPV4_HNAPT", fh.ROUTE: "FOE_PKT_TYPE_IPV4_ROUTE",
         fh.ROUTE_3T: "FOE_PKT_TYPE_IPV6_ROUTE_3T", fh.ROUTE_5T: "FOE_PKT_TYPE_IPV6_ROUTE_5T"}

# comment, type, src words, dst words, sport, dport, protocol
VECTORS = [
    ("IPv4 HNAPT TCP 192.168.1.2:40000 -> 8.8.8.8:443", fh.HNAPT,
     [0xc0a80102], [0x08080808], 40000, 443, 0),
    ("IPv4 HNAPT TCP 192.168.1.2:40001 -> 8.8.8.8:443", fh.HNAPT,
     [0xc0a80102], [0x08080808], 40001, 443, 0),
    ("IPv4 HNAPT UDP 10.0.0.2:1024 -> 198.51.100.7:53", fh.HNAPT,
     [0x0a000002], [0xc6336407], 1024, 53, 0),
    ("IPv4 HNAPT extreme values", fh.HNAPT, [0xffffffff], [0x00000000], 65535, 0, 0),
    ("IPv4 ROUTE ICMP", fh.ROUTE, [0xc0a80102], [0x08080808], 0, 0, 1),
    ("IPv4 ROUTE GRE", fh.ROUTE, [0xac100001], [0xcb007105], 0, 0, 47),
    ("IPv6 5T 2001:db8::2 -> 2001:db8:1::7 TCP", fh.ROUTE_5T,
     [0x20010db8, 0, 0, 2], [0x20010db8, 0x00010000, 0, 7], 40000, 80, 0),
    ("IPv6 5T UDP", fh.ROUTE_5T, [0x20010db8, 0x11112222, 0x33334444, 0x55556666],
     [0x2a001450, 0x40010808, 0, 0x0000200e], 5353, 5353, 0),
    ("IPv6 3T ICMPv6", fh.ROUTE_3T,
     [0x20010db8, 0, 0, 2], [0x20010db8, 0x00010000, 0, 7], 0, 0, 58),
    ("IPv6 3T UDP", fh.ROUTE_3T, [0xfe800000, 0, 0x021122ff, 0xfe334455],
     [0xff020000, 0, 0, 1], 0, 0, 17),
]

print("""/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Known answers for foe_hash(), shared by the model's host tests and the
 * kernel KUnit tests.  Written by tests/vectors/gen.py from an independent
 * implementation of the MediaTek PPE hash (not by foe_hash() itself).
 * Addresses are numbers, IPv6 word 0 most significant; HNAPT/5T hash
 * dest_port | src_port << 16, ROUTE/3T 0xa5a5a500 | protocol, as
 * mtk_foe_entry_prepare() pads them.  There is no seed.
 */
#ifndef FOE_HASH_VECTORS_H
#define FOE_HASH_VECTORS_H

#include "flowsw_foe.h"

struct foe_hash_vector {
	u32 type;		/* FOE_PKT_TYPE_* */
	u32 src_ip[4];		/* IPv4: [0] only */
	u32 dest_ip[4];
	u16 src_port;		/* HNAPT, 5T */
	u16 dest_port;
	u8 protocol;		/* ROUTE, 3T */
	u32 index;		/* expected bucket index */
};

static const struct foe_hash_vector foe_hash_vectors[] = {""")
for comment, kind, src, dst, sport, dport, proto in VECTORS:
    ipv4 = len(src) == 1
    ports = fh.port_word(kind, sport, dport, proto)
    index = fh.bucket(kind, src[0] if ipv4 else src, dst[0] if ipv4 else dst, ports)
    s4 = (src + [0, 0, 0])[:4]
    d4 = (dst + [0, 0, 0])[:4]
    words = lambda w: ", ".join(f"0x{x:08x}" for x in w)  # noqa: E731
    print(f"\t/* {comment} */")
    print(f"\t{{ {NAMES[kind]}, {{ {words(s4)} }},")
    print(f"\t  {{ {words(d4)} }},")
    print(f"\t  {sport}, {dport}, {proto}, 0x{index:04x} }},")
print("""};

#endif /* FOE_HASH_VECTORS_H */""")
