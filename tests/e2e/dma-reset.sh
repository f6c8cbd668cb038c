# DMA error recovery (#11 lifecycle): the model faults as its DMA would
# (the device's x-dma-error property, set through the monitor), and a
# faulted PDMA stops, as a hung DMA does on MediaTek's frame engines.  The
# driver resets the frame engine and sets it up again: the CPU's path
# works again, and the offloaded flow is bound again and forwarded by the
# PPE, with no help from the CPU.  kmemleak finds nothing afterwards.
# timeout: 300
# checks: offloaded injected reset_logged cpu_path_back rebound
# checks: after_host_sent after_model_forwarded after_guest_bypassed after_delivered
# checks: no_kmemleak
flow="192.168.1.2:40060->192.0.2.2:9000"

offloaded_udp_stream 40060

step "the PDMA faults on a TX buffer (FE_DMA_ERR_TX_BUF)"
# dma_fault CODE: the device faults as its DMA would
dma_fault() {
	local out
	out=$(monitor qom-set /machine/peripheral/fsw x-dma-error "$1") || return 1
	[ -z "$out" ] || { echo "monitor answered: $out"; return 1; }
}
check injected dma_fault 3
check reset_logged guest wait_until 10 kmsg_has 'resetting the frame engine'
guest 'dmesg | grep -E "DMA error|resetting|reset failed"'

step "the CPU's path works again, and the flow is in the PPE again"
check cpu_path_back on lan1 ping -c 3 -W 2 192.168.1.1
check rebound guest wait_until 20 foe_bound "$flow"
offload_proof after lan1 wan 1000 "BIND IPV4_HNAPT udp $flow "

step "kmemleak finds nothing"
check no_kmemleak guest kmemleak_clean
