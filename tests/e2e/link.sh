# Link down on a port's wire shows as carrier loss in the guest; link up
# brings traffic back.  Switch ports (PHY polling) and the WAN GMAC alike.
# Then the device's x-plumbing, the benchmark's ceiling (bench/forwarding.sh):
# while on, lan1's wire and wan's are joined past the device, as if by a
# cable; off, they are apart again.
# timeout: 300
# checks: ping_before lan1_carrier_lost lan1_carrier_back wan_carrier_lost
# checks: wan_carrier_back lan_traffic_after_link_up wan_traffic_after_link_up
# checks: routed_after_link_up plumb_hosts apart_before plumbing_on
# checks: plumbing_joins_the_wires plumbing_bypasses_the_device plumbing_off
# checks: apart_after
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

step "x-plumbing: lan1's and wan's wires joined past the device"
check plumb_hosts plumb_hosts
# nothing routes 198.51.100.0/24: only a cable between the wires joins them
check apart_before sh -c "! ip netns exec $FSW_ID-lan1 ping -c 1 -W 1 $PLUMB_DST"
plumbing_start
check plumbing_joins_the_wires on lan1 ping -c 3 -W 2 "$PLUMB_DST"
plumbing_stop
check apart_after sh -c "! ip netns exec $FSW_ID-lan1 ping -c 1 -W 1 $PLUMB_DST"
