# Host TSO through the model (flowsw gso=on): the hosts' taps offer TSO and
# checksum offload.  An offloaded TCP stream then crosses the PPE in frames
# of many segments, yet conntrack counts exactly the segments the hosts'
# TCP sent, and frames whose checksum a host left to the NIC reach the
# other host with a valid one: through the guest, through the PPE, and cut
# into segments by the model.
# device: gso=on
# timeout: 300
# shellcheck disable=SC2016,SC2086 # guest commands expand in the guest; FSW_UDPFLOW is "python3 PATH"
# checks: lan1_tap_offers_tso wan_tap_offers_tso tcp_offloaded tcp_done
# checks: host_sent_gso_frames ppe_forwarded_gso_frames
# checks: wan_host_got_multi_segment_frames conntrack_counts_segments
# checks: no_tcp_checksum_errors udp_offloaded udp_all_received
# checks: no_udp_checksum_errors no_ingress_drops
router_up
host_quiet lan1
host_quiet wan
static_neighbours
# conntrack counts skbs: the router must not merge what it forwards itself
guest 'for d in eth0 lan1 wan; do ethtool -K $d gro off; done'

step "the model asked the hosts' taps for TSO"
check lan1_tap_offers_tso on lan1 sh -c 'ethtool -k eth0 | grep -q "^tcp-segmentation-offload: on"'
check wan_tap_offers_tso on wan sh -c 'ethtool -k eth0 | grep -q "^tcp-segmentation-offload: on"'

# tcp_segs PORT: TCP segments the host on PORT sent, retransmissions included
tcp_segs() { host_snmp "$1" Tcp OutSegs RetransSegs; }
# gso_figure NAME: one figure of the model's "gso" line (rx, ppe_fwd, cut, bad)
gso_figure() {
	monitor info flowsw | awk -v k="$1" '
		$1 == "gso" { for (i = 2; i < NF; i++) if ($i == k) print $(i + 1) }'
}

# measure_round ROUND: an offloaded iperf3 stream, with the figures taken
# before
measure_round() {
	step "round $1: iperf3 TCP lan1 -> wan, 8 s at 200 Mbit/s, offloaded"
	rm -f "$FSW_TMP/tcp.txt"
	on_bg wan iperf3 -s -1 -p 5201
	wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
	guest conntrack -F
	rx0=$(gso_figure rx); fwd0=$(gso_figure ppe_fwd); cut0=$(gso_figure cut)
	lan1_s0=$(tcp_segs lan1); wan_s0=$(tcp_segs wan)
	wan_p0=$(host_counter wan rx packets); wan_b0=$(host_counter wan rx bytes)
	csum0=$(( $(host_snmp wan Tcp InCsumErrors) + $(host_snmp lan1 Tcp InCsumErrors) ))
	on_bg lan1 sh -c "iperf3 -c 192.0.2.2 -p 5201 -t 8 -b 200M > $FSW_TMP/tcp.txt"
	check tcp_offloaded guest wait_until 20 foe_bound "192.168.1.2:[0-9]*->192.0.2.2:5201"
	check tcp_done wait_host 60 grep -q "iperf Done" "$FSW_TMP/tcp.txt"
}
measured_rounds measure_round

step "the PPE forwarded multi-segment frames whole; the model cut the others"
rx=$(( $(gso_figure rx) - rx0 )); fwd=$(( $(gso_figure ppe_fwd) - fwd0 ))
cut=$(( $(gso_figure cut) - cut0 ))
wan_p=$(( $(host_counter wan rx packets) - wan_p0 ))
wan_b=$(( $(host_counter wan rx bytes) - wan_b0 ))
echo "model: $rx GSO frames in, $fwd forwarded whole by the PPE, $cut cut;" \
	"the wan host got $wan_p frames, $((wan_b / (wan_p ? wan_p : 1))) bytes on average"
check host_sent_gso_frames test "$rx" -gt 100
check ppe_forwarded_gso_frames test "$fwd" -gt 100
check wan_host_got_multi_segment_frames test "$wan_b" -gt $((1514 * wan_p))

step "conntrack counts each segment the hosts' TCP sent"
lan1_s=$(( $(tcp_segs lan1) - lan1_s0 )); wan_s=$(( $(tcp_segs wan) - wan_s0 ))
echo "hosts: lan1 sent $lan1_s TCP segments, wan $wan_s"
check conntrack_counts_segments guest wait_until 20 ct_packets_are 192.168.1.2 "$lan1_s" "$wan_s"
echo "conntrack (orig packets, bytes, reply packets, bytes): $(guest ct_sum 192.168.1.2)"
csum=$(( $(host_snmp wan Tcp InCsumErrors) + $(host_snmp lan1 Tcp InCsumErrors) - csum0 ))
check no_tcp_checksum_errors test "$csum" -eq 0

step "UDP with checksum offload: 1000 datagrams lan1 -> wan, all valid"
udp_csum0=$(host_snmp wan Udp InCsumErrors)
on_bg wan sh -c "$FSW_UDPFLOW recv 9000 3 > $FSW_TMP/udp-recv.txt"
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
sent=$(on lan1 $FSW_UDPFLOW send 192.0.2.2 9000 1000 1000 200 40100)
echo "$sent"
check udp_offloaded guest foe_bound "192.168.1.2:40100->192.0.2.2:9000"
check udp_all_received wait_host 20 grep -qx "${sent/sent/received}" "$FSW_TMP/udp-recv.txt"
cat "$FSW_TMP/udp-recv.txt"
check no_udp_checksum_errors test "$(host_snmp wan Udp InCsumErrors)" -eq "$udp_csum0"
