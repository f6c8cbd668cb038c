// SPDX-License-Identifier: GPL-2.0-only
/*
 * flowsw frame engine: platform device, GMAC netdevs, phylink and ethtool.
 *
 * GMAC0 is the conduit of the built-in DSA switch; GMAC1 is a plain port
 * (the WAN on the reference board).  Each mac@N child of the device-tree
 * node becomes one netdev.
 */
#include <linux/bitfield.h>
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/interrupt.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_net.h>
#include <linux/platform_device.h>
#include <net/dsa.h>

#include "flowsw_eth.h"
#include "flowsw_ppe.h"

/* Room for the special tag and two VLAN tags on top of the payload. */
#define FLOWSW_L2_OVERHEAD	(ETH_HLEN + STAG_LEN + 2 * VLAN_HLEN)
/* The frame engine's reset takes microseconds; give it a millisecond. */
#define FLOWSW_RESET_POLL_US	1000
/* The largest MTU whose frames, with every tag, fit one RX buffer. */
#define FLOWSW_MAX_MTU		(min(GMAC_MAX_LEN_LIMIT, FLOWSW_RX_BUF_SIZE) - \
				 FLOWSW_L2_OVERHEAD)

static void flowsw_gmac_set_addr(struct flowsw_mac *mac, const u8 *addr)
{
	fe_w32(mac->eth, GMAC_MAC_HI(mac->id), (addr[0] << 8) | addr[1]);
	fe_w32(mac->eth, GMAC_MAC_LO(mac->id), (addr[2] << 24) | (addr[3] << 16) |
					       (addr[4] << 8) | addr[5]);
}

/* What a frame engine reset clears of a GMAC's setup, from its netdev. */
static void flowsw_gmac_program(struct flowsw_mac *mac)
{
	flowsw_gmac_set_addr(mac, mac->netdev->dev_addr);
	fe_w32(mac->eth, GMAC_MAX_LEN(mac->id),
	       mac->netdev->mtu + FLOWSW_L2_OVERHEAD);
}

/* Where the GMACs send what they receive: the PPE, or without one the CPU. */
static void flowsw_gdm_program(struct flowsw_eth *eth)
{
	int i;

	for (i = 0; i < FE_NUM_GMACS; i++)
		fe_w32(eth, GDM_FWD_CFG(i),
		       FIELD_PREP(GDM_FWD_DEST, eth->ppe ? PSE_PORT_PPE :
							   PSE_PORT_CPU));
}

static int flowsw_open(struct net_device *dev)
{
	struct flowsw_mac *mac = netdev_priv(dev);
	int err;

	err = phylink_of_phy_connect(mac->phylink, dev->dev.of_node, 0);
	if (err) {
		netdev_err(dev, "could not attach PHY: %pe\n", ERR_PTR(err));
		return err;
	}
	phylink_start(mac->phylink);
	netif_start_queue(dev);
	return 0;
}

static int flowsw_stop(struct net_device *dev)
{
	struct flowsw_mac *mac = netdev_priv(dev);

	netif_tx_disable(dev);
	phylink_stop(mac->phylink);
	phylink_disconnect_phy(mac->phylink);
	return 0;
}

static int flowsw_set_mac_address(struct net_device *dev, void *p)
{
	struct flowsw_mac *mac = netdev_priv(dev);
	int err;

	err = eth_mac_addr(dev, p);
	if (err)
		return err;
	flowsw_gmac_set_addr(mac, dev->dev_addr);
	return 0;
}

/*
 * The smallest IP MTU of a GMAC's ports.  GMAC0 feeds the switch: its
 * ports are the switch's user ports, each with an MTU of its own; DSA
 * sets the conduit's MTU the special tag above the largest.  Before they
 * exist (DSA has not marked the netdev a conduit yet), that is all there
 * is to go by.
 */
static int flowsw_port_mtu(const struct flowsw_mac *mac)
{
	int mtu = INT_MAX;
#if IS_ENABLED(CONFIG_NET_DSA)
	struct dsa_port *cpu_dp, *dp;

	if (mac->id == 0 && netdev_uses_dsa(mac->netdev)) {
		cpu_dp = mac->netdev->dsa_ptr;
		dsa_tree_for_each_user_port(dp, cpu_dp->dst)
			if (dp->cpu_dp == cpu_dp && dp->user)
				mtu = min_t(int, mtu, READ_ONCE(dp->user->mtu));
	}
#endif
	if (mtu != INT_MAX)
		return mtu;
	return mac->netdev->mtu - (mac->id == 0 ? STAG_LEN : 0);
}

/*
 * The PPE checks the frames it sends against one limit per number of tag
 * layers, shared by both GMACs.  Program it from the smallest port MTU:
 * no frame the PPE sends is longer than its port allows, and a frame that
 * only a larger port could take goes to the CPU (exceed_mtu) instead.
 */
static void flowsw_ppe_set_mtu(struct flowsw_eth *eth)
{
	int mtu = INT_MAX, i;
	u32 base;

	for (i = 0; i < FE_NUM_GMACS; i++)
		if (eth->mac[i])
			mtu = min(mtu, flowsw_port_mtu(eth->mac[i]));
	if (mtu == INT_MAX)
		return;
	base = ETH_HLEN + mtu;
	fe_w32(eth, PPE_VLAN_MTU0,
	       FIELD_PREP(PPE_VLAN_MTU0_NONE, base) |
	       FIELD_PREP(PPE_VLAN_MTU0_1TAG, base + VLAN_HLEN));
	fe_w32(eth, PPE_VLAN_MTU1,
	       FIELD_PREP(PPE_VLAN_MTU1_2TAG, base + 2 * VLAN_HLEN) |
	       FIELD_PREP(PPE_VLAN_MTU1_3TAG, base + 3 * VLAN_HLEN));
}

static int flowsw_change_mtu(struct net_device *dev, int new_mtu)
{
	struct flowsw_mac *mac = netdev_priv(dev);

	fe_w32(mac->eth, GMAC_MAX_LEN(mac->id), new_mtu + FLOWSW_L2_OVERHEAD);
	WRITE_ONCE(dev->mtu, new_mtu);
	flowsw_ppe_set_mtu(mac->eth);
	return 0;
}

/*
 * A switch user port behind GMAC0 changed its MTU: DSA does so after the
 * conduit's, so only now can the PPE's limit follow the smallest port.
 */
static int flowsw_netdev_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct flowsw_eth *eth = container_of(nb, struct flowsw_eth, netdev_nb);
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (event == NETDEV_CHANGEMTU && eth->mac[0] && dsa_user_dev_check(dev) &&
	    dsa_port_to_conduit(dsa_port_from_netdev(dev)) == eth->mac[0]->netdev)
		flowsw_ppe_set_mtu(eth);
	return NOTIFY_DONE;
}

static int flowsw_ioctl(struct net_device *dev, struct ifreq *ifr, int cmd)
{
	struct flowsw_mac *mac = netdev_priv(dev);

	return phylink_mii_ioctl(mac->phylink, ifr, cmd);
}

static int flowsw_setup_tc(struct net_device *dev, enum tc_setup_type type,
			   void *type_data)
{
	struct flowsw_mac *mac = netdev_priv(dev);

	if (!mac->eth->ppe)
		return -EOPNOTSUPP;
	return flowsw_offload_setup_tc(mac->eth, dev, type, type_data);
}

/*
 * The GMAC's MIB: byte counters are 64 bits, split in two registers; the
 * others are 32 bits and wrap, every 48 min at gigabit line rate with the
 * smallest frames.  The driver keeps 64-bit sums and folds the hardware's
 * values in at every read and at least every FLOWSW_MIB_FOLD_PERIOD.
 */
#define FLOWSW_MIB_FOLD_PERIOD	(10 * HZ)
#define GMAC_OFFSET(reg)	((reg) - GMAC_BASE(0))	/* reg of GMAC0 */

static const struct {
	u32 lo, hi;		/* offsets from GMAC_BASE; hi 0: 32 bits */
} flowsw_gmac_mib[FLOWSW_GMAC_NUM_COUNTERS] = {
	[FLOWSW_GMAC_RX_PKTS] = { GMAC_OFFSET(GMAC_MIB_RX_PKTS(0)) },
	[FLOWSW_GMAC_RX_BYTES] = { GMAC_OFFSET(GMAC_MIB_RX_BYTES_LO(0)),
				   GMAC_OFFSET(GMAC_MIB_RX_BYTES_HI(0)) },
	[FLOWSW_GMAC_TX_PKTS] = { GMAC_OFFSET(GMAC_MIB_TX_PKTS(0)) },
	[FLOWSW_GMAC_TX_BYTES] = { GMAC_OFFSET(GMAC_MIB_TX_BYTES_LO(0)),
				   GMAC_OFFSET(GMAC_MIB_TX_BYTES_HI(0)) },
	[FLOWSW_GMAC_RX_DROPS] = { GMAC_OFFSET(GMAC_MIB_RX_DROPS(0)) },
	[FLOWSW_GMAC_TX_DROPS] = { GMAC_OFFSET(GMAC_MIB_TX_DROPS(0)) },
	[FLOWSW_GMAC_RX_PPE_FWD] = { GMAC_OFFSET(GMAC_MIB_RX_PPE_FWD(0)) },
};

/* One MIB counter; a 64-bit one is read high, low, high until stable. */
static u64 flowsw_gmac_mib_read(struct flowsw_mac *mac, int i)
{
	u32 base = GMAC_BASE(mac->id), lo, hi;

	if (!flowsw_gmac_mib[i].hi)
		return fe_r32(mac->eth, base + flowsw_gmac_mib[i].lo);
	do {
		hi = fe_r32(mac->eth, base + flowsw_gmac_mib[i].hi);
		lo = fe_r32(mac->eth, base + flowsw_gmac_mib[i].lo);
	} while (hi != fe_r32(mac->eth, base + flowsw_gmac_mib[i].hi));
	return (u64)hi << 32 | lo;
}

/*
 * Add what each counter counted since the last fold; a 32-bit counter
 * that wrapped once in between still adds the right amount.
 */
static void flowsw_gmac_mib_fold(struct flowsw_mac *mac)
{
	struct flowsw_gmac_mib *m = &mac->mib;
	int i;

	lockdep_assert_held(&mac->eth->mib_lock);
	for (i = 0; i < FLOWSW_GMAC_NUM_COUNTERS; i++) {
		u64 val = flowsw_gmac_mib_read(mac, i);

		if (flowsw_gmac_mib[i].hi)
			m->sum[i] += val - m->last[i];
		else
			m->sum[i] += (u32)(val - m->last[i]);
		m->last[i] = val;
	}
}

/*
 * Count from now on: what the GMAC counted before this netdev, or before a
 * reset cleared its counters, is not to be added again.
 */
static void flowsw_gmac_mib_start(struct flowsw_mac *mac)
{
	int i;

	for (i = 0; i < FLOWSW_GMAC_NUM_COUNTERS; i++)
		mac->mib.last[i] = flowsw_gmac_mib_read(mac, i);
}

/* @mac's 64-bit counters, folded up to now */
static void flowsw_gmac_mib_get(struct flowsw_mac *mac, u64 *sum)
{
	unsigned long flags;

	spin_lock_irqsave(&mac->eth->mib_lock, flags);
	flowsw_gmac_mib_fold(mac);
	memcpy(sum, mac->mib.sum, sizeof(mac->mib.sum));
	spin_unlock_irqrestore(&mac->eth->mib_lock, flags);
}

/* Fold the counters of every GMAC, under flowsw_eth.mib_lock. */
static void flowsw_gmacs_mib_fold(struct flowsw_eth *eth)
{
	int i;

	for (i = 0; i < FE_NUM_GMACS; i++)
		if (eth->mac[i])
			flowsw_gmac_mib_fold(eth->mac[i]);
}

static void flowsw_mib_work(struct work_struct *work)
{
	struct flowsw_eth *eth = container_of(to_delayed_work(work),
					      struct flowsw_eth, mib_work);
	unsigned long flags;

	spin_lock_irqsave(&eth->mib_lock, flags);
	flowsw_gmacs_mib_fold(eth);
	spin_unlock_irqrestore(&eth->mib_lock, flags);
	schedule_delayed_work(&eth->mib_work, FLOWSW_MIB_FOLD_PERIOD);
}

/*
 * What the wire carried, from the GMAC's MIB: offloaded flows included,
 * as users of "ip -s link" expect.  The DSA conduit is the exception: each
 * of its frames is counted in hardware on a switch port already, so it
 * reports what the CPU exchanged with the switch.
 */
static void flowsw_get_stats64(struct net_device *dev,
			       struct rtnl_link_stats64 *s)
{
	struct flowsw_mac *mac = netdev_priv(dev);
	u64 sum[FLOWSW_GMAC_NUM_COUNTERS];

	dev_get_tstats64(dev, s);
	flowsw_gmac_mib_get(mac, sum);
	s->rx_missed_errors = sum[FLOWSW_GMAC_RX_DROPS];
	s->tx_dropped += sum[FLOWSW_GMAC_TX_DROPS];
	if (netdev_uses_dsa(dev))
		return;
	s->rx_packets = sum[FLOWSW_GMAC_RX_PKTS];
	s->rx_bytes = sum[FLOWSW_GMAC_RX_BYTES];
	s->tx_packets = sum[FLOWSW_GMAC_TX_PKTS];
	s->tx_bytes = sum[FLOWSW_GMAC_TX_BYTES];
}

static void flowsw_get_eth_mac_stats(struct net_device *dev,
				     struct ethtool_eth_mac_stats *s)
{
	struct flowsw_mac *mac = netdev_priv(dev);
	u64 sum[FLOWSW_GMAC_NUM_COUNTERS];

	flowsw_gmac_mib_get(mac, sum);
	s->FramesReceivedOK = sum[FLOWSW_GMAC_RX_PKTS];
	s->OctetsReceivedOK = sum[FLOWSW_GMAC_RX_BYTES];
	s->FramesTransmittedOK = sum[FLOWSW_GMAC_TX_PKTS];
	s->OctetsTransmittedOK = sum[FLOWSW_GMAC_TX_BYTES];
}

/*
 * What neither rtnl nor the standard groups have: the frames the PPE
 * forwarded from this GMAC, and the CPU's own share of the traffic, which
 * shows that offloaded flows bypass it.
 */
static const char flowsw_private_stats[][ETH_GSTRING_LEN] = {
	"rx_ppe_forwarded",
	"cpu_rx_packets",
	"cpu_rx_bytes",
	"cpu_tx_packets",
	"cpu_tx_bytes",
	"rx_alloc_fail",
};

static int flowsw_get_sset_count(struct net_device *dev, int sset)
{
	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return ARRAY_SIZE(flowsw_private_stats);
}

static void flowsw_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	unsigned int i;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < ARRAY_SIZE(flowsw_private_stats); i++)
		ethtool_puts(&data, flowsw_private_stats[i]);
}

static void flowsw_get_ethtool_stats(struct net_device *dev,
				     struct ethtool_stats *stats, u64 *data)
{
	struct flowsw_mac *mac = netdev_priv(dev);
	u64 sum[FLOWSW_GMAC_NUM_COUNTERS];
	struct rtnl_link_stats64 cpu = {};

	flowsw_gmac_mib_get(mac, sum);
	dev_fetch_sw_netstats(&cpu, dev->tstats);
	*data++ = sum[FLOWSW_GMAC_RX_PPE_FWD];
	*data++ = cpu.rx_packets;
	*data++ = cpu.rx_bytes;
	*data++ = cpu.tx_packets;
	*data++ = cpu.tx_bytes;
	*data++ = READ_ONCE(mac->rx_alloc_fail);
}

static const struct net_device_ops flowsw_netdev_ops = {
	.ndo_open		= flowsw_open,
	.ndo_stop		= flowsw_stop,
	.ndo_start_xmit		= flowsw_start_xmit,
	.ndo_set_mac_address	= flowsw_set_mac_address,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_change_mtu		= flowsw_change_mtu,
	.ndo_eth_ioctl		= flowsw_ioctl,
	.ndo_get_stats64	= flowsw_get_stats64,
	.ndo_setup_tc		= flowsw_setup_tc,
};

static int flowsw_get_link_ksettings(struct net_device *dev,
				     struct ethtool_link_ksettings *cmd)
{
	struct flowsw_mac *mac = netdev_priv(dev);

	return phylink_ethtool_ksettings_get(mac->phylink, cmd);
}

static int flowsw_set_link_ksettings(struct net_device *dev,
				     const struct ethtool_link_ksettings *cmd)
{
	struct flowsw_mac *mac = netdev_priv(dev);

	return phylink_ethtool_ksettings_set(mac->phylink, cmd);
}

static const struct ethtool_ops flowsw_ethtool_ops = {
	.get_link		= ethtool_op_get_link,
	.get_link_ksettings	= flowsw_get_link_ksettings,
	.set_link_ksettings	= flowsw_set_link_ksettings,
	.get_sset_count		= flowsw_get_sset_count,
	.get_strings		= flowsw_get_strings,
	.get_ethtool_stats	= flowsw_get_ethtool_stats,
	.get_eth_mac_stats	= flowsw_get_eth_mac_stats,
};

static struct flowsw_mac *to_flowsw_mac(struct phylink_config *config)
{
	return container_of(config, struct flowsw_mac, phylink_config);
}

static void flowsw_mac_config(struct phylink_config *config, unsigned int mode,
			      const struct phylink_link_state *state)
{
	/* The GMACs have a single internal interface: nothing to set up. */
}

static void flowsw_mac_link_down(struct phylink_config *config,
				 unsigned int mode, phy_interface_t interface)
{
	struct flowsw_mac *mac = to_flowsw_mac(config);

	fe_rmw(mac->eth, GMAC_MCR(mac->id), GMAC_MCR_TX_EN | GMAC_MCR_RX_EN, 0);
}

static void flowsw_mac_link_up(struct phylink_config *config,
			       struct phy_device *phy, unsigned int mode,
			       phy_interface_t interface, int speed, int duplex,
			       bool tx_pause, bool rx_pause)
{
	struct flowsw_mac *mac = to_flowsw_mac(config);

	fe_rmw(mac->eth, GMAC_MCR(mac->id), 0, GMAC_MCR_TX_EN | GMAC_MCR_RX_EN);
}

/* The fixed link follows the wire: carrier is what GMAC_STATUS says. */
static void flowsw_get_fixed_state(struct phylink_config *config,
				   struct phylink_link_state *state)
{
	struct flowsw_mac *mac = to_flowsw_mac(config);

	state->link = !!(fe_r32(mac->eth, GMAC_STATUS(mac->id)) &
			 GMAC_STATUS_LINK);
}

static const struct phylink_mac_ops flowsw_phylink_ops = {
	.mac_config	= flowsw_mac_config,
	.mac_link_down	= flowsw_mac_link_down,
	.mac_link_up	= flowsw_mac_link_up,
};

static irqreturn_t flowsw_irq(int irq, void *data)
{
	struct flowsw_eth *eth = data;
	u32 status = fe_r32(eth, FE_INT_STATUS) & fe_r32(eth, FE_INT_ENABLE);
	int i;

	if (!status)
		return IRQ_NONE;
	/* the error's code and address are latched until DMA_ERR is acked */
	if (status & FE_INT_DMA_ERR)
		dev_err_ratelimited(eth->dev, "DMA error %lu at 0x%08x%08x\n",
				    FIELD_GET(FE_DMA_ERR_CODE,
					      fe_r32(eth, FE_DMA_ERR)),
				    fe_r32(eth, FE_DMA_ERR_ADDR_HI),
				    fe_r32(eth, FE_DMA_ERR_ADDR_LO));
	fe_w32(eth, FE_INT_STATUS, status);

	if (status & (FE_INT_RX_DONE | FE_INT_TX_DONE)) {
		flowsw_int_enable(eth, FE_INT_RX_DONE | FE_INT_TX_DONE, 0);
		napi_schedule(&eth->napi);
	}
	if (status & FE_INT_DMA_ERR) {
		flowsw_int_enable(eth, FE_INT_DMA_ERR, 0);
		schedule_work(&eth->reset_work);
	}
	if (status & FE_INT_LINK) {
		for (i = 0; i < FE_NUM_GMACS; i++)
			if (eth->mac[i])
				phylink_mac_change(eth->mac[i]->phylink,
						   fe_r32(eth, GMAC_STATUS(i)) &
						   GMAC_STATUS_LINK);
	}
	return IRQ_HANDLED;
}

static int flowsw_mac_probe(struct flowsw_eth *eth, struct device_node *np)
{
	struct flowsw_mac *mac;
	struct net_device *dev;
	phy_interface_t mode;
	u32 id;
	int err;

	err = of_property_read_u32(np, "reg", &id);
	if (err || id >= FE_NUM_GMACS || eth->mac[id])
		return dev_err_probe(eth->dev, -EINVAL,
				     "%pOF: bad or duplicate reg\n", np);
	err = of_get_phy_mode(np, &mode);
	if (err)
		return dev_err_probe(eth->dev, err, "%pOF: missing phy-mode\n",
				     np);

	dev = devm_alloc_etherdev(eth->dev, sizeof(*mac));
	if (!dev)
		return -ENOMEM;
	SET_NETDEV_DEV(dev, eth->dev);
	dev->dev.of_node = np;
	mac = netdev_priv(dev);
	mac->id = id;
	mac->eth = eth;
	mac->netdev = dev;

	err = of_get_ethdev_address(np, dev);
	if (err == -EPROBE_DEFER)
		return err;
	if (err)
		eth_hw_addr_random(dev);

	dev->netdev_ops = &flowsw_netdev_ops;
	dev->ethtool_ops = &flowsw_ethtool_ops;
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	dev->hw_features = NETIF_F_HW_TC;
	dev->features = NETIF_F_HW_TC;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = FLOWSW_MAX_MTU;
	flowsw_gmac_program(mac);
	flowsw_gmac_mib_start(mac);

	mac->phylink_config.dev = &dev->dev;
	mac->phylink_config.type = PHYLINK_NETDEV;
	mac->phylink_config.mac_capabilities = MAC_10 | MAC_100 | MAC_1000FD;
	mac->phylink_config.get_fixed_state = flowsw_get_fixed_state;
	__set_bit(PHY_INTERFACE_MODE_INTERNAL,
		  mac->phylink_config.supported_interfaces);
	mac->phylink = phylink_create(&mac->phylink_config, of_fwnode_handle(np),
				      mode, &flowsw_phylink_ops);
	if (IS_ERR(mac->phylink))
		return PTR_ERR(mac->phylink);
	eth->mac[id] = mac;
	return 0;
}

static void flowsw_macs_unregister(struct flowsw_eth *eth)
{
	int i;

	for (i = 0; i < FE_NUM_GMACS; i++)
		if (eth->mac[i] &&
		    eth->mac[i]->netdev->reg_state == NETREG_REGISTERED)
			unregister_netdev(eth->mac[i]->netdev);
}

/* Only once the link interrupt is gone: flowsw_irq() uses the phylinks. */
static void flowsw_macs_destroy(struct flowsw_eth *eth)
{
	int i;

	flowsw_macs_unregister(eth);
	for (i = 0; i < FE_NUM_GMACS; i++) {
		if (!eth->mac[i])
			continue;
		phylink_destroy(eth->mac[i]->phylink);
		eth->mac[i] = NULL;
	}
}

/* Quiesce what probe started: no interrupt, NAPI or DMA runs after it. */
static void flowsw_quiesce(struct flowsw_eth *eth)
{
	flowsw_dma_stop(eth);
	/* a poll that is running re-enables RX and TX interrupts: wait for it */
	napi_disable(&eth->napi);
	flowsw_int_enable(eth, ~0U, 0);
	devm_free_irq(eth->dev, eth->irq, eth);
}

/*
 * Reset the whole frame engine, and wait for the reset bit to clear itself:
 * every register is at its reset value then, interrupts masked.
 */
static int flowsw_fe_reset(struct flowsw_eth *eth)
{
	u32 cfg;
	int err;

	fe_w32(eth, FE_GLO_CFG, FE_GLO_CFG_RESET);
	err = readl_poll_timeout_atomic(eth->base + FE_GLO_CFG, cfg,
					!(cfg & FE_GLO_CFG_RESET), 1,
					FLOWSW_RESET_POLL_US);
	fe_w32(eth, FE_INT_ENABLE, 0);
	fe_w32(eth, FE_INT_STATUS, ~0);
	return err;
}

static int flowsw_hw_reset(struct flowsw_eth *eth)
{
	u32 id = fe_r32(eth, FE_ID);
	int err;

	if (id != FE_ID_VALUE)
		return dev_err_probe(eth->dev, -ENODEV, "unexpected ID 0x%08x\n",
				     id);
	err = flowsw_fe_reset(eth);
	if (err)
		return dev_err_probe(eth->dev, err, "reset did not complete\n");
	return 0;
}

/*
 * A DMA error stops the PDMA, as the DMA of MediaTek's frame engines hangs
 * (mtk_eth_soc resets the whole engine then too).  Reset the frame engine
 * and set up again what probe did: frames in flight are lost, and bound
 * flows bind again at the PPE's next reports.  The GMACs' counters are
 * folded before the reset clears them and counted on after it.
 */
static void flowsw_reset_work(struct work_struct *work)
{
	struct flowsw_eth *eth = container_of(work, struct flowsw_eth,
					      reset_work);
	unsigned long flags;
	int i, err;

	rtnl_lock();
	dev_warn(eth->dev, "resetting the frame engine\n");
	for (i = 0; i < FE_NUM_GMACS; i++)
		if (eth->mac[i])
			netif_tx_disable(eth->mac[i]->netdev);
	flowsw_dma_stop(eth);
	napi_disable(&eth->napi);
	flowsw_dma_free(eth);

	spin_lock_irqsave(&eth->mib_lock, flags);
	flowsw_gmacs_mib_fold(eth);
	spin_lock(&eth->int_lock);
	err = flowsw_fe_reset(eth);
	spin_unlock(&eth->int_lock);
	for (i = 0; i < FE_NUM_GMACS; i++)
		if (eth->mac[i])
			flowsw_gmac_mib_start(eth->mac[i]);
	spin_unlock_irqrestore(&eth->mib_lock, flags);

	for (i = 0; i < FE_NUM_GMACS; i++) {
		if (!eth->mac[i])
			continue;
		flowsw_gmac_program(eth->mac[i]);
		if (netif_carrier_ok(eth->mac[i]->netdev))
			fe_rmw(eth, GMAC_MCR(i), 0,
			       GMAC_MCR_TX_EN | GMAC_MCR_RX_EN);
	}
	if (eth->ppe)
		flowsw_ppe_restart(eth->ppe);
	flowsw_gdm_program(eth);
	flowsw_ppe_set_mtu(eth);
	if (!err)
		err = flowsw_dma_init(eth);
	napi_enable(&eth->napi);
	if (err) {
		dev_err(eth->dev, "reset failed, no RX or TX: %pe\n",
			ERR_PTR(err));
		goto out;
	}
	flowsw_dma_start(eth);
	flowsw_int_enable(eth, 0, FE_INT_DMA_ERR | FE_INT_LINK);
	for (i = 0; i < FE_NUM_GMACS; i++)
		if (eth->mac[i] && netif_running(eth->mac[i]->netdev))
			netif_wake_queue(eth->mac[i]->netdev);
out:
	rtnl_unlock();
}

static int flowsw_probe(struct platform_device *pdev)
{
	struct device_node *np = pdev->dev.of_node;
	struct flowsw_eth *eth;
	int err, i;

	eth = devm_kzalloc(&pdev->dev, sizeof(*eth), GFP_KERNEL);
	if (!eth)
		return -ENOMEM;
	eth->dev = &pdev->dev;
	spin_lock_init(&eth->int_lock);
	spin_lock_init(&eth->mib_lock);
	INIT_DELAYED_WORK(&eth->mib_work, flowsw_mib_work);
	INIT_WORK(&eth->reset_work, flowsw_reset_work);
	platform_set_drvdata(pdev, eth);

	eth->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(eth->base))
		return PTR_ERR(eth->base);
	eth->irq = platform_get_irq(pdev, 0);
	if (eth->irq < 0)
		return eth->irq;
	err = dma_set_mask_and_coherent(eth->dev, DMA_BIT_MASK(64));
	if (err)
		return err;
	err = flowsw_hw_reset(eth);
	if (err)
		return err;

	for_each_available_child_of_node_scoped(np, child) {
		if (!of_device_is_compatible(child, "flowsw,eth-mac"))
			continue;
		err = flowsw_mac_probe(eth, child);
		if (err)
			goto err_macs;
	}

	err = flowsw_dma_init(eth);
	if (err)
		goto err_macs;

	eth->napi_dev = alloc_netdev_dummy(0);
	if (!eth->napi_dev) {
		err = -ENOMEM;
		goto err_dma;
	}
	netif_napi_add_weight(eth->napi_dev, &eth->napi, flowsw_napi_poll,
			      FLOWSW_NAPI_WEIGHT);

	/* Without a PPE the frame engine still works: frames go to the CPU. */
	eth->ppe = flowsw_ppe_create(eth);
	if (IS_ERR(eth->ppe)) {
		dev_warn(eth->dev, "no flow offload: %pe\n", eth->ppe);
		eth->ppe = NULL;
	}
	flowsw_gdm_program(eth);
	flowsw_ppe_set_mtu(eth);

	err = devm_request_irq(eth->dev, eth->irq, flowsw_irq, 0,
			       dev_name(eth->dev), eth);
	if (err)
		goto err_ppe;
	napi_enable(&eth->napi);
	flowsw_dma_start(eth);
	flowsw_int_enable(eth, 0, FE_INT_DMA_ERR | FE_INT_LINK);
	if (eth->ppe) {
		err = flowsw_offload_init(eth);
		if (err)
			goto err_stop;
	}

	for (i = 0; i < FE_NUM_GMACS; i++) {
		if (!eth->mac[i])
			continue;
		err = register_netdev(eth->mac[i]->netdev);
		if (err)
			goto err_offload;
	}
	eth->netdev_nb.notifier_call = flowsw_netdev_event;
	err = register_netdevice_notifier(&eth->netdev_nb);
	if (err)
		goto err_offload;
	if (eth->ppe)
		flowsw_debugfs_init(eth);
	schedule_delayed_work(&eth->mib_work, FLOWSW_MIB_FOLD_PERIOD);
	return 0;

err_offload:
	if (eth->ppe)
		flowsw_offload_exit(eth);
err_stop:
	disable_work_sync(&eth->reset_work);
	flowsw_macs_unregister(eth);
	flowsw_quiesce(eth);
err_ppe:
	flowsw_ppe_destroy(eth->ppe);
	netif_napi_del(&eth->napi);
	free_netdev(eth->napi_dev);
err_dma:
	flowsw_dma_free(eth);
err_macs:
	flowsw_macs_destroy(eth);
	return err;
}

static void flowsw_remove(struct platform_device *pdev)
{
	struct flowsw_eth *eth = platform_get_drvdata(pdev);

	/* no reset may start again; one that runs has set everything up */
	disable_work_sync(&eth->reset_work);
	unregister_netdevice_notifier(&eth->netdev_nb);
	flowsw_debugfs_exit(eth);
	if (eth->ppe)
		flowsw_offload_exit(eth);
	flowsw_macs_unregister(eth);
	cancel_delayed_work_sync(&eth->mib_work);
	flowsw_quiesce(eth);
	flowsw_ppe_destroy(eth->ppe);
	netif_napi_del(&eth->napi);
	free_netdev(eth->napi_dev);
	flowsw_dma_free(eth);
	flowsw_macs_destroy(eth);
}

static const struct of_device_id flowsw_of_match[] = {
	{ .compatible = "flowsw,frame-engine" },
	{ }
};
MODULE_DEVICE_TABLE(of, flowsw_of_match);

static struct platform_driver flowsw_driver = {
	.probe = flowsw_probe,
	.remove = flowsw_remove,
	.driver = {
		.name = "flowsw-eth",
		.of_match_table = flowsw_of_match,
	},
};

static int __init flowsw_init(void)
{
	int err;

	flowsw_debugfs_register();
	err = platform_driver_register(&flowsw_driver);
	if (err)
		flowsw_debugfs_unregister();
	return err;
}
module_init(flowsw_init);

static void __exit flowsw_exit(void)
{
	platform_driver_unregister(&flowsw_driver);
	flowsw_debugfs_unregister();
}
module_exit(flowsw_exit);

MODULE_AUTHOR("flowsw developers <flowsw@example.org>");
MODULE_DESCRIPTION("flowsw frame engine with PPE flow offload");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(FLOWSW);
