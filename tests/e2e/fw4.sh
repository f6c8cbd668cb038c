# An OpenWrt fw4-style ruleset: table inet fw4 with a hardware flowtable,
# a forward chain with policy drop, "flow offload @ft" for TCP and UDP and
# a ct state vmap.  It loads, drops what it should, and offloads: proven by
# the model's own forwarded count, the router's software RX standing still,
# and the wan host's capture of the masqueraded stream.
# timeout: 300
# checks: fw4_loaded lan_to_wan_allowed wan_to_lan_dropped fw4_offloads
# checks: fw4_hw_offload_in_conntrack
# checks: tcp_host_sent tcp_model_forwarded tcp_guest_bypassed tcp_delivered
# checks: tcp_wire_masqueraded
need "fw4 ruleset" guest 'ports_up
ip addr add 192.168.1.1/24 dev lan1
ip addr add 192.0.2.1/24 dev wan
sysctl -qw net.ipv4.ip_forward=1
nft -f - <<NFT
flush ruleset
table inet fw4 {
	flowtable ft {
		hook ingress priority filter
		devices = { lan1, lan2, lan3, lan4, wan }
		counter
		flags offload
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		meta l4proto { tcp, udp } flow offload @ft
		ct state vmap { established : accept, related : accept, invalid : drop }
		iifname { "lan1", "lan2", "lan3", "lan4" } jump forward_lan
		jump handle_reject
	}
	chain forward_lan {
		oifname "wan" accept
	}
	chain handle_reject {
		meta l4proto tcp reject with tcp reset
		reject
	}
	chain srcnat {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "wan" masquerade
	}
}
NFT'
check fw4_loaded guest 'nft list flowtable inet fw4 ft | grep -q "flags offload"'
need "lan1 host" host_addr lan1 192.168.1.2/24 192.168.1.1
need "wan host" host_addr wan 192.0.2.2/24
host_quiet lan1
host_quiet wan
guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
check lan_to_wan_allowed on lan1 ping -c 1 -W 2 192.0.2.2
need "route to lan" on wan ip route add 192.168.1.0/24 via 192.0.2.1
# dropped, not lost to a missing route: the ping leaves and nothing answers
check wan_to_lan_dropped sh -c "ip netns exec $FSW_ID-wan ping -c 2 -W 2 192.168.1.2 | grep -q '2 packets transmitted, 0 received'"
static_neighbours
on_bg wan iperf3 -s -1 -p 5201
wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
on_bg lan1 iperf3 -c 192.0.2.2 -p 5201 -t 120
check fw4_offloads guest wait_until 20 foe_bound "192.168.1.2:[0-9]*->192.0.2.2:5201"
check fw4_hw_offload_in_conntrack guest wait_until 10 hw_offloaded "dport=5201"
capture_start wan_tcp wan tcp port 5201
offload_proof tcp lan1 wan 3000 "BIND IPV4_HNAPT tcp 192.168.1.2:[0-9]*->192.0.2.2:5201 new 192.0.2.1:"
capture_stop wan_tcp
check tcp_wire_masqueraded wire_check wan_tcp --proto tcp --src 192.0.2.1 \
	--dst 192.0.2.2 --dport 5201 --vlan none --ttl 63 --no-other --min 3000
