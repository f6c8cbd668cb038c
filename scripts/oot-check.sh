#!/bin/bash
# Build the drivers out of tree, as modules, the way a user builds them
# against a kernel that does not have them: make -C <kernel build dir> M=<dir>.
#
# The kernel build dir is prepared with modules_prepare only (no vmlinux, so
# modpost cannot resolve kernel symbols and is told to warn about that).
# The sources are copied so the checkout stays free of build output.
set -euo pipefail
. "$(dirname "$0")/common.sh"

kernel_overlay
OOT_KBUILD=$FLOWSW_CACHE/kbuild-oot-arm64-$KERNEL_VERSION
frag=$FLOWSW_CACHE/oot.config
# Our config without flowsw, as a MediaTek router kernel would be (the MT7530
# driver brings in REGMAP_MMIO and PHYLINK, which flowsw would select).
{ sed '/^# --- flowsw ---$/,$d' "$FLOWSW_ROOT/scripts/kernel.config"
  printf 'CONFIG_NET_DSA_MT7530=y\nCONFIG_NET_DSA_MT7530_MMIO=y\n'; } > "$frag"
stamp=$OOT_KBUILD/.flowsw-config-$(sha256sum "$frag" | cut -c1-12)
mk() { make -s -C "$KSRC" O="$OOT_KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- "$@"; }
if [ ! -f "$stamp" ]; then
	log "preparing a kernel without flowsw in $OOT_KBUILD"
	mkdir -p "$OOT_KBUILD"
	mk tinyconfig >/dev/null
	(cd "$OOT_KBUILD" && ARCH=arm64 "$KSRC/scripts/kconfig/merge_config.sh" -m .config "$frag" >/dev/null)
	mk olddefconfig >/dev/null
	mk -j"$JOBS" modules_prepare
	rm -f "$OOT_KBUILD"/.flowsw-config-*
	touch "$stamp"
fi

src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
cp -a "$FLOWSW_ROOT/Makefile" "$FLOWSW_ROOT/include" "$src/"
mkdir -p "$src/drivers/net/ethernet" "$src/tests"
cp -a "$FLOWSW_ROOT/drivers/net/ethernet/flowsw" "$src/drivers/net/ethernet/"
cp -a "$FLOWSW_ROOT/tests/vectors" "$src/tests/"
make -s -C "$OOT_KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- M="$src" \
	KBUILD_MODPOST_WARN=1 -j"$JOBS" modules 2>&1 | grep -v 'undefined!$' | grep -v 'suppressed .* unresolved' || true
mods=$(cd "$src" && find . -name '*.ko' | sort | tr '\n' ' ')
for m in flowsw-eth.ko flowsw-switch.ko flowsw-foe.ko; do
	case " $mods" in
	*"/$m "*) ;;
	*) die "out-of-tree build did not produce $m (got: ${mods:-nothing})" ;;
	esac
done
log "out-of-tree modules: $mods"
