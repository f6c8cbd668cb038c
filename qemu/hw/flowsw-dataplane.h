/*
 * flowsw: the data plane's own wires and thread
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_NET_FLOWSW_DATAPLANE_H
#define HW_NET_FLOWSW_DATAPLANE_H

#include "qemu/event_notifier.h"
#include "qemu/thread.h"
#include "flowsw_core.h"

/* A frame from a wire, with its virtio_net_hdr in front */
typedef void FlowswDataplaneReceive(void *opaque, int wire,
                                    const uint8_t *buf, size_t size);

/**
 * FlowswDataplane: tap devices the flowsw device owns, and the thread that
 * serves them
 * @fd: per wire, the tap's fd, or -1 if the wire is not a device tap
 * @receive: called in the thread for every frame read from a tap
 * @opaque: for @receive
 * @thread: reads the taps and hands each frame to @receive
 * @wake: wakes @thread to look at @run and @quit
 * @run_lock: held by @thread while it handles frames, so that
 *            flowsw_dataplane_pause() returns only once none is in flight
 * @run: the thread reads the taps only while set (the VM runs)
 * @quit: the thread ends
 * @started: the thread runs (some wire is a device tap)
 * @buf: frame buffer, on the heap: a 64 KiB TSO frame and its header
 */
typedef struct FlowswDataplane {
    int fd[FSW_NUM_WIRES];
    FlowswDataplaneReceive *receive;
    void *opaque;
    QemuThread thread;
    EventNotifier wake;
    QemuMutex run_lock;
    bool run;
    bool quit;
    bool started;
    uint8_t *buf;
} FlowswDataplane;

void flowsw_dataplane_init(FlowswDataplane *dp,
                           FlowswDataplaneReceive *receive, void *opaque);
bool flowsw_dataplane_open_tap(FlowswDataplane *dp, int wire,
                               const char *ifname, bool offload,
                               Error **errp);
bool flowsw_dataplane_adopt_tap(FlowswDataplane *dp, int wire, int fd,
                                bool offload, Error **errp);
bool flowsw_dataplane_start(FlowswDataplane *dp, Error **errp);
void flowsw_dataplane_pause(FlowswDataplane *dp);
void flowsw_dataplane_resume(FlowswDataplane *dp);
void flowsw_dataplane_destroy(FlowswDataplane *dp);
void flowsw_dataplane_send(FlowswDataplane *dp, int wire,
                           const struct iovec *iov, int iovcnt);

static inline bool flowsw_dataplane_owns(const FlowswDataplane *dp, int wire)
{
    return dp->fd[wire] >= 0;
}

#endif /* HW_NET_FLOWSW_DATAPLANE_H */
