# Hundreds of concurrent UDP flows: 256 flows lan1 -> wan at once, 100
# datagrams each, every one answered by the wan host.  At least 95 % of
# them are forwarded by the PPE, by the model's own count; the router's
# software RX sees the rest only; and every flow's conntrack counts equal
# what the host sent, less the frames the router dropped at ingress
# (counted, never guessed: with no drops the counts must be exact).  The
# wan host receives every datagram that conntrack counted, conntrack's
# reply count is what the wan host answered, and no answered flow reads
# [UNREPLIED] (issue #16, bug 3).  Last, one flow is offloaded before its
# first reply, which the wan host holds back until the 20th datagram:
# replies then pass the PPE alone, and conntrack must still learn of them.
# timeout: 400
# checks: all_flows_sent model_forwarded_95pct conntrack_per_flow
# checks: received_per_flow no_flow_lost replies_per_flow no_flow_unreplied
# checks: early_flow_offloaded early_replies_forwarded early_flow_replied
need "routed setup" router_up
need "conntrack table" guest sysctl -qw net.netfilter.nf_conntrack_max=65536
host_quiet lan1
host_quiet wan
static_neighbours
FLOWS=256
SPORT0=40100
on_bg -o "$FSW_TMP/recv.txt" wan $FSW_UDPFLOW recvmany 9000 5 echo
recv_pid=$BG_PID
wait_host 10 on wan sh -c 'ss -lun | grep -q :9000'

step "$FLOWS flows at once, 100 datagrams each, 2560 datagrams/s in all"
drops0=$(router_drops)
on lan1 $FSW_UDPFLOW sendmany 192.0.2.2 9000 $FLOWS 100 200 2560 $SPORT0 > "$FSW_TMP/sent.txt"
drops=$(( $(router_drops) - drops0 ))
wait_bg 30 "$recv_pid"
echo "the router dropped $drops frames at ingress"
check all_flows_sent test "$(grep -c '^sport .* sent [0-9]* packets' "$FSW_TMP/sent.txt")" -eq $FLOWS

# the model's own count: flows whose entry forwarded at least one datagram
flowsw_dump > "$FSW_TMP/model.txt"
forwarded=$(awk -v lo=$SPORT0 -v hi=$((SPORT0 + FLOWS - 1)) '
	$3 == "BIND" && $5 == "udp" && split($6, t, /[:>-]+/) >= 4 && t[1] == "192.168.1.2" &&
	t[2] >= lo && t[2] <= hi {
		for (i = 7; i < NF; i++) if ($i == "fwd_pkts" && $(i + 1) > 0) n++
	}
	END { print n + 0 }' "$FSW_TMP/model.txt")
echo "$forwarded of $FLOWS flows forwarded by the PPE"
check model_forwarded_95pct test "$forwarded" -ge $(( FLOWS * 95 / 100 ))

# conntrack per flow: "sport packets bytes reply_packets unreplied" (the
# original direction's, the reply's packets, 1 if [UNREPLIED])
guest "conntrack -L -p udp --dport 9000 2>/dev/null | awk '{
	for (i = 1; i <= NF; i++) { split(\$i, kv, \"=\"); if (kv[1] == \"sport\" && !s) s = kv[2]
		if (kv[1] == \"packets\") { if (p == \"\") p = kv[2]; else rp = kv[2] }
		if (kv[1] == \"bytes\" && !b) b = kv[2] }
	print s, p, b, rp + 0, /UNREPLIED/ ? 1 : 0; s = p = b = rp = \"\" }'" > "$FSW_TMP/ct.txt"
# compare SENT CT RECV DROPS: each flow's conntrack count is what was sent
# less its share of the counted drops, and the receiver got what conntrack
# counted; the shortfalls add up to no more than the drops
compare() {
	awk -v drops="$drops" -v what="$1" -v flows=$FLOWS '
		FILENAME ~ /sent/ { sent[$2] = $4; sbytes[$2] = $6; next }
		FILENAME ~ /ct/ { ct[$1] = $2; reply[$1] = $4; unreplied[$1] = $5; next }
		FILENAME ~ /recv/ { rx[$2] = $4; next }
		END {
			for (s in sent) n++
			if (n != flows) { print n + 0 " flows sent, not " flows; exit 1 }
			for (s in sent) {
				c = ct[s] + 0; r = rx[s] + 0
				short += sent[s] - c
				if (c > sent[s]) { print "sport " s ": conntrack " c " > sent " sent[s]; bad++ }
				if (what == "ct" && drops == 0 && c != sent[s]) { print "sport " s ": conntrack " c ", sent " sent[s]; bad++ }
				if (what == "rx" && r != c) { print "sport " s ": received " r ", conntrack " c; bad++ }
				if (what == "lost" && r == 0) { print "sport " s ": nothing received"; bad++ }
				# the wan host answered each datagram it received
				if (what == "reply" && drops == 0 && reply[s] != r) { print "sport " s ": conntrack replies " reply[s] ", answered " r; bad++ }
				if (what == "unreplied" && unreplied[s]) { print "sport " s ": [UNREPLIED] with " reply[s] " replies"; bad++ }
			}
			if (what == "ct" && short > drops) { print "conntrack short by " short ", router dropped " drops; bad++ }
			exit bad > 0
		}' "$FSW_TMP/sent.txt" "$FSW_TMP/ct.txt" "$FSW_TMP/recv.txt"
}
check conntrack_per_flow compare ct
check received_per_flow compare rx
check no_flow_lost compare lost
check replies_per_flow compare reply
check no_flow_unreplied compare unreplied

step "a flow offloaded before its first reply: the wan host answers from the 20th datagram on"
on_bg -o "$FSW_TMP/late.txt" wan $FSW_UDPFLOW recv 9001 5 echo:20
late_pid=$BG_PID
wait_host 10 on wan sh -c 'ss -lun | grep -q :9001'
on lan1 $FSW_UDPFLOW sendnow 192.0.2.2 9001 300 200 100 41000
wait_bg 30 "$late_pid"
answered=$(( $(awk '{ print $2 }' "$FSW_TMP/late.txt") - 19 ))
echo "the wan host answered $answered datagrams"
check early_flow_offloaded guest hw_offloaded "sport=41000 dport=9001"
# the replies bypassed conntrack: the PPE forwarded them
check early_replies_forwarded wait_value 10 $((answered / 2)) \
	model_fwd "BIND IPV4_HNAPT udp 192.0.2.2:9001->192.0.2.1:41000"
check early_flow_replied guest "wait_until 10 sh -c 'conntrack -L -p udp --sport 41000 2>/dev/null |
	grep -v UNREPLIED | grep -q \"dport=41000 packets=$answered \"'"
guest "conntrack -L -p udp --sport 41000 2>/dev/null"
