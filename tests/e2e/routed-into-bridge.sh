# Flows routed into br-lan over DSA ports are offloaded to the right switch
# port: the flowtable's forward-path walk resolves br-lan to the port, and
# the entry carries the special tag for it.  Also with a VLAN-filtering
# bridge: an untagged port, and a tagged one (VLAN combined with the tag).
# timeout: 400
step "br-lan over lan1 and lan2; wan masquerade"
bridge_router_up
host_addr lan2 192.168.1.12/24 192.168.1.1
on_bg lan2 $FSW_UDPFLOW recv 9000 20
wait_host 10 on lan2 sh -c 'ss -lun | grep -q :9000'
sent=$(on wan $FSW_UDPFLOW send 192.168.1.12 9000 2000 200 1000 40010)
check flow_into_bridge_offloaded guest wait_until 10 hw_offloaded "sport=40010"
check to_lan2_port model_has "BIND IPV4_HNAPT udp 192.0.2.2:40010->192.168.1.12:9000 .* egress gmac0 stag 0x2"
check conntrack_exact guest wait_until 10 ct_has \
	"sport=40010 dport=9000 packets=$(echo "$sent" | awk '{print $2}') bytes=$(echo "$sent" | awk '{print $4}') "

step "VLAN-filtering br-lan: lan2 untagged PVID 10, lan1 tagged VLAN 10"
guest 'nft delete table inet filter
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
host_addr lan2 192.168.10.12/24 192.168.10.1
host_quiet lan1
on_bg lan1 $FSW_TAGHOST serve eth0 10 192.168.10.11 9001 30
on_bg lan2 $FSW_UDPFLOW recv 9000 20
wait_host 10 on lan2 sh -c 'ss -lun | grep -q :9000'
sent=$(on wan $FSW_UDPFLOW send 192.168.10.12 9000 2000 200 1000 40011)
check untagged_port_offloaded guest wait_until 10 hw_offloaded "sport=40011"
check to_untagged_port model_has "BIND IPV4_HNAPT udp 192.0.2.2:40011->192.168.10.12:9000 .* vlan 1:0,0 .* egress gmac0 stag 0x2"
sent=$(on wan $FSW_UDPFLOW send 192.168.10.11 9001 2000 200 1000 40012)
check tagged_port_offloaded guest wait_until 10 hw_offloaded "sport=40012"
check to_tagged_port_with_vlan model_has "BIND IPV4_HNAPT udp 192.0.2.2:40012->192.168.10.11:9001 .* vlan 1:10,0 .* egress gmac0 stag 0x1"
