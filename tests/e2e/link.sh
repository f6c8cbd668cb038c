# Link down on a port's wire shows as carrier loss in the guest; link up
# brings traffic back.  Switch ports (PHY polling) and the WAN GMAC alike.
# timeout: 300
# checks: ping_before lan1_carrier_lost lan1_carrier_back wan_carrier_lost
# checks: wan_carrier_back lan_traffic_after_link_up wan_traffic_after_link_up
# checks: routed_after_link_up
router_up
check ping_before on lan1 ping -c 1 -W 2 192.168.1.1

for port in lan1 wan; do
	step "$port: wire link down"
	wire_link $port off
	check ${port}_carrier_lost guest wait_until 10 grep -q 0 /sys/class/net/$port/carrier
	wire_link $port on
	check ${port}_carrier_back guest wait_until 10 grep -q 1 /sys/class/net/$port/carrier
done
check lan_traffic_after_link_up on lan1 ping -c 3 -W 2 192.168.1.1
check wan_traffic_after_link_up on wan ping -c 3 -W 2 192.0.2.1
check routed_after_link_up on lan1 ping -c 3 -W 2 192.0.2.2
