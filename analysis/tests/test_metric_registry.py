"""The package's metric lists against ccsim's metric registry (docs/metrics.md, "Adding a
metric"): a metric added in C++ but not here, or renamed or moved, fails these tests.

The registry comes from the `dump_metric_registry` tool of the build: $CCSIM_METRIC_REGISTRY,
else <repo>/build/dump_metric_registry.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from ccsim import layout, recompute

REPO = Path(__file__).resolve().parents[2]
TOOL = os.environ.get("CCSIM_METRIC_REGISTRY") or str(REPO / "build" / "dump_metric_registry")


@pytest.fixture(scope="module")
def registry() -> list[dict]:
    if not Path(TOOL).is_file():
        pytest.fail(f"no registry tool at {TOOL}: build target dump_metric_registry or set CCSIM_METRIC_REGISTRY")
    out = subprocess.run([TOOL], capture_output=True, text=True, check=True).stdout
    keys = ("kind", "name", "json", "label", "unit", "outputs", "day_only", "formula", "needs")
    rows = [dict(zip(keys, line.split("\t"))) for line in out.splitlines()]
    for r in rows:
        r["outputs"] = set(r["outputs"].split(","))
        r["day_only"] = r["day_only"] == "1"
    return rows


def _names(registry, kind, output, *, day=True, needs=""):
    """The metrics every file has (needs ""), or those of one optional feature."""
    return [r["name"] for r in registry
            if r["kind"] == kind and output in r["outputs"] and (day or not r["day_only"])
            and r.get("needs", "") == needs]


def _names_with(registry, kind, output, features, *, day=True):
    """The metrics of a file of a scenario using `features`, in registry order."""
    return [r["name"] for r in registry
            if r["kind"] == kind and output in r["outputs"] and (day or not r["day_only"])
            and r.get("needs", "") in ({""} | set(features))]


def test_optional_metrics_match_the_registry(registry):
    for feature, names in layout.OPTIONAL_METRICS.items():
        assert names == _names(registry, "call", "h5_summary", needs=feature)
        assert all(n in recompute.COUNTERS for n in layout.OPTIONAL_COUNTERS[feature])


def _expand(names, keys):
    """Per-threshold names ("{T}") threshold by threshold, as ccsim lists them."""
    out, block = [], []
    for n in names + [None]:
        if n is not None and "{T}" in n:
            block.append(n)
            continue
        out += [b.replace("{T}", k) for k in keys for b in block]
        block = []
        if n is not None:
            out.append(n)
    return out


def test_summary_metrics_match_the_registry(registry):
    want = _expand(_names(registry, "call", "h5_summary"), ["20", "7.5"])
    have = layout.summary_metrics(["20", "7.5"])
    assert have == want
    # With optional metrics: they come before the later SL bases, in registry order.
    for feature in layout.OPTIONAL_METRICS:
        want = _expand(_names_with(registry, "call", "h5_summary", {feature}), ["20", "7.5"])
        assert layout.summary_metrics(["20", "7.5"], layout.OPTIONAL_METRICS[feature]) == want


def test_group_metrics_match_the_registry(registry):
    assert layout.GROUP_METRICS == _names(registry, "group", "h5_summary")


def test_recomputed_metrics_match_the_registry(registry):
    """recompute.metrics: every CSV metric that follows from the counters (not wait_p90)."""
    row = {"replication": 0, "queue": "q", "interval": 0}
    optional = {n for v in layout.OPTIONAL_COUNTERS.values() for n in v}
    row.update({c: 1 for c in recompute.COUNTERS if c not in optional})
    row.update({"answered_within_20": 1, "abandoned_within_20": 0})
    have = list(recompute.metrics(pd.DataFrame([row])).columns)
    assert have == _expand(_names(registry, "call", "csv", day=False), ["20"])
    # A file of a scenario that balks and closes queues: its counters give its metrics too.
    row.update({c: 1 for c in optional})
    have = list(recompute.metrics(pd.DataFrame([row])).columns)
    assert have == _expand(_names_with(registry, "call", "csv", {"balk", "close", "transfer", "callback"},
                                       day=False), ["20"])
