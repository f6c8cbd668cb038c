"""Packet building shared by the user-space test hosts (taghost, pppoehost)."""
import socket
import struct
import time

BCAST = b"\xff" * 6


def csum(data):
    """The Internet checksum of data."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return ~s & 0xffff


def ipv4(src, dst, proto, payload):
    """An IPv4 packet (no options) around payload."""
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0, 0, 64, proto, 0, src, dst)
    return hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:] + payload


def udp(src, dst, sport, dport, payload):
    """A UDP datagram with its checksum."""
    pseudo = src + dst + struct.pack("!BBH", 0, 17, 8 + len(payload))
    hdr = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
    c = csum(pseudo + hdr + payload) or 0xffff
    return hdr[:6] + struct.pack("!H", c) + payload


def ipv6(src, dst, nh, payload, hops=64):
    """An IPv6 packet (no extension headers) around payload."""
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), nh, hops, src, dst) + payload


def udp6(src, dst, sport, dport, payload):
    """A UDP datagram for IPv6 with its checksum (never 0)."""
    pseudo = src + dst + struct.pack("!IxxxB", 8 + len(payload), 17)
    hdr = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
    c = csum(pseudo + hdr + payload) or 0xffff
    return hdr[:6] + struct.pack("!H", c) + payload


def echo6_reply(src, dst, request):
    """The ICMPv6 echo reply to an echo request (ICMPv6 header and data)."""
    reply = b"\x81\0\0\0" + request[4:]
    pseudo = src + dst + struct.pack("!IxxxB", len(reply), 58)
    return reply[:2] + struct.pack("!H", csum(pseudo + reply)) + reply[4:]


def echo_reply(request):
    """The ICMP echo reply to an echo request (ICMP header and data)."""
    reply = b"\0\0\0\0" + request[4:]
    return reply[:2] + struct.pack("!H", csum(reply)) + reply[4:]


ETH_P_ALL, ETH_P_8021Q, ETH_P_8021AD = 0x0003, 0x8100, 0x88a8
SOL_PACKET, PACKET_AUXDATA, TP_STATUS_VLAN_VALID = 263, 8, 0x10
PACKET_STATISTICS = 6


class Port:
    """A raw Ethernet socket on IFACE for one VLAN stack: VIDS, outermost
    first (none: untagged).  Frames on any other stack are not ours."""

    def __init__(self, iface, vids):
        self.vids = list(vids)
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        # room for a second of a test's stream if the program falls behind
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self.sock.bind((iface, 0))
        self.sock.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
        self.mac = self.sock.getsockname()[4]
        self.dropped = 0

    def drops(self):
        """Frames the kernel dropped for want of room in this socket, so far."""
        # struct tpacket_stats; reading it resets the kernel's counts
        _, drops = struct.unpack("II", self.sock.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8))
        self.dropped += drops
        return self.dropped

    def send(self, dst, etype, payload):
        tags = b"".join(struct.pack("!HH", ETH_P_8021Q, v) for v in self.vids)
        frame = dst + self.mac + tags + struct.pack("!H", etype) + payload
        self.sock.send(frame.ljust(64, b"\0"))

    def recv(self, timeout):
        """(src MAC, ethertype, payload) of the next frame of ours, or None."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                data, anc, _, addr = self.sock.recvmsg(65536, socket.CMSG_SPACE(32))
            except socket.timeout:
                return None
            if addr[2] == socket.PACKET_OUTGOING or len(data) < 14:
                continue
            # the kernel may have taken the outer tag out of the frame
            vids = []
            for level, kind, cdata in anc:
                if level == SOL_PACKET and kind == PACKET_AUXDATA:
                    status, _, _, _, _, tci, _ = struct.unpack("IIIHHHH", cdata[:20])
                    if status & TP_STATUS_VLAN_VALID:
                        vids.append(tci & 0xfff)
            etype, body = struct.unpack("!H", data[12:14])[0], data[14:]
            while etype in (ETH_P_8021Q, ETH_P_8021AD) and len(body) >= 4:
                vids.append(struct.unpack("!H", body[:2])[0] & 0xfff)
                etype, body = struct.unpack("!H", body[2:4])[0], body[4:]
            if vids == self.vids:
                return data[6:12], etype, body
