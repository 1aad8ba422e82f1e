"""Every plot draws on a real results file; the tables behind them are consistent."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

import ccsim
from conftest import SCENARIOS, run_cli


def test_interval_sl_and_shortfalls(made):
    r = made("bank").r
    t = ccsim.service_level_by_interval(r)
    assert len(t) == r.n_intervals and t.attrs["threshold"] == 20 and t.attrs["basis"] == "offered"
    assert (t["target_sl"] == 0.8).all()
    sf = ccsim.shortfalls(r)
    assert set(sf["interval"]) == set(t.loc[t["mean"] < 0.8, "interval"])
    assert (sf["gap_points"] > 0).all()
    ax = ccsim.plot_interval_sl(r)
    assert ax.has_data() and "20 s" in ax.get_ylabel()
    plt.close(ax.figure)
    r2 = made("elite").r
    ax = ccsim.plot_interval_sl(r2, queue="elite", threshold=12.5, basis="refined")
    assert "12.5 s" in ax.get_ylabel()
    plt.close(ax.figure)


def test_daily_sl_breach_risk(made):
    r = made("elite").r
    b = ccsim.breach_risk(r, queue="general")
    days = ccsim.daily_service_level(r, queue="general")
    assert b["days"] == r.n_replications and b["below"] == int((days < 0.8).sum())
    ax = ccsim.plot_daily_sl(r, queue="general")
    assert any("below the 80% target" in t.get_text() for t in ax.texts)
    plt.close(ax.figure)


def test_sl_abandon_curve(made, tmp_path):
    """The sales line at three staffing levels: SL and abandon rate against agents."""
    base = made("sales")
    plan = base.r.scenario["agents"][0]["staffing"]
    files = []
    for extra in (-2, 0, 2):
        out = tmp_path / f"sales{extra:+d}.h5"
        plan_k = "[" + ",".join(str(max(0, a + extra)) for a in plan) + "]"
        run_cli("run", SCENARIOS / "sales-line.toml", "-r", "3", "--threshold", "20s",
                "--set", f"agents.sales team.staffing={plan_k}", "--out", out)
        files.append(ccsim.load(out))
    curve = ccsim.staffing_curve(files)
    assert list(curve["agents"]) == sorted(curve["agents"])
    assert np.isclose(curve["agents"].iloc[1], np.mean(plan))
    assert curve["abandon_rate"].iloc[0] > curve["abandon_rate"].iloc[-1]
    ax = ccsim.plot_sl_abandon_curve(files, cap=0.05)
    assert ax.has_data() and ax.abandon_axes.has_data()
    plt.close(ax.figure)
    ax = ccsim.plot_sl_abandon_curve(curve, cap=0.05, sl_target=0.8)
    plt.close(ax.figure)


def test_run_file_has_no_staffing_plot(made):
    with pytest.raises(ValueError, match="staffing"):
        ccsim.plot_staffing(made("bank").r)
