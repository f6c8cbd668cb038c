// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * foe_hash() against the shared known-answer vectors, and an independent
 * reimplementation from the MediaTek PPE description against the same
 * vectors, and the core's learning at the predicted index.
 */
#include <stdlib.h>
#include <string.h>
#include "env.h"
#include "flowsw_int.h"
#include "vectors/foe_hash_vectors.h"

#define NVEC (sizeof(foe_hash_vectors) / sizeof(foe_hash_vectors[0]))

static u32 rol8(u32 x)
{
    return (x << 8) | (x >> 24);
}

/* Straight from the description: fold to three words, select, rotate, mix */
static u32 ref_hash(const struct foe_hash_vector *v)
{
    bool five = v->type == FOE_PKT_TYPE_IPV4_HNAPT ||
                v->type == FOE_PKT_TYPE_IPV6_ROUTE_5T;
    u32 ports = five ? ((u32)v->src_port << 16 | v->dest_port)
                     : 0xa5a5a500 | v->protocol;
    u32 a, b, d, sel, mix;

    if (v->type == FOE_PKT_TYPE_IPV4_HNAPT ||
        v->type == FOE_PKT_TYPE_IPV4_ROUTE) {
        a = ports;
        b = v->dest_ip[0];
        d = v->src_ip[0];
    } else {
        a = ports ^ v->src_ip[3] ^ v->dest_ip[3];
        b = v->dest_ip[0] ^ v->src_ip[2] ^ v->dest_ip[2];
        d = v->src_ip[0] ^ v->src_ip[1] ^ v->dest_ip[1];
    }
    sel = 0;
    for (int bit = 0; bit < 32; bit++) {
        u32 m = 1u << bit;

        sel |= (a & m) ? (b & m) : (d & m);
    }
    mix = rol8(sel) ^ a ^ b ^ d;
    mix ^= mix >> 16;
    return (mix << 2) % FOE_ENTRIES;
}

static void vec_entry(const struct foe_hash_vector *v, struct foe_entry *e)
{
    memset(e, 0, sizeof(*e));
    e->ib1 = FIELD_PREP(FOE_IB1_PACKET_TYPE, v->type);
    if (foe_type_is_ipv6(v->type)) {
        memcpy(e->ipv6.src_ip, v->src_ip, 16);
        memcpy(e->ipv6.dest_ip, v->dest_ip, 16);
        if (v->type == FOE_PKT_TYPE_IPV6_ROUTE_5T) {
            e->ipv6.src_port = v->src_port;
            e->ipv6.dest_port = v->dest_port;
        } else {
            e->ipv6.ports = FOE_ROUTE_PORTS_PAD | v->protocol;
        }
    } else {
        e->ipv4.orig.src_ip = v->src_ip[0];
        e->ipv4.orig.dest_ip = v->dest_ip[0];
        if (v->type == FOE_PKT_TYPE_IPV4_HNAPT) {
            e->ipv4.orig.src_port = v->src_port;
            e->ipv4.orig.dest_port = v->dest_port;
        } else {
            e->ipv4.orig.ports = FOE_ROUTE_PORTS_PAD | v->protocol;
        }
    }
}

TEST(hash_vectors_cover_all_types)
{
    u32 types = 0;

    for (u32 i = 0; i < NVEC; i++) {
        types |= BIT(foe_hash_vectors[i].type);
    }
    CHECK(NVEC >= 8);
    CHECK_EQ(types, BIT(0) | BIT(1) | BIT(4) | BIT(5));
}

TEST(hash_vectors_match_reference_impl)
{
    for (u32 i = 0; i < NVEC; i++) {
        CHECK_EQ(ref_hash(&foe_hash_vectors[i]), foe_hash_vectors[i].index);
    }
}

TEST(hash_vectors_match_foe_hash)
{
    struct foe_entry e;

    for (u32 i = 0; i < NVEC; i++) {
        vec_entry(&foe_hash_vectors[i], &e);
        CHECK_EQ(foe_hash(&e), foe_hash_vectors[i].index);
    }
}

/*
 * A frame of a vector's flow is learnt at the vector's index, whatever
 * PPE_HASH_SEED holds: MediaTek's driver hashes without it, so a model
 * that applied it would put entries where silicon does not look.
 */
TEST(ppe_learns_at_hash_vector_index)
{
    const struct foe_hash_vector *v = &foe_hash_vectors[1];
    struct rx_frame *r = malloc(sizeof(*r));
    struct pkt p;
    u8 buf[256];

    CHECK(r);
    pdma_setup();
    ppe_setup(10);
    fe_wr(PPE_HASH_SEED, 0x12345678);
    pkt_v4(&p, IPPROTO_TCP_);
    p.src[0] = v->src_ip[0];
    p.dst[0] = v->dest_ip[0];
    p.sport = v->src_port;
    p.dport = v->dest_port;
    wire_rx(FSW_WIRE_WAN, buf, pkt_build(buf, &p));
    CHECK(rx_pop(r));
    CHECK_EQ(r->reason, CPU_REASON_HIT_UNBIND);
    CHECK_EQ(r->foe, v->index);
    free(r);
}
