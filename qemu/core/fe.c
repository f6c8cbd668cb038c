/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * flowsw model core: frame engine.  Global registers, interrupts, the PDMA
 * TX and RX rings, and the two GMACs with their GDM forwarding.
 *
 * Ring ownership (MediaTek PDMA semantics):
 *  - TX: the CPU fills descriptors and moves TX_CPU_IDX past them; the DMA
 *    sends every descriptor from TX_DMA_IDX up to TX_CPU_IDX, sets DDONE and
 *    advances TX_DMA_IDX.
 *  - RX: RX_CPU_IDX is the last descriptor the CPU gave back.  The DMA fills
 *    the descriptor at RX_DMA_IDX only while RX_DMA_IDX != RX_CPU_IDX and its
 *    DDONE is clear, so one descriptor always stays between them and a ring
 *    of N descriptors holds at most N - 1 frames (the driver starts with
 *    CPU_IDX = N - 1).  When no descriptor is free the frame is dropped and
 *    counted in the source GMAC's rx_drops.
 */
#include "flowsw_int.h"

/* ---- interrupts and DMA errors ------------------------------------------ */

/*
 * The lines are driven on every update rather than on changes only, so no
 * "last level" state is needed (nothing extra to migrate).
 */
void fsw_fe_irq_update(struct fsw_core *c)
{
    c->ops->set_irq(c->opaque, FSW_IRQ_FE, c->int_status & c->int_enable);
    c->ops->set_irq(c->opaque, FSW_IRQ_SW,
                    c->sw_int_status & c->sw_int_enable);
}

void fsw_fe_raise(struct fsw_core *c, u32 bits)
{
    c->int_status |= bits;
    fsw_fe_irq_update(c);
}

/*
 * The first error is latched with its address until DMA_ERR is acked.  A
 * PDMA error stops the PDMA, as a hung DMA does on MediaTek's frame
 * engines: nothing moves until software resets the frame engine (or turns
 * the DMA on again).  The PPE's table errors only lose that access.
 */
void fsw_dma_error(struct fsw_core *c, u32 code, u64 addr)
{
    if (code <= FE_DMA_ERR_RING_SIZE) {
        c->pdma_glo_cfg &= ~(PDMA_GLO_TX_DMA_EN | PDMA_GLO_RX_DMA_EN);
    }
    if (!c->dma_err) {
        c->dma_err = code;
        c->dma_err_addr_lo = (u32)addr;
        c->dma_err_addr_hi = (u32)(addr >> 32);
    }
    fsw_event(c, FSW_EV_DMA_ERROR, code, (u32)addr, (u32)(addr >> 32));
    fsw_fe_raise(c, FE_INT_DMA_ERR);
}

/* ---- descriptors -------------------------------------------------------- */

static bool ring_size_ok(struct fsw_core *c, struct fsw_ring *r)
{
    if (r->max_cnt == 0 || r->max_cnt > PDMA_RING_MAX) {
        fsw_dma_error(c, FE_DMA_ERR_RING_SIZE, r->max_cnt);
        return false;
    }
    return true;
}

static u64 desc_addr(struct fsw_ring *r, u32 idx)
{
    return fsw_addr64(r->base_lo, r->base_hi) + (u64)idx * DMA_DESC_SIZE;
}

static bool desc_read(struct fsw_core *c, struct fsw_ring *r, u32 idx,
                      struct flowsw_dma_desc *d, u32 err)
{
    u64 a = desc_addr(r, idx);

    if (c->ops->dma_read(c->opaque, a, d, sizeof(*d))) {
        fsw_dma_error(c, err, a);
        return false;
    }
    return true;
}

static bool desc_write(struct fsw_core *c, struct fsw_ring *r, u32 idx,
                       const struct flowsw_dma_desc *d, u32 err)
{
    u64 a = desc_addr(r, idx);

    if (c->ops->dma_write(c->opaque, a, d, sizeof(*d))) {
        fsw_dma_error(c, err, a);
        return false;
    }
    return true;
}

/* ---- GMACs -------------------------------------------------------------- */

/* A frame leaves the frame engine through a GMAC. */
void fsw_gmac_xmit(struct fsw_core *c, int gmac, const u8 *buf, u32 len)
{
    struct fsw_gmac *g = &c->gmac[gmac];

    if (!g->link) {
        g->tx_drops += fsw_frame_segs(c);
        return;
    }
    g->tx_pkts += fsw_frame_segs(c);
    g->tx_bytes += fsw_frame_bytes(c, len);
    if (gmac == 0) {
        fsw_sw_cpu_ingress(c, buf, len);
    } else {
        c->ops->transmit(c->opaque, FSW_WIRE_WAN, buf, len, c->gso);
    }
}

static void gdm_ingress_seg(struct fsw_core *c, const u8 *seg, u32 len,
                            void *arg)
{
    fsw_gdm_ingress(c, *(const int *)arg, seg, len);
}

/*
 * A frame enters the frame engine through a GMAC: GMAC0 from the switch CPU
 * port (with the special tag, whose 4 bytes do not count against the MTU),
 * GMAC1 from the WAN wire.  GDM_FWD_CFG says where it goes.  A GSO frame
 * whose longest segment is too long is cut: the segments that fit go on.
 */
bool fsw_gdm_ingress(struct fsw_core *c, int gmac, const u8 *buf, u32 len)
{
    struct fsw_gmac *g = &c->gmac[gmac];
    u32 max = g->max_len + (gmac == 0 ? STAG_LEN : 0);
    u32 sport = gmac == 0 ? PSE_PORT_GMAC0 : PSE_PORT_GMAC1;
    u32 dest = FIELD_GET(GDM_FWD_DEST, g->fwd_cfg);
    u32 drops = g->rx_drops;

    if (fsw_frame_mtu_len(c, len) > max || len < ETH_HLEN) {
        if (c->gso) {
            fsw_gso_cut_current(c, buf, len, gdm_ingress_seg, &gmac);
            return g->rx_drops == drops;
        }
        g->rx_drops++;
        return false;
    }
    g->rx_pkts += fsw_frame_segs(c);
    g->rx_bytes += fsw_frame_bytes(c, len);
    switch (dest) {
    case PSE_PORT_CPU:
        fsw_pdma_rx(c, buf, len, RXD_FOE_ENTRY_NONE, CPU_REASON_NONE, sport);
        break;
    case PSE_PORT_PPE:
        fsw_ppe_ingress(c, sport, buf, len);
        break;
    case PSE_PORT_GMAC0:
    case PSE_PORT_GMAC1:
        fsw_gmac_xmit(c, dest - PSE_PORT_GMAC0, buf, len);
        break;
    default:
        break;  /* PSE_PORT_DROP and unused ports */
    }
    return true;
}

/* ---- PDMA RX ------------------------------------------------------------ */

static bool rx_fill(struct fsw_core *c, struct flowsw_dma_desc *d,
                    const u8 *buf, u32 len, u32 info)
{
    u64 a = fsw_addr64(d->buf_lo, d->buf_hi);

    if (FIELD_GET(DESC_CTRL_LEN, d->ctrl) < len ||
        c->ops->dma_write(c->opaque, a, buf, len)) {
        fsw_dma_error(c, FE_DMA_ERR_RX_BUF, a);
        return false;
    }
    d->ctrl = DESC_CTRL_DDONE | DESC_CTRL_LS | FIELD_PREP(DESC_CTRL_LEN, len);
    d->info = info;
    return true;
}

struct pdma_rx_args {
    u32 foe_idx, reason, sport;
};

static void pdma_rx_seg(struct fsw_core *c, const u8 *seg, u32 len, void *arg)
{
    const struct pdma_rx_args *a = arg;

    fsw_pdma_rx(c, seg, len, a->foe_idx, a->reason, a->sport);
}

/**
 * fsw_pdma_rx() - hand a frame to the CPU through the RX ring
 * @c: core
 * @buf: frame as it will appear in guest memory
 * @len: frame length
 * @foe_idx: FOE index for the report, RXD_FOE_ENTRY_NONE if none
 * @reason: enum flowsw_cpu_reason
 * @sport: PSE_PORT_GMAC0/1 the frame came from
 *
 * The CPU gets the segments of a GSO frame, each with its own descriptor.
 *
 * Return: true if the frame (or every segment) was written to the ring.
 */
bool fsw_pdma_rx(struct fsw_core *c, const u8 *buf, u32 len,
                 u32 foe_idx, u32 reason, u32 sport)
{
    struct fsw_ring *r = &c->rx;
    struct fsw_gmac *g = &c->gmac[sport == PSE_PORT_GMAC1 ? 1 : 0];
    struct flowsw_dma_desc d;
    u32 info = FIELD_PREP(RXD_INFO_FOE_ENTRY, foe_idx) |
               FIELD_PREP(RXD_INFO_CRSN, reason) |
               FIELD_PREP(RXD_INFO_SPORT, sport);

    if (c->gso) {
        struct pdma_rx_args a = { foe_idx, reason, sport };
        u32 drops = g->rx_drops;

        fsw_gso_cut_current(c, buf, len, pdma_rx_seg, &a);
        return g->rx_drops == drops;
    }
    fsw_event(c, FSW_EV_CPU_REPORT, foe_idx, reason, sport);
    if (!(c->pdma_glo_cfg & PDMA_GLO_RX_DMA_EN) || !ring_size_ok(c, r) ||
        len > DESC_MAX_LEN) {
        g->rx_drops++;
        return false;
    }
    if (r->dma_idx >= r->max_cnt) {
        r->dma_idx = 0;
    }
    if (r->dma_idx == r->cpu_idx % r->max_cnt ||
        !desc_read(c, r, r->dma_idx, &d, FE_DMA_ERR_RX_RING) ||
        (d.ctrl & DESC_CTRL_DDONE)) {
        g->rx_drops++;
        return false;
    }
    if (!rx_fill(c, &d, buf, len, info) ||
        !desc_write(c, r, r->dma_idx, &d, FE_DMA_ERR_RX_RING)) {
        g->rx_drops++;
        return false;
    }
    fsw_event(c, FSW_EV_RX_DESC, r->dma_idx, d.ctrl, d.info);
    r->dma_idx = (r->dma_idx + 1) % r->max_cnt;
    c->pdma_rx_pkts++;
    fsw_fe_raise(c, FE_INT_RX_DONE);
    return true;
}

/* ---- PDMA TX ------------------------------------------------------------ */

static void tx_dispatch(struct fsw_core *c, u32 fport, const u8 *buf, u32 len)
{
    switch (fport) {
    case PSE_PORT_GMAC0:
        fsw_gmac_xmit(c, 0, buf, len);
        break;
    case PSE_PORT_GMAC1:
        if (len > c->gmac[1].max_len) {
            c->gmac[1].tx_drops++;
            break;
        }
        fsw_gmac_xmit(c, 1, buf, len);
        break;
    case PSE_PORT_PPE:
        /* The CPU hands a plain Ethernet frame to the PPE */
        fsw_ppe_ingress(c, PSE_PORT_CPU, buf, len);
        break;
    default:
        fsw_guest_error(c, "flowsw: TX descriptor with bad forward port");
        break;
    }
}

/*
 * Send one descriptor.  A bad buffer latches TX_BUF but the descriptor is
 * still completed so the driver can reclaim it.  Returns false if the ring
 * itself is unreachable, which stops the DMA.
 */
static bool tx_one(struct fsw_core *c, u8 *frame)
{
    struct fsw_ring *r = &c->tx;
    struct flowsw_dma_desc d;
    u32 len;
    u64 a;

    if (!desc_read(c, r, r->dma_idx, &d, FE_DMA_ERR_TX_RING)) {
        return false;
    }
    fsw_event(c, FSW_EV_TX_DESC, r->dma_idx, d.ctrl, d.info);
    len = FIELD_GET(DESC_CTRL_LEN, d.ctrl);
    a = fsw_addr64(d.buf_lo, d.buf_hi);
    if (len == 0 || c->ops->dma_read(c->opaque, a, frame, len)) {
        fsw_dma_error(c, FE_DMA_ERR_TX_BUF, a);
    } else {
        tx_dispatch(c, FIELD_GET(TXD_INFO_FPORT, d.info), frame, len);
    }
    d.ctrl |= DESC_CTRL_DDONE;
    if (!desc_write(c, r, r->dma_idx, &d, FE_DMA_ERR_TX_RING)) {
        return false;
    }
    r->dma_idx = (r->dma_idx + 1) % r->max_cnt;
    return true;
}

static void pdma_tx_kick(struct fsw_core *c)
{
    struct fsw_ring *r = &c->tx;
    bool done = false;
    u8 *frame;

    if (!(c->pdma_glo_cfg & PDMA_GLO_TX_DMA_EN) || !ring_size_ok(c, r)) {
        return;
    }
    if (r->cpu_idx >= r->max_cnt || r->dma_idx >= r->max_cnt) {
        fsw_guest_error(c, "flowsw: TX index beyond ring size");
        return;
    }
    frame = fsw_scratch_get(c);
    if (!frame) {
        return;         /* descriptors wait for the next kick */
    }
    while (r->dma_idx != r->cpu_idx) {
        if (!tx_one(c, frame)) {
            break;
        }
        done = true;
    }
    fsw_scratch_put(c);
    if (done) {
        fsw_fe_raise(c, FE_INT_TX_DONE);
    }
}

/* ---- registers ---------------------------------------------------------- */

static void gmac_reset(struct fsw_gmac *g, u32 link)
{
    memset(g, 0, sizeof(*g));
    g->max_len = GMAC_MAX_LEN_DEFAULT;
    g->fwd_cfg = PSE_PORT_CPU;
    g->link = link;
}

/*
 * FE_GLO_CFG_RESET: the frame engine's registers, PDMA, GMACs and PPE.  The
 * switch is another block with a driver of its own, as on MediaTek's SoCs,
 * and keeps its state; so does the FOE timestamp, which its FDB ages by.
 * Wire carriers are physical state and survive; interrupt lines are
 * lowered.
 */
static void fsw_fe_reset_locked(struct fsw_core *c)
{
    u32 wan_link = c->gmac[1].link;

    c->int_status = c->int_enable = 0;
    c->dma_err = c->dma_err_addr_lo = c->dma_err_addr_hi = 0;
    c->pdma_glo_cfg = 0;
    memset(&c->tx, 0, sizeof(c->tx));
    memset(&c->rx, 0, sizeof(c->rx));
    gmac_reset(&c->gmac[0], 1);
    gmac_reset(&c->gmac[1], wan_link);
    fsw_ppe_reset(c);
    fsw_fe_irq_update(c);
}

/* The device's reset: the frame engine, the switch and the timestamp. */
void fsw_core_reset_locked(struct fsw_core *c)
{
    c->now_s = 0;
    fsw_sw_reset(c);
    fsw_fe_reset_locked(c);
}

static u32 gmac_read(struct fsw_core *c, int id, u32 off)
{
    struct fsw_gmac *g = &c->gmac[id];

    switch (off) {
    case 0x00: return g->mcr;
    case 0x04:
        return g->link ? GMAC_STATUS_LINK : 0;
    case 0x08: return g->mac_hi;
    case 0x0c: return g->mac_lo;
    case 0x10: return g->max_len;
    case 0x14: return g->fwd_cfg;
    case 0x40: return (u32)g->rx_pkts;
    case 0x44: return (u32)g->rx_bytes;
    case 0x48: return (u32)(g->rx_bytes >> 32);
    case 0x4c: return (u32)g->tx_pkts;
    case 0x50: return (u32)g->tx_bytes;
    case 0x54: return (u32)(g->tx_bytes >> 32);
    case 0x58: return g->rx_drops;
    case 0x5c: return g->tx_drops;
    case 0x60: return g->rx_ppe_fwd;
    default: return 0;
    }
}

static void gmac_write(struct fsw_core *c, int id, u32 off, u32 val)
{
    struct fsw_gmac *g = &c->gmac[id];

    switch (off) {
    case 0x00:
        g->mcr = val & (GMAC_MCR_TX_EN | GMAC_MCR_RX_EN);
        break;
    case 0x08:
        g->mac_hi = val & 0xffff;
        break;
    case 0x0c:
        g->mac_lo = val;
        break;
    case 0x10:
        if (val < ETH_HLEN || val > GMAC_MAX_LEN_LIMIT) {
            fsw_guest_error(c, "flowsw: GMAC_MAX_LEN out of range");
            val = val < ETH_HLEN ? ETH_HLEN : GMAC_MAX_LEN_LIMIT;
        }
        g->max_len = val;
        break;
    case 0x14:
        g->fwd_cfg = val & GDM_FWD_DEST;
        break;
    default:
        break;
    }
}

u32 fsw_fe_read_locked(struct fsw_core *c, u32 addr)
{
    if (addr >= GMAC_BASE(0) && addr < GMAC_BASE(FE_NUM_GMACS)) {
        return gmac_read(c, (addr - GMAC_BASE(0)) / 0x100, addr & 0xff);
    }
    if (addr >= PPE_BASE && addr < PPE_BASE + 0x100) {
        return fsw_ppe_read(c, addr);
    }
    switch (addr) {
    case FE_ID: return FE_ID_VALUE;
    case FE_GLO_CFG: return 0;
    case FE_INT_STATUS: return c->int_status;
    case FE_INT_ENABLE: return c->int_enable;
    case FE_DMA_ERR: return c->dma_err;
    case FE_DMA_ERR_ADDR_LO: return c->dma_err_addr_lo;
    case FE_DMA_ERR_ADDR_HI: return c->dma_err_addr_hi;
    case FE_FOE_TS: return c->now_s & FE_FOE_TS_MASK;
    case PDMA_TX_BASE_LO: return c->tx.base_lo;
    case PDMA_TX_BASE_HI: return c->tx.base_hi;
    case PDMA_TX_MAX_CNT: return c->tx.max_cnt;
    case PDMA_TX_CPU_IDX: return c->tx.cpu_idx;
    case PDMA_TX_DMA_IDX: return c->tx.dma_idx;
    case PDMA_RX_BASE_LO: return c->rx.base_lo;
    case PDMA_RX_BASE_HI: return c->rx.base_hi;
    case PDMA_RX_MAX_CNT: return c->rx.max_cnt;
    case PDMA_RX_CPU_IDX: return c->rx.cpu_idx;
    case PDMA_RX_DMA_IDX: return c->rx.dma_idx;
    case PDMA_GLO_CFG: return c->pdma_glo_cfg;
    default:
        fsw_guest_error(c, "read of an undefined frame engine register");
        return 0;
    }
}

static void fe_int_ack(struct fsw_core *c, u32 val)
{
    c->int_status &= ~val;
    if (val & FE_INT_DMA_ERR) {
        c->dma_err = c->dma_err_addr_lo = c->dma_err_addr_hi = 0;
    }
    fsw_fe_irq_update(c);
}

static void pdma_rst_idx(struct fsw_core *c, u32 val)
{
    if (val & PDMA_RST_DTX_IDX) {
        c->tx.cpu_idx = c->tx.dma_idx = 0;
    }
    if (val & PDMA_RST_DRX_IDX) {
        c->rx.cpu_idx = c->rx.dma_idx = 0;
    }
}

void fsw_fe_write_locked(struct fsw_core *c, u32 addr, u32 val)
{
    if (addr >= GMAC_BASE(0) && addr < GMAC_BASE(FE_NUM_GMACS)) {
        gmac_write(c, (addr - GMAC_BASE(0)) / 0x100, addr & 0xff, val);
        return;
    }
    if (addr >= PPE_BASE && addr < PPE_BASE + 0x100) {
        fsw_ppe_write(c, addr, val);
        return;
    }
    switch (addr) {
    case FE_GLO_CFG:
        if (val & FE_GLO_CFG_RESET) {
            fsw_fe_reset_locked(c);
        }
        break;
    case FE_INT_STATUS:
        fe_int_ack(c, val);
        break;
    case FE_INT_ENABLE:
        c->int_enable = val & (FE_INT_RX_DONE | FE_INT_TX_DONE |
                               FE_INT_DMA_ERR | FE_INT_LINK);
        fsw_fe_irq_update(c);
        break;
    case PDMA_TX_BASE_LO:
        c->tx.base_lo = val;
        break;
    case PDMA_TX_BASE_HI:
        c->tx.base_hi = val;
        break;
    case PDMA_TX_MAX_CNT:
        c->tx.max_cnt = val;
        break;
    case PDMA_TX_CPU_IDX:
        c->tx.cpu_idx = val;
        pdma_tx_kick(c);
        break;
    case PDMA_RX_BASE_LO:
        c->rx.base_lo = val;
        break;
    case PDMA_RX_BASE_HI:
        c->rx.base_hi = val;
        break;
    case PDMA_RX_MAX_CNT:
        c->rx.max_cnt = val;
        break;
    case PDMA_RX_CPU_IDX:
        c->rx.cpu_idx = val;
        break;
    case PDMA_GLO_CFG:
        c->pdma_glo_cfg = val & (PDMA_GLO_TX_DMA_EN | PDMA_GLO_RX_DMA_EN);
        pdma_tx_kick(c);    /* descriptors queued while the DMA was off */
        break;
    case PDMA_RST_IDX:
        pdma_rst_idx(c, val);
        break;
    default:
        fsw_guest_error(c, "write to an undefined frame engine register");
        break;
    }
}

/* ---- wires -------------------------------------------------------------- */

/*
 * Returns false if the frame was dropped where it entered the device (link
 * down, too long, port disabled, STP or VLAN filtering); what happens to it
 * further inside is not reported.
 */
bool fsw_wire_receive_locked(struct fsw_core *c, int wire, const u8 *buf,
                             u32 len)
{
    if (len > (c->gso ? FSW_GSO_FRAME_MAX : FSW_FRAME_MAX)) {
        return false;
    }
    if (wire >= FSW_WIRE_LAN1 && wire <= FSW_WIRE_LAN4) {
        return fsw_sw_port_ingress(c, wire - FSW_WIRE_LAN1, buf, len);
    }
    if (wire == FSW_WIRE_WAN) {
        if (!c->gmac[1].link) {
            c->gmac[1].rx_drops += fsw_frame_segs(c);
            return false;
        }
        return fsw_gdm_ingress(c, 1, buf, len);
    }
    return false;
}

void fsw_wire_set_link_locked(struct fsw_core *c, int wire, bool up)
{
    if (wire >= FSW_WIRE_LAN1 && wire <= FSW_WIRE_LAN4) {
        fsw_sw_set_link(c, wire - FSW_WIRE_LAN1, up);
    } else if (wire == FSW_WIRE_WAN) {
        if (c->gmac[1].link == (u32)up) {
            return;
        }
        c->gmac[1].link = up;
        fsw_event(c, FSW_EV_LINK, wire, up, 0);
        fsw_fe_raise(c, FE_INT_LINK);
    }
}

void fsw_core_tick_locked(struct fsw_core *c)
{
    c->now_s++;
    fsw_sw_tick(c);
    fsw_ppe_tick(c);
}
