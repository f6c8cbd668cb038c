# Hash collisions: five flows whose tuples share one 4-way bucket.  Four
# bind; the fifth stays in software and is counted as bucket_full.  When
# one of the four is deleted, the fifth binds in the freed way.
# timeout: 400
# checks: bound_flow1 bound_flow2 bound_flow3 bound_flow4
# checks: fifth_stays_in_software fifth_still_forwarded bucket_full_counted
# checks: first_entry_gone first_flow_reaches_cpu fifth_binds_after_delete
# checks: fifth_host_sent fifth_model_forwarded fifth_guest_bypassed fifth_delivered
need "routed setup" router_up
host_quiet lan1
host_quiet wan
static_neighbours
on_bg wan $FSW_UDPFLOW recv 9000 120
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
ports=$(python3 $FSW_ROOT/tests/e2e/lib/foehash.py 192.168.1.2 192.0.2.2 9000 5)
echo "source ports $ports share a bucket"
set -- $ports
flow() { on lan1 $FSW_UDPFLOW send 192.0.2.2 9000 200 200 500 "$1"; }
# all_to_cpu FWD0 CPU0 N: since the model's counts read FWD0 (frames from
# the lan side the PPE forwarded) and CPU0 (frames handed to the CPU), the
# PPE forwarded none and the CPU got at least the N the lan1 host sent
all_to_cpu() {
	local fwd
	[ -n "$3" ] || { echo "the lan1 host did not say what it sent"; return 1; }
	wait_value 10 $(($2 + $3)) model_pdma_rx || return 1
	fwd=$(model_port gmac0 ppe_fwd) || return 2
	[ "$fwd" -eq "$1" ] || { echo "the PPE forwarded $((fwd - $1)) of them"; return 1; }
}
for i in 1 2 3 4; do
	p=${!i}
	flow $p
	check bound_flow$i guest wait_until 10 foe_bound "192.168.1.2:$p->"
done
step "the fifth flow finds its bucket full"
wan0=$(host_counter wan rx packets)
flow $5
check fifth_stays_in_software guest "! foe_bound '192.168.1.2:$5->'"
# forwarded all the same: the wan host got all 201 (the hello included)
check fifth_still_forwarded sh -c "[ \$(( \$(ip netns exec $FSW_ID-wan cat /sys/class/net/eth0/statistics/rx_packets) - $wan0 )) -ge 201 ]"
check bucket_full_counted guest "grep -q 'cpu_reason bucket_full [1-9]' \$DBG/*/reasons"
step "delete the first flow: the fifth binds in the freed way"
need "conntrack -D" guest conntrack -D -p udp --sport $1
check first_entry_gone wait_host 10 model_lacks "BIND IPV4_HNAPT udp 192.168.1.2:$1->"
# the deleted flow's next datagrams reach the CPU again, none forwarded by
# a copy of the entry left in the PPE's cache.  The flow must not be
# offloaded again meanwhile: five flows for four ways bind at their first
# hit, so a rule keeps it in software
need "first flow kept in software" guest "nft insert rule inet filter forward udp sport $1 accept"
fwd0=$(model_port gmac0 ppe_fwd)
cpu0=$(model_pdma_rx)
on lan1 $FSW_UDPFLOW sendnow 192.0.2.2 9000 6 200 500 "$1" > "$FSW_TMP/first-again.txt"
cat "$FSW_TMP/first-again.txt"
check first_flow_reaches_cpu all_to_cpu "$fwd0" "$cpu0" "$(awk '{print $2}' "$FSW_TMP/first-again.txt")"
need "conntrack -D again" guest conntrack -D -p udp --sport $1
need "first entry gone again" wait_host 10 model_lacks "BIND IPV4_HNAPT udp 192.168.1.2:$1->"
flow $5
check fifth_binds_after_delete guest wait_until 10 foe_bound "192.168.1.2:$5->"
send_proven fifth lan1 wan 1000 "BIND IPV4_HNAPT udp 192.168.1.2:$5->192.0.2.2:9000" \
	"$FSW_TMP/fifth-sent.txt" $FSW_UDPFLOW send 192.0.2.2 9000 2000 200 1000 "$5"
