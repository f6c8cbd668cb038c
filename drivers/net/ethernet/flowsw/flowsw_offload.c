// SPDX-License-Identifier: GPL-2.0-only
/*
 * flowsw flow offload: the flow_block callbacks that nftables flowtables
 * (TC_SETUP_FT) and tc flower (TC_SETUP_BLOCK) call, and the mapping of
 * netdevs to the PPE's ports.
 *
 * DSA forwards TC_SETUP_FT of every switch user port to the conduit with
 * the same block, and the WAN GMAC binds it too: one callback per block and
 * frame engine serves them all, so each flow reaches the PPE exactly once.
 *
 * The flowtable never revisits a flow whose host moved to another bridge
 * port, or whose neighbour changed its MAC address; FDB events and
 * neighbour updates make the PPE follow.
 */
#include <linux/if_bridge.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/dsa.h>
#include <net/flow_offload.h>
#include <net/neighbour.h>
#include <net/netevent.h>
#include <net/pkt_cls.h>
#include <net/switchdev.h>

#include "flowsw_eth.h"
#include "flowsw_flow.h"
#include "flowsw_ppe.h"

/*
 * The flow_block callbacks of every device, in every netns: tc binds
 * under RTNL and each flowtable under its own lock, so the list has one.
 */
static LIST_HEAD(flowsw_block_cb_list);
static DEFINE_MUTEX(flowsw_block_lock);

/**
 * struct flowsw_block - a flow_block (flowtable or tc block) we serve
 * @eth: the frame engine
 * @net: the block's netns, in which its rules name devices by ifindex
 * @flower: bound by TC_SETUP_BLOCK: its rules are tc flower's, not nf's
 *
 * Flows remember their block, so that the block's flows can go with it.
 */
struct flowsw_block {
	struct flowsw_eth *eth;
	struct net *net;
	bool flower;
};

/* Which PPE port a netdev is: a switch user port behind GMAC0, or GMAC1. */
static int flowsw_port_of(struct flowsw_eth *eth, struct net_device *dev,
			  struct flowsw_egress *egress)
{
	struct dsa_port *dp;

	if (dsa_user_dev_check(dev)) {
		dp = dsa_port_from_netdev(dev);
		/* the PPE builds tag_mtk's special tag, nothing else */
		if (IS_ERR(dp) || !eth->mac[0] ||
		    dsa_port_to_conduit(dp) != eth->mac[0]->netdev ||
		    dp->cpu_dp->tag_ops->proto != DSA_TAG_PROTO_MTK)
			return -EOPNOTSUPP;
		egress->pse_port = PSE_PORT_GMAC0;
		egress->dsa_port = dp->index;
		return 0;
	}
	/* GMAC0 itself is no port: the switch needs the special tag. */
	if (!eth->mac[1] || dev != eth->mac[1]->netdev)
		return -EOPNOTSUPP;
	egress->pse_port = PSE_PORT_GMAC1;
	egress->dsa_port = -1;
	return 0;
}

/*
 * The flowtable can live in another netns than the GMACs (DSA user ports
 * can be moved), and an ifindex means something only in its own.
 */
static bool flowsw_ingress_ok(void *ctx, int ifindex)
{
	struct flowsw_block *block = ctx;
	struct flowsw_egress port;
	struct net_device *dev;
	bool ok;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(block->net, ifindex);
	ok = dev && !flowsw_port_of(block->eth, dev, &port);
	rcu_read_unlock();
	return ok;
}

static int flowsw_resolve_egress(void *ctx, struct net_device *dev,
				 struct flowsw_egress *egress)
{
	struct flowsw_block *block = ctx;

	return flowsw_port_of(block->eth, dev, egress);
}

static const struct flowsw_flow_ops flowsw_flow_ops = {
	.ingress_ok = flowsw_ingress_ok,
	.resolve_egress = flowsw_resolve_egress,
};

static int flowsw_flow_replace(struct flowsw_block *block,
			       struct flow_cls_offload *cls)
{
	struct flowsw_eth *eth = block->eth;
	struct flowsw_why why = { .extack = cls->common.extack };
	struct foe_entry entry;
	int err;

	err = flowsw_flow_to_foe(cls, block->flower, &flowsw_flow_ops, block,
				 &entry, &why);
	if (err) {
		flowsw_ppe_count_reject(eth->ppe, why.reason);
		return err;
	}
	return flowsw_ppe_flow_add(eth->ppe, cls->cookie, &entry, block);
}

static int flowsw_flow_stats(struct flowsw_eth *eth,
			     struct flow_cls_offload *cls)
{
	struct flowsw_ppe_stats stats;
	int err;

	err = flowsw_ppe_flow_stats(eth->ppe, cls->cookie, &stats);
	if (err)
		return err;
	if (stats.bound || stats.pkts)
		flow_stats_update(&cls->stats, stats.bytes, stats.pkts, 0,
				  jiffies - stats.idle * HZ,
				  FLOW_ACTION_HW_STATS_DELAYED);
	return 0;
}

static int flowsw_block_cb(enum tc_setup_type type, void *type_data,
			   void *cb_priv)
{
	struct flow_cls_offload *cls = type_data;
	struct flowsw_block *block = cb_priv;
	struct flowsw_eth *eth = block->eth;

	if (type != TC_SETUP_CLSFLOWER)
		return -EOPNOTSUPP;

	switch (cls->command) {
	case FLOW_CLS_REPLACE:
		return flowsw_flow_replace(block, cls);
	case FLOW_CLS_DESTROY:
		return flowsw_ppe_flow_del(eth->ppe, cls->cookie);
	case FLOW_CLS_STATS:
		return flowsw_flow_stats(eth, cls);
	default:
		return -EOPNOTSUPP;
	}
}

/*
 * A deleted flowtable unbinds its block before it tears its flows down, so
 * their DESTROY never reaches us: their entries go with the block.
 */
static void flowsw_block_release(void *cb_priv)
{
	struct flowsw_block *block = cb_priv;

	flowsw_ppe_flush_owner(block->eth->ppe, block);
	kfree(block);
}

static int flowsw_setup_block_locked(struct flowsw_eth *eth,
				     struct flow_block_offload *f, bool flower)
{
	struct flow_block_cb *block_cb;
	struct flowsw_block *block;

	lockdep_assert_held(&flowsw_block_lock);

	if (f->binder_type != FLOW_BLOCK_BINDER_TYPE_CLSACT_INGRESS)
		return -EOPNOTSUPP;

	f->driver_block_list = &flowsw_block_cb_list;
	block_cb = flow_block_cb_lookup(f->block, flowsw_block_cb, eth);

	switch (f->command) {
	case FLOW_BLOCK_BIND:
		if (block_cb) {
			flow_block_cb_incref(block_cb);
			return 0;
		}
		block = kzalloc(sizeof(*block), GFP_KERNEL);
		if (!block)
			return -ENOMEM;
		block->eth = eth;
		block->net = f->net;
		block->flower = flower;
		block_cb = flow_block_cb_alloc(flowsw_block_cb, eth, block,
					       flowsw_block_release);
		if (IS_ERR(block_cb)) {
			kfree(block);
			return PTR_ERR(block_cb);
		}
		flow_block_cb_incref(block_cb);
		flow_block_cb_add(block_cb, f);
		list_add_tail(&block_cb->driver_list, &flowsw_block_cb_list);
		return 0;
	case FLOW_BLOCK_UNBIND:
		if (!block_cb)
			return -ENOENT;
		if (!flow_block_cb_decref(block_cb)) {
			flow_block_cb_remove(block_cb, f);
			list_del(&block_cb->driver_list);
		}
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

static int flowsw_setup_block(struct flowsw_eth *eth,
			      struct flow_block_offload *f, bool flower)
{
	int err;

	mutex_lock(&flowsw_block_lock);
	err = flowsw_setup_block_locked(eth, f, flower);
	mutex_unlock(&flowsw_block_lock);
	return err;
}

/**
 * flowsw_offload_setup_tc() - ndo_setup_tc of the GMAC netdevs
 * @eth: the frame engine, with a PPE
 * @dev: the netdev asked
 * @type: TC_SETUP_FT or TC_SETUP_BLOCK
 * @type_data: the flow_block_offload
 *
 * Return: 0 or a negative errno.
 */
int flowsw_offload_setup_tc(struct flowsw_eth *eth, struct net_device *dev,
			    enum tc_setup_type type, void *type_data)
{
	switch (type) {
	case TC_SETUP_BLOCK:
	case TC_SETUP_FT:
		return flowsw_setup_block(eth, type_data,
					  type == TC_SETUP_BLOCK);
	default:
		return -EOPNOTSUPP;
	}
}

/*
 * The FDB event's port: its bridge's other ports, and its VLAN tagging.
 * Runs without RTNL: the bridge's own learning notifies from softirq.
 * The event's port stays in its bridge meanwhile, since the bridge stops
 * the port's RX handler and waits for its readers before DSA hears that
 * the port left.  Other ports may leave or join meanwhile: a pointer read
 * sees their old bridge or their new one, and at worst a flow through a
 * port that just left follows its host too.
 */
static int flowsw_fdb_move(struct net_device *dev, u16 vid,
			   struct flowsw_ppe_move *move)
{
	struct dsa_port *dp = dsa_port_from_netdev(dev), *other;
	struct net_device *br = dsa_port_bridge_dev_get(dp);
	struct bridge_vlan_info info;

	if (!br)
		return -ENOENT;
	move->port = dp->index;
	move->from_ports = 0;
	dsa_switch_for_each_user_port(other, dp->ds)
		if (dsa_port_bridge_same(other, dp))
			move->from_ports |= BIT(other->index);
	move->vid = 0;
	move->tagged = false;
	if (vid && br_vlan_enabled(br)) {
		if (br_vlan_get_info_rcu(dev, vid, &info))
			return -ENOENT;
		move->vid = vid;
		move->tagged = !(info.flags & BRIDGE_VLAN_INFO_UNTAGGED);
	}
	return 0;
}

/*
 * A host roamed if the FDB puts its address on another port of our switch.
 * The switch reports what it learned (ADD_TO_BRIDGE, from our DSA driver's
 * learn work under RTNL), the bridge what it learned in software
 * (ADD_TO_DEVICE, in softirq or under its hash lock); either may come
 * first.  Flows follow within the port's bridge only.
 */
static int flowsw_switchdev_event(struct notifier_block *nb,
				  unsigned long event, void *ptr)
{
	struct flowsw_eth *eth = container_of(nb, struct flowsw_eth,
					      switchdev_nb);
	struct net_device *dev = switchdev_notifier_info_to_dev(ptr);
	struct switchdev_notifier_fdb_info *fdb_info = ptr;
	struct flowsw_ppe_move move;
	struct flowsw_egress port;
	int err;

	if (event != SWITCHDEV_FDB_ADD_TO_BRIDGE &&
	    event != SWITCHDEV_FDB_ADD_TO_DEVICE)
		return NOTIFY_DONE;
	if (fdb_info->is_local || flowsw_port_of(eth, dev, &port) ||
	    port.dsa_port < 0)
		return NOTIFY_DONE;
	rcu_read_lock();
	err = flowsw_fdb_move(dev, fdb_info->vid, &move);
	rcu_read_unlock();
	if (!err)
		flowsw_ppe_move_dest(eth->ppe, fdb_info->addr, &move);
	return NOTIFY_DONE;
}

/**
 * struct flowsw_neigh - a neighbour behind our ports
 * @node: in flowsw_eth.neighs, keyed by @n
 * @n: the neighbour; only compared, never dereferenced: the entry goes
 *	at the update that says the neighbour is dead, before it is freed
 * @ha: its MAC address at its last valid update
 */
struct flowsw_neigh {
	struct hlist_node node;
	const struct neighbour *n;
	u8 ha[ETH_ALEN];
};

/**
 * struct flowsw_egress_walk - what flowsw_neigh_egress() collects
 * @eth: the frame engine
 * @egress: the ports found, as flowsw_ppe_retarget() takes them
 */
struct flowsw_egress_walk {
	struct flowsw_eth *eth;
	u32 egress;
};

static int flowsw_add_egress(struct net_device *dev,
			     struct netdev_nested_priv *priv)
{
	struct flowsw_egress_walk *walk = priv->data;
	struct flowsw_egress port;

	if (!flowsw_port_of(walk->eth, dev, &port))
		walk->egress |= port.dsa_port >= 0 ? BIT(port.dsa_port) :
						     FLOWSW_EGRESS_GMAC1;
	return 0;
}

/*
 * Our ports under the neighbour's device: the device itself, or the lower
 * devices of a bridge, VLAN or bond.  Context: RCU read side.
 */
static u32 flowsw_neigh_egress(struct flowsw_eth *eth, struct net_device *dev)
{
	struct flowsw_egress_walk walk = { .eth = eth };
	struct netdev_nested_priv priv = { .data = &walk };

	flowsw_add_egress(dev, &priv);
	netdev_walk_all_lower_dev_rcu(dev, flowsw_add_egress, &priv);
	return walk.egress;
}

static struct flowsw_neigh *flowsw_neigh_find(struct flowsw_eth *eth,
					      const struct neighbour *n)
{
	struct flowsw_neigh *e;

	hash_for_each_possible(eth->neighs, e, node, (unsigned long)n)
		if (e->n == n)
			return e;
	return NULL;
}

/*
 * Remember each neighbour's MAC address; when a valid update brings
 * another, the flows to the old one follow.  Updates come from softirq
 * (ARP, timers) and process context (netlink), never from a hard IRQ.
 */
static int flowsw_netevent(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	struct flowsw_eth *eth = container_of(nb, struct flowsw_eth,
					      netevent_nb);
	struct neighbour *n = ptr;
	u8 ha[ETH_ALEN], old[ETH_ALEN];
	bool valid, dead, moved = false;
	struct flowsw_neigh *e;
	u32 egress;

	if (event != NETEVENT_NEIGH_UPDATE || n->dev->addr_len != ETH_ALEN ||
	    (n->tbl->family != AF_INET && n->tbl->family != AF_INET6))
		return NOTIFY_DONE;
	read_lock_bh(&n->lock);
	valid = n->nud_state & NUD_VALID;
	dead = n->dead;
	ether_addr_copy(ha, n->ha);
	read_unlock_bh(&n->lock);
	rcu_read_lock();
	egress = dead ? 0 : flowsw_neigh_egress(eth, n->dev);
	rcu_read_unlock();

	spin_lock_bh(&eth->neigh_lock);
	e = flowsw_neigh_find(eth, n);
	if (dead || !egress) {
		/* gone, or no longer behind our ports */
		if (e) {
			hash_del(&e->node);
			kfree(e);
		}
	} else if (!valid) {
		/* being resolved again: what counts is the next address */
	} else if (!e) {
		e = kzalloc(sizeof(*e), GFP_ATOMIC);
		if (e) {
			e->n = n;
			ether_addr_copy(e->ha, ha);
			hash_add(eth->neighs, &e->node, (unsigned long)n);
		}
	} else if (!ether_addr_equal(e->ha, ha)) {
		ether_addr_copy(old, e->ha);
		ether_addr_copy(e->ha, ha);
		moved = true;
	}
	spin_unlock_bh(&eth->neigh_lock);
	if (moved)
		flowsw_ppe_retarget(eth->ppe, old, ha, egress);
	return NOTIFY_DONE;
}

/**
 * flowsw_offload_init() - start following FDB moves and neighbours
 * @eth: the frame engine, with a PPE
 *
 * Return: 0 or a negative errno.
 */
int flowsw_offload_init(struct flowsw_eth *eth)
{
	int err;

	spin_lock_init(&eth->neigh_lock);
	hash_init(eth->neighs);
	eth->netevent_nb.notifier_call = flowsw_netevent;
	err = register_netevent_notifier(&eth->netevent_nb);
	if (err)
		return err;
	eth->switchdev_nb.notifier_call = flowsw_switchdev_event;
	err = register_switchdev_notifier(&eth->switchdev_nb);
	if (err)
		unregister_netevent_notifier(&eth->netevent_nb);
	return err;
}

/**
 * flowsw_offload_exit() - stop following FDB moves and neighbours
 * @eth: the frame engine
 *
 * No event handler runs any more when this returns.
 */
void flowsw_offload_exit(struct flowsw_eth *eth)
{
	struct hlist_node *tmp;
	struct flowsw_neigh *e;
	int bkt;

	unregister_switchdev_notifier(&eth->switchdev_nb);
	unregister_netevent_notifier(&eth->netevent_nb);
	hash_for_each_safe(eth->neighs, bkt, tmp, e, node) {
		hash_del(&e->node);
		kfree(e);
	}
}
