// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Malformed frames: every truncation of valid frames, bad header fields and
 * random mutations.  Nothing may be forwarded or learnt from a broken frame
 * and nothing may crash (the default build runs under ASan and UBSan).
 */
#include <string.h>
#include "ppe_util.h"
#include "flowsw_int.h"

static struct rx_frame rxf;
static u8 fb[FRAME_BUF];

static const struct bind to_wan = {
    .dest = PSE_PORT_GMAC1, .dmac = MAC_WANGW, .smac = MAC_ROUTER,
    .ib1 = FOE_IB1_BIND_TTL, .nat = 1, .sip = WAN_IP, .dip = 0xc6336407,
    .sport = 50000, .dport = 80,
};

enum { V4_TCP, V4_UDP, V6_TCP, V6_UDP, PPPOE_V4, VLAN_PPPOE_V6, QINQ_V4,
       NBASE };

static void base_pkt(int kind, struct pkt *p)
{
    switch (kind) {
    case V4_TCP: pkt_v4(p, IPPROTO_TCP_); break;
    case V4_UDP: pkt_v4(p, IPPROTO_UDP_); break;
    case V6_TCP: pkt_v6(p, IPPROTO_TCP_); break;
    case V6_UDP: pkt_v6(p, IPPROTO_UDP_); break;
    case PPPOE_V4:
        pkt_v4(p, IPPROTO_UDP_);
        p->pppoe = 1;
        p->sid = 9;
        break;
    case VLAN_PPPOE_V6:
        pkt_v6(p, IPPROTO_TCP_);
        p->nvlan = 1;
        p->tci[0] = 35;
        p->pppoe = 1;
        p->sid = 10;
        break;
    default:
        pkt_v4(p, IPPROTO_TCP_);
        p->nvlan = 2;
        p->tpid[0] = ETH_P_8021AD;
        p->tci[0] = 100;
        p->tci[1] = 200;
        break;
    }
    p->paylen = 11;
}

/* Bind the flow of @p so a frame that parsed wrongly would be forwarded */
static u32 bind_base(int wire, const struct pkt *p)
{
    u32 len = pkt_build(fb, p);

    bind_entry(learn_flow(wire, fb, len), &to_wan);
    wire_rx(wire, fb, len);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);
    wire_clear();
    return len;
}

static void truncations(int wire)
{
    struct pkt p;
    u32 len, cut, fwd, miss;
    int kind;

    for (kind = 0; kind < NBASE; kind++) {
        env_setup();
        ppe_env(1);
        base_pkt(kind, &p);
        len = bind_base(wire, &p);
        fwd = fe_rd(PPE_FWD_CNT);
        miss = fe_rd(PPE_MISS_CNT);
        for (cut = 0; cut < len; cut++) {
            wire_rx(wire, fb, cut);
            if (cut >= ETH_HLEN) {
                CHECK(rx_pop(&rxf));
                CHECK_EQ(rxf.reason, CPU_REASON_MALFORMED);
                CHECK_EQ(rxf.foe, RXD_FOE_ENTRY_NONE);
            }
            CHECK_EQ(rx_drain(), 0);
        }
        CHECK_EQ(fe_rd(PPE_FWD_CNT), fwd);
        CHECK_EQ(fe_rd(PPE_MISS_CNT), miss);
        CHECK_EQ(wire_total(), 0);
        env_check_guards();
    }
}

TEST(malformed_truncations_from_wan_never_forward)
{
    truncations(FSW_WIRE_WAN);
}

TEST(malformed_truncations_from_lan_never_forward)
{
    truncations(FSW_WIRE_LAN1);
}

static void expect_reason(const u8 *f, u32 len, u32 reason)
{
    wire_rx(FSW_WIRE_WAN, f, len);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.reason, reason);
    CHECK_EQ(wire_total(), 0);
}

TEST(malformed_ipv4_header_fields)
{
    struct pkt p;
    u8 *ip = fb + 14;
    u32 len;

    ppe_env(1);
    pkt_v4(&p, IPPROTO_TCP_);
    bind_base(FSW_WIRE_WAN, &p);
    len = pkt_build(fb, &p);
    ip[0] = 0x44;                               /* IHL 4 */
    expect_reason(fb, len, CPU_REASON_MALFORMED);
    ip[0] = 0x4f;                               /* IHL past the end */
    expect_reason(fb, 14 + 40, CPU_REASON_MALFORMED);
    ip[0] = 0x45;
    put_be16(ip + 2, 19);                       /* total < IHL */
    expect_reason(fb, len, CPU_REASON_MALFORMED);
    put_be16(ip + 2, len - 14 + 1);             /* total > frame */
    expect_reason(fb, len, CPU_REASON_MALFORMED);
    put_be16(ip + 2, 20 + 10);                  /* TCP header cut */
    expect_reason(fb, len, CPU_REASON_MALFORMED);
    ip[0] = 0x65;                               /* version 6 */
    put_be16(ip + 2, len - 14);
    expect_reason(fb, len, CPU_REASON_MALFORMED);
    ip[0] = 0x45;
    ip[20 + 12] = 4 << 4;                       /* TCP doff 4 */
    expect_reason(fb, len, CPU_REASON_MALFORMED);
    ip[20 + 12] = 15 << 4;                      /* TCP doff past the end */
    expect_reason(fb, len, CPU_REASON_MALFORMED);

    pkt_v4(&p, IPPROTO_UDP_);
    len = pkt_build(fb, &p);
    put_be16(ip + 2, 20 + 4);                   /* UDP header cut */
    expect_reason(fb, len, CPU_REASON_MALFORMED);
}

TEST(malformed_ipv6_and_l2_fields)
{
    struct pkt p;
    u8 *ip = fb + 14;
    u32 len;

    ppe_env(1);
    pkt_v6(&p, IPPROTO_UDP_);
    bind_base(FSW_WIRE_WAN, &p);
    len = pkt_build(fb, &p);
    put_be16(ip + 4, len - 14 - 40 + 1);        /* payload past the end */
    expect_reason(fb, len, CPU_REASON_MALFORMED);
    put_be16(ip + 4, 4);                        /* UDP header cut */
    expect_reason(fb, len, CPU_REASON_MALFORMED);
    put_be16(ip + 4, len - 14 - 40);
    ip[0] = 0x45;                               /* version 4 */
    expect_reason(fb, len, CPU_REASON_MALFORMED);
    ip[0] = 0x60;
    ip[6] = 0;                                  /* hop-by-hop header */
    expect_reason(fb, len, CPU_REASON_NOT_TCP_UDP);

    put_be16(fb + 12, 0x88b5);                  /* unknown ethertype */
    expect_reason(fb, len, CPU_REASON_NONE);
    put_be16(fb + 12, 0x0806);                  /* ARP */
    expect_reason(fb, len, CPU_REASON_NONE);

    pkt_v4(&p, IPPROTO_UDP_);
    p.pppoe = 1;
    len = pkt_build(fb, &p);
    fb[14] = 0x12;                              /* PPPoE version */
    expect_reason(fb, len, CPU_REASON_MALFORMED);
    fb[14] = 0x11;
    put_be16(fb + 20, 0xc021);                  /* LCP */
    expect_reason(fb, len, CPU_REASON_NONE);

    /* three VLAN tags: the third is an unknown ethertype to the PPE */
    pkt_v4(&p, IPPROTO_UDP_);
    p.nvlan = 2;
    len = pkt_build(fb, &p);
    memmove(fb + 20, fb + 16, len - 16);
    put_be16(fb + 20, ETH_P_8021Q);
    put_be16(fb + 22, 3);
    expect_reason(fb, len + 4, CPU_REASON_NONE);
}

/* L2 padding after the IP packet is legal and is not forwarded */
TEST(ppe_padded_frame_forwards_without_padding)
{
    struct pkt p;
    u32 len, olen;
    const u8 *o;

    ppe_env(1);
    pkt_v4(&p, IPPROTO_UDP_);
    p.paylen = 2;
    len = bind_base(FSW_WIRE_WAN, &p);
    pkt_build(fb, &p);
    memset(fb + len, 0xee, 20);
    wire_rx(FSW_WIRE_WAN, fb, len + 20);
    o = wire_last(FSW_WIRE_WAN, &olen);
    CHECK_EQ(olen, len);
    CHECK(ipv4_csum_ok(o + 14) && l4_csum_ok(o + 14, false));
}

static u32 lcg(u32 *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

/* Random byte mutations of bound flows' frames: whatever happens, no crash */
TEST(malformed_random_mutations_do_not_crash)
{
    struct pkt p;
    u32 seed = 1, len, i, n;
    int kind;

    ppe_env(1);
    for (kind = 0; kind < NBASE; kind++) {
        base_pkt(kind, &p);
        p.sport += kind;
        bind_base(kind & 1 ? FSW_WIRE_LAN2 : FSW_WIRE_WAN, &p);
    }
    for (i = 0; i < 20000; i++) {
        base_pkt(i % NBASE, &p);
        p.sport += i % NBASE;
        len = pkt_build(fb, &p);
        for (n = lcg(&seed) % 4 + 1; n; n--) {
            fb[lcg(&seed) % len] ^= (u8)(1 + lcg(&seed) % 255);
        }
        wire_rx(i & 1 ? FSW_WIRE_LAN2 : FSW_WIRE_WAN, fb,
                len - lcg(&seed) % 3);
        rx_drain();
        wire_clear();
    }
}

/* A migration stream is checked before the core uses its indices */
TEST(core_state_valid_rejects_what_registers_cannot_produce)
{
    CHECK(fsw_core_state_valid(&E->core));
    E->core.evt_head = SW_FDB_EVT_DEPTH;
    CHECK(!fsw_core_state_valid(&E->core));
    E->core.evt_head = 0;
    E->core.evt_count = SW_FDB_EVT_DEPTH + 1;
    CHECK(!fsw_core_state_valid(&E->core));
    E->core.evt_count = SW_FDB_EVT_DEPTH;
    CHECK(fsw_core_state_valid(&E->core));
    E->core.gmac[1].max_len = GMAC_MAX_LEN_LIMIT + 1;
    CHECK(!fsw_core_state_valid(&E->core));
    E->core.gmac[1].max_len = GMAC_MAX_LEN_DEFAULT;
    E->core.gmac[0].fwd_cfg = GDM_FWD_DEST + 1;
    CHECK(!fsw_core_state_valid(&E->core));
    E->core.gmac[0].fwd_cfg = PSE_PORT_PPE;
    E->core.port[2].pvid = 0x1000;
    CHECK(!fsw_core_state_valid(&E->core));
}
