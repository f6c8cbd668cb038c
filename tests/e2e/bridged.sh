# Bridged traffic between lan1 and lan2 in br-lan: forwarded by the switch
# after learning, proven by the model's own port counters, the router's
# software RX standing still and lan2's count.  The offloading flowtable is
# loaded, yet no PPE entry appears: bridged frames never reach the
# flowtable's hook (see Documentation/offload-and-bridges.rst).
# timeout: 300
# checks: ping_lan1_to_lan2 ping_lan2_to_lan1 ping_router tcp_lan1_to_lan2
# checks: fdb_learned_in_switch fdb_shown_by_bridge fdb_offloaded_in_bridge
# checks: bridged_host_sent bridged_switch_forwarded bridged_guest_bypassed bridged_delivered
# checks: ppe_has_no_bridged_entry
step "br-lan over lan1 and lan2"
need "br-lan with the offloading ruleset" guest 'br_lan lan1 lan2
ip addr add 192.168.1.1/24 dev br-lan
routing_on'
host_addr lan1 192.168.1.11/24
host_addr lan2 192.168.1.12/24
host_quiet lan1
host_quiet lan2
guest wait_until 10 grep -q 1 /sys/class/net/lan2/carrier

check ping_lan1_to_lan2 on lan1 ping -c 3 -W 2 192.168.1.12
check ping_lan2_to_lan1 on lan2 ping -c 3 -W 2 192.168.1.11
check ping_router on lan1 ping -c 1 -W 2 192.168.1.1

step "TCP lan1 -> lan2 through the switch"
on_bg lan2 iperf3 -s -1 -p 5201
wait_host 10 on lan2 sh -c 'ss -ltn | grep -q :5201'
check tcp_lan1_to_lan2 on lan1 iperf3 -c 192.168.1.12 -p 5201 -n 5M

step "hardware-learned addresses show in the bridge's FDB"
mac1=$(on lan1 cat /sys/class/net/eth0/address)
check fdb_learned_in_switch model_has "fdb $mac1 fid 0 ports 0x1 dynamic"
check fdb_shown_by_bridge guest "bridge fdb show dev lan1 | grep -q '$mac1.* self'"
check fdb_offloaded_in_bridge guest "bridge fdb show dev lan1 | grep '$mac1' | grep -q 'extern_learn.*offload.*master br-lan'"

step "after learning, unicast between lan1 and lan2 bypasses the CPU"
on_bg lan2 iperf3 -s -1 -p 5202
wait_host 10 on lan2 sh -c 'ss -ltn | grep -q :5202'
on_bg lan1 iperf3 -c 192.168.1.12 -p 5202 -t 30
until_host_sent lan1 500
switch_proof bridged lan1 lan2 3000
check ppe_has_no_bridged_entry model_lacks " BIND "
