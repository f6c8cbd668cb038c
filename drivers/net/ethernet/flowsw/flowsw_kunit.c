// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the flowsw flow offload library: the FOE hash against the
 * vectors shared with the QEMU model, the translation of nftables flowtable
 * and tc flower rules into FOE entries with every refusal, the counter
 * arithmetic, and the PPE table engine running on a fake register file and
 * FOE table.
 *
 * The flow_rules are built the way net/netfilter/nf_flow_table_offload.c
 * builds them: same dissector keys, same mangle offset/mask/value encodings,
 * same action order.  The fake hardware plays the PPE's part: it learns
 * UNBIND entries, reports them, ages them, and records every cache clear.
 */
#include <kunit/test.h>
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tc_act/tc_csum.h>
#include <linux/tcp.h>
#include <net/flow_offload.h>
#include <net/tcp.h>

#include "flowsw_desc.h"
#include "flowsw_flow.h"
#include "flowsw_ppe.h"
#include "flowsw_regs.h"
#include "foe_hash_vectors.h"

/* As flowsw_ppe.c: reports of one index are acted on at most this often. */
#define FSW_REPORT_INTERVAL	(HZ / 10)
/* As NF_FLOW_RULE_ACTION_MAX */
#define FSW_ACTIONS_MAX		24
#define FSW_NREGS		((PPE_FWD_CNT + 4) / 4)

/* ifindexes the fake device accepts as PPE ingress */
#define FSW_IFINDEX_WAN		2
#define FSW_IFINDEX_LAN(p)	(3 + (p))
#define FSW_IFINDEX_FOREIGN	42

#define FSW_IP(a, b, c, d)	((u32)(a) << 24 | (b) << 16 | (c) << 8 | (d))
#define FSW_LAN_HOST		FSW_IP(192, 168, 1, 100)
#define FSW_WAN_ADDR		FSW_IP(203, 0, 113, 5)
#define FSW_REMOTE		FSW_IP(8, 8, 8, 8)

static const u8 fsw_host_mac[ETH_ALEN] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const u8 fsw_router_mac[ETH_ALEN] = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };

KUNIT_DEFINE_ACTION_WRAPPER(fsw_kfree, kfree, const void *);
KUNIT_DEFINE_ACTION_WRAPPER(fsw_kvfree, kvfree, const void *);
KUNIT_DEFINE_ACTION_WRAPPER(fsw_ppe_cleanup, flowsw_ppe_cleanup,
			    struct flowsw_ppe *);

/* ---- hash vectors, same-flow and counter arithmetic --------------------- */

static void fsw_vector_entry(const struct foe_hash_vector *v,
			     struct foe_entry *e)
{
	int i;

	memset(e, 0, sizeof(*e));
	e->ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, v->type);
	if (foe_type_is_ipv6(v->type)) {
		for (i = 0; i < 4; i++) {
			e->ipv6.src_ip[i] = v->src_ip[i];
			e->ipv6.dest_ip[i] = v->dest_ip[i];
		}
		if (v->type == FOE_PKT_TYPE_IPV6_ROUTE_5T) {
			e->ipv6.src_port = v->src_port;
			e->ipv6.dest_port = v->dest_port;
		} else {
			e->ipv6.ports = FOE_ROUTE_PORTS_PAD | v->protocol;
		}
	} else {
		e->ipv4.orig.src_ip = v->src_ip[0];
		e->ipv4.orig.dest_ip = v->dest_ip[0];
		if (v->type == FOE_PKT_TYPE_IPV4_HNAPT) {
			e->ipv4.orig.src_port = v->src_port;
			e->ipv4.orig.dest_port = v->dest_port;
		} else {
			e->ipv4.orig.ports = FOE_ROUTE_PORTS_PAD | v->protocol;
		}
	}
}

static void foe_hash_matches_shared_vectors(struct kunit *test)
{
	struct foe_entry e;
	size_t i;

	KUNIT_ASSERT_GT(test, ARRAY_SIZE(foe_hash_vectors), 0);
	for (i = 0; i < ARRAY_SIZE(foe_hash_vectors); i++) {
		const struct foe_hash_vector *v = &foe_hash_vectors[i];

		fsw_vector_entry(v, &e);
		KUNIT_EXPECT_EQ_MSG(test, foe_hash(&e), v->index,
				    "vector %zu (type %u)", i, v->type);
		KUNIT_EXPECT_EQ_MSG(test, v->index % FOE_BUCKET_WAYS, 0,
				    "vector %zu is not a bucket start", i);
	}
}

/* The worked example of Documentation/flowsw-hardware.rst */
static void foe_hash_matches_documented_example(struct kunit *test)
{
	struct foe_entry e = {};

	e.ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, FOE_PKT_TYPE_IPV4_HNAPT);
	e.ipv4.orig.src_ip = FSW_LAN_HOST;
	e.ipv4.orig.dest_ip = FSW_REMOTE;
	e.ipv4.orig.src_port = 40000;
	e.ipv4.orig.dest_port = 53;
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.ports, 0x9c400035);
	KUNIT_EXPECT_EQ(test, foe_hash(&e), 6080);
}

static void foe_hash_of_unhashed_type_is_mask(struct kunit *test)
{
	struct foe_entry e = {};

	e.ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, 2);
	KUNIT_EXPECT_EQ(test, foe_hash(&e), FOE_HASH_MASK);
	e.ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, 7);
	KUNIT_EXPECT_EQ(test, foe_hash(&e), FOE_HASH_MASK);
}

static void same_flow_tells_tcp_from_udp_hnapt(struct kunit *test)
{
	struct foe_entry a = {}, b;

	a.ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, FOE_PKT_TYPE_IPV4_HNAPT);
	a.ipv4.orig.src_ip = FSW_LAN_HOST;
	a.ipv4.orig.dest_ip = FSW_REMOTE;
	a.ipv4.orig.src_port = 5000;
	a.ipv4.orig.dest_port = 5000;
	b = a;
	KUNIT_EXPECT_TRUE(test, flowsw_foe_same_flow(&a, &b));
	b.ib1 |= FOE_IB1_UDP;
	KUNIT_EXPECT_FALSE(test, flowsw_foe_same_flow(&a, &b));
	b = a;
	b.ipv4.orig.dest_port++;
	KUNIT_EXPECT_FALSE(test, flowsw_foe_same_flow(&a, &b));
	/* NAT rewrites, L2 and state are not part of the key */
	b = a;
	b.ipv4.new.src_ip = FSW_WAN_ADDR;
	b.ipv4.l2.vlan1 = 7;
	b.ib1 |= FIELD_PREP(FOE_IB1_STATE, FOE_STATE_BIND) | FOE_IB1_BIND_TTL;
	KUNIT_EXPECT_TRUE(test, flowsw_foe_same_flow(&a, &b));
}

/*
 * The PPE keys ROUTE and 3T entries on the protocol byte; it learns them
 * without FOE_IB1_UDP, so the UDP bit must not keep them apart.
 */
static void same_flow_ignores_udp_bit_of_route_entries(struct kunit *test)
{
	struct foe_entry ours = {}, learnt;

	ours.ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, FOE_PKT_TYPE_IPV4_ROUTE) |
		   FIELD_PREP(FOE_IB1_STATE, FOE_STATE_BIND) | FOE_IB1_UDP;
	ours.ipv4.orig.src_ip = FSW_LAN_HOST;
	ours.ipv4.orig.dest_ip = FSW_REMOTE;
	ours.ipv4.orig.protocol = IPPROTO_UDP;
	learnt = ours;
	learnt.ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, FOE_PKT_TYPE_IPV4_ROUTE) |
		     FIELD_PREP(FOE_IB1_STATE, FOE_STATE_UNBIND);
	KUNIT_EXPECT_TRUE(test, flowsw_foe_same_flow(&ours, &learnt));
	learnt.ipv4.orig.protocol = IPPROTO_TCP;
	KUNIT_EXPECT_FALSE(test, flowsw_foe_same_flow(&ours, &learnt));

	memset(&ours, 0, sizeof(ours));
	ours.ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, FOE_PKT_TYPE_IPV6_ROUTE_3T) |
		   FOE_IB1_UDP;
	ours.ipv6.src_ip[0] = 0x20010db8;
	ours.ipv6.dest_ip[0] = 0x20010db9;
	ours.ipv6.protocol = IPPROTO_UDP;
	learnt = ours;
	learnt.ib1 &= ~FOE_IB1_UDP;
	KUNIT_EXPECT_TRUE(test, flowsw_foe_same_flow(&ours, &learnt));
}

static void mib_delta_wraps_48_bit_bytes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, flowsw_mib_delta(5000, 1000,
					       FLOWSW_MIB_BYTES_MASK), 4000);
	KUNIT_EXPECT_EQ(test, flowsw_mib_delta(5, GENMASK_ULL(47, 0) - 1,
					       FLOWSW_MIB_BYTES_MASK), 7);
	KUNIT_EXPECT_EQ(test, flowsw_mib_delta(0, GENMASK_ULL(47, 0),
					       FLOWSW_MIB_BYTES_MASK), 1);
	KUNIT_EXPECT_EQ(test, flowsw_mib_delta(1234, 1234,
					       FLOWSW_MIB_BYTES_MASK), 0);
}

static void mib_delta_wraps_40_bit_packets(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, flowsw_mib_delta(100, 40,
					       FLOWSW_MIB_PKTS_MASK), 60);
	KUNIT_EXPECT_EQ(test, flowsw_mib_delta(3, GENMASK_ULL(39, 0) - 2,
					       FLOWSW_MIB_PKTS_MASK), 6);
	/* a 48-bit wrap would be wrong for the 40-bit packet counter */
	KUNIT_EXPECT_NE(test, flowsw_mib_delta(3, GENMASK_ULL(39, 0) - 2,
					       FLOWSW_MIB_BYTES_MASK), 6);
}

/* ib1 timestamp helpers, out of line so failed expectations read well */
static u32 fsw_ts(u32 ib1)
{
	return FIELD_GET(FOE_IB1_TIMESTAMP, ib1);
}

static u32 fsw_with_ts(u32 ib1, u32 ts)
{
	return (ib1 & ~FOE_IB1_TIMESTAMP) | FIELD_PREP(FOE_IB1_TIMESTAMP, ts);
}

static void foe_idle_wraps_timestamp(struct kunit *test)
{
	u32 ib1 = fsw_with_ts(FIELD_PREP(FOE_IB1_STATE, FOE_STATE_BIND), 250);

	KUNIT_EXPECT_EQ(test, flowsw_foe_idle(3, ib1), 9);
	KUNIT_EXPECT_EQ(test, flowsw_foe_idle(250, ib1), 0);
	KUNIT_EXPECT_EQ(test, flowsw_foe_idle(255, ib1), 5);
	/* FE_FOE_TS is 16 bits; only its low byte is compared */
	KUNIT_EXPECT_EQ(test, flowsw_foe_idle(0x1234, fsw_with_ts(0, 0x30)), 4);
	KUNIT_EXPECT_EQ(test, flowsw_foe_idle(0x1200, fsw_with_ts(0, 0x01)), 255);
}

static struct kunit_case flowsw_foe_cases[] = {
	KUNIT_CASE(foe_hash_matches_shared_vectors),
	KUNIT_CASE(foe_hash_matches_documented_example),
	KUNIT_CASE(foe_hash_of_unhashed_type_is_mask),
	KUNIT_CASE(same_flow_tells_tcp_from_udp_hnapt),
	KUNIT_CASE(same_flow_ignores_udp_bit_of_route_entries),
	KUNIT_CASE(mib_delta_wraps_48_bit_bytes),
	KUNIT_CASE(mib_delta_wraps_40_bit_packets),
	KUNIT_CASE(foe_idle_wraps_timestamp),
	{}
};

static struct kunit_suite flowsw_foe_suite = {
	.name = "flowsw_foe",
	.test_cases = flowsw_foe_cases,
};

/* ---- test environment: fake ports and fake PPE -------------------------- */

/**
 * struct fsw_env - what a translation or engine test runs against
 * @test: the running test
 * @wan: the GMAC1 netdev
 * @lan: the switch user port netdevs behind GMAC0
 * @foreign: a netdev that is no flowsw port
 * @far: a port of the switch the special tag cannot name (index 6)
 * @ppe: the table engine, on @foe and the register file below
 * @foe: the fake FOE table
 * @regs: register file, by offset / 4
 * @cache_clears: PPE_CACHE_CTL writes with CLEAR
 * @watch: FOE index whose state each cache clear samples, or -1
 * @watch_state: state of @watch at the last cache clear
 * @watch_seen: BIT() of each state @watch had at a cache clear
 * @mib_entry: entry of the last MIB serial read
 * @mib_reads: MIB serial reads started
 * @mib_stuck: the MIB serial interface never finishes a read
 * @bad_access: a register outside the file was accessed
 */
struct fsw_env {
	struct kunit *test;
	struct net_device *wan;
	struct net_device *lan[SW_NUM_USER_PORTS];
	struct net_device *foreign;
	struct net_device *far;

	struct flowsw_ppe *ppe;
	struct foe_entry *foe;
	u32 regs[FSW_NREGS];
	unsigned int cache_clears;
	int watch;
	u32 watch_state;
	u32 watch_seen;
	u32 mib_entry;
	unsigned int mib_reads;
	bool mib_stuck;
	bool bad_access;
};

static bool fsw_ingress_ok(void *ctx, int ifindex)
{
	return ifindex == FSW_IFINDEX_WAN ||
	       (ifindex >= FSW_IFINDEX_LAN(0) &&
		ifindex < FSW_IFINDEX_LAN(SW_NUM_USER_PORTS));
}

static int fsw_resolve_egress(void *ctx, struct net_device *dev,
			      struct flowsw_egress *egress)
{
	struct fsw_env *env = ctx;
	int i;

	if (dev == env->wan) {
		egress->pse_port = PSE_PORT_GMAC1;
		egress->dsa_port = -1;
		return 0;
	}
	for (i = 0; i < SW_NUM_USER_PORTS; i++) {
		if (dev == env->lan[i]) {
			egress->pse_port = PSE_PORT_GMAC0;
			egress->dsa_port = i;
			return 0;
		}
	}
	if (dev == env->far) {
		egress->pse_port = PSE_PORT_GMAC0;
		egress->dsa_port = 6;
		return 0;
	}
	return -EOPNOTSUPP;
}

static const struct flowsw_flow_ops fsw_flow_ops = {
	.ingress_ok = fsw_ingress_ok,
	.resolve_egress = fsw_resolve_egress,
};

static u32 fsw_hw_read(struct flowsw_ppe *ppe, u32 reg)
{
	struct fsw_env *env = ppe->priv;

	if (reg % 4 || reg / 4 >= FSW_NREGS) {
		env->bad_access = true;
		return 0;
	}
	return env->regs[reg / 4];
}

static void fsw_hw_write(struct flowsw_ppe *ppe, u32 reg, u32 val)
{
	struct fsw_env *env = ppe->priv;

	if (reg % 4 || reg / 4 >= FSW_NREGS) {
		env->bad_access = true;
		return;
	}
	switch (reg) {
	case PPE_CACHE_CTL:
		/* CLEAR acts when it is set, as on the hardware */
		if (val & ~env->regs[reg / 4] & PPE_CACHE_CTL_CLEAR) {
			env->cache_clears++;
			if (env->watch >= 0) {
				env->watch_state = foe_entry_state(&ppe->foe[env->watch]);
				env->watch_seen |= BIT(env->watch_state);
			}
		}
		break;
	case PPE_MIB_SER_CR:
		/* R0..R2 hold what the test put there; done at once */
		if (val & PPE_MIB_SER_CR_START) {
			env->mib_entry = FIELD_GET(PPE_MIB_SER_CR_ENTRY, val);
			env->mib_reads++;
		}
		if (!env->mib_stuck)
			val &= ~PPE_MIB_SER_CR_START;
		break;
	}
	env->regs[reg / 4] = val;
}

static const struct flowsw_ppe_hw_ops fsw_hw_ops = {
	.read = fsw_hw_read,
	.write = fsw_hw_write,
};

static void fsw_hw_set_mib(struct fsw_env *env, u64 bytes, u64 pkts)
{
	env->regs[PPE_MIB_SER_R0 / 4] = lower_32_bits(bytes);
	env->regs[PPE_MIB_SER_R1 / 4] =
		FIELD_PREP(PPE_MIB_SER_R1_BYTES_HI, bytes >> 32) |
		FIELD_PREP(PPE_MIB_SER_R1_PKTS_LO, pkts & 0xffff);
	env->regs[PPE_MIB_SER_R2 / 4] =
		FIELD_PREP(PPE_MIB_SER_R2_PKTS_HI, pkts >> 16);
}

static void fsw_hw_set_ts(struct fsw_env *env, u32 ts)
{
	env->regs[FE_FOE_TS / 4] = ts & FE_FOE_TS_MASK;
}

/* The PPE learns a flow: key words, UNBIND, one hit, the timestamp. */
static void fsw_hw_learn(struct fsw_env *env, u32 index,
			 const struct foe_entry *flow)
{
	u32 type = foe_entry_type(flow);
	struct foe_entry e = {};

	memcpy(&e, flow, foe_type_is_ipv6(type) ? 40 : 16);
	e.ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, type) |
		FIELD_PREP(FOE_IB1_STATE, FOE_STATE_UNBIND) |
		FIELD_PREP(FOE_IB1_UNBIND_PACKETS, 1) |
		/* the low bits of FE_FOE_TS, as the hardware keeps them */
		FIELD_PREP(FOE_IB1_TIMESTAMP, env->regs[FE_FOE_TS / 4] &
			   FIELD_MAX(FOE_IB1_TIMESTAMP));
	if (type == FOE_PKT_TYPE_IPV4_HNAPT || type == FOE_PKT_TYPE_IPV6_ROUTE_5T)
		e.ib1 |= flow->ib1 & FOE_IB1_UDP;
	env->foe[index] = e;
	/* a learn zeroes the entry's MIB, as the hardware's does */
	fsw_hw_set_mib(env, 0, 0);
}

static u32 fsw_rxd(u32 reason, u32 index)
{
	return FIELD_PREP(RXD_INFO_FOE_ENTRY, index) |
	       FIELD_PREP(RXD_INFO_CRSN, reason) |
	       FIELD_PREP(RXD_INFO_SPORT, PSE_PORT_GMAC0);
}

static int fsw_env_init(struct kunit *test)
{
	struct fsw_env *env;
	int i, err;

	env = kunit_kzalloc(test, sizeof(*env), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, env);
	test->priv = env;
	env->test = test;
	env->watch = -1;
	/* identities only: the translation compares the pointers */
	env->wan = kunit_kzalloc(test, sizeof(*env->wan), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, env->wan);
	env->foreign = kunit_kzalloc(test, sizeof(*env->foreign), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, env->foreign);
	env->far = kunit_kzalloc(test, sizeof(*env->far), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, env->far);
	for (i = 0; i < SW_NUM_USER_PORTS; i++) {
		env->lan[i] = kunit_kzalloc(test, sizeof(*env->lan[i]),
					    GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, env->lan[i]);
	}

	env->ppe = kvzalloc(sizeof(*env->ppe), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, env->ppe);
	err = kunit_add_action_or_reset(test, fsw_kvfree, env->ppe);
	KUNIT_ASSERT_EQ(test, err, 0);
	env->foe = kvcalloc(FOE_ENTRIES, sizeof(*env->foe), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, env->foe);
	err = kunit_add_action_or_reset(test, fsw_kvfree, env->foe);
	KUNIT_ASSERT_EQ(test, err, 0);

	env->ppe->ops = &fsw_hw_ops;
	env->ppe->priv = env;
	env->ppe->foe = env->foe;
	KUNIT_ASSERT_EQ(test, flowsw_ppe_init(env->ppe), 0);
	err = kunit_add_action_or_reset(test, fsw_ppe_cleanup, env->ppe);
	KUNIT_ASSERT_EQ(test, err, 0);
	return 0;
}

static void fsw_env_exit(struct kunit *test)
{
	struct fsw_env *env = test->priv;

	if (!env)
		return;
	KUNIT_EXPECT_FALSE_MSG(test, env->bad_access,
			       "the engine touched a register outside the PPE");
}

/* ---- flow_rules as nf_flow_table_offload.c builds them ------------------ */

/* struct nf_flow_key */
struct fsw_key {
	struct flow_dissector_key_meta meta;
	struct flow_dissector_key_control control;
	struct flow_dissector_key_control enc_control;
	struct flow_dissector_key_basic basic;
	struct flow_dissector_key_vlan vlan;
	struct flow_dissector_key_vlan cvlan;
	union {
		struct flow_dissector_key_ipv4_addrs ipv4;
		struct flow_dissector_key_ipv6_addrs ipv6;
	};
	struct flow_dissector_key_keyid enc_key_id;
	struct flow_dissector_key_tcp tcp;
	struct flow_dissector_key_ports tp;
} __aligned(BITS_PER_LONG / 8);

struct fsw_rule {
	struct flow_dissector dissector;
	struct fsw_key key;
	struct fsw_key mask;
	struct flow_rule *rule;
	struct flow_cls_offload cls;	/* what the block callback gets */
	bool flower;			/* from TC_SETUP_BLOCK, not _FT */
};

#define FSW_DISSECTOR(r, type, field) \
	((r)->dissector.offset[type] = offsetof(struct fsw_key, field))

static struct fsw_rule *fsw_rule_alloc(struct kunit *test)
{
	struct fsw_rule *r;

	r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	r->rule = flow_rule_alloc(FSW_ACTIONS_MAX);
	KUNIT_ASSERT_NOT_NULL(test, r->rule);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, fsw_kfree, r->rule), 0);
	r->rule->action.num_entries = 0;
	r->rule->match.dissector = &r->dissector;
	r->rule->match.key = &r->key;
	r->rule->match.mask = &r->mask;
	r->cls.command = FLOW_CLS_REPLACE;
	r->cls.rule = r->rule;

	FSW_DISSECTOR(r, FLOW_DISSECTOR_KEY_META, meta);
	FSW_DISSECTOR(r, FLOW_DISSECTOR_KEY_CONTROL, control);
	FSW_DISSECTOR(r, FLOW_DISSECTOR_KEY_BASIC, basic);
	FSW_DISSECTOR(r, FLOW_DISSECTOR_KEY_IPV4_ADDRS, ipv4);
	FSW_DISSECTOR(r, FLOW_DISSECTOR_KEY_IPV6_ADDRS, ipv6);
	FSW_DISSECTOR(r, FLOW_DISSECTOR_KEY_TCP, tcp);
	FSW_DISSECTOR(r, FLOW_DISSECTOR_KEY_PORTS, tp);
	return r;
}

/* nf_flow_rule_match() after the addresses: protocol, ports, ingress */
static void fsw_match_l4(struct fsw_rule *r, u8 l4proto, u16 sport, u16 dport,
			 int iif)
{
	struct fsw_key *key = &r->key, *mask = &r->mask;

	key->meta.ingress_ifindex = iif;
	mask->meta.ingress_ifindex = 0xffffffff;
	mask->control.addr_type = 0xffff;
	r->dissector.used_keys |= BIT_ULL(key->control.addr_type);
	mask->basic.n_proto = htons(0xffff);

	if (l4proto == IPPROTO_TCP) {
		key->tcp.flags = 0;
		mask->tcp.flags = cpu_to_be16(be32_to_cpu(TCP_FLAG_RST | TCP_FLAG_FIN) >> 16);
		r->dissector.used_keys |= BIT_ULL(FLOW_DISSECTOR_KEY_TCP);
	}
	key->basic.ip_proto = l4proto;
	mask->basic.ip_proto = 0xff;
	r->dissector.used_keys |= BIT_ULL(FLOW_DISSECTOR_KEY_META) |
				  BIT_ULL(FLOW_DISSECTOR_KEY_CONTROL) |
				  BIT_ULL(FLOW_DISSECTOR_KEY_BASIC);

	if (l4proto == IPPROTO_TCP || l4proto == IPPROTO_UDP) {
		key->tp.src = htons(sport);
		mask->tp.src = htons(0xffff);
		key->tp.dst = htons(dport);
		mask->tp.dst = htons(0xffff);
		r->dissector.used_keys |= BIT_ULL(FLOW_DISSECTOR_KEY_PORTS);
	}
}

static struct fsw_rule *fsw_rule_ipv4(struct kunit *test, u8 l4proto,
				      u32 saddr, u16 sport, u32 daddr,
				      u16 dport, int iif)
{
	struct fsw_rule *r = fsw_rule_alloc(test);

	r->key.control.addr_type = FLOW_DISSECTOR_KEY_IPV4_ADDRS;
	r->key.basic.n_proto = htons(ETH_P_IP);
	r->key.ipv4.src = htonl(saddr);
	r->mask.ipv4.src = htonl(0xffffffff);
	r->key.ipv4.dst = htonl(daddr);
	r->mask.ipv4.dst = htonl(0xffffffff);
	fsw_match_l4(r, l4proto, sport, dport, iif);
	return r;
}

static void fsw_in6(struct in6_addr *a, u32 w0, u32 w1, u32 w2, u32 w3)
{
	a->s6_addr32[0] = htonl(w0);
	a->s6_addr32[1] = htonl(w1);
	a->s6_addr32[2] = htonl(w2);
	a->s6_addr32[3] = htonl(w3);
}

/* 2001:db8::2 port 40000 -> 2001:db8:1::7 port 443, from lan1 */
static struct fsw_rule *fsw_rule_ipv6(struct kunit *test, u8 l4proto)
{
	struct fsw_rule *r = fsw_rule_alloc(test);

	r->key.control.addr_type = FLOW_DISSECTOR_KEY_IPV6_ADDRS;
	r->key.basic.n_proto = htons(ETH_P_IPV6);
	fsw_in6(&r->key.ipv6.src, 0x20010db8, 0, 0, 2);
	memset(&r->mask.ipv6.src, 0xff, sizeof(r->mask.ipv6.src));
	fsw_in6(&r->key.ipv6.dst, 0x20010db8, 0x00010000, 0, 7);
	memset(&r->mask.ipv6.dst, 0xff, sizeof(r->mask.ipv6.dst));
	fsw_match_l4(r, l4proto, 40000, 443, FSW_IFINDEX_LAN(1));
	return r;
}

/*
 * nf_flow_rule_vlan_match(): the ingress side's tags.  nf leaves them out of
 * used_keys; cls_flower sets them.
 */
static void fsw_match_vlan(struct fsw_rule *r, enum flow_dissector_key_id id,
			   u16 vid)
{
	struct flow_dissector_key_vlan *key, *mask;

	if (id == FLOW_DISSECTOR_KEY_VLAN) {
		FSW_DISSECTOR(r, FLOW_DISSECTOR_KEY_VLAN, vlan);
		key = &r->key.vlan;
		mask = &r->mask.vlan;
	} else {
		FSW_DISSECTOR(r, FLOW_DISSECTOR_KEY_CVLAN, cvlan);
		key = &r->key.cvlan;
		mask = &r->mask.cvlan;
	}
	key->vlan_id = vid;
	mask->vlan_id = VLAN_VID_MASK;
	key->vlan_tpid = htons(ETH_P_8021Q);
	mask->vlan_tpid = htons(0xffff);
	r->dissector.used_keys |= BIT_ULL(id);
}

static struct flow_action_entry *fsw_act_next(struct fsw_rule *r)
{
	struct flow_action *action = &r->rule->action;

	if (WARN_ON(action->num_entries >= FSW_ACTIONS_MAX))
		action->num_entries--;	/* the test is wrong; keep memory safe */
	return &action->entries[action->num_entries++];
}

/* flow_offload_mangle(): value and mask in memory order */
static void fsw_act_mangle(struct fsw_rule *r, enum flow_action_mangle_base htype,
			   u32 offset, const void *val, const void *mask)
{
	struct flow_action_entry *act = fsw_act_next(r);

	act->id = FLOW_ACTION_MANGLE;
	act->mangle.htype = htype;
	act->mangle.offset = offset;
	memcpy(&act->mangle.mask, mask, sizeof(u32));
	memcpy(&act->mangle.val, val, sizeof(u32));
}

/* flow_offload_eth_src() */
static void fsw_act_eth_src(struct fsw_rule *r, const u8 *addr)
{
	u32 mask, val;
	u16 val16;

	mask = ~0xffff0000;
	memcpy(&val16, addr, 2);
	val = (u32)val16 << 16;
	fsw_act_mangle(r, FLOW_ACT_MANGLE_HDR_TYPE_ETH, 4, &val, &mask);

	mask = ~0xffffffff;
	memcpy(&val, addr + 2, 4);
	fsw_act_mangle(r, FLOW_ACT_MANGLE_HDR_TYPE_ETH, 8, &val, &mask);
}

/* flow_offload_eth_dst() */
static void fsw_act_eth_dst(struct fsw_rule *r, const u8 *addr)
{
	u32 mask, val;
	u16 val16;

	mask = ~0xffffffff;
	memcpy(&val, addr, 4);
	fsw_act_mangle(r, FLOW_ACT_MANGLE_HDR_TYPE_ETH, 0, &val, &mask);

	mask = ~0x0000ffff;
	memcpy(&val16, addr + 4, 2);
	val = val16;
	fsw_act_mangle(r, FLOW_ACT_MANGLE_HDR_TYPE_ETH, 4, &val, &mask);
}

/* nf_flow_rule_route_common(): the MACs of a routed flow */
static void fsw_act_route_macs(struct fsw_rule *r)
{
	fsw_act_eth_src(r, fsw_router_mac);
	fsw_act_eth_dst(r, fsw_host_mac);
}

/* flow_offload_ipv4_snat()/_dnat(): offset says which address */
static void fsw_act_ipv4_addr(struct fsw_rule *r, u32 offset, u32 addr)
{
	__be32 val = htonl(addr), mask = ~htonl(0xffffffff);

	fsw_act_mangle(r, FLOW_ACT_MANGLE_HDR_TYPE_IP4, offset, &val, &mask);
}

/* flow_offload_port_snat()/_dnat(), original direction */
static void fsw_act_port(struct fsw_rule *r, enum flow_action_mangle_base htype,
			 bool source, u16 port)
{
	__be32 val, mask;

	if (source) {
		val = htonl((u32)port << 16);
		mask = ~htonl(0xffff0000);
	} else {
		val = htonl(port);
		mask = ~htonl(0xffff);
	}
	fsw_act_mangle(r, htype, 0, &val, &mask);
}

/* flow_offload_ipv6_snat(): four words of the source address */
static void fsw_act_ipv6_snat(struct fsw_rule *r, const struct in6_addr *addr)
{
	__be32 mask = ~htonl(0xffffffff);
	int i;

	for (i = 0; i < 4; i++)
		fsw_act_mangle(r, FLOW_ACT_MANGLE_HDR_TYPE_IP6,
			       offsetof(struct ipv6hdr, saddr) + i * 4,
			       &addr->s6_addr32[i], &mask);
}

static void fsw_act_csum(struct fsw_rule *r)
{
	struct flow_action_entry *act = fsw_act_next(r);

	act->id = FLOW_ACTION_CSUM;
	act->csum_flags = TCA_CSUM_UPDATE_FLAG_IPV4HDR | TCA_CSUM_UPDATE_FLAG_TCP;
}

static void fsw_act_redirect(struct fsw_rule *r, struct net_device *dev)
{
	struct flow_action_entry *act = fsw_act_next(r);

	act->id = FLOW_ACTION_REDIRECT;
	act->dev = dev;
}

static void fsw_act_vlan_pop(struct fsw_rule *r)
{
	fsw_act_next(r)->id = FLOW_ACTION_VLAN_POP;
}

static void fsw_act_vlan_push(struct fsw_rule *r, u16 vid, u16 proto)
{
	struct flow_action_entry *act = fsw_act_next(r);

	act->id = FLOW_ACTION_VLAN_PUSH;
	act->vlan.vid = vid;
	act->vlan.proto = htons(proto);
}

static void fsw_act_pppoe_push(struct fsw_rule *r, u16 sid)
{
	struct flow_action_entry *act = fsw_act_next(r);

	act->id = FLOW_ACTION_PPPOE_PUSH;
	act->pppoe.sid = sid;
}

/* lan1 192.168.1.100:sport -> 8.8.8.8:443 TCP, routed to the WAN, no NAT */
static struct fsw_rule *fsw_rule_tcp4_to_wan(struct kunit *test, u16 sport)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, sport, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->wan);
	return r;
}

/*
 * The same TCP flow as a tc flower rule on lan1's ingress.  cls_flower
 * leaves out the keys the command line does not ask for: no TCP flags, no
 * ingress device.  The actions are up to the test.
 */
static struct fsw_rule *fsw_flower_tcp4_match(struct kunit *test)
{
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	r->dissector.used_keys &= ~(BIT_ULL(FLOW_DISSECTOR_KEY_TCP) |
				    BIT_ULL(FLOW_DISSECTOR_KEY_META));
	r->flower = true;
	return r;
}

/* ... action pedit ex munge eth src/dst, action mirred egress redirect */
static struct fsw_rule *fsw_flower_tcp4(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_flower_tcp4_match(test);

	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->wan);
	return r;
}

static void fsw_to_foe_ok(struct kunit *test, struct fsw_rule *r,
			  struct foe_entry *e)
{
	struct netlink_ext_ack extack = {};
	struct flowsw_why why = { .extack = &extack };
	int err;

	err = flowsw_flow_to_foe(&r->cls, r->flower, &fsw_flow_ops, test->priv,
				 e, &why);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "refused: %s",
			    extack._msg ?: "(no message)");
}

static u32 fsw_layers(u32 ib1)
{
	return FIELD_GET(FOE_IB1_BIND_VLAN_LAYER, ib1);
}

static u32 fsw_dest_port(u32 ib2)
{
	return FIELD_GET(FOE_IB2_DEST_PORT, ib2);
}

static void fsw_expect_macs(struct kunit *test, struct foe_entry *e)
{
	struct foe_mac_info *l2 = foe_entry_l2(e);

	KUNIT_EXPECT_EQ(test, l2->dest_mac_hi, 0x02112233);
	KUNIT_EXPECT_EQ(test, l2->dest_mac_lo, 0x4455);
	KUNIT_EXPECT_EQ(test, l2->src_mac_hi, 0x02aabbcc);
	KUNIT_EXPECT_EQ(test, l2->src_mac_lo, 0xddee);
}

/* ---- translation: accepted flows ---------------------------------------- */

static void ipv4_tcp_snat_is_hnapt_with_new_source(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	struct foe_entry e;

	/* masquerade, original direction: nf_flow_rule_route_ipv4() */
	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_ipv4_addr(r, offsetof(struct iphdr, saddr), FSW_WAN_ADDR);
	fsw_act_port(r, FLOW_ACT_MANGLE_HDR_TYPE_TCP, true, 61000);
	fsw_act_csum(r);
	fsw_act_redirect(r, env->wan);
	fsw_to_foe_ok(test, r, &e);

	KUNIT_EXPECT_EQ(test, foe_entry_type(&e), FOE_PKT_TYPE_IPV4_HNAPT);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&e), FOE_STATE_BIND);
	KUNIT_EXPECT_FALSE(test, e.ib1 & FOE_IB1_UDP);
	KUNIT_EXPECT_TRUE(test, e.ib1 & FOE_IB1_BIND_TTL);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.src_ip, FSW_LAN_HOST);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.dest_ip, FSW_REMOTE);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.src_port, 40000);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.dest_port, 443);
	KUNIT_EXPECT_EQ(test, e.ipv4.new.src_ip, FSW_WAN_ADDR);
	KUNIT_EXPECT_EQ(test, e.ipv4.new.dest_ip, FSW_REMOTE);
	KUNIT_EXPECT_EQ(test, e.ipv4.new.src_port, 61000);
	KUNIT_EXPECT_EQ(test, e.ipv4.new.dest_port, 443);
	fsw_expect_macs(test, &e);
}

static void ipv4_udp_dnat_is_hnapt_with_new_destination(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	struct foe_entry e;

	/* port forward, original direction: 8.8.8.8:5353 -> wan:1053 */
	r = fsw_rule_ipv4(test, IPPROTO_UDP, FSW_REMOTE, 5353, FSW_WAN_ADDR,
			  1053, FSW_IFINDEX_WAN);
	fsw_act_route_macs(r);
	fsw_act_ipv4_addr(r, offsetof(struct iphdr, daddr), FSW_LAN_HOST);
	fsw_act_port(r, FLOW_ACT_MANGLE_HDR_TYPE_UDP, false, 53);
	fsw_act_csum(r);
	fsw_act_redirect(r, env->lan[1]);
	fsw_to_foe_ok(test, r, &e);

	KUNIT_EXPECT_EQ(test, foe_entry_type(&e), FOE_PKT_TYPE_IPV4_HNAPT);
	KUNIT_EXPECT_TRUE(test, e.ib1 & FOE_IB1_UDP);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.src_ip, FSW_REMOTE);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.dest_ip, FSW_WAN_ADDR);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.src_port, 5353);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.dest_port, 1053);
	KUNIT_EXPECT_EQ(test, e.ipv4.new.src_ip, FSW_REMOTE);
	KUNIT_EXPECT_EQ(test, e.ipv4.new.dest_ip, FSW_LAN_HOST);
	KUNIT_EXPECT_EQ(test, e.ipv4.new.src_port, 5353);
	KUNIT_EXPECT_EQ(test, e.ipv4.new.dest_port, 53);
}

static void ipv4_without_nat_keeps_new_tuple_equal(struct kunit *test)
{
	struct foe_entry e;

	fsw_to_foe_ok(test, fsw_rule_tcp4_to_wan(test, 40000), &e);
	KUNIT_EXPECT_MEMEQ(test, &e.ipv4.new, &e.ipv4.orig, sizeof(e.ipv4.orig));
}

/* The tuple words are what the PPE hashes: the documented example. */
static void ipv4_tuple_hashes_like_the_ppe(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	struct foe_entry e;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  53, FSW_IFINDEX_LAN(0));
	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->wan);
	fsw_to_foe_ok(test, r, &e);
	KUNIT_EXPECT_EQ(test, foe_hash(&e), 6080);
}

static void ipv6_with_ports_is_5t(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	struct foe_entry e;

	r = fsw_rule_ipv6(test, IPPROTO_UDP);
	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->wan);
	fsw_to_foe_ok(test, r, &e);

	KUNIT_EXPECT_EQ(test, foe_entry_type(&e), FOE_PKT_TYPE_IPV6_ROUTE_5T);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&e), FOE_STATE_BIND);
	KUNIT_EXPECT_TRUE(test, e.ib1 & FOE_IB1_UDP);
	KUNIT_EXPECT_TRUE(test, e.ib1 & FOE_IB1_BIND_TTL);
	KUNIT_EXPECT_EQ(test, e.ipv6.src_ip[0], 0x20010db8);
	KUNIT_EXPECT_EQ(test, e.ipv6.src_ip[1], 0);
	KUNIT_EXPECT_EQ(test, e.ipv6.src_ip[3], 2);
	KUNIT_EXPECT_EQ(test, e.ipv6.dest_ip[0], 0x20010db8);
	KUNIT_EXPECT_EQ(test, e.ipv6.dest_ip[1], 0x00010000);
	KUNIT_EXPECT_EQ(test, e.ipv6.dest_ip[3], 7);
	KUNIT_EXPECT_EQ(test, e.ipv6.src_port, 40000);
	KUNIT_EXPECT_EQ(test, e.ipv6.dest_port, 443);
	KUNIT_EXPECT_EQ(test, fsw_dest_port(e.ipv6.ib2), PSE_PORT_GMAC1);
	KUNIT_EXPECT_EQ(test, e.ipv6.l2.etype, ETH_P_IPV6);
	fsw_expect_macs(test, &e);
}

static void egress_gmac1_is_plain_ethernet(struct kunit *test)
{
	struct foe_entry e;

	fsw_to_foe_ok(test, fsw_rule_tcp4_to_wan(test, 40000), &e);
	KUNIT_EXPECT_EQ(test, fsw_dest_port(e.ipv4.ib2), PSE_PORT_GMAC1);
	KUNIT_EXPECT_TRUE(test, e.ib1 & FOE_IB1_BIND_VLAN_TAG);
	KUNIT_EXPECT_EQ(test, fsw_layers(e.ib1), 0);
	KUNIT_EXPECT_FALSE(test, e.ib1 & FOE_IB1_BIND_PPPOE);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.etype, ETH_P_IP);
	fsw_expect_macs(test, &e);
}

static void egress_dsa_port_builds_special_tag(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	struct foe_entry e;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_REMOTE, 443, FSW_LAN_HOST,
			  40000, FSW_IFINDEX_WAN);
	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->lan[2]);
	fsw_to_foe_ok(test, r, &e);

	KUNIT_EXPECT_EQ(test, fsw_dest_port(e.ipv4.ib2), PSE_PORT_GMAC0);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.etype, BIT(2));
	KUNIT_EXPECT_EQ(test, fsw_layers(e.ib1), 1);
	KUNIT_EXPECT_FALSE(test, e.ib1 & FOE_IB1_BIND_VLAN_TAG);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.vlan1, 0);
	fsw_expect_macs(test, &e);
}

static void egress_dsa_port_with_vlan_tags_the_special_tag(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	struct foe_entry e;

	/* into lan0.100 */
	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_REMOTE, 443, FSW_LAN_HOST,
			  40000, FSW_IFINDEX_WAN);
	fsw_act_route_macs(r);
	fsw_act_vlan_push(r, 100, ETH_P_8021Q);
	fsw_act_redirect(r, env->lan[0]);
	fsw_to_foe_ok(test, r, &e);

	KUNIT_EXPECT_EQ(test, e.ipv4.l2.etype, BIT(0) | FOE_ETYPE_STAG_TPID_8100);
	KUNIT_EXPECT_EQ(test, fsw_layers(e.ib1), 1);
	KUNIT_EXPECT_FALSE(test, e.ib1 & FOE_IB1_BIND_VLAN_TAG);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.vlan1, 100);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.vlan2, 0);
}

/*
 * Out of wan.100.200 (outer 100, inner 200): the path walk lists the upper
 * device first, so the flowtable pushes 200, then 100.  Layer 1 is the
 * outer tag on the wire.
 */
/*
 * Out of wan.100.200 the flowtable lists the tags outermost first, 100 then
 * 200 (as seen from nf_flow_table_offload in Linux 6.12, and as
 * mtk_ppe_offload.c reads them); vlan1 is the outer tag.
 */
static void egress_gmac1_with_two_vlans_puts_outer_tag_first(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	struct foe_entry e;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_vlan_push(r, 100, ETH_P_8021Q);
	fsw_act_vlan_push(r, 200, ETH_P_8021Q);
	fsw_act_redirect(r, env->wan);
	fsw_to_foe_ok(test, r, &e);

	KUNIT_EXPECT_EQ(test, fsw_layers(e.ib1), 2);
	KUNIT_EXPECT_TRUE(test, e.ib1 & FOE_IB1_BIND_VLAN_TAG);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.vlan1, 100);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.vlan2, 200);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.etype, ETH_P_IP);
}

/* tc's vlan action pushes each tag outside the ones before it. */
static void flower_two_vlan_pushes_put_the_last_outside(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_flower_tcp4_match(test);
	struct foe_entry e;

	fsw_act_route_macs(r);
	fsw_act_vlan_push(r, 200, ETH_P_8021Q);
	fsw_act_vlan_push(r, 100, ETH_P_8021Q);
	fsw_act_redirect(r, env->wan);
	fsw_to_foe_ok(test, r, &e);

	KUNIT_EXPECT_EQ(test, fsw_layers(e.ib1), 2);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.vlan1, 100);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.vlan2, 200);
}

static void egress_pppoe_pushes_session(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	struct foe_entry e;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_pppoe_push(r, 0x1234);
	fsw_act_ipv4_addr(r, offsetof(struct iphdr, saddr), FSW_WAN_ADDR);
	fsw_act_port(r, FLOW_ACT_MANGLE_HDR_TYPE_TCP, true, 61000);
	fsw_act_csum(r);
	fsw_act_redirect(r, env->wan);
	fsw_to_foe_ok(test, r, &e);

	KUNIT_EXPECT_TRUE(test, e.ib1 & FOE_IB1_BIND_PPPOE);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.pppoe_id, 0x1234);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.etype, ETH_P_PPP_SES);
	KUNIT_EXPECT_EQ(test, fsw_layers(e.ib1), 0);
	KUNIT_EXPECT_EQ(test, e.ipv4.new.src_ip, FSW_WAN_ADDR);
}

/*
 * ppp0 over wan.7, the usual DSL uplink: the flowtable pushes PPPoE (upper
 * device), then the VLAN.  Two encapsulations: the PPE builds both.
 */
static void egress_pppoe_over_vlan_is_offloaded(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	struct foe_entry e;

	r = fsw_rule_ipv4(test, IPPROTO_UDP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_vlan_push(r, 7, ETH_P_8021Q);
	fsw_act_pppoe_push(r, 0x42);
	fsw_act_redirect(r, env->wan);
	fsw_to_foe_ok(test, r, &e);

	KUNIT_EXPECT_TRUE(test, e.ib1 & FOE_IB1_BIND_PPPOE);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.pppoe_id, 0x42);
	KUNIT_EXPECT_EQ(test, fsw_layers(e.ib1), 1);
	KUNIT_EXPECT_TRUE(test, e.ib1 & FOE_IB1_BIND_VLAN_TAG);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.vlan1, 7);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.etype, ETH_P_PPP_SES);
}

/* From a VLAN on lan1: the tags are matched and popped, none pushed. */
static void ingress_vlan_match_and_pop_are_accepted(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	struct foe_entry e;

	r = fsw_rule_tcp4_to_wan(test, 40000);
	fsw_match_vlan(r, FLOW_DISSECTOR_KEY_VLAN, 10);
	fsw_match_vlan(r, FLOW_DISSECTOR_KEY_CVLAN, 20);
	r->rule->action.num_entries = 0;
	fsw_act_route_macs(r);
	fsw_act_vlan_pop(r);
	fsw_act_vlan_pop(r);
	fsw_act_redirect(r, env->wan);
	fsw_to_foe_ok(test, r, &e);

	KUNIT_EXPECT_EQ(test, fsw_layers(e.ib1), 0);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.vlan1, 0);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.src_port, 40000);
}

static void translation_leaves_timestamp_and_static_clear(struct kunit *test)
{
	struct foe_entry e;

	fsw_to_foe_ok(test, fsw_rule_tcp4_to_wan(test, 40000), &e);
	KUNIT_EXPECT_EQ(test, fsw_ts(e.ib1), 0);
	KUNIT_EXPECT_FALSE(test, e.ib1 & FOE_IB1_STATIC);
}

/* A tc rule does not decrement the TTL in software; the PPE must not. */
static void flower_5tuple_is_offloaded_without_ttl(struct kunit *test)
{
	struct foe_entry e;

	fsw_to_foe_ok(test, fsw_flower_tcp4(test), &e);
	KUNIT_EXPECT_EQ(test, foe_entry_type(&e), FOE_PKT_TYPE_IPV4_HNAPT);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&e), FOE_STATE_BIND);
	KUNIT_EXPECT_FALSE(test, e.ib1 & FOE_IB1_BIND_TTL);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.src_ip, FSW_LAN_HOST);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.dest_ip, FSW_REMOTE);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.src_port, 40000);
	KUNIT_EXPECT_EQ(test, e.ipv4.orig.dest_port, 443);
	KUNIT_EXPECT_EQ(test, fsw_dest_port(e.ipv4.ib2), PSE_PORT_GMAC1);
	fsw_expect_macs(test, &e);
}

/*
 * One rule, offered by a flowtable and by tc: the flowtable's flow is
 * routed and keeps the TTL decrement, and that is the only difference.
 * (tc may also ask for the flowtable's own TCP flags and ingress match.)
 */
static void flower_differs_from_flowtable_only_by_ttl(struct kunit *test)
{
	struct fsw_rule *r = fsw_rule_tcp4_to_wan(test, 40000);
	struct foe_entry ft, tc;

	fsw_to_foe_ok(test, r, &ft);
	r->flower = true;
	fsw_to_foe_ok(test, r, &tc);
	KUNIT_EXPECT_TRUE(test, ft.ib1 & FOE_IB1_BIND_TTL);
	KUNIT_EXPECT_FALSE(test, tc.ib1 & FOE_IB1_BIND_TTL);
	tc.ib1 |= FOE_IB1_BIND_TTL;
	KUNIT_EXPECT_MEMEQ(test, &tc, &ft, sizeof(ft));
}

static void flower_vlan_match_with_pop_is_accepted(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_flower_tcp4_match(test);
	struct foe_entry e;

	fsw_match_vlan(r, FLOW_DISSECTOR_KEY_VLAN, 10);
	fsw_match_vlan(r, FLOW_DISSECTOR_KEY_CVLAN, 20);
	fsw_act_route_macs(r);
	fsw_act_vlan_pop(r);
	fsw_act_vlan_pop(r);
	fsw_act_redirect(r, env->wan);
	fsw_to_foe_ok(test, r, &e);
	KUNIT_EXPECT_EQ(test, fsw_layers(e.ib1), 0);
}

/* tc vlan push ... priority 5: the entry's tags are whole TCIs. */
static void vlan_push_keeps_priority(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_flower_tcp4_match(test);
	struct flow_action_entry *act;
	struct foe_entry e;

	fsw_act_route_macs(r);
	fsw_act_vlan_push(r, 100, ETH_P_8021Q);
	act = &r->rule->action.entries[r->rule->action.num_entries - 1];
	act->vlan.prio = 5;
	fsw_act_redirect(r, env->wan);
	fsw_to_foe_ok(test, r, &e);
	KUNIT_EXPECT_EQ(test, fsw_layers(e.ib1), 1);
	KUNIT_EXPECT_EQ(test, e.ipv4.l2.vlan1, (5 << VLAN_PRIO_SHIFT) | 100);
}

static struct kunit_case flowsw_flow_to_foe_cases[] = {
	KUNIT_CASE(ipv4_tcp_snat_is_hnapt_with_new_source),
	KUNIT_CASE(ipv4_udp_dnat_is_hnapt_with_new_destination),
	KUNIT_CASE(ipv4_without_nat_keeps_new_tuple_equal),
	KUNIT_CASE(ipv4_tuple_hashes_like_the_ppe),
	KUNIT_CASE(ipv6_with_ports_is_5t),
	KUNIT_CASE(egress_gmac1_is_plain_ethernet),
	KUNIT_CASE(egress_dsa_port_builds_special_tag),
	KUNIT_CASE(egress_dsa_port_with_vlan_tags_the_special_tag),
	KUNIT_CASE(egress_gmac1_with_two_vlans_puts_outer_tag_first),
	KUNIT_CASE(flower_two_vlan_pushes_put_the_last_outside),
	KUNIT_CASE(egress_pppoe_pushes_session),
	KUNIT_CASE(egress_pppoe_over_vlan_is_offloaded),
	KUNIT_CASE(ingress_vlan_match_and_pop_are_accepted),
	KUNIT_CASE(translation_leaves_timestamp_and_static_clear),
	KUNIT_CASE(flower_5tuple_is_offloaded_without_ttl),
	KUNIT_CASE(flower_differs_from_flowtable_only_by_ttl),
	KUNIT_CASE(flower_vlan_match_with_pop_is_accepted),
	KUNIT_CASE(vlan_push_keeps_priority),
	{}
};

static struct kunit_suite flowsw_flow_to_foe_suite = {
	.name = "flowsw_flow_to_foe",
	.init = fsw_env_init,
	.exit = fsw_env_exit,
	.test_cases = flowsw_flow_to_foe_cases,
};

/* ---- translation: refusals ---------------------------------------------- */

/* flowsw_flow_replace(): translate, count a refusal or remember the flow */
static int fsw_replace(struct fsw_env *env, unsigned long cookie,
		       const struct fsw_rule *r, struct netlink_ext_ack *extack)
{
	struct flowsw_why why = { .extack = extack };
	struct foe_entry entry;
	int err;

	err = flowsw_flow_to_foe(&r->cls, r->flower, &fsw_flow_ops, env,
				 &entry, &why);
	if (err) {
		flowsw_ppe_count_reject(env->ppe, why.reason);
		return err;
	}
	return flowsw_ppe_flow_add(env->ppe, cookie, &entry, NULL);
}

/* The one reason counted so far, or FLOWSW_REJECT_NONE */
static enum flowsw_reject fsw_counted_reason(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	enum flowsw_reject found = FLOWSW_REJECT_NONE;
	int i;

	for (i = 0; i < FLOWSW_REJECT_COUNT; i++) {
		if (!env->ppe->rejects[i])
			continue;
		KUNIT_EXPECT_EQ(test, env->ppe->rejects[i], 1);
		KUNIT_EXPECT_EQ_MSG(test, found, FLOWSW_REJECT_NONE,
				    "counted under two reasons");
		found = i;
	}
	return found;
}

/*
 * A refused rule: -EOPNOTSUPP with the extack message that names @why, and
 * through the engine nothing is left behind but the refusal's count, under
 * one reason (whose own text is the message, unless the kernel's flow
 * offload helpers wrote it).
 */
static void fsw_expect_refused(struct kunit *test, struct fsw_rule *r,
			       const char *why)
{
	struct netlink_ext_ack extack = {};
	struct fsw_env *env = test->priv;
	struct flowsw_ppe_stats stats;
	enum flowsw_reject reason;
	int flows, i;

	flows = atomic_read(&env->ppe->flows.nelems);
	KUNIT_EXPECT_EQ(test, fsw_replace(env, 7, r, &extack), -EOPNOTSUPP);
	KUNIT_ASSERT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(extack._msg, why),
				  "refused for another reason: %s", extack._msg);

	KUNIT_EXPECT_EQ(test, atomic_read(&env->ppe->flows.nelems), flows);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 7, &stats), -ENOENT);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(env->ppe, 7), -ENOENT);
	for (i = 0; i < FLOWSW_PPE_BUCKETS; i++)
		KUNIT_ASSERT_TRUE(test, hlist_empty(&env->ppe->buckets[i]));
	reason = fsw_counted_reason(test);
	KUNIT_EXPECT_NE(test, reason, FLOWSW_REJECT_NONE);
	if (reason != FLOWSW_REJECT_CONTROL_FLAGS && reason != FLOWSW_REJECT_HW_STATS)
		KUNIT_EXPECT_NOT_NULL(test, strstr(extack._msg, flowsw_reject_msg[reason]));
	KUNIT_EXPECT_EQ(test, env->cache_clears, 0);
}

/*
 * The kernel's helper formats this message into the caller's extack, which
 * is gone once the refusal returns: the count must not point there
 * (review 1.4), so it is kept by reason.
 */
static void refuses_fragment_match_counted_by_reason(struct kunit *test)
{
	struct fsw_rule *r = fsw_rule_tcp4_to_wan(test, 40000);
	struct fsw_env *env = test->priv;

	r->mask.control.flags = FLOW_DIS_IS_FRAGMENT;
	r->key.control.flags = FLOW_DIS_IS_FRAGMENT;
	fsw_expect_refused(test, r, "control.flags");
	KUNIT_EXPECT_EQ(test, env->ppe->rejects[FLOWSW_REJECT_CONTROL_FLAGS], 1);
}

static void refuses_tunnel_match_keys(struct kunit *test)
{
	struct fsw_rule *r = fsw_rule_tcp4_to_wan(test, 40000);

	/* nf_flow_rule_lwt_match() of a flow into a tunnel */
	FSW_DISSECTOR(r, FLOW_DISSECTOR_KEY_ENC_CONTROL, enc_control);
	FSW_DISSECTOR(r, FLOW_DISSECTOR_KEY_ENC_KEYID, enc_key_id);
	r->key.enc_key_id.keyid = htonl(42);
	r->mask.enc_key_id.keyid = htonl(0xffffffff);
	r->key.enc_control.addr_type = FLOW_DISSECTOR_KEY_IPV4_ADDRS;
	r->dissector.used_keys |= BIT_ULL(FLOW_DISSECTOR_KEY_ENC_KEYID) |
				  BIT_ULL(FLOW_DISSECTOR_KEY_ENC_CONTROL);
	fsw_expect_refused(test, r, "unsupported match key");
}

static void refuses_rule_without_control_key(struct kunit *test)
{
	struct fsw_rule *r = fsw_rule_tcp4_to_wan(test, 40000);

	r->dissector.used_keys &= ~BIT_ULL(FLOW_DISSECTOR_KEY_CONTROL);
	fsw_expect_refused(test, r, "must match L3 and L4");
}

static void refuses_rule_without_basic_key(struct kunit *test)
{
	struct fsw_rule *r = fsw_rule_tcp4_to_wan(test, 40000);

	r->dissector.used_keys &= ~BIT_ULL(FLOW_DISSECTOR_KEY_BASIC);
	fsw_expect_refused(test, r, "must match L3 and L4");
}

static void refuses_non_ip_address_type(struct kunit *test)
{
	struct fsw_rule *r = fsw_rule_tcp4_to_wan(test, 40000);

	r->key.control.addr_type = 0;
	fsw_expect_refused(test, r, "neither IPv4 nor IPv6");
}

static void refuses_gre_flow(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	/* the flowtable offloads GRE too, without ports */
	r = fsw_rule_ipv4(test, IPPROTO_GRE, FSW_LAN_HOST, 0, FSW_REMOTE, 0,
			  FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "only TCP and UDP");
}

static void refuses_unknown_ingress_device(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_FOREIGN);
	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "ingress device");
}

static void refuses_egress_that_is_no_flowsw_port(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->foreign);
	fsw_expect_refused(test, r, "egress device is not a flowsw port");
}

/* BIT(6) in l2.etype would be the special tag's TPID flag, not a port */
static void refuses_port_the_special_tag_cannot_name(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_REMOTE, 443, FSW_LAN_HOST,
			  40000, FSW_IFINDEX_WAN);
	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->far);
	fsw_expect_refused(test, r, "egress device is not a flowsw port");
}

static void refuses_two_redirects(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_rule_tcp4_to_wan(test, 40000);

	fsw_act_redirect(r, env->lan[0]);
	fsw_expect_refused(test, r, "more than one egress");
}

static void refuses_three_vlan_pushes(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_vlan_push(r, 300, ETH_P_8021Q);
	fsw_act_vlan_push(r, 200, ETH_P_8021Q);
	fsw_act_vlan_push(r, 100, ETH_P_8021Q);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "more than two encapsulations");
}

/* The flowtable lists tags outermost first: this tag would be inside PPPoE. */
static void refuses_vlan_inside_pppoe(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_pppoe_push(r, 0x42);
	fsw_act_vlan_push(r, 7, ETH_P_8021Q);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "VLAN tag inside a PPPoE session");
}

static void refuses_two_vlans_then_pppoe(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_vlan_push(r, 200, ETH_P_8021Q);
	fsw_act_vlan_push(r, 100, ETH_P_8021Q);
	fsw_act_pppoe_push(r, 0x42);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "more than two encapsulations");
}

static void refuses_8021ad_push(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_vlan_push(r, 100, ETH_P_8021AD);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "only 802.1Q");
}

static void refuses_ipv6_address_mangle(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct in6_addr snat;
	struct fsw_rule *r;

	/* nf_flow_rule_route_ipv6() with NF_FLOW_SNAT */
	fsw_in6(&snat, 0x20010db8, 0xffff, 0, 1);
	r = fsw_rule_ipv6(test, IPPROTO_TCP);
	fsw_act_route_macs(r);
	fsw_act_ipv6_snat(r, &snat);
	fsw_act_port(r, FLOW_ACT_MANGLE_HDR_TYPE_TCP, true, 61000);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "rewrites only MACs and IPv4 NAT");
}

static void refuses_port_mangle_of_ipv6_flow(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv6(test, IPPROTO_UDP);
	fsw_act_route_macs(r);
	fsw_act_port(r, FLOW_ACT_MANGLE_HDR_TYPE_UDP, true, 61000);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "rewrites only MACs and IPv4 NAT");
}

static void refuses_ipv4_mangle_of_ipv6_flow(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv6(test, IPPROTO_TCP);
	fsw_act_route_macs(r);
	fsw_act_ipv4_addr(r, offsetof(struct iphdr, saddr), FSW_WAN_ADDR);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "rewrites only MACs and IPv4 NAT");
}

static void refuses_ipv4_mangle_outside_addresses(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_ipv4_addr(r, offsetof(struct iphdr, ttl), 0x40000000);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "only IPv4 addresses");
}

static void refuses_l4_mangle_outside_ports(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	__be32 val = htonl(1), mask = 0;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_mangle(r, FLOW_ACT_MANGLE_HDR_TYPE_TCP, 4, &val, &mask);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "only L4 ports");
}

static void refuses_eth_mangle_beyond_macs(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	__be32 val = htonl(ETH_P_IP << 16), mask = htonl(0xffff);

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_mangle(r, FLOW_ACT_MANGLE_HDR_TYPE_ETH, 12, &val, &mask);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "beyond the MAC addresses");
}

static void refuses_rule_without_redirect(struct kunit *test)
{
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_route_macs(r);
	fsw_act_csum(r);
	fsw_expect_refused(test, r, "no egress device");
}

static void refuses_rule_without_eth_mangle(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "must rewrite both MAC addresses");
}

static void refuses_multicast_destination_mac(struct kunit *test)
{
	static const u8 mcast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_TCP, FSW_LAN_HOST, 40000, FSW_REMOTE,
			  443, FSW_IFINDEX_LAN(1));
	fsw_act_eth_src(r, fsw_router_mac);
	fsw_act_eth_dst(r, mcast);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "destination MAC address is not unicast");
}

static void refuses_drop_action(struct kunit *test)
{
	struct fsw_rule *r = fsw_rule_tcp4_to_wan(test, 40000);

	fsw_act_next(r)->id = FLOW_ACTION_DROP;
	fsw_expect_refused(test, r, "unsupported action");
}

/* The PPE has no prefixes: 192.168.1.0/24 would match one host only. */
static void refuses_flower_ipv4_prefix(struct kunit *test)
{
	struct fsw_rule *r = fsw_flower_tcp4(test);

	r->key.ipv4.src = htonl(FSW_LAN_HOST & 0xffffff00);
	r->mask.ipv4.src = htonl(0xffffff00);
	fsw_expect_refused(test, r, "match both IP addresses exactly");
}

static void refuses_flower_ipv6_prefix(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_rule_ipv6(test, IPPROTO_UDP);

	r->flower = true;
	r->mask.ipv6.dst.s6_addr32[3] = 0;
	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "match both IP addresses exactly");
}

static void refuses_flower_without_address(struct kunit *test)
{
	struct fsw_rule *r = fsw_flower_tcp4(test);

	/* cls_flower leaves an unmasked key out of used_keys */
	r->dissector.used_keys &= ~BIT_ULL(FLOW_DISSECTOR_KEY_IPV4_ADDRS);
	fsw_expect_refused(test, r, "match both IP addresses exactly");
}

static void refuses_flower_partial_port_mask(struct kunit *test)
{
	struct fsw_rule *r = fsw_flower_tcp4(test);

	r->mask.tp.dst = htons(0xff00);
	fsw_expect_refused(test, r, "match both L4 ports exactly");
}

/* Without ports the entry would be ROUTE, which the PPE never learns. */
static void refuses_flower_without_ports(struct kunit *test)
{
	struct fsw_rule *r = fsw_flower_tcp4(test);

	r->dissector.used_keys &= ~BIT_ULL(FLOW_DISSECTOR_KEY_PORTS);
	fsw_expect_refused(test, r, "match both L4 ports exactly");
}

/* ... and 3T neither; nf never leaves the ports out, so this holds for all. */
static void refuses_ipv6_flow_without_ports(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_rule_ipv6(test, IPPROTO_TCP);

	r->dissector.used_keys &= ~BIT_ULL(FLOW_DISSECTOR_KEY_PORTS);
	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->lan[3]);
	fsw_expect_refused(test, r, "match both L4 ports exactly");
}

/* tc filter ... protocol all flower ...: any EtherType */
static void refuses_flower_without_ethertype(struct kunit *test)
{
	struct fsw_rule *r = fsw_flower_tcp4(test);

	r->key.basic.n_proto = 0;
	r->mask.basic.n_proto = 0;
	fsw_expect_refused(test, r, "neither IPv4 nor IPv6");
}

static void refuses_flower_without_ip_proto(struct kunit *test)
{
	struct fsw_rule *r = fsw_flower_tcp4(test);

	r->mask.basic.ip_proto = 0;
	fsw_expect_refused(test, r, "only TCP and UDP");
}

/* tcp_flags 0x2/0x2: the PPE would forward every segment, not just SYNs */
static void refuses_flower_tcp_flags_match(struct kunit *test)
{
	struct fsw_rule *r = fsw_flower_tcp4(test);

	r->key.tcp.flags = htons(0x2);
	r->mask.tcp.flags = htons(0x2);
	r->dissector.used_keys |= BIT_ULL(FLOW_DISSECTOR_KEY_TCP);
	fsw_expect_refused(test, r, "TCP flags can only be matched");
}

/* l2_miss is a META field too; only the ingress device is understood */
static void refuses_flower_l2_miss_match(struct kunit *test)
{
	struct fsw_rule *r = fsw_flower_tcp4(test);

	r->key.meta.l2_miss = 1;
	r->mask.meta.l2_miss = 1;
	r->dissector.used_keys |= BIT_ULL(FLOW_DISSECTOR_KEY_META);
	fsw_expect_refused(test, r, "exact ingress device match");
}

/* The PPE rebuilds L2: without the pop, tc would have kept the tag. */
static void refuses_flower_vlan_match_without_pop(struct kunit *test)
{
	struct fsw_rule *r = fsw_flower_tcp4(test);

	fsw_match_vlan(r, FLOW_DISSECTOR_KEY_VLAN, 10);
	fsw_expect_refused(test, r, "pop exactly the VLAN tags it matches");
}

static void refuses_flower_vlan_pop_without_match(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_flower_tcp4_match(test);

	fsw_act_route_macs(r);
	fsw_act_vlan_pop(r);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "pop exactly the VLAN tags it matches");
}

/* The PPE does not key on the tag at all; a PCP match is not even near. */
static void refuses_flower_vlan_priority_match(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_flower_tcp4_match(test);

	fsw_match_vlan(r, FLOW_DISSECTOR_KEY_VLAN, 10);
	r->key.vlan.vlan_priority = 3;
	r->mask.vlan.vlan_priority = 7;
	fsw_act_route_macs(r);
	fsw_act_vlan_pop(r);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "exact 802.1Q VLAN ID match");
}

/* push 100, pop: tc pops the tag it pushed, the PPE would push it */
static void refuses_vlan_pop_after_push(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_flower_tcp4_match(test);

	fsw_match_vlan(r, FLOW_DISSECTOR_KEY_VLAN, 10);
	fsw_act_route_macs(r);
	fsw_act_vlan_push(r, 100, ETH_P_8021Q);
	fsw_act_vlan_pop(r);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "VLAN pop after a push");
}

/* pedit of the destination only: the PPE would send a zero source MAC */
static void refuses_flower_partial_mac_rewrite(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_flower_tcp4_match(test);

	fsw_act_eth_dst(r, fsw_host_mac);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "must rewrite both MAC addresses");
}

/* The source MAC's last four bytes are kept: still a partial rewrite. */
static void refuses_flower_partial_source_mac(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_flower_tcp4_match(test);

	fsw_act_route_macs(r);
	r->rule->action.entries[1].mangle.mask = ~0;	/* smac bytes 2..5 */
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "must rewrite both MAC addresses");
}

static void refuses_flower_multicast_source_mac(struct kunit *test)
{
	static const u8 mcast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_flower_tcp4_match(test);

	fsw_act_eth_src(r, mcast);
	fsw_act_eth_dst(r, fsw_host_mac);
	fsw_act_redirect(r, env->wan);
	fsw_expect_refused(test, r, "source MAC address is not unicast");
}

/* tc runs nothing after mirred redirect: the pedit would not happen. */
static void refuses_flower_action_after_redirect(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r = fsw_flower_tcp4_match(test);

	fsw_act_eth_dst(r, fsw_host_mac);
	fsw_act_redirect(r, env->wan);
	fsw_act_eth_src(r, fsw_router_mac);
	fsw_expect_refused(test, r, "redirect must be the last action");
}

/* goto chain 1 lands in a chain the PPE knows nothing about */
static void refuses_flower_rule_in_chain_1(struct kunit *test)
{
	struct fsw_rule *r = fsw_flower_tcp4(test);

	r->cls.common.chain_index = 1;
	fsw_expect_refused(test, r, "only chain 0");
}

/* hw_stats immediate: the PPE's counters are read only on STATS */
static void refuses_flower_immediate_hw_stats(struct kunit *test)
{
	struct fsw_rule *r = fsw_flower_tcp4(test);
	int i;

	for (i = 0; i < r->rule->action.num_entries; i++)
		r->rule->action.entries[i].hw_stats = FLOW_ACTION_HW_STATS_IMMEDIATE;
	fsw_expect_refused(test, r, "does not support selected HW stats type");
}

static void refusals_are_counted_per_reason(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	struct fsw_env *env = test->priv;
	struct fsw_rule *gre, *drop;
	int i;

	gre = fsw_rule_ipv4(test, IPPROTO_GRE, FSW_LAN_HOST, 0, FSW_REMOTE, 0,
			    FSW_IFINDEX_LAN(1));
	drop = fsw_rule_tcp4_to_wan(test, 40000);
	fsw_act_next(drop)->id = FLOW_ACTION_DROP;
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, fsw_replace(env, i, gre, &extack),
				-EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, fsw_replace(env, 9, drop, &extack),
			-EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, env->ppe->rejects[FLOWSW_REJECT_L4], 3);
	KUNIT_EXPECT_EQ(test, env->ppe->rejects[FLOWSW_REJECT_ACTION], 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&env->ppe->flows.nelems), 0);
}

static struct kunit_case flowsw_flow_refuse_cases[] = {
	KUNIT_CASE(refuses_tunnel_match_keys),
	KUNIT_CASE(refuses_rule_without_control_key),
	KUNIT_CASE(refuses_fragment_match_counted_by_reason),
	KUNIT_CASE(refuses_rule_without_basic_key),
	KUNIT_CASE(refuses_non_ip_address_type),
	KUNIT_CASE(refuses_gre_flow),
	KUNIT_CASE(refuses_unknown_ingress_device),
	KUNIT_CASE(refuses_egress_that_is_no_flowsw_port),
	KUNIT_CASE(refuses_port_the_special_tag_cannot_name),
	KUNIT_CASE(refuses_two_redirects),
	KUNIT_CASE(refuses_three_vlan_pushes),
	KUNIT_CASE(refuses_vlan_inside_pppoe),
	KUNIT_CASE(refuses_two_vlans_then_pppoe),
	KUNIT_CASE(refuses_8021ad_push),
	KUNIT_CASE(refuses_ipv6_address_mangle),
	KUNIT_CASE(refuses_port_mangle_of_ipv6_flow),
	KUNIT_CASE(refuses_ipv4_mangle_of_ipv6_flow),
	KUNIT_CASE(refuses_ipv4_mangle_outside_addresses),
	KUNIT_CASE(refuses_l4_mangle_outside_ports),
	KUNIT_CASE(refuses_eth_mangle_beyond_macs),
	KUNIT_CASE(refuses_rule_without_redirect),
	KUNIT_CASE(refuses_rule_without_eth_mangle),
	KUNIT_CASE(refuses_multicast_destination_mac),
	KUNIT_CASE(refuses_drop_action),
	KUNIT_CASE(refuses_flower_ipv4_prefix),
	KUNIT_CASE(refuses_flower_ipv6_prefix),
	KUNIT_CASE(refuses_flower_without_address),
	KUNIT_CASE(refuses_flower_partial_port_mask),
	KUNIT_CASE(refuses_flower_without_ports),
	KUNIT_CASE(refuses_ipv6_flow_without_ports),
	KUNIT_CASE(refuses_flower_without_ethertype),
	KUNIT_CASE(refuses_flower_without_ip_proto),
	KUNIT_CASE(refuses_flower_tcp_flags_match),
	KUNIT_CASE(refuses_flower_l2_miss_match),
	KUNIT_CASE(refuses_flower_vlan_match_without_pop),
	KUNIT_CASE(refuses_flower_vlan_pop_without_match),
	KUNIT_CASE(refuses_flower_vlan_priority_match),
	KUNIT_CASE(refuses_vlan_pop_after_push),
	KUNIT_CASE(refuses_flower_partial_mac_rewrite),
	KUNIT_CASE(refuses_flower_partial_source_mac),
	KUNIT_CASE(refuses_flower_multicast_source_mac),
	KUNIT_CASE(refuses_flower_action_after_redirect),
	KUNIT_CASE(refuses_flower_rule_in_chain_1),
	KUNIT_CASE(refuses_flower_immediate_hw_stats),
	KUNIT_CASE(refusals_are_counted_per_reason),
	{}
};

static struct kunit_suite flowsw_flow_refuse_suite = {
	.name = "flowsw_flow_refuse",
	.init = fsw_env_init,
	.exit = fsw_env_exit,
	.test_cases = flowsw_flow_refuse_cases,
};

/* ---- the table engine on fake hardware ---------------------------------- */

/* Translate and add the TCP flow from lan1 port @sport under @cookie. */
static void fsw_add_tcp4(struct kunit *test, unsigned long cookie, u16 sport,
			 struct foe_entry *e)
{
	struct fsw_env *env = test->priv;

	fsw_to_foe_ok(test, fsw_rule_tcp4_to_wan(test, sport), e);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(env->ppe, cookie, e, NULL), 0);
}

/* The hardware reports the entry at @index at the bind rate. */
static void fsw_report(struct fsw_env *env, u32 index)
{
	flowsw_ppe_report(env->ppe, fsw_rxd(CPU_REASON_HIT_UNBIND_RATE_REACHED,
					    index));
}

/* The hardware learns @e at @index and reports it at the bind rate. */
static void fsw_learn_and_report(struct fsw_env *env, u32 index,
				 const struct foe_entry *e)
{
	fsw_hw_learn(env, index, e);
	fsw_report(env, index);
}

/* A report at @index now would still be held back by the rate limit. */
static bool fsw_report_held(struct flowsw_ppe *ppe, u32 index)
{
	return (u16)((u16)jiffies - ppe->report_time[index]) <= FSW_REPORT_INTERVAL;
}

static long fsw_reasons(struct flowsw_ppe *ppe, u32 reason)
{
	return atomic_long_read(&ppe->cpu_reason[reason]);
}

static bool fsw_bound(struct kunit *test, unsigned long cookie)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe_stats stats;
	int err;

	err = flowsw_ppe_flow_stats(env->ppe, cookie, &stats);
	KUNIT_EXPECT_EQ(test, err, 0);
	return !err && stats.bound;
}

/* Flow 1, TCP from lan1 port 40000, learnt, reported and bound: its index */
static u32 fsw_bind_tcp4(struct kunit *test, struct foe_entry *e)
{
	struct fsw_env *env = test->priv;
	u32 index;

	fsw_add_tcp4(test, 1, 40000, e);
	index = foe_hash(e);
	fsw_learn_and_report(env, index, e);
	KUNIT_ASSERT_TRUE(test, fsw_bound(test, 1));
	return index;
}

static void report_binds_waiting_flow(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe *ppe = env->ppe;
	struct foe_entry e, *hw;
	unsigned int clears;
	u32 index;

	fsw_add_tcp4(test, 1, 40000, &e);
	KUNIT_EXPECT_EQ(test, atomic_read(&ppe->flows.nelems), 1);
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 1));

	index = foe_hash(&e) + 2;
	hw = &env->foe[index];
	fsw_hw_set_ts(env, 0x1234);
	fsw_hw_learn(env, index, &e);
	/* below the bind rate: counted, nothing bound */
	flowsw_ppe_report(ppe, fsw_rxd(CPU_REASON_HIT_UNBIND, index));
	KUNIT_EXPECT_EQ(test, foe_entry_state(hw), FOE_STATE_UNBIND);
	KUNIT_EXPECT_EQ(test, fsw_reasons(ppe, CPU_REASON_HIT_UNBIND), 1);

	clears = env->cache_clears;
	env->watch = index;
	flowsw_ppe_report(ppe, fsw_rxd(CPU_REASON_HIT_UNBIND_RATE_REACHED, index));
	KUNIT_EXPECT_EQ(test, foe_entry_state(hw), FOE_STATE_BIND);
	KUNIT_EXPECT_EQ(test, hw->ib1, fsw_with_ts(e.ib1, 0x34));
	KUNIT_EXPECT_MEMEQ(test, &hw->data[1], &e.data[1],
			   sizeof(e) - sizeof(e.ib1));
	KUNIT_EXPECT_GT(test, env->cache_clears, clears);
	/* the cache was cleared after ib1 made the entry BIND */
	KUNIT_EXPECT_EQ(test, env->watch_state, FOE_STATE_BIND);
	KUNIT_EXPECT_EQ(test, env->regs[PPE_CACHE_CTL / 4], PPE_CACHE_CTL_EN);
	KUNIT_EXPECT_EQ(test, ppe->binds, 1);
	KUNIT_EXPECT_EQ(test, ppe->orphan_reports, 0);
	KUNIT_EXPECT_NOT_NULL(test, ppe->bound[index]);
	KUNIT_EXPECT_EQ(test, fsw_reasons(ppe, CPU_REASON_HIT_UNBIND_RATE_REACHED), 1);
	/* the MIB snapshot at bind time came from this entry */
	KUNIT_EXPECT_EQ(test, env->mib_entry, index);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 1));
}

/* A SYN of a flow's tuple: that flow was an earlier connection's. */
static void syn_retires_waiting_flow_of_its_tuple(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe *ppe = env->ppe;
	struct foe_entry e, e2;
	u32 index;

	fsw_add_tcp4(test, 1, 40000, &e);
	flowsw_ppe_tuple_reopened(ppe, &e);
	KUNIT_EXPECT_EQ(test, ppe->reopened, 1);
	/* the new connection's entry: the old flow does not take it */
	index = foe_hash(&e);
	fsw_learn_and_report(env, index, &e);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_UNBIND);
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 1));
	KUNIT_EXPECT_EQ(test, ppe->orphan_reports, 1);
	/* the new connection's own flow, offered after the SYN, binds */
	fsw_add_tcp4(test, 2, 40000, &e2);
	fsw_learn_and_report(env, index + 1, &e2);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 2));
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 1));
	/* a second SYN retires it too, once */
	flowsw_ppe_tuple_reopened(ppe, &e);
	KUNIT_EXPECT_EQ(test, ppe->reopened, 2);
}

static void syn_evicts_bound_flow_of_its_tuple(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe *ppe = env->ppe;
	unsigned int clears;
	struct foe_entry e;
	u32 index;

	index = fsw_bind_tcp4(test, &e);
	clears = env->cache_clears;
	flowsw_ppe_tuple_reopened(ppe, &e);
	KUNIT_EXPECT_EQ(test, env->foe[index].ib1, 0);
	KUNIT_EXPECT_GT(test, env->cache_clears, clears);
	KUNIT_EXPECT_NULL(test, ppe->bound[index]);
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 1));
	/* relearnt by the new connection: not the old flow's again */
	fsw_learn_and_report(env, index, &e);
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 1));
	/* unless the flowtable offers it anew: it still sees the flow */
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(ppe, 1, &e, NULL), 0);
	fsw_hw_set_ts(env, 0x100);
	fsw_learn_and_report(env, index + 1, &e);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 1));
}

static void syn_spares_other_tuples(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e, other;
	u32 index;

	index = fsw_bind_tcp4(test, &e);
	fsw_to_foe_ok(test, fsw_rule_tcp4_to_wan(test, 40001), &other);
	flowsw_ppe_tuple_reopened(env->ppe, &other);
	/* the same ports as UDP: another tuple */
	other = e;
	other.ib1 |= FOE_IB1_UDP;
	flowsw_ppe_tuple_reopened(env->ppe, &other);
	KUNIT_EXPECT_EQ(test, env->ppe->reopened, 0);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_BIND);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 1));
}

/*
 * A TCP segment of @e's tuple with @flags, as the RX path hands it over
 * after eth_type_trans(): the IP header at skb->data.
 */
static struct sk_buff *fsw_tcp_frame(struct kunit *test,
				     const struct foe_entry *e, u8 flags)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	struct ipv6hdr *ip6h;
	struct tcphdr *th;
	struct iphdr *iph;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	if (foe_type_is_ipv6(foe_entry_type(e))) {
		ip6h = skb_put_zero(skb, sizeof(*ip6h));
		ip6h->version = 6;
		ip6h->nexthdr = IPPROTO_TCP;
		ip6h->hop_limit = 64;
		ip6h->payload_len = htons(sizeof(*th));
		for (i = 0; i < 4; i++) {
			ip6h->saddr.s6_addr32[i] = cpu_to_be32(e->ipv6.src_ip[i]);
			ip6h->daddr.s6_addr32[i] = cpu_to_be32(e->ipv6.dest_ip[i]);
		}
		skb->protocol = htons(ETH_P_IPV6);
	} else {
		iph = skb_put_zero(skb, sizeof(*iph));
		iph->version = 4;
		iph->ihl = 5;
		iph->ttl = 64;
		iph->protocol = IPPROTO_TCP;
		iph->tot_len = htons(sizeof(*iph) + sizeof(*th));
		iph->saddr = cpu_to_be32(e->ipv4.orig.src_ip);
		iph->daddr = cpu_to_be32(e->ipv4.orig.dest_ip);
		skb->protocol = htons(ETH_P_IP);
	}
	th = skb_put_zero(skb, sizeof(*th));
	th->source = cpu_to_be16(foe_type_is_ipv6(foe_entry_type(e)) ?
				 e->ipv6.src_port : e->ipv4.orig.src_port);
	th->dest = cpu_to_be16(foe_type_is_ipv6(foe_entry_type(e)) ?
			       e->ipv6.dest_port : e->ipv4.orig.dest_port);
	th->doff = 5;
	((u8 *)th)[13] = flags;
	return skb;
}

static void tcp_control_frame_retires_only_on_syn(struct kunit *test)
{
	static const u8 flags[] = { TCPHDR_FIN | TCPHDR_ACK, TCPHDR_RST,
				    TCPHDR_SYN, TCPHDR_SYN | TCPHDR_ACK };
	static const unsigned long want[] = { 0, 0, 1, 2 };
	struct fsw_env *env = test->priv;
	struct sk_buff *skb;
	struct foe_entry e;
	int i;

	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		fsw_add_tcp4(test, i + 1, 40000 + i, &e);
		skb = fsw_tcp_frame(test, &e, flags[i]);
		flowsw_ppe_tcp_control(env->ppe, skb);
		kfree_skb(skb);
		KUNIT_EXPECT_EQ(test, env->ppe->reopened, want[i]);
	}
}

static void tcp_control_frame_retires_ipv6_flow(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct sk_buff *skb;
	struct fsw_rule *r;
	struct foe_entry e;

	r = fsw_rule_ipv6(test, IPPROTO_TCP);
	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->lan[0]);
	fsw_to_foe_ok(test, r, &e);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(env->ppe, 6, &e, NULL), 0);
	skb = fsw_tcp_frame(test, &e, TCPHDR_SYN);
	flowsw_ppe_tcp_control(env->ppe, skb);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, env->ppe->reopened, 1);
	fsw_learn_and_report(env, foe_hash(&e), &e);
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 6));
}

static void report_binds_ipv6_flow(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;
	struct foe_entry e;
	u32 index;

	r = fsw_rule_ipv6(test, IPPROTO_UDP);
	fsw_act_route_macs(r);
	fsw_act_redirect(r, env->lan[0]);
	fsw_to_foe_ok(test, r, &e);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(env->ppe, 6, &e, NULL), 0);

	index = foe_hash(&e);
	fsw_learn_and_report(env, index, &e);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_BIND);
	KUNIT_EXPECT_EQ(test, env->foe[index].ipv6.l2.etype, BIT(0));
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 6));
}

static void report_of_other_tuple_binds_nothing(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe *ppe = env->ppe;
	struct foe_entry e, other;
	u32 index;

	fsw_add_tcp4(test, 1, 40000, &e);
	index = foe_hash(&e);
	/* a flow nobody offloaded, learnt in the same bucket */
	other = e;
	other.ipv4.orig.dest_port = 444;
	fsw_learn_and_report(env, index, &other);

	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_UNBIND);
	KUNIT_EXPECT_EQ(test, env->foe[index].ipv4.orig.dest_port, 444);
	KUNIT_EXPECT_EQ(test, ppe->orphan_reports, 1);
	KUNIT_EXPECT_EQ(test, ppe->binds, 0);
	KUNIT_EXPECT_EQ(test, env->cache_clears, 0);
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 1));

	/* and the same tuple as UDP is another flow too */
	other = e;
	other.ib1 |= FOE_IB1_UDP;
	fsw_learn_and_report(env, index + 1, &other);
	KUNIT_EXPECT_EQ(test, ppe->orphan_reports, 2);
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 1));
}

static void reports_of_other_reasons_bind_nothing(struct kunit *test)
{
	static const u32 reasons[] = {
		CPU_REASON_NONE, CPU_REASON_HIT_TTL_1,
		CPU_REASON_HIT_UNBIND, CPU_REASON_HIT_BIND_TCP_FIN,
		CPU_REASON_HIT_BIND_EXCEED_MTU, CPU_REASON_HIT_FIN,
	};
	struct fsw_env *env = test->priv;
	struct foe_entry e;
	u32 index;
	int i;

	fsw_add_tcp4(test, 1, 40000, &e);
	index = foe_hash(&e);
	fsw_hw_learn(env, index, &e);
	for (i = 0; i < ARRAY_SIZE(reasons); i++) {
		flowsw_ppe_report(env->ppe, fsw_rxd(reasons[i], index));
		KUNIT_EXPECT_EQ(test, fsw_reasons(env->ppe, reasons[i]), 1);
	}
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_UNBIND);
	KUNIT_EXPECT_EQ(test, env->ppe->binds, 0);
	KUNIT_EXPECT_EQ(test, env->ppe->orphan_reports, 0);
	KUNIT_EXPECT_EQ(test, env->cache_clears, 0);
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 1));
}

static void reports_of_one_index_are_rate_limited(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe *ppe = env->ppe;
	struct foe_entry e, other;
	unsigned long start;
	u32 index;
	int t;

	fsw_add_tcp4(test, 1, 40000, &e);
	index = foe_hash(&e);
	other = e;
	other.ipv4.orig.src_port = 1;

	start = jiffies;
	fsw_learn_and_report(env, index, &other);
	/*
	 * Up to the kunit_skip() below, only assertions: kunit_skip() marks
	 * the case SKIPPED even over an expectation that already failed,
	 * whereas a failed assertion ends the case, as FAILED, before it.
	 */
	KUNIT_ASSERT_EQ(test, ppe->orphan_reports, 1);
	/* the way is reused at once: the next report is not looked at */
	fsw_learn_and_report(env, index, &e);
	if (!time_before(jiffies, start + FSW_REPORT_INTERVAL))
		kunit_skip(test, "too slow to stay within one report interval");
	KUNIT_EXPECT_EQ(test, ppe->orphan_reports, 1);
	KUNIT_EXPECT_EQ(test, ppe->binds, 0);
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 1));
	KUNIT_EXPECT_EQ(test, fsw_reasons(ppe, CPU_REASON_HIT_UNBIND_RATE_REACHED), 2);

	/* another index is not held back */
	other.ipv4.orig.src_port = 2;
	fsw_learn_and_report(env, index + 1, &other);
	KUNIT_EXPECT_EQ(test, ppe->orphan_reports, 2);

	/* once the interval has passed, the hardware's next report binds */
	for (t = 0; t < 100 && fsw_report_held(ppe, index); t++)
		msleep(20);
	flowsw_ppe_report(ppe, fsw_rxd(CPU_REASON_HIT_UNBIND_RATE_REACHED, index));
	KUNIT_EXPECT_EQ(test, ppe->binds, 1);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 1));
}

/*
 * Review 1.3: on a 32-bit kernel a stamp can look in the future (jiffies
 * start at -300 s, and wrap).  Such a stamp must not hold reports back.
 */
static void report_limiter_ignores_a_future_stamp(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe *ppe = env->ppe;
	struct foe_entry e;
	u32 index;

	fsw_add_tcp4(test, 1, 40000, &e);
	index = foe_hash(&e);
	/* a second in the future, whatever width the stamp has */
	ppe->report_time[index] = jiffies + HZ;
	fsw_learn_and_report(env, index, &e);
	KUNIT_EXPECT_EQ(test, ppe->binds, 1);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 1));
}

/* @n TCP flows from lan1 whose tuples share one bucket */
static u32 fsw_same_bucket(struct kunit *test, struct foe_entry *e, int n)
{
	u32 bucket = foe_hash(&e[0]), sport;
	int found = 1;

	for (sport = e[0].ipv4.orig.src_port + 1; sport <= U16_MAX && found < n;
	     sport++) {
		e[found] = e[0];
		e[found].ipv4.orig.src_port = sport;
		e[found].ipv4.new.src_port = sport;
		if (foe_hash(&e[found]) == bucket)
			found++;
	}
	KUNIT_ASSERT_EQ(test, found, n);
	return bucket;
}

/*
 * Five offloaded flows for one bucket of four ways: the PPE would learn each
 * over the oldest UNBIND way, so the flows bind at their first hit rather
 * than at the bind rate, and also at REPLACE when their entry has one hit.
 * With four flows left the bucket binds at the rate again.
 */
static void contended_bucket_binds_at_first_hit(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe *ppe = env->ppe;
	struct foe_entry e[FOE_BUCKET_WAYS + 1];
	u32 bucket;
	int i;

	fsw_to_foe_ok(test, fsw_rule_tcp4_to_wan(test, 1024), &e[0]);
	bucket = fsw_same_bucket(test, e, ARRAY_SIZE(e));
	for (i = 0; i < FOE_BUCKET_WAYS; i++)
		KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(ppe, 100 + i, &e[i], NULL), 0);

	/* four flows, four ways: a first hit waits for the rate */
	fsw_hw_learn(env, bucket, &e[0]);
	flowsw_ppe_report(ppe, fsw_rxd(CPU_REASON_HIT_UNBIND, bucket));
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 100));

	/* learned with one hit before its flow came: bound at REPLACE */
	fsw_hw_learn(env, bucket + 1, &e[4]);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(ppe, 104, &e[4], NULL), 0);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 104));
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[bucket + 1]), FOE_STATE_BIND);

	/* five flows: a first hit binds */
	flowsw_ppe_report(ppe, fsw_rxd(CPU_REASON_HIT_UNBIND, bucket));
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 100));
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[bucket]), FOE_STATE_BIND);
	KUNIT_EXPECT_EQ(test, ppe->binds, 2);
	KUNIT_EXPECT_EQ(test, ppe->orphan_reports, 0);

	/* back to four: a first hit waits again */
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(ppe, 104), 0);
	KUNIT_EXPECT_EQ(test, ppe->offers, 5);
	KUNIT_EXPECT_EQ(test, ppe->gone_bound, 1);
	KUNIT_EXPECT_EQ(test, ppe->gone_unbound, 0);
	fsw_hw_learn(env, bucket + 2, &e[1]);
	flowsw_ppe_report(ppe, fsw_rxd(CPU_REASON_HIT_UNBIND, bucket + 2));
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 101));
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[bucket + 2]), FOE_STATE_UNBIND);
}

static void full_bucket_binds_fifth_flow_after_delete(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe *ppe = env->ppe;
	struct foe_entry e[FOE_BUCKET_WAYS + 1];
	unsigned int clears;
	u32 bucket;
	int i, t;

	fsw_to_foe_ok(test, fsw_rule_tcp4_to_wan(test, 1024), &e[0]);
	bucket = fsw_same_bucket(test, e, ARRAY_SIZE(e));
	for (i = 0; i < ARRAY_SIZE(e); i++)
		KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(ppe, 100 + i, &e[i], NULL), 0);

	for (i = 0; i < FOE_BUCKET_WAYS; i++) {
		fsw_learn_and_report(env, bucket + i, &e[i]);
		KUNIT_EXPECT_TRUE(test, fsw_bound(test, 100 + i));
	}
	KUNIT_EXPECT_EQ(test, ppe->binds, FOE_BUCKET_WAYS);

	/* all four ways BIND: the PPE cannot learn the fifth */
	flowsw_ppe_report(ppe, fsw_rxd(CPU_REASON_BUCKET_FULL, RXD_FOE_ENTRY_NONE));
	KUNIT_EXPECT_EQ(test, fsw_reasons(ppe, CPU_REASON_BUCKET_FULL), 1);
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 104));
	KUNIT_EXPECT_EQ(test, ppe->binds, FOE_BUCKET_WAYS);
	KUNIT_EXPECT_EQ(test, ppe->orphan_reports, 0);

	/* deleting the flow of way 1 frees it before flow_del returns */
	clears = env->cache_clears;
	env->watch = bucket + 1;
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(ppe, 101), 0);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[bucket + 1]), FOE_STATE_INVALID);
	KUNIT_EXPECT_GT(test, env->cache_clears, clears);
	KUNIT_EXPECT_EQ(test, env->watch_state, FOE_STATE_INVALID);
	KUNIT_EXPECT_PTR_EQ(test, ppe->bound[bucket + 1], NULL);
	for (i = 0; i < FOE_BUCKET_WAYS; i++)
		if (i != 1)
			KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[bucket + i]),
					FOE_STATE_BIND);

	/* the way was reported a moment ago: wait out the rate limit */
	for (t = 0; t < 100 && fsw_report_held(ppe, bucket + 1); t++)
		msleep(20);
	fsw_learn_and_report(env, bucket + 1, &e[4]);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[bucket + 1]), FOE_STATE_BIND);
	KUNIT_EXPECT_TRUE(test, flowsw_foe_same_flow(&env->foe[bucket + 1], &e[4]));
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 104));
	KUNIT_EXPECT_EQ(test, ppe->binds, FOE_BUCKET_WAYS + 1);
}

/* A cookie offered for another tuple stood for a flow that is gone. */
static void cookie_of_another_tuple_replaces_the_flow(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e, old;
	u32 index;

	fsw_add_tcp4(test, 1, 40000, &old);
	index = foe_hash(&old);
	fsw_learn_and_report(env, index, &old);
	KUNIT_ASSERT_TRUE(test, fsw_bound(test, 1));
	e = old;
	e.ipv4.orig.src_port++;
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_add(env->ppe, 1, &e, NULL), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&env->ppe->flows.nelems), 1);
	/* the old flow's entry went with it */
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_INVALID);
	KUNIT_EXPECT_PTR_EQ(test, env->ppe->bound[index], NULL);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(env->ppe, 1), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&env->ppe->flows.nelems), 0);
}

/*
 * The flowtable offers a flow again with a new next hop (a new gateway
 * MAC after a DHCP or PPPoE renewal): the bound entry takes it at once,
 * stays bound, and its counters go on from where they were.
 */
static void replace_rewrites_the_bound_entry(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe_stats stats;
	struct foe_entry e, renewed;
	u32 index, clears;

	fsw_add_tcp4(test, 1, 40000, &e);
	index = foe_hash(&e);
	fsw_hw_learn(env, index, &e);
	fsw_hw_set_mib(env, 1000, 10);		/* the base, read at bind */
	fsw_report(env, index);
	KUNIT_ASSERT_TRUE(test, fsw_bound(test, 1));
	fsw_hw_set_mib(env, 1600, 16);		/* forwarded before the renewal */

	renewed = e;
	foe_entry_l2(&renewed)->dest_mac_lo ^= 0x00ff;
	clears = env->cache_clears;
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_add(env->ppe, 1, &renewed, NULL), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&env->ppe->flows.nelems), 1);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_BIND);
	KUNIT_EXPECT_EQ(test, foe_entry_l2(&env->foe[index])->dest_mac_lo,
			foe_entry_l2(&renewed)->dest_mac_lo);
	KUNIT_EXPECT_GT(test, env->cache_clears, clears);
	KUNIT_EXPECT_EQ(test, env->ppe->binds, 1);

	fsw_hw_set_mib(env, 2500, 25);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_TRUE(test, stats.bound);
	KUNIT_EXPECT_EQ(test, stats.pkts, 15);
	KUNIT_EXPECT_EQ(test, stats.bytes, 1500);
}

/* Offered again before it bound: the bind uses the newer entry. */
static void replace_of_waiting_flow_binds_the_newer_entry(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e, renewed;
	u32 index;

	fsw_add_tcp4(test, 1, 40000, &e);
	renewed = e;
	foe_entry_l2(&renewed)->dest_mac_lo ^= 0x00ff;
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_add(env->ppe, 1, &renewed, NULL), 0);
	index = foe_hash(&e);
	fsw_learn_and_report(env, index, &e);
	KUNIT_ASSERT_TRUE(test, fsw_bound(test, 1));
	KUNIT_EXPECT_EQ(test, foe_entry_l2(&env->foe[index])->dest_mac_lo,
			foe_entry_l2(&renewed)->dest_mac_lo);
}

static void unknown_cookie_is_enoent(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe_stats stats;
	struct foe_entry e;

	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(env->ppe, 1), -ENOENT);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), -ENOENT);
	fsw_add_tcp4(test, 1, 40000, &e);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(env->ppe, 2), -ENOENT);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(env->ppe, 1), 0);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(env->ppe, 1), -ENOENT);
}

static void delete_of_waiting_flow_touches_no_entry(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e;
	u32 index;

	fsw_add_tcp4(test, 1, 40000, &e);
	index = foe_hash(&e);
	fsw_hw_learn(env, index, &e);	/* learnt, not yet reported */
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(env->ppe, 1), 0);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_UNBIND);
	KUNIT_EXPECT_EQ(test, env->cache_clears, 0);
	/* and its report finds no flow any more */
	flowsw_ppe_report(env->ppe, fsw_rxd(CPU_REASON_HIT_UNBIND_RATE_REACHED, index));
	KUNIT_EXPECT_EQ(test, env->ppe->orphan_reports, 1);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_UNBIND);
}

static void delete_spares_entry_relearnt_by_other_flow(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e, other;
	u32 index;

	fsw_add_tcp4(test, 1, 40000, &e);
	index = foe_hash(&e);
	fsw_learn_and_report(env, index, &e);
	KUNIT_ASSERT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_BIND);

	/* the PPE aged our entry and learnt another flow in its place */
	other = e;
	other.ipv4.orig.dest_port = 444;
	fsw_hw_learn(env, index, &other);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(env->ppe, 1), 0);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_UNBIND);
	KUNIT_EXPECT_EQ(test, env->foe[index].ipv4.orig.dest_port, 444);
	KUNIT_EXPECT_PTR_EQ(test, env->ppe->bound[index], NULL);
}

static void stats_are_mib_deltas(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe_stats stats;
	unsigned int reads;
	struct foe_entry e;
	u32 index;

	fsw_add_tcp4(test, 1, 40000, &e);
	index = foe_hash(&e) + 3;
	/* the counters read at bind time are the base */
	fsw_hw_learn(env, index, &e);
	fsw_hw_set_mib(env, 1000, 10);
	fsw_report(env, index);
	KUNIT_ASSERT_TRUE(test, fsw_bound(test, 1));

	fsw_hw_set_mib(env, 0x123456789abcULL, 0x123456789aULL);
	reads = env->mib_reads;
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_EQ(test, env->mib_reads, reads + 1);
	KUNIT_EXPECT_EQ(test, env->mib_entry, index);
	KUNIT_EXPECT_EQ(test, stats.bytes, 0x123456789abcULL - 1000);
	KUNIT_EXPECT_EQ(test, stats.pkts, 0x123456789aULL - 10);
	KUNIT_EXPECT_TRUE(test, stats.bound);

	/* nothing forwarded since: nothing counted twice */
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_EQ(test, stats.bytes, 0);
	KUNIT_EXPECT_EQ(test, stats.pkts, 0);
	KUNIT_EXPECT_TRUE(test, stats.bound);

	fsw_hw_set_mib(env, 0x123456789abcULL + 1500, 0x123456789aULL + 1);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_EQ(test, stats.bytes, 1500);
	KUNIT_EXPECT_EQ(test, stats.pkts, 1);
}

static void stats_survive_mib_wraparound(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe_stats stats;
	struct foe_entry e;

	fsw_add_tcp4(test, 1, 40000, &e);
	fsw_hw_learn(env, foe_hash(&e), &e);
	fsw_hw_set_mib(env, GENMASK_ULL(47, 0) - 99, GENMASK_ULL(39, 0) - 1);
	fsw_report(env, foe_hash(&e));
	KUNIT_ASSERT_TRUE(test, fsw_bound(test, 1));

	fsw_hw_set_mib(env, 400, 3);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_EQ(test, stats.bytes, 500);
	KUNIT_EXPECT_EQ(test, stats.pkts, 5);
}

static void stats_idle_follows_foe_timestamp(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe_stats stats;
	struct foe_entry e;
	u32 index;

	fsw_add_tcp4(test, 1, 40000, &e);
	index = foe_hash(&e);
	fsw_hw_set_ts(env, 250);
	fsw_learn_and_report(env, index, &e);
	KUNIT_EXPECT_EQ(test, fsw_ts(env->foe[index].ib1), 250);

	fsw_hw_set_ts(env, 259);	/* 0x103: the low byte wrapped */
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_EQ(test, stats.idle, 9);

	/* a hit refreshes the entry's timestamp */
	env->foe[index].ib1 = fsw_with_ts(env->foe[index].ib1, 0x02);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_EQ(test, stats.idle, 1);
}

/* Review A8: the timestamp of an entry given to another flow is not ours. */
static void stats_idle_is_never_another_flows(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe_stats stats;
	struct foe_entry e, stranger;
	u32 index;

	fsw_add_tcp4(test, 1, 40000, &e);
	index = foe_hash(&e);
	fsw_hw_set_ts(env, 10);
	fsw_learn_and_report(env, index, &e);
	KUNIT_ASSERT_TRUE(test, fsw_bound(test, 1));
	/* aged out; the PPE learned another flow there, which it hit at 10 */
	stranger = e;
	stranger.ipv4.orig.src_port = 40099;
	fsw_hw_learn(env, index, &stranger);
	env->foe[index].ib1 = fsw_with_ts(env->foe[index].ib1, 10);
	fsw_hw_set_ts(env, 50);

	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_FALSE(test, stats.bound);
	KUNIT_EXPECT_EQ(test, stats.pkts, 0);
	KUNIT_EXPECT_EQ(test, stats.idle, 0);
}

/*
 * Review 1.1: the PPE relearnt the flow at the same index and zeroed its
 * MIB.  STATS must count nothing, not wrap against the old snapshot.
 */
static void stats_never_wrap_after_relearn(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe_stats stats;
	struct foe_entry e;
	u32 index;

	index = fsw_bind_tcp4(test, &e);
	fsw_hw_set_mib(env, 1000, 10);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_EQ(test, stats.bytes, 1000);
	fsw_hw_learn(env, index, &e);		/* zeroes the MIB */
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_EQ(test, stats.bytes, 0);
	KUNIT_EXPECT_EQ(test, stats.pkts, 0);
	KUNIT_EXPECT_FALSE(test, stats.bound);
}

/* A MIB read that times out counts nothing and keeps the snapshot. */
static void stats_skip_a_mib_timeout(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe_stats stats;
	struct foe_entry e;

	fsw_bind_tcp4(test, &e);
	fsw_hw_set_mib(env, 1000, 10);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	env->mib_stuck = true;
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_EQ(test, stats.bytes, 0);
	KUNIT_EXPECT_TRUE(test, stats.bound);
	env->mib_stuck = false;
	fsw_hw_set_mib(env, 1500, 15);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_EQ(test, stats.bytes, 500);
	KUNIT_EXPECT_EQ(test, stats.pkts, 5);
}

static void stats_see_entry_aged_by_hardware(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe *ppe = env->ppe;
	struct flowsw_ppe_stats stats;
	struct foe_entry e;
	u32 index;

	index = fsw_bind_tcp4(test, &e);

	/* the PPE's ageing clears the state and leaves the rest */
	env->foe[index].ib1 &= ~FOE_IB1_STATE;
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(ppe, 1, &stats), 0);
	KUNIT_EXPECT_FALSE(test, stats.bound);
	KUNIT_EXPECT_EQ(test, ppe->hw_unbinds, 1);
	KUNIT_EXPECT_PTR_EQ(test, ppe->bound[index], NULL);

	/* counted once; the flow waits for a report again */
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(ppe, 1, &stats), 0);
	KUNIT_EXPECT_FALSE(test, stats.bound);
	KUNIT_EXPECT_EQ(test, ppe->hw_unbinds, 1);

	/* relearnt at another way of the bucket, it binds there */
	fsw_learn_and_report(env, index + 1, &e);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 1));
	KUNIT_EXPECT_EQ(test, ppe->binds, 2);
}

static void stats_see_entry_finished_by_hardware(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe_stats stats;
	struct foe_entry e;
	u32 index;

	index = fsw_bind_tcp4(test, &e);

	/* a FIN or RST moved the entry to FIN */
	env->foe[index].ib1 = (env->foe[index].ib1 & ~FOE_IB1_STATE) |
			      FIELD_PREP(FOE_IB1_STATE, FOE_STATE_FIN);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_stats(env->ppe, 1, &stats), 0);
	KUNIT_EXPECT_FALSE(test, stats.bound);
	KUNIT_EXPECT_EQ(test, env->ppe->hw_unbinds, 1);
}

static void cleanup_invalidates_bound_entries(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e1, e2, other;
	u32 i1, i2, io;

	fsw_add_tcp4(test, 1, 40000, &e1);
	fsw_add_tcp4(test, 2, 40001, &e2);
	i1 = foe_hash(&e1);
	i2 = foe_hash(&e2) + 1;
	fsw_learn_and_report(env, i1, &e1);
	fsw_learn_and_report(env, i2, &e2);
	KUNIT_ASSERT_EQ(test, env->ppe->binds, 2);
	/* and a flow the hardware learnt that nobody offloaded */
	other = e1;
	other.ipv4.orig.dest_port = 444;
	io = i1 + 2;
	fsw_hw_learn(env, io, &other);

	env->cache_clears = 0;
	kunit_release_action(test, fsw_ppe_cleanup, env->ppe);
	KUNIT_EXPECT_EQ(test, env->foe[i1].ib1, 0);
	KUNIT_EXPECT_EQ(test, env->foe[i2].ib1, 0);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[io]), FOE_STATE_UNBIND);
	KUNIT_EXPECT_GE(test, env->cache_clears, 1);
	KUNIT_EXPECT_PTR_EQ(test, env->ppe->bound[i1], NULL);
	KUNIT_EXPECT_PTR_EQ(test, env->ppe->bound[i2], NULL);
}

/* A flow the PPE learned before REPLACE binds at REPLACE. */
static void replace_binds_flow_already_learned(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e;
	u32 index;

	fsw_to_foe_ok(test, fsw_rule_tcp4_to_wan(test, 40000), &e);
	index = foe_hash(&e) + 1;
	fsw_hw_learn(env, index, &e);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(env->ppe, 1, &e, NULL), 0);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_BIND);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 1));
}

/*
 * One learned below the report threshold waits for the report: a tuple
 * seen once must not take a way for good.
 */
static void replace_waits_for_report_below_threshold(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e;
	u32 index;

	env->ppe->bind_threshold = 10;
	fsw_to_foe_ok(test, fsw_rule_tcp4_to_wan(test, 40000), &e);
	index = foe_hash(&e) + 1;
	fsw_hw_learn(env, index, &e);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(env->ppe, 1, &e, NULL), 0);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_UNBIND);
	KUNIT_EXPECT_FALSE(test, fsw_bound(test, 1));
	flowsw_ppe_report(env->ppe, fsw_rxd(CPU_REASON_HIT_UNBIND_RATE_REACHED,
					    index));
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index]), FOE_STATE_BIND);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 1));
}

/* A block going away takes its flows' entries, and only those. */
static void flush_owner_invalidates_only_its_flows(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	static const int block_a, block_b;
	struct foe_entry a, b;
	u32 ia, ib;

	fsw_to_foe_ok(test, fsw_rule_tcp4_to_wan(test, 40000), &a);
	fsw_to_foe_ok(test, fsw_rule_tcp4_to_wan(test, 40001), &b);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(env->ppe, 1, &a, &block_a), 0);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(env->ppe, 2, &b, &block_b), 0);
	ia = foe_hash(&a);
	ib = foe_hash(&b) + (foe_hash(&b) == ia);
	fsw_learn_and_report(env, ia, &a);
	fsw_learn_and_report(env, ib, &b);
	KUNIT_ASSERT_TRUE(test, fsw_bound(test, 1) && fsw_bound(test, 2));

	flowsw_ppe_flush_owner(env->ppe, &block_a);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[ia]), FOE_STATE_INVALID);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[ib]), FOE_STATE_BIND);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(env->ppe, 1), -ENOENT);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 2));
}

/*
 * Every flow offered is accounted for when it goes: bound at some time or
 * never.  A REPLACE that refreshes a flow held is no new offer.
 */
static void flows_accounted_when_they_go(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe *ppe = env->ppe;
	struct foe_entry a, b;

	fsw_add_tcp4(test, 1, 40000, &a);
	fsw_add_tcp4(test, 2, 40001, &b);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(ppe, 1, &a, NULL), 0);
	KUNIT_EXPECT_EQ(test, ppe->offers, 2);
	fsw_learn_and_report(env, foe_hash(&a), &a);
	KUNIT_ASSERT_TRUE(test, fsw_bound(test, 1));

	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(ppe, 1), 0);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_flow_del(ppe, 2), 0);
	KUNIT_EXPECT_EQ(test, ppe->gone_bound, 1);
	KUNIT_EXPECT_EQ(test, ppe->gone_unbound, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&ppe->flows.nelems), 0);
}

/* Review B2: a flush clears the PPE cache once, not once per flow. */
static void flush_clears_the_cache_once(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e[3];
	unsigned int clears;
	u32 index[3];
	int i;

	for (i = 0; i < 3; i++) {
		fsw_add_tcp4(test, i + 1, 40000 + i * 7, &e[i]);
		index[i] = foe_hash(&e[i]) + (i == 2);
		fsw_learn_and_report(env, index[i], &e[i]);
		KUNIT_ASSERT_TRUE(test, fsw_bound(test, i + 1));
	}
	clears = env->cache_clears;
	flowsw_ppe_flush_owner(env->ppe, NULL);
	KUNIT_EXPECT_EQ(test, env->cache_clears, clears + 1);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[index[i]]),
				FOE_STATE_INVALID);
	KUNIT_EXPECT_EQ(test, atomic_read(&env->ppe->flows.nelems), 0);
}

/* ---- roaming: flows follow their host to another switch port ------------ */

static const u8 fsw_other_host_mac[ETH_ALEN] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x66 };

/* A flow from the wan to the host @dmac behind lan[@port], in VLAN @vid. */
static void fsw_add_to_lan(struct kunit *test, unsigned long cookie, u16 sport,
			   const u8 *dmac, int port, u16 vid,
			   struct foe_entry *e)
{
	struct fsw_env *env = test->priv;
	struct fsw_rule *r;

	r = fsw_rule_ipv4(test, IPPROTO_UDP, FSW_REMOTE, sport, FSW_LAN_HOST,
			  9000, FSW_IFINDEX_WAN);
	fsw_act_eth_src(r, fsw_router_mac);
	fsw_act_eth_dst(r, dmac);
	if (vid)
		fsw_act_vlan_push(r, vid, ETH_P_8021Q);
	fsw_act_redirect(r, env->lan[port]);
	fsw_to_foe_ok(test, r, e);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(env->ppe, cookie, e, NULL), 0);
}

/* The bridge says @mac is now behind lan[@port], all four ports bridged. */
static unsigned int fsw_move(struct fsw_env *env, const u8 *mac, int port,
			     u16 vid, bool tagged)
{
	struct flowsw_ppe_move move = {
		.port = port,
		.from_ports = GENMASK(SW_NUM_USER_PORTS - 1, 0),
		.vid = vid,
		.tagged = tagged,
	};

	return flowsw_ppe_move_dest(env->ppe, mac, &move);
}

/* Bind flow @cookie, known as @e, at way @way of its bucket. */
static u32 fsw_bind_at_way(struct kunit *test, unsigned long cookie,
			   const struct foe_entry *e, u32 way)
{
	struct fsw_env *env = test->priv;
	u32 index = foe_hash(e) + way;

	fsw_learn_and_report(env, index, e);
	KUNIT_ASSERT_TRUE(test, fsw_bound(test, cookie));
	return index;
}

static void move_dest_repoints_bound_flow(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e, expect;
	unsigned int clears;
	u32 index;

	fsw_add_to_lan(test, 1, 40000, fsw_host_mac, 0, 0, &e);
	index = fsw_bind_at_way(test, 1, &e, 1);
	KUNIT_ASSERT_EQ(test, env->foe[index].ipv4.l2.etype, BIT(0));

	clears = env->cache_clears;
	env->watch = index;
	KUNIT_EXPECT_EQ(test, fsw_move(env, fsw_host_mac, 2, 0, false), 1);
	/* only the special tag changed, and the PPE cache was told */
	expect = e;
	expect.ipv4.l2.etype = BIT(2);
	KUNIT_EXPECT_MEMEQ(test, &env->foe[index].data[1], &expect.data[1],
			   sizeof(e) - sizeof(e.ib1));
	KUNIT_EXPECT_GT(test, env->cache_clears, clears);
	KUNIT_EXPECT_EQ(test, env->watch_state, FOE_STATE_BIND);
	KUNIT_EXPECT_EQ(test, env->ppe->dest_moves, 1);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 1));

	/* an FDB event that moves nothing touches nothing */
	clears = env->cache_clears;
	KUNIT_EXPECT_EQ(test, fsw_move(env, fsw_host_mac, 2, 0, false), 0);
	KUNIT_EXPECT_EQ(test, env->cache_clears, clears);
	KUNIT_EXPECT_EQ(test, env->ppe->dest_moves, 1);
}

/* A flow still waiting for its report binds to where its host is now. */
static void move_dest_repoints_waiting_flow(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e;
	u32 index;

	fsw_add_to_lan(test, 1, 40000, fsw_host_mac, 0, 0, &e);
	KUNIT_EXPECT_EQ(test, fsw_move(env, fsw_host_mac, 3, 0, false), 1);
	index = fsw_bind_at_way(test, 1, &e, 0);
	KUNIT_EXPECT_EQ(test, env->foe[index].ipv4.l2.etype, BIT(3));
}

/* Other hosts, and the same address behind the wan, stay where they are. */
static void move_dest_keeps_vlan_and_spares_other_flows(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry tagged, other, wan;
	u32 it, io, iw;

	fsw_add_to_lan(test, 1, 40000, fsw_host_mac, 0, 100, &tagged);
	fsw_add_to_lan(test, 2, 40001, fsw_other_host_mac, 0, 0, &other);
	fsw_add_tcp4(test, 3, 40002, &wan);
	KUNIT_ASSERT_TRUE(test, flowsw_foe_dest_mac_is(&wan, fsw_host_mac));
	it = fsw_bind_at_way(test, 1, &tagged, 0);
	io = fsw_bind_at_way(test, 2, &other, 1);
	iw = fsw_bind_at_way(test, 3, &wan, 2);

	KUNIT_EXPECT_EQ(test, fsw_move(env, fsw_host_mac, 1, 100, true), 1);
	KUNIT_EXPECT_EQ(test, env->foe[it].ipv4.l2.etype,
			BIT(1) | FOE_ETYPE_STAG_TPID_8100);
	KUNIT_EXPECT_EQ(test, env->foe[it].ipv4.l2.vlan1, 100);
	KUNIT_EXPECT_EQ(test, env->foe[io].ipv4.l2.etype, BIT(0));
	KUNIT_EXPECT_EQ(test, env->foe[iw].ipv4.l2.etype, ETH_P_IP);
	KUNIT_EXPECT_EQ(test, fsw_dest_port(env->foe[iw].ipv4.ib2), PSE_PORT_GMAC1);
}

/* An index the PPE has given to another flow since is not the flow's. */
static void move_dest_spares_entry_relearnt_by_other_flow(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e, stranger, before;
	u32 index;

	fsw_add_to_lan(test, 1, 40000, fsw_host_mac, 0, 0, &e);
	index = fsw_bind_at_way(test, 1, &e, 0);
	/* the entry aged out and the PPE learned another flow there */
	stranger = e;
	stranger.ipv4.orig.src_port = 40099;
	fsw_hw_learn(env, index, &stranger);
	before = env->foe[index];

	KUNIT_EXPECT_EQ(test, fsw_move(env, fsw_host_mac, 2, 0, false), 1);
	KUNIT_EXPECT_MEMEQ(test, &env->foe[index], &before, sizeof(before));
}

/* A port of another bridge is another L2 domain: nothing follows there. */
static void move_dest_stays_within_the_bridge(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct flowsw_ppe_move move = { .port = 2, .from_ports = BIT(1) | BIT(2) };
	struct foe_entry e;
	u32 index;

	fsw_add_to_lan(test, 1, 40000, fsw_host_mac, 0, 0, &e);
	index = fsw_bind_at_way(test, 1, &e, 0);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_move_dest(env->ppe, fsw_host_mac, &move), 0);
	KUNIT_EXPECT_EQ(test, env->foe[index].ipv4.l2.etype, BIT(0));
	KUNIT_EXPECT_EQ(test, env->ppe->dest_moves, 0);
}

/* The new port's tagging of the VLAN replaces the old port's. */
static void move_dest_takes_the_new_ports_tagging(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_mac_info *l2;
	struct foe_entry e;
	u32 index;

	fsw_add_to_lan(test, 1, 40000, fsw_host_mac, 0, 0, &e);
	index = fsw_bind_at_way(test, 1, &e, 0);
	l2 = &env->foe[index].ipv4.l2;

	KUNIT_EXPECT_EQ(test, fsw_move(env, fsw_host_mac, 1, 10, true), 1);
	KUNIT_EXPECT_EQ(test, l2->etype, BIT(1) | FOE_ETYPE_STAG_TPID_8100);
	KUNIT_EXPECT_EQ(test, l2->vlan1, 10);
	KUNIT_EXPECT_EQ(test, fsw_layers(env->foe[index].ib1), 1);

	/* a tagged flow does not follow an event of another VLAN */
	KUNIT_EXPECT_EQ(test, fsw_move(env, fsw_host_mac, 2, 20, false), 0);
	KUNIT_EXPECT_EQ(test, l2->etype, BIT(1) | FOE_ETYPE_STAG_TPID_8100);

	KUNIT_EXPECT_EQ(test, fsw_move(env, fsw_host_mac, 0, 10, false), 1);
	KUNIT_EXPECT_EQ(test, l2->etype, BIT(0));
	KUNIT_EXPECT_EQ(test, l2->vlan1, 0);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 1));
}

/*
 * Review A6: the flow's entry aged, and the PPE learned the flow again at
 * another way of its bucket.  Its report binds the flow there at once,
 * rather than after the next STATS noticed the old entry gone.
 */
static void report_rebinds_flow_whose_entry_aged(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e;
	u32 first, again;

	fsw_add_tcp4(test, 1, 40000, &e);
	first = fsw_bind_at_way(test, 1, &e, 0);
	env->foe[first].ib1 = 0;		/* aged out */
	again = first + 2;
	fsw_learn_and_report(env, again, &e);
	KUNIT_EXPECT_EQ(test, foe_entry_state(&env->foe[again]), FOE_STATE_BIND);
	KUNIT_EXPECT_EQ(test, env->ppe->orphan_reports, 0);
	KUNIT_EXPECT_EQ(test, env->ppe->hw_unbinds, 1);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 1));
}

/*
 * Review B1: events find flows by destination MAC.  A REPLACE that brings
 * another MAC files the flow under it, so the new host's moves reach it.
 */
static void move_dest_finds_a_flow_replaced_to_another_mac(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e, renewed;
	u32 index;

	fsw_add_to_lan(test, 1, 40000, fsw_host_mac, 0, 0, &e);
	index = fsw_bind_at_way(test, 1, &e, 0);
	renewed = e;
	flowsw_foe_set_dest_mac(&renewed, fsw_other_host_mac);
	KUNIT_ASSERT_EQ(test, flowsw_ppe_flow_add(env->ppe, 1, &renewed, NULL), 0);

	KUNIT_EXPECT_EQ(test, fsw_move(env, fsw_host_mac, 2, 0, false), 0);
	KUNIT_EXPECT_EQ(test, fsw_move(env, fsw_other_host_mac, 2, 0, false), 1);
	KUNIT_EXPECT_EQ(test, env->foe[index].ipv4.l2.etype, BIT(2));
}

/* ---- a neighbour's new MAC address ------------------------------------- */

/*
 * A bound flow to the wan gateway takes its new address, through UNBIND
 * so that the PPE never sends a frame with half of each; a flow to the
 * same address behind a switch port is another neighbour's.
 */
static void retarget_rewrites_bound_flow_through_unbind(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry wan, lan, expect;
	u32 iw, il;

	fsw_add_tcp4(test, 1, 40000, &wan);
	fsw_add_to_lan(test, 2, 40001, fsw_host_mac, 0, 0, &lan);
	KUNIT_ASSERT_TRUE(test, flowsw_foe_dest_mac_is(&wan, fsw_host_mac));
	iw = fsw_bind_at_way(test, 1, &wan, 0);
	il = fsw_bind_at_way(test, 2, &lan, 1);

	env->watch = iw;
	KUNIT_EXPECT_EQ(test, flowsw_ppe_retarget(env->ppe, fsw_host_mac,
						  fsw_other_host_mac,
						  FLOWSW_EGRESS_GMAC1), 1);
	expect = wan;
	flowsw_foe_set_dest_mac(&expect, fsw_other_host_mac);
	KUNIT_EXPECT_MEMEQ(test, &env->foe[iw].data[1], &expect.data[1],
			   sizeof(expect) - sizeof(expect.ib1));
	KUNIT_EXPECT_EQ(test, env->watch_seen,
			BIT(FOE_STATE_UNBIND) | BIT(FOE_STATE_BIND));
	KUNIT_EXPECT_EQ(test, env->watch_state, FOE_STATE_BIND);
	KUNIT_EXPECT_TRUE(test, fsw_bound(test, 1));
	KUNIT_EXPECT_TRUE(test, flowsw_foe_dest_mac_is(&env->foe[il], fsw_host_mac));
	KUNIT_EXPECT_EQ(test, env->ppe->neigh_moves, 1);

	/* the old address is no one's any more */
	KUNIT_EXPECT_EQ(test, flowsw_ppe_retarget(env->ppe, fsw_host_mac,
						  fsw_other_host_mac,
						  FLOWSW_EGRESS_GMAC1), 0);
}

/* A flow still waiting for its report binds with the new address. */
static void retarget_of_waiting_flow_binds_the_new_address(struct kunit *test)
{
	struct fsw_env *env = test->priv;
	struct foe_entry e;
	u32 index;

	fsw_add_to_lan(test, 1, 40000, fsw_host_mac, 2, 0, &e);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_retarget(env->ppe, fsw_host_mac,
						  fsw_other_host_mac, BIT(1)), 0);
	KUNIT_EXPECT_EQ(test, flowsw_ppe_retarget(env->ppe, fsw_host_mac,
						  fsw_other_host_mac,
						  BIT(1) | BIT(2)), 1);
	index = fsw_bind_at_way(test, 1, &e, 0);
	KUNIT_EXPECT_TRUE(test, flowsw_foe_dest_mac_is(&env->foe[index],
						       fsw_other_host_mac));
	KUNIT_EXPECT_EQ(test, env->foe[index].ipv4.l2.etype, BIT(2));
}

static struct kunit_case flowsw_ppe_cases[] = {
	KUNIT_CASE(replace_binds_flow_already_learned),
	KUNIT_CASE(replace_waits_for_report_below_threshold),
	KUNIT_CASE(flush_owner_invalidates_only_its_flows),
	KUNIT_CASE(flows_accounted_when_they_go),
	KUNIT_CASE(flush_clears_the_cache_once),
	KUNIT_CASE(report_binds_waiting_flow),
	KUNIT_CASE(syn_retires_waiting_flow_of_its_tuple),
	KUNIT_CASE(syn_evicts_bound_flow_of_its_tuple),
	KUNIT_CASE(syn_spares_other_tuples),
	KUNIT_CASE(tcp_control_frame_retires_only_on_syn),
	KUNIT_CASE(tcp_control_frame_retires_ipv6_flow),
	KUNIT_CASE(report_binds_ipv6_flow),
	KUNIT_CASE(report_of_other_tuple_binds_nothing),
	KUNIT_CASE(reports_of_other_reasons_bind_nothing),
	KUNIT_CASE(reports_of_one_index_are_rate_limited),
	KUNIT_CASE(full_bucket_binds_fifth_flow_after_delete),
	KUNIT_CASE(contended_bucket_binds_at_first_hit),
	KUNIT_CASE(cookie_of_another_tuple_replaces_the_flow),
	KUNIT_CASE(replace_rewrites_the_bound_entry),
	KUNIT_CASE(replace_of_waiting_flow_binds_the_newer_entry),
	KUNIT_CASE(unknown_cookie_is_enoent),
	KUNIT_CASE(delete_of_waiting_flow_touches_no_entry),
	KUNIT_CASE(delete_spares_entry_relearnt_by_other_flow),
	KUNIT_CASE(stats_are_mib_deltas),
	KUNIT_CASE(stats_survive_mib_wraparound),
	KUNIT_CASE(stats_idle_follows_foe_timestamp),
	KUNIT_CASE(report_limiter_ignores_a_future_stamp),
	KUNIT_CASE(stats_see_entry_aged_by_hardware),
	KUNIT_CASE(stats_never_wrap_after_relearn),
	KUNIT_CASE(stats_idle_is_never_another_flows),
	KUNIT_CASE(report_rebinds_flow_whose_entry_aged),
	KUNIT_CASE(stats_skip_a_mib_timeout),
	KUNIT_CASE(stats_see_entry_finished_by_hardware),
	KUNIT_CASE(cleanup_invalidates_bound_entries),
	KUNIT_CASE(move_dest_repoints_bound_flow),
	KUNIT_CASE(move_dest_repoints_waiting_flow),
	KUNIT_CASE(move_dest_keeps_vlan_and_spares_other_flows),
	KUNIT_CASE(move_dest_spares_entry_relearnt_by_other_flow),
	KUNIT_CASE(move_dest_stays_within_the_bridge),
	KUNIT_CASE(move_dest_takes_the_new_ports_tagging),
	KUNIT_CASE(move_dest_finds_a_flow_replaced_to_another_mac),
	KUNIT_CASE(retarget_rewrites_bound_flow_through_unbind),
	KUNIT_CASE(retarget_of_waiting_flow_binds_the_new_address),
	{}
};

static struct kunit_suite flowsw_ppe_suite = {
	.name = "flowsw_ppe",
	.init = fsw_env_init,
	.exit = fsw_env_exit,
	.test_cases = flowsw_ppe_cases,
};

kunit_test_suites(&flowsw_foe_suite, &flowsw_flow_to_foe_suite,
		  &flowsw_flow_refuse_suite, &flowsw_ppe_suite);

MODULE_DESCRIPTION("KUnit tests for the flowsw flow offload library");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(FLOWSW);
