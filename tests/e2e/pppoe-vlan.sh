# PPPoE over a VLAN wan, with IPv6: pppd in the router dials the
# concentrator on VLAN 100 of wan and negotiates IPv4 and IPv6, as ISPs
# that tag their PPPoE do.  An IPv6 UDP flow lan1 -> wan binds with a VLAN
# push and a PPPoE push upstream, both taken off on ingress downstream.
# Proven both ways by the model's own forwarded counts, the router's
# software RX standing still, and captures: upstream frames tagged 100 in
# session 0x1234, hop limit 63; downstream frames plain on lan1.  The
# concentrator, which only speaks on VLAN 100, counts every datagram.
# timeout: 400
# checks: ppp0_up ping_over_pppoe ping6_over_pppoe flow_hw_offload flow_bound_in_model
# checks: up_host_sent up_model_forwarded up_guest_bypassed up_delivered
# checks: down_host_sent down_model_forwarded down_guest_bypassed down_delivered
# checks: up_wire_vlan_session down_wire_plain concentrator_received_exact conntrack_exact
# checks: no_ingress_drops
step "router: lan1, ppp0 over wan.100 with IPv4 and IPv6"
host_quiet wan
on_bg -o "$FSW_TMP/concentrator.log" wan $FSW_PPPOEHOST eth0.100 192.0.2.2 192.0.2.1 9000 120 echo 2001:db8:2::2
concentrator=$BG_PID
need "pppd over wan.100" guest 'ports_up
ip link add link wan name wan.100 type vlan id 100
ip link set wan.100 up
ip addr add 192.168.1.1/24 dev lan1
ip -6 addr add 2001:db8:1::1/64 dev lan1 nodad
sysctl -qw net.ipv4.ip_forward=1
sysctl -qw net.ipv6.conf.all.forwarding=1
sysctl -qw net.netfilter.nf_conntrack_acct=1
pppd plugin pppoe.so nic-wan.100 noauth noipdefault nodefaultroute +ipv6 \
	nodeflate nobsdcomp noccp novj noaccomp nopcomp nomagic \
	mru 1492 mtu 1492 user flowsw lcp-echo-interval 0 unit 0 \
	logfile /tmp/pppd.log'
need "lan1 host" host_addr lan1 192.168.1.2/24 192.168.1.1
need "lan1 host IPv6" on lan1 ip -6 addr add 2001:db8:1::2/64 dev eth0 nodad
need "lan1 host IPv6 route" on lan1 ip -6 route add default via 2001:db8:1::1
check ppp0_up guest 'ppp_up() { ip addr show ppp0 2>/dev/null | grep -q "inet 192.0.2.1" &&
	ip -6 addr show ppp0 2>/dev/null | grep -q "inet6 fe80"; }
wait_until 30 ppp_up'
need "routes and ruleset on ppp0" guest 'ip route add default dev ppp0
ip -6 route add default dev ppp0
sed "s/oifname \"wan\"/oifname \"ppp0\"/" /usr/lib/flowsw/router.nft | nft -f -'
check ping_over_pppoe on lan1 ping -c 2 -W 2 192.0.2.2
check ping6_over_pppoe on lan1 ping -6 -c 2 -W 2 2001:db8:2::2
lan1_mac=$(on lan1 cat /sys/class/net/eth0/address)
need "router neighbour" guest "ip -6 neigh replace 2001:db8:1::2 lladdr $lan1_mac dev lan1 nud permanent"
need "lan1 neighbour" on lan1 ip -6 neigh replace 2001:db8:1::1 lladdr "$(guest cat /sys/class/net/lan1/address)" dev eth0 nud permanent
for s in router_solicitations accept_ra; do on lan1 sysctl -qw net.ipv6.conf.eth0.$s=0; done

UP="BIND IPV6_5T udp \[2001:db8:1:0:0:0:0:2\]:40085->\[2001:db8:2:0:0:0:0:2\]:9000 .* vlan 1:100,0 pppoe 4660 .* egress gmac1"
DOWN="BIND IPV6_5T udp \[2001:db8:2:0:0:0:0:2\]:9000->\[2001:db8:1:0:0:0:0:2\]:40085 .* egress gmac0 stag 0x1"
pppoe6_round() {
	echo_round "$1" 2001:db8:2::2 40085 "$UP" "$DOWN" "$concentrator" "$FSW_TMP/concentrator.log"
}
measured_rounds pppoe6_round
sent=$(cat "$FSW_TMP/sent-$ROUND.txt")
echo "lan1 sent: $sent; the concentrator counted $ECHO_BEFORE then $ECHO_AFTER"
check up_wire_vlan_session wire_check wan_up --proto udp --src 2001:db8:1::2 --dst 2001:db8:2::2 \
	--dport 9000 --vlan 100 --pppoe 0x1234 --ttl 63 --no-other --min 1000
check down_wire_plain wire_check lan1_down --proto udp --src 2001:db8:2::2 --sport 9000 \
	--dst 2001:db8:1::2 --dport 40085 --pppoe none --vlan none --ttl 63 --no-other --min 1000
check concentrator_received_exact test $((ECHO_AFTER - ECHO_BEFORE)) -eq "$(echo "$sent" | awk '{print $2}')"
total=$(sent_total)
check conntrack_exact guest wait_until 10 ct_has \
	"sport=40085 dport=9000 packets=${total% *} bytes=${total#* } "
