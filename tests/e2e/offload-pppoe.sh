# A PPPoE wan: pppd in the router dials the concentrator on the wan host,
# masquerade out of ppp0.  The flowtable lists the physical ports only:
# ppp0 has no ndo_setup_tc, and its flows are found through wan anyway.
# Upstream binds with a PPPoE push, downstream with the session removed on
# ingress.  Proven both ways by the model's own forwarded counts, the
# router's software RX standing still, the concentrator's and the lan
# host's counts, and captures: upstream frames carry session 0x1234 with
# the right PPPoE length, downstream frames reach lan1 plain, untagged.
# timeout: 400
# checks: ppp0_up ping_over_pppoe flow_hw_offload bound_with_pppoe_push flow_bound_in_model
# checks: up_host_sent up_model_forwarded up_guest_bypassed up_delivered
# checks: down_host_sent down_model_forwarded down_guest_bypassed down_delivered
# checks: up_wire_in_session down_wire_plain concentrator_received_exact conntrack_exact
# checks: no_ingress_drops
# checks: over_mtu_flow_bound over_mtu_to_cpu over_mtu_no_frame_above_mtu
step "router: lan1 192.168.1.1/24, ppp0 over wan"
host_quiet wan
host_quiet lan1
on_bg -o "$FSW_TMP/concentrator.log" wan $FSW_PPPOEHOST eth0 192.0.2.2 192.0.2.1 9000 120 echo
concentrator=$BG_PID
need "pppd" guest 'ports_up
ip addr add 192.168.1.1/24 dev lan1
sysctl -qw net.ipv4.ip_forward=1
sysctl -qw net.netfilter.nf_conntrack_acct=1
pppd plugin pppoe.so nic-wan noauth noipdefault nodefaultroute \
	nodeflate nobsdcomp noccp novj noaccomp nopcomp nomagic \
	mru 1492 mtu 1492 user flowsw lcp-echo-interval 0 unit 0 \
	logfile /tmp/pppd.log'
need "lan1 host" host_addr lan1 192.168.1.2/24 192.168.1.1
check ppp0_up guest 'ppp_up() { ip addr show ppp0 2>/dev/null | grep -q "inet 192.0.2.1"; }
wait_until 30 ppp_up'
need "ruleset on ppp0" guest 'ip route add default dev ppp0
sed "s/oifname \"wan\"/oifname \"ppp0\"/" /usr/lib/flowsw/router.nft | nft -f -'
check ping_over_pppoe on lan1 ping -c 2 -W 2 192.0.2.2
static_neighbours lan1

UP="BIND IPV4_HNAPT udp 192.168.1.2:40004->192.0.2.2:9000 .* pppoe 4660 .* egress gmac1"
DOWN="BIND IPV4_HNAPT udp 192.0.2.2:9000->192.0.2.1:[0-9]* new 192.0.2.2:9000->192.168.1.2:40004 .* egress gmac0 stag 0x1"
pppoe_round() {
	echo_round "$1" 192.0.2.2 40004 "$UP" "$DOWN" "$concentrator" "$FSW_TMP/concentrator.log"
	check bound_with_pppoe_push guest foe_bound "192.168.1.2:40004->192.0.2.2:9000 .* pppoe [1-9][0-9]* egress 2"
}
measured_rounds pppoe_round
sent=$(cat "$FSW_TMP/sent-$ROUND.txt")
echo "lan1 sent: $sent; the concentrator counted $ECHO_BEFORE then $ECHO_AFTER"
check up_wire_in_session wire_check wan_up --proto udp --src 192.0.2.1 --dst 192.0.2.2 \
	--dport 9000 --pppoe 0x1234 --vlan none --ttl 63 --min 1000
check down_wire_plain wire_check lan1_down --proto udp --src 192.0.2.2 --sport 9000 \
	--dst 192.168.1.2 --dport 40004 --pppoe none --vlan none --ttl 63 --no-other --min 1000
check concentrator_received_exact test $((ECHO_AFTER - ECHO_BEFORE)) -eq "$(echo "$sent" | awk '{print $2}')"
# the flow's conntrack entry counts every datagram of every round
total=$(sent_total)
check conntrack_exact guest wait_until 10 ct_has \
	"sport=40004 dport=9000 packets=${total% *} bytes=${total#* } "

step "UDP 4 bytes over ppp0's MTU, in a bound flow: to the CPU, not onto the wire"
# A PPPoE header is payload: a PPPoE frame may be 1514 bytes, as a plain
# one.  A limit that counts it as a tag (as for VLANs) would let frames of
# 1518 through, with 1504 bytes of payload for the concentrator.
BIG="192.168.1.2:40005->192.0.2.2:9000"
on lan1 $FSW_UDPFLOW sendnow 192.0.2.2 9000 100 200 200 40005 > /dev/null
check over_mtu_flow_bound guest wait_until 10 foe_bound "$BIG"
before=$(guest ppe_count cpu_reason exceed_mtu)
capture_start over_mtu wan
# 1468 bytes of payload: IP packets of 1496, PPPoE frames of 1518
on lan1 $FSW_UDPFLOW sendnow 192.0.2.2 9000 200 1468 200 40005 nodf > /dev/null
exceed_mtu_at_least() { [ "$(guest ppe_count cpu_reason exceed_mtu)" -ge "$1" ]; }
check over_mtu_to_cpu wait_host 10 exceed_mtu_at_least $((before + 190))
capture_stop over_mtu
big=$(tcpdump -r "$FSW_TMP/over_mtu.pcap" -nn greater 1515 2>/dev/null | wc -l)
echo "wan wire: $big frames longer than 1514 bytes"
check over_mtu_no_frame_above_mtu test "$big" -eq 0
