/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * flowsw model core: the PPE (packet processing engine).
 *
 * The FOE table lives in guest memory; the PPE reads a bucket of
 * FOE_BUCKET_WAYS entries per lookup, through a small bucket cache when
 * PPE_CACHE_CTL_EN is set.  The cache is only refilled on a miss and only
 * emptied by PPE_CACHE_CTL_CLEAR, so, as on MediaTek hardware, a driver that
 * rewrites an entry without clearing the cache keeps seeing the old one.
 * Every write the PPE itself makes goes to memory and to the cached copy.
 *
 * Choices where MediaTek documentation is silent:
 *  - IPv4 TCP/UDP uses HNAPT when enabled, else ROUTE; other IPv4 protocols
 *    use ROUTE when enabled, else CPU_REASON_NOT_TCP_UDP.  IPv6 TCP/UDP uses
 *    5T, else 3T; anything else in IPv6 is NOT_TCP_UDP.
 *  - Entries match on packet type and original tuple (HNAPT/5T: addresses,
 *    ports and ib1 UDP, so TCP and UDP flows with equal ports are apart, as
 *    the MediaTek driver assumes; ROUTE/3T: addresses and the port word,
 *    FOE_ROUTE_PORTS_PAD | protocol, as mtk_foe_entry_prepare() pads it).
 *  - An entry ages when its idle time (now - timestamp, 8 bits) is greater
 *    than its delta; deltas above 255 therefore never age.
 *  - MIB bytes count the frame as it reached the PPE (special tag included).
 *  - A BIND entry whose destination is PSE_PORT_CPU delivers the rewritten
 *    frame with its index and CPU_REASON_NONE.
 *  - At most two pushed L2 layers are built (vlan1, vlan2); the inner
 *    ethertype follows from the packet type and ib1 PPPOE, not l2.etype.
 */
#include "flowsw_int.h"

#define FOE_TS_MASK             0xff
#define FOE_UNBIND_MAX          (FOE_IB1_UNBIND_PACKETS >> 8)
#define MIB_BYTES_MASK          ((1ULL << 48) - 1)
#define MIB_PKTS_MASK           ((1ULL << 40) - 1)

static u64 tb_base(struct fsw_core *c)
{
    return fsw_addr64(c->ppe.tb_base_lo, c->ppe.tb_base_hi);
}

static u64 mib_addr(struct fsw_core *c, u32 idx)
{
    return fsw_addr64(c->ppe.mib_base_lo, c->ppe.mib_base_hi) +
           (u64)idx * FOE_MIB_ENTRY_SIZE;
}

static u32 now_ts(struct fsw_core *c)
{
    return c->now_s & FOE_TS_MASK;
}

static u32 idle_age(struct fsw_core *c, u32 ib1)
{
    return (c->now_s - FIELD_GET(FOE_IB1_TIMESTAMP, ib1)) & FOE_TS_MASK;
}

/* ---- table access ------------------------------------------------------- */

static u32 cache_slot(u32 bucket)
{
    return (bucket / FOE_BUCKET_WAYS) % FSW_CACHE_SLOTS;
}

/* The cached ways of @bucket, NULL if the cache does not hold it */
static struct foe_entry *cache_ways(struct fsw_core *c, u32 bucket)
{
    u32 slot = cache_slot(bucket);

    return c->ppe.cache_tag[slot] == bucket + 1 ? c->ppe.cache[slot] : NULL;
}

static void cache_clear(struct fsw_core *c)
{
    memset(c->ppe.cache_tag, 0, sizeof(c->ppe.cache_tag));
    fsw_event(c, FSW_EV_CACHE_CLEAR, 0, 0, 0);
}

/*
 * The ways of @bucket: the cached copy, or read into @tmp without the
 * cache.  NULL (and FE_DMA_ERR_FOE_TABLE) if the table is unreachable.
 */
static struct foe_entry *bucket_get(struct fsw_core *c, u32 bucket,
                                    struct foe_entry *tmp)
{
    u64 a = tb_base(c) + (u64)bucket * FOE_ENTRY_SIZE;
    u32 size = FOE_BUCKET_WAYS * FOE_ENTRY_SIZE, slot = cache_slot(bucket);
    struct foe_entry *ways;

    if (!(c->ppe.cache_ctl & PPE_CACHE_CTL_EN)) {
        if (c->ops->dma_read(c->opaque, a, tmp, size)) {
            fsw_dma_error(c, FE_DMA_ERR_FOE_TABLE, a);
            return NULL;
        }
        return tmp;
    }
    ways = cache_ways(c, bucket);
    if (ways) {
        return ways;
    }
    c->ppe.cache_tag[slot] = 0;
    if (c->ops->dma_read(c->opaque, a, c->ppe.cache[slot], size)) {
        fsw_dma_error(c, FE_DMA_ERR_FOE_TABLE, a);
        return NULL;
    }
    c->ppe.cache_tag[slot] = bucket + 1;
    return c->ppe.cache[slot];
}

/* Write @len bytes at @off of entry @idx to memory and the cached copy. */
static bool entry_write(struct fsw_core *c, u32 idx, u32 off, const void *data,
                        u32 len)
{
    u64 a = tb_base(c) + (u64)idx * FOE_ENTRY_SIZE + off;
    u32 bucket = idx & ~(FOE_BUCKET_WAYS - 1);
    struct foe_entry *ways = cache_ways(c, bucket);

    if (c->ops->dma_write(c->opaque, a, data, len)) {
        fsw_dma_error(c, FE_DMA_ERR_FOE_TABLE, a);
        return false;
    }
    if (ways) {
        memcpy((u8 *)&ways[idx - bucket] + off, data, len);
    }
    return true;
}

/*
 * Replace ib1 of entry @idx with @ib1, only if guest memory still holds
 * @seen, the ib1 the PPE's decision was made on.  The driver writes entries
 * while the PPE runs and clears the cache after: a stale copy must never be
 * written back over what it wrote (a lost BIND, or an invalidated entry
 * coming back as FIN).  On a mismatch the bucket's cached copy is dropped,
 * so the next lookup reads what the driver wrote.
 */
static bool ib1_update(struct fsw_core *c, u32 idx, u32 seen, u32 ib1)
{
    u64 a = tb_base(c) + (u64)idx * FOE_ENTRY_SIZE;
    u32 bucket = idx & ~(FOE_BUCKET_WAYS - 1);
    struct foe_entry *ways = cache_ways(c, bucket);
    int ret = c->ops->dma_cmpxchg32(c->opaque, a, seen, ib1);

    if (ret < 0) {
        fsw_dma_error(c, FE_DMA_ERR_FOE_TABLE, a);
        return false;
    }
    if (ways) {
        if (ret == 0) {
            ways[idx - bucket].ib1 = ib1;
        } else {
            c->ppe.cache_tag[cache_slot(bucket)] = 0;
        }
    }
    if (ret > 0) {
        fsw_event(c, FSW_EV_FOE_STALE, idx, seen, 0);
    }
    return ret == 0;
}

/* ---- MIB ---------------------------------------------------------------- */

static bool mib_read(struct fsw_core *c, u32 idx, struct foe_mib_entry *m)
{
    u64 a = mib_addr(c, idx);

    if (c->ops->dma_read(c->opaque, a, m, sizeof(*m))) {
        fsw_dma_error(c, FE_DMA_ERR_MIB_TABLE, a);
        return false;
    }
    return true;
}

static bool mib_write(struct fsw_core *c, u32 idx,
                      const struct foe_mib_entry *m)
{
    u64 a = mib_addr(c, idx);

    if (c->ops->dma_write(c->opaque, a, m, sizeof(*m))) {
        fsw_dma_error(c, FE_DMA_ERR_MIB_TABLE, a);
        return false;
    }
    return true;
}

/*
 * Add a frame of @len IP bytes, or all segments of a GSO frame, if the MIB
 * is on and entry @ib2 asks for it (MIB_CNT, as MediaTek's ib2 does)
 */
static bool mib_count(struct fsw_core *c, u32 idx, u32 ib2, u32 len)
{
    struct foe_mib_entry m;
    u64 bytes, pkts;

    if (!(c->ppe.mib_cfg & PPE_MIB_CFG_EN) || !(ib2 & FOE_IB2_MIB_CNT)) {
        return true;
    }
    if (!mib_read(c, idx, &m)) {
        return false;
    }
    bytes = m.bytes_lo | (u64)FIELD_GET(PPE_MIB_SER_R1_BYTES_HI, m.r1) << 32;
    pkts = FIELD_GET(PPE_MIB_SER_R1_PKTS_LO, m.r1) |
           (u64)FIELD_GET(PPE_MIB_SER_R2_PKTS_HI, m.r2) << 16;
    bytes = (bytes + fsw_frame_bytes(c, len)) & MIB_BYTES_MASK;
    pkts = (pkts + fsw_frame_segs(c)) & MIB_PKTS_MASK;
    m.bytes_lo = (u32)bytes;
    m.r1 = FIELD_PREP(PPE_MIB_SER_R1_BYTES_HI, bytes >> 32) |
           FIELD_PREP(PPE_MIB_SER_R1_PKTS_LO, pkts);
    m.r2 = FIELD_PREP(PPE_MIB_SER_R2_PKTS_HI, pkts >> 16);
    return mib_write(c, idx, &m);
}

static void mib_ser_read(struct fsw_core *c, u32 val)
{
    struct fsw_ppe *ppe = &c->ppe;
    u32 idx = FIELD_GET(PPE_MIB_SER_CR_ENTRY, val);
    struct foe_mib_entry m = { 0 };

    ppe->mib_ser_cr = idx;
    if (!(val & PPE_MIB_SER_CR_START)) {
        return;
    }
    if (!mib_read(c, idx, &m)) {
        memset(&m, 0, sizeof(m));
    } else if (ppe->mib_cfg & PPE_MIB_CFG_RD_CLR) {
        struct foe_mib_entry zero = { 0 };

        mib_write(c, idx, &zero);
    }
    ppe->mib_ser_r[0] = m.bytes_lo;
    ppe->mib_ser_r[1] = m.r1;
    ppe->mib_ser_r[2] = m.r2 & PPE_MIB_SER_R2_PKTS_HI;
}

/* ---- lookup key --------------------------------------------------------- */

/*
 * Fill ib1 (type, UDP) and the original tuple of @key from the parsed
 * packet.  Only the words foe_hash() and key_match() look at are set.
 */
static u32 build_key(struct fsw_core *c, const struct fsw_pkt *p,
                     struct foe_entry *key)
{
    bool l4 = p->proto == IPPROTO_TCP_ || p->proto == IPPROTO_UDP_;
    u32 cfg = c->ppe.flow_cfg, type, ports;
    bool ported;

    if (!p->ipv6) {
        if (l4 && (cfg & PPE_FLOW_CFG_IP4_HNAPT)) {
            type = FOE_PKT_TYPE_IPV4_HNAPT;
        } else if (cfg & PPE_FLOW_CFG_IP4_ROUTE) {
            type = FOE_PKT_TYPE_IPV4_ROUTE;
        } else {
            return l4 ? CPU_REASON_NO_FLOW : CPU_REASON_NOT_TCP_UDP;
        }
    } else if (cfg & PPE_FLOW_CFG_IP6_5T) {
        type = FOE_PKT_TYPE_IPV6_ROUTE_5T;
    } else if (cfg & PPE_FLOW_CFG_IP6_3T) {
        type = FOE_PKT_TYPE_IPV6_ROUTE_3T;
    } else {
        return CPU_REASON_NO_FLOW;
    }

    ported = type == FOE_PKT_TYPE_IPV4_HNAPT ||
             type == FOE_PKT_TYPE_IPV6_ROUTE_5T;
    ports = ported ? p->dport | (u32)p->sport << 16
                   : FOE_ROUTE_PORTS_PAD | p->proto;
    key->ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, type);
    if (ported && p->proto == IPPROTO_UDP_) {
        key->ib1 |= FOE_IB1_UDP;
    }
    if (foe_type_is_ipv6(type)) {
        memcpy(key->ipv6.src_ip, p->src, sizeof(key->ipv6.src_ip));
        memcpy(key->ipv6.dest_ip, p->dst, sizeof(key->ipv6.dest_ip));
        key->ipv6.ports = ports;
    } else {
        key->ipv4.orig.src_ip = p->src[0];
        key->ipv4.orig.dest_ip = p->dst[0];
        key->ipv4.orig.ports = ports;
    }
    return FSW_PARSE_OK;
}

static bool key_match(const struct foe_entry *e, const struct foe_entry *key)
{
    u32 type = foe_entry_type(key);

    if (foe_entry_state(e) == FOE_STATE_INVALID || foe_entry_type(e) != type) {
        return false;
    }
    if ((type == FOE_PKT_TYPE_IPV4_HNAPT ||
         type == FOE_PKT_TYPE_IPV6_ROUTE_5T) &&
        ((e->ib1 ^ key->ib1) & FOE_IB1_UDP)) {
        return false;
    }
    switch (type) {
    case FOE_PKT_TYPE_IPV4_HNAPT:
        return !memcmp(&e->ipv4.orig, &key->ipv4.orig, sizeof(e->ipv4.orig));
    case FOE_PKT_TYPE_IPV4_ROUTE:
        return e->ipv4.orig.src_ip == key->ipv4.orig.src_ip &&
               e->ipv4.orig.dest_ip == key->ipv4.orig.dest_ip &&
               e->ipv4.orig.ports == key->ipv4.orig.ports;
    case FOE_PKT_TYPE_IPV6_ROUTE_5T:
        return !memcmp(e->ipv6.src_ip, key->ipv6.src_ip, 36);
    default:
        return !memcmp(e->ipv6.src_ip, key->ipv6.src_ip, 32) &&
               e->ipv6.ports == key->ipv6.ports;
    }
}

/* ---- reports to the CPU ------------------------------------------------- */

struct ppe_frame {
    int sport;
    const u8 *buf;
    u32 len;
    struct fsw_pkt pkt;
};

static void to_cpu(struct fsw_core *c, const struct ppe_frame *f, u32 idx,
                   u32 reason)
{
    fsw_pdma_rx(c, f->buf, f->len, idx, reason,
                f->sport == PSE_PORT_CPU ? PSE_PORT_CPU : f->sport);
}

static u32 bind_threshold(struct fsw_core *c)
{
    u32 t = FIELD_GET(PPE_BIND_RATE_THRESHOLD, c->ppe.bind_rate);

    return t ? t : 1;
}

/* ---- learning ----------------------------------------------------------- */

/* The way a new flow takes: the first INVALID one, else the oldest UNBIND */
static int learn_way(struct fsw_core *c, const struct foe_entry *ways)
{
    int i, best = -1;
    u32 best_age = 0;

    for (i = 0; i < FOE_BUCKET_WAYS; i++) {
        if (foe_entry_state(&ways[i]) == FOE_STATE_INVALID) {
            return i;
        }
    }
    for (i = 0; i < FOE_BUCKET_WAYS; i++) {
        u32 age = idle_age(c, ways[i].ib1);

        if (foe_entry_state(&ways[i]) == FOE_STATE_UNBIND &&
            (best < 0 || age > best_age)) {
            best = i;
            best_age = age;
        }
    }
    return best;
}

static void ppe_learn(struct fsw_core *c, const struct ppe_frame *f,
                      u32 bucket, const struct foe_entry *ways,
                      const struct foe_entry *key)
{
    struct foe_entry e;
    int way = learn_way(c, ways);
    u32 idx = bucket + way;

    c->ppe.miss_cnt++;
    if (way < 0) {
        to_cpu(c, f, RXD_FOE_ENTRY_NONE, CPU_REASON_BUCKET_FULL);
        return;
    }
    memset(&e, 0, sizeof(e));
    memcpy(&e, key, foe_type_is_ipv6(foe_entry_type(key)) ? 40 : 16);
    e.ib1 = (key->ib1 & (FOE_IB1_PACKET_TYPE | FOE_IB1_UDP)) |
            FIELD_PREP(FOE_IB1_STATE, FOE_STATE_UNBIND) |
            FIELD_PREP(FOE_IB1_UNBIND_PACKETS, 1) |
            FIELD_PREP(FOE_IB1_TIMESTAMP, now_ts(c));
    /* claim the way (unless the driver wrote it meanwhile), then fill it */
    if (!ib1_update(c, idx, ways[way].ib1, e.ib1) ||
        !entry_write(c, idx, sizeof(e.ib1), &e.data[1],
                     sizeof(e) - sizeof(e.ib1))) {
        to_cpu(c, f, RXD_FOE_ENTRY_NONE, CPU_REASON_NONE);
        return;
    }
    if (c->ppe.mib_cfg & PPE_MIB_CFG_EN) {
        struct foe_mib_entry zero = { 0 };

        mib_write(c, idx, &zero);
    }
    c->ppe.fwd[idx] = (struct fsw_fwd_count){ 0 };
    fsw_event(c, FSW_EV_FOE_LEARN, idx, 0, 0);
    to_cpu(c, f, idx, bind_threshold(c) <= 1 ?
           CPU_REASON_HIT_UNBIND_RATE_REACHED : CPU_REASON_HIT_UNBIND);
}

static void ppe_unbind_hit(struct fsw_core *c, const struct ppe_frame *f,
                           u32 idx, const struct foe_entry *e)
{
    u32 ib1 = e->ib1;
    u32 pkts = FIELD_GET(FOE_IB1_UNBIND_PACKETS, ib1);

    if (pkts < FOE_UNBIND_MAX) {
        pkts++;
    }
    ib1 &= ~(FOE_IB1_UNBIND_PACKETS | FOE_IB1_TIMESTAMP);
    ib1 |= FIELD_PREP(FOE_IB1_UNBIND_PACKETS, pkts) |
           FIELD_PREP(FOE_IB1_TIMESTAMP, now_ts(c));
    if (!ib1_update(c, idx, e->ib1, ib1)) {
        to_cpu(c, f, RXD_FOE_ENTRY_NONE, CPU_REASON_NONE);
        return;
    }
    to_cpu(c, f, idx, pkts >= bind_threshold(c) ?
           CPU_REASON_HIT_UNBIND_RATE_REACHED : CPU_REASON_HIT_UNBIND);
}

/* ---- BIND: building the egress frame ------------------------------------ */

static const struct foe_mac_info *entry_l2(const struct foe_entry *e)
{
    return foe_type_is_ipv6(foe_entry_type(e)) ? &e->ipv6.l2 : &e->ipv4.l2;
}

/* The new L2 header; returns its length */
static u32 build_l2(u8 *out, const struct foe_entry *e, const struct fsw_pkt *p)
{
    const struct foe_mac_info *l2 = entry_l2(e);
    u32 ib1 = e->ib1;
    u32 layers = FIELD_GET(FOE_IB1_BIND_VLAN_LAYER, ib1);
    u32 off = 2 * ETH_ALEN, i;
    bool stag = false;
    u16 etype;

    put_be32(out, l2->dest_mac_hi);
    put_be16(out + 4, l2->dest_mac_lo);
    put_be32(out + 6, l2->src_mac_hi);
    put_be16(out + 10, l2->src_mac_lo);
    for (i = 0; i < layers && i < 2; i++, off += 4) {
        if (i == 0 && !(ib1 & FOE_IB1_BIND_VLAN_TAG)) {
            out[off] = (l2->etype & FOE_ETYPE_STAG_TPID_8100) ?
                       STAG_TX_TPID_8100 : STAG_TX_UNTAGGED;
            out[off + 1] = l2->etype & FOE_ETYPE_STAG_PORTS;
            stag = true;
        } else {
            put_be16(out + off, ETH_P_8021Q);
        }
        put_be16(out + off + 2, i ? l2->vlan2 : l2->vlan1);
    }
    /*
     * The EtherType after the tags: behind a special tag the PPE makes it;
     * otherwise it emits the entry's l2.etype, as MediaTek's PPE does.
     */
    if (stag) {
        etype = (ib1 & FOE_IB1_BIND_PPPOE) ? ETH_P_PPP_SES :
                p->ipv6 ? ETH_P_IPV6 : ETH_P_IP;
    } else {
        etype = l2->etype;
    }
    if (ib1 & FOE_IB1_BIND_PPPOE) {
        put_be16(out + off, etype);
        out[off + 2] = 0x11;
        out[off + 3] = 0;
        put_be16(out + off + 4, l2->pppoe_id);
        put_be16(out + off + 6, p->l3_len + 2);
        put_be16(out + off + 8, p->ipv6 ? PPP_IPV6 : PPP_IP);
        return off + 10;
    }
    put_be16(out + off, etype);
    return off + 2;
}

/*
 * RFC 1624 incremental checksum update: collect ~m + m' of every changed
 * 16-bit word in an accumulator, then fold it into the old checksum.
 */
static inline u32 csum_acc16(u32 acc, u16 old, u16 new)
{
    return acc + (u16)~old + new;
}

static inline u32 csum_acc32(u32 acc, u32 old, u32 new)
{
    acc = csum_acc16(acc, old >> 16, new >> 16);
    return csum_acc16(acc, (u16)old, (u16)new);
}

static u16 csum_fix(u16 check, u32 acc)
{
    u32 s = (u16)~check + acc;

    s = (s & 0xffff) + (s >> 16);
    s = (s & 0xffff) + (s >> 16);
    return (u16)~s;
}

/*
 * Rewrite addresses and ports, fixing both checksums.  A GSO frame's TCP
 * checksum is partial: it holds the uncomplemented pseudo-header sum, which
 * covers the addresses but not the ports (as inet_proto_csum_replace4()
 * treats CHECKSUM_PARTIAL).
 */
static void nat_ipv4(u8 *ip, u8 *l4, const struct fsw_pkt *p,
                     const struct foe_ipv4_tuple *new, u32 *ip_acc,
                     bool partial)
{
    u32 coff = p->proto == IPPROTO_TCP_ ? 16 : 6;
    u16 check = get_be16(l4 + coff);
    bool no_csum = p->proto == IPPROTO_UDP_ && check == 0;
    u32 acc;

    *ip_acc = csum_acc32(*ip_acc, p->src[0], new->src_ip);
    *ip_acc = csum_acc32(*ip_acc, p->dst[0], new->dest_ip);
    acc = csum_acc32(0, p->src[0], new->src_ip);
    acc = csum_acc32(acc, p->dst[0], new->dest_ip);
    put_be32(ip + 12, new->src_ip);
    put_be32(ip + 16, new->dest_ip);
    if (partial) {
        put_be16(l4 + coff, ~csum_fix(~check, acc));
        put_be16(l4, new->src_port);
        put_be16(l4 + 2, new->dest_port);
        return;
    }
    acc = csum_acc16(acc, p->sport, new->src_port);
    acc = csum_acc16(acc, p->dport, new->dest_port);
    put_be16(l4, new->src_port);
    put_be16(l4 + 2, new->dest_port);
    if (!no_csum) {
        check = csum_fix(check, acc);
        if (p->proto == IPPROTO_UDP_ && check == 0) {
            check = 0xffff;     /* 0 would mean "no checksum" */
        }
        put_be16(l4 + coff, check);
    }
}

static void rewrite_ip(struct fsw_core *c, u8 *ip, const struct fsw_pkt *p,
                       const struct foe_entry *e)
{
    u32 acc = 0;

    if (p->ipv6) {
        if (e->ib1 & FOE_IB1_BIND_TTL) {
            ip[7]--;
        }
        return;
    }
    if (foe_entry_type(e) == FOE_PKT_TYPE_IPV4_HNAPT) {
        nat_ipv4(ip, ip + (p->l4_off - p->l3_off), p, &e->ipv4.new, &acc,
                 c->gso);
    }
    if (e->ib1 & FOE_IB1_BIND_TTL) {
        u16 old = get_be16(ip + 8);

        ip[8]--;
        acc = csum_acc16(acc, old, get_be16(ip + 8));
    }
    if (acc) {
        put_be16(ip + 10, csum_fix(get_be16(ip + 10), acc));
    }
}

/* ---- BIND hit ----------------------------------------------------------- */

/* Refresh the timestamp, at most once per tick. */
static void bind_touch(struct fsw_core *c, u32 idx, const struct foe_entry *e)
{
    u32 ib1 = e->ib1;

    if (FIELD_GET(FOE_IB1_TIMESTAMP, ib1) == now_ts(c)) {
        return;
    }
    ib1 = (ib1 & ~FOE_IB1_TIMESTAMP) | FIELD_PREP(FOE_IB1_TIMESTAMP, now_ts(c));
    ib1_update(c, idx, e->ib1, ib1);
}

static bool bind_exceptions(struct fsw_core *c, const struct ppe_frame *f,
                            u32 idx, const struct foe_entry *e)
{
    const struct fsw_pkt *p = &f->pkt;

    if (p->ttl <= 1) {
        to_cpu(c, f, idx, CPU_REASON_HIT_TTL_1);
        return true;
    }
    if (p->proto == IPPROTO_TCP_ && (p->tcp_flags & (TCP_FIN | TCP_RST))) {
        u32 ib1 = (e->ib1 & ~FOE_IB1_STATE) |
                  FIELD_PREP(FOE_IB1_STATE, FOE_STATE_FIN);

        if (ib1_update(c, idx, e->ib1, ib1)) {
            fsw_event(c, FSW_EV_FOE_FIN, idx, 0, 0);
        }
        to_cpu(c, f, idx, CPU_REASON_HIT_BIND_TCP_FIN);
        return true;
    }
    return false;
}

/*
 * The longest frame a BIND entry may send to a GMAC: PPE_VLAN_MTU0/1 by
 * its count of tag layers outside the payload (the special tag and 802.1Q
 * tags), as MediaTek's.  Unlike MediaTek's, a PPPoE header selects no
 * limit of its own: it is payload, and the limit counts it as such.
 */
static u32 egress_mtu(struct fsw_core *c, u32 ib1)
{
    u32 layers = FIELD_GET(FOE_IB1_BIND_VLAN_LAYER, ib1);
    u32 reg;

    if (layers > 3) {
        layers = 3;
    }
    reg = c->ppe.vlan_mtu[layers >= 2];
    return (layers & 1) ? FIELD_GET(PPE_VLAN_MTU0_1TAG, reg)
                        : FIELD_GET(PPE_VLAN_MTU0_NONE, reg);
}

static void bind_send(struct fsw_core *c, u32 dest, u32 idx, const u8 *out,
                      u32 len)
{
    switch (dest) {
    case PSE_PORT_GMAC0:
    case PSE_PORT_GMAC1:
        fsw_gmac_xmit(c, dest - PSE_PORT_GMAC0, out, len);
        break;
    case PSE_PORT_CPU:
        fsw_pdma_rx(c, out, len, idx, CPU_REASON_NONE, PSE_PORT_CPU);
        break;
    default:
        break;  /* PSE_PORT_DROP, or nonsense: the frame is dropped */
    }
}

static void ppe_ingress_seg(struct fsw_core *c, const u8 *seg, u32 len,
                            void *arg)
{
    fsw_ppe_ingress(c, *(const int *)arg, seg, len);
}

/* ppe_bind_hit(), with @out to build the rewritten frame in */
static void ppe_bind_forward(struct fsw_core *c, const struct ppe_frame *f,
                             u32 idx, const struct foe_entry *e, u8 *out)
{
    const struct fsw_pkt *p = &f->pkt;
    const u32 *ib2 = foe_type_is_ipv6(foe_entry_type(e)) ? &e->ipv6.ib2
                                                          : &e->ipv4.ib2;
    u32 dest = FIELD_GET(FOE_IB2_DEST_PORT, *ib2);
    u32 hlen, len;

    if (bind_exceptions(c, f, idx, e)) {
        return;
    }
    hlen = build_l2(out, e, p);
    len = hlen + p->l3_len;
    if ((dest == PSE_PORT_GMAC0 || dest == PSE_PORT_GMAC1) &&
        fsw_frame_mtu_len(c, len) > egress_mtu(c, e->ib1)) {
        if (c->gso) {
            /* Segments that fit are forwarded, the others go to the CPU */
            int sport = f->sport;

            fsw_gso_cut_current(c, f->buf, f->len, ppe_ingress_seg, &sport);
            return;
        }
        to_cpu(c, f, idx, CPU_REASON_HIT_BIND_EXCEED_MTU);
        return;
    }
    memcpy(out + hlen, f->buf + p->l3_off, p->l3_len);
    rewrite_ip(c, out + hlen, p, e);
    /* IP bytes, as conntrack counts them, so offloaded counters add up. */
    if (!mib_count(c, idx, *ib2, p->l3_len)) {
        to_cpu(c, f, RXD_FOE_ENTRY_NONE, CPU_REASON_NONE);
        return;
    }
    /* All entry state is settled before the frame leaves. */
    bind_touch(c, idx, e);
    c->ppe.bind_cnt += fsw_frame_segs(c);
    c->ppe.fwd_cnt += fsw_frame_segs(c);
    c->ppe.fwd[idx].pkts += fsw_frame_segs(c);
    c->ppe.fwd[idx].bytes += fsw_frame_bytes(c, p->l3_len);
    if (f->sport == PSE_PORT_GMAC0 || f->sport == PSE_PORT_GMAC1) {
        c->gmac[f->sport - PSE_PORT_GMAC0].rx_ppe_fwd += fsw_frame_segs(c);
    }
    if (c->gso && (dest == PSE_PORT_GMAC0 || dest == PSE_PORT_GMAC1)) {
        c->gso_stats.ppe_fwd++;
    }
    fsw_event(c, FSW_EV_PPE_FWD, idx, dest, len);
    bind_send(c, dest, idx, out, len);
}

static void ppe_bind_hit(struct fsw_core *c, const struct ppe_frame *f,
                         u32 idx, const struct foe_entry *e)
{
    u8 *out = fsw_scratch_get(c);

    if (!out) {
        return;         /* counted in depth_drops: no port of its own */
    }
    ppe_bind_forward(c, f, idx, e, out);
    fsw_scratch_put(c);
}

/* ---- ingress ------------------------------------------------------------ */

/*
 * A GSO frame goes through a BIND entry whole only if each of its segments
 * would: not when its last segment carries a FIN (only that one must go to
 * the CPU), nor through a PPPoE push (each segment has its own length).
 * Everything else a BIND entry does is the same for every segment.
 */
static bool gso_binds_whole(const struct ppe_frame *f,
                            const struct foe_entry *e)
{
    return foe_entry_state(e) == FOE_STATE_BIND &&
           !(f->pkt.tcp_flags & (TCP_FIN | TCP_RST)) &&
           !(e->ib1 & FOE_IB1_BIND_PPPOE);
}

/*
 * MediaTek's reason 0x0c: a TCP SYN, FIN or RST goes to the CPU, and the
 * PPE neither learns its tuple nor counts it as a hit: such a packet opens
 * or closes a connection, which the CPU must see.  A FIN or RST that hits
 * a BIND entry is the exception: it finishes the entry (HIT_BIND_TCP_FIN).
 * A SYN goes to the CPU even past a BIND entry, which then belongs to an
 * earlier connection of the same tuple.
 */
static bool tcp_control_to_cpu(const struct fsw_pkt *p,
                               const struct foe_entry *hit)
{
    if (p->proto != IPPROTO_TCP_ ||
        !(p->tcp_flags & (TCP_SYN | TCP_FIN | TCP_RST))) {
        return false;
    }
    return (p->tcp_flags & TCP_SYN) || !hit ||
           foe_entry_state(hit) != FOE_STATE_BIND;
}

static int match_way(const struct foe_entry *ways, const struct foe_entry *key)
{
    int i;

    for (i = 0; i < FOE_BUCKET_WAYS; i++) {
        if (key_match(&ways[i], key)) {
            return i;
        }
    }
    return -1;
}

/*
 * GLO_CFG IP4_CS_DROP and IP4_L4_CS_DROP (MediaTek's, both enabled by
 * mtk_ppe_start()): an IPv4 TCP/UDP frame from a GMAC with a wrong header
 * or L4 checksum is dropped, and counted in the GMAC's rx_drops.  A UDP
 * checksum of 0 means none; a GSO frame's L4 checksum is the host's
 * partial one, so it is not checked.
 */
static bool ppe_csum_bad(const struct fsw_core *c, const struct ppe_frame *f)
{
    const struct fsw_pkt *p = &f->pkt;
    const u8 *ip = f->buf + p->l3_off, *l4 = f->buf + p->l4_off;
    u32 l4_len = p->l3_len - (p->l4_off - p->l3_off);
    u64 sum;

    if (p->ipv6) {
        return false;
    }
    if ((c->ppe.glo_cfg & PPE_GLO_CFG_IP4_CS_DROP) &&
        csum_fold(csum_add(0, ip, p->l4_off - p->l3_off)) != 0xffff) {
        return true;
    }
    if (!(c->ppe.glo_cfg & PPE_GLO_CFG_IP4_L4_CS_DROP) || c->gso ||
        (p->proto == IPPROTO_UDP_ && !get_be16(l4 + 6))) {
        return false;
    }
    sum = csum_add(0, ip + 12, 8) + p->proto + l4_len;
    return csum_fold(csum_add(sum, l4, l4_len)) != 0xffff;
}

/**
 * fsw_ppe_ingress() - a frame the GDM (or PDMA TX) forwarded to the PPE
 * @c: core
 * @sport: PSE_PORT_GMAC0 (frame has the special tag), GMAC1 or CPU
 * @buf: frame
 * @len: length
 */
void fsw_ppe_ingress(struct fsw_core *c, int sport, const u8 *buf, u32 len)
{
    struct ppe_frame f = { .sport = sport, .buf = buf, .len = len };
    struct foe_entry key, tmp[FOE_BUCKET_WAYS];
    const struct foe_entry *ways;
    u32 reason, bucket;
    int way;

    if (!(c->ppe.glo_cfg & PPE_GLO_CFG_EN)) {
        to_cpu(c, &f, RXD_FOE_ENTRY_NONE, CPU_REASON_NONE);
        return;
    }
    fsw_parse(buf, len, sport == PSE_PORT_GMAC0, &f.pkt);
    reason = f.pkt.reason;
    if (reason == FSW_PARSE_OK) {
        reason = build_key(c, &f.pkt, &key);
    }
    if (reason != FSW_PARSE_OK) {
        to_cpu(c, &f, RXD_FOE_ENTRY_NONE, reason);
        return;
    }
    if ((sport == PSE_PORT_GMAC0 || sport == PSE_PORT_GMAC1) &&
        ppe_csum_bad(c, &f)) {
        c->gmac[sport - PSE_PORT_GMAC0].rx_drops++;
        return;
    }
    bucket = foe_hash(&key) & (fsw_foe_entries(c) - 1);
    /* The bucket's forwarded counts share a cache line: fetch it meanwhile */
    __builtin_prefetch(&c->ppe.fwd[bucket], 1);
    ways = bucket_get(c, bucket, tmp);
    if (!ways) {
        to_cpu(c, &f, RXD_FOE_ENTRY_NONE, CPU_REASON_NONE);
        return;
    }
    way = match_way(ways, &key);
    if (c->gso && (way < 0 || !gso_binds_whole(&f, &ways[way]))) {
        fsw_gso_cut_current(c, buf, len, ppe_ingress_seg, &sport);
        return;
    }
    if (tcp_control_to_cpu(&f.pkt, way < 0 ? NULL : &ways[way])) {
        to_cpu(c, &f, way < 0 ? RXD_FOE_ENTRY_NONE : bucket + way,
               CPU_REASON_TCP_FIN_SYN_RST);
        return;
    }
    if (way < 0) {
        ppe_learn(c, &f, bucket, ways, &key);
        return;
    }
    switch (foe_entry_state(&ways[way])) {
    case FOE_STATE_UNBIND:
        ppe_unbind_hit(c, &f, bucket + way, &ways[way]);
        break;
    case FOE_STATE_BIND:
        ppe_bind_hit(c, &f, bucket + way, &ways[way]);
        break;
    default:
        to_cpu(c, &f, bucket + way, CPU_REASON_HIT_FIN);
        break;
    }
}

/* ---- ageing ------------------------------------------------------------- */

/* The idle delta after which an entry ages, or -1 if its class does not */
static int age_delta(struct fsw_core *c, u32 ib1)
{
    struct fsw_ppe *ppe = &c->ppe;
    u32 type = FIELD_GET(FOE_IB1_PACKET_TYPE, ib1);
    bool non_l4 = type == FOE_PKT_TYPE_IPV4_ROUTE ||
                  type == FOE_PKT_TYPE_IPV6_ROUTE_3T;

    switch (FIELD_GET(FOE_IB1_STATE, ib1)) {
    case FOE_STATE_UNBIND:
        return (ppe->tb_cfg & PPE_TB_CFG_AGE_UNBIND) ?
               (int)FIELD_GET(PPE_UNBIND_AGE_DELTA, ppe->unbind_age) : -1;
    case FOE_STATE_FIN:
        return (ppe->tb_cfg & PPE_TB_CFG_AGE_FIN) ?
               (int)FIELD_GET(PPE_BIND_AGE1_FIN, ppe->bind_age1) : -1;
    case FOE_STATE_BIND:
        if (non_l4) {
            return (ppe->tb_cfg & PPE_TB_CFG_AGE_NON_L4) ?
                   (int)FIELD_GET(PPE_BIND_AGE0_NON_L4, ppe->bind_age0) : -1;
        }
        if (ib1 & FOE_IB1_UDP) {
            return (ppe->tb_cfg & PPE_TB_CFG_AGE_UDP) ?
                   (int)FIELD_GET(PPE_BIND_AGE0_UDP, ppe->bind_age0) : -1;
        }
        return (ppe->tb_cfg & PPE_TB_CFG_AGE_TCP) ?
               (int)FIELD_GET(PPE_BIND_AGE1_TCP, ppe->bind_age1) : -1;
    default:
        return -1;
    }
}

static void age_entry(struct fsw_core *c, u32 idx, u32 ib1)
{
    int delta;

    if (ib1 & FOE_IB1_STATIC) {
        return;
    }
    delta = age_delta(c, ib1);
    if (delta < 0 || idle_age(c, ib1) <= (u32)delta) {
        return;
    }
    if (ib1_update(c, idx, ib1, ib1 & ~FOE_IB1_STATE)) {
        fsw_event(c, FSW_EV_FOE_AGE, idx, FIELD_GET(FOE_IB1_STATE, ib1), 0);
    }
}

#define AGE_CHUNK       64

void fsw_ppe_tick(struct fsw_core *c)
{
    struct foe_entry chunk[AGE_CHUNK];
    u32 idx, i;

    if (!tb_base(c) || !(c->ppe.tb_cfg & (PPE_TB_CFG_AGE_UNBIND |
        PPE_TB_CFG_AGE_TCP | PPE_TB_CFG_AGE_UDP | PPE_TB_CFG_AGE_FIN |
        PPE_TB_CFG_AGE_NON_L4))) {
        return;
    }
    for (idx = 0; idx < fsw_foe_entries(c); idx += AGE_CHUNK) {
        u64 a = tb_base(c) + (u64)idx * FOE_ENTRY_SIZE;

        if (c->ops->dma_read(c->opaque, a, chunk, sizeof(chunk))) {
            fsw_dma_error(c, FE_DMA_ERR_FOE_TABLE, a);
            return;
        }
        for (i = 0; i < AGE_CHUNK; i++) {
            if (foe_entry_state(&chunk[i]) != FOE_STATE_INVALID) {
                age_entry(c, idx + i, chunk[i].ib1);
            }
        }
    }
}

/* ---- registers ---------------------------------------------------------- */

void fsw_ppe_reset(struct fsw_core *c)
{
    memset(&c->ppe, 0, sizeof(c->ppe));
    c->ppe.vlan_mtu[0] =
        FIELD_PREP(PPE_VLAN_MTU0_NONE, PPE_VLAN_MTU_DEFAULT) |
        FIELD_PREP(PPE_VLAN_MTU0_1TAG, PPE_VLAN_MTU_DEFAULT + VLAN_HLEN);
    c->ppe.vlan_mtu[1] =
        FIELD_PREP(PPE_VLAN_MTU1_2TAG, PPE_VLAN_MTU_DEFAULT + 2 * VLAN_HLEN) |
        FIELD_PREP(PPE_VLAN_MTU1_3TAG, PPE_VLAN_MTU_DEFAULT + 3 * VLAN_HLEN);
}

u32 fsw_ppe_read(struct fsw_core *c, u32 addr)
{
    struct fsw_ppe *ppe = &c->ppe;

    switch (addr) {
    case PPE_GLO_CFG: return ppe->glo_cfg;
    case PPE_FLOW_CFG: return ppe->flow_cfg;
    case PPE_TB_CFG: return ppe->tb_cfg;
    case PPE_TB_BASE_LO: return ppe->tb_base_lo;
    case PPE_TB_BASE_HI: return ppe->tb_base_hi;
    case PPE_HASH_SEED: return ppe->hash_seed;
    case PPE_BIND_RATE: return ppe->bind_rate;
    case PPE_UNBIND_AGE: return ppe->unbind_age;
    case PPE_BIND_AGE0: return ppe->bind_age0;
    case PPE_BIND_AGE1: return ppe->bind_age1;
    case PPE_CACHE_CTL: return ppe->cache_ctl;
    case PPE_MIB_CFG: return ppe->mib_cfg;
    case PPE_MIB_TB_BASE_LO: return ppe->mib_base_lo;
    case PPE_MIB_TB_BASE_HI: return ppe->mib_base_hi;
    case PPE_MIB_SER_CR: return ppe->mib_ser_cr;
    case PPE_MIB_SER_R0: return ppe->mib_ser_r[0];
    case PPE_MIB_SER_R1: return ppe->mib_ser_r[1];
    case PPE_MIB_SER_R2: return ppe->mib_ser_r[2];
    case PPE_BIND_CNT: return ppe->bind_cnt;
    case PPE_MISS_CNT: return ppe->miss_cnt;
    case PPE_FWD_CNT: return ppe->fwd_cnt;
    case PPE_VLAN_MTU0: return ppe->vlan_mtu[0];
    case PPE_VLAN_MTU1: return ppe->vlan_mtu[1];
    default: return 0;
    }
}

void fsw_ppe_write(struct fsw_core *c, u32 addr, u32 val)
{
    struct fsw_ppe *ppe = &c->ppe;

    switch (addr) {
    case PPE_GLO_CFG:
        ppe->glo_cfg = val & (PPE_GLO_CFG_EN | PPE_GLO_CFG_IP4_L4_CS_DROP |
                              PPE_GLO_CFG_IP4_CS_DROP);
        break;
    case PPE_FLOW_CFG:
        ppe->flow_cfg = val & GENMASK(3, 0);
        break;
    case PPE_TB_CFG:
        if ((val ^ ppe->tb_cfg) & PPE_TB_CFG_ENTRY_NUM) {
            cache_clear(c);     /* other buckets now */
        }
        ppe->tb_cfg = val & (GENMASK(4, 0) | PPE_TB_CFG_ENTRY_NUM);
        break;
    /* A new table makes every cached bucket meaningless */
    case PPE_TB_BASE_LO:
        ppe->tb_base_lo = val;
        cache_clear(c);
        break;
    case PPE_TB_BASE_HI:
        ppe->tb_base_hi = val;
        cache_clear(c);
        break;
    case PPE_HASH_SEED:
        ppe->hash_seed = val;   /* kept, read back; not in the hash (mtk) */
        break;
    case PPE_BIND_RATE:
        ppe->bind_rate = val & PPE_BIND_RATE_THRESHOLD;
        break;
    case PPE_UNBIND_AGE:
        ppe->unbind_age = val & PPE_UNBIND_AGE_DELTA;
        break;
    case PPE_BIND_AGE0:
        ppe->bind_age0 = val;
        break;
    case PPE_BIND_AGE1:
        ppe->bind_age1 = val;
        break;
    case PPE_CACHE_CTL:
        /* CLEAR is a level, as on MediaTek: only setting it clears */
        if ((val & ~ppe->cache_ctl) & PPE_CACHE_CTL_CLEAR) {
            cache_clear(c);
        }
        ppe->cache_ctl = val & (PPE_CACHE_CTL_EN | PPE_CACHE_CTL_CLEAR);
        break;
    case PPE_MIB_CFG:
        ppe->mib_cfg = val & (PPE_MIB_CFG_EN | PPE_MIB_CFG_RD_CLR);
        break;
    case PPE_MIB_TB_BASE_LO:
        ppe->mib_base_lo = val;
        break;
    case PPE_MIB_TB_BASE_HI:
        ppe->mib_base_hi = val;
        break;
    case PPE_MIB_SER_CR:
        mib_ser_read(c, val);
        break;
    case PPE_VLAN_MTU0:
    case PPE_VLAN_MTU1:
        ppe->vlan_mtu[addr == PPE_VLAN_MTU1] =
            val & (PPE_VLAN_MTU0_NONE | PPE_VLAN_MTU0_1TAG);
        break;
    default:
        break;
    }
}
