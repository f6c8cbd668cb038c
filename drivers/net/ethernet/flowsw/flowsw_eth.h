/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * flowsw frame engine driver: structures shared by its files.
 */
#ifndef FLOWSW_ETH_H
#define FLOWSW_ETH_H

#include <linux/hashtable.h>
#include <linux/io.h>
#include <linux/netdevice.h>
#include <linux/phylink.h>
#include <linux/spinlock.h>
#include <net/pkt_sched.h>

#include "flowsw_desc.h"
#include "flowsw_regs.h"

#define FLOWSW_TX_RING_SIZE	256
#define FLOWSW_RX_RING_SIZE	256
#define FLOWSW_RX_BUF_SIZE	2048	/* frame room in each RX buffer */
#define FLOWSW_NAPI_WEIGHT	64

struct flowsw_ppe;
struct page_pool;

/**
 * struct flowsw_tx_ring - the PDMA TX ring
 * @desc: descriptors, coherent
 * @desc_dma: bus address of @desc
 * @skb: the frame sent from each descriptor
 * @buf_dma: bus address of each frame's mapping
 * @next: next descriptor to fill (what PDMA_TX_CPU_IDX says)
 * @dirty: oldest descriptor not yet reclaimed
 * @lock: serialises the GMACs' xmit against each other and reclaim
 */
struct flowsw_tx_ring {
	struct flowsw_dma_desc *desc;
	dma_addr_t desc_dma;
	struct sk_buff *skb[FLOWSW_TX_RING_SIZE];
	dma_addr_t buf_dma[FLOWSW_TX_RING_SIZE];
	unsigned int next;
	unsigned int dirty;
	spinlock_t lock;	/* see above */
};

/**
 * struct flowsw_rx_ring - the PDMA RX ring
 * @desc: descriptors, coherent
 * @desc_dma: bus address of @desc
 * @buf: each descriptor's buffer, a page of @pool
 * @buf_dma: bus address of each buffer's frame room
 * @pool: the page_pool the buffers come from and return to
 * @next: next descriptor the DMA completes
 */
struct flowsw_rx_ring {
	struct flowsw_dma_desc *desc;
	dma_addr_t desc_dma;
	void *buf[FLOWSW_RX_RING_SIZE];
	dma_addr_t buf_dma[FLOWSW_RX_RING_SIZE];
	struct page_pool *pool;
	unsigned int next;
};

/* The GMAC's hardware counters, in the order of flowsw_gmac_mib[] */
enum flowsw_gmac_counter {
	FLOWSW_GMAC_RX_PKTS,
	FLOWSW_GMAC_RX_BYTES,
	FLOWSW_GMAC_TX_PKTS,
	FLOWSW_GMAC_TX_BYTES,
	FLOWSW_GMAC_RX_DROPS,
	FLOWSW_GMAC_TX_DROPS,
	FLOWSW_GMAC_RX_PPE_FWD,
	FLOWSW_GMAC_NUM_COUNTERS,
};

/**
 * struct flowsw_gmac_mib - a GMAC's counters, folded into 64 bits
 * @sum: totals since the netdev was set up
 * @last: the hardware's values at the last fold
 */
struct flowsw_gmac_mib {
	u64 sum[FLOWSW_GMAC_NUM_COUNTERS];
	u64 last[FLOWSW_GMAC_NUM_COUNTERS];
};

/**
 * struct flowsw_mac - one GMAC and its netdev
 * @id: GMAC index, 0 (switch conduit) or 1
 * @eth: the frame engine
 * @netdev: the GMAC's netdev
 * @phylink: phylink instance (fixed-link or internal)
 * @phylink_config: phylink configuration
 * @rx_alloc_fail: RX frames dropped for want of a buffer; written by NAPI
 *	only, a native word so that ethtool reads it whole
 * @mib: the GMAC's hardware counters (see flowsw_gmac_mib_fold()), under
 *	flowsw_eth.mib_lock
 */
struct flowsw_mac {
	int id;
	struct flowsw_eth *eth;
	struct net_device *netdev;
	struct phylink *phylink;
	struct phylink_config phylink_config;
	unsigned long rx_alloc_fail;
	struct flowsw_gmac_mib mib;
};

/**
 * struct flowsw_eth - the frame engine
 * @dev: platform device
 * @base: frame engine registers
 * @irq: frame engine interrupt
 * @mac: the GMACs; NULL where the device tree has none
 * @napi_dev: dummy netdev that carries @napi, shared by both GMACs
 * @napi: RX and TX-completion polling
 * @tx: TX ring
 * @rx: RX ring
 * @int_lock: serialises the read-modify-writes of FE_INT_ENABLE, done
 *	from the hardirq, NAPI and process context
 * @mib_lock: guards the GMACs' flowsw_mac.mib, which statistics read
 *	from any context, against each other and against a reset
 * @mib_work: folds the GMACs' counters often enough that none wraps
 *	twice unseen
 * @reset_work: resets the frame engine after a DMA error
 * @ppe: the flow offload engine, NULL if it could not be set up
 * @switchdev_nb: FDB events, so that offloaded flows follow roaming hosts
 * @netevent_nb: neighbour updates, so that they follow a new gateway MAC
 * @netdev_nb: MTU changes of the switch's user ports, for the PPE's limit
 * @neigh_lock: guards @neighs
 * @neighs: the neighbours behind our ports, struct flowsw_neigh, with the
 *	MAC address each had at its last update
 * @debugfs: the device's debugfs directory
 */
struct flowsw_eth {
	struct device *dev;
	void __iomem *base;
	int irq;
	struct flowsw_mac *mac[FE_NUM_GMACS];
	struct net_device *napi_dev;
	struct napi_struct napi;
	struct flowsw_tx_ring tx;
	struct flowsw_rx_ring rx;
	spinlock_t int_lock;	/* FE_INT_ENABLE */
	spinlock_t mib_lock;	/* every flowsw_mac.mib */
	struct delayed_work mib_work;
	struct work_struct reset_work;
	struct flowsw_ppe *ppe;
	struct notifier_block switchdev_nb;
	struct notifier_block netevent_nb;
	struct notifier_block netdev_nb;
	spinlock_t neigh_lock;	/* @neighs */
	DECLARE_HASHTABLE(neighs, 6);
	struct dentry *debugfs;
};

static inline u32 fe_r32(struct flowsw_eth *eth, u32 reg)
{
	return readl(eth->base + reg);
}

static inline void fe_w32(struct flowsw_eth *eth, u32 reg, u32 val)
{
	writel(val, eth->base + reg);
}

static inline void fe_rmw(struct flowsw_eth *eth, u32 reg, u32 clear, u32 set)
{
	fe_w32(eth, reg, (fe_r32(eth, reg) & ~clear) | set);
}

/* Clear, then set, bits of FE_INT_ENABLE, from any context. */
static inline void flowsw_int_enable(struct flowsw_eth *eth, u32 clear, u32 set)
{
	unsigned long flags;

	spin_lock_irqsave(&eth->int_lock, flags);
	fe_rmw(eth, FE_INT_ENABLE, clear, set);
	spin_unlock_irqrestore(&eth->int_lock, flags);
}

/* flowsw_ppe_hw.c */
struct flowsw_ppe *flowsw_ppe_create(struct flowsw_eth *eth);
void flowsw_ppe_restart(struct flowsw_ppe *ppe);
void flowsw_ppe_destroy(struct flowsw_ppe *ppe);

/* flowsw_offload.c */
int flowsw_offload_setup_tc(struct flowsw_eth *eth, struct net_device *dev,
			    enum tc_setup_type type, void *type_data);
int flowsw_offload_init(struct flowsw_eth *eth);
void flowsw_offload_exit(struct flowsw_eth *eth);

/* flowsw_debugfs.c */
#ifdef CONFIG_DEBUG_FS
void flowsw_debugfs_init(struct flowsw_eth *eth);
void flowsw_debugfs_exit(struct flowsw_eth *eth);
void flowsw_debugfs_register(void);
void flowsw_debugfs_unregister(void);
#else
static inline void flowsw_debugfs_init(struct flowsw_eth *eth) { }
static inline void flowsw_debugfs_exit(struct flowsw_eth *eth) { }
static inline void flowsw_debugfs_register(void) { }
static inline void flowsw_debugfs_unregister(void) { }
#endif

/* flowsw_dma.c */
int flowsw_dma_init(struct flowsw_eth *eth);
void flowsw_dma_start(struct flowsw_eth *eth);
void flowsw_dma_stop(struct flowsw_eth *eth);
void flowsw_dma_free(struct flowsw_eth *eth);
netdev_tx_t flowsw_start_xmit(struct sk_buff *skb, struct net_device *dev);
int flowsw_napi_poll(struct napi_struct *napi, int budget);

#endif /* FLOWSW_ETH_H */
