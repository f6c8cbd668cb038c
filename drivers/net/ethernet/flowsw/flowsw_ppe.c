// SPDX-License-Identifier: GPL-2.0-only
/*
 * flowsw PPE table engine.
 *
 * A flow offered by the flowtable (REPLACE) is only remembered: its BIND
 * entry is ready, but the hardware decides where it goes.  The PPE learns an
 * UNBIND entry for the flow's first packets and, at the bind-rate threshold,
 * reports that entry's index in the RX descriptor.  The RX path then finds
 * the waiting flow of that bucket whose tuple matches and writes it at the
 * reported index.  STATS turns the entry's MIB counters into deltas and its
 * timestamp into an idle time; DESTROY invalidates the entry and clears the
 * PPE cache before it returns.
 */
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/if_vlan.h>
#include <linux/iopoll.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <net/flow_dissector.h>

#include "flowsw_flow.h"
#include "flowsw_ppe.h"
#include "flowsw_regs.h"

/* Reports of one index are acted on at most this often. */
#define FLOWSW_REPORT_INTERVAL	(HZ / 10)
#define FLOWSW_MIB_POLL_US	100
/* Buckets a flush walks under the lock at a time */
#define FLOWSW_FLUSH_SLICE	256
static_assert(FLOWSW_PPE_BUCKETS % FLOWSW_FLUSH_SLICE == 0);

/* The flows of every PPE: many thousands of one size, counted in slabinfo */
static struct kmem_cache *flowsw_flow_cache;

static const struct rhashtable_params flowsw_flow_ht_params = {
	.head_offset = offsetof(struct flowsw_ppe_flow, node),
	.key_offset = offsetof(struct flowsw_ppe_flow, cookie),
	.key_len = sizeof(unsigned long),
	.automatic_shrinking = true,
};

static u32 ppe_r32(struct flowsw_ppe *ppe, u32 reg)
{
	return ppe->ops->read(ppe, reg);
}

static void ppe_w32(struct flowsw_ppe *ppe, u32 reg, u32 val)
{
	ppe->ops->write(ppe, reg, val);
}

/**
 * flowsw_ppe_cache_clear() - make the PPE forget its cached entries
 * @ppe: the engine
 *
 * The PPE caches buckets; after the driver changes an entry in memory the
 * cache must be cleared or the PPE keeps using the old copy.  CLEAR acts
 * when it is set, so it is set and cleared again for the next time.
 */
void flowsw_ppe_cache_clear(struct flowsw_ppe *ppe)
{
	ppe_w32(ppe, PPE_CACHE_CTL, PPE_CACHE_CTL_EN | PPE_CACHE_CTL_CLEAR);
	ppe_w32(ppe, PPE_CACHE_CTL, PPE_CACHE_CTL_EN);
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_cache_clear, FLOWSW);

/**
 * flowsw_ppe_mib_read() - an entry's counters through the MIB serial port
 * @ppe: the engine
 * @index: FOE index
 * @bytes: bytes forwarded, 48 bits
 * @pkts: packets forwarded, 40 bits
 *
 * Return: 0, or -ETIMEDOUT if the serial interface did not answer; @bytes
 * and @pkts are then untouched.
 */
int flowsw_ppe_mib_read(struct flowsw_ppe *ppe, u32 index, u64 *bytes,
			u64 *pkts)
{
	u32 cr, r1, r2;
	int err;

	lockdep_assert_held(&ppe->lock);
	ppe_w32(ppe, PPE_MIB_SER_CR, PPE_MIB_SER_CR_START |
		FIELD_PREP(PPE_MIB_SER_CR_ENTRY, index));
	err = read_poll_timeout_atomic(ppe_r32, cr, !(cr & PPE_MIB_SER_CR_START),
				       1, FLOWSW_MIB_POLL_US, false, ppe,
				       PPE_MIB_SER_CR);
	if (err)
		return err;
	r1 = ppe_r32(ppe, PPE_MIB_SER_R1);
	r2 = ppe_r32(ppe, PPE_MIB_SER_R2);
	*bytes = ppe_r32(ppe, PPE_MIB_SER_R0) |
		 (u64)FIELD_GET(PPE_MIB_SER_R1_BYTES_HI, r1) << 32;
	*pkts = FIELD_GET(PPE_MIB_SER_R1_PKTS_LO, r1) |
		(u64)FIELD_GET(PPE_MIB_SER_R2_PKTS_HI, r2) << 16;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_mib_read, FLOWSW);

/* Entries changed: the PPE drops its cached copies once they are seen. */
static void flowsw_ppe_cache_flush(struct flowsw_ppe *ppe)
{
	lockdep_assert_held(&ppe->lock);
	dma_wmb();
	flowsw_ppe_cache_clear(ppe);
}

/* Write a whole entry; ib1 goes last so the PPE never sees half of it. */
static void flowsw_foe_write(struct flowsw_ppe *ppe, u32 index,
			     const struct foe_entry *e)
{
	struct foe_entry *hw = &ppe->foe[index];
	int i;

	lockdep_assert_held(&ppe->lock);
	for (i = 1; i < FOE_ENTRY_WORDS; i++)
		WRITE_ONCE(hw->data[i], e->data[i]);
	dma_wmb();
	WRITE_ONCE(hw->ib1, e->ib1);
	flowsw_ppe_cache_flush(ppe);
}

/*
 * Rewrite a bound entry.  The PPE first sees it UNBIND, so that while its
 * words change the flow's packets go to the CPU, never out with half an
 * old and half a new header; the hit count starts again from 0.
 */
static void flowsw_foe_rewrite(struct flowsw_ppe *ppe, u32 index,
			       const struct foe_entry *e)
{
	struct foe_entry *hw = &ppe->foe[index];
	u32 keep = FOE_IB1_PACKET_TYPE | FOE_IB1_UDP | FOE_IB1_TIMESTAMP;

	lockdep_assert_held(&ppe->lock);
	WRITE_ONCE(hw->ib1, (READ_ONCE(hw->ib1) & keep) |
			    FIELD_PREP(FOE_IB1_STATE, FOE_STATE_UNBIND));
	flowsw_ppe_cache_flush(ppe);
	flowsw_foe_write(ppe, index, e);
}

static void flowsw_flow_bind(struct flowsw_ppe *ppe,
			     struct flowsw_ppe_flow *flow, u32 index)
{
	struct foe_entry e = flow->data;

	lockdep_assert_held(&ppe->lock);
	e.ib1 &= ~FOE_IB1_TIMESTAMP;
	e.ib1 |= FIELD_PREP(FOE_IB1_TIMESTAMP, ppe_r32(ppe, FE_FOE_TS));
	/*
	 * The PPE counts only what it forwards, so the counters hold still
	 * until the entry is BIND: read the baseline first, or packets the
	 * PPE forwards meanwhile would never reach conntrack.
	 */
	if (flowsw_ppe_mib_read(ppe, index, &flow->mib_bytes, &flow->mib_pkts)) {
		flow->mib_bytes = 0;	/* as the PPE leaves a learnt entry */
		flow->mib_pkts = 0;
	}
	flowsw_foe_write(ppe, index, &e);
	flow->index = index;
	flow->was_bound = true;
	ppe->bound[index] = flow;
	ppe->binds++;
}

/* Forget the binding; the entry itself is left as it is. */
static void flowsw_flow_unbind(struct flowsw_ppe *ppe,
			       struct flowsw_ppe_flow *flow)
{
	lockdep_assert_held(&ppe->lock);
	if (flow->index < 0)
		return;
	ppe->bound[flow->index] = NULL;
	flow->index = -1;
}

/* The hardware may age or finish a bound entry on its own. */
static bool flowsw_flow_still_bound(struct flowsw_ppe *ppe,
				    struct flowsw_ppe_flow *flow)
{
	struct foe_entry *hw = &ppe->foe[flow->index];

	return foe_entry_state(hw) == FOE_STATE_BIND &&
	       flowsw_foe_same_flow(hw, &flow->data);
}

/*
 * Whether more offloaded flows want a bucket than it has ways.  The PPE
 * learns a new tuple over the oldest UNBIND way of a full bucket, so such
 * flows evict each other's entries before any reaches the bind rate, and
 * none may ever bind.  Their entries are bound at their first hit instead,
 * which leaves the ways to the first ones learned.
 */
static bool flowsw_bucket_contended(struct flowsw_ppe *ppe, u32 bucket)
{
	struct flowsw_ppe_flow *flow;
	int n = 0;

	lockdep_assert_held(&ppe->lock);
	hlist_for_each_entry(flow, &ppe->buckets[bucket / FOE_BUCKET_WAYS],
			     bucket_node)
		if (++n > FOE_BUCKET_WAYS)
			return true;
	return false;
}

/* UNBIND hits at which a learned entry of an offloaded flow binds */
static u32 flowsw_bind_hits(struct flowsw_ppe *ppe, u32 bucket)
{
	return flowsw_bucket_contended(ppe, bucket) ? 1 : ppe->bind_threshold;
}

/*
 * The PPE may have learned the flow, and reported it, before the flowtable
 * offered it: bind now rather than wait for the next report, if its entry
 * has the hits a report would have needed (flowsw_bind_hits()).
 */
static void flowsw_flow_bind_learned(struct flowsw_ppe *ppe,
				     struct flowsw_ppe_flow *flow)
{
	u32 i, index, hits = flowsw_bind_hits(ppe, flow->bucket);

	lockdep_assert_held(&ppe->lock);
	for (i = 0; i < FOE_BUCKET_WAYS; i++) {
		index = flow->bucket + i;
		if (foe_entry_state(&ppe->foe[index]) == FOE_STATE_UNBIND &&
		    FIELD_GET(FOE_IB1_UNBIND_PACKETS, ppe->foe[index].ib1) >=
		    hits &&
		    !ppe->bound[index] &&
		    flowsw_foe_same_flow(&ppe->foe[index], &flow->data)) {
			flowsw_flow_bind(ppe, flow, index);
			return;
		}
	}
}

/**
 * flowsw_ppe_init() - set up the engine's bookkeeping
 * @ppe: zeroed engine with @ops, @priv and @foe filled in, and @entries if
 *	the table is smaller than FOE_ENTRIES
 *
 * Return: 0 or a negative errno.
 */
int flowsw_ppe_init(struct flowsw_ppe *ppe)
{
	int i;

	if (!ppe->entries)
		ppe->entries = FOE_ENTRIES;
	if (!flowsw_ppe_entries_valid(ppe->entries))
		return -EINVAL;
	spin_lock_init(&ppe->lock);
	for (i = 0; i < FLOWSW_PPE_BUCKETS; i++)
		INIT_HLIST_HEAD(&ppe->buckets[i]);
	hash_init(ppe->by_dmac);
	return rhashtable_init(&ppe->flows, &flowsw_flow_ht_params);
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_init, FLOWSW);

static void flowsw_flow_free(void *ptr, void *arg)
{
	kmem_cache_free(flowsw_flow_cache, ptr);
}

/**
 * flowsw_ppe_cleanup() - invalidate every bound entry and free all flows
 * @ppe: the engine; no callbacks may run any more
 */
void flowsw_ppe_cleanup(struct flowsw_ppe *ppe)
{
	bool stale = false;
	int i;

	spin_lock_bh(&ppe->lock);
	for (i = 0; i < ppe->entries; i++) {
		if (ppe->bound[i]) {
			WRITE_ONCE(ppe->foe[i].ib1, 0);
			ppe->bound[i] = NULL;
			stale = true;
		}
	}
	if (stale)
		flowsw_ppe_cache_flush(ppe);
	spin_unlock_bh(&ppe->lock);
	rhashtable_free_and_destroy(&ppe->flows, flowsw_flow_free, NULL);
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_cleanup, FLOWSW);

/**
 * flowsw_ppe_forget_table() - start again from an empty FOE table
 * @ppe: the engine, with the PPE stopped
 *
 * After a frame engine reset the table may hold anything the PPE wrote
 * before.  Empty it; every bound flow waits for a new report, as if it had
 * just been offered.  What the PPE forwarded since the last stats read is
 * not counted.
 */
void flowsw_ppe_forget_table(struct flowsw_ppe *ppe)
{
	int i;

	spin_lock_bh(&ppe->lock);
	for (i = 0; i < ppe->entries; i++)
		if (ppe->bound[i])
			flowsw_flow_unbind(ppe, ppe->bound[i]);
	memset(ppe->foe, 0, ppe->entries * sizeof(*ppe->foe));
	memset(ppe->report_time, 0, sizeof(ppe->report_time));
	spin_unlock_bh(&ppe->lock);
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_forget_table, FLOWSW);

static struct flowsw_ppe_flow *flowsw_flow_lookup(struct flowsw_ppe *ppe,
						  unsigned long cookie)
{
	lockdep_assert_held(&ppe->lock);
	return rhashtable_lookup_fast(&ppe->flows, &cookie,
				      flowsw_flow_ht_params);
}

/* by_dmac's key: a destination MAC in the two words an entry holds it in */
static u32 flowsw_dmac_key(u32 hi, u16 lo)
{
	return hi ^ lo;
}

/* by_dmac's key of the address @addr */
static u32 flowsw_addr_key(const u8 *addr)
{
	return flowsw_dmac_key(get_unaligned_be32(addr),
			       get_unaligned_be16(addr + 4));
}

/* File @flow under the destination MAC its entry has now. */
static void flowsw_flow_index_dmac(struct flowsw_ppe *ppe,
				   struct flowsw_ppe_flow *flow)
{
	struct foe_mac_info *l2 = foe_entry_l2(&flow->data);

	lockdep_assert_held(&ppe->lock);
	hash_del(&flow->dmac_node);
	hash_add(ppe->by_dmac, &flow->dmac_node,
		 flowsw_dmac_key(l2->dest_mac_hi, l2->dest_mac_lo));
}

/*
 * Take a flow out of the hardware: invalidate its entry, in whatever state
 * the PPE moved it to, and forget the binding.  Returns whether an entry
 * was invalidated, which the PPE cache must then forget.
 */
static bool flowsw_flow_evict(struct flowsw_ppe *ppe,
			      struct flowsw_ppe_flow *flow)
{
	bool invalidated = false;

	lockdep_assert_held(&ppe->lock);
	if (flow->index >= 0 &&
	    flowsw_foe_same_flow(&ppe->foe[flow->index], &flow->data)) {
		WRITE_ONCE(ppe->foe[flow->index].ib1, 0);
		invalidated = true;
	}
	flowsw_flow_unbind(ppe, flow);
	return invalidated;
}

/*
 * Unlink a flow and evict it (flowsw_flow_evict()).  Return: whether an
 * entry was invalidated, so that the PPE cache must be cleared before the
 * PPE stops using it.
 */
static bool flowsw_flow_unlink(struct flowsw_ppe *ppe,
			       struct flowsw_ppe_flow *flow)
{
	bool invalidated = flowsw_flow_evict(ppe, flow);

	if (flow->was_bound)
		ppe->gone_bound++;
	else
		ppe->gone_unbound++;
	hlist_del(&flow->bucket_node);
	hash_del(&flow->dmac_node);
	rhashtable_remove_fast(&ppe->flows, &flow->node, flowsw_flow_ht_params);
	return invalidated;
}

/* Unlink a flow; whatever state the PPE moved its entry to, it goes too. */
static void flowsw_flow_remove(struct flowsw_ppe *ppe,
			       struct flowsw_ppe_flow *flow)
{
	if (flowsw_flow_unlink(ppe, flow))
		flowsw_ppe_cache_flush(ppe);
}

/*
 * Bring a bound flow's hardware entry up to flow->data, its timestamp
 * kept; its MIB counts on, so the STATS baseline holds.
 */
static void flowsw_flow_rewrite(struct flowsw_ppe *ppe,
				struct flowsw_ppe_flow *flow)
{
	struct foe_entry e = flow->data;

	lockdep_assert_held(&ppe->lock);
	if (flow->index < 0 || !flowsw_flow_still_bound(ppe, flow))
		return;
	e.ib1 &= ~FOE_IB1_TIMESTAMP;
	e.ib1 |= ppe->foe[flow->index].ib1 & FOE_IB1_TIMESTAMP;
	if (memcmp(&e, &ppe->foe[flow->index], sizeof(e)))
		flowsw_foe_rewrite(ppe, flow->index, &e);
}

/**
 * flowsw_ppe_flow_add() - remember a flow until the hardware reports it
 * @ppe: the engine
 * @cookie: the flow's identity
 * @data: its BIND entry, from flowsw_flow_to_foe()
 * @owner: the flow_block it came from, for flowsw_ppe_flush_owner()
 *
 * A cookie already known for the same flow updates it (and its bound
 * entry); one known for another tuple stood for a flow that is gone, and
 * is replaced.
 *
 * Return: 0, -EINVAL for an entry type without a hash, or -ENOMEM.
 */
int flowsw_ppe_flow_add(struct flowsw_ppe *ppe, unsigned long cookie,
			const struct foe_entry *data, const void *owner)
{
	struct flowsw_ppe_flow *flow, *old;
	int err;

	flow = kmem_cache_zalloc(flowsw_flow_cache, GFP_KERNEL);
	if (!flow)
		return -ENOMEM;
	flow->cookie = cookie;
	flow->owner = owner;
	flow->data = *data;
	flow->index = -1;
	/* a smaller table uses the low bits of the hash */
	flow->bucket = foe_hash(data) & (ppe->entries - 1);
	/* a type without a hash (never built) would index past the table */
	if (WARN_ON_ONCE(flow->bucket & (FOE_BUCKET_WAYS - 1))) {
		kmem_cache_free(flowsw_flow_cache, flow);
		return -EINVAL;
	}

	spin_lock_bh(&ppe->lock);
	old = flowsw_flow_lookup(ppe, cookie);
	if (old && old->owner == owner &&
	    flowsw_foe_same_flow(&old->data, data)) {
		/*
		 * The flowtable refreshes a flow it still sees with a new
		 * lookup of its path (another bridge port, say).
		 */
		old->data = *data;
		old->retired = false;
		flowsw_flow_index_dmac(ppe, old);
		flowsw_flow_rewrite(ppe, old);
		spin_unlock_bh(&ppe->lock);
		kmem_cache_free(flowsw_flow_cache, flow);
		return 0;
	}
	if (old) {
		flowsw_flow_remove(ppe, old);
		kmem_cache_free(flowsw_flow_cache, old);
	}
	err = rhashtable_lookup_insert_fast(&ppe->flows, &flow->node,
					    flowsw_flow_ht_params);
	if (!err) {
		ppe->offers++;
		hlist_add_head(&flow->bucket_node,
			       &ppe->buckets[flow->bucket / FOE_BUCKET_WAYS]);
		flowsw_flow_index_dmac(ppe, flow);
		flowsw_flow_bind_learned(ppe, flow);
	}
	spin_unlock_bh(&ppe->lock);
	if (err)
		kmem_cache_free(flowsw_flow_cache, flow);
	return err;
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_flow_add, FLOWSW);

/**
 * flowsw_ppe_flow_del() - forget a flow and invalidate its entry
 * @ppe: the engine
 * @cookie: the flow's identity
 *
 * The entry is invalid and the PPE cache cleared when this returns, so no
 * further packet of the flow is forwarded in hardware.
 *
 * Return: 0, or -ENOENT for an unknown cookie.
 */
int flowsw_ppe_flow_del(struct flowsw_ppe *ppe, unsigned long cookie)
{
	struct flowsw_ppe_flow *flow;

	spin_lock_bh(&ppe->lock);
	flow = flowsw_flow_lookup(ppe, cookie);
	if (!flow) {
		spin_unlock_bh(&ppe->lock);
		return -ENOENT;
	}
	flowsw_flow_remove(ppe, flow);
	spin_unlock_bh(&ppe->lock);
	kmem_cache_free(flowsw_flow_cache, flow);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_flow_del, FLOWSW);

/**
 * flowsw_ppe_flush_owner() - forget every flow of one flow_block
 * @ppe: the engine
 * @owner: the flow_block going away
 *
 * A flowtable that is deleted unbinds its block before it tears its flows
 * down, so their DESTROY never comes: their entries are invalidated here.
 */
void flowsw_ppe_flush_owner(struct flowsw_ppe *ppe, const void *owner)
{
	struct flowsw_ppe_flow *flow;
	struct hlist_node *tmp;
	HLIST_HEAD(dead);
	int start, i;

	/*
	 * One cache clear per slice of buckets, not per flow, and the lock
	 * is let go between slices: NAPI binds under it.
	 */
	for (start = 0; start < FLOWSW_PPE_BUCKETS; start += FLOWSW_FLUSH_SLICE) {
		bool stale = false;

		spin_lock_bh(&ppe->lock);
		for (i = start; i < start + FLOWSW_FLUSH_SLICE; i++) {
			hlist_for_each_entry_safe(flow, tmp, &ppe->buckets[i],
						  bucket_node) {
				if (flow->owner != owner)
					continue;
				stale |= flowsw_flow_unlink(ppe, flow);
				hlist_add_head(&flow->bucket_node, &dead);
			}
		}
		if (stale)
			flowsw_ppe_cache_flush(ppe);
		spin_unlock_bh(&ppe->lock);
	}
	hlist_for_each_entry_safe(flow, tmp, &dead, bucket_node)
		kmem_cache_free(flowsw_flow_cache, flow);
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_flush_owner, FLOWSW);

/**
 * flowsw_ppe_flow_stats() - what the PPE forwarded since the last read
 * @ppe: the engine
 * @cookie: the flow's identity
 * @stats: filled in
 *
 * Counters are deltas against the snapshot of the previous read, so a read
 * never counts a packet twice, whoever asks.  An entry the hardware aged or
 * moved to FIN is no longer the flow's: the flow goes back to waiting for a
 * report, and its last counts are still returned.  One the PPE learnt again
 * (UNBIND, its MIB zeroed) or gave to another flow counts nothing: a delta
 * against the old snapshot would wrap to 2^48.
 *
 * Return: 0, or -ENOENT for an unknown cookie.
 */
int flowsw_ppe_flow_stats(struct flowsw_ppe *ppe, unsigned long cookie,
			  struct flowsw_ppe_stats *stats)
{
	struct flowsw_ppe_flow *flow;
	u64 bytes, pkts;

	memset(stats, 0, sizeof(*stats));
	spin_lock_bh(&ppe->lock);
	flow = flowsw_flow_lookup(ppe, cookie);
	if (!flow) {
		spin_unlock_bh(&ppe->lock);
		return -ENOENT;
	}
	if (flow->index >= 0) {
		const struct foe_entry *hw = &ppe->foe[flow->index];

		/* counters and timestamp are the flow's only while this holds */
		if (foe_entry_state(hw) != FOE_STATE_UNBIND &&
		    flowsw_foe_same_flow(hw, &flow->data)) {
			stats->idle = flowsw_foe_idle(ppe_r32(ppe, FE_FOE_TS),
						      READ_ONCE(hw->ib1));
			if (!flowsw_ppe_mib_read(ppe, flow->index, &bytes, &pkts)) {
				stats->bytes = flowsw_mib_delta(bytes, flow->mib_bytes,
								FLOWSW_MIB_BYTES_MASK);
				stats->pkts = flowsw_mib_delta(pkts, flow->mib_pkts,
							       FLOWSW_MIB_PKTS_MASK);
				flow->mib_bytes = bytes;
				flow->mib_pkts = pkts;
			}
		}
		stats->bound = flowsw_flow_still_bound(ppe, flow);
		if (!stats->bound) {
			flowsw_flow_unbind(ppe, flow);
			ppe->hw_unbinds++;
		}
	}
	spin_unlock_bh(&ppe->lock);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_flow_stats, FLOWSW);

/*
 * Whether a report at @index comes FLOWSW_REPORT_INTERVAL or more after the
 * last one acted on there; if so, it is the last one now.  16-bit stamps,
 * as mtk_ppe_check_skb() keeps: their difference is right for 65535
 * jiffies whatever jiffies is.  A full stamp would look in the future on a
 * 32-bit kernel, whose jiffies start at -300 s and wrap after 49 days.
 */
static bool flowsw_report_due(struct flowsw_ppe *ppe, u32 index)
{
	u16 now = (u16)jiffies;

	if ((u16)(now - READ_ONCE(ppe->report_time[index])) <
	    FLOWSW_REPORT_INTERVAL)
		return false;
	WRITE_ONCE(ppe->report_time[index], now);
	return true;
}

/**
 * flowsw_ppe_report() - act on the PPE's report in an RX descriptor
 * @ppe: the engine
 * @rxd_info: the descriptor's info word
 *
 * Called for every frame the PPE sent to the CPU.  When the PPE says an
 * UNBIND entry reached the bind rate, bind the waiting flow it belongs to;
 * in a contended bucket (flowsw_bucket_contended()), at its first hit.
 */
void flowsw_ppe_report(struct flowsw_ppe *ppe, u32 rxd_info)
{
	u32 reason = FIELD_GET(RXD_INFO_CRSN, rxd_info);
	u32 index = FIELD_GET(RXD_INFO_FOE_ENTRY, rxd_info);
	struct flowsw_ppe_flow *flow;
	struct foe_entry *hw;

	atomic_long_inc(&ppe->cpu_reason[reason]);
	if ((reason != CPU_REASON_HIT_UNBIND_RATE_REACHED &&
	     reason != CPU_REASON_HIT_UNBIND) || index >= ppe->entries)
		return;

	spin_lock_bh(&ppe->lock);
	hw = &ppe->foe[index];
	if (foe_entry_state(hw) != FOE_STATE_UNBIND)
		goto out;
	if (reason == CPU_REASON_HIT_UNBIND &&
	    !flowsw_bucket_contended(ppe, index & ~(FOE_BUCKET_WAYS - 1)))
		goto out;
	/* A flow sends many frames before its binding takes effect. */
	if (!flowsw_report_due(ppe, index))
		goto out;
	/* The PPE learned over our entry: it had aged out. */
	if (ppe->bound[index]) {
		flowsw_flow_unbind(ppe, ppe->bound[index]);
		ppe->hw_unbinds++;
	}
	hlist_for_each_entry(flow, &ppe->buckets[index / FOE_BUCKET_WAYS],
			     bucket_node) {
		if (flow->retired || !flowsw_foe_same_flow(&flow->data, hw))
			continue;
		if (flow->index >= 0) {
			if (flowsw_flow_still_bound(ppe, flow))
				continue;
			/* its entry aged, and the PPE learned it at another way */
			flowsw_flow_unbind(ppe, flow);
			ppe->hw_unbinds++;
		}
		flowsw_flow_bind(ppe, flow, index);
		goto out;
	}
	if (reason == CPU_REASON_HIT_UNBIND_RATE_REACHED)
		ppe->orphan_reports++;
out:
	spin_unlock_bh(&ppe->lock);
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_report, FLOWSW);

/**
 * flowsw_ppe_tuple_reopened() - a new TCP connection of a tuple began
 * @ppe: the engine
 * @key: the tuple (type, UDP bit, addresses and ports), as the PPE keys it
 *
 * The flowtable offers a connection only once it is established, so the
 * flows already offered for this tuple belong to an earlier connection,
 * one that may have ended before its offer was even processed.  Binding
 * one now would forward the new connection with the old one's rewrite,
 * past conntrack, which then never sees it established and has its
 * replies answered with resets.  So those flows leave the hardware and
 * are not bound again; their DESTROY frees them as usual.
 */
void flowsw_ppe_tuple_reopened(struct flowsw_ppe *ppe,
			       const struct foe_entry *key)
{
	u32 bucket = foe_hash(key) & (ppe->entries - 1);
	struct flowsw_ppe_flow *flow;
	bool stale = false;

	spin_lock_bh(&ppe->lock);
	hlist_for_each_entry(flow, &ppe->buckets[bucket / FOE_BUCKET_WAYS],
			     bucket_node) {
		if (flow->retired || !flowsw_foe_same_flow(&flow->data, key))
			continue;
		flow->retired = true;
		stale |= flowsw_flow_evict(ppe, flow);
		ppe->reopened++;
	}
	if (stale)
		flowsw_ppe_cache_flush(ppe);
	spin_unlock_bh(&ppe->lock);
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_tuple_reopened, FLOWSW);

/**
 * flowsw_ppe_tcp_control() - a TCP SYN, FIN or RST the PPE sent to the CPU
 * @ppe: the engine
 * @skb: the frame, its MAC header pulled (after eth_type_trans())
 *
 * For CPU_REASON_TCP_FIN_SYN_RST.  A SYN (or SYN-ACK) opens a connection:
 * see flowsw_ppe_tuple_reopened().
 */
void flowsw_ppe_tcp_control(struct flowsw_ppe *ppe, struct sk_buff *skb)
{
	struct flow_keys keys;
	struct foe_entry key;
	struct tcphdr _th;
	const struct tcphdr *th;

	skb_reset_network_header(skb);
	if (!skb_flow_dissect_flow_keys(skb, &keys, 0) ||
	    keys.basic.ip_proto != IPPROTO_TCP ||
	    !flowsw_foe_key_from_keys(&keys, &key))
		return;
	th = skb_header_pointer(skb, keys.control.thoff, sizeof(_th), &_th);
	if (th && th->syn)
		flowsw_ppe_tuple_reopened(ppe, &key);
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_tcp_control, FLOWSW);

/* Whether a flow to @addr follows @move, and with what VLAN. */
static bool flowsw_flow_moves(struct flowsw_ppe_flow *flow, const u8 *addr,
			      const struct flowsw_ppe_move *move, u16 *vid)
{
	struct foe_mac_info *l2 = foe_entry_l2(&flow->data);
	int old = flowsw_foe_switch_port(&flow->data);

	if (old < 0 || !(move->from_ports & BIT(old)) ||
	    !flowsw_foe_dest_mac_is(&flow->data, addr))
		return false;
	/* A tagged flow is its VLAN's; an untagged one takes the event's. */
	if ((l2->etype & FOE_ETYPE_STAG_TPID_8100) &&
	    (l2->vlan1 & VLAN_VID_MASK) != move->vid)
		return false;
	*vid = move->tagged ? move->vid : 0;
	return true;
}

/**
 * flowsw_ppe_move_dest() - follow a host that moved to another switch port
 * @ppe: the engine
 * @addr: the host's MAC address
 * @move: where the FDB now puts it
 *
 * When a host roams, the bridge moves its FDB entry but the flowtable keeps
 * its offloaded flows as they were, to the old port.  Every flow to @addr
 * that leaves through another port of the same bridge is re-pointed, bound
 * or waiting, with the VLAN tagging of the new port; if a bound entry
 * changed, the PPE cache is cleared.  No further packet goes to the old
 * port.
 *
 * Context: any; takes the engine's lock with BHs disabled.  Called from
 * the bridge's FDB notifications, in softirq or under its hash lock.
 * Return: how many flows moved.
 */
unsigned int flowsw_ppe_move_dest(struct flowsw_ppe *ppe, const u8 *addr,
				  const struct flowsw_ppe_move *move)
{
	struct flowsw_ppe_flow *flow;
	unsigned int moved = 0;
	bool rewritten = false;
	u32 word, before;
	u16 vid;

	spin_lock_bh(&ppe->lock);
	hash_for_each_possible(ppe->by_dmac, flow, dmac_node,
			       flowsw_addr_key(addr)) {
		if (!flowsw_flow_moves(flow, addr, move, &vid))
			continue;
		/*
		 * The tag and its VLAN share one word, all the move changes:
		 * the PPE sees the old or the new first layer, never a mix.
		 */
		word = ((u8 *)foe_entry_l2(&flow->data) -
			(u8 *)&flow->data) / sizeof(u32);
		before = flow->data.data[word];
		flowsw_foe_set_switch_port(&flow->data, move->port, vid);
		if (flow->data.data[word] == before)
			continue;
		moved++;
		if (flow->index < 0 || !flowsw_flow_still_bound(ppe, flow))
			continue;
		WRITE_ONCE(ppe->foe[flow->index].data[word],
			   flow->data.data[word]);
		rewritten = true;
	}
	if (rewritten)
		flowsw_ppe_cache_flush(ppe);
	ppe->dest_moves += moved;
	spin_unlock_bh(&ppe->lock);
	return moved;
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_move_dest, FLOWSW);

/* The egress of @flow as a bit of flowsw_ppe_retarget()'s mask, or 0 */
static u32 flowsw_flow_egress_bit(struct flowsw_ppe_flow *flow)
{
	int port = flowsw_foe_switch_port(&flow->data);

	if (port >= 0)
		return BIT(port);
	if (FIELD_GET(FOE_IB2_DEST_PORT, *foe_entry_ib2(&flow->data)) ==
	    PSE_PORT_GMAC1)
		return FLOWSW_EGRESS_GMAC1;
	return 0;
}

/**
 * flowsw_ppe_retarget() - follow a neighbour whose MAC address changed
 * @ppe: the engine
 * @old: the address the neighbour had
 * @new: the address it has now
 * @egress: where the neighbour is: a mask of switch user ports (BIT(n))
 *	and FLOWSW_EGRESS_GMAC1
 *
 * The flowtable takes a flow's destination MAC from the neighbour once,
 * when it offers the flow, and never again: after a new gateway takes over
 * the address (a DHCP server's failover, a replaced modem), a bound flow
 * would go on to the old MAC for good.  Every flow to @old through
 * @egress, bound or waiting, now goes to @new; a bound entry is rewritten
 * through UNBIND, so the PPE never sends half of each.
 *
 * Context: any; takes the engine's lock with BHs disabled.
 * Return: how many flows changed.
 */
unsigned int flowsw_ppe_retarget(struct flowsw_ppe *ppe, const u8 *old,
				 const u8 *new, u32 egress)
{
	struct flowsw_ppe_flow *flow;
	struct hlist_node *tmp;
	unsigned int changed = 0;

	spin_lock_bh(&ppe->lock);
	hash_for_each_possible_safe(ppe->by_dmac, flow, tmp, dmac_node,
				    flowsw_addr_key(old)) {
		if (!(flowsw_flow_egress_bit(flow) & egress) ||
		    !flowsw_foe_dest_mac_is(&flow->data, old))
			continue;
		flowsw_foe_set_dest_mac(&flow->data, new);
		flowsw_flow_index_dmac(ppe, flow);
		flowsw_flow_rewrite(ppe, flow);
		changed++;
	}
	ppe->neigh_moves += changed;
	spin_unlock_bh(&ppe->lock);
	return changed;
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_retarget, FLOWSW);

/**
 * flowsw_ppe_count_reject() - count why a flow stayed in software
 * @ppe: the engine
 * @reason: the reason flowsw_flow_to_foe() gave
 */
void flowsw_ppe_count_reject(struct flowsw_ppe *ppe, enum flowsw_reject reason)
{
	if (WARN_ON_ONCE(reason >= FLOWSW_REJECT_COUNT))
		return;
	spin_lock_bh(&ppe->lock);
	ppe->rejects[reason]++;
	spin_unlock_bh(&ppe->lock);
}
EXPORT_SYMBOL_NS_GPL(flowsw_ppe_count_reject, FLOWSW);

static int __init flowsw_ppe_module_init(void)
{
	flowsw_flow_cache = KMEM_CACHE(flowsw_ppe_flow, 0);
	return flowsw_flow_cache ? 0 : -ENOMEM;
}
module_init(flowsw_ppe_module_init);

static void __exit flowsw_ppe_module_exit(void)
{
	kmem_cache_destroy(flowsw_flow_cache);
}
module_exit(flowsw_ppe_module_exit);
