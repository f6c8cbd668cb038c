# Unbinding and rebinding the drivers through sysfs while traffic flows:
# no crash, nothing leaked (kmemleak), and traffic resumes.
# timeout: 400
# checks: offloaded_before unbind ports_gone model_table_cleared bind
# checks: ports_back traffic_resumes offloaded_again no_kmemleak
router_up
on_bg wan iperf3 -s -p 5201
wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
on_bg lan1 iperf3 -c 192.0.2.2 -p 5201 -t 300
iperf_client=$BG_PID
check offloaded_before guest wait_until 20 foe_bound 192.168.1.2

step "unbind the switch and the frame engine with live, offloaded flows"
check unbind guest 'echo c004000.switch > /sys/bus/platform/drivers/flowsw-switch/unbind &&
	echo c000000.ethernet > /sys/bus/platform/drivers/flowsw-eth/unbind'
check ports_gone guest '! [ -e /sys/class/net/wan ] && ! [ -e /sys/class/net/lan1 ]'
check model_table_cleared model_has "foe table not programmed"

step "bind them again"
check bind guest 'echo c000000.ethernet > /sys/bus/platform/drivers/flowsw-eth/bind &&
	echo c004000.switch > /sys/bus/platform/drivers/flowsw-switch/bind'
# DSA names the ports again from device tree; GMAC1 gets its label back
guest name_by_label
check ports_back guest '[ -e /sys/class/net/wan ] && [ -e /sys/class/net/lan1 ]'
guest router_on_lan1_wan
guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
check traffic_resumes on lan1 ping -c 3 -W 2 192.0.2.2
stop_bg "$iperf_client"
on_bg wan iperf3 -s -1 -p 5202
wait_host 10 on wan sh -c 'ss -ltn | grep -q :5202'
on_bg lan1 iperf3 -c 192.0.2.2 -p 5202 -t 30
check offloaded_again guest wait_until 30 foe_bound 192.168.1.2

step "kmemleak finds nothing"
check no_kmemleak guest kmemleak_clean
