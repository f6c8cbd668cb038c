# Helpers for flowsw end-to-end scenarios; scripts/run-scenario sources this
# before the scenario file.  A scenario is plain bash.
# shellcheck shell=bash

FSW_CTLCMD="python3 $FSW_ROOT/scripts/lib/fswctl.py"

# guest [-t SECONDS] SCRIPT: run a shell script in the router (guest.sh
# helpers are available); prints its output, returns its exit status.
# guest [-t SECONDS] CMD ARG...: run one command; each ARG stays one word.
guest() {
	local t=60
	if [ "$1" = -t ]; then t=$2; shift 2; fi
	if [ $# -eq 1 ]; then
		$FSW_CTLCMD guest "$t" "$1"
	else
		$FSW_CTLCMD guest "$t" "$(printf '%q ' "$@")"
	fi
}

# monitor CMD...: a QEMU monitor command, e.g. "info flowsw"
monitor() { $FSW_CTLCMD monitor "$*"; }

# on PORT CMD...: run CMD on the test host wired to PORT (wan, lan1..lan4)
on() {
	local port=$1; shift
	ip netns exec "$FSW_ID-$port" "$@"
}

# on_bg PORT CMD...: start CMD in the background on that host; the runner
# kills whatever is left in the namespaces at the end.
on_bg() {
	local port=$1; shift
	ip netns exec "$FSW_ID-$port" "$@" >"$FSW_TMP/bg-$port-$RANDOM.log" 2>&1 &
}

# check NAME CMD...: run CMD; record PASS or FAIL (with the end of its output)
check() {
	local name=$1 out rc; shift
	out=$("$@" 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "PASS $name" >> "$FSW_RESULTS"
		echo "  ok   $name"
	else
		out=$(printf '%s' "$out" | tail -n 5 | tr '\n' ' ' | cut -c1-400)
		echo "FAIL $name: $out" >> "$FSW_RESULTS"
		echo "  FAIL $name: $out"
	fi
	return 0
}

# step TEXT: say what the scenario does next
step() { echo "== $*"; }

# host_addr PORT ADDR/LEN [GATEWAY]: address the test host on PORT
host_addr() {
	on "$1" ip addr add "$2" dev eth0
	[ -n "${3:-}" ] && on "$1" ip route add default via "$3"
	return 0
}

# wait_host SECONDS CMD...: poll a host-side condition every 0.1 s
wait_host() {
	local t=$(( $1 * 10 )); shift
	while [ $t -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		t=$((t - 1))
	done
	echo "timed out waiting for: $*"
	return 1
}

# host_counter PORT rx|tx packets|bytes: the test host's eth0 counter
host_counter() {
	on "$1" cat "/sys/class/net/eth0/statistics/$2_$3"
}

# host_quiet PORT: no IPv6 chatter (router solicitations, MLD) from this host,
# so its interface counters count only the test's traffic
host_quiet() {
	on "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	on "$1" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
}

# until_host_counted SECONDS PORT rx|tx N: wait until the host on PORT
# received (rx) or sent (tx) N more packets than when this was called
until_host_counted() {
	local start
	start=$(host_counter "$2" "$3" packets)
	wait_host "$1" sh -c "[ \$(ip netns exec $FSW_ID-$2 cat /sys/class/net/eth0/statistics/$3_packets) -ge $((start + $4)) ]"
}

# until_host_sent PORT N: wait until the host on PORT sent N more packets
# than when this was called (for measuring over a stream of traffic)
until_host_sent() { until_host_counted 60 "$1" tx "$2"; }

# router_up: the standard routed setup, lan1 192.168.1.1/24 and wan
# 192.0.2.1/24 with the offloading ruleset of /usr/lib/flowsw/router.nft
router_up() {
	guest 'ports_up
ip addr add 192.168.1.1/24 dev lan1
ip addr add 192.0.2.1/24 dev wan
routing_on' || return 1
	host_addr lan1 192.168.1.2/24 192.168.1.1
	host_addr wan 192.0.2.2/24
	guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
}

# bridge_router_up: br-lan over lan1 and lan2 at 192.168.1.1/24, wan at
# 192.0.2.1/24, routing with the offloading ruleset; the hosts are the
# scenario's to address
bridge_router_up() {
	guest 'br_lan lan1 lan2
ip addr add 192.168.1.1/24 dev br-lan
ip addr add 192.0.2.1/24 dev wan
routing_on' || return 1
	host_addr wan 192.0.2.2/24
	on wan ip route add 192.168.0.0/16 via 192.0.2.1
	guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
	guest wait_until 10 grep -q 1 /sys/class/net/lan2/carrier
}

# static_neighbours: the router and the lan1 and wan hosts know each other's
# MAC for good, so no ARP shows in the hosts' counters
static_neighbours() {
	local lan1_mac wan_mac
	lan1_mac=$(on lan1 cat /sys/class/net/eth0/address)
	wan_mac=$(on wan cat /sys/class/net/eth0/address)
	guest "ip neigh replace 192.168.1.2 lladdr $lan1_mac dev lan1 nud permanent
ip neigh replace 192.0.2.2 lladdr $wan_mac dev wan nud permanent"
	on lan1 ip neigh replace 192.168.1.1 lladdr "$(guest cat /sys/class/net/lan1/address)" dev eth0 nud permanent
	on wan ip neigh replace 192.0.2.1 lladdr "$(guest cat /sys/class/net/wan/address)" dev eth0 nud permanent
}
# router_drops: frames from lan1 or wan the router dropped at ingress (the
# lan1 switch port, a full GMAC RX ring) before conntrack could see them
router_drops() {
	guest 'for d in lan1 eth0 wan; do ethtool -S $d; done |
awk "/^ *(rx_drops|hw_rx_drops):/ { n += \$2 } END { print n + 0 }"'
}
# measured_rounds FUNC: run "FUNC ROUND", one measured round, again until
# the router dropped nothing at ingress meanwhile, 3 times at most: a frame
# dropped there was sent but is never counted, and its size is unknown.
# Records the check no_ingress_drops.
measured_rounds() {
	local round drops0 drops
	for round in 1 2 3; do
		drops0=$(router_drops)
		"$1" "$round"
		drops=$(( $(router_drops) - drops0 ))
		[ "$drops" -eq 0 ] && break
		echo "round $round: the router dropped $drops frames at ingress; again"
	done
	check no_ingress_drops test "$drops" -eq 0
}
# host_snmp PORT PROTO FIELD...: the sum of those fields of the host's
# /proc/net/snmp line for PROTO (Tcp, Udp, ...)
host_snmp() {
	local port=$1 proto=$2; shift 2
	on "$port" awk -v proto="$proto:" -v fields="$*" '
		$1 == proto && !names { for (i = 2; i <= NF; i++) col[$i] = i; names = 1; next }
		$1 == proto { n = split(fields, f, " "); for (j = 1; j <= n; j++) s += $(col[f[j]]) }
		END { print s + 0 }' /proc/net/snmp
}
FSW_UDPFLOW="python3 $FSW_ROOT/tests/e2e/lib/udpflow.py"

# model_has PATTERN / model_lacks PATTERN: the modelled FOE table or FDB
# ("info flowsw" in the QEMU monitor) has / has no line matching PATTERN
model_has() { monitor info flowsw | grep -q -e "$1"; }
model_lacks() { ! monitor info flowsw | grep -q -e "$1"; }

# A tagged test host played from user space (the host kernel may have no
# VLAN devices): tests/e2e/lib/taghost.py serve|ping ...
FSW_TAGHOST="python3 $FSW_ROOT/tests/e2e/lib/taghost.py"

# A PPPoE access concentrator played from user space (the host kernel may
# have no PPP): tests/e2e/lib/pppoehost.py IFACE LOCAL PEER UDPPORT IDLE
FSW_PPPOEHOST="python3 $FSW_ROOT/tests/e2e/lib/pppoehost.py"
