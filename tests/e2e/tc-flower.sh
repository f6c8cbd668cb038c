# tc flower offload: a rule on wan's ingress that rewrites both MACs and
# redirects one UDP flow to lan1, as a user (or a daemon like OpenWrt's
# bridger) writes it.  The PPE binds it on its own report and then forwards
# it: proven by the model's own forwarded count, the router's software RX
# standing still, and lan1's capture (MACs as the rule says, the TTL left
# alone, as tc leaves it).  `tc -s` counts every datagram, software and
# hardware together.  A rule the PPE cannot do exactly is refused with the
# driver's reason and stays in software.
# timeout: 300
# checks: flower_in_hw prefix_rule_refused prefix_rule_in_software_only
# checks: flower_bound_in_model
# checks: flower_host_sent flower_model_forwarded flower_guest_bypassed flower_delivered
# checks: flower_wire_rewritten flower_received_exact tc_counts_every_datagram
# checks: tc_counted_hardware no_ingress_drops
need "router" guest 'ports_up
ip addr add 192.168.1.1/24 dev lan1
ip addr add 192.0.2.1/24 dev wan
sysctl -qw net.ipv4.ip_forward=1'
need "lan1 host" host_addr lan1 192.168.1.2/24 192.168.1.1
need "wan host" host_addr wan 192.0.2.2/24
need "route to lan" on wan ip route add 192.168.1.0/24 via 192.0.2.1
host_quiet lan1
host_quiet wan
static_neighbours
lan1_host_mac=$(on lan1 cat /sys/class/net/eth0/address)
lan1_mac=$(guest cat /sys/class/net/lan1/address)

step "a flower rule on wan: 192.0.2.2:9000 -> 192.168.1.2:40090, to lan1"
need "clsact on wan" guest tc qdisc add dev wan clsact
need "flower rule" guest "tc filter add dev wan ingress protocol ip prio 1 flower \
	ip_proto udp src_ip 192.0.2.2 dst_ip 192.168.1.2 src_port 9000 dst_port 40090 \
	action pedit ex munge eth dst set $lan1_host_mac munge eth src set $lan1_mac pipe \
	action mirred egress redirect dev lan1"
check flower_in_hw guest "tc filter show dev wan ingress | grep -q 'in_hw in_hw_count 1'"
step "a rule on a prefix: refused by the driver, with its reason"
# refused_with CMD TEXT: CMD fails in the router, saying TEXT
refused_with() {
	local out
	out=$(guest "$1" 2>&1) && { echo "accepted: $out"; return 1; }
	echo "$out"
	printf '%s\n' "$out" | grep -q "$2"
}
check prefix_rule_refused refused_with "tc filter add dev wan ingress protocol ip prio 2 \
	flower skip_sw ip_proto udp dst_ip 192.168.1.0/24 src_port 9001 dst_port 40091 \
	action mirred egress redirect dev lan1" 'flow must match both IP addresses exactly'
need "prefix rule in software" guest "tc filter add dev wan ingress protocol ip prio 2 flower \
	ip_proto udp dst_ip 192.168.1.0/24 src_port 9001 dst_port 40091 action drop"
check prefix_rule_in_software_only guest "tc filter show dev wan ingress prio 2 | grep -q not_in_hw"

# flower_round ROUND: 300 datagrams to bind, then 3000 with the proofs over
# 1500; lan1's receiver and tc count them all
flower_round() {
	step "round $1: UDP wan -> lan1 through the flower rule"
	need "no conntrack" guest conntrack -F
	on_bg -o "$FSW_TMP/recv-$1.txt" lan1 $FSW_UDPFLOW recv 40090 5
	recv_pid=$BG_PID
	wait_host 10 on lan1 sh -c 'ss -lun | grep -q :40090'
	tc0=$(tc_packets)
	on wan $FSW_UDPFLOW send 192.168.1.2 40090 300 200 1000 9000 > "$FSW_TMP/warm-$1.txt"
	check flower_bound_in_model wait_host 10 model_has "$FLOW"
	capture_start lan1 lan1 udp port 40090
	send_proven flower wan lan1 1500 "$FLOW" \
		"$FSW_TMP/sent-$1.txt" $FSW_UDPFLOW send 192.168.1.2 40090 3000 200 1000 9000
	wait_bg 30 "$recv_pid"
	capture_stop lan1
}
FLOW="BIND IPV4_HNAPT udp 192.0.2.2:9000->192.168.1.2:40090 .* egress gmac0 stag 0x1"
# tc_packets [hardware]: the flower rule's packets, as tc -s shows them
tc_packets() {
	guest "tc -s filter show dev wan ingress prio 1" | awk -v hw="${1:-}" '
		hw == "" && /^[ \t]*Sent [0-9]+ bytes [0-9]+ pkt/ { print $4; exit }
		hw != "" && /Sent hardware [0-9]+ bytes [0-9]+ pkt/ { print $5; exit }'
}
measured_rounds flower_round
total=$(cat "$FSW_TMP/warm-$ROUND.txt" "$FSW_TMP/sent-$ROUND.txt" | awk '{ p += $2; b += $4 } END { print p, b }')
echo "wan sent ${total% *} packets; lan1: $(cat "$FSW_TMP/recv-$ROUND.txt")"
check flower_wire_rewritten wire_check lan1 --proto udp --src 192.0.2.2 --sport 9000 \
	--dst 192.168.1.2 --dport 40090 --dmac "$lan1_host_mac" --smac "$lan1_mac" \
	--vlan none --ttl 64 --no-other --min 1500
check flower_received_exact grep -qx "received ${total% *} packets ${total#* } bytes" \
	"$FSW_TMP/recv-$ROUND.txt"
# tc asks the driver for the hardware's counts when it shows them
tc_exactly() { wait_value 10 "$1" tc_packets && [ "$(tc_packets)" -eq "$1" ]; }
check tc_counts_every_datagram tc_exactly $(( tc0 + ${total% *} ))
check tc_counted_hardware wait_value 10 1500 tc_packets hardware
guest "tc -s filter show dev wan ingress prio 1"
