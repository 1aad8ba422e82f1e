#!/usr/bin/python3
"""Does each reference scenario's rule matter? (refsim only; no ccsim needed.)

For every scenario, refsim runs the scenario and each alternative rule of the same family
(every other call_choice, agent_choice, balking form, at_close mode; for transfers the
same scenario without them, and with the transferred volumes as the destination's own
Poisson arrivals; variants.py), and
prints, per alternative, the largest |z| over the figures compare.py checks:
z = (a - b) / sqrt(se_a^2 + se_b^2). A scenario whose smallest such |z| is large would
catch an engine that applied the wrong rule of the family; with |z| < 3 compare.py could
not tell the two rules apart.

With --mutants, refsim also runs each scenario with deliberate mistakes
(refsim.MUTANTS: balking counting callers whose patience ran out behind the head, the
close disconnecting such callers, a staffing rise not cancelling pending departures,
least_busy_group not counting agents about to leave, the longest-idle agents sent home
first at a drop; for scenarios with transfers: the transfer at the end of wrap-up,
transferred calls transferred again, destination agents not staying after the close, or
staying only for transfers already drawn, or also for source calls still talking, the
source's handle time kept, the transfer before the service end of the same moment) and prints how many SE each moves the checked figures. The mutant runs
use the scenario's own seed, so a mutant that changes nothing shows 0.

Usage: power.py [SCENARIO.toml ...] [-r N] [--mutants]
"""

import argparse
import glob
import math
import os
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import refsim  # noqa: E402
import variants  # noqa: E402


def figures(res, model):
    out = {}
    for q in model.queues:
        d = res["queues"][q.name]
        if q.thresholds:
            k = refsim.threshold_key(q.thresholds[0])
            out[f"{q.name} SL{k}"] = d[f"sl_{k}"]
        for m in ("asa", "abandon_rate", "mean_wait_all", "balked", "disconnected",
                  "messages", "answered", "abandoned", "left_at_close", "offered"):
            out[f"{q.name} {m}"] = d[m]
        if model.has_transfer:
            for m in ("transferred", "transfers_in", "transfer_asa"):
                out[f"{q.name} {m}"] = d[m]
        if model.has_callback:
            for m in ("callbacks_offered", "callbacks_accepted", "callbacks_completed",
                      "time_to_callback"):
                out[f"{q.name} {m}"] = d[m]
    if model.has_forecast_error:    # compare.py's variance checks (forecast error)
        for q in model.queues:
            o = res["queues"][q.name]["offered"]
            out[f"{q.name} offered variance"] = {"mean": o["var"], "se": o["se_var"]}
        o = res["total"]["offered"]
        out["total offered variance"] = {"mean": o["var"], "se": o["se_var"]}
    for g in model.groups:
        out[f"{g.name} occupancy"] = res["agents"][g.name]["occupancy"]
        if model.has_transfer or model.has_callback:
            out[f"{g.name} on_duty_hours"] = res["agents"][g.name]["on_duty_hours"]
    return out


CORE = ("SL", "asa", "abandon_rate", "occupancy")


def zmax(a, b, core=False):
    best, where = 0.0, ""
    for k in a:
        if core and not any(c in k for c in CORE):
            continue
        if k not in b:
            continue
        x, y = a[k], b[k]
        if x["mean"] is None or y["mean"] is None:
            continue
        se = math.sqrt(x["se"] ** 2 + y["se"] ** 2)
        if se == 0:
            z = 0.0 if x["mean"] == y["mean"] else math.inf
        else:
            z = abs(x["mean"] - y["mean"]) / se
        if z > best:
            best, where = z, k
    return best, where


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("-r", "--replications", type=int)
    ap.add_argument("--mutants", action="store_true")
    a = ap.parse_args()
    paths = a.scenarios or sorted(glob.glob(os.path.join(HERE, "scenarios", "*.toml")))
    for p in paths:
        with open(p, "rb") as f:
            doc = tomllib.load(f)
        model = refsim.Model(doc)
        reps = a.replications or model.replications
        base = figures(refsim.run(model, reps, model.seed), model)
        vs = variants.variants(doc)
        print(f"{os.path.basename(p)}")
        if a.mutants:
            for mut in refsim.MUTANTS:
                if mut.startswith("transfer") and not model.has_transfer:
                    continue
                if mut.startswith("callback") and not model.has_callback:
                    continue
                refsim.MUTANT = mut
                try:
                    other = figures(refsim.run(model, reps, model.seed), model)  # same draws
                finally:
                    refsim.MUTANT = None
                z, where = zmax(base, other)
                print(f"   mutant {mut:28s} max |z| {z:6.1f} ({where})")
        if not vs:
            continue
        worst = math.inf
        for label, d in vs.items():
            m = refsim.Model(d)
            other = figures(refsim.run(m, reps, model.seed + 7919), m)
            z, where = zmax(base, other)
            zc, wc = zmax(base, other, core=True)
            worst = min(worst, z)
            print(f"   vs {label:28s} max |z| {z:6.1f} ({where});"
                  f" SL/ASA/abandon/occupancy only {zc:6.1f} ({wc})")
        print(f"   smallest: {worst:.1f}")


if __name__ == "__main__":
    main()
