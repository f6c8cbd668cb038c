/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * flowsw register map: the frame engine (global, PDMA, GMACs, PPE) and the
 * built-in switch.  All registers are 32 bits wide and little-endian.
 * Documentation/flowsw-hardware.rst describes each block.
 */
#ifndef FLOWSW_REGS_H
#define FLOWSW_REGS_H

#include "flowsw_compat.h"

/* ---- Frame engine: MMIO region 0 --------------------------------------- */
#define FE_MMIO_SIZE			0x4000

#define FE_ID				0x0000	/* RO */
#define  FE_ID_VALUE			0x46535731	/* "FSW1" */
#define FE_GLO_CFG			0x0004
#define  FE_GLO_CFG_RESET		BIT(0)	/* self-clearing, frame engine only */
#define FE_INT_STATUS			0x0008	/* W1C */
#define FE_INT_ENABLE			0x000c
#define  FE_INT_RX_DONE			BIT(0)
#define  FE_INT_TX_DONE			BIT(1)
#define  FE_INT_DMA_ERR			BIT(2)
#define  FE_INT_LINK			BIT(3)	/* a GMAC's link changed */
#define FE_DMA_ERR			0x0010	/* RO, latched until W1C of DMA_ERR */
#define  FE_DMA_ERR_CODE		GENMASK(7, 0)
#define  FE_DMA_ERR_TX_RING		1	/* TX ring outside guest RAM */
#define  FE_DMA_ERR_RX_RING		2	/* RX ring outside guest RAM */
#define  FE_DMA_ERR_TX_BUF		3	/* TX buffer unreadable or bad length */
#define  FE_DMA_ERR_RX_BUF		4	/* RX buffer unwritable or too small */
#define  FE_DMA_ERR_RING_SIZE		5	/* ring size 0 or above max */
#define  FE_DMA_ERR_FOE_TABLE		6	/* FOE table base unreachable */
#define  FE_DMA_ERR_MIB_TABLE		7	/* MIB table base unreachable */
#define FE_DMA_ERR_ADDR_LO		0x0014
#define FE_DMA_ERR_ADDR_HI		0x0018
#define FE_FOE_TS			0x001c	/* RO: FOE timestamp, one tick/s */
#define  FE_FOE_TS_MASK			GENMASK(15, 0)

/* PDMA: one TX and one RX ring shared by both GMACs */
#define PDMA_TX_BASE_LO			0x0800
#define PDMA_TX_BASE_HI			0x0804
#define PDMA_TX_MAX_CNT			0x0808	/* ring size in descriptors */
#define PDMA_TX_CPU_IDX			0x080c	/* next descriptor the CPU fills */
#define PDMA_TX_DMA_IDX			0x0810	/* RO: next descriptor the DMA reads */
#define PDMA_RX_BASE_LO			0x0900
#define PDMA_RX_BASE_HI			0x0904
#define PDMA_RX_MAX_CNT			0x0908
#define PDMA_RX_CPU_IDX			0x090c	/* last descriptor given to the DMA */
#define PDMA_RX_DMA_IDX			0x0910	/* RO: next descriptor the DMA fills */
#define PDMA_GLO_CFG			0x0a00
#define  PDMA_GLO_TX_DMA_EN		BIT(0)
#define  PDMA_GLO_RX_DMA_EN		BIT(2)
#define PDMA_RST_IDX			0x0a08	/* self-clearing */
#define  PDMA_RST_DTX_IDX		BIT(0)
#define  PDMA_RST_DRX_IDX		BIT(16)
#define PDMA_RING_MAX			4096

/* GMACs: GMAC0 is wired to the switch CPU port, GMAC1 is the WAN */
#define FE_NUM_GMACS			2
#define GMAC_BASE(id)			(0x1000 + (id) * 0x100)
#define GMAC_MCR(id)			(GMAC_BASE(id) + 0x00)
#define  GMAC_MCR_TX_EN			BIT(0)
#define  GMAC_MCR_RX_EN			BIT(1)
#define GMAC_STATUS(id)			(GMAC_BASE(id) + 0x04)	/* RO */
#define  GMAC_STATUS_LINK		BIT(0)
#define GMAC_MAC_HI(id)			(GMAC_BASE(id) + 0x08)	/* addr[0..1] */
#define GMAC_MAC_LO(id)			(GMAC_BASE(id) + 0x0c)	/* addr[2..5] */
#define GMAC_MAX_LEN(id)		(GMAC_BASE(id) + 0x10)	/* max frame, no FCS */
#define  GMAC_MAX_LEN_DEFAULT		1536
#define  GMAC_MAX_LEN_LIMIT		9216
#define GDM_FWD_CFG(id)			(GMAC_BASE(id) + 0x14)
#define  GDM_FWD_DEST			GENMASK(3, 0)	/* PSE port for ingress */
/* per-GMAC MIB, read-only, 64-bit counters split lo/hi */
#define GMAC_MIB_RX_PKTS(id)		(GMAC_BASE(id) + 0x40)
#define GMAC_MIB_RX_BYTES_LO(id)	(GMAC_BASE(id) + 0x44)
#define GMAC_MIB_RX_BYTES_HI(id)	(GMAC_BASE(id) + 0x48)
#define GMAC_MIB_TX_PKTS(id)		(GMAC_BASE(id) + 0x4c)
#define GMAC_MIB_TX_BYTES_LO(id)	(GMAC_BASE(id) + 0x50)
#define GMAC_MIB_TX_BYTES_HI(id)	(GMAC_BASE(id) + 0x54)
#define GMAC_MIB_RX_DROPS(id)		(GMAC_BASE(id) + 0x58)	/* no RX desc */
#define GMAC_MIB_TX_DROPS(id)		(GMAC_BASE(id) + 0x5c)	/* link down */
#define GMAC_MIB_RX_PPE_FWD(id)		(GMAC_BASE(id) + 0x60)	/* forwarded by PPE */

/* PSE ports: where the frame engine can send a frame */
#define PSE_PORT_CPU			0	/* PDMA RX ring */
#define PSE_PORT_GMAC0			1	/* switch CPU port */
#define PSE_PORT_GMAC1			2	/* WAN */
#define PSE_PORT_PPE			4
#define PSE_PORT_DROP			7

/* PPE: the flow offload engine */
#define PPE_BASE			0x2000
#define PPE_GLO_CFG			(PPE_BASE + 0x00)
#define  PPE_GLO_CFG_EN			BIT(0)
#define  PPE_GLO_CFG_IP4_L4_CS_DROP	BIT(2)	/* drop bad TCP/UDP checksums */
#define  PPE_GLO_CFG_IP4_CS_DROP	BIT(3)	/* drop bad IPv4 header checksums */
#define PPE_FLOW_CFG			(PPE_BASE + 0x04)	/* types to learn */
#define  PPE_FLOW_CFG_IP4_HNAPT		BIT(0)
#define  PPE_FLOW_CFG_IP4_ROUTE		BIT(1)
#define  PPE_FLOW_CFG_IP6_3T		BIT(2)
#define  PPE_FLOW_CFG_IP6_5T		BIT(3)
#define PPE_TB_CFG			(PPE_BASE + 0x08)
#define  PPE_TB_CFG_AGE_UNBIND		BIT(0)
#define  PPE_TB_CFG_AGE_TCP		BIT(1)
#define  PPE_TB_CFG_AGE_UDP		BIT(2)
#define  PPE_TB_CFG_AGE_FIN		BIT(3)
#define  PPE_TB_CFG_AGE_NON_L4		BIT(4)
#define  PPE_TB_CFG_ENTRY_NUM		GENMASK(10, 8)	/* 1024 << n entries */
#define PPE_TB_BASE_LO			(PPE_BASE + 0x0c)
#define PPE_TB_BASE_HI			(PPE_BASE + 0x10)
#define PPE_HASH_SEED			(PPE_BASE + 0x14)
#define PPE_BIND_RATE			(PPE_BASE + 0x18)
#define  PPE_BIND_RATE_THRESHOLD	GENMASK(15, 0)	/* hits before report */
#define PPE_UNBIND_AGE			(PPE_BASE + 0x1c)
#define  PPE_UNBIND_AGE_DELTA		GENMASK(7, 0)
#define PPE_BIND_AGE0			(PPE_BASE + 0x20)
#define  PPE_BIND_AGE0_UDP		GENMASK(15, 0)
#define  PPE_BIND_AGE0_NON_L4		GENMASK(31, 16)
#define PPE_BIND_AGE1			(PPE_BASE + 0x24)
#define  PPE_BIND_AGE1_TCP		GENMASK(15, 0)
#define  PPE_BIND_AGE1_FIN		GENMASK(31, 16)
#define PPE_CACHE_CTL			(PPE_BASE + 0x28)
#define  PPE_CACHE_CTL_EN		BIT(0)
#define  PPE_CACHE_CTL_CLEAR		BIT(9)	/* acts when set: set, then clear */
#define PPE_MIB_CFG			(PPE_BASE + 0x30)
#define  PPE_MIB_CFG_EN			BIT(0)
#define  PPE_MIB_CFG_RD_CLR		BIT(1)
#define PPE_MIB_TB_BASE_LO		(PPE_BASE + 0x34)
#define PPE_MIB_TB_BASE_HI		(PPE_BASE + 0x38)
#define PPE_MIB_SER_CR			(PPE_BASE + 0x3c)
#define  PPE_MIB_SER_CR_ENTRY		GENMASK(13, 0)
#define  PPE_MIB_SER_CR_START		BIT(16)	/* clears when R0..R2 are valid */
#define PPE_MIB_SER_R0			(PPE_BASE + 0x40)	/* bytes[31:0] */
#define PPE_MIB_SER_R1			(PPE_BASE + 0x44)
#define  PPE_MIB_SER_R1_BYTES_HI	GENMASK(15, 0)	/* bytes[47:32] */
#define  PPE_MIB_SER_R1_PKTS_LO		GENMASK(31, 16)	/* pkts[15:0] */
#define PPE_MIB_SER_R2			(PPE_BASE + 0x48)
#define  PPE_MIB_SER_R2_PKTS_HI		GENMASK(23, 0)	/* pkts[39:16] */
#define PPE_BIND_CNT			(PPE_BASE + 0x50)	/* RO: BIND entries hit */
#define PPE_MISS_CNT			(PPE_BASE + 0x54)	/* RO: searches missed */
#define PPE_FWD_CNT			(PPE_BASE + 0x58)	/* RO: frames forwarded */
/*
 * The egress length limits of bound frames, by the number of tag layers
 * outside the payload (ib1 VLAN_LAYER: special tag and 802.1Q tags), as
 * MediaTek's VLAN_MTU0/1.  A PPPoE header is payload: it counts against
 * the limit and selects none.  Frame lengths without FCS.
 */
#define PPE_VLAN_MTU0			(PPE_BASE + 0x5c)
#define  PPE_VLAN_MTU0_NONE		GENMASK(13, 0)
#define  PPE_VLAN_MTU0_1TAG		GENMASK(29, 16)
#define PPE_VLAN_MTU1			(PPE_BASE + 0x60)
#define  PPE_VLAN_MTU1_2TAG		GENMASK(13, 0)
#define  PPE_VLAN_MTU1_3TAG		GENMASK(29, 16)
#define  PPE_VLAN_MTU_DEFAULT		1514	/* NONE; each tag adds 4 */

/* ---- Switch: MMIO region 1 ---------------------------------------------- */
#define SW_MMIO_SIZE			0x1000
#define SW_NUM_PORTS			7	/* 0..3 user, 6 CPU */
#define SW_NUM_USER_PORTS		4
#define SW_CPU_PORT			6
#define SW_PORT_MASK			GENMASK(6, 0)

#define SW_ID				0x0000	/* RO */
#define  SW_ID_VALUE			0x46535753	/* "FSWS" */
#define SW_INT_STATUS			0x0008	/* W1C */
#define SW_INT_ENABLE			0x000c
#define  SW_INT_LINK			BIT(0)
#define  SW_INT_FDB_LEARN		BIT(1)	/* SW_FDB_EVT has events */
#define SW_AGE_CFG			0x0010
#define  SW_AGE_CFG_TIME		GENMASK(19, 0)	/* seconds, 0: never */
#define  SW_AGE_DEFAULT			300

/* FDB access: load MAC/DATA, then write CMD; BUSY clears when done */
#define SW_FDB_CMD			0x0020
#define  SW_FDB_CMD_OP			GENMASK(2, 0)
#define  SW_FDB_OP_READ			0	/* look up MAC+FID into DATA */
#define  SW_FDB_OP_WRITE		1	/* add or replace */
#define  SW_FDB_OP_DELETE		2
#define  SW_FDB_OP_FLUSH		3	/* dynamic entries of PORT mask */
#define  SW_FDB_OP_DUMP			4	/* entry at INDEX into MAC/DATA */
#define  SW_FDB_CMD_PORTS		GENMASK(14, 8)	/* FLUSH: ports */
#define  SW_FDB_CMD_FOUND		BIT(30)	/* RO result of READ/DUMP */
#define  SW_FDB_CMD_BUSY		BIT(31)
#define SW_FDB_MAC_HI			0x0024	/* addr[0..3], addr[0] in [31:24] */
#define SW_FDB_MAC_LO			0x0028
#define  SW_FDB_MAC_LO_ADDR		GENMASK(31, 16)	/* addr[4..5] */
#define  SW_FDB_MAC_LO_FID		GENMASK(11, 0)	/* VID, 0 when unaware */
#define SW_FDB_DATA			0x002c
#define  SW_FDB_DATA_PORTS		GENMASK(6, 0)
#define  SW_FDB_DATA_STATIC		BIT(8)
#define  SW_FDB_DATA_AGE		GENMASK(31, 16)	/* RO: seconds idle */
#define SW_FDB_INDEX			0x0030	/* DUMP: slot to read */
#define SW_FDB_SIZE			2048

/*
 * Learn events: every address the switch learns, or sees move to another
 * port, queues an event (SW_FDB_EVT_DEPTH deep; more are lost and counted
 * by OVERFLOW).  The head event is in SW_FDB_EVT/_HI/_LO; writing
 * SW_FDB_EVT_POP to SW_FDB_EVT drops it.
 */
#define SW_FDB_EVT			0x0034
#define  SW_FDB_EVT_PORT		GENMASK(3, 0)
#define  SW_FDB_EVT_OVERFLOW		BIT(30)	/* RO: events were lost */
#define  SW_FDB_EVT_VALID		BIT(31)	/* RO: an event is at the head */
#define  SW_FDB_EVT_POP			BIT(0)	/* WO */
#define SW_FDB_EVT_HI			0x0038	/* addr[0..3], addr[0] in [31:24] */
#define SW_FDB_EVT_LO			0x003c	/* as SW_FDB_MAC_LO: addr[4..5], FID */
#define SW_FDB_EVT_DEPTH		32

/* VLAN table: load DATA0/1, then write CMD; BUSY clears when done */
#define SW_VLAN_CMD			0x0040
#define  SW_VLAN_CMD_VID		GENMASK(11, 0)
#define  SW_VLAN_CMD_OP			GENMASK(14, 12)
#define  SW_VLAN_OP_READ		0
#define  SW_VLAN_OP_WRITE		1
#define  SW_VLAN_OP_INVALIDATE		2
#define  SW_VLAN_CMD_BUSY		BIT(31)
#define SW_VLAN_DATA0			0x0044
#define  SW_VLAN_DATA0_MEMBERS		GENMASK(6, 0)
#define  SW_VLAN_DATA0_VALID		BIT(31)
#define SW_VLAN_DATA1			0x0048
#define  SW_VLAN_DATA1_UNTAGGED		GENMASK(6, 0)	/* egress untagged */

/*
 * MDIO access to the internal PHYs of the user ports (PHY address = port):
 * write the command with START set; START clears when done and a read's
 * result is in DATA.  The PHYs speak clause 22 and report the wire's link.
 */
#define SW_PHY_IAC			0x0050
#define  SW_PHY_IAC_DATA		GENMASK(15, 0)
#define  SW_PHY_IAC_REG			GENMASK(20, 16)
#define  SW_PHY_IAC_ADDR		GENMASK(25, 21)
#define  SW_PHY_IAC_WRITE		BIT(26)
#define  SW_PHY_IAC_START		BIT(31)

/* per-port registers */
#define SW_PORT_BASE(p)			(0x0100 + (p) * 0x100)
#define SW_PCR(p)			(SW_PORT_BASE(p) + 0x00)
#define  SW_PCR_ENABLE			BIT(0)
#define  SW_PCR_LEARN			BIT(1)
#define  SW_PCR_STP			GENMASK(5, 4)
#define  SW_STP_DISABLED		0
#define  SW_STP_BLOCKING		1	/* also listening */
#define  SW_STP_LEARNING		2
#define  SW_STP_FORWARDING		3
#define  SW_PCR_VLAN_FILTER		BIT(8)	/* check ingress VID membership */
#define SW_PMATRIX(p)			(SW_PORT_BASE(p) + 0x04)	/* egress ports */
#define SW_PVID(p)			(SW_PORT_BASE(p) + 0x08)
#define  SW_PVID_VID			GENMASK(11, 0)
#define SW_PSTATUS(p)			(SW_PORT_BASE(p) + 0x0c)	/* RO */
#define  SW_PSTATUS_LINK		BIT(0)
#define SW_PMIB_RX_PKTS(p)		(SW_PORT_BASE(p) + 0x40)
#define SW_PMIB_RX_BYTES(p)		(SW_PORT_BASE(p) + 0x44)
#define SW_PMIB_TX_PKTS(p)		(SW_PORT_BASE(p) + 0x48)
#define SW_PMIB_TX_BYTES(p)		(SW_PORT_BASE(p) + 0x4c)
#define SW_PMIB_RX_DROPS(p)		(SW_PORT_BASE(p) + 0x50)
#define SW_PMIB_TX_DROPS(p)		(SW_PORT_BASE(p) + 0x54)

#endif /* FLOWSW_REGS_H */
