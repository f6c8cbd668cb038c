// SPDX-License-Identifier: GPL-2.0-only
/*
 * DSA driver for the switch built into the flowsw SoC: four user ports with
 * internal PHYs (ports 0..3) and a CPU port (port 6) wired to the frame
 * engine's GMAC0, which speaks the MediaTek special tag.
 *
 * The switch sits on its own MMIO region and is reached through regmap.
 * Bridging is offloaded by programming each port's egress matrix, the FDB
 * and the VLAN table; the latter two are indirect command interfaces.
 */

#include <linux/bitfield.h>
#include <linux/etherdevice.h>
#include <linux/hashtable.h>
#include <linux/if_bridge.h>
#include <linux/if_vlan.h>
#include <linux/interrupt.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/phylink.h>
#include <linux/platform_device.h>
#include <linux/regmap.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/unaligned.h>
#include <net/dsa.h>
#include <net/switchdev.h>

#include "flowsw_regs.h"

/* The model completes commands at once; real silicon may take a while */
#define FSW_POLL_SLEEP_US	10
#define FSW_POLL_TIMEOUT_US	100000

/**
 * struct fsw_mib_desc - one per-port MIB counter
 * @name: ethtool statistics name
 * @offset: register offset from the port's register base
 */
struct fsw_mib_desc {
	const char *name;
	u32 offset;
};

#define FSW_MIB(_name, _reg) \
	{ .name = _name, .offset = _reg(0) - SW_PORT_BASE(0) }

static const struct fsw_mib_desc fsw_mib[] = {
	FSW_MIB("rx_packets", SW_PMIB_RX_PKTS),
	FSW_MIB("rx_bytes", SW_PMIB_RX_BYTES),
	FSW_MIB("tx_packets", SW_PMIB_TX_PKTS),
	FSW_MIB("tx_bytes", SW_PMIB_TX_BYTES),
	FSW_MIB("rx_drops", SW_PMIB_RX_DROPS),
	FSW_MIB("tx_drops", SW_PMIB_TX_DROPS),
};

/* fsw_mib[] by name */
enum {
	FSW_MIB_RX_PKTS,
	FSW_MIB_RX_BYTES,
	FSW_MIB_TX_PKTS,
	FSW_MIB_TX_BYTES,
	FSW_MIB_RX_DROPS,
	FSW_MIB_TX_DROPS,
};

/*
 * The hardware's port counters are 32 bits and wrap: a byte counter every
 * 34 s at 1 Gbit/s, every 3 s at the model's offload rate.  The driver
 * keeps 64-bit sums, and folds the hardware's values in at every read and
 * at least every FSW_MIB_FOLD_PERIOD.
 */
#define FSW_MIB_FOLD_PERIOD	HZ
/* How often the addresses passed to the bridges are checked against the FDB */
#define FSW_FDB_SYNC_PERIOD	(2 * HZ)

/**
 * struct fsw_port_mib - one port's counters
 * @sum: 64-bit totals, in fsw_mib[] order
 * @last: the hardware's 32-bit values at the last fold
 */
struct fsw_port_mib {
	u64 sum[ARRAY_SIZE(fsw_mib)];
	u32 last[ARRAY_SIZE(fsw_mib)];
};

/**
 * struct fsw_priv - driver state of one flowsw switch
 * @dev: the platform device's device
 * @map: 32-bit MMIO regmap of the switch region
 * @ds: the DSA switch registered for it
 * @reg_mutex: serialises the FDB and VLAN command interfaces, whose
 *	operations are sequences of register accesses that must not
 *	interleave; MDIO needs no lock of ours since the MII bus has its own
 * @irq: the switch interrupt
 * @learn_work: passes the switch's learn events to the bridges
 * @learned: what was passed on, one struct fsw_learned per address and
 *	VID, under RTNL: what @fdb_sync_work checks against the switch
 * @fdb_sync_work: tells the bridges what the switch aged out, and
 *	reads the whole FDB after lost events
 * @fdb_rescan: learn events were lost (SW_FDB_EVT_OVERFLOW), under RTNL
 * @mib_lock: guards @mib, which statistics read from any context
 * @mib: the port counters, folded into 64 bits (see fsw_mib_fold())
 * @mib_work: folds them often enough that no counter wraps twice unseen
 */
struct fsw_priv {
	struct device *dev;
	struct regmap *map;
	struct dsa_switch ds;
	struct mutex reg_mutex;	/* FDB and VLAN command interfaces */
	int irq;
	struct work_struct learn_work;
	DECLARE_HASHTABLE(learned, 8);
	struct delayed_work fdb_sync_work;
	bool fdb_rescan;
	spinlock_t mib_lock;	/* @mib */
	struct fsw_port_mib mib[SW_NUM_PORTS];
	struct delayed_work mib_work;
};

/*
 * Add what each counter of @port counted since the last fold; a counter
 * that wrapped once in between still adds the right amount (u32
 * arithmetic).  A failed read adds nothing: statistics cannot fail.
 */
static void fsw_mib_fold(struct fsw_priv *priv, int port)
{
	struct fsw_port_mib *m = &priv->mib[port];
	u32 val;
	int i;

	lockdep_assert_held(&priv->mib_lock);
	for (i = 0; i < ARRAY_SIZE(fsw_mib); i++) {
		if (regmap_read(priv->map, SW_PORT_BASE(port) + fsw_mib[i].offset,
				&val))
			continue;
		m->sum[i] += (u32)(val - m->last[i]);
		m->last[i] = val;
	}
}

static void fsw_mib_work(struct work_struct *work)
{
	struct fsw_priv *priv = container_of(to_delayed_work(work),
					     struct fsw_priv, mib_work);
	unsigned long flags;
	int port;

	spin_lock_irqsave(&priv->mib_lock, flags);
	for (port = 0; port < SW_NUM_PORTS; port++)
		fsw_mib_fold(priv, port);
	spin_unlock_irqrestore(&priv->mib_lock, flags);
	schedule_delayed_work(&priv->mib_work, FSW_MIB_FOLD_PERIOD);
}

/* @port's 64-bit counters, folded up to now, in fsw_mib[] order */
static void fsw_mib_read(struct fsw_priv *priv, int port, u64 *sum)
{
	unsigned long flags;

	spin_lock_irqsave(&priv->mib_lock, flags);
	fsw_mib_fold(priv, port);
	memcpy(sum, priv->mib[port].sum, sizeof(priv->mib[port].sum));
	spin_unlock_irqrestore(&priv->mib_lock, flags);
}

/* ---- FDB command interface --------------------------------------------- */

/**
 * fsw_fdb_cmd() - run one FDB command and wait for it to complete
 * @priv: switch
 * @cmd: SW_FDB_CMD value without BUSY (operation, and ports for FLUSH)
 *
 * The MAC, DATA and INDEX registers the command needs must be loaded.
 *
 * Return: 1 if the switch set FOUND, 0 if not, or a negative errno.
 */
static int fsw_fdb_cmd(struct fsw_priv *priv, u32 cmd)
{
	u32 val;
	int err;

	lockdep_assert_held(&priv->reg_mutex);

	err = regmap_write(priv->map, SW_FDB_CMD, cmd | SW_FDB_CMD_BUSY);
	if (err)
		return err;

	err = regmap_read_poll_timeout(priv->map, SW_FDB_CMD, val,
				       !(val & SW_FDB_CMD_BUSY),
				       FSW_POLL_SLEEP_US, FSW_POLL_TIMEOUT_US);
	if (err) {
		dev_err(priv->dev, "FDB command %#x timed out\n", cmd);
		return err;
	}

	return !!(val & SW_FDB_CMD_FOUND);
}

/*
 * Load the key of an entry: the MAC address and the FID.  The FID is the
 * VID as DSA passes it: VLAN-unaware ports look up FID 0, and entries of
 * VLAN-unaware bridges come with VID 0.
 */
static int fsw_fdb_set_key(struct fsw_priv *priv, const unsigned char *addr,
			   u16 vid)
{
	int err;

	err = regmap_write(priv->map, SW_FDB_MAC_HI, get_unaligned_be32(addr));
	if (err)
		return err;

	return regmap_write(priv->map, SW_FDB_MAC_LO,
			    FIELD_PREP(SW_FDB_MAC_LO_ADDR,
				       get_unaligned_be16(addr + 4)) |
			    FIELD_PREP(SW_FDB_MAC_LO_FID, vid));
}

/**
 * fsw_fdb_read() - look up an FDB entry
 * @priv: switch
 * @addr: MAC address
 * @vid: FID of the entry: the VID, 0 for VLAN-unaware ports
 * @data: the entry's SW_FDB_DATA when found
 *
 * Return: 1 if found, 0 if not, or a negative errno.
 */
static int fsw_fdb_read(struct fsw_priv *priv, const unsigned char *addr,
			u16 vid, u32 *data)
{
	int ret;

	ret = fsw_fdb_set_key(priv, addr, vid);
	if (ret)
		return ret;

	ret = fsw_fdb_cmd(priv, FIELD_PREP(SW_FDB_CMD_OP, SW_FDB_OP_READ));
	if (ret <= 0)
		return ret;

	ret = regmap_read(priv->map, SW_FDB_DATA, data);
	return ret ? ret : 1;
}

/**
 * fsw_fdb_write() - add or replace a static FDB entry
 * @priv: switch
 * @addr: MAC address
 * @vid: FID of the entry
 * @ports: mask of the ports the entry forwards to
 *
 * A full bucket of static entries makes the write a no-op, so the entry
 * is looked up again to tell whether it took.
 *
 * Return: 0 on success, -ENOSPC if the bucket is full, or a negative errno.
 */
static int fsw_fdb_write(struct fsw_priv *priv, const unsigned char *addr,
			 u16 vid, u32 ports)
{
	int ret;

	ret = fsw_fdb_set_key(priv, addr, vid);
	if (ret)
		return ret;

	ret = regmap_write(priv->map, SW_FDB_DATA,
			   FIELD_PREP(SW_FDB_DATA_PORTS, ports) |
			   SW_FDB_DATA_STATIC);
	if (ret)
		return ret;

	ret = fsw_fdb_cmd(priv, FIELD_PREP(SW_FDB_CMD_OP, SW_FDB_OP_WRITE));
	if (ret < 0)
		return ret;

	/* the key registers still hold addr/vid */
	ret = fsw_fdb_cmd(priv, FIELD_PREP(SW_FDB_CMD_OP, SW_FDB_OP_READ));
	if (ret < 0)
		return ret;

	return ret ? 0 : -ENOSPC;
}

/**
 * fsw_fdb_leave() - remove a port from a static FDB entry
 * @priv: switch
 * @addr: MAC address
 * @vid: FID of the entry
 * @port: port to remove
 *
 * The entry is deleted once no port is left.  An entry that is missing,
 * dynamic or does not include @port is left alone: a unicast address the
 * bridge moved to another port has already been rewritten for that port.
 *
 * Return: 0 on success or a negative errno.
 */
static int fsw_fdb_leave(struct fsw_priv *priv, const unsigned char *addr,
			 u16 vid, int port)
{
	u32 data, ports;
	int ret;

	ret = fsw_fdb_read(priv, addr, vid, &data);
	if (ret <= 0)
		return ret;

	ports = FIELD_GET(SW_FDB_DATA_PORTS, data);
	if (!(data & SW_FDB_DATA_STATIC) || !(ports & BIT(port)))
		return 0;

	ports &= ~BIT(port);
	if (ports)
		return fsw_fdb_write(priv, addr, vid, ports);

	/* the READ left the key registers loaded */
	ret = fsw_fdb_cmd(priv, FIELD_PREP(SW_FDB_CMD_OP, SW_FDB_OP_DELETE));
	return ret < 0 ? ret : 0;
}

/**
 * fsw_fdb_dump_slot() - read one slot of the FDB
 * @priv: switch
 * @index: slot, below SW_FDB_SIZE
 * @addr: the entry's MAC address when found
 * @vid: the entry's FID when found
 * @data: the entry's SW_FDB_DATA when found
 *
 * On success the key registers hold the entry's key, so a DELETE command
 * that follows removes it.
 *
 * Return: 1 if the slot holds an entry, 0 if not, or a negative errno.
 */
static int fsw_fdb_dump_slot(struct fsw_priv *priv, u32 index,
			     unsigned char *addr, u16 *vid, u32 *data)
{
	u32 hi, lo;
	int ret;

	ret = regmap_write(priv->map, SW_FDB_INDEX, index);
	if (ret)
		return ret;

	ret = fsw_fdb_cmd(priv, FIELD_PREP(SW_FDB_CMD_OP, SW_FDB_OP_DUMP));
	if (ret <= 0)
		return ret;

	ret = regmap_read(priv->map, SW_FDB_MAC_HI, &hi);
	if (!ret)
		ret = regmap_read(priv->map, SW_FDB_MAC_LO, &lo);
	if (!ret)
		ret = regmap_read(priv->map, SW_FDB_DATA, data);
	if (ret)
		return ret;

	put_unaligned_be32(hi, addr);
	put_unaligned_be16(FIELD_GET(SW_FDB_MAC_LO_ADDR, lo), addr + 4);
	*vid = FIELD_GET(SW_FDB_MAC_LO_FID, lo);
	return 1;
}

/*
 * FLUSH only drops dynamic entries, so a reset to a known state walks the
 * table and deletes every entry, including static ones a previous driver
 * instance left behind.
 */
static int fsw_fdb_clear(struct fsw_priv *priv)
{
	unsigned char addr[ETH_ALEN];
	u32 index, data;
	u16 vid;
	int ret;

	lockdep_assert_held(&priv->reg_mutex);

	for (index = 0; index < SW_FDB_SIZE; index++) {
		ret = fsw_fdb_dump_slot(priv, index, addr, &vid, &data);
		if (ret < 0)
			return ret;
		if (!ret)
			continue;

		ret = fsw_fdb_cmd(priv,
				  FIELD_PREP(SW_FDB_CMD_OP, SW_FDB_OP_DELETE));
		if (ret < 0)
			return ret;
	}

	return 0;
}

/* ---- VLAN command interface -------------------------------------------- */

/**
 * fsw_vlan_cmd() - run one VLAN table command and wait for it to complete
 * @priv: switch
 * @vid: VLAN the command is about
 * @op: SW_VLAN_OP_*
 *
 * Return: 0 on success or a negative errno.
 */
static int fsw_vlan_cmd(struct fsw_priv *priv, u16 vid, u32 op)
{
	u32 val;
	int err;

	lockdep_assert_held(&priv->reg_mutex);

	err = regmap_write(priv->map, SW_VLAN_CMD,
			   FIELD_PREP(SW_VLAN_CMD_VID, vid) |
			   FIELD_PREP(SW_VLAN_CMD_OP, op) | SW_VLAN_CMD_BUSY);
	if (err)
		return err;

	err = regmap_read_poll_timeout(priv->map, SW_VLAN_CMD, val,
				       !(val & SW_VLAN_CMD_BUSY),
				       FSW_POLL_SLEEP_US, FSW_POLL_TIMEOUT_US);
	if (err)
		dev_err(priv->dev, "VLAN command %u for VID %u timed out\n",
			op, vid);
	return err;
}

/**
 * fsw_vlan_read() - read a VLAN table entry
 * @priv: switch
 * @vid: VLAN
 * @members: member port mask, 0 for an invalid entry
 * @untagged: egress-untagged port mask, 0 for an invalid entry
 *
 * Return: 0 on success or a negative errno.
 */
static int fsw_vlan_read(struct fsw_priv *priv, u16 vid, u32 *members,
			 u32 *untagged)
{
	u32 data0, data1;
	int err;

	err = fsw_vlan_cmd(priv, vid, SW_VLAN_OP_READ);
	if (!err)
		err = regmap_read(priv->map, SW_VLAN_DATA0, &data0);
	if (!err)
		err = regmap_read(priv->map, SW_VLAN_DATA1, &data1);
	if (err)
		return err;

	if (data0 & SW_VLAN_DATA0_VALID) {
		*members = FIELD_GET(SW_VLAN_DATA0_MEMBERS, data0);
		*untagged = FIELD_GET(SW_VLAN_DATA1_UNTAGGED, data1);
	} else {
		*members = 0;
		*untagged = 0;
	}

	return 0;
}

/**
 * fsw_vlan_write() - write a VLAN table entry
 * @priv: switch
 * @vid: VLAN
 * @members: member port mask; none invalidates the entry
 * @untagged: egress-untagged port mask
 *
 * Return: 0 on success or a negative errno.
 */
static int fsw_vlan_write(struct fsw_priv *priv, u16 vid, u32 members,
			  u32 untagged)
{
	int err;

	if (!members)
		return fsw_vlan_cmd(priv, vid, SW_VLAN_OP_INVALIDATE);

	err = regmap_write(priv->map, SW_VLAN_DATA0,
			   FIELD_PREP(SW_VLAN_DATA0_MEMBERS, members) |
			   SW_VLAN_DATA0_VALID);
	if (!err)
		err = regmap_write(priv->map, SW_VLAN_DATA1,
				   FIELD_PREP(SW_VLAN_DATA1_UNTAGGED, untagged));
	if (err)
		return err;

	return fsw_vlan_cmd(priv, vid, SW_VLAN_OP_WRITE);
}

/* ---- MDIO to the internal PHYs ------------------------------------------ */

static int fsw_phy_iac(struct fsw_priv *priv, u32 cmd, u32 *val)
{
	int err;

	err = regmap_write(priv->map, SW_PHY_IAC, cmd | SW_PHY_IAC_START);
	if (err)
		return err;

	return regmap_read_poll_timeout(priv->map, SW_PHY_IAC, *val,
					!(*val & SW_PHY_IAC_START),
					FSW_POLL_SLEEP_US, FSW_POLL_TIMEOUT_US);
}

static int fsw_phy_read(struct dsa_switch *ds, int port, int regnum)
{
	struct fsw_priv *priv = ds->priv;
	u32 val;
	int err;

	err = fsw_phy_iac(priv, FIELD_PREP(SW_PHY_IAC_ADDR, port) |
			  FIELD_PREP(SW_PHY_IAC_REG, regnum), &val);
	if (err)
		return err;

	return FIELD_GET(SW_PHY_IAC_DATA, val);
}

static int fsw_phy_write(struct dsa_switch *ds, int port, int regnum, u16 val)
{
	struct fsw_priv *priv = ds->priv;
	u32 res;

	return fsw_phy_iac(priv, SW_PHY_IAC_WRITE |
			   FIELD_PREP(SW_PHY_IAC_ADDR, port) |
			   FIELD_PREP(SW_PHY_IAC_REG, regnum) |
			   FIELD_PREP(SW_PHY_IAC_DATA, val), &res);
}

/* ---- setup -------------------------------------------------------------- */

static enum dsa_tag_protocol fsw_get_tag_protocol(struct dsa_switch *ds,
						  int port,
						  enum dsa_tag_protocol mprot)
{
	return DSA_TAG_PROTO_MTK;
}

/* The hardware has a fixed CPU port and wires only ports 0..3 */
static int fsw_check_ports(struct dsa_switch *ds)
{
	struct dsa_port *dp;

	dsa_switch_for_each_port(dp, ds) {
		if ((dsa_port_is_cpu(dp) && dp->index != SW_CPU_PORT) ||
		    (dsa_port_is_user(dp) && dp->index >= SW_NUM_USER_PORTS) ||
		    dsa_port_is_dsa(dp)) {
			dev_err(ds->dev, "port %d cannot have that role\n",
				dp->index);
			return -EINVAL;
		}
	}

	return 0;
}

static int fsw_reset_ports(struct dsa_switch *ds)
{
	struct fsw_priv *priv = ds->priv;
	u32 pcr, matrix;
	int port, err;

	for (port = 0; port < SW_NUM_PORTS; port++) {
		pcr = 0;
		matrix = 0;
		if (dsa_is_cpu_port(ds, port)) {
			/* frames to the CPU are controlled by the user ports */
			pcr = SW_PCR_ENABLE |
			      FIELD_PREP(SW_PCR_STP, SW_STP_FORWARDING);
			matrix = dsa_user_ports(ds);
		} else if (dsa_is_user_port(ds, port)) {
			/* standalone, disabled until DSA opens the port */
			matrix = BIT(SW_CPU_PORT);
		}

		err = regmap_write(priv->map, SW_PCR(port), pcr);
		if (!err)
			err = regmap_write(priv->map, SW_PMATRIX(port), matrix);
		if (!err)
			err = regmap_write(priv->map, SW_PVID(port), 0);
		if (err)
			return err;
	}

	return 0;
}

static int fsw_reset_tables(struct fsw_priv *priv)
{
	u16 vid;
	int err;

	guard(mutex)(&priv->reg_mutex);

	for (vid = 0; vid < VLAN_N_VID; vid++) {
		err = fsw_vlan_cmd(priv, vid, SW_VLAN_OP_INVALIDATE);
		if (err)
			return err;
	}

	return fsw_fdb_clear(priv);
}

static int fsw_setup(struct dsa_switch *ds)
{
	struct fsw_priv *priv = ds->priv;
	int err;

	err = fsw_check_ports(ds);
	if (err)
		return err;

	err = fsw_reset_ports(ds);
	if (err)
		return err;

	err = fsw_reset_tables(priv);
	if (err)
		return err;

	err = regmap_write(priv->map, SW_AGE_CFG,
			   FIELD_PREP(SW_AGE_CFG_TIME, SW_AGE_DEFAULT));
	if (err)
		return err;

	/* ack what a previous instance left pending, then listen */
	err = regmap_write(priv->map, SW_INT_STATUS,
			   SW_INT_LINK | SW_INT_FDB_LEARN);
	if (!err)
		err = regmap_write(priv->map, SW_INT_ENABLE,
				   SW_INT_LINK | SW_INT_FDB_LEARN);
	if (err)
		return err;

	/*
	 * The switch never learns from frames the CPU sends (they bypass the
	 * FDB), so DSA installs the bridge's host addresses as static entries
	 * on the CPU port instead.  DSA itself always sets
	 * configure_vlan_while_not_filtering, which suits the VLAN table:
	 * it is only consulted by ports with VLAN_FILTER set.
	 */
	ds->assisted_learning_on_cpu_port = true;
	ds->ageing_time_min = MSEC_PER_SEC;
	ds->ageing_time_max = FIELD_MAX(SW_AGE_CFG_TIME) * MSEC_PER_SEC;

	schedule_delayed_work(&priv->mib_work, FSW_MIB_FOLD_PERIOD);
	schedule_delayed_work(&priv->fdb_sync_work, FSW_FDB_SYNC_PERIOD);
	return 0;
}

static void fsw_teardown(struct dsa_switch *ds)
{
	struct fsw_priv *priv = ds->priv;

	regmap_write(priv->map, SW_INT_ENABLE, 0);
	cancel_delayed_work_sync(&priv->mib_work);
}

/* ---- phylink ------------------------------------------------------------ */

static void fsw_phylink_get_caps(struct dsa_switch *ds, int port,
				 struct phylink_config *config)
{
	if (port == SW_CPU_PORT) {
		__set_bit(PHY_INTERFACE_MODE_INTERNAL,
			  config->supported_interfaces);
		config->mac_capabilities = MAC_SYM_PAUSE | MAC_ASYM_PAUSE |
					   MAC_1000FD;
		return;
	}

	/* the internal PHYs come up as GMII when the DT names no mode */
	__set_bit(PHY_INTERFACE_MODE_INTERNAL, config->supported_interfaces);
	__set_bit(PHY_INTERFACE_MODE_GMII, config->supported_interfaces);
	config->mac_capabilities = MAC_SYM_PAUSE | MAC_ASYM_PAUSE |
				   MAC_10 | MAC_100 | MAC_1000FD;
}

/*
 * The MACs follow their PHY (or the fixed link) by themselves: there is
 * nothing to program on configuration or link changes.
 */
static void fsw_mac_config(struct phylink_config *config, unsigned int mode,
			   const struct phylink_link_state *state)
{
}

static void fsw_mac_link_down(struct phylink_config *config,
			      unsigned int mode, phy_interface_t interface)
{
}

static void fsw_mac_link_up(struct phylink_config *config,
			    struct phy_device *phydev, unsigned int mode,
			    phy_interface_t interface, int speed, int duplex,
			    bool tx_pause, bool rx_pause)
{
}

static const struct phylink_mac_ops fsw_phylink_mac_ops = {
	.mac_config	= fsw_mac_config,
	.mac_link_down	= fsw_mac_link_down,
	.mac_link_up	= fsw_mac_link_up,
};

/* ---- ports -------------------------------------------------------------- */

static int fsw_port_enable(struct dsa_switch *ds, int port,
			   struct phy_device *phy)
{
	struct fsw_priv *priv = ds->priv;

	return regmap_set_bits(priv->map, SW_PCR(port), SW_PCR_ENABLE);
}

static void fsw_port_disable(struct dsa_switch *ds, int port)
{
	struct fsw_priv *priv = ds->priv;

	regmap_clear_bits(priv->map, SW_PCR(port), SW_PCR_ENABLE);
}

static void fsw_port_stp_state_set(struct dsa_switch *ds, int port, u8 state)
{
	struct fsw_priv *priv = ds->priv;
	u32 stp;

	switch (state) {
	case BR_STATE_DISABLED:
		stp = SW_STP_DISABLED;
		break;
	case BR_STATE_LISTENING:
	case BR_STATE_BLOCKING:
		stp = SW_STP_BLOCKING;
		break;
	case BR_STATE_LEARNING:
		stp = SW_STP_LEARNING;
		break;
	case BR_STATE_FORWARDING:
	default:
		stp = SW_STP_FORWARDING;
		break;
	}

	regmap_update_bits(priv->map, SW_PCR(port), SW_PCR_STP,
			   FIELD_PREP(SW_PCR_STP, stp));
}

/*
 * Bridge membership is the egress matrix: a bridged port may send to the
 * other ports of its bridge and to the CPU, a standalone one to the CPU only.
 */
static int fsw_port_bridge_join(struct dsa_switch *ds, int port,
				struct dsa_bridge bridge, bool *tx_fwd_offload,
				struct netlink_ext_ack *extack)
{
	struct fsw_priv *priv = ds->priv;
	u32 matrix = BIT(SW_CPU_PORT);
	struct dsa_port *other;
	int err;

	dsa_switch_for_each_user_port(other, ds) {
		if (other->index == port ||
		    !dsa_port_offloads_bridge(other, &bridge))
			continue;

		err = regmap_set_bits(priv->map, SW_PMATRIX(other->index),
				      BIT(port));
		if (err)
			return err;
		matrix |= BIT(other->index);
	}

	return regmap_write(priv->map, SW_PMATRIX(port), matrix);
}

static void fsw_port_bridge_leave(struct dsa_switch *ds, int port,
				  struct dsa_bridge bridge)
{
	struct fsw_priv *priv = ds->priv;
	struct dsa_port *other;

	dsa_switch_for_each_user_port(other, ds) {
		if (other->index != port &&
		    dsa_port_offloads_bridge(other, &bridge))
			regmap_clear_bits(priv->map, SW_PMATRIX(other->index),
					  BIT(port));
	}

	regmap_write(priv->map, SW_PMATRIX(port), BIT(SW_CPU_PORT));
}

static int fsw_port_pre_bridge_flags(struct dsa_switch *ds, int port,
				     struct switchdev_brport_flags flags,
				     struct netlink_ext_ack *extack)
{
	if (flags.mask & ~BR_LEARNING)
		return -EINVAL;

	return 0;
}

static int fsw_port_bridge_flags(struct dsa_switch *ds, int port,
				 struct switchdev_brport_flags flags,
				 struct netlink_ext_ack *extack)
{
	struct fsw_priv *priv = ds->priv;

	/* DSA offers the flooding flags one by one when a port joins */
	if (flags.mask & ~BR_LEARNING)
		return -EOPNOTSUPP;

	return regmap_update_bits(priv->map, SW_PCR(port), SW_PCR_LEARN,
				  flags.val & BR_LEARNING ? SW_PCR_LEARN : 0);
}

static int fsw_set_ageing_time(struct dsa_switch *ds, unsigned int msecs)
{
	struct fsw_priv *priv = ds->priv;

	return regmap_write(priv->map, SW_AGE_CFG,
			    FIELD_PREP(SW_AGE_CFG_TIME, msecs / MSEC_PER_SEC));
}

static void fsw_port_fast_age(struct dsa_switch *ds, int port)
{
	struct fsw_priv *priv = ds->priv;

	guard(mutex)(&priv->reg_mutex);

	fsw_fdb_cmd(priv, FIELD_PREP(SW_FDB_CMD_OP, SW_FDB_OP_FLUSH) |
		    FIELD_PREP(SW_FDB_CMD_PORTS, BIT(port)));
}

/* ---- FDB and MDB -------------------------------------------------------- */

static int fsw_port_fdb_add(struct dsa_switch *ds, int port,
			    const unsigned char *addr, u16 vid,
			    struct dsa_db db)
{
	struct fsw_priv *priv = ds->priv;

	guard(mutex)(&priv->reg_mutex);

	/* a unicast address lives behind one port: replace any old entry */
	return fsw_fdb_write(priv, addr, vid, BIT(port));
}

static int fsw_port_fdb_del(struct dsa_switch *ds, int port,
			    const unsigned char *addr, u16 vid,
			    struct dsa_db db)
{
	struct fsw_priv *priv = ds->priv;

	guard(mutex)(&priv->reg_mutex);

	return fsw_fdb_leave(priv, addr, vid, port);
}

static int fsw_port_fdb_dump(struct dsa_switch *ds, int port,
			     dsa_fdb_dump_cb_t *cb, void *data)
{
	struct fsw_priv *priv = ds->priv;
	unsigned char addr[ETH_ALEN];
	u32 index, entry;
	u16 vid;
	int ret;

	for (index = 0; index < SW_FDB_SIZE; index++) {
		/* one slot at a time: the callback must not hold up others */
		scoped_guard(mutex, &priv->reg_mutex)
			ret = fsw_fdb_dump_slot(priv, index, addr, &vid, &entry);
		if (ret < 0)
			return ret;
		if (!ret || !(FIELD_GET(SW_FDB_DATA_PORTS, entry) & BIT(port)))
			continue;

		ret = cb(addr, vid, entry & SW_FDB_DATA_STATIC, data);
		if (ret)
			return ret;
	}

	return 0;
}

static int fsw_port_mdb_add(struct dsa_switch *ds, int port,
			    const struct switchdev_obj_port_mdb *mdb,
			    struct dsa_db db)
{
	struct fsw_priv *priv = ds->priv;
	u32 ports = BIT(port), entry;
	int ret;

	guard(mutex)(&priv->reg_mutex);

	ret = fsw_fdb_read(priv, mdb->addr, mdb->vid, &entry);
	if (ret < 0)
		return ret;
	if (ret && (entry & SW_FDB_DATA_STATIC))
		ports |= FIELD_GET(SW_FDB_DATA_PORTS, entry);

	return fsw_fdb_write(priv, mdb->addr, mdb->vid, ports);
}

static int fsw_port_mdb_del(struct dsa_switch *ds, int port,
			    const struct switchdev_obj_port_mdb *mdb,
			    struct dsa_db db)
{
	struct fsw_priv *priv = ds->priv;

	guard(mutex)(&priv->reg_mutex);

	return fsw_fdb_leave(priv, mdb->addr, mdb->vid, port);
}

/* ---- VLANs -------------------------------------------------------------- */

static int fsw_port_vlan_filtering(struct dsa_switch *ds, int port,
				   bool vlan_filtering,
				   struct netlink_ext_ack *extack)
{
	struct fsw_priv *priv = ds->priv;

	return regmap_update_bits(priv->map, SW_PCR(port), SW_PCR_VLAN_FILTER,
				  vlan_filtering ? SW_PCR_VLAN_FILTER : 0);
}

/*
 * Clear a port's PVID if it is @vid.  Untagged frames are then classified
 * to VID 0, so a VLAN-aware port no longer admits them into @vid: the
 * bridge's behaviour for a port without PVID.
 */
static int fsw_port_drop_pvid(struct fsw_priv *priv, int port, u16 vid)
{
	u32 pvid;
	int err;

	err = regmap_read(priv->map, SW_PVID(port), &pvid);
	if (err || FIELD_GET(SW_PVID_VID, pvid) != vid)
		return err;

	return regmap_write(priv->map, SW_PVID(port), 0);
}

static int fsw_port_vlan_add(struct dsa_switch *ds, int port,
			     const struct switchdev_obj_port_vlan *vlan,
			     struct netlink_ext_ack *extack)
{
	bool untagged = vlan->flags & BRIDGE_VLAN_INFO_UNTAGGED;
	struct fsw_priv *priv = ds->priv;
	u32 members, untag_mask;
	int err;

	/*
	 * The CPU port always egresses tagged: the bridge then sees the VID
	 * the frame was classified into, whatever the ingress port's PVID.
	 */
	if (dsa_is_cpu_port(ds, port))
		untagged = false;

	scoped_guard(mutex, &priv->reg_mutex) {
		err = fsw_vlan_read(priv, vlan->vid, &members, &untag_mask);
		if (err)
			return err;

		members |= BIT(port);
		if (untagged)
			untag_mask |= BIT(port);
		else
			untag_mask &= ~BIT(port);

		err = fsw_vlan_write(priv, vlan->vid, members, untag_mask);
		if (err)
			return err;
	}

	/* frames from the CPU carry their ports in the tag: no PVID there */
	if (dsa_is_cpu_port(ds, port))
		return 0;

	if (vlan->flags & BRIDGE_VLAN_INFO_PVID)
		return regmap_write(priv->map, SW_PVID(port),
				    FIELD_PREP(SW_PVID_VID, vlan->vid));

	/* a VLAN re-added without the PVID flag stops being the PVID */
	return fsw_port_drop_pvid(priv, port, vlan->vid);
}

static int fsw_port_vlan_del(struct dsa_switch *ds, int port,
			     const struct switchdev_obj_port_vlan *vlan)
{
	struct fsw_priv *priv = ds->priv;
	u32 members, untag_mask;
	int err;

	scoped_guard(mutex, &priv->reg_mutex) {
		err = fsw_vlan_read(priv, vlan->vid, &members, &untag_mask);
		if (err)
			return err;

		err = fsw_vlan_write(priv, vlan->vid, members & ~BIT(port),
				     untag_mask & ~BIT(port));
		if (err)
			return err;
	}

	if (dsa_is_cpu_port(ds, port))
		return 0;

	return fsw_port_drop_pvid(priv, port, vlan->vid);
}

/* ---- statistics --------------------------------------------------------- */

static void fsw_get_strings(struct dsa_switch *ds, int port, u32 stringset,
			    u8 *data)
{
	int i;

	if (stringset != ETH_SS_STATS)
		return;

	for (i = 0; i < ARRAY_SIZE(fsw_mib); i++)
		ethtool_puts(&data, fsw_mib[i].name);
}

static void fsw_get_ethtool_stats(struct dsa_switch *ds, int port,
				  u64 *data)
{
	fsw_mib_read(ds->priv, port, data);
}

static int fsw_get_sset_count(struct dsa_switch *ds, int port, int sset)
{
	return sset == ETH_SS_STATS ? ARRAY_SIZE(fsw_mib) : 0;
}

/*
 * The port counters see every frame on the wire, forwarded ones included,
 * which is what the interface statistics of a switch port should show.
 * The MMIO regmap and the counters' lock are spinlocks, so this is safe in
 * atomic context.
 */
static void fsw_get_stats64(struct dsa_switch *ds, int port,
			    struct rtnl_link_stats64 *s)
{
	u64 sum[ARRAY_SIZE(fsw_mib)];

	fsw_mib_read(ds->priv, port, sum);
	s->rx_packets = sum[FSW_MIB_RX_PKTS];
	s->rx_bytes = sum[FSW_MIB_RX_BYTES];
	s->tx_packets = sum[FSW_MIB_TX_PKTS];
	s->tx_bytes = sum[FSW_MIB_TX_BYTES];
	s->rx_dropped = sum[FSW_MIB_RX_DROPS];
	s->tx_dropped = sum[FSW_MIB_TX_DROPS];
}

/*
 * The switch forwards frames of any length its buffers take; what bounds
 * a port's MTU is the CPU's RX buffer behind GMAC0, which the conduit's
 * max_mtu already says, less the tag.
 */
static int fsw_port_max_mtu(struct dsa_switch *ds, int port)
{
	struct dsa_port *dp = dsa_to_port(ds, port);
	const struct dsa_device_ops *tag = dp->cpu_dp->tag_ops;

	return dsa_port_to_conduit(dp)->max_mtu - tag->needed_headroom -
	       tag->needed_tailroom;
}

/* Nothing to program: see fsw_port_max_mtu() */
static int fsw_port_change_mtu(struct dsa_switch *ds, int port, int new_mtu)
{
	return 0;
}

static const struct dsa_switch_ops fsw_switch_ops = {
	.get_tag_protocol	= fsw_get_tag_protocol,
	.setup			= fsw_setup,
	.teardown		= fsw_teardown,
	.phy_read		= fsw_phy_read,
	.phy_write		= fsw_phy_write,
	.phylink_get_caps	= fsw_phylink_get_caps,
	.get_strings		= fsw_get_strings,
	.get_ethtool_stats	= fsw_get_ethtool_stats,
	.get_sset_count		= fsw_get_sset_count,
	.get_stats64		= fsw_get_stats64,
	.port_change_mtu	= fsw_port_change_mtu,
	.port_max_mtu		= fsw_port_max_mtu,
	.port_enable		= fsw_port_enable,
	.port_disable		= fsw_port_disable,
	.set_ageing_time	= fsw_set_ageing_time,
	.port_bridge_join	= fsw_port_bridge_join,
	.port_bridge_leave	= fsw_port_bridge_leave,
	.port_stp_state_set	= fsw_port_stp_state_set,
	.port_fast_age		= fsw_port_fast_age,
	.port_pre_bridge_flags	= fsw_port_pre_bridge_flags,
	.port_bridge_flags	= fsw_port_bridge_flags,
	.port_vlan_filtering	= fsw_port_vlan_filtering,
	.port_vlan_add		= fsw_port_vlan_add,
	.port_vlan_del		= fsw_port_vlan_del,
	.port_fdb_add		= fsw_port_fdb_add,
	.port_fdb_del		= fsw_port_fdb_del,
	.port_fdb_dump		= fsw_port_fdb_dump,
	.port_mdb_add		= fsw_port_mdb_add,
	.port_mdb_del		= fsw_port_mdb_del,
};

/* ---- platform driver ---------------------------------------------------- */

/**
 * struct fsw_learned - an address the switch learned, as its bridge knows it
 * @node: in fsw_priv.learned
 * @addr: MAC address
 * @vid: FID: the VID, 0 on VLAN-unaware ports
 * @port: where the switch learned it last
 */
struct fsw_learned {
	struct hlist_node node;
	u8 addr[ETH_ALEN];
	u16 vid;
	int port;
};

static u32 fsw_learned_key(const u8 *addr, u16 vid)
{
	return get_unaligned_be32(addr + 2) ^ vid;
}

static struct fsw_learned *fsw_learned_find(struct fsw_priv *priv,
					    const u8 *addr, u16 vid)
{
	struct fsw_learned *l;

	hash_for_each_possible(priv->learned, l, node,
			       fsw_learned_key(addr, vid))
		if (l->vid == vid && ether_addr_equal(l->addr, addr))
			return l;
	return NULL;
}

/* The user netdev of @port if it is in a bridge, else NULL */
static struct net_device *fsw_bridged_user(struct fsw_priv *priv, int port)
{
	struct dsa_port *dp;

	if (port >= priv->ds.num_ports)
		return NULL;	/* SW_FDB_EVT_PORT is wider than the ports */
	dp = dsa_to_port(&priv->ds, port);
	if (!dsa_port_is_user(dp) || !dsa_port_bridge_dev_get(dp))
		return NULL;
	return dp->user;
}

/*
 * Tell @port's bridge that the switch learned @addr there
 * (SWITCHDEV_FDB_ADD_TO_BRIDGE) or forgot it (SWITCHDEV_FDB_DEL_TO_BRIDGE);
 * a port in no bridge has nobody to tell.
 */
static void fsw_notify_bridge(struct fsw_priv *priv, unsigned long event,
			      int port, const u8 *addr, u16 vid)
{
	struct switchdev_notifier_fdb_info info = {
		.addr = addr,
		.vid = vid,
		.offloaded = true,
	};
	struct net_device *user = fsw_bridged_user(priv, port);

	ASSERT_RTNL();
	if (user)
		call_switchdev_notifiers(event, user, &info.info, NULL);
}

/* The switch no longer has @l where the bridge was told it is */
static void fsw_learned_forget(struct fsw_priv *priv, struct fsw_learned *l)
{
	fsw_notify_bridge(priv, SWITCHDEV_FDB_DEL_TO_BRIDGE, l->port, l->addr,
			  l->vid);
	hash_del(&l->node);
	kfree(l);
}

/*
 * The switch learned @addr on @port: tell the bridge (which moves an
 * address it had on another port), and keep it in mind
 */
static void fsw_learned_add(struct fsw_priv *priv, int port, const u8 *addr,
			    u16 vid)
{
	struct fsw_learned *l = fsw_learned_find(priv, addr, vid);

	if (l && l->port == port)
		return;
	if (!fsw_bridged_user(priv, port)) {
		if (l)
			fsw_learned_forget(priv, l);
		return;
	}
	if (!l) {
		l = kzalloc(sizeof(*l), GFP_KERNEL);
		if (!l)
			return;	/* not told, so nothing to take back */
		ether_addr_copy(l->addr, addr);
		l->vid = vid;
		hash_add(priv->learned, &l->node, fsw_learned_key(addr, vid));
	}
	l->port = port;
	fsw_notify_bridge(priv, SWITCHDEV_FDB_ADD_TO_BRIDGE, port, addr, vid);
}

static void fsw_learned_free(struct fsw_priv *priv)
{
	struct fsw_learned *l;
	struct hlist_node *tmp;
	int bkt;

	hash_for_each_safe(priv->learned, bkt, tmp, l, node) {
		hash_del(&l->node);
		kfree(l);
	}
}

/* The one user port of a dynamic entry's SW_FDB_DATA, or -1 */
static int fsw_fdb_learned_port(struct fsw_priv *priv, u32 data)
{
	u32 ports = FIELD_GET(SW_FDB_DATA_PORTS, data);

	if ((data & SW_FDB_DATA_STATIC) || hweight32(ports) != 1 ||
	    !dsa_is_user_port(&priv->ds, __ffs(ports)))
		return -1;
	return __ffs(ports);
}

/* Events were lost: pass on every dynamic entry the switch has. */
static void fsw_fdb_rescan(struct fsw_priv *priv)
{
	unsigned char addr[ETH_ALEN];
	u32 index, data;
	int ret, port;
	u16 vid;

	for (index = 0; index < SW_FDB_SIZE; index++) {
		scoped_guard(mutex, &priv->reg_mutex)
			ret = fsw_fdb_dump_slot(priv, index, addr, &vid, &data);
		if (ret < 0)
			return;
		port = ret ? fsw_fdb_learned_port(priv, data) : -1;
		if (port >= 0)
			fsw_learned_add(priv, port, addr, vid);
	}
}

/*
 * The switch ages its entries and evicts the stalest when a bucket is
 * full, and says nothing of either; the bridge never ages what it was
 * told (extern_learn).  So look up each address passed on: one the switch
 * dropped is taken back from the bridge, one that moved is moved.
 */
static void fsw_fdb_sync_work(struct work_struct *work)
{
	struct fsw_priv *priv = container_of(to_delayed_work(work),
					     struct fsw_priv, fdb_sync_work);
	struct fsw_learned *l;
	struct hlist_node *tmp;
	int bkt, ret, port;
	u32 data;

	rtnl_lock();
	if (!priv->ds.setup)
		goto out;
	if (priv->fdb_rescan) {
		priv->fdb_rescan = false;
		fsw_fdb_rescan(priv);
	}
	hash_for_each_safe(priv->learned, bkt, tmp, l, node) {
		scoped_guard(mutex, &priv->reg_mutex)
			ret = fsw_fdb_read(priv, l->addr, l->vid, &data);
		if (ret < 0)
			continue;	/* ask again next time */
		port = ret ? fsw_fdb_learned_port(priv, data) : -1;
		if (port < 0)
			fsw_learned_forget(priv, l);
		else
			fsw_learned_add(priv, port, l->addr, l->vid);
	}
out:
	rtnl_unlock();
	schedule_delayed_work(&priv->fdb_sync_work, FSW_FDB_SYNC_PERIOD);
}

/*
 * Addresses the switch learns, or sees move to another port, never reach
 * the bridge (the switch forwards their frames itself): pass them on, so
 * that bridge fdb shows them and a moved station is followed.  Events the
 * queue had no room for are recovered by reading the whole FDB.
 */
static void fsw_learn_work(struct work_struct *work)
{
	struct fsw_priv *priv = container_of(work, struct fsw_priv, learn_work);
	u32 evt, hi, lo;
	u8 addr[ETH_ALEN];

	rtnl_lock();
	while (priv->ds.setup &&
	       !regmap_read(priv->map, SW_FDB_EVT, &evt)) {
		if (evt & SW_FDB_EVT_OVERFLOW) {
			priv->fdb_rescan = true;
			mod_delayed_work(system_wq, &priv->fdb_sync_work, 0);
		}
		if (!(evt & SW_FDB_EVT_VALID))
			break;
		if (regmap_read(priv->map, SW_FDB_EVT_HI, &hi) ||
		    regmap_read(priv->map, SW_FDB_EVT_LO, &lo) ||
		    regmap_write(priv->map, SW_FDB_EVT, SW_FDB_EVT_POP))
			break;
		put_unaligned_be32(hi, addr);
		put_unaligned_be16(FIELD_GET(SW_FDB_MAC_LO_ADDR, lo), addr + 4);
		fsw_learned_add(priv, FIELD_GET(SW_FDB_EVT_PORT, evt), addr,
				FIELD_GET(SW_FDB_MAC_LO_FID, lo));
	}
	rtnl_unlock();
}

/*
 * Link changes reach the host through phylib, which polls the internal
 * PHYs, so they only need acknowledging; learn events are passed on from
 * process context, where the bridge can be told.
 */
static irqreturn_t fsw_irq_thread(int irq, void *dev_id)
{
	struct fsw_priv *priv = dev_id;
	u32 status;

	if (regmap_read(priv->map, SW_INT_STATUS, &status) ||
	    !(status & (SW_INT_LINK | SW_INT_FDB_LEARN)))
		return IRQ_NONE;

	regmap_write(priv->map, SW_INT_STATUS,
		     status & (SW_INT_LINK | SW_INT_FDB_LEARN));
	if (status & SW_INT_FDB_LEARN)
		schedule_work(&priv->learn_work);
	return IRQ_HANDLED;
}

/* No learn event may reach a bridge once the switch is going away. */
static void fsw_stop_learn_events(struct fsw_priv *priv)
{
	regmap_write(priv->map, SW_INT_ENABLE, 0);
	synchronize_irq(priv->irq);
	cancel_work_sync(&priv->learn_work);
	cancel_delayed_work_sync(&priv->fdb_sync_work);
	fsw_learned_free(priv);
}

static const struct regmap_config fsw_regmap_config = {
	.reg_bits	= 32,
	.val_bits	= 32,
	.reg_stride	= 4,
	.max_register	= SW_MMIO_SIZE - 4,
};

static int fsw_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct fsw_priv *priv;
	void __iomem *base;
	int irq, err;
	u32 id;

	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = dev;

	err = devm_mutex_init(dev, &priv->reg_mutex);
	if (err)
		return err;

	base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(base))
		return PTR_ERR(base);

	priv->map = devm_regmap_init_mmio(dev, base, &fsw_regmap_config);
	if (IS_ERR(priv->map))
		return dev_err_probe(dev, PTR_ERR(priv->map),
				     "cannot create regmap\n");

	err = regmap_read(priv->map, SW_ID, &id);
	if (err)
		return err;
	if (id != SW_ID_VALUE)
		return dev_err_probe(dev, -ENODEV, "unknown switch ID %#x\n",
				     id);

	/* quiet until setup has reset the switch */
	err = regmap_write(priv->map, SW_INT_ENABLE, 0);
	if (err)
		return err;

	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	priv->irq = irq;
	INIT_WORK(&priv->learn_work, fsw_learn_work);
	hash_init(priv->learned);
	INIT_DELAYED_WORK(&priv->fdb_sync_work, fsw_fdb_sync_work);
	spin_lock_init(&priv->mib_lock);
	INIT_DELAYED_WORK(&priv->mib_work, fsw_mib_work);

	err = devm_request_threaded_irq(dev, irq, NULL, fsw_irq_thread,
					IRQF_ONESHOT, dev_name(dev), priv);
	if (err)
		return dev_err_probe(dev, err, "cannot request IRQ %d\n", irq);

	priv->ds.dev = dev;
	priv->ds.num_ports = SW_NUM_PORTS;
	priv->ds.priv = priv;
	priv->ds.ops = &fsw_switch_ops;
	priv->ds.phylink_mac_ops = &fsw_phylink_mac_ops;

	platform_set_drvdata(pdev, priv);

	return dsa_register_switch(&priv->ds);
}

static void fsw_remove(struct platform_device *pdev)
{
	struct fsw_priv *priv = platform_get_drvdata(pdev);

	/* NULL after shutdown, which already tore the switch down */
	if (!priv)
		return;
	fsw_stop_learn_events(priv);
	dsa_unregister_switch(&priv->ds);
}

static void fsw_shutdown(struct platform_device *pdev)
{
	struct fsw_priv *priv = platform_get_drvdata(pdev);

	if (!priv)
		return;

	fsw_stop_learn_events(priv);
	dsa_switch_shutdown(&priv->ds);
	platform_set_drvdata(pdev, NULL);
}

static const struct of_device_id fsw_of_match[] = {
	{ .compatible = "flowsw,switch" },
	{ /* sentinel */ }
};
MODULE_DEVICE_TABLE(of, fsw_of_match);

static struct platform_driver fsw_driver = {
	.probe		= fsw_probe,
	.remove		= fsw_remove,
	.shutdown	= fsw_shutdown,
	.driver = {
		.name		= "flowsw-switch",
		.of_match_table	= fsw_of_match,
	},
};
module_platform_driver(fsw_driver);

MODULE_AUTHOR("flowsw developers <flowsw@example.org>");
MODULE_DESCRIPTION("flowsw built-in DSA switch driver");
MODULE_LICENSE("GPL");
