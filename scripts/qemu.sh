#!/bin/bash
# Build qemu-system-aarch64 from Debian's QEMU 7.2 source with the flowsw
# device model compiled in (virt board only).
#
# The source is fetched with apt-get source once per Debian version.  Our
# files are linked into hw/net/flowsw and a small patch hooks them into the
# build and the virt board.  The build directory is keyed by everything that
# changes the configure step; ninja does the incremental work inside it.
set -euo pipefail
. "$(dirname "$0")/common.sh"

ver=$(qemu_source_version)
[ -n "$ver" ] || die "no deb-src entry for qemu: run scripts/deps.sh"
QSRC=$(qemu_src_dir)

if [ ! -f "$QSRC/.flowsw-extracted" ]; then
	log "fetching Debian qemu source $ver"
	rm -rf "$QSRC"
	mkdir -p "$QSRC.dl"
	(cd "$QSRC.dl" && apt-get source -q "qemu=$ver" >/dev/null)
	mv "$QSRC.dl"/qemu-*/ "$QSRC"
	rm -rf "$QSRC.dl"
	touch "$QSRC/.flowsw-extracted"
fi

# Our device sources, and the hardware interface headers beside them.
mkdir -p "$QSRC/hw/net/flowsw"
for f in "$FLOWSW_ROOT"/qemu/hw/*; do
	ln -sfn "$f" "$QSRC/hw/net/flowsw/$(basename "$f")"
done
ln -sfn "$FLOWSW_ROOT/qemu/core" "$QSRC/hw/net/flowsw/core"
ln -sfn "$FLOWSW_ROOT/include" "$QSRC/hw/net/flowsw/hwif"
cp "$FLOWSW_ROOT/qemu/aarch64-softmmu.mak" "$QSRC/configs/devices/aarch64-softmmu/flowsw.mak"

patch_id=$(sha256sum "$FLOWSW_ROOT/qemu/integration.patch" | cut -c1-12)
if [ ! -f "$QSRC/.flowsw-patch-$patch_id" ]; then
	if ls "$QSRC"/.flowsw-patch-* >/dev/null 2>&1; then
		old=$(ls "$QSRC"/.flowsw-patch-*)
		log "reverting previous integration patch"
		patch -d "$QSRC" -p1 -R -s < "$old"
		rm -f "$old"
	fi
	patch -d "$QSRC" -p1 -s --forward < "$FLOWSW_ROOT/qemu/integration.patch"
	cp "$FLOWSW_ROOT/qemu/integration.patch" "$QSRC/.flowsw-patch-$patch_id"
fi

conf_args=(--target-list=aarch64-softmmu --without-default-features
	--without-default-devices --with-devices-aarch64=flowsw
	--disable-docs --disable-tools --disable-user --disable-guest-agent
	--enable-fdt=system --enable-slirp --disable-install-blobs
	--disable-werror)
command -v ccache >/dev/null && conf_args+=(--cc="ccache gcc")
key=$( (echo "$ver" "${conf_args[*]}"; cat "$FLOWSW_ROOT/qemu/aarch64-softmmu.mak" \
	"$FLOWSW_ROOT/qemu/integration.patch") | sha256sum | cut -c1-12)
QBUILD=$FLOWSW_CACHE/qemu-build-$key
if [ ! -f "$QBUILD/build.ninja" ]; then
	log "configuring QEMU in $QBUILD"
	rm -rf "$QBUILD"
	mkdir -p "$QBUILD"
	# Debian's system Python and meson, not a pyenv one.
	(cd "$QBUILD" && PATH=/usr/bin:$PATH "$QSRC/configure" "${conf_args[@]}" >configure.log 2>&1) ||
		{ tail -n 30 "$QBUILD/configure.log"; rm -f "$QBUILD/build.ninja"; die "QEMU configure failed"; }
fi
log "building qemu-system-aarch64 in $QBUILD"
PATH=/usr/bin:$PATH ninja -C "$QBUILD" -j"$JOBS" qemu-system-aarch64 >"$QBUILD/ninja.log" 2>&1 ||
	{ grep -B2 -A12 -m3 'error' "$QBUILD/ninja.log" | head -n 60; die "QEMU build failed (see $QBUILD/ninja.log)"; }
ln -sfn "$QBUILD/qemu-system-aarch64" "$QEMU_BIN"
log "qemu: $QEMU_BIN"
