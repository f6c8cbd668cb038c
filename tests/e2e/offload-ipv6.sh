# IPv6 routed (no NAT), lan1 -> wan: offloaded as IPv6 5-tuple entries,
# proven in both directions by the model's own forwarded counts, the
# router's software RX standing still, and the receiving hosts' captures
# (hop limit decremented, valid checksums, no special tag); UDP counted
# exactly by the receiver and by conntrack.
# timeout: 400
# checks: ping6_lan_to_wan tcp6_hw_offload tcp6_bound_in_driver tcp6_bound_in_model
# checks: tcp6_host_sent tcp6_model_forwarded tcp6_guest_bypassed tcp6_delivered
# checks: tcp6_reply_host_sent tcp6_reply_model_forwarded tcp6_reply_guest_bypassed tcp6_reply_delivered
# checks: tcp6_wire_routed tcp6_reply_wire_routed
# checks: udp6_hw_offload udp6_host_sent udp6_model_forwarded udp6_guest_bypassed udp6_delivered
# checks: udp6_wire_routed udp6_received_exact udp6_conntrack_exact no_ingress_drops
step "router: lan1 2001:db8:1::1/64, wan 2001:db8:2::1/64, offloading flowtable"
need "IPv6 router" guest 'ports_up
ip -6 addr add 2001:db8:1::1/64 dev lan1 nodad
ip -6 addr add 2001:db8:2::1/64 dev wan nodad
sysctl -qw net.ipv6.conf.all.forwarding=1
sysctl -qw net.netfilter.nf_conntrack_acct=1
nft -f /usr/lib/flowsw/router.nft'
# no router solicitations or MLD from the hosts: their counters hold the test
for p in lan1 wan; do
	on $p sysctl -qw net.ipv6.conf.eth0.router_solicitations=0
	on $p sysctl -qw net.ipv6.conf.all.force_mld_version=2
	on $p sysctl -qw net.ipv6.conf.eth0.accept_ra=0
done
need "lan1 host" on lan1 ip -6 addr add 2001:db8:1::2/64 dev eth0 nodad
need "lan1 route" on lan1 ip -6 route add default via 2001:db8:1::1
need "wan host" on wan ip -6 addr add 2001:db8:2::2/64 dev eth0 nodad
need "wan route" on wan ip -6 route add 2001:db8:1::/64 via 2001:db8:2::1
guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
check ping6_lan_to_wan wait_host 10 on lan1 ping -6 -c 1 -W 1 2001:db8:2::2
# neighbours for good on every side: no neighbour discovery in the counts
lan1_mac=$(on lan1 cat /sys/class/net/eth0/address)
wan_mac=$(on wan cat /sys/class/net/eth0/address)
need "router neighbours" guest "ip -6 neigh replace 2001:db8:1::2 lladdr $lan1_mac dev lan1 nud permanent
ip -6 neigh replace 2001:db8:2::2 lladdr $wan_mac dev wan nud permanent"
need "lan1 neighbour" on lan1 ip -6 neigh replace 2001:db8:1::1 lladdr "$(guest cat /sys/class/net/lan1/address)" dev eth0 nud permanent
need "wan neighbour" on wan ip -6 neigh replace 2001:db8:2::1 lladdr "$(guest cat /sys/class/net/wan/address)" dev eth0 nud permanent

step "TCP over IPv6"
on_bg wan iperf3 -s -p 5201
wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
on_bg lan1 iperf3 -6 -c 2001:db8:2::2 -p 5201 -t 120
iperf_client=$BG_PID
TCP_ORIG="BIND IPV6_5T tcp \[2001:db8:1:0:0:0:0:2\]:[0-9]*->\[2001:db8:2:0:0:0:0:2\]:5201.* egress gmac1"
TCP_REPLY="BIND IPV6_5T tcp \[2001:db8:2:0:0:0:0:2\]:5201->.* egress gmac0 stag 0x1"
check tcp6_hw_offload guest wait_until 20 hw_offloaded "dport=5201"
check tcp6_bound_in_driver guest wait_until 10 foe_bound "IPV6_5T tcp \[2001:db8:1::2\]:[0-9]*->\[2001:db8:2::2\]:5201"
check tcp6_bound_in_model wait_host 10 model_has "$TCP_REPLY"
capture_start wan_tcp6 wan tcp port 5201
capture_start lan1_tcp6 lan1 tcp port 5201
offload_proof tcp6 lan1 wan 3000 "$TCP_ORIG"
offload_proof tcp6_reply wan lan1 1000 "$TCP_REPLY"
capture_stop wan_tcp6
capture_stop lan1_tcp6
stop_bg "$iperf_client"
check tcp6_wire_routed wire_check wan_tcp6 --proto tcp --src 2001:db8:1::2 \
	--dst 2001:db8:2::2 --dport 5201 --vlan none --ttl 63 --no-other --min 3000
check tcp6_reply_wire_routed wire_check lan1_tcp6 --proto tcp --src 2001:db8:2::2 \
	--sport 5201 --dst 2001:db8:1::2 --vlan none --ttl 63 --no-other --min 1000

# udp6_round ROUND: 300 datagrams to bind a new flow, then 3000 more with
# the three proofs taken over 1500 of them; the wan host counts them all
udp6_round() {
	local sport=$((40002 + 10 * $1)) rx="$FSW_TMP/udp6-recv-$1.txt"
	step "round $1: UDP over IPv6 from port $sport"
	on_bg -o "$rx" wan $FSW_UDPFLOW recv 9000 5
	recv_pid=$BG_PID
	wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
	warm=$(on lan1 $FSW_UDPFLOW send 2001:db8:2::2 9000 300 300 1000 $sport)
	check udp6_hw_offload guest wait_until 10 hw_offloaded "sport=$sport"
	capture_start wan_udp6 wan udp port 9000
	send_proven udp6 lan1 wan 1500 \
		"BIND IPV6_5T udp \[2001:db8:1:0:0:0:0:2\]:$sport->\[2001:db8:2:0:0:0:0:2\]:9000" \
		"$FSW_TMP/udp6-sent-$1.txt" $FSW_UDPFLOW send 2001:db8:2::2 9000 3000 300 1000 $sport
	wait_bg 30 "$recv_pid"
	capture_stop wan_udp6
}
measured_rounds udp6_round
sport=$((40002 + 10 * ROUND))
sent=$(cat "$FSW_TMP/udp6-sent-$ROUND.txt")
sent_pkts=$(( $(echo "$warm" | awk '{print $2}') + $(echo "$sent" | awk '{print $2}') ))
sent_bytes=$(( $(echo "$warm" | awk '{print $4}') + $(echo "$sent" | awk '{print $4}') ))
echo "lan1 sent $sent_pkts packets $sent_bytes bytes; wan: $(cat "$FSW_TMP/udp6-recv-$ROUND.txt")"
check udp6_wire_routed wire_check wan_udp6 --proto udp --src 2001:db8:1::2 --dst 2001:db8:2::2 \
	--dport 9000 --vlan none --ttl 63 --no-other --min 1500
check udp6_received_exact grep -qx "received $sent_pkts packets $sent_bytes bytes" \
	"$FSW_TMP/udp6-recv-$ROUND.txt"
check udp6_conntrack_exact guest wait_until 10 ct_has \
	"sport=$sport dport=9000 packets=$sent_pkts bytes=$sent_bytes "
