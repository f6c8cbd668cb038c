# The emulated router at work: boot, ports, a routed ping, then a TCP flow
# offloaded by an nftables flowtable into the modelled PPE.
# timeout: 300
# checks: demo_ping demo_offloaded demo_bound
step "the router's ports (from device tree: conduit eth0, wan, lan1..lan4)"
guest 'ports_up; ip -br link'

step "routing lan1 (192.168.1.0/24) to wan (192.0.2.0/24) with masquerade and a hardware flowtable"
guest 'ip addr add 192.168.1.1/24 dev lan1
ip addr add 192.0.2.1/24 dev wan
sysctl -qw net.ipv4.ip_forward=1
sysctl -qw net.netfilter.nf_conntrack_acct=1
nft -f /usr/lib/flowsw/router.nft
nft list ruleset'
host_addr lan1 192.168.1.2/24 192.168.1.1
host_addr wan 192.0.2.2/24
guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier

step "ping from the lan1 host to the wan host"
check demo_ping on lan1 ping -c 3 -W 2 192.0.2.2

step "a TCP stream from the lan1 host to the wan host (it runs until the demo ends)"
on_bg wan iperf3 -s -1 -p 5201
wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
on_bg lan1 iperf3 -c 192.0.2.2 -p 5201 -t 120
check demo_offloaded guest wait_until 10 hw_offloaded 192.168.1.2
check demo_bound guest wait_until 10 foe_bound 192.168.1.2
step "conntrack: the flow is [HW_OFFLOAD]"
guest 'conntrack -L 2>/dev/null'
step "the PPE's FOE table as the driver sees it (debugfs)"
guest 'cat $DBG/*/foe'
step "the same table as the hardware model sees it (QEMU monitor: info flowsw)"
monitor info flowsw
step "the CPU hardly sees the flow: what reached it on the conduit vs what the PPE forwarded"
guest 'ethtool -S eth0 | grep -E "cpu_rx_packets|ppe_forwarded"'
step "wan's counters are the hardware's: they include the offloaded stream"
guest 'ip -s link show wan'
