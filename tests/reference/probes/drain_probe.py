#!/usr/bin/python3
"""Drain (on-duty time after the close) of ccsim against refsim's readings of the
after-close rule for transfers, on variants of a scenario. Usage:
    drain_probe.py SCENARIO.toml [-r N] [--seed S] [--set queue.K=JSON ...] [--drop queue.K ...]
"""
import argparse, json, os, subprocess, sys, tomllib, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import refsim, variants

ap = argparse.ArgumentParser()
ap.add_argument("scenario")
ap.add_argument("-r", type=int, default=400)
ap.add_argument("--seed", type=int, default=5)
ap.add_argument("--drop", action="append", default=[], help="QUEUE.KEY or GROUP.KEY")
ap.add_argument("--set", action="append", default=[], help="NAME.KEY=JSON")
ap.add_argument("--ccsim", default="/work/main/build/ccsim")
a = ap.parse_args()
doc = tomllib.load(open(a.scenario, "rb"))
def find(name):
    for t in doc["queue"] + doc["agents"]:
        if t["name"] == name:
            return t
    raise KeyError(name)
for d in a.drop:
    n, k = d.split(".", 1); find(n).pop(k, None)
for s in a.set:
    lhs, v = s.split("=", 1); n, k = lhs.split(".", 1); find(n)[k] = json.loads(v)
path = os.path.join(HERE, "_variant.toml")
open(path, "w").write(variants.dump_toml(doc))
cc = json.loads(subprocess.run([a.ccsim, "run", path, "--json", "-r", str(a.r), "--seed",
                                str(a.seed)], capture_output=True, text=True, check=True).stdout)
m = refsim.load_model(path)
rows = {}
for g, v in cc["agents"].items():
    day = sum(x["mean"] for x in v["interval_agents_on_duty"]) * m.L / 3600
    rows[g] = [("ccsim", v["on_duty_hours"]["mean"] - day, v["on_duty_hours"]["ci95"] / 1.966)]
for mut in (None, "transfer_no_stay", "transfer_stay_count"):
    refsim.MUTANT = mut
    r = refsim.run(m, a.r, a.seed + 1)
    for g, v in r["agents"].items():
        rows[g].append((mut or "refsim", v["drain_hours"]["mean"], v["drain_hours"]["se"]))
refsim.MUTANT = None
for g, rr in rows.items():
    print(f"{g:14s} " + "  ".join(f"{n}={x:.3f}±{s:.3f}" for n, x, s in rr))
for q, v in cc["queues"].items():
    print(f"{q:14s} ccsim abandoned {v['abandoned']['mean']:.3f} answered {v['answered']['mean']:.2f}")
