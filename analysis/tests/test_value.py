"""Money and SLA (docs/results-format.md §4b): `/periods` against the day and interval
counters, the penalty rule, `/value` against `/periods` and against the `--json` report,
the compare file's net-value columns, and the period plot."""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import ccsim
from conftest import SLA_CASES, VALUE_RUN_CASES, assert_stat, close

COUNTERS = ["offered", "answered", "abandoned", "wait_answered"]


def _pooled(r, sla, rows):
    """The period figure from summed counters, written out plainly (no package helper)."""
    t = sla.target
    s = {c: 0.0 for c in rows.columns if c in COUNTERS or c.startswith(("answered_within_", "abandoned_within_"))}
    for _, x in rows.iterrows():  # day by day, in order, as ccsim adds them
        for c in s:
            s[c] = s[c] + float(x[c])

    def ratio(a, b):
        return a / b if b > 0 else math.nan

    if t.kind == "asa":
        return ratio(s["wait_answered"], s["answered"])
    if t.kind == "abandon":
        return ratio(s["abandoned"], s["offered"])
    k = ccsim.threshold_key(t.threshold)
    den = {"offered": s["offered"], "answered": s["answered"],
           "refined": s["offered"] - s[f"abandoned_within_{k}"]}[sla.basis]
    return ratio(s[f"answered_within_{k}"], den)


def _same(a, b) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


@pytest.mark.parametrize("name", SLA_CASES)
def test_periods_equal_the_pooled_counters(made, name):
    """(a) Every /periods value is the target's metric of the period's summed counters,
    exactly: SL and abandon figures are ratios of integer sums."""
    m = made(name)
    r = m.r
    assert ccsim.check_file(m.path, strict=True) == []
    assert r.periods is not None and len(r.periods) > 0
    terms = ccsim.sla_terms(r)
    for q, sla in terms.items():
        p = r.periods[r.periods["queue"] == q]
        if sla.period == "interval":
            assert len(p) == r.n_replications * r.n_intervals
        elif r.command == "run":
            assert len(p) == r.n_replications // sla.days
        for _, x in p.iterrows():
            if sla.period == "interval":
                day, i = divmod(int(x["period"]), r.n_intervals)
                assert day == x["first_day"]
                iv = r.intervals
                rows = iv[(iv["queue"] == q) & (iv["replication"] == day) & (iv["interval"] == i)]
                assert len(rows) == 1
            else:
                assert x["first_day"] == x["period"] * sla.days
                rep = r.replications
                rows = rep[(rep["queue"] == q) & (rep["replication"] >= x["first_day"])
                           & (rep["replication"] < x["first_day"] + sla.days)].sort_values("replication")
                assert len(rows) == sla.days
            v = _pooled(r, sla, rows)
            assert _same(x["value"], v), f"{q} period {x['period']}: {x['value']!r} != {v!r}"
    # the package's recompute gives the whole table, in the file's order (periods as they close)
    pd.testing.assert_frame_equal(ccsim.recompute_periods(r), r.periods, check_exact=True)


@pytest.mark.parametrize("name", SLA_CASES)
def test_met_and_penalty(made, name):
    """(b) met: the figure meets the target (a period without calls meets); a missed period
    costs penalty + penalty_per_point x points short (percentage points; seconds for ASA)."""
    r = made(name).r
    for q, sla in ccsim.sla_terms(r).items():
        p = r.periods[r.periods["queue"] == q]
        v = p["value"].to_numpy()
        t = sla.target
        if t.kind == "service_level":
            want = np.isnan(v) | (v >= t.value)
            short = (t.value - v) * 100
        elif t.kind == "abandon":
            want = np.isnan(v) | (v <= t.value)
            short = (v - t.value) * 100
        else:
            want = np.isnan(v) | (v <= t.value)
            short = v - t.value
        assert (p["met"].to_numpy() == want).all()
        pen = p["penalty"].to_numpy()
        assert (pen[want] == 0).all()
        expect = sla.penalty + sla.penalty_per_point * short[~want]
        assert np.allclose(pen[~want], expect, rtol=1e-12, atol=0)
        assert (pen[~want] >= sla.penalty).all()
    if made(name).name == "bank_sla_interval":
        assert r.periods["value"].isna().sum() == 2 * r.n_replications  # the empty intervals met
        assert not r.periods["met"].all() and r.periods["penalty"].max() > 100


@pytest.mark.parametrize("name", SLA_CASES)
def test_value_summarises_the_periods(made, name):
    """(c) /value's SLA items are the periods' counts, shares and means; period_table agrees."""
    r = made(name).r
    v = r.value
    t = ccsim.period_table(r)
    assert t.attrs["source"] == "periods"
    for q, sla in ccsim.sla_terms(r).items():
        p = r.periods[r.periods["queue"] == q]
        items = v[v["queue"] == q].set_index("item")
        assert (items.loc[["periods", "p_meet", "expected_penalty"], "days"] == sla.days).all()
        n, k = len(p), int(p["met"].sum())
        assert items.loc["periods", "mean"] == n and items.loc["periods_met", "mean"] == k
        assert close(items.loc["p_meet", "mean"], p["met"].mean(), 1e-12)
        lo, hi = ccsim.wilson_interval(k, n)
        assert close(items.loc["p_meet_lo", "mean"], lo, 1e-12) and close(items.loc["p_meet_hi", "mean"], hi, 1e-12)
        pen = dict(ccsim.mean_ci(p["penalty"].reset_index(drop=True)))
        assert_stat(items.loc["expected_penalty", "mean"], items.loc["expected_penalty", "ci95"], pen,
                    f"{q} expected_penalty")
        fig = dict(ccsim.mean_ci(p["value"].reset_index(drop=True)))
        assert_stat(items.loc["period_figure", "mean"], items.loc["period_figure", "ci95"], fig,
                    f"{q} period_figure")
        row = t[t["queue"] == q].iloc[0]
        assert row["periods"] == n and row["met"] == k and row["sla"] == sla.text
        assert close(row["p_meet_lo"], lo, 1e-12) and close(row["expected_penalty"], pen["mean"], 1e-12)


@pytest.mark.parametrize("name", VALUE_RUN_CASES + ["staff_sla"])
def test_net_value_adds_up(made, name):
    """(c) net = revenue - call costs - staff cost - penalties; call costs are the queues'
    abandon and waiting costs; staff cost is the plan's (group_summary `cost`)."""
    r = made(name).r
    w = ccsim.value_table(r)
    tot = w[w["queue"] == ccsim.TOTAL].iloc[0]
    qs = w[w["queue"] != ccsim.TOTAL]
    assert close(tot["net"], tot["revenue"] - tot["call_costs"] - tot["staff_cost"] - tot["penalties"])
    assert close(tot["revenue"], qs["revenue"].sum())
    assert close(tot["call_costs"], (qs["abandon_cost"] + qs["waiting_cost"]).sum())
    gs = r.group_summary
    assert close(tot["staff_cost"], gs.loc[gs["metric"] == "cost", "mean"].sum())
    assert close(tot["net_per_block"], tot["net"] * tot["block_days"], rel=1e-9, abs_=1e-6)
    assert close(tot["net_ci95"], tot["net_per_block_ci95"] / tot["block_days"])
    slas = ccsim.sla_terms(r)
    assert tot["block_days"] == max([1] + [s.days for s in slas.values() if s.period in ("week", "month")])
    if r.periods is not None and r.command == "run":
        # each period's penalty spread over its days: the mean penalty per day
        days = r.n_replications
        assert close(tot["penalties"], r.periods["penalty"].sum() / days)
    # the same figures day by day from the counters (daily_value): means, and per-day CIs
    d = ccsim.daily_value(r)
    assert len(d) == r.n_replications and d["net"].notna().all()
    for c in ("revenue", "call_costs", "penalties", "net"):
        st = dict(ccsim.mean_ci(d[c]))
        if c in ("penalties", "net"):  # their CI may come from blocks of days, not from days
            st["ci95"] = tot[c + "_ci95"]
        assert_stat(st["mean"], st["ci95"], {"mean": tot[c], "ci95": tot[c + "_ci95"]}, f"{name} daily {c}",
                    rel=1e-8)
    if name == "sales_value":
        # retrials: a caller lost is one whose last attempt abandoned
        assert r.periods is None and not slas
        q = r.scenario["queue"][0]
        rep = r.replications
        assert close(qs["revenue"].iloc[0], q["revenue_per_answered"] * rep["answered"].mean())
        assert close(qs["abandon_cost"].iloc[0], q["cost_per_abandon"] * rep["callers_abandoned"].mean())
        assert close(qs["waiting_cost"].iloc[0], q["cost_per_waiting_hour"] * (rep["wait_all"] / 3600).mean())


def _json_value_rows(node, queues, block):
    """(queue, item, days, stat) of a JSON "value" object, as /value names them."""
    out = []
    for q in queues:
        x = node["queues"][q]
        out += [(q, "revenue", 1, x["revenue_per_day"]), (q, "abandon_cost", 1, x["abandon_cost_per_day"]),
                (q, "waiting_cost", 1, x["waiting_cost_per_day"])]
        s = x.get("sla")
        if s:
            d = s["days"]
            out += [(q, "periods", d, s["periods"]), (q, "periods_met", d, s["periods_met"]),
                    (q, "p_meet", d, s["p_meet"]["value"]), (q, "p_meet_lo", d, s["p_meet"]["lo"]),
                    (q, "p_meet_hi", d, s["p_meet"]["hi"]),
                    (q, "expected_penalty", d, s["expected_penalty_per_period"]),
                    (q, "period_figure", d, s["period_figure"])]
    t = ccsim.TOTAL
    out += [(t, "revenue", 1, node["revenue_per_day"]), (t, "call_costs", 1, node["call_costs_per_day"]),
            (t, "staff_cost", 1, node["staff_cost_per_day"]), (t, "penalties", 1, node["penalties_per_day"]),
            (t, "net", 1, node["net_per_day"]), (t, "net", node["block_days"], node["net_per_block"])]
    return out


@pytest.mark.parametrize("name", VALUE_RUN_CASES + ["staff_sla"])
def test_value_equals_json(made, name):
    """(d) /value row by row against the "value" object of the `--json` report."""
    m = made(name)
    r, j = m.r, m.json["value"]
    rows = _json_value_rows(j, r.queues, j["block_days"])
    v = r.value
    assert len(v) == len(rows)
    for (_, x), (q, item, days, stat) in zip(v.iterrows(), rows):
        assert (str(x["queue"]), x["item"], x["days"]) == (q, item, days)
        assert_stat(x["mean"], x["ci95"], stat, f"{name} {q} {item}")
    for q, sla in ccsim.sla_terms(r).items():
        s = j["queues"][q]["sla"]
        assert (s["period"], s["days"], s["target"]) == (sla.period, sla.days, sla.target.text)
        assert (s["penalty"], s["penalty_per_point"]) == (sla.penalty, sla.penalty_per_point)


def test_compare_file(made):
    """(f) compare: the net-value columns close /comparison and /baseline, /value has `row`
    (and `target`), /baseline_value is the baseline's; no /periods, so they are recomputed."""
    m = made("compare_sla")
    r, j = m.r, m.json
    assert ccsim.check_file(m.path, strict=True) == []
    new = ["net_per_day", "net_per_day_ci95", "delta_net_per_day", "delta_net_per_day_ci95",
           "delta_net_per_day_vs_plan", "delta_net_per_day_vs_plan_ci95", "penalties_per_day",
           "penalties_per_day_ci95"]
    assert list(r.comparison.columns[-len(new):]) == new
    assert list(r.baseline.columns[-4:]) == ["net_per_day", "net_per_day_ci95", "penalties_per_day",
                                             "penalties_per_day_ci95"]
    assert r.periods is None
    assert list(r.value.columns[:3]) == ["row", "target", "queue"]
    assert list(r.value["target"].cat.categories) == ["80/20", "90/10"]
    w = ccsim.value_table(r)
    for i, row in r.comparison.iterrows():
        tot = w[(w["row"] == row["row"]) & (w["queue"] == ccsim.TOTAL)].iloc[0]
        assert close(row["net_per_day"], tot["net"]) and close(row["net_per_day_ci95"], tot["net_ci95"])
        assert close(row["penalties_per_day"], tot["penalties"])
        x = j["rows"][i]
        assert_stat(row["delta_net_per_day"], row["delta_net_per_day_ci95"], x["delta_net_per_day"],
                    f"row {i} delta_net_per_day")
        assert_stat(tot["net"], tot["net_ci95"], x["value"]["net_per_day"], f"row {i} net")
    # the paired difference of net value per day, day by day from the counters
    d = ccsim.daily_value(r)
    diff = d[d["row"] == 1]["net"].to_numpy() - d[d["row"] == 0]["net"].to_numpy()
    st = dict(ccsim.mean_ci(pd.Series(diff)))
    assert close(st["mean"], r.comparison["delta_net_per_day"].iloc[1], 1e-9)
    assert close(r.comparison["delta_net_per_day"].iloc[1],
                 r.comparison["net_per_day"].iloc[1] - r.comparison["net_per_day"].iloc[0], 1e-9)
    # P(month meets) per row from the counters equals the file's
    t = ccsim.period_table(r)
    assert t.attrs["source"] == "counters" and list(t["row"]) == [0, 1]
    for _, x in t.iterrows():
        items = r.value[(r.value["row"] == x["row"]) & (r.value["queue"] == x["queue"])].set_index("item")
        assert x["periods"] == items.loc["periods", "mean"] == 2
        assert close(x["p_meet"], items.loc["p_meet", "mean"])
        assert close(x["expected_penalty"], items.loc["expected_penalty", "mean"])
        assert close(x["period_figure"], items.loc["period_figure", "mean"])
    # the baseline: /baseline_value, and its periods from its counters
    b = r.as_planned()
    bw = ccsim.value_table(r, baseline=True)
    assert b.value is not None and "row" not in b.value
    btot = bw[bw["queue"] == ccsim.TOTAL].iloc[0]
    assert close(r.baseline["net_per_day"].iloc[0], btot["net"])
    assert_stat(btot["net"], btot["net_ci95"], j["baseline"]["value"]["net_per_day"], "baseline net")
    bp = ccsim.period_table(b)
    assert close(bp["p_meet"].iloc[0], b.value.query("item == 'p_meet'")["mean"].iloc[0])
    with pytest.raises(ValueError, match="compare files store none"):
        ccsim.period_table(r, source="periods")


def test_no_value_terms(made):
    """A scenario without money or an SLA: no /value nor /periods."""
    r = made("bank").r
    assert r.value is None and r.periods is None
    with pytest.raises(ValueError, match="no /value"):
        ccsim.value_table(r)
    with pytest.raises(ValueError, match="no queue"):
        ccsim.plot_period_distribution(r)


@pytest.mark.parametrize("name", ["bank_sla_week", "bank_sla_interval", "compare_sla"])
def test_period_plot(made, name):
    """(e) the plot draws: the target line, the breach share in the title, the units."""
    r = made(name).r
    ax = ccsim.plots.period_distribution(r)
    assert ax.has_data()
    sla = ccsim.sla_terms(r, "general")
    title = ax.get_title()
    assert sla.text in title
    p = ax.periods
    if "row" not in p:
        missed = int((~p["met"]).sum())
        assert f"{missed} of {len(p)} {sla.period}s ({100 * missed / len(p):.0f}%) breach it" in title
    else:
        assert "80/20 " in title and "90/10 " in title and len(p) == 4
    if sla.percent:
        assert "%" in ax.xaxis.get_major_formatter()(0.8, 0)
    else:
        assert "(s)" in ax.get_xlabel()
    assert any(abs(line.get_xdata()[0] - sla.target.value) < 1e-12 for line in ax.get_lines()
               if line.get_linestyle() == "--")
    plt.close(ax.figure)
    # the other name, with an Axes given
    fig, ax2 = plt.subplots()
    assert ccsim.plot_period_distribution(r, queue="general", ax=ax2) is ax2
    plt.close(fig)


def test_plot_needs_a_queue_when_several_have_an_sla(made):
    r = made("elite_sla").r
    with pytest.raises(ValueError, match="pass queue="):
        ccsim.plot_period_distribution(r)
    ax = ccsim.plot_period_distribution(r, queue="general")
    assert "abandon<=3% per week (3 days)" in ax.get_title()
    plt.close(ax.figure)
