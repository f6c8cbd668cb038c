#!/bin/sh
# Test agent on the guest console.  scripts/run-scenario sends a command as
# base64 chunks ("@@D <chunk>") followed by "@@X <id>"; the agent runs it with
# the helpers of guest.sh and answers with its output between
# "@@FSW-BEGIN <id>@@" and "@@FSW-END <id> <exit status>@@".
# "@@SHELL" hands the console to an interactive shell.

# Kernel messages would interleave with answers; tests read dmesg instead.
echo 1 > /proc/sys/kernel/printk
stty -echo 2>/dev/null
echo "@@FSW-READY@@"
buf=
while IFS= read -r line; do
	case "$line" in
	"@@D "*)
		buf="$buf${line#@@D }"
		;;
	"@@X "*)
		id=${line#@@X }
		echo "$buf" | base64 -d > /tmp/cmd.sh
		buf=
		( . /usr/lib/flowsw/guest.sh; . /tmp/cmd.sh ) > /tmp/out 2>&1 < /dev/null
		rc=$?
		echo "@@FSW-BEGIN $id@@"
		cat /tmp/out
		echo "@@FSW-END $id $rc@@"
		;;
	"@@SHELL")
		echo 7 > /proc/sys/kernel/printk
		stty echo 2>/dev/null
		echo "flowsw guest shell; 'poweroff -f' to leave"
		exec sh -l
		;;
	esac
done
