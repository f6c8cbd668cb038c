# Unloading and loading flowsw's modules again under a live, offloaded
# flow (#11 lifecycle; needs flowsw as modules, so make test-debug runs
# it): the unload takes the ports and the PPE's table with it and hands
# the flow back to software, nothing leaks (kmemleak), and after the load
# the same flow is forwarded by the PPE again, with no help from the CPU.
# timeout: 400
# checks: modular offloaded unloaded ports_gone model_table_cleared
# checks: back_in_software loaded ports_back rebound back_host_sent
# checks: back_model_forwarded back_guest_bypassed back_delivered no_kmemleak
flow="192.168.1.2:40070->192.0.2.2:9000"
pattern="BIND IPV4_HNAPT udp $flow "

check modular guest flowsw_modular
# 150 s of datagrams: the unload, the load and the proof fit in them
offloaded_udp_stream 40070 30000

step "unload flowsw with the flow offloaded"
check unloaded guest unload_flowsw
check ports_gone guest '! [ -e /sys/class/net/wan ] && ! [ -e /sys/class/net/lan1 ]'
check model_table_cleared model_has "foe table not programmed"
check back_in_software guest wait_until 20 not hw_offloaded 192.168.1.2

step "load it again: the same flow in hardware"
check loaded guest load_flowsw
guest name_by_label
check ports_back guest '[ -e /sys/class/net/wan ] && [ -e /sys/class/net/lan1 ]'
guest router_on_lan1_wan
guest wait_until 10 grep -q 1 /sys/class/net/lan1/carrier
static_neighbours
check rebound guest wait_until 30 foe_bound "$flow"
offload_proof back lan1 wan 1000 "$pattern"

step "kmemleak finds nothing"
check no_kmemleak guest kmemleak_clean
