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


def echo_reply(request):
    """The ICMP echo reply to an echo request (ICMP header and data)."""
    reply = b"\0\0\0\0" + request[4:]
    return reply[:2] + struct.pack("!H", csum(reply)) + reply[4:]
