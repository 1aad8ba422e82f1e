"""Ready-made tables from a Results object: SL per interval against the target, the
intervals that fall short, the daily SL and breach risk, the staffing curve, the cost
of each target, and for sweep files one row per point (`sweep_table`), the SL an abandon cap
implies (`sl_at_abandon_cap`) and paired differences along an axis (`sweep_differences`).
The plots in `ccsim.plots` draw these tables.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .recompute import measured_thresholds, service_level
from .recompute import metrics as _metrics
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


def single_plan(r: Results, what: str) -> Results:
    """`r` itself, unless it is a whole sweep file: those hold one plan per point, which a
    per-plan table or plot must not add up; the error says how to pick a point."""
    if getattr(r, "is_sweep", False):
        raise ValueError(f"{r.path} is a sweep file with {r.n_points} points over {r.axes}; "
                         f"{what} shows one plan: pass r.point(i) or r.point({{KEY: value}}), "
                         f"or use ccsim.sweep_table / plot_sl_surface for all points")
    return r


def _only_row(df: pd.DataFrame | None, row):
    if df is None or row is None or "row" not in df:
        return df
    return df[df["row"] == row]


def resolve_sl(r: Results, *, queue: str | Sequence[str] | None = None, row: int | None = None,
               threshold: float | None = None, basis: str | None = None,
               target: Target | str | float | None = None) -> tuple[float, str, Target | None]:
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
        # the row's targets of the chosen queues (a row may name queues: "elite=90/10,general=80/20")
        candidates = [t for q in queues for t in parse_targets(r.row_targets(row, q))
                      if t.kind == "service_level"]
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


def service_level_by_interval(r: Results, threshold: float | None = None, basis: str | None = None,
                              queue: str | Sequence[str] | None = None, row: int | Iterable[int] | None = None,
                              target: Target | str | float | None = None) -> pd.DataFrame:
    """Per interval: mean SL over replications with its 95% half-width, against the target.

    Columns: [row, target (compare files),] interval, start, offered (mean calls), mean,
    ci95, n, low, high (mean -/+ ci95), threshold (s), target_sl (the SL target as a fraction, NaN without
    one), short (mean below target_sl), sure_short (the whole 95% interval below it). queue: a queue name, a list, or
    None for all queues together."""
    single_plan(r, "service_level_by_interval")
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
            s.insert(1, "target", r.comparison.loc[r.comparison["row"] == rw, "target"].iloc[0])  # type: ignore[union-attr, index]
        parts.append(s)
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    out.attrs.update(parts[0].attrs)
    return out


def shortfalls(r: Results, threshold: float | None = None, basis: str | None = None,
               queue: str | Sequence[str] | None = None, row: int | Iterable[int] | None = None,
               target: Target | str | float | None = None) -> pd.DataFrame:
    """The intervals whose mean SL is below the target (service_level_by_interval rows with
    short), with `gap` = target - mean in percentage points."""
    t = service_level_by_interval(r, threshold, basis, queue, row, target)
    out = t[t["short"]].copy()
    out["gap_points"] = 100 * (out["target_sl"] - out["mean"])
    out.attrs.update(t.attrs)
    return out.reset_index(drop=True)


def daily_service_level(r: Results, threshold: float | None = None, basis: str | None = None,
                        queue: str | Sequence[str] | None = None, row: int | None = None) -> pd.Series:
    """Each replication's whole-day SL (all queues together unless `queue`)."""
    single_plan(r, "daily_service_level")
    T, b, _ = resolve_sl(r, queue=queue, row=row, threshold=threshold, basis=basis)
    return service_level(_only_row(r.intervals, row), T, b, queues=queue)


def breach_risk(r: Results, threshold: float | None = None, basis: str | None = None,
                queue: str | Sequence[str] | None = None, row: int | None = None,
                target: Target | str | float | None = None) -> pd.Series:
    """Share of simulated days whose own day SL is below the target, with the counts.

    Returns a Series: days, below, share, target, threshold, basis, mean."""
    T, b, t = resolve_sl(r, queue=queue, row=row, threshold=threshold, basis=basis, target=target)
    v = daily_service_level(r, T, b, queue, row).dropna()
    if t is None:
        raise ValueError("no SL target to compare with; pass target=0.8 or target='80/20'")
    below = int((v < t.value).sum())
    return pd.Series({"days": len(v), "below": below, "share": below / len(v) if len(v) else np.nan,
                      "target": t.value, "threshold": T, "basis": b, "mean": float(v.mean())})


def scheduled_agents(r: Results, row: int | None = None) -> float:
    """Mean agents on duty by the plan per interval, summed over groups (time-weighted)."""
    single_plan(r, "scheduled_agents")
    gi = _only_row(r.group_intervals, row)
    per = gi.groupby(["replication", "interval"], observed=True)["scheduled_agents"].sum()
    return float(per.groupby(level="interval").mean().mean())


def staffing_curve(results: Results | Sequence[Results], threshold: float | None = None, basis: str = "offered",
                   queue: str | None = None, x: str = "agents") -> pd.DataFrame:
    """One point per results file (e.g. the same day run at several staffing levels), or per
    point of a sweep file (e.g. `--vary "agents.NAME.staffing_delta=-4:8:1"`):
    agents (mean scheduled agents per interval, all groups), agent_hours (paid), SL and
    abandon rate of the day (means and ci95 from `summary`, for `queue` or the total).
    Columns: agents, agent_hours, service_level, service_level_ci95, abandon_rate,
    abandon_rate_ci95, label (sweep points: point, the axis columns, ..., label). Sorted by
    `x` (a column, or a sweep file's axis key)."""
    if isinstance(results, Results):
        results = [results]
    sweeps = [r for r in results if getattr(r, "is_sweep", False)]
    if sweeps:
        if len(sweeps) != len(results):
            raise ValueError("staffing_curve: pass either sweep files or run/staff files, not both")
        parts = []
        for r in sweeps:
            t = sweep_table(r, ["agents", "agent_hours", "service_level", "abandon_rate"],
                            threshold=threshold, basis=basis, queue=queue)
            t["label"] = [", ".join(f"{k}={_fmt(v)}" for k, v in zip(r.axes, vals))  # type: ignore[arg-type]
                          for vals in t[r.axes].itertuples(index=False)]
            parts.append(t)
        out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        attrs = dict(parts[0].attrs)
        out = out.sort_values(x, kind="stable").reset_index(drop=True)
        out.attrs.update(attrs)
        return out
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


# --- sweeps -------------------------------------------------------------------------------

GROUP_ADDITIVE = ("agent_hours", "on_duty_hours", "busy_hours", "overtime_hours", "cost")
"""group_summary metrics that add up over groups (sweep_table sums them)."""


def _fmt(v) -> str:
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    return f"{v:g}" if isinstance(v, (float, np.floating)) else str(v)


def _sweep_frame(r: Results) -> pd.DataFrame:
    if r.points is None:
        raise ValueError(f"{r.path} is a {r.command} file, not a sweep file ('ccsim sweep --out'); "
                         "for several run files use ccsim.staffing_curve")
    return r.points.copy()


def sweep_table(r: Results, metrics: str | Sequence[str] | None = None, threshold: float | None = None,
                basis: str | None = None, queue: str | Sequence[str] | None = None, *, source: str | None = None,
                intervals: int | str | Iterable[int | str] | None = None,
                group: str | Iterable[str] | None = None, level: float = 0.95) -> pd.DataFrame:
    """One row per point of a sweep file: `point`, the axis columns, then each metric's mean
    and 95% half-width over replications (`NAME`, `NAME_ci95`).

    metrics: names as in `summary` (`service_level_20_offered`, `asa`,
    `abandon_rate`, `wait_p90`, `offered`, ...), plus
      - `service_level`: the SL at `threshold` on `basis` (defaults as resolve_sl: the
        queue's first SL target and sl_basis; `threshold=` and `basis=` choose);
      - `agents`: mean scheduled agents per interval, all groups (as staffing_curve);
      - group metrics of `group_summary` (`agent_hours`, `cost`, `occupancy`, ...): summed
        over the groups (`group=` a name or list to choose; occupancy needs one group).
    Default: service_level (when a threshold is measured), asa, abandon_rate.
    queue: a name, a list (recomputed), or None for the total.
    source: "summary" (ccsim's own figures; the default for one queue or the total),
    "replications" (recomputed per replication from `/replications`, the default for a list
    of queues) or "intervals" (recomputed from `/intervals`; the default with `intervals=`,
    interval indexes or "HH:MM" starts to include). All three agree to rounding.
    attrs: threshold, basis, target (the SL Target, or None), queue, source.
    """
    out = _sweep_frame(r)
    keys = [c for c in out.columns if c != "point"]
    if metrics is None:
        metrics = (["service_level"] if r.thresholds else []) + ["asa", "abandon_rate"]
    elif isinstance(metrics, str):
        metrics = [metrics]
    queues = None if queue is None else ([queue] if isinstance(queue, str) else list(queue))
    if source is None:
        source = "intervals" if intervals is not None else (
            "summary" if queues is None or len(queues) == 1 else "replications")
    if source not in ("summary", "replications", "intervals"):
        raise ValueError(f"source must be summary, replications or intervals, not {source!r}")
    if intervals is not None and source != "intervals":
        raise ValueError("intervals= needs source='intervals'")
    if source == "summary" and queues is not None and len(queues) > 1:
        raise ValueError("summary has one queue or the total; pass source='replications' for a list")
    T = b = t = None
    if "service_level" in metrics or threshold is not None:
        if r.thresholds or threshold is not None:
            T, b, t = resolve_sl(r, queue=queue if isinstance(queue, str) or queue is None else queues,
                                 threshold=threshold, basis=basis)
    names = {}
    for m in metrics:
        if m == "service_level":
            if T is None:
                raise ValueError(f"{r.path} measures no SL threshold; rerun the sweep with --threshold 20s")
            names[m] = f"service_level_{threshold_key(T)}_{b}"
        else:
            names[m] = m
    per_rep = None
    q_name = TOTAL if queues is None else queues[0]
    for m, name in names.items():
        if m == "agents":
            gi = r.group_intervals
            if group is not None:
                gi = gi[gi["group"].isin([group] if isinstance(group, str) else list(group))]
            per = gi.groupby(["point", "replication", "interval"], observed=True)["scheduled_agents"].sum() \
                .groupby(level=["point", "replication"]).mean()
            st = mean_ci(per, by=["point"], level=level)
        elif name in GROUP_ADDITIVE or name in ("occupancy",):
            gs = r.group_summary
            gs = gs[gs["metric"] == name]
            if group is not None:
                gs = gs[gs["group"].isin([group] if isinstance(group, str) else list(group))]
            n_groups = gs["group"].nunique()
            if name == "occupancy":
                if n_groups != 1:
                    raise ValueError("occupancy of several groups does not add up; pass group=NAME")
                st = gs.set_index("point")[["mean", "ci95"]]
            else:
                g = gs.groupby("point", observed=True)
                st = pd.DataFrame({"mean": g["mean"].sum(min_count=1),
                                   "ci95": g["ci95"].sum() if n_groups == 1 else
                                   g["ci95"].apply(lambda c: 0.0 if (c == 0).all() else np.nan)})
        elif source == "summary":
            s = r.summary
            s = s[(s["queue"] == q_name) & (s["metric"] == name)]
            if s.empty:
                raise KeyError(f"summary has no metric {name!r} for queue {q_name!r}; metrics: "
                               f"{sorted(set(r.summary['metric']))}")
            st = s.set_index("point")[["mean", "ci95"]]
        else:
            if name == "wait_p90":
                if source != "replications" or queues is None or len(queues) != 1:
                    raise ValueError("wait_p90 does not add up over queues or intervals; use "
                                     "source='summary' or one queue with source='replications'")
                rep = r.replications[r.replications["queue"] == queues[0]]
                v = rep.set_index(["point", "replication"])["wait_p90"]
            else:
                if per_rep is None:
                    data = r.replications if source == "replications" else r.intervals
                    per_rep = _metrics(data, intervals=intervals, queues=queues)
                if name not in per_rep:
                    raise KeyError(f"{name!r} cannot be recomputed; metrics: {list(per_rep.columns)}")
                v = per_rep[name]
            st = mean_ci(v, by=["point"], level=level)
        st = st.reindex(out["point"].to_numpy())
        out[m] = st["mean"].to_numpy(dtype=float)
        out[m + "_ci95"] = st["ci95"].to_numpy(dtype=float)
    out.attrs.update(threshold=T, basis=b, target=t, queue=queue, source=source, axes=keys)
    return out


def sl_at_abandon_cap(curve: pd.DataFrame | Results | Sequence[Results], cap: float = 0.05, x: str = "agents",
                      threshold: float | None = None, basis: str = "offered",
                      queue: str | None = None) -> pd.Series:
    """The service level an abandon-rate cap implies: staff a line on an abandon cap by
    finding the SL that keeps abandons under it (then staff, and re-check, at that SL).

    curve: a sweep Results (points at several staffing levels), a list of run files, or a
    table of staffing_curve / sweep_table with columns service_level, abandon_rate (their
    _ci95 optional) and `x`. Points are taken in order of `x` (more staff: less abandon);
    where the mean abandon rate first falls to the cap, SL and `x` are interpolated
    linearly between the two points around it.

    Returns a Series: cap; service_level (the SL at the cap); `x` (the staffing at the cap);
    service_level_sure (where the upper end of the abandon rate's 95% interval reaches the
    cap: the SL that keeps abandons under the cap with 95% confidence, NaN without
    abandon_rate_ci95); first_point_index (the row of the first point meeting the cap) and its
    first_x, first_service_level, first_abandon_rate; note (why a value is NaN)."""
    if isinstance(curve, pd.DataFrame):
        d = curve
    else:
        d = staffing_curve(curve, threshold, basis, queue, x)
    d = d.sort_values(x, kind="stable").reset_index(drop=True)
    sl = d["service_level"].to_numpy(dtype=float)
    ab = d["abandon_rate"].to_numpy(dtype=float)
    xs = d[x].to_numpy(dtype=float)

    def cross(a):
        ok = np.flatnonzero(a <= cap)
        if len(ok) == 0:
            return np.nan, np.nan, None, "no point meets the cap: sweep more staff"
        i = int(ok[0])
        if i == 0:
            return np.nan, np.nan, i, "every point meets the cap: sweep less staff"
        f = (a[i - 1] - cap) / (a[i - 1] - a[i])
        return sl[i - 1] + f * (sl[i] - sl[i - 1]), xs[i - 1] + f * (xs[i] - xs[i - 1]), i, ""

    s_mid, x_mid, i, note = cross(ab)
    if "abandon_rate_ci95" in d:
        s_sure = cross(ab + d["abandon_rate_ci95"].to_numpy(dtype=float))[0]
    else:
        s_sure = np.nan
    out = {"cap": cap, "service_level": s_mid, x: x_mid, "service_level_sure": s_sure,
           "first_point_index": np.nan if i is None else i,
           "first_" + x: np.nan if i is None else xs[i],
           "first_service_level": np.nan if i is None else sl[i],
           "first_abandon_rate": np.nan if i is None else ab[i], "note": note}
    res = pd.Series(out, dtype=object)
    res.attrs.update(d.attrs)
    return res


def sweep_differences(r: Results, axis: str, metric: str = "service_level", threshold: float | None = None,
                      basis: str | None = None, queue: str | Sequence[str] | None = None, per: float | None = None,
                      level: float = 0.95) -> pd.DataFrame:
    """Paired differences of a metric between neighbouring values of one axis, the other
    axes fixed: how much the metric changes per step (e.g. SL lost per +10% volume).

    Every point ran replication r with the random streams of (seed, r), so the difference
    is taken replication by replication (common random numbers) and its 95% interval is
    much narrower than the two points' own. metric: as in sweep_table (recomputed per
    replication from `/replications`; not wait_p90, agents or group metrics). per: scale the
    difference to this change of the axis (per=0.1 on arrivals.scale: per +10% volume);
    default the step itself.

    One row per pair: the other axes' values, `from`, `to` (values of `axis`), `mean`,
    `ci95`, `n` (the difference to - from, scaled) and `per`."""
    pts = _sweep_frame(r)
    keys = [c for c in pts.columns if c != "point"]
    if axis not in keys:
        raise KeyError(f"{axis!r} is not an axis of this sweep; axes: {keys}")
    if not pd.api.types.is_numeric_dtype(pts[axis]) and per is not None:
        raise ValueError(f"axis {axis!r} is not numeric; per= needs a number")
    name = metric
    if metric == "service_level":
        T, b, _ = resolve_sl(r, queue=queue, threshold=threshold, basis=basis)
        name = f"service_level_{threshold_key(T)}_{b}"
    queues = None if queue is None else ([queue] if isinstance(queue, str) else list(queue))
    m = _metrics(r.replications, queues=queues)
    if name not in m:
        raise KeyError(f"{name!r} cannot be recomputed per replication; metrics: {list(m.columns)}")
    v = m[name].reset_index()
    v = v.rename(columns={name: "value"})
    others = [k for k in keys if k != axis]
    rows = []
    if not others:
        groups = [((), pts)]
    else:
        groups = pts.groupby(others if len(others) > 1 else others[0], sort=True, dropna=False)
    for gkey, g in groups:
        g = g.sort_values(axis)
        vals = g[axis].tolist()
        pids = g["point"].tolist()
        for (a, pa), (b_, pb) in zip(zip(vals, pids), zip(vals[1:], pids[1:])):
            va = v[v["point"] == pa].set_index("replication")["value"]
            vb = v[v["point"] == pb].set_index("replication")["value"]
            scale = 1.0
            if per is not None:
                scale = float(per) / (float(b_) - float(a))
            diff = (vb - va) * scale
            st = mean_ci(diff.reset_index(drop=True), level=level)
            row = dict(zip(others, gkey if isinstance(gkey, tuple) else (gkey,)))
            row.update({"from": a, "to": b_, "mean": st["mean"], "ci95": st["ci95"],
                        "n": int(st["n"]), "per": per if per is not None else
                        (float(b_) - float(a) if pd.api.types.is_numeric_dtype(pts[axis]) else np.nan)})
            rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs.update(metric=name, axis=axis)
    return out
