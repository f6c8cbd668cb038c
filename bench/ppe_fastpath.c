// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PPE fast-path benchmark: 16K bound flows (70% IPv4 TCP LAN->WAN with SNAT,
 * 20% UDP half LAN->WAN SNAT / half WAN->LAN DNAT with special-tag egress,
 * 10% IPv6 5T WAN->LAN with special tag + VLAN), bucket cache and MIB on.
 * Frames go in through fsw_wire_receive (LAN frames through the switch);
 * transmit only counts.  They are laid out in the order they are sent, as
 * a receive ring holds them: the flows' order is random, so the table is
 * looked up at random, but reading the next frame costs what a tap's
 * freshly written buffer would.  Prints "ppe_fastpath_mpps: X".
 *
 * Usage: ppe_fastpath [frames]   (default 20M)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "flowsw_core.h"
#include "flowsw_int.h"

#define RAM_BASE	0x40000000ULL
#define RAM_SIZE	(4u << 20)
#define FOE_TB		(RAM_BASE + 0x000000)
#define MIB_TB		(RAM_BASE + 0x200000)
#define NFLOWS		FOE_ENTRIES
#define FRAME_LEN_MAX	128
#define WAN_IP		0xcb007101

static u8 *ram;
static u64 tx_frames;
static struct fsw_core core;

struct flow {
    u8 wire;
    u8 len;
    u8 frame[FRAME_LEN_MAX];
};

static struct flow *flows;

static int b_read(void *o, u64 a, void *buf, u32 len)
{
    (void)o;
    if (a < RAM_BASE || a - RAM_BASE + len > RAM_SIZE) {
        return -1;
    }
    memcpy(buf, ram + (a - RAM_BASE), len);
    return 0;
}

static int b_write(void *o, u64 a, const void *buf, u32 len)
{
    (void)o;
    if (a < RAM_BASE || a - RAM_BASE + len > RAM_SIZE) {
        return -1;
    }
    memcpy(ram + (a - RAM_BASE), buf, len);
    return 0;
}

static int b_cmpxchg32(void *o, u64 a, u32 old, u32 new)
{
    u32 seen;

    if (b_read(o, a, &seen, sizeof(seen))) {
        return -1;
    }
    if (seen != old) {
        return 1;
    }
    return b_write(o, a, &new, sizeof(new));
}

static void b_transmit(void *o, int wire, const u8 *buf, u32 len,
                       const struct fsw_gso *gso)
{
    (void)o;
    (void)wire;
    (void)buf;
    (void)len;
    (void)gso;
    tx_frames++;
}

static void b_irq(void *o, int line, bool level)
{
    (void)o;
    (void)line;
    (void)level;
}

static const struct fsw_core_ops ops = {
    .dma_read = b_read, .dma_write = b_write, .dma_cmpxchg32 = b_cmpxchg32,
    .transmit = b_transmit, .set_irq = b_irq,
};

static u32 rnd_state = 12345;

static u32 rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 17;
    rnd_state ^= rnd_state << 5;
    return rnd_state;
}

static const u8 mac_router[6] = { 0x02, 0, 0, 0, 0, 0xfe };
static const u8 mac_wangw[6] = { 0x02, 0, 0, 0, 1, 1 };

static void setup(void)
{
    int p;

    fsw_core_init(&core, &ops, NULL);
    for (p = 0; p < SW_NUM_USER_PORTS; p++) {
        fsw_sw_write(&core, SW_PCR(p), SW_PCR_ENABLE | SW_PCR_LEARN |
                     FIELD_PREP(SW_PCR_STP, SW_STP_FORWARDING));
        fsw_sw_write(&core, SW_PMATRIX(p), (0xf & ~BIT(p)) | BIT(6));
    }
    fsw_sw_write(&core, SW_PMATRIX(SW_CPU_PORT), 0xf);
    /* the router's MAC lives behind the CPU port */
    fsw_sw_write(&core, SW_FDB_MAC_HI, get_be32(mac_router));
    fsw_sw_write(&core, SW_FDB_MAC_LO, (u32)get_be16(mac_router + 4) << 16);
    fsw_sw_write(&core, SW_FDB_DATA, BIT(SW_CPU_PORT) | SW_FDB_DATA_STATIC);
    fsw_sw_write(&core, SW_FDB_CMD, SW_FDB_OP_WRITE);

    fsw_fe_write(&core, PPE_TB_BASE_LO, (u32)FOE_TB);
    fsw_fe_write(&core, PPE_MIB_TB_BASE_LO, (u32)MIB_TB);
    /* the largest table, 16384 entries, as the flows below fill it */
    fsw_fe_write(&core, PPE_TB_CFG, FIELD_PREP(PPE_TB_CFG_ENTRY_NUM, 4));
    fsw_fe_write(&core, PPE_FLOW_CFG, PPE_FLOW_CFG_IP4_HNAPT |
                 PPE_FLOW_CFG_IP6_5T);
    fsw_fe_write(&core, PPE_MIB_CFG, PPE_MIB_CFG_EN);
    fsw_fe_write(&core, PPE_CACHE_CTL, PPE_CACHE_CTL_EN | PPE_CACHE_CTL_CLEAR);
    fsw_fe_write(&core, PPE_GLO_CFG, PPE_GLO_CFG_EN);
    fsw_fe_write(&core, GDM_FWD_CFG(0), PSE_PORT_PPE);
    fsw_fe_write(&core, GDM_FWD_CFG(1), PSE_PORT_PPE);
}

enum kind { TCP_OUT, UDP_OUT, UDP_IN, V6_IN };

struct tuple {
    enum kind kind;
    u32 src[4], dst[4];
    u16 sport, dport;
    u8 proto;
};

static void rand_tuple(struct tuple *t, enum kind k)
{
    memset(t, 0, sizeof(*t));
    t->kind = k;
    t->sport = 1024 + rnd() % 60000;
    t->dport = 1 + rnd() % 65535;
    t->proto = k == TCP_OUT ? IPPROTO_TCP_ : IPPROTO_UDP_;
    if (k == V6_IN) {
        t->src[0] = 0x2a000000 | (rnd() & 0xffffff);
        t->src[3] = rnd();
        t->dst[0] = 0x20010db8;
        t->dst[3] = rnd() & 0xffff;
        t->proto = rnd() & 1 ? IPPROTO_TCP_ : IPPROTO_UDP_;
    } else if (k == UDP_IN) {
        t->src[0] = rnd() | 0x01000000;
        t->dst[0] = WAN_IP;
    } else {
        t->src[0] = 0x0a000000 | (rnd() & 0xffff);
        t->dst[0] = rnd() | 0x01000000;
    }
}

static void key_of(const struct tuple *t, struct foe_entry *e)
{
    memset(e, 0, sizeof(*e));
    if (t->kind == V6_IN) {
        e->ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, FOE_PKT_TYPE_IPV6_ROUTE_5T);
        memcpy(e->ipv6.src_ip, t->src, 16);
        memcpy(e->ipv6.dest_ip, t->dst, 16);
        e->ipv6.src_port = t->sport;
        e->ipv6.dest_port = t->dport;
    } else {
        e->ipv4.orig.src_ip = t->src[0];
        e->ipv4.orig.dest_ip = t->dst[0];
        e->ipv4.orig.src_port = t->sport;
        e->ipv4.orig.dest_port = t->dport;
    }
    if (t->proto == IPPROTO_UDP_) {
        e->ib1 |= FOE_IB1_UDP;
    }
}

static void set_mac(u32 *hi, u16 *lo, const u8 *mac)
{
    *hi = get_be32(mac);
    *lo = get_be16(mac + 4);
}

/* The entry a driver would write for the flow */
static void bind_of(const struct tuple *t, struct foe_entry *e, u32 n)
{
    u8 host[6] = { 0x02, 0, 0, 0, 0x10, (u8)(n % 64) };
    struct foe_mac_info *l2;

    key_of(t, e);
    e->ib1 |= FIELD_PREP(FOE_IB1_STATE, FOE_STATE_BIND) | FOE_IB1_BIND_TTL;
    l2 = foe_entry_l2(e);
    if (t->kind == TCP_OUT || t->kind == UDP_OUT) {
        e->ipv4.ib2 = FIELD_PREP(FOE_IB2_DEST_PORT, PSE_PORT_GMAC1);
        e->ipv4.new = e->ipv4.orig;
        e->ipv4.new.src_ip = WAN_IP;
        e->ipv4.new.src_port = 10000 + n % 50000;
        set_mac(&l2->dest_mac_hi, &l2->dest_mac_lo, mac_wangw);
        set_mac(&l2->src_mac_hi, &l2->src_mac_lo, mac_router);
        l2->etype = ETH_P_IP;
        if (n % 8 == 0) {   /* some WAN traffic in a VLAN */
            e->ib1 |= FOE_IB1_BIND_VLAN_TAG |
                      FIELD_PREP(FOE_IB1_BIND_VLAN_LAYER, 1);
            l2->vlan1 = 35;
        }
        return;
    }
    /* towards a LAN port, through the switch with the special tag */
    e->ib1 |= FIELD_PREP(FOE_IB1_BIND_VLAN_LAYER, 1);
    *foe_entry_ib2(e) = FIELD_PREP(FOE_IB2_DEST_PORT, PSE_PORT_GMAC0);
    set_mac(&l2->dest_mac_hi, &l2->dest_mac_lo, host);
    set_mac(&l2->src_mac_hi, &l2->src_mac_lo, mac_router);
    l2->etype = BIT(n % 4);
    if (t->kind == UDP_IN) {
        e->ipv4.new = e->ipv4.orig;
        e->ipv4.new.dest_ip = 0x0a000000 | (n & 0xffff);
        e->ipv4.new.dest_port = 5000 + n % 1000;
    } else {
        l2->etype |= FOE_ETYPE_STAG_TPID_8100;
        l2->vlan1 = 100 + n % 4;
    }
}

static u32 build_frame(const struct tuple *t, u8 *f, u32 n)
{
    u8 host[6] = { 0x02, 0, 0, 0, 0x20, (u8)(n % 64) };
    bool v6 = t->kind == V6_IN;
    bool out = t->kind == TCP_OUT || t->kind == UDP_OUT;
    u32 l4len = (t->proto == IPPROTO_TCP_ ? 20 : 8) + 18, off, i;
    u8 *ip, *l4;

    memcpy(f, out ? mac_router : mac_router, 6);
    memcpy(f + 6, out ? host : mac_wangw, 6);
    put_be16(f + 12, v6 ? ETH_P_IPV6 : ETH_P_IP);
    ip = f + 14;
    if (v6) {
        memset(ip, 0, 40);
        ip[0] = 0x60;
        put_be16(ip + 4, l4len);
        ip[6] = t->proto;
        ip[7] = 64;
        for (i = 0; i < 4; i++) {
            put_be32(ip + 8 + 4 * i, t->src[i]);
            put_be32(ip + 24 + 4 * i, t->dst[i]);
        }
        off = 40;
    } else {
        memset(ip, 0, 20);
        ip[0] = 0x45;
        put_be16(ip + 2, 20 + l4len);
        ip[8] = 64;
        ip[9] = t->proto;
        put_be16(ip + 10, 0x1234);
        put_be32(ip + 12, t->src[0]);
        put_be32(ip + 16, t->dst[0]);
        off = 20;
    }
    l4 = ip + off;
    memset(l4, 0x5a, l4len);
    put_be16(l4, t->sport);
    put_be16(l4 + 2, t->dport);
    if (t->proto == IPPROTO_TCP_) {
        l4[12] = 5 << 4;
        l4[13] = 0x10;
    } else {
        put_be16(l4 + 4, l4len);
    }
    return 14 + off + l4len;
}

static enum kind pick_kind(u32 left[4])
{
    u32 total = left[0] + left[1] + left[2] + left[3], r = rnd() % total;
    int k;

    for (k = 0; k < 4; k++) {
        if (r < left[k]) {
            return (enum kind)k;
        }
        r -= left[k];
    }
    return TCP_OUT;
}

/* Fill every way of the table, each flow in its own bucket's free way */
static void make_flows(void)
{
    u32 left[4] = { NFLOWS * 7 / 10, NFLOWS / 10, NFLOWS / 10, 0 };
    struct foe_entry *tb = (struct foe_entry *)ram;
    u32 n = 0, tries = 0;

    left[V6_IN] = NFLOWS - left[0] - left[1] - left[2];
    while (n < NFLOWS && tries++ < 50000000) {
        struct tuple t;
        struct foe_entry e;
        u32 b, w;

        rand_tuple(&t, pick_kind(left));
        key_of(&t, &e);
        b = foe_hash(&e);
        for (w = 0; w < FOE_BUCKET_WAYS; w++) {
            if (!foe_entry_state(&tb[b + w])) {
                break;
            }
        }
        if (w == FOE_BUCKET_WAYS) {
            continue;
        }
        bind_of(&t, &e, n);
        tb[b + w] = e;
        left[t.kind]--;
        flows[n].wire = (t.kind == TCP_OUT || t.kind == UDP_OUT) ?
                        FSW_WIRE_LAN1 + n % 4 : FSW_WIRE_WAN;
        flows[n].len = build_frame(&t, flows[n].frame, n);
        n++;
    }
    if (n < NFLOWS) {
        fprintf(stderr, "only %u flows placed\n", n);
        exit(1);
    }
}

static double clock_s(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double now(void)
{
    return clock_s(CLOCK_MONOTONIC);
}

int main(int argc, char **argv)
{
    u64 frames = argc > 1 ? strtoull(argv[1], NULL, 0) : 20000000;
    struct flow *ring = calloc(NFLOWS, sizeof(*ring));
    u64 i;
    double t0, t1, c0, c1;
    u32 j;

    ram = calloc(1, RAM_SIZE);
    flows = calloc(NFLOWS, sizeof(*flows));
    if (!ram || !flows || !ring) {
        return 1;
    }
    setup();
    make_flows();
    for (j = 0; j < NFLOWS; j++) {
        ring[j] = flows[j];
    }
    for (j = NFLOWS - 1; j > 0; j--) {     /* shuffle: no cache friendliness */
        u32 k = rnd() % (j + 1);
        struct flow tmp = ring[j];

        ring[j] = ring[k];
        ring[k] = tmp;
    }
    /* warm up: learn the LAN hosts */
    for (j = 0; j < NFLOWS; j++) {
        fsw_wire_receive(&core, flows[j].wire, flows[j].frame, flows[j].len);
    }
    tx_frames = 0;
    c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    t0 = now();
    for (i = 0; i < frames; i++) {
        const struct flow *f = &ring[i % NFLOWS];

        fsw_wire_receive(&core, f->wire, f->frame, f->len);
    }
    t1 = now();
    c1 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    if (tx_frames != frames) {
        fprintf(stderr, "only %llu of %llu frames forwarded\n",
                (unsigned long long)tx_frames, (unsigned long long)frames);
        return 1;
    }
    printf("flows: %u frames: %llu seconds: %.3f\n", NFLOWS,
           (unsigned long long)frames, t1 - t0);
    /* CPU time tells what the core costs when the machine is shared */
    printf("ppe_fastpath_cpu_mpps: %.2f\n", frames / (c1 - c0) / 1e6);
    printf("ppe_fastpath_mpps: %.2f\n", frames / (t1 - t0) / 1e6);
    return 0;
}
