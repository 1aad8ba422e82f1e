#!/usr/bin/python3
"""Compare ccsim with the reference simulator refsim, scenario by scenario.

Usage:
    compare.py [SCENARIO.toml ...] [--ccsim BIN] [-r N] [--seed S] [--k K] [--json]
               [--defaults] [--skip-unsupported] [--ref-mutant NAME] [--ref-variant LABEL]

Without scenarios, every file in tests/reference/scenarios/ is compared. The binary is
--ccsim, else $CCSIM_BIN, else /work/main/build/ccsim. For each scenario this runs
`ccsim run SCENARIO --json -r N --seed S` and refsim with the same number of
replications (its own random numbers), and checks, per queue, SL (offered basis, the
first target's threshold), ASA, abandon rate, offered, answered, abandoned and mean wait
of all calls, and, when ccsim's JSON has them, balked, disconnected and messages; in a
scenario with transfers, also transferred, transfers_in and transfer_asa (ccsim must
report them: docs/metrics.md §2, §8); in a scenario with callbacks, the queue's
"callbacks" offered, accepted, completed and time_to_callback (likewise required); per
group, occupancy, and in a scenario with transfers or callbacks also on-duty hours (where
agents staying after the close for transfers or callbacks shows); in a scenario with
forecast error (forecast_cv, interval_cv, [[day_factor]]), also the day-to-day variance of
each queue's offered calls and of the total (where shared factors show):

    |mean_ccsim - mean_ref| <= K * sqrt(se_ccsim^2 + se_ref^2)      (K = 3)

ccsim's JSON gives the mean and the 95% Student-t half-width over the replications where
the value is defined (docs/metrics.md §5); se_ccsim = ci95 / t(0.975, N - 1) (the JSON has
no count of defined days, so N, the number of replications, is used).

Exit status: 0 every check passed, 1 some check failed (or ccsim rejected a scenario,
unless --skip-unsupported), 2 usage error.
"""

import argparse
import glob
import json
import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import refsim  # noqa: E402

DEFAULT_BIN = "/work/main/build/ccsim"


def run_ccsim(binary, scenario, reps, seed, tries=12):
    """ccsim's JSON, or (None, message) when ccsim refuses the scenario."""
    cmd = [binary, "run", scenario, "--json", "-r", str(reps), "--seed", str(seed)]
    for attempt in range(tries):
        if not os.path.exists(binary):   # being relinked: wait a little
            time.sleep(5)
            continue
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        except OSError:                  # e.g. text file busy while linking
            time.sleep(5)
            continue
        if p.returncode == 0:
            return json.loads(p.stdout), " ".join(cmd)
        if p.returncode == 2:
            return None, p.stderr.strip()
        time.sleep(5)
    return None, f"ccsim failed {tries} times: {' '.join(cmd)}"


def stat_of(d, *path):
    for k in path:
        if d is None or k not in d:
            return None
        d = d[k]
    return d if isinstance(d, dict) and "mean" in d else None


def compare_scenario(path, binary, reps, seed, k, ref_variant=None):
    model = refsim.load_model(path)
    if ref_variant:
        # "does it matter": refsim simulates a variant (variants.py) of the scenario,
        # ccsim the scenario itself; the checks should fail
        import tomllib
        import variants
        with open(path, "rb") as f:
            vs = variants.variants(tomllib.load(f))
        if ref_variant not in vs:
            raise ValueError(f"no variant {ref_variant!r} (there are: {', '.join(vs)})")
        model = refsim.Model(vs[ref_variant], os.path.dirname(os.path.abspath(path)))
    reps = reps or model.replications
    seed = model.seed if seed is None else seed
    cc, info = run_ccsim(binary, path, reps, seed)
    name = os.path.basename(path)
    if cc is None:
        return {"scenario": name, "command": None, "error": info, "rows": []}
    ref = refsim.run(model, reps, seed)
    tq = refsim.t_quantile_975(reps - 1) if reps > 1 else float("inf")
    rows = []

    def add(metric, c, r, se_c=None):
        cm = c["mean"] if c else None
        rm = r["mean"] if r else None
        if cm is None or rm is None:
            ok = cm is None and rm is None
            rows.append({"scenario": name, "metric": metric, "ccsim": cm, "ref": rm,
                         "diff": None, "bound": None, "ok": ok})
            return
        if se_c is None:
            se_c = c["ci95"] / tq
        bound = k * math.sqrt(se_c ** 2 + r["se"] ** 2)
        diff = cm - rm
        slack = 1e-9 * max(1.0, abs(cm), abs(rm))   # rounding of means of counts
        rows.append({"scenario": name, "metric": metric, "ccsim": cm, "ref": rm,
                     "diff": diff, "bound": bound, "ok": abs(diff) <= bound + slack})

    for q in model.queues:
        cq = cc["queues"].get(q.name)
        rq = ref["queues"][q.name]
        if q.thresholds:
            t = q.thresholds[0]
            key = refsim.threshold_key(t)
            add(f"{q.name} SL{key} offered", stat_of(cq, "service_level", key, "offered"),
                rq[f"sl_{key}"])
        add(f"{q.name} ASA", stat_of(cq, "asa"), rq["asa"])
        add(f"{q.name} abandon rate", stat_of(cq, "abandon_rate"), rq["abandon_rate"])
        add(f"{q.name} offered", stat_of(cq, "offered"), rq["offered"])
        add(f"{q.name} answered", stat_of(cq, "answered"), rq["answered"])
        add(f"{q.name} abandoned", stat_of(cq, "abandoned"), rq["abandoned"])
        # Calls that left at the close (disconnected + messages): ccsim's JSON has no such
        # count, but the means add up: offered - answered - abandoned - blocked. Its SE is
        # bounded by the sum of the four SEs (conservative: the counts are correlated).
        parts = [stat_of(cq, f) for f in ("offered", "answered", "abandoned", "blocked")]
        if q.at_close != "drain" and all(parts):
            mean = parts[0]["mean"] - sum(x["mean"] for x in parts[1:])
            se_sum = sum(x["ci95"] for x in parts) / tq
            add(f"{q.name} left at close (derived)", {"mean": mean, "ci95": 0.0},
                rq["left_at_close"], se_c=se_sum)
        add(f"{q.name} mean wait all", stat_of(cq, "mean_wait_all"), rq["mean_wait_all"])
        for extra in ("balked", "disconnected", "messages"):
            c = stat_of(cq, extra)
            if c is not None:
                add(f"{q.name} {extra}", c, rq[extra])
        if model.has_transfer:
            # metrics.md §8: present in every queue of a scenario that transfers (0 for a
            # queue without transfers; transfer_asa null where no transfer was answered).
            # A missing field fails (ccsim None against a refsim number).
            for extra in ("transferred", "transfers_in", "transfer_asa"):
                add(f"{q.name} {extra}", stat_of(cq, extra), rq[extra])
        if model.has_callback:
            # metrics.md §8: "callbacks": {offered, accepted, completed, time_to_callback}
            # under every queue of a scenario with callbacks; a missing one fails.
            for extra in ("offered", "accepted", "completed", "time_to_callback"):
                rkey = extra if extra == "time_to_callback" else f"callbacks_{extra}"
                add(f"{q.name} callbacks {extra}", stat_of(cq, "callbacks", extra), rq[rkey])
    if model.has_forecast_error:
        # Forecast error (scenario-format.md "arrivals", "Shared forecast error"): the
        # day-to-day variance of offered calls, per queue and for the total (where shared
        # factors show: Var(N_a + N_b) = L + L^2 c^2). ccsim's variance from its ci95:
        # sd = ci95 / t x sqrt(N); both estimates get refsim's SE of the variance.
        def add_var(label, c, r):
            if c is None:
                add(label, None, r)
                return
            sd_c = c["ci95"] / tq * math.sqrt(reps)
            add(label, {"mean": sd_c ** 2, "ci95": 0.0}, {"mean": r["var"], "se": r["se_var"]},
                se_c=r["se_var"])
        for q in model.queues:
            add_var(f"{q.name} offered variance", stat_of(cc["queues"].get(q.name), "offered"),
                    ref["queues"][q.name]["offered"])
        if len(model.queues) > 1:
            add_var("total offered variance", stat_of(cc, "total", "offered"),
                    ref["total"]["offered"])
    for g in model.groups:
        add(f"{g.name} occupancy", stat_of(cc["agents"].get(g.name), "occupancy"),
            ref["agents"][g.name]["occupancy"])
        if model.has_transfer or model.has_callback:
            add(f"{g.name} on-duty hours", stat_of(cc["agents"].get(g.name), "on_duty_hours"),
                ref["agents"][g.name]["on_duty_hours"])
    return {"scenario": name, "command": info, "error": None, "rows": rows}


def fmt(x, w=11):
    if x is None:
        return f"{'-':>{w}}"
    return f"{x:>{w}.5g}"


def main(argv=None):
    ap = argparse.ArgumentParser(description="Compare ccsim with refsim.")
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--ccsim", default=os.environ.get("CCSIM_BIN", DEFAULT_BIN))
    ap.add_argument("-r", "--replications", type=int, help="default: the scenario's")
    ap.add_argument("--seed", type=int, help="default: the scenario's")
    ap.add_argument("--k", type=float, default=3.0, help="tolerance in standard errors")
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    ap.add_argument("--defaults", action="store_true",
                    help="compare each scenario with its routing/balk/at_close keys removed "
                         "(the default rules), as written to a temporary folder")
    ap.add_argument("--skip-unsupported", action="store_true",
                    help="a scenario ccsim rejects (exit 2) is skipped, not failed")
    ap.add_argument("--ref-variant", metavar="LABEL",
                    help="does it matter: refsim runs a variant of each scenario (a label of "
                         "variants.py, e.g. 'day-average lists', 'independent forecast "
                         "errors'); the checks are expected to fail")
    ap.add_argument("--ref-mutant", choices=refsim.MUTANTS,
                    help="diagnosis: run refsim with one of its deliberate deviations "
                         "(e.g. transfer_flush_bug, ccsim's observed after-close rule)")
    try:
        a = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    paths = a.scenarios or sorted(glob.glob(os.path.join(HERE, "scenarios", "*.toml")))
    for p in paths:
        if not os.path.isfile(p):
            print(f"compare.py: no such scenario file: {p}", file=sys.stderr)
            return 2
    if a.replications is not None and a.replications < 2:
        print("compare.py: need at least 2 replications", file=sys.stderr)
        return 2
    if not os.path.exists(a.ccsim):
        time.sleep(10)
        if not os.path.exists(a.ccsim):
            print(f"compare.py: no ccsim binary at {a.ccsim}", file=sys.stderr)
            return 2

    if a.defaults:
        import tempfile
        import tomllib
        import variants
        tmp = tempfile.mkdtemp(prefix="refsim-defaults-")
        stripped = []
        for p in paths:
            with open(p, "rb") as f:
                doc = variants.strip_rules(tomllib.load(f))
            out = os.path.join(tmp, os.path.basename(p).replace(".toml", ".defaults.toml"))
            with open(out, "w") as f:
                f.write(variants.dump_toml(doc))
            stripped.append(out)
        paths = stripped

    refsim.MUTANT = a.ref_mutant
    results = []
    for p in paths:
        try:
            results.append(compare_scenario(p, a.ccsim, a.replications, a.seed, a.k,
                                            a.ref_variant))
        except (NotImplementedError, ValueError, KeyError) as e:
            print(f"compare.py: {p}: refsim cannot run it: {e}", file=sys.stderr)
            return 2

    failed = sum(1 for r in results for row in r["rows"] if not row["ok"])
    rejected = [r for r in results if r["error"]]
    status = 1 if failed or (rejected and not a.skip_unsupported) else 0
    if a.json:
        json.dump({"k": a.k, "ccsim": a.ccsim, "scenarios": results, "failed": failed,
                   "rejected": len(rejected), "status": status}, sys.stdout, indent=1)
        print()
        return status
    print(f"{'scenario':28s} {'metric':30s} {'ccsim':>11s} {'ref':>11s} {'diff':>11s} "
          f"{f'{a.k:g}SE bound':>11s}  ok")
    for r in results:
        if r["error"]:
            print(f"{r['scenario']:28s} ccsim rejected it: {r['error']}")
            continue
        for row in r["rows"]:
            print(f"{row['scenario']:28s} {row['metric']:30s} {fmt(row['ccsim'])} "
                  f"{fmt(row['ref'])} {fmt(row['diff'])} {fmt(row['bound'])}  "
                  f"{'ok' if row['ok'] else 'FAIL'}")
    checks = sum(len(r["rows"]) for r in results)
    print(f"{checks - failed} passed, {failed} failed"
          + (f", {len(rejected)} scenarios rejected by ccsim" if rejected else ""))
    return status


if __name__ == "__main__":
    sys.exit(main())
