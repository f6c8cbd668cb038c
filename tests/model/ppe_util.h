/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PPE test helpers: learning a flow and binding it as the driver would */
#ifndef FLOWSW_TEST_PPE_UTIL_H
#define FLOWSW_TEST_PPE_UTIL_H

#include "env.h"

#define WAN_IP		0xcb007101	/* 203.0.113.1 */
#define WAN_HOST	0xc6336407	/* 198.51.100.7, beyond the wan */

/* The router's wan MAC address */
extern const u8 MAC_WAN_OUT[6];

struct bind {
    u32 dest;               /* PSE port */
    const u8 *dmac, *smac;
    u32 ib1;                /* TTL, VLAN layer/tag, PPPOE, STATIC bits */
    u16 etype, vlan1, vlan2, pppoe_id;
    int nat;
    u32 sip, dip;
    u16 sport, dport;
    bool no_mib;            /* leave ib2 MIB_CNT clear, which the driver sets */
};

/* The lan1 TCP flow (pkt_v4's) to the wan host, with SNAT to WAN_IP */
extern const struct bind snat_to_wan;

void ppe_env(u32 bind_rate);
void pkt_v4_from_wan(struct pkt *p, u8 proto);
u32 learn_flow(int wire, const u8 *buf, u32 len);
void bind_entry(u32 idx, const struct bind *b);
u32 bucket_of(const struct pkt *p);
u32 foe_state(u32 idx);
void tick(u32 n);
void ppe_set_mtu(u32 untagged);

#endif
