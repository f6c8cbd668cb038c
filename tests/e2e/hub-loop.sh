# Two switch ports cabled to each other (through a QEMU hub) and bridged in
# the guest with STP off: a broadcast loops between them for ever, as a
# cable between two ports of a real switch makes it.  On silicon that is a
# broadcast storm, not a hang, and so it must be in the model (review-model
# F2): the model forwards the storm (its own port counters run while the
# host is silent) and QEMU's monitor answers throughout.  The guest's CPU
# drowns in broadcasts, as a router's does; once the cable is pulled the
# storm stops, and the router answers again.  This also runs the device on
# netdev wires (served in QEMU's main loop).
# netdev-hub: lan3,lan4
# timeout: 300
# checks: bridge_up storm_running monitor_answers_in_storm storm_stopped
# checks: console_answers_after_storm router_answers_after_storm
step "br-lan over lan1, lan3 and lan4, lan4's cable unplugged"
wire_link lan4 off
check bridge_up guest 'br_lan lan1 lan3 lan4
ip addr add 192.168.1.1/24 dev br-lan'
need "lan1 host" host_addr lan1 192.168.1.2/24 192.168.1.1
host_quiet lan1
need "lan1 carrier" guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier

# port_tx N: the model's own count of frames switch port N sent
port_tx() {
	flowsw_dump | awk -v p="$1" '$1 == "port" && $2 == p { print $6; found = 1 }
		END { exit !found }'
}

# port_tx_grows N COUNT SECONDS: port N sent COUNT more frames within SECONDS
port_tx_grows() {
	local t0 end=$(( $(date +%s) + $3 ))
	t0=$(port_tx "$1") || return 1
	while :; do
		[ $(( $(port_tx "$1") - t0 )) -ge "$2" ] && return 0
		[ "$(date +%s)" -ge $end ] && { echo "port $1 sent $(( $(port_tx "$1") - t0 ))"; return 1; }
	done
}

step "lan4 plugged in: a loop; one broadcast from the lan1 host starts the storm"
wire_link lan4 on
# an address nobody has: the host's ARP request is a broadcast
on lan1 ping -c 1 -W 1 192.168.1.99 > /dev/null 2>&1
check storm_running port_tx_grows 2 1000 20
check monitor_answers_in_storm flowsw_dump

step "lan4's cable pulled: the loop is broken"
wire_link lan4 off
# the storm stops: lan3 sends nothing more over two seconds (frames in
# flight when the loop broke may still leave first)
storm_stopped() {
	local end=$(( $(date +%s) + 20 )) a b
	while [ "$(date +%s)" -lt $end ]; do
		a=$(port_tx 2) || return 1
		sleep 2
		b=$(port_tx 2) || return 1
		[ "$a" = "$b" ] && return 0
	done
	echo "port 2 still sending: $a then $b"
	return 1
}
check storm_stopped storm_stopped
check console_answers_after_storm guest -t 60 true
check router_answers_after_storm on lan1 ping -c 3 -W 2 192.168.1.1
