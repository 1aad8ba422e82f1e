"""`ccsim run --out`: the file against the `--json` report of the same run."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import ccsim
from conftest import RUN_CASES, SCENARIOS, assert_stat, close, json_stat, run_cli


@pytest.mark.parametrize("name", RUN_CASES)
def test_layout_follows_the_page(made, name):
    m = made(name)
    assert ccsim.check_file(m.path, strict=True) == []


@pytest.mark.parametrize("name", RUN_CASES)
def test_attributes(made, name):
    m = made(name)
    r, j = m.r, m.json
    assert r.format_version == 1
    assert r.command == "run"
    assert r.ccsim_version == j["ccsim_version"]
    assert r.scenario_name == j["scenario"]
    assert r.seed == j["seed"]
    assert r.n_replications == j["replications"]
    assert r.interval_seconds == j["interval_seconds"]
    assert r.n_intervals == j["intervals"]
    assert r.interval_starts[0] == j["start"]
    assert r.queues == list(j["queues"])
    assert r.groups == list(j["agents"])
    keys = list(next(iter(j["queues"].values()))["service_level"])
    assert [ccsim.threshold_key(t) for t in r.thresholds] == keys
    assert r.meta["created"].endswith("Z")
    assert "--out" in r.meta["command_line"]
    assert "[scenario]" in r.scenario_toml and r.scenario["scenario"]["name"] == j["scenario"]
    starts = [iv["start"] for iv in j["total"]["intervals"]]
    assert r.interval_starts == starts
    assert list(r.intervals.drop_duplicates("interval")["start"]) == starts


def test_overnight_labels_wrap(made):
    """A day from 22:00 to 06:00: start_seconds keeps its meaning, labels wrap at midnight."""
    r = made("night").r
    assert r.start_seconds == 22 * 3600
    assert r.interval_starts[:5] == ["22:00", "22:30", "23:00", "23:30", "00:00"]
    assert r.interval_starts[-1] == "05:30"
    assert list(r.intervals.drop_duplicates("interval")["start"])[4] == "00:00"


@pytest.mark.parametrize("name", RUN_CASES)
def test_summary_equals_json(made, name):
    m = made(name)
    r, j = m.r, m.json
    s = r.summary
    assert list(s["queue"].cat.categories) == r.queues + ["total"]
    n = 0
    for q in r.queues + ["total"]:
        node = j["total"] if q == "total" else j["queues"][q]
        rows = s[s["queue"] == q]
        assert len(rows) > 0
        for _, row in rows.iterrows():
            assert_stat(row["mean"], row["ci95"], json_stat(node, row["metric"]), f"{q} {row['metric']}")
            n += 1
    assert n == len(s)


@pytest.mark.parametrize("name", RUN_CASES)
def test_day_figures_recomputed_from_intervals(made, name):
    """SL (every threshold and basis), ASA, abandon rates, ... recomputed from the interval
    counters equal the JSON day values, per queue and for the total."""
    m = made(name)
    r, j = m.r, m.json
    per_q = ccsim.summarize(r, by=["queue"])
    total = ccsim.summarize(r)
    checked = 0
    for q in r.queues + ["total"]:
        node = j["total"] if q == "total" else j["queues"][q]
        d = total if q == "total" else per_q[per_q["queue"] == q]
        for _, row in d.iterrows():
            assert_stat(row["mean"], row["ci95"], json_stat(node, row["metric"]), f"{q} {row['metric']}")
            checked += 1
    optional = sum(k in j["total"] for k in ("balked", "disconnected", "messages", "transferred", "transfers_in",
                                             "transfer_asa"))  # docs/routing.md
    optional += 4 * ("callbacks" in j["total"])
    # four SL bases per threshold: offered, answered, refined, abandoned_met
    assert checked == (len(r.queues) + 1) * (14 + 4 * len(r.thresholds) + optional)
    # the one-line helpers agree with summarize
    T = r.thresholds[0]
    for basis in ("offered", "answered", "refined"):
        st = ccsim.mean_ci(ccsim.service_level(r, T, basis))
        assert_stat(st["mean"], st["ci95"], j["total"]["service_level"][ccsim.threshold_key(T)][basis],
                    f"service_level {basis}")
    st = ccsim.mean_ci(ccsim.asa(r))
    assert_stat(st["mean"], st["ci95"], j["total"]["asa"], "asa")
    st = ccsim.mean_ci(ccsim.abandon_rate(r, refined=True))
    assert_stat(st["mean"], st["ci95"], j["total"]["abandon_rate_refined"], "abandon_rate_refined")
    q = r.queues[-1]
    st = ccsim.mean_ci(ccsim.abandon_rate(r, queues=q))
    assert_stat(st["mean"], st["ci95"], j["queues"][q]["abandon_rate"], f"{q} abandon_rate")
    st = ccsim.mean_ci(ccsim.mean_wait_all(r, queues=[q]))
    assert_stat(st["mean"], st["ci95"], j["queues"][q]["mean_wait_all"], f"{q} mean_wait_all")


@pytest.mark.parametrize("name", RUN_CASES)
def test_interval_figures_recomputed(made, name):
    """Per interval, per queue and total: the recomputed means and CIs equal the JSON's."""
    m = made(name)
    r, j = m.r, m.json
    per_q = ccsim.summarize(r, by=["queue", "interval"])
    total = ccsim.summarize(r, by=["interval"])
    for q in r.queues + ["total"]:
        ivs = (j["total"] if q == "total" else j["queues"][q])["intervals"]
        assert len(ivs) == r.n_intervals
        d = total if q == "total" else per_q[per_q["queue"] == q]
        for k, node in enumerate(ivs):
            rows = d[d["interval"] == k]
            for _, row in rows.iterrows():
                assert_stat(row["mean"], row["ci95"], json_stat(node, row["metric"]),
                            f"{q} interval {k} {row['metric']}")


@pytest.mark.parametrize("name", RUN_CASES)
def test_replications_table(made, name):
    """/replications: the day's counters are the intervals' sums, its metrics those of the
    counters, and their means/CIs the summary's."""
    r = made(name).r
    rep = r.replications.set_index(["replication", "queue"]).sort_index()
    sums = ccsim.counters(r, by=["queue"])
    for c in sums.columns:
        assert np.allclose(rep[c].to_numpy(), sums[c].to_numpy(), rtol=1e-12), c
    met = ccsim.metrics(r, by=["queue"])
    for c in [c for c in rep.columns if c.startswith("service_level_")] + \
            ["asa", "abandon_rate", "abandon_rate_refined", "mean_wait_all"]:
        assert np.allclose(rep[c].to_numpy(), met[c].to_numpy(), rtol=1e-12, equal_nan=True), c
    p90 = ccsim.mean_ci(rep["wait_p90"], by=["queue"])
    for q in r.queues:
        mean, ci = r.metric("wait_p90", q)
        assert close(p90.loc[q, "mean"], mean) and close(p90.loc[q, "ci95"], ci)


@pytest.mark.parametrize("name", RUN_CASES)
def test_agent_groups(made, name):
    m = made(name)
    r, j = m.r, m.json
    gs = r.group_summary
    gi = r.group_intervals
    gr = r.group_replications
    for g, node in j["agents"].items():
        def summ(metric):
            row = gs[(gs["group"] == g) & (gs["metric"] == metric)]
            assert len(row) == 1, (g, metric)
            return row["mean"].iloc[0], row["ci95"].iloc[0]

        for metric in ("occupancy", "agent_hours", "on_duty_hours", "busy_hours", "overtime_hours"):
            assert_stat(*summ(metric), node[metric], f"{g} {metric}")
        if "cost" in node:
            assert_stat(*summ("cost"), node["cost"], f"{g} cost")
        gg = gr[gr["group"] == g]
        assert_stat(*ccsim.mean_ci(gg["occupancy"].reset_index(drop=True))[["mean", "ci95"]],
                    node["occupancy"], f"{g} occupancy from group_replications")
        assert_stat(*ccsim.mean_ci(gg["busy_hours"].reset_index(drop=True))[["mean", "ci95"]],
                    node["busy_hours"], f"{g} busy hours")
        d = gi[gi["group"] == g]
        for k in range(r.n_intervals):
            dk = d[d["interval"] == k]
            assert len(dk) == r.n_replications
            assert np.allclose(dk["scheduled_agents"], node["interval_scheduled_agents"][k])
            assert np.allclose(dk["agents_on_duty"], dk["present_seconds"] / r.interval_seconds)
            st = ccsim.mean_ci(dk["agents_on_duty"].reset_index(drop=True))
            assert_stat(st["mean"], st["ci95"], node["interval_agents_on_duty"][k], f"{g} {k} on duty")
            occ = (dk["busy_seconds"] / dk["present_seconds"].where(dk["present_seconds"] > 0))
            st = ccsim.mean_ci(occ.reset_index(drop=True))
            assert_stat(st["mean"], st["ci95"], node["interval_occupancy"][k], f"{g} {k} occupancy")


def test_csv_summary_is_the_summary_table(made, tmp_path):
    m = made("elite")
    csv = tmp_path / "s.csv"
    run_cli(*m.args, "--csv", csv)
    c = pd.read_csv(csv)
    s = m.r.summary
    assert list(c["queue"]) == list(s["queue"].astype(str))
    assert list(c["metric"]) == list(s["metric"])
    for a, b in zip(c["mean"], s["mean"]):
        assert close(a, b, rel=2e-9)
    for a, b in zip(c["ci95"], s["ci95"]):
        assert close(a, b, rel=2e-9, abs_=1e-9)


def test_results_do_not_depend_on_threads(made, tmp_path):
    """The same run on 1 thread: every table equal (the call log after sorting)."""
    m = made("elite")
    one = tmp_path / "one.h5"
    run_cli(*m.args, "--call-log", "-t", "1", "--out", one)
    a, b = m.r, ccsim.load(one)
    for t in ("summary", "group_summary", "replications", "group_replications", "intervals",
              "group_intervals", "calls"):
        pd.testing.assert_frame_equal(getattr(a, t), getattr(b, t), check_exact=True, obj=t)


def test_unwritable_output_folder_is_an_input_error(ccsim_bin, tmp_path):
    out = tmp_path / "no" / "such" / "folder" / "x.h5"
    p = run_cli("run", SCENARIOS / "bank-80-20.toml", "-r", "1000", "--out", out,
                check=False, timeout=20)
    assert p.returncode == 2, p.stderr
    assert p.stderr.strip()
    assert not out.exists()
