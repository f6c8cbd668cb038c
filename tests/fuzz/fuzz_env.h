/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fuzz harnesses' device: a model core with its own guest memory, and
 * the operations an input is made of (see fuzz_core.c for the format).
 */
#ifndef FUZZ_ENV_H
#define FUZZ_ENV_H

#include "flowsw_core.h"

#define FZ_OPS          11      /* op kinds, see fz_run_op() */
#define FZ_RAM_SIZE     (1u << 20)      /* guest memory */

struct fz_input {
    const u8 *p;
    size_t left;
};

/**
 * struct fz_dev - one device under fuzzing
 * @core: the model core
 * @mem: guest memory with a poisoned guard band on each side
 * @ram: guest memory proper, at RAM_BASE for the core
 * @irq_level: the core's interrupt lines
 * @tx_idx: next TX descriptor the driver fills
 * @rx_idx: RX descriptor the driver last gave back
 * @tx_hash: every frame the core transmitted, folded in order, if
 *           @hash_tx is set
 * @hash_tx: fold transmitted frames into @tx_hash
 * @twin_cache: -1 for a plain device; 0 or 1 for a cache twin: the PPE's
 *              bucket cache stays off or on whatever the input writes,
 *              the table and ring addresses stay the driver's, the
 *              driver clears the cache after each table write, as the
 *              flowsw driver does, and sets the device up again after a
 *              reset (see fuzz_cache_twin.c)
 */
struct fz_dev {
    struct fsw_core core;
    u8 *mem, *ram;
    int irq_level[FSW_NUM_IRQS];
    u32 tx_idx, rx_idx;
    u64 tx_hash;
    bool hash_tx;
    int twin_cache;
};

#define FZ_FOLD_START   0xcbf29ce484222325ULL  /* FNV-1a's offset basis */

u64 fz_fold(u64 h, const void *p, size_t n);
int fz_take(struct fz_input *in, void *out, size_t n);
void fz_dev_start(struct fz_dev *d);
void fz_dev_stop(struct fz_dev *d);
void fz_driver_setup(struct fz_dev *d, int cache);
bool fz_op_allowed(u8 kind, int *ticks, int *whole);
void fz_run_op(struct fz_dev *d, struct fz_input *in, u8 kind);
void fz_check_invariants(struct fz_dev *d);
void fz_on_small_stack(void *(*fn)(void *), void *arg);

#endif
