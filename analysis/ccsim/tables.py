"""Ready-made tables from a Results object: SL per interval against the target, the
intervals that fall short, the daily SL and breach risk, the staffing curve and the cost
of each target. The plots in `ccsim.plots` draw these tables.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .recompute import measured_thresholds, service_level
from .results import TOTAL, Results, threshold_key
from .stats import mean_ci
from .targets import Target, parse_targets


def _rows(r: Results, row):
    """[None] for run/staff files; the chosen rows (default: every row) of a compare file."""
    if r.comparison is None:
        return [None]
    if row is None:
        return list(range(len(r.comparison)))
    return [row] if np.isscalar(row) else list(row)


def _only_row(df: pd.DataFrame | None, row):
    if df is None or row is None or "row" not in df:
        return df
    return df[df["row"] == row]


def resolve_sl(r: Results, *, queue=None, row=None, threshold=None, basis=None, target=None):
    """(threshold, basis, Target or None) for an SL plot or table.

    target: a Target, a target text ("80/20"), a fraction (0.8) or a percentage (80); by
    default the SL targets of the compare row, else those of the chosen queues (staff files:
    the --target options); the first at `threshold` is used. threshold: by default the first
    SL target's, else the smallest measured.
    basis: by default the queue's sl_basis (queues sharing one), else "offered"."""
    queues = [queue] if isinstance(queue, str) else (list(queue) if queue is not None else r.queues)
    if isinstance(target, Target):
        candidates = [target]
    elif isinstance(target, str):
        candidates = [t for t in parse_targets(target) if t.kind == "service_level"]
    elif target is not None:
        v = float(target)
        candidates = [Target("service_level", v / 100.0 if v > 1 else v, None, f"{v:g}")]
    elif row is not None and r.comparison is not None:
        text = str(r.comparison.loc[r.comparison["row"] == row, "target"].iloc[0])
        candidates = [t for t in parse_targets(text) if t.kind == "service_level"]
    else:
        candidates = [t for q in queues for t in parse_targets(r.queue_targets(q))
                      if t.kind == "service_level"]
    if threshold is None:
        if candidates and candidates[0].threshold is not None:
            threshold = candidates[0].threshold
        else:
            known = list(measured_thresholds(r.intervals)) or r.thresholds
            if not known:
                raise ValueError(f"{r.path} measures no SL threshold (no queue has an SL target); "
                                 "rerun ccsim with --threshold 20s")
            threshold = known[0]
    # the first SL target at this threshold (a target at another threshold says nothing here)
    t = next((c for c in candidates
              if c.threshold is None or abs(c.threshold - float(threshold)) <= 1e-9), None)
    if basis is None:
        bases = {r.sl_basis(q) for q in queues}
        basis = bases.pop() if len(bases) == 1 else "offered"
    return float(threshold), basis, t


def service_level_by_interval(r: Results, threshold=None, basis=None, queue=None, row=None,
                              target=None) -> pd.DataFrame:
    """Per interval: mean SL over replications with its 95% half-width, against the target.

    Columns: [row, target (compare files),] interval, start, offered (mean calls), mean,
    ci95, n, low, high (mean -/+ ci95), threshold (s), target_sl (the SL target as a fraction, NaN without
    one), short (mean below target_sl), sure_short (the whole 95% interval below it). queue: a queue name, a list, or
    None for all queues together."""
    parts = []
    for rw in _rows(r, row):
        T, b, t = resolve_sl(r, queue=queue, row=rw, threshold=threshold, basis=basis, target=target)
        iv = _only_row(r.intervals, rw)
        sl = service_level(iv, T, b, by=["interval"], queues=queue)
        s = mean_ci(sl, by=["interval"]).reset_index()
        sel = iv if queue is None else iv[iv["queue"].isin([queue] if isinstance(queue, str) else queue)]
        offered = sel.groupby(["interval", "replication"], observed=True)["offered"].sum() \
            .groupby(level="interval").mean()
        s.insert(1, "start", [r.interval_starts[int(k)] for k in s["interval"]])
        s.insert(2, "offered", s["interval"].map(offered).to_numpy())
        s["low"] = s["mean"] - s["ci95"]
        s["high"] = s["mean"] + s["ci95"]
        s["threshold"] = T
        s["target_sl"] = t.value if t is not None else np.nan
        s["short"] = s["mean"] < s["target_sl"]
        s["sure_short"] = s["high"] < s["target_sl"]
        s.attrs.update(threshold=T, basis=b, target=t)
        if rw is not None:
            s.insert(0, "row", rw)
            s.insert(1, "target", r.comparison.loc[r.comparison["row"] == rw, "target"].iloc[0])
        parts.append(s)
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    out.attrs.update(parts[0].attrs)
    return out


def shortfalls(r: Results, threshold=None, basis=None, queue=None, row=None, target=None) -> pd.DataFrame:
    """The intervals whose mean SL is below the target (service_level_by_interval rows with
    short), with `gap` = target - mean in percentage points."""
    t = service_level_by_interval(r, threshold, basis, queue, row, target)
    out = t[t["short"]].copy()
    out["gap_points"] = 100 * (out["target_sl"] - out["mean"])
    out.attrs.update(t.attrs)
    return out.reset_index(drop=True)


def daily_service_level(r: Results, threshold=None, basis=None, queue=None, row=None) -> pd.Series:
    """Each replication's whole-day SL (all queues together unless `queue`)."""
    T, b, _ = resolve_sl(r, queue=queue, row=row, threshold=threshold, basis=basis)
    return service_level(_only_row(r.intervals, row), T, b, queues=queue)


def breach_risk(r: Results, threshold=None, basis=None, queue=None, row=None, target=None) -> pd.Series:
    """Share of simulated days whose own day SL is below the target, with the counts.

    Returns a Series: days, below, share, target, threshold, basis, mean."""
    T, b, t = resolve_sl(r, queue=queue, row=row, threshold=threshold, basis=basis, target=target)
    v = daily_service_level(r, T, b, queue, row).dropna()
    if t is None:
        raise ValueError("no SL target to compare with; pass target=0.8 or target='80/20'")
    below = int((v < t.value).sum())
    return pd.Series({"days": len(v), "below": below, "share": below / len(v) if len(v) else np.nan,
                      "target": t.value, "threshold": T, "basis": b, "mean": float(v.mean())})


def scheduled_agents(r: Results, row=None) -> float:
    """Mean agents on duty by the plan per interval, summed over groups (time-weighted)."""
    gi = _only_row(r.group_intervals, row)
    per = gi.groupby(["replication", "interval"], observed=True)["scheduled_agents"].sum()
    return float(per.groupby(level="interval").mean().mean())


def staffing_curve(results, threshold=None, basis="offered", queue=None, x="agents") -> pd.DataFrame:
    """One point per results file (e.g. the same day run at several staffing levels):
    agents (mean scheduled agents per interval, all groups), agent_hours (paid), SL and
    abandon rate of the day (means and ci95 from `summary`, for `queue` or the total).
    Columns: agents, agent_hours, service_level, service_level_ci95, abandon_rate,
    abandon_rate_ci95, label. Sorted by `x`."""
    pts = []
    for r in results:
        q = queue or TOTAL
        T = threshold
        if T is None and r.thresholds:
            T = resolve_sl(r, queue=queue)[0]
        sl = r.metric(f"service_level_{threshold_key(T)}_{basis}", q) if T is not None else (np.nan, np.nan)
        ab = r.metric("abandon_rate", q)
        gs = r.group_summary
        ah = float(gs.loc[gs["metric"] == "agent_hours", "mean"].sum())
        pts.append({"agents": scheduled_agents(r), "agent_hours": ah,
                    "service_level": sl[0], "service_level_ci95": sl[1],
                    "abandon_rate": ab[0], "abandon_rate_ci95": ab[1],
                    "label": r.meta.get("command_line", r.path)})
    out = pd.DataFrame(pts).sort_values(x).reset_index(drop=True)
    out.attrs.update(threshold=T, basis=basis)
    return out


def cost_table(r: Results) -> pd.DataFrame:
    """The comparison table of a compare file with the percentages a planner asks for:
    delta_cost_pct and delta_agent_hours_pct (against row 0)."""
    if r.comparison is None:
        raise ValueError(f"{r.path} is a {r.command} file; the cost of targets needs 'ccsim compare --out'")
    c = r.comparison.copy()
    base = c.loc[c["row"] == 0].iloc[0]
    c["delta_cost_pct"] = 100 * c["delta_cost"] / base["cost"] if base["cost"] else np.nan
    c["delta_agent_hours_pct"] = 100 * c["delta_agent_hours"] / base["agent_hours"]
    return c
