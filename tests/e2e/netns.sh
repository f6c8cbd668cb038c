# A flowtable in another network namespace (review A3): lan3 and lan4 are
# moved into the router's netns "tenant", which routes between them and
# offloads with a flowtable of its own.  The rule names its ingress port
# by ifindex, which means something only in the flowtable's netns; the
# driver looks it up there, not in the netns of the GMACs (where lan3's
# index is now free).  Proven by the model's own forwarded count, the
# router's software RX standing still and lan4's count.
# timeout: 300
# checks: tenant_up routed offloaded
# checks: tenant_host_sent tenant_model_forwarded tenant_guest_bypassed tenant_delivered
flow="10.3.0.2:40040->10.4.0.2:9000"

step "lan3 and lan4 in the router's netns tenant, with an offloading flowtable"
check tenant_up guest 'ports_up
ip netns add tenant
ip link set lan3 netns tenant
ip link set lan4 netns tenant
ip netns exec tenant sh -e <<SH
ip link set lo up
ip link set lan3 up
ip link set lan4 up
ip addr add 10.3.0.1/24 dev lan3
ip addr add 10.4.0.1/24 dev lan4
sysctl -qw net.ipv4.ip_forward=1
nft -f - <<NFT
table inet filter {
	flowtable ft {
		hook ingress priority 0
		devices = { lan3, lan4 }
		flags offload
	}
	chain forward {
		type filter hook forward priority filter; policy accept;
		meta l4proto { tcp, udp } flow add @ft
	}
}
NFT
SH'
host_quiet lan3
host_quiet lan4
host_addr lan3 10.3.0.2/24 10.3.0.1
host_addr lan4 10.4.0.2/24 10.4.0.1
check routed on lan3 ping -c 3 -W 2 10.4.0.2

step "a UDP stream from lan3 to lan4, offloaded"
on_bg lan4 $FSW_UDPFLOW recv 9000 60
wait_host 10 on lan4 sh -c 'ss -lun | grep -q :9000'
on_bg lan3 $FSW_UDPFLOW send 10.4.0.2 9000 8000 200 200 40040
check offloaded guest wait_until 20 foe_bound "$flow"
offload_proof tenant lan3 lan4 1000 "BIND IPV4_HNAPT udp $flow "
