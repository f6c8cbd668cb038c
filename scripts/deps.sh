#!/bin/bash
# Install everything flowsw needs on Debian 12: the one list of apt packages,
# a deb-src entry for Debian's QEMU and Linux sources, and arm64 as a foreign
# architecture for the guest packages.  Idempotent: a no-op takes seconds.
set -euo pipefail

PKGS=(
	# kernel (arm64 cross build, UML and 32-bit x86 KUnit, static checks)
	linux-source-6.12 gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
	qemu-system-x86
	bc bison flex libssl-dev libelf-dev cpio xz-utils kmod rsync patch
	device-tree-compiler dt-schema yamllint sparse python3
	# QEMU 7.2 from Debian's source package
	dpkg-dev meson ninja-build pkg-config libglib2.0-dev libpixman-1-dev
	libfdt-dev libslirp-dev ccache
	# host side of the tests: namespaces, traffic, captures, PPPoE server
	iproute2 iputils-ping iperf3 tcpdump pppoe ppp ethtool
	# the model core's fuzzers (libFuzzer)
	clang libclang-rt-14-dev
	# benchmarks
	gnuplot-nox python3-matplotlib
)

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

need_update=0
src_list=/etc/apt/sources.list.d/flowsw-src.sources
if ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
	$SUDO tee "$src_list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
	need_update=1
fi
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	$SUDO dpkg --add-architecture arm64
	need_update=1
fi

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
# apt-get source and apt-get download need fresh lists for arm64/deb-src
if [ "$need_update" = 1 ] || [ ${#missing[@]} -gt 0 ] ||
   [ -z "$(find /var/lib/apt/lists -name '*binary-arm64_Packages*' -print -quit)" ]; then
	$SUDO apt-get update -q
fi
if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
echo "deps: ok"
