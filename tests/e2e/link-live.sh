# Link down and up of the egress port under an offloaded flow (#11
# lifecycle): while the wan wire is down, the PPE's frames for it leave
# on no wire (the model's GMAC1 sends nothing, it counts them as dropped);
# when the link is back, the same flow is forwarded by the PPE again,
# with no help from the CPU.  kmemleak finds nothing afterwards.
# timeout: 300
# checks: offloaded carrier_lost down_port_sent_nothing down_port_dropped
# checks: carrier_back still_bound back_host_sent back_model_forwarded
# checks: back_guest_bypassed back_delivered no_kmemleak
flow="192.168.1.2:40050->192.0.2.2:9000"
pattern="BIND IPV4_HNAPT udp $flow "

offloaded_udp_stream 40050

step "the wan wire goes down under the flow"
wire_link wan off
check carrier_lost guest wait_until 10 grep -q 0 /sys/class/net/wan/carrier
tx0=$(model_port gmac1 tx); drops0=$(model_port gmac1 tx_drops)
until_host_counted 10 lan1 tx 400
tx1=$(model_port gmac1 tx); drops1=$(model_port gmac1 tx_drops)
echo "gmac1 while down: tx $tx0 -> $tx1, tx_drops $drops0 -> $drops1"
check down_port_sent_nothing test "$tx1" -eq "$tx0"
check down_port_dropped test $((drops1 - drops0)) -ge 300

step "the wire comes back: the same flow, in hardware again"
wire_link wan on
check carrier_back guest wait_until 10 grep -q 1 /sys/class/net/wan/carrier
check still_bound guest wait_until 10 foe_bound "$flow"
offload_proof back lan1 wan 1000 "$pattern"

step "kmemleak finds nothing"
check no_kmemleak guest kmemleak_clean
