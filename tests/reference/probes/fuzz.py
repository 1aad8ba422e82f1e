#!/usr/bin/python3
"""Deterministic fuzzing of ccsim against refsim on tiny trace scenarios with transfers.

Usage: fuzz.py [SEED [N [REFSIM_MUTANT]]]     (environment: FUZZ_SMALL, FUZZ_SPLIT,
                                              FUZZ_ONEWAY restrict the cases)

Each case: a 300-s day, queues S (per-call handle times from a trace, every call
transferred to T) and T (fixed handle time, sometimes transferring every call back to S),
a group serving both and sometimes a group serving T only, a few arrivals near the close.
Nothing is random (transfer probability 1, fixed or traced times), so ccsim and refsim
must agree exactly: offered, answered, abandoned, ASA, transfer_asa per queue, on-duty
seconds per group. Prints the first differing cases and the count. With the refsim
mutant transfer_flush_bug (ccsim's observed after-close rule, FINDINGS.md "Transfers")
no case differs (450 cases, seeds 1-3, on the binary of 2026-12-02). Writes its scratch
files (_fuzz.toml, _fs.csv, _ft.csv) next to itself and removes them at the end."""
import json, os, random, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import refsim, variants

def case(rng):
    close = 300
    n1, n2 = rng.randint(1, 3), rng.randint(0, 2)
    doc = {"scenario": {"name": "fuzz", "interval": f"{close}s", "duration": f"{close}s",
                        "replications": 2, "seed": 1},
           "queue": [{"name": "S", "arrivals": {"trace": "_fs.csv"},
                      "handle_time": {"dist": "fixed", "value": "60s"},
                      "transfer": {"to": "T", "probability": 1.0}},
                     {"name": "T", "arrivals": {"trace": "_ft.csv"},
                      "handle_time": {"dist": "fixed", "value": f"{rng.choice([30, 70, 130])}s"}}],
           "agents": [{"name": "blend", "serves": rng.choice([["S", "T"], ["T", "S"]]), "staffing": n1}]}
    if n2:
        doc["agents"].append({"name": "desk", "serves": ["T"], "staffing": n2})
    if rng.random() < 0.5:
        doc["queue"][1]["transfer"] = {"to": "S", "probability": 1.0}
    small = os.environ.get("FUZZ_SMALL")
    s = sorted(rng.sample(range(150, 300), rng.randint(1, 2 if small else 5)))
    t = sorted(rng.sample(range(150, 300), rng.randint(1, 1 if small else 3)))
    if os.environ.get("FUZZ_SPLIT"):   # the source's group does not serve T
        doc["agents"][0]["serves"] = ["S"]
        if not n2:
            doc["agents"].append({"name": "desk", "serves": ["T"], "staffing": 1})
    if os.environ.get("FUZZ_ONEWAY"):
        doc["queue"][1].pop("transfer", None)
    fs = "arrival,handle_time\n" + "".join(f"{x},{rng.choice([20, 50, 90, 170])}\n" for x in s)
    ft = "arrival\n" + "".join(f"{x}\n" for x in t)
    return doc, fs, ft

def figures_cc(d):
    out = {}
    for q, v in d["queues"].items():
        for k in ("offered", "answered", "abandoned", "asa", "transfer_asa"):
            out[f"{q}.{k}"] = v[k]["mean"]
    for g, v in d["agents"].items():
        out[f"{g}.on_duty_s"] = round(v["on_duty_hours"]["mean"] * 3600, 6)
    return out

def figures_ref(r):
    out = {}
    for q, v in r["queues"].items():
        for k in ("offered", "answered", "abandoned", "asa", "transfer_asa"):
            out[f"{q}.{k}"] = v[k]["mean"]
    for g, v in r["agents"].items():
        out[f"{g}.on_duty_s"] = round(v["on_duty_hours"]["mean"] * 3600, 6)
    return out

def main():
    rng = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    mut = sys.argv[3] if len(sys.argv) > 3 else None
    bad = 0
    for i in range(n):
        doc, fs, ft = case(rng)
        open(os.path.join(HERE, "_fs.csv"), "w").write(fs)
        open(os.path.join(HERE, "_ft.csv"), "w").write(ft)
        path = os.path.join(HERE, "_fuzz.toml")
        open(path, "w").write(variants.dump_toml(doc))
        p = subprocess.run(["/work/main/build/ccsim", "run", path, "--json"], capture_output=True, text=True)
        if p.returncode:
            print("ccsim error", p.stderr); continue
        c = figures_cc(json.loads(p.stdout))
        refsim.MUTANT = mut
        r = figures_ref(refsim.run(refsim.load_model(path), 2, 1))
        diff = {k: (c[k], r[k]) for k in c if (c[k] is None) != (r[k] is None) or (c[k] is not None and abs(c[k] - r[k]) > 1e-6)}
        if diff:
            bad += 1
            if bad <= 3:
                print(f"case {i}: {json.dumps(doc['agents'])} T handle {doc['queue'][1]['handle_time']['value']} T transfers {'transfer' in doc['queue'][1]}")
                print("  S:", fs.replace(chr(10), ' '), " T:", ft.replace(chr(10), ' '))
                print("  ", diff)
    print(f"{bad} of {n} cases differ")
    for f in ("_fuzz.toml", "_fs.csv", "_ft.csv"):
        try:
            os.remove(os.path.join(HERE, f))
        except OSError:
            pass

main()
