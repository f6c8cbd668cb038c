# Shared settings for the build scripts.  Sourced, never run.
# shellcheck shell=bash

FLOWSW_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FLOWSW_CACHE=${FLOWSW_CACHE:-$HOME/.cache/flowsw}
JOBS=${JOBS:-$(nproc)}
mkdir -p "$FLOWSW_CACHE"

# Hash of files (contents and names), used to key cache entries by their inputs.
inputs_hash() {
	(cd "$FLOWSW_ROOT" && find "$@" -type f -print0 2>/dev/null | sort -z |
		xargs -0 sha256sum) | sha256sum | cut -c1-12
}

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The Debian kernel source, extracted once per package version.
KERNEL_VERSION=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null || echo none)
KSRC=$FLOWSW_CACHE/linux-$KERNEL_VERSION
KBUILD=$FLOWSW_CACHE/kbuild-arm64-$KERNEL_VERSION
KIMAGE=$KBUILD/arch/arm64/boot/Image

# Extract the Debian kernel source once and overlay our driver on it: links
# (refreshed every time, the checkout may have moved) plus Kconfig/Makefile
# hooks.  Builds use O= so the source tree stays free of build output.
kernel_overlay() {
	if [ ! -f "$KSRC/Makefile" ]; then
		log "extracting linux-source-6.12 $KERNEL_VERSION"
		rm -rf "$KSRC.tmp"
		mkdir -p "$KSRC.tmp"
		tar -xf /usr/src/linux-source-6.12.tar.xz -C "$KSRC.tmp" --strip-components=1
		mv "$KSRC.tmp" "$KSRC"
	fi
	# Links are refreshed every time: the checkout may have moved.
	ln -sfn "$FLOWSW_ROOT/drivers/net/ethernet/flowsw" "$KSRC/drivers/net/ethernet/flowsw"
	ln -sfn "$FLOWSW_ROOT/dts/bindings" "$KSRC/Documentation/devicetree/bindings/net/flowsw"
	grep -q 'flowsw/Kconfig' "$KSRC/drivers/net/ethernet/Kconfig" ||
		sed -i 's|^source "drivers/net/ethernet/mediatek/Kconfig"|&\nsource "drivers/net/ethernet/flowsw/Kconfig"|' \
			"$KSRC/drivers/net/ethernet/Kconfig"
	grep -q 'flowsw/Kconfig' "$KSRC/drivers/net/ethernet/Kconfig" ||
		die "could not hook flowsw into drivers/net/ethernet/Kconfig"
	grep -q 'CONFIG_NET_VENDOR_FLOWSW' "$KSRC/drivers/net/ethernet/Makefile" ||
		echo 'obj-$(CONFIG_NET_VENDOR_FLOWSW) += flowsw/' >> "$KSRC/drivers/net/ethernet/Makefile"
	kernel_patches
}

# Apply patches/linux/*.patch (fixes to the kernel proper that the driver's
# users want, meant for upstream).  A copy of each applied patch is kept in
# the tree, so that a patch that changed or went away is reverted first.
# The patches stack (two may touch one file), so the ones applied after it
# are reverted too, last first, and applied again.
kernel_patches() {
	local applied=$KSRC/.flowsw-patches p name stale=()
	mkdir -p "$applied"
	for p in "$applied"/*.patch; do
		[ -e "$p" ] || continue
		name=${p##*/}
		[ ${#stale[@]} -eq 0 ] && cmp -s "$p" "$FLOWSW_ROOT/patches/linux/$name" &&
			continue
		stale=("$p" "${stale[@]}")
	done
	for p in "${stale[@]}"; do
		name=${p##*/}
		log "reverting kernel patch $name"
		# dry run first: a patch that half applies would leave a mixed tree
		patch -d "$KSRC" -p1 -R -s --dry-run < "$p" >/dev/null &&
			patch -d "$KSRC" -p1 -R -s < "$p" >/dev/null || die "could not revert $name"
		rm "$p"
	done
	for p in "$FLOWSW_ROOT"/patches/linux/*.patch; do
		[ -e "$p" ] || continue
		name=${p##*/}
		[ -e "$applied/$name" ] && continue
		log "applying kernel patch $name"
		patch -d "$KSRC" -p1 -N -s --dry-run < "$p" >/dev/null &&
			patch -d "$KSRC" -p1 -N -s < "$p" >/dev/null || die "could not apply $name"
		cp "$p" "$applied/$name"
	done
}

# Debian's QEMU 7.2 source, fetched once per source version.
qemu_source_version() {
	apt-cache showsrc qemu 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n1
}
qemu_src_dir() {
	local ver
	ver=$(qemu_source_version)
	echo "$FLOWSW_CACHE/qemu-src-${ver//[:+~]/_}"
}
QEMU_BIN=$FLOWSW_CACHE/qemu-system-aarch64
