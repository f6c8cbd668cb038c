#!/usr/bin/env python3
"""A test host that speaks 802.1Q from user space.

The host kernel of the test machine may lack VLAN devices and tc actions,
so tagged test hosts are played over an AF_PACKET socket instead.

VID is one VLAN ID, or two as OUTER.INNER for a host behind two 802.1Q
tags (a VLAN over a VLAN).

    taghost.py serve IFACE VID IP UDPPORT IDLE [echo]
        answer ARP and ICMP echo for IP on VLAN VID, answer UDP "hello" to
        UDPPORT with "ok" and count the other UDP datagrams to it (with
        "echo", also send each of them back to its sender); after
        IDLE seconds without any frame for IP print
        "received P packets B bytes (socket drops D)" (IP bytes; D the frames
        its socket had no room for) and exit; SIGUSR1 prints
        the same line at once and carries on.
    taghost.py ping IFACE VID SRC DST COUNT
        from SRC on VLAN VID, resolve DST and send COUNT echo requests;
        exit 0 if every one was answered with the VLAN tag.
"""
import signal
import socket
import struct
import sys
import time

from pktlib import BCAST, Port, csum, echo_reply, ipv4, udp

class Tagged(Port):
    """A port on VLAN VID: one ID, or OUTER.INNER."""

    def __init__(self, iface, vid):
        super().__init__(iface, [int(v) for v in str(vid).split(".")])


def arp(op, smac, sip, tmac, tip):
    return struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, smac, sip, tmac, tip)


def serve(iface, vid, ip, port, idle, echo=False):
    t = Tagged(iface, vid)
    me = socket.inet_aton(ip)
    count = {"pkts": 0, "bytes": 0}

    def report(*_):
        print(f"received {count['pkts']} packets {count['bytes']} bytes"
              f" (socket drops {t.drops()})", flush=True)
    signal.signal(signal.SIGUSR1, report)
    while True:
        got = t.recv(idle)
        if got is None:
            break
        src, etype, body = got
        if etype == 0x0806 and len(body) >= 28 and body[24:28] == me and \
                struct.unpack("!H", body[6:8])[0] == 1:
            t.send(src, 0x0806, arp(2, t.mac, me, body[8:14], body[14:18]))
        elif etype == 0x0800 and len(body) >= 28 and body[16:20] == me:
            ihl = (body[0] & 0xf) * 4
            total = struct.unpack("!H", body[2:4])[0]
            proto, peer, l4 = body[9], body[12:16], body[ihl:total]
            if proto == 1 and l4[0] == 8:
                t.send(src, 0x0800, ipv4(me, peer, 1, echo_reply(l4)))
            elif proto == 17 and struct.unpack("!H", l4[2:4])[0] == port:
                count["pkts"] += 1
                count["bytes"] += total
                sport = struct.unpack("!H", l4[0:2])[0]
                if l4[8:] == b"hello" or echo:
                    reply = b"ok" if l4[8:] == b"hello" else l4[8:]
                    t.send(src, 0x0800, ipv4(me, peer, 17, udp(me, peer, port, sport, reply)))
    report()


def ping(iface, vid, src_ip, dst_ip, count):
    t = Tagged(iface, vid)
    me, dst = socket.inet_aton(src_ip), socket.inet_aton(dst_ip)
    t.send(BCAST, 0x0806, arp(1, t.mac, me, b"\0" * 6, dst))
    mac = None
    while mac is None:
        got = t.recv(3)
        if got is None:
            sys.exit(f"taghost: no ARP answer from {dst_ip} on VLAN {vid}")
        src, etype, body = got
        if etype == 0x0806 and struct.unpack("!H", body[6:8])[0] == 2 and body[14:18] == dst:
            mac = body[8:14]
    answered = 0
    for seq in range(count):
        echo = struct.pack("!BBHHH", 8, 0, 0, 0x4242, seq) + b"flowsw"
        echo = echo[:2] + struct.pack("!H", csum(echo)) + echo[4:]
        t.send(mac, 0x0800, ipv4(me, dst, 1, echo))
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            got = t.recv(deadline - time.monotonic())
            if got and got[1] == 0x0800 and got[2][9] == 1 and got[2][12:16] == dst and \
                    got[2][20] == 0 and struct.unpack("!H", got[2][26:28])[0] == seq:
                answered += 1
                break
    print(f"{answered}/{count} echo replies on VLAN {vid}")
    sys.exit(0 if answered == count else 1)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6]),
              sys.argv[7:8] == ["echo"])
    else:
        ping(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
