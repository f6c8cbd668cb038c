# IPv4 TCP and UDP with masquerade, lan1 -> wan, offloaded by a flowtable
# with "flags offload": bound in the PPE, invisible to the guest, counted
# exactly in conntrack, and torn down by conntrack -F and nft delete table.
# timeout: 400

router_up
host_quiet lan1
host_quiet wan

step "TCP stream lan1 -> wan"
on_bg wan iperf3 -s -p 5201
wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
on_bg lan1 iperf3 -c 192.0.2.2 -p 5201 -t 120 -b 100M
check tcp_hw_offload guest wait_until 20 hw_offloaded "sport=[0-9]* dport=5201"
check tcp_bound_in_driver guest wait_until 10 foe_bound "192.168.1.2:[0-9]*->192.0.2.2:5201"
check tcp_bound_in_model model_has "BIND IPV4_HNAPT tcp 192.168.1.2:[0-9]*->192.0.2.2:5201 new 192.0.2.1:"
check tcp_reply_bound_in_model model_has "BIND IPV4_HNAPT tcp 192.0.2.2:5201->192.0.2.1:[0-9]* new 192.0.2.2:5201->192.168.1.2:.* egress gmac0 stag 0x1"

step "the guest's ingress counters stand still while the host sends"
conduit0=$(guest rx_packets eth0)
wan0=$(guest rx_packets wan)
until_host_sent lan1 3000
conduit1=$(guest rx_packets eth0)
wan1=$(guest rx_packets wan)
echo "conduit rx +$((conduit1 - conduit0)), wan rx +$((wan1 - wan0)) while lan1 sent 3000"
check conduit_rx_still test $((conduit1 - conduit0)) -lt 30
check wan_rx_still test $((wan1 - wan0)) -lt 30

on lan1 pkill iperf3

# A UDP flow from a fixed source port can be stopped and resumed as the
# same flow, so each teardown is seen without traffic re-creating it.
UDP="192.168.1.2:40000->192.0.2.2:9000"
on_bg wan $FSW_UDPFLOW recv 9000 120
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
udp_burst() { on lan1 $FSW_UDPFLOW send 192.0.2.2 9000 "$1" 200 500 40000; }

step "conntrack -F: the hardware entries go at once"
udp_burst 300
check udp_bound guest wait_until 10 foe_bound "$UDP"
guest conntrack -F
check flush_removes_entries wait_host 10 model_lacks "BIND IPV4_HNAPT udp $UDP"
check flush_removes_driver_binding guest "! foe_bound '$UDP'"
step "the same flow again: offloaded again"
udp_burst 300
check offloaded_again_after_flush guest wait_until 10 foe_bound "$UDP"

step "nft delete table: no BIND entry survives; software keeps forwarding"
guest nft delete table inet filter
check delete_table_removes_entries wait_host 10 model_lacks " BIND "
check hw_offload_gone guest '! conntrack -L 2>/dev/null | grep -q HW_OFFLOAD'
rx0=$(guest rx_packets eth0)
udp_burst 100
rx1=$(guest rx_packets eth0)
check software_forwarding_after_delete test $((rx1 - rx0)) -ge 100
step "the rules return: offloaded again"
guest 'nft -f /usr/lib/flowsw/router.nft'
udp_burst 300
check offloaded_again_after_rules_return guest wait_until 10 foe_bound "$UDP"

step "UDP: 4000 datagrams lan1 -> wan; conntrack counts exactly what the host sent"
sent=$(on lan1 $FSW_UDPFLOW send 192.0.2.2 9000 4000 200 1000 40001)
echo "$sent"
check udp_hw_offload guest hw_offloaded "sport=40001"
sent_pkts=$(echo "$sent" | awk '{print $2}')
sent_bytes=$(echo "$sent" | awk '{print $4}')
# the flowtable reads the hardware counters about once a second
check udp_conntrack_exact guest wait_until 10 ct_has \
	"sport=40001 dport=9000 packets=$sent_pkts bytes=$sent_bytes "
guest 'conntrack -L -p udp --sport 40001 2>/dev/null'
