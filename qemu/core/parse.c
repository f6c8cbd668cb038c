/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * flowsw model core: the PPE's frame parser.
 *
 * Finds the IP header behind an optional special tag, up to two VLAN tags
 * and a PPPoE session header, then the TCP/UDP ports.  Every read is checked
 * against the frame length: a frame that ends inside a header or whose IP
 * length fields disagree with the frame is CPU_REASON_MALFORMED.
 */
#include "flowsw_int.h"

static bool parse_l2(const u8 *buf, u32 len, bool stag, struct fsw_pkt *p,
                     u16 *etype)
{
    u32 off = 2 * ETH_ALEN;

    if (stag) {
        off += STAG_LEN;
    }
    if (off + 2 > len) {
        return false;
    }
    *etype = get_be16(buf + off);
    off += 2;
    while ((*etype == ETH_P_8021Q || *etype == ETH_P_8021AD) && p->nvlan < 2) {
        if (off + 4 > len) {
            return false;
        }
        *etype = get_be16(buf + off + 2);
        off += 4;
        p->nvlan++;
    }
    if (*etype == ETH_P_PPP_SES) {
        /* ver/type, code, session id, length, then the PPP protocol */
        if (off + 8 > len || buf[off] != 0x11 || buf[off + 1] != 0) {
            return false;
        }
        switch (get_be16(buf + off + 6)) {
        case PPP_IP:
            *etype = ETH_P_IP;
            break;
        case PPP_IPV6:
            *etype = ETH_P_IPV6;
            break;
        default:
            *etype = 0;     /* LCP and friends: not for the PPE */
            break;
        }
        p->pppoe = 1;
        off += 8;
    }
    p->l3_off = off;
    return true;
}

/* Ports and flags; the L4 header must lie within the IP packet. */
static void parse_l4(const u8 *buf, struct fsw_pkt *p, u32 l4_len)
{
    const u8 *l4 = buf + p->l4_off;

    if (p->proto == IPPROTO_TCP_) {
        if (l4_len < 20 || (l4[12] >> 4) * 4u < 20 ||
            (l4[12] >> 4) * 4u > l4_len) {
            p->reason = CPU_REASON_MALFORMED;
            return;
        }
        p->tcp_flags = l4[13];
    } else if (p->proto == IPPROTO_UDP_) {
        if (l4_len < 8) {
            p->reason = CPU_REASON_MALFORMED;
            return;
        }
    } else {
        return;
    }
    p->sport = get_be16(l4);
    p->dport = get_be16(l4 + 2);
}

static void parse_ipv4(const u8 *buf, u32 len, struct fsw_pkt *p)
{
    const u8 *ip = buf + p->l3_off;
    u32 avail = len - p->l3_off;
    u32 ihl, tot;

    if (avail < 20 || ip[0] >> 4 != 4) {
        p->reason = CPU_REASON_MALFORMED;
        return;
    }
    ihl = (ip[0] & 0xf) * 4;
    tot = get_be16(ip + 2);
    if (ihl < 20 || tot < ihl || tot > avail) {
        p->reason = CPU_REASON_MALFORMED;
        return;
    }
    p->l3_len = tot;
    p->proto = ip[9];
    p->ttl = ip[8];
    p->src[0] = get_be32(ip + 12);
    p->dst[0] = get_be32(ip + 16);
    if (ihl > 20) {
        p->reason = CPU_REASON_OPTION_HEADER;
        return;
    }
    /* MF set or a nonzero offset */
    if (get_be16(ip + 6) & 0x3fff) {
        p->reason = CPU_REASON_IPV4_FRAG;
        return;
    }
    p->l4_off = p->l3_off + ihl;
    parse_l4(buf, p, tot - ihl);
}

static void parse_ipv6(const u8 *buf, u32 len, struct fsw_pkt *p)
{
    const u8 *ip = buf + p->l3_off;
    u32 avail = len - p->l3_off;
    u32 plen, i;

    if (avail < 40 || ip[0] >> 4 != 6) {
        p->reason = CPU_REASON_MALFORMED;
        return;
    }
    plen = get_be16(ip + 4);
    if (plen + 40 > avail) {
        p->reason = CPU_REASON_MALFORMED;
        return;
    }
    p->ipv6 = 1;
    p->l3_len = plen + 40;
    p->proto = ip[6];
    p->ttl = ip[7];
    for (i = 0; i < 4; i++) {
        p->src[i] = get_be32(ip + 8 + 4 * i);
        p->dst[i] = get_be32(ip + 24 + 4 * i);
    }
    /* No extension header support, as on the MediaTek PPE */
    if (p->proto != IPPROTO_TCP_ && p->proto != IPPROTO_UDP_) {
        p->reason = CPU_REASON_NOT_TCP_UDP;
        return;
    }
    p->l4_off = p->l3_off + 40;
    parse_l4(buf, p, plen);
}

/**
 * fsw_parse() - classify a frame for the PPE
 * @buf: frame
 * @len: frame length
 * @stag: the frame carries the switch special tag (it came from GMAC0)
 * @p: result; p->reason is FSW_PARSE_OK if the frame is an unfragmented
 *     IPv4/IPv6 packet without options (TCP and UDP with ports parsed)
 */
void fsw_parse(const u8 *buf, u32 len, bool stag, struct fsw_pkt *p)
{
    u16 etype = 0;

    memset(p, 0, sizeof(*p));
    p->reason = FSW_PARSE_OK;
    if (!parse_l2(buf, len, stag, p, &etype)) {
        p->reason = CPU_REASON_MALFORMED;
        return;
    }
    if (etype == ETH_P_IP) {
        parse_ipv4(buf, len, p);
    } else if (etype == ETH_P_IPV6) {
        parse_ipv6(buf, len, p);
    } else {
        p->reason = CPU_REASON_NONE;
    }
}
