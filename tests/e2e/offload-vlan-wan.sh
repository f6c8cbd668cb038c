# A VLAN wan: masquerade out of wan.100 (802.1Q on the WAN GMAC).  The PPE
# pushes the tag itself upstream and takes it off downstream.  Proven both
# ways by the model's own forwarded counts, the router's software RX
# standing still, the tagged host (which answers only frames tagged 100,
# and echoes every datagram) counting every datagram, and captures: one
# tag, VID 100, priority 0, masqueraded, valid checksums upstream; plain
# frames on lan1 downstream.
# timeout: 400
# checks: router_reaches_tagged_host flow_hw_offload bound_with_vlan_push flow_bound_in_model
# checks: up_host_sent up_model_forwarded up_guest_bypassed up_delivered
# checks: down_host_sent down_model_forwarded down_guest_bypassed down_delivered
# checks: wire_tagged_100 down_wire_plain tagged_host_received_exact conntrack_exact
# checks: no_ingress_drops
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
on_bg -o "$FSW_TMP/taghost.log" wan $FSW_TAGHOST serve eth0 100 192.0.2.2 9000 120 echo
taghost=$BG_PID
guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
check router_reaches_tagged_host guest ping -c 2 -W 2 192.0.2.2
static_neighbours lan1

UP="BIND IPV4_HNAPT udp 192.168.1.2:40003->192.0.2.2:9000 .* vlan 1:100,0 .* egress gmac1"
DOWN="BIND IPV4_HNAPT udp 192.0.2.2:9000->192.0.2.1:[0-9]* new 192.0.2.2:9000->192.168.1.2:40003 .* egress gmac0 stag 0x1"
vlan_round() {
	echo_round "$1" 192.0.2.2 40003 "$UP" "$DOWN" "$taghost" "$FSW_TMP/taghost.log"
	check bound_with_vlan_push guest foe_bound "192.168.1.2:40003->192.0.2.2:9000 .* vlan 1:100,0 .* egress 2"
}
measured_rounds vlan_round
sent=$(cat "$FSW_TMP/sent-$ROUND.txt")
echo "lan1 sent: $sent; the tagged host counted $ECHO_BEFORE then $ECHO_AFTER"
check wire_tagged_100 wire_check wan_up --proto udp --src 192.0.2.1 --dst 192.0.2.2 \
	--dport 9000 --vlan 100 --pcp 0 --ttl 63 --no-other --min 1000
check down_wire_plain wire_check lan1_down --proto udp --src 192.0.2.2 --sport 9000 \
	--dst 192.168.1.2 --dport 40003 --vlan none --ttl 63 --no-other --min 1000
check tagged_host_received_exact test $((ECHO_AFTER - ECHO_BEFORE)) -eq "$(echo "$sent" | awk '{print $2}')"
total=$(sent_total)
check conntrack_exact guest wait_until 10 ct_has \
	"sport=40003 dport=9000 packets=${total% *} bytes=${total#* } "
