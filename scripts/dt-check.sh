#!/bin/bash
# Check the flowsw device-tree bindings and every board file under dts/.
#
#  1. Registers the "flowsw" vendor prefix (dts/bindings/vendor-prefix.txt)
#     in the kernel's vendor-prefixes.yaml, idempotently and in order.
#  2. Runs the kernel's dt_binding_check on Documentation/.../net/flowsw/
#     (our dts/bindings, symlinked there by kernel.sh and by this script):
#     meta-schema check, yamllint, and the examples compiled and validated.
#     Kbuild swallows those failures (the recipes end in "|| true"), so the
#     log is judged here.
#  3. Compiles every .dts/.dtso under dts/ (after cpp) with all of dtc's
#     warnings on, the strict W=2 ones included; any warning fails.  An
#     overlay is also applied to a stub of QEMU's virt tree and the result
#     checked again, since dtc cannot judge reg/interrupts in a fragment.
#  4. Validates the resulting DTBs against the flowsw schemas (dt-validate).
#
# Debian 12 ships dt-schema 2022.08, older than the 2023.9 Linux 6.12 asks
# for; the version check is lowered, and the core schemas 2022.08 cannot
# load are listed (they are skipped, which only matters if we used them).
#
# Exit status 0 only if everything passed; the last line is the verdict.
set -euo pipefail
. "$(dirname "$0")/common.sh"
# kbuild's progress lines are read below: a "make -s" above must not hide them
unset MAKEFLAGS MFLAGS

WORK=$FLOWSW_CACHE/dtcheck
OBJ=$WORK/build
BINDINGS=Documentation/devicetree/bindings
LOG=$WORK/binding-check.log
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$WORK"

failures=()
fail() { log "FAIL: $*"; failures+=("$1"); }
# grep whose "no match" (status 1) is not a failure, but a real error (2) is.
grep_ok() { grep "$@" || [ $? -eq 1 ]; }

# ---- kernel tree -----------------------------------------------------------

[ -f /usr/src/linux-source-6.12.tar.xz ] || die "linux-source-6.12 not installed (scripts/deps.sh)"
kernel_overlay

# ---- 1. vendor prefix ------------------------------------------------------

VP=$KSRC/$BINDINGS/vendor-prefixes.yaml
VP_LINES=$FLOWSW_ROOT/dts/bindings/vendor-prefix.txt
vp_key=$(sed -n 's/^  "\^\([^,"]*\),\.\*":$/\1/p' "$VP_LINES")
[ -n "$vp_key" ] || die "no '\"^vendor,.*\":' line in $VP_LINES"

# Drop any earlier version of our entry, then insert it before the first
# vendor that sorts after it in the alphabetical list (or, failing that,
# before the catch-all patterns at the end).  The file is only rewritten
# when it changes, so the processed schema is not rebuilt for nothing.
LC_ALL=C awk -v key="$vp_key" -v linesfile="$VP_LINES" '
	BEGIN {
		while ((getline l < linesfile) > 0)
			block = block l "\n"
		ours = "  \"^" key ",.*\":"
	}
	skip && /^    / { next }
	{ skip = 0 }
	$0 == ours { skip = 1; next }
	/# Keep list in alphabetical order/ { inlist = 1 }
	inlist && !done && match($0, /^  "\^[^,"]*,\.\*":$/) {
		name = substr($0, 5, RLENGTH - 9)
		if (name > key) { printf "%s", block; done = 1 }
	}
	inlist && !done && /^  # Normal property name match/ {
		printf "%s\n", block; done = 1
	}
	{ print }
	END { if (!done) exit 1 }
' "$VP" > "$TMP/vendor-prefixes.yaml" || die "could not place the vendor prefix in $VP"
if ! cmp -s "$VP" "$TMP/vendor-prefixes.yaml"; then
	cat "$TMP/vendor-prefixes.yaml" > "$VP"
	log "vendor prefix \"$vp_key\" added to $VP"
fi
grep -qF -f <(head -n1 "$VP_LINES") "$VP" || die "vendor prefix missing from $VP"

# ---- 2. dt_binding_check ---------------------------------------------------

# find(1) does not descend into the net/flowsw symlink: make the bindings
# Makefile follow links (this overrides its find_all_cmd from the command
# line; the tree's only symlink is ours).
# shellcheck disable=SC2016 # $(src) is for make, not the shell
find_all='find -L $(src) \( -name "*.yaml" ! -name "processed-schema*" \)'

# Kbuild only redoes these when their inputs change, and their checks never
# fail the build: remove them so every run re-checks and re-reports.
rm -f "$OBJ/$BINDINGS/.dt-binding.checked" "$OBJ/$BINDINGS/.yamllint.checked" \
	"$OBJ/$BINDINGS"/net/flowsw/*.example.dts "$OBJ/$BINDINGS"/net/flowsw/*.example.dtb

DT_CMD=(make -C "$KSRC" O="$OBJ" -j"$JOBS" DT_SCHEMA_MIN_VERSION=2022.08
	"find_all_cmd=$find_all" dt_binding_check DT_SCHEMA_FILES=net/flowsw/)
log "running: ${DT_CMD[*]}"
if ! "${DT_CMD[@]}" > "$LOG" 2>&1; then
	fail "dt_binding_check: make failed"
fi

# Anything that names our files, other than kbuild's progress lines, is an
# error from dt-mk-schema, dt-doc-validate, yamllint, dtc or dt-validate.
if ! grep_ok -F 'net/flowsw/' "$LOG" > "$TMP/ours.txt" ||
	! grep_ok -vE '^  (DTEX|DTC|DTC \[C\]|CHKDT|LINT|SCHEMA) ' "$TMP/ours.txt" \
		> "$WORK/binding-errors.txt"; then
	fail "dt_binding_check: could not read $LOG"
fi
if [ -s "$WORK/binding-errors.txt" ]; then
	grep -A3 -F 'net/flowsw/' "$LOG" | grep -vE '^(  (DTEX|DTC|DTC \[C\]|CHKDT|LINT|SCHEMA) |make)' >&2 || true
	fail "dt_binding_check: $(wc -l < "$WORK/binding-errors.txt") error line(s) in $LOG"
fi

# Every binding must really have had its example built and validated.
nbind=0
for y in "$FLOWSW_ROOT"/dts/bindings/*.yaml; do
	b=$(basename "$y" .yaml)
	nbind=$((nbind + 1))
	grep -qF "DTC [C] $BINDINGS/net/flowsw/$b.example.dtb" "$LOG" ||
		fail "dt_binding_check: example of $b.yaml was not validated"
	grep -qF "http://devicetree.org/schemas/net/flowsw/$b.yaml#" "$OBJ/$BINDINGS/processed-schema.json" ||
		fail "dt_binding_check: $b.yaml is not in processed-schema.json"
done
[ "$nbind" -gt 0 ] || fail "no bindings in dts/bindings"

# Schemas dt-mk-schema dropped ("ignoring, error in schema"): those whose
# $id is missing from the processed schema.  Computed from the files, since
# kbuild only prints the messages when it rebuilds processed-schema.json.
python3 - "$KSRC/$BINDINGS" "$OBJ/$BINDINGS/processed-schema.json" \
	> "$WORK/unloadable-schemas.txt" <<'PY' || fail "could not read the processed schema"
import json, os, re, sys
root, processed = sys.argv[1], sys.argv[2]
loaded = json.load(open(processed))
for d, _, files in sorted(os.walk(root, followlinks=True)):
    for f in sorted(files):
        if not f.endswith(".yaml") or f.startswith("processed-schema"):
            continue
        path = os.path.join(d, f)
        with open(path, encoding="utf-8", errors="replace") as fh:
            m = re.search(r"^\$id: *(\S+)", fh.read(), re.M)
        if m and m.group(1) not in loaded and m.group(1).rstrip("#") + "#" not in loaded:
            print(os.path.relpath(path, root))
PY
nskip=$(wc -l < "$WORK/unloadable-schemas.txt")
[ "$nskip" -eq 0 ] ||
	log "note: dt-schema $(dt-doc-validate --version) cannot load $nskip core schema(s), see $WORK/unloadable-schemas.txt"
# Harmless only as long as none of them is one our bindings refer to.
if grep -qF net/flowsw/ "$WORK/unloadable-schemas.txt"; then
	fail "dt_binding_check: a flowsw binding is not in the processed schema"
fi
while IFS= read -r s; do
	if grep -qF "/schemas/${s}#" "$FLOWSW_ROOT"/dts/bindings/*.yaml; then
		fail "dt_binding_check: our bindings use $s, which dt-schema cannot load"
	fi
done < "$WORK/unloadable-schemas.txt"

# ---- 3. dtc with every warning ---------------------------------------------

DTC=$OBJ/scripts/dtc/dtc
[ -x "$DTC" ] || DTC=$(command -v dtc) || die "dtc not found"
FDTOVERLAY=$(command -v fdtoverlay || true)
STRICT=(-Wnode_name_chars_strict -Wproperty_name_chars_strict -Wunique_unit_address_if_enabled)
# An overlay alone is compiled without the checks that need the tree it
# lands in (cells, interrupt parent) and without the strict name check,
# which trips over "__overlay__"; the applied result gets all of them.
OVERLAY_CTX=(-Wno-reg_format -Wno-avoid_default_addr_size -Wno-interrupts_property)

dt_cpp() {
	cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
		-I "$(dirname "$1")" -I "$KSRC/scripts/dtc/include-prefixes" -o "$2" "$1"
}

# Compile quietly into $3; any message at all is a failure.
dtc_clean() {
	local what=$1 out=$2 msg
	shift 2
	if ! msg=$("$DTC" "$@" -o "$out" 2>&1) || [ -n "$msg" ]; then
		printf '%s\n' "$msg" >&2
		fail "dtc: $what"
		return 1
	fi
}

# A stand-in for QEMU's virt tree: 2/2 cells and a GIC as interrupt parent.
cat > "$TMP/virt-base.dts" <<'EOF'
/dts-v1/;
/ {
	compatible = "linux,dummy-virt";
	model = "dt-check virt stand-in";
	#address-cells = <2>;
	#size-cells = <2>;
	interrupt-parent = <&gic>;

	gic: interrupt-controller@8000000 {
		compatible = "arm,gic-v3";
		reg = <0x0 0x08000000 0x0 0x10000>, <0x0 0x080a0000 0x0 0xf60000>;
		#interrupt-cells = <3>;
		interrupt-controller;
	};
};
EOF
dtc_clean "virt stand-in" "$TMP/virt-base.dtb" -I dts -O dtb "${STRICT[@]}" "$TMP/virt-base.dts"

# Listed first, not in a process substitution, so that a find that fails
# is seen.
find "$FLOWSW_ROOT/dts" \( -name '*.dts' -o -name '*.dtso' \) -print0 > "$TMP/dts.list" ||
	fail "find: could not list the files under dts/"
sort -z -o "$TMP/dts.list" "$TMP/dts.list"
ndts=0
declare -a DTBS=()
while IFS= read -r -d '' f; do
	rel=${f#"$FLOWSW_ROOT"/}
	base=$TMP/$(basename "$f")
	ndts=$((ndts + 1))
	if ! dt_cpp "$f" "$base.pp" 2> "$base.cpp.err" || [ -s "$base.cpp.err" ]; then
		cat "$base.cpp.err" >&2
		fail "cpp: $rel"
		continue
	fi
	case $f in
	*.dtso)
		dtc_clean "$rel" "$base.dtbo" -I dts -O dtb "${OVERLAY_CTX[@]}" "$base.pp" || continue
		if [ -z "$FDTOVERLAY" ]; then
			fail "fdtoverlay not found, $rel not checked in place"
			continue
		fi
		if ! "$FDTOVERLAY" -i "$TMP/virt-base.dtb" -o "$base.dtb" "$base.dtbo" 2> "$base.ovl.err"; then
			cat "$base.ovl.err" >&2
			fail "fdtoverlay: $rel"
			continue
		fi
		dtc_clean "$rel applied to the virt stand-in" "$TMP/check.dtb" \
			-I dtb -O dtb "${STRICT[@]}" "$base.dtb" || continue
		;;
	*)
		dtc_clean "$rel" "$base.dtb" -I dts -O dtb "${STRICT[@]}" "$base.pp" || continue
		;;
	esac
	DTBS+=("$base.dtb:$rel")
done < "$TMP/dts.list"
[ "$ndts" -gt 0 ] || fail "no .dts/.dtso files under dts/"

# ---- 4. board files against the bindings -----------------------------------

SCHEMA=$OBJ/$BINDINGS/processed-schema.json
for d in "${DTBS[@]}"; do
	dtb=${d%%:*} rel=${d#*:}
	if [ ! -f "$SCHEMA" ]; then
		fail "dt-validate: no processed schema for $rel"
		continue
	fi
	if ! msg=$(dt-validate -l net/flowsw/ -u "$KSRC/$BINDINGS" -p "$SCHEMA" "$dtb" 2>&1) ||
		[ -n "$msg" ]; then
		printf '%s\n' "$msg" >&2
		fail "dt-validate: $rel"
	fi
done

# ---- verdict ---------------------------------------------------------------

if [ "${#failures[@]}" -eq 0 ]; then
	echo "dt-check: PASS: $nbind binding(s) and examples valid, $ndts DTS file(s) warning-free and valid" \
		"(dt-schema $(dt-doc-validate --version); $nskip core schema(s) unloadable, not used)"
else
	echo "dt-check: FAIL: ${#failures[@]} problem(s): $(IFS=';'; echo "${failures[*]}")"
	exit 1
fi
