"""`--call-log`: the log's counts equal the interval counters; wait_p90 follows from it."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ccsim
from conftest import RUN_CASES, close


def _short_abandon(r: ccsim.Results) -> dict:
    out = {}
    for q in r.scenario.get("queue", []):
        v = q.get("short_abandon", 0)
        out[q["name"]] = ccsim.parse_duration(v) if isinstance(v, str) else float(v)
    return out


@pytest.mark.parametrize("name", RUN_CASES)
def test_call_log_shape(made, name):
    r = made(name).r
    c = r.calls
    assert c is not None and len(c) > 0
    assert list(c.columns[:8]) == ["replication", "queue", "attempt", "arrival", "wait", "outcome",
                                   "group", "handle"]
    queues = r.scenario.get("queue", [])
    closes = any(q.get("at_close", "drain") != "drain" for q in queues)
    callbacks = any("callback" in q for q in queues)
    assert list(c["outcome"].cat.categories) == ["answered", "abandoned", "blocked"] \
        + (["disconnected", "message"] if closes or callbacks else []) + (["callback"] if callbacks else [])
    assert list(c["queue"].cat.categories) == r.queues
    keys = c[["replication", "arrival"]].to_numpy()
    order = np.lexsort((keys[:, 1], keys[:, 0]))
    assert (order == np.arange(len(c))).all(), "calls not sorted by (replication, arrival)"
    ans = c["outcome"].isin(["answered", "callback"])  # served by an agent
    assert c.loc[ans, "group"].notna().all() and c.loc[~ans, "group"].isna().all()
    assert c.loc[ans, "handle"].notna().all() and c.loc[~ans, "handle"].isna().all()
    assert (c.loc[c["outcome"] == "blocked", "wait"] == 0).all()
    assert (c["wait"] >= 0).all() and (c["attempt"] >= 1).all()
    assert c["arrival"].min() >= 0
    # A call transferred after the close arrives after the day's end (docs/routing.md).
    transfers = any("transfer" in q for q in r.scenario.get("queue", []))
    assert transfers or c["arrival"].max() < r.n_intervals * r.interval_seconds
    assert set(c["replication"].unique()) == set(range(r.n_replications))


@pytest.mark.parametrize("name", RUN_CASES)
def test_call_log_counts_equal_interval_counters(made, name):
    r = made(name).r
    rebuilt = ccsim.call_counters(r, short_abandon=_short_abandon(r))
    iv = r.intervals.set_index(["replication", "queue", "interval"]).sort_index()
    rebuilt = rebuilt.reindex(iv.index, fill_value=0)
    assert int(iv["offered"].sum()) == len(r.calls)
    for col in rebuilt.columns:
        a, b = rebuilt[col].to_numpy(), iv[col].to_numpy()
        if col.startswith("wait"):
            assert np.allclose(a, b, rtol=1e-9, atol=1e-6), col
        else:
            assert (a == b).all(), f"{col}: {int((a != b).sum())} intervals differ"


@pytest.mark.parametrize("name", RUN_CASES)
def test_wait_p90_from_the_call_log(made, name):
    r = made(name).r
    p90 = ccsim.wait_quantile(r, 0.9, by=["queue"])
    rep = r.replications.set_index(["replication", "queue"]).sort_index()["wait_p90"]
    p90 = p90.reindex(rep.index)
    assert np.allclose(p90.to_numpy(), rep.to_numpy(), rtol=1e-9, equal_nan=True)
    total = ccsim.mean_ci(ccsim.wait_quantile(r, 0.9))
    mean, ci = r.metric("wait_p90")
    assert close(total["mean"], mean) and close(total["ci95"], ci)
    exact = ccsim.wait_quantile(r, 0.9, by=["queue"], exact=True).reindex(rep.index)
    assert (np.abs(exact - p90).dropna() < 0.5 + 1e-9).all()  # docs/metrics.md §3


def test_load_without_call_log(made):
    m = made("bank")
    r = ccsim.load(m.path, calls=False)
    assert r.calls is None
    assert r.staffing is None and r.comparison is None
    pd.testing.assert_frame_equal(r.summary, m.r.summary)
