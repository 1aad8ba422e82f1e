"""A horizon of several days (scenario.days > 1, docs/scenario-format.md "Several days"):
`/day_summary`, the JSON `days` blocks and `--csv-days` give each day's figures, the same
as the interval counters of the same file summed over that day's intervals here."""
from __future__ import annotations

import json
import math

import pandas as pd
import pytest

import ccsim
from conftest import SCENARIOS, close, json_stat, run_cli
from test_long_run import _expected, _terms

WEEK = SCENARIOS / "help-desk-week.toml"


@pytest.fixture(scope="module")
def week(ccsim_bin, tmp_path_factory):
    d = tmp_path_factory.mktemp("week")
    h5, days_csv = d / "week.h5", d / "days.csv"
    p = run_cli("run", WEEK, "-r", 8, "--json", "--out", h5, "--csv-days", days_csv)
    return ccsim.load(h5), json.loads(p.stdout), pd.read_csv(days_csv)


def test_days_in_every_output(week):
    r, j, csv = week
    assert r.n_days == 7 and r.day_intervals == 48 and r.n_intervals == 336
    assert j["days"] == 7 and j["day_intervals"] == 48
    assert [d["day"] for d in j["queues"]["helpdesk"]["days"]] == list(range(1, 8))
    assert j["queues"]["helpdesk"]["intervals"][48]["day"] == 2
    assert sorted(r.day_summary["day"].unique()) == list(range(1, 8))
    assert list(csv["day"][csv["queue"] == "helpdesk"]) == list(range(1, 8))
    assert list(csv["start"][:3]) == ["06:00", "06:00+1", "06:00+2"]
    assert list(r.intervals["day"].iloc[[0, 47, 48, 335]]) == [1, 1, 2, 7]


def test_day_figures_are_the_day_intervals_counters(week):
    r, j, csv = week
    iv = r.intervals
    key = ccsim.threshold_key(r.thresholds[0])
    checked = 0
    for day, rows in iv[iv["queue"] == "helpdesk"].groupby("day", observed=True):
        per_rep = rows.groupby("replication", observed=True).sum(numeric_only=True)
        ds = r.day_summary[(r.day_summary["queue"] == "helpdesk") & (r.day_summary["day"] == day)]
        node = j["queues"]["helpdesk"]["days"][int(day) - 1]
        crow = csv[(csv["queue"] == "helpdesk") & (csv["day"] == day)].iloc[0]
        for metric in ("offered", "answered", "abandon_rate", "asa", f"service_level_{key}_offered"):
            row = ds[ds["metric"] == metric].iloc[0]
            if metric in ("offered", "answered"):
                want = per_rep[metric].mean()
            else:  # daily mean: each replication's day ratio, averaged
                x, y = _terms(per_rep, metric)
                want = pd.Series(x / y).mean()
                lx, _ = _expected(x, y)
                assert math.isclose(row["long_run_mean"], lx, rel_tol=1e-12), (day, metric)
                assert close(json_stat(node["long_run"], metric)["mean"], lx, rel=1e-12)
            assert math.isclose(row["mean"], want, rel_tol=1e-12), (day, metric)
            assert close(json_stat(node, metric)["mean"], want, rel=1e-12), (day, metric)
            assert close(crow[metric], want, rel=1e-9), (day, metric)
            checked += 1
    assert checked == 35


def test_days_of_one_day_run_are_absent(made):
    r = made("bank").r
    assert r.n_days == 1 and r.day_summary is None and "day" not in r.intervals


APART = """
[scenario]
interval = "1h"
start = "08:00"
duration = "12h"
days = 3
[[queue]]
name = "line"
arrivals = { volumes = [40, 60, 80, 80, 70, 60, 60, 70, 80, 60, 40, 20], day_scale = [1.2, 1, 0.8] }
handle_time = { dist = "exponential", mean = "5m" }
patience = { dist = "exponential", mean = "3m" }
targets = ["80/20"]
[[agents]]
name = "desk"
serves = ["line"]
shifts = [{ start = "07:45", length = "8h", count = 6 }, { start = "12:00", length = "8h", count = 5 }]
"""


def test_days_simulated_apart_label_each_day_from_its_start(ccsim_bin, tmp_path):
    sc = tmp_path / "apart.toml"
    sc.write_text(APART)
    h5 = tmp_path / "apart.h5"
    p = run_cli("run", sc, "-r", 6, "--json", "--out", h5, "--call-log")
    r, j = ccsim.load(h5), json.loads(p.stdout)
    assert r.n_days == 3 and r.day_intervals == 12
    assert r.interval_starts[12] == "08:00" and r.interval_starts[11] == "19:00"
    iv = r.intervals
    assert set(iv[iv["interval"] == 12]["start"]) == {"08:00"}
    assert j["queues"]["line"]["intervals"][12]["start"] == "08:00"
    assert j["queues"]["line"]["intervals"][12]["day"] == 2
    for day, rows in iv[iv["queue"] == "line"].groupby("day", observed=True):
        offered = rows.groupby("replication", observed=True)["offered"].sum().mean()
        ds = r.day_summary
        row = ds[(ds["queue"] == "line") & (ds["day"] == day) & (ds["metric"] == "offered")].iloc[0]
        assert math.isclose(row["mean"], offered, rel_tol=1e-12)
    # The call log is on the horizon's clock: day d's calls arrive after d x 12 h.
    c = r.calls
    k = (c["arrival"] // 3600).astype(int)
    logged = c.assign(interval=k).groupby(["replication", "interval"]).size()
    counted = iv[iv["queue"] == "line"].set_index(["replication", "interval"])["offered"]
    assert (logged.reindex(counted.index, fill_value=0).to_numpy() == counted.to_numpy()).all()
