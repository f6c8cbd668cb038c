# A field bug that churn found at 100 000 connections: a new TCP connection
# from a source port an earlier one had used was reset by the router.  Under
# load the flowtable's offload work runs late, so the driver can be offered
# a flow after its connection ended; the next connection of the same tuple
# had the hardware learn its entry, and the driver bound the old flow to it.
# The PPE then forwarded the new handshake's ACK past conntrack, which never
# saw the connection established, and the router's own TCP answered the
# server's replies with resets.  The PPE sends every TCP SYN, FIN and RST to
# the CPU (MediaTek's reason 0x0c); a SYN now retires the flows already
# offered for its tuple.  Here 20 000 connections (churn.py's mix of UDP
# and TCP closed by FIN or RST), the lan1 host reusing a port in TIME_WAIT
# after a second (tcp_tw_reuse 1), as busy clients do: 7 to 70 connections
# were reset in each of seven runs before the fix.  Proven from outside the
# driver: every connect and send of the lan1 host succeeded, and the wan
# host counted every TCP connection to its end, from fewer source ports
# than connections.
# timeout: 900
# checks: every_connection_ran ports_reused server_counted_every_connection
FLOWS=${REUSE_FLOWS:-20000}
CHURN="python3 $FSW_ROOT/tests/e2e/lib/churn.py"
churn_router
need "lan1 host: TIME_WAIT reused" on lan1 sysctl -qw net.ipv4.tcp_tw_reuse=1
churn_server 20
router_rsts() { guest "awk '/^Tcp:/ { n++; if (n == 2) print \$15 }' /proc/net/snmp"; }
rsts0=$(router_rsts)

step "$FLOWS connections, 100 at a time"
on lan1 $CHURN run 192.0.2.2 9000 5201 "$FLOWS" 100 11 > "$FSW_TMP/run.txt" \
	2> "$FSW_TMP/failed.txt"
cat "$FSW_TMP/run.txt"
head -n 5 "$FSW_TMP/failed.txt"
set -- $(cat "$FSW_TMP/run.txt")	# udp U tcp_fin F tcp_rst R failed X
tcp=$(($4 + $6))
check every_connection_ran test "$(($2 + tcp))" -eq "$FLOWS" -a "$8" -eq 0
# the server prints "udp P tcp C ports N" after 20 s without traffic
wait_bg 60 "$CHURN_SERVER"
cat "$FSW_TMP/serve.txt"
set -- $(cat "$FSW_TMP/serve.txt")
check server_counted_every_connection test "$4" -eq "$tcp"
check ports_reused test "$6" -lt "$tcp"
# for the log: resets the router's own TCP sent (late packets of connections
# conntrack forgot, as without offload), flows a SYN retired
echo "router: $(($(router_rsts) - rsts0)) TCP resets sent;" \
	"$(guest ppe_count reopened) flows retired by a SYN of their tuple"
