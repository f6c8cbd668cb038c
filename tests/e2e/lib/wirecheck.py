#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Prove from a capture that the frames of one flow arrived correctly rewritten.

    wirecheck.py PCAP [filter] [expectations]

PCAP is written by "tcpdump -s 0 -w" on the receiving interface: classic
pcap in either byte order, micro- or nanosecond stamps, Ethernet (or Linux
cooked v1 from "-i any", which has no destination MAC).  Every frame is
parsed here from its bytes, independently of the code under test.

Filter, which frames belong to the flow (all given must hold):
    --proto udp|tcp|icmp|any    default any; icmp means ICMPv6 over IPv6
    --src IP  --dst IP  --sport N  --dport N

Expectations on every matching frame:
    --vlan none|VID[,VID...]    exact tag stack, outer first
    --pcp N                     PCP of the outer tag
    --tpid TPID[,TPID...]       TPIDs outer first (0x8100, 0x88a8)
    --pppoe none|SID            PPPoE session (decimal or 0x hex)
    --dmac MAC  --smac MAC      exact MACs
    --ttl N                     IPv4 TTL / IPv6 hop limit
    --no-csum                   skip checksum verification
  Always checked: the PPPoE length is 2 + the IP length, the IP length fits
  the frame, the UDP length is the IP payload length.  Unless --no-csum: the
  IPv4 header checksum and the UDP, TCP and ICMP checksums (UDP checksum 0
  means none, allowed over IPv4 only; the L4 checksum of an IPv4 fragment
  covers the whole datagram and is not checked), and so a frame captured
  shorter than it was (snaplen) fails as "short".  A frame whose headers
  the snaplen cut fails as "short" in any case: it might be of the flow.

Expectations on the whole capture:
    --count N       exactly N matching frames (--count 0: the flow never came)
    --min N         at least N matching frames
    --no-other      no frame of an unknown ethertype anywhere (for example a
                    leaked MediaTek special tag, seen as ethertype 0x00xx)
    --only-flow     every IP frame matches the filter; control frames (ARP,
                    PPPoE discovery, PPP LCP/IPCP, ICMPv6 ND/MLD) are allowed

Prints one summary line such as
    wirecheck: 3001 frames match (udp 192.168.1.2:40000->192.0.2.2:9000),
    0 wrong l2, 0 wrong ip, 0 bad csum, 0 short, 0 other, 12 control,
    0 unmatched ip, 0 truncated; OK
(on one line), ending in "FAIL: reasons" instead of "OK" on failure,
followed by up to 5 lines on offending frames, numbered from 1 as in
Wireshark: "frame 17: vlan [] expected [100]".  A truncated last record
(tcpdump killed) is ignored and counted as truncated.

Exit status: 0 if every expectation held and some frame matched (none may
match only with --count 0), 1 if not, 2 on usage errors or an unreadable
file.
"""
import argparse
import ipaddress
import struct
import sys
from collections import Counter

PCAP_MAGICS = (0xa1b2c3d4, 0xa1b23c4d)      # microsecond, nanosecond stamps
PCAPNG_MAGIC = 0x0a0d0d0a
LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL = 1, 113

ETH_IP, ETH_IPV6, ETH_ARP = 0x0800, 0x86dd, 0x0806
ETH_PPPOE_DISC, ETH_PPPOE_SESS = 0x8863, 0x8864
TPIDS = (0x8100, 0x88a8)
PPP_IP, PPP_IPV6 = 0x0021, 0x0057
PPP_CONTROL = (0xc021, 0xc023, 0xc223, 0x8021, 0x8057)  # LCP PAP CHAP IPCP IPV6CP
ICMPV6_CONTROL = (130, 131, 132, 133, 134, 135, 136, 137, 143)  # MLD and ND
IP_ICMP, IP_TCP, IP_UDP, IP_ICMPV6, IP_HOPOPTS = 1, 6, 17, 58, 0
PROTOS = {"icmp": (IP_ICMP, IP_ICMPV6), "tcp": (IP_TCP, IP_TCP), "udp": (IP_UDP, IP_UDP)}
L4_NAMES = {IP_ICMP: "icmp", IP_TCP: "tcp", IP_UDP: "udp", IP_ICMPV6: "icmpv6"}
CSUM_OFFSET = {IP_ICMP: 2, IP_TCP: 16, IP_UDP: 6, IP_ICMPV6: 2}
NO_SESSION = -1                             # --pppoe none
MAX_DETAILS = 5


class PcapError(Exception):
    pass


class Capture:
    """The records of a classic pcap file, as (data, original length)."""

    def __init__(self, f):
        self.f = f
        hdr = f.read(24)
        if len(hdr) < 24:
            raise PcapError("too short for a pcap header")
        for self.endian in "<>":
            if struct.unpack(self.endian + "I", hdr[:4])[0] in PCAP_MAGICS:
                break
        else:
            if struct.unpack("<I", hdr[:4])[0] == PCAPNG_MAGIC:
                raise PcapError("pcapng is not supported, write classic pcap (tcpdump -w)")
            raise PcapError(f"not a pcap file (magic {hdr[:4].hex()})")
        self.linktype = struct.unpack(self.endian + "I", hdr[20:24])[0] & 0xffff
        if self.linktype not in (LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL):
            raise PcapError(f"link type {self.linktype} is not supported "
                            "(only 1 Ethernet and 113 Linux cooked v1)")
        self.truncated = 0

    def __iter__(self):
        while True:
            hdr = self.f.read(16)
            if not hdr:
                return
            # a short record can only be the last one: tcpdump was killed
            if len(hdr) < 16:
                self.truncated += 1
                return
            _, _, caplen, origlen = struct.unpack(self.endian + "IIII", hdr)
            data = self.f.read(caplen)
            if len(data) < caplen:
                self.truncated += 1
                return
            yield data, origlen


class Frame:
    """What one frame carries.  kind is "ip", "control" or "other"; cut is
    set when the bytes ended before the headers did."""

    def __init__(self):
        self.kind, self.note, self.cut = "other", "", False
        self.dmac = self.smac = None
        self.tags = []                      # (tpid, pcp, vid), outer first
        self.pppoe = None                   # (session, length)
        self.version = self.src = self.dst = self.ttl = None
        self.proto = None                   # L4 protocol, None for "no L4"
        self.sport = self.dport = None
        self.pkt = b""                      # the IP packet, without padding
        self.ip_len = self.hdr_len = 0
        self.fragment = False


def be16(data, off):
    return struct.unpack_from("!H", data, off)[0]


def csum(data):
    """The Internet checksum of data; 0 over data that holds a right one."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s >> 16) + (s & 0xffff)
    return ~s & 0xffff


def mac_text(mac):
    return "unknown" if mac is None else mac.hex(":")


def decode(data, linktype):
    """Parse a frame from its first byte."""
    f = Frame()
    if linktype == LINKTYPE_ETHERNET:
        f.dmac, f.smac, off = data[0:6], data[6:12], 12
    else:
        # cooked v1: packet type, ARPHRD, address length, address, protocol
        if len(data) >= 6 and be16(data, 4) == 6:
            f.smac = data[6:12]
        off = 14
    while True:
        if len(data) < off + 2:
            f.cut, f.note = True, "link header cut"
            return f
        etype = be16(data, off)
        off += 2
        if etype in TPIDS and len(data) >= off + 2:
            tci = be16(data, off)
            f.tags.append((etype, tci >> 13, tci & 0xfff))
            off += 2
        elif etype in TPIDS:
            f.cut, f.note = True, "vlan tag cut"
            return f
        elif etype == ETH_PPPOE_SESS:
            return decode_pppoe(f, data, off)
        elif etype in (ETH_IP, ETH_IPV6):
            return decode_ip(f, data[off:], 4 if etype == ETH_IP else 6)
        elif etype in (ETH_ARP, ETH_PPPOE_DISC):
            f.kind = "control"
            return f
        else:
            f.note = f"ethertype 0x{etype:04x}"
            return f


def decode_pppoe(f, data, off):
    if len(data) < off + 8:
        f.cut, f.note = True, "pppoe header cut"
        return f
    vertype, code, sid, length, proto = struct.unpack_from("!BBHHH", data, off)
    if vertype != 0x11 or code != 0:
        f.note = f"pppoe ver/type 0x{vertype:02x} code 0x{code:02x}"
        return f
    f.pppoe = (sid, length)
    if proto in (PPP_IP, PPP_IPV6):
        return decode_ip(f, data[off + 8:], 4 if proto == PPP_IP else 6)
    if proto in PPP_CONTROL:
        f.kind = "control"
    else:
        f.note = f"ppp protocol 0x{proto:04x}"
    return f


def decode_ip(f, pkt, version):
    f.kind = "ip"
    if not (decode_ipv4 if version == 4 else decode_ipv6)(f, pkt):
        return f
    # the IP length, not the frame, says where the packet ends (padding)
    f.pkt = pkt[:f.ip_len]
    if version == 4 and be16(pkt, 6) & 0x1fff:
        return f                            # not the first fragment: no ports
    if f.proto in (IP_TCP, IP_UDP):
        if len(f.pkt) >= f.hdr_len + 4:
            f.sport, f.dport = struct.unpack_from("!HH", f.pkt, f.hdr_len)
        else:
            f.cut = len(pkt) < f.ip_len
    return f


def decode_ipv4(f, pkt):
    """Fill in the IPv4 fields; False if the header is not all there."""
    if len(pkt) < 20 or pkt[0] >> 4 != 4:
        f.cut, f.note = len(pkt) < 20, "bad ipv4 header"
        return False
    f.hdr_len = (pkt[0] & 0xf) * 4
    f.ip_len = be16(pkt, 2)
    if f.hdr_len < 20 or f.ip_len < f.hdr_len or len(pkt) < f.hdr_len:
        f.cut, f.note = len(pkt) < f.hdr_len, "bad ipv4 header"
        return False
    f.version, f.ttl, f.proto = 4, pkt[8], pkt[9]
    f.src, f.dst = ipaddress.IPv4Address(pkt[12:16]), ipaddress.IPv4Address(pkt[16:20])
    f.fragment = be16(pkt, 6) & 0x3fff != 0    # MF or an offset
    return True


def decode_ipv6(f, pkt):
    """Fill in the IPv6 fields; False if the header is not all there."""
    if len(pkt) < 40 or pkt[0] >> 4 != 6:
        f.cut, f.note = len(pkt) < 40, "bad ipv6 header"
        return False
    f.version, f.hdr_len = 6, 40
    f.ip_len = 40 + be16(pkt, 4)
    nexthdr, f.ttl = pkt[6], pkt[7]
    f.proto = nexthdr if nexthdr in CSUM_OFFSET else None
    f.src, f.dst = ipaddress.IPv6Address(pkt[8:24]), ipaddress.IPv6Address(pkt[24:40])
    if nexthdr == IP_HOPOPTS and is_icmpv6_control(pkt):
        f.kind = "control"
    elif nexthdr == IP_ICMPV6 and len(pkt) > 40 and pkt[40] in ICMPV6_CONTROL:
        f.kind = "control"
    return True


def is_icmpv6_control(pkt):
    """An MLD report comes behind a hop-by-hop header."""
    if len(pkt) < 42 or pkt[40] != IP_ICMPV6:
        return False
    off = 40 + (pkt[41] + 1) * 8
    return len(pkt) > off and pkt[off] in ICMPV6_CONTROL


def matches(f, args):
    if f.version is None:
        return False
    if args.proto != "any" and f.proto != PROTOS[args.proto][f.version == 6]:
        return False
    for want, got in ((args.src, f.src), (args.dst, f.dst),
                      (args.sport, f.sport), (args.dport, f.dport)):
        if want is not None and want != got:
            return False
    return True


def check_l2(f, args):
    bad = []
    vids = [t[2] for t in f.tags]
    if args.vlan is not None and vids != args.vlan:
        bad.append(f"vlan {vids} expected {args.vlan}")
    if args.pcp is not None:
        pcp = f.tags[0][1] if f.tags else "untagged"
        if pcp != args.pcp:
            bad.append(f"pcp {pcp} expected {args.pcp}")
    tpids = [t[0] for t in f.tags]
    if args.tpid is not None and tpids != args.tpid:
        bad.append(f"tpid {hex_list(tpids)} expected {hex_list(args.tpid)}")
    sid = f.pppoe[0] if f.pppoe else NO_SESSION
    if args.pppoe is not None and sid != args.pppoe:
        bad.append(f"pppoe {session_text(sid)} expected {session_text(args.pppoe)}")
    if f.pppoe and f.pppoe[1] != 2 + f.ip_len:
        bad.append(f"pppoe length {f.pppoe[1]} expected {2 + f.ip_len} (2 + ip length)")
    for name, want, got in (("dmac", args.dmac, f.dmac), ("smac", args.smac, f.smac)):
        if want is not None and want != got:
            bad.append(f"{name} {mac_text(got)} expected {mac_text(want)}")
    return bad


def hex_list(values):
    return "[" + ",".join(f"0x{v:04x}" for v in values) + "]"


def session_text(sid):
    return "none" if sid == NO_SESSION else f"0x{sid:04x}"


def check_ip(f, args, short):
    bad = []
    if args.ttl is not None and f.ttl != args.ttl:
        bad.append(f"ttl {f.ttl} expected {args.ttl}")
    if not short and len(f.pkt) < f.ip_len:
        bad.append(f"ip length {f.ip_len} but the frame carries {len(f.pkt)} bytes")
    elif f.proto == IP_UDP and not f.fragment and len(f.pkt) >= f.hdr_len + 6:
        udp_len = be16(f.pkt, f.hdr_len + 4)
        if udp_len != f.ip_len - f.hdr_len:
            bad.append(f"udp length {udp_len} expected {f.ip_len - f.hdr_len}")
    return bad


def check_csum(f, short):
    bad = []
    if f.version == 4 and csum(f.pkt[:f.hdr_len]):
        hdr = f.pkt[:f.hdr_len]
        want = csum(hdr[:10] + b"\0\0" + hdr[12:])
        bad.append(f"ipv4 header checksum 0x{be16(hdr, 10):04x} expected 0x{want:04x}")
    # a fragment's L4 checksum covers the whole datagram
    if short or f.fragment or f.proto not in CSUM_OFFSET or len(f.pkt) < f.ip_len:
        return bad
    seg, off, name = f.pkt[f.hdr_len:], CSUM_OFFSET[f.proto], L4_NAMES[f.proto]
    if len(seg) < off + 2:
        return bad + [f"{name} header cut"]
    got = be16(seg, off)
    if f.proto == IP_UDP and got == 0:
        return bad + (["udp checksum 0x0000 (none) over ipv6"] if f.version == 6 else [])
    pseudo = pseudo_header(f, len(seg))
    if csum(pseudo + seg):
        want = csum(pseudo + seg[:off] + b"\0\0" + seg[off + 2:])
        if f.proto == IP_UDP and want == 0:
            want = 0xffff                   # 0 would mean "no checksum"
        bad.append(f"{name} checksum 0x{got:04x} expected 0x{want:04x}")
    return bad


def pseudo_header(f, length):
    if f.proto == IP_ICMP:
        return b""                          # ICMPv4 sums its message only
    if f.version == 4:
        return f.src.packed + f.dst.packed + struct.pack("!BBH", 0, f.proto, length)
    return f.src.packed + f.dst.packed + struct.pack("!IxxxB", length, f.proto)


def check_frame(f, args, data, origlen):
    """The problems of a matching frame, as {category: [messages]}."""
    short = len(data) < origlen
    found = {"wrong l2": check_l2(f, args), "wrong ip": check_ip(f, args, short)}
    if not args.no_csum:
        found["bad csum"] = check_csum(f, short)
        if short:
            found["short"] = [f"captured {len(data)} of {origlen} bytes, "
                              "capture with tcpdump -s 0"]
    return {cat: msgs for cat, msgs in found.items() if msgs}


def scan(capture, args):
    """Count what the capture holds; return (counts, offending frame lines)."""
    counts = Counter()
    details = []
    for n, (data, origlen) in enumerate(capture, 1):
        f = decode(data, capture.linktype)
        problems = []
        if matches(f, args):
            counts["match"] += 1
            found = check_frame(f, args, data, origlen)
            counts.update(found.keys())
            problems = [m for msgs in found.values() for m in msgs]
        elif f.cut and len(data) < origlen:
            # the snaplen cut the headers: whether it is the flow is unknown
            counts["short"] += 1
            problems = [f"captured {len(data)} of {origlen} bytes, headers cut, "
                        "capture with tcpdump -s 0"]
        elif f.kind == "ip":
            counts["unmatched ip"] += 1
            if args.only_flow:
                problems = [f"{ip_text(f)} does not match the flow"]
        else:
            counts[f.kind] += 1
            if f.kind == "other" and args.no_other:
                problems = [f"{f.note} (other) from {mac_text(f.smac)}"]
        if problems and len(details) < MAX_DETAILS:
            details.append(f"frame {n}: " + "; ".join(problems))
    counts["truncated"] = capture.truncated
    return counts, details


def ip_text(f):
    if f.version is None:
        return f.note
    proto = L4_NAMES.get(f.proto, "no l4" if f.proto is None else f"proto {f.proto}")
    return f"{proto} {endpoint(f.src, f.sport)}->{endpoint(f.dst, f.dport)}"


def endpoint(addr, port):
    text = "*" if addr is None else str(addr)
    if port is None:
        return text
    return f"[{text}]:{port}" if addr is not None and addr.version == 6 else f"{text}:{port}"


def verdict(counts, args):
    """The reasons the capture fails, empty if it passes."""
    reasons = [f"{counts[cat]} {cat}" for cat in ("wrong l2", "wrong ip", "bad csum", "short")
               if counts[cat]]
    if args.no_other and counts["other"]:
        reasons.append(f"{counts['other']} other")
    if args.only_flow and counts["unmatched ip"]:
        reasons.append(f"{counts['unmatched ip']} unmatched ip")
    if args.count is not None and counts["match"] != args.count:
        reasons.append(f"count {counts['match']} expected {args.count}")
    if args.min is not None and counts["match"] < args.min:
        reasons.append(f"count {counts['match']} expected at least {args.min}")
    if args.count is None and counts["match"] == 0:
        reasons.append("no frame matched")
    return reasons


def summary(counts, args, reasons):
    flow = f"{args.proto} {endpoint(args.src, args.sport)}->{endpoint(args.dst, args.dport)}"
    parts = ", ".join(f"{counts[cat]} {cat}" for cat in (
        "wrong l2", "wrong ip", "bad csum", "short", "other", "control", "unmatched ip",
        "truncated"))
    result = "FAIL: " + ", ".join(reasons) if reasons else "OK"
    return f"wirecheck: {counts['match']} frames match ({flow}), {parts}; {result}"


# argument types: a ValueError becomes a usage error
def vid_list(text):
    if text == "none":
        return []
    vids = [int(v) for v in text.split(",")]
    if not all(0 <= v < 4096 for v in vids):
        raise ValueError(text)
    return vids


def tpid_list(text):
    return [int(v, 0) for v in text.split(",")]


def session(text):
    if text == "none":
        return NO_SESSION
    sid = int(text, 0)
    if not 0 <= sid <= 0xffff:
        raise ValueError(text)
    return sid


def mac(text):
    raw = bytes.fromhex(text.replace(":", "").replace("-", ""))
    if len(raw) != 6:
        raise ValueError(text)
    return raw


def port(text):
    n = int(text)
    if not 0 <= n <= 0xffff:
        raise ValueError(text)
    return n


def parse_args(argv):
    p = argparse.ArgumentParser(prog="wirecheck.py",
                                usage="%(prog)s PCAP [filter] [expectations]",
                                description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    hide = argparse.SUPPRESS                # the docstring is the help
    p.add_argument("pcap", help=hide)
    p.add_argument("--proto", choices=("udp", "tcp", "icmp", "any"), default="any", help=hide)
    p.add_argument("--src", type=ipaddress.ip_address, help=hide)
    p.add_argument("--dst", type=ipaddress.ip_address, help=hide)
    p.add_argument("--sport", type=port, help=hide)
    p.add_argument("--dport", type=port, help=hide)
    p.add_argument("--vlan", type=vid_list, help=hide)
    p.add_argument("--pcp", type=int, choices=range(8), help=hide)
    p.add_argument("--tpid", type=tpid_list, help=hide)
    p.add_argument("--pppoe", type=session, help=hide)
    p.add_argument("--dmac", type=mac, help=hide)
    p.add_argument("--smac", type=mac, help=hide)
    p.add_argument("--ttl", type=int, help=hide)
    p.add_argument("--no-csum", action="store_true", help=hide)
    p.add_argument("--count", type=int, help=hide)
    p.add_argument("--min", type=int, help=hide)
    p.add_argument("--no-other", action="store_true", help=hide)
    p.add_argument("--only-flow", action="store_true", help=hide)
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    try:
        with open(args.pcap, "rb") as f:
            counts, details = scan(Capture(f), args)
    except (OSError, PcapError) as e:
        print(f"wirecheck: {args.pcap}: {e}", file=sys.stderr)
        return 2
    reasons = verdict(counts, args)
    print(summary(counts, args, reasons))
    if reasons:
        print("\n".join(details))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
