# An active flow outlives every timeout it has: a UDP stream of 45 s is
# longer than the PPE's UDP ageing (30 s) and the flowtable's UDP timeout
# (30 s).  The PPE refreshes the entry's timestamp on every hit and the
# flowtable learns from the driver's stats that the flow is alive, so the
# flow stays bound from start to end: proven at the start and again after
# 35 s, and by the model's own count covering every datagram after the
# bind.  Its counters stay exact.
# timeout: 300
# checks: udp_hw_offload
# checks: start_host_sent start_model_forwarded start_guest_bypassed start_delivered
# checks: late_host_sent late_model_forwarded late_guest_bypassed late_delivered
# checks: never_left_the_ppe received_exact conntrack_exact
need "routed setup" router_up
host_quiet lan1
host_quiet wan
static_neighbours
FLOW="BIND IPV4_HNAPT udp 192.168.1.2:40070->192.0.2.2:9000"
on_bg -o "$FSW_TMP/recv.txt" wan $FSW_UDPFLOW recv 9000 5
recv_pid=$BG_PID
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'

step "a UDP stream of 45 s at 200 datagrams/s"
on_bg -o "$FSW_TMP/sent.txt" lan1 $FSW_UDPFLOW send 192.0.2.2 9000 9000 200 200 40070
send_pid=$BG_PID
check udp_hw_offload guest wait_until 20 hw_offloaded "sport=40070"
wait_host 10 model_has "$FLOW"
fwd0=$(model_fwd "$FLOW")
tx0=$(host_counter lan1 tx packets)
offload_proof start lan1 wan 400 "$FLOW"
step "past 35 s of the stream, the same entry still forwards it"
until_host_counted 60 lan1 tx $((7000 - $(host_counter lan1 tx packets) + tx0)) >/dev/null
offload_proof late lan1 wan 400 "$FLOW"
check never_left_the_ppe wait_value 10 \
	$(( fwd0 + $(host_counter lan1 tx packets) - tx0 - 2 )) model_fwd "$FLOW"
wait_bg 30 "$send_pid"
wait_bg 30 "$recv_pid"
sent=$(cat "$FSW_TMP/sent.txt")
echo "lan1: $sent; wan: $(cat "$FSW_TMP/recv.txt")"
check received_exact grep -qx "received $(echo "$sent" | awk '{print $2}') packets $(echo "$sent" | awk '{print $4}') bytes" "$FSW_TMP/recv.txt"
check conntrack_exact guest wait_until 10 ct_has \
	"sport=40070 dport=9000 packets=$(echo "$sent" | awk '{print $2}') bytes=$(echo "$sent" | awk '{print $4}') "
