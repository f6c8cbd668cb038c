# A PPPoE wan: pppd in the router dials the concentrator on the wan host,
# masquerade out of ppp0.  The flowtable lists the physical ports only:
# ppp0 has no ndo_setup_tc, and its flows are found through wan anyway.  The flow binds with a PPPoE push: the PPE adds
# the session header itself, and the concentrator receives every datagram.
# timeout: 400
step "router: lan1 192.168.1.1/24, ppp0 over wan"
host_quiet wan
on_bg wan $FSW_PPPOEHOST eth0 192.0.2.2 192.0.2.1 9000 90
guest 'ports_up
ip addr add 192.168.1.1/24 dev lan1
sysctl -qw net.ipv4.ip_forward=1
sysctl -qw net.netfilter.nf_conntrack_acct=1
pppd plugin pppoe.so nic-wan noauth noipdefault nodefaultroute \
	nodeflate nobsdcomp noccp novj noaccomp nopcomp nomagic \
	mru 1492 mtu 1492 user flowsw lcp-echo-interval 0 unit 0 \
	logfile /tmp/pppd.log'
host_addr lan1 192.168.1.2/24 192.168.1.1
check ppp0_up guest 'ppp_up() { ip addr show ppp0 2>/dev/null | grep -q "inet 192.0.2.1"; }
wait_until 30 ppp_up'
guest 'ip route add default dev ppp0
sed "s/oifname \"wan\"/oifname \"ppp0\"/" /usr/lib/flowsw/router.nft | nft -f -'
check ping_over_pppoe on lan1 ping -c 2 -W 2 192.0.2.2

step "UDP lan1 -> ppp0"
sent=$(on lan1 $FSW_UDPFLOW send 192.0.2.2 9000 3000 300 1000 40004)
echo "$sent"
check udp_hw_offload guest hw_offloaded "sport=40004"
check bound_with_pppoe_push guest foe_bound "192.168.1.2:40004->192.0.2.2:9000 .* pppoe [1-9][0-9]* egress 2"
check model_pushes_pppoe model_has "BIND IPV4_HNAPT udp 192.168.1.2:40004->192.0.2.2:9000 .* pppoe 4660 .* egress gmac1"
check conntrack_exact guest wait_until 10 ct_has \
	"sport=40004 dport=9000 packets=$(echo "$sent" | awk '{print $2}') bytes=$(echo "$sent" | awk '{print $4}') "
