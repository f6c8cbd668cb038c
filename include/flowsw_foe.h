/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * flowsw PPE flow offload entry (FOE) table, MIB table and hash.
 *
 * The FOE table is FOE_ENTRIES entries of 96 bytes in memory the driver
 * allocates; PPE_TB_BASE points at it.  A flow hashes to a bucket of
 * FOE_BUCKET_WAYS consecutive entries.  The hardware learns an UNBIND entry
 * for a new flow, counts its hits and, at the bind-rate threshold, reports
 * the entry's index to the CPU in the RX descriptor.  The driver then writes
 * the complete entry in BIND state at that index (ib1 last) and clears the
 * PPE cache; from then on the PPE forwards the flow itself.
 *
 * Words are little-endian.  Addresses and ports are stored as numbers
 * (192.0.2.1 is 0xc0000201), MAC addresses big-endian split into hi/lo.
 */
#ifndef FLOWSW_FOE_H
#define FLOWSW_FOE_H

#include "flowsw_compat.h"

#define FOE_ENTRIES			16384	/* the largest table */
#define FOE_ENTRIES_MIN			1024
#define FOE_ENTRY_SIZE			96
#define FOE_ENTRY_WORDS			(FOE_ENTRY_SIZE / 4)
#define FOE_BUCKET_WAYS			4
#define FOE_HASH_MASK			(FOE_ENTRIES - 1)

/* Entries of a table of PPE_TB_CFG_ENTRY_NUM @n, as MediaTek's field */
static inline u32 foe_table_entries(u32 n)
{
	return n < 4 ? FOE_ENTRIES_MIN << n : FOE_ENTRIES;
}

/* ib1: state and packet type for every entry */
#define FOE_IB1_TIMESTAMP		GENMASK(7, 0)	/* FE_FOE_TS[7:0] at last hit */
#define FOE_IB1_UNBIND_PACKETS		GENMASK(21, 8)	/* UNBIND: hits, saturating */
#define FOE_IB1_BIND_VLAN_LAYER		GENMASK(16, 14)	/* BIND: tags to push */
#define FOE_IB1_BIND_PPPOE		BIT(17)		/* BIND: push PPPoE session */
#define FOE_IB1_BIND_VLAN_TAG		BIT(18)		/* BIND: 0: layer 1 is the special tag */
#define FOE_IB1_BIND_CACHE		BIT(20)
#define FOE_IB1_BIND_TTL		BIT(22)		/* BIND: decrement TTL/hop limit */
#define FOE_IB1_PACKET_TYPE		GENMASK(27, 23)
#define FOE_IB1_STATE			GENMASK(29, 28)
#define FOE_IB1_UDP			BIT(30)
#define FOE_IB1_STATIC			BIT(31)		/* never aged */

#define FOE_PKT_TYPE_IPV4_HNAPT		0
#define FOE_PKT_TYPE_IPV4_ROUTE		1
#define FOE_PKT_TYPE_IPV6_ROUTE_3T	4
#define FOE_PKT_TYPE_IPV6_ROUTE_5T	5

/* The port word of ROUTE and 3T entries is this | protocol, also hashed */
#define FOE_ROUTE_PORTS_PAD		0xa5a5a500

#define FOE_STATE_INVALID		0
#define FOE_STATE_UNBIND		1
#define FOE_STATE_BIND			2
#define FOE_STATE_FIN			3

/* ib2: where a BIND entry sends its packets */
#define FOE_IB2_QID			GENMASK(6, 0)
#define FOE_IB2_DEST_PORT		GENMASK(12, 9)	/* PSE_PORT_* */
#define FOE_IB2_MULTICAST		BIT(13)
#define FOE_IB2_MIB_CNT			BIT(15)	/* the MIB counts this entry */

/* l2.etype with a special tag (ib1 VLAN_TAG clear): port mask and TPID kind */
#define FOE_ETYPE_STAG_PORTS		GENMASK(5, 0)
#define FOE_ETYPE_STAG_TPID_8100	BIT(8)		/* vlan1 is a VLAN TCI */

/**
 * struct foe_mac_info - the L2 header a BIND entry builds on egress
 * @vlan1: TCI of the first pushed layer
 * @etype: ethertype, or the special tag when ib1 VLAN_TAG is clear
 * @dest_mac_hi: destination MAC bytes 0..3
 * @vlan2: TCI of the second pushed layer
 * @dest_mac_lo: destination MAC bytes 4..5
 * @src_mac_hi: source MAC bytes 0..3
 * @pppoe_id: PPPoE session id, with ib1 PPPOE
 * @src_mac_lo: source MAC bytes 4..5
 * @minfo: reserved
 * @winfo: reserved
 */
struct foe_mac_info {
	u16 vlan1;
	u16 etype;
	u32 dest_mac_hi;
	u16 vlan2;
	u16 dest_mac_lo;
	u32 src_mac_hi;
	u16 pppoe_id;
	u16 src_mac_lo;
	u16 minfo;
	u16 winfo;
};

/**
 * struct foe_ipv4_tuple - IPv4 addresses and ports
 * @src_ip: source address
 * @dest_ip: destination address
 * @dest_port: destination port (HNAPT)
 * @src_port: source port (HNAPT)
 * @protocol: IP protocol (ROUTE)
 * @_pad: the rest of the port word (ROUTE): FOE_ROUTE_PORTS_PAD
 * @ports: the port word as hashed
 */
struct foe_ipv4_tuple {
	u32 src_ip;
	u32 dest_ip;
	union {
		struct {
			u16 dest_port;
			u16 src_port;
		};
		struct {
			u8 protocol;
			u8 _pad[3];
		};
		u32 ports;
	};
};

/**
 * struct foe_ipv4 - IPv4 HNAPT and ROUTE entries
 * @ib1: state, type and bind options
 * @orig: the tuple matched on ingress
 * @ib2: egress port
 * @new: the tuple after NAT (HNAPT; equal to @orig without NAT)
 * @_rsv0: reserved
 * @udf_tsid: reserved
 * @l2: egress L2 header
 */
struct foe_ipv4 {
	u32 ib1;
	struct foe_ipv4_tuple orig;
	u32 ib2;
	struct foe_ipv4_tuple new;
	u32 _rsv0[2];
	u32 udf_tsid;
	struct foe_mac_info l2;
};

/**
 * struct foe_ipv6 - IPv6 ROUTE 3T and 5T entries
 * @ib1: state, type and bind options
 * @src_ip: source address, word 0 most significant
 * @dest_ip: destination address
 * @dest_port: destination port (5T)
 * @src_port: source port (5T)
 * @protocol: IP protocol (3T); the rest of the word is FOE_ROUTE_PORTS_PAD
 * @_pad: unused bytes of the port word (3T)
 * @ports: the port word as hashed
 * @_rsv: reserved
 * @udf: reserved
 * @ib2: egress port
 * @l2: egress L2 header
 */
struct foe_ipv6 {
	u32 ib1;
	u32 src_ip[4];
	u32 dest_ip[4];
	union {
		struct {
			u16 dest_port;
			u16 src_port;
		};
		struct {
			u8 protocol;
			u8 _pad[3];
		};
		u32 ports;
	};
	u32 _rsv[3];
	u32 udf;
	u32 ib2;
	struct foe_mac_info l2;
};

/**
 * struct foe_entry - one 96-byte FOE table entry
 * @ib1: common first word
 * @ipv4: IPv4 view
 * @ipv6: IPv6 view
 * @data: raw words
 */
struct foe_entry {
	union {
		u32 ib1;
		struct foe_ipv4 ipv4;
		struct foe_ipv6 ipv6;
		u32 data[FOE_ENTRY_WORDS];
	};
};

/*
 * MIB table: one 16-byte counter block per FOE entry at PPE_MIB_TB_BASE,
 * updated by the PPE for every packet it forwards.  The words have the
 * layout of PPE_MIB_SER_R0..R2.
 */
#define FOE_MIB_ENTRY_SIZE		16

/**
 * struct foe_mib_entry - packet and byte counters of one FOE entry
 * @bytes_lo: bytes[31:0]
 * @r1: PPE_MIB_SER_R1_BYTES_HI and PPE_MIB_SER_R1_PKTS_LO
 * @r2: PPE_MIB_SER_R2_PKTS_HI
 * @_rsv: reserved
 */
struct foe_mib_entry {
	u32 bytes_lo;
	u32 r1;
	u32 r2;
	u32 _rsv;
};

static inline u32 foe_entry_state(const struct foe_entry *e)
{
	return FIELD_GET(FOE_IB1_STATE, e->ib1);
}

static inline u32 foe_entry_type(const struct foe_entry *e)
{
	return FIELD_GET(FOE_IB1_PACKET_TYPE, e->ib1);
}

static inline bool foe_type_is_ipv6(u32 type)
{
	return type == FOE_PKT_TYPE_IPV6_ROUTE_3T ||
	       type == FOE_PKT_TYPE_IPV6_ROUTE_5T;
}

static inline struct foe_mac_info *foe_entry_l2(struct foe_entry *e)
{
	return foe_type_is_ipv6(foe_entry_type(e)) ? &e->ipv6.l2 : &e->ipv4.l2;
}

static inline u32 *foe_entry_ib2(struct foe_entry *e)
{
	return foe_type_is_ipv6(foe_entry_type(e)) ? &e->ipv6.ib2 : &e->ipv4.ib2;
}

/**
 * foe_hash() - the bucket index of an entry's ingress tuple
 * @e: entry with ib1 packet type and tuple filled in (ROUTE/3T: the port
 *     word padded with FOE_ROUTE_PORTS_PAD)
 *
 * Folds the tuple into three words and mixes them the way the MediaTek PPE
 * does (mtk_ppe_hash_entry()), then scales the result to the first way of a
 * bucket.  PPE_HASH_SEED does not enter it, as in MediaTek's driver.
 *
 * Return: index of the bucket's first entry in the largest table (a smaller
 * table takes the low bits: AND it with entries - 1), or FOE_HASH_MASK for
 * a type that has no hash.
 */
static inline u32 foe_hash(const struct foe_entry *e)
{
	u32 hv1, hv2, hv3, hash;

	switch (foe_entry_type(e)) {
	case FOE_PKT_TYPE_IPV4_HNAPT:
	case FOE_PKT_TYPE_IPV4_ROUTE:
		hv1 = e->ipv4.orig.ports;
		hv2 = e->ipv4.orig.dest_ip;
		hv3 = e->ipv4.orig.src_ip;
		break;
	case FOE_PKT_TYPE_IPV6_ROUTE_3T:
	case FOE_PKT_TYPE_IPV6_ROUTE_5T:
		hv1 = e->ipv6.src_ip[3] ^ e->ipv6.dest_ip[3] ^ e->ipv6.ports;
		hv2 = e->ipv6.src_ip[2] ^ e->ipv6.dest_ip[2] ^ e->ipv6.dest_ip[0];
		hv3 = e->ipv6.src_ip[1] ^ e->ipv6.dest_ip[1] ^ e->ipv6.src_ip[0];
		break;
	default:
		return FOE_HASH_MASK;
	}

	hash = (hv1 & hv2) | (~hv1 & hv3);
	hash = (hash >> 24) | ((hash & 0xffffff) << 8);
	hash ^= hv1 ^ hv2 ^ hv3;
	hash ^= hash >> 16;
	hash *= FOE_BUCKET_WAYS;
	return hash & FOE_HASH_MASK;
}

#endif /* FLOWSW_FOE_H */
