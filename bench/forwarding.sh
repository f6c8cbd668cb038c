# Forwarding benchmark, in one guest boot:
#  1. iperf3 TCP lan1 -> wan with masquerade, three ways: no flowtable (the
#     nat table only), the software flowtable (router.nft without "flags
#     offload") and hardware offload (router.nft): the receiver's
#     throughput and the CPU time each run cost the guest.  A fourth way,
#     plumb, is the ceiling: the device's x-plumbing wires lan1's tap to
#     wan's past the switch, the PPE and the frame engine, so the same
#     thread, taps and vnet headers forward with no device logic
#     (hw_over_plumbing = hw / plumb).
#  1b. the same four ways with 64-byte frames (18-byte UDP payloads, sent
#     as fast as iperf3 can): the datagrams/s the wan host received
#     (pps_*).  The hosts' iperf3 run on the first CPU and QEMU on the
#     second: unpinned, the sender took the device's CPU, and the faster
#     a path, the less CPU it got.
#  2. the router while offload saturates the model (issue #15): during an
#     unpaced offloaded stream, the guest's timer ticks against wall time,
#     console round trips, a lan2 host's pings to the router, and
#     BUSY_FLOWS new UDP flows from lan2 set up beside it.
#  3. flow setup: FLOWS new UDP flows at once with the offload ruleset, at
#     a few offered packet rates: how fast the driver binds them
#     (REPLACE -> BIND).
#
#     scripts/run-scenario --timeout 900 bench/forwarding.sh
#
# Prints "name: value" lines (fwd_gbps_*, guest_cpu_s_*, hw_over_*,
# flow_setup_per_s, ...; bench/plot.py reads them) and, at the end, all of
# them again under "== summary".  The checks make sure each run forwarded
# the way it claims, so no ratio comes from a flow that was not offloaded.
#
# Knobs (environment): FWD_TIME (iperf3 -t, default 10), FWD_ROUNDS (rounds
# of the three runs, default 3: each figure is the round with the median
# throughput, since the guest's software path varies by up to two times
# between runs), FWD_OMIT (iperf3
# -O: seconds left out of the figure at the start, default 0), FWD_STREAMS
# (iperf3 -P, default 4: one TCP stream through the taps leaves a quarter of
# the host's CPU idle waiting, four keep QEMU's main loop busy; the guest's
# software path is the same either way), FWD_IPERF_ARGS (more client options), FWD_PARTS
# ("tcp pps busy setup", default all four), BUSY_TIME (seconds of the busy
# part's stream, default 30), BUSY_FLOWS (default 256), FLOWS (default 500), BURST_RATES (offered
# datagrams/s of the flow-setup bursts, default "2500 5000 10000 20000"),
# BURST_MIN (data datagrams per flow at least, default 15).
# timeout: 900
# checks: router_up lan1_reaches_wan iperf3_server hw_ppe_forwarded_the_stream
# checks: none_conntrack_only sw_software_flowtable hw_offloaded
# checks: none_iperf3_ran sw_iperf3_ran hw_iperf3_ran plumb_iperf3_ran
# checks: plumbing_on plumbing_bypasses_the_device plumbing_off plumb_hosts
# checks: pps_iperf3_server pps_*_iperf3_ran pps_hw_ppe_forwarded pps_*_path
# checks: pps_plumbing_bypasses_the_device pps_plumbing_on pps_plumbing_off
# checks: busy_lan2_host busy_iperf3_server busy_flow_receiver
# checks: busy_stream_offloaded busy_stream_still_offloaded
# checks: burst_receiver setup_*_sockets_open setup_*_all_bound setup_*_foe_agrees
# shellcheck disable=SC2016 # guest commands expand in the guest

FWD_TIME=${FWD_TIME:-10}
FWD_OMIT=${FWD_OMIT:-0}
FWD_STREAMS=${FWD_STREAMS:-4}
FWD_ROUNDS=${FWD_ROUNDS:-3}
FWD_IPERF_ARGS=${FWD_IPERF_ARGS:-}
FWD_PARTS=${FWD_PARTS:-tcp pps busy setup}
BUSY_TIME=${BUSY_TIME:-30}
BUSY_FLOWS=${BUSY_FLOWS:-256}
FLOWS=${FLOWS:-500}
BURST_RATES=${BURST_RATES:-2500 5000 10000 20000}
BURST_MIN=${BURST_MIN:-15}
BURST_PORT=9100
TCP_FLOW="192.168.1.2:[0-9]*->192.0.2.2:5201"
: > "$FSW_TMP/figures"

# figure NAME VALUE: one result line, also kept for the summary
figure() {
	echo "$1: $2"
	echo "$1: $2" >> "$FSW_TMP/figures"
}

# QEMU's host CPU time in clock ticks (100/s), "MAIN OTHERS DATAPLANE":
# the main loop thread, the model's data plane thread (the switch, the PPE
# and tap I/O: what the modelled hardware costs) and the other threads (the
# TCG vCPU: what the emulated CPU really ran, whatever the guest's own tick
# accounting saw).  The runner names QEMU's threads (debug-threads=on).
qemu_pid=$FSW_QEMU_PID
qemu_ticks() {
	awk -v main="$qemu_pid" 'FNR == 1 {
		dp = $0 ~ /\(flowsw-dp\)/
		sub(/^.*\) /, "")	# past "pid (comm) ": field 1 is the state
		if (FILENAME ~ "/task/" main "/stat$") m += $12 + $13
		else if (dp) d += $12 + $13
		else o += $12 + $13
	} END { print m + 0, o + 0, d + 0 }' /proc/"$qemu_pid"/task/*/stat
}

# guest_snapshot: the "cpu ..." line of the guest's /proc/stat and its
# uptime, on one line
guest_snapshot() {
	guest 'read -r l < /proc/stat; read -r u _ < /proc/uptime; echo "$l $u"'
}

step "router: lan1 192.168.1.1/24, wan 192.0.2.1/24, masquerade on wan"
check router_up router_up
check plumb_hosts plumb_hosts
host_quiet lan1
host_quiet wan
# the three rulesets: nat only, software flowtable, hardware offload
guest '{ echo "flush ruleset"; sed -n "/^table ip nat/,\$p" /usr/lib/flowsw/router.nft; } > /tmp/router-none.nft
sed "/flags offload/d" /usr/lib/flowsw/router.nft > /tmp/router-sw.nft'
check lan1_reaches_wan on lan1 ping -c 2 -W 2 192.0.2.2

# model_pkts_above PATTERN N: an entry of the model's FOE table matching
# PATTERN forwarded more than N packets
model_pkts_above() {
	monitor info flowsw | grep -e "$1" | awk -v n="$2" '
		{ for (i = 1; i < NF; i++) if ($i == "pkts" && $(i + 1) > n) ok = 1 }
		END { exit !ok }'
}

# path_sign MODE: the guest condition that shows the stream took MODE's path
path_sign() {
	case $1 in
	none) echo "ct_has 'dport=5201 .*ASSURED'" ;;
	sw) echo "ct_has 'dport=5201 .*\\[OFFLOAD\\]'" ;;
	hw) echo "hw_offloaded 'dport=5201'" ;;
	esac
}

# fwd_run MODE RULESET ROUND: one iperf3 run lan1 -> wan under that
# ruleset; its figures are named *_MODE_rROUND
# (plumb: RULESET is ignored; lan1 and wan are wired past the device)
fwd_run() {
	local mode=$1 ruleset=$2 round=$3 json=$FSW_TMP/iperf-$1.json s0 s1 q0 q1 pid
	local dst=192.0.2.2
	if [ "$mode" = plumb ]; then
		step "round $round: TCP lan1 -> wan host, ${FWD_TIME}s, plumbing (no device logic)"
		dst=$PLUMB_DST
		plumbing_start
	else
		step "round $round: TCP lan1 -> wan, ${FWD_TIME}s, ruleset $mode ($ruleset)"
		guest "nft -f $ruleset && conntrack -F 2>/dev/null; nft list ruleset | grep -E 'flowtable|flags|flow add|masquerade'"
		sleep 1
	fi
	q0=$(qemu_ticks)
	s0=$(guest_snapshot)
	[ "$mode" = plumb ] || fwd_watch "$mode"
	# shellcheck disable=SC2086
	on lan1 iperf3 -c "$dst" -p 5201 -t "$FWD_TIME" -O "$FWD_OMIT" -P "$FWD_STREAMS" \
		$FWD_IPERF_ARGS -J > "$json" 2>&1 &
	pid=$!
	[ "$mode" = hw ] && check hw_ppe_forwarded_the_stream \
		wait_host 10 model_pkts_above "BIND IPV4_HNAPT tcp $TCP_FLOW" 10000
	wait "$pid"
	s1=$(guest_snapshot)
	q1=$(qemu_ticks)
	if [ "$mode" = plumb ]; then
		plumbing_stop
	else
		fwd_path_check "$mode"
	fi
	check "${mode}_iperf3_ran" iperf3_ran "$json"
	fwd_figures "${mode}_r$round" "$s0" "$s1" "$q0" "$q1" "$json"
}

# iperf3_ran JSON: iperf3's report says what its receiver got
iperf3_ran() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(d.get("error", ""))
d["end"]["sum_received"]["bytes"]' "$1"
}

# fwd_watch MODE: start a watcher in the guest for the sign of MODE's path
fwd_watch() {
	local mode=$1
	# Which path does the stream take?  A watcher started in the guest
	# before the stream waits for the sign of this run's path and sums up
	# conntrack and the FOE table into one line: once the hw path saturates
	# QEMU's main loop, console commands only run after the stream ends.
	guest "( wait_until 20 $(path_sign "$mode") > /dev/null
conntrack -L -p tcp --dport 5201 2>/dev/null |
awk '/ASSURED/ { a++ } /\\[OFFLOAD\\]/ { s++ } /HW_OFFLOAD/ { h++ }
END { printf \"assured %d offload %d hw_offload %d \", a, s, h }'
grep -h ' BIND ' \$DBG/*/foe | grep -e '$TCP_FLOW' |
awk '/offloaded/ { n++; for (i = 1; i < NF; i++) if (\$i == \"pkts\" && \$(i + 1) > m) m = \$(i + 1) }
END { printf \"bound %d ppe_pkts %d\\n\", n, m }' ) > /tmp/path-$mode.txt 2>&1 &"
}

# fwd_path_check MODE: the watcher saw the stream take MODE's path
fwd_path_check() {
	local mode=$1 path
	path=$(guest "cat /tmp/path-$mode.txt")
	echo "$path"
	# shellcheck disable=SC2086
	set -- $path
	case $mode in
	none)
		check none_conntrack_only test "$2" -ge 1 -a "$4" -eq 0 -a "$6" -eq 0 -a "$8" -eq 0
		;;
	sw)
		check sw_software_flowtable test "$4" -ge 1 -a "$6" -eq 0 -a "$8" -eq 0
		;;
	hw)
		check hw_offloaded test "$6" -ge 1
		;;
	esac
}

# fwd_figures NAME S0 S1 Q0 Q1 JSON: a TCP run's figures, suffixed NAME
fwd_figures() {
	python3 - "$@" <<'PY' | tee -a "$FSW_TMP/figures"
import json, sys
mode, s0, s1, q0, q1, path = sys.argv[1:]
def snap(s):
    f = s.split()
    t = [int(x) for x in f[1:9]]  # user nice system idle iowait irq softirq steal
    return sum(t) - t[3] - t[4], sum(t), float(f[-1])
b0, t0, u0 = snap(s0)
b1, t1, u1 = snap(s1)
(m0, o0, d0), (m1, o1, d1) = ([int(x) for x in q.split()] for q in (q0, q1))
try:
    end = json.load(open(path))["end"]
    bps = end["sum_received"]["bits_per_second"]
    retr = end.get("sum_sent", {}).get("retransmits", 0)
except (ValueError, KeyError, OSError):
    bps, retr = 0.0, -1
busy = b1 - b0
print(f"fwd_gbps_{mode}: {bps / 1e9:.4f}")
# busy jiffies (total - idle - iowait) at USER_HZ 100
print(f"guest_cpu_s_{mode}: {busy / 100:.2f}")
# The guest samples its CPU use at its timer tick; when the host is busy,
# ticks come late and are merged, so say how much time the ticks covered,
# the busy share of them and what the vCPU and main threads really ran.
print(f"guest_ticks_s_{mode}: {(t1 - t0) / 100:.2f} of {u1 - u0:.2f}")
print(f"guest_busy_share_{mode}: {busy / max(t1 - t0, 1):.3f}")
print(f"qemu_vcpu_cpu_s_{mode}: {(o1 - o0) / 100:.2f}")
print(f"qemu_main_cpu_s_{mode}: {(m1 - m0) / 100:.2f}")
print(f"qemu_dataplane_cpu_s_{mode}: {(d1 - d0) / 100:.2f}")
print(f"tcp_retransmits_{mode}: {retr}")
PY
}

case " $FWD_PARTS " in
*" tcp "*)
	on_bg wan iperf3 -s -p 5201
	check iperf3_server wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
	for round in $(seq "$FWD_ROUNDS"); do
		fwd_run none /tmp/router-none.nft "$round"
		fwd_run sw /tmp/router-sw.nft "$round"
		fwd_run hw /usr/lib/flowsw/router.nft "$round"
		fwd_run plumb - "$round"
	done
	on wan pkill -x iperf3
	# each mode's figures are those of its round with the median throughput
	python3 - "$FSW_TMP/figures" <<'PY' | tee -a "$FSW_TMP/figures"
import re, sys
runs = {}
for line in open(sys.argv[1]):
    m = re.match(r"^([a-z_]+)_(none|sw|hw|plumb)_r(\d+): (.*)$", line)
    if m:
        runs.setdefault((m[2], m[3]), {})[m[1]] = m[4]
median = {}
for mode in ("none", "sw", "hw", "plumb"):
    rounds = sorted((float(f["fwd_gbps"]), r) for (md, r), f in runs.items() if md == mode)
    if not rounds:
        continue
    gbps, r = rounds[(len(rounds) - 1) // 2]
    median[mode] = gbps
    print(f"fwd_gbps_{mode}_rounds: {' '.join(f'{g:.4f}' for g, _ in rounds)}")
    for k, v in runs[(mode, r)].items():
        print(f"{k}_{mode}: {v}")
hw = median.get("hw", 0)
for base in ("none", "sw"):
    b = median.get(base, 0)
    print(f"hw_over_{base}: {hw / b:.1f}" if b > 0 and hw > 0 else f"hw_over_{base}: nan")
plumb = median.get("plumb", 0)
print(f"hw_over_plumbing: {hw / plumb:.3f}" if plumb > 0 else "hw_over_plumbing: nan")
PY
	;;
esac

# pps_run MODE RULESET: 64-byte frames lan1 -> wan for FWD_TIME s, as fast
# as iperf3 sends them (every path is overloaded; what counts is what
# arrives): pps_MODE is the wan host's received datagrams/s
pps_run() {
	local mode=$1 ruleset=$2 json=$FSW_TMP/pps-$1.json dst=192.0.2.2 pid
	local flow="udp 192.168.1.2:[0-9]*->192.0.2.2:5203"
	step "64-byte UDP lan1 -> wan, ${FWD_TIME}s, $mode"
	if [ "$mode" = plumb ]; then
		dst=$PLUMB_DST
		plumbing_start pps_
	else
		guest "nft -f $ruleset && conntrack -F 2>/dev/null; true"
	fi
	# 18 bytes of UDP payload: 60-byte frames, 64 with the FCS
	on lan1 timeout $((FWD_TIME + 60)) taskset -c 0 iperf3 -c "$dst" -p 5203 -u -l 18 -b 0 \
		-t "$FWD_TIME" -J > "$json" 2>&1 &
	pid=$!
	[ "$mode" = hw ] && check pps_hw_ppe_forwarded \
		wait_host 10 model_pkts_above "BIND IPV4_HNAPT $flow" 10000
	wait "$pid"
	case $mode in
	plumb) plumbing_stop pps_ ;;
	none) check pps_none_path guest "ct_has 'dport=5203 ' && not ct_has 'dport=5203 .*OFFLOAD'" ;;
	sw) check pps_sw_path guest "ct_has 'dport=5203 .*\\[OFFLOAD\\]'" ;;
	hw) check pps_hw_path guest "hw_offloaded 'dport=5203 '" ;;
	esac
	check "pps_${mode}_iperf3_ran" iperf3_ran "$json"
	python3 - "$mode" "$json" <<'PY' | tee -a "$FSW_TMP/figures"
import json, sys
mode, path = sys.argv[1:]
try:
    end = json.load(open(path))["end"]
    rx, tx = end["sum_received"], end["sum_sent"]
    print(f"pps_{mode}: {rx['bytes'] / 18 / rx['seconds']:.0f}")
    print(f"pps_offered_{mode}: {tx['bytes'] / 18 / tx['seconds']:.0f}")
except (ValueError, KeyError, OSError, ZeroDivisionError):
    print(f"pps_{mode}: 0")
PY
}

case " $FWD_PARTS " in
*" pps "*)
	on_bg wan taskset -c 0 iperf3 -s -p 5203
	taskset -a -p -c 1 "$FSW_QEMU_PID" > /dev/null
	check pps_iperf3_server wait_host 10 on wan sh -c 'ss -ltn | grep -q :5203'
	pps_run none /tmp/router-none.nft
	pps_run sw /tmp/router-sw.nft
	pps_run hw /usr/lib/flowsw/router.nft
	pps_run plumb -
	on wan pkill -x iperf3
	taskset -a -p -c 0-$(($(nproc) - 1)) "$FSW_QEMU_PID" > /dev/null
	awk -F': ' '/^pps_(none|sw|hw|plumb): / { v[substr($1, 5)] = $2 }
		END {
			split("none sw plumb", base, " ")
			for (i = 1; i <= 3; i++) {
				b = base[i]
				printf "pps_hw_over_%s: %s\n", (b == "plumb" ? "plumbing" : b),
					(v[b] > 0 ? sprintf("%.3f", v["hw"] / v[b]) : "nan")
			}
		}' "$FSW_TMP/figures" | tee -a "$FSW_TMP/figures"
	;;
esac

# The router while offload saturates the model.  The figures:
# guest_ticks_share_hw (timer ticks the guest got over wall time),
# console_p99_s_hw, router_ping_p99_ms_hw (a lost ping counts as its 5 s
# timeout), busy_flows_bound_pct (the model's own count of flows it
# forwarded) and busy_datagrams_unaccounted (sent, less received, less the
# router's counted ingress drops: 0 when nothing is lost unseen).
busy_run() {
	local pid s0 s1 q0 q1 i t0 drops0 drops json=$FSW_TMP/iperf-busy.json
	step "the router while an unpaced offloaded stream saturates the model (${BUSY_TIME}s)"
	guest 'ip addr add 192.168.2.1/24 dev lan2; nft -f /usr/lib/flowsw/router.nft && conntrack -F 2>/dev/null; true'
	check busy_lan2_host host_addr lan2 192.168.2.2/24 192.168.2.1
	host_quiet lan2
	on lan2 ping -c 1 -W 2 192.168.2.1 > /dev/null
	on_bg wan iperf3 -s -p 5202 -1
	check busy_iperf3_server wait_host 10 on wan sh -c 'ss -ltn | grep -q :5202'
	on lan1 iperf3 -c 192.0.2.2 -p 5202 -t "$BUSY_TIME" -P "$FWD_STREAMS" -J > "$json" 2>&1 &
	pid=$!
	check busy_stream_offloaded wait_host 20 model_pkts_above \
		"BIND IPV4_HNAPT tcp 192.168.1.2:[0-9]*->192.0.2.2:5202" 10000
	q0=$(qemu_ticks)
	s0=$(guest_snapshot)
	on lan2 ping -c 50 -i 0.2 -W 5 192.168.2.1 > "$FSW_TMP/busy-ping.txt" 2>&1 &
	: > "$FSW_TMP/busy-console.txt"
	for i in $(seq 30); do
		t0=$(date +%s%N)
		guest true
		echo $(( ($(date +%s%N) - t0) / 1000 )) >> "$FSW_TMP/busy-console.txt"
	done
	wait $!
	# the receiver ends after 5 s of silence: started just before the flows
	on_bg -o "$FSW_TMP/busy-recv.txt" wan $FSW_UDPFLOW recvmany 9200 5 echo
	check busy_flow_receiver wait_host 10 on wan sh -c 'ss -lun | grep -q :9200'
	drops0=$(router_drops lan2 eth0 wan)
	on lan2 $FSW_UDPFLOW sendmany 192.0.2.2 9200 "$BUSY_FLOWS" 100 200 2560 43000 \
		> "$FSW_TMP/busy-sent.txt"
	drops=$(( $(router_drops lan2 eth0 wan) - drops0 ))
	# now: idle flows leave the table after the flowtable's timeout
	monitor info flowsw > "$FSW_TMP/busy-model.txt"
	s1=$(guest_snapshot)
	q1=$(qemu_ticks)
	check busy_stream_still_offloaded model_pkts_above \
		"BIND IPV4_HNAPT tcp 192.168.1.2:[0-9]*->192.0.2.2:5202" 10000
	wait "$pid"
	sleep 6		# recvmany ends after 5 s of silence
	python3 - "$s0" "$s1" "$q0" "$q1" "$drops" "$BUSY_FLOWS" "$FSW_TMP" <<'PY' | tee -a "$FSW_TMP/figures"
import re, sys
s0, s1, q0, q1, drops, flows, tmp = sys.argv[1:]
drops, flows = int(drops), int(flows)
def snap(s):
    f = s.split()
    return sum(int(x) for x in f[1:9]), float(f[-1])
(t0, u0), (t1, u1) = snap(s0), snap(s1)
(m0, o0, d0), (m1, o1, d1) = ([int(x) for x in q.split()] for q in (q0, q1))
def p99(v):
    v = sorted(v)
    return v[max(0, -(-99 * len(v) // 100) - 1)]
console = [int(x) / 1e6 for x in open(f"{tmp}/busy-console.txt").read().split()]
ping = open(f"{tmp}/busy-ping.txt").read()
rtts = [float(x) for x in re.findall(r"time=([0-9.]+) ms", ping)]
sent = int(re.search(r"(\d+) packets transmitted", ping)[1])
rtts += [5000.0] * (sent - len(rtts))
print(f"guest_ticks_share_hw: {(t1 - t0) / 100 / (u1 - u0):.3f}")
print(f"console_p99_s_hw: {p99(console):.3f}")
print(f"router_ping_p99_ms_hw: {p99(rtts):.1f}")
print(f"qemu_dataplane_cpu_s_busy: {(d1 - d0) / 100:.2f}")
print(f"qemu_main_cpu_s_busy: {(m1 - m0) / 100:.2f}")
tx = {l.split()[1]: int(l.split()[3]) for l in open(f"{tmp}/busy-sent.txt") if l.startswith("sport ")}
rx = {l.split()[1]: int(l.split()[3]) for l in open(f"{tmp}/busy-recv.txt") if l.startswith("sport ")}
bound = 0
for l in open(f"{tmp}/busy-model.txt"):
    m = re.match(r"foe \d+ BIND IPV4_HNAPT udp 192\.168\.2\.2:(\d+)->192\.0\.2\.2:9200 .* fwd_pkts (\d+)", l)
    if m and 43000 <= int(m[1]) < 43000 + flows and int(m[2]) > 0:
        bound += 1
print(f"busy_flows_bound_pct: {100 * bound / flows:.1f}")
print(f"busy_datagrams_unaccounted: {sum(tx.values()) - sum(rx.values()) - drops}")
PY
}

case " $FWD_PARTS " in
*" busy "*)
	busy_run
	;;
esac

# Flow setup.  The host opens FLOWS UDP flows at once (bench/udpburst.py):
# a "hello" each, answered from the wan host, then datagrams round robin,
# at most RATE datagrams/s in all.  The guest starts the burst itself (a
# ping the sender waits for) and takes the time then, by its own clock;
# it then polls the driver's "binds" counter (debugfs reasons) every 10 ms
# until it grew by FLOWS.  What is counted is the original direction of
# each flow only: the reply direction carries one answer per hello, below
# the PPE's bind threshold of 10 hits, so it never binds.  Afterwards the
# FOE table itself must list FLOWS bound entries of the burst.
setup_script='R=$(echo $DBG/*/reasons)
N=@FLOWS@
cs() { read -r u _ < /proc/uptime; T=$(( ${u%.*} * 100 + 1${u#*.} - 100 )); }
binds() { while read -r k v; do [ "$k" = binds ] && B=$v; done < "$R"; }
binds; b0=$B
read -r _ a0 b0_ c0 d0 e0 f0 g0 h0 _ < /proc/stat
cs; t0=$T
ping -c 1 -W 1 192.168.1.2 > /dev/null &
while binds; [ $((B - b0)) -lt "$N" ]; do
	cs; [ $((T - t0)) -gt 6000 ] && break
	sleep 0.01
done
cs
read -r _ a1 b1 c1 d1 e1 f1 g1 h1 _ < /proc/stat
busy=$(( (a1 + b1 + c1 + f1 + g1 + h1) - (a0 + b0_ + c0 + f0 + g0 + h0) ))
all=$(( busy + (d1 + e1) - (d0 + e0) ))
[ "$all" -gt 0 ] || all=1
echo "setup_bound $((B - b0)) setup_cs $((T - t0)) guest_busy_pct $((busy * 100 / all))"'

# flow_setup RATE SPORT0: one burst of FLOWS flows from SPORT0 on
flow_setup() {
	local rate=$1 sport0=$2 bpid gout bound cs busy nfoe
	step "flow setup: $FLOWS new UDP flows lan1 -> wan, offered $rate datagrams/s (0: unpaced)"
	rm -f "$FSW_TMP"/burst.*
	on lan1 python3 "$FSW_ROOT/bench/udpburst.py" 192.0.2.2 $BURST_PORT "$FLOWS" "$sport0" \
		--min "$BURST_MIN" --rate "$rate" --max 90 --ready "$FSW_TMP/burst.ready" \
		--go-ping 192.168.1.1 --stop "$FSW_TMP/burst.stop" > "$FSW_TMP/burst.out" 2>&1 &
	bpid=$!
	check "setup_${rate}_sockets_open" wait_host 20 test -e "$FSW_TMP/burst.ready"
	gout=$(guest -t 120 "${setup_script//@FLOWS@/$FLOWS}")
	touch "$FSW_TMP/burst.stop"
	wait $bpid
	echo "$gout"
	cat "$FSW_TMP/burst.out"
	read -r _ bound _ cs _ busy <<< "$(grep '^setup_bound' <<< "$gout")"
	check "setup_${rate}_all_bound" test "${bound:-0}" -ge "$FLOWS"
	nfoe=$(guest "grep -h ' BIND ' \$DBG/*/foe | grep offloaded | grep -c ' udp 192.168.1.2:[0-9]*->192.0.2.2:$BURST_PORT '")
	echo "bound entries of the burst in the FOE table: $nfoe"
	check "setup_${rate}_foe_agrees" test "${nfoe:-0}" -ge "$FLOWS"
	guest 'grep -E "^(binds|orphan_reports|cpu_reason unbind)" $DBG/*/reasons'
	if [ "${cs:-0}" -gt 0 ] && [ "${bound:-0}" -ge "$FLOWS" ]; then
		figure "flow_setup_s_at_$rate" "$(awk -v c="$cs" 'BEGIN { printf "%.2f", c / 100 }')"
		figure "flow_setup_per_s_at_$rate" \
			"$(awk -v n="$bound" -v c="$cs" 'BEGIN { printf "%.0f", n * 100 / c }')"
		figure "flow_setup_guest_busy_pct_at_$rate" "${busy:-0}"
	fi
	# the next burst starts from an empty table
	guest 'conntrack -F 2>/dev/null; wait_until 20 sh -c "! grep -q \" BIND .* udp .*:'$BURST_PORT' \" $DBG/*/foe"'
}

case " $FWD_PARTS " in
*" setup "*)
	guest 'nft -f /usr/lib/flowsw/router.nft && conntrack -F 2>/dev/null; true'
	on lan1 ping -c 1 -W 2 192.168.1.1 > /dev/null
	# shellcheck disable=SC2086 # FSW_UDPFLOW is "python3 PATH"
	on_bg wan $FSW_UDPFLOW recv $BURST_PORT 60
	check burst_receiver wait_host 10 on wan sh -c "ss -lun | grep -q :$BURST_PORT"
	sport0=42000
	for rate in $BURST_RATES; do
		flow_setup "$rate" $sport0
		sport0=$((sport0 + FLOWS))
	done
	best=$(awk -F': ' '/^flow_setup_per_s_at_/ && $2 > b { b = $2 } END { print b + 0 }' "$FSW_TMP/figures")
	figure flow_setup_flows "$FLOWS"
	figure flow_setup_per_s "$best"
	;;
esac

step "summary"
cat "$FSW_TMP/figures"
