/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Text dump of the FOE table and the switch FDB, one line per entry, for
 * the QEMU monitor ("info flowsw") and for tests that parse it.
 */
#ifndef FLOWSW_DUMP_H
#define FLOWSW_DUMP_H

#include "flowsw_core.h"

/*
 * Lines look like:
 *   foe 1234 BIND IPV4_HNAPT tcp 192.168.1.2:40000->10.0.0.2:5201
 *       new 10.0.0.1:40000->10.0.0.2:5201 dmac .. smac .. vlan 2:10,0
 *       pppoe 0 egress gmac0 stag 0x4 pkts 12 bytes 3456 idle 3
 *   fdb 02:00:00:00:00:01 fid 0 ports 0x1 dynamic age 3
 * (each foe line is a single line).
 */
void fsw_dump(struct fsw_core *c, bool all,
              void (*print)(void *ctx, const char *line), void *ctx);

#endif /* FLOWSW_DUMP_H */
