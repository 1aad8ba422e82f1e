"""The simulator in-process: no binary started, no file written (docs/python.md, "In-process runs").

    r = ccsim.run("scenarios/bank-80-20.toml", replications=20, seed=7)
    r.summary, r.intervals, r.replications          # as ccsim.load() gives them for a file
    ccsim.erlang(rate="120/h", aht="240s", target="80/20")      # dict: `ccsim erlang --json`
    ccsim.staff("scenarios/bank-80-20.toml", replications=50)   # dict: `ccsim staff --json`
    ccsim.compare("scenarios/bank-80-20.toml", target=["80/20", "90/10"])
    ccsim.sweep("scenarios/bank-80-20.toml", {"queue.general.arrivals.scale": [0.9, 1, 1.1]})

The scenario may be a path, TOML text, or a dict (as tomllib would read the file). Errors in
it raise ScenarioError (a ValueError) carrying file, line, column and message. The
simulation runs without the GIL; Ctrl-C stops it at its next safe point and raises
KeyboardInterrupt.

The module ccsim._ccsim is built by CMake with -DCCSIM_PYTHON=ON; it is found beside the
ccsim binary (<build>/python/, or <prefix>/lib/ccsim/python/ when installed), or in the
folder $CCSIM_PYMODULE names.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shlex
import tempfile
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Union

import pandas as pd

from . import toml_text
from .cli import binary, scenario_path
from .results import LAZY_TABLES, LazyResults, Results, _Pending, finish_table

Scenario = Union[str, "os.PathLike[str]", Mapping[str, Any]]
"""A path to a scenario file, its TOML text, or the scenario as a dict."""

_module: ModuleType | None = None


class ScenarioError(ValueError):
    """Bad input (scenario, option): `FILE:LINE:COLUMN: error: WHAT`, as the binary prints
    it with exit status 2. Attributes file, line, column (0 when unknown) and message."""

    def __init__(self, text: str, file: str = "", line: int = 0, column: int = 0, message: str = ""):
        super().__init__(text)
        self.file, self.line, self.column, self.message = file, line, column, message or text


def _candidates() -> list[Path]:
    dirs = []
    if os.environ.get("CCSIM_PYMODULE"):
        dirs.append(Path(os.environ["CCSIM_PYMODULE"]))
    try:
        b = Path(binary()).resolve().parent
        dirs.append(b / "python")
        dirs += sorted(b.parent.glob("lib*/ccsim/python")) + sorted(b.parent.glob("lib/*/ccsim/python"))
    except FileNotFoundError:
        pass
    return dirs


def module() -> ModuleType:
    """The compiled module ccsim._ccsim (loaded once)."""
    global _module
    if _module is not None:
        return _module
    try:
        from . import _ccsim  # type: ignore[attr-defined]  # installed inside the package
        _module = _ccsim
        return _module
    except ImportError:
        pass
    for d in _candidates():
        for f in sorted(d.glob("_ccsim*.so")):
            spec = importlib.util.spec_from_file_location("ccsim._ccsim", f)
            if spec and spec.loader:
                m = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(m)
                _module = m
                return m
    raise ImportError("ccsim's in-process module (_ccsim) was not found beside the ccsim binary; build it "
                      "with cmake -DCCSIM_PYTHON=ON, or set CCSIM_PYMODULE to the folder that holds it. "
                      f"Looked in: {', '.join(map(str, _candidates())) or 'nowhere (no binary found)'}")


def _call(fn, *args):
    m = module()
    try:
        return fn(m)(*args)
    except m.InputError as e:
        raise ScenarioError(str(e), getattr(e, "file", ""), getattr(e, "line", 0), getattr(e, "column", 0),
                            getattr(e, "message", "")) from None


def _scenario_text(scenario: Scenario) -> tuple[str, str, str | None]:
    """(name for messages, TOML text, path or None)."""
    if isinstance(scenario, Mapping):
        return "<dict>", toml_text.dumps(scenario), None
    if isinstance(scenario, str) and ("\n" in scenario or "=" in scenario):
        return "<text>", scenario, None
    path = scenario_path(os.fspath(scenario))
    try:
        return path, Path(path).read_text(), path
    except OSError as e:
        raise ScenarioError(f"{path}: error: cannot read the scenario: {e.strerror}", path, 0, 0,
                            f"cannot read the scenario: {e.strerror}") from None


def _override(k: str, v: Any) -> str:
    return f"{k}={v if isinstance(v, str) else toml_text.value(v)}"


def _overrides(set: Mapping[str, Any] | Sequence[str] | None) -> list[str]:
    if set is None:
        return []
    if isinstance(set, Mapping):
        return [_override(k, v) for k, v in set.items()]
    return [str(s) for s in set]


def _duration(t: Any) -> float:
    from .targets import parse_duration
    return float(t) if isinstance(t, (int, float)) else parse_duration(str(t))


def run(scenario: Scenario, replications: int | None = None, seed: int | None = None,
        set: Mapping[str, Any] | Sequence[str] | None = None, threads: int | None = None,
        thresholds: Sequence[str | float] | None = None) -> Results:
    """Simulate a scenario in-process: `ccsim run SCENARIO` without a process or a file.

    Returns the Results ccsim.load() gives for the `--out` file of the same command: the
    same tables (summary, group_summary, replications, group_replications, intervals,
    group_intervals; day_summary, periods and value where the scenario has them), equal
    row for row; `path` is the scenario's name. The call log is not kept (use the binary's
    --call-log). set: {dotted.key: value} as --set takes them (or ["key=value", ...]);
    thresholds: extra SL thresholds ("30s" or seconds) as --threshold."""
    name, text, _ = _scenario_text(scenario)
    over = _overrides(set)
    ths = [_duration(t) for t in (thresholds or [])]
    line = ["run", name] + [a for o in over for a in ("--set", o)]
    if replications is not None:
        line += ["-r", str(replications)]
    if seed is not None:
        line += ["--seed", str(seed)]
    d = _call(lambda m: m.run, text, name, over, replications, seed, threads, ths,
              "ccsim " + shlex.join(line) + "  # in-process")
    meta, queues, groups = d["meta"], list(d["queues"]), list(d["groups"])

    def pending(table: str, cols: dict) -> _Pending:
        return _Pending(lambda: finish_table(table, pd.DataFrame(cols), meta, queues, groups, name))

    tables: dict[str, Any] = {k: pending(k, cols) for k, cols in d["tables"].items() if k in LAZY_TABLES}
    unknown = [k for k in d["tables"] if k not in tables]
    if unknown:  # a table this package does not know yet: the module is newer
        raise RuntimeError(f"ccsim._ccsim wrote tables {unknown} this package does not know; "
                           f"update the ccsim package")
    r = LazyResults(path=name, meta=meta, scenario_toml=d["scenario_toml"], queues=queues, groups=groups,
                    thresholds=[float(t) for t in d["thresholds"]], **{k: tables.get(k) for k in LAZY_TABLES})
    r.raw_summary = d["tables"].get("summary")
    return r


def _flags(kw: Mapping[str, Any]) -> list[str]:
    """--flag value pairs from keyword arguments: underscores become dashes, a list repeats
    the flag, True is a bare switch, None and False are left out."""
    out: list[str] = []
    for k, v in kw.items():
        flag = "--" + k.replace("_", "-")
        if v is None or v is False:
            continue
        if v is True:
            out.append(flag)
        elif isinstance(v, (list, tuple)):
            for x in v:
                out += [flag, str(x)]
        else:
            out += [flag, str(v)]
    return out


def command(args: Sequence[str], scenario: Scenario | None = None) -> tuple[int, str, str]:
    """Run `ccsim ARGS...` in-process; (exit status, standard output, standard error).
    When `scenario` is given it is inserted as the command's FILE argument (args[1])."""
    args = [str(a) for a in args]
    name = text = ""
    if scenario is not None:
        name, text, path = _scenario_text(scenario)
        if path is not None:
            name, text = "", ""
            args.insert(1, path)
        else:
            args.insert(1, name)
    return _call(lambda m: m.command, args, name, text)


def _json_command(args: Sequence[str], scenario: Scenario | None = None) -> Any:
    rc, out, err = command(list(args) + ["--json"], scenario)
    for line in err.splitlines():
        if line.strip():
            warnings.warn(line, stacklevel=3)
    if rc != 0:
        raise RuntimeError(f"ccsim {args[0]} exited with {rc}: {err.strip()}")
    return json.loads(out)


def _common(replications, seed, set, threads) -> list[str]:
    kw = {"replications": replications, "seed": seed, "threads": threads}
    return _flags(kw) + [a for o in _overrides(set) for a in ("--set", o)]


def erlang(**options: Any) -> dict:
    """Exact Erlang B / C / A: `ccsim erlang --json` with options as keywords, e.g.
    erlang(rate="120/h", aht="240s", agents=10) or erlang(rate=..., aht=..., target="80/20",
    patience="120s"). Lists repeat a flag (target=["80/20", "90/10"])."""
    return _json_command(["erlang"] + _flags(options))


def staff(scenario: Scenario, replications: int | None = None, seed: int | None = None,
          set: Mapping[str, Any] | Sequence[str] | None = None, threads: int | None = None,
          **options: Any) -> dict:
    """Least-cost staffing: the dict of `ccsim staff SCENARIO --json`. Other options as
    keywords (target="90/10", shifts=True, ...)."""
    return _json_command(["staff"] + _common(replications, seed, set, threads) + _flags(options), scenario)


def compare(scenario: Scenario, replications: int | None = None, seed: int | None = None,
            set: Mapping[str, Any] | Sequence[str] | None = None, threads: int | None = None,
            **options: Any) -> dict:
    """What each target costs: the dict of `ccsim compare SCENARIO --json`
    (target=["80/20", "90/10"], ...)."""
    return _json_command(["compare"] + _common(replications, seed, set, threads) + _flags(options), scenario)


def sweep(scenario: Scenario, vary: Any, *args: Any, replications: int | None = None, seed: int | None = None,
          set: Mapping[str, Any] | Sequence[str] | None = None, threads: int | None = None,
          zip: bool = False, out: str | os.PathLike[str] | None = None, **options: Any) -> Any:
    """One simulation per grid point: the dict of `ccsim sweep SCENARIO --vary ... --json`,
    in-process. vary: {KEY: values} ("0.8:1.2:0.1", "60,70,80" or a list of values), the
    axes in the dict's order. A sweep keeps a journal beside its results file (that is what
    makes it resumable): `out` names that file, else it goes to a temporary folder that is
    removed afterwards.

    The older form sweep(scenario, OUT, vary, *args) (a path second) runs the binary as
    before and returns the file's Results."""
    from . import cli
    if not isinstance(vary, Mapping):  # sweep(scenario, out, vary, *args, zip=...)
        if isinstance(scenario, Mapping):
            raise TypeError("sweep(scenario, OUT, vary, ...) runs the binary: give the scenario as a path "
                            "(or use sweep(scenario, vary, ...) in-process)")
        return cli.sweep(scenario, vary, args[0] if args else {}, *args[1:], zip=zip)
    flags = _common(replications, seed, set, threads) + cli.vary_args(vary) + (["--zip"] if zip else [])
    flags += _flags(options) + ["-q"]
    if out is not None:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        return _json_command(["sweep"] + flags + ["--out", os.fspath(out)], scenario)
    with tempfile.TemporaryDirectory(prefix="ccsim-sweep-") as d:
        return _json_command(["sweep"] + flags + ["--out", str(Path(d) / "sweep.h5")], scenario)
