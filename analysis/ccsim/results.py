"""Read a ccsim results file (docs/results-format.md, format 1) into pandas DataFrames.

    import ccsim
    r = ccsim.load("results.h5")
    r.summary, r.intervals, r.calls, ...

Codes become names: `queue` and `group` columns are pandas Categoricals of the names in
`/queues` and `/groups` (the summary's total, code -1, is the queue "total"; a call's
`group` is missing unless it was answered), a call's `outcome` is a Categorical of
`answered`, `abandoned`, `blocked`. Tables keyed by interval get a `start` column, the clock
time of the interval as "HH:MM" (as in the JSON and text reports; wrapped after midnight,
so a night from 22:00 reads "23:30", "00:00", ...).
In compare files the `row` column is kept and a `target` column (the row's target set, from
`/comparison`) follows it. In sweep files the `point` column is kept and the point's axis
values (one column per axis key, from `/points`) follow it; `r.point(i)` gives one point as
a run-like Results. Compare files with a baseline (the scenario's own plan) have it in
`r.baseline` (one line, like a `comparison` row) and `r.as_planned()` gives its tables as a
run-like Results. Scenarios with money or a service level agreement add `r.value` (revenue,
costs, penalties and net value, `/value`) and, for run and staff files, `r.periods` (one line
per SLA period, `/periods`); ccsim.period_table and ccsim.plot_period_distribution read them.
"""
from __future__ import annotations

import math
import os
import re
import shlex
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import h5py
import numpy as np
import pandas as pd

FORMAT_VERSION = 1
"""The newest results-file layout this package reads."""

OUTCOMES = ["answered", "abandoned", "blocked"]
"""Names of the call log's outcome codes 0, 1, 2 (used when the file does not name them)."""

TOTAL = "total"
"""Queue name of the all-queues rows of `summary` (code -1 in the file)."""

RUN_TABLES = ["summary", "group_summary", "replications", "group_replications", "intervals",
              "group_intervals"]
VALUE_TABLES = ["periods", "value"]
"""Written only for scenarios with money or SLA terms (`/periods` only with an SLA, and not in
compare files)."""
OPTIONAL_TABLES = ["calls", "staffing", "comparison", "staff_targets", "baseline", "day_summary"] + VALUE_TABLES
BASELINE_PREFIX = "baseline_"
"""Compare files keep the scenario's own plan's RUN_TABLES (and VALUE_TABLES) under this prefix."""
SWEEP_TABLES = ["axes", "points"]
KEY_COLUMNS = ("row", "target", "point", "replication", "queue", "group", "interval", "start",
               "metric", "attempt", "period", "item", "day")
"""Key columns of the tables; an axis column never takes one of these names."""

ROOT_ATTRIBUTES = {
    "format_version": "int", "ccsim_version": "str", "command": "str", "command_line": "str",
    "created": "str", "scenario_name": "str", "scenario_file": "str", "seed": "int",
    "replications": "int", "interval_seconds": "float", "start_seconds": "float",
    "intervals": "int", "warmup_seconds": "float",
}
STAFF_ATTRIBUTES = {"staff_scope": "str", "staff_confidence": "float", "staff_feasible": "int",
                    "staff_simulations": "int", "staff_simulated_days": "int", "staff_cost": "float",
                    "staff_lower_bound": "float", "staff_gap": "float", "staff_max_replications": "int",
                    "staff_unresolved_verdicts": "int"}
SWEEP_ATTRIBUTES = {"sweep_points": "int", "sweep_zip": "int", "sweep_axes": "str",
                    "sweep_scenario_digest": "str", "sweep_fingerprint": "str"}


class ResultsFileError(ValueError):
    """A file that cannot be read as a ccsim results file."""


class NotAResultsFileError(ResultsFileError):
    """Not HDF5, or HDF5 without the `format_version` attribute of a ccsim results file."""


class FormatVersionError(ResultsFileError):
    """The file's `format_version` is one this package does not know (newer, or invalid)."""

    def __init__(self, path: str | os.PathLike[str], file_version: object, known: int = FORMAT_VERSION) -> None:
        self.path = str(path)
        self.file_version = file_version
        self.known_version = known
        if isinstance(file_version, (int, np.integer)) and file_version > known:
            msg = (f"{path}: results format_version {file_version} is newer than this ccsim "
                   f"Python package reads (format_version {known}); use the analysis/ package "
                   f"of the ccsim that wrote the file")
        else:
            msg = (f"{path}: format_version {file_version!r} is not a valid results format "
                   f"version (this package reads format_version 1 to {known})")
        super().__init__(msg)


def clock(seconds: float) -> str:
    """Clock time "HH:MM" (or "HH:MM:SS"), as ccsim labels intervals: the time of day, wrapped
    at midnight (26:00 reads "02:00")."""
    if not math.isfinite(seconds):
        return "--:--"
    if seconds < 0:
        return "-" + clock(-seconds)
    total = int(math.floor(seconds + 0.5)) % 86400
    h, m, s = total // 3600, total % 3600 // 60, total % 60
    return f"{h:02d}:{m:02d}:{s:02d}" if s else f"{h:02d}:{m:02d}"


def threshold_key(t: float) -> str:
    """A threshold as it appears in column names and JSON keys: 20 -> "20", 12.5 -> "12.5"."""
    t = float(t)
    return str(int(t)) if t.is_integer() else repr(t)


def _decode(v: Any) -> Any:
    """An HDF5 attribute value as a plain Python value."""
    if isinstance(v, bytes):
        return v.decode("utf-8")
    if isinstance(v, np.ndarray):
        if v.shape == ():
            return _decode(v[()])
        return [_decode(x) for x in v.tolist()]
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, np.bool_):
        return bool(v)
    return v


def _read_strings(ds: h5py.Dataset) -> list[str]:
    if h5py.check_string_dtype(ds.dtype) is not None:
        v = ds.asstr()[()]
    else:
        v = ds[()]
    if isinstance(v, np.ndarray):
        return [_decode(x) for x in v.tolist()]
    return [_decode(v)]


def _read_string(ds: h5py.Dataset) -> str:
    v = ds.asstr()[()] if h5py.check_string_dtype(ds.dtype) is not None else ds[()]
    if isinstance(v, np.ndarray):
        v = v.reshape(-1)[0] if v.size else ""
    return _decode(v)


def table_columns(g: h5py.Group) -> list[str]:
    """Column names of a table, in order, from its `columns` attribute (§3)."""
    if "columns" in g.attrs:
        cols = _decode(g.attrs["columns"])
        if isinstance(cols, list):  # tolerate an array of names
            return [str(c) for c in cols]
        return [c for c in str(cols).split(",") if c]
    return [k for k in g.keys() if isinstance(g[k], h5py.Dataset)]


def read_table(f: h5py.File, name: str) -> pd.DataFrame:
    """One table as stored (codes, no names), columns in the file's order."""
    g = f[name]
    if not isinstance(g, h5py.Group):
        raise ResultsFileError(f"{f.filename}: /{name} is not a table (an HDF5 group of columns)")
    data = {}
    n = None
    for c in table_columns(g):
        if c not in g:
            raise ResultsFileError(f"{f.filename}: /{name} lists column {c!r} but has no such dataset")
        ds = g[c]
        if h5py.check_string_dtype(ds.dtype) is not None:
            arr = np.asarray(ds.asstr()[()], dtype=object)
        else:
            arr = ds[()]
        if n is not None and len(arr) != n:
            raise ResultsFileError(f"{f.filename}: /{name}/{c} has {len(arr)} rows, the table's first "
                                   f"column {n}")
        n = len(arr)
        data[c] = arr
    return pd.DataFrame(data)


@dataclass(eq=False)
class Results:
    """Everything in one results file. Tables are pandas DataFrames (None when absent)."""

    path: str
    meta: dict
    scenario_toml: str
    queues: list[str]
    groups: list[str]
    thresholds: list[float]
    summary: pd.DataFrame
    group_summary: pd.DataFrame
    replications: pd.DataFrame
    group_replications: pd.DataFrame
    intervals: pd.DataFrame
    group_intervals: pd.DataFrame
    calls: pd.DataFrame | None = None
    staffing: pd.DataFrame | None = None
    comparison: pd.DataFrame | None = None
    staff_targets: pd.DataFrame | None = None
    baseline: pd.DataFrame | None = None
    points: pd.DataFrame | None = None
    axes_table: pd.DataFrame | None = None
    periods: pd.DataFrame | None = None
    value: pd.DataFrame | None = None
    day_summary: pd.DataFrame | None = None
    """A horizon of several days (scenario.days > 1): `summary`'s figures per day (`day` 1...)."""
    baseline_tables: dict[str, pd.DataFrame] | None = field(default=None, repr=False)
    _scenario: dict[str, Any] | None = field(default=None, repr=False)

    # -- root attributes under their own names -------------------------------------------
    @property
    def format_version(self) -> int:
        return self.meta["format_version"]

    @property
    def command(self) -> str:
        return self.meta.get("command", "")

    @property
    def ccsim_version(self) -> str:
        return self.meta.get("ccsim_version", "")

    @property
    def scenario_name(self) -> str:
        return self.meta.get("scenario_name", "")

    @property
    def seed(self) -> int:
        return self.meta.get("seed")  # type: ignore[return-value]

    @property
    def n_replications(self) -> int:
        """Replications per simulated plan (root attribute `replications`)."""
        return self.meta.get("replications")  # type: ignore[return-value]

    @property
    def n_intervals(self) -> int:
        """Number of planning intervals (root attribute `intervals`)."""
        return self.meta.get("intervals")  # type: ignore[return-value]

    @property
    def n_days(self) -> int:
        """Simulated days in one replication (root attribute `days`; 1 when absent)."""
        return int(self.meta.get("days", 1))

    @property
    def day_intervals(self) -> int:
        """Intervals in one day of a horizon of several days (all intervals for one day)."""
        return int(self.meta.get("day_intervals", self.n_intervals))

    @property
    def interval_seconds(self) -> float:
        return self.meta.get("interval_seconds")  # type: ignore[return-value]

    @property
    def start_seconds(self) -> float:
        return self.meta.get("start_seconds")  # type: ignore[return-value]

    @property
    def warmup_seconds(self) -> float:
        return self.meta.get("warmup_seconds", 0.0)

    @property
    def interval_starts(self) -> list[str]:
        """Clock time of each interval, "HH:MM" (each day's from its start in a horizon of several days)."""
        per_day = self.day_intervals or self.n_intervals
        return [clock(self.start_seconds + (k % per_day) * self.interval_seconds) for k in range(self.n_intervals)]

    @property
    def targets(self) -> list[str] | None:
        """The target sets of a compare file, in row order (None for other files)."""
        if self.comparison is None:
            return None
        return list(self.comparison["target"].astype(str))

    @property
    def scenario(self) -> dict[str, Any]:
        """`scenario_toml` parsed (tomllib)."""
        if self._scenario is None:
            self._scenario = tomllib.loads(self.scenario_toml) if self.scenario_toml else {}
        return self._scenario

    @property
    def command_targets(self) -> list[str] | None:
        """The `--target` options of a staff command line (they replace every queue's
        targets), or None. Files with /staff_targets answer per queue in queue_targets;
        this reads `command_line` for files written before that table."""
        if self.command != "staff":
            return None
        try:
            args = shlex.split(self.meta.get("command_line", ""))
        except ValueError:
            return None
        out = []
        for i, a in enumerate(args):
            if a == "--target" and i + 1 < len(args):
                out.append(args[i + 1])
            elif a.startswith("--target="):
                out.append(a.split("=", 1)[1])
        return out or None

    def row_targets(self, row: int, queue: str) -> list[str]:
        """Compare files: the targets `queue` is held to in `row`, e.g. ["90/10", "99/300"]: the
        row's target set, or for a row naming queues ("elite=90/10,general=80/20") the named
        queue's, and the scenario's own for a queue the row does not name."""
        from .targets import parse_target_row, parse_targets
        if self.comparison is None:
            raise ValueError(f"{self.path}: row_targets() needs a compare file (this is a "
                             f"{self.command or 'results'} file)")
        text = str(self.comparison.loc[self.comparison["row"] == row, "target"].iloc[0])
        named = parse_target_row(text)
        if named is None:
            return [t.text for t in parse_targets(text)]
        if queue in named:
            return [t.text for t in named[queue]]
        return self.queue_targets(queue)

    def as_planned(self) -> "Results":
        """Compare files: the scenario's own plan as simulated beside the rows (`ccsim compare`
        without --no-baseline), as a run-like Results: every table, recompute helper and plot
        for run files works on it. Its targets are the first row's (what its P(day) is judged
        on), so SL helpers default to them."""
        if self.baseline_tables is None:
            raise ValueError(f"{self.path} has no baseline (a {self.command} file"
                             + (", written with --no-baseline)" if self.command == "compare" else ")"))
        first = int(self.comparison["row"].min())  # type: ignore[index]
        st = pd.DataFrame({"queue": pd.Categorical(
            [q for q in self.queues for _ in self.row_targets(first, q)], categories=self.queues),
            "target": [t for q in self.queues for t in self.row_targets(first, q)]})
        tables = {name: self.baseline_tables.get(name) for name in RUN_TABLES + VALUE_TABLES}
        return Results(path=self.path, meta=dict(self.meta, compare_baseline=1),
                       scenario_toml=self.scenario_toml, queues=self.queues, groups=self.groups,
                       thresholds=self.thresholds, staff_targets=st, **tables)

    def queue_targets(self, queue: str) -> list[str]:
        """The targets a queue is judged on, e.g. ["80/20"]: the scenario's `targets` key, or
        in staff files the targets searched for (`/staff_targets`, or the `--target`
        options). Compare files judge each row on its own target set (column `target`)."""
        if self.staff_targets is not None:
            st = self.staff_targets
            return list(st.loc[st["queue"].astype(str) == queue, "target"].astype(str))
        if self.command_targets:
            return list(self.command_targets)
        for q in self.scenario.get("queue", []):
            if q.get("name") == queue:
                t = q.get("targets", [])
                return [t] if isinstance(t, str) else list(t)
        return []

    def sl_basis(self, queue: str) -> str:
        """The queue's `sl_basis` in the scenario (default "offered")."""
        for q in self.scenario.get("queue", []):
            if q.get("name") == queue:
                return q.get("sl_basis", "offered")
        return "offered"

    def sl_estimator(self, queue: str) -> str:
        """The queue's `sl_estimator` in the scenario (default "daily_mean"): what its
        targets are judged on, `summary`'s `mean` or its `long_run_mean`."""
        for q in self.scenario.get("queue", []):
            if q.get("name") == queue:
                return q.get("sl_estimator", "daily_mean")
        return "daily_mean"

    def tidy(self, table: str = "summary") -> pd.DataFrame:
        """One of the tables in tidy form (ccsim.tidy): metric, threshold and basis as their
        own columns, `start` a Timedelta."""
        df = getattr(self, table)
        if not isinstance(df, pd.DataFrame):
            raise KeyError(f"this results file has no table {table!r}")
        return tidy(df, self)

    def metric(self, metric: str, queue: str = TOTAL, row: int | None = None,
               point: int | None = None) -> tuple[float, float]:
        """(mean, ci95) of one `summary` metric for a queue (default: the total); in compare
        files of a `row`, in sweep files of a `point`."""
        s = self.summary
        m = (s["queue"] == queue) & (s["metric"] == metric)
        if row is not None and "row" in s:
            m &= s["row"] == row
        if point is not None and "point" in s:
            m &= s["point"] == self._point_index(point)
        hit = s[m]
        if len(hit) != 1:
            raise KeyError(f"summary has {len(hit)} rows for queue={queue!r} metric={metric!r}"
                           + (f" row={row}" if row is not None else "")
                           + (f" point={point}" if point is not None else ""))
        return float(hit["mean"].iloc[0]), float(hit["ci95"].iloc[0])

    # -- sweeps -----------------------------------------------------------------------------
    @property
    def is_sweep(self) -> bool:
        """A `ccsim sweep` file whose tables hold several points (False for `point(i)`)."""
        return self.points is not None and "point" in self.intervals

    @property
    def axes(self) -> list[str] | None:
        """Sweep files: the keys varied, in the order given (`/axes`); else None."""
        if self.axes_table is not None:
            a = self.axes_table.sort_values("axis") if "axis" in self.axes_table else self.axes_table
            return [str(k) for k in a["key"]]
        if self.points is not None:
            return [c for c in self.points.columns if c != "point"]
        return None

    @property
    def n_points(self) -> int | None:
        """Sweep files: the points in the file (fewer than `sweep_points` in an interrupted
        sweep's .part file); else None."""
        return None if self.points is None else len(self.points)

    @property
    def sweep_points(self) -> int | None:
        """Sweep files: the points of the whole grid (root attribute `sweep_points`)."""
        v = self.meta.get("sweep_points")
        return None if v is None else int(v)

    @property
    def complete(self) -> bool:
        """Sweep files: every point of the grid is in the file (always True for others)."""
        if self.points is None or self.sweep_points is None:
            return True
        return self.n_points >= self.sweep_points  # type: ignore[operator]

    def _point_index(self, point: int | dict[str, Any]) -> int:
        """A point index from an index or a {KEY: value} dict (every axis, or enough of them
        to pick one point)."""
        if self.points is None:
            raise ValueError(f"{self.path} is a {self.command} file, not a sweep file")
        if isinstance(point, dict):
            p = self.points
            m = np.ones(len(p), dtype=bool)
            for k, v in point.items():
                if k not in p:
                    raise KeyError(f"{k!r} is not an axis of this sweep; axes: {self.axes}")
                col = p[k]
                if pd.api.types.is_numeric_dtype(col) and not isinstance(v, str):
                    m &= np.isclose(col.to_numpy(dtype=float), float(v), rtol=1e-9, atol=1e-12)
                else:
                    m &= (col.astype(str) == str(v)).to_numpy()
            hit = p.loc[m, "point"]
            if len(hit) != 1:
                raise KeyError(f"{len(hit)} points have {point}")
            return int(hit.iloc[0])
        i = int(point)
        if i not in set(self.points["point"]):
            raise KeyError(f"point {i} is not in {self.path} (points {self.points['point'].min()}"
                           f"..{self.points['point'].max()})")
        return i

    def point_values(self, point: int | dict[str, Any]) -> dict[str, Any]:
        """Sweep files: {KEY: value} of a point (an index, or a dict selecting one)."""
        i = self._point_index(point)
        row = self.points[self.points["point"] == i].iloc[0]  # type: ignore[index]
        return {k: (row[k].item() if hasattr(row[k], "item") else row[k])
                for k in self.points.columns if k != "point"}  # type: ignore[union-attr]

    def point(self, point: int | dict[str, Any]) -> "Results":
        """Sweep files: one point as a Results of its own, like the file of
        `ccsim run --set KEY=VALUE ...` (tables without the point and axis columns), so every
        table, recompute helper and plot for run files works on it.
        point: an index, or {KEY: value} selecting one point (`{"agents.x.staffing_delta": 2}`)."""
        i = self._point_index(point)
        drop = ["point"] + [c for c in self.points.columns if c != "point"]  # type: ignore[union-attr]
        tables = {}
        for name in RUN_TABLES + OPTIONAL_TABLES:
            df = getattr(self, name)
            if df is not None and "point" in df:
                df = df[df["point"] == i].drop(columns=[c for c in drop if c in df]).reset_index(drop=True)
                df.attrs.pop("axes", None)
            tables[name] = df
        meta = dict(self.meta, sweep_point=i)
        return Results(path=self.path, meta=meta, scenario_toml=self.scenario_toml,
                       queues=self.queues, groups=self.groups, thresholds=self.thresholds,
                       points=self.points[self.points["point"] == i].reset_index(drop=True),  # type: ignore[index]
                       axes_table=self.axes_table, **tables)

    def __repr__(self) -> str:
        parts = [f"{self.command} file {os.path.basename(self.path)!r}",
                 f"scenario {self.scenario_name!r}", f"{self.n_replications} replications",
                 f"{self.n_intervals} intervals of {self.interval_seconds:g} s",
                 f"queues {self.queues}", f"groups {self.groups}",
                 f"thresholds {self.thresholds}"]
        if self.calls is not None:
            parts.append(f"{len(self.calls)} logged calls")
        if self.comparison is not None:
            parts.append(f"targets {self.targets}")
        if self.periods is not None:
            parts.append(f"{len(self.periods)} SLA periods")
        if self.value is not None:
            parts.append("money and SLA in r.value")
        if self.baseline_tables is not None:
            parts.append("baseline (the scenario's own plan): r.as_planned()")
        if self.meta.get("compare_baseline"):
            parts.append("the scenario's own plan (baseline)")
        if self.points is not None and "sweep_point" in self.meta:
            parts.append(f"point {self.meta['sweep_point']} {self.point_values(self.meta['sweep_point'])}")
        elif self.points is not None:
            n, of = self.n_points, self.sweep_points
            parts.append(f"{n} points" + (f" of {of}" if of is not None and of != n else "")
                         + f" over axes {self.axes}")
        return "<ccsim.Results " + ", ".join(parts) + ">"


class _Pending:
    """A table not built yet: build() makes it on first access."""

    __slots__ = ("build",)

    def __init__(self, build):
        self.build = build


class _LazyTable:
    """A table attribute built on first access (then kept)."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        tables = obj.__dict__.setdefault("_lazy", {})
        v = tables.get(self.name)
        if isinstance(v, _Pending):
            v = tables[self.name] = v.build()
        return v

    def __set__(self, obj, value):
        obj.__dict__.setdefault("_lazy", {})[self.name] = value


class LazyResults(Results):
    """Results whose tables are built when first read (in-process runs: an optimisation
    loop that reads one figure pays for one table). Otherwise exactly Results."""

    summary = _LazyTable()
    group_summary = _LazyTable()
    replications = _LazyTable()
    group_replications = _LazyTable()
    intervals = _LazyTable()
    group_intervals = _LazyTable()
    periods = _LazyTable()
    value = _LazyTable()
    day_summary = _LazyTable()

    raw_summary: dict | None = None
    """/summary's columns as stored (queue codes, -1 the total), for metric() before the
    summary table is built."""

    def metric(self, metric: str, queue: str = TOTAL, row: int | None = None,
               point: int | None = None) -> tuple[float, float]:
        """As Results.metric; one figure read from the stored columns while `summary` has
        not been built (the same numbers: the table is made from these columns)."""
        raw = self.raw_summary
        if raw is None or row is not None or point is not None or \
                not isinstance(self.__dict__.get("_lazy", {}).get("summary"), _Pending):
            return super().metric(metric, queue, row, point)
        code = -1 if queue == TOTAL else (self.queues.index(queue) if queue in self.queues else None)
        hits = [i for i, (q, m) in enumerate(zip(raw["queue"].tolist(), raw["metric"]))
                if q == code and m == metric]
        if len(hits) != 1:
            return super().metric(metric, queue, row, point)  # its error message
        return float(raw["mean"][hits[0]]), float(raw["ci95"][hits[0]])


LAZY_TABLES = ("summary", "group_summary", "replications", "group_replications", "intervals", "group_intervals",
               "periods", "value", "day_summary")


def _open(path) -> h5py.File:
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such file")
    try:
        return h5py.File(path, "r")
    except OSError as e:
        raise NotAResultsFileError(f"{path}: not a ccsim results file (not an HDF5 file: {e})") from None


def check_version(f: h5py.File, path: str | os.PathLike[str]) -> int:
    """The file's format_version, or a clear error when it is missing, invalid or newer."""
    if "format_version" not in f.attrs:
        raise NotAResultsFileError(
            f"{path}: not a ccsim results file (HDF5, but no format_version attribute on the root "
            f"group; results files come from 'ccsim run|staff|compare|sweep --out FILE.h5')")
    v = _decode(f.attrs["format_version"])
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if not isinstance(v, int) or v < 1:
        raise FormatVersionError(path, v)
    if v > FORMAT_VERSION:
        raise FormatVersionError(path, v)
    return v


def _names(codes: np.ndarray, names: list[str], what: str, path, extra: dict | None = None) -> pd.Categorical:
    """Codes -> Categorical of names. `extra` maps special negative codes to a name."""
    cats = list(names)
    codes = np.asarray(codes, dtype=np.int64).copy()
    if extra:
        for code, name in extra.items():
            if name not in cats:
                cats.append(name)
            codes[codes == code] = cats.index(name)
    bad = (codes >= len(cats)) | (codes < -1)
    if bad.any():
        raise ResultsFileError(f"{path}: {what} code {int(codes[bad][0])} is outside /{what}s "
                               f"({len(names)} names)")
    return pd.Categorical.from_codes(codes, categories=cats)


def _name_columns(df: pd.DataFrame, r_queues, r_groups, path, *, total=None) -> pd.DataFrame:
    """Queue and group codes -> names. total: the code of the all-queues rows (-1 in
    /summary and /value), or None."""
    if "queue" in df:
        df["queue"] = _names(df["queue"].to_numpy(), r_queues, "queue", path,
                             {total: TOTAL} if total is not None else None)
    if "group" in df:
        df["group"] = _names(df["group"].to_numpy(), r_groups, "group", path)
    return df


def _total_code(name: str, queues: list) -> int | None:
    """The queue code of the all-queues rows of a table: -1 in /summary and /value."""
    return {"summary": -1, "value": -1}.get(name)


def _value_types(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """/periods: `met` (int8 0/1) as bool, like /comparison's `feasible`."""
    if name == "periods" and "met" in df:
        df["met"] = df["met"].astype(bool)
    return df


def _add_start(df: pd.DataFrame, start: float, length: float, day_intervals: int = 0) -> pd.DataFrame:
    if "interval" in df:
        k = df["interval"].to_numpy()
        uniq = np.unique(k)
        # several days: interval i is (i mod day_intervals) into its day (days may be < 24 h)
        within = (lambda i: i % day_intervals) if day_intervals else (lambda i: i)  # noqa: E731
        names = {int(i): clock(start + within(int(i)) * length) for i in uniq}
        df.insert(df.columns.get_loc("interval") + 1, "start", [names[int(i)] for i in k])
    return df


def _add_target(df: pd.DataFrame, targets: list[str] | None) -> pd.DataFrame:
    if "row" in df and targets is not None:
        cat = pd.Categorical.from_codes(df["row"].to_numpy().astype(np.int64), categories=targets)
        df.insert(df.columns.get_loc("row") + 1, "target", cat)
    return df


def _add_axes(df: pd.DataFrame, points: pd.DataFrame | None, path) -> pd.DataFrame:
    """Sweep files: the point's axis values (from /points) as columns right after `point`."""
    if "point" not in df or points is None:
        return df
    keys = [c for c in points.columns if c != "point" and c not in df.columns]
    index = pd.Index(points["point"].to_numpy())
    pos = index.get_indexer(df["point"].to_numpy())
    if (pos < 0).any():
        bad = int(df["point"].to_numpy()[pos < 0][0])
        raise ResultsFileError(f"{path}: point {bad} is not in /points ({len(points)} points)")
    at = df.columns.get_loc("point") + 1
    for j, k in enumerate(keys):
        df.insert(at + j, k, points[k].to_numpy()[pos])
    df.attrs["axes"] = keys
    return df


def load(path: str | os.PathLike[str], *, calls: bool = True) -> Results:
    """Read a results file written by `ccsim run|staff|compare|sweep --out FILE.h5`.

    calls=False skips the call log (which can be large).

    Raises FileNotFoundError, NotAResultsFileError (not HDF5, or no format_version) and
    FormatVersionError (a format_version newer than FORMAT_VERSION); both are ValueErrors.
    """
    path = os.fspath(path)
    with _open(path) as f:
        check_version(f, path)
        meta = {k: _decode(v) for k, v in f.attrs.items()}
        for name in ("queues", "groups", "thresholds", "scenario_toml"):
            if name not in f:
                raise ResultsFileError(f"{path}: missing /{name} (docs/results-format.md §2)")
        queues = _read_strings(f["queues"])
        groups = _read_strings(f["groups"])
        thresholds = [float(t) for t in np.atleast_1d(f["thresholds"][()])]
        scenario_toml = _read_string(f["scenario_toml"])
        for name in ("interval_seconds", "start_seconds", "intervals"):
            if name not in meta:
                raise ResultsFileError(f"{path}: missing root attribute {name!r}")
        tables = {}
        for name in RUN_TABLES:
            if name not in f:
                raise ResultsFileError(f"{path}: missing table /{name} (docs/results-format.md §4)")
            tables[name] = read_table(f, name)
        for name in OPTIONAL_TABLES:
            if name in f and (calls or name != "calls"):
                tables[name] = read_table(f, name)
        baseline_tables = {name: read_table(f, BASELINE_PREFIX + name)
                           for name in RUN_TABLES + VALUE_TABLES
                           if BASELINE_PREFIX + name in f} or None
        points = read_table(f, "points") if "points" in f else None
        axes_table = read_table(f, "axes") if "axes" in f else None
        if meta.get("command") == "sweep" and points is None:
            raise ResultsFileError(f"{path}: sweep file without /points (docs/results-format.md §6b)")
        outcome_names = OUTCOMES
        if "calls" in tables and "outcome_names" in f["calls"].attrs:
            v = _decode(f["calls"].attrs["outcome_names"])
            outcome_names = v if isinstance(v, list) else [s for s in str(v).split(",") if s]

    return assemble(path, meta, scenario_toml, queues, groups, thresholds, tables,
                    baseline_tables=baseline_tables, points=points, axes_table=axes_table,
                    outcome_names=outcome_names)


def finish_table(name: str, df: pd.DataFrame, meta: Mapping[str, Any], queues: list[str], groups: list[str],
                 path: str | os.PathLike[str], *, targets: list[str] | None = None,
                 points: pd.DataFrame | None = None) -> pd.DataFrame:
    """One table as stored -> as Results shows it: queue and group names, `start`, `day`,
    `target` and axis columns (in place; returns df)."""
    start, length = meta["start_seconds"], meta["interval_seconds"]
    _name_columns(df, queues, groups, path, total=_total_code(name, queues))
    _value_types(name, df)
    if name != "calls":
        _add_start(df, start, length, int(meta.get("day_intervals", 0)))
    if "days" in meta and "interval" in df and name != "day_summary":
        # a horizon of several days: which day (1...) each interval belongs to
        df["day"] = (df["interval"].to_numpy() // int(meta["day_intervals"]) + 1).astype(np.int32)
    if name != "comparison":
        _add_target(df, targets)
    _add_axes(df, points, path)
    return df


def assemble(path: str, meta: dict[str, Any], scenario_toml: str, queues: list[str], groups: list[str],
             thresholds: list[float], tables: dict[str, pd.DataFrame], *,
             baseline_tables: dict[str, pd.DataFrame] | None = None, points: pd.DataFrame | None = None,
             axes_table: pd.DataFrame | None = None, outcome_names: Sequence[str] = OUTCOMES) -> Results:
    """Results from tables as stored (codes, no names): names, start clock, target and axis
    columns added as load() does. Shared by load() (a file) and run() (in-process)."""
    targets = None
    if "comparison" in tables:
        cmp = tables["comparison"]
        if "feasible" in cmp:
            cmp["feasible"] = cmp["feasible"].astype(bool)
        targets = list(cmp.sort_values("row")["target"].astype(str)) if "row" in cmp else list(cmp["target"])
    for name, df in tables.items():
        finish_table(name, df, meta, queues, groups, path, targets=targets, points=points)
    start, length = meta["start_seconds"], meta["interval_seconds"]
    for name, df in (baseline_tables or {}).items():
        _name_columns(df, queues, groups, path, total=_total_code(name, queues))
        _value_types(name, df)
        _add_start(df, start, length, int(meta.get("day_intervals", 0)))
    if axes_table is not None and "key" in axes_table:
        axes_table["key"] = axes_table["key"].astype(str)
    if "calls" in tables:
        c = tables["calls"]
        if "outcome" in c:
            c["outcome"] = pd.Categorical.from_codes(c["outcome"].to_numpy().astype(np.int64),
                                                     categories=outcome_names)
        keys = [k for k in ("row", "point", "replication", "arrival") if k in c]
        tables["calls"] = c.sort_values(keys, kind="stable").reset_index(drop=True)

    return Results(path=path, meta=meta, scenario_toml=scenario_toml, queues=queues, groups=groups,
                   thresholds=thresholds, points=points, axes_table=axes_table,
                   baseline_tables=baseline_tables, **tables)


_METRIC_PARTS = re.compile(r"^(?P<base>[a-z_]+?)_(?P<threshold>\d+(?:\.\d+)?)(?:_(?P<basis>[a-z_]+))?$")


def tidy(df: pd.DataFrame, results: Results | None = None) -> pd.DataFrame:
    """A table in tidy form, for plotting and grouping (a copy; the original is unchanged):

    - `metric` split into `metric` (e.g. "service_level", categorical), `threshold`
      (seconds, float; NaN for metrics without one) and `basis` (e.g. "offered"; "" when
      none): "service_level_20_offered" -> ("service_level", 20.0, "offered");
    - `start` ("HH:MM") as a Timedelta from the day's midnight: with `results` (the file
      the table is from) exact, so 02:00 on a day that starts at 22:00 is "1 days 02:00";
      without, from the labels (those that wrap past midnight move to the next day);
    - per-interval counter columns stay as they are."""
    out = df.copy()
    if "metric" in out:
        names = out["metric"].astype(str)
        parts = names.str.extract(_METRIC_PARTS)
        has = parts["base"].notna()
        out.insert(out.columns.get_loc("metric") + 1, "threshold",
                   pd.to_numeric(parts["threshold"].where(has), errors="coerce").astype(float))
        out.insert(out.columns.get_loc("threshold") + 1, "basis", parts["basis"].where(has).fillna("").astype(str))
        out["metric"] = pd.Categorical(names.where(~has, parts["base"]))
    if "start" in out and out["start"].dtype == object:
        if results is not None and "interval" in out:
            per_day = results.day_intervals or results.n_intervals
            k = out["interval"].to_numpy() % per_day
            out["start"] = pd.to_timedelta(results.start_seconds + k * results.interval_seconds, unit="s")
        else:
            td = pd.to_timedelta(out["start"].astype(str) + ":00")
            if len(td) and "interval" in out:
                # a day across midnight: labels wrap (23:30, 00:00); later ones are on the next day
                first = td[(out["interval"] == out["interval"].min()).to_numpy()].iloc[0]
                td = td.where(td >= first, td + pd.Timedelta(days=1))
            out["start"] = td
    return out
