# Devices for the flowsw QEMU build: only the virt board and our device.
CONFIG_ARM_VIRT=y
CONFIG_FLOWSW=y
# QEMU 7.2: target/arm links against the v7M NVIC and semihosting
# unconditionally, so the link fails without these.
CONFIG_ARM_V7M=y
CONFIG_SEMIHOSTING=y
CONFIG_ARM_COMPATIBLE_SEMIHOSTING=y
