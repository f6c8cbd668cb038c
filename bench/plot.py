#!/usr/bin/python3
"""Chart the forwarding benchmark's figures.

    bench/plot.py RESULTS [OUT.png]

RESULTS holds the "name: value" lines that bench/forwarding.sh prints
(bench/run-all keeps them in bench/results.txt).  Writes OUT.png (default
bench/forwarding.png next to this script): the three TCP throughputs on a
log scale and the guest CPU seconds each run cost, with the flow-setup rate
in the title.  Needs matplotlib (Debian: python3-matplotlib, which is why
this runs with /usr/bin/python3).
"""
import os
import re
import sys

MODES = [("none", "no flowtable"), ("sw", "software\nflowtable"), ("hw", "hardware\noffload")]
COLOURS = ["#9e9e9e", "#5b8dd6", "#e07b39"]


def read_figures(path):
    fig = {}
    for line in open(path):
        m = re.match(r"^\s*([a-z0-9_]+):\s+(\S+)", line)
        if m:
            try:
                fig[m.group(1)] = float(m.group(2))
            except ValueError:
                pass
    return fig


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[2] if len(sys.argv) > 2 else \
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "forwarding.png")
    fig = read_figures(sys.argv[1])
    missing = [f"fwd_gbps_{m}" for m, _ in MODES if f"fwd_gbps_{m}" not in fig]
    if missing:
        sys.exit(f"plot.py: {sys.argv[1]} lacks {', '.join(missing)}")

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [label for _, label in MODES]
    gbps = [fig[f"fwd_gbps_{m}"] for m, _ in MODES]

    f, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.6))
    bars = ax1.bar(labels, [g * 1000 for g in gbps], color=COLOURS)
    ax1.set_yscale("log")
    ax1.set_ylabel("Mbit/s (log scale)")
    ax1.set_title("iperf3 TCP lan1 -> wan, masquerade")
    ax1.set_ylim(min(g * 1000 for g in gbps if g > 0) / 3, max(gbps) * 1000 * 4)
    for b, g in zip(bars, gbps):
        ax1.annotate(f"{g * 1000:.0f}", (b.get_x() + b.get_width() / 2, b.get_height()),
                     ha="center", va="bottom", xytext=(0, 3), textcoords="offset points")
    ratios = [f"hw/{m} {fig[f'hw_over_{m}']:.1f}x" for m in ("none", "sw")
              if f"hw_over_{m}" in fig]
    if ratios:
        ax1.text(0.02, 0.97, ", ".join(ratios), transform=ax1.transAxes, va="top")

    # CPU seconds per run: the guest's own accounting and, from the host,
    # QEMU's vCPU thread (the emulated CPU) and main loop thread (the
    # device model and tap I/O: what the "hardware" cost)
    series = [("guest busy jiffies (/proc/stat)", "guest_cpu_s", 1.0, None),
              ("QEMU vCPU thread (host)", "qemu_vcpu_cpu_s", 0.5, "//"),
              ("QEMU main loop thread (host)", "qemu_main_cpu_s", 0.25, "..")]
    series = [s for s in series if any(f"{s[1]}_{m}" in fig for m, _ in MODES)]
    width = 0.8 / len(series)
    top = 0.0
    for k, (label, key, alpha, hatch) in enumerate(series):
        vals = [fig.get(f"{key}_{m}", 0.0) for m, _ in MODES]
        top = max(top, *vals)
        xs = [i - 0.4 + width * (k + 0.5) for i in range(len(MODES))]
        bars = ax2.bar(xs, vals, width, color=COLOURS, alpha=alpha, hatch=hatch,
                       edgecolor="black", linewidth=0.4, label=label)
        for b, v in zip(bars, vals):
            ax2.annotate(f"{v:.1f}", (b.get_x() + b.get_width() / 2, b.get_height()),
                         ha="center", va="bottom", xytext=(0, 2), textcoords="offset points",
                         fontsize="small")
    leg = ax2.legend(loc="upper center", fontsize="small")
    for h in leg.legend_handles if hasattr(leg, "legend_handles") else leg.legendHandles:
        h.set_facecolor("white")
    ax2.set_xticks(range(len(MODES)))
    ax2.set_xticklabels(labels)
    ax2.set_ylabel("CPU seconds during the run")
    ax2.set_title("CPU time per run")
    ax2.set_ylim(0, top * 1.45 or 1)

    title = "flowsw forwarding under QEMU TCG (2 host cores)"
    if "flow_setup_per_s" in fig:
        title += f"; flow setup {fig['flow_setup_per_s']:.0f} flows/s"
    f.suptitle(title)
    f.tight_layout()
    f.savefig(out, dpi=100)
    print(f"plot.py: wrote {out}")


if __name__ == "__main__":
    main()
