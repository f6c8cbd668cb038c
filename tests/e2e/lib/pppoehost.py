#!/usr/bin/env python3
"""A PPPoE access concentrator played from user space, for the PPPoE wan test.

The test machine's kernel may have no PPP or PPPoE support, so discovery,
LCP, IPCP and the IP host behind the session are done here over AF_PACKET.

    pppoehost.py IFACE LOCAL_IP PEER_IP UDPPORT IDLE [echo]

Offers one session, gives the client PEER_IP, answers ICMP echo to
LOCAL_IP, answers UDP "hello" to UDPPORT with "ok" and counts the other
datagrams; with "echo" it also sends each of them back, so the session
carries as many datagrams down as up.  After IDLE seconds without a session frame it prints
"session S received P packets B bytes" (IP bytes) and exits; SIGUSR1
prints the same line at once and carries on.
"""
import os
import signal
import socket
import struct
import sys
import time

from pktlib import echo_reply, ipv4, udp

ETH_P_DISC, ETH_P_SESS = 0x8863, 0x8864
PADI, PADO, PADR, PADS, PADT = 0x09, 0x07, 0x19, 0x65, 0xa7
LCP, IPCP, PPP_IP = 0xc021, 0x8021, 0x0021
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
    def __init__(self, iface, local, peer, port):
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
        self.sock.bind((iface, 0))
        self.mac = self.sock.getsockname()[4]
        self.local, self.peer, self.port = (socket.inet_aton(local), socket.inet_aton(peer),
                                            port)
        self.client = None
        self.session = 0x1234
        self.pkts = self.nbytes = 0
        self.echo = False
        self.ident = 1

    def send(self, dst, etype, payload):
        self.sock.send((dst + self.mac + struct.pack("!H", etype) + payload).ljust(60, b"\0"))

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

    def report(self, *_):
        print(f"session {self.session:#x} received {self.pkts} packets {self.nbytes} bytes",
              flush=True)

    def run(self, idle):
        signal.signal(signal.SIGUSR1, self.report)
        last = time.monotonic()
        while time.monotonic() - last < idle:
            self.sock.settimeout(max(0.1, idle - (time.monotonic() - last)))
            try:
                data, addr = self.sock.recvfrom(65536)
            except socket.timeout:
                break
            if addr[2] == socket.PACKET_OUTGOING or len(data) < 20:
                continue
            src, etype = data[6:12], struct.unpack("!H", data[12:14])[0]
            _, code, session, length = struct.unpack("!BBHH", data[14:20])
            body = data[20:20 + length]
            if etype == ETH_P_DISC:
                self.on_discovery(src, code, body)
            elif etype == ETH_P_SESS and session == self.session and src == self.client:
                last = time.monotonic()
                proto = struct.unpack("!H", body[:2])[0]
                if proto == PPP_IP:
                    self.on_ip(body[2:])
                elif proto in (LCP, IPCP) and len(body) >= 6:
                    c, i, n = struct.unpack("!BBH", body[2:6])
                    (self.on_lcp if proto == LCP else self.on_ipcp)(c, i, body[6:2 + n])
        self.report()


if __name__ == "__main__":
    c = Concentrator(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
    c.echo = sys.argv[6:7] == ["echo"]
    c.run(float(sys.argv[5]))
