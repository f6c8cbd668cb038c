# Two 802.1Q tags: the wan is a VLAN over a VLAN (wan.100.200, as an ISP's
# service VLAN carrying a customer VLAN).  The flow binds with two VLAN
# pushes upstream, and downstream the PPE takes both tags off on ingress.
# Proven both ways by the model's own forwarded counts, the router's
# software RX standing still, and captures: upstream frames carry exactly
# the tags 100 then 200, downstream frames reach lan1 untagged.  The host
# on wan answers only frames with both tags, and echoes every datagram.
# timeout: 300
# checks: router_reaches_qinq_host flow_hw_offload flow_bound_in_model
# checks: up_host_sent up_model_forwarded up_guest_bypassed up_delivered
# checks: down_host_sent down_model_forwarded down_guest_bypassed down_delivered
# checks: up_wire_two_tags down_wire_untagged qinq_host_received_exact
# checks: conntrack_exact no_ingress_drops
step "router: lan1 192.168.1.1/24, wan.100.200 192.0.2.1/24"
need "QinQ wan router" guest 'ports_up
ip link add link wan name wan.100 type vlan id 100
ip link set wan.100 up
ip link add link wan.100 name wan.100.200 type vlan id 200
ip link set wan.100.200 up
ip addr add 192.168.1.1/24 dev lan1
ip addr add 192.0.2.1/24 dev wan.100.200
sysctl -qw net.ipv4.ip_forward=1
sysctl -qw net.netfilter.nf_conntrack_acct=1
sed "s/oifname \"wan\"/oifname \"wan.100.200\"/" /usr/lib/flowsw/router.nft | nft -f -'
need "lan1 host" host_addr lan1 192.168.1.2/24 192.168.1.1
host_quiet lan1
host_quiet wan
on_bg -o "$FSW_TMP/taghost.log" wan $FSW_TAGHOST serve eth0 100.200 192.0.2.2 9000 120 echo
taghost=$BG_PID
guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
check router_reaches_qinq_host guest ping -c 2 -W 2 192.0.2.2
static_neighbours lan1

UP="BIND IPV4_HNAPT udp 192.168.1.2:40080->192.0.2.2:9000 .* vlan 2:100,200 .* egress gmac1"
DOWN="BIND IPV4_HNAPT udp 192.0.2.2:9000->192.0.2.1:[0-9]* new 192.0.2.2:9000->192.168.1.2:40080 .* egress gmac0 stag 0x1"
qinq_round() {
	echo_round "$1" 192.0.2.2 40080 "$UP" "$DOWN" "$taghost" "$FSW_TMP/taghost.log"
}
measured_rounds qinq_round
sent=$(cat "$FSW_TMP/sent-$ROUND.txt")
echo "lan1 sent: $sent; the QinQ host counted $ECHO_BEFORE then $ECHO_AFTER"
check up_wire_two_tags wire_check wan_up --proto udp --src 192.0.2.1 --dst 192.0.2.2 \
	--dport 9000 --vlan 100,200 --tpid 0x8100,0x8100 --ttl 63 --no-other --min 1000
check down_wire_untagged wire_check lan1_down --proto udp --src 192.0.2.2 --sport 9000 \
	--dst 192.168.1.2 --dport 40080 --vlan none --ttl 63 --no-other --min 1000
check qinq_host_received_exact test $((ECHO_AFTER - ECHO_BEFORE)) -eq "$(echo "$sent" | awk '{print $2}')"
total=$(sent_total)
check conntrack_exact guest wait_until 10 ct_has \
	"sport=40080 dport=9000 packets=${total% *} bytes=${total#* } "
