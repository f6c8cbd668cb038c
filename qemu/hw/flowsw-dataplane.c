/*
 * flowsw: the data plane's own wires and thread
 *
 * On silicon the switch and the PPE forward beside the CPU.  QEMU 7.2 runs
 * every netdev backend, net queue and hub in the main loop under the big
 * QEMU lock, so a device that forwards through them stops the guest while
 * it forwards.  Wires that are device taps (the lanN-tap and wan-tap
 * properties) are therefore served here instead: the device opens the tap
 * itself, with a virtio_net_hdr, and one thread of its own reads every
 * tap and hands each frame to the core.  The thread never takes the big
 * lock: the core has its own (see core/entry.c), guest RAM is reached
 * through the address space under RCU, and interrupts are raised from a
 * bottom half (see flowsw.c).
 *
 * Lock order: BQL, then run_lock, then the core's lock.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/atomic.h"
#include "qemu/cutils.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "qemu/rcu.h"
#include "standard-headers/linux/virtio_net.h"
#include "trace.h"

#include <poll.h>
#ifdef CONFIG_LINUX
#include <net/if.h>
#include <sys/ioctl.h>
#include <linux/if_tun.h>
#endif

#include "flowsw-dataplane.h"

/* A 64 KiB TSO frame, its Ethernet and VLAN headers and its vnet header */
#define FLOWSW_DP_BUF_SIZE      (sizeof(struct virtio_net_hdr) + 65536 + 64)
/* Frames read from one tap before the next tap's turn */
#define FLOWSW_DP_BUDGET        64

void flowsw_dataplane_init(FlowswDataplane *dp,
                           FlowswDataplaneReceive *receive, void *opaque)
{
    int i;

    memset(dp, 0, sizeof(*dp));
    for (i = 0; i < FSW_NUM_WIRES; i++) {
        dp->fd[i] = -1;
    }
    dp->receive = receive;
    dp->opaque = opaque;
    qemu_mutex_init(&dp->run_lock);
}

#ifdef CONFIG_LINUX
/* A tap with a virtio-net header: its offloads, non-blocking, the wire's */
static bool flowsw_dataplane_setup_tap(FlowswDataplane *dp, int wire, int fd,
                                       const char *name, bool offload,
                                       Error **errp)
{
    int hdr_len = sizeof(struct virtio_net_hdr);
    unsigned int offloads = offload ? TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6
                                    : 0;

    if (ioctl(fd, TUNSETVNETHDRSZ, &hdr_len) < 0 ||
        ioctl(fd, TUNSETOFFLOAD, offloads) < 0) {
        error_setg_errno(errp, errno, "tap %s has no virtio-net header",
                         name);
        return false;
    }
    if (!g_unix_set_fd_nonblocking(fd, true, NULL)) {
        error_setg_errno(errp, errno, "tap %s: not non-blocking", name);
        return false;
    }
    dp->fd[wire] = fd;
    return true;
}
#endif

bool flowsw_dataplane_open_tap(FlowswDataplane *dp, int wire,
                               const char *ifname, bool offload,
                               Error **errp)
{
#ifdef CONFIG_LINUX
    struct ifreq ifr = { 0 };
    int fd;

    if (strlen(ifname) >= IFNAMSIZ) {
        error_setg(errp, "tap name '%s' is longer than %d characters",
                   ifname, IFNAMSIZ - 1);
        return false;
    }
    fd = qemu_open("/dev/net/tun", O_RDWR, errp);
    if (fd < 0) {
        return false;
    }
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR;
    pstrcpy(ifr.ifr_name, IFNAMSIZ, ifname);
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        error_setg_errno(errp, errno, "could not attach to tap '%s'", ifname);
        close(fd);
        return false;
    }
    if (!flowsw_dataplane_setup_tap(dp, wire, fd, ifname, offload, errp)) {
        close(fd);
        return false;
    }
    return true;
#else
    error_setg(errp, "device taps need a Linux host");
    return false;
#endif
}

/*
 * A tap opened by whoever started QEMU (IFF_TAP | IFF_NO_PI | IFF_VNET_HDR),
 * so that it outlives this QEMU: the device takes a duplicate of @fd.
 */
bool flowsw_dataplane_adopt_tap(FlowswDataplane *dp, int wire, int fd,
                                bool offload, Error **errp)
{
#ifdef CONFIG_LINUX
    struct ifreq ifr = { 0 };
    int own;

    if (ioctl(fd, TUNGETIFF, &ifr) < 0 ||
        (ifr.ifr_flags & (IFF_TAP | IFF_NO_PI | IFF_VNET_HDR)) !=
        (IFF_TAP | IFF_NO_PI | IFF_VNET_HDR)) {
        error_setg(errp, "fd %d is not a tap with a virtio-net header", fd);
        return false;
    }
    own = qemu_dup(fd);
    if (own < 0) {
        error_setg_errno(errp, errno, "fd %d", fd);
        return false;
    }
    if (!flowsw_dataplane_setup_tap(dp, wire, own, ifr.ifr_name, offload,
                                    errp)) {
        close(own);
        return false;
    }
    return true;
#else
    error_setg(errp, "device taps need a Linux host");
    return false;
#endif
}

/* A tap whose device went away is left alone rather than polled forever */
static void flowsw_dataplane_drain(FlowswDataplane *dp, int wire,
                                   bool *dead)
{
    int i;

    for (i = 0; i < FLOWSW_DP_BUDGET; i++) {
        ssize_t len = read(dp->fd[wire], dp->buf, FLOWSW_DP_BUF_SIZE);

        if (len > 0) {
            dp->receive(dp->opaque, wire, dp->buf, len);
            continue;
        }
        if (len < 0 && errno == EINTR) {
            continue;
        }
        if (len == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
            error_report("flowsw: wire %d: tap read failed (%s); "
                         "the wire stays silent", wire,
                         len ? strerror(errno) : "end of file");
            *dead = true;
        }
        return;
    }
}

static void *flowsw_dataplane_thread(void *opaque)
{
    FlowswDataplane *dp = opaque;
    struct pollfd pfd[FSW_NUM_WIRES + 1];
    int wire_of[FSW_NUM_WIRES + 1];
    bool dead[FSW_NUM_WIRES] = { 0 };

    rcu_register_thread();
    while (!qatomic_read(&dp->quit)) {
        bool run = qatomic_read(&dp->run);
        int n = 0, i;

        pfd[n].fd = event_notifier_get_fd(&dp->wake);
        pfd[n++].events = POLLIN;
        for (i = 0; i < FSW_NUM_WIRES; i++) {
            if (run && dp->fd[i] >= 0 && !dead[i]) {
                pfd[n].fd = dp->fd[i];
                pfd[n].events = POLLIN;
                wire_of[n++] = i;
            }
        }
        if (poll(pfd, n, -1) < 0) {
            continue;           /* EINTR; nothing else is possible here */
        }
        if (pfd[0].revents) {
            event_notifier_test_and_clear(&dp->wake);
        }
        qemu_mutex_lock(&dp->run_lock);
        if (qatomic_read(&dp->run)) {
            for (i = 1; i < n; i++) {
                if (pfd[i].revents) {
                    flowsw_dataplane_drain(dp, wire_of[i],
                                           &dead[wire_of[i]]);
                }
            }
        }
        qemu_mutex_unlock(&dp->run_lock);
    }
    rcu_unregister_thread();
    return NULL;
}

/* Start the thread if any wire is a device tap; it idles until resumed. */
bool flowsw_dataplane_start(FlowswDataplane *dp, Error **errp)
{
    int i;

    for (i = 0; i < FSW_NUM_WIRES && dp->fd[i] < 0; i++) {
        ;
    }
    if (i == FSW_NUM_WIRES) {
        return true;
    }
    if (event_notifier_init(&dp->wake, false) < 0) {
        error_setg(errp, "flowsw: no event notifier for the data plane");
        return false;
    }
    dp->buf = g_malloc(FLOWSW_DP_BUF_SIZE);
    /* at most 15 characters, or the thread keeps QEMU's name */
    qemu_thread_create(&dp->thread, "flowsw-dp",
                       flowsw_dataplane_thread, dp, QEMU_THREAD_JOINABLE);
    dp->started = true;
    return true;
}

/*
 * Stop reading the taps (the VM stopped).  On return no frame is in
 * flight, so the core is quiet for migration and for the monitor; frames
 * that arrive meanwhile wait in the taps' queues, as QEMU's own net layer
 * holds them while the VM is stopped.
 */
void flowsw_dataplane_pause(FlowswDataplane *dp)
{
    if (!dp->started) {
        return;
    }
    qatomic_set(&dp->run, false);
    event_notifier_set(&dp->wake);
    qemu_mutex_lock(&dp->run_lock);
    qemu_mutex_unlock(&dp->run_lock);
}

void flowsw_dataplane_resume(FlowswDataplane *dp)
{
    if (!dp->started) {
        return;
    }
    qatomic_set(&dp->run, true);
    event_notifier_set(&dp->wake);
}

void flowsw_dataplane_destroy(FlowswDataplane *dp)
{
    int i;

    if (dp->started) {
        qatomic_set(&dp->quit, true);
        event_notifier_set(&dp->wake);
        qemu_thread_join(&dp->thread);
        event_notifier_cleanup(&dp->wake);
        g_free(dp->buf);
        dp->started = false;
    }
    for (i = 0; i < FSW_NUM_WIRES; i++) {
        if (dp->fd[i] >= 0) {
            close(dp->fd[i]);
            dp->fd[i] = -1;
        }
    }
    qemu_mutex_destroy(&dp->run_lock);
}

/*
 * Put a frame on a tap, from any thread.  A full tap queue loses it, as a
 * wire without flow control would: the device never waits for the host.
 */
void flowsw_dataplane_send(FlowswDataplane *dp, int wire,
                           const struct iovec *iov, int iovcnt)
{
    ssize_t ret;

    do {
        ret = writev(dp->fd[wire], iov, iovcnt);
    } while (ret < 0 && errno == EINTR);
    if (ret < 0) {
        trace_flowsw_wire_drop(wire, errno);
    }
}
