# Flows routed into br-lan over DSA ports are offloaded to the right switch
# port: the flowtable's forward-path walk resolves br-lan to the port, and
# the entry carries the special tag for it.  Also with a VLAN-filtering
# bridge: an untagged port, and a tagged one (VLAN combined with the tag).
# Each case is proven by the model's own forwarded count, the router's
# software RX standing still, the receiver's exact count, and its capture:
# the right tagging and no special tag on the port.
# timeout: 500
# checks: flow_into_bridge_offloaded to_lan2_port
# checks: plain_host_sent plain_model_forwarded plain_guest_bypassed plain_delivered
# checks: plain_wire_untagged plain_received_exact plain_conntrack_exact
# checks: untagged_port_offloaded to_untagged_port
# checks: untagged_host_sent untagged_model_forwarded untagged_guest_bypassed untagged_delivered
# checks: untagged_wire_untagged untagged_received_exact
# checks: tagged_port_offloaded to_tagged_port_with_vlan
# checks: tagged_host_sent tagged_model_forwarded tagged_guest_bypassed tagged_delivered
# checks: tagged_wire_vlan_10 tagged_received_exact

step "br-lan over lan1 and lan2; wan masquerade"
need "bridge router" bridge_router_up
need "lan2 host" host_addr lan2 192.168.1.12/24 192.168.1.1
host_quiet lan2
host_quiet wan
on_bg -o "$FSW_TMP/plain-recv.txt" lan2 $FSW_UDPFLOW recv 9000 5
recv_pid=$BG_PID
wait_host 10 on lan2 sh -c 'ss -lun | grep -q :9000'
on wan $FSW_UDPFLOW send 192.168.1.12 9000 300 200 1000 40010 > "$FSW_TMP/plain-warm.txt"
check flow_into_bridge_offloaded guest wait_until 10 hw_offloaded "sport=40010"
PLAIN="BIND IPV4_HNAPT udp 192.0.2.2:40010->192.168.1.12:9000 .* egress gmac0 stag 0x2"
check to_lan2_port wait_host 10 model_has "$PLAIN"
capture_start plain lan2 udp port 9000
send_proven plain wan lan2 1000 "$PLAIN" \
	"$FSW_TMP/plain-sent.txt" $FSW_UDPFLOW send 192.168.1.12 9000 2000 200 1000 40010
wait_bg 30 "$recv_pid"
capture_stop plain
check plain_wire_untagged wire_check plain --proto udp --src 192.0.2.2 --sport 40010 \
	--dst 192.168.1.12 --dport 9000 --vlan none --ttl 63 --no-other --min 1000
total=$(cat "$FSW_TMP"/plain-warm.txt "$FSW_TMP"/plain-sent.txt | awk '{ p += $2; b += $4 } END { print p, b }')
check plain_received_exact grep -qx "received ${total% *} packets ${total#* } bytes" "$FSW_TMP/plain-recv.txt"
check plain_conntrack_exact guest wait_until 10 ct_has \
	"sport=40010 dport=9000 packets=${total% *} bytes=${total#* } "

step "VLAN-filtering br-lan: lan2 untagged PVID 10, lan1 tagged VLAN 10"
need "VLAN-filtering bridge" guest 'set -e
nft delete table inet filter
ip addr flush dev br-lan
ip link set br-lan type bridge vlan_filtering 1
bridge vlan del dev lan1 vid 1
bridge vlan add dev lan1 vid 10
bridge vlan del dev lan2 vid 1
bridge vlan add dev lan2 vid 10 pvid untagged
bridge vlan add dev br-lan vid 10 self
ip link add link br-lan name br-lan.10 type vlan id 10
ip link set br-lan.10 up
ip addr add 192.168.10.1/24 dev br-lan.10
nft -f /usr/lib/flowsw/router.nft'
on lan2 ip addr flush dev eth0
need "lan2 host" host_addr lan2 192.168.10.12/24 192.168.10.1
host_quiet lan1
on_bg -o "$FSW_TMP/taghost.log" lan1 $FSW_TAGHOST serve eth0 10 192.168.10.11 9001 120
taghost=$BG_PID
on_bg -o "$FSW_TMP/untagged-recv.txt" lan2 $FSW_UDPFLOW recv 9000 5
recv_pid=$BG_PID
wait_host 10 on lan2 sh -c 'ss -lun | grep -q :9000'
on wan $FSW_UDPFLOW send 192.168.10.12 9000 300 200 1000 40011 > "$FSW_TMP/untagged-warm.txt"
check untagged_port_offloaded guest wait_until 10 hw_offloaded "sport=40011"
UNTAGGED="BIND IPV4_HNAPT udp 192.0.2.2:40011->192.168.10.12:9000 .* vlan 1:0,0 .* egress gmac0 stag 0x2"
check to_untagged_port wait_host 10 model_has "$UNTAGGED"
capture_start untagged lan2 udp port 9000
send_proven untagged wan lan2 1000 "$UNTAGGED" \
	"$FSW_TMP/untagged-sent.txt" $FSW_UDPFLOW send 192.168.10.12 9000 2000 200 1000 40011
wait_bg 30 "$recv_pid"
capture_stop untagged
check untagged_wire_untagged wire_check untagged --proto udp --src 192.0.2.2 --sport 40011 \
	--dst 192.168.10.12 --dport 9000 --vlan none --ttl 63 --no-other --min 1000
total=$(cat "$FSW_TMP"/untagged-warm.txt "$FSW_TMP"/untagged-sent.txt | awk '{ p += $2; b += $4 } END { print p, b }')
check untagged_received_exact grep -qx "received ${total% *} packets ${total#* } bytes" "$FSW_TMP/untagged-recv.txt"

on wan $FSW_UDPFLOW send 192.168.10.11 9001 300 200 1000 40012 > "$FSW_TMP/tagged-warm.txt"
check tagged_port_offloaded guest wait_until 10 hw_offloaded "sport=40012"
TAGGED="BIND IPV4_HNAPT udp 192.0.2.2:40012->192.168.10.11:9001 .* vlan 1:10,0 .* egress gmac0 stag 0x1"
check to_tagged_port_with_vlan wait_host 10 model_has "$TAGGED"
before=$(host_received "$taghost" "$FSW_TMP/taghost.log")
capture_start tagged lan1
send_proven tagged wan lan1 1000 "$TAGGED" \
	"$FSW_TMP/tagged-sent.txt" $FSW_UDPFLOW send 192.168.10.11 9001 2000 200 1000 40012
capture_stop tagged
after=$(host_received "$taghost" "$FSW_TMP/taghost.log" \
	$((before + $(awk '{print $2}' "$FSW_TMP/tagged-sent.txt"))))
check tagged_wire_vlan_10 wire_check tagged --proto udp --src 192.0.2.2 --sport 40012 \
	--dst 192.168.10.11 --dport 9001 --vlan 10 --pcp 0 --ttl 63 --no-other --min 1000
check tagged_received_exact test $((after - before)) -eq "$(awk '{print $2}' "$FSW_TMP/tagged-sent.txt")"
