/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * flowsw model core: the entry points, the only functions a shell calls.
 *
 * A shell calls the core from several threads at once: its data plane
 * threads for frames from the wires, and the guest's register accesses,
 * the tick and the monitor from QEMU's own threads.  Each entry point holds
 * c->lock for its whole run, so a frame crosses the switch, the PPE and the
 * frame engine as one step that a register access never sees half done,
 * and a register write takes effect between two frames.  The locking lives
 * here and nowhere else; everything behind it is *_locked.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flowsw_dump.h"
#include "flowsw_int.h"

/*
 * An error-checking mutex: a shell callback that calls back into an entry
 * point would deadlock; it aborts at once instead.
 */
static void fsw_lock(struct fsw_core *c)
{
    int err = pthread_mutex_lock(&c->lock);

    if (err) {
        fprintf(stderr, "flowsw: core lock: %s\n", strerror(err));
        abort();
    }
}

static void fsw_unlock(struct fsw_core *c)
{
    pthread_mutex_unlock(&c->lock);
}

/* Wires start with carrier up, as a NIC with a cable plugged in. */
void fsw_core_init(struct fsw_core *c, const struct fsw_core_ops *ops,
                   void *opaque)
{
    pthread_mutexattr_t attr;
    int p;

    memset(c, 0, sizeof(*c));
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&c->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    c->ops = ops;
    c->opaque = opaque;
    c->gmac[1].link = 1;
    for (p = 0; p < SW_NUM_USER_PORTS; p++) {
        c->port[p].link = 1;
    }
    c->port[SW_CPU_PORT].link = 1;
    fsw_core_reset_locked(c);
}

void fsw_core_destroy(struct fsw_core *c)
{
    pthread_mutex_destroy(&c->lock);
}

void fsw_core_reset(struct fsw_core *c)
{
    fsw_lock(c);
    fsw_core_reset_locked(c);
    fsw_unlock(c);
}

u32 fsw_fe_read(struct fsw_core *c, u32 addr)
{
    u32 val;

    fsw_lock(c);
    val = fsw_fe_read_locked(c, addr);
    fsw_unlock(c);
    return val;
}

void fsw_fe_write(struct fsw_core *c, u32 addr, u32 val)
{
    fsw_lock(c);
    fsw_fe_write_locked(c, addr, val);
    fsw_unlock(c);
}

u32 fsw_sw_read(struct fsw_core *c, u32 addr)
{
    u32 val;

    fsw_lock(c);
    val = fsw_sw_read_locked(c, addr);
    fsw_unlock(c);
    return val;
}

void fsw_sw_write(struct fsw_core *c, u32 addr, u32 val)
{
    fsw_lock(c);
    fsw_sw_write_locked(c, addr, val);
    fsw_unlock(c);
}

bool fsw_wire_receive(struct fsw_core *c, int wire, const u8 *buf, u32 len)
{
    bool ok;

    fsw_lock(c);
    ok = fsw_wire_receive_locked(c, wire, buf, len);
    fsw_unlock(c);
    return ok;
}

bool fsw_wire_receive_gso(struct fsw_core *c, int wire, const u8 *buf,
                          u32 len, u32 gso_size, u32 csum_start)
{
    bool ok;

    fsw_lock(c);
    ok = fsw_wire_receive_gso_locked(c, wire, buf, len, gso_size,
                                     csum_start);
    fsw_unlock(c);
    return ok;
}

void fsw_wire_set_link(struct fsw_core *c, int wire, bool up)
{
    fsw_lock(c);
    fsw_wire_set_link_locked(c, wire, up);
    fsw_unlock(c);
}

void fsw_core_inject_dma_error(struct fsw_core *c, u32 code)
{
    fsw_lock(c);
    fsw_dma_error(c, code, 0);
    fsw_unlock(c);
}

void fsw_core_tick(struct fsw_core *c)
{
    fsw_lock(c);
    fsw_core_tick_locked(c);
    fsw_unlock(c);
}

void fsw_dump(struct fsw_core *c, bool all,
              void (*print)(void *ctx, const char *line), void *ctx)
{
    fsw_lock(c);
    fsw_dump_locked(c, all, print, ctx);
    fsw_unlock(c);
}

/*
 * State that did not come through the registers (a migration stream) must
 * be state the registers could have produced: the core uses some of it as
 * an index without another bound check.
 */
bool fsw_core_state_valid(const struct fsw_core *c)
{
    int i;

    if (c->evt_head >= SW_FDB_EVT_DEPTH || c->evt_count > SW_FDB_EVT_DEPTH) {
        return false;
    }
    for (i = 0; i < FE_NUM_GMACS; i++) {
        const struct fsw_gmac *g = &c->gmac[i];

        if (g->max_len < ETH_HLEN || g->max_len > GMAC_MAX_LEN_LIMIT ||
            (g->fwd_cfg & ~GDM_FWD_DEST)) {
            return false;
        }
    }
    for (i = 0; i < SW_NUM_PORTS; i++) {
        if (c->port[i].pvid & ~SW_PVID_VID) {
            return false;
        }
    }
    return true;
}
