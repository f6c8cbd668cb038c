# A switch port's counters do not wrap at 32 bits (review-driver 1.8): more
# than 4 GiB bridged from lan1 to lan2 through the switch, and the router's
# byte counters of both ports (ip -s link, from the switch's 32-bit
# hardware counters) still count at least every byte the hosts' interfaces
# counted.  The switch counts each TCP segment with its headers, the hosts
# count a TSO frame's headers once, so the router may count more, never
# less.  With tap GSO the model forwards fast enough to wrap a 32-bit byte
# counter in about 3 s.
# device: gso=on
# timeout: 300
# checks: bridged_transfer hosts_sent_over_4gib lan1_rx_bytes_64bit lan2_tx_bytes_64bit
step "br-lan over lan1 and lan2"
need "br-lan" guest 'br_lan lan1 lan2'
host_addr lan1 192.168.1.11/24
host_addr lan2 192.168.1.12/24
host_quiet lan1
host_quiet lan2
guest wait_until 10 grep -q 1 /sys/class/net/lan2/carrier
on lan1 ping -c 2 -W 2 192.168.1.12 > /dev/null

router_bytes() {
	guest "cat /sys/class/net/lan1/statistics/rx_bytes /sys/class/net/lan2/statistics/tx_bytes | tr '\n' ' '; echo"
}

step "6 GB from lan1 to lan2, bridged by the switch"
read -r r_rx0 r_tx0 <<< "$(router_bytes)"
h_tx0=$(host_counter lan1 tx bytes)
h_rx0=$(host_counter lan2 rx bytes)
on_bg lan2 iperf3 -s -1 -p 5201
wait_host 10 on lan2 sh -c 'ss -ltn | grep -q :5201'
check bridged_transfer on lan1 iperf3 -c 192.168.1.12 -p 5201 -n 6G
read -r r_rx1 r_tx1 <<< "$(router_bytes)"
h_sent=$(( $(host_counter lan1 tx bytes) - h_tx0 ))
h_got=$(( $(host_counter lan2 rx bytes) - h_rx0 ))
echo "hosts: lan1 sent $h_sent bytes, lan2 received $h_got"
echo "router: lan1 received $((r_rx1 - r_rx0)), lan2 sent $((r_tx1 - r_tx0))"
check hosts_sent_over_4gib test "$h_sent" -gt 4294967296
check lan1_rx_bytes_64bit test $((r_rx1 - r_rx0)) -ge "$h_sent"
check lan2_tx_bytes_64bit test $((r_tx1 - r_tx0)) -ge "$h_got"
