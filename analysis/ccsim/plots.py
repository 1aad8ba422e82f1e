"""Plots of results files (matplotlib). Each takes a Results object (or, for the staffing
curve, several), draws on `ax` (a new figure when None) and returns the Axes.

    ccsim.plot_interval_sl(r)           # SL per interval, 95% band, against the target
    ccsim.plot_staffing(r)              # agents required vs scheduled per interval
    ccsim.plot_sl_abandon_curve([...])  # SL and abandon rate against agents
    ccsim.plot_target_cost(r)           # what each target costs (compare files)
    ccsim.plot_daily_sl(r)              # daily SL across replications: breach risk
    ccsim.plot_abandon_vs_sl(sweep)     # abandon rate against SL: the SL an abandon cap implies
    ccsim.plot_sl_surface(sweep, x=KEY, y=KEY)   # SL over two sweep axes, target contour
    ccsim.plot_period_distribution(r)   # an SLA's period figures against its target
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .results import Results
from .tables import (_fmt, breach_risk, cost_table, daily_service_level, resolve_sl,
                     service_level_by_interval, sl_at_abandon_cap, staffing_curve,
                     sweep_table, single_plan)
from .value import period_table, recompute_periods, sla_terms

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap

    from .targets import Target

_COLORS = ["tab:blue", "tab:orange", "tab:green", "tab:purple", "tab:brown", "tab:pink"]


def _axes(ax, figsize=(9, 4.5)):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _clock_ticks(ax, r: Results, every=None):
    starts = r.interval_starts
    n = len(starts)
    every = every or max(1, int(np.ceil(n / 12)))
    ticks = list(range(0, n, every))
    ax.set_xticks(ticks)
    ax.set_xticklabels([starts[i] for i in ticks], rotation=45, ha="right")
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_xlabel("interval start")


def _pct(ax, axis="y"):
    from matplotlib.ticker import PercentFormatter

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(PercentFormatter(1.0))


def _num(v: float) -> str:
    """A half-width readably: 1,449 / 2.3 / 0.04."""
    return f"{v:,.0f}" if abs(v) >= 10 else f"{v:.2g}"


def _title(r: Results, what: str) -> str:
    return f"{r.scenario_name}: {what}" if r.scenario_name else what


def plot_interval_sl(r: Results, threshold: float | None = None, basis: str | None = None,
                     queue: str | Sequence[str] | None = None, row: int | Iterable[int] | None = None,
                     target: Target | str | float | None = None, ax: Axes | None = None) -> Axes:
    """SL per interval: mean over replications with its 95% band, the target line, and the
    intervals whose mean falls short marked in red. Compare files draw every row (or `row`).
    queue: a queue name, or None for all queues together."""
    ax = _axes(ax)
    t = service_level_by_interval(r, threshold, basis, queue, row, target)
    groups = [(None, t)] if "row" not in t else list(t.groupby("row", sort=True))
    any_short = False
    for i, (rw, d) in enumerate(groups):
        color = _COLORS[i % len(_COLORS)]
        label = "mean SL" if rw is None else f"{d['target'].iloc[0]}: SL within {d['threshold'].iloc[0]:g} s"
        x = d["interval"].to_numpy()
        ax.fill_between(x, d["low"].clip(lower=0), d["high"].clip(upper=1), color=color,
                        alpha=0.2, linewidth=0, step=None)
        ax.plot(x, d["mean"], marker="o", markersize=3, color=color,
                label=label + " (band: 95% CI)")
        goal = d["target_sl"].iloc[0]
        if np.isfinite(goal):
            ax.axhline(goal, color=color if rw is not None else "tab:red", linestyle="--",
                       linewidth=1, label=f"target {100 * goal:g}%" + ("" if rw is None else f" ({d['target'].iloc[0]})"))
            short = d[d["short"]]
            if len(short):
                ax.plot(short["interval"], short["mean"], "o", color="tab:red", markersize=5,
                        label="below target" if not any_short else None)
                any_short = True
    b = t.attrs["basis"]
    who = queue if isinstance(queue, str) else "all queues"
    Ts = sorted(set(t["threshold"]))
    ax.set_ylabel(f"SL within {Ts[0]:g} s ({b} basis)" if len(Ts) == 1 else f"service level ({b} basis)")
    ax.set_title(_title(r, f"SL per interval, {who}, {r.n_replications} replications"))
    _pct(ax)
    _clock_ticks(ax, r)
    ax.grid(alpha=0.3)
    if len(groups) > 1:
        ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=len(groups))
    else:
        ax.legend(fontsize=8, loc="best")
    return ax


def plot_staffing(r: Results, group: str | Sequence[str] | None = None, row: int | None = None,
                  ax: Axes | None = None) -> Axes:
    """Agents per interval: scheduled by the answer (`agents`), the interval-by-interval
    Erlang C and Erlang A requirements, and the input scenario's plan (`input`).
    group: a group name or None for all groups summed. Compare files: `row` (default: the
    agents of every row, with the input plan)."""
    if r.staffing is None:
        raise ValueError(f"{r.path} is a {r.command} file without /staffing; "
                         "use 'ccsim staff --out' or 'ccsim compare --out'")
    ax = _axes(ax)
    st = r.staffing
    if group is not None:
        st = st[st["group"].isin([group] if isinstance(group, str) else group)]
    keys = ["row", "interval"] if "row" in st else ["interval"]
    tot = st.groupby(keys, observed=True)[["agents", "erlang_c", "erlang_a", "input"]].sum().reset_index()
    rows: list[int | None]
    rows = [None] if "row" not in tot else ([row] if row is not None else sorted(tot["row"].unique()))
    for i, rw in enumerate(rows):
        d = tot if rw is None else tot[tot["row"] == rw]
        x = d["interval"].to_numpy()
        name = "agents scheduled" if rw is None else f"agents for {r.targets[rw]}"  # type: ignore[index]
        ax.step(x, d["agents"], where="mid", linewidth=2, color=_COLORS[i % len(_COLORS)], label=name)
        if len(rows) == 1:
            ax.step(x, d["erlang_c"], where="mid", color="tab:gray", label="Erlang C requirement")
            ax.step(x, d["erlang_a"], where="mid", color="tab:orange" if rw is None else "tab:olive",
                    linestyle="--", label="Erlang A requirement")
    d0 = tot if rows[0] is None else tot[tot["row"] == rows[0]]
    ax.step(d0["interval"], d0["input"], where="mid", color="black", linestyle=":",
            label="input plan (on duty)")
    who = group if isinstance(group, str) else "all groups"
    ax.set_ylabel(f"agents ({who})")
    ax.set_title(_title(r, "agents required and scheduled per interval"))
    _clock_ticks(ax, r)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return ax


def plot_sl_abandon_curve(points: pd.DataFrame | Results | Iterable[Results], threshold: float | None = None,
                          basis: str = "offered", queue: str | None = None, cap: float | None = None,
                          sl_target: float | None = None, x: str = "agents", ax: Axes | None = None) -> Axes:
    """SL (left axis) and abandon rate (right axis) against staffing, one point per results
    file or per sweep point: the curve used to staff a line under an abandon cap. points: a
    sweep Results (e.g. `--vary "agents.NAME.staffing_delta=-4:8:1"`), a list of Results
    (the same day at several staffing levels) or a DataFrame with columns agents (or `x`),
    service_level, abandon_rate and optionally their _ci95. x: "agents" (mean scheduled
    agents per interval) or a sweep axis key. cap: abandon-rate cap (0.05); the fewest
    agents whose mean meets it is marked. The abandon axis is `ax.abandon_axes`."""
    if isinstance(points, pd.DataFrame):
        d = points.sort_values(x).reset_index(drop=True)
    else:
        d = staffing_curve(points if isinstance(points, Results) else list(points), threshold,
                           basis, queue, x)
    ax = _axes(ax)
    xs = d[x].to_numpy()
    sl_err = d["service_level_ci95"] if "service_level_ci95" in d else None
    ab_err = d["abandon_rate_ci95"] if "abandon_rate_ci95" in d else None
    T = d.attrs.get("threshold", threshold)
    if d["service_level"].notna().any():
        ax.errorbar(xs, d["service_level"], yerr=sl_err, marker="o", capsize=3, color="tab:blue",
                    label=f"SL{'' if T is None else f' within {T:g} s'} ({basis})")
    ax2 = ax.twinx()
    ax2.errorbar(xs, d["abandon_rate"], yerr=ab_err, marker="s", capsize=3, color="tab:red",
                 label="abandon rate")
    if sl_target is not None:
        ax.axhline(sl_target, color="tab:blue", linestyle="--", linewidth=1,
                   label=f"SL target {100 * sl_target:.0f}%")
    if cap is not None:
        ax2.axhline(cap, color="tab:red", linestyle="--", linewidth=1, label=f"abandon cap {100 * cap:g}%")
        ok = d[d["abandon_rate"] <= cap]
        if len(ok):
            best = ok.iloc[0]
            ax2.annotate(f"fewest meeting the cap:\n{_fmt(best[x])} {x.replace('_', ' ') if x == 'agents' else ''}",
                         (best[x], best["abandon_rate"]), xytext=(10, 25), textcoords="offset points",
                         arrowprops={"arrowstyle": "->"}, fontsize=8)
    ax.set_xlabel("mean scheduled agents per interval" if x == "agents" else x.replace("_", " "))
    ax.set_ylabel("service level", color="tab:blue")
    ax2.set_ylabel("abandon rate", color="tab:red")
    _pct(ax)
    _pct(ax2)
    ax.grid(alpha=0.3)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, fontsize=8, loc="center right")
    ax.set_title("service level and abandon rate against staffing")
    ax.abandon_axes = ax2
    return ax


def plot_target_cost(r: Results, what: str | None = None, ax: Axes | None = None) -> Axes:
    """What each target costs (compare files): worked cost per target set with its 95%
    half-width, the planned cost (black tick), the difference to the first row, and the
    share of simulated days that met every target. what: "cost" or "agent_hours" (default
    cost, or agent hours when the scenario has no cost_per_hour)."""
    c = cost_table(r)
    if what is None:
        what = "cost" if np.nansum(np.abs(c["cost"].to_numpy())) > 0 else "agent_hours"
    planned = "planned_cost" if what == "cost" else "planned_agent_hours"
    delta = "delta_" + what
    ax = _axes(ax, (8, 4.5))
    x = np.arange(len(c))
    colors = [_COLORS[0] if f else "lightgray" for f in c["feasible"]]
    ax.bar(x, c[what], yerr=c[what + "_ci95"], color=colors, capsize=4,
           hatch=None, edgecolor="black", linewidth=0.5, label=what.replace("_", " ") + " worked (mean, 95% CI)")
    ax.plot(x, c[planned], "_", color="black", markersize=30, markeredgewidth=2,
            label=planned.replace("_", " "))
    top = float(np.nanmax(c[what] + c[what + "_ci95"]))
    for i, row in c.iterrows():
        lines = []
        if row["row"] != 0:
            pct = 100 * row[delta] / c[what].iloc[0] if c[what].iloc[0] else np.nan
            lines.append(f"{row[delta]:+,.0f} ± {_num(row[delta + '_ci95'])} ({pct:+.1f}%)")
        else:
            lines.append("baseline")
        lines.append(f"P(day meets) {100 * row['p_day_meets_target']:.0f}%")
        if not row["feasible"]:
            lines.append("NOT FEASIBLE")
        ax.text(i, top * 1.02, "\n".join(lines), ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, top * 1.25)
    ax.set_xticks(x)
    ax.set_xticklabels(c["target"].astype(str))
    ax.set_xlabel("target set")
    ax.set_ylabel("cost per day" if what == "cost" else "agent-hours per day")
    ax.set_title(_title(r, "what each target costs"))
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    return ax


def plot_daily_sl(r: Results, threshold: float | None = None, basis: str | None = None,
                  queue: str | Sequence[str] | None = None, row: int | None = None,
                  target: Target | str | float | None = None, bins: int = 20, ax: Axes | None = None) -> Axes:
    """Distribution of each simulated day's SL against the target, with the share of days
    below it (the risk of breaching the target on a given day). Compare files: `row`
    (default: every row, one outline each)."""
    ax = _axes(ax, (8, 4.5))
    rows: list[int | None]
    rows = [None] if r.comparison is None else ([row] if row is not None else list(r.comparison["row"]))
    vals = {rw: daily_service_level(r, threshold, basis, queue, rw).dropna() for rw in rows}
    allv = np.concatenate([v.to_numpy() for v in vals.values()])
    edges = np.histogram_bin_edges(allv, bins=bins) if len(allv) else bins
    lines = []
    for i, (rw, v) in enumerate(vals.items()):
        color = _COLORS[i % len(_COLORS)]
        name = "days" if rw is None else r.targets[rw]  # type: ignore[index]
        ax.hist(v, bins=edges, color=color, alpha=0.5 if len(vals) == 1 else 0.9,
                histtype="bar" if len(vals) == 1 else "step", linewidth=1.5, label=name)
        try:
            b = breach_risk(r, threshold, basis, queue, rw, target)
        except ValueError:
            continue
        ax.axvline(b["target"], color="tab:red" if rw is None else color, linestyle="--", linewidth=1.2)
        if rw is None:
            ax.axvspan(min(float(np.min(allv)), b["target"]) - 0.01, b["target"], color="tab:red",
                       alpha=0.07, label="below target")
        lines.append(f"{'' if rw is None else name + ': '}{int(b['below'])} of {int(b['days'])} days "
                     f"({100 * b['share']:.0f}%) below the {100 * b['target']:.0f}% target")
    if lines:
        ax.text(0.02, 0.97, "\n".join(lines), transform=ax.transAxes, va="top", fontsize=9,
                bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
    Ts = {resolve_sl(r, queue=queue, row=rw, threshold=threshold, basis=basis)[:2] for rw in rows}
    T, b = sorted(Ts)[0]
    ax.set_xlabel(f"day SL within {T:g} s ({b} basis)" if len(Ts) == 1
                  else "day SL, each row on its own target's threshold")
    ax.set_ylabel("simulated days")
    _pct(ax, "x")
    ax.set_title(_title(r, f"daily service level over {r.n_replications} simulated days"))
    ax.grid(alpha=0.3)
    if len(vals) > 1:
        ax.legend(fontsize=8, loc="upper right")
    return ax


def plot_abandon_vs_sl(points: pd.DataFrame | Results | Iterable[Results], cap: float | None = 0.05,
                       threshold: float | None = None, basis: str = "offered", queue: str | None = None,
                       x: str = "agents", annotate: bool = True, ax: Axes | None = None) -> Axes:
    """Abandon rate against service level, one point per staffing level (a sweep's points,
    or several run files), with their 95% intervals both ways: how the abandon rate goes
    with SL, and the SL that keeps abandons under `cap` (interpolated where the curve
    crosses it; shaded up to the SL where the whole 95% interval is under it).
    points: as plot_sl_abandon_curve. annotate: label each point with its `x` (agents, or a
    sweep axis key). The answer of sl_at_abandon_cap is `ax.cap_answer`."""
    if isinstance(points, pd.DataFrame):
        d = points.sort_values(x).reset_index(drop=True)
    else:
        d = staffing_curve(points if isinstance(points, Results) else list(points), threshold,
                           basis, queue, x)
    ax = _axes(ax, (8, 5))
    T = d.attrs.get("threshold", threshold)
    b = d.attrs.get("basis") or basis
    ax.errorbar(d["service_level"], d["abandon_rate"],
                xerr=d["service_level_ci95"] if "service_level_ci95" in d else None,
                yerr=d["abandon_rate_ci95"] if "abandon_rate_ci95" in d else None,
                marker="o", capsize=3, color="tab:red", ecolor="tab:gray",
                label="staffing levels" + (" (mean agents per interval)" if annotate and x == "agents" else "")
                + ", 95% CI")
    if annotate:
        what = "agents" if x == "agents" else x.rsplit(".", 1)[-1].replace("_", " ")
        for i, (sl, ab, v) in enumerate(zip(d["service_level"], d["abandon_rate"], d[x])):
            text = _fmt(v) if i else f"{_fmt(v)} {what}"
            ax.annotate(text, (sl, ab), xytext=(4, 4), textcoords="offset points", fontsize=7)
    ans = None
    if cap is not None:
        ans = sl_at_abandon_cap(d, cap, x)
        ax.axhline(cap, color="black", linestyle="--", linewidth=1, label=f"abandon cap {100 * cap:g}%")
        if np.isfinite(ans["service_level"]):
            sl = ans["service_level"]
            ax.axvline(sl, color="tab:blue", linewidth=1.5,
                       label=f"SL at the cap: {100 * sl:.1f}%")
            sure = ans["service_level_sure"]
            if np.isfinite(sure) and sure > sl:
                ax.axvspan(sl, sure, color="tab:blue", alpha=0.12,
                           label=f"up to {100 * sure:.1f}%: under the cap with 95% confidence")
        else:
            ax.text(0.02, 0.03, ans["note"], transform=ax.transAxes, fontsize=9, color="tab:red")
    ax.set_xlabel(f"service level{'' if T is None else f' within {T:g} s'} ({b} basis)")
    ax.set_ylabel("abandon rate")
    _pct(ax)
    _pct(ax, "x")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper right")
    ax.set_title("abandon rate against service level")
    ax.cap_answer = ans
    return ax


def plot_sl_surface(r: Results, x: str, y: str, threshold: float | None = None, basis: str | None = None,
                    queue: str | Sequence[str] | None = None, target: Target | str | float | None = None,
                    at: Mapping[str, Any] | None = None, metric: str = "service_level", kind: str = "heatmap",
                    annotate: bool = True, cmap: str | Colormap = "RdYlGn", ax: Axes | None = None) -> Axes:
    """SL (or another metric of sweep_table) over two axes of a sweep file, as a heatmap
    (kind="heatmap", every cell annotated) or filled contours (kind="contour"), coloured
    green where the metric is good (high SL; low abandons and waits), with the
    target's contour drawn (the 80% line of an 80/20 target: staffing and volume on the
    good side of it meet the target on the day's mean).
    x, y: axis keys. at: {KEY: value} fixing any further axes. target: as resolve_sl (default
    the queue's SL target; a number for other metrics). The grid (y rows, x columns) is
    `ax.grid_values`."""
    if r.points is None or not getattr(r, "is_sweep", True):
        raise ValueError(f"{r.path} is not a sweep file; plot_sl_surface needs 'ccsim sweep --out'")
    for k in (x, y):
        if k not in r.axes:  # type: ignore[operator]
            raise KeyError(f"{k!r} is not an axis of this sweep; axes: {r.axes}")
    t = sweep_table(r, [metric], threshold=threshold, basis=basis, queue=queue)
    for k, v in (at or {}).items():
        col = t[k]
        t = t[np.isclose(col.astype(float), float(v)) if pd.api.types.is_numeric_dtype(col)
              and not isinstance(v, str) else col.astype(str) == str(v)]
    if t.duplicated([x, y]).any():
        rest = [k for k in r.axes if k not in (x, y) and k not in (at or {})]  # type: ignore[union-attr]
        raise ValueError(f"several points per ({x}, {y}): fix the other axes with at={{...}} ({rest})")
    grid = t.pivot(index=y, columns=x, values=metric).sort_index().sort_index(axis=1)
    goal = None
    if metric == "service_level":
        _, _, tg = resolve_sl(r, queue=queue, threshold=threshold, basis=basis, target=target)
        goal = tg.value if tg is not None else None
    elif target is not None:
        goal = float(target)  # type: ignore[arg-type]
    ax = _axes(ax, (8, 5.5))

    def coords(vals):
        if pd.api.types.is_numeric_dtype(vals):
            return np.asarray(vals, dtype=float), True
        return np.arange(len(vals), dtype=float), False

    xs, xnum = coords(grid.columns)
    ys, ynum = coords(grid.index)

    def edges(c):
        if len(c) == 1:
            return np.array([c[0] - 0.5, c[0] + 0.5])
        mid = (c[1:] + c[:-1]) / 2
        return np.concatenate([[c[0] - (mid[0] - c[0])], mid, [c[-1] + (c[-1] - mid[-1])]])

    from matplotlib.colors import TwoSlopeNorm, Normalize

    Z = grid.to_numpy(dtype=float)
    lo, hi = np.nanmin(Z), np.nanmax(Z)
    if goal is not None and lo < goal < hi:
        norm = TwoSlopeNorm(vcenter=goal, vmin=lo, vmax=hi)
    else:
        norm = Normalize(vmin=lo, vmax=hi)
    is_rate = metric.startswith("service_level") or metric.endswith("rate") or metric == "occupancy"
    higher_better = metric.startswith("service_level") or metric in ("answered", "caller_answered_rate")
    if cmap == "RdYlGn" and not higher_better:  # abandons, waits: red where they are high
        cmap = "RdYlGn_r"
    if kind == "contour" and len(xs) > 1 and len(ys) > 1:
        mappable = ax.contourf(xs, ys, Z, levels=12, cmap=cmap, norm=norm)
    else:
        mappable = ax.pcolormesh(edges(xs), edges(ys), Z, cmap=cmap, norm=norm, shading="flat")
    if annotate and kind != "contour":
        for i, yv in enumerate(ys):
            for j, xv in enumerate(xs):
                v = Z[i, j]
                if np.isfinite(v):
                    ax.text(xv, yv, f"{100 * v:.0f}" if is_rate else f"{v:.3g}", ha="center",
                            va="center", fontsize=7)
    if goal is not None and len(xs) > 1 and len(ys) > 1 and lo < goal < hi:
        cs = ax.contour(xs, ys, Z, levels=[goal], colors="black", linewidths=2)
        ax.clabel(cs, fmt={goal: f"{100 * goal:g}%" if is_rate else f"{goal:g}"}, fontsize=8)
        from matplotlib.lines import Line2D

        ax.legend([Line2D([], [], color="black", linewidth=2)],
                  [f"target {100 * goal:g}%" if is_rate else f"target {goal:g}"],
                  fontsize=8, loc="upper right")
    cb = ax.figure.colorbar(mappable, ax=ax)
    if is_rate:
        from matplotlib.ticker import PercentFormatter

        cb.ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    T, b = t.attrs.get("threshold"), t.attrs.get("basis")
    name = (f"SL within {T:g} s ({b} basis)" if metric == "service_level" else metric.replace("_", " "))
    cb.set_label(name)
    if not xnum:
        ax.set_xticks(xs)
        ax.set_xticklabels([str(v) for v in grid.columns])
    else:
        ax.set_xticks(xs)
        ax.set_xticklabels([_fmt(v) for v in grid.columns])
    if not ynum:
        ax.set_yticks(ys)
        ax.set_yticklabels([str(v) for v in grid.index])
    else:
        ax.set_yticks(ys)
        ax.set_yticklabels([_fmt(v) for v in grid.index])
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    fixed = "" if not at else " at " + ", ".join(f"{k}={_fmt(v)}" for k, v in at.items())
    ax.set_title((f"{r.scenario_name}\n" if r.scenario_name else "")
                 + f"{name}{fixed}, {r.n_replications} replications per point", fontsize=10)
    ax.grid_values = grid
    return ax


_PLURAL = {"interval": "intervals", "day": "days", "week": "weeks", "month": "months"}


def plot_period_distribution(r: Results, queue: str | None = None, row: int | Iterable[int] | None = None,
                             bins: int = 20, source: str | None = None, ax: Axes | None = None) -> Axes:
    """Distribution of a queue's SLA period figure (each month's, week's, day's or interval's
    pooled SL, ASA or abandon rate) against the SLA's target, with the share of periods that
    breach it (in the title) and the expected penalty per period. SL and abandon rates in
    percent, ASA in seconds; a tick under the bars marks each period.
    queue: a queue with an `sla` (default: the only one). Compare files: `row` (default every
    row, one outline each). source: as period_table ("periods": the file's `/periods`;
    "counters": recomputed, the default for compare files, which store no periods).
    The periods drawn are `ax.periods`, their table (period_table) `ax.period_table`."""
    single_plan(r, "plot_period_distribution")
    terms = sla_terms(r)
    if not terms:
        raise ValueError(f"{r.path}: no queue of scenario {r.scenario_name!r} has an sla "
                         "(a period target and penalty, docs/results-format.md §4b)")
    if queue is None:
        if len(terms) > 1:
            raise ValueError(f"several queues have an SLA ({', '.join(terms)}): pass queue=")
        queue = next(iter(terms))
    sla = sla_terms(r, queue)
    if source is None:
        source = "periods" if r.periods is not None else "counters"
    p = r.periods if source == "periods" else recompute_periods(r, queue)
    if p is None:
        raise ValueError(f"{r.path} has no /periods; pass source='counters'")
    p = p[p["queue"] == queue]
    table = period_table(r, queue=queue, source=source)
    if "row" in p:
        rows = list(r.comparison["row"]) if row is None else ([row] if np.isscalar(row) else list(row))  # type: ignore[index, arg-type]
    else:
        rows = [None]
    ax = _axes(ax, (8, 4.5))
    goal = sla.target.value
    vals = {rw: (p if rw is None else p[p["row"] == rw])["value"] for rw in rows}
    finite = np.concatenate([v.dropna().to_numpy(dtype=float) for v in vals.values()] + [np.array([goal])])
    lo, hi = float(finite.min()), float(finite.max())
    pad = 0.03 * (hi - lo) if hi > lo else (0.01 if sla.percent else 1.0)
    edges = np.linspace(lo - pad, hi + pad, int(bins) + 1)
    plural = _PLURAL[sla.period]
    top: float
    lines, shares, top = [], [], 0
    for i, (rw, v) in enumerate(vals.items()):
        color = _COLORS[i % len(_COLORS)]
        name = None if rw is None else r.targets[rw]  # type: ignore[index]
        x = v.dropna().to_numpy(dtype=float)
        counts, _, _ = ax.hist(x, bins=edges, color=color, alpha=0.5 if len(vals) == 1 else 0.9,
                               histtype="bar" if len(vals) == 1 else "step", linewidth=1.5,
                               label=plural if name is None else f"staffed for {name}")
        top = max(top, float(np.max(counts)) if len(counts) else 0.0)
        ax.plot(x, np.zeros_like(x), "|", color=color, markersize=10, clip_on=False)
        t = table if rw is None else table[table["row"] == rw]
        t = t.iloc[0]
        n, missed = int(t["periods"]), int(t["missed"])
        share = missed / n if n else np.nan
        shares.append((name, missed, n, share))
        pen = f"expected penalty {t['expected_penalty']:,.0f} ± {_num(t['expected_penalty_ci95'])} per {sla.period}"
        empty = int(v.isna().sum())
        lines.append(("" if name is None else f"{name}: ")
                     + f"{missed} of {n} {plural} missed, P(meets) {100 * t['p_meet']:.0f}% "
                     f"[{100 * t['p_meet_lo']:.0f}%, {100 * t['p_meet_hi']:.0f}%]; {pen}"
                     + (f"; {empty} without calls (met)" if empty else ""))
    if sla.target.kind == "service_level":
        what = f"SL within {sla.target.threshold:g} s ({sla.basis} basis)"
    else:
        what = "abandon rate" if sla.target.kind == "abandon" else "ASA (s)"
    shown = f"{100 * goal:g}%" if sla.percent else f"{goal:g} s"
    ax.axvline(goal, color="tab:red", linestyle="--", linewidth=1.2, label=f"target {sla.target.text}")
    left, right = edges[0], edges[-1]
    if sla.target.kind == "service_level":
        ax.axvspan(left, goal, color="tab:red", alpha=0.07, label=f"breach (below {shown})")
    else:
        ax.axvspan(goal, right, color="tab:red", alpha=0.07, label=f"breach (above {shown})")
    ax.set_xlim(left, right)
    from matplotlib.ticker import MaxNLocator

    ax.set_ylim(0, max(1.0, top) * (1.35 + 0.08 * len(lines)))  # room for the notes and legend
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.text(0.02, 0.97, "\n".join(lines), transform=ax.transAxes, va="top", fontsize=8,
            bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
    ax.set_xlabel(f"{what} of each {sla.period}, pooled over its calls")
    ax.set_ylabel(plural)
    if sla.percent:
        _pct(ax, "x")
    if len(shares) == 1:
        _, missed, n, share = shares[0]
        breach = f"{missed} of {n} {plural} ({100 * share:.0f}%) breach it"
    else:
        breach = f"{plural} breaching: " + ", ".join(f"{nm} {100 * sh:.0f}% ({m} of {n})"
                                                   for nm, m, n, sh in shares)
    ax.set_title(_title(r, f"{queue}'s SLA {sla.text}\n{breach}"), fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper right")
    ax.periods = p if row is None else p[p["row"].isin(rows)] if "row" in p else p
    ax.period_table = table
    return ax


period_distribution = plot_period_distribution
"""The same plot under a shorter name: ccsim.plots.period_distribution(r, queue=None, ax=None)."""
