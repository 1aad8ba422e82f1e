"""Run the ccsim binary from Python (notebooks, tests) and load what it writes.

The binary is $CCSIM_BIN when set, else `ccsim` on PATH (an installed one), else
<repo>/build/ccsim when this package runs from a source checkout. (An explicit $CCSIM_BIN
comes first: a test or a notebook that names a build must not silently get another
installed binary.)

    r = ccsim.simulate("run", "scenarios/bank-80-20.toml", "out/bank.h5", "-r", "20")
    j = ccsim.run_json("run", "scenarios/bank-80-20.toml", "-r", "20")
    s = ccsim.sweep("bank-80-20.toml", "out/sweep.h5",
                    {"queue.general.arrivals.scale": "0.8:1.2:0.1"}, "-r", "20")
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .results import Results, load

REPO = Path(__file__).resolve().parents[2]
"""The repository root (analysis/ccsim/cli.py -> ../..) when the package runs from a checkout."""


def binary() -> str:
    """Path of the ccsim binary: $CCSIM_BIN, else shutil.which("ccsim"), else <repo>/build/ccsim."""
    env = os.environ.get("CCSIM_BIN")
    if env:
        if not Path(env).is_file():
            raise FileNotFoundError(f"CCSIM_BIN={env}: no such file")
        return env
    found = shutil.which("ccsim")
    if found:
        return found
    b = REPO / "build" / "ccsim"
    if not b.is_file():
        raise FileNotFoundError("ccsim binary not found: install it (cmake --install build), put it on PATH, "
                                f"build it at {b} (cmake --build build) or set CCSIM_BIN to its path")
    return str(b)


def scenario_path(name: str | os.PathLike[str]) -> str:
    """A scenario file: as given when it exists, else under <repo>/scenarios/."""
    p = Path(name)
    if p.exists():
        return str(p)
    q = REPO / "scenarios" / p.name
    return str(q) if q.exists() else str(p)


def call(*args: object, check: bool = True, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """Run `ccsim ARGS...`; raises RuntimeError with ccsim's stderr when it fails."""
    cmd = [binary(), *map(str, args)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {p.returncode}:\n{p.stderr.strip()}")
    return p


def simulate(command: str, scenario: str | os.PathLike[str], out: str | os.PathLike[str], *args: object,
             call_log: bool = False) -> Results:
    """Run `ccsim COMMAND SCENARIO ARGS... --out OUT` and load the file it wrote."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    extra = ["--call-log"] if call_log else []
    call(command, scenario_path(scenario), *args, *extra, "--out", out)
    return load(out)


def run_json(command: str, scenario: str | os.PathLike[str], *args: object) -> dict[str, Any]:
    """Run `ccsim COMMAND SCENARIO ARGS... --json` and parse its report."""
    return json.loads(call(command, scenario_path(scenario), *args, "--json").stdout)


def vary_args(vary: Mapping[str, str | Iterable[object]]) -> list[str]:
    """`--vary KEY=VALUES` arguments from {KEY: values}, in the dict's order (the axes' order).
    values: a string as the command line takes it ("0.8:1.2:0.1", "60,70,80", "-4:8:1"), or
    a list/range of values (joined with commas)."""
    out = []
    for k, v in dict(vary).items():
        if not isinstance(v, str):
            v = ",".join(str(x) for x in v)
        out += ["--vary", f"{k}={v}"]
    return out


def sweep(scenario: str | os.PathLike[str], out: str | os.PathLike[str],
          vary: Mapping[str, str | Iterable[object]], *args: object, zip: bool = False) -> Results:
    """Run `ccsim sweep SCENARIO --vary KEY=VALUES... [--zip] ARGS... --out OUT` and load the
    file it wrote. vary: {KEY: values} as vary_args takes it, e.g.
    {"agents.sales team.staffing_delta": "-4:8:1"} or {"queue.general.arrivals.scale": [0.9, 1, 1.1]}."""
    extra = vary_args(vary) + (["--zip"] if zip else [])
    return simulate("sweep", scenario, out, *extra, *args)
