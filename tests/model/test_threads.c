// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The core under several threads at once, as the QEMU device runs it: two
 * wires delivering frames from their own threads, a CPU that feeds and
 * empties the rings and rewrites the table through the registers, and a
 * timer thread that ticks and dumps.  Built with ThreadSanitizer too
 * (make tsan), where any data race in the core's locking is a report.
 */
#include <pthread.h>
#include <string.h>
#include "ppe_util.h"
#include "flowsw_dump.h"
#include "flowsw_int.h"

#define WIRE_FRAMES     20000   /* per wire thread */
#define CPU_FRAMES      2000    /* sent by the CPU through PDMA */


struct wire_job {
    int wire;
    u8 frame[FRAME_BUF];
    u32 len, sent;
};

static struct wire_job lan_job, wan_job;
static struct foe_entry bound;
static u32 bound_idx, cpu_popped;
static int wires_done;

static void *wire_thread(void *arg)
{
    struct wire_job *j = arg;
    u32 i;

    for (i = 0; i < WIRE_FRAMES; i++) {
        j->sent += fsw_wire_receive(&E->core, j->wire, j->frame, j->len);
    }
    __atomic_add_fetch(&wires_done, 1, __ATOMIC_RELEASE);
    return NULL;
}

/* The driver's side: empty the RX ring, send, and rewrite the bound entry */
static void *cpu_thread(void *arg)
{
    static struct rx_frame r;
    static u8 out[128];
    u32 sent = 0, len;
    struct pkt p;

    (void)arg;
    pkt_v4(&p, IPPROTO_UDP_);
    memcpy(p.dmac, MAC_WANGW, 6);
    memcpy(p.smac, MAC_WAN_OUT, 6);
    len = pkt_build(out, &p);
    while (__atomic_load_n(&wires_done, __ATOMIC_ACQUIRE) < 2 ||
           sent < CPU_FRAMES) {
        while (rx_pop(&r)) {
            cpu_popped++;
        }
        if (sent < CPU_FRAMES) {
            pdma_send(PSE_PORT_GMAC1, out, len);
            sent++;
        }
        if (sent % 64 == 0) {
            foe_commit(bound_idx, &bound);   /* the same entry again */
            (void)fe_rd(PPE_MIB_SER_R0);
        }
    }
    while (rx_pop(&r)) {
        cpu_popped++;
    }
    return NULL;
}

static void print_nothing(void *ctx, const char *line)
{
    (void)ctx;
    (void)line;
}

static void *timer_thread(void *arg)
{
    (void)arg;
    while (__atomic_load_n(&wires_done, __ATOMIC_ACQUIRE) < 2) {
        fsw_core_tick(&E->core);
        fsw_dump(&E->core, false, print_nothing, NULL);
    }
    return NULL;
}

TEST(threads_wires_cpu_and_timer_at_once)
{
    pthread_t t[4];
    struct pkt p;
    u32 i;

    /* a lan1 flow bound to the wan, as in the PPE tests */
    ppe_env(1);
    lan_job.wire = FSW_WIRE_LAN1;
    pkt_v4(&p, IPPROTO_TCP_);
    lan_job.len = pkt_build(lan_job.frame, &p);
    bound_idx = learn_flow(FSW_WIRE_LAN1, lan_job.frame, lan_job.len);
    bind_entry(bound_idx, &snat_to_wan);
    bound = *foe_at(bound_idx);
    /* the wan side: a flow the PPE only learns, so every frame goes up */
    wan_job.wire = FSW_WIRE_WAN;
    pkt_v4_from_wan(&p, IPPROTO_UDP_);
    wan_job.len = pkt_build(wan_job.frame, &p);
    fe_wr(GMAC_MAC_HI(1), get_be16(MAC_WAN_OUT));
    fe_wr(GMAC_MAC_LO(1), get_be32(MAC_WAN_OUT + 2));
    wire_clear();
    cpu_popped = 0;
    E->core.pdma_rx_pkts = 0;
    wires_done = 0;

    pthread_create(&t[0], NULL, wire_thread, &lan_job);
    pthread_create(&t[1], NULL, wire_thread, &wan_job);
    pthread_create(&t[2], NULL, cpu_thread, NULL);
    pthread_create(&t[3], NULL, timer_thread, NULL);
    for (i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
    }

    CHECK_EQ(lan_job.sent, WIRE_FRAMES);
    CHECK_EQ(wan_job.sent, WIRE_FRAMES);
    /* every lan frame forwarded by the PPE, every CPU frame sent */
    CHECK_EQ(E->core.ppe.fwd[bound_idx].pkts, WIRE_FRAMES);
    CHECK_EQ(E->ntx[FSW_WIRE_WAN], WIRE_FRAMES + CPU_FRAMES);
    /* the RX ring lost or doubled nothing: what the core wrote, the CPU
     * read; the rest was dropped at a full ring and counted */
    CHECK_EQ(cpu_popped, E->core.pdma_rx_pkts);
    CHECK(cpu_popped > 0);
    CHECK_EQ(cpu_popped + E->core.gmac[1].rx_drops, WIRE_FRAMES);
    env_check_guards();
}
