/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * flowsw flow_rule to FOE entry translation, and the arithmetic of the
 * entry's counters and timestamps.  Pure functions: no hardware.
 */
#ifndef FLOWSW_FLOW_H
#define FLOWSW_FLOW_H

#include <net/flow_offload.h>

#include "flowsw_foe.h"

struct net_device;

/**
 * struct flowsw_egress - where a flow leaves, as the PPE encodes it
 * @pse_port: PSE_PORT_GMAC0 (the switch) or PSE_PORT_GMAC1
 * @dsa_port: switch user port behind GMAC0, or -1
 */
struct flowsw_egress {
	u8 pse_port;
	s8 dsa_port;
};

/**
 * struct flowsw_flow_ops - what the translation asks of the device
 * @ingress_ok: whether frames from this ifindex pass through the PPE
 * @resolve_egress: the PPE egress for a redirect to @dev, or an errno
 */
struct flowsw_flow_ops {
	bool (*ingress_ok)(void *ctx, int ifindex);
	int (*resolve_egress)(void *ctx, struct net_device *dev,
			      struct flowsw_egress *egress);
};

/*
 * Why the PPE cannot take a flow rule: each reason and the message the user
 * gets.  Counted per reason in debugfs "reasons".
 */
#define FLOWSW_REJECTS(X)						\
	X(ETH_MANGLE, "Ethernet mangle beyond the MAC addresses")	\
	X(IPV4_MANGLE, "only IPv4 addresses can be rewritten")		\
	X(PORT_MANGLE, "only L4 ports can be rewritten")		\
	X(MANGLE, "the PPE rewrites only MACs and IPv4 NAT")		\
	X(TWO_EGRESS, "more than one egress device")			\
	X(EGRESS_PORT, "egress device is not a flowsw port")		\
	X(POP_AFTER_PUSH, "VLAN pop after a push")			\
	X(ENCAPS, "more than two encapsulations")			\
	X(VLAN_PROTO, "only 802.1Q VLANs can be pushed")		\
	X(VLAN_IN_PPPOE, "VLAN tag inside a PPPoE session")		\
	X(ACTION, "unsupported action")					\
	X(MATCH_KEY, "unsupported match key")				\
	X(MATCH_PROTO, "flow must match L3 and L4 protocol")		\
	X(CONTROL_FLAGS, "fragment or other control flags matched")	\
	X(INGRESS_MATCH, "only an exact ingress device match is offloaded") \
	X(INGRESS_PORT, "ingress device is not a flowsw port")		\
	X(L3, "flow is neither IPv4 nor IPv6")				\
	X(L4, "only TCP and UDP flows are offloaded")			\
	X(TCP_FLAGS, "TCP flags can only be matched as FIN and RST clear") \
	X(ADDRS, "flow must match both IP addresses exactly")		\
	X(PORTS, "flow must match both L4 ports exactly")		\
	X(CHAIN, "only chain 0 is offloaded")				\
	X(HW_STATS, "only delayed hardware stats are offloaded")	\
	X(VLAN_POP, "flow must pop exactly the VLAN tags it matches")	\
	X(VLAN_MATCH, "only an exact 802.1Q VLAN ID match is offloaded") \
	X(NO_EGRESS, "flow has no egress device")			\
	X(REDIRECT_LAST, "the redirect must be the last action")	\
	X(MACS, "flow must rewrite both MAC addresses")			\
	X(DMAC, "destination MAC address is not unicast")		\
	X(SMAC, "source MAC address is not unicast")

/**
 * enum flowsw_reject - why a flow rule stays in software
 * @FLOWSW_REJECT_NONE: not refused
 * @FLOWSW_REJECT_COUNT: the number of reasons
 *
 * One FLOWSW_REJECT_<name> per line of FLOWSW_REJECTS().
 */
enum flowsw_reject {
	FLOWSW_REJECT_NONE,
#define FLOWSW_REJECT_ENUM(name, msg) FLOWSW_REJECT_##name,
	FLOWSW_REJECTS(FLOWSW_REJECT_ENUM)
#undef FLOWSW_REJECT_ENUM
	FLOWSW_REJECT_COUNT
};

extern const char *const flowsw_reject_msg[FLOWSW_REJECT_COUNT];

/**
 * struct flowsw_why - why a flow rule is refused
 * @extack: where the user reads the message (may be NULL)
 * @reason: the reason, to count it by; FLOWSW_REJECT_NONE if not refused
 */
struct flowsw_why {
	struct netlink_ext_ack *extack;
	enum flowsw_reject reason;
};

int flowsw_flow_to_foe(const struct flow_cls_offload *cls, bool flower,
		       const struct flowsw_flow_ops *ops, void *ctx,
		       struct foe_entry *entry, struct flowsw_why *why);
bool flowsw_foe_same_flow(const struct foe_entry *a, const struct foe_entry *b);
int flowsw_foe_switch_port(struct foe_entry *e);
void flowsw_foe_set_switch_port(struct foe_entry *e, int port, u16 vid);
bool flowsw_foe_dest_mac_is(struct foe_entry *e, const u8 *addr);

/**
 * flowsw_foe_idle() - seconds since the PPE last hit an entry
 * @now: FE_FOE_TS
 * @ib1: the entry's ib1
 *
 * The entry keeps the low 8 bits of the timestamp; the difference is taken
 * modulo 256, so idle times wrap after 255 s (ageing deltas are shorter).
 *
 * Return: idle seconds, 0..255.
 */
static inline u32 flowsw_foe_idle(u32 now, u32 ib1)
{
	return (now - FIELD_GET(FOE_IB1_TIMESTAMP, ib1)) &
	       FIELD_MAX(FOE_IB1_TIMESTAMP);
}

#define FLOWSW_MIB_BYTES_MASK	GENMASK_ULL(47, 0)
#define FLOWSW_MIB_PKTS_MASK	GENMASK_ULL(39, 0)

/**
 * flowsw_mib_delta() - growth of a wrapping hardware counter
 * @now: counter value read now
 * @last: value read last time
 * @mask: the counter's width
 *
 * Return: how much the counter grew, across at most one wrap.
 */
static inline u64 flowsw_mib_delta(u64 now, u64 last, u64 mask)
{
	return (now - last) & mask;
}

#endif /* FLOWSW_FLOW_H */
