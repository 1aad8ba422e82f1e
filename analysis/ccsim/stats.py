"""Mean and 95% Student-t confidence half-width over replications (docs/metrics.md §5).

The Student t quantile is computed here (regularized incomplete beta by continued fraction,
solved by bisection), exact to about 1e-15 like the Boost quantile ccsim uses, so the
package needs no scipy. scipy 1.10's `t.ppf` is off by up to ~3e-10 relative (7 degrees of
freedom); `t_quantile(..., use_scipy=True)` uses it anyway when it is installed.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

try:  # optional
    from scipy import stats as _scipy_stats
except ImportError:  # pragma: no cover - depends on the machine
    _scipy_stats = None


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-16:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    """Regularized incomplete beta I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    lbeta = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    front = math.exp(lbeta + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def _t_cdf(t: float, dof: float) -> float:
    x = dof / (dof + t * t)
    tail = 0.5 * _betainc(dof / 2.0, 0.5, x)
    return 1.0 - tail if t > 0 else tail


@lru_cache(maxsize=1024)
def _t_ppf_exact(p: float, dof: float) -> float:
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -_t_ppf_exact(1.0 - p, dof)
    lo, hi = 0.0, 1.0
    while _t_cdf(hi, dof) < p:
        hi *= 2.0
        if hi > 1e12:
            return math.inf
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if _t_cdf(mid, dof) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo <= 1e-15 * max(1.0, hi):
            break
    return 0.5 * (lo + hi)


def t_quantile(p: float, dof: int, *, use_scipy: bool = False) -> float:
    """Quantile p of Student's t with `dof` degrees of freedom; 0 when dof < 1 (as ccsim).
    use_scipy=True: scipy.stats.t.ppf when scipy is installed (slightly less exact)."""
    if dof < 1:
        return 0.0
    if use_scipy and _scipy_stats is not None:
        return float(_scipy_stats.t.ppf(p, dof))
    return _t_ppf_exact(p, dof)


def mean_ci(values: pd.Series | pd.DataFrame, by: str | Sequence[str] | None = None, *,
            level: float = 0.95) -> pd.DataFrame | pd.Series:
    """Mean, 95% half-width and count over replications, as ccsim reports them.

    values: per-replication values (a Series, e.g. from `service_level(...)`, or a
    DataFrame of several metrics). Values that are NaN (undefined that day) are left out.
    by: index levels or columns to keep apart (e.g. ["queue", "interval"]); by default every
    index level except `replication`.

    Returns, for a Series, a DataFrame with columns mean, ci95, n (one row per `by` group,
    or a Series with those three entries when there is nothing to group by); for a
    DataFrame, a DataFrame with columns (metric, mean|ci95|n).
    """
    q = 0.5 + level / 2.0
    if isinstance(values, pd.DataFrame) and "replication" not in values.columns:
        parts = {c: mean_ci(values[c], by, level=level) for c in values.columns}
        if all(isinstance(p, pd.Series) for p in parts.values()):
            return pd.DataFrame(parts).T
        return pd.concat(parts, axis=1)
    if isinstance(values, pd.DataFrame):
        raise TypeError("mean_ci: pass per-replication values indexed by replication "
                        "(e.g. the result of ccsim.service_level), not a table with a replication column")
    s = pd.Series(values)
    if by is None:
        names = [n for n in (s.index.names or []) if n is not None and n != "replication"]
        by = names
    elif isinstance(by, str):
        by = [by]

    def one(v: pd.Series) -> pd.Series:
        v = v.dropna().astype(float)
        n = len(v)
        if n == 0:
            return pd.Series({"mean": np.nan, "ci95": 0.0, "n": 0})
        m = float(v.sum() / n)
        if n < 2:
            return pd.Series({"mean": m, "ci95": 0.0, "n": n})
        sd = math.sqrt(float(((v - m) ** 2).sum()) / (n - 1))
        return pd.Series({"mean": m, "ci95": t_quantile(q, n - 1) * sd / math.sqrt(n), "n": n})

    if not by:
        out = one(s)
        out["n"] = int(out["n"])
        return out
    df = s.groupby(level=list(by), observed=True, sort=True).apply(one).unstack().sort_index()
    df["n"] = df["n"].astype(int)
    return df[["mean", "ci95", "n"]]


Z95 = 1.959963984540054
"""The standard normal's 97.5% quantile (as ccsim uses it for Wilson intervals)."""


def wilson_interval(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval (95% by default) for k successes in n trials, as ccsim computes
    P(period meets): (lo, hi), clipped to [0, 1]; (NaN, NaN) when n is 0."""
    if n <= 0:
        return math.nan, math.nan
    nn = float(n)
    p = k / nn
    z2 = z * z
    centre = (p + z2 / (2 * nn)) / (1 + z2 / nn)
    half = z / (1 + z2 / nn) * math.sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn))
    return max(0.0, centre - half), min(1.0, centre + half)
