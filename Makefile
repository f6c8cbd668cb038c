# SPDX-License-Identifier: GPL-2.0-only
#
# flowsw: a switchdev/DSA driver for a MediaTek-style packet processing
# engine, and a model of that hardware in QEMU.
#
# Two roles for one file:
#  - Kbuild entry for an out-of-tree build of the drivers as modules:
#      make -C <kernel build dir> M=$PWD
#  - the project's commands (see README.md): make demo, make test, ...

ifneq ($(KERNELRELEASE),)

# Out of tree: the drivers as modules, whatever the kernel's .config says
# (see drivers/net/ethernet/flowsw/Makefile).
export FLOWSW_OUT_OF_TREE := 1
obj-y += drivers/net/ethernet/flowsw/

else

SHELL := /bin/bash
CACHE ?= $(or $(FLOWSW_CACHE),$(HOME)/.cache/flowsw)
export FLOWSW_CACHE := $(CACHE)

.PHONY: all deps qemu kernel initramfs build demo test test-model kunit kunit32 \
	test-e2e test-debug test-mutants check bench fuzz clean

all: build

deps:
	scripts/deps.sh

qemu: deps
	scripts/qemu.sh

kernel: deps
	scripts/kernel.sh

initramfs: deps
	scripts/initramfs.sh

build: qemu kernel initramfs

# INTERACTIVE=1 leaves you at the guest shell after the demo.
demo: build
	scripts/run-scenario --verbose $(if $(INTERACTIVE),--interactive) tests/demo/offload-demo.sh

# Everything, ending with one line "N passed, N failed".
test: build
	scripts/test-all

test-model:
	scripts/test-all model

kunit: deps
	scripts/test-all kunit

# The same KUnit suites on a 32-bit x86 kernel in QEMU
kunit32: deps
	scripts/test-all kunit32

# T=name runs tests/e2e/name.sh alone.
test-e2e: build
	scripts/test-all e2e $(T)

# Every scenario, and the module unload ones of tests/debug/, on a kernel
# with KASAN, UBSAN, lockdep, kmemleak and debug objects, flowsw as
# modules.  Not part of make test: it takes longer (bench/RESULTS.md).
test-debug: build
	scripts/kernel.sh debug
	scripts/initramfs.sh debug
	FSW_IMAGE=$(CACHE)/Image-debug FSW_INITRD=$(CACHE)/initramfs-debug.cpio.gz \
		scripts/test-all debug $(T)

# Break the model or the driver one way at a time; each break must fail
# the check that names the claim it breaks.  Ends with "N of M mutations
# caught".
test-mutants: build
	scripts/test-mutants

check: deps
	scripts/test-all check

bench: build
	bench/run-all

# FUZZ_TIME=seconds per harness (default 600); prints execs and execs/s.
fuzz: deps
	$(MAKE) -C tests/fuzz run

clean:
	rm -rf tests/model/build tests/fuzz/build
	rm -rf $(CACHE)/kbuild-* $(CACHE)/qemu-build-* $(CACHE)/initramfs-*.cpio.gz \
		$(CACHE)/kunit-build $(CACHE)/kunit-build-* $(CACHE)/dtcheck $(CACHE)/modules-debug

endif
