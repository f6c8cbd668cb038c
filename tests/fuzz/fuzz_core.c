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
 * The device and the ops are fuzz_env.c's: guest memory with guard bands
 * (a DMA outside what the core was given is an ASan report), invariants
 * checked after each op, the ops on a thread with a small stack.
 */
#include "fuzz_env.h"

static struct fz_dev dev = { .twin_cache = -1 };

static void *run_input(void *arg)
{
    struct fz_input *in = arg;
    u8 preset = 0, kind;
    int ticks = 0, whole = 0;

    fz_take(in, &preset, 1);
    if (preset & 1) {
        fz_driver_setup(&dev, preset & 2);
    }
    while (fz_take(in, &kind, 1)) {
        if (!fz_op_allowed(kind, &ticks, &whole)) {
            continue;
        }
        fz_run_op(&dev, in, kind);
        fz_check_invariants(&dev);
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
    struct fz_input in = { data, size };

    fz_dev_start(&dev);
    fz_on_small_stack(run_input, &in);
    fz_dev_stop(&dev);
    return 0;
}
