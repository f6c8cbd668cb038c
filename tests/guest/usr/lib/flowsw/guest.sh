# Helpers for guest-side scenario steps; sourced before every command.
# shellcheck shell=sh
IP=/bin/ip
BRIDGE=/sbin/bridge
TC=/sbin/tc
DBG=/sys/kernel/debug/flowsw

# rx_packets DEV: the interface's RX packet counter
rx_packets() { cat "/sys/class/net/$1/statistics/rx_packets"; }
tx_packets() { cat "/sys/class/net/$1/statistics/tx_packets"; }

# wait_until SECONDS COMMAND...: poll COMMAND until it succeeds, for at
# most SECONDS of wall time
wait_until() {
	_end=$(( $(date +%s) + $1 )); shift
	while ! "$@" >/dev/null 2>&1; do
		if [ "$(date +%s)" -ge "$_end" ]; then
			echo "timed out waiting for: $*"
			return 1
		fi
		sleep 0.1
	done
}

# hw_offloaded [PATTERN]: conntrack has a [HW_OFFLOAD] flow (matching PATTERN)
hw_offloaded() { conntrack -L 2>/dev/null | grep -e "${1:-}" | grep -q HW_OFFLOAD; }

# ct_has PATTERN: conntrack lists a flow matching PATTERN
ct_has() { conntrack -L 2>/dev/null | grep -q -e "$1"; }

# foe_bound [PATTERN]: the driver bound a FOE entry (matching PATTERN)
foe_bound() { grep -h " BIND " $DBG/*/foe | grep -e "${1:-}" | grep -q offloaded; }

# cpu_reason NAME: how many frames the PPE sent to the CPU for NAME, summed
# over every frame engine
cpu_reason() { cat $DBG/*/reasons | awk -v r="$1" '$1 == "cpu_reason" && $2 == r { n += $3 } END { print n + 0 }'; }

# ports_up: bring the conduit and every port up
ports_up() {
	for d in /sys/class/net/*; do
		$IP link set "${d##*/}" up
	done
}

# kernel_splats: print kernel warnings, lockdep reports and oopses (if any)
kernel_splats() {
	dmesg | grep -E 'WARNING:|BUG:|possible circular|inconsistent lock|Oops|Call trace|unreferenced object' || true
}

# busybox's own ip/bridge/tc applets would shadow iproute2 in this shell
ip() { /bin/ip "$@"; }
bridge() { /sbin/bridge "$@"; }
tc() { /sbin/tc "$@"; }
