/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * flowsw flow_rule to FOE entry translation, and the arithmetic of the
 * entry's counters and timestamps.  Pure functions: no hardware.
 */
#ifndef FLOWSW_FLOW_H
#define FLOWSW_FLOW_H

#include <net/flow_offload.h>

#include "flowsw_foe.h"

struct flow_keys;
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
 * Why the PPE cannot take a flow rule: debugfs "reasons" counts refusals
 * per reason, and flowsw_reject_msg[] holds the text of each, which is also
 * the extack message the user sees.
 */
enum flowsw_reject {
	FLOWSW_REJECT_NONE,
	FLOWSW_REJECT_ETH_MANGLE,
	FLOWSW_REJECT_IPV4_MANGLE,
	FLOWSW_REJECT_PORT_MANGLE,
	FLOWSW_REJECT_MANGLE,
	FLOWSW_REJECT_TWO_EGRESS,
	FLOWSW_REJECT_EGRESS_PORT,
	FLOWSW_REJECT_POP_AFTER_PUSH,
	FLOWSW_REJECT_ENCAPS,
	FLOWSW_REJECT_VLAN_PROTO,
	FLOWSW_REJECT_VLAN_IN_PPPOE,
	FLOWSW_REJECT_ACTION,
	FLOWSW_REJECT_MATCH_KEY,
	FLOWSW_REJECT_MATCH_PROTO,
	FLOWSW_REJECT_CONTROL_FLAGS,
	FLOWSW_REJECT_INGRESS_MATCH,
	FLOWSW_REJECT_INGRESS_PORT,
	FLOWSW_REJECT_L3,
	FLOWSW_REJECT_L4,
	FLOWSW_REJECT_TCP_FLAGS,
	FLOWSW_REJECT_ADDRS,
	FLOWSW_REJECT_PORTS,
	FLOWSW_REJECT_CHAIN,
	FLOWSW_REJECT_HW_STATS,
	FLOWSW_REJECT_VLAN_POP,
	FLOWSW_REJECT_VLAN_MATCH,
	FLOWSW_REJECT_NO_EGRESS,
	FLOWSW_REJECT_REDIRECT_LAST,
	FLOWSW_REJECT_MACS,
	FLOWSW_REJECT_DMAC,
	FLOWSW_REJECT_SMAC,
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
bool flowsw_foe_key_from_keys(const struct flow_keys *keys,
			      struct foe_entry *key);
int flowsw_foe_switch_port(struct foe_entry *e);
void flowsw_foe_set_switch_port(struct foe_entry *e, int port, u16 vid);
bool flowsw_foe_dest_mac_is(struct foe_entry *e, const u8 *addr);
void flowsw_foe_set_dest_mac(struct foe_entry *e, const u8 *addr);

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
