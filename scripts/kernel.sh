#!/bin/bash
# Build the arm64 kernel Image with flowsw built in.
#
# The Debian source is extracted once into the cache; our driver is overlaid
# with symlinks plus a Kconfig/Makefile hook, and every build uses O= so the
# source tree stays free of build output.  Kbuild does the incremental work.
set -euo pipefail
. "$(dirname "$0")/common.sh"

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

kernel_overlay
configure_kernel
log "building Image in $KBUILD"
make -s -C "$KSRC" O="$KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	-j"$JOBS" Image "$@"
ln -sfn "$KIMAGE" "$FLOWSW_CACHE/Image"
log "kernel: $KIMAGE"
