# A full table: on a board whose PPE table has 1024 entries (256 buckets
# of 4 ways), 1056 one-way UDP flows lan1 -> wan (nothing answers, so no
# reply tuple takes a way), chosen with the hash so that every bucket gets
# 4 and 32 more find their bucket full.  A first round
# binds: every entry of the table ends up bound, by the model's own table,
# to exactly 1024 of the flows.  In a second round the PPE forwards those,
# by its own per-entry counts, and the 32 beyond stay in software: the
# router's CPU gets their datagrams and the PPE's bucket_full reports count
# them.  Every flow's datagrams reach the wan host and conntrack counts
# them.  conntrack -F leaves no entry bound.
# dt-define: FLOWSW_PPE_ENTRIES=1024
# timeout: 500
# checks: all_flows_sent every_entry_bound exactly_entries_flows_bound
# checks: bound_flows_forwarded beyond_in_software beyond_counted
# checks: received_per_flow conntrack_per_flow flush_leaves_nothing
need "routed setup" router_up
need "conntrack table" guest sysctl -qw net.netfilter.nf_conntrack_max=65536
host_quiet lan1
host_quiet wan
static_neighbours
ENTRIES=1024
EXTRA=32
ports=$(python3 "$FSW_ROOT/tests/e2e/lib/foehash.py" fill 192.168.1.2 192.0.2.2 9000 $ENTRIES $EXTRA)
FLOWS=$(echo $ports | wc -w)
on_bg -o "$FSW_TMP/recv.txt" wan $FSW_UDPFLOW recvmany 9000 20
recv_pid=$BG_PID
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
# bound: "sport fwd_pkts" of every BIND entry of a lan1 flow in the model;
# fails unless every index of the table is BIND and none lies beyond it
bound() {
	flowsw_dump | awk -v n=$ENTRIES '$1 == "foe" && $3 == "BIND" {
		if ($2 >= n) { print "entry " $2 " outside the table" > "/dev/stderr"; bad = 1 }
		seen[$2] = 1; split($6, t, /[:>-]+/)
		for (i = 7; i < NF; i++) if ($i == "fwd_pkts") f = $(i + 1)
		if (t[1] == "192.168.1.2") print t[2], f }
		END { for (i = 0; i < n; i++) if (!seen[i]) { print "entry " i " not bound" > "/dev/stderr"; bad = 1 }
			exit bad }'
}
bound_into() { bound > "$1"; }
# lines FILE N: FILE has N lines
lines() { local n; n=$(wc -l < "$1"); echo "$n lines in ${1##*/}"; [ "$n" -eq "$2" ]; }

# sendports N RATE PORT...: N datagrams on each flow from the PORTs, RATE
# datagrams/s in all, "sport S sent ..." lines appended to sent.txt
sendports() {
	local n=$1 rate=$2; shift 2
	on lan1 sh -c "ulimit -n 4096 && exec $FSW_UDPFLOW sendports 192.0.2.2 9000 $n 200 $rate $*" \
		>> "$FSW_TMP/sent-all.txt"
}
set -- $ports
table_ports=${*:1:$ENTRIES}
extra_ports=${*:$((ENTRIES + 1))}

step "$ENTRIES flows, 4 to a bucket, 40 datagrams each: the table fills"
drops0=$(router_drops)
sendports 40 2500 $table_ports
check every_entry_bound wait_host 10 bound_into "$FSW_TMP/bound-1.txt"
check exactly_entries_flows_bound lines "$FSW_TMP/bound-1.txt" $ENTRIES

step "all $FLOWS flows, 20 datagrams each: $EXTRA find their bucket full"
full0=$(guest "awk '/cpu_reason bucket_full/ { print \$3 }' \$DBG/*/reasons")
cpu0=$(model_pdma_rx)
sendports 20 2500 $ports
cpu=$(( $(model_pdma_rx) - cpu0 ))
bound > "$FSW_TMP/bound-2.txt"
full=$(guest "awk '/cpu_reason bucket_full/ { print \$3 }' \$DBG/*/reasons")
drops=$(( $(router_drops) - drops0 ))
echo "the router dropped $drops frames at ingress; the model handed the CPU $cpu;" \
	"bucket_full reports ${full0:-0} -> ${full:-0}"
awk '{ p[$2] += $4 } END { for (s in p) print "sport", s, "sent", p[s] }' \
	"$FSW_TMP/sent-all.txt" > "$FSW_TMP/sent.txt"
check all_flows_sent test "$(wc -l < "$FSW_TMP/sent.txt")" -eq "$FLOWS"
# the same flows stay bound, and the PPE forwarded each one's 20 datagrams
forwarded() {
	awk -v entries=$ENTRIES -v drops=$drops 'FILENAME ~ /bound-1/ { f1[$1] = $2; next }
		{ n++; if (!($1 in f1)) { print "sport " $1 " bound late"; bad++ }
		  else if ($2 - f1[$1] < 20) short += 20 - ($2 - f1[$1]) }
		END { if (n != entries) { print n " bound flows at the end"; bad++ }
			if (short > drops) { print "the PPE forwarded " short " fewer"; bad++ }
			exit bad > 0 }' "$FSW_TMP/bound-1.txt" "$FSW_TMP/bound-2.txt"
}
check bound_flows_forwarded forwarded
# the flows beyond: none bound; the CPU got their datagrams, and the PPE
# reported each one as bucket_full
beyond_in_software() {
	local p
	for p in $extra_ports; do
		grep -q "^$p " "$FSW_TMP/bound-2.txt" && { echo "sport $p bound"; return 1; }
	done
	[ "$cpu" -ge $((EXTRA * 20 - drops)) ] || { echo "the CPU got $cpu frames"; return 1; }
}
check beyond_in_software beyond_in_software
check beyond_counted test $(( ${full:-0} - ${full0:-0} )) -ge $((EXTRA * 20 - drops))

# every flow's datagrams reached the wan host, less the counted drops
check conntrack_per_flow udp_conntrack_per_flow "$drops"
wait_bg 40 "$recv_pid"
awk '{ print $2, $4 }' "$FSW_TMP/recv.txt" > "$FSW_TMP/rx.txt"
check received_per_flow per_flow_counts received "$FSW_TMP/rx.txt" "$drops"

step "conntrack -F: nothing stays bound"
need "conntrack -F" guest conntrack -F
check flush_leaves_nothing wait_host 20 model_lacks " BIND "
