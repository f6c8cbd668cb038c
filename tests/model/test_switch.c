// SPDX-License-Identifier: GPL-2.0-or-later
/* Switch: learning, flooding, VLANs, special tag, STP, FDB, link */
#include <string.h>
#include "env.h"
#include "flowsw_int.h"

static struct rx_frame rxf;

static u32 eth(u8 *buf, const u8 *da, const u8 *sa, u8 fill)
{
    memcpy(buf, da, 6);
    memcpy(buf + 6, sa, 6);
    put_be16(buf + 12, 0x88b5);
    memset(buf + 14, fill, 50);
    return 64;
}

/* Frame with an 802.1Q tag */
static u32 eth_tagged(u8 *buf, const u8 *da, const u8 *sa, u16 tci, u8 fill)
{
    memcpy(buf, da, 6);
    memcpy(buf + 6, sa, 6);
    put_be16(buf + 12, ETH_P_8021Q);
    put_be16(buf + 14, tci);
    put_be16(buf + 16, 0x88b5);
    memset(buf + 18, fill, 50);
    return 68;
}

static const u8 BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static void setup(void)
{
    pdma_setup();
    sw_setup();
}

TEST(sw_learning_then_unicast_skips_cpu)
{
    u8 f[128];
    u32 data;

    setup();
    CHECK(wire_rx(FSW_WIRE_LAN1, f, eth(f, BCAST, MAC_HOST1, 1)));
    CHECK_EQ(E->ntx[FSW_WIRE_LAN1], 0);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN2], 1);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN3], 1);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN4], 1);
    CHECK_EQ(rx_drain(), 1);
    CHECK(fdb_read(MAC_HOST1, 0, &data));
    CHECK_EQ(FIELD_GET(SW_FDB_DATA_PORTS, data), BIT(0));
    CHECK(!(data & SW_FDB_DATA_STATIC));
    CHECK(E->nevents[FSW_EV_FDB_LEARN] >= 1);

    wire_clear();
    wire_rx(FSW_WIRE_LAN2, f, eth(f, MAC_HOST1, MAC_HOST2, 2));
    wire_rx(FSW_WIRE_LAN1, f, eth(f, MAC_HOST2, MAC_HOST1, 3));
    wire_rx(FSW_WIRE_LAN1, f, eth(f, MAC_HOST2, MAC_HOST1, 4));
    CHECK_EQ(E->ntx[FSW_WIRE_LAN1], 1);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN2], 2);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN3], 0);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN4], 0);
    CHECK_EQ(rx_drain(), 0);
    CHECK_EQ(sw_rd(SW_PMIB_RX_PKTS(0)), 3);
    CHECK_EQ(sw_rd(SW_PMIB_TX_PKTS(1)), 3);
    CHECK_EQ(sw_rd(SW_PMIB_TX_BYTES(1)), 3 * 64);
}

TEST(sw_unknown_unicast_floods_port_matrix_only)
{
    u8 f[128];

    setup();
    sw_wr(SW_PMATRIX(0), BIT(1) | BIT(2));
    wire_rx(FSW_WIRE_LAN1, f, eth(f, MAC_HOST2, MAC_HOST1, 1));
    CHECK_EQ(E->ntx[FSW_WIRE_LAN2], 1);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN3], 1);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN4], 0);
    CHECK_EQ(rx_drain(), 0);
}

/*
 * A known destination outside the matrix is not reached either: to this
 * port it is unknown, so the frame floods within the matrix.
 */
TEST(sw_known_unicast_respects_port_matrix)
{
    u8 f[128];

    setup();
    wire_rx(FSW_WIRE_LAN4, f, eth(f, BCAST, MAC_HOST2, 1));
    wire_clear();
    sw_wr(SW_PMATRIX(0), BIT(1));
    wire_rx(FSW_WIRE_LAN1, f, eth(f, MAC_HOST2, MAC_HOST1, 1));
    CHECK_EQ(E->ntx[FSW_WIRE_LAN4], 0);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN2], 1);
}

/* Learning and a station move each queue an event for the CPU */
TEST(sw_learn_and_move_queue_events)
{
    u8 f[128];

    setup();
    sw_wr(SW_INT_ENABLE, SW_INT_FDB_LEARN);
    wire_rx(FSW_WIRE_LAN1, f, eth(f, BCAST, MAC_HOST1, 1));
    CHECK(sw_rd(SW_INT_STATUS) & SW_INT_FDB_LEARN);
    CHECK_EQ(sw_rd(SW_FDB_EVT), SW_FDB_EVT_VALID | 0);
    CHECK_EQ(sw_rd(SW_FDB_EVT_HI), (u32)MAC_HOST1[0] << 24 |
             MAC_HOST1[1] << 16 | MAC_HOST1[2] << 8 | MAC_HOST1[3]);
    sw_wr(SW_FDB_EVT, SW_FDB_EVT_POP);
    CHECK_EQ(sw_rd(SW_FDB_EVT), 0);
    /* seen again on the same port: nothing new */
    wire_rx(FSW_WIRE_LAN1, f, eth(f, BCAST, MAC_HOST1, 1));
    CHECK_EQ(sw_rd(SW_FDB_EVT), 0);
    /* the station moves to lan2 */
    wire_rx(FSW_WIRE_LAN2, f, eth(f, BCAST, MAC_HOST1, 1));
    CHECK_EQ(sw_rd(SW_FDB_EVT), SW_FDB_EVT_VALID | 1);
}

/* BPDUs reach the CPU from a blocking port, which learns nothing */
TEST(sw_link_local_trapped_in_blocking_state)
{
    static const u8 stp_da[6] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x00 };
    u32 data;
    u8 f[128];

    setup();
    sw_wr(SW_PCR(0), SW_PCR_ENABLE | SW_PCR_LEARN |
          FIELD_PREP(SW_PCR_STP, SW_STP_BLOCKING));
    wire_rx(FSW_WIRE_LAN1, f, eth(f, stp_da, MAC_HOST1, 1));
    CHECK_EQ(rx_drain(), 1);
    CHECK_EQ(wire_total(), 0);
    CHECK(!fdb_read(MAC_HOST1, 0, &data));
}

TEST(sw_vlan_filter_tagged_untagged_egress)
{
    u8 f[128];
    const u8 *o;
    u32 len;

    setup();
    rx_drain();
    sw_vlan_write(10, BIT(0) | BIT(1) | BIT(SW_CPU_PORT), BIT(0));
    sw_wr(SW_PVID(0), 10);
    sw_wr(SW_PCR(0), sw_rd(SW_PCR(0)) | SW_PCR_VLAN_FILTER);
    sw_wr(SW_PCR(1), sw_rd(SW_PCR(1)) | SW_PCR_VLAN_FILTER);

    /* untagged on the access port: tagged out of the trunk and to the CPU */
    wire_rx(FSW_WIRE_LAN1, f, eth(f, BCAST, MAC_HOST1, 7));
    o = wire_last(FSW_WIRE_LAN2, &len);
    CHECK_EQ(len, 68);
    CHECK_EQ(get_be16(o + 12), ETH_P_8021Q);
    CHECK_EQ(get_be16(o + 14) & VLAN_VID_MASK, 10);
    CHECK_EQ(get_be16(o + 16), 0x88b5);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN3], 0);    /* not a member */
    CHECK(rx_pop(&rxf));
    CHECK_EQ(rxf.len, 72);
    CHECK_EQ(rxf.buf[13], 0);              /* source port lan1 */
    CHECK_EQ(get_be16(rxf.buf + 16), ETH_P_8021Q);
    CHECK_EQ(get_be16(rxf.buf + 18), 10);

    /* tagged on the trunk: untagged out of the access port */
    wire_rx(FSW_WIRE_LAN2, f, eth_tagged(f, MAC_HOST1, MAC_HOST2, 10, 8));
    o = wire_last(FSW_WIRE_LAN1, &len);
    CHECK_EQ(len, 64);
    CHECK_EQ(get_be16(o + 12), 0x88b5);
    CHECK_EQ(o[20], 8);
}

TEST(sw_vlan_filter_drops_non_members)
{
    u8 f[128];

    setup();
    sw_vlan_write(10, BIT(0) | BIT(1), 0);
    sw_wr(SW_PCR(0), sw_rd(SW_PCR(0)) | SW_PCR_VLAN_FILTER);
    sw_wr(SW_PCR(2), sw_rd(SW_PCR(2)) | SW_PCR_VLAN_FILTER);
    /* VID 20 does not exist */
    CHECK(!wire_rx(FSW_WIRE_LAN1, f, eth_tagged(f, BCAST, MAC_HOST1, 20, 1)));
    /* lan3 is not in VLAN 10 */
    CHECK(!wire_rx(FSW_WIRE_LAN3, f, eth_tagged(f, BCAST, MAC_HOST2, 10, 1)));
    /* untagged on lan1 gets PVID 1, which does not exist */
    CHECK(!wire_rx(FSW_WIRE_LAN1, f, eth(f, BCAST, MAC_HOST1, 1)));
    CHECK_EQ(sw_rd(SW_PMIB_RX_DROPS(0)), 2);
    CHECK_EQ(sw_rd(SW_PMIB_RX_DROPS(2)), 1);
    CHECK_EQ(wire_total(), 0);
    CHECK_EQ(rx_drain(), 0);
    /* the member is forwarded, only to members */
    CHECK(wire_rx(FSW_WIRE_LAN1, f, eth_tagged(f, BCAST, MAC_HOST1, 10, 1)));
    CHECK_EQ(E->ntx[FSW_WIRE_LAN2], 1);
    CHECK_EQ(wire_total(), 1);
    CHECK_EQ(rx_drain(), 0);
}

TEST(sw_cpu_port_special_tag_carries_source_port)
{
    u8 f[128];
    int w;

    setup();
    for (w = FSW_WIRE_LAN1; w <= FSW_WIRE_LAN4; w++) {
        eth(f, BCAST, MAC_HOST1, 0x40 + w);
        f[11] = w;      /* a different host per port */
        wire_rx(w, f, 64);
        CHECK(rx_pop(&rxf));
        CHECK_EQ(rxf.len, 68);
        CHECK_EQ(rxf.sport, PSE_PORT_GMAC0);
        CHECK_EQ(rxf.reason, CPU_REASON_NONE);
        CHECK(!memcmp(rxf.buf, f, 12));
        CHECK_EQ(rxf.buf[12], 0);
        CHECK_EQ(rxf.buf[13] & STAG_RX_SPORT, w - FSW_WIRE_LAN1);
        CHECK_EQ(get_be16(rxf.buf + 14), 0);
        CHECK(!memcmp(rxf.buf + 16, f + 12, 52));
    }
    CHECK_EQ(fe_rd(GMAC_MIB_RX_PKTS(0)), 4);
}

/* tag_mtk xmit: untagged, 4 bytes inserted */
TEST(sw_cpu_xmit_untagged_reaches_tagged_port)
{
    u8 f[128], t[128];
    const u8 *o;
    u32 len;

    setup();
    eth(f, MAC_HOST2, MAC_ROUTER, 5);
    memcpy(t, f, 12);
    t[12] = STAG_TX_UNTAGGED;
    t[13] = BIT(2);
    t[14] = t[15] = 0;
    memcpy(t + 16, f + 12, 52);
    pdma_send(PSE_PORT_GMAC0, t, 68);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN3], 1);
    CHECK_EQ(wire_total(), 1);
    o = wire_last(FSW_WIRE_LAN3, &len);
    CHECK(len == 64 && !memcmp(o, f, 64));
    CHECK_EQ(fe_rd(GMAC_MIB_TX_PKTS(0)), 1);
}

/* tag_mtk xmit: the tag replaces the TPID of an 802.1Q / 802.1ad header */
TEST(sw_cpu_xmit_tagged_restores_tpid)
{
    u8 f[128];
    const u8 *o;
    u32 len;

    setup();
    eth_tagged(f, MAC_HOST2, MAC_ROUTER, 0x2064, 5);
    f[12] = STAG_TX_TPID_8100;
    f[13] = BIT(1);
    pdma_send(PSE_PORT_GMAC0, f, 68);
    o = wire_last(FSW_WIRE_LAN2, &len);
    CHECK_EQ(len, 68);
    CHECK_EQ(get_be16(o + 12), ETH_P_8021Q);
    CHECK_EQ(get_be16(o + 14), 0x2064);
    CHECK_EQ(get_be16(o + 16), 0x88b5);

    f[12] = STAG_TX_TPID_88A8;
    f[13] = BIT(3) | BIT(0);
    pdma_send(PSE_PORT_GMAC0, f, 68);
    o = wire_last(FSW_WIRE_LAN4, &len);
    CHECK_EQ(get_be16(o + 12), ETH_P_8021AD);
    CHECK_EQ(get_be16(o + 14), 0x2064);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN1], 1);
    CHECK_EQ(wire_total(), 3);

    /* a filtering port with the VLAN untagged strips the tag */
    sw_vlan_write(0x64, BIT(1) | BIT(SW_CPU_PORT), BIT(1));
    sw_wr(SW_PCR(1), sw_rd(SW_PCR(1)) | SW_PCR_VLAN_FILTER);
    f[12] = STAG_TX_TPID_8100;
    f[13] = BIT(1);
    pdma_send(PSE_PORT_GMAC0, f, 68);
    o = wire_last(FSW_WIRE_LAN2, &len);
    CHECK_EQ(len, 64);
    CHECK_EQ(get_be16(o + 12), 0x88b5);
}

TEST(sw_cpu_xmit_reaches_blocking_port)
{
    u8 t[128];

    setup();
    sw_wr(SW_PCR(0), SW_PCR_ENABLE | FIELD_PREP(SW_PCR_STP, SW_STP_BLOCKING));
    eth(t, BCAST, MAC_ROUTER, 1);
    memmove(t + 16, t + 12, 52);
    t[12] = 0;
    t[13] = BIT(0);
    t[14] = t[15] = 0;
    pdma_send(PSE_PORT_GMAC0, t, 68);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN1], 1);     /* BPDUs must get out */
}

TEST(sw_stp_blocking_drops_learning_only_learns)
{
    u8 f[128];
    u32 data;

    setup();
    sw_wr(SW_PCR(0), SW_PCR_ENABLE | SW_PCR_LEARN |
          FIELD_PREP(SW_PCR_STP, SW_STP_BLOCKING));
    CHECK(!wire_rx(FSW_WIRE_LAN1, f, eth(f, BCAST, MAC_HOST1, 1)));
    CHECK(!fdb_read(MAC_HOST1, 0, &data));
    CHECK_EQ(wire_total(), 0);
    CHECK_EQ(sw_rd(SW_PMIB_RX_DROPS(0)), 1);

    sw_wr(SW_PCR(0), SW_PCR_ENABLE | SW_PCR_LEARN |
          FIELD_PREP(SW_PCR_STP, SW_STP_LEARNING));
    CHECK(!wire_rx(FSW_WIRE_LAN1, f, eth(f, BCAST, MAC_HOST1, 1)));
    CHECK(fdb_read(MAC_HOST1, 0, &data));
    CHECK_EQ(wire_total(), 0);
    CHECK_EQ(rx_drain(), 0);

    /* nothing goes out of a port that is not forwarding */
    wire_rx(FSW_WIRE_LAN2, f, eth(f, BCAST, MAC_HOST2, 1));
    CHECK_EQ(E->ntx[FSW_WIRE_LAN1], 0);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN3], 1);

    sw_wr(SW_PCR(2), 0);                    /* disabled port */
    CHECK(!wire_rx(FSW_WIRE_LAN3, f, eth(f, BCAST, MAC_HOST2, 1)));
}

static u32 fdb_dump_count(u32 *statics)
{
    u32 i, n = 0;

    *statics = 0;
    for (i = 0; i < SW_FDB_SIZE; i++) {
        sw_wr(SW_FDB_INDEX, i);
        sw_wr(SW_FDB_CMD, SW_FDB_OP_DUMP | SW_FDB_CMD_BUSY);
        CHECK(!(sw_rd(SW_FDB_CMD) & SW_FDB_CMD_BUSY));
        if (sw_rd(SW_FDB_CMD) & SW_FDB_CMD_FOUND) {
            n++;
            *statics += !!(sw_rd(SW_FDB_DATA) & SW_FDB_DATA_STATIC);
        }
    }
    return n;
}

TEST(sw_fdb_dump_flush_delete_static)
{
    const u8 mac_s[6] = { 0x02, 0xaa, 0, 0, 0, 0x33 };
    u8 f[128];
    u32 data, statics;

    setup();
    fdb_write(mac_s, 0, BIT(2), true);
    wire_rx(FSW_WIRE_LAN1, f, eth(f, BCAST, MAC_HOST1, 1));
    wire_rx(FSW_WIRE_LAN2, f, eth(f, BCAST, MAC_HOST2, 1));
    CHECK_EQ(fdb_dump_count(&statics), 3);
    CHECK_EQ(statics, 1);

    /* a static entry wins over learning */
    wire_clear();
    wire_rx(FSW_WIRE_LAN4, f, eth(f, BCAST, mac_s, 1));
    CHECK(fdb_read(mac_s, 0, &data));
    CHECK_EQ(FIELD_GET(SW_FDB_DATA_PORTS, data), BIT(2));
    wire_rx(FSW_WIRE_LAN1, f, eth(f, mac_s, MAC_HOST1, 1));
    CHECK_EQ(E->ntx[FSW_WIRE_LAN3], 2);

    sw_wr(SW_FDB_CMD, SW_FDB_OP_FLUSH | FIELD_PREP(SW_FDB_CMD_PORTS, BIT(0)) |
          SW_FDB_CMD_BUSY);
    CHECK(!fdb_read(MAC_HOST1, 0, &data));
    CHECK(fdb_read(MAC_HOST2, 0, &data));
    CHECK(fdb_read(mac_s, 0, &data));
    sw_wr(SW_FDB_CMD, SW_FDB_OP_FLUSH | SW_FDB_CMD_BUSY);   /* all ports */
    CHECK(!fdb_read(MAC_HOST2, 0, &data));
    CHECK(fdb_read(mac_s, 0, &data));

    sw_wr(SW_FDB_CMD, SW_FDB_OP_DELETE | SW_FDB_CMD_BUSY);  /* MAC regs: mac_s */
    CHECK(sw_rd(SW_FDB_CMD) & SW_FDB_CMD_FOUND);
    CHECK(!fdb_read(mac_s, 0, &data));
    CHECK_EQ(fdb_dump_count(&statics), 0);
}

TEST(sw_fdb_keyed_by_vid_when_filtering)
{
    u8 f[128];
    u32 data;

    setup();
    sw_vlan_write(10, 0xf | BIT(SW_CPU_PORT), 0);
    sw_wr(SW_PCR(0), sw_rd(SW_PCR(0)) | SW_PCR_VLAN_FILTER);
    wire_rx(FSW_WIRE_LAN1, f, eth_tagged(f, BCAST, MAC_HOST1, 10, 1));
    CHECK(fdb_read(MAC_HOST1, 10, &data));
    CHECK(!fdb_read(MAC_HOST1, 0, &data));
}

TEST(sw_fdb_ageing_spares_static)
{
    const u8 mac_s[6] = { 0x02, 0xaa, 0, 0, 0, 0x33 };
    u8 f[128];
    u32 data, i;

    setup();
    sw_wr(SW_AGE_CFG, 3);
    fdb_write(mac_s, 0, BIT(2), true);
    wire_rx(FSW_WIRE_LAN1, f, eth(f, BCAST, MAC_HOST1, 1));
    for (i = 0; i < 3; i++) {
        fsw_core_tick(&E->core);
    }
    CHECK(fdb_read(MAC_HOST1, 0, &data));
    CHECK_EQ(FIELD_GET(SW_FDB_DATA_AGE, data), 3);
    fsw_core_tick(&E->core);
    CHECK(!fdb_read(MAC_HOST1, 0, &data));
    CHECK(fdb_read(mac_s, 0, &data));
}

TEST(sw_link_down_counts_tx_drops_and_interrupts)
{
    u8 f[128];

    setup();
    sw_wr(SW_INT_ENABLE, SW_INT_LINK);
    CHECK(sw_rd(SW_PSTATUS(1)) & SW_PSTATUS_LINK);
    fsw_wire_set_link(&E->core, FSW_WIRE_LAN2, false);
    CHECK(!(sw_rd(SW_PSTATUS(1)) & SW_PSTATUS_LINK));
    CHECK(sw_rd(SW_INT_STATUS) & SW_INT_LINK);
    CHECK(E->irq[FSW_IRQ_SW]);
    CHECK_EQ(E->ev_a[FSW_EV_LINK], FSW_WIRE_LAN2);
    CHECK_EQ(E->ev_b[FSW_EV_LINK], 0);
    sw_wr(SW_INT_STATUS, SW_INT_LINK);
    CHECK(!E->irq[FSW_IRQ_SW]);

    wire_rx(FSW_WIRE_LAN1, f, eth(f, BCAST, MAC_HOST1, 1));
    CHECK_EQ(E->ntx[FSW_WIRE_LAN2], 0);
    CHECK_EQ(E->ntx[FSW_WIRE_LAN3], 1);
    CHECK_EQ(sw_rd(SW_PMIB_TX_DROPS(1)), 1);
    CHECK(!wire_rx(FSW_WIRE_LAN2, f, eth(f, BCAST, MAC_HOST2, 1)));

    fsw_wire_set_link(&E->core, FSW_WIRE_LAN2, true);
    CHECK(E->irq[FSW_IRQ_SW]);
    CHECK(sw_rd(SW_PSTATUS(1)) & SW_PSTATUS_LINK);
}

TEST(sw_vlan_table_read_back)
{
    setup();
    sw_vlan_write(100, BIT(0) | BIT(6), BIT(0));
    sw_wr(SW_VLAN_DATA0, 0);
    sw_wr(SW_VLAN_DATA1, 0);
    sw_wr(SW_VLAN_CMD, 100 | FIELD_PREP(SW_VLAN_CMD_OP, SW_VLAN_OP_READ) |
          SW_VLAN_CMD_BUSY);
    CHECK_EQ(sw_rd(SW_VLAN_DATA0), BIT(0) | BIT(6) | SW_VLAN_DATA0_VALID);
    CHECK_EQ(sw_rd(SW_VLAN_DATA1), BIT(0));
    sw_wr(SW_VLAN_CMD, 100 | FIELD_PREP(SW_VLAN_CMD_OP,
                                        SW_VLAN_OP_INVALIDATE));
    sw_wr(SW_VLAN_CMD, 100 | FIELD_PREP(SW_VLAN_CMD_OP, SW_VLAN_OP_READ));
    CHECK_EQ(sw_rd(SW_VLAN_DATA0), 0);
}

static u16 mdio_read(u32 addr, u32 reg)
{
    sw_wr(SW_PHY_IAC, SW_PHY_IAC_START | FIELD_PREP(SW_PHY_IAC_ADDR, addr) |
          FIELD_PREP(SW_PHY_IAC_REG, reg));
    CHECK(!(sw_rd(SW_PHY_IAC) & SW_PHY_IAC_START));
    return FIELD_GET(SW_PHY_IAC_DATA, sw_rd(SW_PHY_IAC));
}

TEST(sw_phy_mdio_reports_wire_link)
{
    CHECK_EQ(mdio_read(1, 2), 0x03a2);
    CHECK_EQ(mdio_read(1, 3), 0x9412);
    CHECK(mdio_read(1, 1) & 0x0004);            /* BMSR link */
    fsw_wire_set_link(&E->core, FSW_WIRE_LAN2, false);
    CHECK(!(mdio_read(1, 1) & 0x0004));
    CHECK(mdio_read(0, 1) & 0x0004);
    CHECK_EQ(mdio_read(6, 2), 0xffff);          /* no PHY there */
    sw_wr(SW_PHY_IAC, SW_PHY_IAC_START | SW_PHY_IAC_WRITE | 0x8000);
    CHECK(!(sw_rd(SW_PHY_IAC) & SW_PHY_IAC_START));
    CHECK_EQ(mdio_read(0, 0) & 0x8000, 0);      /* reset self-clears */
}
