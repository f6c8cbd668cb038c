/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * flowsw model core: text dump of the FOE table and the switch FDB.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "flowsw_dump.h"
#include "flowsw_int.h"

static const char *const state_names[] = {
    "INVALID", "UNBIND", "BIND", "FIN",
};

static const char *type_name(u32 type)
{
    switch (type) {
    case FOE_PKT_TYPE_IPV4_HNAPT:
        return "IPV4_HNAPT";
    case FOE_PKT_TYPE_IPV4_ROUTE:
        return "IPV4_ROUTE";
    case FOE_PKT_TYPE_IPV6_ROUTE_3T:
        return "IPV6_3T";
    case FOE_PKT_TYPE_IPV6_ROUTE_5T:
        return "IPV6_5T";
    default:
        return "UNKNOWN";
    }
}

static const char *dest_name(u32 port)
{
    switch (port) {
    case PSE_PORT_CPU:
        return "cpu";
    case PSE_PORT_GMAC0:
        return "gmac0";
    case PSE_PORT_GMAC1:
        return "gmac1";
    case PSE_PORT_PPE:
        return "ppe";
    default:
        return "drop";
    }
}

static int fmt_ip4(char *buf, size_t n, u32 ip)
{
    return snprintf(buf, n, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xff,
                    (ip >> 8) & 0xff, ip & 0xff);
}

static int fmt_ip6(char *buf, size_t n, const u32 *ip)
{
    return snprintf(buf, n, "%x:%x:%x:%x:%x:%x:%x:%x",
                    ip[0] >> 16, ip[0] & 0xffff, ip[1] >> 16, ip[1] & 0xffff,
                    ip[2] >> 16, ip[2] & 0xffff, ip[3] >> 16, ip[3] & 0xffff);
}

static int fmt_mac(char *buf, size_t n, u32 hi, u16 lo)
{
    return snprintf(buf, n, "%02x:%02x:%02x:%02x:%02x:%02x", hi >> 24,
                    (hi >> 16) & 0xff, (hi >> 8) & 0xff, hi & 0xff,
                    lo >> 8, lo & 0xff);
}

struct line {
    char buf[512];
    size_t len;
};

/* Appends with snprintf semantics; never writes past the end of the line. */
static void __attribute__((format(printf, 2, 3)))
append(struct line *l, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (l->len >= sizeof(l->buf)) {
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
    va_end(ap);
    if (n > 0) {
        l->len += n;
    }
}

static void dump_tuple(struct line *l, struct foe_entry *e)
{
    char a[48], b[48];
    u32 type = foe_entry_type(e);
    const char *l4 = (e->ib1 & FOE_IB1_UDP) ? "udp" : "tcp";

    if (foe_type_is_ipv6(type)) {
        fmt_ip6(a, sizeof(a), e->ipv6.src_ip);
        fmt_ip6(b, sizeof(b), e->ipv6.dest_ip);
        if (type == FOE_PKT_TYPE_IPV6_ROUTE_5T) {
            append(l, " %s [%s]:%u->[%s]:%u", l4, a, e->ipv6.src_port, b,
                   e->ipv6.dest_port);
        } else {
            append(l, " proto %u %s->%s", e->ipv6.protocol, a, b);
        }
    } else {
        fmt_ip4(a, sizeof(a), e->ipv4.orig.src_ip);
        fmt_ip4(b, sizeof(b), e->ipv4.orig.dest_ip);
        if (type == FOE_PKT_TYPE_IPV4_HNAPT) {
            append(l, " %s %s:%u->%s:%u", l4, a, e->ipv4.orig.src_port, b,
                   e->ipv4.orig.dest_port);
        } else {
            append(l, " proto %u %s->%s", e->ipv4.orig.protocol, a, b);
        }
    }
}

static void dump_rewrite(struct line *l, struct foe_entry *e)
{
    struct foe_mac_info *l2 = foe_entry_l2(e);
    u32 ib2 = *foe_entry_ib2(e);
    char a[48], b[48];

    if (foe_entry_type(e) == FOE_PKT_TYPE_IPV4_HNAPT) {
        fmt_ip4(a, sizeof(a), e->ipv4.new.src_ip);
        fmt_ip4(b, sizeof(b), e->ipv4.new.dest_ip);
        append(l, " new %s:%u->%s:%u", a, e->ipv4.new.src_port, b,
               e->ipv4.new.dest_port);
    }
    fmt_mac(a, sizeof(a), l2->dest_mac_hi, l2->dest_mac_lo);
    fmt_mac(b, sizeof(b), l2->src_mac_hi, l2->src_mac_lo);
    append(l, " dmac %s smac %s vlan %u:%u,%u pppoe %u ttl %u egress %s", a, b,
           (unsigned)FIELD_GET(FOE_IB1_BIND_VLAN_LAYER, e->ib1), l2->vlan1,
           l2->vlan2,
           (e->ib1 & FOE_IB1_BIND_PPPOE) ? l2->pppoe_id : 0,
           !!(e->ib1 & FOE_IB1_BIND_TTL),
           dest_name(FIELD_GET(FOE_IB2_DEST_PORT, ib2)));
    if (!(e->ib1 & FOE_IB1_BIND_VLAN_TAG) &&
        FIELD_GET(FOE_IB1_BIND_VLAN_LAYER, e->ib1)) {
        append(l, " stag 0x%x", l2->etype & FOE_ETYPE_STAG_PORTS);
    }
}

static void dump_foe(struct fsw_core *c, bool all,
                     void (*print)(void *ctx, const char *line), void *ctx)
{
    u64 base = ((u64)c->ppe.tb_base_hi << 32) | c->ppe.tb_base_lo;
    u64 mib_base = ((u64)c->ppe.mib_base_hi << 32) | c->ppe.mib_base_lo;
    struct foe_mib_entry mib;
    struct foe_entry e;
    struct line l;
    u32 i, state;

    if (!base) {
        print(ctx, "foe table not programmed");
        return;
    }
    for (i = 0; i < fsw_foe_entries(c); i++) {
        if (c->ops->dma_read(c->opaque, base + (u64)i * FOE_ENTRY_SIZE, &e,
                             sizeof(e))) {
            print(ctx, "foe table unreadable");
            return;
        }
        state = foe_entry_state(&e);
        if (state == FOE_STATE_INVALID ||
            (state == FOE_STATE_UNBIND && !all)) {
            continue;
        }
        l.len = 0;
        append(&l, "foe %u %s %s", i, state_names[state],
               type_name(foe_entry_type(&e)));
        dump_tuple(&l, &e);
        if (state != FOE_STATE_UNBIND) {
            dump_rewrite(&l, &e);
        }
        memset(&mib, 0, sizeof(mib));
        if ((c->ppe.mib_cfg & PPE_MIB_CFG_EN) && mib_base) {
            c->ops->dma_read(c->opaque, mib_base + (u64)i * FOE_MIB_ENTRY_SIZE,
                             &mib, sizeof(mib));
        }
        append(&l, " pkts %" PRIu64 " bytes %" PRIu64 " idle %u"
               " fwd_pkts %" PRIu64 " fwd_bytes %" PRIu64,
               ((u64)FIELD_GET(PPE_MIB_SER_R2_PKTS_HI, mib.r2) << 16) |
               FIELD_GET(PPE_MIB_SER_R1_PKTS_LO, mib.r1),
               ((u64)FIELD_GET(PPE_MIB_SER_R1_BYTES_HI, mib.r1) << 32) |
               mib.bytes_lo,
               (c->now_s - FIELD_GET(FOE_IB1_TIMESTAMP, e.ib1)) & 0xff,
               c->ppe.fwd[i].pkts, c->ppe.fwd[i].bytes);
        print(ctx, l.buf);
    }
}

static void dump_fdb(struct fsw_core *c,
                     void (*print)(void *ctx, const char *line), void *ctx)
{
    struct line l;
    int i;

    for (i = 0; i < SW_FDB_SIZE; i++) {
        struct fsw_fdb_slot *f = &c->fdb[i];

        if (!f->valid) {
            continue;
        }
        l.len = 0;
        append(&l,
               "fdb %02x:%02x:%02x:%02x:%02x:%02x fid %u ports 0x%x %s age %u",
               f->mac[0], f->mac[1], f->mac[2], f->mac[3], f->mac[4],
               f->mac[5], f->fid, f->ports,
               f->is_static ? "static" : "dynamic",
               c->now_s - f->last_seen);
        print(ctx, l.buf);
    }
}

static void dump_vlans(struct fsw_core *c,
                       void (*print)(void *ctx, const char *line), void *ctx)
{
    struct line l;
    int vid;

    for (vid = 0; vid < 4096; vid++) {
        if (!c->vlan[vid].valid) {
            continue;
        }
        l.len = 0;
        append(&l, "vlan %d members 0x%x untagged 0x%x", vid,
               c->vlan[vid].members, c->vlan[vid].untagged);
        print(ctx, l.buf);
    }
}

/* The model's frame counters per switch port and GMAC, for tests */
static void dump_ports(struct fsw_core *c,
                       void (*print)(void *ctx, const char *line), void *ctx)
{
    struct line l;
    int i;

    for (i = 0; i < SW_NUM_PORTS; i++) {
        struct fsw_sw_port *p = &c->port[i];

        l.len = 0;
        append(&l, "port %d rx %u tx %u rx_drops %u tx_drops %u", i,
               p->rx_pkts, p->tx_pkts, p->rx_drops, p->tx_drops);
        print(ctx, l.buf);
    }
    for (i = 0; i < FE_NUM_GMACS; i++) {
        struct fsw_gmac *g = &c->gmac[i];

        l.len = 0;
        append(&l, "gmac %d rx %" PRIu64 " tx %" PRIu64 " rx_drops %u"
               " tx_drops %u ppe_fwd %u", i, g->rx_pkts, g->tx_pkts,
               g->rx_drops, g->tx_drops, g->rx_ppe_fwd);
        print(ctx, l.buf);
    }
}

void fsw_dump_locked(struct fsw_core *c, bool all,
                     void (*print)(void *ctx, const char *line), void *ctx)
{
    struct line l;

    dump_foe(c, all, print, ctx);
    dump_fdb(c, print, ctx);
    dump_vlans(c, print, ctx);
    dump_ports(c, print, ctx);
    l.len = 0;
    append(&l, "learn events lost %" PRIu64, c->fdb_evt_lost);
    print(ctx, l.buf);
    l.len = 0;
    append(&l, "pdma rx %" PRIu64 " depth_drops %" PRIu64, c->pdma_rx_pkts,
           c->depth_drops);
    print(ctx, l.buf);
    l.len = 0;
    append(&l, "gso rx %" PRIu64 " ppe_fwd %" PRIu64 " cut %" PRIu64
           " bad %" PRIu64, c->gso_stats.rx, c->gso_stats.ppe_fwd,
           c->gso_stats.cut, c->gso_stats.bad);
    print(ctx, l.buf);
}
