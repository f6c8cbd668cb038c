# The bridge's FDB keeps telling the truth about what the switch learned.
# The switch reports what it learns through a queue of 32 events; the
# bridge keeps what a driver reports (extern_learn) until the driver takes
# it back.  A burst of 100 new source addresses overflows the queue, and
# every address the switch learned must reach the bridge all the same;
# once the switch ages them out, they must leave the bridge too.  The
# evidence is the model's own FDB and lost-event count against
# `bridge fdb show`.
# timeout: 300
# checks: burst_sent burst_learned_in_switch burst_events_lost burst_all_in_bridge
# checks: aged_in_switch aged_out_of_bridge
step "br-lan over lan1 and lan2, ageing 20 s"
need "br-lan" guest 'br_lan lan1 lan2
ip link set br-lan type bridge ageing_time 2000'
host_addr lan1 192.168.1.11/24
host_addr lan2 192.168.1.12/24
host_quiet lan1
host_quiet lan2
need "lan2 carrier" guest wait_until 10 grep -q 1 /sys/class/net/lan2/carrier
# the switch learns both hosts: the burst below goes to lan2's host only,
# never to the CPU, so the bridge cannot learn its addresses by itself
need "ping lan1 -> lan2" on lan1 ping -c 2 -W 2 192.168.1.12
mac2=$(on lan2 cat /sys/class/net/eth0/address)

# burst_in_switch / burst_in_bridge: the burst's addresses (02:5a:00:00:..)
# in the model's FDB on lan1 (ports 0x1) / in the bridge's, as reported by
# the driver (extern_learn) on lan1
burst_in_switch() {
	local out
	out=$(flowsw_dump) || return 2
	printf '%s\n' "$out" | awk '$1 == "fdb" && $2 ~ /^02:5a:00:00:/ && $6 == "0x1" { print $2 }' | sort
}
burst_in_bridge() {
	local out
	out=$(guest "bridge fdb show dev lan1 | awk '/extern_learn/ && /master br-lan/ && \$1 ~ /^02:5a:00:00:/ { print \$1 }'") || return 2
	printf '%s\n' "$out" | sort
}
count() { grep -c .; }
learned_in_switch() {
	local sw
	sw=$(burst_in_switch) || return 2
	[ "$(printf '%s\n' "$sw" | count)" -ge 95 ]
}
none_in() {
	local out
	out=$("$1") || return 2
	[ -z "$out" ] || { echo "$(printf '%s\n' "$out" | count) left"; return 1; }
}
# all_in_bridge: at least 95 of the burst's addresses are in the switch
# and every one of them is in the bridge
all_in_bridge() {
	local sw br missing
	sw=$(burst_in_switch) || return 2
	br=$(burst_in_bridge) || return 2
	missing=$(comm -23 <(printf '%s\n' "$sw") <(printf '%s\n' "$br") | count)
	echo "switch $(printf '%s\n' "$sw" | count), bridge $(printf '%s\n' "$br" | count), missing $missing"
	[ "$missing" -eq 0 ] && [ "$(printf '%s\n' "$sw" | count)" -ge 95 ]
}
lost() {
	flowsw_dump | awk '$1 == "learn" && $2 == "events" && $3 == "lost" { print $4 }'
}

step "100 new source addresses from lan1 at once"
lost0=$(lost)
on lan1 python3 "$FSW_ROOT/tests/e2e/lib/srcburst.py" eth0 "$mac2" 100 > "$FSW_TMP/burst.txt"
t0=$(date +%s)
check burst_sent grep -qx "sent 100 frames" "$FSW_TMP/burst.txt"
check burst_learned_in_switch wait_host 10 learned_in_switch
check burst_events_lost test "$(lost)" -gt "${lost0:-0}"
check burst_all_in_bridge wait_host 15 all_in_bridge
all_in_bridge || true

step "the switch ages them out; the bridge follows"
# the switch ages 20 s after the burst; the driver looks every 2 s
check aged_in_switch wait_host 45 none_in burst_in_switch
echo "the switch aged them out $(( $(date +%s) - t0 )) s after the burst"
check aged_out_of_bridge wait_host 15 none_in burst_in_bridge
echo "the bridge let them go $(( $(date +%s) - t0 )) s after the burst"
