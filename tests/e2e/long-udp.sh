# Long-lived UDP with idle gaps longer than the flowtable's timeout (30 s):
# the flow is torn down in the gap, and no hardware entry outlives it; the
# stream then carries on and is offloaded again.
# timeout: 400
# checks: round1_bound round1_no_entry_without_flow round1_model_entry_gone
# checks: round2_bound round2_no_entry_without_flow round2_model_entry_gone
# checks: offloaded_after_gaps
router_up
on_bg wan $FSW_UDPFLOW recv 9000 120
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
UDP="192.168.1.2:40020->192.0.2.2:9000"
burst() { on lan1 $FSW_UDPFLOW send 192.0.2.2 9000 300 200 500 40020; }
for round in 1 2; do
	step "round $round: a burst, then 40 s of silence"
	burst
	check round${round}_bound guest wait_until 10 foe_bound "$UDP"
	# the gap is the point of the test: the flow must expire in it
	sleep 40
	check round${round}_no_entry_without_flow guest \
		"! foe_bound '$UDP' && ! conntrack -L 2>/dev/null | grep 'sport=40020' | grep -q HW_OFFLOAD"
	check round${round}_model_entry_gone model_lacks "BIND IPV4_HNAPT udp $UDP"
done
step "the stream carries on"
burst
check offloaded_after_gaps guest wait_until 10 foe_bound "$UDP"
