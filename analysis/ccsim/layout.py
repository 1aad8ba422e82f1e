"""Check a results file against docs/results-format.md (format 1), column by column.

    problems = ccsim.check_file("results.h5")              # [] when the file follows the page
    problems = ccsim.check_file("results.h5", strict=True) # also flag anything extra

Extra tables, columns and attributes are allowed by the format (§7) and only reported with
strict=True.
"""
from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Sequence

import h5py
import numpy as np

from .results import (BASELINE_PREFIX, ROOT_ATTRIBUTES, RUN_TABLES, STAFF_ATTRIBUTES, SWEEP_ATTRIBUTES,
                      VALUE_TABLES, _decode, _read_string, check_version, table_columns, threshold_key)
from .value import QUEUE_ITEMS, SLA_ITEMS, TOTAL_ITEMS, has_value_terms, scenario_sla_terms

I8, I16, I32, F64, STR = "int8", "int16", "int32", "float64", "str"
NUM_OR_STR = "float64 or str"
"""A sweep's axis column in /points: float64 when every value is a number, else strings."""
COMMANDS = ("run", "staff", "compare", "sweep")

COUNTER_COLUMNS = [
    ("offered", I32), ("answered", I32), ("abandoned", I32), ("blocked", I32),
    ("wait_answered", F64), ("wait_all", F64), ("short_abandoned", I32), ("redials", I32),
    ("callers", I32), ("callers_answered", I32), ("callers_abandoned", I32),
    ("callers_blocked", I32),
    ("balked", I32), ("disconnected", I32), ("messages", I32),
    ("transferred", I32), ("transfers_in", I32), ("transfers_in_answered", I32), ("transfers_in_wait", F64),
    ("callbacks_offered", I32), ("callbacks_accepted", I32), ("callbacks_completed", I32), ("callback_wait", F64),
]
OPTIONAL_METRICS = {"balk": ["balked"], "close": ["disconnected", "messages"],
                    "transfer": ["transferred", "transfers_in", "transfer_asa"],
                    "callback": ["callbacks_offered", "callbacks_accepted", "callbacks_completed",
                                 "time_to_callback"]}
OPTIONAL_COUNTERS = {"balk": ["balked"], "close": ["disconnected", "messages"],
                     "transfer": ["transferred", "transfers_in", "transfers_in_answered", "transfers_in_wait"],
                     "callback": ["callbacks_offered", "callbacks_accepted", "callbacks_completed",
                                  "callback_wait"]}
"""Metrics and counter columns only in files of scenarios that use the behaviour
(docs/routing.md): `balk` on some queue, or an `at_close` other than "drain"."""

# The metric lists below follow ccsim's metric registry (docs/metrics.md, "Adding a metric");
# analysis/tests/test_metric_registry.py fails when they drift from it.
SUMMARY_METRICS_HEAD = ["offered", "answered", "abandoned", "blocked"]
SUMMARY_METRICS_TAIL = ["asa", "abandon_rate", "abandon_rate_refined", "mean_wait_all", "wait_p90",
                        "blocked_rate", "redials", "callers", "caller_answered_rate",
                        "caller_abandon_rate", "caller_blocked_rate"]
SUMMARY_LATE_BASES = ["abandoned_met"]
"""SL bases added after the first layout: a per-threshold block of their own at the end of
the summary (after the optional metrics), so earlier rows keep their places."""


def summary_metrics(keys: Sequence[str], optional: Iterable[str] = ()) -> list[str]:
    """The /summary (and --csv) metrics in order, for threshold keys and optional metrics."""
    return (SUMMARY_METRICS_HEAD
            + [f"service_level_{k}_{b}" for k in keys for b in ("offered", "answered", "refined")]
            + SUMMARY_METRICS_TAIL + list(optional)
            + [f"service_level_{k}_{b}" for k in keys for b in SUMMARY_LATE_BASES])


GROUP_METRICS = ["occupancy", "agent_hours", "on_duty_hours", "busy_hours", "overtime_hours", "cost"]
LATER_COLUMNS = {"comparison": {"delta_agent_hours_vs_plan", "delta_agent_hours_vs_plan_ci95",
                                "delta_cost_vs_plan", "delta_cost_vs_plan_ci95"},
                 "summary": {"long_run_mean", "long_run_ci95"},
                 "baseline_summary": {"long_run_mean", "long_run_ci95"}}
"""Columns added after a table's first layout (§7): files written before them lack them."""
VALUE_COLUMNS = {"comparison": {"net_per_day", "net_per_day_ci95", "delta_net_per_day",
                                "delta_net_per_day_ci95", "delta_net_per_day_vs_plan",
                                "delta_net_per_day_vs_plan_ci95", "penalties_per_day",
                                "penalties_per_day_ci95"},
                 "baseline": {"net_per_day", "net_per_day_ci95", "penalties_per_day",
                              "penalties_per_day_ci95"}}
"""Columns written only when the scenario states money or an SLA (§4b)."""


def _within(thresholds):
    keys = [threshold_key(t) for t in thresholds]
    return [(f"answered_within_{k}", I32) for k in keys] + [(f"abandoned_within_{k}", I32) for k in keys]


def table_specs(thresholds: Sequence[float], command: str,
                axes: Iterable[str] = ()) -> dict[str, list[tuple[str, str]]]:
    """{table: [(column, type)]} as docs/results-format.md lists them. axes: a sweep's keys."""
    keys = [threshold_key(t) for t in thresholds]
    sl = [(f"service_level_{k}_{b}", F64) for k in keys for b in ("offered", "answered", "refined")]
    specs = {
        "intervals": [("replication", I32), ("queue", I16), ("interval", I32)] + COUNTER_COLUMNS
        + _within(thresholds),
        "group_intervals": [("replication", I32), ("group", I16), ("interval", I32),
                            ("busy_seconds", F64), ("present_seconds", F64),
                            ("agents_on_duty", F64), ("scheduled_agents", F64)],
        "replications": [("replication", I32), ("queue", I16)] + COUNTER_COLUMNS
        + _within(thresholds) + sl
        + [(m, F64) for m in ("asa", "abandon_rate", "abandon_rate_refined", "mean_wait_all", "wait_p90")]
        + [(f"service_level_{k}_{b}", F64) for k in keys for b in SUMMARY_LATE_BASES],
        "group_replications": [("replication", I32), ("group", I16), ("busy_hours", F64),
                               ("on_duty_hours", F64), ("occupancy", F64)],
        "summary": [("queue", I16), ("metric", STR), ("mean", F64), ("ci95", F64),
                    ("long_run_mean", F64), ("long_run_ci95", F64)],
        "group_summary": [("group", I16), ("metric", STR), ("mean", F64), ("ci95", F64)],
        "calls": [("replication", I32), ("queue", I16), ("attempt", I16), ("arrival", F64),
                  ("wait", F64), ("outcome", I8), ("group", I16), ("handle", F64)],
        # §4b, only for scenarios with money or SLA terms (/periods: with an SLA, not in compare files)
        "periods": [("queue", I16), ("period", I32), ("first_day", I32), ("value", F64), ("met", I8),
                    ("penalty", F64)],
        "value": [("queue", I16), ("item", STR), ("days", I32), ("mean", F64), ("ci95", F64)],
    }
    if command in ("staff", "compare"):
        specs["staffing"] = [("group", I16), ("interval", I32), ("agents", I32), ("erlang_c", I32),
                             ("erlang_a", I32), ("input", F64)]
    if command == "staff":
        specs["staff_targets"] = [("queue", I16), ("target", STR)]
    if command == "compare":
        for name in list(specs):
            specs[name] = [("row", I16)] + specs[name]
        specs["comparison"] = [
            # each value followed by its half-width, as ccsim writes them
            ("row", I16), ("target", STR), ("feasible", I8), ("planned_agent_hours", F64),
            ("planned_cost", F64), ("agent_hours", F64), ("agent_hours_ci95", F64), ("cost", F64),
            ("cost_ci95", F64), ("delta_agent_hours", F64), ("delta_agent_hours_ci95", F64),
            ("delta_cost", F64), ("delta_cost_ci95", F64), ("p_day_meets_target", F64),
            ("simulations", I32), ("delta_agent_hours_vs_plan", F64),
            ("delta_agent_hours_vs_plan_ci95", F64), ("delta_cost_vs_plan", F64),
            ("delta_cost_vs_plan_ci95", F64),
            # with money or SLA terms only (VALUE_COLUMNS)
            ("net_per_day", F64), ("net_per_day_ci95", F64), ("delta_net_per_day", F64),
            ("delta_net_per_day_ci95", F64), ("delta_net_per_day_vs_plan", F64),
            ("delta_net_per_day_vs_plan_ci95", F64), ("penalties_per_day", F64),
            ("penalties_per_day_ci95", F64)]
        # the scenario's own plan (absent with --no-baseline): one line, and its run tables
        specs["baseline"] = [
            ("target", STR), ("planned_agent_hours", F64), ("planned_cost", F64), ("agent_hours", F64),
            ("agent_hours_ci95", F64), ("cost", F64), ("cost_ci95", F64), ("p_day_meets_target", F64),
            ("net_per_day", F64), ("net_per_day_ci95", F64), ("penalties_per_day", F64),
            ("penalties_per_day_ci95", F64)]
        for name in RUN_TABLES + VALUE_TABLES:
            specs[BASELINE_PREFIX + name] = [c for c in specs[name] if c[0] != "row"]
    if command == "sweep":
        for name in list(specs):
            specs[name] = [("point", I32)] + specs[name]
        specs["axes"] = [("axis", I16), ("key", STR), ("values", I32)]
        specs["points"] = [("point", I32)] + [(k, NUM_OR_STR) for k in axes]
    return specs


def _type_ok(ds: h5py.Dataset, want: str) -> bool:
    if want == NUM_OR_STR:
        return _type_ok(ds, F64) or _type_ok(ds, STR)
    if want == STR:
        info = h5py.check_string_dtype(ds.dtype)
        return info is not None and info.length is None and info.encoding == "utf-8"
    return ds.dtype == np.dtype(want)


def _type_name(ds: h5py.Dataset) -> str:
    info = h5py.check_string_dtype(ds.dtype)
    if info is not None:
        return f"string({'variable' if info.length is None else info.length}, {info.encoding})"
    return str(ds.dtype)


def _attr_ok(v, kind: str) -> bool:
    if kind == "str":
        return isinstance(v, (str, bytes)) or (isinstance(v, np.ndarray) and v.dtype.kind in "OSU")
    if kind == "int":
        return isinstance(v, (int, np.integer)) and not isinstance(v, bool)
    return isinstance(v, (float, np.floating))


def _optional_metrics(scenario) -> list[str]:
    """The optional metrics (OPTIONAL_METRICS) a file of this scenario carries, in order."""
    queues = (scenario or {}).get("queue", [])
    if not isinstance(queues, list):
        return []
    return [m for f in _optional_features(scenario) for m in OPTIONAL_METRICS[f]]


def _optional_features(scenario) -> list[str]:
    """The optional features (OPTIONAL_METRICS' keys) a scenario uses, in registry order."""
    queues = (scenario or {}).get("queue", [])
    if not isinstance(queues, list):
        return []
    queues = [q for q in queues if isinstance(q, dict)]
    used = {"balk": any("balk" in q for q in queues),
            "close": any(q.get("at_close", "drain") != "drain" for q in queues),
            "transfer": any("transfer" in q for q in queues),
            "callback": any("callback" in q for q in queues)}
    return [f for f in OPTIONAL_METRICS if used[f]]


def check_file(path: str | os.PathLike[str], *, strict: bool = False) -> list[str]:
    """Problems of the file against docs/results-format.md; [] when there are none."""
    path = os.fspath(path)
    out: list[str] = []
    with h5py.File(path, "r") as f:
        check_version(f, path)
        for name, kind in ROOT_ATTRIBUTES.items():
            if name not in f.attrs:
                out.append(f"root attribute {name!r} missing")
            elif not _attr_ok(f.attrs[name], kind):
                out.append(f"root attribute {name!r} is {type(f.attrs[name]).__name__}, expected {kind}")
        command = _decode(f.attrs.get("command", ""))
        if command not in COMMANDS:
            out.append(f"command {command!r} is not {', '.join(COMMANDS[:-1])} or {COMMANDS[-1]}")
        if command == "sweep":
            for name, kind in SWEEP_ATTRIBUTES.items():
                if name not in f.attrs:
                    out.append(f"sweep file: root attribute {name!r} missing")
                elif not _attr_ok(f.attrs[name], kind):
                    out.append(f"root attribute {name!r} is {type(f.attrs[name]).__name__}, expected {kind}")
        if command == "staff":
            for name, kind in STAFF_ATTRIBUTES.items():
                if name not in f.attrs:
                    out.append(f"staff file: root attribute {name!r} missing")
                elif not _attr_ok(f.attrs[name], kind):
                    out.append(f"root attribute {name!r} is {type(f.attrs[name]).__name__}, expected {kind}")
        if strict:
            known = set(ROOT_ATTRIBUTES) | (set(STAFF_ATTRIBUTES) if command == "staff" else set()) \
                | (set(SWEEP_ATTRIBUTES) if command == "sweep" else set())
            for a in f.attrs:
                if a not in known:
                    out.append(f"extra root attribute {a!r}")
        for name, shape in (("scenario_toml", "scalar"), ("queues", "1-D"), ("groups", "1-D"),
                            ("thresholds", "1-D")):
            if name not in f:
                out.append(f"/{name} missing")
                continue
            ds = f[name]
            if not isinstance(ds, h5py.Dataset):
                out.append(f"/{name} is not a dataset")
                continue
            if shape == "scalar" and ds.shape != ():
                out.append(f"/{name} has shape {ds.shape}, expected a scalar")
            if shape == "1-D" and len(ds.shape) != 1:
                out.append(f"/{name} has shape {ds.shape}, expected 1-D")
            want = F64 if name == "thresholds" else STR
            if not _type_ok(ds, want):
                out.append(f"/{name} is {_type_name(ds)}, expected {want}")
        if any(n not in f for n in ("queues", "groups", "thresholds")):
            return out
        thresholds = [float(t) for t in np.atleast_1d(f["thresholds"][()])]
        if thresholds != sorted(set(thresholds)):
            out.append(f"/thresholds {thresholds} not ascending and distinct")
        Q = len(f["queues"])
        G = len(f["groups"])
        R = int(_decode(f.attrs.get("replications", 0)))
        I = int(_decode(f.attrs.get("intervals", 0)))
        axes = _sweep_axes(f, out) if command == "sweep" else []
        specs = table_specs(thresholds, command, axes)
        rows = len(f["comparison"]["row"]) if command == "compare" and "comparison" in f \
            and "row" in f["comparison"] else 1
        if command == "sweep":
            rows = _check_points(f, path, axes, out)
        n_sl = len(thresholds) * (3 + len(SUMMARY_LATE_BASES))
        per_plan = {
            "intervals": R * Q * I, "group_intervals": R * G * I, "replications": R * Q,
            "group_replications": R * G,
            "summary": (Q + 1) * (len(SUMMARY_METRICS_HEAD) + n_sl + len(SUMMARY_METRICS_TAIL)),
            "group_summary": G * len(GROUP_METRICS),
        }
        scenario = _scenario(f, out)
        money = scenario is not None and has_value_terms(scenario)
        slas = scenario_sla_terms(scenario) if money else {}  # type: ignore[arg-type]
        optional = _optional_metrics(scenario)
        per_plan["summary"] += (Q + 1) * len(optional)
        queue_names = [_decode(x) for x in f["queues"].asstr()[()]] if _type_ok(f["queues"], STR) else []
        value_items = _value_items(queue_names, slas)
        if money:
            per_plan["value"] = len(value_items[0])
            if command != "staff":  # staff files: the search's replications (section 4b)
                per_plan["periods"] = sum(R * I if s.period == "interval" else R // s.days
                                          for s in slas.values())
        expect_rows = {name: rows * n for name, n in per_plan.items()}
        expect_rows.update({"staffing": rows * G * I, "axes": len(axes), "baseline": 1})
        expect_rows.update({BASELINE_PREFIX + name: n for name, n in per_plan.items()})
        for name, cols in specs.items():
            if name not in f:
                # a compare file without a baseline (--no-baseline) has none of its tables
                baseline = name == "baseline" or name.startswith(BASELINE_PREFIX)
                plain = name.removeprefix(BASELINE_PREFIX)
                if plain in VALUE_TABLES:
                    # §4b: /value with money or SLA terms; /periods with an SLA, not in compare
                    # files (nor their baseline); neither in sweep files
                    needed = money and command != "sweep" and (plain == "value" or (slas and command != "compare"))
                    if needed and not (baseline and "baseline" not in f):
                        out.append(f"table /{name} missing (the scenario states "
                                   + ("an sla)" if plain == "periods" else "money or an sla)"))
                    continue
                if name != "calls" and not (baseline and "baseline" not in f):
                    out.append(f"table /{name} missing")
                continue
            g = f[name]
            if not isinstance(g, h5py.Group):
                out.append(f"/{name} is not a group (table)")
                continue
            if "columns" not in g.attrs:
                out.append(f"/{name} has no 'columns' attribute")
            listed = table_columns(g)
            want = [c for c, _ in cols]  # type: ignore[assignment]
            present = [c for c in listed if c in want]
            used = _optional_features(scenario)
            skipped = {c for f, v in OPTIONAL_COUNTERS.items() if f not in used for c in v}
            want = [c for c in want if c not in skipped]  # type: ignore[assignment]
            missing = [c for c in want if c not in listed and c not in LATER_COLUMNS.get(name, ())
                       and not c.endswith(tuple(f"_{b}" for b in SUMMARY_LATE_BASES))
                       and not (c in VALUE_COLUMNS.get(name, ()) and not money)]
            if missing:
                out.append(f"/{name}: columns missing {missing}")
            if present != [c for c in want if c in listed]:
                out.append(f"/{name}: columns in order {present}, the page lists {want}")
            extra = [c for c in listed if c not in want]
            if strict and extra:
                out.append(f"/{name}: extra columns {extra}")
            datasets = [k for k in g.keys()]
            unlisted = [k for k in datasets if k not in listed]
            if unlisted:
                out.append(f"/{name}: datasets not in 'columns': {unlisted}")
            n = None
            for c, t in cols:
                if c not in g:
                    continue
                ds = g[c]
                if len(ds.shape) != 1:
                    out.append(f"/{name}/{c} has shape {ds.shape}, expected 1-D")
                    continue
                if not _type_ok(ds, t):
                    out.append(f"/{name}/{c} is {_type_name(ds)}, expected {t}")
                if n is None:
                    n = ds.shape[0]
                elif ds.shape[0] != n:
                    out.append(f"/{name}/{c} has {ds.shape[0]} rows, /{name}/{want[0]} {n}")
            if n is not None and name in expect_rows and n != expect_rows[name]:
                out.append(f"/{name} has {n} rows, expected {expect_rows[name]}")
            if command == "sweep" and name not in ("axes", "points") and "point" in g \
                    and _type_ok(g["point"], I32) and n:
                pts = g["point"][()]
                if pts.min() < 0 or pts.max() >= rows:
                    out.append(f"/{name}/point has values {int(pts.min())}..{int(pts.max())}, "
                               f"/points has {rows} points")
                elif name != "calls":
                    if (np.diff(pts) < 0).any():
                        out.append(f"/{name}/point is not in grid order (non-decreasing)")
                    counts = np.bincount(pts, minlength=rows)
                    if len(set(counts.tolist())) > 1:
                        out.append(f"/{name}: points have different row counts "
                                   f"({int(counts.min())}..{int(counts.max())})")
            if name == "calls":
                if "outcome_names" not in g.attrs:
                    out.append("/calls has no 'outcome_names' attribute")
                else:
                    v = _decode(g.attrs["outcome_names"])
                    names = v if isinstance(v, list) else str(v).split(",")
                    # Files of scenarios with a close of day name two more outcomes.
                    base = ["answered", "abandoned", "blocked", "disconnected", "message", "callback"]
                    if names not in (base[:3], base[:5], base):
                        out.append(f"/calls outcome_names {v!r}, expected answered,abandoned,blocked"
                                   "[,disconnected,message]")
            if name in ("summary", BASELINE_PREFIX + "summary") and "metric" in g:
                ms = [_decode(x) for x in g["metric"].asstr()[()]] if _type_ok(g["metric"], STR) else []
                keys = [threshold_key(t) for t in thresholds]
                want_m = summary_metrics(keys, optional)
                per = len(want_m)
                if ms and len(ms) % per == 0:
                    for i in range(0, len(ms), per):
                        if ms[i:i + per] != want_m:
                            out.append(f"/{name} metrics of rows {i}..{i + per - 1}: {ms[i:i + per]}, "
                                       f"expected {want_m}")
                            break
                elif ms:
                    out.append(f"/{name} has {len(ms)} rows, not a multiple of the {per} metrics")
            if name.removeprefix(BASELINE_PREFIX) == "value" and "item" in g and _type_ok(g["item"], STR) \
                    and "days" in g and money:
                _check_value_items(g, name, value_items, out)
            if name.removeprefix(BASELINE_PREFIX) == "periods" and n:
                _check_periods(g, name, queue_names, slas, out)
            if name in ("group_summary", BASELINE_PREFIX + "group_summary") and "metric" in g \
                    and _type_ok(g["metric"], STR):
                ms = [_decode(x) for x in g["metric"].asstr()[()]]
                if sorted(set(ms)) != sorted(GROUP_METRICS):
                    out.append(f"/{name} metrics {sorted(set(ms))}, expected {GROUP_METRICS}")
        if command in ("run", "sweep"):
            for t in ("staffing", "comparison"):
                if t in f:
                    out.append(f"{command} file has /{t}")
        if command != "sweep":
            for t in ("axes", "points"):
                if t in f:
                    out.append(f"{command} file has /{t} (sweep files only)")
        if strict:
            known = set(specs) | {"scenario_toml", "queues", "groups", "thresholds"}
            for k in f.keys():
                if k not in known:
                    out.append(f"extra object /{k}")
    return out


def _scenario(f: h5py.File, out: list[str]) -> dict | None:
    """The file's /scenario_toml parsed, or None (a problem appended when it does not parse)."""
    if "scenario_toml" not in f or not isinstance(f["scenario_toml"], h5py.Dataset):
        return None
    try:
        return tomllib.loads(_read_string(f["scenario_toml"]))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as e:
        out.append(f"/scenario_toml does not parse as TOML: {e}")
        return None


def _value_items(queues: list[str], slas: dict) -> tuple[list[str], list[int], list[int]]:
    """The /value rows of one plan (§4b): items, their queue codes and days."""
    items, codes, days = [], [], []
    block = max([1] + [s.days for s in slas.values() if s.period in ("week", "month")])
    for q, name in enumerate(queues):
        items += QUEUE_ITEMS
        codes += [q] * len(QUEUE_ITEMS)
        days += [1] * len(QUEUE_ITEMS)
        if name in slas:
            items += SLA_ITEMS
            codes += [q] * len(SLA_ITEMS)
            days += [slas[name].days] * len(SLA_ITEMS)
    items += TOTAL_ITEMS
    codes += [-1] * len(TOTAL_ITEMS)
    days += [1] * (len(TOTAL_ITEMS) - 1) + [block]
    return items, codes, days


def _check_value_items(g: h5py.Group, name: str, expect, out: list[str]) -> None:
    """/value: the items, queue codes and days of every plan, in order."""
    items, codes, days = expect
    got = [_decode(x) for x in g["item"].asstr()[()]]
    per = len(items)
    if not per or len(got) % per:
        return  # reported as a row count
    got_q = g["queue"][()].tolist() if "queue" in g else None
    got_d = g["days"][()].tolist()
    for i in range(0, len(got), per):
        if got[i:i + per] != items:
            out.append(f"/{name} items of rows {i}..{i + per - 1}: {got[i:i + per]}, expected {items}")
            return
        if got_q is not None and got_q[i:i + per] != codes:
            out.append(f"/{name} queue codes of rows {i}..{i + per - 1}: {got_q[i:i + per]}, expected "
                       f"{codes} (-1 is the total)")
            return
        if got_d[i:i + per] != days:
            out.append(f"/{name} days of rows {i}..{i + per - 1}: {got_d[i:i + per]}, expected {days}")
            return


def _check_periods(g: h5py.Group, name: str, queues: list[str], slas: dict, out: list[str]) -> None:
    """/periods: queues with an SLA only, met 0/1, penalty 0 when met, periods from 0 on."""
    if "queue" in g:
        codes = set(g["queue"][()].tolist())
        allowed = {i for i, q in enumerate(queues) if q in slas}
        if not codes <= allowed:
            out.append(f"/{name}/queue has codes {sorted(codes - allowed)} of queues without an sla")
    if "met" in g:
        met = g["met"][()]
        if not np.isin(met, [0, 1]).all():
            out.append(f"/{name}/met has values other than 0 and 1")
        if "penalty" in g:
            pen = g["penalty"][()]
            if (pen[met == 1] != 0).any():
                out.append(f"/{name}: a period that met has a penalty")
            if (pen < 0).any():
                out.append(f"/{name}/penalty has negative values")
    for c in ("period", "first_day"):
        if c in g and len(g[c]) and g[c][()].min() < 0:
            out.append(f"/{name}/{c} has negative values")


def _sweep_axes(f: h5py.File, out: list[str]) -> list[str]:
    """A sweep file's axis keys from /axes (problems appended to `out`)."""
    g = f.get("axes")
    if not isinstance(g, h5py.Group) or "key" not in g:
        return []  # reported as a missing table / column
    if not _type_ok(g["key"], STR):
        return []
    keys = [_decode(x) for x in g["key"].asstr()[()]]
    if "axis" in g and list(g["axis"][()]) != list(range(len(keys))):
        out.append(f"/axes/axis is {list(g['axis'][()])}, expected 0..{len(keys) - 1}")
    if len(set(keys)) != len(keys):
        out.append(f"/axes/key has duplicates: {keys}")
    if not keys:
        out.append("/axes has no axis")
    return keys


def _check_points(f: h5py.File, path: str, axes: list[str], out: list[str]) -> int:
    """Checks of /points against /axes and the sweep attributes; the number of points."""
    total = _decode(f.attrs.get("sweep_points", -1))
    zipped = _decode(f.attrs.get("sweep_zip", 0))
    g = f.get("axes")
    if isinstance(g, h5py.Group) and "values" in g and isinstance(total, int) and total >= 0:
        counts = [int(v) for v in g["values"][()]]
        if zipped:
            if any(c != total for c in counts):
                out.append(f"--zip sweep: /axes/values {counts}, each should be sweep_points {total}")
        elif counts and int(np.prod(counts)) != total:
            out.append(f"/axes/values {counts} multiply to {int(np.prod(counts))}, "
                       f"sweep_points is {total}")
    p = f.get("points")
    if not isinstance(p, h5py.Group) or "point" not in p:
        return 0
    listed = table_columns(p)
    if listed[1:] != axes:
        out.append(f"/points columns after 'point' are {listed[1:]}, /axes keys {axes}")
    pts = p["point"][()]
    n = len(pts)
    if list(pts) != list(range(n)):
        out.append(f"/points/point is not 0..{n - 1} (a prefix of the grid in grid order)")
    if isinstance(total, int) and total >= 0:
        if n > total:
            out.append(f"/points has {n} rows, sweep_points is {total}")
        elif n < total and not os.path.basename(path).count(".part"):
            out.append(f"/points has {n} of the grid's {total} points (only an interrupted "
                       f"sweep's .part file may be incomplete)")
    return n
