#!/bin/bash
# Run the flowsw KUnit suites under UML, or with KUNIT_ARCH=i386 on a
# 32-bit x86 kernel in qemu-system-i386 (32-bit longs and jiffies: what
# OpenWrt's 32-bit routers run).
#
# The kernel tree is the one scripts/kernel.sh uses, with our driver overlaid;
# each arch's build lives in its own directory of the cache and is
# incremental.
# kunit.py's output is printed as it comes (the "[PASSED] name" and
# "[FAILED] name" lines are what the test runner reads) and its exit code is
# ours.  Extra arguments go to kunit.py, e.g. --make_options W=1.
set -euo pipefail
. "$(dirname "$0")/common.sh"

# kunit.py wants a plain python3, not a wrapper that may lack its modules.
export PATH=/usr/bin:$PATH

kernel_overlay
cd "$KSRC"
arch=${KUNIT_ARCH:-um}
build_dir=$FLOWSW_CACHE/kunit-build
[ "$arch" = um ] || build_dir=$build_dir-$arch
exec /usr/bin/python3 ./tools/testing/kunit/kunit.py run \
	--kunitconfig="$FLOWSW_ROOT/kunit" \
	--arch="$arch" \
	--build_dir="$build_dir" \
	--jobs="$JOBS" "$@"
