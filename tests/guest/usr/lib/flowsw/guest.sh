# Helpers for guest-side scenario steps; sourced before every command.
# shellcheck shell=sh
IP=/bin/ip
BRIDGE=/sbin/bridge
TC=/sbin/tc
DBG=/sys/kernel/debug/flowsw

# cpu_rx_packets GMAC: the frames of the GMAC (eth0 or wan) that its
# driver received from the CPU's RX ring; the PPE's are not among them
cpu_rx_packets() { ethtool -S "$1" | awk '$1 == "cpu_rx_packets:" { print $2 }'; }

# uptime_cs: the time since boot in hundredths of a second
uptime_cs() { awk '{ printf "%d\n", $1 * 100 }' /proc/uptime; }

# cpu_busy_cs SECONDS: hundredths of a second the CPUs were busy (not
# idle, not waiting) during the next SECONDS
cpu_busy_cs() {
	_b0=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat)
	sleep "$1"
	awk -v b0="$_b0" '/^cpu / { print $2 + $3 + $4 + $7 + $8 - b0 }' /proc/stat
}

# wait_until SECONDS COMMAND...: poll COMMAND until it succeeds, for at
# most SECONDS of wall time (to a hundredth of a second)
wait_until() {
	_end=$(( $(uptime_cs) + $1 * 100 )); shift
	while ! "$@" >/dev/null 2>&1; do
		if [ "$(uptime_cs)" -ge "$_end" ]; then
			echo "timed out waiting for: $*"
			return 1
		fi
		sleep 0.1
	done
}

# not COMMAND...: COMMAND fails (for wait_until, which runs no shell)
not() { ! "$@"; }

# hw_offloaded [PATTERN]: conntrack has a [HW_OFFLOAD] flow (matching PATTERN)
hw_offloaded() { conntrack -L 2>/dev/null | grep -e "${1:-}" | grep -q HW_OFFLOAD; }

# ct_has PATTERN: conntrack lists a flow matching PATTERN
ct_has() { conntrack -L 2>/dev/null | grep -q -e "$1"; }

# ct_sum SRC: "orig_packets orig_bytes reply_packets reply_bytes", summed
# over the conntrack entries whose original source is SRC
ct_sum() {
	conntrack -L -s "$1" 2>/dev/null | awk '
		{
			np = nb = 0
			for (i = 1; i <= NF; i++) {
				split($i, kv, "=")
				if (kv[1] == "packets") p[np++] = kv[2]
				if (kv[1] == "bytes") b[nb++] = kv[2]
			}
			op += p[0]; ob += b[0]; rp += p[1]; rb += b[1]
		}
		END { print op + 0, ob + 0, rp + 0, rb + 0 }'
}

# ct_sum_is SRC OP OB RP RB: ct_sum SRC is exactly that
ct_sum_is() { [ "$(ct_sum "$1")" = "$2 $3 $4 $5" ]; }

# ct_packets_are SRC OP RP: ct_sum SRC has OP orig and RP reply packets
ct_packets_are() {
	set -- $(ct_sum "$1") "$2" "$3"
	[ "$1 $3" = "$5 $6" ]
}

# foe_bound [PATTERN]: the driver bound a FOE entry (matching PATTERN)
foe_bound() { grep -h " BIND " $DBG/*/foe | grep -e "${1:-}" | grep -q offloaded; }

# ppe_count KEY...: a counter of the debugfs reasons files, summed over the
# frame engines: "ppe_count dest_moves", "ppe_count cpu_reason exceed_mtu"
ppe_count() {
	cat $DBG/*/reasons | awk -v k="$*" '
		{ v = $NF; $NF = ""; sub(/ $/, "") }
		$0 == k { n += v }
		END { print n + 0 }'
}

# no_flows_held: the driver holds no flow any more, bound or waiting
no_flows_held() { [ "$(ppe_count flows)" -eq 0 ]; }

# ports_up: bring the conduit and every port up
ports_up() {
	for d in /sys/class/net/*; do
		$IP link set "${d##*/}" up
	done
}

# name_by_label: name the GMAC netdevs after their device-tree label, as
# OpenWrt's board files do; DSA already names the user ports from theirs
name_by_label() {
	for _d in /sys/class/net/*; do
		_l=$(tr -d '\0' 2>/dev/null < "$_d/of_node/label")
		if [ -n "$_l" ] && [ "$_l" != "${_d##*/}" ] && [ ! -e "/sys/class/net/$_l" ]; then
			$IP link set "${_d##*/}" name "$_l"
		fi
	done
}

# FLOWSW_MODULES: flowsw's modules and what they need, in load order, when
# the kernel has them as modules (make test-debug)
FLOWSW_MODULES="regmap-mmio flowsw-foe flowsw-eth flowsw-switch"

# flowsw_modular: this kernel has flowsw as modules
flowsw_modular() { [ -n "$(find /lib/modules -name flowsw-eth.ko 2>/dev/null)" ]; }

# load_flowsw: load the modules not loaded yet, then wait until the
# switch's ports exist (they probe as the modules load, DSA's after the
# conduit's)
load_flowsw() {
	for _m in $FLOWSW_MODULES; do
		[ -d "/sys/module/$(echo "$_m" | tr - _)" ] && continue
		insmod "$(find /lib/modules -name "$_m.ko")" || return 1
	done
	wait_until 30 [ -e /sys/class/net/lan4 ]
}

# unload_flowsw: unload FLOWSW_MODULES, last loaded first
unload_flowsw() {
	_r=
	for _m in $FLOWSW_MODULES; do
		_r="$_m $_r"
	done
	for _m in $_r; do
		rmmod "$(echo "$_m" | tr - _)" || return 1
	done
}

# br_lan PORT...: bring every port up and bridge PORTs in br-lan (up)
br_lan() {
	ports_up
	$IP link add br-lan type bridge
	for p in "$@"; do
		$IP link set "$p" master br-lan
	done
	$IP link set br-lan up
}

# routing_on: forward, count bytes in conntrack, load the offloading ruleset
routing_on() {
	sysctl -qw net.ipv4.ip_forward=1
	sysctl -qw net.netfilter.nf_conntrack_acct=1
	nft -f /usr/lib/flowsw/router.nft
}

# router_on_lan1_wan: every port up, lan1 192.168.1.1/24, wan 192.0.2.1/24,
# routing_on (the router of the scenarios' router_up)
router_on_lan1_wan() {
	ports_up
	$IP addr add 192.168.1.1/24 dev lan1
	$IP addr add 192.0.2.1/24 dev wan
	routing_on
}

# kernel_splats: print kernel warnings, lockdep, KASAN and UBSAN reports,
# oopses, hung tasks, RCU stalls and leaked netdev references (if any)
kernel_splats() {
	_log=$(dmesg) || { echo "dmesg failed"; return 1; }
	printf '%s\n' "$_log" | grep -E 'WARNING:|BUG:|possible circular|inconsistent lock|Oops|Call trace|unreferenced object|INFO: task .* blocked|rcu: INFO:|detected stalls? on|self-detected stall|unregister_netdevice: waiting|UBSAN:|refcount_t:|Unable to handle kernel|Internal error:' || true
}

# bql_settled DEV: byte queue limits run on DEV's TX queue: traffic made
# the limit grow from 0, and every frame queued has completed
bql_settled() {
	_b=/sys/class/net/$1/queues/tx-0/byte_queue_limits
	[ "$(cat $_b/limit)" -gt 0 ] && [ "$(cat $_b/inflight)" -eq 0 ]
}

# kmsg_has PATTERN: the kernel log has a line matching PATTERN (grep -E)
kmsg_has() { dmesg | grep -qE -- "$1"; }

# kmemleak_clean: kmemleak is on, scans, and reports no leak (printed if any)
kmemleak_clean() {
	_kl=/sys/kernel/debug/kmemleak
	[ -w $_kl ] || { echo "kmemleak is not available"; return 1; }
	echo scan > $_kl || { echo "kmemleak scan failed (disabled at boot?)"; return 1; }
	# kmemleak reports only objects older than 5 s: scan again past that age
	sleep 6
	echo scan > $_kl || { echo "kmemleak scan failed"; return 1; }
	if grep -q unreferenced $_kl; then
		head -n 40 $_kl
		return 1
	fi
}

# busybox's own ip/bridge/tc applets would shadow iproute2 in this shell
ip() { /bin/ip "$@"; }
bridge() { /sbin/bridge "$@"; }
tc() { /sbin/tc "$@"; }
