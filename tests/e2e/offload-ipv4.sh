# IPv4 TCP and UDP with masquerade, lan1 -> wan, offloaded by a flowtable
# with "flags offload".  Offload is proven by what the driver did not write:
# the model's own forwarded count of the flow's entry, the router's
# software RX standing still while the host sends, and the wan host
# receiving every frame, masqueraded, with valid checksums (its capture).
# Then conntrack counts exactly what was sent, and conntrack -F and nft
# delete table take the hardware entries away.
# timeout: 400
# checks: tcp_hw_offload tcp_bound_in_driver tcp_bound_in_model
# checks: tcp_host_sent tcp_model_forwarded tcp_guest_bypassed tcp_delivered
# checks: tcp_reply_host_sent tcp_reply_model_forwarded tcp_reply_guest_bypassed tcp_reply_delivered
# checks: tcp_wire_masqueraded tcp_reply_wire_unnatted
# checks: udp_bound flush_removes_entries flush_removes_driver_binding
# checks: flush_sends_flow_to_cpu offloaded_again_after_flush
# checks: delete_table_removes_entries hw_offload_gone software_forwarding_after_delete
# checks: offloaded_again_after_rules_return
# checks: udp_hw_offload udp_host_sent udp_model_forwarded udp_guest_bypassed udp_delivered
# checks: udp_wire_masqueraded udp_received_exact udp_conntrack_exact no_ingress_drops

need "routed setup" router_up
host_quiet lan1
host_quiet wan
static_neighbours

step "TCP stream lan1 -> wan, unpaced: the model forwards beside the guest"
on_bg wan iperf3 -s -p 5201
wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
on_bg lan1 iperf3 -c 192.0.2.2 -p 5201 -t 120
iperf_client=$BG_PID
check tcp_hw_offload guest wait_until 20 hw_offloaded "sport=[0-9]* dport=5201"
check tcp_bound_in_driver guest wait_until 10 foe_bound "192.168.1.2:[0-9]*->192.0.2.2:5201"
TCP_ORIG="BIND IPV4_HNAPT tcp 192.168.1.2:[0-9]*->192.0.2.2:5201 new 192.0.2.1:"
TCP_REPLY="BIND IPV4_HNAPT tcp 192.0.2.2:5201->192.0.2.1:[0-9]* new 192.0.2.2:5201->192.168.1.2:.* egress gmac0 stag 0x1"
check tcp_bound_in_model wait_host 10 model_has "$TCP_ORIG"

step "the model forwards both directions; the router's CPU sees neither"
capture_start wan_tcp wan tcp port 5201
capture_start lan1_tcp lan1 tcp port 5201
offload_proof tcp lan1 wan 3000 "$TCP_ORIG"
offload_proof tcp_reply wan lan1 1000 "$TCP_REPLY"
capture_stop wan_tcp
capture_stop lan1_tcp
stop_bg "$iperf_client"
# what reaches wan comes from the router's wan address; lan1 gets the
# un-NATted replies through the lan1 port, untagged (no special tag)
check tcp_wire_masqueraded wire_check wan_tcp --proto tcp --src 192.0.2.1 \
	--dst 192.0.2.2 --dport 5201 --vlan none --ttl 63 --no-other --min 3000
check tcp_reply_wire_unnatted wire_check lan1_tcp --proto tcp --src 192.0.2.2 \
	--sport 5201 --dst 192.168.1.2 --vlan none --ttl 63 --no-other --min 1000

# A UDP flow from a fixed source port can be stopped and resumed as the
# same flow, so each teardown is seen without traffic re-creating it.
UDP="192.168.1.2:40000->192.0.2.2:9000"
on_bg wan $FSW_UDPFLOW recv 9000 120
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
udp_burst() { on lan1 $FSW_UDPFLOW send 192.0.2.2 9000 "$1" 200 500 40000; }

step "conntrack -F: the hardware entries go at once"
udp_burst 300
check udp_bound guest wait_until 10 foe_bound "$UDP"
need "conntrack -F" guest conntrack -F
check flush_removes_entries wait_host 10 model_lacks "BIND IPV4_HNAPT udp $UDP"
check flush_removes_driver_binding guest "! foe_bound '$UDP'"
step "the same flow again: it reaches the CPU first, then is offloaded again"
sw0=$(guest_sw_rx)
udp_burst 300
sw1=$(guest_sw_rx)
check flush_sends_flow_to_cpu test $((sw1 - sw0)) -ge 1
check offloaded_again_after_flush guest wait_until 10 foe_bound "$UDP"

step "nft delete table: no BIND entry survives; software keeps forwarding"
need "nft delete table" guest nft delete table inet filter
check delete_table_removes_entries wait_host 10 model_lacks " BIND "
check hw_offload_gone guest '! conntrack -L 2>/dev/null | grep -q HW_OFFLOAD'
sw0=$(guest_sw_rx)
wan0=$(host_counter wan rx packets)
udp_burst 100
check software_forwarding_after_delete sh -c \
	"[ $(( $(guest_sw_rx) - sw0 )) -ge 100 ] && [ $(( $(host_counter wan rx packets) - wan0 )) -ge 100 ]"
step "the rules return: offloaded again"
need "router.nft" guest 'nft -f /usr/lib/flowsw/router.nft'
udp_burst 300
check offloaded_again_after_rules_return guest wait_until 10 foe_bound "$UDP"

# udp_round ROUND: 300 datagrams to bind a new flow, then 4000 more with
# the three proofs taken over 2000 of them; the wan host counts them all
udp_round() {
	local sport=$((40000 + $1)) rx="$FSW_TMP/udp-recv-$1.txt"
	step "round $1: UDP from port $sport, 4300 datagrams lan1 -> wan"
	on_bg -o "$rx" wan $FSW_UDPFLOW recv 9001 5
	recv_pid=$BG_PID
	wait_host 10 on wan sh -c 'ss -lun | grep -q :9001'
	warm=$(on lan1 $FSW_UDPFLOW send 192.0.2.2 9001 300 200 1000 $sport)
	check udp_hw_offload guest wait_until 10 hw_offloaded "sport=$sport"
	capture_start wan_udp wan udp port 9001
	send_proven udp lan1 wan 2000 "BIND IPV4_HNAPT udp 192.168.1.2:$sport->192.0.2.2:9001" \
		"$FSW_TMP/udp-sent-$1.txt" $FSW_UDPFLOW send 192.0.2.2 9001 4000 200 1000 $sport
	wait_bg 30 "$recv_pid"
	capture_stop wan_udp
}
measured_rounds udp_round
sent=$(cat "$FSW_TMP/udp-sent-$ROUND.txt")
sport=$((40000 + ROUND))
# the "hello" of the measured send is a datagram of its own
sent_pkts=$(( $(echo "$warm" | awk '{print $2}') + $(echo "$sent" | awk '{print $2}') ))
sent_bytes=$(( $(echo "$warm" | awk '{print $4}') + $(echo "$sent" | awk '{print $4}') ))
echo "lan1 sent $sent_pkts packets $sent_bytes bytes; wan: $(cat "$FSW_TMP/udp-recv-$ROUND.txt")"
check udp_wire_masqueraded wire_check wan_udp --proto udp --src 192.0.2.1 --dst 192.0.2.2 \
	--dport 9001 --vlan none --ttl 63 --no-other --min 2000
check udp_received_exact grep -qx "received $sent_pkts packets $sent_bytes bytes" \
	"$FSW_TMP/udp-recv-$ROUND.txt"
# the flowtable reads the hardware counters about once a second
check udp_conntrack_exact guest wait_until 10 ct_has \
	"sport=$sport dport=9001 packets=$sent_pkts bytes=$sent_bytes "
guest "conntrack -L -p udp --sport $sport 2>/dev/null"
