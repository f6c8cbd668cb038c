#!/usr/bin/env python3
"""A PPPoE access concentrator played from user space, for the PPPoE wan test.

The test machine's kernel may have no PPP or PPPoE support, so discovery,
LCP, IPCP and the IP host behind the session are done here over AF_PACKET.

    pppoehost.py IFACE[.VID] LOCAL_IP PEER_IP UDPPORT IDLE [echo] [LOCAL_IPV6]

Offers one session, gives the client PEER_IP, answers ICMP echo to
LOCAL_IP, answers UDP "hello" to UDPPORT with "ok" and counts the other
datagrams; with "echo" it also sends each of them back, so the session
carries as many datagrams down as up.  With .VID the session runs on that
802.1Q VLAN.  With LOCAL_IPV6 it also speaks IPv6CP and does the same for
ICMPv6 echo and UDP to that address.  After IDLE seconds without a session frame it prints
"session S received P packets B bytes (socket drops D)" (IP bytes; D the
frames its socket had no room for) and exits; SIGUSR1
prints the same line at once and carries on.
"""
import os
import signal
import socket
import struct
import sys
import time

from pktlib import Port, echo6_reply, echo_reply, ipv4, ipv6, udp, udp6

ETH_P_DISC, ETH_P_SESS = 0x8863, 0x8864
PADI, PADO, PADR, PADS, PADT = 0x09, 0x07, 0x19, 0x65, 0xa7
LCP, IPCP, PPP_IP = 0xc021, 0x8021, 0x0021
IPV6CP, PPP_IPV6 = 0x8057, 0x0057
CONF_REQ, CONF_ACK, CONF_NAK, CONF_REJ, TERM_REQ, TERM_ACK = 1, 2, 3, 4, 5, 6
ECHO_REQ, ECHO_REP = 9, 10


def options(data):
    """Parse PPP configure options into a list of (type, value)."""
    out = []
    while len(data) >= 2 and data[1] >= 2:
        out.append((data[0], data[2:data[1]]))
        data = data[data[1]:]
    return out


class Concentrator:
    def __init__(self, iface, local, peer, port, local6=None):
        iface, _, vid = iface.partition(".")
        self.link = Port(iface, [int(vid)] if vid else [])
        self.local6 = socket.inet_pton(socket.AF_INET6, local6) if local6 else None
        self.local, self.peer, self.port = (socket.inet_aton(local), socket.inet_aton(peer),
                                            port)
        self.client = None
        self.session = 0x1234
        self.pkts = self.nbytes = 0
        self.echo = False
        self.ident = 1

    def send(self, dst, etype, payload):
        self.link.send(dst, etype, payload)

    def discovery(self, code, session, tags):
        return struct.pack("!BBHH", 0x11, code, session, len(tags)) + tags

    def ppp(self, proto, payload):
        body = struct.pack("!H", proto) + payload
        self.send(self.client, ETH_P_SESS,
                  struct.pack("!BBHH", 0x11, 0, self.session, len(body)) + body)

    def control(self, proto, code, ident, data):
        self.ppp(proto, struct.pack("!BBH", code, ident, 4 + len(data)) + data)

    def on_discovery(self, src, code, tags):
        if code == PADI:
            ac = struct.pack("!HH", 0x0102, 6) + b"flowsw"
            self.send(src, ETH_P_DISC, self.discovery(PADO, 0, tags + ac))
        elif code == PADR:
            self.client = src
            self.send(src, ETH_P_DISC, self.discovery(PADS, self.session, tags))

    def on_lcp(self, code, ident, data):
        if code == CONF_REQ:
            # accept the client's MRU and magic; refuse anything else
            bad = [o for o in options(data) if o[0] not in (1, 5)]
            if bad:
                self.control(LCP, CONF_REJ, ident,
                             b"".join(bytes([t, 2 + len(v)]) + v for t, v in bad))
            else:
                self.control(LCP, CONF_ACK, ident, data)
                # our side of LCP asks for nothing
                self.control(LCP, CONF_REQ, self.ident, b"")
        elif code == ECHO_REQ:
            self.control(LCP, ECHO_REP, ident, struct.pack("!I", 0x5a5a5a5a) + data[4:])
        elif code == TERM_REQ:
            self.control(LCP, TERM_ACK, ident, b"")

    def on_ipcp(self, code, ident, data):
        if code == CONF_REQ:
            opts = options(data)
            addr = [v for t, v in opts if t == 3]
            if addr and addr[0] != self.peer:
                self.control(IPCP, CONF_NAK, ident, bytes([3, 6]) + self.peer)
            elif [o for o in opts if o[0] != 3]:
                self.control(IPCP, CONF_REJ, ident, b"".join(
                    bytes([t, 2 + len(v)]) + v for t, v in opts if t != 3))
            else:
                self.control(IPCP, CONF_ACK, ident, data)
                self.control(IPCP, CONF_REQ, self.ident, bytes([3, 6]) + self.local)

    def on_ip(self, pkt):
        if len(pkt) < 28 or pkt[16:20] != self.local:
            return
        ihl = (pkt[0] & 0xf) * 4
        total = struct.unpack("!H", pkt[2:4])[0]
        proto, src, l4 = pkt[9], pkt[12:16], pkt[ihl:total]
        if proto == 1 and l4[0] == 8:
            self.ppp(PPP_IP, ipv4(self.local, src, 1, echo_reply(l4)))
        elif proto == 17 and struct.unpack("!H", l4[2:4])[0] == self.port:
            self.pkts += 1
            self.nbytes += total
            sport = struct.unpack("!H", l4[0:2])[0]
            if l4[8:] == b"hello" or self.echo:
                reply = b"ok" if l4[8:] == b"hello" else l4[8:]
                self.ppp(PPP_IP, ipv4(self.local, src, 17,
                                      udp(self.local, src, self.port, sport, reply)))

    def on_ipv6cp(self, code, ident, data):
        if code == CONF_REQ and self.local6:
            # accept the client's interface identifier; ours is ::2
            self.control(IPV6CP, CONF_ACK, ident, data)
            self.control(IPV6CP, CONF_REQ, self.ident, bytes([1, 10]) + bytes(7) + b"\x02")

    def on_ipv6(self, pkt):
        if len(pkt) < 48 or pkt[24:40] != self.local6:
            return
        plen, nh = struct.unpack("!HB", pkt[4:7])
        src, l4 = pkt[8:24], pkt[40:40 + plen]
        if nh == 58 and l4[0] == 128:
            self.ppp(PPP_IPV6, ipv6(self.local6, src, 58, echo6_reply(self.local6, src, l4)))
        elif nh == 17 and struct.unpack("!H", l4[2:4])[0] == self.port:
            self.pkts += 1
            self.nbytes += 40 + plen
            sport = struct.unpack("!H", l4[0:2])[0]
            if l4[8:] == b"hello" or self.echo:
                reply = b"ok" if l4[8:] == b"hello" else l4[8:]
                self.ppp(PPP_IPV6, ipv6(self.local6, src, 17,
                                        udp6(self.local6, src, self.port, sport, reply)))

    def report(self, *_):
        print(f"session {self.session:#x} received {self.pkts} packets {self.nbytes} bytes"
              f" (socket drops {self.link.drops()})", flush=True)

    def run(self, idle):
        signal.signal(signal.SIGUSR1, self.report)
        last = time.monotonic()
        while time.monotonic() - last < idle:
            got = self.link.recv(max(0.1, idle - (time.monotonic() - last)))
            if got is None:
                break
            src, etype, frame = got
            if len(frame) < 6:
                continue
            _, code, session, length = struct.unpack("!BBHH", frame[:6])
            body = frame[6:6 + length]
            if etype == ETH_P_DISC:
                self.on_discovery(src, code, body)
            elif etype == ETH_P_SESS and session == self.session and src == self.client:
                last = time.monotonic()
                proto = struct.unpack("!H", body[:2])[0]
                if proto == PPP_IP:
                    self.on_ip(body[2:])
                elif proto == PPP_IPV6 and self.local6:
                    self.on_ipv6(body[2:])
                elif proto in (LCP, IPCP, IPV6CP) and len(body) >= 6:
                    c, i, n = struct.unpack("!BBH", body[2:6])
                    handler = {LCP: self.on_lcp, IPCP: self.on_ipcp, IPV6CP: self.on_ipv6cp}
                    handler[proto](c, i, body[6:2 + n])
        self.report()


if __name__ == "__main__":
    extra = sys.argv[6:]
    c = Concentrator(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]),
                     next((a for a in extra if ":" in a), None))
    c.echo = "echo" in extra
    c.run(float(sys.argv[5]))
