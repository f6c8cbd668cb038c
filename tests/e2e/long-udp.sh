# Long-lived UDP with idle gaps longer than the flowtable's timeout: the
# flow is torn down in the gap, and no hardware entry outlives it; the
# stream then carries on and is offloaded again.  The flowtable's UDP
# timeout is set to 10 s, well below the PPE's own UDP ageing (30 s), so
# the hardware entry leaving within the gap is the driver's DESTROY, not
# the PPE ageing it.
# timeout: 400
# checks: round1_bound round1_host_sent round1_model_forwarded round1_guest_bypassed round1_delivered
# checks: round1_flow_expired round1_no_entry_without_flow round1_model_entry_gone
# checks: round1_driver_forgot_flow round2_driver_forgot_flow
# checks: round2_bound round2_host_sent round2_model_forwarded round2_guest_bypassed round2_delivered
# checks: round2_flow_expired round2_no_entry_without_flow round2_model_entry_gone
# checks: offloaded_after_gaps
need "routed setup" router_up
host_quiet lan1
host_quiet wan
static_neighbours
need "flowtable UDP timeout" guest sysctl -qw net.netfilter.nf_flowtable_udp_timeout=10
on_bg wan $FSW_UDPFLOW recv 9000 120
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
UDP="192.168.1.2:40020->192.0.2.2:9000"
burst() { on lan1 $FSW_UDPFLOW send 192.0.2.2 9000 300 200 500 40020; }
# gone_before_ageing: the model's entry is gone while the PPE could not
# yet have aged it (30 s after the last datagram, at $last)
gone_before_ageing() {
	wait_host 3 model_lacks "BIND IPV4_HNAPT udp $UDP" || return 1
	[ $(( $(date +%s) - last )) -lt 28 ] || { echo "too late to tell DESTROY from ageing"; return 1; }
}
for round in 1 2; do
	step "round $round: bursts, offloaded, then silence until the flowtable lets the flow go"
	burst
	check round${round}_bound guest wait_until 10 foe_bound "$UDP"
	send_proven round$round lan1 wan 250 "BIND IPV4_HNAPT udp $UDP" \
		"$FSW_TMP/round$round-sent.txt" $FSW_UDPFLOW send 192.0.2.2 9000 2500 200 500 40020
	last=$(date +%s)
	check round${round}_flow_expired guest wait_until 25 \
		sh -c "! conntrack -L 2>/dev/null | grep 'sport=40020' | grep -q HW_OFFLOAD"
	echo "the flow left the flowtable $(( $(date +%s) - last )) s after its last datagram"
	check round${round}_no_entry_without_flow guest "! foe_bound '$UDP'"
	check round${round}_driver_forgot_flow guest wait_until 5 no_flows_held
	# the PPE would age it only 30 s after the last datagram
	check round${round}_model_entry_gone gone_before_ageing
done
step "the stream carries on"
burst
check offloaded_after_gaps guest wait_until 10 foe_bound "$UDP"
