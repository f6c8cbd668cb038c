# A new gateway MAC (review A1): the box at 192.0.2.2 is replaced, or a
# DHCP failover moves the address to another server, while a flow to it is
# offloaded.  Linux 6.12's flowtable took the flow's destination MAC from
# the neighbour once and never looks again; without the driver, the PPE
# would send the flow to the old MAC for good.  The driver follows the
# neighbour update: the stream goes on, still forwarded by the PPE, to the
# new MAC, proven by the model's own forwarded count, the router's
# software RX standing still and the wan host's capture (every frame to
# the new MAC).
# timeout: 300
# checks: offloaded to_old_mac new_mac_learnt driver_followed to_new_mac
# checks: moved_host_sent moved_model_forwarded moved_guest_bypassed moved_delivered
# checks: moved_wire_new_mac
new=02:00:5e:00:bb:02
flow="192.168.1.2:40030->192.0.2.2:9000"

router_up
host_quiet lan1
host_quiet wan
static_neighbours lan1

step "a UDP stream from lan1 to 192.0.2.2 on the wan, offloaded"
on_bg wan $FSW_UDPFLOW recv 9000 60
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
on_bg lan1 $FSW_UDPFLOW send 192.0.2.2 9000 8000 200 200 40030
check offloaded guest wait_until 20 foe_bound "$flow"
old=$(on wan cat /sys/class/net/eth0/address)
check to_old_mac model_has "BIND IPV4_HNAPT udp $flow .* dmac $old "

step "another box takes 192.0.2.2 over, and asks for the router"
moves0=$(guest ppe_count neigh_moves)
on wan ip link set eth0 address $new
on wan ip neigh flush dev eth0
on_bg wan ping -c 1 -W 1 192.0.2.1
# router_knows_new_mac: the router's neighbour entry has the new MAC
router_knows_new_mac() {
	guest ip neigh show 192.0.2.2 dev wan | grep -q "lladdr $new"
}
check new_mac_learnt wait_host 5 router_knows_new_mac
check driver_followed test "$(guest ppe_count neigh_moves)" -gt "$moves0"
check to_new_mac model_has "BIND IPV4_HNAPT udp $flow .* dmac $new "

step "still offloaded, now to the new MAC"
capture_start wan wan udp port 9000
offload_proof moved lan1 wan 1000 "BIND IPV4_HNAPT udp $flow .* dmac $new "
capture_stop wan
check moved_wire_new_mac wire_check wan --proto udp --src 192.0.2.1 --sport 40030 \
	--dst 192.0.2.2 --dport 9000 --dmac $new --vlan none --ttl 63 --no-other --min 1000
