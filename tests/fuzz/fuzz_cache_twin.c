// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer differential harness: the PPE's bucket cache must not change
 * what the device does.  Two devices take the same input (fuzz_core.c's
 * format, so its seeds serve here too; the preset byte is ignored): one
 * with the cache on, one with it off.  Both are driven as the flowsw
 * driver drives silicon: the table and rings stay where it put them, and
 * after each write to the table it clears the cache (see twin_fe_write()
 * and twin_cache_clear() in fuzz_env.c).  Under that contract a cache is
 * invisible, so after each op both must have sent the same frames to the
 * same wires and hold the same interrupt lines, and at the end the same
 * guest memory (entries, MIB, received frames), registers and model
 * state (info flowsw).  A PPE write that reaches memory but not the
 * cached copy, or the other way round, shows up as a difference.
 */
#include <stdlib.h>
#include <string.h>

#include "flowsw_dump.h"
#include "fuzz_env.h"

static struct fz_dev twin[2] = {
    { .twin_cache = 1, .hash_tx = true },
    { .twin_cache = 0, .hash_tx = true },
};

static void fold_line(void *ctx, const char *line)
{
    u64 *h = ctx;

    *h = fz_fold(*h, line, strlen(line) + 1);    /* with its NUL, as an end */
}

/* Every register but CACHE_CTL, and the whole of info flowsw, folded */
static u64 state_hash(struct fz_dev *d)
{
    u64 h = FZ_FOLD_START;
    u32 reg, val;

    for (reg = 0; reg < 0x2100; reg += 4) {
        if (reg == PPE_CACHE_CTL) {
            continue;
        }
        val = fsw_fe_read(&d->core, reg);
        h = fz_fold(h, &val, sizeof(val));
    }
    for (reg = 0; reg < 0x800; reg += 4) {
        val = fsw_sw_read(&d->core, reg);
        h = fz_fold(h, &val, sizeof(val));
    }
    fsw_dump(&d->core, true, fold_line, &h);
    return h;
}

static void same_or_abort(struct fz_dev *a, struct fz_dev *b)
{
    if (a->tx_hash != b->tx_hash ||
        memcmp(a->irq_level, b->irq_level, sizeof(a->irq_level))) {
        abort();
    }
}

static void *run_input(void *arg)
{
    struct fz_input *in = arg, copy;
    u8 preset, kind;
    int ticks = 0, whole = 0;

    fz_take(in, &preset, 1);
    fz_driver_setup(&twin[0], 1);
    fz_driver_setup(&twin[1], 0);
    while (fz_take(in, &kind, 1)) {
        if (!fz_op_allowed(kind, &ticks, &whole)) {
            continue;
        }
        copy = *in;
        fz_run_op(&twin[0], in, kind);
        fz_run_op(&twin[1], &copy, kind);
        fz_check_invariants(&twin[0]);
        fz_check_invariants(&twin[1]);
        same_or_abort(&twin[0], &twin[1]);
    }
    if (memcmp(twin[0].ram, twin[1].ram, FZ_RAM_SIZE) ||
        state_hash(&twin[0]) != state_hash(&twin[1])) {
        abort();
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
    struct fz_input in = { data, size };

    fz_dev_start(&twin[0]);
    fz_dev_start(&twin[1]);
    fz_on_small_stack(run_input, &in);
    fz_dev_stop(&twin[0]);
    fz_dev_stop(&twin[1]);
    return 0;
}
