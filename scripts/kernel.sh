#!/bin/bash
# Build the arm64 kernel Image with flowsw built in.
#
# The Debian source is extracted once into the cache; our driver is overlaid
# with symlinks plus a Kconfig/Makefile hook, and every build uses O= so the
# source tree stays free of build output.  Kbuild does the incremental work.
set -euo pipefail
. "$(dirname "$0")/common.sh"

overlay_kernel() {
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
}

# Fail loudly if any symbol of the fragment did not end up as asked.
check_config() {
	local frag=$1 cfg=$2 bad=0 line sym
	while IFS= read -r line; do
		sym=${line%%=*}
		if ! grep -qx "$line" "$cfg"; then
			log "config: want $line, got: $(grep -E "^(# )?$sym[= ]" "$cfg" || echo '<absent>')"
			bad=1
		fi
	done < <(grep -E '^CONFIG_[A-Z0-9_]+=' "$frag")
	return $bad
}

configure_kernel() {
	local frag=$FLOWSW_ROOT/scripts/kernel.config
	local stamp=$KBUILD/.flowsw-config-$(sha256sum "$frag" | cut -c1-12)
	[ -f "$stamp" ] && [ -f "$KBUILD/.config" ] && return 0
	mkdir -p "$KBUILD"
	log "configuring (tinyconfig + scripts/kernel.config)"
	make -s -C "$KSRC" O="$KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- tinyconfig >/dev/null
	(cd "$KBUILD" && ARCH=arm64 "$KSRC/scripts/kconfig/merge_config.sh" -m .config "$frag" >/dev/null)
	make -s -C "$KSRC" O="$KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- olddefconfig >/dev/null
	check_config "$frag" "$KBUILD/.config" || die "kernel config fragment did not apply"
	rm -f "$KBUILD"/.flowsw-config-*
	touch "$stamp"
}

overlay_kernel
configure_kernel
log "building Image in $KBUILD"
make -s -C "$KSRC" O="$KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	-j"$JOBS" Image "$@"
ln -sfn "$KIMAGE" "$FLOWSW_CACHE/Image"
log "kernel: $KIMAGE"
