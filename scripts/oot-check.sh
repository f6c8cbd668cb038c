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
blog=$(mktemp)
trap 'rm -rf "$src" "$blog"' EXIT
cp -a "$FLOWSW_ROOT/Makefile" "$FLOWSW_ROOT/include" "$src/"
mkdir -p "$src/drivers/net/ethernet" "$src/tests"
cp -a "$FLOWSW_ROOT/drivers/net/ethernet/flowsw" "$src/drivers/net/ethernet/"
cp -a "$FLOWSW_ROOT/tests/vectors" "$src/tests/"

# modules_prepare leaves no Module.symvers (that needs vmlinux), so modpost
# cannot see what the kernel exports.  Kbuild says so in a five-line
# "WARNING: Module.symvers is missing." note, and every kernel symbol the
# modules use would be an "undefined!" error: KBUILD_MODPOST_WARN=1 makes
# those warnings.  They, their "suppressed N unresolved symbol warnings"
# summary and that note are the expected output, dropped below.  The price:
# an unresolved symbol (a typo, a kernel function that is not exported) can
# never fail this check.  It shows the modules compile, pass modpost's other
# checks and link out of tree, not that they would load.  make's status
# counts, and any other output (compiler or modpost warning) fails it.
undef_re='^WARNING: modpost: "[^"]+" \[[^]]+\.ko\] undefined!$'
expected_re=(-e "$undef_re"
	-e '^WARNING: modpost: suppressed [0-9]+ unresolved symbol warnings because there were too many\)$'
	-e '^WARNING: Module\.symvers is missing\.$'
	-e '^         Modules may not have dependencies or modversions\.$'
	-e '^         You may get many unresolved symbol errors\.$'
	-e '^         You can set KBUILD_MODPOST_WARN=1 to turn errors into warning$'
	-e '^         if you want to proceed at your own risk\.$')
rc=0
make -s -C "$OOT_KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- M="$src" \
	KBUILD_MODPOST_WARN=1 -j"$JOBS" modules > "$blog" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
	tail -n 40 "$blog" >&2
	die "out-of-tree build failed (make exit $rc)"
fi
rc=0
unexpected=$(grep -vE "${expected_re[@]}" "$blog") || rc=$?
[ "$rc" -le 1 ] || die "could not read the build log $blog"
if [ -n "$unexpected" ]; then
	printf '%s\n' "$unexpected" >&2
	die "out-of-tree build: unexpected output (above)"
fi
nundef=$(grep -cE "$undef_re" "$blog" || true)
mods=$(cd "$src" && find . -name '*.ko' | sort | tr '\n' ' ')
for m in flowsw-eth.ko flowsw-switch.ko flowsw-foe.ko; do
	case " $mods" in
	*"/$m "*) ;;
	*) die "out-of-tree build did not produce $m (got: ${mods:-nothing})" ;;
	esac
done
log "out-of-tree modules: $mods(${nundef:-0} kernel symbol(s) left unresolved: no Module.symvers)"
