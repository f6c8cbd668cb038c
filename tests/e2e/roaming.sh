# Roaming: a host keeps its MAC and IP address but moves from lan1 to lan2
# (a laptop changing access points) while a flow routed to it through
# br-lan is offloaded.  Linux 6.12's flowtable keeps the flow's old port;
# the driver follows the FDB move and re-points the FOE entry, so traffic
# reaches the host on lan2 within 2 s, still forwarded by the PPE: proven
# by the model's own forwarded count, the router's software RX standing
# still, lan2's count and its capture (untagged, no special tag).
# timeout: 300
# checks: offloaded to_lan1_port lan1_receives reaches_lan2_within_2s
# checks: to_lan2_port still_hw_offloaded driver_moved_the_flow
# checks: roamed_host_sent roamed_model_forwarded roamed_guest_bypassed roamed_delivered
# checks: roamed_wire_untagged
mac=02:00:5e:00:aa:50
flow="192.0.2.2:40020->192.168.1.50:9000"

step "br-lan over lan1 and lan2; the host 192.168.1.50 behind lan1"
need "bridge router" bridge_router_up
host_quiet wan
host_quiet lan1
host_quiet lan2
on lan1 ip link set eth0 address $mac
host_addr lan1 192.168.1.50/24 192.168.1.1

step "a UDP stream from the wan host to it, offloaded towards lan1"
on_bg lan1 $FSW_UDPFLOW recv 9000 60
wait_host 10 on lan1 sh -c 'ss -lun | grep -q :9000'
on_bg wan $FSW_UDPFLOW send 192.168.1.50 9000 12000 200 200 40020
check offloaded guest wait_until 20 foe_bound "$flow"
check to_lan1_port model_has "BIND IPV4_HNAPT udp $flow .* egress gmac0 stag 0x1 "
check lan1_receives until_host_counted 10 lan1 rx 200

step "the host leaves lan1 and speaks up on lan2"
moves0=$(guest ppe_count dest_moves)
on lan1 ip link set eth0 down
on lan2 ip link set eth0 address $mac
host_addr lan2 192.168.1.50/24 192.168.1.1
start=$(date +%s%N)
on_bg lan2 ping -c 1 -W 1 192.168.1.1
# 200 datagrams a second: 100 of them means the stream moved within 1.5 s
check reaches_lan2_within_2s until_host_counted 2 lan2 rx 100
echo "lan2 check done $(( ($(date +%s%N) - start) / 1000000 )) ms after the move"

step "still offloaded, now towards lan2"
check to_lan2_port model_has "BIND IPV4_HNAPT udp $flow .* egress gmac0 stag 0x2 "
check still_hw_offloaded guest hw_offloaded "sport=40020"
moves1=$(guest ppe_count dest_moves)
check driver_moved_the_flow test "$moves1" -gt "$moves0"
capture_start lan2 lan2 udp port 9000
offload_proof roamed wan lan2 1000 "BIND IPV4_HNAPT udp $flow .* egress gmac0 stag 0x2 "
capture_stop lan2
check roamed_wire_untagged wire_check lan2 --proto udp --src 192.0.2.2 --sport 40020 \
	--dst 192.168.1.50 --dport 9000 --vlan none --ttl 63 --no-other --min 1000
