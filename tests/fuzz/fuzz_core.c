// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness of the model core: what a guest programs and what the
 * wires deliver, as one sequence of operations per input.
 *
 *   input := preset:u8 op*
 *   preset bit 0: start from a driver's setup (rings, bridge, PPE, MIB)
 *          bit 1: the PPE's bucket cache on
 *   op := kind:u8 ...
 *     0 FE_WR sel:u8 val:u32      frame engine register (sel: see fe_reg())
 *     1 SW_WR sel:u8 val:u32      switch register (sel: see sw_reg())
 *     2 RAM_WR off:u24 n:u8 bytes guest memory, as the driver writes it
 *     3 TX fport:u8 len:u16 bytes a frame on the TX ring
 *     4 RX wire:u8 len:u16 bytes  a frame from a wire
 *     5 RX_GSO wire:u8 size:u16 csum_start:u16 len:u16 bytes
 *     6 TICK                      one second of FOE time
 *     7 LINK wire:u8 up:u8
 *     8 RX_RECYCLE                the driver takes every received frame
 *     9 READS                     every register read, and the dump
 *    10 RESET                     FE_GLO_CFG reset
 *
 * Guest memory is 1 MiB with poisoned guard bands, so a DMA outside what
 * the core was given is an ASan report.  Beyond ASan and UBSan, each op
 * checks: the FE interrupt line follows status & enable, no GSO frame and
 * no scratch buffer is left over, and every transmitted frame and its GSO
 * description are consistent.  The ops run on a thread with a small stack,
 * so a path that needs a large one crashes here first.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sanitizer/asan_interface.h>

#include "flowsw_core.h"
#include "flowsw_dump.h"

#define RAM_BASE        0x40000000ULL
#define RAM_SIZE        (1u << 20)
#define GUARD           4096
#define TX_RING         (RAM_BASE + 0x00000)
#define RX_RING         (RAM_BASE + 0x01000)
#define RX_BUFS         (RAM_BASE + 0x10000)
#define TX_BUF          (RAM_BASE + 0x30000)
#define FOE_TB          (RAM_BASE + 0x40000)     /* 1024 entries */
#define MIB_TB          (RAM_BASE + 0x60000)
#define RING            16
#define RX_BUF_SIZE     0x2000
#define STACK_SIZE      (256 * 1024)    /* ASan's redzones need room */

static struct fsw_core core;
static u8 *mem, *ram;
static int irq_level[FSW_NUM_IRQS];
static u32 tx_idx, rx_idx;

static int in_ram(u64 addr, u32 len)
{
    return addr >= RAM_BASE && len <= RAM_SIZE &&
           addr - RAM_BASE <= RAM_SIZE - len;
}

static int fz_dma_read(void *opaque, u64 addr, void *buf, u32 len)
{
    (void)opaque;
    if (!in_ram(addr, len)) {
        return -1;
    }
    memcpy(buf, ram + (addr - RAM_BASE), len);
    return 0;
}

static int fz_dma_write(void *opaque, u64 addr, const void *buf, u32 len)
{
    (void)opaque;
    if (!in_ram(addr, len)) {
        return -1;
    }
    memcpy(ram + (addr - RAM_BASE), buf, len);
    return 0;
}

static int fz_dma_cmpxchg32(void *opaque, u64 addr, u32 old, u32 new)
{
    u32 *w;

    (void)opaque;
    if ((addr & 3) || !in_ram(addr, 4)) {
        return -1;
    }
    w = (u32 *)(ram + (addr - RAM_BASE));
    if (*w != old) {
        return 1;
    }
    *w = new;
    return 0;
}

static void fz_transmit(void *opaque, int wire, const u8 *buf, u32 len,
                        const struct fsw_gso *gso)
{
    volatile u8 sink;

    (void)opaque;
    if (wire < 0 || wire >= FSW_NUM_WIRES || len > FSW_SCRATCH_SIZE) {
        abort();
    }
    if (gso && (gso->segs < 2 || gso->l4_len >= len || gso->l3_len > len ||
                gso->l4_len > gso->l3_len || gso->size < 88)) {
        abort();
    }
    if (len) {
        sink = buf[0] ^ buf[len - 1];     /* every byte must be readable */
        (void)sink;
    }
}

static void fz_set_irq(void *opaque, int line, bool level)
{
    (void)opaque;
    irq_level[line] = level;
}

static const struct fsw_core_ops ops = {
    .dma_read = fz_dma_read,
    .dma_write = fz_dma_write,
    .dma_cmpxchg32 = fz_dma_cmpxchg32,
    .transmit = fz_transmit,
    .set_irq = fz_set_irq,
};

/* A register of each block, by a selector: 8 blocks of 32 words */
static u32 fe_reg(u8 sel)
{
    static const u32 base[8] = {
        0x0000, 0x0800, 0x0900, 0x0a00, 0x1000, 0x1100, 0x2000, 0x2040,
    };

    return base[sel >> 5] + (sel & 31) * 4;
}

static u32 sw_reg(u8 sel)
{
    static const u32 base[8] = {
        0x0000, 0x0040, 0x0100, 0x0200, 0x0300, 0x0400, 0x0700, 0x0000,
    };

    return base[sel >> 5] + (sel & 31) * 4;
}

static void put_desc(u64 ring, u32 i, u32 buf, u32 ctrl, u32 info)
{
    struct flowsw_dma_desc *d = (void *)(ram + (ring - RAM_BASE)) + i * 16;

    d->buf_lo = buf;
    d->buf_hi = 0;
    d->ctrl = ctrl;
    d->info = info;
}

/* What the flowsw driver programs at probe and when it opens its ports */
static void driver_setup(int cache)
{
    u32 i, p;

    for (i = 0; i < RING; i++) {
        put_desc(RX_RING, i, (u32)(RX_BUFS + i * RX_BUF_SIZE),
                 FIELD_PREP(DESC_CTRL_LEN, RX_BUF_SIZE), 0);
    }
    fsw_fe_write(&core, PDMA_TX_BASE_LO, (u32)TX_RING);
    fsw_fe_write(&core, PDMA_TX_MAX_CNT, RING);
    fsw_fe_write(&core, PDMA_RX_BASE_LO, (u32)RX_RING);
    fsw_fe_write(&core, PDMA_RX_MAX_CNT, RING);
    fsw_fe_write(&core, PDMA_RX_CPU_IDX, RING - 1);
    rx_idx = RING - 1;
    fsw_fe_write(&core, PDMA_GLO_CFG, PDMA_GLO_TX_DMA_EN | PDMA_GLO_RX_DMA_EN);
    fsw_fe_write(&core, FE_INT_ENABLE, ~0u);
    for (p = 0; p < SW_NUM_USER_PORTS; p++) {
        fsw_sw_write(&core, SW_PCR(p), SW_PCR_ENABLE | SW_PCR_LEARN |
                     FIELD_PREP(SW_PCR_STP, SW_STP_FORWARDING));
        fsw_sw_write(&core, SW_PMATRIX(p), (0xf & ~BIT(p)) | BIT(SW_CPU_PORT));
    }
    fsw_sw_write(&core, SW_PCR(SW_CPU_PORT), SW_PCR_ENABLE |
                 FIELD_PREP(SW_PCR_STP, SW_STP_FORWARDING));
    fsw_sw_write(&core, SW_PMATRIX(SW_CPU_PORT), 0xf);
    fsw_fe_write(&core, PPE_TB_BASE_LO, (u32)FOE_TB);
    fsw_fe_write(&core, PPE_MIB_TB_BASE_LO, (u32)MIB_TB);
    fsw_fe_write(&core, PPE_FLOW_CFG, PPE_FLOW_CFG_IP4_HNAPT |
                 PPE_FLOW_CFG_IP6_5T);
    fsw_fe_write(&core, PPE_BIND_RATE, 1);
    fsw_fe_write(&core, PPE_MIB_CFG, PPE_MIB_CFG_EN);
    fsw_fe_write(&core, PPE_CACHE_CTL, cache ? PPE_CACHE_CTL_EN : 0);
    fsw_fe_write(&core, PPE_GLO_CFG, PPE_GLO_CFG_EN);
    fsw_fe_write(&core, GDM_FWD_CFG(0), PSE_PORT_PPE);
    fsw_fe_write(&core, GDM_FWD_CFG(1), PSE_PORT_PPE);
}

struct input {
    const u8 *p;
    size_t left;
};

static int take(struct input *in, void *out, size_t n)
{
    if (in->left < n) {
        return 0;
    }
    memcpy(out, in->p, n);
    in->p += n;
    in->left -= n;
    return 1;
}

/* len:u16 then that many bytes (fewer if the input ends) */
static const u8 *take_frame(struct input *in, u32 *len, u32 max)
{
    u16 want;
    const u8 *p = in->p;

    if (!take(in, &want, 2)) {
        return NULL;
    }
    *len = want % (max + 1);
    if (*len > in->left) {
        *len = in->left;
    }
    p = in->p;
    in->p += *len;
    in->left -= *len;
    return p;
}

static void print_nothing(void *ctx, const char *line)
{
    (void)ctx;
    (void)line;
}

static void check_invariants(void)
{
    if (core.gso || core.scratch_used) {
        abort();
    }
    if (irq_level[FSW_IRQ_FE] != !!(core.int_status & core.int_enable)) {
        abort();
    }
}

static void run_op(struct input *in, u8 kind)
{
    u8 sel, b1, b2;
    u32 val, len, off;
    u16 size, csum;
    const u8 *frame;

    switch (kind % 11) {
    case 0:
        if (take(in, &sel, 1) && take(in, &val, 4)) {
            fsw_fe_write(&core, fe_reg(sel), val);
        }
        break;
    case 1:
        if (take(in, &sel, 1) && take(in, &val, 4)) {
            fsw_sw_write(&core, sw_reg(sel), val);
        }
        break;
    case 2:
        off = 0;
        if (take(in, &off, 3) && take(in, &b1, 1)) {
            len = b1 < in->left ? b1 : in->left;
            off %= RAM_SIZE - 256;
            memcpy(ram + off, in->p, len);
            in->p += len;
            in->left -= len;
        }
        break;
    case 3:
        if (take(in, &b1, 1) && (frame = take_frame(in, &len, 2048))) {
            memcpy(ram + (TX_BUF - RAM_BASE), frame, len);
            put_desc(TX_RING, tx_idx, (u32)TX_BUF,
                     FIELD_PREP(DESC_CTRL_LEN, len) | DESC_CTRL_LS,
                     FIELD_PREP(TXD_INFO_FPORT, b1));
            tx_idx = (tx_idx + 1) % RING;
            fsw_fe_write(&core, PDMA_TX_CPU_IDX, tx_idx);
        }
        break;
    case 4:
        if (take(in, &b1, 1) && (frame = take_frame(in, &len, 9300))) {
            fsw_wire_receive(&core, b1 % FSW_NUM_WIRES, frame, len);
        }
        break;
    case 5:
        if (take(in, &b1, 1) && take(in, &size, 2) && take(in, &csum, 2) &&
            (frame = take_frame(in, &len, 65535))) {
            fsw_wire_receive_gso(&core, b1 % FSW_NUM_WIRES, frame, len,
                                 size, csum);
        }
        break;
    case 6:
        fsw_core_tick(&core);
        break;
    case 7:
        if (take(in, &b1, 1) && take(in, &b2, 1)) {
            fsw_wire_set_link(&core, b1 % FSW_NUM_WIRES, b2 & 1);
        }
        break;
    case 8:
        for (;;) {
            u32 next = (rx_idx + 1) % RING;
            struct flowsw_dma_desc *d =
                (void *)(ram + (RX_RING - RAM_BASE)) + next * 16;

            if (!(d->ctrl & DESC_CTRL_DDONE)) {
                break;
            }
            d->ctrl = FIELD_PREP(DESC_CTRL_LEN, RX_BUF_SIZE);
            rx_idx = next;
            fsw_fe_write(&core, PDMA_RX_CPU_IDX, rx_idx);
        }
        break;
    case 9:
        for (val = 0; val < 256; val++) {
            (void)fsw_fe_read(&core, fe_reg(val));
            (void)fsw_sw_read(&core, sw_reg(val));
        }
        fsw_dump(&core, true, print_nothing, NULL);
        break;
    case 10:
        fsw_fe_write(&core, FE_GLO_CFG, FE_GLO_CFG_RESET);
        break;
    }
}

static void *run_input(void *arg)
{
    struct input *in = arg;
    u8 preset = 0, kind;
    int ticks = 0, whole = 0;

    take(in, &preset, 1);
    if (preset & 1) {
        driver_setup(preset & 2);
    }
    while (take(in, &kind, 1)) {
        /*
         * A tick reads the whole table, READS dumps it, RESET clears the
         * model's per-entry counts: each costs a thousand ordinary ops,
         * so a few per input, or the fuzzer spends its time there
         */
        if ((kind % 11 == 6 && ++ticks > 8) ||
            ((kind % 11 == 9 || kind % 11 == 10) && ++whole > 2)) {
            continue;
        }
        run_op(in, kind);
        check_invariants();
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
    struct input in = { data, size };
    pthread_attr_t attr;
    pthread_t t;

    if (!mem) {
        mem = malloc(RAM_SIZE + 2 * GUARD);
        ram = mem + GUARD;
        ASAN_POISON_MEMORY_REGION(mem, GUARD);
        ASAN_POISON_MEMORY_REGION(ram + RAM_SIZE, GUARD);
    }
    memset(ram, 0, RAM_SIZE);
    memset(irq_level, 0, sizeof(irq_level));
    tx_idx = rx_idx = 0;
    fsw_core_init(&core, &ops, NULL);
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, STACK_SIZE);
    if (pthread_create(&t, &attr, run_input, &in)) {
        abort();
    }
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
    fsw_core_destroy(&core);
    return 0;
}
