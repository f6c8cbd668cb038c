// SPDX-License-Identifier: GPL-2.0-or-later
/* PPE test helpers */
#include <string.h>
#include "ppe_util.h"
#include "flowsw_int.h"

static struct rx_frame rxf;

const u8 MAC_WAN_OUT[6] = { 0x02, 0x00, 0x00, 0x00, 0x02, 0xfe };

const struct bind snat_to_wan = {
    .dest = PSE_PORT_GMAC1, .dmac = MAC_WANGW, .smac = MAC_WAN_OUT,
    .ib1 = FOE_IB1_BIND_TTL, .nat = 1, .sip = WAN_IP, .dip = WAN_HOST,
    .sport = 50000, .dport = 80,
};

/* DMA, switch bridge, PPE on both GDMs, router MAC static on the CPU port */
void ppe_env(u32 bind_rate)
{
    pdma_setup();
    sw_setup();
    ppe_setup(bind_rate);
    fdb_write(MAC_ROUTER, 0, BIT(SW_CPU_PORT), true);
}

/*
 * PPE_VLAN_MTU0/1 as the driver programs them: @untagged is the longest
 * frame without a tag the PPE may send; each tag layer adds 4 bytes
 */
void ppe_set_mtu(u32 untagged)
{
    fe_wr(PPE_VLAN_MTU0, FIELD_PREP(PPE_VLAN_MTU0_NONE, untagged) |
          FIELD_PREP(PPE_VLAN_MTU0_1TAG, untagged + 4));
    fe_wr(PPE_VLAN_MTU1, FIELD_PREP(PPE_VLAN_MTU1_2TAG, untagged + 8) |
          FIELD_PREP(PPE_VLAN_MTU1_3TAG, untagged + 12));
}

/* A frame from the wan host to our wan address, through the wan gateway */
void pkt_v4_from_wan(struct pkt *p, u8 proto)
{
    pkt_v4(p, proto);
    memcpy(p->dmac, MAC_WAN_OUT, 6);
    memcpy(p->smac, MAC_WANGW, 6);
    p->src[0] = WAN_HOST;
    p->dst[0] = WAN_IP;
}

/* Send the frame until the PPE says the flow may be bound; its index */
u32 learn_flow(int wire, const u8 *buf, u32 len)
{
    u32 i, idx = RXD_FOE_ENTRY_NONE;

    for (i = 0; i < 64; i++) {
        CHECK(wire_rx(wire, buf, len));
        CHECK(rx_pop(&rxf));
        CHECK(rxf.reason == CPU_REASON_HIT_UNBIND ||
              rxf.reason == CPU_REASON_HIT_UNBIND_RATE_REACHED);
        CHECK(idx == RXD_FOE_ENTRY_NONE || idx == rxf.foe);
        idx = rxf.foe;
        if (rxf.reason == CPU_REASON_HIT_UNBIND_RATE_REACHED) {
            CHECK_EQ(foe_state(idx), FOE_STATE_UNBIND);
            return idx;
        }
    }
    CHECK(!"bind rate never reached");
    return 0;
}

void bind_entry(u32 idx, const struct bind *b)
{
    struct foe_entry e = *foe_at(idx);
    bool v6 = foe_type_is_ipv6(foe_entry_type(&e));
    struct foe_mac_info *l2 = foe_entry_l2(&e);

    e.ib1 = (e.ib1 & (FOE_IB1_PACKET_TYPE | FOE_IB1_UDP)) |
            FIELD_PREP(FOE_IB1_STATE, FOE_STATE_BIND) |
            FIELD_PREP(FOE_IB1_TIMESTAMP, fe_rd(FE_FOE_TS)) | b->ib1;
    *foe_entry_ib2(&e) = FIELD_PREP(FOE_IB2_DEST_PORT, b->dest) |
                         (b->no_mib ? 0 : FOE_IB2_MIB_CNT);
    if (!v6) {
        e.ipv4.new = e.ipv4.orig;
        if (b->nat) {
            e.ipv4.new.src_ip = b->sip;
            e.ipv4.new.dest_ip = b->dip;
            e.ipv4.new.src_port = b->sport;
            e.ipv4.new.dest_port = b->dport;
        }
    }
    l2->dest_mac_hi = get_be32(b->dmac);
    l2->dest_mac_lo = get_be16(b->dmac + 4);
    l2->src_mac_hi = get_be32(b->smac);
    l2->src_mac_lo = get_be16(b->smac + 4);
    l2->etype = b->etype ? b->etype : (v6 ? ETH_P_IPV6 : ETH_P_IP);
    l2->vlan1 = b->vlan1;
    l2->vlan2 = b->vlan2;
    l2->pppoe_id = b->pppoe_id;
    foe_commit(idx, &e);
}

/* The bucket a frame's flow hashes to (HNAPT / 5T) */
u32 bucket_of(const struct pkt *p)
{
    struct foe_entry e;

    memset(&e, 0, sizeof(e));
    if (p->ipv6) {
        e.ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, FOE_PKT_TYPE_IPV6_ROUTE_5T);
        memcpy(e.ipv6.src_ip, p->src, 16);
        memcpy(e.ipv6.dest_ip, p->dst, 16);
        e.ipv6.src_port = p->sport;
        e.ipv6.dest_port = p->dport;
    } else {
        e.ipv4.orig.src_ip = p->src[0];
        e.ipv4.orig.dest_ip = p->dst[0];
        e.ipv4.orig.src_port = p->sport;
        e.ipv4.orig.dest_port = p->dport;
    }
    return foe_hash(&e);
}

u32 foe_state(u32 idx)
{
    return foe_entry_state(foe_at(idx));
}

void tick(u32 n)
{
    while (n--) {
        fsw_core_tick(&E->core);
    }
}
