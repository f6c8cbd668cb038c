/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Kernel-style types and bit helpers for the users of the flowsw hardware
 * interface outside the kernel: the QEMU model, host tests and benchmarks.
 * In the kernel the real definitions are used instead.
 */
#ifndef FLOWSW_COMPAT_H
#define FLOWSW_COMPAT_H

#ifdef __KERNEL__
#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#ifndef BIT
#define BIT(n)			(1U << (n))
#endif
#ifndef GENMASK
#define GENMASK(h, l)		(((~0U) >> (31 - (h))) & ~((1U << (l)) - 1))
#endif
#ifndef FIELD_PREP
#define FIELD_PREP(mask, val)	(((u32)(val) << __builtin_ctz(mask)) & (mask))
#define FIELD_GET(mask, reg)	(((u32)(reg) & (mask)) >> __builtin_ctz(mask))
#endif

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "flowsw tables are little-endian in memory; add byte swapping for this host"
#endif
#endif /* __KERNEL__ */

#endif /* FLOWSW_COMPAT_H */
