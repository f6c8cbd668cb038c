#!/usr/bin/env python3
"""Every field of struct fsw_core is migrated, or says why not.

    vmstate_fields.py [ROOT]

Walks struct fsw_core (qemu/core/flowsw_core.h) and the structs it holds,
field by field, against the VMState descriptions in qemu/hw/flowsw.c: a
field is migrated when a VMSTATE_* entry names it (directly, or as a
struct whose own description covers every field), or it is in
NOT_MIGRATED with the reason.  A field that is neither, or one listed as
not migrated that is, fails.  Prints one line per problem and a summary.
"""
import os
import re
import sys

# field -> why it is not in the migration stream
NOT_MIGRATED = {
    "fsw_core.lock": "a host mutex, made by fsw_core_init()",
    "fsw_core.ops": "the shell's callbacks, set at realize",
    "fsw_core.opaque": "the shell's pointer, set at realize",
    "fsw_core.gso": "only set within one call of the core",
    "fsw_core.gso_stats": "the model's own figures, not guest-visible",
    "fsw_core.scratch": "frame buffers, unused between entry points",
    "fsw_core.scratch_used": "0 between entry points",
    "fsw_core.depth_drops": "the model's own figure, not guest-visible",
    "fsw_core.fdb_evt_lost": "the model's own figure, not guest-visible",
    "fsw_ppe.cache_tag": "the bucket cache: post_load empties it, starting from guest memory",
    "fsw_ppe.cache": "the bucket cache's ways, unused while its tags are empty",
}


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def struct_fields(header):
    """{struct name: [(field, struct type or None)]} of the header."""
    text = strip_comments(open(header).read())
    structs = {}
    for m in re.finditer(r"^struct (\w+) \{(.*?)^\};", text, re.M | re.S):
        body = re.sub(r"struct \{[^}]*\}", "struct _anon", m.group(2))
        fields = []
        for decl in body.split(";"):
            decl = " ".join(decl.split())
            if not decl or "(" in decl:
                continue            # function pointers: the ops table
            sm = re.match(r"(?:const )?struct (\w+) (.*)", decl)
            kind, names = (sm.group(1), sm.group(2)) if sm else (None, decl.split(" ", 1)[1])
            for name in names.split(","):
                name = re.sub(r"\[.*", "", name).strip().lstrip("*")
                fields.append((name, None if "*" in names else kind))
        structs[m.group(1)] = fields
    return structs


def vmstate(source):
    """{description name: (struct type, [(field path, sub description)])}."""
    text = strip_comments(open(source).read())
    descs = {}
    for m in re.finditer(r"VMStateDescription (\w+) = \{(.*?)\n\};", text, re.S):
        entries, owner = [], None
        for e in re.finditer(r"VMSTATE_(\w+)\(([^;]*?)\),?\n", m.group(2)):
            args = [a.strip() for a in e.group(2).replace("\n", " ").split(",")]
            if e.group(1) == "END_OF_LIST":
                continue
            owner = args[1]
            sub = next((a for a in args if a.startswith("vmstate_")), None)
            entries.append((args[0], sub))
        descs[m.group(1)] = (owner, entries)
    return descs


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    structs = struct_fields(os.path.join(root, "qemu", "core", "flowsw_core.h"))
    descs = vmstate(os.path.join(root, "qemu", "hw", "flowsw.c"))
    top = next(e for owner, e in descs.values() if owner == "FlowswState")
    problems, checked = [], 0

    def migrated(sname, prefix, entries):
        """Fields of struct sname named by entries (paths under prefix)."""
        names = {}
        for path, sub in entries:
            if path.startswith(prefix):
                names[path[len(prefix):]] = sub
        return names

    def walk(sname, prefix, entries):
        nonlocal checked
        names = migrated(sname, prefix, entries)
        for field, kind in structs[sname]:
            key = f"{sname}.{field}"
            checked += 1
            sub = names.get(field, "missing") if field in names else "missing"
            deeper = [p for p in names if p.startswith(field + ".")]
            if key in NOT_MIGRATED:
                if field in names or deeper:
                    problems.append(f"{key} is migrated, yet listed as not: {NOT_MIGRATED[key]}")
                continue
            if sub == "missing" and not deeper:
                problems.append(f"{key} is not migrated and NOT_MIGRATED does not say why")
                continue
            if kind in structs:
                # a nested struct: its own description plus paths through it
                inner = list(descs[sub][1]) if sub and sub != "missing" else []
                inner += [(p[len(field) + 1:], None) for p in deeper]
                walk(kind, "", inner)

    walk("fsw_core", "core.", top)
    for p in problems:
        print(p)
    print(f"{checked} fields of struct fsw_core walked, {len(problems)} problems")
    sys.exit(1 if problems or checked < 50 else 0)


if __name__ == "__main__":
    main()
