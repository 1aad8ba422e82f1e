"""Recompute ccsim's metrics from the additive counters of `intervals` (docs/metrics.md §2).

Every function sums the counters over the chosen intervals and queues, per replication (and
per whatever else `by` names), and only then takes the ratio, exactly as ccsim computes a
day or an interval value. The result is one value per replication; `ccsim.mean_ci` turns
that into the mean and 95% half-width that ccsim reports, and `summarize` does both.

    sl = ccsim.service_level(r, 20)                        # day SL, all queues, per replication
    sl = ccsim.service_level(r, 20, by=["queue", "interval"], basis="refined")
    ccsim.mean_ci(sl)                                      # mean, ci95, n per queue x interval
    ccsim.summarize(r, by=["interval"], intervals=range(8, 16))

`data` is a Results object (its `intervals` table is used) or a DataFrame with the counter
columns (`r.intervals`, or `r.replications` for whole days). In compare files `row` and
`target` are always kept apart: figures of different staffing plans are never added up; in
sweep files `point` and the axis columns are (one value per point, replication, ...).
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .results import KEY_COLUMNS, Results, threshold_key
from .stats import mean_ci, t_quantile

COUNTERS = ["offered", "answered", "abandoned", "blocked", "wait_answered", "wait_all",
            "short_abandoned", "redials", "callers", "callers_answered", "callers_abandoned",
            "callers_blocked", "balked", "disconnected", "messages", "transferred", "transfers_in",
            "transfers_in_answered", "transfers_in_wait", "callbacks_offered", "callbacks_accepted",
            "callbacks_completed", "callback_wait"]
"""Additive counter columns of `intervals` (besides the per-threshold ones); the last eleven
only in files of scenarios that balk, close queues, transfer calls or offer callbacks
(docs/routing.md)."""

BASES = ("offered", "answered", "refined", "abandoned_met")

_WITHIN = re.compile(r"^(answered|abandoned)_within_(.+)$")


def _frame(data) -> pd.DataFrame:
    if isinstance(data, Results):
        return data.intervals
    if isinstance(data, pd.DataFrame):
        return data
    raise TypeError(f"expected a ccsim.Results or a DataFrame of counters, got {type(data).__name__}")


def measured_thresholds(data: Results | pd.DataFrame) -> dict[float, str]:
    """{threshold seconds: column-name suffix} of the thresholds a table measures."""
    out = {}
    for c in _frame(data).columns:
        m = _WITHIN.match(c)
        if m and m.group(1) == "answered":
            try:
                out[float(m.group(2))] = m.group(2)
            except ValueError:
                pass
    return dict(sorted(out.items()))


def _suffix(df: pd.DataFrame, threshold) -> str:
    known = measured_thresholds(df)
    t = float(threshold)
    for v, s in known.items():
        if math.isclose(v, t, rel_tol=1e-12, abs_tol=1e-9):
            return s
    raise ValueError(f"threshold {threshold_key(t)} s was not measured; the file measures "
                     f"{', '.join(threshold_key(v) for v in known) or 'no threshold'} s "
                     f"(rerun ccsim with --threshold {threshold_key(t)}s)")


def _default_by(df: pd.DataFrame, by) -> list[str]:
    if by is None:
        by = ["replication"]
    elif isinstance(by, str):
        by = [by]
    else:
        by = list(by)
    if "replication" in df and "replication" not in by:
        by = ["replication"] + by
    for k in ("target", "row"):  # compare files: never add different plans together
        if k in df and k not in by:
            by = [k] + by
    if "point" in df:  # sweep files: never add different points together; keep their axis values
        keys = ["point"] + axis_columns(df)
        by = keys + [k for k in by if k not in keys]
    return by


def axis_columns(df: pd.DataFrame) -> list[str]:
    """The axis columns of a sweep table as `ccsim.load` makes it: the columns right after
    `point` (their names are the keys varied); [] for other tables."""
    if "point" not in df:
        return []
    known = df.attrs.get("axes")
    if known is not None and all(k in df for k in known):
        return list(known)
    cols = list(df.columns)
    out = []
    for c in cols[cols.index("point") + 1:]:
        if c in KEY_COLUMNS or c in COUNTERS or _WITHIN.match(c):
            break
        out.append(c)
    return out


def _select(df: pd.DataFrame, intervals=None, queues=None) -> pd.DataFrame:
    if intervals is not None:
        if "interval" not in df:
            raise ValueError("intervals= needs a table with an interval column (r.intervals)")
        if isinstance(intervals, (int, np.integer, str)):
            intervals = [intervals]
        intervals = list(intervals)
        idx = [i for i in intervals if not isinstance(i, str)]
        clocks = [i for i in intervals if isinstance(i, str)]
        m = df["interval"].isin(idx)
        if clocks:
            m |= df["start"].isin(clocks)
        df = df[m]
    if queues is not None:
        if isinstance(queues, str):
            queues = [queues]
        df = df[df["queue"].isin(list(queues))]
    return df


def counters(data: Results | pd.DataFrame, by: str | Sequence[str] | None = None, *,
             intervals: int | str | Iterable[int | str] | None = None,
             queues: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Counters summed over the chosen intervals and queues, one row per `by` group.

    by: keys kept apart besides `replication` (and `row`/`target` in compare files), e.g.
    ["queue"] or ["queue", "interval"]. intervals: interval indexes or "HH:MM" starts to
    include (default all). queues: queue names to include (default all).
    """
    df = _select(_frame(data), intervals, queues)
    by = _default_by(df, by)
    cols = [c for c in df.columns if c in COUNTERS or _WITHIN.match(c)]
    if not cols:
        raise ValueError("no counter columns (offered, answered, ...) in this table")
    # sort_index: pandas 1.5 keeps categorical keys in order of appearance with observed=True
    return df.groupby(by, observed=True, sort=True)[cols].sum().sort_index()


def _ratio(num, den) -> pd.Series:
    num = num.astype(float)
    den = den.astype(float)
    return (num / den.where(den != 0)).astype(float)


def _sums(data, by, intervals, queues) -> pd.DataFrame:
    return counters(data, by, intervals=intervals, queues=queues)


def service_level(data: Results | pd.DataFrame, threshold: float, basis: str = "offered",
                  by: str | Sequence[str] | None = None, *,
                  intervals: int | str | Iterable[int | str] | None = None,
                  queues: str | Iterable[str] | None = None) -> pd.Series:
    """SL at a measured threshold (seconds) on a basis, per replication (and `by`).

    offered: answered_within_T / offered; answered: answered_within_T / answered;
    refined: answered_within_T / (offered - abandoned_within_T); abandoned_met:
    (answered_within_T + abandoned_within_T) / offered. NaN where undefined."""
    if basis not in BASES:
        raise ValueError(f"basis must be one of {', '.join(BASES)}, not {basis!r}")
    df = _frame(data)
    s = _suffix(df, threshold)
    c = _sums(df, by, intervals, queues)
    aw = c[f"answered_within_{s}"]
    if basis == "offered":
        v = _ratio(aw, c["offered"])
    elif basis == "answered":
        v = _ratio(aw, c["answered"])
    elif basis == "refined":
        v = _ratio(aw, c["offered"] - c[f"abandoned_within_{s}"])
    else:
        v = _ratio(aw + c[f"abandoned_within_{s}"], c["offered"])
    return v.rename(f"service_level_{s}_{basis}")


def asa(data: Results | pd.DataFrame, by: str | Sequence[str] | None = None, *,
        intervals: int | str | Iterable[int | str] | None = None,
        queues: str | Iterable[str] | None = None) -> pd.Series:
    """Average speed of answer: wait_answered / answered (s)."""
    c = _sums(data, by, intervals, queues)
    return _ratio(c["wait_answered"], c["answered"]).rename("asa")


def abandon_rate(data: Results | pd.DataFrame, by: str | Sequence[str] | None = None, *, refined: bool = False,
                 intervals: int | str | Iterable[int | str] | None = None,
                 queues: str | Iterable[str] | None = None) -> pd.Series:
    """abandoned / offered; refined: (abandoned - short_abandoned) / (offered - short_abandoned)."""
    c = _sums(data, by, intervals, queues)
    if refined:
        return _ratio(c["abandoned"] - c["short_abandoned"],
                      c["offered"] - c["short_abandoned"]).rename("abandon_rate_refined")
    return _ratio(c["abandoned"], c["offered"]).rename("abandon_rate")


def mean_wait_all(data: Results | pd.DataFrame, by: str | Sequence[str] | None = None, *,
                  intervals: int | str | Iterable[int | str] | None = None,
                  queues: str | Iterable[str] | None = None) -> pd.Series:
    """wait_all / (answered + abandoned) (s)."""
    c = _sums(data, by, intervals, queues)
    return _ratio(c["wait_all"], c["answered"] + c["abandoned"]).rename("mean_wait_all")


def metrics(data: Results | pd.DataFrame, by: str | Sequence[str] | None = None, *,
            intervals: int | str | Iterable[int | str] | None = None,
            queues: str | Iterable[str] | None = None, thresholds: Iterable[float] | None = None) -> pd.DataFrame:
    """Every metric that follows from the counters, per replication (and `by`), named as in
    the CSV summary and `/summary` (docs/metrics.md §8); everything but wait_p90."""
    df = _frame(data)
    c = _sums(df, by, intervals, queues)
    known = measured_thresholds(df)
    if thresholds is not None:
        known = {float(t): _suffix(df, t) for t in thresholds}
    m = {}
    for n in ("offered", "answered", "abandoned", "blocked"):
        m[n] = c[n].astype(float)
    for s in known.values():
        aw = c[f"answered_within_{s}"]
        m[f"service_level_{s}_offered"] = _ratio(aw, c["offered"])
        m[f"service_level_{s}_answered"] = _ratio(aw, c["answered"])
        m[f"service_level_{s}_refined"] = _ratio(aw, c["offered"] - c[f"abandoned_within_{s}"])
    m["asa"] = _ratio(c["wait_answered"], c["answered"])
    m["abandon_rate"] = _ratio(c["abandoned"], c["offered"])
    m["abandon_rate_refined"] = _ratio(c["abandoned"] - c["short_abandoned"],
                                       c["offered"] - c["short_abandoned"])
    m["mean_wait_all"] = _ratio(c["wait_all"], c["answered"] + c["abandoned"])
    m["blocked_rate"] = _ratio(c["blocked"], c["offered"])
    m["redials"] = c["redials"].astype(float)
    m["callers"] = c["callers"].astype(float)
    m["caller_answered_rate"] = _ratio(c["callers_answered"], c["callers"])
    m["caller_abandon_rate"] = _ratio(c["callers_abandoned"], c["callers"])
    m["caller_blocked_rate"] = _ratio(c["callers_blocked"], c["callers"])
    for n in ("balked", "disconnected", "messages", "transferred", "transfers_in"):  # as the file has them
        if n in c:
            m[n] = c[n].astype(float)
    if "transfers_in_wait" in c:
        m["transfer_asa"] = _ratio(c["transfers_in_wait"], c["transfers_in_answered"])
    if "callback_wait" in c:
        for n in ("callbacks_offered", "callbacks_accepted", "callbacks_completed"):
            m[n] = c[n].astype(float)
        m["time_to_callback"] = _ratio(c["callback_wait"], c["callbacks_completed"])
    for s in known.values():  # added later: a block of its own at the end, as in the registry
        m[f"service_level_{s}_abandoned_met"] = _ratio(c[f"answered_within_{s}"] + c[f"abandoned_within_{s}"],
                                                       c["offered"])
    return pd.DataFrame(m, index=c.index)


def ratio_terms(data: Results | pd.DataFrame, by: str | Sequence[str] | None = None, *,
                intervals: int | str | Iterable[int | str] | None = None,
                queues: str | Iterable[str] | None = None,
                thresholds: Iterable[float] | None = None) -> dict[str, tuple[pd.Series, pd.Series]]:
    """{metric: (numerator, denominator)} of every ratio metric, per replication (and `by`):
    the metric is numerator / denominator, and its long-run form the ratio of their sums over
    replications (docs/metrics.md §5)."""
    df = _frame(data)
    c = _sums(df, by, intervals, queues)
    known = measured_thresholds(df)
    if thresholds is not None:
        known = {float(t): _suffix(df, t) for t in thresholds}
    f = lambda col: c[col].astype(float)  # noqa: E731
    t = {}
    for s in known.values():
        aw, abw = f(f"answered_within_{s}"), f(f"abandoned_within_{s}")
        t[f"service_level_{s}_offered"] = (aw, f("offered"))
        t[f"service_level_{s}_answered"] = (aw, f("answered"))
        t[f"service_level_{s}_refined"] = (aw, f("offered") - abw)
    t["asa"] = (f("wait_answered"), f("answered"))
    t["abandon_rate"] = (f("abandoned"), f("offered"))
    t["abandon_rate_refined"] = (f("abandoned") - f("short_abandoned"), f("offered") - f("short_abandoned"))
    t["mean_wait_all"] = (f("wait_all"), f("answered") + f("abandoned"))
    t["blocked_rate"] = (f("blocked"), f("offered"))
    t["caller_answered_rate"] = (f("callers_answered"), f("callers"))
    t["caller_abandon_rate"] = (f("callers_abandoned"), f("callers"))
    t["caller_blocked_rate"] = (f("callers_blocked"), f("callers"))
    if "transfers_in_wait" in c:
        t["transfer_asa"] = (f("transfers_in_wait"), f("transfers_in_answered"))
    if "callback_wait" in c:
        t["time_to_callback"] = (f("callback_wait"), f("callbacks_completed"))
    for s in known.values():
        t[f"service_level_{s}_abandoned_met"] = (f(f"answered_within_{s}") + f(f"abandoned_within_{s}"),
                                                 f("offered"))
    return t


def long_run(data: Results | pd.DataFrame, by: str | Sequence[str] | None = None, *,
             intervals: int | str | Iterable[int | str] | None = None,
             queues: str | Iterable[str] | None = None, thresholds: Iterable[float] | None = None,
             level: float = 0.95) -> pd.DataFrame:
    """The long-run figure of every ratio metric, one row per (`by`..., metric): R = sum of
    the numerators / sum of the denominators over replications, and the half-width of its
    delta-method interval, t(level, n-1) * sqrt(sum (x_i - R y_i)^2 / (n (n-1) ybar^2)),
    as ccsim's `long_run` figures (docs/metrics.md §5). Columns long_run_mean,
    long_run_ci95, n; long_run_mean is NaN where the denominators sum to 0."""
    terms = ratio_terms(data, by, intervals=intervals, queues=queues, thresholds=thresholds)
    rows = []
    for metric, (x, y) in terms.items():
        keys = [k for k in x.index.names if k != "replication"]
        frame = pd.DataFrame({"x": x, "y": y})
        if not keys:
            groups = [((), frame)]
        else:  # one key by name, not a list of one (pandas would yield 1-tuples as keys)
            groups = frame.groupby(keys if len(keys) > 1 else keys[0], observed=True, sort=True)
        for key, g in groups:
            n = len(g)
            sx, sy = float(g["x"].sum()), float(g["y"].sum())
            if sy == 0:
                r, h = math.nan, 0.0
            else:
                r = sx / sy
                h = 0.0
                if n >= 2:
                    ss = float(((g["x"] - r * g["y"]) ** 2).sum())
                    ybar = sy / n
                    h = t_quantile(0.5 + level / 2, n - 1) * math.sqrt(ss / (n * (n - 1) * ybar * ybar))
            key = key if isinstance(key, tuple) else (key,)
            rows.append(dict(zip(keys, key)) | {"metric": metric, "long_run_mean": r, "long_run_ci95": h, "n": n})
    return pd.DataFrame(rows)


def summarize(data: Results | pd.DataFrame, by: str | Sequence[str] | None = None, *,
              intervals: int | str | Iterable[int | str] | None = None,
              queues: str | Iterable[str] | None = None, metrics_: str | Iterable[str] | None = None,
              level: float = 0.95) -> pd.DataFrame:
    """Mean, ci95 and n over replications of every metric (or those named in `metrics_`),
    one row per (`by`..., metric): the figures ccsim reports, recomputed."""
    m = metrics(data, by, intervals=intervals, queues=queues)
    if metrics_ is not None:
        m = m[[metrics_] if isinstance(metrics_, str) else list(metrics_)]
    m.columns.name = "metric"
    long = m.stack(dropna=False)
    keys = [n for n in long.index.names if n != "replication"]
    out = mean_ci(long, by=keys, level=level)
    # groupby sorts metric names; restore the order of the metrics
    order = {n: i for i, n in enumerate(m.columns)}
    out = out.reset_index()
    out["_o"] = out["metric"].map(order)
    out = out.sort_values([k for k in keys if k != "metric"] + ["_o"], kind="stable").drop(columns="_o")
    return out.reset_index(drop=True)


# --- call log --------------------------------------------------------------------------

_BIN = 0.5
_NBINS = 4 * 3600 * 2


def _hist_quantile(waits: np.ndarray, q: float) -> float:
    """ccsim's WaitHistogram quantile (docs/metrics.md §3): exact zeros, 0.5 s bins to 4 h."""
    total = len(waits)
    if total == 0:
        return float("nan")
    need = q * total
    zeros = int((waits <= 0).sum())
    cum = float(zeros)
    if cum >= need:
        return 0.0
    pos = waits[waits > 0]
    x = pos * (1.0 / _BIN)
    over = np.sort(pos[~(x < _NBINS)])  # four hours or more: kept exactly, as ccsim does
    b = x[x < _NBINS].astype(np.int64)
    counts = np.bincount(b, minlength=_NBINS)
    cums = cum + np.cumsum(counts)
    i = int(np.searchsorted(cums, need, side="left"))
    if i >= _NBINS:
        if len(over) == 0:
            return _NBINS * _BIN
        k = math.ceil(need - cums[-1])
        return float(over[min(len(over) - 1, max(k, 1) - 1)])
    before = cums[i] - counts[i]
    return (i + (need - before) / counts[i]) * _BIN


def wait_quantile(calls: pd.DataFrame | Results, q: float = 0.9, by: str | Sequence[str] | None = None, *,
                  exact: bool = False) -> pd.Series:
    """Quantile of the waits of answered calls from the call log, per replication (and
    `by`, e.g. ["queue"]). By default with ccsim's histogram (so q=0.9 reproduces wait_p90
    per replication); exact=True uses the empirical quantile instead."""
    if isinstance(calls, Results):
        if calls.calls is None:
            raise ValueError(f"{calls.path} has no call log; run ccsim with --call-log")
        calls = calls.calls
    by = _default_by(calls, by)
    ans = calls[calls["outcome"] == "answered"]
    if exact:
        f = lambda w: float(np.quantile(w.to_numpy(), q)) if len(w) else float("nan")  # noqa: E731
    else:
        f = lambda w: _hist_quantile(w.to_numpy(dtype=float), q)  # noqa: E731
    return ans.groupby(by, observed=True)["wait"].agg(f).sort_index().rename(f"wait_q{q:g}")


def call_counters(calls: pd.DataFrame | Results, interval_seconds: float | None = None,
                  thresholds: Iterable[float] = (), short_abandon: dict[str, float] | None = None) -> pd.DataFrame:
    """Rebuild the attempt counters of `intervals` from the call log, one row per
    replication x queue x interval with at least one call (offered, answered, abandoned,
    blocked, wait_answered, wait_all, redials, callers (first attempts),
    answered_within_T, abandoned_within_T; short_abandoned when `short_abandon` maps queue
    names to seconds; disconnected and messages when the log names those outcomes). The
    callers_* outcome counters need the caller behind each attempt, which the log does not
    carry; `balked` is an abandon of wait 0 the log cannot tell from a patience of 0."""
    last = None
    if isinstance(calls, Results):
        interval_seconds = calls.interval_seconds if interval_seconds is None else interval_seconds
        thresholds = list(thresholds) or calls.thresholds
        last = calls.n_intervals - 1
        calls = calls.calls
    if calls is None:
        raise ValueError("no call log; run ccsim with --call-log")
    c = calls.copy()
    c["interval"] = np.floor(c["arrival"].to_numpy() / interval_seconds).astype(np.int64)
    if last is not None:  # a call transferred after the close counts in the last interval
        c["interval"] = np.minimum(c["interval"].to_numpy(), last)
    ans = (c["outcome"] == "answered").to_numpy()
    ab = (c["outcome"] == "abandoned").to_numpy()
    w = c["wait"].to_numpy()
    c["offered"] = 1
    c["answered"] = ans.astype(int)
    c["abandoned"] = ab.astype(int)
    c["blocked"] = (c["outcome"] == "blocked").to_numpy().astype(int)
    c["wait_answered"] = np.where(ans, w, 0.0)
    c["wait_all"] = np.where(ans | ab, w, 0.0)
    c["redials"] = (c["attempt"].to_numpy() > 1).astype(int)
    c["callers"] = (c["attempt"].to_numpy() == 1).astype(int)
    cols = ["offered", "answered", "abandoned", "blocked", "wait_answered", "wait_all", "redials",
            "callers"]
    # Logs of scenarios that close queues name two more outcomes (docs/routing.md).
    cats = c["outcome"].cat.categories if hasattr(c["outcome"], "cat") else c["outcome"].unique()
    if "disconnected" in cats:
        c["disconnected"] = (c["outcome"] == "disconnected").to_numpy().astype(int)
        c["messages"] = (c["outcome"] == "message").to_numpy().astype(int)
        cols += ["disconnected", "messages"]
    if "callback" in cats:  # a callback is logged once, when it is made
        cb = (c["outcome"] == "callback").to_numpy()
        c["callbacks_completed"] = cb.astype(int)
        c["callback_wait"] = np.where(cb, w, 0.0)
        cols += ["callbacks_completed", "callback_wait"]
    if short_abandon is not None:
        sa = c["queue"].astype(str).map(short_abandon).astype(float).to_numpy()
        c["short_abandoned"] = (ab & (w < sa)).astype(int)
        cols.append("short_abandoned")
    for t in thresholds:
        k = threshold_key(t)
        c[f"answered_within_{k}"] = (ans & (w <= t)).astype(int)
        c[f"abandoned_within_{k}"] = (ab & (w < t)).astype(int)
        cols += [f"answered_within_{k}", f"abandoned_within_{k}"]
    keys = _default_by(c, ["queue", "interval"])
    return c.groupby(keys, observed=True, sort=True)[cols].sum().sort_index()
