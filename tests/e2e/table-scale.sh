# Table scale (#13): FLOWS UDP connections lan1 -> wan at once (1536; make
# bench: 6144), their source ports drawn at random as a host's are, every
# datagram answered by the wan host, on a board whose PPE table has 4096
# entries (make bench: 16384): one entry per direction, 75 % of the table.
# With 4-way buckets not every entry fits: foehash.py counts how many of
# these connections' entries the buckets can hold at most (about 89.4 %
# for a uniform hash at this load).  The model's own table must have that
# many bound, less one point at most, after a second round in which the
# PPE forwards the entries bound in the first, by its own per-entry
# counts, and the CPU gets what those that never bound carry; conntrack
# and the wan host count every flow's datagrams.
# Prints table_scale_* figures: the share bound against the most that fits
# and the uniform hash's limit, the seconds until every connection was
# offloaded, the CPU time of one STATS round over all of them and, on a
# kernel with slab sysfs, the size of the driver's record of a flow.
# dt-define: FLOWSW_PPE_ENTRIES=4096
# timeout: 900
# checks: all_flows_offloaded bound_entries_forwarded bound_within_a_point
# checks: unbound_in_software all_flows_sent conntrack_per_flow
# checks: received_per_flow flush_leaves_nothing
ENTRIES=$(dt_define FLOWSW_PPE_ENTRIES)
FLOWS=${SCALE_FLOWS:-$((ENTRIES * 3 / 8))}
RATE=${SCALE_RATE:-3000}
need "routed setup" router_up
need "conntrack table" guest sysctl -qw net.netfilter.nf_conntrack_max=65536
host_quiet lan1
host_quiet wan
static_neighbours
ports=$(python3 "$FSW_ROOT/tests/e2e/lib/foehash.py" ports "$FLOWS" 13)
set -- $(python3 "$FSW_ROOT/tests/e2e/lib/foehash.py" fit 192.168.1.2 192.0.2.2 9000 \
	192.0.2.1 "$ENTRIES" $ports)
asked=$1 fit=$2
echo "table_scale_entries_asked: $asked"
echo "table_scale_fit_pct: $(awk -v a="$asked" -v f="$fit" 'BEGIN { printf "%.1f", 100 * f / a }')"
echo "table_scale_uniform_limit_pct: 89.4"
on_bg -o "$FSW_TMP/recv.txt" wan $FSW_UDPFLOW recvmany 9000 30 echo
recv_pid=$BG_PID
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'

# entries: "tuple fwd_pkts" of every BIND entry of these connections, in
# either direction, by the model's own table
entries() {
	flowsw_dump | awk '$1 == "foe" && $3 == "BIND" && $5 == "udp" &&
		($6 ~ /^192\.168\.1\.2:[0-9]+->192\.0\.2\.2:9000$/ ||
		 $6 ~ /^192\.0\.2\.2:9000->192\.0\.2\.1:[0-9]+$/) {
			for (i = 7; i < NF; i++) if ($i == "fwd_pkts") print $6, $(i + 1) }'
}
# sendports N: N datagrams on each flow, RATE datagrams/s in all
sendports() {
	on lan1 sh -c "ulimit -n $((FLOWS + 64)) && exec $FSW_UDPFLOW sendports 192.0.2.2 9000 $1 200 $RATE $ports" \
		>> "$FSW_TMP/sent-all.txt"
}
offloaded_flows() { guest "conntrack -L -p udp --dport 9000 2>/dev/null | grep -c HW_OFFLOAD"; }

# the CPU time of 5 s of a quiet router, against which the STATS cost below
idle=$(guest cpu_busy_cs 5)

step "$FLOWS connections at once, 30 datagrams each way"
drops0=$(router_drops)
t0=$(date +%s.%N)
sendports 30
check all_flows_offloaded wait_value 60 "$FLOWS" offloaded_flows
t1=$(date +%s.%N)
entries > "$FSW_TMP/bound-1.txt"
bound1=$(wc -l < "$FSW_TMP/bound-1.txt")
pct() { awk -v a="$asked" -v b="$1" 'BEGIN { printf "%.1f", 100 * b / a }'; }
echo "table_scale_bound_round1_pct: $(pct "$bound1")"
echo "table_scale_offloaded_s: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"

step "10 more datagrams on each: the PPE forwards the bound, the CPU gets the rest"
cpu0=$(model_pdma_rx)
sendports 10
cpu=$(( $(model_pdma_rx) - cpu0 ))
entries > "$FSW_TMP/bound-2.txt"
drops=$(( $(router_drops) - drops0 ))
# The cost of the flows' STATS: the flowtable asks for each offloaded
# flow's counts once a second, so the CPU time a second costs with the
# flows alive and quiet, less what it costs with none, is one STATS round
busy=$(guest cpu_busy_cs 5)
# the driver's memory per flow beyond the table, where the kernel keeps
# slab sysfs (make test-debug's): its flow cache's object size
slab=/sys/kernel/slab/flowsw_ppe_flow
if guest "[ -d $slab ]"; then
	echo "table_scale_flow_object_bytes: $(guest cat $slab/object_size)"
	guest "grep -H . $slab/object_size $slab/slab_size $slab/objects"
fi
bound=$(wc -l < "$FSW_TMP/bound-2.txt")
echo "the router dropped $drops frames at ingress; the model handed the CPU $cpu"
# a slower guest offers flows later than the traffic: some bind in round 2
echo "table_scale_bound_pct: $(pct "$bound")"
echo "bound $bound1 then $bound of $asked entries; the buckets hold $fit at most"
check bound_within_a_point test $((100 * bound)) -ge $((100 * fit - asked))
# each entry bound in round one forwarded its direction's 10 datagrams
forwarded() {
	awk -v drops="$drops" 'FILENAME ~ /bound-1/ { f1[$1] = $2; next }
		($1 in f1) { d = $2 - f1[$1]; if (d < 10) short += 10 - d; n++ }
		END { if (n != length(f1)) { print length(f1) - n " entries no longer bound"; exit 1 }
			if (short > drops) { print "the PPE forwarded " short " fewer"; exit 1 } }' \
		"$FSW_TMP/bound-1.txt" "$FSW_TMP/bound-2.txt"
}
check bound_entries_forwarded forwarded
# what never bound sent all its datagrams of round 2 to the CPU
check unbound_in_software test "$cpu" -ge $(( (asked - bound) * 10 - drops ))

awk '{ p[$2] += $4 } END { for (s in p) print "sport", s, "sent", p[s] }' \
	"$FSW_TMP/sent-all.txt" > "$FSW_TMP/sent.txt"
check all_flows_sent test "$(wc -l < "$FSW_TMP/sent.txt")" -eq "$FLOWS"
check conntrack_per_flow udp_conntrack_per_flow "$drops"
wait_bg 60 "$recv_pid"
awk '{ print $2, $4 }' "$FSW_TMP/recv.txt" > "$FSW_TMP/rx.txt"
check received_per_flow per_flow_counts received "$FSW_TMP/rx.txt" "$drops"

step "conntrack -F: nothing stays bound"
need "conntrack -F" guest conntrack -F
check flush_leaves_nothing wait_host 30 model_lacks " BIND "
echo "CPU busy over 5 s: $busy cs with $FLOWS connections offloaded, $idle cs with none"
echo "table_scale_stats_round_ms: $(( (busy - idle) * 10 / 5 ))"
