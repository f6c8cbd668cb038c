"""Packet building shared by the user-space test hosts (taghost, pppoehost)."""
import struct

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
