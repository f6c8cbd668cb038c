# A VLAN wan: masquerade out of wan.100 (802.1Q on the WAN GMAC).  The PPE
# pushes the tag itself.  Proven by the model's own forwarded count, the
# router's software RX standing still, the tagged host (which answers only
# frames tagged 100) counting every datagram, and its capture: one tag,
# VID 100, priority 0, masqueraded, valid checksums.
# timeout: 400
# checks: router_reaches_tagged_host udp_hw_offload bound_with_vlan_push model_pushes_vlan
# checks: udp_host_sent udp_model_forwarded udp_guest_bypassed udp_delivered
# checks: wire_tagged_100 tagged_host_received_exact conntrack_exact no_ingress_drops
step "router: lan1 192.168.1.1/24, wan.100 192.0.2.1/24"
need "VLAN wan router" guest 'ports_up
ip link add link wan name wan.100 type vlan id 100
ip link set wan.100 up
ip addr add 192.168.1.1/24 dev lan1
ip addr add 192.0.2.1/24 dev wan.100
sysctl -qw net.ipv4.ip_forward=1
sysctl -qw net.netfilter.nf_conntrack_acct=1
sed "s/oifname \"wan\"/oifname \"wan.100\"/" /usr/lib/flowsw/router.nft | nft -f -'
need "lan1 host" host_addr lan1 192.168.1.2/24 192.168.1.1
host_quiet lan1
host_quiet wan
on_bg -o "$FSW_TMP/taghost.log" wan $FSW_TAGHOST serve eth0 100 192.0.2.2 9000 120
taghost=$BG_PID
guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
check router_reaches_tagged_host guest ping -c 2 -W 2 192.0.2.2
lan1_mac=$(on lan1 cat /sys/class/net/eth0/address)
need "router neighbour" guest "ip neigh replace 192.168.1.2 lladdr $lan1_mac dev lan1 nud permanent"
need "lan1 neighbour" on lan1 ip neigh replace 192.168.1.1 lladdr "$(guest cat /sys/class/net/lan1/address)" dev eth0 nud permanent

UP="BIND IPV4_HNAPT udp 192.168.1.2:40003->192.0.2.2:9000 .* vlan 1:100,0 .* egress gmac1"
# vlan_round ROUND: 300 datagrams to bind, then 3000 with the proofs
# taken over 1500 of them
vlan_round() {
	step "round $1: UDP lan1 -> wan.100 from port 40003"
	on lan1 $FSW_UDPFLOW send 192.0.2.2 9000 300 300 1000 40003 > "$FSW_TMP/warm-$1.txt"
	check udp_hw_offload guest wait_until 10 hw_offloaded "sport=40003"
	check bound_with_vlan_push guest foe_bound "192.168.1.2:40003->192.0.2.2:9000 .* vlan 1:100,0 .* egress 2"
	check model_pushes_vlan wait_host 10 model_has "$UP"
	before=$(host_report "$taghost" "$FSW_TMP/taghost.log" | awk '{print $2}')
	capture_start wan_vlan wan
	on_bg -o "$FSW_TMP/sent-$1.txt" lan1 $FSW_UDPFLOW send 192.0.2.2 9000 3000 300 1000 40003
	send_pid=$BG_PID
	offload_proof udp lan1 wan 1500 "$UP"
	wait_bg 30 "$send_pid"
	capture_stop wan_vlan
	after=$(host_report "$taghost" "$FSW_TMP/taghost.log" | awk '{print $2}')
}
measured_rounds vlan_round
sent=$(cat "$FSW_TMP/sent-$ROUND.txt")
echo "lan1 sent: $sent; the tagged host counted $before then $after"
check wire_tagged_100 wire_check wan_vlan --proto udp --src 192.0.2.1 --dst 192.0.2.2 \
	--dport 9000 --vlan 100 --pcp 0 --ttl 63 --no-other --min 1500
check tagged_host_received_exact test $((after - before)) -eq "$(echo "$sent" | awk '{print $2}')"
total=$(cat "$FSW_TMP"/warm-*.txt "$FSW_TMP"/sent-*.txt | awk '{ p += $2; b += $4 } END { print p, b }')
check conntrack_exact guest wait_until 10 ct_has \
	"sport=40003 dport=9000 packets=${total% *} bytes=${total#* } "
