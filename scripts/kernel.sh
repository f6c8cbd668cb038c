#!/bin/bash
# Build the arm64 kernel Image with flowsw built in.
#
#   kernel.sh          the test kernel (scripts/kernel.config: lockdep,
#                      kmemleak), $FLOWSW_CACHE/Image
#   kernel.sh bench    the same without the debug options, as a router
#                      would run it, for the benchmarks: $FLOWSW_CACHE/Image-bench
#   kernel.sh debug    the sanitizer kernel (scripts/kernel-debug.config:
#                      KASAN, UBSAN, debug objects) with flowsw as modules,
#                      for make test-debug: $FLOWSW_CACHE/Image-debug and
#                      $FLOWSW_CACHE/modules-debug
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

# The variant's fragment, written into its build directory only when it
# changed, so that an unchanged one keeps its build.
# Reads the fragment on stdin; prints its path.
variant_fragment() {
	local out=$KBUILD/kernel-$1.config
	mkdir -p "$KBUILD"
	cat > "$out.new"
	cmp -s "$out.new" "$out" || mv "$out.new" "$out"
	rm -f "$out.new"
	echo "$out"
}

frag=$FLOWSW_ROOT/scripts/kernel.config
variant=${1:-}
case "$variant" in
bench)
	shift
	KBUILD=$FLOWSW_CACHE/kbuild-arm64-bench-$KERNEL_VERSION
	# The test fragment with its debug options turned off.
	frag=$(sed -E 's/^(CONFIG_(PROVE_LOCKING|DEBUG_KMEMLEAK))=y$/# \1 is not set/' \
		"$frag" | variant_fragment bench)
	;;
debug)
	shift
	KBUILD=$FLOWSW_CACHE/kbuild-arm64-debug-$KERNEL_VERSION
	# The test fragment, each symbol kernel-debug.config sets replaced.
	debug=$FLOWSW_ROOT/scripts/kernel-debug.config
	syms=$(sed -nE 's/^(# )?(CONFIG_[A-Z0-9_]+)[= ].*/\2/p' "$debug" | paste -sd'|')
	frag=$({ grep -vE "^(# )?($syms)[= ]" "$frag"; cat "$debug"; } |
		variant_fragment debug)
	;;
esac
KIMAGE=$KBUILD/arch/arm64/boot/Image
image_link=$FLOWSW_CACHE/Image${variant:+-$variant}

kernel_overlay
configure_kernel "$frag"
log "building Image in $KBUILD"
make -s -C "$KSRC" O="$KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
	-j"$JOBS" Image "$@"
ln -sfn "$KIMAGE" "$image_link"
log "kernel: $KIMAGE"
if [ "$variant" = debug ]; then
	# flowsw's modules, for the initramfs's module layer (initramfs.sh debug)
	make -s -C "$KSRC" O="$KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
		-j"$JOBS" modules
	rm -rf "$FLOWSW_CACHE/modules-debug.new"
	make -s -C "$KSRC" O="$KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
		INSTALL_MOD_PATH="$FLOWSW_CACHE/modules-debug.new" INSTALL_MOD_STRIP=1 \
		modules_install
	rm -rf "$FLOWSW_CACHE/modules-debug"
	mv "$FLOWSW_CACHE/modules-debug.new" "$FLOWSW_CACHE/modules-debug"
	log "modules: $FLOWSW_CACHE/modules-debug"
fi
