"""`ccsim staff --out` and `ccsim compare --out` against their `--json` reports."""
from __future__ import annotations

import numpy as np
import pytest

import ccsim
from conftest import SCENARIOS, assert_stat, close, json_stat, run_cli


def _check_summary(summary, node_of, what):
    for _, row in summary.iterrows():
        q = str(row["queue"])
        assert_stat(row["mean"], row["ci95"], json_stat(node_of(q), row["metric"]), f"{what} {q} {row['metric']}")


def test_staff_file(made):
    m = made("staff")
    r, j = m.r, m.json
    assert ccsim.check_file(m.path, strict=True) == []
    assert r.command == "staff" and r.comparison is None and r.calls is None
    assert r.meta["staff_scope"] == j["scope"]
    assert close(r.meta["staff_confidence"], j["confidence"])
    assert r.meta["staff_feasible"] == int(j["feasible"])
    assert r.meta["staff_simulations"] == j["search"]["simulations"]
    st = r.staffing
    assert list(st.columns) == ["group", "interval", "start", "agents", "erlang_c", "erlang_a", "input"]
    for g, node in j["groups"].items():
        d = st[st["group"] == g].sort_values("interval")
        assert list(d["start"]) == j["interval_starts"]
        assert list(d["agents"]) == node["staffing"]
        assert list(d["erlang_c"]) == node["erlang_c"]
        assert list(d["erlang_a"]) == node["erlang_a"]
        gs = r.group_summary
        ah = gs[(gs["group"] == g) & (gs["metric"] == "agent_hours")]["mean"].iloc[0]
        assert close(ah, node["agent_hours"])
    # input: the input scenario's plan on duty, as `ccsim run` reports it
    run = ccsim.run_json("run", SCENARIOS / "bank-80-20.toml", "-r", "1")
    for g, node in run["agents"].items():
        d = st[st["group"] == g].sort_values("interval")
        assert np.allclose(d["input"], node["interval_scheduled_agents"])
    # the simulated answer is the one the JSON reports
    _check_summary(r.summary, lambda q: j["total"] if q == "total" else j["queues"][q], "staff")
    # and the intervals recompute to it
    s = ccsim.summarize(r)
    for _, row in s.iterrows():
        assert_stat(row["mean"], row["ci95"], json_stat(j["total"], row["metric"]), row["metric"])


def test_staff_with_target_option(ccsim_bin, tmp_path):
    """--target replaces the scenario's targets; the file records them in /staff_targets."""
    out = tmp_path / "staff-90-10.h5"
    run_cli("staff", SCENARIOS / "bank-80-20.toml", "-r", "3", "--target", "90/10+abandon<=4%", "--out", out)
    r = ccsim.load(out)
    assert list(r.staff_targets["target"]) == ["90/10", "abandon<=4%"]
    assert list(r.staff_targets["queue"].astype(str)) == ["general", "general"]
    assert r.thresholds == [10.0]
    assert r.queue_targets("general") == ["90/10", "abandon<=4%"]
    t = ccsim.service_level_by_interval(r)
    assert t.attrs["threshold"] == 10 and (t["target_sl"] == 0.9).all()


def test_compare_file(made):
    m = made("compare")
    r, j = m.r, m.json
    assert ccsim.check_file(m.path, strict=True) == []
    assert r.command == "compare"
    rows = j["rows"]
    c = r.comparison
    assert list(c["row"]) == list(range(len(rows)))
    assert r.targets == [x["target"] for x in rows]
    for i, x in enumerate(rows):
        row = c.iloc[i]
        assert row["target"] == x["target"]
        assert bool(row["feasible"]) == x["feasible"]
        for col in ("planned_agent_hours", "planned_cost", "agent_hours", "cost", "p_day_meets_target"):
            assert close(row[col], x[col]), (i, col)
        for col in ("delta_agent_hours", "delta_cost"):
            assert_stat(row[col], row[col + "_ci95"], x[col], f"row {i} {col}")
        assert row["simulations"] == x["iterations"]
        assert row["agent_hours_ci95"] >= 0 and row["cost_ci95"] >= 0
    # every table carries row and target; summaries per row equal the JSON rows
    for t in ("summary", "group_summary", "replications", "group_replications", "intervals",
              "group_intervals", "staffing"):
        df = getattr(r, t)
        assert list(df.columns[:2]) == ["row", "target"], t
        assert (df["target"].astype(str) == df["row"].map(dict(enumerate(r.targets)))).all(), t
    for i, x in enumerate(rows):
        s = r.summary[r.summary["row"] == i]
        node_of = lambda q: x["total"] if q == "total" else x["queues"][q]  # noqa: E731
        # a row's JSON measures its own thresholds; the file may measure every row's
        keys = set(x["total"]["service_level"])
        s = s[~s["metric"].str.startswith("service_level_") |
              s["metric"].str.extract(r"service_level_(.+)_[a-z]+$")[0].isin(keys)]
        _check_summary(s, node_of, f"row {i}")
        for g, node in x["groups"].items():
            st = r.staffing[(r.staffing["row"] == i) & (r.staffing["group"] == g)].sort_values("interval")
            assert list(st["agents"]) == node["staffing"]
            assert list(st["erlang_c"]) == node["erlang_c"]
            assert list(st["erlang_a"]) == node["erlang_a"]
        # recomputed per row from the intervals
        re_ = ccsim.summarize(r)
        re_ = re_[re_["row"] == i]
        for key in keys:
            for basis in ("offered", "answered", "refined"):
                hit = re_[re_["metric"] == f"service_level_{key}_{basis}"].iloc[0]
                assert_stat(hit["mean"], hit["ci95"], x["total"]["service_level"][key][basis],
                            f"row {i} SL {key} {basis}")
    # the cost table and target parsing
    ct = ccsim.cost_table(r)
    assert ct["delta_cost_pct"].iloc[0] == 0


def test_compare_p_day_meets_target_recomputed(made):
    """p_day_meets_target: the share of replications whose own day met every target."""
    r = made("compare").r
    for _, row in r.comparison.iterrows():
        met = None
        for t in ccsim.parse_targets(row["target"]):
            assert t.kind == "service_level"
            for q in r.queues:
                v = ccsim.service_level(r.intervals[r.intervals["row"] == row["row"]], t.threshold,
                                        r.sl_basis(q), queues=q)
                ok = (v >= t.value) | v.isna()
                met = ok.to_numpy() if met is None else met & ok.to_numpy()
        assert close(met.mean(), row["p_day_meets_target"]), row["target"]


@pytest.mark.parametrize("name", ["staff", "compare"])
def test_staff_and_compare_plots(made, name):
    import matplotlib.pyplot as plt

    r = made(name).r
    for f in (ccsim.plot_staffing, ccsim.plot_interval_sl, ccsim.plot_daily_sl):
        ax = f(r)
        assert ax.has_data()
        plt.close(ax.figure)
    if name == "compare":
        ax = ccsim.plot_target_cost(r)
        assert len(ax.patches) == len(r.comparison)
        plt.close(ax.figure)
        with pytest.raises(ValueError):
            ccsim.plot_target_cost(made("staff").r)
