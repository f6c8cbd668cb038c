# Routed traffic between a LAN host and the WAN host, with masquerade on wan.
# timeout: 300
# checks: lan1_carrier wan_carrier ping_lan_to_wan ping_wan_to_lan
# checks: ping_router_lan tcp_lan_to_wan tcp_wan_to_lan masquerade_seen
# checks: bql_on_wan bql_on_conduit
step "router: lan1 192.168.1.1/24, wan 192.0.2.1/24, masquerade on wan"
guest 'ports_up
ip addr add 192.168.1.1/24 dev lan1
ip addr add 192.0.2.1/24 dev wan
sysctl -qw net.ipv4.ip_forward=1
nft -f - <<NFT
table ip nat {
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "wan" masquerade
	}
}
NFT'
host_addr lan1 192.168.1.2/24 192.168.1.1
host_addr wan 192.0.2.2/24
on wan ip route add 192.168.1.0/24 via 192.0.2.1

check lan1_carrier guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
check wan_carrier guest wait_until 10 grep -q 1 /sys/class/net/wan/carrier
check ping_lan_to_wan on lan1 ping -c 3 -W 2 192.0.2.2
check ping_wan_to_lan on wan ping -c 3 -W 2 192.168.1.2
check ping_router_lan on lan1 ping -c 1 -W 2 192.168.1.1

step "TCP both ways"
on_bg wan iperf3 -s -1 -p 5201
on_bg lan1 iperf3 -s -1 -p 5202
wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
check tcp_lan_to_wan on lan1 iperf3 -c 192.0.2.2 -p 5201 -n 2M
wait_host 10 on lan1 sh -c 'ss -ltn | grep -q :5202'
check tcp_wan_to_lan on wan iperf3 -c 192.168.1.2 -p 5202 -n 2M
check masquerade_seen guest 'conntrack -L 2>/dev/null | grep -q "src=192.168.1.2 dst=192.0.2.2 .*dst=192.0.2.1"'

step "byte queue limits on both GMACs, nothing left in flight"
check bql_on_wan guest wait_until 5 bql_settled wan
check bql_on_conduit guest wait_until 5 bql_settled eth0
