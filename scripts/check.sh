#!/bin/bash
# Static checks of our kernel and QEMU code:
#   check.sh checkpatch        kernel checkpatch --strict on the drivers, include/
#                              and patches/linux/
#   check.sh kernel-doc        kernel-doc -Wall on the same files
#   check.sh build             the drivers built with W=1 and sparse (C=1)
#   check.sh qemu-checkpatch   QEMU's checkpatch on the device model
set -euo pipefail
. "$(dirname "$0")/common.sh"

cd "$FLOWSW_ROOT"
kfiles=(drivers/net/ethernet/flowsw/*.[ch] include/flowsw_[dfr]*.h)
# flowsw_compat.h defines u8..u64 from <stdint.h> for the model and host
# tests; that is the one place the kernel types cannot be used.
compat=include/flowsw_compat.h

case "${1:-}" in
checkpatch)
	kernel_overlay
	# FILE_PATH_CHANGES and SPDX placement do not apply to files checked
	# outside a patch.
	out=$("$KSRC/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
		--ignore FILE_PATH_CHANGES -f "${kfiles[@]}" 2>&1 || true
	      "$KSRC/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
		--ignore FILE_PATH_CHANGES,PREFER_KERNEL_TYPES -f "$compat" 2>&1 || true
	      for p in patches/linux/*.patch; do
		"$KSRC/scripts/checkpatch.pl" --strict --no-tree --terse --show-types "$FLOWSW_ROOT/$p" 2>&1 || true
	      done)
	if grep -qE '(ERROR|WARNING|CHECK):' <<<"$out"; then
		echo "$out"
		exit 1
	fi
	echo "checkpatch: clean"
	;;
kernel-doc)
	kernel_overlay
	out=$("$KSRC/scripts/kernel-doc" -none -Wall "${kfiles[@]}" "$compat" 2>&1)
	[ -z "$out" ] || { echo "$out"; exit 1; }
	echo "kernel-doc: clean"
	;;
build)
	kernel_overlay
	[ -f "$KBUILD/.config" ] || die "no kernel build yet: run scripts/kernel.sh"
	# Only our directory: W=1 and C=1 on the whole tree would rebuild it.
	touch drivers/net/ethernet/flowsw/*.c
	out=$(make -s -C "$KSRC" O="$KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
		W=1 C=1 -j"$JOBS" drivers/net/ethernet/flowsw/ 2>&1 |
		grep -E 'drivers/net/ethernet/flowsw|error' || true)
	[ -z "$out" ] || { echo "$out"; exit 1; }
	echo "W=1 C=1 build: clean"
	;;
qemu-checkpatch)
	qsrc=$(qemu_src_dir)
	[ -d "$qsrc" ] || die "no QEMU source yet: run scripts/qemu.sh"
	bad=0
	for f in qemu/hw/*.c qemu/core/*.c qemu/core/*.h; do
		out=$("$qsrc/scripts/checkpatch.pl" --no-tree -f "$f" 2>&1) || {
			echo "$out"; bad=1; }
	done
	[ $bad = 0 ] && echo "QEMU checkpatch: clean"
	exit $bad
	;;
*)
	die "usage: check.sh checkpatch|kernel-doc|build|qemu-checkpatch"
	;;
esac
