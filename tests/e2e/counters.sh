# Counter exactness (openwrt#10399, #11957): with "counter" on the
# flowtable, conntrack's packets and bytes of an iperf3 TCP connection and
# a UDP stream, both offloaded, equal what the test hosts sent, including
# the traffic after the last periodic stats read of a flow that closes.
# The hosts are quiet (no IPv6, static neighbours), so their interface
# counters hold these flows alone: IP bytes plus 14 of Ethernet header.
# timeout: 300
# checks: tcp_offloaded udp_offloaded tcp_done udp_done no_ingress_drops
# checks: conntrack_exact wan_counts_the_wire
#
# The router's "ip -s link" of wan comes from the GMAC's hardware
# counters: it equals the wan host's own counters, what it sent (RX) and
# what it received (TX), offloaded packets included.
router_up
host_quiet lan1
host_quiet wan

step "static neighbours on both sides: no ARP in the counts"
static_neighbours
# conntrack counts skbs: a GRO packet made of N wire packets counts once,
# and N - 1 headers short, whether or not a flow is offloaded.  So that
# conntrack can equal the wire, the router's ports do not aggregate.
guest 'for d in eth0 lan1 wan; do ethtool -K $d gro off; done'

# measure_round ROUND: iperf3 TCP and a UDP stream, both offloaded, with
# the hosts' counters taken before
measure_round() {
	step "round $1: iperf3 TCP for 10 s and a UDP stream, both offloaded"
	# the receiver of an earlier round goes first: one per port
	[ -n "${udp_recv:-}" ] && stop_bg "$udp_recv"
	rm -f "$FSW_TMP/tcp.txt" "$FSW_TMP/udp-sent.txt"
	on_bg wan iperf3 -s -1 -p 5201
	on_bg wan $FSW_UDPFLOW recv 9000 60
	udp_recv=$BG_PID
	wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201 && ss -lun | grep -q :9000'
	guest conntrack -F
	lan1_p0=$(host_counter lan1 tx packets); lan1_b0=$(host_counter lan1 tx bytes)
	wan_p0=$(host_counter wan tx packets); wan_b0=$(host_counter wan tx bytes)
	wan_rp0=$(host_counter wan rx packets); wan_rb0=$(host_counter wan rx bytes)
	router_wan0=$(router_wan_counts)
	on_bg lan1 sh -c "$FSW_UDPFLOW send 192.0.2.2 9000 2000 1000 200 $((40040 + $1)) > $FSW_TMP/udp-sent.txt"
	on_bg lan1 sh -c "iperf3 -c 192.0.2.2 -p 5201 -t 10 -b 50M > $FSW_TMP/tcp.txt"
	check tcp_offloaded guest wait_until 20 foe_bound "192.168.1.2:[0-9]*->192.0.2.2:5201"
	check udp_offloaded guest wait_until 20 foe_bound "192.168.1.2:$((40040 + $1))->192.0.2.2:9000"
	check tcp_done wait_host 60 grep -q "iperf Done" "$FSW_TMP/tcp.txt"
	check udp_done wait_host 60 grep -q "^sent" "$FSW_TMP/udp-sent.txt"
}
# router_wan_counts: RX packets and bytes, TX packets and bytes, of the
# router's wan, as "ip -s link" shows them
router_wan_counts() {
	guest 'cd /sys/class/net/wan/statistics && echo $(cat rx_packets rx_bytes tx_packets tx_bytes)'
}
measured_rounds measure_round

step "conntrack equals the hosts' counters"
lan1_p=$(( $(host_counter lan1 tx packets) - lan1_p0 ))
lan1_b=$(( $(host_counter lan1 tx bytes) - lan1_b0 - 14 * lan1_p ))
wan_p=$(( $(host_counter wan tx packets) - wan_p0 ))
wan_b=$(( $(host_counter wan tx bytes) - wan_b0 - 14 * wan_p ))
# wan_agrees: the router's wan counted what the wan host sent and received
# since the start of the round; frames of the last closes may still be on
# their way, so it is asked until both sides settle
wan_agrees() {
	local wire router
	# shellcheck disable=SC2086 # four numbers each
	set -- $router_wan0 $(router_wan_counts)
	wire="$(( $(host_counter wan tx packets) - wan_p0 )) $(( $(host_counter wan tx bytes) - wan_b0 ))"
	wire="$wire $(( $(host_counter wan rx packets) - wan_rp0 )) $(( $(host_counter wan rx bytes) - wan_rb0 ))"
	router="$(($5 - $1)) $(($6 - $2)) $(($7 - $3)) $(($8 - $4))"
	echo "wan (rx packets, bytes, tx packets, bytes): router counted $router, the wan host $wire"
	[ "$router" = "$wire" ]
}
check wan_counts_the_wire wait_host 10 wan_agrees
wan_agrees || true
echo "hosts: lan1 sent $lan1_p packets $lan1_b IP bytes, wan sent $wan_p packets $wan_b IP bytes"
check conntrack_exact guest wait_until 20 ct_sum_is 192.168.1.2 $lan1_p $lan1_b $wan_p $wan_b
echo "conntrack (orig packets, bytes, reply packets, bytes): $(guest ct_sum 192.168.1.2)"
guest 'conntrack -L -s 192.168.1.2 2>/dev/null'
