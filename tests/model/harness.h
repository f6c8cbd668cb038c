/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Minimal test harness: TEST(name) { ... CHECK(cond); ... }.  A failing
 * CHECK ends the test (longjmp back to the runner), so helpers may CHECK too.
 */
#ifndef FLOWSW_TEST_HARNESS_H
#define FLOWSW_TEST_HARNESS_H

#include <stdio.h>

struct test_case {
    const char *name;
    void (*fn)(void);
    struct test_case *next;
};

void test_register(struct test_case *t);
void test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));

#define TEST(name)                                                          \
    static void name(void);                                                 \
    static struct test_case test_case_##name = { #name, name, NULL };       \
    __attribute__((constructor)) static void test_reg_##name(void)          \
    {                                                                       \
        test_register(&test_case_##name);                                   \
    }                                                                       \
    static void name(void)

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            test_fail(__FILE__, __LINE__, "%s", #cond);                     \
        }                                                                   \
    } while (0)

#define CHECK_EQ(a, b)                                                      \
    do {                                                                    \
        unsigned long long a_ = (unsigned long long)(a);                    \
        unsigned long long b_ = (unsigned long long)(b);                    \
        if (a_ != b_) {                                                     \
            test_fail(__FILE__, __LINE__, "%s == %s (0x%llx != 0x%llx)",    \
                      #a, #b, a_, b_);                                      \
        }                                                                   \
    } while (0)

#endif /* FLOWSW_TEST_HARNESS_H */
