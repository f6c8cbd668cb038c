// SPDX-License-Identifier: GPL-2.0-only
/*
 * flowsw debugfs: the FOE table and why flows were not offloaded.
 *
 *   /sys/kernel/debug/flowsw/<device>/foe      every valid entry, one a line
 *   /sys/kernel/debug/flowsw/<device>/reasons  counters of the PPE's CPU
 *                                               reasons and of refusals
 */
#include <linux/bitfield.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/unaligned.h>

#include "flowsw_eth.h"
#include "flowsw_flow.h"
#include "flowsw_ppe.h"

static const char *const flowsw_state_names[] = {
	[FOE_STATE_INVALID] = "INVALID",
	[FOE_STATE_UNBIND] = "UNBIND",
	[FOE_STATE_BIND] = "BIND",
	[FOE_STATE_FIN] = "FIN",
};

static const char *const flowsw_type_names[] = {
	[FOE_PKT_TYPE_IPV4_HNAPT] = "IPV4_HNAPT",
	[FOE_PKT_TYPE_IPV4_ROUTE] = "IPV4_ROUTE",
	[FOE_PKT_TYPE_IPV6_ROUTE_3T] = "IPV6_3T",
	[FOE_PKT_TYPE_IPV6_ROUTE_5T] = "IPV6_5T",
};

static const char *const flowsw_reason_names[32] = {
	[CPU_REASON_NONE] = "none",
	[CPU_REASON_HIT_TTL_1] = "ttl_exceeded",
	[CPU_REASON_OPTION_HEADER] = "ip_options",
	[CPU_REASON_NO_FLOW] = "type_not_enabled",
	[CPU_REASON_IPV4_FRAG] = "ipv4_fragment",
	[CPU_REASON_TCP_FIN_SYN_RST] = "tcp_syn_fin_rst",
	[CPU_REASON_NOT_TCP_UDP] = "not_tcp_udp",
	[CPU_REASON_MALFORMED] = "malformed",
	[CPU_REASON_HIT_UNBIND] = "unbind",
	[CPU_REASON_HIT_UNBIND_RATE_REACHED] = "unbind_rate_reached",
	[CPU_REASON_HIT_BIND_TCP_FIN] = "tcp_fin",
	[CPU_REASON_HIT_BIND_EXCEED_MTU] = "exceed_mtu",
	[CPU_REASON_BUCKET_FULL] = "bucket_full",
	[CPU_REASON_HIT_FIN] = "fin",
};

static void flowsw_seq_tuple(struct seq_file *m, const struct foe_entry *e)
{
	const char *l4 = (e->ib1 & FOE_IB1_UDP) ? "udp" : "tcp";
	u32 type = foe_entry_type(e);
	__be32 a[4], b[4];
	int i;

	if (foe_type_is_ipv6(type)) {
		for (i = 0; i < 4; i++) {
			a[i] = cpu_to_be32(e->ipv6.src_ip[i]);
			b[i] = cpu_to_be32(e->ipv6.dest_ip[i]);
		}
		if (type == FOE_PKT_TYPE_IPV6_ROUTE_5T)
			seq_printf(m, " %s [%pI6c]:%u->[%pI6c]:%u", l4, a,
				   e->ipv6.src_port, b, e->ipv6.dest_port);
		else
			seq_printf(m, " proto %u %pI6c->%pI6c", e->ipv6.protocol,
				   a, b);
		return;
	}
	a[0] = cpu_to_be32(e->ipv4.orig.src_ip);
	b[0] = cpu_to_be32(e->ipv4.orig.dest_ip);
	if (type == FOE_PKT_TYPE_IPV4_HNAPT)
		seq_printf(m, " %s %pI4:%u->%pI4:%u", l4, a, e->ipv4.orig.src_port,
			   b, e->ipv4.orig.dest_port);
	else
		seq_printf(m, " proto %u %pI4->%pI4", e->ipv4.orig.protocol, a, b);
}

static void flowsw_seq_rewrite(struct seq_file *m, struct foe_entry *e)
{
	struct foe_mac_info *l2 = foe_entry_l2(e);
	u8 dmac[ETH_ALEN], smac[ETH_ALEN];
	__be32 src, dst;

	if (foe_entry_type(e) == FOE_PKT_TYPE_IPV4_HNAPT) {
		src = cpu_to_be32(e->ipv4.new.src_ip);
		dst = cpu_to_be32(e->ipv4.new.dest_ip);
		seq_printf(m, " new %pI4:%u->%pI4:%u", &src, e->ipv4.new.src_port,
			   &dst, e->ipv4.new.dest_port);
	}
	put_unaligned_be32(l2->dest_mac_hi, dmac);
	put_unaligned_be16(l2->dest_mac_lo, dmac + 4);
	put_unaligned_be32(l2->src_mac_hi, smac);
	put_unaligned_be16(l2->src_mac_lo, smac + 4);
	seq_printf(m, " dmac %pM smac %pM vlan %lu:%u,%u pppoe %u egress %lu",
		   dmac, smac, FIELD_GET(FOE_IB1_BIND_VLAN_LAYER, e->ib1),
		   l2->vlan1, l2->vlan2,
		   (e->ib1 & FOE_IB1_BIND_PPPOE) ? l2->pppoe_id : 0,
		   FIELD_GET(FOE_IB2_DEST_PORT, *foe_entry_ib2(e)));
	if (!(e->ib1 & FOE_IB1_BIND_VLAN_TAG) &&
	    FIELD_GET(FOE_IB1_BIND_VLAN_LAYER, e->ib1))
		seq_printf(m, " stag 0x%lx", l2->etype & FOE_ETYPE_STAG_PORTS);
}

/* ib1's type field is wider than the types that have a name */
static const char *flowsw_type_name(const struct foe_entry *e)
{
	u32 type = foe_entry_type(e);

	if (type >= ARRAY_SIZE(flowsw_type_names) || !flowsw_type_names[type])
		return "UNKNOWN";
	return flowsw_type_names[type];
}

static int flowsw_foe_show(struct seq_file *m, void *unused)
{
	struct flowsw_ppe *ppe = m->private;
	u32 now = ppe->ops->read(ppe, FE_FOE_TS);
	struct foe_entry e;
	bool offloaded;
	u64 bytes, pkts;
	u32 i, state;

	for (i = 0; i < ppe->entries; i++) {
		spin_lock_bh(&ppe->lock);
		memcpy(&e, &ppe->foe[i], sizeof(e));
		offloaded = ppe->bound[i];
		state = foe_entry_state(&e);
		if (state != FOE_STATE_INVALID &&
		    flowsw_ppe_mib_read(ppe, i, &bytes, &pkts)) {
			bytes = 0;
			pkts = 0;
		}
		spin_unlock_bh(&ppe->lock);
		if (state == FOE_STATE_INVALID)
			continue;

		seq_printf(m, "foe %u %s %s", i, flowsw_state_names[state],
			   flowsw_type_name(&e));
		flowsw_seq_tuple(m, &e);
		if (state != FOE_STATE_UNBIND)
			flowsw_seq_rewrite(m, &e);
		seq_printf(m, " pkts %llu bytes %llu idle %u%s\n", pkts, bytes,
			   flowsw_foe_idle(now, e.ib1),
			   offloaded ? " offloaded" : "");
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(flowsw_foe);

static int flowsw_reasons_show(struct seq_file *m, void *unused)
{
	struct flowsw_ppe *ppe = m->private;
	int i;

	spin_lock_bh(&ppe->lock);
	/*
	 * flows: offered and not yet destroyed, bound or waiting (C3); so
	 * offers = flows + gone_bound + gone_unbound
	 */
	seq_printf(m, "flows %u\noffers %lu\ngone_bound %lu\ngone_unbound %lu\n",
		   atomic_read(&ppe->flows.nelems), ppe->offers,
		   ppe->gone_bound, ppe->gone_unbound);
	seq_printf(m, "binds %lu\nhw_unbinds %lu\norphan_reports %lu\nreopened %lu\n",
		   ppe->binds, ppe->hw_unbinds, ppe->orphan_reports,
		   ppe->reopened);
	seq_printf(m, "dest_moves %lu\nneigh_moves %lu\n", ppe->dest_moves,
		   ppe->neigh_moves);
	for (i = FLOWSW_REJECT_NONE + 1; i < FLOWSW_REJECT_COUNT; i++)
		if (ppe->rejects[i])
			seq_printf(m, "rejected \"%s\" %lu\n",
				   flowsw_reject_msg[i], ppe->rejects[i]);
	spin_unlock_bh(&ppe->lock);
	for (i = 0; i < ARRAY_SIZE(ppe->cpu_reason); i++) {
		long n = atomic_long_read(&ppe->cpu_reason[i]);

		if (n)
			seq_printf(m, "cpu_reason %s %ld\n",
				   flowsw_reason_names[i] ?: "other", n);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(flowsw_reasons);

static struct dentry *flowsw_debugfs_root;

/**
 * flowsw_debugfs_init() - create the device's debugfs files
 * @eth: the frame engine, with its PPE
 */
void flowsw_debugfs_init(struct flowsw_eth *eth)
{
	eth->debugfs = debugfs_create_dir(dev_name(eth->dev),
					  flowsw_debugfs_root);
	debugfs_create_file("foe", 0400, eth->debugfs, eth->ppe,
			    &flowsw_foe_fops);
	debugfs_create_file("reasons", 0400, eth->debugfs, eth->ppe,
			    &flowsw_reasons_fops);
}

/**
 * flowsw_debugfs_exit() - remove the device's debugfs files
 * @eth: the frame engine
 */
void flowsw_debugfs_exit(struct flowsw_eth *eth)
{
	debugfs_remove_recursive(eth->debugfs);
	eth->debugfs = NULL;
}

/** flowsw_debugfs_register() - create /sys/kernel/debug/flowsw */
void flowsw_debugfs_register(void)
{
	flowsw_debugfs_root = debugfs_create_dir("flowsw", NULL);
}

/** flowsw_debugfs_unregister() - remove /sys/kernel/debug/flowsw */
void flowsw_debugfs_unregister(void)
{
	debugfs_remove_recursive(flowsw_debugfs_root);
}
