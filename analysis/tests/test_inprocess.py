"""ccsim.run() and friends in-process (ccsim._ccsim) against the binary: the same tables as
the `--out` file of the same command, the same figures as its `--json` report, the same
dicts as erlang/staff/compare/sweep --json; errors, threads, the GIL and Ctrl-C."""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import textwrap
import threading
import time
import tomllib

import numpy as np
import pandas as pd
import pytest

from conftest import ANALYSIS, BIN, CASES, RUN_CASES, SCENARIOS, VALUE_RUN_CASES, assert_stat, json_stat, run_cli

import ccsim

try:
    ccsim.inprocess.module()
except ImportError as e:  # the module is built with -DCCSIM_PYTHON=ON (CI builds it)
    pytest.skip(f"in-process module not built: {e}", allow_module_level=True)

IN_PROCESS_CASES = RUN_CASES + VALUE_RUN_CASES + ["night"]
TABLES = ccsim.results.RUN_TABLES + ["day_summary", "periods", "value"]
VOLATILE = {"created", "command_line", "scenario_file"}  # how and when, not what


def run_kwargs(args: list[str]) -> dict:
    """ccsim.run() keywords from the command-line flags of a CASES entry."""
    kw: dict = {"set": [], "thresholds": []}
    it = iter(args)
    for a in it:
        if a == "-r":
            kw["replications"] = int(next(it))
        elif a == "--seed":
            kw["seed"] = int(next(it))
        elif a == "--set":
            kw["set"].append(next(it))
        elif a == "--threshold":
            kw["thresholds"].append(next(it))
        else:
            raise AssertionError(f"flag {a} has no run() keyword")
    return kw


def inprocess(name: str, **extra) -> ccsim.Results:
    command, scenario, args, _ = CASES[name]
    assert command == "run"
    return ccsim.run(SCENARIOS / scenario, **run_kwargs(args), **extra)


def assert_same_results(a: ccsim.Results, b: ccsim.Results) -> None:
    assert {k: v for k, v in a.meta.items() if k not in VOLATILE} == \
        {k: v for k, v in b.meta.items() if k not in VOLATILE}
    assert (a.queues, a.groups, a.thresholds, a.scenario_toml) == (b.queues, b.groups, b.thresholds, b.scenario_toml)
    for t in TABLES:
        x, y = getattr(a, t), getattr(b, t)
        assert (x is None) == (y is None), t
        if x is not None:
            pd.testing.assert_frame_equal(x, y, check_exact=True, obj=t)


@pytest.mark.parametrize("name", IN_PROCESS_CASES)
def test_tables_equal_the_out_file(made, name):
    """Table for table, bit for bit, the file `ccsim run --out` writes (read by load())."""
    assert_same_results(inprocess(name), made(name).r)


@pytest.mark.parametrize("name", IN_PROCESS_CASES)
def test_summary_equals_run_json(made, name):
    """Every summary figure equals `ccsim run --json` of the same seed (to 1e-12)."""
    r, j = inprocess(name), made(name).json
    n = 0
    for q in r.queues + ["total"]:
        node = j["total"] if q == "total" else j["queues"][q]
        for _, row in r.summary[r.summary["queue"] == q].iterrows():
            assert_stat(row["mean"], row["ci95"], json_stat(node, row["metric"]), f"{q} {row['metric']}", rel=1e-12)
            n += 1
    assert n == len(r.summary) > 0


@pytest.mark.parametrize("name", ["elite", "bank_sla"])
def test_metric_before_and_after_the_summary_is_built(name):
    """metric() answers from the stored columns until the summary table exists: the same
    figures, and the same error for a figure that is not there."""
    early = inprocess(name)
    keys = [(str(q), str(m)) for q, m in zip(inprocess(name).summary["queue"], inprocess(name).summary["metric"])]
    figures = [early.metric(m, q) for q, m in keys]
    assert isinstance(early.__dict__["_lazy"]["summary"], ccsim.results._Pending)
    assert figures == [early.metric(m, q) for q, m in keys if early.summary is not None]
    with pytest.raises(KeyError):
        inprocess(name).metric("no_such_metric")


def test_several_days_equal_the_out_file(tmp_path):
    """A week (days = 7, per-day tables) in-process against the file."""
    out = tmp_path / "week.h5"
    run_cli("run", SCENARIOS / "help-desk-week.toml", "-r", "3", "--out", out)
    r = ccsim.run(SCENARIOS / "help-desk-week.toml", replications=3)
    assert r.n_days == 7 and r.day_summary is not None
    assert_same_results(r, ccsim.load(out))


def test_path_text_and_dict_give_the_same_run():
    path = SCENARIOS / "bank-80-20.toml"
    text = path.read_text()
    a = ccsim.run(path, replications=3, seed=11)
    b = ccsim.run(text, replications=3, seed=11)
    c = ccsim.run(tomllib.loads(text), replications=3, seed=11)
    for t in ("summary", "intervals", "replications", "group_summary"):
        pd.testing.assert_frame_equal(getattr(a, t), getattr(b, t), check_exact=True)
        pd.testing.assert_frame_equal(getattr(a, t), getattr(c, t), check_exact=True)
    assert b.path == "<text>" and c.path == "<dict>"


def test_set_overrides_as_the_command_line(made):
    """set={key: value} (Python values) and ["key=value"] give what --set gives."""
    a = ccsim.run("bank-80-20.toml", replications=3, set={"agents.universal.staffing_delta": 2,
                                                          "queue.general.handle_time.mean": "200s"})
    b = ccsim.run("bank-80-20.toml", replications=3, set=["agents.universal.staffing_delta=2",
                                                          "queue.general.handle_time.mean=200s"])
    j = json.loads(run_cli("run", SCENARIOS / "bank-80-20.toml", "-r", "3", "--set", "agents.universal.staffing_delta=2",
                           "--set", "queue.general.handle_time.mean=200s", "--json").stdout)
    pd.testing.assert_frame_equal(a.summary, b.summary, check_exact=True)
    sl = a.metric("service_level_20_offered")
    assert sl[0] == j["total"]["service_level"]["20"]["offered"]["mean"]


def test_threads_do_not_change_results():
    a = ccsim.run("elite-line.toml", replications=6, threads=1)
    b = ccsim.run("elite-line.toml", replications=6, threads=2)
    assert_same_results(a, b)


def test_scenario_error_carries_file_line_column(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text((SCENARIOS / "bank-80-20.toml").read_text() + "\n[queue.general.arrivals]\nscale = \"lots\"\n")
    with pytest.raises(ccsim.ScenarioError) as e:
        ccsim.run(bad)
    assert e.value.file == str(bad) and e.value.line > 0 and e.value.column > 0
    assert str(e.value).startswith(f"{bad}:{e.value.line}:{e.value.column}: error: ")
    # the binary says the same, with exit status 2
    p = run_cli("run", bad, check=False)
    assert p.returncode == 2 and p.stderr.strip() == str(e.value)
    with pytest.raises(ccsim.ScenarioError, match="<text>:1:"):
        ccsim.run("scenario.name = 3\n")
    with pytest.raises(ccsim.ScenarioError, match="unknown key 'nope'"):
        ccsim.run("bank-80-20.toml", set={"queue.general.nope": 1})
    with pytest.raises(ccsim.ScenarioError, match="replications"):
        ccsim.run("bank-80-20.toml", replications=0)
    with pytest.raises(ccsim.ScenarioError):
        ccsim.run(tmp_path / "missing.toml")
    assert isinstance(e.value, ValueError)


def test_erlang_staff_compare_equal_their_json():
    flags = ["--rate", "120/h", "--aht", "240s", "--target", "80/20", "--patience", "3min"]
    assert ccsim.erlang(rate="120/h", aht="240s", target="80/20", patience="3min") == \
        json.loads(run_cli("erlang", *flags, "--json").stdout)
    sc = SCENARIOS / "bank-80-20.toml"
    common = ["--set", "scenario.duration=2h", "--set", "queue.general.arrivals.volumes=[90,130,170,200]",
              "--set", "agents.universal.staffing=[15,23,31,37]"]
    setd = ["scenario.duration=2h", "queue.general.arrivals.volumes=[90,130,170,200]",
            "agents.universal.staffing=[15,23,31,37]"]
    staffed = ccsim.staff(sc, replications=4, set=setd)
    assert staffed == json.loads(run_cli("staff", sc, "-r", "4", *common, "--json").stdout)
    # the scenario as a dict: handed over as text, no file written
    assert ccsim.staff(tomllib.loads(sc.read_text()), replications=4, set=setd) == staffed
    rc, out, _ = ccsim.command(["check"], tomllib.loads(sc.read_text()))
    assert rc == 0 and out.startswith("<dict>: OK")
    got = ccsim.compare(sc, replications=4, set=setd, max_replications=4, targets=["80/20", "90/10"])
    assert got == json.loads(run_cli("compare", sc, "-r", "4", "--max-replications", "4", *common,
                                     "--targets", "80/20", "90/10", "--json").stdout)


def test_sweep_equals_its_json(tmp_path):
    sc = SCENARIOS / "bank-80-20.toml"
    axis = "queue.general.arrivals.scale"
    got = ccsim.sweep(sc, {axis: [0.9, 1.1]}, replications=3)
    p = run_cli("sweep", sc, "--vary", f"{axis}=0.9,1.1", "-r", "3", "-q", "--json", "--out", tmp_path / "s.h5")
    assert got == json.loads(p.stdout)
    # the older form: a path second, the binary, Results back
    r = ccsim.sweep("bank-80-20.toml", tmp_path / "old.h5", {axis: [0.9, 1.1]}, "-r", "3")
    assert isinstance(r, ccsim.Results) and len(r.points) == 2


def test_gil_is_released_while_simulating():
    """A Python thread keeps running while another simulates."""
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    t0 = time.perf_counter()
    ccsim.run("elite-line.toml", replications=1000, threads=1)
    elapsed = time.perf_counter() - t0
    done.set()
    t.join()
    assert elapsed > 0.2, "the run is too short to tell"
    # held GIL: the counter would get ~1 tick per switch interval (5 ms) at best
    assert ticks > 0.3 * elapsed / 0.001


def test_ctrl_c_stops_a_run_cleanly(tmp_path):
    """SIGINT during a long run: KeyboardInterrupt within a second, Python's handler back,
    and the next run works (the stop is not remembered)."""
    script = textwrap.dedent(f"""
        import os, signal, sys, threading, time
        sys.path.insert(0, {str(ANALYSIS)!r})
        import ccsim
        threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        t0 = time.perf_counter()
        try:
            ccsim.run("elite-line.toml", replications=100000, threads=1)
            print("not interrupted")
        except KeyboardInterrupt:
            print("interrupted after", round(time.perf_counter() - t0, 2))
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
        r = ccsim.run("bank-80-20.toml", replications=2)
        print("next run", len(r.replications))
    """)
    env = dict(os.environ, CCSIM_BIN=BIN)
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].startswith("interrupted after"), p.stdout
    assert float(lines[0].split()[-1]) < 3.0
    assert lines[1] == "next run 2"


def test_version_is_the_projects():
    cmake = (ANALYSIS.parent / "CMakeLists.txt").read_text()
    assert f"project(ccsim VERSION {ccsim.__version__} " in cmake
    assert ccsim.inprocess.module().__version__ == ccsim.__version__
    assert run_cli("--version").stdout.strip() == f"ccsim {ccsim.__version__}"
    assert ccsim.run("bank-80-20.toml", replications=2).ccsim_version == ccsim.__version__


def test_tidy_tables():
    r = ccsim.run("night-desk.toml", replications=2)
    t = r.tidy()
    sl = t[(t["metric"] == "service_level") & (t["queue"] == "total")]
    assert set(sl["basis"]) >= {"offered", "answered", "refined"}
    assert (sl["threshold"] > 0).all()
    assert isinstance(t["metric"].dtype, pd.CategoricalDtype)
    assert math.isnan(t[t["metric"] == "asa"]["threshold"].iloc[0])
    i = r.tidy("intervals")
    starts = i.drop_duplicates("interval").sort_values("interval")["start"]
    assert starts.is_monotonic_increasing and starts.iloc[0] == pd.Timedelta(hours=22)
    assert starts.iloc[-1] > pd.Timedelta(days=1)
    # without the file: from the labels
    j = ccsim.tidy(r.intervals)
    assert (j.drop_duplicates("interval").sort_values("interval")["start"].to_numpy() == starts.to_numpy()).all()
    assert np.array_equal(r.intervals["offered"], i["offered"])
