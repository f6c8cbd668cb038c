#!/bin/bash
# Build the arm64 kernel Image with flowsw built in.
#
#   kernel.sh          the test kernel (scripts/kernel.config: lockdep,
#                      kmemleak), $FLOWSW_CACHE/Image
#   kernel.sh bench    the same without the debug options, as a router
#                      would run it, for the benchmarks: $FLOWSW_CACHE/Image-bench
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
	while IFS= read -r sym; do
		if grep -q "^$sym=" "$cfg"; then
			log "config: want $sym off, got: $(grep "^$sym=" "$cfg")"
			bad=1
		fi
	done < <(sed -n 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1/p' "$frag")
	return $bad
}

configure_kernel() {
	local frag=$1
	local stamp=$KBUILD/.flowsw-config-$(sha256sum "$frag" | cut -c1-12)
	[ -f "$stamp" ] && [ -f "$KBUILD/.config" ] && return 0
	mkdir -p "$KBUILD"
	log "configuring (tinyconfig + ${frag##*/})"
	make -s -C "$KSRC" O="$KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- tinyconfig >/dev/null
	(cd "$KBUILD" && ARCH=arm64 "$KSRC/scripts/kconfig/merge_config.sh" -m .config "$frag" >/dev/null)
	make -s -C "$KSRC" O="$KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- olddefconfig >/dev/null
	check_config "$frag" "$KBUILD/.config" || die "kernel config fragment did not apply"
	rm -f "$KBUILD"/.flowsw-config-*
	touch "$stamp"
}

frag=$FLOWSW_ROOT/scripts/kernel.config
image_link=$FLOWSW_CACHE/Image
if [ "${1:-}" = bench ]; then
	shift
	KBUILD=$FLOWSW_CACHE/kbuild-arm64-bench-$KERNEL_VERSION
	KIMAGE=$KBUILD/arch/arm64/boot/Image
	mkdir -p "$KBUILD"
	# The test fragment with its debug options turned off.
	sed -E 's/^(CONFIG_(PROVE_LOCKING|DEBUG_KMEMLEAK))=y$/# \1 is not set/' \
		"$frag" > "$KBUILD/kernel-bench.config.new"
	cmp -s "$KBUILD/kernel-bench.config.new" "$KBUILD/kernel-bench.config" ||
		mv "$KBUILD/kernel-bench.config.new" "$KBUILD/kernel-bench.config"
	rm -f "$KBUILD/kernel-bench.config.new"
	frag=$KBUILD/kernel-bench.config
	image_link=$FLOWSW_CACHE/Image-bench
fi

kernel_overlay
configure_kernel "$frag"
log "building Image in $KBUILD"
make -s -C "$KSRC" O="$KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	-j"$JOBS" Image "$@"
ln -sfn "$KIMAGE" "$image_link"
log "kernel: $KIMAGE"
