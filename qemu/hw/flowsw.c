/*
 * flowsw: frame engine, 4-port switch and PPE flow offload engine
 *
 * A thin QOM shell around the model core in core/: it maps the two MMIO
 * regions (frame engine, switch) onto the core's register functions, gives
 * the core DMA access to guest RAM only, drives two interrupt lines, wires
 * the four switch user ports and the WAN GMAC to netdevs, and ticks the FOE
 * timestamp once per second of virtual time.
 *
 * A wire is either a netdev (lan1=..., served in QEMU's main loop) or a tap
 * the device opens itself or is given (lan1-tap=IFNAME, lan1-fd=N, served
 * by the device's own data plane thread, see flowsw-dataplane.c), never a
 * mix of both: only
 * device taps forward beside the guest's CPU as silicon does.  A wire's
 * carrier is the runtime property <wire>-link (qom-set), and for a netdev
 * also its set_link state.
 *
 * With gso=on, tap wires exchange virtio-net headers with offloads on: the
 * host may send TSO frames and checksum-offloaded frames, and the core's
 * GSO frames go out whole (see struct fsw_gso).  That only makes the
 * emulation faster; what the guest and the counters see stays per segment.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "qemu/iov.h"
#include "qemu/main-loop.h"
#include "qemu/module.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "qapi/visitor.h"
#include "exec/address-spaces.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "hw/sysbus.h"
#include "hw/net/flowsw.h"
#include "migration/vmstate.h"
#include "monitor/hmp.h"
#include "monitor/monitor.h"
#include "net/checksum.h"
#include "net/net.h"
#include "standard-headers/linux/virtio_net.h"
#include "sysemu/dma.h"
#include "sysemu/runstate.h"
#include "trace.h"

#include "flowsw-dataplane.h"

#include "flowsw_core.h"
#include "flowsw_dump.h"

OBJECT_DECLARE_SIMPLE_TYPE(FlowswState, FLOWSW)

static const char *const flowsw_wire_names[FSW_NUM_WIRES] = {
    "lan1", "lan2", "lan3", "lan4", "wan",
};

typedef struct FlowswNetdevFrame {
    QSIMPLEQ_ENTRY(FlowswNetdevFrame) next;
    int wire;
    size_t len;
    uint8_t data[];     /* the virtio_net_hdr if the wire has one, a frame */
} FlowswNetdevFrame;

struct FlowswState {
    SysBusDevice parent_obj;

    MemoryRegion fe_mmio;
    MemoryRegion sw_mmio;
    qemu_irq irq[FSW_NUM_IRQS];
    NICConf conf[FSW_NUM_WIRES];
    NICState *nic[FSW_NUM_WIRES];
    bool vnet_hdr[FSW_NUM_WIRES];   /* wire exchanges virtio_net_hdr */
    bool gso;                       /* property: use vnet headers */
    char *tap[FSW_NUM_WIRES];       /* property: device tap of a wire */
    int32_t tap_fd[FSW_NUM_WIRES];  /* property: the same, as an open fd */
    bool link[FSW_NUM_WIRES];       /* property: carrier of a wire */
    bool plumbing;                  /* property x-plumbing, see there */
    FlowswDataplane dp;
    /* levels set from the data plane, applied under the BQL by irq_bh */
    bool irq_level[FSW_NUM_IRQS];
    QEMUBH *irq_bh;
    VMChangeStateEntry *vmse;
    /* frames for netdev wires, sent from netdev_bh */
    QSIMPLEQ_HEAD(, FlowswNetdevFrame) netdev_queue;
    unsigned int netdev_queued;
    bool netdev_sending;            /* netdev_bh is sending */
    QEMUBH *netdev_bh;
    QEMUTimer *netdev_loop_timer;   /* sends what the sending looped back */
    QEMUTimer *tick;

    struct fsw_core core;
};

/*
 * The core may only reach guest RAM: a descriptor or table pointing at
 * another device's MMIO is a DMA error, not a register access.
 */
static bool flowsw_range_is_ram(hwaddr addr, hwaddr len, bool is_write)
{
    RCU_READ_LOCK_GUARD();

    while (len) {
        hwaddr xlat, l = len;
        MemoryRegion *mr;

        mr = address_space_translate(&address_space_memory, addr, &xlat, &l,
                                     is_write, MEMTXATTRS_UNSPECIFIED);
        if (!memory_region_is_ram(mr) || memory_region_is_rom(mr) || !l) {
            return false;
        }
        addr += l;
        len -= l;
    }
    return true;
}

static int flowsw_dma_read(void *opaque, u64 addr, void *buf, u32 len)
{
    if (addr + len < addr || !flowsw_range_is_ram(addr, len, false)) {
        return -1;
    }
    return dma_memory_read(&address_space_memory, addr, buf, len,
                           MEMTXATTRS_UNSPECIFIED) != MEMTX_OK;
}

static int flowsw_dma_write(void *opaque, u64 addr, const void *buf, u32 len)
{
    if (addr + len < addr || !flowsw_range_is_ram(addr, len, true)) {
        return -1;
    }
    return dma_memory_write(&address_space_memory, addr, buf, len,
                            MEMTXATTRS_UNSPECIFIED) != MEMTX_OK;
}

/*
 * The PPE updates an entry's ib1 while the guest's CPUs may be writing the
 * same word (they do not take the BQL): compare and exchange on the word
 * itself.  An unaligned word cannot be exchanged atomically; no driver puts
 * the table there, and the PPE then leaves the entry alone.
 */
static int flowsw_dma_cmpxchg32(void *opaque, u64 addr, u32 old, u32 new)
{
    hwaddr len = sizeof(uint32_t);
    uint32_t *word, seen;

    if ((addr & 3) || !flowsw_range_is_ram(addr, len, true)) {
        return -1;
    }
    word = address_space_map(&address_space_memory, addr, &len, true,
                             MEMTXATTRS_UNSPECIFIED);
    if (!word) {
        return -1;
    }
    if (len < sizeof(uint32_t)) {
        address_space_unmap(&address_space_memory, word, len, true, 0);
        return -1;
    }
    seen = qatomic_cmpxchg(word, old, new);
    address_space_unmap(&address_space_memory, word, len, true,
                        seen == old ? len : 0);
    return seen != old;
}

/*
 * A frame for a netdev wire waits for a bottom half: the core's lock is
 * held here, and a netdev may deliver synchronously (a hub, or a peer that
 * is another wire of this device), which would enter the core again.  Each
 * hop through a hub loop also goes back to the main loop that way, so a
 * broadcast storm between two wires on one hub is a storm, as on silicon,
 * not a livelock of QEMU.  Frames that a send loops straight back into the
 * device wait four times as long as that send took (FLOWSW_NETDEV_LOOP_NS
 * at least), so that a storm takes at most a fifth of the main loop and
 * leaves the BQL to the vCPUs.  Beyond FLOWSW_NETDEV_QUEUE frames the wire
 * drops them, as a NIC whose queue is full.
 */
#define FLOWSW_NETDEV_QUEUE     1024
#define FLOWSW_NETDEV_LOOP_NS   (100 * SCALE_US)

static void flowsw_netdev_queue(FlowswState *s, int wire,
                                const struct iovec *iov, int iovcnt)
{
    size_t len = iov_size(iov, iovcnt);
    FlowswNetdevFrame *f;

    assert(qemu_mutex_iothread_locked());
    if (s->netdev_queued >= FLOWSW_NETDEV_QUEUE) {
        trace_flowsw_wire_drop(wire, ENOBUFS);
        return;
    }
    f = g_malloc(sizeof(*f) + len);
    f->wire = wire;
    f->len = len;
    iov_to_buf(iov, iovcnt, 0, f->data, len);
    QSIMPLEQ_INSERT_TAIL(&s->netdev_queue, f, next);
    s->netdev_queued++;
    if (!s->netdev_sending) {
        qemu_bh_schedule(s->netdev_bh);
    }
}

/* What was queued until now; frames these lead to wait for the next run */
static void flowsw_netdev_bh(void *opaque)
{
    FlowswState *s = opaque;
    QSIMPLEQ_HEAD(, FlowswNetdevFrame) batch;
    int64_t start = qemu_clock_get_ns(QEMU_CLOCK_REALTIME), now;
    FlowswNetdevFrame *f;

    QSIMPLEQ_INIT(&batch);
    QSIMPLEQ_CONCAT(&batch, &s->netdev_queue);
    s->netdev_queued = 0;
    s->netdev_sending = true;
    while ((f = QSIMPLEQ_FIRST(&batch))) {
        QSIMPLEQ_REMOVE_HEAD(&batch, next);
        qemu_send_packet(qemu_get_queue(s->nic[f->wire]), f->data, f->len);
        g_free(f);
    }
    s->netdev_sending = false;
    if (!QSIMPLEQ_EMPTY(&s->netdev_queue)) {
        now = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
        timer_mod(s->netdev_loop_timer,
                  now + MAX(FLOWSW_NETDEV_LOOP_NS, 4 * (now - start)));
    }
}

static void flowsw_send(FlowswState *s, int wire, const u8 *buf, u32 len,
                        const struct fsw_gso *gso)
{
    struct virtio_net_hdr hdr = { 0 };
    struct iovec iov[2] = {
        { .iov_base = &hdr, .iov_len = sizeof(hdr) },
        { .iov_base = (void *)buf, .iov_len = len },
    };

    if (gso) {
        /* Native endianness, as tap's legacy vnet header has it */
        hdr.flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
        hdr.gso_type = gso->ipv6 ? VIRTIO_NET_HDR_GSO_TCPV6
                                 : VIRTIO_NET_HDR_GSO_TCPV4;
        hdr.hdr_len = len - gso->l4_len + gso->tcp_hlen;
        hdr.gso_size = gso->size;
        hdr.csum_start = len - gso->l4_len;
        hdr.csum_offset = 16;
    }
    if (flowsw_dataplane_owns(&s->dp, wire)) {
        flowsw_dataplane_send(&s->dp, wire, iov, 2);
    } else if (s->vnet_hdr[wire]) {
        flowsw_netdev_queue(s, wire, iov, 2);
    } else {
        flowsw_netdev_queue(s, wire, iov + 1, 1);
    }
}

static void flowsw_send_segment(struct fsw_core *c, const u8 *seg, u32 len,
                                void *arg)
{
    FlowswState *s = container_of(c, FlowswState, core);

    flowsw_send(s, *(int *)arg, seg, len, NULL);
}

static void flowsw_transmit(void *opaque, int wire, const u8 *buf, u32 len,
                            const struct fsw_gso *gso)
{
    FlowswState *s = opaque;

    if (!s->nic[wire] && !flowsw_dataplane_owns(&s->dp, wire)) {
        return;
    }
    if (gso && !s->vnet_hdr[wire]) {
        fsw_gso_cut(&s->core, gso, buf, len, flowsw_send_segment, &wire);
        return;
    }
    flowsw_send(s, wire, buf, len, gso);
}

/*
 * The interrupt controller is the BQL's: a register access or the tick
 * holds it and drives the line at once; the data plane thread only records
 * the level and lets a bottom half in the main loop drive it.  Every call
 * records the level under the core's lock, so the bottom half applies the
 * latest one whenever it runs.
 */
static void flowsw_set_irq(void *opaque, int line, bool level)
{
    FlowswState *s = opaque;

    qatomic_set(&s->irq_level[line], level);
    if (qemu_mutex_iothread_locked()) {
        qemu_set_irq(s->irq[line], level);
    } else {
        qemu_bh_schedule(s->irq_bh);
    }
}

static void flowsw_irq_bh(void *opaque)
{
    FlowswState *s = opaque;
    int i;

    for (i = 0; i < FSW_NUM_IRQS; i++) {
        qemu_set_irq(s->irq[i], qatomic_read(&s->irq_level[i]));
    }
}

static void flowsw_event(void *opaque, int ev, u32 a, u32 b, u32 c)
{
    switch (ev) {
    case FSW_EV_FOE_LEARN:
        trace_flowsw_foe_learn(a);
        break;
    case FSW_EV_FOE_FIN:
        trace_flowsw_foe_fin(a);
        break;
    case FSW_EV_FOE_AGE:
        trace_flowsw_foe_age(a, b);
        break;
    case FSW_EV_CPU_REPORT:
        trace_flowsw_cpu_report(a, b, c);
        break;
    case FSW_EV_PPE_FWD:
        trace_flowsw_ppe_fwd(a, b, c);
        break;
    case FSW_EV_DMA_ERROR:
        trace_flowsw_dma_error(a, deposit64(b, 32, 32, c));
        break;
    case FSW_EV_FDB_LEARN:
        trace_flowsw_fdb_learn(a, b, c);
        break;
    case FSW_EV_LINK:
        trace_flowsw_link(a, b);
        break;
    case FSW_EV_CACHE_CLEAR:
        trace_flowsw_cache_clear();
        break;
    case FSW_EV_FOE_STALE:
        trace_flowsw_foe_stale(a, b);
        break;
    case FSW_EV_GSO_DROP:
        trace_flowsw_gso_drop(flowsw_wire_names[a], b, c);
        break;
    case FSW_EV_TX_DESC:
        trace_flowsw_tx_desc(a, b, c);
        break;
    case FSW_EV_RX_DESC:
        trace_flowsw_rx_desc(a, b, c);
        break;
    }
}

static void flowsw_guest_error(void *opaque, const char *msg)
{
    qemu_log_mask(LOG_GUEST_ERROR, "flowsw: %s\n", msg);
}

static const struct fsw_core_ops flowsw_core_ops = {
    .dma_read = flowsw_dma_read,
    .dma_write = flowsw_dma_write,
    .dma_cmpxchg32 = flowsw_dma_cmpxchg32,
    .transmit = flowsw_transmit,
    .set_irq = flowsw_set_irq,
    .event = flowsw_event,
    .guest_error = flowsw_guest_error,
};

static uint64_t flowsw_fe_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    FlowswState *s = opaque;
    uint32_t val = fsw_fe_read(&s->core, addr);

    trace_flowsw_mmio_read("fe", addr, val);
    return val;
}

static void flowsw_fe_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                                 unsigned size)
{
    FlowswState *s = opaque;

    trace_flowsw_mmio_write("fe", addr, val);
    fsw_fe_write(&s->core, addr, val);
}

static uint64_t flowsw_sw_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    FlowswState *s = opaque;
    uint32_t val = fsw_sw_read(&s->core, addr);

    trace_flowsw_mmio_read("sw", addr, val);
    return val;
}

static void flowsw_sw_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                                 unsigned size)
{
    FlowswState *s = opaque;

    trace_flowsw_mmio_write("sw", addr, val);
    fsw_sw_write(&s->core, addr, val);
}

static const MemoryRegionOps flowsw_fe_ops = {
    .read = flowsw_fe_mmio_read,
    .write = flowsw_fe_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

static const MemoryRegionOps flowsw_sw_ops = {
    .read = flowsw_sw_mmio_read,
    .write = flowsw_sw_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
};

static int flowsw_wire_of(FlowswState *s, NetClientState *nc)
{
    int i;

    for (i = 0; i < FSW_NUM_WIRES; i++) {
        if (s->nic[i] && qemu_get_queue(s->nic[i]) == nc) {
            return i;
        }
    }
    return -1;
}

/*
 * A frame with a virtio_net_hdr: a TSO frame goes to the core whole; a
 * frame whose checksum the host left to the NIC gets it completed here.
 */
static void flowsw_receive_vnet(FlowswState *s, int wire, const uint8_t *buf,
                                size_t size)
{
    struct virtio_net_hdr hdr;
    g_autofree uint8_t *copy = NULL;
    size_t start, field;

    if (size < sizeof(hdr)) {
        return;
    }
    memcpy(&hdr, buf, sizeof(hdr));
    buf += sizeof(hdr);
    size -= sizeof(hdr);
    /* ECN was not offered to the tap, so the host never sets it */
    switch (hdr.gso_type) {
    case VIRTIO_NET_HDR_GSO_TCPV4:
    case VIRTIO_NET_HDR_GSO_TCPV6:
        if (!(hdr.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) ||
            hdr.csum_offset != 16) {
            hdr.csum_start = 0;         /* refused by the core */
        }
        fsw_wire_receive_gso(&s->core, wire, buf, size, hdr.gso_size,
                             hdr.csum_start);
        return;
    case VIRTIO_NET_HDR_GSO_NONE:
        break;
    default:
        trace_flowsw_gso_drop(flowsw_wire_names[wire], size, hdr.gso_size);
        return;
    }
    if (hdr.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) {
        start = hdr.csum_start;
        field = start + hdr.csum_offset;
        if (field + 2 > size) {
            trace_flowsw_gso_drop(flowsw_wire_names[wire], size, 0);
            return;
        }
        /* 0xffff, never 0: a zero UDP checksum would mean "none" */
        copy = g_memdup2(buf, size);
        stw_be_p(copy + field, net_checksum_finish_nozero(
                 net_checksum_add(size - start, copy + start)));
        buf = copy;
    }
    fsw_wire_receive(&s->core, wire, buf, size);
}

/* A frame from a device tap, in the data plane thread */
static void flowsw_dataplane_frame(void *opaque, int wire, const uint8_t *buf,
                                   size_t size)
{
    FlowswState *s = opaque;

    if (qatomic_read(&s->plumbing) &&
        (wire == FSW_WIRE_LAN1 || wire == FSW_WIRE_WAN)) {
        /* Both taps have the same vnet header: the frame goes as it came */
        struct iovec iov = { .iov_base = (void *)buf, .iov_len = size };

        flowsw_dataplane_send(&s->dp, FSW_WIRE_LAN1 + FSW_WIRE_WAN - wire,
                              &iov, 1);
        return;
    }
    flowsw_receive_vnet(s, wire, buf, size);
}

static ssize_t flowsw_receive(NetClientState *nc, const uint8_t *buf,
                              size_t size)
{
    FlowswState *s = qemu_get_nic_opaque(nc);
    int wire = flowsw_wire_of(s, nc);

    if (wire < 0 || size > UINT32_MAX) {
        return size;
    }
    if (s->vnet_hdr[wire]) {
        flowsw_receive_vnet(s, wire, buf, size);
    } else {
        fsw_wire_receive(&s->core, wire, buf, size);
    }
    /* A full RX ring drops and counts, like the hardware: never queue. */
    return size;
}

static void flowsw_link_status_changed(NetClientState *nc)
{
    FlowswState *s = qemu_get_nic_opaque(nc);
    int wire = flowsw_wire_of(s, nc);

    if (wire >= 0) {
        fsw_wire_set_link(&s->core, wire, !nc->link_down && s->link[wire]);
    }
}

static NetClientInfo flowsw_net_info = {
    .type = NET_CLIENT_DRIVER_NIC,
    .size = sizeof(NICState),
    .receive = flowsw_receive,
    .link_status_changed = flowsw_link_status_changed,
};

static void flowsw_sync_links(FlowswState *s)
{
    int i;

    for (i = 0; i < FSW_NUM_WIRES; i++) {
        bool up = s->link[i] && (flowsw_dataplane_owns(&s->dp, i) ||
                  (s->nic[i] && s->conf[i].peers.ncs[0] &&
                   !qemu_get_queue(s->nic[i])->link_down));

        fsw_wire_set_link(&s->core, i, up);
    }
}

/* <wire>-link: the wire's carrier, settable at run time with qom-set */
static void flowsw_get_link(Object *obj, Visitor *v, const char *name,
                            void *opaque, Error **errp)
{
    FlowswState *s = FLOWSW(obj);
    int wire = (const char *const *)opaque - flowsw_wire_names;
    bool up = s->link[wire];

    visit_type_bool(v, name, &up, errp);
}

static void flowsw_set_link(Object *obj, Visitor *v, const char *name,
                            void *opaque, Error **errp)
{
    FlowswState *s = FLOWSW(obj);
    int wire = (const char *const *)opaque - flowsw_wire_names;
    bool up;

    if (!visit_type_bool(v, name, &up, errp)) {
        return;
    }
    s->link[wire] = up;
    if (DEVICE(obj)->realized) {
        flowsw_sync_links(s);
    }
}

/*
 * x-dma-error: set to an FE_DMA_ERR_* code to make the device fault as if
 * its DMA had, for tests of the driver's recovery; reads 0.
 */
static void flowsw_get_dma_error(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    uint32_t none = 0;

    visit_type_uint32(v, name, &none, errp);
}

static void flowsw_set_dma_error(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    FlowswState *s = FLOWSW(obj);
    uint32_t code;

    if (!visit_type_uint32(v, name, &code, errp)) {
        return;
    }
    if (code < FE_DMA_ERR_TX_RING || code > FE_DMA_ERR_MIB_TABLE) {
        error_setg(errp, "%s: no DMA error has code %" PRIu32, name, code);
        return;
    }
    if (!DEVICE(obj)->realized) {
        error_setg(errp, "%s: the device is not running", name);
        return;
    }
    trace_flowsw_dma_error_injected(code);
    fsw_core_inject_dma_error(&s->core, code);
}

/*
 * x-plumbing: while on, the data plane thread moves every frame from the
 * lan1 tap to the wan tap and back as it came, past the switch, the PPE
 * and the frame engine: what the same thread, taps and vnet headers
 * forward with no device logic at all, the ceiling for the PPE's figures
 * (bench/forwarding.sh).  Needs lan1 and wan on device taps.
 */
static void flowsw_get_plumbing(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    FlowswState *s = FLOWSW(obj);
    bool on = qatomic_read(&s->plumbing);

    visit_type_bool(v, name, &on, errp);
}

static void flowsw_set_plumbing(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    FlowswState *s = FLOWSW(obj);
    bool on;

    if (!visit_type_bool(v, name, &on, errp)) {
        return;
    }
    if (on && !DEVICE(obj)->realized) {
        error_setg(errp, "%s: set it at run time, with qom-set", name);
        return;
    }
    if (on && (!flowsw_dataplane_owns(&s->dp, FSW_WIRE_LAN1) ||
               !flowsw_dataplane_owns(&s->dp, FSW_WIRE_WAN))) {
        error_setg(errp, "%s: lan1 and wan must be device taps "
                   "(lan1-tap, wan-tap)", name);
        return;
    }
    trace_flowsw_plumbing(on);
    qatomic_set(&s->plumbing, on);
}

static void flowsw_tick(void *opaque)
{
    FlowswState *s = opaque;

    fsw_core_tick(&s->core);
    timer_mod(s->tick, qemu_clock_get_ms(QEMU_CLOCK_VIRTUAL) + 1000);
}

/*
 * A VM that stops stops its data plane too: no frame reaches the core or
 * guest RAM while the VM is stopped or migrating, as QEMU's net layer
 * delivers nothing to a stopped VM.
 */
static void flowsw_vm_state_change(void *opaque, bool running,
                                   RunState state)
{
    FlowswState *s = opaque;

    if (running) {
        flowsw_dataplane_resume(&s->dp);
    } else {
        flowsw_dataplane_pause(&s->dp);
    }
}

/* Open the wires that are device taps; a wire is a tap or a netdev. */
static bool flowsw_open_taps(FlowswState *s, Error **errp)
{
    bool taps = false, netdevs = false;
    int i;

    for (i = 0; i < FSW_NUM_WIRES; i++) {
        int ways = !!s->tap[i] + (s->tap_fd[i] >= 0) +
                   !!s->conf[i].peers.ncs[0];

        if (ways > 1) {
            error_setg(errp, "flowsw: wire %s has more than one of %s-tap, "
                       "%s-fd and a netdev", flowsw_wire_names[i],
                       flowsw_wire_names[i], flowsw_wire_names[i]);
            return false;
        }
        taps |= s->tap[i] || s->tap_fd[i] >= 0;
        netdevs |= s->conf[i].peers.ncs[0] != NULL;
    }
    if (taps && netdevs) {
        error_setg(errp, "flowsw: wires are either all device taps "
                   "(<wire>-tap) or all netdevs: the data plane thread "
                   "cannot reach a netdev");
        return false;
    }
    for (i = 0; i < FSW_NUM_WIRES; i++) {
        bool ok = true;

        if (s->tap[i]) {
            ok = flowsw_dataplane_open_tap(&s->dp, i, s->tap[i], s->gso,
                                           errp);
        } else if (s->tap_fd[i] >= 0) {
            ok = flowsw_dataplane_adopt_tap(&s->dp, i, s->tap_fd[i], s->gso,
                                            errp);
        } else {
            continue;
        }
        if (!ok) {
            error_prepend(errp, "flowsw: %s: ", flowsw_wire_names[i]);
            return false;
        }
        s->vnet_hdr[i] = true;
    }
    return flowsw_dataplane_start(&s->dp, errp);
}

/*
 * Ask a tap for TSO and checksum offload: it then hands over the host's
 * 64 KiB TCP frames and takes ours.  Other backends keep plain frames.
 */
static void flowsw_setup_vnet_hdr(FlowswState *s, int wire)
{
    NetClientState *peer = qemu_get_queue(s->nic[wire])->peer;

    if (!s->gso || !peer || !qemu_has_vnet_hdr(peer) ||
        !qemu_has_vnet_hdr_len(peer, sizeof(struct virtio_net_hdr))) {
        return;
    }
    qemu_set_vnet_hdr_len(peer, sizeof(struct virtio_net_hdr));
    qemu_using_vnet_hdr(peer, true);
    qemu_set_offload(peer, 1, 1, 1, 0, 0);
    s->vnet_hdr[wire] = true;
}

/*
 * What realize set up before the netdevs: the data plane (its thread stops
 * first), the bottom halves, frames still queued for netdevs, the core.
 */
static void flowsw_teardown(FlowswState *s)
{
    flowsw_dataplane_destroy(&s->dp);
    qemu_bh_delete(s->irq_bh);
    qemu_bh_delete(s->netdev_bh);
    timer_free(s->netdev_loop_timer);
    while (!QSIMPLEQ_EMPTY(&s->netdev_queue)) {
        FlowswNetdevFrame *f = QSIMPLEQ_FIRST(&s->netdev_queue);

        QSIMPLEQ_REMOVE_HEAD(&s->netdev_queue, next);
        g_free(f);
    }
    fsw_core_destroy(&s->core);
}

static void flowsw_realize(DeviceState *dev, Error **errp)
{
    FlowswState *s = FLOWSW(dev);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
    int i;

    memory_region_init_io(&s->fe_mmio, OBJECT(dev), &flowsw_fe_ops, s,
                          "flowsw-fe", FE_MMIO_SIZE);
    memory_region_init_io(&s->sw_mmio, OBJECT(dev), &flowsw_sw_ops, s,
                          "flowsw-switch", SW_MMIO_SIZE);
    sysbus_init_mmio(sbd, &s->fe_mmio);
    sysbus_init_mmio(sbd, &s->sw_mmio);
    for (i = 0; i < FSW_NUM_IRQS; i++) {
        sysbus_init_irq(sbd, &s->irq[i]);
    }

    fsw_core_init(&s->core, &flowsw_core_ops, s);
    s->irq_bh = qemu_bh_new_guarded(flowsw_irq_bh, s,
                                    &dev->mem_reentrancy_guard);
    QSIMPLEQ_INIT(&s->netdev_queue);
    s->netdev_bh = qemu_bh_new_guarded(flowsw_netdev_bh, s,
                                       &dev->mem_reentrancy_guard);
    s->netdev_loop_timer = timer_new_ns(QEMU_CLOCK_REALTIME,
                                        flowsw_netdev_bh, s);
    flowsw_dataplane_init(&s->dp, flowsw_dataplane_frame, s);
    if (!flowsw_open_taps(s, errp)) {
        flowsw_teardown(s);
        return;
    }

    for (i = 0; i < FSW_NUM_WIRES; i++) {
        g_autofree char *id = g_strdup_printf("%s.%s",
            dev->id ? dev->id : TYPE_FLOWSW, flowsw_wire_names[i]);

        if (!s->conf[i].peers.ncs[0]) {
            continue;           /* an unwired port has no carrier */
        }
        qemu_macaddr_default_if_unset(&s->conf[i].macaddr);
        s->nic[i] = qemu_new_nic(&flowsw_net_info, &s->conf[i], TYPE_FLOWSW,
                                 id, &dev->mem_reentrancy_guard, s);
        qemu_format_nic_info_str(qemu_get_queue(s->nic[i]),
                                 s->conf[i].macaddr.a);
        flowsw_setup_vnet_hdr(s, i);
    }
    s->tick = timer_new_ms(QEMU_CLOCK_VIRTUAL, flowsw_tick, s);
    s->vmse = qemu_add_vm_change_state_handler(flowsw_vm_state_change, s);
    if (runstate_is_running()) {
        flowsw_dataplane_resume(&s->dp);
    }
}

static void flowsw_unrealize(DeviceState *dev)
{
    FlowswState *s = FLOWSW(dev);
    int i;

    qemu_del_vm_change_state_handler(s->vmse);
    timer_free(s->tick);
    for (i = 0; i < FSW_NUM_WIRES; i++) {
        if (s->nic[i]) {
            qemu_del_nic(s->nic[i]);
        }
    }
    flowsw_teardown(s);
}

/* Registers and tables to their reset values, interrupt lines low */
static void flowsw_reset_hold(Object *obj)
{
    FlowswState *s = FLOWSW(obj);

    fsw_core_reset(&s->core);
    flowsw_sync_links(s);
}

static void flowsw_reset_exit(Object *obj)
{
    FlowswState *s = FLOWSW(obj);

    timer_mod(s->tick, qemu_clock_get_ms(QEMU_CLOCK_VIRTUAL) + 1000);
}

static void flowsw_print_line(void *ctx, const char *line)
{
    monitor_printf(ctx, "%s\n", line);
}

void hmp_info_flowsw(Monitor *mon, const QDict *qdict)
{
    bool all = qdict_get_try_bool(qdict, "all", false);
    Object *obj = object_resolve_path_type("", TYPE_FLOWSW, NULL);

    if (!obj) {
        monitor_printf(mon, "no flowsw device\n");
        return;
    }
    fsw_dump(&FLOWSW(obj)->core, all, flowsw_print_line, mon);
}

static const VMStateDescription vmstate_flowsw_ring = {
    .name = "flowsw/ring",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (VMStateField[]) {
        VMSTATE_UINT32(base_lo, struct fsw_ring),
        VMSTATE_UINT32(base_hi, struct fsw_ring),
        VMSTATE_UINT32(max_cnt, struct fsw_ring),
        VMSTATE_UINT32(cpu_idx, struct fsw_ring),
        VMSTATE_UINT32(dma_idx, struct fsw_ring),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_flowsw_gmac = {
    .name = "flowsw/gmac",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (VMStateField[]) {
        VMSTATE_UINT32(mcr, struct fsw_gmac),
        VMSTATE_UINT32(mac_hi, struct fsw_gmac),
        VMSTATE_UINT32(mac_lo, struct fsw_gmac),
        VMSTATE_UINT32(max_len, struct fsw_gmac),
        VMSTATE_UINT32(fwd_cfg, struct fsw_gmac),
        VMSTATE_UINT32(link, struct fsw_gmac),
        VMSTATE_UINT64(rx_pkts, struct fsw_gmac),
        VMSTATE_UINT64(rx_bytes, struct fsw_gmac),
        VMSTATE_UINT64(tx_pkts, struct fsw_gmac),
        VMSTATE_UINT64(tx_bytes, struct fsw_gmac),
        VMSTATE_UINT32(rx_drops, struct fsw_gmac),
        VMSTATE_UINT32(tx_drops, struct fsw_gmac),
        VMSTATE_UINT32(rx_ppe_fwd, struct fsw_gmac),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_flowsw_sw_port = {
    .name = "flowsw/switch-port",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (VMStateField[]) {
        VMSTATE_UINT32(pcr, struct fsw_sw_port),
        VMSTATE_UINT32(matrix, struct fsw_sw_port),
        VMSTATE_UINT32(pvid, struct fsw_sw_port),
        VMSTATE_UINT32(link, struct fsw_sw_port),
        VMSTATE_UINT32(rx_pkts, struct fsw_sw_port),
        VMSTATE_UINT32(rx_bytes, struct fsw_sw_port),
        VMSTATE_UINT32(tx_pkts, struct fsw_sw_port),
        VMSTATE_UINT32(tx_bytes, struct fsw_sw_port),
        VMSTATE_UINT32(rx_drops, struct fsw_sw_port),
        VMSTATE_UINT32(tx_drops, struct fsw_sw_port),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_flowsw_fdb_slot = {
    .name = "flowsw/fdb-slot",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (VMStateField[]) {
        VMSTATE_UINT8_ARRAY(mac, struct fsw_fdb_slot, 6),
        VMSTATE_UINT16(fid, struct fsw_fdb_slot),
        VMSTATE_UINT8(ports, struct fsw_fdb_slot),
        VMSTATE_UINT8(is_static, struct fsw_fdb_slot),
        VMSTATE_UINT8(valid, struct fsw_fdb_slot),
        VMSTATE_UINT32(last_seen, struct fsw_fdb_slot),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_flowsw_vlan = {
    .name = "flowsw/vlan",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (VMStateField[]) {
        VMSTATE_UINT8(valid, struct fsw_vlan),
        VMSTATE_UINT8(members, struct fsw_vlan),
        VMSTATE_UINT8(untagged, struct fsw_vlan),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_flowsw_fwd_count = {
    .name = "flowsw/fwd-count",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (VMStateField[]) {
        VMSTATE_UINT64(pkts, struct fsw_fwd_count),
        VMSTATE_UINT64(bytes, struct fsw_fwd_count),
        VMSTATE_END_OF_LIST()
    }
};

/* Version 2: the forwarded counts per entry became one array of pairs */
static const VMStateDescription vmstate_flowsw_ppe = {
    .name = "flowsw/ppe",
    .version_id = 2,
    .minimum_version_id = 2,
    .fields = (VMStateField[]) {
        VMSTATE_UINT32(glo_cfg, struct fsw_ppe),
        VMSTATE_UINT32(flow_cfg, struct fsw_ppe),
        VMSTATE_UINT32(tb_cfg, struct fsw_ppe),
        VMSTATE_UINT32(tb_base_lo, struct fsw_ppe),
        VMSTATE_UINT32(tb_base_hi, struct fsw_ppe),
        VMSTATE_UINT32(hash_seed, struct fsw_ppe),
        VMSTATE_UINT32(bind_rate, struct fsw_ppe),
        VMSTATE_UINT32(unbind_age, struct fsw_ppe),
        VMSTATE_UINT32(bind_age0, struct fsw_ppe),
        VMSTATE_UINT32(bind_age1, struct fsw_ppe),
        VMSTATE_UINT32(cache_ctl, struct fsw_ppe),
        VMSTATE_UINT32(mib_cfg, struct fsw_ppe),
        VMSTATE_UINT32(mib_base_lo, struct fsw_ppe),
        VMSTATE_UINT32(mib_base_hi, struct fsw_ppe),
        VMSTATE_UINT32(mib_ser_cr, struct fsw_ppe),
        VMSTATE_UINT32_ARRAY(mib_ser_r, struct fsw_ppe, 3),
        VMSTATE_UINT32(bind_cnt, struct fsw_ppe),
        VMSTATE_UINT32(miss_cnt, struct fsw_ppe),
        VMSTATE_UINT32(fwd_cnt, struct fsw_ppe),
        VMSTATE_STRUCT_ARRAY(fwd, struct fsw_ppe, FOE_ENTRIES, 1,
                             vmstate_flowsw_fwd_count, struct fsw_fwd_count),
        VMSTATE_END_OF_LIST()
    }
};

/*
 * Migration runs with the VM stopped, so the data plane is paused (see
 * flowsw_vm_state_change()) and the core is quiet while it is saved and
 * loaded.
 */
static int flowsw_post_load(void *opaque, int version_id)
{
    FlowswState *s = opaque;

    if (!fsw_core_state_valid(&s->core)) {
        error_report("flowsw: migration stream holds state the device "
                     "registers cannot produce");
        return -EINVAL;
    }
    /* The bucket cache is not migrated: start from guest memory. */
    memset(s->core.ppe.cache_tag, 0, sizeof(s->core.ppe.cache_tag));
    return 0;
}

static const VMStateDescription vmstate_flowsw = {
    .name = TYPE_FLOWSW,
    .version_id = 3,
    .minimum_version_id = 1,
    .post_load = flowsw_post_load,
    .fields = (VMStateField[]) {
        VMSTATE_UINT64(core.pdma_rx_pkts, FlowswState),
        VMSTATE_UINT32(core.int_status, FlowswState),
        VMSTATE_UINT32(core.int_enable, FlowswState),
        VMSTATE_UINT32(core.dma_err, FlowswState),
        VMSTATE_UINT32(core.dma_err_addr_lo, FlowswState),
        VMSTATE_UINT32(core.dma_err_addr_hi, FlowswState),
        VMSTATE_UINT32(core.pdma_glo_cfg, FlowswState),
        VMSTATE_STRUCT(core.tx, FlowswState, 1, vmstate_flowsw_ring,
                       struct fsw_ring),
        VMSTATE_STRUCT(core.rx, FlowswState, 1, vmstate_flowsw_ring,
                       struct fsw_ring),
        VMSTATE_STRUCT_ARRAY(core.gmac, FlowswState, FE_NUM_GMACS, 1,
                             vmstate_flowsw_gmac, struct fsw_gmac),
        VMSTATE_UINT32(core.now_s, FlowswState),
        VMSTATE_UINT32(core.sw_int_status, FlowswState),
        VMSTATE_UINT32(core.sw_int_enable, FlowswState),
        VMSTATE_UINT32(core.sw_age_cfg, FlowswState),
        VMSTATE_UINT32(core.fdb_cmd, FlowswState),
        VMSTATE_UINT32(core.fdb_mac_hi, FlowswState),
        VMSTATE_UINT32(core.fdb_mac_lo, FlowswState),
        VMSTATE_UINT32(core.fdb_data, FlowswState),
        VMSTATE_UINT32(core.fdb_index, FlowswState),
        VMSTATE_UINT32(core.vlan_cmd, FlowswState),
        VMSTATE_UINT32(core.vlan_data0, FlowswState),
        VMSTATE_UINT32(core.vlan_data1, FlowswState),
        VMSTATE_UINT32_V(core.phy_iac, FlowswState, 2),
        VMSTATE_UINT32_ARRAY(core.evt_port, FlowswState, SW_FDB_EVT_DEPTH),
        VMSTATE_UINT32_ARRAY(core.evt_hi, FlowswState, SW_FDB_EVT_DEPTH),
        VMSTATE_UINT32_ARRAY(core.evt_lo, FlowswState, SW_FDB_EVT_DEPTH),
        VMSTATE_UINT32(core.evt_head, FlowswState),
        VMSTATE_UINT32(core.evt_count, FlowswState),
        VMSTATE_UINT32(core.evt_overflow, FlowswState),
        VMSTATE_STRUCT_ARRAY(core.port, FlowswState, SW_NUM_PORTS, 1,
                             vmstate_flowsw_sw_port, struct fsw_sw_port),
        VMSTATE_STRUCT_ARRAY(core.fdb, FlowswState, SW_FDB_SIZE, 1,
                             vmstate_flowsw_fdb_slot, struct fsw_fdb_slot),
        VMSTATE_STRUCT_ARRAY(core.vlan, FlowswState, 4096, 1,
                             vmstate_flowsw_vlan, struct fsw_vlan),
        VMSTATE_STRUCT(core.ppe, FlowswState, 1, vmstate_flowsw_ppe,
                       struct fsw_ppe),
        VMSTATE_TIMER_PTR(tick, FlowswState),
        /* a stream without them keeps the reset values */
        VMSTATE_UINT32_ARRAY_V(core.ppe.vlan_mtu, FlowswState, 2, 3),
        VMSTATE_END_OF_LIST()
    }
};

static Property flowsw_properties[] = {
    DEFINE_PROP_NETDEV("lan1", FlowswState, conf[FSW_WIRE_LAN1].peers),
    DEFINE_PROP_NETDEV("lan2", FlowswState, conf[FSW_WIRE_LAN2].peers),
    DEFINE_PROP_NETDEV("lan3", FlowswState, conf[FSW_WIRE_LAN3].peers),
    DEFINE_PROP_NETDEV("lan4", FlowswState, conf[FSW_WIRE_LAN4].peers),
    DEFINE_PROP_NETDEV("wan", FlowswState, conf[FSW_WIRE_WAN].peers),
    DEFINE_PROP_STRING("lan1-tap", FlowswState, tap[FSW_WIRE_LAN1]),
    DEFINE_PROP_STRING("lan2-tap", FlowswState, tap[FSW_WIRE_LAN2]),
    DEFINE_PROP_STRING("lan3-tap", FlowswState, tap[FSW_WIRE_LAN3]),
    DEFINE_PROP_STRING("lan4-tap", FlowswState, tap[FSW_WIRE_LAN4]),
    DEFINE_PROP_STRING("wan-tap", FlowswState, tap[FSW_WIRE_WAN]),
    DEFINE_PROP_INT32("lan1-fd", FlowswState, tap_fd[FSW_WIRE_LAN1], -1),
    DEFINE_PROP_INT32("lan2-fd", FlowswState, tap_fd[FSW_WIRE_LAN2], -1),
    DEFINE_PROP_INT32("lan3-fd", FlowswState, tap_fd[FSW_WIRE_LAN3], -1),
    DEFINE_PROP_INT32("lan4-fd", FlowswState, tap_fd[FSW_WIRE_LAN4], -1),
    DEFINE_PROP_INT32("wan-fd", FlowswState, tap_fd[FSW_WIRE_WAN], -1),
    DEFINE_PROP_BOOL("gso", FlowswState, gso, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void flowsw_instance_init(Object *obj)
{
    FlowswState *s = FLOWSW(obj);
    int i;

    for (i = 0; i < FSW_NUM_WIRES; i++) {
        s->link[i] = true;
    }
}

static void flowsw_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);
    int i;

    dc->realize = flowsw_realize;
    dc->unrealize = flowsw_unrealize;
    rc->phases.hold = flowsw_reset_hold;
    rc->phases.exit = flowsw_reset_exit;
    dc->vmsd = &vmstate_flowsw;
    dc->desc = "flowsw frame engine, switch and PPE";
    dc->user_creatable = true;
    set_bit(DEVICE_CATEGORY_NETWORK, dc->categories);
    device_class_set_props(dc, flowsw_properties);
    for (i = 0; i < FSW_NUM_WIRES; i++) {
        g_autofree char *name = g_strdup_printf("%s-link",
                                                flowsw_wire_names[i]);

        object_class_property_add(klass, name, "bool", flowsw_get_link,
                                  flowsw_set_link, NULL,
                                  (void *)&flowsw_wire_names[i]);
        object_class_property_set_description(klass, name,
            "carrier of the wire (default on)");
    }
    object_class_property_add(klass, "x-dma-error", "uint32",
                              flowsw_get_dma_error, flowsw_set_dma_error,
                              NULL, NULL);
    object_class_property_set_description(klass, "x-dma-error",
        "set to an FE_DMA_ERR_* code to fault as the DMA would (testing)");
    object_class_property_add(klass, "x-plumbing", "bool",
                              flowsw_get_plumbing, flowsw_set_plumbing,
                              NULL, NULL);
    object_class_property_set_description(klass, "x-plumbing",
        "move frames between lan1 and wan with no device logic (benchmark)");
}

static const TypeInfo flowsw_info = {
    .name = TYPE_FLOWSW,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(FlowswState),
    .instance_init = flowsw_instance_init,
    .class_init = flowsw_class_init,
};

static void flowsw_register_types(void)
{
    type_register_static(&flowsw_info);
}

type_init(flowsw_register_types)
