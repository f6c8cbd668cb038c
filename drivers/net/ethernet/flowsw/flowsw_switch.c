// SPDX-License-Identifier: GPL-2.0-only
/* placeholder: replaced by the real implementation */
#include <linux/module.h>

MODULE_LICENSE("GPL");
