# An egress MTU smaller than a flow's packets: the router's wan has MTU
# 1400, the hosts 1500.  TCP finds the path MTU through software and is
# offloaded; UDP datagrams of 1478 IP bytes without DF are offered to the
# PPE, which sends them to the CPU (exceed_mtu) to be fragmented in
# software.  Every datagram arrives, and no frame on the wan wire is longer
# than the MTU allows.  At the edge: datagrams of exactly the MTU are
# offloaded, those 12 bytes over it (which the PPE once let through) go
# to the CPU.  The MTU cannot exceed what an RX buffer holds.
# timeout: 400
# checks: tcp_offloaded tcp_through_small_mtu oversized_arrived
# checks: oversized_went_to_cpu wire_frames_seen no_frame_above_mtu
# checks: at_mtu_bound at_mtu_host_sent at_mtu_model_forwarded at_mtu_guest_bypassed
# checks: at_mtu_delivered over_by_12_went_to_cpu over_by_12_arrived
# checks: max_mtu_fits_rx_buffer
# checks: lan_mtu_set lan_at_mtu_bound lan_at_mtu_host_sent lan_at_mtu_model_forwarded
# checks: lan_at_mtu_guest_bypassed lan_at_mtu_delivered lan_over_arrived
# checks: lan_over_went_to_cpu no_lan_frame_above_mtu
router_up
check max_mtu_fits_rx_buffer guest \
	'ip -d link show wan | grep -q "maxmtu 2022" && ! ip link set wan mtu 2023 2>/dev/null'
guest 'ip link set wan mtu 1400'
capture_start wan wan ip

step "TCP: path MTU discovery through software, then offloaded"
on_bg wan iperf3 -s -1 -p 5201
wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
on_bg lan1 sh -c "iperf3 -c 192.0.2.2 -p 5201 -t 15 > $FSW_TMP/mtu-tcp.txt"
check tcp_offloaded guest wait_until 20 foe_bound "192.168.1.2:[0-9]*->192.0.2.2:5201"
check tcp_through_small_mtu wait_host 30 grep -q "iperf Done" $FSW_TMP/mtu-tcp.txt

step "UDP without DF, larger than the wan MTU: fragmented in software"
# TCP taught lan1 the path MTU; forget it, or lan1 would fragment itself.
on lan1 ip route flush cache
# fragmented NAME PORT COUNT SIZE SPORT MIN [FROM TO DST]: COUNT datagrams
# of SIZE bytes without DF, from the host on FROM (lan1) to the host on TO
# (wan) at DST (192.0.2.2), its PORT: NAME_arrived (every one, in
# fragments) and NAME_went_to_cpu (at least MIN of them as exceed_mtu: all
# but those that reached the CPU before the flow was bound)
fragmented() {
	local name=$1 port=$2 count=$3 size=$4 sport=$5 min=$6 before after sent
	local from=${7:-lan1} to=${8:-wan} dst=${9:-192.0.2.2}
	on_bg $to sh -c "$FSW_UDPFLOW recv $port 5 > $FSW_TMP/$name-recv.txt"
	wait_host 10 on $to sh -c "ss -lun | grep -q :$port"
	before=$(guest ppe_count cpu_reason exceed_mtu)
	sent=$(on $from $FSW_UDPFLOW send "$dst" "$port" "$count" "$size" 200 "$sport" nodf)
	echo "$sent"
	check "${name}_arrived" wait_host 20 grep -q \
		"received $(echo "$sent" | awk '{print $2}') packets" "$FSW_TMP/$name-recv.txt"
	after=$(guest ppe_count cpu_reason exceed_mtu)
	echo "exceed_mtu: $before before, $after after"
	check "${name}_went_to_cpu" test $((after - before)) -ge "$min"
}
fragmented oversized 9000 500 1450 40030 400

# at_mtu NAME FROM SRC TO DST PORT SIZE SPORT: UDP datagrams of SIZE bytes
# from the host on FROM (address SRC) to the host on TO at DST, its PORT:
# the flow binds (NAME_bound), and the PPE forwards it (send_proven NAME)
at_mtu() {
	local name=$1 from=$2 src=$3 to=$4 dst=$5 port=$6 size=$7 sport=$8
	on_bg $to $FSW_UDPFLOW recv $port 5
	wait_host 10 on $to sh -c "ss -lun | grep -q :$port"
	on $from $FSW_UDPFLOW send $dst $port 100 $size 200 $sport nodf
	check ${name}_bound guest wait_until 10 foe_bound "$src:$sport->"
	send_proven $name $from $to 500 "BIND IPV4_HNAPT udp $src:$sport->$dst:$port" \
		"$FSW_TMP/$name-sent.txt" $FSW_UDPFLOW send $dst $port 1200 $size 300 $sport nodf
}

step "UDP of exactly the MTU: offloaded"
# 1372 bytes of payload: IP packets of 1400, frames of 1414
at_mtu at_mtu lan1 192.168.1.2 wan 192.0.2.2 9001 1372 40031

step "UDP 12 bytes over the MTU: to the CPU, fragmented"
fragmented over_by_12 9002 300 1384 40032 250

capture_stop wan
frames=$(tcpdump -r "$FSW_TMP/wan.pcap" -nn 2>/dev/null | wc -l)
big=$(tcpdump -r "$FSW_TMP/wan.pcap" -nn greater 1415 2>/dev/null | wc -l)
echo "wan wire: $frames frames, $big longer than 1414 bytes"
check wire_frames_seen test "$frames" -gt 1000
check no_frame_above_mtu test "$big" -eq 0

step "lan1 at MTU 1300, a switch port: the PPE sends it nothing longer"
check lan_mtu_set guest 'ip link set lan1 mtu 1300'
on wan ip route add 192.168.1.0/24 via 192.0.2.1
capture_start lan1 lan1 ip
# 1272 bytes of payload: IP packets of 1300
at_mtu lan_at_mtu wan 192.0.2.2 lan1 192.168.1.2 9003 1272 40033
fragmented lan_over 9004 300 1284 40034 250 wan lan1 192.168.1.2
capture_stop lan1
big=$(tcpdump -r "$FSW_TMP/lan1.pcap" -nn greater 1315 2>/dev/null | wc -l)
echo "lan1 wire: $big frames longer than 1314 bytes"
check no_lan_frame_above_mtu test "$big" -eq 0
