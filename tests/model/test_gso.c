// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * GSO frames from a host's TSO: forwarded whole through a BIND entry and
 * counted as their segments, cut into segments everywhere else.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "ppe_util.h"
#include "flowsw_int.h"

#define SEG		1000
#define PAYLOAD		3500	/* 4 segments: 3 x 1000 and 500 */
#define SEGS		4
#define SEQ0		0x11223344	/* what pkt_build() puts in */
#define IPID0		0x1234

static struct rx_frame rxf;
static u8 fb[FRAME_BUF];
static u8 big[CAP_BUF];

static const u8 MAC_HOST3[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x03 };

/* Turn a built TCP frame into what a host's TSO hands over */
static u32 make_gso(u8 *buf, const struct pkt *p)
{
    u32 len = pkt_build(buf, p);
    u8 *ip = buf + pkt_l3_off(p);
    u32 ihl = p->ipv6 ? 40 : 20;

    put_be16(ip + ihl + 16, tcp_partial_csum(ip, p->ipv6));
    return len;
}

/* lan1 host 10.0.0.2:40000 -> 198.51.100.7:80, bound with SNAT */
static u32 bound_lan_flow(struct pkt *p, const struct bind *b)
{
    u32 idx;

    ppe_env(1);
    pkt_v4(p, IPPROTO_TCP_);
    idx = learn_flow(FSW_WIRE_LAN1, fb, pkt_build(fb, p));
    bind_entry(idx, b);
    p->paylen = PAYLOAD;
    p->tcp_flags = 0x18;        /* ACK PSH */
    return idx;
}

/* The checksum starts at the TCP header, as the host's TSO says */
static u32 tcp_offset(const u8 *buf)
{
    if (get_be16(buf + 12) == ETH_P_IPV6) {
        return 14 + 40;
    }
    return 14 + (buf[14] & 0xf) * 4;
}

static bool gso_rx(int wire, const u8 *buf, u32 len, u32 size)
{
    return fsw_wire_receive_gso(&E->core, wire, buf, len, size,
                                tcp_offset(buf));
}

/* Segment i of a frame sent from @orig_ip, found at @ip */
static void check_segment(const u8 *ip, const u8 *orig_ip, bool ipv6, u32 i,
                          u32 nsegs)
{
    u32 ihl = ipv6 ? 40 : 20;
    u32 chunk = i + 1 < nsegs ? SEG : PAYLOAD - SEG * (nsegs - 1);
    const u8 *tcp = ip + ihl;

    if (ipv6) {
        CHECK_EQ(get_be16(ip + 4), 20 + chunk);
    } else {
        CHECK_EQ(get_be16(ip + 2), ihl + 20 + chunk);
        CHECK_EQ(get_be16(ip + 4), IPID0 + i);
        CHECK(ipv4_csum_ok(ip));
    }
    CHECK(l4_csum_ok(ip, ipv6));
    CHECK_EQ(get_be32(tcp + 4), SEQ0 + i * SEG);
    CHECK_EQ(!!(tcp[13] & TCP_PSH), i + 1 == nsegs);
    CHECK(!memcmp(tcp + 20, orig_ip + ihl + 20 + i * SEG, chunk));
}

TEST(gso_bound_flow_forwarded_whole_counted_as_segments)
{
    struct pkt p;
    u32 idx, len, olen, tx_bytes;
    u64 bytes0, pkts0, bytes, pkts;
    const u8 *o, *ip;

    idx = bound_lan_flow(&p, &snat_to_wan);
    len = make_gso(fb, &p);
    mib_ser(idx, &bytes0, &pkts0);
    tx_bytes = fe_rd(GMAC_MIB_TX_BYTES_LO(1));

    CHECK(gso_rx(FSW_WIRE_LAN1, fb, len, SEG));
    CHECK_EQ(rx_drain(), 0);
    CHECK_EQ(wire_total(), 1);
    o = wire_last(FSW_WIRE_WAN, &olen);
    CHECK_EQ(olen, len);
    CHECK_EQ(E->capgso[FSW_WIRE_WAN][0].segs, SEGS);
    CHECK_EQ(E->capgso[FSW_WIRE_WAN][0].size, SEG);
    CHECK_EQ(E->capgso[FSW_WIRE_WAN][0].l4_len, 20 + PAYLOAD);
    ip = o + 14;
    CHECK_EQ(get_be32(ip + 12), WAN_IP);
    CHECK_EQ(get_be16(ip + 20), 50000);
    CHECK_EQ(ip[8], 63);
    CHECK(ipv4_csum_ok(ip));
    /* still partial, now over the new addresses */
    CHECK_EQ(get_be16(ip + 36), tcp_partial_csum(ip, false));
    CHECK(!memcmp(ip + 40, fb + 14 + 40, PAYLOAD));

    /* IP bytes of every segment, as conntrack would count them */
    mib_ser(idx, &bytes, &pkts);
    CHECK_EQ(pkts - pkts0, SEGS);
    CHECK_EQ(bytes - bytes0, PAYLOAD + SEGS * 40);
    CHECK_EQ(fe_rd(GMAC_MIB_TX_BYTES_LO(1)) - tx_bytes,
             PAYLOAD + SEGS * 54);
    CHECK_EQ(fe_rd(GMAC_MIB_RX_PPE_FWD(0)), SEGS);
    CHECK_EQ(fe_rd(PPE_FWD_CNT), SEGS);
    CHECK_EQ(E->core.gso_stats.ppe_fwd, 1);
    CHECK_EQ(E->core.gso_stats.cut, 0);
}

/* WAN to lan3 through the special tag, with DNAT */
/*
 * wan 198.51.100.7:80 -> our 203.0.113.1:50000, bound with DNAT to the lan3
 * host 10.0.0.3:40000 through GMAC0 and the switch; its GSO frame in @buf
 */
static u32 bound_wan_flow_to_lan3(struct pkt *p, u8 *buf)
{
    static const struct bind b = {
        .dest = PSE_PORT_GMAC0, .dmac = MAC_HOST3, .smac = MAC_ROUTER,
        .ib1 = FOE_IB1_BIND_TTL | FIELD_PREP(FOE_IB1_BIND_VLAN_LAYER, 1),
        .etype = BIT(2), .nat = 1, .sip = 0xc6336407, .dip = 0x0a000003,
        .sport = 80, .dport = 40000,
    };

    ppe_env(1);
    pkt_v4_from_wan(p, IPPROTO_TCP_);
    p->sport = 80;
    p->dport = 50000;
    bind_entry(learn_flow(FSW_WIRE_WAN, fb, pkt_build(fb, p)), &b);
    p->paylen = PAYLOAD;
    return make_gso(buf, p);
}

TEST(gso_bound_flow_through_switch_to_lan_port)
{
    struct pkt p;
    u32 len, olen, tx0;
    const u8 *o;

    len = bound_wan_flow_to_lan3(&p, fb);
    tx0 = sw_rd(SW_PMIB_TX_PKTS(2));

    CHECK(gso_rx(FSW_WIRE_WAN, fb, len, SEG));
    CHECK_EQ(wire_total(), 1);
    o = wire_last(FSW_WIRE_LAN3, &olen);
    CHECK_EQ(olen, len);
    CHECK_EQ(E->capgso[FSW_WIRE_LAN3][0].segs, SEGS);
    CHECK_EQ(get_be32(o + 14 + 16), 0x0a000003);
    CHECK_EQ(get_be16(o + 14 + 22), 40000);
    CHECK_EQ(get_be16(o + 14 + 36), tcp_partial_csum(o + 14, false));
    CHECK_EQ(sw_rd(SW_PMIB_TX_PKTS(2)) - tx0, SEGS);
    CHECK_EQ(fe_rd(GMAC_MIB_RX_PPE_FWD(1)), SEGS);
}

TEST(gso_bound_ipv6_flow_forwarded_whole)
{
    struct bind b = {
        .dest = PSE_PORT_GMAC1, .dmac = MAC_WANGW, .smac = MAC_WAN_OUT,
        .ib1 = FOE_IB1_BIND_TTL,
    };
    struct pkt p;
    u32 len, olen;
    const u8 *o;

    ppe_env(1);
    pkt_v6(&p, IPPROTO_TCP_);
    bind_entry(learn_flow(FSW_WIRE_LAN1, fb, pkt_build(fb, &p)), &b);
    p.paylen = PAYLOAD;
    len = make_gso(fb, &p);

    CHECK(gso_rx(FSW_WIRE_LAN1, fb, len, SEG));
    CHECK_EQ(wire_total(), 1);
    o = wire_last(FSW_WIRE_WAN, &olen);
    CHECK_EQ(olen, len);
    CHECK_EQ(E->capgso[FSW_WIRE_WAN][0].segs, SEGS);
    CHECK(E->capgso[FSW_WIRE_WAN][0].ipv6);
    CHECK_EQ(o[14 + 7], 63);
    CHECK_EQ(get_be16(o + 14 + 40 + 16), tcp_partial_csum(o + 14, true));
    CHECK_EQ(fe_rd(PPE_FWD_CNT), SEGS);
}

/* The largest frame a tap hands over: 45 segments in one */
TEST(gso_64k_frame_forwarded_whole)
{
    struct pkt p;
    u32 idx, len, olen;
    u64 bytes0, pkts0, bytes, pkts;
    const u8 *o;

    idx = bound_lan_flow(&p, &snat_to_wan);
    p.paylen = 65000;
    len = make_gso(big, &p);
    mib_ser(idx, &bytes0, &pkts0);
    CHECK(gso_rx(FSW_WIRE_LAN1, big, len, 1448));
    CHECK_EQ(wire_total(), 1);
    o = wire_last(FSW_WIRE_WAN, &olen);
    CHECK_EQ(olen, len);
    CHECK_EQ(E->capgso[FSW_WIRE_WAN][0].segs, 45);
    CHECK(!memcmp(o + 54, big + 54, 65000));
    mib_ser(idx, &bytes, &pkts);
    CHECK_EQ(pkts - pkts0, 45);
    CHECK_EQ(bytes - bytes0, 65000 + 45 * 40);
}

/* A GSO frame of a flow the PPE has not seen, from the lan1 host */
static void send_new_flow(bool ipv6)
{
    struct pkt p;

    ppe_env(3);
    if (ipv6) {
        pkt_v6(&p, IPPROTO_TCP_);
    } else {
        pkt_v4(&p, IPPROTO_TCP_);
    }
    p.paylen = PAYLOAD;
    p.tcp_flags = 0x18;         /* ACK PSH */
    CHECK(gso_rx(FSW_WIRE_LAN1, fb, make_gso(fb, &p), SEG));
}

/* A new flow: the PPE learns from the first segment, as from the host's */
TEST(gso_unbound_flow_cut_for_the_cpu)
{
    static const u8 reasons[SEGS] = {
        CPU_REASON_HIT_UNBIND, CPU_REASON_HIT_UNBIND,
        CPU_REASON_HIT_UNBIND_RATE_REACHED, CPU_REASON_HIT_UNBIND_RATE_REACHED,
    };
    u32 i, foe = 0;

    send_new_flow(false);
    for (i = 0; i < SEGS; i++) {
        CHECK(rx_pop(&rxf));
        CHECK_EQ(rxf.reason, reasons[i]);
        CHECK(i == 0 || rxf.foe == foe);
        foe = rxf.foe;
        CHECK_EQ(rxf.len, 14 + STAG_LEN + 40 + (i < 3 ? SEG : 500));
        check_segment(rxf.buf + 14 + STAG_LEN, fb + 14, false, i, SEGS);
    }
    CHECK(!rx_pop(&rxf));
    CHECK_EQ(fe_rd(PPE_MISS_CNT), 1);
    CHECK_EQ(sw_rd(SW_PMIB_RX_PKTS(0)), SEGS);
    CHECK_EQ(E->core.gso_stats.ppe_fwd, 0);
}

TEST(gso_ipv6_cut_for_the_cpu)
{
    u32 i;

    send_new_flow(true);
    for (i = 0; i < SEGS; i++) {
        CHECK(rx_pop(&rxf));
        check_segment(rxf.buf + 14 + STAG_LEN, fb + 14, true, i, SEGS);
    }
    CHECK(!rx_pop(&rxf));
}

/* Only the last segment carries the FIN, and only it goes to the CPU */
TEST(gso_fin_only_last_segment_to_cpu)
{
    struct pkt p;
    u32 idx, len, olen, i;
    const u8 *o;

    idx = bound_lan_flow(&p, &snat_to_wan);
    p.tcp_flags = 0x19;         /* ACK PSH FIN */
    len = make_gso(fb, &p);
    CHECK(gso_rx(FSW_WIRE_LAN1, fb, len, SEG));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], SEGS - 1);
    for (i = 0; i < SEGS - 1; i++) {
        o = wire_frame(FSW_WIRE_WAN, i, &olen);
        CHECK_EQ(E->capgso[FSW_WIRE_WAN][i].segs, 0);
        CHECK_EQ(olen, 14 + 40 + SEG);
        CHECK(!(o[14 + 33] & TCP_FIN));
        CHECK(ipv4_csum_ok(o + 14) && l4_csum_ok(o + 14, false));
        CHECK_EQ(get_be32(o + 14 + 24), SEQ0 + i * SEG);
    }
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, CPU_REASON_HIT_BIND_TCP_FIN);
    CHECK_EQ(rxf.len, 14 + STAG_LEN + 40 + 500);
    CHECK(rxf.buf[18 + 33] & TCP_FIN);
    CHECK(!rx_pop(&rxf));
    CHECK_EQ(foe_state(idx), FOE_STATE_FIN);
}

/* PPPoE's length field is per segment */
TEST(gso_pppoe_push_is_cut)
{
    struct bind b = snat_to_wan;
    struct pkt p;
    u32 len, olen, i;
    const u8 *o;

    b.ib1 |= FOE_IB1_BIND_PPPOE;
    b.etype = ETH_P_PPP_SES;
    b.pppoe_id = 0x1234;
    bound_lan_flow(&p, &b);
    len = make_gso(fb, &p);
    CHECK(gso_rx(FSW_WIRE_LAN1, fb, len, SEG));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], SEGS);
    for (i = 0; i < SEGS; i++) {
        o = wire_frame(FSW_WIRE_WAN, i, &olen);
        CHECK_EQ(E->capgso[FSW_WIRE_WAN][i].segs, 0);
        CHECK_EQ(get_be16(o + 12), ETH_P_PPP_SES);
        CHECK_EQ(get_be16(o + 18), olen - 22 + 2);
        CHECK(ipv4_csum_ok(o + 22) && l4_csum_ok(o + 22, false));
    }
    CHECK_EQ(rx_drain(), 0);
}

/* The egress MTU applies to each segment, not to the GSO frame */
TEST(gso_segment_over_egress_mtu_goes_to_cpu)
{
    struct pkt p;
    u32 len, olen, i;

    bound_lan_flow(&p, &snat_to_wan);
    len = make_gso(fb, &p);
    ppe_set_mtu(14 + 40 + SEG);
    CHECK(gso_rx(FSW_WIRE_LAN1, fb, len, SEG));
    CHECK_EQ(wire_total(), 1);
    CHECK_EQ(E->capgso[FSW_WIRE_WAN][0].segs, SEGS);

    /* the full segments are too long, the short last one fits */
    wire_clear();
    ppe_set_mtu(14 + 40 + SEG - 1);
    CHECK(gso_rx(FSW_WIRE_LAN1, fb, len, SEG));
    for (i = 0; i < SEGS - 1; i++) {
        CHECK(rx_pop(&rxf));
        CHECK_EQ(rxf.reason, CPU_REASON_HIT_BIND_EXCEED_MTU);
        check_segment(rxf.buf + 14 + STAG_LEN, fb + 14, false, i, SEGS);
    }
    CHECK(!rx_pop(&rxf));
    CHECK_EQ(wire_total(), 1);
    wire_last(FSW_WIRE_WAN, &olen);
    CHECK_EQ(olen, 14 + 40 + 500);
    CHECK_EQ(E->capgso[FSW_WIRE_WAN][0].segs, 0);
}

/* So does the ingress GMAC's: only the segments that are too long drop */
TEST(gso_segment_over_ingress_mtu_dropped)
{
    struct pkt p;
    u32 len, olen;

    bound_lan_flow(&p, &snat_to_wan);
    len = make_gso(fb, &p);
    fe_wr(GMAC_MAX_LEN(0), 14 + 40 + SEG - 1);
    CHECK(gso_rx(FSW_WIRE_LAN1, fb, len, SEG));     /* the switch took it */
    CHECK_EQ(fe_rd(GMAC_MIB_RX_DROPS(0)), SEGS - 1);
    CHECK_EQ(rx_drain(), 0);
    CHECK_EQ(wire_total(), 1);
    wire_last(FSW_WIRE_WAN, &olen);
    CHECK_EQ(olen, 14 + 40 + 500);
}

/* A frame of one segment is a plain frame whose checksum we complete */
TEST(gso_single_segment_gets_full_checksum)
{
    struct pkt p;
    u32 len;

    ppe_env(3);
    pkt_v4(&p, IPPROTO_TCP_);
    p.paylen = 800;
    len = make_gso(fb, &p);
    CHECK(!l4_csum_ok(fb + 14, false));
    CHECK(gso_rx(FSW_WIRE_LAN1, fb, len, SEG));
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.len, len + STAG_LEN);
    CHECK(l4_csum_ok(rxf.buf + 18, false));
    CHECK(!rx_pop(&rxf));
}

static void check_dropped(const u8 *buf, u32 len, u32 size)
{
    u64 bad = E->core.gso_stats.bad;
    u32 drops = sw_rd(SW_PMIB_RX_DROPS(0));

    CHECK(!gso_rx(FSW_WIRE_LAN1, buf, len, size));
    CHECK_EQ(E->core.gso_stats.bad, bad + 1);
    CHECK_EQ(sw_rd(SW_PMIB_RX_DROPS(0)), drops + 1);
}

/* What a host's TSO never makes is dropped, and nothing is counted */
TEST(gso_malformed_frames_dropped)
{
    struct pkt p;
    u32 len;

    ppe_env(1);
    pkt_v4(&p, IPPROTO_UDP_);
    p.paylen = PAYLOAD;
    check_dropped(fb, pkt_build(fb, &p), SEG);

    pkt_v4(&p, IPPROTO_TCP_);
    p.paylen = PAYLOAD;
    p.tcp_flags = TCP_SYN;
    check_dropped(fb, make_gso(fb, &p), SEG);
    p.tcp_flags = 0x10;
    p.opt_words = 1;
    check_dropped(fb, pkt_build(fb, &p), SEG);
    p.opt_words = 0;
    len = make_gso(fb, &p);
    check_dropped(fb, len - 10, SEG);           /* cut short */
    memset(fb + len, 0, 4);
    check_dropped(fb, len + 4, SEG);            /* padded */
    check_dropped(fb, len, 0);
    check_dropped(fb, len, 87);                 /* below TCP_MIN_MSS */
    CHECK(!fsw_wire_receive_gso(&E->core, FSW_WIRE_LAN1, fb, len, SEG, 14));
    check_dropped(fb, len, 20000);              /* segments too big */
    check_dropped(fb, 40, SEG);
    p.paylen = 0;
    check_dropped(fb, make_gso(fb, &p), SEG);

    CHECK_EQ(wire_total(), 0);
    CHECK_EQ(rx_drain(), 0);
    CHECK_EQ(sw_rd(SW_PMIB_RX_PKTS(0)), 0);
}

/*
 * The deepest paths through the model: a GSO frame from the wan, bound to a
 * lan port through GMAC0 and the switch, with segments too long for GMAC0,
 * so the PPE cuts it and each segment passes the PPE again, the switch's
 * CPU port and a user port; and one from lan1, through the switch to the
 * CPU port, GMAC0 and a BIND entry to the wan.  Run on a painted stack, it must leave most of
 * 16 KiB untouched: frames live in the core's scratch buffers, so a vCPU
 * or a data plane thread needs little stack (review-model F1).
 * Sanitizers' redzones grow every frame, so they get 3 times the room.
 */
#define STACK_BYTES     (256 * 1024)
#define STACK_PAINT     0xa5
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define STACK_BUDGET    (48 * 1024)
#else
#define STACK_BUDGET    (16 * 1024)
#endif

/* A GSO frame from the wan and one from lan1, each on its own path */
struct deep_job {
    const u8 *wan_buf, *lan_buf;
    u32 wan_len, lan_len;
    bool ok;
};

static void *deep_path(void *arg)
{
    struct deep_job *j = arg;

    j->ok = gso_rx(FSW_WIRE_WAN, j->wan_buf, j->wan_len, SEG) &&
            gso_rx(FSW_WIRE_LAN1, j->lan_buf, j->lan_len, SEG);
    return NULL;
}

static size_t stack_used_by(void *(*fn)(void *), void *arg)
{
    u8 *stack = aligned_alloc(4096, STACK_BYTES);
    pthread_attr_t attr;
    pthread_t t;
    size_t i;

    CHECK(stack);
    memset(stack, STACK_PAINT, STACK_BYTES);
    pthread_attr_init(&attr);
    pthread_attr_setstack(&attr, stack, STACK_BYTES);
    CHECK(!pthread_create(&t, &attr, fn, arg));
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
    for (i = 0; i < STACK_BYTES && stack[i] == STACK_PAINT; i++) {
        ;
    }
    free(stack);
    return STACK_BYTES - i;
}

TEST(stack_deepest_path_under_16k)
{
    static u8 lan_frame[CAP_BUF];
    struct deep_job j = { .wan_buf = big, .lan_buf = lan_frame };
    struct pkt p;
    size_t used;

    j.wan_len = bound_wan_flow_to_lan3(&p, big);
    /* full segments exceed the PPE's limit (one layer: the special tag),
     * the last one fits: the PPE cuts the frame and forwards that one */
    ppe_set_mtu(14 + 40 + SEG - 1);
    /* the lan1 frame is cut where it enters GMAC0 */
    fe_wr(GMAC_MAX_LEN(0), 14 + 40 + SEG - 1);
    /* and the lan1 flow to the wan: through the switch's CPU port first */
    pkt_v4(&p, IPPROTO_TCP_);
    bind_entry(learn_flow(FSW_WIRE_LAN1, fb, pkt_build(fb, &p)), &snat_to_wan);
    p.paylen = PAYLOAD;
    p.tcp_flags = 0x18;         /* ACK PSH */
    j.lan_len = make_gso(lan_frame, &p);

    used = stack_used_by(deep_path, &j);
    printf("# deepest path: %zu bytes of stack\n", used);
    CHECK(j.ok);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN3], 1);         /* the last segment */
    CHECK_EQ(rx_drain(), SEGS - 1);             /* the others, too long */
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);          /* the lan frame, whole */
    CHECK_EQ(E->core.depth_drops, 0);
    CHECK(used < STACK_BUDGET);
}
