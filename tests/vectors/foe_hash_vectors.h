/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
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

static const struct foe_hash_vector foe_hash_vectors[] = {
	/* IPv4 HNAPT TCP 192.168.1.2:40000 -> 8.8.8.8:443 */
	{ FOE_PKT_TYPE_IPV4_HNAPT, { 0xc0a80102, 0x00000000, 0x00000000, 0x00000000 },
	  { 0x08080808, 0x00000000, 0x00000000, 0x00000000 },
	  40000, 443, 0, 0x3064 },
	/* IPv4 HNAPT TCP 192.168.1.2:40001 -> 8.8.8.8:443 */
	{ FOE_PKT_TYPE_IPV4_HNAPT, { 0xc0a80102, 0x00000000, 0x00000000, 0x00000000 },
	  { 0x08080808, 0x00000000, 0x00000000, 0x00000000 },
	  40001, 443, 0, 0x3060 },
	/* IPv4 HNAPT UDP 10.0.0.2:1024 -> 198.51.100.7:53 */
	{ FOE_PKT_TYPE_IPV4_HNAPT, { 0x0a000002, 0x00000000, 0x00000000, 0x00000000 },
	  { 0xc6336407, 0x00000000, 0x00000000, 0x00000000 },
	  1024, 53, 0, 0x2c34 },
	/* IPv4 HNAPT extreme values */
	{ FOE_PKT_TYPE_IPV4_HNAPT, { 0xffffffff, 0x00000000, 0x00000000, 0x00000000 },
	  { 0x00000000, 0x00000000, 0x00000000, 0x00000000 },
	  65535, 0, 0, 0x0000 },
	/* IPv4 ROUTE ICMP */
	{ FOE_PKT_TYPE_IPV4_ROUTE, { 0xc0a80102, 0x00000000, 0x00000000, 0x00000000 },
	  { 0x08080808, 0x00000000, 0x00000000, 0x00000000 },
	  0, 0, 1, 0x2d38 },
	/* IPv4 ROUTE GRE */
	{ FOE_PKT_TYPE_IPV4_ROUTE, { 0xac100001, 0x00000000, 0x00000000, 0x00000000 },
	  { 0xcb007105, 0x00000000, 0x00000000, 0x00000000 },
	  0, 0, 47, 0x0cd8 },
	/* IPv6 5T 2001:db8::2 -> 2001:db8:1::7 TCP */
	{ FOE_PKT_TYPE_IPV6_ROUTE_5T, { 0x20010db8, 0x00000000, 0x00000000, 0x00000002 },
	  { 0x20010db8, 0x00010000, 0x00000000, 0x00000007 },
	  40000, 80, 0, 0x10e4 },
	/* IPv6 5T UDP */
	{ FOE_PKT_TYPE_IPV6_ROUTE_5T, { 0x20010db8, 0x11112222, 0x33334444, 0x55556666 },
	  { 0x2a001450, 0x40010808, 0x00000000, 0x0000200e },
	  5353, 5353, 0, 0x3f74 },
	/* IPv6 3T ICMPv6 */
	{ FOE_PKT_TYPE_IPV6_ROUTE_3T, { 0x20010db8, 0x00000000, 0x00000000, 0x00000002 },
	  { 0x20010db8, 0x00010000, 0x00000000, 0x00000007 },
	  0, 0, 58, 0x26d8 },
	/* IPv6 3T UDP */
	{ FOE_PKT_TYPE_IPV6_ROUTE_3T, { 0xfe800000, 0x00000000, 0x021122ff, 0xfe334455 },
	  { 0xff020000, 0x00000000, 0x00000000, 0x00000001 },
	  0, 0, 17, 0x3188 },
};

#endif /* FOE_HASH_VECTORS_H */
