#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Self-test of wirecheck.py on small hand-built captures.

    wirecheck_selftest.py

Writes pcap files into a temporary directory, runs wirecheck.py on each and
checks its exit status and output.  Prints "ok NAME" or "FAIL NAME: why"
per case and "N passed, M failed"; exits 1 if any case failed.
"""
import os
import struct
import subprocess
import sys
import tempfile

from pktlib import csum, ipv4, udp

WIRECHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wirecheck.py")

DMAC, SMAC = bytes.fromhex("020000000002"), bytes.fromhex("020000000001")
SRC, DST = bytes([192, 168, 1, 2]), bytes([192, 0, 2, 2])
SRC6, DST6 = bytes.fromhex("20010db8000100000000000000000002"), \
    bytes.fromhex("20010db8000200000000000000000002")
FLOW = ["--proto", "udp", "--src", "192.168.1.2", "--dst", "192.0.2.2",
        "--sport", "40000", "--dport", "9000"]
FLOW6_TCP = ["--proto", "tcp", "--src", "2001:db8:1::2", "--dst", "2001:db8:2::2",
             "--sport", "40000", "--dport", "9000"]
FLOW6_UDP = ["--proto", "udp", "--src", "2001:db8:1::2", "--dst", "2001:db8:2::2"]


# packet builders; IPv4 and UDP come from pktlib

def pseudo(src, dst, proto, length):
    if len(src) == 4:
        return src + dst + struct.pack("!BBH", 0, proto, length)
    return src + dst + struct.pack("!IxxxB", length, proto)


def tcp(src, dst, sport, dport, payload):
    hdr = struct.pack("!HHIIBBHHH", sport, dport, 1000, 2000, 5 << 4, 0x18, 512, 0, 0)
    c = csum(pseudo(src, dst, 6, len(hdr) + len(payload)) + hdr + payload)
    return hdr[:16] + struct.pack("!H", c) + hdr[18:] + payload


def udp6(src, dst, sport, dport, payload):
    hdr = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
    c = csum(pseudo(src, dst, 17, len(hdr) + len(payload)) + hdr + payload) or 0xffff
    return hdr[:6] + struct.pack("!H", c) + payload


def ipv6(src, dst, nexthdr, payload, hops=64):
    return struct.pack("!IHBB", 0x60000000, len(payload), nexthdr, hops) + src + dst + payload


def eth(ip, tags=(), pppoe=None, etype=None, dmac=DMAC, smac=SMAC, special=b""):
    """An Ethernet frame around an IP packet: tags are (tpid, pcp, vid),
    pppoe a session id, special bytes go right after the source MAC."""
    out = dmac + smac + special
    for tpid, pcp, vid in tags:
        out += struct.pack("!HH", tpid, pcp << 13 | vid)
    v6 = ip[0] >> 4 == 6
    if pppoe is not None:
        return out + struct.pack("!HBBHHH", 0x8864, 0x11, 0, pppoe, 2 + len(ip),
                                 0x0057 if v6 else 0x0021) + ip
    return out + struct.pack("!H", etype or (0x86dd if v6 else 0x0800)) + ip


def udp4_ip(payload=b"x" * 32, sport=40000, dport=9000, src=SRC, dst=DST):
    return ipv4(src, dst, 17, udp(src, dst, sport, dport, payload))


def udp4(**kw):
    return eth(udp4_ip(), **kw)


def tcp6(payload=b"y" * 40):
    return eth(ipv6(SRC6, DST6, 6, tcp(SRC6, DST6, 40000, 9000, payload)))


def udp6_frame():
    return eth(ipv6(SRC6, DST6, 17, udp6(SRC6, DST6, 40000, 9000, b"z" * 16)))


def arp():
    body = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + SMAC + SRC + b"\0" * 6 + DST
    return eth(body, etype=0x0806, dmac=b"\xff" * 6)


def patch(frame, off, value):
    """frame with the 16-bit field at off set to value."""
    return frame[:off] + struct.pack("!H", value) + frame[off + 2:]


def flip16(frame, off):
    return patch(frame, off, struct.unpack_from("!H", frame, off)[0] ^ 0x0101)


# offsets in an untagged IPv4 frame and in an IPv6 frame
IP4_CSUM, UDP4_CSUM = 14 + 10, 14 + 20 + 6
TCP6_CSUM, UDP6_CSUM = 14 + 40 + 16, 14 + 40 + 6


def pcap(records, endian="<", nano=False, linktype=1, tail=b""):
    """Classic pcap bytes; a record is a frame or (captured bytes, length)."""
    out = struct.pack(endian + "IHHiIII", 0xa1b23c4d if nano else 0xa1b2c3d4,
                      2, 4, 0, 0, 262144, linktype)
    for i, rec in enumerate(records):
        data, length = rec if isinstance(rec, tuple) else (rec, len(rec))
        out += struct.pack(endian + "IIII", 1700000000 + i, 0, len(data), length) + data
    return out + tail


def cooked(frame):
    """The Linux cooked v1 form of an Ethernet frame, as received."""
    return struct.pack("!HHH", 0, 1, 6) + frame[6:12] + b"\0\0" + frame[12:]


class Runner:
    def __init__(self, tmp):
        self.tmp, self.passed, self.failed = tmp, 0, 0

    def case(self, name, data, args, rc, want=None):
        """Run wirecheck on data (pcap bytes, or None for no file); expect exit
        status rc and, if given, the text want in its output."""
        path = os.path.join(self.tmp, name + ".pcap")
        if data is not None:
            with open(path, "wb") as f:
                f.write(data)
        p = subprocess.run([sys.executable, WIRECHECK, path, *args],
                           capture_output=True, text=True)
        out = (p.stdout + p.stderr).strip()
        why = None
        if p.returncode != rc:
            why = f"exit {p.returncode} expected {rc}"
        elif rc in (0, 1) and not p.stdout.startswith("wirecheck: "):
            why = "no summary line"
        elif want is not None and want not in out:
            why = f"{want!r} not in the output"
        if why:
            self.failed += 1
            print(f"FAIL {name}: {why}: {out}")
        else:
            self.passed += 1
            print(f"ok {name}")


def run_cases(t):
    good = [udp4() for _ in range(3)]
    t.case("udp4-ok", pcap([arp()] + good), FLOW + ["--count", "3"], 0,
           "3 frames match (udp 192.168.1.2:40000->192.0.2.2:9000)")
    t.case("udp4-count-wrong", pcap(good), FLOW + ["--count", "4"], 1, "count 3 expected 4")
    t.case("udp4-min", pcap(good), FLOW + ["--min", "3"], 0)
    t.case("udp4-min-wrong", pcap(good), FLOW + ["--min", "4"], 1)
    t.case("udp4-bad-udp-csum", pcap(good + [flip16(udp4(), UDP4_CSUM)]), FLOW, 1,
           "frame 4: udp checksum")
    t.case("udp4-bad-ip-csum", pcap([flip16(udp4(), IP4_CSUM)]), FLOW, 1,
           "ipv4 header checksum")
    t.case("udp4-bad-csum-ignored", pcap([flip16(udp4(), UDP4_CSUM)]), FLOW + ["--no-csum"], 0)
    t.case("udp4-csum-zero", pcap([patch(udp4(), UDP4_CSUM, 0)]), FLOW, 0)
    padded = eth(udp4_ip(b"p")).ljust(60, b"\xaa")
    t.case("udp4-padding", pcap([padded]), FLOW + ["--count", "1"], 0)
    t.case("udp4-udp-length", pcap([patch(udp4(), 14 + 20 + 4, 30)]), FLOW + ["--no-csum"],
           1, "udp length 30 expected 40")

    vlan = udp4(tags=[(0x8100, 0, 100)])
    t.case("vlan-100", pcap([vlan]), FLOW + ["--vlan", "100"], 0)
    t.case("vlan-100-not-none", pcap([vlan]), FLOW + ["--vlan", "none"], 1,
           "frame 1: vlan [100] expected []")
    t.case("vlan-100-not-200", pcap([vlan]), FLOW + ["--vlan", "200"], 1,
           "vlan [100] expected [200]")
    t.case("untagged-not-100", pcap([udp4()]), FLOW + ["--vlan", "100"], 1,
           "vlan [] expected [100]")
    t.case("untagged-none", pcap([udp4()]), FLOW + ["--vlan", "none"], 0)
    qinq = udp4(tags=[(0x88a8, 0, 100), (0x8100, 0, 200)])
    t.case("qinq", pcap([qinq]), FLOW + ["--vlan", "100,200", "--tpid", "0x88a8,0x8100"], 0)
    t.case("qinq-order", pcap([qinq]), FLOW + ["--vlan", "200,100"], 1,
           "vlan [100, 200] expected [200, 100]")
    t.case("qinq-tpid", pcap([qinq]), FLOW + ["--tpid", "0x8100,0x8100"], 1, "tpid")
    pcp = udp4(tags=[(0x8100, 5, 100)])
    t.case("pcp-5", pcap([pcp]), FLOW + ["--vlan", "100", "--pcp", "5"], 0)
    t.case("pcp-not-0", pcap([pcp]), FLOW + ["--pcp", "0"], 1, "pcp 5 expected 0")

    pppoe = udp4(pppoe=0x1234)
    t.case("pppoe-hex", pcap([pppoe]), FLOW + ["--pppoe", "0x1234"], 0)
    t.case("pppoe-decimal", pcap([pppoe]), FLOW + ["--pppoe", "4660"], 0)
    t.case("pppoe-wrong-session", pcap([pppoe]), FLOW + ["--pppoe", "4661"], 1,
           "pppoe 0x1234 expected 0x1235")
    t.case("pppoe-not-none", pcap([pppoe]), FLOW + ["--pppoe", "none"], 1)
    t.case("pppoe-missing", pcap([udp4()]), FLOW + ["--pppoe", "0x1234"], 1,
           "pppoe none expected 0x1234")
    t.case("pppoe-length", pcap([patch(pppoe, 18, 30)]), FLOW + ["--pppoe", "0x1234"], 1,
           "pppoe length 30 expected")
    t.case("pppoe-vlan-ipv6", pcap([eth(ipv6(SRC6, DST6, 17, udp6(SRC6, DST6, 1, 2, b"v")),
                                        tags=[(0x8100, 0, 7)], pppoe=0x22)]),
           ["--proto", "udp", "--vlan", "7", "--pppoe", "0x22"], 0)

    leak = udp4(special=b"\x00\x02\x00\x00")
    t.case("special-tag-no-other", pcap(good + [leak]), FLOW + ["--no-other"], 1,
           "frame 4: ethertype 0x0002 (other)")
    t.case("special-tag-counted", pcap(good + [leak]), FLOW, 0, "1 other")

    t.case("tcp6-ok", pcap([tcp6(), tcp6()]), FLOW6_TCP + ["--count", "2"], 0)
    t.case("tcp6-bad-csum", pcap([flip16(tcp6(), TCP6_CSUM)]), FLOW6_TCP, 1, "tcp checksum")
    t.case("udp6-ok", pcap([udp6_frame()]), FLOW6_UDP, 0)
    t.case("udp6-csum-zero", pcap([patch(udp6_frame(), UDP6_CSUM, 0)]), FLOW6_UDP, 1,
           "udp checksum 0x0000 (none) over ipv6")

    other_flow = eth(udp4_ip(sport=40001))
    t.case("count-0-none", pcap([arp(), other_flow]), FLOW + ["--count", "0"], 0,
           "0 frames match")
    t.case("count-0-but-one", pcap([udp4()]), FLOW + ["--count", "0"], 1)
    t.case("no-match", pcap([arp(), other_flow]), FLOW, 1, "no frame matched")
    t.case("only-flow", pcap([arp(), udp4()]), FLOW + ["--only-flow"], 0)
    t.case("only-flow-wrong", pcap([udp4(), other_flow]), FLOW + ["--only-flow"], 1,
           "frame 2: udp 192.168.1.2:40001->192.0.2.2:9000 does not match")

    t.case("macs", pcap([udp4()]), FLOW + ["--dmac", "02:00:00:00:00:02",
                                          "--smac", "02:00:00:00:00:01", "--ttl", "64"], 0)
    t.case("dmac-wrong", pcap([udp4()]), FLOW + ["--dmac", "02:00:00:00:00:09"], 1,
           "dmac 02:00:00:00:00:02 expected 02:00:00:00:00:09")
    t.case("ttl-wrong", pcap([udp4()]), FLOW + ["--ttl", "63"], 1, "ttl 64 expected 63")

    # a first fragment: its UDP checksum covers bytes it does not carry
    frag = patch(udp4(), 14 + 6, 0x2000)
    frag = patch(frag, IP4_CSUM, 0)
    frag = patch(frag, IP4_CSUM, csum(frag[14:34]))
    t.case("first-fragment", pcap([patch(frag, UDP4_CSUM, 0x1234)]), FLOW, 0)

    t.case("snaplen-short", pcap(good + [(udp4()[:50], len(udp4()))]), FLOW, 1,
           "frame 4: captured 50 of 74 bytes")
    t.case("snaplen-short-no-csum", pcap([(udp4()[:50], len(udp4()))]),
           FLOW + ["--no-csum"], 0)
    t.case("snaplen-headers-cut", pcap(good + [(udp4()[:30], len(udp4()))]), FLOW, 1,
           "headers cut")
    cut = struct.pack("<IIII", 0, 0, 74, 74) + udp4()[:20]
    t.case("truncated-record", pcap(good, tail=cut), FLOW + ["--count", "3"], 0, "1 truncated")
    t.case("truncated-record-header", pcap(good, tail=b"\0" * 9), FLOW + ["--count", "3"], 0,
           "1 truncated")

    t.case("big-endian", pcap(good, endian=">"), FLOW + ["--count", "3"], 0)
    t.case("nanosecond", pcap(good, nano=True), FLOW + ["--count", "3"], 0)
    t.case("big-endian-nanosecond", pcap(good, ">", True), FLOW + ["--count", "3"], 0)
    t.case("cooked", pcap([cooked(vlan)], linktype=113), FLOW + ["--vlan", "100"], 0)
    t.case("cooked-no-dmac", pcap([cooked(vlan)], linktype=113),
           FLOW + ["--dmac", "02:00:00:00:00:02"], 1, "dmac unknown")

    t.case("usage-bad-vlan", pcap(good), FLOW + ["--vlan", "abc"], 2)
    t.case("usage-bad-ip", pcap(good), ["--src", "1.2.3"], 2)
    t.case("missing-file", None, FLOW, 2, "No such file")
    t.case("pcapng", b"\x0a\x0d\x0d\x0a" + b"\0" * 40, FLOW, 2, "pcapng")
    t.case("linktype-raw", pcap(good, linktype=101), FLOW, 2, "link type 101")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        t = Runner(tmp)
        run_cases(t)
    print(f"{t.passed} passed, {t.failed} failed")
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
