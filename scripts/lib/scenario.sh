# Helpers for flowsw end-to-end scenarios; scripts/run-scenario sources this
# before the scenario file.  A scenario is plain bash.
# shellcheck shell=bash

FSW_CTLCMD="python3 $FSW_ROOT/scripts/lib/fswctl.py"

# guest [-t SECONDS] SCRIPT: run a shell script in the router (guest.sh
# helpers are available); prints its output, returns its exit status.
# guest [-t SECONDS] CMD ARG...: run one command; each ARG stays one word.
# A console or agent failure returns 255 and says so on stderr.
guest() {
	local t=60 rc
	if [ "$1" = -t ]; then t=$2; shift 2; fi
	if [ $# -eq 1 ]; then
		$FSW_CTLCMD guest "$t" "$1"
	else
		$FSW_CTLCMD guest "$t" "$(printf '%q ' "$@")"
	fi
	rc=$?
	[ $rc -eq 255 ] && echo "guest: the router's console did not answer" >&2
	return $rc
}

# monitor CMD...: a QEMU monitor command, e.g. "info flowsw"; non-zero,
# with a message on stderr, if the monitor could not be asked
monitor() {
	$FSW_CTLCMD monitor "$*" && return 0
	echo "monitor: could not ask QEMU's monitor: $*" >&2
	return 255
}

# wire_link PORT on|off: the carrier of a port's wire, as pulling its cable
# (the device's <port>-link property; its output is empty unless it failed)
wire_link() {
	local out
	out=$(monitor qom-set /machine/peripheral/fsw "$1-link" "$2") || return 255
	if [ -n "$out" ]; then
		echo "monitor: qom-set $1-link $2 answered: $out" >&2
		return 255
	fi
}

# dt_define NAME: the value the board was described with for NAME (the
# scenario's '# dt-define:' line, or FSW_DT_DEFINE), or nothing
dt_define() {
	local d
	for d in $FSW_DT_DEFINE; do
		[ "${d%%=*}" = "$1" ] && echo "${d#*=}"
	done
	return 0
}

# flowsw_dump: "info flowsw", or non-zero if it could not be had whole
# (its last line is always the model's GSO figures)
flowsw_dump() {
	local out
	out=$(monitor info flowsw) || return 255
	if ! printf '%s\n' "$out" | tail -n 1 | grep -q '^gso rx '; then
		echo "monitor: 'info flowsw' answered: $(printf '%s' "$out" | tail -n 3)" >&2
		return 255
	fi
	printf '%s\n' "$out"
}

# on PORT CMD...: run CMD on the test host wired to PORT (wan, lan1..lan4)
on() {
	local port=$1; shift
	ip netns exec "$FSW_ID-$port" "$@"
}

# on_bg [-o FILE] PORT CMD...: start CMD in the background on that host,
# its output in FILE (default: a log in $FSW_TMP); its PID is left in
# BG_PID for stop_bg.  The runner kills whatever is left in the
# namespaces at the end.
on_bg() {
	local log="$FSW_TMP/bg-$RANDOM.log"
	if [ "$1" = -o ]; then log=$2; shift 2; fi
	local port=$1; shift
	ip netns exec "$FSW_ID-$port" "$@" >"$log" 2>&1 &
	BG_PID=$!
}

# stop_bg PID...: end background commands started by on_bg (SIGTERM) and
# wait until they have exited; never reaches other processes on the machine
stop_bg() {
	local pid
	for pid in "$@"; do
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	return 0
}

# wait_bg SECONDS PID: wait until that background command exits by itself
wait_bg() {
	wait_host "$1" sh -c "! kill -0 $2 2>/dev/null" || return 1
	wait "$2" 2>/dev/null
	return 0
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

# skip NAME REASON: record that check NAME did not run, and why; counted
# as skipped, never as passed
skip() {
	echo "SKIP $1: $2" >> "$FSW_RESULTS"
	echo "  skip $1: $2"
}

# need WHAT CMD...: run a setup step; if it fails, say so and end the
# scenario (its declared checks that did not run then fail by name)
need() {
	local what=$1 out; shift
	if ! out=$("$@" 2>&1); then
		echo "setup failed: $what: $(printf '%s' "$out" | tail -n 5)"
		exit 1
	fi
	[ -n "$out" ] && printf '%s\n' "$out"
	return 0
}

# fail TEXT: a command that fails, saying TEXT (for check)
fail() { echo "$*"; return 1; }

# step TEXT: say what the scenario does next
step() { echo "== $*"; }

# host_addr PORT ADDR/LEN [GATEWAY]: address the test host on PORT
host_addr() {
	on "$1" ip addr add "$2" dev eth0
	[ -n "${3:-}" ] && on "$1" ip route add default via "$3"
	return 0
}

# wait_host SECONDS CMD...: poll a host-side condition every 0.1 s, for at
# most SECONDS of wall-clock time
wait_host() {
	local end=$(( $(date +%s%N) / 1000000 + $1 * 1000 )); shift
	while ! "$@" >/dev/null 2>&1; do
		if [ $(( $(date +%s%N) / 1000000 )) -ge $end ]; then
			echo "timed out waiting for: $*"
			return 1
		fi
		sleep 0.1
	done
	return 0
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
	guest router_on_lan1_wan || return 1
	host_addr lan1 192.168.1.2/24 192.168.1.1
	host_addr wan 192.0.2.2/24
	guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
}

# offloaded_udp_stream SPORT [COUNT]: router_up with quiet hosts that know
# each other's MACs, and a UDP stream of COUNT datagrams (12000, a minute's)
# at 200 a second from lan1 port SPORT to the wan host's port 9000; records
# "offloaded" once the driver has bound its flow
offloaded_udp_stream() {
	router_up
	host_quiet lan1
	host_quiet wan
	static_neighbours
	step "a UDP stream from lan1 to the wan host, offloaded"
	on_bg wan $FSW_UDPFLOW recv 9000 60
	wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
	on_bg lan1 $FSW_UDPFLOW send 192.0.2.2 9000 "${2:-12000}" 200 200 "$1"
	check offloaded guest wait_until 20 foe_bound "192.168.1.2:$1->192.0.2.2:9000"
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

# static_neighbours [PORT...]: the router and the hosts on PORT (lan1 and
# wan, the default) know each other's MAC for good, so no ARP shows in the
# hosts' counters
static_neighbours() {
	local port host router mac
	for port in ${*:-lan1 wan}; do
		case $port in
		lan1) host=192.168.1.2 router=192.168.1.1 ;;
		wan) host=192.0.2.2 router=192.0.2.1 ;;
		esac
		mac=$(on "$port" cat /sys/class/net/eth0/address)
		guest "ip neigh replace $host lladdr $mac dev $port nud permanent"
		on "$port" ip neigh replace $router lladdr \
			"$(guest cat /sys/class/net/$port/address)" dev eth0 nud permanent
	done
}
# router_drops [DEV...]: frames the router dropped at ingress on DEV (the
# default: the lan1 switch port, the conduit's full RX ring, the wan GMAC)
# before conntrack could see them: a switch port's rx_drops, a GMAC's
# rx_missed_errors
router_drops() {
	guest "for d in ${*:-lan1 eth0 wan}; do ethtool -S \$d | grep ' rx_drops:' ||
echo \"missed: \$(cat /sys/class/net/\$d/statistics/rx_missed_errors)\"; done |
awk '{ n += \$2 } END { print n + 0 }'"
}
# measured_rounds FUNC: run "FUNC ROUND", one measured round, again until
# the router dropped nothing at ingress meanwhile, 3 times at most: a frame
# dropped there was sent but is never counted, and its size is unknown.
# Records the check no_ingress_drops; leaves the last round's number in
# ROUND.
measured_rounds() {
	local drops0 drops
	for ROUND in 1 2 3; do
		drops0=$(router_drops)
		"$1" "$ROUND"
		drops=$(( $(router_drops) - drops0 ))
		[ "$drops" -eq 0 ] && break
		echo "round $ROUND: the router dropped $drops frames at ingress; again"
	done
	check no_ingress_drops test "$drops" -eq 0
}
# churn_router: the routed setup for tests/e2e/lib/churn.py, quiet hosts
# that know each other's MACs, churn_timeouts; fails the scenario if not
churn_router() {
	need "routed setup" router_up
	host_quiet lan1
	host_quiet wan
	static_neighbours
	need "timeouts" churn_timeouts
}

# churn_server IDLE: churn.py's server on the wan host (UDP 9000, TCP 5201),
# ending after IDLE seconds without traffic; its pid in CHURN_SERVER, its
# report in $FSW_TMP/serve.txt
churn_server() {
	on_bg -o "$FSW_TMP/serve.txt" wan python3 "$FSW_ROOT/tests/e2e/lib/churn.py" \
		serve 9000 5201 "$1"
	CHURN_SERVER=$BG_PID
	wait_host 10 on wan sh -c 'ss -lun | grep -q :9000 && ss -ltn | grep -q :5201'
}

# churn_timeouts: conntrack and flowtable timeouts short enough for churn
# tests: the flows left at the end live 20 s, then expire
churn_timeouts() {
	guest 'sysctl -qw net.netfilter.nf_conntrack_max=262144
for t in udp_timeout udp_timeout_stream; do
	sysctl -qw net.netfilter.nf_conntrack_$t=20
done
for t in tcp_timeout_time_wait tcp_timeout_close tcp_timeout_fin_wait \
	tcp_timeout_last_ack tcp_timeout_close_wait; do
	sysctl -qw net.netfilter.nf_conntrack_$t=5
done
sysctl -qw net.netfilter.nf_flowtable_udp_timeout=20
sysctl -qw net.netfilter.nf_flowtable_tcp_timeout=10'
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
# ("info flowsw" in the QEMU monitor) has / has no line matching PATTERN.
# Both return 2 if the monitor could not be asked: that is never "absent".
model_has() {
	local out
	out=$(flowsw_dump) || return 2
	printf '%s\n' "$out" | grep -q -e "$1"
}
model_lacks() {
	local out
	out=$(flowsw_dump) || return 2
	! printf '%s\n' "$out" | grep -q -e "$1"
}

# model_fwd PATTERN: the model's own count of frames it forwarded through
# the BIND entries whose line matches PATTERN (fwd_pkts, summed); fails if
# the monitor could not be asked or no BIND entry matches
model_fwd() {
	local out
	out=$(flowsw_dump) || return 2
	printf '%s\n' "$out" | grep -e "$1" | awk '
		$3 == "BIND" { for (i = 4; i < NF; i++) if ($i == "fwd_pkts") n += $(i + 1); found = 1 }
		END { if (!found) { print "no BIND entry matches" > "/dev/stderr"; exit 1 } print n + 0 }'
}

# model_port PORT|gmacN FIELD: a frame counter the model keeps for a switch
# port (0..3 user, 6 CPU) or a GMAC: "model_port 1 tx", "model_port gmac1 ppe_fwd"
model_port() {
	local out key=$1
	out=$(flowsw_dump) || return 2
	case $key in
	gmac*) key="gmac ${key#gmac}" ;;
	*) key="port $key" ;;
	esac
	printf '%s\n' "$out" | awk -v key="$key" -v f="$2" '
		$1 " " $2 == key { for (i = 3; i < NF; i++) if ($i == f) { print $(i + 1); found = 1 } }
		END { exit !found }'
}

# plumbing true|false: the device's x-plumbing: lan1's tap and wan's wired
# to each other past the switch, the PPE and the frame engine (the ceiling
# bench/forwarding.sh measures the PPE against)
plumbing() {
	local out
	out=$(monitor qom-set /machine/peripheral/fsw x-plumbing "$1") || return 1
	[ -z "$out" ] || fail "qom-set x-plumbing $1 answered: $out"
}

# device_rx: frames the model took in from lan1 (switch port 0) and wan
# (GMAC 1), by its own counters
device_rx() {
	local lan wan
	lan=$(model_port 0 rx) && wan=$(model_port gmac1 rx) || return 1
	echo $((lan + wan))
}

# plumbing_start [PREFIX]: x-plumbing on (check PREFIXplumbing_on), and
# the model's frame count taken from then on
plumbing_start() {
	check "${1:-}plumbing_on" plumbing true
	PLUMB_RX0=$(device_rx)
}

# plumbing_stop [PREFIX]: the model took in no frame since plumbing_start
# (check PREFIXplumbing_bypasses_the_device), x-plumbing off
plumbing_stop() {
	check "${1:-}plumbing_bypasses_the_device" test "$(device_rx)" -eq "$PLUMB_RX0"
	check "${1:-}plumbing_off" plumbing false
}

# plumb_hosts: the lan1 and wan hosts in one subnet of their own, for the
# plumbing runs (frames cross the device unchanged, so nothing routes them)
plumb_hosts() {
	on lan1 ip addr add 198.51.100.1/24 dev eth0 &&
		on wan ip addr add 198.51.100.2/24 dev eth0
}
PLUMB_DST=198.51.100.2

# model_pdma_rx: the model's own count of frames it handed to the CPU (written
# into the PDMA RX ring), whatever the driver then did with them
model_pdma_rx() {
	local out
	out=$(flowsw_dump) || return 2
	printf '%s\n' "$out" | awk '$1 == "pdma" && $2 == "rx" { print $3; found = 1 } END { exit !found }'
}

# guest_sw_rx: frames that reached the router's CPU from the wires: the
# CPU's share of the RX counters of the DSA conduit (eth0, every switch
# port) and of the wan GMAC, both counted by the PDMA RX path; what the PPE
# forwards never reaches them (ip -s link of wan counts it: hardware)
guest_sw_rx() {
	guest 'echo $(( $(cpu_rx_packets eth0) + $(cpu_rx_packets wan) ))'
}

# proof_window PREFIX FROM TO N: the window every proof below is taken in:
# reads the router's software RX, the model's frames to the CPU and TO's
# RX, records PREFIX_host_sent (FROM sent N more packets within 60 s, else
# the other checks would prove nothing), reads them again.  Leaves in PW_*
# what it read, the packets FROM sent (PW_SENT) and the slack the checks
# allow (PW_SLACK: 1 % of that, for other frames of the host such as
# iperf3's control connection).
proof_window() {
	local prefix=$1 from=$2 to=$3 n=$4 h0
	PW_SW0=$(guest_sw_rx) || PW_SW0=x
	PW_CPU0=$(model_pdma_rx) || PW_CPU0=x
	h0=$(host_counter "$from" tx packets)
	PW_RX0=$(host_counter "$to" rx packets)
	check "${prefix}_host_sent" until_host_counted 60 "$from" tx "$n"
	PW_SENT=$(( $(host_counter "$from" tx packets) - h0 ))
	PW_SW1=$(guest_sw_rx) || PW_SW1=x
	PW_CPU1=$(model_pdma_rx) || PW_CPU1=x
	PW_SLACK=$((PW_SENT / 100))
	echo "$prefix: $from sent $PW_SENT; router sw rx $PW_SW0 -> $PW_SW1; model to cpu $PW_CPU0 -> $PW_CPU1"
}

# proof_end PREFIX TO: the checks every proof ends with, over the last
# proof_window: PREFIX_guest_bypassed (the router's software RX and the
# model's frames to the CPU each grew by at most the slack, plus 10) and
# PREFIX_delivered (the host on TO received what was sent, less the slack)
proof_end() {
	check "${1}_guest_bypassed" bypassed "$PW_SW0" "$PW_SW1" "$PW_CPU0" "$PW_CPU1" \
		$((PW_SLACK + 10))
	check "${1}_delivered" \
		wait_value 10 $((PW_RX0 + PW_SENT - PW_SLACK)) host_counter "$2" rx packets
}

# offload_proof PREFIX FROM TO N PATTERN: the proof that the flow whose
# FOE entry matches PATTERN is forwarded by the hardware, taken while the
# host on FROM sends N more packets.  Records PREFIX_host_sent,
# PREFIX_model_forwarded (the model's own fwd_pkts of that entry grew by
# what FROM sent, less the slack), PREFIX_guest_bypassed and
# PREFIX_delivered (see proof_window and proof_end).  The checks read the
# router's counters while the stream runs, which the model's own data plane
# thread allows at any rate: streams need no pacing.
offload_proof() {
	local prefix=$1 from=$2 to=$3 n=$4 pattern=$5 f0
	f0=$(model_fwd "$pattern" 2>&1) || f0="none ($f0)"
	proof_window "$prefix" "$from" "$to" "$n"
	echo "$prefix: model fwd from $f0"
	if [ "${f0#none}" = "$f0" ]; then
		check "${prefix}_model_forwarded" \
			wait_value 10 $((f0 + PW_SENT - PW_SLACK)) model_fwd "$pattern"
	else
		check "${prefix}_model_forwarded" fail "no BIND entry matched $pattern at the start: $f0"
	fi
	proof_end "$prefix" "$to"
}

# send_proven PREFIX FROM TO N PATTERN OUT CMD...: run the sender CMD on
# the host on FROM in the background, its output in OUT, take offload_proof
# PREFIX FROM TO N PATTERN over its packets, and wait until it is done
send_proven() {
	local prefix=$1 from=$2 to=$3 n=$4 pattern=$5 out=$6 pid; shift 6
	on_bg -o "$out" "$from" "$@"
	pid=$BG_PID
	offload_proof "$prefix" "$from" "$to" "$n" "$pattern"
	wait_bg 30 "$pid"
}

# bypassed G0 G1 P0 P1 MAX: the router's software RX (G) and the model's
# frames to the CPU (P) each grew by at most MAX; x means "could not ask"
bypassed() {
	case "$1$2$3$4" in *x*) echo "could not read the counters: $*"; return 1 ;; esac
	[ $(($2 - $1)) -le "$5" ] || { echo "router software RX grew by $(($2 - $1))"; return 1; }
	[ $(($4 - $3)) -le "$5" ] || { echo "the model handed $(($4 - $3)) frames to the CPU"; return 1; }
}

# switch_proof PREFIX FROM TO N: the same proof for traffic the switch
# bridges between two user ports, which has no FOE entry: while the host on
# FROM sends N more packets, the model's own counters of switch port FROM
# (rx) and TO (tx) grow by as many (less the slack), the router's software
# RX stands still, and the host on TO receives them.  Records
# PREFIX_host_sent, PREFIX_switch_forwarded, PREFIX_guest_bypassed and
# PREFIX_delivered.
switch_proof() {
	local prefix=$1 from=$2 to=$3 n=$4
	local in=$(( ${2#lan} - 1 )) out=$(( ${3#lan} - 1 )) i0 o0
	i0=$(model_port $in rx); o0=$(model_port $out tx)
	proof_window "$prefix" "$from" "$to" "$n"
	echo "$prefix: switch port $in rx from $i0, port $out tx from $o0"
	check "${prefix}_switch_forwarded" switch_forwarded \
		$((i0 + PW_SENT - PW_SLACK)) $((o0 + PW_SENT - PW_SLACK)) $in $out
	proof_end "$prefix" "$to"
}

# switch_forwarded RX_MIN TX_MIN IN OUT: the model's switch port IN
# received at least RX_MIN frames and port OUT sent at least TX_MIN
switch_forwarded() {
	wait_value 10 "$1" model_port "$3" rx && wait_value 10 "$2" model_port "$4" tx
}

# wait_value SECONDS MIN CMD...: poll until CMD prints a number >= MIN, for
# at most SECONDS; else say what it printed last
wait_value() {
	local end=$(( $(date +%s) + $1 )) min=$2 v; shift 2
	while :; do
		v=$("$@" 2>&1)
		[ "$v" -ge "$min" ] 2>/dev/null && return 0
		if [ "$(date +%s)" -ge "$end" ]; then
			echo "$* gave '$v', wanted at least $min"
			return 1
		fi
		sleep 0.2
	done
}

# capture_start NAME PORT [FILTER...]: capture whole frames received on
# the host on PORT into $FSW_TMP/NAME.pcap, until capture_stop NAME
capture_start() {
	local name=$1 port=$2; shift 2
	on_bg -o "$FSW_TMP/$name.capture.log" "$port" \
		tcpdump -i eth0 -Q in -s 0 -U -n -B 8192 --immediate-mode -w "$FSW_TMP/$name.pcap" "$@"
	eval "CAPTURE_PID_${name//[^A-Za-z0-9_]/_}=$BG_PID"
	wait_host 10 grep -q "listening on" "$FSW_TMP/$name.capture.log"
}

# capture_stop NAME: end that capture; tcpdump writes out what it has
capture_stop() {
	local var="CAPTURE_PID_${1//[^A-Za-z0-9_]/_}"
	stop_bg "${!var}"
	grep -E "captured|dropped" "$FSW_TMP/$1.capture.log"
}

# host_report PID LOG: ask a test host program (taghost, pppoehost) for
# its count with SIGUSR1; prints the "received ..." line it then logs
host_report() {
	local n
	n=$(grep -c received "$2")
	kill -USR1 "$1" || return 1
	wait_host 10 sh -c "[ \$(grep -c received '$2') -gt $n ]" || return 1
	grep received "$2" | tail -n 1
}

# echo_round ROUND DST SPORT UP DOWN HOST_PID HOST_LOG: one measured round
# of a UDP flow from the lan1 host's SPORT to DST:9000 that the wan host
# echoes: 300 datagrams to bind both directions (checks flow_hw_offload
# and flow_bound_in_model, the upstream entry matching UP), then 4000 more
# with offload_proof over 1000 each way (up_* and down_*, DOWN matching the
# downstream entry), captured as wan_up (on wan) and lan1_down (on lan1).
# HOST_PID and HOST_LOG: the wan host program that counts what it got (see
# host_report); its counts before and after the 4000 are left in
# ECHO_BEFORE and ECHO_AFTER, what lan1 sent in $FSW_TMP/warm-ROUND.txt
# and $FSW_TMP/sent-ROUND.txt.
echo_round() {
	local round=$1 dst=$2 sport=$3 up=$4 down=$5 pid=$6 log=$7 send_pid
	step "round $round: UDP lan1 -> $dst:9000 from port $sport, echoed back"
	on lan1 $FSW_UDPFLOW send "$dst" 9000 300 300 1000 "$sport" > "$FSW_TMP/warm-$round.txt"
	check flow_hw_offload guest wait_until 10 hw_offloaded "sport=$sport"
	check flow_bound_in_model wait_host 10 model_has "$up"
	ECHO_BEFORE=$(host_received "$pid" "$log")
	capture_start wan_up wan
	capture_start lan1_down lan1 udp port 9000
	# up to a minute's datagrams, stopped once both proofs are taken: a
	# slower guest (make test-debug) takes longer over them
	on_bg -o "$FSW_TMP/sent-$round.txt" lan1 $FSW_UDPFLOW send "$dst" 9000 60000 300 1000 "$sport"
	send_pid=$BG_PID
	offload_proof up lan1 wan 1000 "$up"
	offload_proof down wan lan1 1000 "$down"
	stop_bg "$send_pid"
	capture_stop wan_up
	capture_stop lan1_down
	ECHO_AFTER=$(host_received "$pid" "$log" \
		$((ECHO_BEFORE + $(awk '{print $2}' "$FSW_TMP/sent-$round.txt"))))
	echo "the host's last count: $(grep received "$log" | tail -n 1)"
}

# host_received PID LOG [AT_LEAST]: the packet count of host_report PID LOG;
# with AT_LEAST, taken once it is that much or after 10 s, for datagrams
# still on their way when the sender stopped
host_received() {
	local n
	[ -n "$3" ] && wait_value 10 "$3" host_received "$1" "$2" >/dev/null
	n=$(host_report "$1" "$2") || return 1
	echo "$n" | awk '{ for (i = 1; i < NF; i++) if ($i == "received") print $(i + 1) }'
}

# sent_total: "packets bytes" of every warm-*.txt and sent-*.txt in
# $FSW_TMP: all that udpflow sent in every round
sent_total() {
	cat "$FSW_TMP"/warm-*.txt "$FSW_TMP"/sent-*.txt | awk '{ p += $2; b += $4 } END { print p, b }'
}

# wire_check NAME ARGS...: tests/e2e/lib/wirecheck.py on capture NAME, e.g.
# wire_check wan1 --proto udp --sport 40000 --vlan 100 --count 3000
wire_check() {
	local name=$1; shift
	python3 "$FSW_ROOT/tests/e2e/lib/wirecheck.py" "$FSW_TMP/$name.pcap" "$@"
}

# A tagged test host played from user space (the host kernel may have no
# VLAN devices): tests/e2e/lib/taghost.py serve|ping ...
FSW_TAGHOST="python3 $FSW_ROOT/tests/e2e/lib/taghost.py"

# A PPPoE access concentrator played from user space (the host kernel may
# have no PPP): tests/e2e/lib/pppoehost.py IFACE LOCAL PEER UDPPORT IDLE
FSW_PPPOEHOST="python3 $FSW_ROOT/tests/e2e/lib/pppoehost.py"

# per_flow_counts WHAT FILE DROPS: each flow's count in FILE ("sport
# count") is what it sent by $FSW_TMP/sent.txt ("sport S sent P"): exactly
# when the router dropped nothing (DROPS, counted at ingress), never more,
# and the shortfalls add up to no more than DROPS
per_flow_counts() {
	awk -v drops="$3" -v what="$1" '
		FILENAME ~ /sent/ { sent[$2] = $4; next }
		{ got[$1] = $2 }
		END {
			for (s in sent) {
				v = got[s] + 0
				short += sent[s] - v
				if (v > sent[s] || (drops == 0 && v != sent[s])) {
					print "sport " s ": " what " " v ", sent " sent[s]; bad++
				}
			}
			if (short > drops) { print what " short by " short ", router dropped " drops; bad++ }
			exit bad > 0
		}' "$FSW_TMP/sent.txt" "$2"
}

# udp_conntrack_per_flow DROPS: per_flow_counts of conntrack's original
# packets of the UDP flows to port 9000; conntrack learns the hardware's
# counts about once a second, so it is asked again for up to 15 s
udp_conntrack_per_flow() {
	wait_host 15 _udp_conntrack_compare "$1" >/dev/null || _udp_conntrack_compare "$1"
}
_udp_conntrack_compare() {
	guest "conntrack -L -p udp --dport 9000 2>/dev/null | awk '{
		for (i = 1; i <= NF; i++) { split(\$i, kv, \"=\"); if (kv[1] == \"sport\" && !s) s = kv[2]
			if (kv[1] == \"packets\" && !p) p = kv[2] }
		print s, p; s = p = \"\" }'" > "$FSW_TMP/ct.txt" &&
		per_flow_counts conntrack "$FSW_TMP/ct.txt" "$1"
}
