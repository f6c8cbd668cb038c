/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * flowsw model core: GSO frames from a host stack.
 *
 * With TSO on a tap, a host's TCP hands over frames of up to 64 KiB that
 * stand for many segments.  The hardware only ever sees segments.  The model
 * carries such a frame whole through the switch and a PPE BIND entry, where
 * every one of its segments would take the same path, and counts it as its
 * segments everywhere; anywhere else (the CPU, a PPE entry that is not
 * bound, a TCP FIN, a PPPoE push) it cuts the frame into the segments the
 * host would have sent and handles each on its own.  See struct fsw_gso.
 *
 * This only speeds up the emulation: without it the offloaded path is
 * bounded by one tap syscall and one host TCP receive per 1500 bytes.
 */
#include "flowsw_int.h"

/* Full IPv4 header and TCP checksums of one segment */
static void seg_checksums(u8 *ip, u8 *tcp, bool ipv6, u32 tcp_len)
{
    u64 sum;

    if (ipv6) {
        sum = csum_add(0, ip + 8, 32);
    } else {
        put_be16(ip + 10, 0);
        put_be16(ip + 10, ~csum_fold(csum_add(0, ip, tcp - ip)));
        sum = csum_add(0, ip + 12, 8);
    }
    sum += IPPROTO_TCP_ + tcp_len;
    put_be16(tcp + 16, 0);
    put_be16(tcp + 16, ~csum_fold(csum_add(sum, tcp, tcp_len)));
}

/* fsw_gso_cut(), with @seg to build each segment in */
static void gso_cut(struct fsw_core *c, const struct fsw_gso *g,
                    const u8 *buf, u32 len, fsw_seg_fn fn, void *arg, u8 *seg)
{
    const struct fsw_gso *outer = c->gso;
    u32 l3 = len - g->l3_len, l4 = len - g->l4_len;
    u32 hlen = l4 + g->tcp_hlen;
    u32 payload = g->l4_len - g->tcp_hlen;
    u32 seq = get_be32(buf + l4 + 4);
    u16 id = g->ipv6 ? 0 : get_be16(buf + l3 + 4);
    u8 flags = buf[l4 + 13];
    u32 off, i;

    if (hlen + g->size > FSW_SCRATCH_SIZE) {
        c->gso_stats.bad++;     /* gso_parse() leaves room: never happens */
        return;
    }
    c->gso = NULL;
    c->gso_stats.cut++;
    for (i = 0, off = 0; off < payload; i++, off += g->size) {
        u32 chunk = payload - off < g->size ? payload - off : g->size;
        bool last = off + chunk == payload;
        u8 *ip = seg + l3, *tcp = seg + l4;

        memcpy(seg, buf, hlen);
        memcpy(seg + hlen, buf + hlen + off, chunk);
        put_be32(tcp + 4, seq + off);
        tcp[13] = flags & ~(last ? 0 : TCP_FIN | TCP_PSH) &
                  ~(i ? TCP_CWR : 0);
        if (g->ipv6) {
            put_be16(ip + 4, g->tcp_hlen + chunk);
        } else {
            put_be16(ip + 2, l4 - l3 + g->tcp_hlen + chunk);
            put_be16(ip + 4, id + i);
        }
        seg_checksums(ip, tcp, g->ipv6, g->tcp_hlen + chunk);
        fn(c, seg, hlen + chunk, arg);
    }
    c->gso = outer;
}

/*
 * Segment i of a TCP stream cut the way Linux's tcp_gso_segment() does:
 * sequence numbers advance by the payload, IPv4 IDs by one, FIN and PSH stay
 * on the last segment and CWR on the first.
 */
void fsw_gso_cut(struct fsw_core *c, const struct fsw_gso *g, const u8 *buf,
                 u32 len, fsw_seg_fn fn, void *arg)
{
    u8 *seg = fsw_scratch_get(c);

    if (!seg) {
        c->gso_stats.bad++;
        return;
    }
    gso_cut(c, g, buf, len, fn, arg, seg);
    fsw_scratch_put(c);
}

/* Linux's TCP_MIN_MSS: no host sends smaller segments */
#define GSO_MIN_SIZE    88

/*
 * Only what a host's TSO makes: Ethernet, up to two VLAN tags, IPv4 without
 * options or IPv6 without extension headers, TCP without SYN or RST whose
 * partial checksum starts at the TCP header, no padding, and segments the
 * core can hold.
 */
static bool gso_parse(const u8 *buf, u32 len, u32 size, u32 csum_start,
                      struct fsw_gso *g)
{
    struct fsw_pkt p;
    u32 payload;

    fsw_parse(buf, len, false, &p);
    if (p.reason != FSW_PARSE_OK || p.proto != IPPROTO_TCP_ || p.pppoe ||
        p.l3_off + p.l3_len != len || (p.tcp_flags & (TCP_SYN | TCP_RST)) ||
        csum_start != p.l4_off || size < GSO_MIN_SIZE || size > 0xffff) {
        return false;
    }
    g->ipv6 = p.ipv6;
    g->tcp_hlen = (buf[p.l4_off + 12] >> 4) * 4;
    g->l3_len = p.l3_len;
    g->l4_len = len - p.l4_off;
    g->size = size;
    payload = g->l4_len - g->tcp_hlen;
    if (payload == 0 || p.l4_off + g->tcp_hlen + size > FSW_FRAME_MAX) {
        return false;
    }
    g->segs = (payload + size - 1) / size;
    return true;
}

static void receive_seg(struct fsw_core *c, const u8 *seg, u32 len, void *arg)
{
    fsw_wire_receive_locked(c, *(const int *)arg, seg, len);
}

/* A frame the model cannot cut is lost where it entered, as one frame */
static void count_ingress_drop(struct fsw_core *c, int wire)
{
    if (wire >= FSW_WIRE_LAN1 && wire <= FSW_WIRE_LAN4) {
        c->port[wire - FSW_WIRE_LAN1].rx_drops++;
    } else if (wire == FSW_WIRE_WAN) {
        c->gmac[1].rx_drops++;
    }
}

bool fsw_wire_receive_gso_locked(struct fsw_core *c, int wire,
                                 const u8 *buf, u32 len, u32 gso_size,
                                 u32 csum_start)
{
    const struct fsw_gso *outer = c->gso;
    struct fsw_gso g;
    bool ok;

    if (len > FSW_GSO_FRAME_MAX ||
        !gso_parse(buf, len, gso_size, csum_start, &g)) {
        c->gso_stats.bad++;
        count_ingress_drop(c, wire);
        fsw_event(c, FSW_EV_GSO_DROP, wire, len, gso_size);
        return false;
    }
    c->gso_stats.rx++;
    if (g.segs == 1) {
        /* Just a frame whose checksum the host left to us */
        fsw_gso_cut(c, &g, buf, len, receive_seg, &wire);
        return true;
    }
    c->gso = &g;
    ok = fsw_wire_receive_locked(c, wire, buf, len);
    c->gso = outer;
    return ok;
}
