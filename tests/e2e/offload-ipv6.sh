# IPv6 routed (no NAT), lan1 -> wan: offloaded as IPv6 5-tuple entries.
# timeout: 400
step "router: lan1 2001:db8:1::1/64, wan 2001:db8:2::1/64, offloading flowtable"
guest 'ports_up
ip -6 addr add 2001:db8:1::1/64 dev lan1 nodad
ip -6 addr add 2001:db8:2::1/64 dev wan nodad
sysctl -qw net.ipv6.conf.all.forwarding=1
sysctl -qw net.netfilter.nf_conntrack_acct=1
nft -f /usr/lib/flowsw/router.nft'
on lan1 ip -6 addr add 2001:db8:1::2/64 dev eth0 nodad
on lan1 ip -6 route add default via 2001:db8:1::1
on wan ip -6 addr add 2001:db8:2::2/64 dev eth0 nodad
on wan ip -6 route add 2001:db8:1::/64 via 2001:db8:2::1
guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
check ping6_lan_to_wan wait_host 10 on lan1 ping -6 -c 1 -W 1 2001:db8:2::2

step "TCP over IPv6"
on_bg wan iperf3 -s -p 5201
wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
on_bg lan1 iperf3 -6 -c 2001:db8:2::2 -p 5201 -t 60 -b 100M
check tcp6_hw_offload guest wait_until 20 hw_offloaded "dport=5201"
check tcp6_bound_in_driver guest wait_until 10 foe_bound "IPV6_5T tcp \[2001:db8:1::2\]:[0-9]*->\[2001:db8:2::2\]:5201"
check tcp6_bound_in_model model_has "BIND IPV6_5T tcp \[2001:db8:1:0:0:0:0:2\]:[0-9]*->\[2001:db8:2:0:0:0:0:2\]:5201.* egress gmac1"
check tcp6_reply_via_switch_port model_has "BIND IPV6_5T tcp \[2001:db8:2:0:0:0:0:2\]:5201->.* egress gmac0 stag 0x1"
rx0=$(guest rx_packets eth0)
until_host_sent lan1 3000
rx1=$(guest rx_packets eth0)
echo "conduit rx +$((rx1 - rx0)) while lan1 sent 3000"
check conduit_rx_still test $((rx1 - rx0)) -lt 30
on lan1 pkill iperf3

step "UDP over IPv6: conntrack counts exactly what the host sent"
on_bg wan $FSW_UDPFLOW recv 9000 30
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
sent=$(on lan1 $FSW_UDPFLOW send 2001:db8:2::2 9000 3000 300 1000 40002)
echo "$sent"
check udp6_hw_offload guest hw_offloaded "sport=40002"
check udp6_conntrack_exact guest wait_until 10 ct_has \
	"sport=40002 dport=9000 packets=$(echo "$sent" | awk '{print $2}') bytes=$(echo "$sent" | awk '{print $4}') "
