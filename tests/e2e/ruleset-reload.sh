# Ruleset reloads under offloaded flows (issue #16, bug 1).  OpenWrt
# reloads its firewall on every interface event, so a reload must neither
# kill offloaded connections nor leave them in software.
#  - replace: "nft -f" of another ruleset (table inet fw4) in one
#    transaction that flushes the old one;
#  - fw4: fw4 reload's transaction, which flushes table inet fw4 and
#    deletes and re-creates its flowtable.
# An iperf3 TCP stream lan1 -> wan lives through both, and after each it
# is bound again and proven offloaded: the model's own forwarded count,
# the router's software RX standing still, the wan host receiving it,
# masqueraded.
#  - flush: "nft flush ruleset", then the ruleset again.  No entry
#    survives, the flow goes through the CPU, and comes back to the
#    hardware in both directions.  This one is shown with a UDP flow the
#    wan host echoes: between the two commands no masquerade exists, and
#    the router's own TCP stack answers any reply of a masqueraded TCP
#    connection that reaches it with a reset, offloaded or not (see
#    Documentation/offload-and-bridges.rst, "Ruleset reload").
# timeout: 500
# checks: tcp_hw_offload tcp_bound_in_model
# checks: before_host_sent before_model_forwarded before_guest_bypassed before_delivered
# checks: replace_loaded replace_rebound
# checks: replace_host_sent replace_model_forwarded replace_guest_bypassed replace_delivered
# checks: fw4_rebound
# checks: fw4_host_sent fw4_model_forwarded fw4_guest_bypassed fw4_delivered
# checks: tcp_wire_masqueraded stream_alive
# checks: udp_bound flush_no_bind_survives flush_in_software flush_rebound
# checks: up_host_sent up_model_forwarded up_guest_bypassed up_delivered
# checks: down_host_sent down_model_forwarded down_guest_bypassed down_delivered

need "routed setup" router_up
host_quiet lan1
host_quiet wan
static_neighbours

# fw4_ruleset PREFIX: OpenWrt fw4's table with a hardware flowtable and
# masquerade on wan, after PREFIX (the lines that clear what was there)
fw4_ruleset() {
	cat <<NFT
$1
table inet fw4 {
	flowtable ft {
		hook ingress priority filter
		devices = { lan1, lan2, lan3, lan4, wan }
		counter
		flags offload
	}
	chain forward {
		type filter hook forward priority filter; policy accept;
		meta l4proto { tcp, udp } flow offload @ft
	}
	chain srcnat {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "wan" masquerade
	}
}
NFT
}

TCP="BIND IPV4_HNAPT tcp 192.168.1.2:[0-9]*->192.0.2.2:5201 new 192.0.2.1:"

step "an offloaded TCP stream lan1 -> wan"
on_bg wan iperf3 -s -1 -p 5201
wait_host 10 on wan sh -c 'ss -ltn | grep -q :5201'
on_bg -o "$FSW_TMP/iperf-client.log" lan1 iperf3 -c 192.0.2.2 -p 5201 -t 400
client=$BG_PID
check tcp_hw_offload guest wait_until 20 hw_offloaded "dport=5201"
check tcp_bound_in_model wait_host 10 model_has "$TCP"
offload_proof before lan1 wan 2000 "$TCP"

capture_start wan_tcp wan tcp port 5201
step "nft -f of another ruleset, flushing the old one in one transaction"
need "fw4 ruleset" guest "nft -f - <<'EOF'
$(fw4_ruleset "flush ruleset")
EOF"
check replace_loaded guest '! nft list table inet filter 2>/dev/null && nft list flowtable inet fw4 ft | grep -q "flags offload"'
check replace_rebound wait_host 30 model_has "$TCP"
offload_proof replace lan1 wan 2000 "$TCP"

step "fw4 reload: flush table inet fw4, delete and re-create its flowtable"
need "fw4 reload" guest "nft -f - <<'EOF'
$(fw4_ruleset "table inet fw4
flush table inet fw4
delete flowtable inet fw4 ft")
EOF"
check fw4_rebound wait_host 30 model_has "$TCP"
offload_proof fw4 lan1 wan 2000 "$TCP"
capture_stop wan_tcp

# everything wan received came from the router's address
check tcp_wire_masqueraded wire_check wan_tcp --proto tcp --src 192.0.2.1 \
	--dst 192.0.2.2 --dport 5201 --vlan none --ttl 63 --no-other --min 4000
check stream_alive sh -c "kill -0 $client && ! grep -i -e error -e reset '$FSW_TMP/iperf-client.log'"
tail -n 3 "$FSW_TMP/iperf-client.log"
stop_bg "$client"

UP="BIND IPV4_HNAPT udp 192.168.1.2:40500->192.0.2.2:9000 new 192.0.2.1:40500"
DOWN="BIND IPV4_HNAPT udp 192.0.2.2:9000->192.0.2.1:40500 new 192.0.2.2:9000->192.168.1.2:40500"
on_bg wan $FSW_UDPFLOW recv 9000 120 echo
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'
udp_send() { on lan1 $FSW_UDPFLOW "${2:-send}" 192.0.2.2 9000 "$1" 200 500 40500; }
both_bound() { model_has "$UP" && model_has "$DOWN"; }

step "a UDP flow the wan host echoes, offloaded both ways"
udp_send 300
check udp_bound wait_host 10 both_bound

step "nft flush ruleset: no entry survives, the flow goes through the CPU"
need "flush ruleset" guest nft flush ruleset
check flush_no_bind_survives wait_host 10 model_lacks " BIND "
# nothing is masqueraded now, so nothing comes back: no hello
sw0=$(guest_sw_rx)
udp_send 100 sendnow
check flush_in_software wait_value 10 $((sw0 + 100)) guest_sw_rx

step "the ruleset again: the same flow is offloaded again, both ways"
need "router.nft" guest nft -f /usr/lib/flowsw/router.nft
udp_send 300
check flush_rebound wait_host 10 both_bound
on_bg lan1 $FSW_UDPFLOW send 192.0.2.2 9000 4000 200 500 40500
send_pid=$BG_PID
offload_proof up lan1 wan 1000 "$UP"
offload_proof down wan lan1 1000 "$DOWN"
wait_bg 30 "$send_pid"
