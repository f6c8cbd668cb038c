/*
 * flowsw HMP command when the device is not built in
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "monitor/hmp.h"
#include "monitor/monitor.h"

void hmp_info_flowsw(Monitor *mon, const QDict *qdict)
{
    monitor_printf(mon, "flowsw support is not compiled in\n");
}
