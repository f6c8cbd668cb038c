// SPDX-License-Identifier: GPL-2.0-or-later
/* PPE: learning, binding, rewriting, cache, MIB, exceptions and ageing */
#include <stdlib.h>
#include <string.h>
#include "ppe_util.h"
#include "flowsw_int.h"

static struct rx_frame rxf;
static u8 fb[FRAME_BUF];

static const u8 MAC_HOST3[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x03 };

/* lan1 host 10.0.0.2:40000 -> 198.51.100.7:80 through the switch */
static u32 lan_tcp(struct pkt *p)
{
    pkt_v4(p, IPPROTO_TCP_);
    return pkt_build(fb, p);
}

/* A lan1 TCP flow in a fresh PPE (bind rate 1), learnt: its index */
static u32 learnt_lan_flow(struct pkt *p, u32 *len)
{
    ppe_env(1);
    *len = lan_tcp(p);
    return learn_flow(FSW_WIRE_LAN1, fb, *len);
}

/* WAN host 198.51.100.7:53 -> our 203.0.113.1:50000 */
static u32 wan_udp(struct pkt *p)
{
    pkt_v4_from_wan(p, IPPROTO_UDP_);
    p->sport = 53;
    p->dport = 50000;
    return pkt_build(fb, p);
}

TEST(ppe_learn_unbind_then_rate_reached_same_index)
{
    struct pkt p;
    u32 len, idx;
    struct foe_entry *e;

    ppe_env(3);
    len = lan_tcp(&p);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_UNBIND);
    CHECK_EQ(rxf.sport, PSE_PORT_GMAC0);
    CHECK_EQ(rxf.len, len + STAG_LEN);          /* unmodified, with tag */
    idx = rxf.foe;
    CHECK_EQ(idx & ~3u, bucket_of(&p));
    e = foe_at(idx);
    CHECK_EQ(foe_entry_state(e), FOE_STATE_UNBIND);
    CHECK_EQ(foe_entry_type(e), FOE_PKT_TYPE_IPV4_HNAPT);
    CHECK_EQ(FIELD_GET(FOE_IB1_UNBIND_PACKETS, e->ib1), 1);
    CHECK(!(e->ib1 & FOE_IB1_UDP));
    CHECK_EQ(e->ipv4.orig.src_ip, p.src[0]);
    CHECK_EQ(e->ipv4.orig.dest_ip, p.dst[0]);
    CHECK_EQ(e->ipv4.orig.src_port, 40000);
    CHECK_EQ(e->ipv4.orig.dest_port, 80);
    CHECK_EQ(E->nevents[FSW_EV_FOE_LEARN], 1);

    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_UNBIND);
    CHECK_EQ(rxf.foe, idx);
    CHECK_EQ(FIELD_GET(FOE_IB1_UNBIND_PACKETS, e->ib1), 2);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_UNBIND_RATE_REACHED);
    CHECK_EQ(rxf.foe, idx);
    CHECK_EQ(fe_rd(PPE_MISS_CNT), 1);
    CHECK_EQ(E->nevents[FSW_EV_FOE_LEARN], 1);
}

TEST(ppe_threshold_one_reports_rate_reached_at_once)
{
    struct pkt p;

    ppe_env(0);
    wire_rx(FSW_WIRE_WAN, fb, wan_udp(&p));
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_UNBIND_RATE_REACHED);
    CHECK(foe_at(rxf.foe)->ib1 & FOE_IB1_UDP);
}

TEST(ppe_bind_snat_tcp_lan_to_wan)
{
    struct pkt p;
    u32 len, olen, idx;
    const u8 *o, *ip;

    ppe_env(2);
    len = lan_tcp(&p);
    idx = learn_flow(FSW_WIRE_LAN1, fb, len);
    bind_entry(idx, &snat_to_wan);
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(rx_drain(), 0);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);
    CHECK_EQ(wire_total(), 1);
    o = wire_last(FSW_WIRE_WAN, &olen);
    CHECK_EQ(olen, len);
    CHECK(!memcmp(o, MAC_WANGW, 6));
    CHECK(!memcmp(o + 6, MAC_WAN_OUT, 6));
    CHECK_EQ(get_be16(o + 12), ETH_P_IP);
    ip = o + 14;
    CHECK_EQ(get_be32(ip + 12), WAN_IP);
    CHECK_EQ(get_be32(ip + 16), 0xc6336407);
    CHECK_EQ(get_be16(ip + 20), 50000);
    CHECK_EQ(get_be16(ip + 22), 80);
    CHECK_EQ(ip[8], 63);
    CHECK(ipv4_csum_ok(ip));
    CHECK(l4_csum_ok(ip, false));
    CHECK(!memcmp(ip + 40, fb + 14 + 40, 32));     /* payload */
    CHECK_EQ(fe_rd(PPE_BIND_CNT), 1);
    CHECK_EQ(fe_rd(PPE_FWD_CNT), 1);
    CHECK_EQ(fe_rd(GMAC_MIB_RX_PPE_FWD(0)), 1);
    CHECK_EQ(fe_rd(GMAC_MIB_TX_PKTS(1)), 1);
    CHECK_EQ(E->ev_a[FSW_EV_PPE_FWD], idx);
    CHECK_EQ(E->ev_b[FSW_EV_PPE_FWD], PSE_PORT_GMAC1);
}

/* DNAT plus special tag: the switch delivers to lan3, untagged */
TEST(ppe_bind_dnat_udp_wan_to_lan3_special_tag)
{
    struct bind b = {
        .dest = PSE_PORT_GMAC0, .dmac = MAC_HOST3, .smac = MAC_ROUTER,
        .ib1 = FOE_IB1_BIND_TTL | FIELD_PREP(FOE_IB1_BIND_VLAN_LAYER, 1),
        .etype = BIT(2), .nat = 1, .sip = 0xc6336407, .dip = 0x0a000003,
        .sport = 53, .dport = 5353,
    };
    struct pkt p;
    u32 len, olen, idx;
    const u8 *o, *ip;

    ppe_env(2);
    len = wan_udp(&p);
    idx = learn_flow(FSW_WIRE_WAN, fb, len);
    bind_entry(idx, &b);
    wire_rx(FSW_WIRE_WAN, fb, len);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN3], 1);
    CHECK_EQ(wire_total(), 1);
    CHECK_EQ(rx_drain(), 0);
    o = wire_last(FSW_WIRE_LAN3, &olen);
    CHECK_EQ(olen, len);
    CHECK(!memcmp(o, MAC_HOST3, 6));
    CHECK(!memcmp(o + 6, MAC_ROUTER, 6));
    CHECK_EQ(get_be16(o + 12), ETH_P_IP);
    ip = o + 14;
    CHECK_EQ(get_be32(ip + 16), 0x0a000003);
    CHECK_EQ(get_be16(ip + 22), 5353);
    CHECK(ipv4_csum_ok(ip));
    CHECK(l4_csum_ok(ip, false));
    CHECK(get_be16(ip + 26) != 0);
    CHECK_EQ(fe_rd(GMAC_MIB_RX_PPE_FWD(1)), 1);
    CHECK_EQ(sw_rd(SW_PMIB_TX_PKTS(2)), 1);
}

/* Special tag combined with a VLAN: the port gets an 802.1Q frame */
TEST(ppe_bind_special_tag_with_vlan_to_lan2)
{
    struct bind b = {
        .dest = PSE_PORT_GMAC0, .dmac = MAC_HOST2, .smac = MAC_ROUTER,
        .ib1 = FIELD_PREP(FOE_IB1_BIND_VLAN_LAYER, 1),
        .etype = BIT(1) | FOE_ETYPE_STAG_TPID_8100, .vlan1 = 100,
    };
    struct pkt p;
    u32 len, olen;
    const u8 *o;

    ppe_env(1);
    len = wan_udp(&p);
    bind_entry(learn_flow(FSW_WIRE_WAN, fb, len), &b);
    wire_rx(FSW_WIRE_WAN, fb, len);
    o = wire_last(FSW_WIRE_LAN2, &olen);
    CHECK_EQ(olen, len + 4);
    CHECK_EQ(get_be16(o + 12), ETH_P_8021Q);
    CHECK_EQ(get_be16(o + 14), 100);
    CHECK_EQ(get_be16(o + 16), ETH_P_IP);
    CHECK(!memcmp(o + 18, fb + 14, len - 14));     /* no NAT, no TTL */
    CHECK_EQ(wire_total(), 1);
}

TEST(ppe_bind_vlan_push_one_and_two_layers)
{
    struct bind b = snat_to_wan;
    struct pkt p;
    u32 len, olen, idx;
    const u8 *o;

    idx = learnt_lan_flow(&p, &len);
    b.ib1 |= FOE_IB1_BIND_VLAN_TAG | FIELD_PREP(FOE_IB1_BIND_VLAN_LAYER, 1);
    b.vlan1 = 7;
    bind_entry(idx, &b);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    o = wire_last(FSW_WIRE_WAN, &olen);
    CHECK_EQ(olen, len + 4);
    CHECK_EQ(get_be16(o + 12), ETH_P_8021Q);
    CHECK_EQ(get_be16(o + 14), 7);
    CHECK_EQ(get_be16(o + 16), ETH_P_IP);
    CHECK(ipv4_csum_ok(o + 18) && l4_csum_ok(o + 18, false));

    b.ib1 += FIELD_PREP(FOE_IB1_BIND_VLAN_LAYER, 1);
    b.vlan2 = 8;
    bind_entry(idx, &b);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    o = wire_last(FSW_WIRE_WAN, &olen);
    CHECK_EQ(olen, len + 8);
    CHECK_EQ(get_be16(o + 12), ETH_P_8021Q);
    CHECK_EQ(get_be16(o + 14), 7);
    CHECK_EQ(get_be16(o + 16), ETH_P_8021Q);
    CHECK_EQ(get_be16(o + 18), 8);
    CHECK_EQ(get_be16(o + 20), ETH_P_IP);
    CHECK(ipv4_csum_ok(o + 22) && l4_csum_ok(o + 22, false));
}

TEST(ppe_bind_pppoe_encap_to_wan)
{
    struct bind b = snat_to_wan;
    struct pkt p;
    u32 len, olen, iplen;
    const u8 *o;

    ppe_env(1);
    len = lan_tcp(&p);
    b.ib1 |= FOE_IB1_BIND_PPPOE;
    b.etype = ETH_P_PPP_SES;
    b.pppoe_id = 0x1234;
    bind_entry(learn_flow(FSW_WIRE_LAN1, fb, len), &b);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    o = wire_last(FSW_WIRE_WAN, &olen);
    iplen = len - 14;
    CHECK_EQ(olen, len + 8);
    CHECK_EQ(get_be16(o + 12), ETH_P_PPP_SES);
    CHECK_EQ(o[14], 0x11);
    CHECK_EQ(o[15], 0);
    CHECK_EQ(get_be16(o + 16), 0x1234);
    CHECK_EQ(get_be16(o + 18), iplen + 2);
    CHECK_EQ(get_be16(o + 20), PPP_IP);
    CHECK_EQ(get_be16(o + 22 + 2), iplen);
    CHECK(ipv4_csum_ok(o + 22) && l4_csum_ok(o + 22, false));
}

/* PPPoE inside a VLAN from the WAN: both go, the LAN frame is plain */
TEST(ppe_bind_pppoe_decap_from_wan)
{
    struct bind b = {
        .dest = PSE_PORT_GMAC0, .dmac = MAC_HOST1, .smac = MAC_ROUTER,
        .ib1 = FOE_IB1_BIND_TTL | FIELD_PREP(FOE_IB1_BIND_VLAN_LAYER, 1),
        .etype = BIT(0), .nat = 1, .sip = 0xc6336407, .dip = 0x0a000002,
        .sport = 53, .dport = 40000,
    };
    struct pkt p;
    u32 len, olen;
    const u8 *o;

    ppe_env(1);
    pkt_v4(&p, IPPROTO_UDP_);
    p.src[0] = 0xc6336407;
    p.dst[0] = WAN_IP;
    p.sport = 53;
    p.dport = 50000;
    p.nvlan = 1;
    p.tci[0] = 35;
    p.pppoe = 1;
    p.sid = 0x77;
    len = pkt_build(fb, &p);
    bind_entry(learn_flow(FSW_WIRE_WAN, fb, len), &b);
    wire_rx(FSW_WIRE_WAN, fb, len);
    o = wire_last(FSW_WIRE_LAN1, &olen);
    CHECK_EQ(olen, len - 4 - 8);
    CHECK_EQ(get_be16(o + 12), ETH_P_IP);
    CHECK_EQ(get_be32(o + 14 + 16), 0x0a000002);
    CHECK_EQ(o[14 + 8], 63);
    CHECK(ipv4_csum_ok(o + 14) && l4_csum_ok(o + 14, false));
}

TEST(ppe_udp_zero_checksum_stays_zero)
{
    struct bind b = snat_to_wan;
    struct pkt p;
    u32 len, olen;
    const u8 *o;

    ppe_env(1);
    pkt_v4(&p, IPPROTO_UDP_);
    p.udp_nocsum = 1;
    len = pkt_build(fb, &p);
    bind_entry(learn_flow(FSW_WIRE_LAN1, fb, len), &b);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    o = wire_last(FSW_WIRE_WAN, &olen);
    CHECK_EQ(get_be16(o + 14 + 20 + 6), 0);
    CHECK_EQ(get_be16(o + 14 + 20), 50000);
    CHECK(ipv4_csum_ok(o + 14));
}

/* Checksums stay right across many rewrites, including carries */
TEST(ppe_nat_checksums_over_many_tuples)
{
    struct bind b = snat_to_wan;
    struct pkt p;
    u32 len, olen, i, idx;
    const u8 *o;

    ppe_env(1);
    for (i = 0; i < 200; i++) {
        pkt_v4(&p, i & 1 ? IPPROTO_UDP_ : IPPROTO_TCP_);
        p.src[0] = 0x0a000000 + i * 7919;
        p.sport = 1024 + i * 313;
        p.paylen = i % 23;
        len = pkt_build(fb, &p);
        idx = learn_flow(FSW_WIRE_LAN1, fb, len);
        b.sip = 0xffff0000 - i * 104729;
        b.sport = 65535 - i * 17;
        b.dport = i * 331;
        bind_entry(idx, &b);
        wire_clear();
        wire_rx(FSW_WIRE_LAN1, fb, len);
        o = wire_last(FSW_WIRE_WAN, &olen);
        CHECK_EQ(get_be32(o + 26), b.sip);
        CHECK(ipv4_csum_ok(o + 14));
        CHECK(l4_csum_ok(o + 14, false));
        fsw_core_tick(&E->core);    /* vary the timestamps too */
    }
}

TEST(ppe_ipv6_5t_forward_with_hop_limit)
{
    struct bind b = {
        .dest = PSE_PORT_GMAC1, .dmac = MAC_WANGW, .smac = MAC_WAN_OUT,
        .ib1 = FOE_IB1_BIND_TTL,
    };
    struct pkt p;
    u32 len, olen, idx;
    const u8 *o;

    ppe_env(2);
    pkt_v6(&p, IPPROTO_TCP_);
    len = pkt_build(fb, &p);
    idx = learn_flow(FSW_WIRE_LAN1, fb, len);
    CHECK_EQ(foe_entry_type(foe_at(idx)), FOE_PKT_TYPE_IPV6_ROUTE_5T);
    CHECK_EQ(foe_at(idx)->ipv6.src_port, 40000);
    CHECK_EQ(foe_at(idx)->ipv6.dest_ip[1], 0x00010000);
    bind_entry(idx, &b);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    o = wire_last(FSW_WIRE_WAN, &olen);
    CHECK_EQ(olen, len);
    CHECK(!memcmp(o, MAC_WANGW, 6));
    CHECK_EQ(get_be16(o + 12), ETH_P_IPV6);
    CHECK_EQ(o[14 + 7], 63);
    CHECK(!memcmp(o + 14 + 8, fb + 14 + 8, len - 22));
    CHECK(l4_csum_ok(o + 14, true));
}

TEST(ppe_ipv6_3t_when_5t_disabled)
{
    struct pkt p;

    ppe_env(1);
    fe_wr(PPE_FLOW_CFG, PPE_FLOW_CFG_IP6_3T);
    pkt_v6(&p, IPPROTO_UDP_);
    wire_rx(FSW_WIRE_WAN, fb, pkt_build(fb, &p));
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_UNBIND_RATE_REACHED);
    CHECK_EQ(foe_entry_type(foe_at(rxf.foe)), FOE_PKT_TYPE_IPV6_ROUTE_3T);
    CHECK_EQ(foe_at(rxf.foe)->ipv6.protocol, IPPROTO_UDP_);
}

TEST(ppe_mib_counts_exact_via_serial_read)
{
    struct bind b = snat_to_wan;
    struct pkt p;
    u32 len, idx, i;
    u64 bytes, pkts;

    ppe_env(1);
    pkt_v4(&p, IPPROTO_UDP_);
    memcpy(p.smac, MAC_WANGW, 6);
    len = pkt_build(fb, &p);
    idx = learn_flow(FSW_WIRE_WAN, fb, len);
    mib_ser(idx, &bytes, &pkts);
    CHECK_EQ(pkts, 0);
    bind_entry(idx, &b);
    for (i = 0; i < 5; i++) {
        wire_rx(FSW_WIRE_WAN, fb, len);
    }
    p.paylen = 1000;
    wire_rx(FSW_WIRE_WAN, fb, pkt_build(fb, &p));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 6);
    mib_ser(idx, &bytes, &pkts);
    CHECK_EQ(pkts, 6);
    /* IP bytes: the 14-byte Ethernet header is not counted */
    CHECK_EQ(bytes, 5 * (len - 14) + (len - 14 + 1000 - 32));
    /* read-clear */
    fe_wr(PPE_MIB_CFG, PPE_MIB_CFG_EN | PPE_MIB_CFG_RD_CLR);
    mib_ser(idx, &bytes, &pkts);
    CHECK_EQ(pkts, 6);
    mib_ser(idx, &bytes, &pkts);
    CHECK_EQ(pkts, 0);
    CHECK_EQ(bytes, 0);
}

/*
 * The model's own per-index forwarded count: only frames the PPE forwarded
 * through the BIND entry, untouched by the driver clearing the MIB, and
 * restarted when the PPE learns a new flow into the index.
 */
TEST(ppe_fwd_count_is_the_models_own)
{
    struct bind b = snat_to_wan;
    struct pkt p;
    u32 len, idx, i;
    u64 bytes, pkts;

    idx = learnt_lan_flow(&p, &len);
    CHECK_EQ(E->core.ppe.fwd[idx].pkts, 0);
    bind_entry(idx, &b);
    for (i = 0; i < 4; i++) {
        CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    }
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 4);
    CHECK_EQ(E->core.ppe.fwd[idx].pkts, 4);
    CHECK_EQ(E->core.ppe.fwd[idx].bytes, 4 * (len - 14));
    /* a FIN goes to the CPU: not forwarded, not counted */
    p.tcp_flags |= TCP_FIN;
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p)));
    CHECK_EQ(rx_drain(), 1);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 4);
    CHECK_EQ(E->core.ppe.fwd[idx].pkts, 4);
    /* the driver read-clearing the MIB leaves the model's count alone */
    fe_wr(PPE_MIB_CFG, PPE_MIB_CFG_EN | PPE_MIB_CFG_RD_CLR);
    mib_ser(idx, &bytes, &pkts);
    mib_ser(idx, &bytes, &pkts);
    CHECK_EQ(pkts, 0);
    CHECK_EQ(E->core.ppe.fwd[idx].pkts, 4);
    /* a new flow learned into the index starts from zero */
    memset(foe_at(idx), 0, sizeof(struct foe_entry));
    cache_clear();
    p.tcp_flags &= ~TCP_FIN;
    CHECK_EQ(learn_flow(FSW_WIRE_LAN1, fb, pkt_build(fb, &p)), idx);
    CHECK_EQ(E->core.ppe.fwd[idx].pkts, 0);
    CHECK_EQ(E->core.ppe.fwd[idx].bytes, 0);
}

/* As on MediaTek, the MIB counts only entries whose ib2 asks (MIB_CNT) */
TEST(ppe_mib_counts_only_entries_with_mib_cnt)
{
    struct bind b = snat_to_wan;
    struct pkt p;
    u32 len, idx;
    u64 bytes, pkts;

    idx = learnt_lan_flow(&p, &len);
    b.no_mib = true;
    bind_entry(idx, &b);
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);
    mib_ser(idx, &bytes, &pkts);
    CHECK_EQ(pkts, 0);
    CHECK_EQ(bytes, 0);
    b.no_mib = false;
    bind_entry(idx, &b);
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    mib_ser(idx, &bytes, &pkts);
    CHECK_EQ(pkts, 1);
}

/* Without a special tag the PPE emits the entry's l2.etype (MediaTek) */
TEST(ppe_emits_l2_etype_without_special_tag)
{
    struct bind b = snat_to_wan;
    struct pkt p;
    u32 len, idx;

    idx = learnt_lan_flow(&p, &len);
    bind_entry(idx, &b);
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(get_be16(E->cap[FSW_WIRE_WAN][0] + 12), ETH_P_IP);
    b.etype = 0x88b5;               /* a driver's wrong etype shows */
    bind_entry(idx, &b);
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 2);
    CHECK_EQ(get_be16(E->cap[FSW_WIRE_WAN][1] + 12), 0x88b5);
}

/* GLO_CFG IP4_CS_DROP / IP4_L4_CS_DROP drop bad checksums, as mtk enables */
TEST(ppe_drops_bad_checksums_when_enabled)
{
    struct pkt p;
    u32 len, idx, l3, drops;
    u8 *ip;

    idx = learnt_lan_flow(&p, &len);
    bind_entry(idx, &snat_to_wan);
    l3 = pkt_l3_off(&p);
    ip = fb + l3;
    /* not enabled: a bad header checksum is forwarded */
    ip[10] ^= 0x55;
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);
    fe_wr(PPE_GLO_CFG, PPE_GLO_CFG_EN | PPE_GLO_CFG_IP4_CS_DROP |
          PPE_GLO_CFG_IP4_L4_CS_DROP);
    drops = E->core.gmac[0].rx_drops;
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    ip[10] ^= 0x55;
    fb[l3 + 20 + 16] ^= 0x55;       /* the TCP checksum */
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);
    CHECK_EQ(rx_drain(), 0);
    CHECK_EQ(E->core.gmac[0].rx_drops, drops + 2);
    fb[l3 + 20 + 16] ^= 0x55;
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 2);
    /* a UDP checksum of 0 is no checksum */
    pkt_v4(&p, IPPROTO_UDP_);
    len = pkt_build(fb, &p);
    put_be16(fb + l3 + 20 + 6, 0);
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(rx_drain(), 1);
    CHECK_EQ(E->core.gmac[0].rx_drops, drops + 2);
}

TEST(ppe_mib_wide_counters_carry)
{
    struct foe_mib_entry *m;
    struct pkt p;
    u32 len, idx;
    u64 bytes, pkts;

    idx = learnt_lan_flow(&p, &len);
    bind_entry(idx, &snat_to_wan);
    m = (struct foe_mib_entry *)gpa(MIB_TB + idx * FOE_MIB_ENTRY_SIZE);
    m->bytes_lo = 0xfffffff0;
    m->r1 = FIELD_PREP(PPE_MIB_SER_R1_PKTS_LO, 0xffff) | 0x12;
    m->r2 = 0x34;
    wire_rx(FSW_WIRE_LAN1, fb, len);
    mib_ser(idx, &bytes, &pkts);
    CHECK_EQ(pkts, 0x350000);
    /* the IP packet: the frame less its Ethernet header */
    CHECK_EQ(bytes, 0x12fffffff0ULL + len - 14);
}

/* The driver invalidates in memory but forgets the cache: still bound */
TEST(ppe_stale_cache_forwards_until_clear)
{
    struct pkt p;
    u32 len, idx;

    idx = learnt_lan_flow(&p, &len);
    bind_entry(idx, &snat_to_wan);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);

    foe_at(idx)->ib1 = 0;
    tick(2);                        /* the timestamp would need a refresh */
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 2);
    CHECK_EQ(rx_drain(), 0);
    CHECK_EQ(foe_at(idx)->ib1, 0);  /* not brought back to life */

    cache_clear();
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 2);
    CHECK(rx_pop(&rxf));
    CHECK(rxf.reason == CPU_REASON_HIT_UNBIND_RATE_REACHED);
    CHECK_EQ(foe_state(idx), FOE_STATE_UNBIND);
}

/* A lan1 TCP flow learnt, bound to wan and its first frame forwarded */
static u32 forwarding_lan_flow(struct pkt *p, u32 *len)
{
    u32 idx = learnt_lan_flow(p, len);

    bind_entry(idx, &snat_to_wan);
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, *len));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);
    return idx;
}

/*
 * Review-model F4: the driver rewrote an entry the PPE holds in its cache,
 * and a frame comes before the driver clears the cache.  The PPE must not
 * write its stale copy back.  Here: the driver's BIND over a cached UNBIND.
 */
TEST(ppe_stale_copy_never_overwrites_a_new_bind)
{
    struct foe_entry unbound, bound;
    struct pkt p;
    u32 len, idx;

    idx = learnt_lan_flow(&p, &len);
    unbound = *foe_at(idx);
    bind_entry(idx, &snat_to_wan);
    bound = *foe_at(idx);
    /* the cache holds the UNBIND entry again */
    *foe_at(idx) = unbound;
    cache_clear();
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(rx_drain(), 1);
    /* the driver binds, and has not cleared the cache yet */
    memcpy(&foe_at(idx)->data[1], &bound.data[1], FOE_ENTRY_SIZE - 4);
    foe_at(idx)->ib1 = bound.ib1;
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(foe_at(idx)->ib1, bound.ib1);
    CHECK_EQ(E->nevents[FSW_EV_FOE_STALE], 1);
    CHECK_EQ(rx_drain(), 1);
    /* the stale copy is gone: the next frame is forwarded */
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);
    CHECK_EQ(rx_drain(), 0);
}

/* The same race with a FIN: an invalidated entry never comes back as FIN */
TEST(ppe_fin_never_revives_an_invalidated_entry)
{
    struct pkt p;
    u32 len, idx = forwarding_lan_flow(&p, &len);

    foe_at(idx)->ib1 = 0;
    p.tcp_flags |= TCP_FIN;
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p)));
    CHECK_EQ(foe_at(idx)->ib1, 0);
    CHECK_EQ(E->nevents[FSW_EV_FOE_FIN], 0);
    CHECK_EQ(rx_drain(), 1);
}

/* CACHE_CTL CLEAR is a level: it clears when set, not while it stays set */
TEST(ppe_cache_clear_acts_when_set)
{
    struct pkt p;
    u32 len, idx = forwarding_lan_flow(&p, &len);

    /* a driver that only ever writes EN | CLEAR clears once */
    fe_wr(PPE_CACHE_CTL, PPE_CACHE_CTL_EN | PPE_CACHE_CTL_CLEAR);
    CHECK(fe_rd(PPE_CACHE_CTL) & PPE_CACHE_CTL_CLEAR);
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 2);
    foe_at(idx)->ib1 = 0;
    fe_wr(PPE_CACHE_CTL, PPE_CACHE_CTL_EN | PPE_CACHE_CTL_CLEAR);
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 3);      /* still the cached copy */
    /* cleared, then set again: the cache goes */
    fe_wr(PPE_CACHE_CTL, PPE_CACHE_CTL_EN);
    fe_wr(PPE_CACHE_CTL, PPE_CACHE_CTL_EN | PPE_CACHE_CTL_CLEAR);
    CHECK(wire_rx(FSW_WIRE_LAN1, fb, len));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 3);
    CHECK_EQ(rx_drain(), 1);
}

/* Without the cache a memory change takes effect at once */
TEST(ppe_cache_disabled_reads_memory_each_time)
{
    struct pkt p;
    u32 len, idx;

    ppe_env(1);
    fe_wr(PPE_CACHE_CTL, 0);
    len = lan_tcp(&p);
    idx = learn_flow(FSW_WIRE_LAN1, fb, len);
    bind_entry(idx, &snat_to_wan);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);
    foe_at(idx)->ib1 = 0;
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);
    CHECK_EQ(E->nevents[FSW_EV_CACHE_CLEAR] > 0, 1);
}

TEST(ppe_bind_refreshes_timestamp)
{
    struct pkt p;
    u32 len, idx;

    idx = learnt_lan_flow(&p, &len);
    bind_entry(idx, &snat_to_wan);
    tick(5);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK_EQ(FIELD_GET(FOE_IB1_TIMESTAMP, foe_at(idx)->ib1), 5);
    CHECK_EQ(foe_state(idx), FOE_STATE_BIND);
}

static void check_fin(u8 flags)
{
    struct pkt p;
    u32 len, idx;

    idx = learnt_lan_flow(&p, &len);
    bind_entry(idx, &snat_to_wan);
    p.tcp_flags = flags;
    wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 0);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_BIND_TCP_FIN);
    CHECK_EQ(rxf.foe, idx);
    CHECK_EQ(foe_state(idx), FOE_STATE_FIN);
    CHECK_EQ(E->ev_a[FSW_EV_FOE_FIN], idx);
    /* the rest of the flow now goes to the CPU too */
    p.tcp_flags = 0x10;
    wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_FIN);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 0);
}

TEST(ppe_tcp_fin_moves_entry_to_fin)
{
    check_fin(0x11);
}

TEST(ppe_tcp_rst_moves_entry_to_fin)
{
    check_fin(0x04);
}

/*
 * Send @p with each of @n TCP @flags: each must reach the CPU with reason
 * 0x0c and @foe as its index.
 */
static void tcp_controls_to_cpu(struct pkt *p, const u8 *flags, u32 n, u32 foe)
{
    u32 i;

    for (i = 0; i < n; i++) {
        p->tcp_flags = flags[i];
        wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, p));
        CHECK(rx_pop(&rxf));
        CHECK_EQ(rxf.reason, CPU_REASON_TCP_FIN_SYN_RST);
        CHECK_EQ(rxf.foe, foe);
    }
}

/*
 * MediaTek's reason 0x0c: TCP SYN, FIN and RST reach the CPU without being
 * learnt or counted as hits; a SYN does so even past a BIND entry, which
 * it leaves as it is.
 */
TEST(ppe_tcp_syn_fin_rst_go_to_cpu_unlearnt)
{
    static const u8 control[] = { 0x02, 0x12, 0x11, 0x04, 0x14 };
    static const u8 syn = 0x02;
    struct pkt p;
    u32 len, idx, hits;

    ppe_env(3);
    lan_tcp(&p);
    tcp_controls_to_cpu(&p, control, sizeof(control), RXD_FOE_ENTRY_NONE);
    CHECK_EQ(E->nevents[FSW_EV_FOE_LEARN], 0);
    CHECK_EQ(fe_rd(PPE_MISS_CNT), 0);

    /* an UNBIND entry: not a hit either */
    p.tcp_flags = 0x10;
    len = pkt_build(fb, &p);
    idx = learn_flow(FSW_WIRE_LAN1, fb, len);
    hits = FIELD_GET(FOE_IB1_UNBIND_PACKETS, foe_at(idx)->ib1);
    tcp_controls_to_cpu(&p, control, sizeof(control), idx);
    CHECK_EQ(FIELD_GET(FOE_IB1_UNBIND_PACKETS, foe_at(idx)->ib1), hits);

    /* a BIND entry: a SYN goes to the CPU and leaves it bound */
    bind_entry(idx, &snat_to_wan);
    tcp_controls_to_cpu(&p, &syn, 1, idx);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 0);
    CHECK_EQ(foe_state(idx), FOE_STATE_BIND);
    p.tcp_flags = 0x10;
    wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);
}

TEST(ppe_ttl_one_or_zero_goes_to_cpu)
{
    struct pkt p;
    u32 len, idx, ttl;

    idx = learnt_lan_flow(&p, &len);
    bind_entry(idx, &snat_to_wan);
    for (ttl = 0; ttl <= 1; ttl++) {
        p.ttl = ttl;
        wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
        CHECK(rx_pop(&rxf));
        CHECK_EQ(rxf.reason, CPU_REASON_HIT_TTL_1);
        CHECK_EQ(rxf.foe, idx);
    }
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 0);
    CHECK_EQ(foe_state(idx), FOE_STATE_BIND);
    /* IPv6 hop limit as well */
    pkt_v6(&p, IPPROTO_UDP_);
    len = pkt_build(fb, &p);
    idx = learn_flow(FSW_WIRE_LAN1, fb, len);
    bind_entry(idx, &snat_to_wan);
    p.ttl = 1;
    wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_TTL_1);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 0);
}

static void expect_unlearnt(u32 reason, const struct pkt *p)
{
    u32 i;

    for (i = 0; i < 3; i++) {
        wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, p));
        CHECK(rx_pop(&rxf));
        CHECK_EQ(rxf.reason, reason);
        CHECK_EQ(rxf.foe, RXD_FOE_ENTRY_NONE);
    }
    CHECK_EQ(fe_rd(PPE_MISS_CNT), 0);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 0);
}

TEST(ppe_fragments_and_options_never_learn)
{
    struct pkt p;

    ppe_env(1);
    pkt_v4(&p, IPPROTO_UDP_);
    p.frag = 0x2000;                        /* MF */
    expect_unlearnt(CPU_REASON_IPV4_FRAG, &p);
    p.frag = 0x0010;                        /* offset */
    expect_unlearnt(CPU_REASON_IPV4_FRAG, &p);
    p.frag = 0x4000;                        /* DF is fine, but options: */
    p.opt_words = 2;
    expect_unlearnt(CPU_REASON_OPTION_HEADER, &p);
    CHECK(E->nevents[FSW_EV_FOE_LEARN] == 0);
}

TEST(ppe_non_ip_and_disabled_types_report_reasons)
{
    struct pkt p;

    ppe_env(1);
    pkt_v4(&p, 1);                          /* ICMP */
    expect_unlearnt(CPU_REASON_NOT_TCP_UDP, &p);
    pkt_v6(&p, 58);                         /* ICMPv6 */
    expect_unlearnt(CPU_REASON_NOT_TCP_UDP, &p);
    fe_wr(PPE_FLOW_CFG, 0);
    pkt_v4(&p, IPPROTO_TCP_);
    expect_unlearnt(CPU_REASON_NO_FLOW, &p);
    pkt_v6(&p, IPPROTO_TCP_);
    expect_unlearnt(CPU_REASON_NO_FLOW, &p);
    fe_wr(PPE_FLOW_CFG, PPE_FLOW_CFG_IP4_HNAPT);
    fe_wr(PPE_GLO_CFG, 0);
    pkt_v4(&p, IPPROTO_TCP_);
    expect_unlearnt(CPU_REASON_NONE, &p);
}

TEST(ppe_ipv4_route_learns_protocol)
{
    struct pkt p;

    ppe_env(1);
    fe_wr(PPE_FLOW_CFG, PPE_FLOW_CFG_IP4_ROUTE);
    pkt_v4(&p, 47);                         /* GRE */
    wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_UNBIND_RATE_REACHED);
    CHECK_EQ(foe_entry_type(foe_at(rxf.foe)), FOE_PKT_TYPE_IPV4_ROUTE);
    /* padded as mtk_foe_entry_prepare() pads it, so driver entries match */
    CHECK_EQ(foe_at(rxf.foe)->ipv4.orig.ports, FOE_ROUTE_PORTS_PAD | 47);
}

TEST(ppe_exceed_mtu_goes_to_cpu)
{
    struct bind b = snat_to_wan;
    struct pkt p;
    u32 len, idx;

    idx = learnt_lan_flow(&p, &len);
    b.ib1 |= FOE_IB1_BIND_PPPOE;
    bind_entry(idx, &b);
    ppe_set_mtu(1000);
    /* a PPPoE header is payload: it selects no limit of its own */
    p.paylen = 1000 - 14 - 40;              /* fits plain, not with PPPoE */
    len = pkt_build(fb, &p);
    CHECK_EQ(len, 1000);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_BIND_EXCEED_MTU);
    CHECK_EQ(rxf.foe, idx);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 0);
    CHECK_EQ(foe_state(idx), FOE_STATE_BIND);
    p.paylen = 1000 - 14 - 40 - 8;
    wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);
}

/*
 * The limit follows the entry's tag layers (PPE_VLAN_MTU0/1): a frame as
 * long as the limit leaves, one byte more goes to the CPU.
 */
TEST(ppe_egress_mtu_by_tag_layers)
{
    struct bind b = snat_to_wan;
    u32 len, idx, layers, olen;
    struct pkt p;

    idx = learnt_lan_flow(&p, &len);
    ppe_set_mtu(1000);
    for (layers = 0; layers <= 2; layers++) {
        b.ib1 = snat_to_wan.ib1 | FOE_IB1_BIND_VLAN_TAG |
                FIELD_PREP(FOE_IB1_BIND_VLAN_LAYER, layers);
        b.etype = ETH_P_IP;
        b.vlan1 = 100;
        b.vlan2 = 200;
        bind_entry(idx, &b);
        wire_clear();
        p.paylen = 1000 - 14 - 40;  /* out: the limit, 1000 + 4 * layers */
        wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
        CHECK_EQ(wire_total(), 1);
        wire_last(FSW_WIRE_WAN, &olen);
        CHECK_EQ(olen, 1000 + 4 * layers);
        p.paylen++;
        wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
        CHECK(rx_pop(&rxf));
        CHECK_EQ(rxf.reason, CPU_REASON_HIT_BIND_EXCEED_MTU);
        CHECK_EQ(wire_total(), 1);
    }
}

/* Five flows with the same bucket, from the source port */
static void colliding(struct pkt *p, u32 n)
{
    u32 want, i = 0;
    u16 port = 1000;

    pkt_v4(&p[0], IPPROTO_TCP_);
    p[0].sport = port;
    want = bucket_of(&p[0]);
    for (i = 1; i < n; i++) {
        p[i] = p[0];
        do {
            p[i].sport = ++port;
        } while (bucket_of(&p[i]) != want);
    }
}

TEST(ppe_bucket_full_then_learns_after_invalidate)
{
    struct pkt p[5];
    u32 idx[4], i, len, bucket;

    ppe_env(1);
    colliding(p, 5);
    bucket = bucket_of(&p[0]);
    for (i = 0; i < 4; i++) {
        len = pkt_build(fb, &p[i]);
        idx[i] = learn_flow(FSW_WIRE_LAN1, fb, len);
        CHECK_EQ(idx[i], bucket + i);
        bind_entry(idx[i], &snat_to_wan);
    }
    len = pkt_build(fb, &p[4]);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_BUCKET_FULL);
    CHECK_EQ(rxf.foe, RXD_FOE_ENTRY_NONE);
    /* the four bound flows still forward */
    for (i = 0; i < 4; i++) {
        wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p[i]));
    }
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 4);

    foe_at(idx[2])->ib1 = 0;
    cache_clear();
    len = pkt_build(fb, &p[4]);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_UNBIND_RATE_REACHED);
    CHECK_EQ(rxf.foe, idx[2]);
    CHECK_EQ(foe_at(idx[2])->ipv4.orig.src_port, p[4].sport);
}

TEST(ppe_unbind_replaces_oldest_way)
{
    struct pkt p[5];
    u32 i, len, bucket;

    ppe_env(10);
    colliding(p, 5);
    bucket = bucket_of(&p[0]);
    for (i = 0; i < 4; i++) {
        wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p[i]));
        CHECK(rx_pop(&rxf));
        CHECK_EQ(rxf.foe, bucket + i);
        tick(1);
    }
    /* flow 0 is seen again: flow 1 is now the oldest */
    wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p[0]));
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.foe, bucket);
    len = pkt_build(fb, &p[4]);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_UNBIND);
    CHECK_EQ(rxf.foe, bucket + 1);
    CHECK_EQ(foe_at(bucket + 1)->ipv4.orig.src_port, p[4].sport);
    CHECK_EQ(FIELD_GET(FOE_IB1_UNBIND_PACKETS, foe_at(bucket + 1)->ib1), 1);
}

/* F4 for learning: the oldest UNBIND way the PPE would evict was just bound */
TEST(ppe_learn_never_evicts_a_way_the_driver_bound)
{
    struct pkt p[5];
    u32 i, bucket, ib1;

    ppe_env(10);
    colliding(p, 5);
    bucket = bucket_of(&p[0]);
    for (i = 0; i < 4; i++) {
        wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p[i]));
        CHECK(rx_pop(&rxf));
        tick(1);
    }
    /* the driver binds way 0, the oldest, and has not cleared the cache */
    ib1 = (foe_at(bucket)->ib1 & ~FOE_IB1_STATE) |
          FIELD_PREP(FOE_IB1_STATE, FOE_STATE_BIND);
    foe_at(bucket)->ib1 = ib1;
    wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p[4]));
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.foe, RXD_FOE_ENTRY_NONE);
    CHECK_EQ(foe_at(bucket)->ib1, ib1);
    CHECK_EQ(foe_at(bucket)->ipv4.orig.src_port, p[0].sport);
    CHECK_EQ(E->nevents[FSW_EV_FOE_STALE], 1);
}

/* PPE_TB_CFG_ENTRY_NUM sizes the table: 1024 << n entries, the hash's low bits */
TEST(ppe_table_size_from_tb_cfg)
{
    struct pkt p;
    u32 n;

    for (n = 0; n <= 4; n++) {
        ppe_env(10);
        fe_wr(PPE_TB_CFG, FIELD_PREP(PPE_TB_CFG_ENTRY_NUM, n));
        pkt_v4(&p, IPPROTO_TCP_);
        /* a flow outside the smallest table's range */
        while (bucket_of(&p) < FOE_ENTRIES / 2) {
            p.sport++;
        }
        wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
        CHECK(rx_pop(&rxf));
        CHECK_EQ(rxf.foe, bucket_of(&p) & ((1024u << n) - 1));
        env_teardown();
        env_setup();
    }
}

TEST(ppe_ageing_per_protocol)
{
    struct bind b = snat_to_wan, bs = snat_to_wan;
    struct pkt p;
    u32 udp, tcp, tcp_static, unbind, fin;

    ppe_env(1);
    fe_wr(PPE_TB_CFG, TB_CFG_16K | PPE_TB_CFG_AGE_UNBIND | PPE_TB_CFG_AGE_TCP |
          PPE_TB_CFG_AGE_UDP | PPE_TB_CFG_AGE_FIN | PPE_TB_CFG_AGE_NON_L4);
    fe_wr(PPE_UNBIND_AGE, 3);
    fe_wr(PPE_BIND_AGE0, FIELD_PREP(PPE_BIND_AGE0_UDP, 5) |
          FIELD_PREP(PPE_BIND_AGE0_NON_L4, 2));
    fe_wr(PPE_BIND_AGE1, FIELD_PREP(PPE_BIND_AGE1_TCP, 10) |
          FIELD_PREP(PPE_BIND_AGE1_FIN, 1));
    pkt_v4(&p, IPPROTO_UDP_);
    udp = learn_flow(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    bind_entry(udp, &b);
    pkt_v4(&p, IPPROTO_TCP_);
    tcp = learn_flow(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    bind_entry(tcp, &b);
    p.sport++;
    tcp_static = learn_flow(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    bs.ib1 |= FOE_IB1_STATIC;
    bind_entry(tcp_static, &bs);
    p.sport++;
    unbind = learn_flow(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    p.sport++;
    fin = learn_flow(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    bind_entry(fin, &b);
    p.tcp_flags = 0x11;
    wire_rx(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    CHECK_EQ(foe_state(fin), FOE_STATE_FIN);

    tick(1);
    CHECK_EQ(foe_state(fin), FOE_STATE_FIN);
    tick(1);
    CHECK_EQ(foe_state(fin), FOE_STATE_INVALID);
    tick(1);
    CHECK_EQ(foe_state(unbind), FOE_STATE_UNBIND);
    tick(1);
    CHECK_EQ(foe_state(unbind), FOE_STATE_INVALID);
    tick(1);
    CHECK_EQ(foe_state(udp), FOE_STATE_BIND);
    tick(1);
    CHECK_EQ(foe_state(udp), FOE_STATE_INVALID);
    CHECK_EQ(E->ev_b[FSW_EV_FOE_AGE], FOE_STATE_BIND);
    tick(4);
    CHECK_EQ(foe_state(tcp), FOE_STATE_BIND);
    tick(1);
    CHECK_EQ(foe_state(tcp), FOE_STATE_INVALID);
    tick(300);
    CHECK_EQ(foe_state(tcp_static), FOE_STATE_BIND);
    CHECK_EQ(E->nevents[FSW_EV_FOE_AGE], 4);
}

TEST(ppe_ageing_off_per_class_and_without_table)
{
    struct pkt p;
    u32 udp;

    ppe_env(1);
    fe_wr(PPE_TB_CFG, TB_CFG_16K | PPE_TB_CFG_AGE_TCP);
    fe_wr(PPE_BIND_AGE0, 1);
    pkt_v4(&p, IPPROTO_UDP_);
    udp = learn_flow(FSW_WIRE_LAN1, fb, pkt_build(fb, &p));
    bind_entry(udp, &snat_to_wan);
    tick(10);
    CHECK_EQ(foe_state(udp), FOE_STATE_BIND);
    fe_wr(PPE_TB_BASE_LO, 0);
    fe_wr(PPE_TB_CFG, TB_CFG_16K | 0x1f);
    tick(10);
    CHECK_EQ(fe_rd(FE_DMA_ERR), 0);
}

TEST(ppe_foe_table_fault_sends_frame_unmodified)
{
    struct pkt p;
    u32 len;

    ppe_env(1);
    fe_wr(PPE_TB_BASE_LO, 0x1000);
    len = lan_tcp(&p);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_NONE);
    CHECK_EQ(rxf.foe, RXD_FOE_ENTRY_NONE);
    CHECK_EQ(rxf.len, len + STAG_LEN);
    CHECK(!memcmp(rxf.buf + 16, fb + 12, len - 12));
    CHECK_EQ(fe_rd(FE_DMA_ERR), FE_DMA_ERR_FOE_TABLE);
    CHECK_EQ(fe_rd(FE_DMA_ERR_ADDR_LO), 0x1000 + bucket_of(&p) * 96);
}

TEST(ppe_mib_table_fault_sends_frame_unmodified)
{
    struct pkt p;
    u32 len, idx;

    idx = learnt_lan_flow(&p, &len);
    bind_entry(idx, &snat_to_wan);
    fe_wr(PPE_MIB_TB_BASE_LO, 0x1000);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_NONE);
    CHECK(!memcmp(rxf.buf + 16, fb + 12, len - 12));
    CHECK_EQ(fe_rd(FE_DMA_ERR), FE_DMA_ERR_MIB_TABLE);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 0);
}

TEST(ppe_bind_to_cpu_port_delivers_rewritten)
{
    struct bind b = snat_to_wan;
    struct pkt p;
    u32 len, idx;

    idx = learnt_lan_flow(&p, &len);
    b.dest = PSE_PORT_CPU;
    bind_entry(idx, &b);
    wire_rx(FSW_WIRE_LAN1, fb, len);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.foe, idx);
    CHECK_EQ(rxf.len, len);
    CHECK_EQ(get_be32(rxf.buf + 26), WAN_IP);
    CHECK_EQ(wire_total(), 0);
}
