// SPDX-License-Identifier: GPL-2.0-only
/*
 * flowsw frame engine: PDMA rings, transmit and NAPI receive.
 *
 * Both GMACs share one TX and one RX ring.  The TX descriptor's forwarding
 * port picks the GMAC; the RX descriptor names the GMAC a frame came from
 * and carries the PPE's report (FOE index and CPU reason), which is how the
 * driver learns that a flow may be bound.
 */
#include <linux/bitfield.h>
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/skbuff.h>
#include <net/page_pool/helpers.h>

#include "flowsw_eth.h"
#include "flowsw_ppe.h"

#define RX_FRAG_SIZE (SKB_DATA_ALIGN(NET_SKB_PAD + NET_IP_ALIGN +	\
				     FLOWSW_RX_BUF_SIZE) +		\
		      SKB_DATA_ALIGN(sizeof(struct skb_shared_info)))
#define RX_HEADROOM (NET_SKB_PAD + NET_IP_ALIGN)

static void flowsw_desc_set_buf(struct flowsw_dma_desc *d, dma_addr_t addr)
{
	d->buf_lo = lower_32_bits(addr);
	d->buf_hi = upper_32_bits(addr);
}

static unsigned int flowsw_tx_free(struct flowsw_tx_ring *tx)
{
	return (tx->dirty - tx->next - 1) & (FLOWSW_TX_RING_SIZE - 1);
}

static void flowsw_tx_queues(struct flowsw_eth *eth, bool wake)
{
	int i;

	for (i = 0; i < FE_NUM_GMACS; i++) {
		if (!eth->mac[i])
			continue;
		if (wake)
			netif_wake_queue(eth->mac[i]->netdev);
		else
			netif_stop_queue(eth->mac[i]->netdev);
	}
}

/* The doorbell: the DMA owns descriptors up to PDMA_TX_CPU_IDX. */
static void flowsw_tx_kick(struct flowsw_eth *eth)
{
	fe_w32(eth, PDMA_TX_CPU_IDX, eth->tx.next);
}

/**
 * flowsw_start_xmit() - queue a frame on the shared TX ring
 * @skb: the frame
 * @dev: the GMAC netdev
 *
 * Byte queue limits hold each GMAC's queue; the doorbell waits for the
 * last frame of a batch (xmit_more), unless a queue stops.
 *
 * Return: NETDEV_TX_OK, or NETDEV_TX_BUSY when the ring is full.
 */
netdev_tx_t flowsw_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct netdev_queue *txq = netdev_get_tx_queue(dev, 0);
	struct flowsw_mac *mac = netdev_priv(dev);
	struct flowsw_eth *eth = mac->eth;
	struct flowsw_tx_ring *tx = &eth->tx;
	struct flowsw_dma_desc *d;
	unsigned int len, i;
	dma_addr_t addr;
	bool full;

	if (eth_skb_pad(skb))
		goto dropped;		/* eth_skb_pad() freed it */
	if (skb_linearize(skb) || skb->len > DESC_MAX_LEN)
		goto drop;

	len = skb->len;
	addr = dma_map_single(eth->dev, skb->data, len, DMA_TO_DEVICE);
	if (dma_mapping_error(eth->dev, addr))
		goto drop;

	spin_lock(&tx->lock);
	if (!flowsw_tx_free(tx)) {
		flowsw_tx_queues(eth, false);
		flowsw_tx_kick(eth);	/* what a batch left waiting */
		spin_unlock(&tx->lock);
		dma_unmap_single(eth->dev, addr, len, DMA_TO_DEVICE);
		return NETDEV_TX_BUSY;
	}
	i = tx->next;
	d = &tx->desc[i];
	tx->skb[i] = skb;
	tx->buf_dma[i] = addr;
	flowsw_desc_set_buf(d, addr);
	d->info = FIELD_PREP(TXD_INFO_FPORT, mac->id ? PSE_PORT_GMAC1 :
						     PSE_PORT_GMAC0);
	dma_wmb();
	WRITE_ONCE(d->ctrl, DESC_CTRL_LS | FIELD_PREP(DESC_CTRL_LEN, len));
	tx->next = (i + 1) % FLOWSW_TX_RING_SIZE;
	dev_sw_netstats_tx_add(dev, 1, len);
	full = !flowsw_tx_free(tx);
	if (full)
		flowsw_tx_queues(eth, false);
	/* a stopped queue sends no more of the batch: ring now */
	if (__netdev_tx_sent_queue(txq, len, netdev_xmit_more()) || full)
		flowsw_tx_kick(eth);
	spin_unlock(&tx->lock);
	return NETDEV_TX_OK;

drop:
	dev_kfree_skb_any(skb);
dropped:
	DEV_STATS_INC(dev, tx_dropped);
	return NETDEV_TX_OK;
}

static void flowsw_tx_reclaim(struct flowsw_eth *eth, int budget)
{
	unsigned int pkts[FE_NUM_GMACS] = {}, bytes[FE_NUM_GMACS] = {};
	struct flowsw_tx_ring *tx = &eth->tx;
	bool reclaimed = false;
	int id;

	spin_lock(&tx->lock);
	while (tx->dirty != tx->next) {
		unsigned int i = tx->dirty;
		struct sk_buff *skb = tx->skb[i];

		if (!(READ_ONCE(tx->desc[i].ctrl) & DESC_CTRL_DDONE))
			break;
		dma_unmap_single(eth->dev, tx->buf_dma[i], skb->len,
				 DMA_TO_DEVICE);
		/* the ring is shared: each frame counts for its own GMAC */
		id = ((struct flowsw_mac *)netdev_priv(skb->dev))->id;
		pkts[id]++;
		bytes[id] += skb->len;
		napi_consume_skb(skb, budget);
		tx->skb[i] = NULL;
		tx->dirty = (i + 1) % FLOWSW_TX_RING_SIZE;
		reclaimed = true;
	}
	for (id = 0; id < FE_NUM_GMACS; id++)
		if (pkts[id])
			netdev_completed_queue(eth->mac[id]->netdev, pkts[id],
					       bytes[id]);
	if (reclaimed && flowsw_tx_free(tx) > FLOWSW_TX_RING_SIZE / 4)
		flowsw_tx_queues(eth, true);
	spin_unlock(&tx->lock);
}

static int flowsw_rx_buf_alloc(struct flowsw_eth *eth, unsigned int i)
{
	struct flowsw_rx_ring *rx = &eth->rx;
	struct page *page;

	page = page_pool_dev_alloc_pages(rx->pool);
	if (!page)
		return -ENOMEM;
	rx->buf[i] = page_address(page);
	rx->buf_dma[i] = page_pool_get_dma_addr(page) + RX_HEADROOM;
	return 0;
}

/* Hand descriptor @i back to the DMA with its (possibly new) buffer. */
static void flowsw_rx_desc_reset(struct flowsw_eth *eth, unsigned int i)
{
	struct flowsw_dma_desc *d = &eth->rx.desc[i];

	flowsw_desc_set_buf(d, eth->rx.buf_dma[i]);
	d->info = 0;
	dma_wmb();
	WRITE_ONCE(d->ctrl, FIELD_PREP(DESC_CTRL_LEN, FLOWSW_RX_BUF_SIZE));
}

static struct flowsw_mac *flowsw_rx_mac(struct flowsw_eth *eth, u32 info)
{
	struct flowsw_mac *mac;

	switch (FIELD_GET(RXD_INFO_SPORT, info)) {
	case PSE_PORT_GMAC0:
		mac = eth->mac[0];
		break;
	case PSE_PORT_GMAC1:
		mac = eth->mac[1];
		break;
	default:
		return NULL;
	}
	return mac && netif_running(mac->netdev) ? mac : NULL;
}

static void flowsw_rx_frame(struct flowsw_eth *eth, unsigned int i,
			    u32 ctrl, u32 info)
{
	struct flowsw_rx_ring *rx = &eth->rx;
	unsigned int len = FIELD_GET(DESC_CTRL_LEN, ctrl);
	struct flowsw_mac *mac = flowsw_rx_mac(eth, info);
	void *buf = rx->buf[i];
	struct net_device *dev;
	struct sk_buff *skb;

	if (!mac || len < ETH_HLEN || len > FLOWSW_RX_BUF_SIZE)
		return;			/* the buffer is reused as it is */
	dev = mac->netdev;
	if (flowsw_rx_buf_alloc(eth, i)) {
		WRITE_ONCE(mac->rx_alloc_fail, mac->rx_alloc_fail + 1);
		DEV_STATS_INC(dev, rx_dropped);
		return;
	}
	page_pool_dma_sync_for_cpu(rx->pool, virt_to_page(buf), RX_HEADROOM,
				   len);
	skb = napi_build_skb(buf, PAGE_SIZE);
	if (!skb) {
		page_pool_put_full_page(rx->pool, virt_to_page(buf), true);
		DEV_STATS_INC(dev, rx_dropped);
		return;
	}
	/* the page goes back to the pool when the stack frees the skb */
	skb_mark_for_recycle(skb);
	skb_reserve(skb, RX_HEADROOM);
	skb_put(skb, len);
	skb->protocol = eth_type_trans(skb, dev);
	dev_sw_netstats_rx_add(dev, len);
	if (eth->ppe) {
		flowsw_ppe_report(eth->ppe, info);
		if (FIELD_GET(RXD_INFO_CRSN, info) == CPU_REASON_TCP_FIN_SYN_RST)
			flowsw_ppe_tcp_control(eth->ppe, skb);
	}
	napi_gro_receive(&eth->napi, skb);
}

static int flowsw_rx_poll(struct flowsw_eth *eth, int budget)
{
	struct flowsw_rx_ring *rx = &eth->rx;
	int done = 0;

	while (done < budget) {
		unsigned int i = rx->next;
		struct flowsw_dma_desc *d = &rx->desc[i];
		u32 ctrl = READ_ONCE(d->ctrl);

		if (!(ctrl & DESC_CTRL_DDONE))
			break;
		dma_rmb();
		flowsw_rx_frame(eth, i, ctrl, READ_ONCE(d->info));
		flowsw_rx_desc_reset(eth, i);
		rx->next = (i + 1) % FLOWSW_RX_RING_SIZE;
		done++;
	}
	/* The DMA fills up to, but never, the last descriptor given back. */
	if (done)
		fe_w32(eth, PDMA_RX_CPU_IDX,
		       (rx->next + FLOWSW_RX_RING_SIZE - 1) % FLOWSW_RX_RING_SIZE);
	return done;
}

/**
 * flowsw_napi_poll() - reclaim sent frames and receive up to @budget
 * @napi: the frame engine's NAPI context
 * @budget: most frames to receive
 *
 * Return: number of frames received.
 */
int flowsw_napi_poll(struct napi_struct *napi, int budget)
{
	struct flowsw_eth *eth = container_of(napi, struct flowsw_eth, napi);
	int done;

	flowsw_tx_reclaim(eth, budget);
	done = flowsw_rx_poll(eth, budget);
	if (done < budget && napi_complete_done(napi, done))
		flowsw_int_enable(eth, 0, FE_INT_RX_DONE | FE_INT_TX_DONE);
	return done;
}

/**
 * flowsw_dma_init() - allocate both rings and program them into the PDMA
 * @eth: the frame engine
 *
 * Return: 0 or a negative errno; nothing stays allocated on failure.
 */
int flowsw_dma_init(struct flowsw_eth *eth)
{
	struct flowsw_tx_ring *tx = &eth->tx;
	struct flowsw_rx_ring *rx = &eth->rx;
	struct page_pool_params pp = {
		.flags = PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV,
		.pool_size = FLOWSW_RX_RING_SIZE,
		.nid = NUMA_NO_NODE,
		.dev = eth->dev,
		.dma_dir = DMA_FROM_DEVICE,
		.offset = RX_HEADROOM,
		.max_len = FLOWSW_RX_BUF_SIZE,
	};
	unsigned int i;

	/* one page per RX buffer, from the ring's page_pool */
	BUILD_BUG_ON(RX_FRAG_SIZE > PAGE_SIZE);
	spin_lock_init(&tx->lock);
	rx->pool = page_pool_create(&pp);
	if (IS_ERR(rx->pool)) {
		rx->pool = NULL;
		return -ENOMEM;
	}
	tx->desc = dma_alloc_coherent(eth->dev, FLOWSW_TX_RING_SIZE * DMA_DESC_SIZE,
				      &tx->desc_dma, GFP_KERNEL);
	rx->desc = dma_alloc_coherent(eth->dev, FLOWSW_RX_RING_SIZE * DMA_DESC_SIZE,
				      &rx->desc_dma, GFP_KERNEL);
	if (!tx->desc || !rx->desc)
		goto err;

	/* A TX descriptor with DDONE set belongs to the CPU. */
	for (i = 0; i < FLOWSW_TX_RING_SIZE; i++)
		tx->desc[i].ctrl = DESC_CTRL_DDONE;
	for (i = 0; i < FLOWSW_RX_RING_SIZE; i++) {
		if (flowsw_rx_buf_alloc(eth, i))
			goto err;
		flowsw_rx_desc_reset(eth, i);
	}
	tx->next = 0;
	tx->dirty = 0;
	rx->next = 0;

	fe_w32(eth, PDMA_TX_BASE_LO, lower_32_bits(tx->desc_dma));
	fe_w32(eth, PDMA_TX_BASE_HI, upper_32_bits(tx->desc_dma));
	fe_w32(eth, PDMA_TX_MAX_CNT, FLOWSW_TX_RING_SIZE);
	fe_w32(eth, PDMA_RX_BASE_LO, lower_32_bits(rx->desc_dma));
	fe_w32(eth, PDMA_RX_BASE_HI, upper_32_bits(rx->desc_dma));
	fe_w32(eth, PDMA_RX_MAX_CNT, FLOWSW_RX_RING_SIZE);
	fe_w32(eth, PDMA_RST_IDX, PDMA_RST_DTX_IDX | PDMA_RST_DRX_IDX);
	fe_w32(eth, PDMA_TX_CPU_IDX, 0);
	fe_w32(eth, PDMA_RX_CPU_IDX, FLOWSW_RX_RING_SIZE - 1);
	return 0;

err:
	flowsw_dma_free(eth);
	return -ENOMEM;
}

/**
 * flowsw_dma_start() - let the PDMA run and unmask its interrupts
 * @eth: the frame engine
 */
void flowsw_dma_start(struct flowsw_eth *eth)
{
	fe_rmw(eth, PDMA_GLO_CFG, 0, PDMA_GLO_TX_DMA_EN | PDMA_GLO_RX_DMA_EN);
	flowsw_int_enable(eth, 0, FE_INT_RX_DONE | FE_INT_TX_DONE);
}

/**
 * flowsw_dma_stop() - stop the PDMA and mask its interrupts
 * @eth: the frame engine
 */
void flowsw_dma_stop(struct flowsw_eth *eth)
{
	flowsw_int_enable(eth, FE_INT_RX_DONE | FE_INT_TX_DONE, 0);
	fe_rmw(eth, PDMA_GLO_CFG, PDMA_GLO_TX_DMA_EN | PDMA_GLO_RX_DMA_EN, 0);
}

/**
 * flowsw_dma_free() - free both rings, their buffers and pending frames
 * @eth: the frame engine, with the PDMA stopped
 */
void flowsw_dma_free(struct flowsw_eth *eth)
{
	struct flowsw_tx_ring *tx = &eth->tx;
	struct flowsw_rx_ring *rx = &eth->rx;
	unsigned int i;

	for (i = 0; i < FLOWSW_TX_RING_SIZE; i++) {
		if (!tx->skb[i])
			continue;
		dma_unmap_single(eth->dev, tx->buf_dma[i], tx->skb[i]->len,
				 DMA_TO_DEVICE);
		dev_kfree_skb_any(tx->skb[i]);
		tx->skb[i] = NULL;
	}
	/* what was in flight will never complete */
	for (i = 0; i < FE_NUM_GMACS; i++)
		if (eth->mac[i])
			netdev_reset_queue(eth->mac[i]->netdev);
	for (i = 0; i < FLOWSW_RX_RING_SIZE; i++) {
		if (!rx->buf[i])
			continue;
		page_pool_put_full_page(rx->pool, virt_to_page(rx->buf[i]),
					false);
		rx->buf[i] = NULL;
	}
	/* pages the stack still holds come back to it, and it goes then */
	if (rx->pool)
		page_pool_destroy(rx->pool);
	rx->pool = NULL;
	if (tx->desc)
		dma_free_coherent(eth->dev, FLOWSW_TX_RING_SIZE * DMA_DESC_SIZE,
				  tx->desc, tx->desc_dma);
	if (rx->desc)
		dma_free_coherent(eth->dev, FLOWSW_RX_RING_SIZE * DMA_DESC_SIZE,
				  rx->desc, rx->desc_dma);
	tx->desc = NULL;
	rx->desc = NULL;
}
