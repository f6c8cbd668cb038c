/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test environment: a core with fake guest RAM (with guard bytes around it),
 * recording wires and interrupt lines, plus the register sequences a driver
 * would use and a frame generator.
 */
#ifndef FLOWSW_TEST_ENV_H
#define FLOWSW_TEST_ENV_H

#include "flowsw_core.h"
#include "harness.h"

#define RAM_BASE	0x40000000ULL
#define RAM_SIZE	(8u << 20)
#define GUARD_SIZE	4096
#define GUARD_BYTE	0xa5

/* Guest memory layout, as a driver would allocate it */
#define TX_RING		(RAM_BASE + 0x000000)
#define RX_RING		(RAM_BASE + 0x010000)
#define RX_BUFS		(RAM_BASE + 0x100000)
#define TX_BUFS		(RAM_BASE + 0x200000)
#define FOE_TB		(RAM_BASE + 0x400000)
#define MIB_TB		(RAM_BASE + 0x600000)
#define BUF_STRIDE	0x4000
#define RX_BUF_SIZE	0x3000
#define RING_SIZE	32

#define CAP_FRAMES	64
#define FRAME_BUF	(16384 + 64)
#define CAP_BUF		(65536 + 64)	/* a GSO frame */

struct env {
    struct fsw_core core;
    u8 *mem;                    /* guard, RAM, guard */
    u8 *ram;
    u32 ntx[FSW_NUM_WIRES];     /* frames transmitted per wire */
    u32 caplen[FSW_NUM_WIRES][CAP_FRAMES];
    u8 *cap[FSW_NUM_WIRES][CAP_FRAMES];
    struct fsw_gso capgso[FSW_NUM_WIRES][CAP_FRAMES];  /* segs 0: plain */
    int irq[FSW_NUM_IRQS];
    u32 nevents[16];
    u32 ev_a[16], ev_b[16], ev_c[16];   /* last of each event */
    u32 tx_idx;                 /* driver's next TX descriptor */
    u32 rx_idx;                 /* driver's last returned RX descriptor */
};

extern struct env *E;

void env_setup(void);
void env_teardown(void);
void env_check_guards(void);
void env_bus_lock(void);
void env_bus_unlock(void);

static inline u32 fe_rd(u32 a) { return fsw_fe_read(&E->core, a); }
static inline void fe_wr(u32 a, u32 v) { fsw_fe_write(&E->core, a, v); }
static inline u32 sw_rd(u32 a) { return fsw_sw_read(&E->core, a); }
static inline void sw_wr(u32 a, u32 v) { fsw_sw_write(&E->core, a, v); }
u8 *gpa(u64 addr);

/* wires */
bool wire_rx(int wire, const u8 *buf, u32 len);
const u8 *wire_last(int wire, u32 *len);
const u8 *wire_frame(int wire, u32 i, u32 *len);
void wire_clear(void);
u32 wire_total(void);

/* PDMA, as the driver uses it */
struct rx_frame {
    u8 buf[FRAME_BUF];
    u32 len, foe, reason, sport;
};
void pdma_setup(void);
void pdma_send(u32 fport, const u8 *buf, u32 len);
bool rx_pop(struct rx_frame *r);
u32 rx_drain(void);

/* switch */
void sw_setup(void);
void sw_vlan_write(u16 vid, u32 members, u32 untagged);
void fdb_write(const u8 *mac, u16 fid, u32 ports, bool is_static);
bool fdb_read(const u8 *mac, u16 fid, u32 *data);

/* PPE */
/* PPE_TB_CFG of the largest table, which the driver uses */
#define TB_CFG_16K  FIELD_PREP(PPE_TB_CFG_ENTRY_NUM, 4)

void ppe_setup(u32 bind_rate);
struct foe_entry *foe_at(u32 idx);
void foe_commit(u32 idx, const struct foe_entry *e);
void cache_clear(void);
void mib_ser(u32 idx, u64 *bytes, u64 *pkts);

/* frames */
struct pkt {
    u8 dmac[6], smac[6];
    int nvlan;
    u16 tpid[2], tci[2];
    int pppoe;
    u16 sid;
    int ipv6;
    u32 src[4], dst[4];
    u8 proto, tcp_flags, ttl, opt_words;
    u16 sport, dport, paylen, frag;
    int udp_nocsum;
};
void pkt_v4(struct pkt *p, u8 proto);
void pkt_v6(struct pkt *p, u8 proto);
u32 pkt_build(u8 *buf, const struct pkt *p);
u32 pkt_l3_off(const struct pkt *p);

bool ipv4_csum_ok(const u8 *ip);
bool l4_csum_ok(const u8 *ip, bool ipv6);
u16 tcp_partial_csum(const u8 *ip, bool ipv6);

extern const u8 MAC_ROUTER[6], MAC_HOST1[6], MAC_HOST2[6], MAC_WANGW[6];

#endif /* FLOWSW_TEST_ENV_H */
