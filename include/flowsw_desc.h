/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * flowsw DMA descriptors, CPU reason codes and the switch special tag.
 *
 * Descriptors are 16 bytes of little-endian words in guest memory.  The CPU
 * owns a TX descriptor until it advances PDMA_TX_CPU_IDX past it; the DMA
 * sets DDONE when it has sent it.  An RX descriptor belongs to the DMA while
 * DDONE is clear; the DMA fills it, writes the PPE report into rxd4 and sets
 * DDONE.
 */
#ifndef FLOWSW_DESC_H
#define FLOWSW_DESC_H

#include "flowsw_compat.h"

/**
 * struct flowsw_dma_desc - one TX or RX descriptor
 * @buf_lo: buffer address, bits 31:0
 * @ctrl: DDONE, last-segment and length (TXD_/RXD_ fields)
 * @buf_hi: buffer address, bits 63:32
 * @info: TX: forwarding port; RX: source port and PPE report
 */
struct flowsw_dma_desc {
	u32 buf_lo;
	u32 ctrl;
	u32 buf_hi;
	u32 info;
};

#define DMA_DESC_SIZE			16

#define DESC_CTRL_DDONE			BIT(31)
#define DESC_CTRL_LS			BIT(30)
#define DESC_CTRL_LEN			GENMASK(29, 16)	/* RX: buffer size, then frame */
#define DESC_MAX_LEN			16383

#define TXD_INFO_FPORT			GENMASK(3, 0)	/* PSE_PORT_GMAC0/1/PPE */

#define RXD_INFO_FOE_ENTRY		GENMASK(13, 0)	/* PPE hash index */
#define  RXD_FOE_ENTRY_NONE		0x3fff
#define RXD_INFO_CRSN			GENMASK(20, 16)	/* enum flowsw_cpu_reason */
#define RXD_INFO_SPORT			GENMASK(27, 24)	/* PSE_PORT_GMAC0/1 */

/**
 * enum flowsw_cpu_reason - why the PPE sent a frame to the CPU
 * @CPU_REASON_NONE: the PPE did not look at the frame (disabled, not IP)
 * @CPU_REASON_OPTION_HEADER: IPv4 options
 * @CPU_REASON_NOT_TCP_UDP: neither TCP nor UDP (flowsw's own code)
 * @CPU_REASON_MALFORMED: truncated or bad length header (flowsw's own)
 * @CPU_REASON_HIT_FIN: entry in FIN state (flowsw's own)
 * @CPU_REASON_NO_FLOW: the flow type is not enabled in PPE_FLOW_CFG
 * @CPU_REASON_IPV4_FRAG: IPv4 fragment
 * @CPU_REASON_TCP_FIN_SYN_RST: TCP SYN, FIN or RST that no BIND entry
 *	forwards: never learned, never an UNBIND hit
 * @CPU_REASON_HIT_UNBIND: UNBIND entry hit, threshold not reached yet
 * @CPU_REASON_HIT_UNBIND_RATE_REACHED: bind candidate: the driver may bind
 *	the entry at the reported hash index now
 * @CPU_REASON_HIT_BIND_TCP_FIN: TCP FIN or RST on a BIND entry, moved to FIN
 * @CPU_REASON_HIT_TTL_1: BIND entry hit with TTL or hop limit 0 or 1
 * @CPU_REASON_HIT_BIND_EXCEED_MTU: frame larger than the egress MTU
 * @CPU_REASON_BUCKET_FULL: all ways of the bucket are in use by other flows
 *	(flowsw's own)
 *
 * The values and meanings are MediaTek's (MTK_PPE_CPU_REASON_* in
 * mtk_ppe.h).  Codes MediaTek has no meaning for ("flowsw's own") take
 * values its list leaves unused.
 */
enum flowsw_cpu_reason {
	CPU_REASON_NONE				= 0x00,
	CPU_REASON_OPTION_HEADER		= 0x03,
	CPU_REASON_NOT_TCP_UDP			= 0x04,
	CPU_REASON_MALFORMED			= 0x05,
	CPU_REASON_HIT_FIN			= 0x06,
	CPU_REASON_NO_FLOW			= 0x07,
	CPU_REASON_IPV4_FRAG			= 0x08,
	CPU_REASON_TCP_FIN_SYN_RST		= 0x0c,
	CPU_REASON_HIT_UNBIND			= 0x0e,
	CPU_REASON_HIT_UNBIND_RATE_REACHED	= 0x0f,
	CPU_REASON_HIT_BIND_TCP_FIN		= 0x10,
	CPU_REASON_HIT_TTL_1			= 0x11,
	CPU_REASON_HIT_BIND_EXCEED_MTU		= 0x1c,
	CPU_REASON_BUCKET_FULL			= 0x1d,
};

/*
 * Special tag between the switch CPU port and GMAC0, four bytes after the
 * source MAC, as spoken by net/dsa/tag_mtk.c.
 *
 * To the CPU: byte 0..1 big-endian, source port in bits 2:0; bytes 2..3 zero.
 * From the CPU: byte 0 is the TPID kind (untagged, or the tag replaces the
 * TPID of an 802.1Q/802.1ad header whose TCI follows in bytes 2..3), byte 1
 * the destination port mask.
 */
#define STAG_LEN			4
#define STAG_RX_SPORT			GENMASK(2, 0)
#define STAG_TX_UNTAGGED		0
#define STAG_TX_TPID_8100		1
#define STAG_TX_TPID_88A8		2
#define STAG_TX_PORTS			GENMASK(5, 0)

#endif /* FLOWSW_DESC_H */
