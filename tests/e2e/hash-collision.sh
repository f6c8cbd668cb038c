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
# the deleted flow's next datagrams reach the CPU again, not a stale entry
sw0=$(guest_sw_rx)
flow $1
check first_flow_reaches_cpu test "$(( $(guest_sw_rx) - sw0 ))" -ge 1
need "conntrack -D again" guest conntrack -D -p udp --sport $1
need "first entry gone again" wait_host 10 model_lacks "BIND IPV4_HNAPT udp 192.168.1.2:$1->"
flow $5
check fifth_binds_after_delete guest wait_until 10 foe_bound "192.168.1.2:$5->"
send_proven fifth lan1 wan 1000 "BIND IPV4_HNAPT udp 192.168.1.2:$5->192.0.2.2:9000" \
	"$FSW_TMP/fifth-sent.txt" $FSW_UDPFLOW send 192.0.2.2 9000 2000 200 1000 "$5"
