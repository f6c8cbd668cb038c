#!/bin/bash
# Build the guest initramfs from Debian arm64 packages, running no arm64 code:
# apt-get download + dpkg -x into a staging tree, then copy only the tools we
# need and their shared-library closure (found with readelf) plus our guest
# scripts into the image.
#
#   initramfs.sh        $FLOWSW_CACHE/initramfs.cpio.gz
#   initramfs.sh debug  the same plus a layer with the modules of the
#                       sanitizer kernel (scripts/kernel.sh debug), which
#                       /init loads: $FLOWSW_CACHE/initramfs-debug.cpio.gz
set -euo pipefail
. "$(dirname "$0")/common.sh"

if [ "${1:-}" = debug ]; then
	"$0"
	mods=$FLOWSW_CACHE/modules-debug
	[ -d "$mods/lib/modules" ] || die "$mods is missing: run scripts/kernel.sh debug first"
	out=$FLOWSW_CACHE/initramfs-debug.cpio.gz
	# The kernel unpacks concatenated archives one after the other.
	{ cat "$FLOWSW_CACHE/initramfs.cpio.gz"
	  (cd "$mods" && find lib | sort | cpio -o -H newc --quiet | gzip -1); } > "$out.tmp"
	mv "$out.tmp" "$out"
	log "initramfs: $out"
	exit 0
fi

TOOLS_PKGS="busybox-static nftables iproute2 conntrack tcpdump iperf3 ethtool ppp"
# Binaries the guest runs, as paths inside the packages.
BINARIES="bin/busybox usr/sbin/nft bin/ip sbin/bridge sbin/tc usr/sbin/conntrack
	usr/bin/tcpdump usr/bin/iperf3 sbin/ethtool usr/sbin/pppd"

DEBS=$FLOWSW_CACHE/debs-arm64
mkdir -p "$DEBS"

# The runtime closure: the tools plus every library package they pull in.
closure=$(apt-cache depends --recurse --no-recommends --no-suggests \
	--no-conflicts --no-breaks --no-replaces --no-enhances \
	$(printf '%s:arm64 ' $TOOLS_PKGS) 2>/dev/null |
	sed -n 's/^\(lib[^ <>]*\|zlib1g\):arm64$/\1/p' | sort -u)
pkgs="$TOOLS_PKGS $closure"

# One apt-cache call: asking per package costs seconds each.
versions=$(apt-cache policy $(printf '%s:arm64 ' $pkgs) |
	awk '/^[^ ]/ { sub(/:arm64:$/, ""); p = $1 } /Candidate:/ { print p, $2 }')
key=$( (echo "$versions"; cat "$0"; find "$FLOWSW_ROOT/tests/guest" -type f -print0 |
	sort -z | xargs -0 cat) | sha256sum | cut -c1-12)
OUT=$FLOWSW_CACHE/initramfs-$key.cpio.gz
if [ -f "$OUT" ]; then
	ln -sfn "$OUT" "$FLOWSW_CACHE/initramfs.cpio.gz"
	log "initramfs up to date: $OUT"
	exit 0
fi

need=()
for p in $pkgs; do
	ls "$DEBS/${p}_"*_arm64.deb >/dev/null 2>&1 || need+=("$p:arm64")
done
if [ ${#need[@]} -gt 0 ]; then
	log "downloading ${#need[@]} arm64 packages"
	(cd "$DEBS" && apt-get download -q "${need[@]}" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
fi

# The packages, extracted once per set of versions.
STAGE=$FLOWSW_CACHE/stage-$(echo "$versions" | sha256sum | cut -c1-12)
if [ ! -f "$STAGE/.complete" ]; then
	rm -rf "$FLOWSW_CACHE"/stage-*
	mkdir -p "$STAGE"
	for p in $pkgs; do
		deb=$(ls -t "$DEBS/${p}_"*_arm64.deb | head -n1)
		dpkg -x "$deb" "$STAGE"
	done
	touch "$STAGE/.complete"
fi
ROOT=$(mktemp -d "$FLOWSW_CACHE/rootfs.XXXXXX")
trap 'rm -rf "$ROOT"' EXIT

copy() {	# copy a path from the staging tree, and every link on the way
	local rel=$1 target
	[ -e "$ROOT/$rel" ] || [ -L "$ROOT/$rel" ] && return 0
	mkdir -p "$ROOT/$(dirname "$rel")"
	cp -a "$STAGE/$rel" "$ROOT/$rel"
	if [ -L "$STAGE/$rel" ]; then
		target=$(readlink "$STAGE/$rel")
		case "$target" in
		/*) copy "${target#/}" ;;
		*) copy "$(dirname "$rel")/$target" ;;
		esac
	fi
}

find_lib() {
	local d
	for d in lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu lib usr/lib; do
		[ -e "$STAGE/$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	return 1
}

declare -A seen
walk() {	# copy a binary and, recursively, the libraries it needs
	local rel=$1 lib path
	copy "$rel"
	for lib in $(aarch64-linux-gnu-readelf -d "$(readlink -f "$STAGE/$rel")" 2>/dev/null |
			sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
		[ -n "${seen[$lib]:-}" ] && continue
		seen[$lib]=1
		path=$(find_lib "$lib") || die "$lib (needed by $rel) is in no package of the closure"
		walk "$path"
	done
}

for b in $BINARIES; do
	walk "$b"
done
walk lib/ld-linux-aarch64.so.1
for plugin in "$STAGE"/usr/lib/pppd/*/pppoe.so "$STAGE"/usr/lib/pppd/*/rp-pppoe.so; do
	[ -e "$plugin" ] && walk "${plugin#"$STAGE"/}"
done

# busybox provides the shell and the small tools; iproute2 keeps ip/tc/bridge.
mkdir -p "$ROOT"/{proc,sys,dev,tmp,run,root,etc,usr/bin,usr/sbin,sbin,var/run,mnt}
for a in sh ash cat echo ls mkdir mount umount uname sleep poweroff reboot dmesg \
	grep egrep cut sed awk tr head tail wc sort uniq xargs find ps kill killall \
	printf test [ true false seq date hostname stty base64 od hexdump ping ping6 \
	sysctl rm mv cp ln chmod touch timeout watch vi less more cmp diff expr \
	basename dirname env id which tee nc udhcpc free top mktemp md5sum \
	insmod rmmod lsmod; do
	[ -e "$ROOT/bin/$a" ] || ln -s busybox "$ROOT/bin/$a"
done
printf 'root:x:0:0:root:/root:/bin/sh\ntcpdump:x:0:0::/:/bin/false\n' > "$ROOT/etc/passwd"
printf 'root:x:0:\n' > "$ROOT/etc/group"
echo 'flowsw-router' > "$ROOT/etc/hostname"
mkdir -p "$ROOT/etc/ppp/peers"
cp -a "$FLOWSW_ROOT/tests/guest/." "$ROOT/"
chmod 755 "$ROOT/init"

(cd "$ROOT" && find . | sort | cpio -o -H newc --quiet | gzip -6 > "$OUT.tmp")
mv "$OUT.tmp" "$OUT"
ln -sfn "$OUT" "$FLOWSW_CACHE/initramfs.cpio.gz"
log "initramfs: $OUT ($(du -h "$OUT" | cut -f1))"
