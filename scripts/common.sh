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

# Debian's QEMU 7.2 source, fetched once per source version.
qemu_source_version() {
	apt-cache showsrc qemu 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n1
}
QEMU_INPUTS="qemu scripts/qemu.sh include"
QEMU_BIN=$FLOWSW_CACHE/qemu-system-aarch64
