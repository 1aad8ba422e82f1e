"""Money and service level agreements (SLA): the `/periods` and `/value` tables of
docs/results-format.md §4b, and the same figures recomputed from the counters.

    ccsim.sla_terms(r)          # {queue: SLA}: period, days, target, penalty, penalty_per_point
    ccsim.period_table(r)       # per queue (and compare row): periods, met, P(meet) with its
                                # Wilson 95% interval, expected penalty per period
    ccsim.value_table(r)        # /value as one line per queue and the total, items as columns
    ccsim.daily_value(r)        # revenue, costs, penalties and net value of every simulated
                                # day, from the counters: paired differences between plans
    ccsim.recompute_periods(r)  # every SLA period again, pooled from the day (or interval)
                                # counters: equals r.periods; the way to get periods of
                                # compare files, which do not store them

A queue's SLA judges its target over each period of simulated days: one replication is one
day, period p of N days is days pN .. pN+N-1 (an `interval` period is one interval of one
day). The period's figure is pooled: the target's metric computed from the sums of the
period's counters (SL on the queue's sl_basis, ASA, abandon rate), not a mean of daily
figures. A period with no calls behind its figure meets. A missed period costs
penalty + penalty_per_point x points short (percentage points for SL and abandon targets,
seconds for ASA).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, overload

import numpy as np
import pandas as pd

from .results import TOTAL, Results, threshold_key
from .stats import mean_ci, wilson_interval
from .targets import Target, parse_target

if TYPE_CHECKING:
    import numpy.typing as npt

PERIODS = ("interval", "day", "week", "month")
DEFAULT_DAYS = {"interval": 1, "day": 1, "week": 7, "month": 30}
"""Simulated days per period when the scenario's `sla` gives no `days` (week and month only)."""
MONEY_KEYS = ("revenue_per_answered", "cost_per_abandon", "cost_per_waiting_hour")

QUEUE_ITEMS = ["revenue", "abandon_cost", "waiting_cost"]
SLA_ITEMS = ["periods", "periods_met", "p_meet", "p_meet_lo", "p_meet_hi", "expected_penalty",
             "period_figure"]
TOTAL_ITEMS = ["revenue", "call_costs", "staff_cost", "penalties", "net", "net"]
"""The `item` column of `/value`, in file order: per queue (SLA items only for a queue with an
SLA), then the total (the second `net` is per block of `days` days)."""
_NO_CI = {"periods", "periods_met", "p_meet", "p_meet_lo", "p_meet_hi", "staff_cost"}


@dataclass(frozen=True)
class SLA:
    """One queue's service level agreement, as the scenario states it.

    period: interval, day, week or month; days: simulated days per period (1 for interval
    and day); target: the Target judged on each period (the `sla.target`, else the queue's
    first target); penalty, penalty_per_point: what a missed period costs; basis: the
    queue's sl_basis (for an SL target)."""

    queue: str
    period: str
    days: int
    target: Target
    penalty: float = 0.0
    penalty_per_point: float = 0.0
    basis: str = "offered"

    @property
    def text(self) -> str:
        """"80/20 per month (20 days)"."""
        extra = f" ({self.days} days)" if self.period in ("week", "month") else ""
        return f"{self.target.text} per {self.period}{extra}"

    @property
    def percent(self) -> bool:
        """True when the figure is a fraction (SL, abandon rate), False for ASA (seconds)."""
        return self.target.kind != "asa"

    @property
    def point_unit(self) -> str:
        """What penalty_per_point is per: percentage points, or seconds for ASA."""
        return "point" if self.percent else "second"

    def met(self, value: npt.ArrayLike) -> bool | np.ndarray:
        """Whether a period figure meets the target (NaN, no calls, meets); arrays too."""
        v = np.asarray(value, dtype=float)
        t = self.target
        if t.kind == "service_level":
            ok = ~(v < t.value)
        else:
            ok = ~(v > t.value)
        return bool(ok) if ok.ndim == 0 else ok

    def points_short(self, value: npt.ArrayLike) -> float | np.ndarray:
        """Points short of the target (percentage points; seconds for ASA), 0 when met."""
        v = np.asarray(value, dtype=float)
        t = self.target
        with np.errstate(invalid="ignore"):
            if t.kind == "service_level":
                s = np.maximum(0.0, (t.value - v) * 100)
            elif t.kind == "abandon":
                s = np.maximum(0.0, (v - t.value) * 100)
            else:
                s = np.maximum(0.0, v - t.value)
        s = np.where(np.isnan(v), 0.0, s)
        return float(s) if s.ndim == 0 else s

    def penalty_for(self, value: npt.ArrayLike) -> float | np.ndarray:
        """The penalty of a period with this figure: 0 when met, else penalty +
        penalty_per_point x points short."""
        met = np.asarray(self.met(value))
        p = np.where(met, 0.0, self.penalty + self.penalty_per_point * np.asarray(self.points_short(value)))
        return float(p) if p.ndim == 0 else p


def has_value_terms(scenario: Mapping[str, Any]) -> bool:
    """Whether a scenario (parsed, `r.scenario`) states money or an SLA for some queue: only
    then are `/value` (and with an SLA `/periods`) written."""
    for q in scenario.get("queue", []):
        if q.get("sla") is not None or any(float(q.get(k, 0) or 0) > 0 for k in MONEY_KEYS):
            return True
    return False


def scenario_sla_terms(scenario: Mapping[str, Any]) -> dict[str, SLA]:
    """{queue: SLA} of a parsed scenario, for the queues with an `sla`, in queue order."""
    out = {}
    for q in scenario.get("queue", []):
        s = q.get("sla")
        if s is None:
            continue
        name = q.get("name")
        period = s.get("period", "day")
        if period not in PERIODS:
            raise ValueError(f"queue {name!r}: sla period {period!r} is not one of {', '.join(PERIODS)}")
        days = int(s.get("days", DEFAULT_DAYS[period]))
        text = s.get("target")
        if text is None:
            ts = q.get("targets", [])
            ts = [ts] if isinstance(ts, str) else list(ts)
            if not ts:
                raise ValueError(f"queue {name!r}: sla without a target and the queue has none")
            text = ts[0]
        out[name] = SLA(queue=name, period=period, days=days, target=parse_target(text),
                        penalty=float(s.get("penalty", 0.0)),
                        penalty_per_point=float(s.get("penalty_per_point", 0.0)),
                        basis=q.get("sl_basis", "offered"))
    return out


@overload
def sla_terms(r: Results, queue: None = None) -> dict[str, SLA]: ...


@overload
def sla_terms(r: Results, queue: str) -> SLA: ...


def sla_terms(r: Results, queue: str | None = None) -> dict[str, SLA] | SLA:
    """The SLAs of a results file's scenario: {queue: SLA} in queue order, or with `queue`
    that queue's SLA (KeyError when it has none)."""
    terms = scenario_sla_terms(r.scenario)
    if queue is None:
        return terms
    if queue not in terms:
        raise KeyError(f"queue {queue!r} has no sla; queues with one: {list(terms) or 'none'}")
    return terms[queue]


def _plan_keys(df: pd.DataFrame) -> list[str]:
    """Columns that tell plans apart: row (and target) in compare files, point (and the axis
    columns) in sweep files."""
    from .recompute import axis_columns

    keys = [k for k in ("row", "target") if k in df]
    if "point" in df:
        keys += ["point"] + axis_columns(df)
    return keys


def _groups(df: pd.DataFrame, keys: list[str]):
    """(key tuple, rows) per group of `keys`, in sorted order; one group when keys is empty."""
    if not keys:
        yield (), df
        return
    by = keys if len(keys) > 1 else keys[0]
    for key, g in df.groupby(by, observed=True, sort=True):
        yield (key if isinstance(key, tuple) else (key,)), g


def _figure(sla: SLA, c: dict) -> np.ndarray:
    """The target's metric from summed counters (arrays), as ccsim computes it: NaN where the
    denominator is 0."""
    def ratio(num, den):
        num = np.asarray(num, dtype=float)
        den = np.asarray(den, dtype=float)
        out = np.full(num.shape, np.nan)
        ok = den > 0
        out[ok] = num[ok] / den[ok]
        return out

    t = sla.target
    if t.kind == "asa":
        return ratio(c["wait_answered"], c["answered"])
    if t.kind == "abandon":
        return ratio(c["abandoned"], c["offered"])
    k = threshold_key(t.threshold)  # type: ignore[arg-type]
    aw = c[f"answered_within_{k}"]
    if sla.basis == "answered":
        return ratio(aw, c["answered"])
    if sla.basis == "refined":
        return ratio(aw, np.asarray(c["offered"], dtype=float) - np.asarray(c[f"abandoned_within_{k}"], dtype=float))
    if sla.basis == "abandoned_met":
        return ratio(np.asarray(aw, dtype=float) + np.asarray(c[f"abandoned_within_{k}"], dtype=float), c["offered"])
    return ratio(aw, c["offered"])


def _needed(sla: SLA) -> list[str]:
    t = sla.target
    if t.kind == "asa":
        return ["wait_answered", "answered"]
    if t.kind == "abandon":
        return ["abandoned", "offered"]
    k = threshold_key(t.threshold)  # type: ignore[arg-type]
    return ["offered", "answered", f"answered_within_{k}", f"abandoned_within_{k}"]


def recompute_periods(r: Results, queue: str | None = None, replications: int | None = None) -> pd.DataFrame:
    """Every SLA period recomputed from the counters, pooled as ccsim pools them: for
    day, week and month periods the day counters of `/replications` summed over the
    period's days in day order (days pN .. pN+N-1; days after the last whole period are
    left out), for interval periods each interval's counters in `/intervals`; then the
    target's metric of the sums, met, and penalty.

    Columns as `r.periods` ([row, target,] queue, period, first_day, value, met, penalty),
    in the same order (periods as they close: by their last day, then queue), so for run and staff files the result equals `r.periods` exactly
    (a check of the file); compare files store no periods, and this is how to get them (per
    row; `r.as_planned()` for the baseline). queue: one queue (default every queue with an SLA).
    replications: use the first n days only. A staff file whose close verdicts were
    sharpened holds more replications than the search ran with (`-r`), but its `/periods`
    and `/value` cover the first `-r` days: `replications=` that many reproduces them."""
    terms = sla_terms(r)
    if queue is not None:
        terms = {queue: sla_terms(r, queue)}
    if not terms:
        raise ValueError(f"{r.path}: no queue of scenario {r.scenario_name!r} has an sla")
    parts = []
    for q, sla in terms.items():
        if sla.period == "interval":
            src = r.intervals
            order = ["replication", "interval"]
        else:
            src = r.replications
            order = ["replication"]
        need = _needed(sla)
        missing = [c for c in need if c not in src]
        if missing:
            raise ValueError(f"{r.path}: columns {missing} needed for {q}'s SLA {sla.text} are not in the file")
        src = src[src["queue"] == q]
        keys = _plan_keys(src)
        for key, g in _groups(src, keys):
            g = g.sort_values(order, kind="stable")
            if replications is not None:
                g = g[g["replication"] < replications]
            if sla.period == "interval":
                c = {k: g[k].to_numpy(dtype=float) for k in need}
                day = g["replication"].to_numpy()
                period = day * int(r.n_intervals) + g["interval"].to_numpy()
                first = day
            else:
                n = sla.days
                days = g["replication"].to_numpy()
                P = len(days) // n
                X = g[need].to_numpy(dtype=float)[:P * n].reshape(P, n, len(need))
                acc = np.zeros((P, len(need)))
                for d in range(n):  # day by day, in order, as ccsim adds them up
                    acc = acc + X[:, d, :]
                c = {k: acc[:, j] for j, k in enumerate(need)}
                period = days[:P * n:n] // n
                first = days[:P * n:n]
            value = _figure(sla, c)
            end = np.asarray(first, dtype=np.int64) + (0 if sla.period == "interval" else sla.days - 1)
            part = pd.DataFrame({"_end": end, "queue": q, "period": np.asarray(period, dtype=np.int32),
                                 "first_day": np.asarray(first, dtype=np.int32), "value": value,
                                 "met": np.asarray(sla.met(value), dtype=bool),
                                 "penalty": np.asarray(sla.penalty_for(value), dtype=float)})
            for j, k in enumerate(keys):
                part.insert(j, k, [key[j]] * len(part))
            parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["queue"] = pd.Categorical(out["queue"], categories=r.queues)
    # as ccsim writes them: in the order the periods close (by their last day, then queue)
    sort = [k for k in ("row", "point") if k in out] + ["_end", "queue", "period"]
    out = out.sort_values(sort, kind="stable").drop(columns="_end").reset_index(drop=True)
    for k in ("row", "target", "point"):
        if k in out and k in src and isinstance(src[k].dtype, pd.CategoricalDtype):
            out[k] = pd.Categorical(out[k], categories=src[k].cat.categories)
    return out


def period_table(r: Results, queue: str | None = None, source: str | None = None,
                 replications: int | None = None) -> pd.DataFrame:
    """How each queue's SLA fares: one row per queue with an SLA (per row in compare files).

    Columns: [row, target,] queue, sla (e.g. "80/20 per month (20 days)"), period, days,
    periods, met, missed, p_meet (share of periods that met), p_meet_lo, p_meet_hi (Wilson
    95% interval), expected_penalty and its ci95 (mean penalty per period, Student t over
    periods), penalties_per_day (the penalties spread over the periods' days),
    period_figure and its ci95 (mean over periods of the pooled figure; periods without
    calls left out), worst (the lowest SL, or highest ASA / abandon rate, of any period).

    source: "periods" (the file's `/periods`; the default when it has one) or "counters"
    (`recompute_periods`, with its `replications=`; the default for compare files, which
    store no periods)."""
    if source is None:
        source = "periods" if r.periods is not None else "counters"
    if source == "periods":
        if r.periods is None:
            raise ValueError(f"{r.path} has no /periods (a {r.command} file"
                             + (" of a scenario without an sla)" if r.command != "compare" else
                                "; compare files store none)") + "; pass source='counters'")
        p = r.periods
        if queue is not None:
            p = p[p["queue"] == queue]
    elif source == "counters":
        p = recompute_periods(r, queue, replications)
    else:
        raise ValueError(f"source must be 'periods' or 'counters', not {source!r}")
    terms = sla_terms(r)
    keys = _plan_keys(p) + ["queue"]
    rows = []
    for key, g in _groups(p, keys):
        row = dict(zip(keys, key))
        sla = terms[str(row["queue"])]
        n, k = len(g), int(g["met"].sum())
        lo, hi = wilson_interval(k, n)
        pen = mean_ci(g["penalty"].reset_index(drop=True))
        fig = mean_ci(g["value"].reset_index(drop=True))
        covered = g["first_day"].nunique() if sla.period == "interval" else n * sla.days
        vals = g["value"].dropna()
        worst = (vals.min() if sla.target.kind == "service_level" else vals.max()) if len(vals) else math.nan
        row.update({"sla": sla.text, "period": sla.period, "days": sla.days, "periods": n, "met": k,
                    "missed": n - k, "p_meet": k / n if n else math.nan, "p_meet_lo": lo,
                    "p_meet_hi": hi, "expected_penalty": pen["mean"],
                    "expected_penalty_ci95": pen["ci95"],
                    "penalties_per_day": float(g["penalty"].sum()) / covered if covered else math.nan,
                    "period_figure": fig["mean"], "period_figure_ci95": fig["ci95"],
                    "worst": float(worst)})
        rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs["source"] = source
    return out


def value_table(r: Results, baseline: bool = False) -> pd.DataFrame:
    """`/value` as one line per queue and the total (per row in compare files): a column per
    item with its mean, and NAME_ci95 for those with a 95% half-width. The total's second
    `net` row (net value over a block of days, the longest SLA period) becomes
    `net_per_block`, with `block_days`. baseline=True: compare files' `/baseline_value`."""
    if baseline:
        if not r.baseline_tables or "value" not in r.baseline_tables:
            raise ValueError(f"{r.path} has no /baseline_value")
        v = r.baseline_tables["value"]
    else:
        v = r.value
    if v is None:
        raise ValueError(f"{r.path} has no /value: its scenario states no money or SLA terms "
                         "(revenue_per_answered, cost_per_abandon, cost_per_waiting_hour, sla)")
    keys = _plan_keys(v) + ["queue"]
    rows = []
    for key, g in _groups(v, keys):
        row = dict(zip(keys, key))
        seen = set()
        for it, d, m, c in zip(g["item"], g["days"], g["mean"], g["ci95"]):
            if it == "net" and it in seen:
                row.update(net_per_block=m, net_per_block_ci95=c, block_days=int(d))
                continue
            seen.add(it)
            row[it] = m
            if it not in _NO_CI:
                row[it + "_ci95"] = c
        rows.append(row)
    out = pd.DataFrame(rows)
    for k in ("periods", "periods_met", "block_days"):
        if k in out and out[k].notna().all():
            out[k] = out[k].astype(int)
    out["queue"] = pd.Categorical(out["queue"].astype(str), categories=list(r.queues) + [TOTAL])
    for k in ("row", "target"):
        if k in v and isinstance(v[k].dtype, pd.CategoricalDtype):
            out[k] = pd.Categorical(out[k], categories=v[k].cat.categories)
    return out


def daily_value(r: Results) -> pd.DataFrame:
    """Revenue, call costs, SLA penalties and net value of every simulated day, recomputed
    from the day counters of `/replications` and the scenario's money terms, as ccsim
    computes them: revenue = revenue_per_answered x answered; abandon cost =
    cost_per_abandon x callers lost (callers whose last attempt abandoned when the queue has
    redials, else abandons); waiting cost = cost_per_waiting_hour x wait_all / 3600; penalties:
    each period's penalty (recompute_periods) spread evenly over its days; staff cost: the
    plan's (`group_summary` cost summed over the groups, a group without cost_per_hour
    adding 0; the same every day); net = revenue - call costs - staff
    cost - penalties.

    One row per ([row, target,] replication), all queues together: revenue, abandon_cost,
    waiting_cost, call_costs, penalties, staff_cost, net. Days after the last whole SLA
    period have NaN penalties and net. Means over days equal `/value`'s per-day means;
    two plans simulated with the same seed saw the same calls on day r, so their difference
    day by day (ccsim.mean_ci of it) is a paired comparison."""
    if not has_value_terms(r.scenario):
        raise ValueError(f"{r.path}: scenario {r.scenario_name!r} states no money or SLA terms")
    rep = r.replications
    keys = _plan_keys(rep)
    specs = {q.get("name"): q for q in r.scenario.get("queue", [])}
    names = rep["queue"].astype(str)

    def rate(key):
        return names.map({q: float(x.get(key, 0) or 0) for q, x in specs.items()}).to_numpy(dtype=float)

    def redials(x):
        rt = x.get("retrial")
        return bool(rt) and float(rt.get("probability", 0)) > 0 and int(rt.get("max_attempts", 3)) > 1

    lost = np.where(names.map({q: redials(x) for q, x in specs.items()}).to_numpy(dtype=bool),
                    rep["callers_abandoned"].to_numpy(dtype=float), rep["abandoned"].to_numpy(dtype=float))
    m = rep[keys + ["replication"]].copy()
    m["revenue"] = rate("revenue_per_answered") * rep["answered"].to_numpy(dtype=float)
    m["abandon_cost"] = rate("cost_per_abandon") * lost
    m["waiting_cost"] = rate("cost_per_waiting_hour") * rep["wait_all"].to_numpy(dtype=float) / 3600.0
    by = keys + ["replication"]
    d = m.groupby(by, observed=True, sort=True)[["revenue", "abandon_cost", "waiting_cost"]].sum()
    d["call_costs"] = d["abandon_cost"] + d["waiting_cost"]
    d["penalties"] = 0.0
    terms = sla_terms(r)
    if terms:
        p = recompute_periods(r)
        n = p["queue"].astype(str).map({q: (1 if s.period == "interval" else s.days)
                                        for q, s in terms.items()}).to_numpy(dtype=int)
        spread = p.loc[p.index.repeat(n), keys + ["first_day"]].reset_index(drop=True)
        spread["replication"] = spread["first_day"].to_numpy() + np.concatenate([np.arange(k) for k in n])
        spread["penalty"] = np.repeat(p["penalty"].to_numpy() / n, n)
        pen = spread.groupby(by, observed=True, sort=True)["penalty"].sum()
        d["penalties"] = pen.reindex(d.index).fillna(0.0)
        # a day is settled once the week or month over it is whole
        d.loc[_unsettled(d, terms, rep), "penalties"] = np.nan
    gs = r.group_summary
    gs = gs[gs["metric"] == "cost"]
    if keys:
        staff = gs.groupby(keys, observed=True, sort=True)["mean"].sum()  # no cost_per_hour: 0
        d["staff_cost"] = staff.reindex(d.index.droplevel("replication")).to_numpy()
    else:
        d["staff_cost"] = gs["mean"].sum()
    d["net"] = d["revenue"] - d["call_costs"] - d["staff_cost"] - d["penalties"]
    return d.reset_index()


def _unsettled(d: pd.DataFrame, terms: dict, rep: pd.DataFrame) -> np.ndarray:
    """Days after the last whole period of a week or month SLA (their penalties stay NaN)."""
    out = np.zeros(len(d), dtype=bool)
    days = d.index.get_level_values("replication").to_numpy()
    last = int(rep["replication"].max()) + 1
    for s in terms.values():
        if s.period in ("week", "month"):
            out |= days >= (last // s.days) * s.days
    return out
