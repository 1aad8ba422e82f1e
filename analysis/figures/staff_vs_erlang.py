#!/usr/bin/python3
"""Figure for docs/staffing.md: simulated staffing against period-by-period Erlang C and
Erlang A on the bank day, with the achieved SL per interval.

    build/ccsim staff scenarios/bank-80-20.toml --json > /tmp/staff.json
    /usr/bin/python3 analysis/figures/staff_vs_erlang.py /tmp/staff.json docs/figures/staff-bank.png

Needs Debian's python3-matplotlib.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(src, dst):
    with open(src) as f:
        j = json.load(f)
    starts = j["interval_starts"]
    x = range(len(starts))
    group, g = next(iter(j["groups"].items()))
    queue, q = next(iter(j["queues"].items()))
    target = j["targets"][queue][0]
    key = next(iter(q["intervals"][0]["service_level"]))

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 6.5), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2]})
    top.step(x, g["erlang_c"], where="mid", label="Erlang C, interval by interval", color="tab:gray")
    top.step(x, g["erlang_a"], where="mid", label="Erlang A, interval by interval", color="tab:orange",
             linestyle="--")
    top.step(x, g["staffing"], where="mid", label=f"ccsim staff (simulation, {target} in every interval)",
             color="tab:blue", linewidth=2)
    top.set_ylabel(f"agents ({group})")
    top.set_title(f"{j.get('scenario', '')} staffing for {target}: "
                  f"{j['agent_hours']:.1f} agent-hours against Erlang C's {j['erlang_c_agent_hours']:.1f}")
    top.legend(loc="lower center", fontsize=8)
    top.grid(alpha=0.3)

    sl = [iv["service_level"][key]["offered"] for iv in q["intervals"]]
    mean = [100 * s["mean"] for s in sl]
    half = [100 * s["ci95"] for s in sl]
    bottom.errorbar(x, mean, yerr=half, fmt="o", color="tab:blue", markersize=3, capsize=2,
                    label="achieved SL, mean and 95% CI")
    goal = j["targets"][queue][0].split("/")[0]
    bottom.axhline(float(goal), color="tab:red", linewidth=1, label=f"target {goal}%")
    bottom.set_ylabel(f"SL within {key} s (%)")
    bottom.set_xticks(list(x)[::2])
    bottom.set_xticklabels(starts[::2], rotation=45)
    bottom.legend(loc="lower right", fontsize=8)
    bottom.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(dst, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
