# Helpers for flowsw end-to-end scenarios; scripts/run-scenario sources this
# before the scenario file.  A scenario is plain bash.
# shellcheck shell=bash

FSW_CTLCMD="python3 $FSW_ROOT/scripts/lib/fswctl.py"

# guest [-t SECONDS] CMD...: run CMD in the router's shell (guest.sh helpers
# are available); prints its output, returns its exit status.
guest() {
	local t=60
	if [ "$1" = -t ]; then t=$2; shift 2; fi
	$FSW_CTLCMD guest "$t" "$*"
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
