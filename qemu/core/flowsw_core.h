/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * flowsw model core: the frame engine (PDMA, GMACs), the switch and the PPE
 * as plain C, with no QEMU types.  The QEMU device (qemu/hw/flowsw.c) is a
 * thin shell that maps MMIO to the register functions below, supplies guest
 * memory access, interrupts, wires and a one-second tick.  Host unit tests,
 * benchmarks and fuzzers link the core directly with fake memory and wires.
 *
 * Nothing a guest programs and no frame from a wire may crash the core or
 * touch memory outside what the guest programmed: every DMA goes through
 * ops->dma_read/dma_write, which fail outside guest RAM, and failures set
 * FE_DMA_ERR and the DMA_ERR interrupt.
 */
#ifndef FLOWSW_CORE_H
#define FLOWSW_CORE_H

#include <pthread.h>
#include <stddef.h>
#include "flowsw_compat.h"
#include "flowsw_desc.h"
#include "flowsw_foe.h"
#include "flowsw_regs.h"

/* Wires of the model: the switch user ports, then the WAN GMAC. */
enum fsw_wire {
    FSW_WIRE_LAN1,
    FSW_WIRE_LAN2,
    FSW_WIRE_LAN3,
    FSW_WIRE_LAN4,
    FSW_WIRE_WAN,
    FSW_NUM_WIRES,
};

enum fsw_irq_line {
    FSW_IRQ_FE,     /* FE_INT_STATUS & FE_INT_ENABLE */
    FSW_IRQ_SW,     /* SW_INT_STATUS & SW_INT_ENABLE */
    FSW_NUM_IRQS,
};

/* Events the shell turns into trace points. */
enum fsw_event {
    FSW_EV_FOE_LEARN,       /* a: index */
    FSW_EV_FOE_FIN,         /* a: index */
    FSW_EV_FOE_AGE,         /* a: index, b: state before */
    FSW_EV_CPU_REPORT,      /* a: index, b: reason, c: source PSE port */
    FSW_EV_PPE_FWD,         /* a: index, b: dest PSE port, c: length */
    FSW_EV_DMA_ERROR,       /* a: FE_DMA_ERR code, b/c: address lo/hi */
    FSW_EV_FDB_LEARN,       /* a: port, b: MAC hi, c: MAC lo | fid */
    FSW_EV_LINK,            /* a: wire, b: up */
    FSW_EV_CACHE_CLEAR,
    FSW_EV_FOE_STALE,       /* a: index, b: the ib1 the PPE had */
    FSW_EV_GSO_DROP,        /* a: wire, b: length, c: gso_size */
    FSW_EV_TX_DESC,         /* a: index, b: ctrl, c: info (as read) */
    FSW_EV_RX_DESC,         /* a: index, b: ctrl, c: info (as written) */
};

/**
 * struct fsw_gso - a TCP frame that stands for several segments
 * @size: TCP payload bytes of each segment; the last one may be shorter
 * @segs: number of segments, at least 2
 * @ipv6: IPv6, else IPv4
 * @tcp_hlen: TCP header bytes
 * @l3_len: bytes from the IP header to the end of the frame
 * @l4_len: bytes from the TCP header to the end of the frame
 *
 * A host stack's TSO hands such a frame over a tap (virtio_net_hdr GSO).
 * The core forwards it whole wherever each of its segments would take the
 * same path, and counts it as its segments; anywhere else it cuts the frame
 * into segments first.  Edits of the L2 header leave the lengths here valid,
 * so the IP header is always at len - l3_len.  The TCP checksum of such a
 * frame is partial (pseudo-header only), as virtio's NEEDS_CSUM means.
 */
struct fsw_gso {
    u16 size;
    u16 segs;
    u8 ipv6;
    u8 tcp_hlen;
    u32 l3_len;
    u32 l4_len;
};

/**
 * struct fsw_core_ops - what the shell provides to the core
 * @dma_read: read guest memory; nonzero if any byte is not guest RAM
 * @dma_write: write guest memory; nonzero if any byte is not guest RAM
 * @dma_cmpxchg32: if the 32-bit word at @addr (4-aligned) holds @old, store
 *                 @new, atomically against the guest's CPUs; 0 if stored,
 *                 1 if it held another value, negative if it is not guest
 *                 RAM.  Values as the core reads them (host order, as
 *                 @dma_read copies bytes).
 * @transmit: put a frame on a wire (enum fsw_wire); @gso is NULL unless
 *            the frame stands for several TCP segments (see fsw_gso_cut())
 * @set_irq: drive an interrupt line (enum fsw_irq_line)
 * @event: optional, for tracing (enum fsw_event)
 * @guest_error: optional, bad guest programming, for the log
 *
 * The core calls these with its lock held, from whichever thread called
 * into it.  None may call back into an entry point (fsw_gso_cut() is not
 * one); the core's error-checking lock aborts if one does.
 */
struct fsw_core_ops {
    int (*dma_read)(void *opaque, u64 addr, void *buf, u32 len);
    int (*dma_write)(void *opaque, u64 addr, const void *buf, u32 len);
    int (*dma_cmpxchg32)(void *opaque, u64 addr, u32 old, u32 new);
    void (*transmit)(void *opaque, int wire, const u8 *buf, u32 len,
                     const struct fsw_gso *gso);
    void (*set_irq)(void *opaque, int line, bool level);
    void (*event)(void *opaque, int ev, u32 a, u32 b, u32 c);
    void (*guest_error)(void *opaque, const char *msg);
};

struct fsw_ring {
    u32 base_lo, base_hi;
    u32 max_cnt;
    u32 cpu_idx;
    u32 dma_idx;
};

struct fsw_gmac {
    u32 mcr;
    u32 mac_hi, mac_lo;
    u32 max_len;
    u32 fwd_cfg;
    u32 link;               /* wire carrier (GMAC0: always up) */
    u64 rx_pkts, rx_bytes, tx_pkts, tx_bytes;
    u32 rx_drops, tx_drops, rx_ppe_fwd;
};

struct fsw_fdb_slot {
    u8 mac[6];
    u16 fid;
    u8 ports;               /* SW_FDB_DATA_PORTS */
    u8 is_static;
    u8 valid;
    u32 last_seen;          /* core->now_s */
};

struct fsw_vlan {
    u8 valid;
    u8 members;
    u8 untagged;
};

struct fsw_sw_port {
    u32 pcr;
    u32 matrix;
    u32 pvid;
    u32 link;
    u32 rx_pkts, rx_bytes, tx_pkts, tx_bytes, rx_drops, tx_drops;
};

#define FSW_CACHE_SLOTS 256     /* buckets cached by the PPE */

/*
 * Frame buffers the core borrows, one per nesting level of a frame's path
 * through the device (see fsw_scratch_get()): a GSO frame with headroom.
 */
#define FSW_SCRATCH_LEVELS      8
#define FSW_SCRATCH_SIZE        (65535 + 22 + 32)

/**
 * struct fsw_fwd_count - what the PPE forwarded through one FOE index
 * @pkts: frames (segments) through a BIND entry there since the PPE last
 *        learned a flow into that index
 * @bytes: their IP bytes, as the MIB counts them
 *
 * Both in one place: a forwarded frame updates them together.
 */
struct fsw_fwd_count {
    u64 pkts;
    u64 bytes;
};

/**
 * struct fsw_ppe - PPE registers and the model's own PPE state
 * @fwd: per FOE index, what the PPE forwarded through it
 * @cache_tag: per slot of the bucket cache, 1 + the index of the first way
 *             of the bucket it holds, or 0 for none; kept apart from
 *             @cache so that a lookup that misses reads one hot word
 * @cache: the ways of each cached bucket
 *
 * @fwd is not guest-visible: the entry and the MIB in
 * guest memory hold what the driver wrote or may clear, so tests read these
 * through the monitor as the model's own evidence that it forwarded a flow.
 */
struct fsw_ppe {
    u32 glo_cfg, flow_cfg, tb_cfg;
    u32 tb_base_lo, tb_base_hi;
    u32 hash_seed, bind_rate, unbind_age, bind_age0, bind_age1;
    u32 cache_ctl;
    u32 mib_cfg, mib_base_lo, mib_base_hi;
    u32 mib_ser_cr, mib_ser_r[3];
    u32 bind_cnt, miss_cnt, fwd_cnt;
    u32 vlan_mtu[2];            /* PPE_VLAN_MTU0, PPE_VLAN_MTU1 */
    u32 cache_tag[FSW_CACHE_SLOTS];
    struct foe_entry cache[FSW_CACHE_SLOTS][FOE_BUCKET_WAYS];
    /* a bucket's ways share one cache line, for fsw_ppe_ingress()'s prefetch */
    struct fsw_fwd_count fwd[FOE_ENTRIES] __attribute__((aligned(64)));
};

/**
 * struct fsw_core - the whole device state (the shell's VMState covers it)
 * @lock: held by every entry point for its whole run (see entry.c)
 * @ops: shell callbacks
 * @opaque: passed to every callback
 * @now_s: seconds since reset; FE_FOE_TS is its low 16 bits
 * @gso: the GSO frame being processed, NULL for a plain one; only set
 *       within fsw_wire_receive_gso(), so never migrated
 * @gso_stats: GSO frames received, forwarded whole by the PPE, cut into
 *             segments, and dropped as malformed (the model's own figures,
 *             not guest-visible)
 * @pdma_rx_pkts: frames the frame engine wrote into the CPU's RX ring: the
 *                model's own count of what reached the CPU, for tests
 * @scratch: frame buffers, used as a stack by fsw_scratch_get(), so that no
 *           thread that calls the core needs more than a few KiB of stack
 * @scratch_used: levels of @scratch in use; 0 between entry points
 * @depth_drops: frames dropped because their path nested deeper than
 *               @scratch (never on a path the hardware has; a shell that
 *               loops a wire back into the device synchronously)
 * @fdb_evt_lost: learn events the full queue had no room for (the model's
 *                own figure, for tests; not migrated)
 */
struct fsw_core {
    pthread_mutex_t lock;
    const struct fsw_core_ops *ops;
    void *opaque;

    /* frame engine */
    u32 int_status, int_enable;
    u32 dma_err, dma_err_addr_lo, dma_err_addr_hi;
    u32 pdma_glo_cfg;
    struct fsw_ring tx, rx;
    struct fsw_gmac gmac[FE_NUM_GMACS];
    u32 now_s;

    /* switch */
    u32 sw_int_status, sw_int_enable, sw_age_cfg;
    u32 fdb_cmd, fdb_mac_hi, fdb_mac_lo, fdb_data, fdb_index;
    u32 vlan_cmd, vlan_data0, vlan_data1;
    u32 phy_iac;            /* SW_PHY_IAC: last command and read result */
    /* learn events, a ring of SW_FDB_EVT_DEPTH */
    u32 evt_port[SW_FDB_EVT_DEPTH];
    u32 evt_hi[SW_FDB_EVT_DEPTH];
    u32 evt_lo[SW_FDB_EVT_DEPTH];
    u32 evt_head, evt_count, evt_overflow;
    struct fsw_sw_port port[SW_NUM_PORTS];
    struct fsw_fdb_slot fdb[SW_FDB_SIZE];
    struct fsw_vlan vlan[4096];

    struct fsw_ppe ppe;

    const struct fsw_gso *gso;
    struct {
        u64 rx, ppe_fwd, cut, bad;
    } gso_stats;
    u64 pdma_rx_pkts;
    u8 scratch[FSW_SCRATCH_LEVELS][FSW_SCRATCH_SIZE];
    u32 scratch_used;
    u64 depth_drops;
    u64 fdb_evt_lost;
};

/* Entries of the FOE table, from PPE_TB_CFG_ENTRY_NUM */
static inline u32 fsw_foe_entries(const struct fsw_core *c)
{
    return foe_table_entries(FIELD_GET(PPE_TB_CFG_ENTRY_NUM, c->ppe.tb_cfg));
}

/*
 * The entry points (entry.c).  Any thread may call them, at any time after
 * fsw_core_init(): each runs under the core's lock.
 */
void fsw_core_init(struct fsw_core *c, const struct fsw_core_ops *ops,
                   void *opaque);
void fsw_core_destroy(struct fsw_core *c);
void fsw_core_reset(struct fsw_core *c);

u32 fsw_fe_read(struct fsw_core *c, u32 addr);
void fsw_fe_write(struct fsw_core *c, u32 addr, u32 val);
u32 fsw_sw_read(struct fsw_core *c, u32 addr);
void fsw_sw_write(struct fsw_core *c, u32 addr, u32 val);

/* A frame (no FCS) arrived on a wire.  Returns false if it was dropped. */
bool fsw_wire_receive(struct fsw_core *c, int wire, const u8 *buf, u32 len);
/*
 * A GSO TCP frame arrived on a wire, its segments @gso_size payload bytes
 * each, its TCP checksum partial from @csum_start (the TCP header).  Returns
 * false if it was dropped; one the model cannot cut counts in
 * gso_stats.bad and as one ingress drop of the wire.
 */
bool fsw_wire_receive_gso(struct fsw_core *c, int wire, const u8 *buf,
                          u32 len, u32 gso_size, u32 csum_start);
typedef void (*fsw_seg_fn)(struct fsw_core *c, const u8 *seg, u32 len,
                           void *arg);
/*
 * Cut a GSO frame into its segments, with full checksums, and hand each to
 * @fn; c->gso is NULL meanwhile.  For shells whose wire has no GSO: not an
 * entry point, but a helper for ops->transmit, under the core's lock.
 */
void fsw_gso_cut(struct fsw_core *c, const struct fsw_gso *g, const u8 *buf,
                 u32 len, fsw_seg_fn fn, void *arg);
/* Carrier of a wire changed. */
void fsw_wire_set_link(struct fsw_core *c, int wire, bool up);
/* One FOE timestamp tick (a second): ageing of FOE and FDB entries. */
void fsw_core_tick(struct fsw_core *c);
/*
 * A DMA error with @code (FE_DMA_ERR_*) and no address, as if the DMA had
 * faulted: for tests of the driver's recovery.
 */
void fsw_core_inject_dma_error(struct fsw_core *c, u32 code);
/*
 * Whether state loaded from elsewhere (a migration stream) is state the
 * registers could have produced.  Call with no other thread in the core.
 */
bool fsw_core_state_valid(const struct fsw_core *c);

#endif /* FLOWSW_CORE_H */
