"""Long-run figures (docs/metrics.md §5): the ratio of the counters summed over all
replications, in `/summary`, the `--json` report and the `--csv` summary, against the
counters of the same file summed here."""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

import ccsim
from conftest import RUN_CASES, SCENARIOS, close, json_stat, run_cli

# metric -> (numerator, denominator) in counter names; "{T}" a threshold key
TERMS = {
    "service_level_{T}_offered": (["answered_within_{T}"], [], ["offered"], []),
    "service_level_{T}_answered": (["answered_within_{T}"], [], ["answered"], []),
    "service_level_{T}_refined": (["answered_within_{T}"], [], ["offered"], ["abandoned_within_{T}"]),
    "service_level_{T}_abandoned_met": (["answered_within_{T}", "abandoned_within_{T}"], [], ["offered"], []),
    "asa": (["wait_answered"], [], ["answered"], []),
    "abandon_rate": (["abandoned"], [], ["offered"], []),
    "abandon_rate_refined": (["abandoned"], ["short_abandoned"], ["offered"], ["short_abandoned"]),
    "mean_wait_all": (["wait_all"], [], ["answered", "abandoned"], []),
    "blocked_rate": (["blocked"], [], ["offered"], []),
    "caller_answered_rate": (["callers_answered"], [], ["callers"], []),
    "caller_abandon_rate": (["callers_abandoned"], [], ["callers"], []),
    "caller_blocked_rate": (["callers_blocked"], [], ["callers"], []),
    "transfer_asa": (["transfers_in_wait"], [], ["transfers_in_answered"], []),
    "time_to_callback": (["callback_wait"], [], ["callbacks_completed"], []),
}


def _terms(df: pd.DataFrame, metric: str):
    """Per-row numerator and denominator of `metric` (a name with its threshold key)."""
    for pattern, (xp, xm, yp, ym) in TERMS.items():
        if "{T}" in pattern:
            head, tail = pattern.split("{T}")
            if not (metric.startswith(head) and metric.endswith(tail)):
                continue
            t = metric[len(head):len(metric) - len(tail)]
        elif metric != pattern:
            continue
        else:
            t = ""
        col = lambda c: df[c.replace("{T}", t)].astype(float).to_numpy()  # noqa: E731
        x = sum(col(c) for c in xp) - sum((col(c) for c in xm), np.zeros(len(df)))
        y = sum(col(c) for c in yp) - sum((col(c) for c in ym), np.zeros(len(df)))
        return x, y
    return None


def _expected(x, y):
    """R and its delta-method half-width, computed here from scratch."""
    n = len(x)
    if y.sum() == 0:
        return math.nan, 0.0
    r = x.sum() / y.sum()
    if n < 2:
        return r, 0.0
    var = ((x - r * y) ** 2).sum() / (n * (n - 1) * (y.sum() / n) ** 2)
    return r, ccsim.t_quantile(0.975, n - 1) * math.sqrt(var)


@pytest.mark.parametrize("name", RUN_CASES)
def test_summary_long_run_is_the_ratio_of_the_counters_sums(made, name):
    r = made(name).r
    s, reps = r.summary, r.replications
    checked = 0
    for q in r.queues + ["total"]:
        rows = reps if q == "total" else reps[reps["queue"] == q]
        # the total: each replication's counters summed over the queues first
        per_rep = rows.groupby("replication", observed=True).sum(numeric_only=True)
        for _, row in s[s["queue"] == q].iterrows():
            t = _terms(per_rep, row["metric"])
            if t is None:  # counts and wait_p90: no long-run form
                assert math.isnan(row["long_run_mean"]) and math.isnan(row["long_run_ci95"]), row["metric"]
                continue
            x, y = t
            want, half = _expected(x, y)
            if math.isnan(want):
                assert math.isnan(row["long_run_mean"])
                continue
            assert math.isclose(row["long_run_mean"], x.sum() / y.sum(), rel_tol=1e-12), (q, row["metric"])
            assert math.isclose(row["long_run_ci95"], half, rel_tol=1e-9, abs_tol=1e-15), (q, row["metric"])
            checked += 1
    assert checked > 0


@pytest.mark.parametrize("name", RUN_CASES)
def test_json_long_run_equals_summary(made, name):
    m = made(name)
    s, j = m.r.summary, m.json
    for q in m.r.queues + ["total"]:
        node = j["total"] if q == "total" else j["queues"][q]
        assert "long_run" in node
        for _, row in s[s["queue"] == q].iterrows():
            if math.isnan(row["long_run_mean"]) and _terms(m.r.replications.head(1), row["metric"]) is None:
                continue
            stat = json_stat(node["long_run"], row["metric"])
            assert close(row["long_run_mean"], stat["mean"], rel=1e-12), (q, row["metric"])
            if stat["mean"] is not None:
                assert close(row["long_run_ci95"], stat["ci95"], rel=1e-9, abs_=1e-15), (q, row["metric"])


@pytest.mark.parametrize("name", ["bank", "elite"])
def test_interval_long_run_from_the_interval_counters(made, name):
    m = made(name)
    r, j = m.r, m.json
    iv = r.intervals
    for q in r.queues:
        node = j["queues"][q]["intervals"]
        rows = iv[iv["queue"] == q]
        for k, d in rows.groupby("interval", observed=True):
            lr = node[int(k)]["long_run"]
            for metric in ("asa", "abandon_rate", f"service_level_{ccsim.threshold_key(r.thresholds[0])}_offered"):
                x, y = _terms(d, metric)
                want, half = _expected(x, y)
                stat = json_stat(lr, metric)
                assert close(want, stat["mean"], rel=1e-12), (q, k, metric)
                if stat["mean"] is not None:
                    assert close(half, stat["ci95"], rel=1e-9, abs_=1e-15), (q, k, metric)


def test_python_long_run_matches_ccsim(made):
    r = made("elite").r
    lr = ccsim.long_run(r.replications, by=["queue"])
    s = r.summary.set_index(["queue", "metric"])
    for _, row in lr.iterrows():
        got = s.loc[(row["queue"], row["metric"])]
        assert close(row["long_run_mean"], got["long_run_mean"], rel=1e-12), row["metric"]
        assert close(row["long_run_ci95"], got["long_run_ci95"], rel=1e-9, abs_=1e-15), row["metric"]


def test_csv_long_run_columns_at_the_end(made, tmp_path):
    m = made("bank")
    csv = tmp_path / "s.csv"
    run_cli(*m.args, "--csv", csv)
    c = pd.read_csv(csv)
    assert list(c.columns) == ["queue", "metric", "mean", "ci95", "long_run_mean", "long_run_ci95"]
    s = m.r.summary
    for a, b in zip(c["long_run_mean"], s["long_run_mean"]):
        assert close(a, b, rel=2e-9)
    civ = tmp_path / "i.csv"
    run_cli(*m.args, "--csv-intervals", civ)
    header = civ.read_text().splitlines()[0].split(",")
    assert header[-2:] == [f"service_level_{ccsim.threshold_key(m.r.thresholds[-1])}_abandoned_met_long_run",
                           f"service_level_{ccsim.threshold_key(m.r.thresholds[-1])}_abandoned_met_long_run_ci95"]


def test_forecast_error_separates_daily_mean_and_long_run(ccsim_bin, tmp_path):
    """Day-level forecast error: busy days are worse served, so the long-run SL is below the
    mean of the daily SLs; the text report says so, and sl_estimator = long_run judges on it."""
    sc = SCENARIOS / "bank-sla-month.toml"
    args = ["-r", "1000", "--set", "queue.general.arrivals.forecast_cv=0.2"]
    j = json.loads(run_cli("run", sc, *args, "--json").stdout)
    q = next(iter(j["queues"]))
    node = j["queues"][q]
    t = next(iter(node["service_level"]))
    daily, lr = node["service_level"][t]["offered"], node["long_run"]["service_level"][t]["offered"]
    assert lr["mean"] < daily["mean"] - daily["ci95"] - lr["ci95"]
    text = run_cli("run", sc, *args).stdout
    assert "long-run (all calls pooled)" in text
    j2 = json.loads(run_cli("run", sc, *args, "--json", "--set", f"queue.{q}.sl_estimator=long_run").stdout)
    n2 = j2["queues"][q]
    assert n2["sl_estimator"] == "long_run"
    sl = next(tr for tr in n2["targets"] if tr["target"] == "80/20")
    assert sl["value"]["mean"] == n2["long_run"]["service_level"]["20"]["offered"]["mean"]
    assert sl["value"]["ci95"] == n2["long_run"]["service_level"]["20"]["offered"]["ci95"]
    # the daily estimator (the default) judges on the daily mean, as before
    sl = next(tr for tr in node["targets"] if tr["target"] == "80/20")
    assert node["sl_estimator"] == "daily_mean"
    assert sl["value"]["mean"] == node["service_level"]["20"]["offered"]["mean"]


def test_wait_quantile_beyond_four_hours_is_exact():
    from ccsim.recompute import _hist_quantile
    waits = np.array([0.0] * 5 + [10.0] * 3 + [5 * 3600.0, 6 * 3600.0])
    assert _hist_quantile(waits, 0.9) == 5 * 3600.0
    assert _hist_quantile(waits, 1.0) == 6 * 3600.0


def test_sl_estimator_from_the_file(ccsim_bin, tmp_path):
    out = tmp_path / "lr.h5"
    run_cli("run", SCENARIOS / "bank-80-20.toml", "-r", "3", "--set", "queue.general.sl_estimator=long_run",
            "--out", out)
    r = ccsim.load(out)
    assert r.sl_estimator("general") == "long_run"
    assert ccsim.load(out).sl_basis("general") == "offered"
