// SPDX-License-Identifier: GPL-2.0-only
/*
 * flowsw: translate a flow_rule (from an nftables flowtable or tc flower)
 * into the FOE entry the PPE binds.
 *
 * Everything the PPE cannot do is refused here with -EOPNOTSUPP and an
 * extack message, before any state exists, so the flow stays in software.
 */
#include <linux/bitfield.h>
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <net/flow_dissector.h>
#include <net/flow_offload.h>
#include <net/tcp.h>

#include "flowsw_flow.h"
#include "flowsw_regs.h"

#define FLOWSW_MAX_VLANS	2

/*
 * The FOE key is the bare IP tuple: the PPE cannot match the ingress port,
 * VLAN or PPPoE session a rule names.  Those keys are accepted because the
 * flowtable always sends them, but the hardware matches wider than the
 * rule: the same 5-tuple arriving on another port, VLAN or session of
 * the PPE is forwarded and NATed as this flow is (rp_filter and per-VLAN
 * zones do not apply to it), exactly as on MediaTek's PPE.  tc flower
 * users who need the narrower match must keep such rules in software.
 */
#define FLOWSW_SUPPORTED_KEYS	(BIT_ULL(FLOW_DISSECTOR_KEY_META) |	\
				 BIT_ULL(FLOW_DISSECTOR_KEY_CONTROL) |	\
				 BIT_ULL(FLOW_DISSECTOR_KEY_BASIC) |	\
				 BIT_ULL(FLOW_DISSECTOR_KEY_IPV4_ADDRS) |	\
				 BIT_ULL(FLOW_DISSECTOR_KEY_IPV6_ADDRS) |	\
				 BIT_ULL(FLOW_DISSECTOR_KEY_PORTS) |	\
				 BIT_ULL(FLOW_DISSECTOR_KEY_TCP) |	\
				 BIT_ULL(FLOW_DISSECTOR_KEY_VLAN) |	\
				 BIT_ULL(FLOW_DISSECTOR_KEY_CVLAN))

/* The text of each reason: the extack message, and its name in debugfs */
const char *const flowsw_reject_msg[FLOWSW_REJECT_COUNT] = {
	[FLOWSW_REJECT_NONE] = "not refused",
	[FLOWSW_REJECT_ETH_MANGLE] = "Ethernet mangle beyond the MAC addresses",
	[FLOWSW_REJECT_IPV4_MANGLE] = "only IPv4 addresses can be rewritten",
	[FLOWSW_REJECT_PORT_MANGLE] = "only L4 ports can be rewritten",
	[FLOWSW_REJECT_MANGLE] = "the PPE rewrites only MACs and IPv4 NAT",
	[FLOWSW_REJECT_TWO_EGRESS] = "more than one egress device",
	[FLOWSW_REJECT_EGRESS_PORT] = "egress device is not a flowsw port",
	[FLOWSW_REJECT_POP_AFTER_PUSH] = "VLAN pop after a push",
	[FLOWSW_REJECT_ENCAPS] = "more than two encapsulations",
	[FLOWSW_REJECT_VLAN_PROTO] = "only 802.1Q VLANs can be pushed",
	[FLOWSW_REJECT_VLAN_IN_PPPOE] = "VLAN tag inside a PPPoE session",
	[FLOWSW_REJECT_ACTION] = "unsupported action",
	[FLOWSW_REJECT_MATCH_KEY] = "unsupported match key",
	[FLOWSW_REJECT_MATCH_PROTO] = "flow must match L3 and L4 protocol",
	[FLOWSW_REJECT_CONTROL_FLAGS] = "fragment or other control flags matched",
	[FLOWSW_REJECT_INGRESS_MATCH] = "only an exact ingress device match is offloaded",
	[FLOWSW_REJECT_INGRESS_PORT] = "ingress device is not a flowsw port",
	[FLOWSW_REJECT_L3] = "flow is neither IPv4 nor IPv6",
	[FLOWSW_REJECT_L4] = "only TCP and UDP flows are offloaded",
	[FLOWSW_REJECT_TCP_FLAGS] = "TCP flags can only be matched as FIN and RST clear",
	[FLOWSW_REJECT_ADDRS] = "flow must match both IP addresses exactly",
	[FLOWSW_REJECT_PORTS] = "flow must match both L4 ports exactly",
	[FLOWSW_REJECT_CHAIN] = "only chain 0 is offloaded",
	[FLOWSW_REJECT_HW_STATS] = "only delayed hardware stats are offloaded",
	[FLOWSW_REJECT_VLAN_POP] = "flow must pop exactly the VLAN tags it matches",
	[FLOWSW_REJECT_VLAN_MATCH] = "only an exact 802.1Q VLAN ID match is offloaded",
	[FLOWSW_REJECT_NO_EGRESS] = "flow has no egress device",
	[FLOWSW_REJECT_REDIRECT_LAST] = "the redirect must be the last action",
	[FLOWSW_REJECT_MACS] = "flow must rewrite both MAC addresses",
	[FLOWSW_REJECT_DMAC] = "destination MAC address is not unicast",
	[FLOWSW_REJECT_SMAC] = "source MAC address is not unicast",
};
EXPORT_SYMBOL_NS_GPL(flowsw_reject_msg, FLOWSW);

/* Refuse a rule: tell the user why, and keep the reason to count it by. */
static int flowsw_refuse(struct flowsw_why *why, enum flowsw_reject reason)
{
	NL_SET_ERR_MSG_FMT_MOD(why->extack, "%s", flowsw_reject_msg[reason]);
	why->reason = reason;
	return -EOPNOTSUPP;
}

/* What the actions ask for, gathered before the entry is built. */
struct flowsw_flow_parse {
	u8 eth[2 * ETH_ALEN];		/* destination, then source */
	u8 eth_set[2 * ETH_ALEN];	/* the bits of eth[] a mangle wrote */
	u16 vlan[FLOWSW_MAX_VLANS];
	int num_vlans;
	bool pppoe;
	u16 pppoe_sid;
	struct flowsw_egress egress;
	bool have_egress;
	bool flower;
};

/* Mangles carry 32 bits in memory order with a mask of the bits to keep. */
static void flowsw_mangle_bytes(u8 *dst, const struct flow_action_entry *act)
{
	u32 val = act->mangle.val, mask = act->mangle.mask;
	const u8 *v = (const u8 *)&val, *m = (const u8 *)&mask;
	int i;

	for (i = 0; i < 4; i++)
		dst[i] = (dst[i] & m[i]) | (v[i] & ~m[i]);
}

static int flowsw_mangle_eth(struct flowsw_flow_parse *p,
			     const struct flow_action_entry *act,
			     struct flowsw_why *why)
{
	const u8 *keep = (const u8 *)&act->mangle.mask;
	u32 off = act->mangle.offset;
	int i;

	if (off > sizeof(p->eth) - 4)
		return flowsw_refuse(why, FLOWSW_REJECT_ETH_MANGLE);
	flowsw_mangle_bytes(p->eth + off, act);
	for (i = 0; i < 4; i++)
		p->eth_set[off + i] |= ~keep[i];
	return 0;
}

static int flowsw_mangle_ipv4(struct foe_ipv4_tuple *t,
			      const struct flow_action_entry *act,
			      struct flowsw_why *why)
{
	__be32 addr;

	switch (act->mangle.offset) {
	case offsetof(struct iphdr, saddr):
		addr = cpu_to_be32(t->src_ip);
		flowsw_mangle_bytes((u8 *)&addr, act);
		t->src_ip = be32_to_cpu(addr);
		return 0;
	case offsetof(struct iphdr, daddr):
		addr = cpu_to_be32(t->dest_ip);
		flowsw_mangle_bytes((u8 *)&addr, act);
		t->dest_ip = be32_to_cpu(addr);
		return 0;
	default:
		return flowsw_refuse(why, FLOWSW_REJECT_IPV4_MANGLE);
	}
}

/* Source and destination port share the first word of TCP and UDP. */
static int flowsw_mangle_ports(struct foe_ipv4_tuple *t,
			       const struct flow_action_entry *act,
			       struct flowsw_why *why)
{
	__be32 ports = cpu_to_be32((u32)t->src_port << 16 | t->dest_port);
	u32 word;

	if (act->mangle.offset)
		return flowsw_refuse(why, FLOWSW_REJECT_PORT_MANGLE);
	flowsw_mangle_bytes((u8 *)&ports, act);
	word = be32_to_cpu(ports);
	t->src_port = word >> 16;
	t->dest_port = word & 0xffff;
	return 0;
}

static int flowsw_parse_action(struct flowsw_flow_parse *p,
			       const struct flow_action_entry *act,
			       const struct flowsw_flow_ops *ops, void *ctx,
			       struct foe_entry *entry,
			       struct flowsw_why *why)
{
	u16 tci;

	switch (act->id) {
	case FLOW_ACTION_MANGLE:
		switch (act->mangle.htype) {
		case FLOW_ACT_MANGLE_HDR_TYPE_ETH:
			return flowsw_mangle_eth(p, act, why);
		case FLOW_ACT_MANGLE_HDR_TYPE_IP4:
			if (foe_entry_type(entry) != FOE_PKT_TYPE_IPV4_HNAPT)
				break;
			return flowsw_mangle_ipv4(&entry->ipv4.new, act, why);
		case FLOW_ACT_MANGLE_HDR_TYPE_TCP:
		case FLOW_ACT_MANGLE_HDR_TYPE_UDP:
			if (foe_entry_type(entry) != FOE_PKT_TYPE_IPV4_HNAPT)
				break;
			return flowsw_mangle_ports(&entry->ipv4.new, act, why);
		default:
			break;
		}
		return flowsw_refuse(why, FLOWSW_REJECT_MANGLE);
	case FLOW_ACTION_CSUM:
		return 0;	/* the PPE always fixes checksums up */
	case FLOW_ACTION_REDIRECT:
		if (p->have_egress)
			return flowsw_refuse(why, FLOWSW_REJECT_TWO_EGRESS);
		if (ops->resolve_egress(ctx, act->dev, &p->egress) ||
		    /* the special tag's port mask names ports 0..5 */
		    p->egress.dsa_port > (int)__fls(FOE_ETYPE_STAG_PORTS))
			return flowsw_refuse(why, FLOWSW_REJECT_EGRESS_PORT);
		p->have_egress = true;
		return 0;
	case FLOW_ACTION_VLAN_POP:
		/* tc would pop the pushed tag; the flowtable pops first */
		if (p->num_vlans || p->pppoe)
			return flowsw_refuse(why, FLOWSW_REJECT_POP_AFTER_PUSH);
		return 0;	/* the PPE rebuilds the whole L2 header */
	case FLOW_ACTION_VLAN_PUSH:
		/* The PPE builds the tags outside the PPPoE header. */
		if (p->num_vlans + p->pppoe == FLOWSW_MAX_VLANS)
			return flowsw_refuse(why, FLOWSW_REJECT_ENCAPS);
		if (act->vlan.proto != htons(ETH_P_8021Q))
			return flowsw_refuse(why, FLOWSW_REJECT_VLAN_PROTO);
		/* Listed outermost first, a tag after PPPoE would be inside it. */
		if (!p->flower && p->pppoe)
			return flowsw_refuse(why, FLOWSW_REJECT_VLAN_IN_PPPOE);
		tci = (act->vlan.vid & VLAN_VID_MASK) |
		      ((act->vlan.prio << VLAN_PRIO_SHIFT) & VLAN_PRIO_MASK);
		/*
		 * vlan[0] is the outermost tag.  The flowtable lists a flow's
		 * tags outermost first, as mtk_ppe_offload.c reads them; tc's
		 * vlan action pushes each tag outside the ones before it.
		 */
		if (p->flower) {
			p->vlan[1] = p->vlan[0];
			p->vlan[0] = tci;
		} else {
			p->vlan[p->num_vlans] = tci;
		}
		p->num_vlans++;
		return 0;
	case FLOW_ACTION_PPPOE_PUSH:
		if (p->pppoe || p->num_vlans == FLOWSW_MAX_VLANS)
			return flowsw_refuse(why, FLOWSW_REJECT_ENCAPS);
		p->pppoe = true;
		p->pppoe_sid = act->pppoe.sid;
		return 0;
	default:
		return flowsw_refuse(why, FLOWSW_REJECT_ACTION);
	}
}

/*
 * The PPE keys on whole addresses: a prefix or a wildcard would be offloaded
 * as a match on one address.  Fills the tuple's addresses.
 */
static bool flowsw_match_addrs(const struct flow_rule *rule, bool ipv4,
			       struct foe_entry *entry)
{
	struct flow_match_ipv4_addrs v4;
	struct flow_match_ipv6_addrs v6;
	int i;

	if (ipv4) {
		if (!flow_rule_match_key(rule, FLOW_DISSECTOR_KEY_IPV4_ADDRS))
			return false;
		flow_rule_match_ipv4_addrs(rule, &v4);
		entry->ipv4.orig.src_ip = be32_to_cpu(v4.key->src);
		entry->ipv4.orig.dest_ip = be32_to_cpu(v4.key->dst);
		return v4.mask->src == htonl(0xffffffff) &&
		       v4.mask->dst == htonl(0xffffffff);
	}

	if (!flow_rule_match_key(rule, FLOW_DISSECTOR_KEY_IPV6_ADDRS))
		return false;
	flow_rule_match_ipv6_addrs(rule, &v6);
	for (i = 0; i < 4; i++) {
		entry->ipv6.src_ip[i] = be32_to_cpu(v6.key->src.s6_addr32[i]);
		entry->ipv6.dest_ip[i] = be32_to_cpu(v6.key->dst.s6_addr32[i]);
	}
	return !memchr_inv(&v6.mask->src, 0xff, sizeof(v6.mask->src)) &&
	       !memchr_inv(&v6.mask->dst, 0xff, sizeof(v6.mask->dst));
}

/*
 * The PPE learns TCP and UDP only as HNAPT and 5T, keyed on both ports: an
 * entry without them would never bind.  Fills the tuple's ports.
 */
static bool flowsw_match_ports(const struct flow_rule *rule, bool ipv4,
			       struct foe_entry *entry)
{
	struct flow_match_ports ports;

	if (!flow_rule_match_key(rule, FLOW_DISSECTOR_KEY_PORTS))
		return false;
	flow_rule_match_ports(rule, &ports);
	if (ipv4) {
		entry->ipv4.orig.src_port = be16_to_cpu(ports.key->src);
		entry->ipv4.orig.dest_port = be16_to_cpu(ports.key->dst);
	} else {
		entry->ipv6.src_port = be16_to_cpu(ports.key->src);
		entry->ipv6.dest_port = be16_to_cpu(ports.key->dst);
	}
	return ports.mask->src == htons(0xffff) &&
	       ports.mask->dst == htons(0xffff);
}

/*
 * Matches: the tuple, its type, and where the frames come from.  Masks must
 * be full, as nf_flow_rule_match() makes them: the PPE has no others.
 */
static int flowsw_parse_match(const struct flow_rule *rule,
			      const struct flowsw_flow_ops *ops, void *ctx,
			      struct foe_entry *entry,
			      struct flowsw_why *why)
{
	struct flow_match_control control;
	struct flow_match_basic basic;
	bool udp, ipv4;
	u32 type;

	if (rule->match.dissector->used_keys & ~FLOWSW_SUPPORTED_KEYS)
		return flowsw_refuse(why, FLOWSW_REJECT_MATCH_KEY);
	if (!flow_rule_match_key(rule, FLOW_DISSECTOR_KEY_CONTROL) ||
	    !flow_rule_match_key(rule, FLOW_DISSECTOR_KEY_BASIC))
		return flowsw_refuse(why, FLOWSW_REJECT_MATCH_PROTO);
	flow_rule_match_control(rule, &control);
	if (flow_rule_has_control_flags(control.mask->flags, why->extack)) {
		why->reason = FLOWSW_REJECT_CONTROL_FLAGS;
		return -EOPNOTSUPP;
	}
	flow_rule_match_basic(rule, &basic);

	if (flow_rule_match_key(rule, FLOW_DISSECTOR_KEY_META)) {
		struct flow_match_meta meta;

		flow_rule_match_meta(rule, &meta);
		if (meta.mask->ingress_ifindex != ~0 || meta.mask->ingress_iftype ||
		    meta.mask->l2_miss)
			return flowsw_refuse(why, FLOWSW_REJECT_INGRESS_MATCH);
		if (!ops->ingress_ok(ctx, meta.key->ingress_ifindex))
			return flowsw_refuse(why, FLOWSW_REJECT_INGRESS_PORT);
	}

	ipv4 = control.key->addr_type == FLOW_DISSECTOR_KEY_IPV4_ADDRS;
	if ((!ipv4 && control.key->addr_type != FLOW_DISSECTOR_KEY_IPV6_ADDRS) ||
	    basic.mask->n_proto != htons(0xffff) ||
	    basic.key->n_proto != htons(ipv4 ? ETH_P_IP : ETH_P_IPV6))
		return flowsw_refuse(why, FLOWSW_REJECT_L3);
	udp = basic.key->ip_proto == IPPROTO_UDP;
	if (basic.mask->ip_proto != 0xff ||
	    (!udp && basic.key->ip_proto != IPPROTO_TCP))
		return flowsw_refuse(why, FLOWSW_REJECT_L4);
	/*
	 * The PPE sends FIN and RST to the CPU, which is what the flowtable's
	 * match asks for; it cannot match other flags.
	 */
	if (flow_rule_match_key(rule, FLOW_DISSECTOR_KEY_TCP)) {
		struct flow_match_tcp tcp;

		flow_rule_match_tcp(rule, &tcp);
		if (tcp.key->flags ||
		    tcp.mask->flags != htons(TCPHDR_FIN | TCPHDR_RST))
			return flowsw_refuse(why, FLOWSW_REJECT_TCP_FLAGS);
	}

	type = ipv4 ? FOE_PKT_TYPE_IPV4_HNAPT : FOE_PKT_TYPE_IPV6_ROUTE_5T;
	entry->ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, type) |
		     (udp ? FOE_IB1_UDP : 0);
	if (!flowsw_match_addrs(rule, ipv4, entry))
		return flowsw_refuse(why, FLOWSW_REJECT_ADDRS);
	if (!flowsw_match_ports(rule, ipv4, entry))
		return flowsw_refuse(why, FLOWSW_REJECT_PORTS);
	if (ipv4)
		entry->ipv4.new = entry->ipv4.orig;	/* no NAT until mangled */
	return 0;
}

/* A tagged match, as nf_flow_rule_vlan_match() makes it: the VID, exactly. */
static bool flowsw_vlan_match_ok(const struct flow_match_vlan *vlan)
{
	return vlan->mask->vlan_id == VLAN_VID_MASK &&
	       !vlan->mask->vlan_priority && !vlan->mask->vlan_dei &&
	       vlan->mask->vlan_tpid == htons(0xffff) &&
	       vlan->key->vlan_tpid == htons(ETH_P_8021Q);
}

/*
 * What a tc flower rule may ask for beyond a flowtable flow; refused here
 * rather than offloaded as something else.  (nf_flow_rule_match() leaves its
 * VLAN keys out of used_keys, so only flower rules show them.)
 */
static int flowsw_flower_check(const struct flow_cls_offload *cls,
			       struct flowsw_why *why)
{
	const struct flow_rule *rule = cls->rule;
	const struct flow_action_entry *act;
	struct flow_match_vlan vlan;
	int i, tags = 0, pops = 0;

	if (cls->common.chain_index)
		return flowsw_refuse(why, FLOWSW_REJECT_CHAIN);
	/* The PPE's counters are read when tc asks for stats: delayed. */
	if (!flow_action_hw_stats_check(&rule->action, why->extack,
					FLOW_ACTION_HW_STATS_DELAYED_BIT)) {
		why->reason = FLOWSW_REJECT_HW_STATS;
		return -EOPNOTSUPP;
	}

	if (flow_rule_match_key(rule, FLOW_DISSECTOR_KEY_VLAN)) {
		flow_rule_match_vlan(rule, &vlan);
		if (!flowsw_vlan_match_ok(&vlan))
			goto bad_vlan;
		tags++;
	}
	if (flow_rule_match_key(rule, FLOW_DISSECTOR_KEY_CVLAN)) {
		flow_rule_match_cvlan(rule, &vlan);
		if (!flowsw_vlan_match_ok(&vlan))
			goto bad_vlan;
		tags++;
	}
	/* The PPE rebuilds L2: a matched tag is gone, so the rule must pop it. */
	flow_action_for_each(i, act, &rule->action)
		if (act->id == FLOW_ACTION_VLAN_POP)
			pops++;
	if (pops != tags)
		return flowsw_refuse(why, FLOWSW_REJECT_VLAN_POP);
	return 0;

bad_vlan:
	return flowsw_refuse(why, FLOWSW_REJECT_VLAN_MATCH);
}

static void flowsw_set_l2(struct foe_entry *entry,
			  const struct flowsw_flow_parse *p)
{
	struct foe_mac_info *l2 = foe_entry_l2(entry);
	const u8 *dmac = p->eth, *smac = p->eth + ETH_ALEN;
	u32 layers = p->num_vlans;

	l2->dest_mac_hi = get_unaligned_be32(dmac);
	l2->dest_mac_lo = get_unaligned_be16(dmac + 4);
	l2->src_mac_hi = get_unaligned_be32(smac);
	l2->src_mac_lo = get_unaligned_be16(smac + 4);
	l2->vlan1 = p->vlan[0];
	l2->vlan2 = p->vlan[1];
	if (p->pppoe) {
		entry->ib1 |= FOE_IB1_BIND_PPPOE;
		l2->pppoe_id = p->pppoe_sid;
	}

	if (p->egress.dsa_port >= 0) {
		/*
		 * Towards the switch the first layer is the special tag; an
		 * 802.1Q tag combines with it, as net/dsa/tag_mtk.c does.
		 */
		l2->etype = BIT(p->egress.dsa_port);
		if (layers)
			l2->etype |= FOE_ETYPE_STAG_TPID_8100;
		else
			layers = 1;
	} else {
		l2->etype = p->pppoe ? ETH_P_PPP_SES :
			    foe_type_is_ipv6(foe_entry_type(entry)) ? ETH_P_IPV6 :
								   ETH_P_IP;
		entry->ib1 |= FOE_IB1_BIND_VLAN_TAG;
	}
	entry->ib1 |= FIELD_PREP(FOE_IB1_BIND_VLAN_LAYER, layers);
}

/**
 * flowsw_flow_to_foe() - build the BIND entry for a flow_rule
 * @cls: the rule: matches and actions of one direction of a flow
 * @flower: @cls is a tc flower rule (TC_SETUP_BLOCK), not a flowtable flow
 * @ops: device questions: ingress and egress ports
 * @ctx: passed to @ops
 * @entry: filled in, in BIND state without a timestamp
 * @why: why a rule is refused: the extack message and the reason to count
 *
 * Return: 0, or -EOPNOTSUPP if the PPE cannot forward this flow exactly as
 * the rule says.
 */
int flowsw_flow_to_foe(const struct flow_cls_offload *cls, bool flower,
		       const struct flowsw_flow_ops *ops, void *ctx,
		       struct foe_entry *entry,
		       struct flowsw_why *why)
{
	struct flowsw_flow_parse p = { .egress.dsa_port = -1, .flower = flower };
	const struct flow_rule *rule = cls->rule;
	const struct flow_action_entry *act;
	int err, i;

	memset(entry, 0, sizeof(*entry));
	if (flower) {
		err = flowsw_flower_check(cls, why);
		if (err)
			return err;
	}
	err = flowsw_parse_match(rule, ops, ctx, entry, why);
	if (err)
		return err;

	flow_action_for_each(i, act, &rule->action) {
		err = flowsw_parse_action(&p, act, ops, ctx, entry, why);
		if (err)
			return err;
	}
	if (!p.have_egress)
		return flowsw_refuse(why, FLOWSW_REJECT_NO_EGRESS);
	/* tc runs nothing after a redirect; the flowtable puts it last. */
	act = &rule->action.entries[rule->action.num_entries - 1];
	if (act->id != FLOW_ACTION_REDIRECT)
		return flowsw_refuse(why, FLOWSW_REJECT_REDIRECT_LAST);
	/* The PPE writes all of both MACs; the flowtable always sets both. */
	if (memchr_inv(p.eth_set, 0xff, sizeof(p.eth_set)))
		return flowsw_refuse(why, FLOWSW_REJECT_MACS);
	if (!is_valid_ether_addr(p.eth))
		return flowsw_refuse(why, FLOWSW_REJECT_DMAC);
	if (!is_valid_ether_addr(p.eth + ETH_ALEN))
		return flowsw_refuse(why, FLOWSW_REJECT_SMAC);

	entry->ib1 |= FIELD_PREP(FOE_IB1_STATE, FOE_STATE_BIND) |
		      FOE_IB1_BIND_CACHE;
	/* Flowtable flows are routed; a tc rule leaves the TTL alone. */
	if (!flower)
		entry->ib1 |= FOE_IB1_BIND_TTL;
	/* the PPE counts in the MIB only the entries that ask for it */
	*foe_entry_ib2(entry) = FIELD_PREP(FOE_IB2_DEST_PORT, p.egress.pse_port) |
				FOE_IB2_MIB_CNT;
	flowsw_set_l2(entry, &p);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(flowsw_flow_to_foe, FLOWSW);

/**
 * flowsw_foe_key_from_keys() - the PPE's key of a dissected packet
 * @keys: what the flow dissector found
 * @key: filled in: type, UDP bit, addresses and ports, as the PPE learns
 *	the packet (HNAPT for IPv4, 5T for IPv6)
 *
 * Return: false for a packet the PPE keys on no tuple (not TCP or UDP over
 * IP, or a fragment).
 */
bool flowsw_foe_key_from_keys(const struct flow_keys *keys,
			      struct foe_entry *key)
{
	bool udp = keys->basic.ip_proto == IPPROTO_UDP;
	int i;

	memset(key, 0, sizeof(*key));
	if ((!udp && keys->basic.ip_proto != IPPROTO_TCP) ||
	    (keys->control.flags & FLOW_DIS_IS_FRAGMENT))
		return false;
	switch (keys->control.addr_type) {
	case FLOW_DISSECTOR_KEY_IPV4_ADDRS:
		key->ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, FOE_PKT_TYPE_IPV4_HNAPT);
		key->ipv4.orig.src_ip = be32_to_cpu(keys->addrs.v4addrs.src);
		key->ipv4.orig.dest_ip = be32_to_cpu(keys->addrs.v4addrs.dst);
		key->ipv4.orig.src_port = be16_to_cpu(keys->ports.src);
		key->ipv4.orig.dest_port = be16_to_cpu(keys->ports.dst);
		break;
	case FLOW_DISSECTOR_KEY_IPV6_ADDRS:
		key->ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, FOE_PKT_TYPE_IPV6_ROUTE_5T);
		for (i = 0; i < 4; i++) {
			key->ipv6.src_ip[i] =
				be32_to_cpu(keys->addrs.v6addrs.src.s6_addr32[i]);
			key->ipv6.dest_ip[i] =
				be32_to_cpu(keys->addrs.v6addrs.dst.s6_addr32[i]);
		}
		key->ipv6.src_port = be16_to_cpu(keys->ports.src);
		key->ipv6.dest_port = be16_to_cpu(keys->ports.dst);
		break;
	default:
		return false;
	}
	if (udp)
		key->ib1 |= FOE_IB1_UDP;
	return true;
}
EXPORT_SYMBOL_NS_GPL(flowsw_foe_key_from_keys, FLOWSW);

/**
 * flowsw_foe_same_flow() - whether two entries match the same packets
 * @a: an entry
 * @b: another entry
 *
 * Compares the packet type and the ingress tuple, as the PPE's search does.
 *
 * Return: true if a packet that hits one would hit the other.
 */
bool flowsw_foe_same_flow(const struct foe_entry *a, const struct foe_entry *b)
{
	u32 type = foe_entry_type(a);

	if (type != foe_entry_type(b))
		return false;
	/* ROUTE and 3T keep the protocol instead; the PPE learns them without UDP. */
	if ((type == FOE_PKT_TYPE_IPV4_HNAPT || type == FOE_PKT_TYPE_IPV6_ROUTE_5T) &&
	    (a->ib1 & FOE_IB1_UDP) != (b->ib1 & FOE_IB1_UDP))
		return false;
	if (foe_type_is_ipv6(type))
		return !memcmp(a->ipv6.src_ip, b->ipv6.src_ip, sizeof(a->ipv6.src_ip)) &&
		       !memcmp(a->ipv6.dest_ip, b->ipv6.dest_ip, sizeof(a->ipv6.dest_ip)) &&
		       a->ipv6.ports == b->ipv6.ports;
	return a->ipv4.orig.src_ip == b->ipv4.orig.src_ip &&
	       a->ipv4.orig.dest_ip == b->ipv4.orig.dest_ip &&
	       a->ipv4.orig.ports == b->ipv4.orig.ports;
}
EXPORT_SYMBOL_NS_GPL(flowsw_foe_same_flow, FLOWSW);

/**
 * flowsw_foe_switch_port() - the switch port a BIND entry sends packets to
 * @e: the entry
 *
 * Return: the user port its special tag names, or -1 if the entry does not
 * leave through the switch.
 */
int flowsw_foe_switch_port(struct foe_entry *e)
{
	u16 ports = foe_entry_l2(e)->etype & FOE_ETYPE_STAG_PORTS;

	if (FIELD_GET(FOE_IB2_DEST_PORT, *foe_entry_ib2(e)) != PSE_PORT_GMAC0 ||
	    (e->ib1 & FOE_IB1_BIND_VLAN_TAG) || !ports)
		return -1;
	return __ffs(ports);
}
EXPORT_SYMBOL_NS_GPL(flowsw_foe_switch_port, FLOWSW);

/**
 * flowsw_foe_set_switch_port() - send an entry's packets to another port
 * @e: an entry for which flowsw_foe_switch_port() found a port
 * @port: the switch user port
 * @vid: the VLAN to combine with the special tag there, or 0 for none
 *
 * Only the first layer changes: the special tag, and the 802.1Q tag that
 * rides on it (as net/dsa/tag_mtk.c combines them).  Both live in one
 * 32-bit word of the entry.
 */
void flowsw_foe_set_switch_port(struct foe_entry *e, int port, u16 vid)
{
	struct foe_mac_info *l2 = foe_entry_l2(e);

	if (WARN_ON_ONCE(port < 0 || port >= hweight32(FOE_ETYPE_STAG_PORTS)))
		return;
	l2->etype = BIT(port) | (vid ? FOE_ETYPE_STAG_TPID_8100 : 0);
	l2->vlan1 = vid ? (l2->vlan1 & ~VLAN_VID_MASK) | vid : 0;
}
EXPORT_SYMBOL_NS_GPL(flowsw_foe_set_switch_port, FLOWSW);

/**
 * flowsw_foe_dest_mac_is() - whether an entry's packets go to @addr
 * @e: the entry
 * @addr: a MAC address
 *
 * Return: true if the entry rewrites the destination MAC to @addr.
 */
bool flowsw_foe_dest_mac_is(struct foe_entry *e, const u8 *addr)
{
	struct foe_mac_info *l2 = foe_entry_l2(e);

	return l2->dest_mac_hi == get_unaligned_be32(addr) &&
	       l2->dest_mac_lo == get_unaligned_be16(addr + 4);
}
EXPORT_SYMBOL_NS_GPL(flowsw_foe_dest_mac_is, FLOWSW);

/**
 * flowsw_foe_set_dest_mac() - send an entry's packets to another MAC
 * @e: the entry
 * @addr: the new destination MAC address
 */
void flowsw_foe_set_dest_mac(struct foe_entry *e, const u8 *addr)
{
	struct foe_mac_info *l2 = foe_entry_l2(e);

	l2->dest_mac_hi = get_unaligned_be32(addr);
	l2->dest_mac_lo = get_unaligned_be16(addr + 4);
}
EXPORT_SYMBOL_NS_GPL(flowsw_foe_set_dest_mac, FLOWSW);

MODULE_AUTHOR("flowsw developers <flowsw@example.org>");
MODULE_DESCRIPTION("flowsw flow offload entry library");
MODULE_LICENSE("GPL");
