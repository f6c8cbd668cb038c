# Routing between two VLANs of one VLAN-filtering bridge (issue #16, bug
# 2): br-lan with lan1 untagged in VLAN 10 and lan2 untagged in VLAN 20,
# br-lan.10 and br-lan.20 the router's addresses, the flowtable over the
# ports.  A TCP stream from the lan1 host to the lan2 host is offloaded in
# both directions, each entry egressing on GMAC0 with the special tag of
# the other port, and both entries stay BIND while the stream runs.  Then
# the same with lan1 tagged (a UDP flow, echoed), and between VLAN 20 and
# wan (TCP, masqueraded).  Each direction is proven by the model's own
# forwarded count, the router's software RX standing still and the
# receiving host's count and capture.
# timeout: 500
# checks: tcp_hw_offload data_bound ack_bound
# checks: data_host_sent data_model_forwarded data_guest_bypassed data_delivered
# checks: ack_host_sent ack_model_forwarded ack_guest_bypassed ack_delivered
# checks: data_wire_routed ack_wire_routed still_bound
# checks: tagged_bound
# checks: to_tagged_host_sent to_tagged_model_forwarded to_tagged_guest_bypassed to_tagged_delivered
# checks: from_tagged_host_sent from_tagged_model_forwarded from_tagged_guest_bypassed from_tagged_delivered
# checks: to_tagged_wire_vlan_10 from_tagged_wire_untagged tagged_still_bound
# checks: wan_bound
# checks: up_host_sent up_model_forwarded up_guest_bypassed up_delivered
# checks: down_host_sent down_model_forwarded down_guest_bypassed down_delivered
# checks: up_wire_masqueraded down_wire_untagged wan_still_bound

step "br-lan: lan1 untagged in VLAN 10, lan2 untagged in VLAN 20, routed"
need "VLAN-filtering bridge" guest 'set -e
br_lan lan1 lan2
ip link set br-lan type bridge vlan_filtering 1
bridge vlan del dev lan1 vid 1
bridge vlan add dev lan1 vid 10 pvid untagged
bridge vlan del dev lan2 vid 1
bridge vlan add dev lan2 vid 20 pvid untagged
bridge vlan add dev br-lan vid 10 self
bridge vlan add dev br-lan vid 20 self
ip link add link br-lan name br-lan.10 type vlan id 10
ip link add link br-lan name br-lan.20 type vlan id 20
ip link set br-lan.10 up
ip link set br-lan.20 up
ip addr add 192.168.10.1/24 dev br-lan.10
ip addr add 192.168.20.1/24 dev br-lan.20
ip addr add 192.0.2.1/24 dev wan
routing_on'
need "lan1 host" host_addr lan1 192.168.10.11/24 192.168.10.1
need "lan2 host" host_addr lan2 192.168.20.12/24 192.168.20.1
host_quiet lan1
host_quiet lan2
guest wait_until 10 grep -q 1 /sys/class/net/lan2/carrier
need "lan1 reaches lan2" on lan1 ping -c 2 -W 2 192.168.20.12

DATA="BIND IPV4_HNAPT tcp 192.168.10.11:[0-9]*->192.168.20.12:5201 .* egress gmac0 stag 0x2"
ACK="BIND IPV4_HNAPT tcp 192.168.20.12:5201->192.168.10.11:[0-9]* .* egress gmac0 stag 0x1"
# bound_while PID PATTERN...: the stream PID still runs and every entry
# matching a PATTERN is BIND in the model (a live flow never reads FIN)
bound_while() {
	local pid=$1 p; shift
	kill -0 "$pid" || { echo "the stream ended before the check"; return 1; }
	for p in "$@"; do model_has "$p" || return 1; done
}

step "TCP lan1 -> lan2: both directions offloaded"
on_bg lan2 iperf3 -s -1 -p 5201
wait_host 10 on lan2 sh -c 'ss -ltn | grep -q :5201'
on_bg -o "$FSW_TMP/iperf-client.log" lan1 iperf3 -c 192.168.20.12 -p 5201 -t 120
client=$BG_PID
check tcp_hw_offload guest wait_until 20 hw_offloaded "dport=5201"
check data_bound wait_host 10 model_has "$DATA"
check ack_bound wait_host 10 model_has "$ACK"
capture_start lan2_tcp lan2 tcp port 5201
capture_start lan1_tcp lan1 tcp port 5201
offload_proof data lan1 lan2 3000 "$DATA"
offload_proof ack lan2 lan1 1000 "$ACK"
capture_stop lan2_tcp
capture_stop lan1_tcp
check data_wire_routed wire_check lan2_tcp --proto tcp --src 192.168.10.11 \
	--dst 192.168.20.12 --dport 5201 --vlan none --ttl 63 --no-other --min 3000
check ack_wire_routed wire_check lan1_tcp --proto tcp --src 192.168.20.12 \
	--sport 5201 --dst 192.168.10.11 --vlan none --ttl 63 --no-other --min 1000
# a live flow's entries read BIND, never FIN, in the model and the driver
check still_bound bound_while "$client" "$DATA" "$ACK"
stop_bg "$client"

step "lan1 tagged in VLAN 10: a UDP flow from lan2, echoed by the lan1 host"
need "lan1 tagged" guest 'bridge vlan del dev lan1 vid 10 && bridge vlan add dev lan1 vid 10'
on lan1 ip addr flush dev eth0
on_bg -o "$FSW_TMP/taghost.log" lan1 $FSW_TAGHOST serve eth0 10 192.168.10.11 9001 120 echo
need "tagged host" guest wait_until 10 ping -c 1 -W 1 192.168.10.11
TO_TAGGED="BIND IPV4_HNAPT udp 192.168.20.12:40020->192.168.10.11:9001 .* vlan 1:10,0 .* egress gmac0 stag 0x1"
FROM_TAGGED="BIND IPV4_HNAPT udp 192.168.10.11:9001->192.168.20.12:40020 .* vlan 1:0,0 .* egress gmac0 stag 0x2"
on lan2 $FSW_UDPFLOW send 192.168.10.11 9001 300 200 1000 40020
check tagged_bound wait_host 10 bound_while $$ "$TO_TAGGED" "$FROM_TAGGED"
capture_start to_tagged lan1
capture_start from_tagged lan2 udp port 40020
# up to a minute's datagrams, stopped after the checks
on_bg lan2 $FSW_UDPFLOW send 192.168.10.11 9001 60000 200 1000 40020
sender=$BG_PID
offload_proof to_tagged lan2 lan1 1000 "$TO_TAGGED"
offload_proof from_tagged lan1 lan2 1000 "$FROM_TAGGED"
check tagged_still_bound bound_while "$sender" "$TO_TAGGED" "$FROM_TAGGED"
stop_bg "$sender"
capture_stop to_tagged
capture_stop from_tagged
check to_tagged_wire_vlan_10 wire_check to_tagged --proto udp --src 192.168.20.12 --sport 40020 \
	--dst 192.168.10.11 --dport 9001 --vlan 10 --pcp 0 --ttl 63 --no-other --min 1000
check from_tagged_wire_untagged wire_check from_tagged --proto udp --src 192.168.10.11 \
	--sport 9001 --dst 192.168.20.12 --dport 40020 --vlan none --ttl 63 --no-other --min 1000

step "VLAN 20 to wan: TCP from lan2, masqueraded"
need "wan host" host_addr wan 192.0.2.2/24
host_quiet wan
UP="BIND IPV4_HNAPT tcp 192.168.20.12:[0-9]*->192.0.2.2:5201 new 192.0.2.1:"
DOWN="BIND IPV4_HNAPT tcp 192.0.2.2:5201->192.0.2.1:[0-9]* new 192.0.2.2:5201->192.168.20.12:.* vlan 1:0,0 .* egress gmac0 stag 0x2"
on_bg wan iperf3 -s -1 -p 5201
wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
on_bg lan2 iperf3 -c 192.0.2.2 -p 5201 -t 120
client=$BG_PID
check wan_bound wait_host 20 bound_while "$client" "$UP" "$DOWN"
capture_start up wan tcp port 5201
capture_start down lan2 tcp port 5201
offload_proof up lan2 wan 3000 "$UP"
offload_proof down wan lan2 1000 "$DOWN"
capture_stop up
capture_stop down
check wan_still_bound bound_while "$client" "$UP" "$DOWN"
stop_bg "$client"
check up_wire_masqueraded wire_check up --proto tcp --src 192.0.2.1 \
	--dst 192.0.2.2 --dport 5201 --vlan none --ttl 63 --no-other --min 3000
check down_wire_untagged wire_check down --proto tcp --src 192.0.2.2 \
	--sport 5201 --dst 192.168.20.12 --vlan none --ttl 63 --no-other --min 1000
