/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * flowsw model core: helpers shared by fe.c, switch.c, ppe.c and parse.c.
 * Not part of the API the QEMU shell uses.
 */
#ifndef FLOWSW_INT_H
#define FLOWSW_INT_H

#include <string.h>
#include "flowsw_core.h"

/* Largest frame the core handles; bigger frames are dropped on ingress. */
#define FSW_FRAME_MAX           16384
/* Room for headers the core may add to a frame (special tag, VLANs, PPPoE) */
#define FSW_FRAME_HEADROOM      32
/* Largest GSO frame: a 64 KiB IP packet behind up to two VLAN tags */
#define FSW_GSO_FRAME_MAX       (65535 + 22)
/* Size of a frame buffer in the core: a GSO frame and headroom */
#define FSW_BUF_SIZE            (FSW_GSO_FRAME_MAX + FSW_FRAME_HEADROOM)
_Static_assert(FSW_BUF_SIZE == FSW_SCRATCH_SIZE, "scratch buffer size");

#define ETH_ALEN                6
#define ETH_HLEN                14
#define VLAN_HLEN               4
#define ETH_P_IP                0x0800
#define ETH_P_IPV6              0x86dd
#define ETH_P_8021Q             0x8100
#define ETH_P_8021AD            0x88a8
#define ETH_P_PPP_SES           0x8864
#define PPP_IP                  0x0021
#define PPP_IPV6                0x0057
#define IPPROTO_TCP_            6
#define IPPROTO_UDP_            17
#define TCP_FIN                 0x01
#define TCP_SYN                 0x02
#define TCP_RST                 0x04
#define TCP_PSH                 0x08
#define TCP_CWR                 0x80
#define VLAN_VID_MASK           0x0fff

static inline u16 get_be16(const u8 *p)
{
    return (u16)(p[0] << 8 | p[1]);
}

static inline u32 get_be32(const u8 *p)
{
    return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline void put_be16(u8 *p, u16 v)
{
    p[0] = v >> 8;
    p[1] = v;
}

static inline void put_be32(u8 *p, u32 v)
{
    p[0] = v >> 24;
    p[1] = v >> 16;
    p[2] = v >> 8;
    p[3] = v;
}

/* The one's complement sum of @len bytes at @p, added to @sum */
static inline u64 csum_add(u64 sum, const u8 *p, u32 len)
{
    for (; len > 1; p += 2, len -= 2) {
        sum += get_be16(p);
    }
    if (len) {
        sum += (u32)p[0] << 8;
    }
    return sum;
}

static inline u16 csum_fold(u64 sum)
{
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return (u16)sum;
}

static inline void fsw_event(struct fsw_core *c, int ev, u32 a, u32 b, u32 d)
{
    if (c->ops->event) {
        c->ops->event(c->opaque, ev, a, b, d);
    }
}

static inline void fsw_guest_error(struct fsw_core *c, const char *msg)
{
    if (c->ops->guest_error) {
        c->ops->guest_error(c->opaque, msg);
    }
}

/*
 * A frame buffer for the frame a block builds, in place of 64 KiB on the
 * stack: the caller returns it with fsw_scratch_put() before it returns.
 * NULL if the path nests deeper than any path through the silicon does;
 * the caller then drops the frame and counts it where it would have gone.
 */
static inline u8 *fsw_scratch_get(struct fsw_core *c)
{
    if (c->scratch_used == FSW_SCRATCH_LEVELS) {
        c->depth_drops++;
        return NULL;
    }
    return c->scratch[c->scratch_used++];
}

static inline void fsw_scratch_put(struct fsw_core *c)
{
    c->scratch_used--;
}

static inline u64 fsw_addr64(u32 lo, u32 hi)
{
    return (u64)hi << 32 | lo;
}

/*
 * What the parser found in a frame.  Offsets are from the frame start and
 * are all within the frame; l3_len is the IP packet length without any
 * L2 padding.
 */
struct fsw_pkt {
    u8 reason;          /* CPU reason if not offloadable, else 0xff */
    u8 ipv6;
    u8 proto;           /* IP protocol / IPv6 next header */
    u8 tcp_flags;
    u8 ttl;             /* TTL or hop limit */
    u8 nvlan;
    u8 pppoe;
    u16 l3_off;
    u16 l3_len;
    u16 l4_off;
    u16 sport, dport;
    u32 src[4], dst[4]; /* IPv4 in [0]; numbers, MSW first for IPv6 */
};

#define FSW_PARSE_OK    0xff

/* parse.c */
void fsw_parse(const u8 *buf, u32 len, bool stag, struct fsw_pkt *p);

/* gso.c: a GSO frame counts as its segments */
static inline u32 fsw_frame_segs(const struct fsw_core *c)
{
    return c->gso ? c->gso->segs : 1;
}

/* Bytes of all segments; @len counts from any header to the frame's end. */
static inline u64 fsw_frame_bytes(const struct fsw_core *c, u32 len)
{
    const struct fsw_gso *g = c->gso;
    u32 hdrs;

    if (!g) {
        return len;
    }
    hdrs = len - g->l4_len + g->tcp_hlen;   /* repeated in every segment */
    return len + (u64)(g->segs - 1) * hdrs;
}

/* Length of the longest segment of a frame of @len: what MTUs are for */
static inline u32 fsw_frame_mtu_len(const struct fsw_core *c, u32 len)
{
    const struct fsw_gso *g = c->gso;

    return g ? len - g->l4_len + g->tcp_hlen + g->size : len;
}

/* Cut c->gso's frame and hand each segment to @fn */
static inline void fsw_gso_cut_current(struct fsw_core *c, const u8 *buf,
                                       u32 len, fsw_seg_fn fn, void *arg)
{
    fsw_gso_cut(c, c->gso, buf, len, fn, arg);
}

/* The entry points' bodies, called with c->lock held (see entry.c) */
void fsw_core_reset_locked(struct fsw_core *c);
u32 fsw_fe_read_locked(struct fsw_core *c, u32 addr);
void fsw_fe_write_locked(struct fsw_core *c, u32 addr, u32 val);
u32 fsw_sw_read_locked(struct fsw_core *c, u32 addr);
void fsw_sw_write_locked(struct fsw_core *c, u32 addr, u32 val);
bool fsw_wire_receive_locked(struct fsw_core *c, int wire, const u8 *buf,
                             u32 len);
bool fsw_wire_receive_gso_locked(struct fsw_core *c, int wire,
                                 const u8 *buf, u32 len, u32 gso_size,
                                 u32 csum_start);
void fsw_wire_set_link_locked(struct fsw_core *c, int wire, bool up);
void fsw_core_tick_locked(struct fsw_core *c);
void fsw_dump_locked(struct fsw_core *c, bool all,
                     void (*print)(void *ctx, const char *line), void *ctx);

/* fe.c */
void fsw_fe_irq_update(struct fsw_core *c);
void fsw_fe_raise(struct fsw_core *c, u32 bits);
void fsw_dma_error(struct fsw_core *c, u32 code, u64 addr);
bool fsw_gdm_ingress(struct fsw_core *c, int gmac, const u8 *buf, u32 len);
void fsw_gmac_xmit(struct fsw_core *c, int gmac, const u8 *buf, u32 len);
bool fsw_pdma_rx(struct fsw_core *c, const u8 *buf, u32 len,
                 u32 foe_idx, u32 reason, u32 sport);

/* switch.c */
void fsw_sw_reset(struct fsw_core *c);
bool fsw_sw_port_ingress(struct fsw_core *c, int port, const u8 *buf, u32 len);
void fsw_sw_cpu_ingress(struct fsw_core *c, const u8 *buf, u32 len);
void fsw_sw_set_link(struct fsw_core *c, int port, bool up);
void fsw_sw_tick(struct fsw_core *c);

/* ppe.c */
void fsw_ppe_reset(struct fsw_core *c);
u32 fsw_ppe_read(struct fsw_core *c, u32 addr);
void fsw_ppe_write(struct fsw_core *c, u32 addr, u32 val);
void fsw_ppe_ingress(struct fsw_core *c, int sport, const u8 *buf, u32 len);
void fsw_ppe_tick(struct fsw_core *c);

#endif /* FLOWSW_INT_H */
