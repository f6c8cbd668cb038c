// SPDX-License-Identifier: GPL-2.0-only
/*
 * flowsw PPE hardware: the FOE and MIB tables in DMA memory and the PPE's
 * registers, set up for the table engine in flowsw_ppe.c.
 */
#include <linux/bitfield.h>
#include <linux/dma-mapping.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/property.h>

#include "flowsw_eth.h"
#include "flowsw_ppe.h"

#define FOE_TABLE_SIZE(ppe)	((ppe)->entries * FOE_ENTRY_SIZE)
#define MIB_TABLE_SIZE(ppe)	((ppe)->entries * FOE_MIB_ENTRY_SIZE)

/* A bind candidate after this many hits of its UNBIND entry. */
#define FLOWSW_BIND_THRESHOLD	10
/* Ageing, in seconds of FE_FOE_TS; at most 255 (8-bit entry timestamps). */
#define FLOWSW_AGE_UNBIND	3
#define FLOWSW_AGE_TCP		60
#define FLOWSW_AGE_UDP		30
#define FLOWSW_AGE_FIN		5
#define FLOWSW_AGE_NON_L4	30

/**
 * struct flowsw_ppe_hw - the PPE of one frame engine
 * @ppe: table engine state; its priv is the frame engine
 * @foe_dma: bus address of the FOE table
 * @mib: MIB table, written by the PPE only
 * @mib_dma: bus address of @mib
 */
struct flowsw_ppe_hw {
	struct flowsw_ppe ppe;
	dma_addr_t foe_dma;
	struct foe_mib_entry *mib;
	dma_addr_t mib_dma;
};

static u32 flowsw_ppe_hw_read(struct flowsw_ppe *ppe, u32 reg)
{
	return fe_r32(ppe->priv, reg);
}

static void flowsw_ppe_hw_write(struct flowsw_ppe *ppe, u32 reg, u32 val)
{
	fe_w32(ppe->priv, reg, val);
}

static const struct flowsw_ppe_hw_ops flowsw_ppe_hw_ops = {
	.read = flowsw_ppe_hw_read,
	.write = flowsw_ppe_hw_write,
};

static void flowsw_ppe_hw_program(struct flowsw_eth *eth,
				  struct flowsw_ppe_hw *hw)
{
	fe_w32(eth, PPE_GLO_CFG, 0);
	fe_w32(eth, PPE_TB_BASE_LO, lower_32_bits(hw->foe_dma));
	fe_w32(eth, PPE_TB_BASE_HI, upper_32_bits(hw->foe_dma));
	fe_w32(eth, PPE_MIB_TB_BASE_LO, lower_32_bits(hw->mib_dma));
	fe_w32(eth, PPE_MIB_TB_BASE_HI, upper_32_bits(hw->mib_dma));
	fe_w32(eth, PPE_MIB_CFG, PPE_MIB_CFG_EN);
	fe_w32(eth, PPE_BIND_RATE,
	       FIELD_PREP(PPE_BIND_RATE_THRESHOLD, FLOWSW_BIND_THRESHOLD));
	fe_w32(eth, PPE_UNBIND_AGE,
	       FIELD_PREP(PPE_UNBIND_AGE_DELTA, FLOWSW_AGE_UNBIND));
	fe_w32(eth, PPE_BIND_AGE0, FIELD_PREP(PPE_BIND_AGE0_UDP, FLOWSW_AGE_UDP) |
	       FIELD_PREP(PPE_BIND_AGE0_NON_L4, FLOWSW_AGE_NON_L4));
	fe_w32(eth, PPE_BIND_AGE1, FIELD_PREP(PPE_BIND_AGE1_TCP, FLOWSW_AGE_TCP) |
	       FIELD_PREP(PPE_BIND_AGE1_FIN, FLOWSW_AGE_FIN));
	fe_w32(eth, PPE_TB_CFG, PPE_TB_CFG_AGE_UNBIND | PPE_TB_CFG_AGE_TCP |
	       PPE_TB_CFG_AGE_UDP | PPE_TB_CFG_AGE_FIN | PPE_TB_CFG_AGE_NON_L4 |
	       FIELD_PREP(PPE_TB_CFG_ENTRY_NUM,
			  ilog2(hw->ppe.entries / FOE_ENTRIES_MIN)));
	fe_w32(eth, PPE_FLOW_CFG, PPE_FLOW_CFG_IP4_HNAPT | PPE_FLOW_CFG_IP6_5T);
	fe_w32(eth, PPE_CACHE_CTL, PPE_CACHE_CTL_EN | PPE_CACHE_CTL_CLEAR);
	fe_w32(eth, PPE_CACHE_CTL, PPE_CACHE_CTL_EN);
	/* as mtk_ppe_start(): frames with bad IPv4 or L4 checksums are dropped */
	fe_w32(eth, PPE_GLO_CFG, PPE_GLO_CFG_EN | PPE_GLO_CFG_IP4_CS_DROP |
	       PPE_GLO_CFG_IP4_L4_CS_DROP);
}

/**
 * flowsw_ppe_create() - allocate the PPE tables and start the PPE
 * @eth: the frame engine
 *
 * Return: the table engine, or an ERR_PTR.
 */
struct flowsw_ppe *flowsw_ppe_create(struct flowsw_eth *eth)
{
	u32 entries = FOE_ENTRIES;
	struct flowsw_ppe_hw *hw;
	int err = -ENOMEM;

	/* the SoC's table size, 16K entries unless the board says less */
	device_property_read_u32(eth->dev, "flowsw,ppe-entries", &entries);
	if (!flowsw_ppe_entries_valid(entries)) {
		dev_err(eth->dev, "flowsw,ppe-entries: %u is not a power of two from %u to %u\n",
			entries, FOE_ENTRIES_MIN, FOE_ENTRIES);
		return ERR_PTR(-EINVAL);
	}
	hw = kvzalloc(sizeof(*hw), GFP_KERNEL);
	if (!hw)
		return ERR_PTR(-ENOMEM);
	hw->ppe.entries = entries;
	hw->ppe.bind_threshold = FLOWSW_BIND_THRESHOLD;
	hw->ppe.foe = dma_alloc_coherent(eth->dev, FOE_TABLE_SIZE(&hw->ppe),
					 &hw->foe_dma, GFP_KERNEL);
	hw->mib = dma_alloc_coherent(eth->dev, MIB_TABLE_SIZE(&hw->ppe),
				     &hw->mib_dma, GFP_KERNEL);
	if (!hw->ppe.foe || !hw->mib)
		goto err_free;

	hw->ppe.ops = &flowsw_ppe_hw_ops;
	hw->ppe.priv = eth;
	err = flowsw_ppe_init(&hw->ppe);
	if (err)
		goto err_free;
	flowsw_ppe_hw_program(eth, hw);
	return &hw->ppe;

err_free:
	if (hw->mib)
		dma_free_coherent(eth->dev, MIB_TABLE_SIZE(&hw->ppe), hw->mib,
				  hw->mib_dma);
	if (hw->ppe.foe)
		dma_free_coherent(eth->dev, FOE_TABLE_SIZE(&hw->ppe), hw->ppe.foe,
				  hw->foe_dma);
	kvfree(hw);
	return ERR_PTR(err);
}

/**
 * flowsw_ppe_restart() - start the PPE again after a frame engine reset
 * @ppe: the table engine
 *
 * The reset cleared the PPE's registers; its tables are emptied and
 * programmed again, and offloaded flows bind again at the PPE's reports.
 */
void flowsw_ppe_restart(struct flowsw_ppe *ppe)
{
	struct flowsw_ppe_hw *hw = container_of(ppe, struct flowsw_ppe_hw, ppe);

	flowsw_ppe_forget_table(ppe);
	memset(hw->mib, 0, MIB_TABLE_SIZE(ppe));
	flowsw_ppe_hw_program(ppe->priv, hw);
}

/**
 * flowsw_ppe_destroy() - stop the PPE and free everything it had
 * @ppe: the table engine, or NULL
 */
void flowsw_ppe_destroy(struct flowsw_ppe *ppe)
{
	struct flowsw_ppe_hw *hw;
	struct flowsw_eth *eth;
	int i;

	if (!ppe)
		return;
	hw = container_of(ppe, struct flowsw_ppe_hw, ppe);
	eth = ppe->priv;
	for (i = 0; i < FE_NUM_GMACS; i++)
		fe_w32(eth, GDM_FWD_CFG(i),
		       FIELD_PREP(GDM_FWD_DEST, PSE_PORT_CPU));
	flowsw_ppe_cleanup(ppe);
	fe_w32(eth, PPE_GLO_CFG, 0);
	fe_w32(eth, PPE_TB_BASE_LO, 0);
	fe_w32(eth, PPE_TB_BASE_HI, 0);
	fe_w32(eth, PPE_MIB_CFG, 0);
	fe_w32(eth, PPE_MIB_TB_BASE_LO, 0);
	fe_w32(eth, PPE_MIB_TB_BASE_HI, 0);
	dma_free_coherent(eth->dev, MIB_TABLE_SIZE(ppe), hw->mib, hw->mib_dma);
	dma_free_coherent(eth->dev, FOE_TABLE_SIZE(ppe), ppe->foe, hw->foe_dma);
	kvfree(hw);
}
