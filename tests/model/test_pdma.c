// SPDX-License-Identifier: GPL-2.0-or-later
/* PDMA rings, GMACs, DMA errors, interrupts and reset of the frame engine */
#include <stdlib.h>
#include <string.h>
#include "env.h"
#include "flowsw_int.h"

static struct rx_frame rxf;

static u32 test_frame(u8 *buf, u32 len, u8 seed)
{
    u32 i;

    memcpy(buf, MAC_WANGW, 6);
    memcpy(buf + 6, MAC_ROUTER, 6);
    put_be16(buf + 12, 0x88b5);     /* local experimental ethertype */
    for (i = 14; i < len; i++) {
        buf[i] = (u8)(seed + i);
    }
    return len;
}

static struct flowsw_dma_desc *tx_desc(u32 i)
{
    return (struct flowsw_dma_desc *)gpa(TX_RING + i * DMA_DESC_SIZE);
}

TEST(pdma_tx_to_wan_sets_ddone_and_irq)
{
    u8 a[100], b[1500];
    const u8 *out;
    u32 len;

    pdma_setup();
    fe_wr(FE_INT_ENABLE, FE_INT_TX_DONE);
    pdma_send(PSE_PORT_GMAC1, a, test_frame(a, sizeof(a), 1));
    pdma_send(PSE_PORT_GMAC1, b, test_frame(b, sizeof(b), 2));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 2);
    out = wire_frame(FSW_WIRE_WAN, 0, &len);
    CHECK(len == sizeof(a) && !memcmp(out, a, len));
    out = wire_frame(FSW_WIRE_WAN, 1, &len);
    CHECK(len == sizeof(b) && !memcmp(out, b, len));
    CHECK(tx_desc(0)->ctrl & DESC_CTRL_DDONE);
    CHECK(tx_desc(1)->ctrl & DESC_CTRL_DDONE);
    CHECK_EQ(fe_rd(PDMA_TX_DMA_IDX), 2);
    CHECK(fe_rd(FE_INT_STATUS) & FE_INT_TX_DONE);
    CHECK(E->irq[FSW_IRQ_FE]);
    CHECK_EQ(fe_rd(GMAC_MIB_TX_PKTS(1)), 2);
    CHECK_EQ(fe_rd(GMAC_MIB_TX_BYTES_LO(1)), sizeof(a) + sizeof(b));
    fe_wr(FE_INT_STATUS, FE_INT_TX_DONE);
    CHECK(!E->irq[FSW_IRQ_FE]);
}

TEST(pdma_tx_wraps_around_ring)
{
    u8 a[64];
    u32 i;

    pdma_setup();
    for (i = 0; i < RING_SIZE + 3; i++) {
        pdma_send(PSE_PORT_GMAC1, a, test_frame(a, sizeof(a), i));
    }
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], RING_SIZE + 3);
    CHECK_EQ(fe_rd(PDMA_TX_DMA_IDX), 3);
}

TEST(pdma_tx_disabled_waits_for_enable)
{
    u8 a[64];

    pdma_setup();
    fe_wr(PDMA_GLO_CFG, PDMA_GLO_RX_DMA_EN);
    pdma_send(PSE_PORT_GMAC1, a, test_frame(a, sizeof(a), 1));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 0);
    fe_wr(PDMA_GLO_CFG, PDMA_GLO_RX_DMA_EN | PDMA_GLO_TX_DMA_EN);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 1);
}

TEST(pdma_tx_wan_link_down_counts_tx_drops)
{
    u8 a[64];

    pdma_setup();
    fsw_wire_set_link(&E->core, FSW_WIRE_WAN, false);
    CHECK(!(fe_rd(GMAC_STATUS(1)) & GMAC_STATUS_LINK));
    CHECK(fe_rd(FE_INT_STATUS) & FE_INT_LINK);
    pdma_send(PSE_PORT_GMAC1, a, test_frame(a, sizeof(a), 1));
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], 0);
    CHECK_EQ(fe_rd(GMAC_MIB_TX_DROPS(1)), 1);
    CHECK(tx_desc(0)->ctrl & DESC_CTRL_DDONE);
}

TEST(pdma_rx_from_wan_fills_descriptor)
{
    u8 a[200];

    pdma_setup();
    fe_wr(FE_INT_ENABLE, FE_INT_RX_DONE);
    CHECK(wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), 9)));
    CHECK(E->irq[FSW_IRQ_FE]);
    CHECK(fe_rd(FE_INT_STATUS) & FE_INT_RX_DONE);
    CHECK_EQ(fe_rd(PDMA_RX_DMA_IDX), 1);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.len, sizeof(a));
    CHECK(!memcmp(rxf.buf, a, sizeof(a)));
    CHECK_EQ(rxf.sport, PSE_PORT_GMAC1);
    CHECK_EQ(rxf.reason, CPU_REASON_NONE);
    CHECK_EQ(rxf.foe, RXD_FOE_ENTRY_NONE);
    CHECK_EQ(fe_rd(GMAC_MIB_RX_PKTS(1)), 1);
    CHECK_EQ(fe_rd(GMAC_MIB_RX_BYTES_LO(1)), sizeof(a));
    CHECK(!rx_pop(&rxf));
}

/* The DMA keeps one descriptor between itself and CPU_IDX */
TEST(pdma_rx_ring_full_counts_rx_drops)
{
    u8 a[64];
    u32 i;

    pdma_setup();
    for (i = 0; i < RING_SIZE + 5; i++) {
        wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), i));
    }
    CHECK_EQ(fe_rd(GMAC_MIB_RX_DROPS(1)), 6);
    CHECK_EQ(fe_rd(PDMA_RX_DMA_IDX), RING_SIZE - 1);
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.buf[14], (u8)(0 + 14));   /* oldest first */
    wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), 77));
    CHECK_EQ(fe_rd(GMAC_MIB_RX_DROPS(1)), 6);
    for (i = 0; i < RING_SIZE - 1; i++) {
        CHECK(rx_pop(&rxf));
    }
    CHECK(!rx_pop(&rxf));
    CHECK_EQ(rxf.buf[14], (u8)(77 + 14));  /* the newest came last */
}

TEST(pdma_rx_disabled_counts_rx_drops)
{
    u8 a[64];

    pdma_setup();
    fe_wr(PDMA_GLO_CFG, PDMA_GLO_TX_DMA_EN);
    wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), 1));
    CHECK_EQ(fe_rd(GMAC_MIB_RX_DROPS(1)), 1);
    CHECK(!rx_pop(&rxf));
}

static void check_dma_err(u32 code, u64 addr)
{
    CHECK_EQ(fe_rd(FE_DMA_ERR) & FE_DMA_ERR_CODE, code);
    CHECK_EQ(fe_rd(FE_DMA_ERR_ADDR_LO), (u32)addr);
    CHECK_EQ(fe_rd(FE_DMA_ERR_ADDR_HI), (u32)(addr >> 32));
    CHECK(fe_rd(FE_INT_STATUS) & FE_INT_DMA_ERR);
    CHECK(E->nevents[FSW_EV_DMA_ERROR] > 0);
}

TEST(pdma_tx_ring_outside_ram_sets_dma_err)
{
    u8 a[64];

    pdma_setup();
    fe_wr(FE_INT_ENABLE, FE_INT_DMA_ERR);
    fe_wr(PDMA_TX_BASE_LO, 0x1000);
    fe_wr(PDMA_TX_BASE_HI, 0);
    test_frame(a, sizeof(a), 1);
    fe_wr(PDMA_TX_CPU_IDX, 1);
    check_dma_err(FE_DMA_ERR_TX_RING, 0x1000);
    CHECK(E->irq[FSW_IRQ_FE]);
    CHECK_EQ(wire_total(), 0);
    CHECK_EQ(fe_rd(PDMA_TX_DMA_IDX), 0);
}

/* A descriptor that straddles the end of RAM must not be half-used */
TEST(pdma_tx_ring_straddling_ram_end_sets_dma_err)
{
    u64 base = RAM_BASE + RAM_SIZE - 8;

    pdma_setup();
    fe_wr(PDMA_TX_BASE_LO, (u32)base);
    fe_wr(PDMA_TX_CPU_IDX, 1);
    check_dma_err(FE_DMA_ERR_TX_RING, base);
    CHECK_EQ(wire_total(), 0);
}

TEST(pdma_ring_size_zero_or_huge_rejected)
{
    u32 sizes[] = { 0, PDMA_RING_MAX + 1, 0xffffffff };
    u8 a[64];

    for (u32 i = 0; i < 3; i++) {
        env_setup();
        pdma_setup();
        fe_wr(PDMA_TX_MAX_CNT, sizes[i]);
        fe_wr(PDMA_TX_CPU_IDX, 1);
        CHECK_EQ(fe_rd(FE_DMA_ERR), FE_DMA_ERR_RING_SIZE);
        CHECK_EQ(wire_total(), 0);
        CHECK_EQ(fe_rd(PDMA_GLO_CFG), 0);     /* the PDMA stopped */
        fe_wr(FE_INT_STATUS, FE_INT_DMA_ERR);
        CHECK_EQ(fe_rd(FE_DMA_ERR), 0);
        fe_wr(PDMA_GLO_CFG, PDMA_GLO_TX_DMA_EN | PDMA_GLO_RX_DMA_EN);
        fe_wr(PDMA_RX_MAX_CNT, sizes[i]);
        wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), 1));
        CHECK_EQ(fe_rd(FE_DMA_ERR), FE_DMA_ERR_RING_SIZE);
        CHECK_EQ(fe_rd(GMAC_MIB_RX_DROPS(1)), 1);
        env_check_guards();
    }
}

TEST(pdma_tx_buffer_outside_ram_sets_dma_err)
{
    struct flowsw_dma_desc *d;
    u64 bad[] = { 0x1000, RAM_BASE + RAM_SIZE - 32, 0xffffffffffffff00ULL };
    u32 i;

    for (i = 0; i < 3; i++) {
        env_setup();
        pdma_setup();
        d = tx_desc(0);
        d->buf_lo = (u32)bad[i];
        d->buf_hi = (u32)(bad[i] >> 32);
        d->ctrl = FIELD_PREP(DESC_CTRL_LEN, 64);
        d->info = PSE_PORT_GMAC1;
        fe_wr(PDMA_TX_CPU_IDX, 1);
        check_dma_err(FE_DMA_ERR_TX_BUF, bad[i]);
        CHECK_EQ(wire_total(), 0);
        /* completed anyway, so the driver can reclaim it */
        CHECK(d->ctrl & DESC_CTRL_DDONE);
        CHECK_EQ(fe_rd(PDMA_TX_DMA_IDX), 1);
        env_check_guards();
    }
}

TEST(pdma_tx_zero_length_sets_dma_err)
{
    struct flowsw_dma_desc *d;

    pdma_setup();
    d = tx_desc(0);
    d->buf_lo = (u32)TX_BUFS;
    d->ctrl = 0;
    d->info = PSE_PORT_GMAC1;
    fe_wr(PDMA_TX_CPU_IDX, 1);
    CHECK_EQ(fe_rd(FE_DMA_ERR), FE_DMA_ERR_TX_BUF);
    CHECK_EQ(wire_total(), 0);
}

TEST(pdma_rx_buffer_outside_ram_sets_dma_err)
{
    struct flowsw_dma_desc *d;
    u64 near_end = RAM_BASE + RAM_SIZE - 100;
    u8 a[200];

    pdma_setup();
    d = (struct flowsw_dma_desc *)gpa(RX_RING);
    d->buf_lo = (u32)near_end;
    d->buf_hi = (u32)(near_end >> 32);
    wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), 1));
    check_dma_err(FE_DMA_ERR_RX_BUF, near_end);
    CHECK(!(d->ctrl & DESC_CTRL_DDONE));
    CHECK_EQ(fe_rd(GMAC_MIB_RX_DROPS(1)), 1);
    CHECK_EQ(fe_rd(PDMA_RX_DMA_IDX), 0);
}

TEST(pdma_rx_buffer_too_small_sets_dma_err)
{
    struct flowsw_dma_desc *d;
    u8 a[200];

    pdma_setup();
    d = (struct flowsw_dma_desc *)gpa(RX_RING);
    d->ctrl = FIELD_PREP(DESC_CTRL_LEN, 100);
    memset(gpa(RX_BUFS + 100), 0x5c, 200);
    wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), 1));
    CHECK_EQ(fe_rd(FE_DMA_ERR), FE_DMA_ERR_RX_BUF);
    CHECK_EQ(*gpa(RX_BUFS + 100), 0x5c);    /* nothing written past it */
    CHECK_EQ(fe_rd(GMAC_MIB_RX_DROPS(1)), 1);
}

TEST(pdma_rx_ring_outside_ram_sets_dma_err)
{
    u8 a[64];

    pdma_setup();
    fe_wr(PDMA_RX_BASE_LO, 0x2000);
    wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), 1));
    check_dma_err(FE_DMA_ERR_RX_RING, 0x2000);
    CHECK_EQ(fe_rd(GMAC_MIB_RX_DROPS(1)), 1);
}

TEST(dma_err_latches_first_until_ack)
{
    u8 a[64];

    pdma_setup();
    fe_wr(PDMA_RX_BASE_LO, 0x2000);
    wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), 1));
    fe_wr(PDMA_TX_BASE_LO, 0x3000);
    fe_wr(PDMA_TX_CPU_IDX, 1);
    check_dma_err(FE_DMA_ERR_RX_RING, 0x2000);
    fe_wr(FE_INT_STATUS, FE_INT_DMA_ERR);
    CHECK_EQ(fe_rd(FE_DMA_ERR), 0);
    CHECK(!(fe_rd(FE_INT_STATUS) & FE_INT_DMA_ERR));
}

TEST(pdma_rst_idx_rewinds_rings)
{
    u8 a[64];

    pdma_setup();
    pdma_send(PSE_PORT_GMAC1, a, test_frame(a, sizeof(a), 1));
    wire_rx(FSW_WIRE_WAN, a, sizeof(a));
    CHECK_EQ(fe_rd(PDMA_TX_DMA_IDX), 1);
    CHECK_EQ(fe_rd(PDMA_RX_DMA_IDX), 1);
    fe_wr(PDMA_RST_IDX, PDMA_RST_DTX_IDX | PDMA_RST_DRX_IDX);
    CHECK_EQ(fe_rd(PDMA_TX_DMA_IDX), 0);
    CHECK_EQ(fe_rd(PDMA_TX_CPU_IDX), 0);
    CHECK_EQ(fe_rd(PDMA_RX_DMA_IDX), 0);
    CHECK_EQ(fe_rd(PDMA_RST_IDX), 0);
}

TEST(gmac_max_len_drops_long_frames)
{
    u8 *a = malloc(2000);

    CHECK(a);
    pdma_setup();
    CHECK_EQ(fe_rd(GMAC_MAX_LEN(1)), GMAC_MAX_LEN_DEFAULT);
    CHECK(!wire_rx(FSW_WIRE_WAN, a, test_frame(a, 1537, 1)));
    CHECK_EQ(fe_rd(GMAC_MIB_RX_DROPS(1)), 1);
    CHECK(wire_rx(FSW_WIRE_WAN, a, test_frame(a, 1536, 1)));
    fe_wr(GMAC_MAX_LEN(1), 2000);
    CHECK(wire_rx(FSW_WIRE_WAN, a, test_frame(a, 1537, 1)));
    CHECK_EQ(rx_drain(), 2);
    free(a);
}

TEST(fe_ids_and_timestamp)
{
    CHECK_EQ(fe_rd(FE_ID), FE_ID_VALUE);
    CHECK_EQ(sw_rd(SW_ID), SW_ID_VALUE);
    fsw_core_tick(&E->core);
    fsw_core_tick(&E->core);
    CHECK_EQ(fe_rd(FE_FOE_TS), 2);
}

TEST(fe_glo_reset_restores_defaults)
{
    u8 a[64];

    pdma_setup();
    ppe_setup(5);
    sw_setup();
    fe_wr(FE_INT_ENABLE, FE_INT_RX_DONE);
    fe_wr(GDM_FWD_CFG(1), PSE_PORT_CPU);
    wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), 1));
    CHECK(E->irq[FSW_IRQ_FE]);
    fe_wr(FE_GLO_CFG, FE_GLO_CFG_RESET);
    CHECK_EQ(fe_rd(FE_GLO_CFG), 0);
    CHECK(!E->irq[FSW_IRQ_FE]);
    CHECK_EQ(fe_rd(FE_INT_STATUS), 0);
    CHECK_EQ(fe_rd(PDMA_GLO_CFG), 0);
    CHECK_EQ(fe_rd(PDMA_RX_DMA_IDX), 0);
    CHECK_EQ(fe_rd(PPE_GLO_CFG), 0);
    CHECK_EQ(fe_rd(PPE_TB_BASE_LO), 0);
    CHECK_EQ(fe_rd(GMAC_MIB_RX_PKTS(1)), 0);
    CHECK_EQ(fe_rd(GMAC_MAX_LEN(1)), GMAC_MAX_LEN_DEFAULT);
    CHECK(fe_rd(GMAC_STATUS(1)) & GMAC_STATUS_LINK);  /* carrier survives */
    /* the switch is another block: its driver's setup stays */
    CHECK(sw_rd(SW_PCR(0)) & SW_PCR_ENABLE);
}

/* The device's own reset takes the switch and the timestamp too. */
TEST(device_reset_resets_the_switch_too)
{
    sw_setup();
    fsw_core_tick(&E->core);
    fsw_core_reset(&E->core);
    CHECK_EQ(sw_rd(SW_PCR(0)), 0);
    CHECK_EQ(sw_rd(SW_AGE_CFG), SW_AGE_DEFAULT);
    CHECK_EQ(fe_rd(FE_FOE_TS), 0);
}

/*
 * A PDMA error stops the PDMA until the frame engine is reset: frames
 * from the wires are dropped meanwhile, none reaches the RX ring.  An
 * injected error (the device's x-dma-error) acts as a real one.
 */
TEST(pdma_error_stops_the_pdma_until_reset)
{
    u8 a[64];

    pdma_setup();
    fe_wr(GDM_FWD_CFG(1), PSE_PORT_CPU);
    fsw_core_inject_dma_error(&E->core, FE_DMA_ERR_TX_BUF);
    check_dma_err(FE_DMA_ERR_TX_BUF, 0);
    CHECK_EQ(fe_rd(PDMA_GLO_CFG), 0);
    wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), 1));
    CHECK_EQ(fe_rd(GMAC_MIB_RX_DROPS(1)), 1);
    CHECK_EQ(rx_drain(), 0);

    fe_wr(FE_GLO_CFG, FE_GLO_CFG_RESET);
    CHECK_EQ(fe_rd(FE_DMA_ERR), 0);
    pdma_setup();
    fe_wr(GDM_FWD_CFG(1), PSE_PORT_CPU);
    wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), 1));
    CHECK_EQ(rx_drain(), 1);

    /* the PPE's table errors lose only that access */
    fsw_core_inject_dma_error(&E->core, FE_DMA_ERR_FOE_TABLE);
    CHECK_EQ(fe_rd(PDMA_GLO_CFG), PDMA_GLO_TX_DMA_EN | PDMA_GLO_RX_DMA_EN);
    env_check_guards();
}

TEST(irq_line_follows_status_and_enable)
{
    u8 a[64];

    pdma_setup();
    wire_rx(FSW_WIRE_WAN, a, test_frame(a, sizeof(a), 1));
    CHECK(fe_rd(FE_INT_STATUS) & FE_INT_RX_DONE);
    CHECK(!E->irq[FSW_IRQ_FE]);
    fe_wr(FE_INT_ENABLE, FE_INT_RX_DONE);
    CHECK(E->irq[FSW_IRQ_FE]);
    fe_wr(FE_INT_ENABLE, 0);
    CHECK(!E->irq[FSW_IRQ_FE]);
    fe_wr(FE_INT_ENABLE, FE_INT_RX_DONE);
    fe_wr(FE_INT_STATUS, FE_INT_RX_DONE);
    CHECK(!E->irq[FSW_IRQ_FE]);
}
