"""`ccsim compare --out`: rows naming queues, and the baseline (the scenario's own plan) in
/baseline and /baseline_* against the `--json` report."""
from __future__ import annotations

import pytest

import ccsim
from conftest import SCENARIOS, assert_stat, close, json_stat, run_cli


def _check_summary(summary, node_of, what):
    for _, row in summary.iterrows():
        q = str(row["queue"])
        assert_stat(row["mean"], row["ci95"], json_stat(node_of(q), row["metric"]), f"{what} {q} {row['metric']}")


@pytest.mark.parametrize("name", ["compare", "compare_elite"])
def test_baseline_tables(made, name):
    m = made(name)
    r, j = m.r, m.json
    assert ccsim.check_file(m.path, strict=True) == []
    b = j["baseline"]
    assert r.baseline is not None and len(r.baseline) == 1
    line = r.baseline.iloc[0]
    assert line["target"] == j["rows"][0]["target"] == b["targets_from"]
    for col in ("planned_agent_hours", "planned_cost", "agent_hours", "cost", "p_day_meets_target"):
        assert close(line[col], b[col]), col
    assert close(line["agent_hours_ci95"], b["agent_hours_ci95"])
    # every row's paired difference to the plan
    for i, x in enumerate(j["rows"]):
        row = r.comparison.iloc[i]
        for col in ("delta_agent_hours_vs_plan", "delta_cost_vs_plan"):
            assert_stat(row[col], row[col + "_ci95"], x[col], f"row {i} {col}")
        assert close(row["delta_cost_vs_plan"], row["cost"] - line["cost"], rel=1e-9, abs_=1e-9)
    # the plan's own tables, as a run file's
    p = r.as_planned()
    assert p.comparison is None and p.staffing is None
    _check_summary(p.summary, lambda q: b["total"] if q == "total" else b["queues"][q], f"{name} baseline")
    s = ccsim.summarize(p)
    for _, x in s.iterrows():
        assert_stat(x["mean"], x["ci95"], json_stat(b["total"], x["metric"]), x["metric"])
    # its P(day) is judged on the first row's targets, which as_planned() carries
    for q in r.queues:
        assert p.queue_targets(q) == b["targets"][q] == r.row_targets(0, q)
    met = None
    for q in r.queues:
        for t in ccsim.parse_targets(p.queue_targets(q)):
            v = ccsim.service_level(p.intervals, t.threshold, r.sl_basis(q), queues=q)
            ok = ((v >= t.value) | v.isna()).to_numpy()
            met = ok if met is None else met & ok
    assert close(met.mean(), line["p_day_meets_target"])
    assert ccsim.plot_interval_sl(p).has_data()


def test_rows_naming_queues(made):
    r = made("compare_elite").r
    assert r.targets == ["elite=90/10+99/300,general=80/20", "elite=80/20"]
    assert r.row_targets(0, "elite") == ["90/10", "99/300"]
    assert r.row_targets(1, "elite") == ["80/20"]
    assert r.row_targets(1, "general") == ["80/20"]  # not named: the scenario's own
    assert ccsim.parse_target_row("80/20") is None
    # SL helpers take each queue's target in the row
    t = ccsim.service_level_by_interval(r, row=0, queue="elite")
    assert t.attrs["threshold"] == 10 and (t["target_sl"] == 0.9).all()
    t = ccsim.service_level_by_interval(r, row=1, queue="elite")
    assert t.attrs["threshold"] == 20 and (t["target_sl"] == 0.8).all()


def test_no_baseline(ccsim_bin, tmp_path):
    out = tmp_path / "no-baseline.h5"
    run_cli("compare", SCENARIOS / "bank-80-20.toml", "--targets", "80/20", "-r", "3", "--no-baseline", "--out", out)
    assert ccsim.check_file(out, strict=True) == []
    r = ccsim.load(out)
    assert r.baseline is None and r.baseline_tables is None
    assert r.comparison["delta_cost_vs_plan"].isna().all()
    with pytest.raises(ValueError, match="no-baseline"):
        r.as_planned()
