# A port forward, as OpenWrt's "redirect" makes it: wan 192.0.2.1:80 (TCP)
# and :5353 (UDP) go to 192.168.1.2:8080 on lan1.  Both are offloaded with
# the DNAT rewrite, proven by the model's own forwarded counts, the
# router's software RX standing still, and captures: on lan1 the frames
# come to 192.168.1.2:8080, and the replies reach the wan host from
# 192.0.2.1:80, the address it spoke to.
# timeout: 300
# checks: tcp_hw_offload tcp_bound_in_model
# checks: tcp_host_sent tcp_model_forwarded tcp_guest_bypassed tcp_delivered
# checks: tcp_reply_host_sent tcp_reply_model_forwarded tcp_reply_guest_bypassed tcp_reply_delivered
# checks: tcp_wire_dnatted tcp_reply_wire_from_forwarded_port
# checks: udp_hw_offload udp_host_sent udp_model_forwarded udp_guest_bypassed udp_delivered
# checks: udp_wire_dnatted udp_received_exact udp_conntrack_exact no_ingress_drops
step "router with a port forward of wan :80 and :5353 to 192.168.1.2:8080"
need "routed setup" router_up
need "port forward" guest 'nft -f - <<NFT
table ip nat {
	chain prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		iifname "wan" tcp dport 80 dnat to 192.168.1.2:8080
		iifname "wan" udp dport 5353 dnat to 192.168.1.2:8080
	}
}
NFT'
host_quiet lan1
host_quiet wan
static_neighbours

step "TCP wan -> 192.0.2.1:80, forwarded to lan1"
on_bg lan1 iperf3 -s -p 8080
wait_host 10 on lan1 sh -c 'ss -ltn | grep -q :8080'
on_bg wan iperf3 -c 192.0.2.1 -p 80 -t 120
iperf_client=$BG_PID
ORIG="BIND IPV4_HNAPT tcp 192.0.2.2:[0-9]*->192.0.2.1:80 new 192.0.2.2:[0-9]*->192.168.1.2:8080 .* egress gmac0 stag 0x1"
REPLY="BIND IPV4_HNAPT tcp 192.168.1.2:8080->192.0.2.2:[0-9]* new 192.0.2.1:80->192.0.2.2:.* egress gmac1"
check tcp_hw_offload guest wait_until 20 hw_offloaded "dport=80 "
check tcp_bound_in_model wait_host 10 model_has "$ORIG"
capture_start lan1_tcp lan1 tcp port 8080
capture_start wan_tcp wan tcp port 80
offload_proof tcp wan lan1 3000 "$ORIG"
offload_proof tcp_reply lan1 wan 1000 "$REPLY"
capture_stop lan1_tcp
capture_stop wan_tcp
stop_bg "$iperf_client"
check tcp_wire_dnatted wire_check lan1_tcp --proto tcp --src 192.0.2.2 \
	--dst 192.168.1.2 --dport 8080 --vlan none --ttl 63 --no-other --min 3000
check tcp_reply_wire_from_forwarded_port wire_check wan_tcp --proto tcp --src 192.0.2.1 \
	--sport 80 --dst 192.0.2.2 --vlan none --ttl 63 --no-other --min 1000

# udp_round ROUND: 300 datagrams to bind, then 3000 with the proofs over 1500
udp_round() {
	local sport=$((40060 + $1))
	step "round $1: UDP wan -> 192.0.2.1:5353 from port $sport, forwarded to lan1"
	on_bg -o "$FSW_TMP/udp-recv-$1.txt" lan1 $FSW_UDPFLOW recv 8080 5
	recv_pid=$BG_PID
	wait_host 10 on lan1 sh -c 'ss -lun | grep -q :8080'
	on wan $FSW_UDPFLOW send 192.0.2.1 5353 300 200 1000 $sport > "$FSW_TMP/udp-warm-$1.txt"
	check udp_hw_offload guest wait_until 10 hw_offloaded "sport=$sport dport=5353"
	capture_start lan1_udp lan1 udp port 8080
	send_proven udp wan lan1 1500 \
		"BIND IPV4_HNAPT udp 192.0.2.2:$sport->192.0.2.1:5353 new 192.0.2.2:$sport->192.168.1.2:8080" \
		"$FSW_TMP/udp-sent-$1.txt" $FSW_UDPFLOW send 192.0.2.1 5353 3000 200 1000 $sport
	wait_bg 30 "$recv_pid"
	capture_stop lan1_udp
}
measured_rounds udp_round
sport=$((40060 + ROUND))
total=$(cat "$FSW_TMP/udp-warm-$ROUND.txt" "$FSW_TMP/udp-sent-$ROUND.txt" | awk '{ p += $2; b += $4 } END { print p, b }')
echo "wan sent ${total% *} packets ${total#* } bytes; lan1: $(cat "$FSW_TMP/udp-recv-$ROUND.txt")"
check udp_wire_dnatted wire_check lan1_udp --proto udp --src 192.0.2.2 --sport $sport \
	--dst 192.168.1.2 --dport 8080 --vlan none --ttl 63 --no-other --min 1500
check udp_received_exact grep -qx "received ${total% *} packets ${total#* } bytes" \
	"$FSW_TMP/udp-recv-$ROUND.txt"
check udp_conntrack_exact guest wait_until 10 ct_has \
	"sport=$sport dport=5353 packets=${total% *} bytes=${total#* } "
