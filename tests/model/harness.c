// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Test runner: runs every registered test in registration order and prints
 * "ok <name>" or "FAIL <name>: <reason>", then "N passed, N failed".
 * With arguments, runs only the tests whose names contain one of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <string.h>
#include "harness.h"
#include "env.h"

static struct test_case *first, **last = &first;
static jmp_buf fail_jmp;
static char fail_msg[512];

void test_register(struct test_case *t)
{
    *last = t;
    last = &t->next;
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
    int n = snprintf(fail_msg, sizeof(fail_msg), "%s:%d: ", file, line);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(fail_msg + n, sizeof(fail_msg) - n, fmt, ap);
    va_end(ap);
    longjmp(fail_jmp, 1);
}

static int selected(const char *name, int argc, char **argv)
{
    int i;

    if (argc < 2) {
        return 1;
    }
    for (i = 1; i < argc; i++) {
        if (strstr(name, argv[i])) {
            return 1;
        }
    }
    return 0;
}

/* Kept apart from main() so nothing live there is clobbered by longjmp */
static int run_one(struct test_case *t)
{
    env_setup();
    if (setjmp(fail_jmp)) {
        env_teardown();
        printf("FAIL %s: %s\n", t->name, fail_msg);
        return 0;
    }
    t->fn();
    env_check_guards();
    env_teardown();
    printf("ok %s\n", t->name);
    return 1;
}

int main(int argc, char **argv)
{
    struct test_case *t;
    int passed = 0, failed = 0;

    for (t = first; t; t = t->next) {
        if (!selected(t->name, argc, argv)) {
            continue;
        }
        if (run_one(t)) {
            passed++;
        } else {
            failed++;
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
