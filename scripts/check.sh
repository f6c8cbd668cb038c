#!/bin/bash
# Static checks of our kernel and QEMU code:
#   check.sh checkpatch        kernel checkpatch --strict on the drivers, include/
#                              and patches/linux/
#   check.sh kernel-doc        kernel-doc -Wall on the same files
#   check.sh build             the drivers built with W=1 and sparse (C=1)
#   check.sh qemu-checkpatch   QEMU's checkpatch on the device model
set -euo pipefail
. "$(dirname "$0")/common.sh"
# kbuild's progress lines are read below: a "make -s" above must not hide them
unset MAKEFLAGS MFLAGS

cd "$FLOWSW_ROOT"
kfiles=(drivers/net/ethernet/flowsw/*.[ch] include/flowsw_[dfr]*.h)
# flowsw_compat.h defines u8..u64 from <stdint.h> for the model and host
# tests; that is the one place the kernel types cannot be used.
compat=include/flowsw_compat.h

# A glob that matched nothing stays as its literal pattern: every name must
# exist, and there must be at least one.
need_files() {
	local what=$1 f
	shift
	[ $# -gt 0 ] || die "$what: no files to check"
	for f in "$@"; do
		[ -f "$f" ] || die "$what: nothing to check: '$f' does not exist"
	done
}

# checkpatch.pl exits 0 when clean and 1 when it reported something.  A
# report is an ERROR:/WARNING:/CHECK: line or a "total:" line with a nonzero
# count.  A non-zero exit without any of those means it did not run (perl
# error, unreadable file): that must not pass as clean.  Counts into
# cp_reported and cp_broken; the output of a bad run is shown.
cp_reported=0
cp_broken=0
run_checkpatch() {
	local script=$1 out rc=0
	shift
	out=$("$script" "$@" 2>&1) || rc=$?
	if grep -qE '(ERROR|WARNING|CHECK):|(^|[[:space:]])total: ([1-9][0-9]* errors|0 errors, [1-9][0-9]* warnings|0 errors, 0 warnings, [1-9][0-9]* checks)' <<<"$out"; then
		printf '%s\n' "$out"
		cp_reported=$((cp_reported + 1))
	elif [ "$rc" -ne 0 ]; then
		printf '%s\n' "$out"
		log "checkpatch did not run (exit $rc, no report) on: $*"
		cp_broken=$((cp_broken + 1))
	fi
}

# The verdict of the run_checkpatch calls above.
checkpatch_verdict() {
	local what=$1
	[ "$cp_broken" -eq 0 ] || die "$what: failed to run $cp_broken time(s), see above"
	[ "$cp_reported" -eq 0 ] || die "$what: reported problems in $cp_reported run(s), see above"
	echo "$what: clean"
}

case "${1:-}" in
checkpatch)
	kernel_overlay
	cp=$KSRC/scripts/checkpatch.pl
	[ -f "$cp" ] || die "checkpatch not found: $cp"
	patches=(patches/linux/*.patch)
	need_files checkpatch "${kfiles[@]}" "$compat" "${patches[@]}"
	# FILE_PATH_CHANGES and SPDX placement do not apply to files checked
	# outside a patch.  The drivers are checked against the kernel tree,
	# as in-tree files are: it knows the kernel's own CamelCase names
	# (ethtool's standard statistics), and caches them in the working
	# directory.  Our bindings live in dts/bindings, where
	# dt_binding_check checks them, not in the tree's Documentation.
	cd "$KSRC"
	run_checkpatch "$cp" --strict --root="$KSRC" --terse --show-types \
		--ignore FILE_PATH_CHANGES,UNDOCUMENTED_DT_STRING \
		-f "${kfiles[@]/#/$FLOWSW_ROOT/}"
	cd "$FLOWSW_ROOT"
	run_checkpatch "$cp" --strict --no-tree --terse --show-types \
		--ignore FILE_PATH_CHANGES,PREFER_KERNEL_TYPES -f "$compat"
	for p in "${patches[@]}"; do
		run_checkpatch "$cp" --strict --no-tree --terse --show-types "$FLOWSW_ROOT/$p"
	done
	checkpatch_verdict checkpatch
	;;
kernel-doc)
	kernel_overlay
	kd=$KSRC/scripts/kernel-doc
	[ -f "$kd" ] || die "kernel-doc not found: $kd"
	need_files kernel-doc "${kfiles[@]}" "$compat"
	# With -none, kernel-doc exits 0 even when it warns: a non-zero exit
	# means it did not run.
	rc=0
	out=$("$kd" -none -Wall "${kfiles[@]}" "$compat" 2>&1) || rc=$?
	[ "$rc" -eq 0 ] || { echo "$out"; die "kernel-doc failed to run (exit $rc)"; }
	[ -z "$out" ] || { echo "$out"; exit 1; }
	echo "kernel-doc: clean"
	;;
build)
	kernel_overlay
	[ -f "$KBUILD/.config" ] || die "no kernel build yet: run scripts/kernel.sh"
	# C=1 runs $(CHECK), sparse by default, on every file it compiles.
	command -v sparse >/dev/null || die "sparse is not installed: C=1 cannot check anything"
	# Only our directory: W=1 and C=1 on the whole tree would rebuild it.
	touch drivers/net/ethernet/flowsw/*.c
	blog=$(mktemp)
	trap 'rm -f "$blog"' EXIT
	# Not -s: kbuild's "CHECK" lines are the proof that sparse ran.
	rc=0
	make -C "$KSRC" O="$KBUILD" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
		W=1 C=1 -j"$JOBS" drivers/net/ethernet/flowsw/ > "$blog" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ]; then
		tail -n 40 "$blog"
		die "W=1 C=1 build: make failed (exit $rc)"
	fi
	# Every object compiled here must have been checked by sparse.
	# (CHECK names the source, under $KSRC; CC the object, under O=.)
	ncc=$(grep -cE '^  CC( \[M\])? +([^ ]*/)?drivers/net/ethernet/flowsw/[^ /]+\.o$' "$blog" || true)
	nchk=$(grep -cE '^  CHECK +([^ ]*/)?drivers/net/ethernet/flowsw/[^ /]+\.c$' "$blog" || true)
	if [ "${ncc:-0}" -eq 0 ] || [ "${nchk:-0}" -ne "$ncc" ]; then
		tail -n 40 "$blog"
		die "W=1 C=1 build: $ncc file(s) compiled, $nchk checked by sparse"
	fi
	# Warnings and errors: any line naming our directory, or "error", other
	# than kbuild's progress lines ("  CC      file").
	rc=0
	out=$(grep -vE '^  [A-Z][A-Z0-9_]*( \[[A-Z]\])? +[^ ]+$' "$blog" |
		grep -E 'drivers/net/ethernet/flowsw|error') || rc=$?
	[ "$rc" -le 1 ] || die "could not read the build log $blog"
	[ -z "$out" ] || { echo "$out"; exit 1; }
	echo "W=1 C=1 build: clean ($nchk file(s) checked by sparse)"
	;;
qemu-checkpatch)
	qsrc=$(qemu_src_dir)
	[ -d "$qsrc" ] || die "no QEMU source yet: run scripts/qemu.sh"
	cp=$qsrc/scripts/checkpatch.pl
	[ -f "$cp" ] || die "QEMU checkpatch not found: $cp"
	qfiles=(qemu/hw/*.c qemu/core/*.c qemu/core/*.h)
	need_files qemu-checkpatch "${qfiles[@]}"
	for f in "${qfiles[@]}"; do
		run_checkpatch "$cp" --no-tree -f "$f"
	done
	checkpatch_verdict "QEMU checkpatch"
	;;
*)
	die "usage: check.sh checkpatch|kernel-doc|build|qemu-checkpatch"
	;;
esac
