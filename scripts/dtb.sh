#!/bin/bash
# dtb.sh BASE.dtb OUT.dtb [-DNAME=VALUE...]: apply the flowsw board overlay to
# the DTB that QEMU generated for the virt board (-M virt,dumpdtb=BASE.dtb), so
# the guest probes exactly what dts/ describes.  The -D options go to cpp:
# -DFLOWSW_PPE_ENTRIES=1024 describes a board with a smaller PPE table.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base=$1 out=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cpp -nostdinc -undef -P -x assembler-with-cpp "$@" "$root/dts/flowsw-qemu-virt.dtso" > "$tmp/overlay.dts"
dtc -q -@ -I dts -O dtb -o "$tmp/overlay.dtbo" "$tmp/overlay.dts"
fdtoverlay -i "$base" -o "$out" "$tmp/overlay.dtbo"
