# A VLAN wan: masquerade out of wan.100 (802.1Q on the WAN GMAC).  The PPE
# pushes the tag itself: the entry carries VLAN 100 and the host on wan,
# which answers only frames tagged 100, receives every datagram.
# timeout: 400
step "router: lan1 192.168.1.1/24, wan.100 192.0.2.1/24"
guest 'ports_up
ip link add link wan name wan.100 type vlan id 100
ip link set wan.100 up
ip addr add 192.168.1.1/24 dev lan1
ip addr add 192.0.2.1/24 dev wan.100
sysctl -qw net.ipv4.ip_forward=1
sysctl -qw net.netfilter.nf_conntrack_acct=1
sed "s/oifname \"wan\"/oifname \"wan.100\"/" /usr/lib/flowsw/router.nft | nft -f -'
host_addr lan1 192.168.1.2/24 192.168.1.1
host_quiet wan
on_bg wan $FSW_TAGHOST serve eth0 100 192.0.2.2 9000 60
guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
check router_reaches_tagged_host guest ping -c 2 -W 2 192.0.2.2

step "UDP lan1 -> wan.100"
sent=$(on lan1 $FSW_UDPFLOW send 192.0.2.2 9000 3000 300 1000 40003)
echo "$sent"
check udp_hw_offload guest hw_offloaded "sport=40003"
check bound_with_vlan_push guest foe_bound "192.168.1.2:40003->192.0.2.2:9000 .* vlan 1:100,0 .* egress 2"
check model_pushes_vlan model_has "BIND IPV4_HNAPT udp 192.168.1.2:40003->192.0.2.2:9000 .* vlan 1:100,0 .* egress gmac1"
check conntrack_exact guest wait_until 10 ct_has \
	"sport=40003 dport=9000 packets=$(echo "$sent" | awk '{print $2}') bytes=$(echo "$sent" | awk '{print $4}') "
check forwarded_in_hardware guest "[ \$(ethtool -S eth0 | awk '/hw_rx_ppe_forwarded/ {print \$2}') -gt 2000 ]"
