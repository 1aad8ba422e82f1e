"""Python benchmark: small runs in-process (ccsim.run) against the binary via subprocess.

1,000 runs of tests/bench/one-hour-10-agents.toml (one hour, 10 agents, 10 replications)
each way, each reading its service level, in interleaved blocks (A B A B ..., --pairs blocks of --runs/--pairs runs), and
the median of the per-pair ratios. "subprocess" is the cheapest way through the binary:
`ccsim run FILE --json` parsed (ccsim.run_json); "file" is `--out` + ccsim.load()
(ccsim.simulate), measured on fewer runs (--file-runs), as it is slower still. Every run
returns the same figures; the script checks that the SL agrees.

    CCSIM_BIN=build/ccsim /usr/bin/python3 tests/bench/python_inprocess.py [--runs 1000] [--pairs 5] [--threads N]
"""
import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "analysis"))
import ccsim  # noqa: E402

SCENARIO = HERE / "one-hour-10-agents.toml"


THREADS = None  # --threads: both ways alike (default: all cores)


def flags():
    return [] if THREADS is None else ["--threads", str(THREADS)]


# Each run reads its SL, as an optimisation loop would.
def in_process(n):
    return [ccsim.run(SCENARIO, threads=THREADS).metric("service_level_20_offered")[0] for _ in range(n)][-1]


def via_json(n):
    return [ccsim.run_json("run", SCENARIO, *flags())["total"]["service_level"]["20"]["offered"]["mean"]
            for _ in range(n)][-1]


def via_file(n, folder):
    return [ccsim.simulate("run", SCENARIO, Path(folder) / "r.h5", *flags()).metric("service_level_20_offered")[0]
            for _ in range(n)][-1]


def timed(f, *a):
    t0 = time.perf_counter()
    v = f(*a)
    return time.perf_counter() - t0, v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--file-runs", type=int, default=100)
    ap.add_argument("--threads", type=int, default=None)
    a = ap.parse_args()
    global THREADS
    THREADS = a.threads
    ccsim.run(SCENARIO)  # load the module once
    per = a.runs // a.pairs
    fper = max(1, a.file_runs // a.pairs)
    rows = []
    with tempfile.TemporaryDirectory() as d:
        for p in range(a.pairs):
            ti, vi = timed(in_process, per)
            tj, vj = timed(via_json, per)
            tf, vf = timed(via_file, fper, d)
            assert vi == vj == vf, (vi, vj, vf)
            rows.append((ti / per, tj / per, tf / fper))
            print(f"pair {p + 1}: in-process {1e3 * ti / per:.2f} ms/run, subprocess --json {1e3 * tj / per:.1f} "
                  f"ms/run, subprocess --out + load {1e3 * tf / fper:.1f} ms/run", flush=True)
    med = statistics.median
    print(f"runs: {per * a.pairs} each way ({a.pairs} interleaved pairs); file path {fper * a.pairs}")
    print(f"median per run: in-process {1e3 * med(r[0] for r in rows):.2f} ms, subprocess --json "
          f"{1e3 * med(r[1] for r in rows):.1f} ms, --out + load {1e3 * med(r[2] for r in rows):.1f} ms")
    print(f"median ratio subprocess --json / in-process: {med(r[1] / r[0] for r in rows):.1f}x")
    print(f"median ratio --out + load / in-process: {med(r[2] / r[0] for r in rows):.1f}x")


if __name__ == "__main__":
    main()
