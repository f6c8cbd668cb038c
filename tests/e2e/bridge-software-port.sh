# br-lan bridges a switch port (lan1) and a software port (a veth whose
# peer lives in a namespace of the router): frames between them cross the
# CPU, work, and never get a PPE entry.
# timeout: 300
# checks: switch_port_to_software_port software_port_to_switch_port
# checks: tcp_switch_to_software stays_in_software no_ppe_entry no_flow_offered
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
# listening on 5201 (0x1451): state 0A in /proc/net/tcp6 or tcp (the guest has no ss)
need "iperf3 server in swhost" guest wait_until 10 sh -c \
	"/bin/ip netns exec swhost cat /proc/net/tcp /proc/net/tcp6 | grep -q ':1451 0*:0000 0A'"
pdma0=$(model_pdma_rx)
drops0=$(model_port gmac0 rx_drops)
fwd0=$(model_port gmac0 ppe_fwd)
tx0=$(host_counter lan1 tx packets)
check tcp_switch_to_software on lan1 iperf3 -c 192.168.1.50 -p 5201 -n 2M
# every frame lan1 sent went to the CPU: the PPE forwarded none of them,
# and the model handed the router as many (less 1 %) as lan1's interface
# counted, but for those it dropped on a full RX ring and counted (TCP sent
# those again, so lan1 counted them twice)
crossed_cpu() {
	local now drops fwd sent
	now=$(model_pdma_rx) && drops=$(model_port gmac0 rx_drops) &&
		fwd=$(model_port gmac0 ppe_fwd) || return 1
	sent=$(( $(host_counter lan1 tx packets) - tx0 ))
	echo "lan1 sent $sent frames; the model handed the CPU $((now - pdma0)), dropped" \
		"$((drops - drops0)) on a full ring, the PPE forwarded $((fwd - fwd0))"
	[ "$sent" -gt 100 ] && [ "$fwd" -eq "$fwd0" ] &&
		[ $((now - pdma0 + drops - drops0)) -ge $((sent - sent / 100)) ]
}
check stays_in_software crossed_cpu
check no_ppe_entry model_lacks " BIND "
check no_flow_offered guest '! conntrack -L 2>/dev/null | grep -q HW_OFFLOAD'
