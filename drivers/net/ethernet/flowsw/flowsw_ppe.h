/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * flowsw PPE table engine: offloaded flows, bind on the hardware's report,
 * statistics and teardown.  It reaches the hardware only through the FOE
 * table memory and struct flowsw_ppe_hw_ops, so KUnit can run it on fakes.
 */
#ifndef FLOWSW_PPE_H
#define FLOWSW_PPE_H

#include <linux/atomic.h>
#include <linux/hashtable.h>
#include <linux/log2.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>

#include "flowsw_desc.h"
#include "flowsw_flow.h"
#include "flowsw_foe.h"

struct flowsw_ppe;

/**
 * struct flowsw_ppe_hw_ops - register access for the table engine
 * @read: read a frame engine register (FE_FOE_TS, PPE_*)
 * @write: write a frame engine register
 */
struct flowsw_ppe_hw_ops {
	u32 (*read)(struct flowsw_ppe *ppe, u32 reg);
	void (*write)(struct flowsw_ppe *ppe, u32 reg, u32 val);
};

/**
 * struct flowsw_ppe_flow - one direction of an offloaded flow
 * @node: in flowsw_ppe.flows, keyed by @cookie
 * @cookie: the flow_cls_offload cookie
 * @owner: the flow_block the flow came from
 * @bucket_node: in the list of flows hashing to @bucket
 * @dmac_node: in flowsw_ppe.by_dmac, under the destination MAC of @data
 * @bucket: index of the first way of the flow's bucket
 * @was_bound: the flow was bound at some time
 * @retired: a newer connection of the same tuple began (a TCP SYN came):
 *	the flow's entry is not the new connection's, so it never binds
 *	again, unless the flowtable offers it anew
 * @index: FOE index the flow is bound at, or -1 while in software
 * @data: the entry written at bind time
 * @mib_bytes: MIB byte counter at the last stats read
 * @mib_pkts: MIB packet counter at the last stats read
 */
struct flowsw_ppe_flow {
	struct rhash_head node;
	unsigned long cookie;
	const void *owner;
	struct hlist_node bucket_node;
	struct hlist_node dmac_node;
	u16 bucket;
	bool was_bound;
	bool retired;
	int index;
	struct foe_entry data;
	u64 mib_bytes;
	u64 mib_pkts;
};

#define FLOWSW_PPE_BUCKETS	(FOE_ENTRIES / FOE_BUCKET_WAYS)

/**
 * struct flowsw_ppe - the table engine state
 * @ops: register access
 * @priv: owner's data for @ops
 * @foe: the FOE table, @entries entries shared with the PPE
 * @entries: size of the FOE table, a power of two from FOE_ENTRIES_MIN to
 *	FOE_ENTRIES; 0 at flowsw_ppe_init() means FOE_ENTRIES
 * @bind_threshold: UNBIND hits at which the PPE reports an entry
 *	(PPE_BIND_RATE); an entry learned before its flow was offered binds at
 *	once only with as many, as a report would have said
 * @lock: the one lock of the engine.  It guards @flows, @buckets, @bound,
 *	@rejects, the counters below it, every FOE entry write and the MIB
 *	serial interface.  Taken with BHs disabled: the RX path binds from
 *	NAPI.
 * @flows: all flows by cookie
 * @buckets: flows by bucket, bound or waiting for the hardware's report
 * @by_dmac: flows by destination MAC, for FDB and neighbour events, which
 *	come in atomic context and must not walk every flow
 * @bound: the flow bound at each FOE index
 * @report_time: low 16 bits of jiffies at the last report acted on, per
 *	FOE index (see flowsw_report_due())
 * @cpu_reason: frames the PPE sent to the CPU, per enum flowsw_cpu_reason
 * @rejects: flows refused at REPLACE, per enum flowsw_reject
 * @offers: flows offered (REPLACE of a cookie not held)
 * @gone_bound: flows forgotten that had been bound
 * @gone_unbound: flows forgotten that never bound: the hardware reported
 *	none of their entries (short flows, full buckets) before they went
 * @binds: flows bound
 * @hw_unbinds: bound entries the hardware aged or finished
 * @orphan_reports: bind reports that matched no offloaded flow
 * @reopened: flows retired because a TCP SYN of their tuple came (see
 *	flowsw_ppe_tuple_reopened())
 * @dest_moves: flows re-pointed to the port their host moved to
 * @neigh_moves: flows re-pointed to the new MAC address of their neighbour
 */
struct flowsw_ppe {
	const struct flowsw_ppe_hw_ops *ops;
	void *priv;
	struct foe_entry *foe;
	u32 entries;
	u32 bind_threshold;

	spinlock_t lock;	/* see above */
	struct rhashtable flows;
	struct hlist_head buckets[FLOWSW_PPE_BUCKETS];
	DECLARE_HASHTABLE(by_dmac, 10);
	struct flowsw_ppe_flow *bound[FOE_ENTRIES];
	u16 report_time[FOE_ENTRIES];

	atomic_long_t cpu_reason[32];
	unsigned long rejects[FLOWSW_REJECT_COUNT];
	unsigned long offers;
	unsigned long gone_bound;
	unsigned long gone_unbound;
	unsigned long binds;
	unsigned long hw_unbinds;
	unsigned long orphan_reports;
	unsigned long reopened;
	unsigned long dest_moves;
	unsigned long neigh_moves;
};

/**
 * struct flowsw_ppe_stats - what a stats read found
 * @bytes: bytes forwarded by the PPE since the last read
 * @pkts: packets forwarded by the PPE since the last read
 * @idle: seconds since the PPE last forwarded the flow
 * @bound: whether the flow is bound in hardware
 */
struct flowsw_ppe_stats {
	u64 bytes;
	u64 pkts;
	u32 idle;
	bool bound;
};

/**
 * struct flowsw_ppe_move - where an FDB event says a host is now
 * @port: the switch user port it is behind
 * @from_ports: user ports in the same bridge as @port; flows leaving through
 *	other ports are another L2 domain's
 * @vid: the FDB entry's VLAN, 0 outside a VLAN-filtering bridge
 * @tagged: @port sends @vid tagged
 */
struct flowsw_ppe_move {
	int port;
	u32 from_ports;
	u16 vid;
	bool tagged;
};

/* flowsw_ppe_retarget()'s egress mask: switch user ports, then GMAC1 */
#define FLOWSW_EGRESS_GMAC1	BIT(31)

/* Whether @entries is a table size the PPE has (PPE_TB_CFG_ENTRY_NUM) */
static inline bool flowsw_ppe_entries_valid(u32 entries)
{
	return is_power_of_2(entries) && entries >= FOE_ENTRIES_MIN &&
	       entries <= FOE_ENTRIES;
}

int flowsw_ppe_init(struct flowsw_ppe *ppe);
void flowsw_ppe_cleanup(struct flowsw_ppe *ppe);
void flowsw_ppe_forget_table(struct flowsw_ppe *ppe);
int flowsw_ppe_flow_add(struct flowsw_ppe *ppe, unsigned long cookie,
			const struct foe_entry *data, const void *owner);
void flowsw_ppe_flush_owner(struct flowsw_ppe *ppe, const void *owner);
int flowsw_ppe_flow_del(struct flowsw_ppe *ppe, unsigned long cookie);
int flowsw_ppe_flow_stats(struct flowsw_ppe *ppe, unsigned long cookie,
			  struct flowsw_ppe_stats *stats);
void flowsw_ppe_report(struct flowsw_ppe *ppe, u32 rxd_info);
void flowsw_ppe_tuple_reopened(struct flowsw_ppe *ppe,
			       const struct foe_entry *key);
void flowsw_ppe_tcp_control(struct flowsw_ppe *ppe, struct sk_buff *skb);
void flowsw_ppe_count_reject(struct flowsw_ppe *ppe,
			     enum flowsw_reject reason);
unsigned int flowsw_ppe_move_dest(struct flowsw_ppe *ppe, const u8 *addr,
				  const struct flowsw_ppe_move *move);
unsigned int flowsw_ppe_retarget(struct flowsw_ppe *ppe, const u8 *old,
				 const u8 *new, u32 egress);
void flowsw_ppe_cache_clear(struct flowsw_ppe *ppe);
int flowsw_ppe_mib_read(struct flowsw_ppe *ppe, u32 index, u64 *bytes,
			u64 *pkts);

#endif /* FLOWSW_PPE_H */
