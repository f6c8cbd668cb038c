# A VLAN-filtering br-lan with one untagged port (lan1, PVID 10) and one
# tagged port (lan2, VLAN 10): the switch tags and untags.  The host on
# lan2 answers only frames tagged with VLAN 10, the host on lan1 only
# untagged ones, so each ping proves what was on the wire.
# timeout: 300
# checks: untagged_to_tagged tagged_to_untagged tagged_to_router
# checks: wrong_vlan_dropped vlan_in_switch_table
step "br-lan with vlan_filtering: lan1 untagged PVID 10, lan2 tagged 10"
guest 'ports_up
ip link add br-lan type bridge vlan_filtering 1
ip link set lan1 master br-lan
ip link set lan2 master br-lan
bridge vlan del dev lan1 vid 1
bridge vlan add dev lan1 vid 10 pvid untagged
bridge vlan del dev lan2 vid 1
bridge vlan add dev lan2 vid 10
bridge vlan add dev br-lan vid 10 self
ip link set br-lan up
ip link add link br-lan name br-lan.10 type vlan id 10
ip link set br-lan.10 up
ip addr add 192.168.10.1/24 dev br-lan.10'
host_addr lan1 192.168.10.11/24
host_quiet lan2
on_bg lan2 $FSW_TAGHOST serve eth0 10 192.168.10.12 9 30
guest wait_until 10 grep -q 1 /sys/class/net/lan2/carrier

check untagged_to_tagged on lan1 ping -c 3 -W 2 192.168.10.12
check tagged_to_untagged on lan2 $FSW_TAGHOST ping eth0 10 192.168.10.13 192.168.10.11 3
check tagged_to_router on lan2 $FSW_TAGHOST ping eth0 10 192.168.10.13 192.168.10.1 3
# VLAN 20 is not lan2's: nothing answers (taghost says so, rather than
# failing otherwise), and the model's switch drops lan2's frames at ingress
wrong_vlan_dropped() {
	local drops0 out
	drops0=$(model_port 1 rx_drops) || return 1
	out=$(on lan2 $FSW_TAGHOST ping eth0 20 192.168.10.13 192.168.10.11 1 2>&1)
	echo "$out"
	printf '%s\n' "$out" | grep -qE '^(0/1 echo replies|taghost: no ARP answer)' || return 1
	[ "$(model_port 1 rx_drops)" -gt "$drops0" ]
}
check wrong_vlan_dropped wrong_vlan_dropped
# the model's own VLAN table: lan1 (port 0) and lan2 (port 1) members of
# VLAN 10, lan1 untagged, lan2 tagged
vlan10_in_switch() {
	local line
	line=$(flowsw_dump | grep '^vlan 10 ') || { echo "no VLAN 10 in the switch"; return 1; }
	set -- $line
	[ $(( $4 & 3 )) -eq 3 ] && [ $(( $6 & 3 )) -eq 1 ] || { echo "$line"; return 1; }
}
check vlan_in_switch_table vlan10_in_switch
