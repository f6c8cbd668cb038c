// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The fuzz harnesses' device and operations (see fuzz_env.h, and
 * fuzz_core.c for the input format).
 *
 * Guest memory is 1 MiB with poisoned guard bands, so a DMA outside what
 * the core was given is an ASan report.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sanitizer/asan_interface.h>

#include "flowsw_dump.h"
#include "fuzz_env.h"

#define RAM_BASE        0x40000000ULL
#define RAM_SIZE        FZ_RAM_SIZE
#define GUARD           4096
#define TX_RING         (RAM_BASE + 0x00000)
#define RX_RING         (RAM_BASE + 0x01000)
#define RX_BUFS         (RAM_BASE + 0x10000)
#define TX_BUF          (RAM_BASE + 0x30000)
#define FOE_TB          (RAM_BASE + 0x40000)     /* 1024 entries */
#define MIB_TB          (RAM_BASE + 0x60000)
#define TABLES_END      (RAM_BASE + 0x70000)
#define RING            16
#define RX_BUF_SIZE     0x2000
#define STACK_SIZE      (256 * 1024)    /* ASan's redzones need room */

static int in_ram(u64 addr, u32 len)
{
    return addr >= RAM_BASE && len <= RAM_SIZE &&
           addr - RAM_BASE <= RAM_SIZE - len;
}

static int fz_dma_read(void *opaque, u64 addr, void *buf, u32 len)
{
    struct fz_dev *d = opaque;

    if (!in_ram(addr, len)) {
        return -1;
    }
    memcpy(buf, d->ram + (addr - RAM_BASE), len);
    return 0;
}

static int fz_dma_write(void *opaque, u64 addr, const void *buf, u32 len)
{
    struct fz_dev *d = opaque;

    if (!in_ram(addr, len)) {
        return -1;
    }
    memcpy(d->ram + (addr - RAM_BASE), buf, len);
    return 0;
}

static int fz_dma_cmpxchg32(void *opaque, u64 addr, u32 old, u32 new)
{
    struct fz_dev *d = opaque;
    u32 *w;

    if ((addr & 3) || !in_ram(addr, 4)) {
        return -1;
    }
    w = (u32 *)(d->ram + (addr - RAM_BASE));
    if (*w != old) {
        return 1;
    }
    *w = new;
    return 0;
}

/* @n bytes at @p folded into @h (FNV-1a, 64 bits; start at FZ_FOLD_START) */
u64 fz_fold(u64 h, const void *p, size_t n)
{
    const u8 *b = p;

    while (n--) {
        h = (h ^ *b++) * 0x100000001b3ULL;
    }
    return h;
}

static void fz_transmit(void *opaque, int wire, const u8 *buf, u32 len,
                        const struct fsw_gso *gso)
{
    struct fz_dev *d = opaque;
    volatile u8 sink;

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
    if (d->hash_tx) {
        d->tx_hash = fz_fold(d->tx_hash, &wire, sizeof(wire));
        d->tx_hash = fz_fold(d->tx_hash, &len, sizeof(len));
        d->tx_hash = fz_fold(d->tx_hash, buf, len);
        if (gso) {
            d->tx_hash = fz_fold(d->tx_hash, &gso->size, sizeof(gso->size));
            d->tx_hash = fz_fold(d->tx_hash, &gso->segs, sizeof(gso->segs));
        }
    }
}

static void fz_set_irq(void *opaque, int line, bool level)
{
    struct fz_dev *d = opaque;

    d->irq_level[line] = level;
}

static const struct fsw_core_ops ops = {
    .dma_read = fz_dma_read,
    .dma_write = fz_dma_write,
    .dma_cmpxchg32 = fz_dma_cmpxchg32,
    .transmit = fz_transmit,
    .set_irq = fz_set_irq,
};

int fz_take(struct fz_input *in, void *out, size_t n)
{
    if (in->left < n) {
        return 0;
    }
    memcpy(out, in->p, n);
    in->p += n;
    in->left -= n;
    return 1;
}

/* A fresh core and zeroed guest memory; the memory is kept across inputs */
void fz_dev_start(struct fz_dev *d)
{
    if (!d->mem) {
        d->mem = malloc(RAM_SIZE + 2 * GUARD);
        if (!d->mem) {
            abort();
        }
        d->ram = d->mem + GUARD;
        ASAN_POISON_MEMORY_REGION(d->mem, GUARD);
        ASAN_POISON_MEMORY_REGION(d->ram + RAM_SIZE, GUARD);
    }
    memset(d->ram, 0, RAM_SIZE);
    memset(d->irq_level, 0, sizeof(d->irq_level));
    d->tx_idx = d->rx_idx = 0;
    d->tx_hash = FZ_FOLD_START;
    fsw_core_init(&d->core, &ops, d);
}

void fz_dev_stop(struct fz_dev *d)
{
    fsw_core_destroy(&d->core);
}

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

static void put_desc(struct fz_dev *d, u64 ring, u32 i, u32 buf, u32 ctrl,
                     u32 info)
{
    struct flowsw_dma_desc *desc =
        (void *)(d->ram + (ring - RAM_BASE)) + i * 16;

    desc->buf_lo = buf;
    desc->buf_hi = 0;
    desc->ctrl = ctrl;
    desc->info = info;
}

/* What the flowsw driver programs at probe and when it opens its ports */
void fz_driver_setup(struct fz_dev *d, int cache)
{
    struct fsw_core *c = &d->core;
    u32 i, p;

    for (i = 0; i < RING; i++) {
        put_desc(d, RX_RING, i, (u32)(RX_BUFS + i * RX_BUF_SIZE),
                 FIELD_PREP(DESC_CTRL_LEN, RX_BUF_SIZE), 0);
    }
    fsw_fe_write(c, PDMA_TX_BASE_LO, (u32)TX_RING);
    fsw_fe_write(c, PDMA_TX_MAX_CNT, RING);
    fsw_fe_write(c, PDMA_RX_BASE_LO, (u32)RX_RING);
    fsw_fe_write(c, PDMA_RX_MAX_CNT, RING);
    fsw_fe_write(c, PDMA_RX_CPU_IDX, RING - 1);
    d->rx_idx = RING - 1;
    fsw_fe_write(c, PDMA_GLO_CFG, PDMA_GLO_TX_DMA_EN | PDMA_GLO_RX_DMA_EN);
    fsw_fe_write(c, FE_INT_ENABLE, ~0u);
    for (p = 0; p < SW_NUM_USER_PORTS; p++) {
        fsw_sw_write(c, SW_PCR(p), SW_PCR_ENABLE | SW_PCR_LEARN |
                     FIELD_PREP(SW_PCR_STP, SW_STP_FORWARDING));
        fsw_sw_write(c, SW_PMATRIX(p), (0xf & ~BIT(p)) | BIT(SW_CPU_PORT));
    }
    fsw_sw_write(c, SW_PCR(SW_CPU_PORT), SW_PCR_ENABLE |
                 FIELD_PREP(SW_PCR_STP, SW_STP_FORWARDING));
    fsw_sw_write(c, SW_PMATRIX(SW_CPU_PORT), 0xf);
    fsw_fe_write(c, PPE_TB_BASE_LO, (u32)FOE_TB);
    fsw_fe_write(c, PPE_MIB_TB_BASE_LO, (u32)MIB_TB);
    fsw_fe_write(c, PPE_FLOW_CFG, PPE_FLOW_CFG_IP4_HNAPT |
                 PPE_FLOW_CFG_IP6_5T);
    fsw_fe_write(c, PPE_BIND_RATE, 1);
    fsw_fe_write(c, PPE_MIB_CFG, PPE_MIB_CFG_EN);
    fsw_fe_write(c, PPE_CACHE_CTL, cache ? PPE_CACHE_CTL_EN : 0);
    fsw_fe_write(c, PPE_GLO_CFG, PPE_GLO_CFG_EN);
    fsw_fe_write(c, GDM_FWD_CFG(0), PSE_PORT_PPE);
    fsw_fe_write(c, GDM_FWD_CFG(1), PSE_PORT_PPE);
}

/*
 * A tick reads the whole table, READS dumps it, RESET clears the model's
 * per-entry counts: each costs a thousand ordinary ops, so a few per
 * input, or the fuzzer spends its time there
 */
bool fz_op_allowed(u8 kind, int *ticks, int *whole)
{
    if (kind % FZ_OPS == 6) {
        return ++*ticks <= 8;
    }
    if (kind % FZ_OPS == 9 || kind % FZ_OPS == 10) {
        return ++*whole <= 2;
    }
    return true;
}

/* len:u16 then that many bytes (fewer if the input ends) */
static const u8 *take_frame(struct fz_input *in, u32 *len, u32 max)
{
    u16 want;
    const u8 *p;

    if (!fz_take(in, &want, 2)) {
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

/*
 * A cache twin's register write: the table, MIB and ring addresses and the
 * table size stay the driver's (the device's own DMA into its table would
 * make the cache stale, as on silicon); the cache stays as the twin has it.
 * Returns false to drop the write.
 */
static bool twin_fe_write(struct fz_dev *d, u32 reg, u32 *val)
{
    switch (reg) {
    case PDMA_TX_BASE_LO: case PDMA_TX_BASE_HI: case PDMA_TX_MAX_CNT:
    case PDMA_RX_BASE_LO: case PDMA_RX_BASE_HI: case PDMA_RX_MAX_CNT:
    case PPE_TB_CFG: case PPE_TB_BASE_LO: case PPE_TB_BASE_HI:
    case PPE_MIB_TB_BASE_LO: case PPE_MIB_TB_BASE_HI:
        return false;
    case PPE_CACHE_CTL:
        *val = d->twin_cache ? *val | PPE_CACHE_CTL_EN
                             : *val & ~PPE_CACHE_CTL_EN;
        return true;
    default:
        return true;
    }
}

/*
 * The driver's cache clear after it wrote the table: CLEAR set, then not.
 * CLEAR acts on its rising edge, and the input may have left it set, so
 * it is taken down first.
 */
static void twin_cache_clear(struct fz_dev *d)
{
    u32 en = d->twin_cache ? PPE_CACHE_CTL_EN : 0;

    fsw_fe_write(&d->core, PPE_CACHE_CTL, en);
    fsw_fe_write(&d->core, PPE_CACHE_CTL, en | PPE_CACHE_CTL_CLEAR);
    fsw_fe_write(&d->core, PPE_CACHE_CTL, en);
}

void fz_run_op(struct fz_dev *d, struct fz_input *in, u8 kind)
{
    struct fsw_core *c = &d->core;
    bool twin = d->twin_cache >= 0;
    u8 sel, b1, b2;
    u32 val, len, off;
    u16 size, csum;
    const u8 *frame;

    switch (kind % FZ_OPS) {
    case 0:
        if (fz_take(in, &sel, 1) && fz_take(in, &val, 4) &&
            (!twin || twin_fe_write(d, fe_reg(sel), &val))) {
            fsw_fe_write(c, fe_reg(sel), val);
        }
        break;
    case 1:
        if (fz_take(in, &sel, 1) && fz_take(in, &val, 4)) {
            fsw_sw_write(c, sw_reg(sel), val);
        }
        break;
    case 2:
        off = 0;
        if (fz_take(in, &off, 3) && fz_take(in, &b1, 1)) {
            len = b1 < in->left ? b1 : in->left;
            if (twin) {         /* the driver writes its tables only */
                off = FOE_TB - RAM_BASE +
                      off % (u32)(TABLES_END - FOE_TB - 256);
            } else {
                off %= RAM_SIZE - 256;
            }
            memcpy(d->ram + off, in->p, len);
            in->p += len;
            in->left -= len;
            if (twin) {
                twin_cache_clear(d);
            }
        }
        break;
    case 3:
        if (fz_take(in, &b1, 1) && (frame = take_frame(in, &len, 2048))) {
            memcpy(d->ram + (TX_BUF - RAM_BASE), frame, len);
            put_desc(d, TX_RING, d->tx_idx, (u32)TX_BUF,
                     FIELD_PREP(DESC_CTRL_LEN, len) | DESC_CTRL_LS,
                     FIELD_PREP(TXD_INFO_FPORT, b1));
            d->tx_idx = (d->tx_idx + 1) % RING;
            fsw_fe_write(c, PDMA_TX_CPU_IDX, d->tx_idx);
        }
        break;
    case 4:
        if (fz_take(in, &b1, 1) && (frame = take_frame(in, &len, 9300))) {
            fsw_wire_receive(c, b1 % FSW_NUM_WIRES, frame, len);
        }
        break;
    case 5:
        if (fz_take(in, &b1, 1) && fz_take(in, &size, 2) &&
            fz_take(in, &csum, 2) && (frame = take_frame(in, &len, 65535))) {
            fsw_wire_receive_gso(c, b1 % FSW_NUM_WIRES, frame, len,
                                 size, csum);
        }
        break;
    case 6:
        fsw_core_tick(c);
        break;
    case 7:
        if (fz_take(in, &b1, 1) && fz_take(in, &b2, 1)) {
            fsw_wire_set_link(c, b1 % FSW_NUM_WIRES, b2 & 1);
        }
        break;
    case 8:
        for (;;) {
            u32 next = (d->rx_idx + 1) % RING;
            struct flowsw_dma_desc *desc =
                (void *)(d->ram + (RX_RING - RAM_BASE)) + next * 16;

            if (!(desc->ctrl & DESC_CTRL_DDONE)) {
                break;
            }
            desc->ctrl = FIELD_PREP(DESC_CTRL_LEN, RX_BUF_SIZE);
            d->rx_idx = next;
            fsw_fe_write(c, PDMA_RX_CPU_IDX, d->rx_idx);
        }
        break;
    case 9:
        for (val = 0; val < 256; val++) {
            (void)fsw_fe_read(c, fe_reg(val));
            (void)fsw_sw_read(c, sw_reg(val));
        }
        fsw_dump(c, true, print_nothing, NULL);
        break;
    case 10:
        fsw_fe_write(c, FE_GLO_CFG, FE_GLO_CFG_RESET);
        if (twin) {             /* the driver's recovery sets it up again */
            fz_driver_setup(d, d->twin_cache);
        }
        break;
    }
}

/*
 * Beyond ASan and UBSan, after each op: the FE interrupt line follows
 * status & enable, and no GSO frame and no scratch buffer is left over.
 * (Every transmitted frame is checked as it leaves, in fz_transmit().)
 */
void fz_check_invariants(struct fz_dev *d)
{
    if (d->core.gso || d->core.scratch_used) {
        abort();
    }
    if (d->irq_level[FSW_IRQ_FE] !=
        !!(d->core.int_status & d->core.int_enable)) {
        abort();
    }
}

/*
 * Run @fn on a thread with a small stack: a path that needs a large one
 * crashes here first
 */
void fz_on_small_stack(void *(*fn)(void *), void *arg)
{
    pthread_attr_t attr;
    pthread_t t;

    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, STACK_SIZE);
    if (pthread_create(&t, &attr, fn, arg)) {
        abort();
    }
    pthread_join(t, NULL);
    pthread_attr_destroy(&attr);
}
