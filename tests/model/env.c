// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Test environment: fake guest RAM, wires and interrupt lines for the core,
 * driver-style register sequences and a frame generator.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "env.h"
#include "flowsw_int.h"

static struct env env_storage;
struct env *E = &env_storage;

const u8 MAC_ROUTER[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0xfe };
const u8 MAC_HOST1[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
const u8 MAC_HOST2[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };
const u8 MAC_WANGW[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x01 };

/* ---- fake machine ------------------------------------------------------- */

/*
 * The memory bus: the core's DMA and the test's "CPU" take turns on guest
 * RAM, as coherent memory would serialise them, so that a threaded test
 * shares descriptors with the core without a data race of its own making.
 */
static pthread_mutex_t bus = PTHREAD_MUTEX_INITIALIZER;

void env_bus_lock(void)
{
    pthread_mutex_lock(&bus);
}

void env_bus_unlock(void)
{
    pthread_mutex_unlock(&bus);
}

static bool in_ram(u64 addr, u32 len)
{
    return addr >= RAM_BASE && len <= RAM_SIZE &&
           addr - RAM_BASE <= RAM_SIZE - len;
}

static int fake_dma_read(void *opaque, u64 addr, void *buf, u32 len)
{
    (void)opaque;
    if (!in_ram(addr, len)) {
        return -1;
    }
    env_bus_lock();
    memcpy(buf, E->ram + (addr - RAM_BASE), len);
    env_bus_unlock();
    return 0;
}

static int fake_dma_write(void *opaque, u64 addr, const void *buf, u32 len)
{
    (void)opaque;
    if (!in_ram(addr, len)) {
        return -1;
    }
    env_bus_lock();
    memcpy(E->ram + (addr - RAM_BASE), buf, len);
    env_bus_unlock();
    return 0;
}

static int fake_dma_cmpxchg32(void *opaque, u64 addr, u32 old, u32 new)
{
    u32 *word;
    bool ok;

    (void)opaque;
    if ((addr & 3) || !in_ram(addr, sizeof(*word))) {
        return -1;
    }
    word = (u32 *)(E->ram + (addr - RAM_BASE));
    env_bus_lock();
    ok = __atomic_compare_exchange_n(word, &old, new, false,
                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    env_bus_unlock();
    return !ok;
}

static void fake_transmit(void *opaque, int wire, const u8 *buf, u32 len,
                          const struct fsw_gso *gso)
{
    u32 n = E->ntx[wire]++;

    (void)opaque;
    if (n < CAP_FRAMES) {
        E->caplen[wire][n] = len;
        memcpy(E->cap[wire][n], buf, len < CAP_BUF ? len : CAP_BUF);
        memset(&E->capgso[wire][n], 0, sizeof(E->capgso[wire][n]));
        if (gso) {
            E->capgso[wire][n] = *gso;
        }
    }
}

static void fake_set_irq(void *opaque, int line, bool level)
{
    (void)opaque;
    E->irq[line] = level;
}

static void fake_event(void *opaque, int ev, u32 a, u32 b, u32 c)
{
    (void)opaque;
    E->nevents[ev]++;
    E->ev_a[ev] = a;
    E->ev_b[ev] = b;
    E->ev_c[ev] = c;
}

static const struct fsw_core_ops fake_ops = {
    .dma_read = fake_dma_read,
    .dma_write = fake_dma_write,
    .dma_cmpxchg32 = fake_dma_cmpxchg32,
    .transmit = fake_transmit,
    .set_irq = fake_set_irq,
    .event = fake_event,
};

void env_setup(void)
{
    int w, i;

    if (!E->mem) {
        E->mem = malloc(RAM_SIZE + 2 * GUARD_SIZE);
        for (w = 0; w < FSW_NUM_WIRES; w++) {
            for (i = 0; i < CAP_FRAMES; i++) {
                E->cap[w][i] = malloc(CAP_BUF);
            }
        }
    }
    E->ram = E->mem + GUARD_SIZE;
    memset(E->mem, GUARD_BYTE, GUARD_SIZE);
    memset(E->ram, 0, RAM_SIZE);
    memset(E->ram + RAM_SIZE, GUARD_BYTE, GUARD_SIZE);
    memset(E->ntx, 0, sizeof(E->ntx));
    memset(E->irq, 0, sizeof(E->irq));
    memset(E->nevents, 0, sizeof(E->nevents));
    E->tx_idx = E->rx_idx = 0;
    fsw_core_init(&E->core, &fake_ops, NULL);
}

void env_teardown(void)
{
}

void env_check_guards(void)
{
    u32 i;

    for (i = 0; i < GUARD_SIZE; i++) {
        CHECK_EQ(E->mem[i], GUARD_BYTE);
        CHECK_EQ(E->ram[RAM_SIZE + i], GUARD_BYTE);
    }
}

u8 *gpa(u64 addr)
{
    CHECK(in_ram(addr, 1));
    return E->ram + (addr - RAM_BASE);
}

/* ---- wires -------------------------------------------------------------- */

bool wire_rx(int wire, const u8 *buf, u32 len)
{
    return fsw_wire_receive(&E->core, wire, buf, len);
}

const u8 *wire_frame(int wire, u32 i, u32 *len)
{
    CHECK(i < E->ntx[wire] && i < CAP_FRAMES);
    *len = E->caplen[wire][i];
    return E->cap[wire][i];
}

const u8 *wire_last(int wire, u32 *len)
{
    CHECK(E->ntx[wire] > 0);
    return wire_frame(wire, E->ntx[wire] - 1, len);
}

void wire_clear(void)
{
    memset(E->ntx, 0, sizeof(E->ntx));
}

u32 wire_total(void)
{
    u32 n = 0;
    int w;

    for (w = 0; w < FSW_NUM_WIRES; w++) {
        n += E->ntx[w];
    }
    return n;
}

/* ---- PDMA --------------------------------------------------------------- */

static struct flowsw_dma_desc *desc(u64 ring, u32 idx)
{
    return (struct flowsw_dma_desc *)gpa(ring + idx * DMA_DESC_SIZE);
}

void pdma_setup(void)
{
    u32 i;

    for (i = 0; i < RING_SIZE; i++) {
        struct flowsw_dma_desc *d = desc(RX_RING, i);
        u64 buf = RX_BUFS + (u64)i * BUF_STRIDE;

        d->buf_lo = (u32)buf;
        d->buf_hi = (u32)(buf >> 32);
        d->ctrl = FIELD_PREP(DESC_CTRL_LEN, RX_BUF_SIZE);
        d->info = 0;
    }
    fe_wr(PDMA_TX_BASE_LO, (u32)TX_RING);
    fe_wr(PDMA_TX_BASE_HI, (u32)(TX_RING >> 32));
    fe_wr(PDMA_TX_MAX_CNT, RING_SIZE);
    fe_wr(PDMA_TX_CPU_IDX, 0);
    fe_wr(PDMA_RX_BASE_LO, (u32)RX_RING);
    fe_wr(PDMA_RX_BASE_HI, (u32)(RX_RING >> 32));
    fe_wr(PDMA_RX_MAX_CNT, RING_SIZE);
    fe_wr(PDMA_RX_CPU_IDX, RING_SIZE - 1);
    E->tx_idx = 0;
    E->rx_idx = RING_SIZE - 1;
    fe_wr(PDMA_GLO_CFG, PDMA_GLO_TX_DMA_EN | PDMA_GLO_RX_DMA_EN);
}

void pdma_send(u32 fport, const u8 *buf, u32 len)
{
    struct flowsw_dma_desc *d = desc(TX_RING, E->tx_idx);
    u64 a = TX_BUFS + (u64)E->tx_idx * BUF_STRIDE;

    env_bus_lock();
    memcpy(gpa(a), buf, len);
    d->buf_lo = (u32)a;
    d->buf_hi = (u32)(a >> 32);
    d->ctrl = FIELD_PREP(DESC_CTRL_LEN, len) | DESC_CTRL_LS;
    d->info = FIELD_PREP(TXD_INFO_FPORT, fport);
    env_bus_unlock();
    E->tx_idx = (E->tx_idx + 1) % RING_SIZE;
    fe_wr(PDMA_TX_CPU_IDX, E->tx_idx);
}

bool rx_pop(struct rx_frame *r)
{
    u32 idx = (E->rx_idx + 1) % RING_SIZE;
    struct flowsw_dma_desc *d = desc(RX_RING, idx);

    env_bus_lock();
    if (!(d->ctrl & DESC_CTRL_DDONE)) {
        env_bus_unlock();
        return false;
    }
    r->len = FIELD_GET(DESC_CTRL_LEN, d->ctrl);
    if (r->len > RX_BUF_SIZE) {
        env_bus_unlock();
        CHECK(r->len <= RX_BUF_SIZE);
    }
    memcpy(r->buf, gpa(fsw_addr64(d->buf_lo, d->buf_hi)), r->len);
    r->foe = FIELD_GET(RXD_INFO_FOE_ENTRY, d->info);
    r->reason = FIELD_GET(RXD_INFO_CRSN, d->info);
    r->sport = FIELD_GET(RXD_INFO_SPORT, d->info);
    d->ctrl = FIELD_PREP(DESC_CTRL_LEN, RX_BUF_SIZE);
    d->info = 0;
    env_bus_unlock();
    E->rx_idx = idx;
    fe_wr(PDMA_RX_CPU_IDX, idx);
    return true;
}

u32 rx_drain(void)
{
    static struct rx_frame r;
    u32 n = 0;

    while (rx_pop(&r)) {
        n++;
    }
    return n;
}

/* ---- switch ------------------------------------------------------------- */

/* A plain bridge of lan1..lan4 and the CPU port */
void sw_setup(void)
{
    int p;

    for (p = 0; p < SW_NUM_USER_PORTS; p++) {
        sw_wr(SW_PCR(p), SW_PCR_ENABLE | SW_PCR_LEARN |
              FIELD_PREP(SW_PCR_STP, SW_STP_FORWARDING));
        sw_wr(SW_PMATRIX(p), (0xf & ~BIT(p)) | BIT(SW_CPU_PORT));
        sw_wr(SW_PVID(p), 1);
    }
    sw_wr(SW_PCR(SW_CPU_PORT), SW_PCR_ENABLE |
          FIELD_PREP(SW_PCR_STP, SW_STP_FORWARDING));
    sw_wr(SW_PMATRIX(SW_CPU_PORT), 0xf);
}

void sw_vlan_write(u16 vid, u32 members, u32 untagged)
{
    sw_wr(SW_VLAN_DATA0, members | SW_VLAN_DATA0_VALID);
    sw_wr(SW_VLAN_DATA1, untagged);
    sw_wr(SW_VLAN_CMD, vid | FIELD_PREP(SW_VLAN_CMD_OP, SW_VLAN_OP_WRITE) |
          SW_VLAN_CMD_BUSY);
    CHECK(!(sw_rd(SW_VLAN_CMD) & SW_VLAN_CMD_BUSY));
}

static void fdb_load(const u8 *mac, u16 fid)
{
    sw_wr(SW_FDB_MAC_HI, get_be32(mac));
    sw_wr(SW_FDB_MAC_LO, FIELD_PREP(SW_FDB_MAC_LO_ADDR, get_be16(mac + 4)) |
          fid);
}

void fdb_write(const u8 *mac, u16 fid, u32 ports, bool is_static)
{
    fdb_load(mac, fid);
    sw_wr(SW_FDB_DATA, ports | (is_static ? SW_FDB_DATA_STATIC : 0));
    sw_wr(SW_FDB_CMD, SW_FDB_OP_WRITE | SW_FDB_CMD_BUSY);
    CHECK(!(sw_rd(SW_FDB_CMD) & SW_FDB_CMD_BUSY));
    CHECK(sw_rd(SW_FDB_CMD) & SW_FDB_CMD_FOUND);
}

bool fdb_read(const u8 *mac, u16 fid, u32 *data)
{
    fdb_load(mac, fid);
    sw_wr(SW_FDB_CMD, SW_FDB_OP_READ | SW_FDB_CMD_BUSY);
    CHECK(!(sw_rd(SW_FDB_CMD) & SW_FDB_CMD_BUSY));
    *data = sw_rd(SW_FDB_DATA);
    return sw_rd(SW_FDB_CMD) & SW_FDB_CMD_FOUND;
}

/* ---- PPE ---------------------------------------------------------------- */

void ppe_setup(u32 bind_rate)
{
    fe_wr(PPE_TB_BASE_LO, (u32)FOE_TB);
    fe_wr(PPE_TB_BASE_HI, (u32)(FOE_TB >> 32));
    fe_wr(PPE_MIB_TB_BASE_LO, (u32)MIB_TB);
    fe_wr(PPE_MIB_TB_BASE_HI, (u32)(MIB_TB >> 32));
    fe_wr(PPE_FLOW_CFG, PPE_FLOW_CFG_IP4_HNAPT | PPE_FLOW_CFG_IP6_5T);
    fe_wr(PPE_TB_CFG, TB_CFG_16K);
    fe_wr(PPE_BIND_RATE, bind_rate);
    fe_wr(PPE_MIB_CFG, PPE_MIB_CFG_EN);
    fe_wr(PPE_CACHE_CTL, PPE_CACHE_CTL_EN | PPE_CACHE_CTL_CLEAR);
    fe_wr(PPE_CACHE_CTL, PPE_CACHE_CTL_EN);
    fe_wr(PPE_GLO_CFG, PPE_GLO_CFG_EN);
    fe_wr(GDM_FWD_CFG(0), PSE_PORT_PPE);
    fe_wr(GDM_FWD_CFG(1), PSE_PORT_PPE);
}

struct foe_entry *foe_at(u32 idx)
{
    CHECK(idx < FOE_ENTRIES);
    return (struct foe_entry *)gpa(FOE_TB + (u64)idx * FOE_ENTRY_SIZE);
}

void cache_clear(void)
{
    fe_wr(PPE_CACHE_CTL, fe_rd(PPE_CACHE_CTL) | PPE_CACHE_CTL_CLEAR);
    fe_wr(PPE_CACHE_CTL, fe_rd(PPE_CACHE_CTL) & ~PPE_CACHE_CTL_CLEAR);
}

/* Write an entry as the driver does: everything but ib1, then ib1 */
void foe_commit(u32 idx, const struct foe_entry *e)
{
    struct foe_entry *m = foe_at(idx);

    env_bus_lock();
    memcpy(&m->data[1], &e->data[1], FOE_ENTRY_SIZE - 4);
    __atomic_store_n(&m->ib1, e->ib1, __ATOMIC_RELEASE);
    env_bus_unlock();
    cache_clear();
}

void mib_ser(u32 idx, u64 *bytes, u64 *pkts)
{
    u32 r1, r2;

    fe_wr(PPE_MIB_SER_CR, PPE_MIB_SER_CR_START | idx);
    CHECK(!(fe_rd(PPE_MIB_SER_CR) & PPE_MIB_SER_CR_START));
    r1 = fe_rd(PPE_MIB_SER_R1);
    r2 = fe_rd(PPE_MIB_SER_R2);
    *bytes = fe_rd(PPE_MIB_SER_R0) |
             (u64)FIELD_GET(PPE_MIB_SER_R1_BYTES_HI, r1) << 32;
    *pkts = FIELD_GET(PPE_MIB_SER_R1_PKTS_LO, r1) |
            (u64)FIELD_GET(PPE_MIB_SER_R2_PKTS_HI, r2) << 16;
}

/* ---- frames ------------------------------------------------------------- */

void pkt_v4(struct pkt *p, u8 proto)
{
    memset(p, 0, sizeof(*p));
    memcpy(p->dmac, MAC_ROUTER, 6);
    memcpy(p->smac, MAC_HOST1, 6);
    p->src[0] = 0x0a000002;     /* 10.0.0.2 */
    p->dst[0] = 0xc6336407;     /* 198.51.100.7 */
    p->proto = proto;
    p->sport = 40000;
    p->dport = 80;
    p->ttl = 64;
    p->paylen = 32;
    p->tcp_flags = 0x10;        /* ACK */
}

void pkt_v6(struct pkt *p, u8 proto)
{
    pkt_v4(p, proto);
    p->ipv6 = 1;
    p->src[0] = 0x20010db8;     /* 2001:db8::2 */
    p->src[3] = 2;
    p->dst[0] = 0x20010db8;     /* 2001:db8:1::7 */
    p->dst[1] = 0x00010000;
    p->dst[3] = 7;
}

static u32 sum16(const u8 *b, u32 len, u32 s)
{
    while (len > 1) {
        s += get_be16(b);
        b += 2;
        len -= 2;
    }
    if (len) {
        s += b[0] << 8;
    }
    return s;
}

static u16 fold(u32 s)
{
    while (s >> 16) {
        s = (s & 0xffff) + (s >> 16);
    }
    return (u16)~s;
}

static u32 pseudo_sum(const u8 *ip, bool ipv6, u32 l4len, u8 proto)
{
    u32 s = proto + l4len;

    if (ipv6) {
        return sum16(ip + 8, 32, s);
    }
    return sum16(ip + 12, 8, s);
}

u32 pkt_l3_off(const struct pkt *p)
{
    return 12 + 4 * p->nvlan + (p->pppoe ? 8 : 0) + 2;
}

static u32 l4_build(u8 *l4, const struct pkt *p)
{
    u32 hl = p->proto == IPPROTO_TCP_ ? 20 : 8, i;

    memset(l4, 0, hl);
    if (p->proto == IPPROTO_TCP_ || p->proto == IPPROTO_UDP_) {
        put_be16(l4, p->sport);
        put_be16(l4 + 2, p->dport);
    }
    if (p->proto == IPPROTO_TCP_) {
        put_be32(l4 + 4, 0x11223344);
        l4[12] = 5 << 4;
        l4[13] = p->tcp_flags;
        put_be16(l4 + 14, 0xffff);
    } else if (p->proto == IPPROTO_UDP_) {
        put_be16(l4 + 4, 8 + p->paylen);
    }
    for (i = 0; i < p->paylen; i++) {
        l4[hl + i] = (u8)(i * 7 + 3);
    }
    return hl + p->paylen;
}

static void l4_csum(u8 *ip, u8 *l4, u32 l4len, const struct pkt *p)
{
    u32 coff = p->proto == IPPROTO_TCP_ ? 16 : 6;
    u16 c;

    if ((p->proto != IPPROTO_TCP_ && p->proto != IPPROTO_UDP_) ||
        (p->proto == IPPROTO_UDP_ && p->udp_nocsum)) {
        return;
    }
    c = fold(sum16(l4, l4len, pseudo_sum(ip, p->ipv6, l4len, p->proto)));
    put_be16(l4 + coff, c == 0 && p->proto == IPPROTO_UDP_ ? 0xffff : c);
}

static u32 ip_build(u8 *ip, const struct pkt *p)
{
    u32 ihl = p->ipv6 ? 40 : 20 + 4 * p->opt_words, l4len, i;
    u8 *l4 = ip + ihl;

    l4len = l4_build(l4, p);
    if (p->ipv6) {
        put_be32(ip, 0x60000000);
        put_be16(ip + 4, l4len);
        ip[6] = p->proto;
        ip[7] = p->ttl;
        for (i = 0; i < 4; i++) {
            put_be32(ip + 8 + 4 * i, p->src[i]);
            put_be32(ip + 24 + 4 * i, p->dst[i]);
        }
    } else {
        ip[0] = 0x40 | ihl / 4;
        ip[1] = 0;
        put_be16(ip + 2, ihl + l4len);
        put_be16(ip + 4, 0x1234);
        put_be16(ip + 6, p->frag);
        ip[8] = p->ttl;
        ip[9] = p->proto;
        put_be16(ip + 10, 0);
        put_be32(ip + 12, p->src[0]);
        put_be32(ip + 16, p->dst[0]);
        memset(ip + 20, 1, ihl - 20);   /* NOP options */
        put_be16(ip + 10, fold(sum16(ip, ihl, 0)));
    }
    l4_csum(ip, l4, l4len, p);
    return ihl + l4len;
}

u32 pkt_build(u8 *buf, const struct pkt *p)
{
    u32 off = 12, iplen;
    int i;

    memcpy(buf, p->dmac, 6);
    memcpy(buf + 6, p->smac, 6);
    for (i = 0; i < p->nvlan; i++, off += 4) {
        put_be16(buf + off, p->tpid[i] ? p->tpid[i] : ETH_P_8021Q);
        put_be16(buf + off + 2, p->tci[i]);
    }
    if (p->pppoe) {
        put_be16(buf + off, ETH_P_PPP_SES);
        buf[off + 2] = 0x11;
        buf[off + 3] = 0;
        put_be16(buf + off + 4, p->sid);
        put_be16(buf + off + 8, p->ipv6 ? PPP_IPV6 : PPP_IP);
        iplen = ip_build(buf + off + 10, p);
        put_be16(buf + off + 6, iplen + 2);
        return off + 10 + iplen;
    }
    put_be16(buf + off, p->ipv6 ? ETH_P_IPV6 : ETH_P_IP);
    return off + 2 + ip_build(buf + off + 2, p);
}

bool ipv4_csum_ok(const u8 *ip)
{
    return fold(sum16(ip, (ip[0] & 0xf) * 4, 0)) == 0;
}

/* Recompute the TCP/UDP checksum from scratch */
bool l4_csum_ok(const u8 *ip, bool ipv6)
{
    u32 ihl = ipv6 ? 40 : (ip[0] & 0xf) * 4;
    u32 l4len = ipv6 ? get_be16(ip + 4) : get_be16(ip + 2) - ihl;
    u8 proto = ip[ipv6 ? 6 : 9];

    if (proto == IPPROTO_UDP_ && get_be16(ip + ihl + 6) == 0) {
        return true;
    }
    return fold(sum16(ip + ihl, l4len, pseudo_sum(ip, ipv6, l4len, proto))) == 0;
}

/*
 * What a host's TSO leaves in the TCP checksum of a GSO frame: the
 * uncomplemented pseudo-header sum (virtio's NEEDS_CSUM).
 */
u16 tcp_partial_csum(const u8 *ip, bool ipv6)
{
    u32 ihl = ipv6 ? 40 : (ip[0] & 0xf) * 4;
    u32 l4len = ipv6 ? get_be16(ip + 4) : get_be16(ip + 2) - ihl;

    return (u16)~fold(pseudo_sum(ip, ipv6, l4len, IPPROTO_TCP_));
}
