# What Linux 6.12 refuses around bridges and flowtables, asserted exactly.
#  - a flowtable in a "table bridge": there is no bridge flowtable type;
#  - br-lan among a flowtable's devices with "flags offload": a bridge has
#    no ndo_setup_tc; without the flag it is accepted (software only).
# timeout: 120
# checks: bridge_family_flowtable_rejected bridge_device_offload_rejected
# checks: nothing_half_created bridge_device_software_accepted
# checks: ports_with_offload_accepted
guest 'ports_up
ip link add br-lan type bridge
ip link set lan1 master br-lan
ip link set lan2 master br-lan
ip link set br-lan up
nft add table bridge t'
check bridge_family_flowtable_rejected guest \
	"nft 'add flowtable bridge t ft { hook ingress priority 0; devices = { lan1 }; }' 2>&1 | grep -q 'Error: Could not process rule: No such file or directory'"
check bridge_device_offload_rejected guest \
	"nft 'add table inet x; add flowtable inet x ft { hook ingress priority 0; devices = { br-lan }; flags offload; }' 2>&1 | grep -q 'Error: Could not process rule: Operation not supported'"
check nothing_half_created guest "! nft list flowtables 2>/dev/null | grep -q 'flowtable ft'"
check bridge_device_software_accepted guest \
	"nft 'add table inet x; add flowtable inet x ft { hook ingress priority 0; devices = { br-lan }; }'"
check ports_with_offload_accepted guest \
	"nft 'add flowtable inet x hw { hook ingress priority 0; devices = { lan1, lan2 }; flags offload; }'"
