# br-lan bridges a switch port (lan1) and a software port (a veth whose
# peer lives in a namespace of the router): frames between them cross the
# CPU, work, and never get a PPE entry.
# timeout: 300
# checks: switch_port_to_software_port software_port_to_switch_port
# checks: tcp_switch_to_software stays_in_software no_flow_offered
guest 'ports_up
ip link add br-lan type bridge
ip link set lan1 master br-lan
ip netns add swhost
ip link add swport type veth peer name eth0 netns swhost
ip link set swport master br-lan
ip link set swport up
ip link set br-lan up
ip -n swhost link set lo up
ip -n swhost link set eth0 up
ip -n swhost addr add 192.168.1.50/24 dev eth0
ip addr add 192.168.1.1/24 dev br-lan
nft -f /usr/lib/flowsw/router.nft'
host_addr lan1 192.168.1.11/24
guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
check switch_port_to_software_port on lan1 ping -c 3 -W 2 192.168.1.50
check software_port_to_switch_port guest ip netns exec swhost ping -c 3 -W 2 192.168.1.11
step "TCP between them"
guest '(ip netns exec swhost iperf3 -s -1 -p 5201 >/dev/null 2>&1 &)'
check tcp_switch_to_software on lan1 sh -c 'for i in $(seq 50); do iperf3 -c 192.168.1.50 -p 5201 -n 2M && exit 0; sleep 0.2; done; exit 1'
check stays_in_software model_lacks " BIND "
check no_flow_offered guest '! conntrack -L 2>/dev/null | grep -q HW_OFFLOAD'
