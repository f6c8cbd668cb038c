# Migration while a flow is offloaded (review-model F3/F6, issue #12): the
# router is migrated to a new QEMU on the same taps (migrate "exec:..." and
# -incoming, as QEMU 7.2 allows), while a UDP flow lan1 -> wan runs through
# the PPE.  Afterwards the flow is still forwarded by the hardware (the
# model's own count, carried over in the migration stream, keeps growing
# while the guest's software path stays still), the wan host received every
# datagram the lan1 host sent, conntrack's counters are exact, and no port
# lost its carrier.
# timeout: 400
# checks: flow_offloaded_before migrated guest_answers_after model_count_carried
# checks: still_forwarded_by_model still_bound_in_driver still_offloaded
# checks: after_host_sent after_model_forwarded after_guest_bypassed after_delivered
# checks: received_exact conntrack_exact carrier_unchanged
need "routed setup" router_up
host_quiet lan1
host_quiet wan
static_neighbours
FLOW="BIND IPV4_HNAPT udp 192.168.1.2:40070->192.0.2.2:9000 "

step "a UDP flow lan1 -> wan, offloaded"
on_bg -o "$FSW_TMP/recv.txt" wan $FSW_UDPFLOW recv 9000 20
recv_pid=$BG_PID
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
on lan1 $FSW_UDPFLOW send 192.0.2.2 9000 300 200 1000 40070 > "$FSW_TMP/warm.txt"
check flow_offloaded_before guest wait_until 10 hw_offloaded "sport=40070 dport=9000"
carrier0=$(guest 'cat /sys/class/net/lan1/carrier_changes /sys/class/net/wan/carrier_changes | tr "\n" " "; echo')

step "migrate the router while the flow runs"
# 100 datagrams/s: what arrives while no QEMU runs waits in the tap's
# queue (1000 frames), which outlasts the migration's downtime
on_bg -o "$FSW_TMP/during.txt" lan1 $FSW_UDPFLOW send 192.0.2.2 9000 1500 200 100 40070
during_pid=$BG_PID
fwd0=$(model_fwd "$FLOW")
check migrated $FSW_CTLCMD migrate
fwd1=$(model_fwd "$FLOW" 2>/dev/null || echo 0)
check guest_answers_after guest -t 30 true
echo "model fwd_pkts: $fwd0 before, $fwd1 right after the migration"
# the model's own count went with the rest of the device's state
check model_count_carried test "$fwd1" -ge "$fwd0"
check still_forwarded_by_model wait_value 20 $((fwd1 + 100)) model_fwd "$FLOW"
wait_bg 60 "$during_pid"
check still_bound_in_driver guest foe_bound "192.168.1.2:40070->192.0.2.2:9000"
check still_offloaded guest hw_offloaded "sport=40070 dport=9000"

step "after: the proof that the hardware forwards it"
send_proven after lan1 wan 1000 "$FLOW" \
	"$FSW_TMP/after.txt" $FSW_UDPFLOW send 192.0.2.2 9000 2000 200 1000 40070
wait_bg 90 "$recv_pid"
total=$(cat "$FSW_TMP"/warm.txt "$FSW_TMP"/during.txt "$FSW_TMP"/after.txt |
	awk '{ p += $2; b += $4 } END { print p, b }')
echo "sent in all: $total; $(cat "$FSW_TMP/recv.txt")"
check received_exact grep -qx "received ${total% *} packets ${total#* } bytes" "$FSW_TMP/recv.txt"
check conntrack_exact guest wait_until 10 ct_has \
	"sport=40070 dport=9000 packets=${total% *} bytes=${total#* } "
check carrier_unchanged test "$(guest 'cat /sys/class/net/lan1/carrier_changes /sys/class/net/wan/carrier_changes | tr "\n" " "; echo')" = "$carrier0"
