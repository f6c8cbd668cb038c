/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * flowsw model core: the built-in switch.  Four user ports (lan1..lan4) and
 * the CPU port 6, which talks to GMAC0 with the MediaTek special tag.
 *
 * Rules the model follows:
 *  - User port ingress needs carrier and PCR_ENABLE; STP DISABLED/BLOCKING
 *    drop, LEARNING only learns (with PCR_LEARN), FORWARDING also forwards.
 *  - Untagged and priority-tagged frames get the PVID.  A port with
 *    PCR_VLAN_FILTER is VLAN aware: the VID must be a valid VLAN with the
 *    port as member, the FDB key is MAC + VID, egress ports must be members
 *    too and each one's tagging follows the VLAN's untagged mask.  A port
 *    without filtering uses FID 0 and forwards frames unchanged.
 *  - Known unicast goes to its FDB ports, unknown unicast, multicast and
 *    broadcast flood; both within PMATRIX(ingress) and never back out of
 *    the ingress port.  Egress user ports must be enabled and FORWARDING.
 *  - Frames from the CPU carry the tag_mtk xmit tag; they go to the ports in
 *    the tag, bypassing FDB, PMATRIX and STP (DSA sends BPDUs that way), and
 *    an 802.1Q tagged one is untagged on a filtering port when the VLAN says
 *    so.  The CPU port's own PCR is not used.
 *  - The internal PHYs (SW_PHY_IAC, addresses 0..3) are fixed clause-22
 *    1000BASE-T PHYs whose BMSR/LPA/STAT1000 follow the wire's carrier;
 *    writes are accepted and ignored (BMCR reset and restart self-clear).
 *  - The FDB is a 4-way hash of 512 buckets; learning replaces the least
 *    recently seen dynamic way of a full bucket, never a static one.
 */
#include "flowsw_int.h"

#define FDB_WAYS                4
#define FDB_BUCKETS             (SW_FDB_SIZE / FDB_WAYS)
#define USER_PORTS_MASK         ((1u << SW_NUM_USER_PORTS) - 1)

enum { TAG_KEEP, TAG_STRIP, TAG_PUSH };

/* A frame being switched, and its VLAN classification */
struct sw_frame {
    const u8 *buf;
    u32 len;
    bool tagged;        /* carries an 802.1Q tag after the source MAC */
    bool aware;         /* apply the VLAN table's egress tagging */
    u16 vid;
    int sport;          /* ingress port, or -1 from the CPU */
};

/* ---- FDB ---------------------------------------------------------------- */

static u32 fdb_bucket(const u8 *mac, u16 fid)
{
    u32 h = get_be32(mac + 2) ^ ((u32)get_be16(mac) << 16) ^ fid;

    h ^= h >> 15;
    h *= 0x2c1b3c6dU;
    h ^= h >> 12;
    return (h % FDB_BUCKETS) * FDB_WAYS;
}

static struct fsw_fdb_slot *fdb_find(struct fsw_core *c, const u8 *mac,
                                     u16 fid)
{
    u32 b = fdb_bucket(mac, fid), i;

    for (i = b; i < b + FDB_WAYS; i++) {
        struct fsw_fdb_slot *s = &c->fdb[i];

        if (s->valid && s->fid == fid && !memcmp(s->mac, mac, ETH_ALEN)) {
            return s;
        }
    }
    return NULL;
}

/* A slot for a new entry: a free way, else the stalest dynamic one. */
static struct fsw_fdb_slot *fdb_alloc(struct fsw_core *c, const u8 *mac,
                                      u16 fid)
{
    u32 b = fdb_bucket(mac, fid), i;
    struct fsw_fdb_slot *victim = NULL;

    for (i = b; i < b + FDB_WAYS; i++) {
        struct fsw_fdb_slot *s = &c->fdb[i];

        if (!s->valid) {
            return s;
        }
        if (!s->is_static &&
            (!victim ||
             c->now_s - s->last_seen > c->now_s - victim->last_seen)) {
            victim = s;
        }
    }
    return victim;
}

static void fdb_set(struct fsw_fdb_slot *s, const u8 *mac, u16 fid, u8 ports,
                    bool is_static, u32 now)
{
    memcpy(s->mac, mac, ETH_ALEN);
    s->fid = fid;
    s->ports = ports;
    s->is_static = is_static;
    s->valid = 1;
    s->last_seen = now;
}

/* Tell the CPU what was learned, so its bridge can show it. */
static void fdb_learn_event(struct fsw_core *c, int port, const u8 *sa,
                            u16 fid)
{
    u32 i;

    if (c->evt_count == SW_FDB_EVT_DEPTH) {
        c->evt_overflow = 1;
        c->fdb_evt_lost++;
        return;
    }
    i = (c->evt_head + c->evt_count) % SW_FDB_EVT_DEPTH;
    c->evt_port[i] = port;
    c->evt_hi[i] = get_be32(sa);
    c->evt_lo[i] = FIELD_PREP(SW_FDB_MAC_LO_ADDR, get_be16(sa + 4)) |
                   FIELD_PREP(SW_FDB_MAC_LO_FID, fid);
    c->evt_count++;
    c->sw_int_status |= SW_INT_FDB_LEARN;
    fsw_fe_irq_update(c);
}

static u32 fdb_evt_read(struct fsw_core *c)
{
    u32 val = c->evt_overflow ? SW_FDB_EVT_OVERFLOW : 0;

    if (c->evt_count) {
        val |= SW_FDB_EVT_VALID | c->evt_port[c->evt_head];
    }
    return val;
}

static void fdb_evt_pop(struct fsw_core *c)
{
    if (c->evt_count) {
        c->evt_head = (c->evt_head + 1) % SW_FDB_EVT_DEPTH;
        c->evt_count--;
    }
    c->evt_overflow = 0;
}

static void fdb_learn(struct fsw_core *c, int port, const u8 *sa, u16 fid)
{
    struct fsw_fdb_slot *s;

    if (sa[0] & 1) {
        return;     /* a multicast source is bogus */
    }
    s = fdb_find(c, sa, fid);
    if (s) {
        if (!s->is_static) {
            if (s->ports != BIT(port)) {
                fdb_learn_event(c, port, sa, fid);     /* a station moved */
            }
            s->ports = BIT(port);
            s->last_seen = c->now_s;
        }
        return;
    }
    s = fdb_alloc(c, sa, fid);
    if (!s) {
        return;
    }
    fdb_set(s, sa, fid, BIT(port), false, c->now_s);
    fdb_learn_event(c, port, sa, fid);
    fsw_event(c, FSW_EV_FDB_LEARN, port, get_be32(sa),
              (u32)get_be16(sa + 4) << 16 | fid);
}

void fsw_sw_tick(struct fsw_core *c)
{
    u32 age = FIELD_GET(SW_AGE_CFG_TIME, c->sw_age_cfg), i;

    if (!age) {
        return;
    }
    for (i = 0; i < SW_FDB_SIZE; i++) {
        struct fsw_fdb_slot *s = &c->fdb[i];

        if (s->valid && !s->is_static && c->now_s - s->last_seen > age) {
            s->valid = 0;
        }
    }
}

/* ---- egress ------------------------------------------------------------- */

static int tag_mode(struct fsw_core *c, const struct sw_frame *f, int port)
{
    const struct fsw_vlan *v = &c->vlan[f->vid];

    if (!f->aware) {
        return TAG_KEEP;
    }
    if (v->valid && (v->untagged & BIT(port))) {
        return f->tagged ? TAG_STRIP : TAG_KEEP;
    }
    return f->tagged ? TAG_KEEP : TAG_PUSH;
}

/*
 * Copy the frame to @out with its 802.1Q tag pushed or stripped per @mode
 * and, for the CPU port, the special tag carrying @stag_sport after the
 * source MAC.  Returns the new length.
 */
static u32 sw_build(u8 *out, const struct sw_frame *f, int mode, int stag_sport)
{
    const u8 *rest = f->buf + 2 * ETH_ALEN;
    u32 rlen = f->len - 2 * ETH_ALEN;
    u32 off = 2 * ETH_ALEN;

    memcpy(out, f->buf, off);
    if (stag_sport >= 0) {
        out[off] = 0;
        out[off + 1] = stag_sport & STAG_RX_SPORT;
        out[off + 2] = out[off + 3] = 0;
        off += STAG_LEN;
    }
    if (mode == TAG_STRIP) {
        rest += 4;
        rlen -= 4;
    } else if (mode == TAG_PUSH) {
        put_be16(out + off, ETH_P_8021Q);
        put_be16(out + off + 2, f->vid);
        off += 4;
    }
    memcpy(out + off, rest, rlen);
    return off + rlen;
}

static void port_xmit(struct fsw_core *c, int port, const u8 *buf, u32 len)
{
    struct fsw_sw_port *p = &c->port[port];

    if (!p->link) {
        p->tx_drops += fsw_frame_segs(c);
        return;
    }
    p->tx_pkts += fsw_frame_segs(c);
    p->tx_bytes += fsw_frame_bytes(c, len);
    c->ops->transmit(c->opaque, FSW_WIRE_LAN1 + port, buf, len, c->gso);
}

static void egress_user(struct fsw_core *c, int port, const struct sw_frame *f)
{
    int mode = tag_mode(c, f, port);
    u8 *out;

    if (mode == TAG_KEEP) {
        port_xmit(c, port, f->buf, f->len);
        return;
    }
    out = fsw_scratch_get(c);
    if (!out) {
        c->port[port].tx_drops += fsw_frame_segs(c);
        return;
    }
    port_xmit(c, port, out, sw_build(out, f, mode, -1));
    fsw_scratch_put(c);
}

static void egress_cpu(struct fsw_core *c, const struct sw_frame *f)
{
    struct fsw_sw_port *p = &c->port[SW_CPU_PORT];
    u8 *out = fsw_scratch_get(c);
    u32 len;

    if (!out) {
        p->tx_drops += fsw_frame_segs(c);
        return;
    }
    len = sw_build(out, f, tag_mode(c, f, SW_CPU_PORT), f->sport);
    p->tx_pkts += fsw_frame_segs(c);
    p->tx_bytes += fsw_frame_bytes(c, len);
    fsw_gdm_ingress(c, 0, out, len);
    fsw_scratch_put(c);
}

static void forward(struct fsw_core *c, const struct sw_frame *f, u32 mask)
{
    int p;

    for (p = 0; p < SW_NUM_USER_PORTS; p++) {
        u32 pcr = c->port[p].pcr;

        if (!(mask & BIT(p))) {
            continue;
        }
        if ((pcr & SW_PCR_ENABLE) &&
            FIELD_GET(SW_PCR_STP, pcr) == SW_STP_FORWARDING) {
            egress_user(c, p, f);
        }
    }
    if (mask & BIT(SW_CPU_PORT)) {
        egress_cpu(c, f);
    }
}

/* ---- ingress ------------------------------------------------------------ */

static bool classify(struct fsw_core *c, int port, struct sw_frame *f)
{
    struct fsw_sw_port *p = &c->port[port];
    const struct fsw_vlan *v;

    f->tagged = f->len >= ETH_HLEN + 4 &&
                get_be16(f->buf + 2 * ETH_ALEN) == ETH_P_8021Q;
    f->vid = f->tagged ? get_be16(f->buf + 14) & VLAN_VID_MASK : 0;
    if (!f->vid) {
        f->vid = FIELD_GET(SW_PVID_VID, p->pvid);
    }
    f->aware = p->pcr & SW_PCR_VLAN_FILTER;
    if (!f->aware) {
        return true;
    }
    v = &c->vlan[f->vid];
    return v->valid && (v->members & BIT(port));
}

/* 01:80:c2:00:00:0x: bridge protocols, never forwarded between ports */
static bool is_link_local(const u8 *da)
{
    static const u8 prefix[5] = { 0x01, 0x80, 0xc2, 0x00, 0x00 };

    return !memcmp(da, prefix, sizeof(prefix)) && !(da[5] & 0xf0);
}

static u32 dest_ports(struct fsw_core *c, int port, const struct sw_frame *f)
{
    u32 mask = c->port[port].matrix & SW_PORT_MASK & ~BIT(port);
    const u8 *da = f->buf;

    if (f->aware) {
        mask &= c->vlan[f->vid].members;
    }
    if (!(da[0] & 1)) {
        struct fsw_fdb_slot *s = fdb_find(c, da, f->aware ? f->vid : 0);

        /*
         * A destination on the ingress port is filtered; one this port
         * may not reach (another bridge, or a standalone port's view of a
         * bridged one) is unknown to it, so the frame floods.
         */
        if (s && (s->ports & BIT(port))) {
            return 0;
        }
        if (s && (mask & s->ports)) {
            mask &= s->ports;
        }
    }
    return mask;
}

bool fsw_sw_port_ingress(struct fsw_core *c, int port, const u8 *buf, u32 len)
{
    struct fsw_sw_port *p = &c->port[port];
    struct sw_frame f = { .buf = buf, .len = len, .sport = port };
    u32 stp = FIELD_GET(SW_PCR_STP, p->pcr);

    if (!p->link || !(p->pcr & SW_PCR_ENABLE) || len < ETH_HLEN ||
        stp == SW_STP_DISABLED ||
        (stp < SW_STP_LEARNING && !is_link_local(buf)) ||
        !classify(c, port, &f)) {
        p->rx_drops += fsw_frame_segs(c);
        return false;
    }
    p->rx_pkts += fsw_frame_segs(c);
    p->rx_bytes += fsw_frame_bytes(c, len);
    if ((p->pcr & SW_PCR_LEARN) && stp >= SW_STP_LEARNING) {
        fdb_learn(c, port, buf + ETH_ALEN, f.aware ? f.vid : 0);
    }
    /* Link-local frames (BPDUs, LLDP) reach the CPU in any STP state. */
    if (is_link_local(buf)) {
        forward(c, &f, BIT(SW_CPU_PORT) & p->matrix);
        return true;
    }
    if (stp != SW_STP_FORWARDING) {
        return false;
    }
    forward(c, &f, dest_ports(c, port, &f));
    return true;
}

/* fsw_sw_cpu_ingress(), with @frame to strip the tag in */
static void cpu_ingress_tagged(struct fsw_core *c, const u8 *buf, u32 len,
                               u8 *frame)
{
    struct fsw_sw_port *cpu = &c->port[SW_CPU_PORT];
    struct sw_frame f = { .buf = frame, .sport = -1 };
    u32 ports, kind, p;

    kind = buf[2 * ETH_ALEN];
    ports = buf[2 * ETH_ALEN + 1] & STAG_TX_PORTS & USER_PORTS_MASK;
    memcpy(frame, buf, len);
    if (kind == STAG_TX_UNTAGGED) {
        memmove(frame + 12, frame + 16, len - 16);
        f.len = len - STAG_LEN;
    } else if (kind == STAG_TX_TPID_8100 || kind == STAG_TX_TPID_88A8) {
        put_be16(frame + 12, kind == STAG_TX_TPID_8100 ? ETH_P_8021Q
                                                        : ETH_P_8021AD);
        f.len = len;
        f.tagged = kind == STAG_TX_TPID_8100;
        f.vid = get_be16(frame + 14) & VLAN_VID_MASK;
    } else {
        cpu->rx_drops += fsw_frame_segs(c);
        return;
    }
    cpu->rx_pkts += fsw_frame_segs(c);
    cpu->rx_bytes += fsw_frame_bytes(c, len);
    for (p = 0; p < SW_NUM_USER_PORTS; p++) {
        if (!(ports & BIT(p))) {
            continue;
        }
        if (!(c->port[p].pcr & SW_PCR_ENABLE)) {
            c->port[p].tx_drops += fsw_frame_segs(c);
            continue;
        }
        f.aware = f.tagged && (c->port[p].pcr & SW_PCR_VLAN_FILTER);
        egress_user(c, p, &f);
    }
}

/*
 * A frame from GMAC0 with the tag_mtk xmit tag.  An untagged one loses the
 * 4 tag bytes; a tagged one gets its TPID back in their place.
 */
void fsw_sw_cpu_ingress(struct fsw_core *c, const u8 *buf, u32 len)
{
    struct fsw_sw_port *cpu = &c->port[SW_CPU_PORT];
    u8 *frame;

    if (len < ETH_HLEN + STAG_LEN || len > FSW_GSO_FRAME_MAX) {
        cpu->rx_drops += fsw_frame_segs(c);
        return;
    }
    frame = fsw_scratch_get(c);
    if (!frame) {
        cpu->rx_drops += fsw_frame_segs(c);
        return;
    }
    cpu_ingress_tagged(c, buf, len, frame);
    fsw_scratch_put(c);
}

void fsw_sw_set_link(struct fsw_core *c, int port, bool up)
{
    if (c->port[port].link == (u32)up) {
        return;
    }
    c->port[port].link = up;
    fsw_event(c, FSW_EV_LINK, FSW_WIRE_LAN1 + port, up, 0);
    c->sw_int_status |= SW_INT_LINK;
    fsw_fe_irq_update(c);
}

/* ---- registers ---------------------------------------------------------- */

void fsw_sw_reset(struct fsw_core *c)
{
    int p;

    c->sw_int_status = c->sw_int_enable = 0;
    c->sw_age_cfg = SW_AGE_DEFAULT;
    c->fdb_cmd = c->fdb_mac_hi = c->fdb_mac_lo = 0;
    c->fdb_data = c->fdb_index = 0;
    c->vlan_cmd = c->vlan_data0 = c->vlan_data1 = 0;
    c->phy_iac = 0;
    c->evt_head = c->evt_count = c->evt_overflow = 0;
    for (p = 0; p < SW_NUM_PORTS; p++) {
        u32 link = c->port[p].link;

        memset(&c->port[p], 0, sizeof(c->port[p]));
        c->port[p].link = link;
        c->port[p].pvid = 1;
    }
    memset(c->fdb, 0, sizeof(c->fdb));
    memset(c->vlan, 0, sizeof(c->vlan));
}

static void fdb_reg_mac(struct fsw_core *c, u8 *mac, u16 *fid)
{
    put_be32(mac, c->fdb_mac_hi);
    put_be16(mac + 4, FIELD_GET(SW_FDB_MAC_LO_ADDR, c->fdb_mac_lo));
    *fid = FIELD_GET(SW_FDB_MAC_LO_FID, c->fdb_mac_lo);
}

static void fdb_slot_to_regs(struct fsw_core *c, const struct fsw_fdb_slot *s)
{
    u32 age = s->is_static ? 0 : c->now_s - s->last_seen;

    c->fdb_mac_hi = get_be32(s->mac);
    c->fdb_mac_lo = FIELD_PREP(SW_FDB_MAC_LO_ADDR, get_be16(s->mac + 4)) |
                    FIELD_PREP(SW_FDB_MAC_LO_FID, s->fid);
    c->fdb_data = FIELD_PREP(SW_FDB_DATA_PORTS, s->ports) |
                  (s->is_static ? SW_FDB_DATA_STATIC : 0) |
                  FIELD_PREP(SW_FDB_DATA_AGE, age > 0xffff ? 0xffff : age);
}

static void fdb_flush(struct fsw_core *c, u32 ports)
{
    u32 i;

    if (!ports) {
        ports = SW_PORT_MASK;
    }
    for (i = 0; i < SW_FDB_SIZE; i++) {
        if (!c->fdb[i].is_static && (c->fdb[i].ports & ports)) {
            c->fdb[i].valid = 0;
        }
    }
}

/*
 * Runs a command at once; FOUND reports READ/DUMP/DELETE hits and
 * WRITE success
 */
static void fdb_command(struct fsw_core *c, u32 cmd)
{
    struct fsw_fdb_slot *s = NULL;
    u8 mac[ETH_ALEN];
    u16 fid;
    bool found = false;

    fdb_reg_mac(c, mac, &fid);
    switch (FIELD_GET(SW_FDB_CMD_OP, cmd)) {
    case SW_FDB_OP_READ:
        s = fdb_find(c, mac, fid);
        found = s != NULL;
        if (found) {
            fdb_slot_to_regs(c, s);
        }
        break;
    case SW_FDB_OP_WRITE:
        s = fdb_find(c, mac, fid);
        s = s ? s : fdb_alloc(c, mac, fid);
        found = s != NULL;
        if (found) {
            fdb_set(s, mac, fid, FIELD_GET(SW_FDB_DATA_PORTS, c->fdb_data),
                    c->fdb_data & SW_FDB_DATA_STATIC, c->now_s);
        }
        break;
    case SW_FDB_OP_DELETE:
        s = fdb_find(c, mac, fid);
        found = s != NULL;
        if (found) {
            s->valid = 0;
        }
        break;
    case SW_FDB_OP_FLUSH:
        fdb_flush(c, FIELD_GET(SW_FDB_CMD_PORTS, cmd));
        break;
    case SW_FDB_OP_DUMP:
        if (c->fdb_index < SW_FDB_SIZE && c->fdb[c->fdb_index].valid) {
            fdb_slot_to_regs(c, &c->fdb[c->fdb_index]);
            found = true;
        }
        break;
    default:
        fsw_guest_error(c, "flowsw: bad FDB command");
        break;
    }
    c->fdb_cmd = (cmd & (SW_FDB_CMD_OP | SW_FDB_CMD_PORTS)) |
                 (found ? SW_FDB_CMD_FOUND : 0);
}

static void vlan_command(struct fsw_core *c, u32 cmd)
{
    struct fsw_vlan *v = &c->vlan[FIELD_GET(SW_VLAN_CMD_VID, cmd)];

    switch (FIELD_GET(SW_VLAN_CMD_OP, cmd)) {
    case SW_VLAN_OP_READ:
        c->vlan_data0 = FIELD_PREP(SW_VLAN_DATA0_MEMBERS, v->members) |
                        (v->valid ? SW_VLAN_DATA0_VALID : 0);
        c->vlan_data1 = FIELD_PREP(SW_VLAN_DATA1_UNTAGGED, v->untagged);
        break;
    case SW_VLAN_OP_WRITE:
        v->valid = !!(c->vlan_data0 & SW_VLAN_DATA0_VALID);
        v->members = FIELD_GET(SW_VLAN_DATA0_MEMBERS, c->vlan_data0);
        v->untagged = FIELD_GET(SW_VLAN_DATA1_UNTAGGED, c->vlan_data1);
        break;
    case SW_VLAN_OP_INVALIDATE:
        memset(v, 0, sizeof(*v));
        break;
    default:
        fsw_guest_error(c, "flowsw: bad VLAN command");
        break;
    }
    c->vlan_cmd = cmd & ~SW_VLAN_CMD_BUSY;
}

/* ---- internal PHYs ------------------------------------------------------ */

#define PHY_ID                  0x03a29412      /* MediaTek gigabit PHY */

static u16 phy_read(struct fsw_core *c, u32 addr, u32 reg)
{
    bool link;

    if (addr >= SW_NUM_USER_PORTS) {
        return 0xffff;      /* nobody answers */
    }
    link = c->port[addr].link;
    switch (reg) {
    case 0: return 0x1140;                      /* BMCR: aneg, 1000 full */
    case 1:                                     /* BMSR (+link, aneg done) */
        return 0x7909 | (link ? 0x0024 : 0);
    case 2: return PHY_ID >> 16;
    case 3: return PHY_ID & 0xffff;
    case 4: return 0x05e1;                      /* ADVERTISE: 10/100, pause */
    case 5:                                     /* LPA */
        return link ? 0x45e1 : 0;
    case 9: return 0x0200;                      /* CTRL1000: 1000 full */
    case 10:                                    /* STAT1000 */
        return link ? 0x3800 : 0;
    case 15: return 0x2000;                     /* ESTATUS: 1000T full */
    default: return 0;
    }
}

static void phy_command(struct fsw_core *c, u32 cmd)
{
    u32 addr = FIELD_GET(SW_PHY_IAC_ADDR, cmd);
    u32 reg = FIELD_GET(SW_PHY_IAC_REG, cmd);

    cmd &= ~SW_PHY_IAC_START;
    if (!(cmd & SW_PHY_IAC_WRITE)) {
        cmd = (cmd & ~SW_PHY_IAC_DATA) | phy_read(c, addr, reg);
    }
    c->phy_iac = cmd;
}

static u32 port_read(struct fsw_core *c, int port, u32 off)
{
    struct fsw_sw_port *p = &c->port[port];

    switch (off) {
    case 0x00: return p->pcr;
    case 0x04: return p->matrix;
    case 0x08: return p->pvid;
    case 0x0c:
        return p->link ? SW_PSTATUS_LINK : 0;
    case 0x40: return p->rx_pkts;
    case 0x44: return p->rx_bytes;
    case 0x48: return p->tx_pkts;
    case 0x4c: return p->tx_bytes;
    case 0x50: return p->rx_drops;
    case 0x54: return p->tx_drops;
    default: return 0;
    }
}

static void port_write(struct fsw_core *c, int port, u32 off, u32 val)
{
    struct fsw_sw_port *p = &c->port[port];

    switch (off) {
    case 0x00:
        p->pcr = val & (SW_PCR_ENABLE | SW_PCR_LEARN | SW_PCR_STP |
                        SW_PCR_VLAN_FILTER);
        break;
    case 0x04:
        p->matrix = val & SW_PORT_MASK;
        break;
    case 0x08:
        p->pvid = val & SW_PVID_VID;
        break;
    default:
        break;
    }
}

static bool port_reg(u32 addr, int *port)
{
    if (addr < SW_PORT_BASE(0) || addr >= SW_PORT_BASE(SW_NUM_PORTS)) {
        return false;
    }
    *port = (addr - SW_PORT_BASE(0)) / 0x100;
    return true;
}

u32 fsw_sw_read_locked(struct fsw_core *c, u32 addr)
{
    int port;

    if (port_reg(addr, &port)) {
        return port_read(c, port, addr & 0xff);
    }
    switch (addr) {
    case SW_ID: return SW_ID_VALUE;
    case SW_INT_STATUS: return c->sw_int_status;
    case SW_INT_ENABLE: return c->sw_int_enable;
    case SW_AGE_CFG: return c->sw_age_cfg;
    case SW_FDB_CMD: return c->fdb_cmd;
    case SW_FDB_MAC_HI: return c->fdb_mac_hi;
    case SW_FDB_MAC_LO: return c->fdb_mac_lo;
    case SW_FDB_DATA: return c->fdb_data;
    case SW_FDB_INDEX: return c->fdb_index;
    case SW_FDB_EVT: return fdb_evt_read(c);
    case SW_FDB_EVT_HI:
        return c->evt_count ? c->evt_hi[c->evt_head] : 0;
    case SW_FDB_EVT_LO:
        return c->evt_count ? c->evt_lo[c->evt_head] : 0;
    case SW_VLAN_CMD: return c->vlan_cmd;
    case SW_VLAN_DATA0: return c->vlan_data0;
    case SW_VLAN_DATA1: return c->vlan_data1;
    case SW_PHY_IAC: return c->phy_iac;
    default:
        fsw_guest_error(c, "read of an undefined switch register");
        return 0;
    }
}

void fsw_sw_write_locked(struct fsw_core *c, u32 addr, u32 val)
{
    int port;

    if (port_reg(addr, &port)) {
        port_write(c, port, addr & 0xff, val);
        return;
    }
    switch (addr) {
    case SW_INT_STATUS:
        c->sw_int_status &= ~val;
        fsw_fe_irq_update(c);
        break;
    case SW_INT_ENABLE:
        c->sw_int_enable = val & (SW_INT_LINK | SW_INT_FDB_LEARN);
        fsw_fe_irq_update(c);
        break;
    case SW_AGE_CFG:
        c->sw_age_cfg = val & SW_AGE_CFG_TIME;
        break;
    case SW_FDB_CMD:
        fdb_command(c, val);
        break;
    case SW_FDB_EVT:
        if (val & SW_FDB_EVT_POP) {
            fdb_evt_pop(c);
        }
        break;
    case SW_FDB_MAC_HI:
        c->fdb_mac_hi = val;
        break;
    case SW_FDB_MAC_LO:
        c->fdb_mac_lo = val & (SW_FDB_MAC_LO_ADDR | SW_FDB_MAC_LO_FID);
        break;
    case SW_FDB_DATA:
        c->fdb_data = val & (SW_FDB_DATA_PORTS | SW_FDB_DATA_STATIC);
        break;
    case SW_FDB_INDEX:
        c->fdb_index = val;
        break;
    case SW_VLAN_CMD:
        vlan_command(c, val);
        break;
    case SW_VLAN_DATA0:
        c->vlan_data0 = val & (SW_VLAN_DATA0_MEMBERS | SW_VLAN_DATA0_VALID);
        break;
    case SW_VLAN_DATA1:
        c->vlan_data1 = val & SW_VLAN_DATA1_UNTAGGED;
        break;
    case SW_PHY_IAC:
        if (val & SW_PHY_IAC_START) {
            phy_command(c, val);
        }
        break;
    default:
        fsw_guest_error(c, "write to an undefined switch register");
        break;
    }
}
