"""Shared fixtures: the ccsim binary, and results files made once per test session next to
the `--json` report of the same command (same scenario, seed and replications).

The binary is $CCSIM_BIN, else <repo>/build/ccsim. Files go to pytest's tmp folder.
"""
from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ANALYSIS = Path(__file__).resolve().parents[1]
REPO = ANALYSIS.parent
SCENARIOS = REPO / "scenarios"
sys.path.insert(0, str(ANALYSIS))

import ccsim  # noqa: E402

BIN = os.environ.get("CCSIM_BIN") or str(REPO / "build" / "ccsim")

# name -> (command, scenario, arguments shared by the --out and the --json run, call log?)
CASES = {
    # one queue, the bank day
    "bank": ("run", "bank-80-20.toml", ["-r", "6", "--seed", "7"], True),
    # two queues, two groups, overflow; an extra non-integer threshold (column "..._12.5")
    "elite": ("run", "elite-line.toml", ["-r", "5", "--threshold", "12.5s"], True),
    # retrials (caller basis, redials); no SL target, one measured threshold
    "sales": ("run", "sales-line.toml", ["-r", "5", "--threshold", "20s"], True),
    # a day that crosses midnight (22:00-06:00): interval labels wrap, "23:30", "00:00", ...
    "night": ("run", "night-desk.toml", ["-r", "4"], True),
    "staff": ("staff", "bank-80-20.toml", ["-r", "4"], False),
    "compare": ("compare", "bank-80-20.toml",
                ["--targets", "80/20", "90/10", "90/10+99/300", "-r", "4"], False),
    # a row naming queues, and the baseline (the file's own plan); the first two hours
    "compare_elite": ("compare", "elite-line.toml",
                      ["--targets", "elite=90/10+99/300,general=80/20", "elite=80/20", "-r", "4",
                       "--set", "scenario.duration=2h",
                       "--set", "queue.elite.arrivals.volumes=[20,30,40,48]",
                       "--set", "queue.general.arrivals.volumes=[90,130,170,200]",
                       "--set", "agents.universal.staffing=[15,23,31,37]"], False),
    # routing rules and caller behaviour (docs/routing.md): balking, messages at the close,
    # other call and agent choices; the optional counters and outcomes 3/4 of the call log
    "elite_rules": ("run", "elite-line.toml",
                    ["-r", "5", "--set", "routing.call_choice=longest_wait",
                     "--set", "routing.agent_choice=longest_idle",
                     "--set", "queue.general.balk={ probability = [0, 0.1, 0.3] }",
                     "--set", "queue.elite.at_close=message",
                     "--set", "queue.general.at_close=disconnect",
                     "--set", "queue.elite.transfer={ to = \"general\", probability = 0.2 }",
                     "--set", "queue.general.callback={ offer_after = \"30s\", accept = 0.5 }"], True),
    # money and SLA (docs/results-format.md §4b): a monthly SLA of 20 days over 2 months
    "bank_sla": ("run", "bank-sla-month.toml", ["-r", "40"], False),
    # weekly periods of 5 days on 90/10 (a threshold the scenario's targets do not measure)
    "bank_sla_week": ("run", "bank-sla-month.toml",
                      ["-r", "40", "--set",
                       'queue.general.sla={ period = "week", days = 5, target = "90/10", penalty = 100 }'],
                      False),
    # interval periods on ASA (penalty per second), two intervals without calls (periods that meet)
    "bank_sla_interval": ("run", "bank-sla-month.toml",
                          ["-r", "10", "--set", "scenario.duration=2h",
                           "--set", "queue.general.arrivals.volumes=[0,420,0,380]",
                           "--set", "agents.universal.staffing=[4,60,4,56]",
                           "--set", 'queue.general.sla={ period = "interval", target = "asa<=5s", '
                                    'penalty = 100, penalty_per_point = 3 }'], False),
    # two queues with SLAs of different periods (day on ASA, 3-day weeks on abandons)
    "elite_sla": ("run", "elite-line.toml",
                  ["-r", "6", "--set", 'queue.elite.sla={ period = "day", target = "asa<=10s", penalty = 5, '
                                       'penalty_per_point = 1 }',
                   "--set", 'queue.general.sla={ period = "week", days = 3, target = "abandon<=3%", '
                            'penalty = 100, penalty_per_point = 10 }',
                   "--set", "queue.general.cost_per_abandon=2"], False),
    # money without an SLA, with retrials (the abandon cost counts callers lost)
    "sales_value": ("run", "sales-net-value.toml", ["-r", "5"], False),
    "staff_sla": ("staff", "bank-sla-month.toml", ["-r", "20", "--max-replications", "20"], False),
    "compare_sla": ("compare", "bank-sla-month.toml",
                    ["--targets", "80/20", "90/10", "-r", "40", "--max-replications", "40"], False),
}
RUN_CASES = ["bank", "elite", "sales", "elite_rules"]
VALUE_RUN_CASES = ["bank_sla", "bank_sla_week", "bank_sla_interval", "elite_sla", "sales_value"]
SLA_CASES = ["bank_sla", "bank_sla_week", "bank_sla_interval", "elite_sla", "staff_sla"]


def run_cli(*args, check=True, **kw) -> subprocess.CompletedProcess:
    p = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"ccsim {' '.join(map(str, args))} exited {p.returncode}: {p.stderr}")
    return p


@pytest.fixture(scope="session")
def ccsim_bin() -> str:
    if not Path(BIN).is_file():
        pytest.fail(f"no ccsim binary at {BIN}: build it or set CCSIM_BIN")
    return BIN


class Made:
    """A results file and the JSON report of the same command."""

    def __init__(self, name, path, report, args):
        self.name = name
        self.path = path
        self.json = report
        self.args = args
        self._r = None

    @property
    def r(self) -> ccsim.Results:
        if self._r is None:
            self._r = ccsim.load(self.path)
        return self._r


@pytest.fixture(scope="session")
def made(ccsim_bin, tmp_path_factory):
    """made(name) -> Made, each file produced once per session."""
    folder = tmp_path_factory.mktemp("ccsim-files")
    cache: dict[str, Made] = {}

    def get(name: str) -> Made:
        if name not in cache:
            command, scenario, args, call_log = CASES[name]
            sc = SCENARIOS / scenario
            out = folder / f"{name}.h5"
            run_cli(command, sc, *args, *(["--call-log"] if call_log else []), "--out", out)
            report = json.loads(run_cli(command, sc, *args, "--json").stdout)
            cache[name] = Made(name, out, report, [command, sc, *args])
        return cache[name]

    return get


def close(a, b, rel=1e-9, abs_=1e-12) -> bool:
    """Equal to 1e-9 relative; NaN equals None/NaN."""
    a = float("nan") if a is None else float(a)
    b = float("nan") if b is None else float(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def json_stat(node: dict, metric: str):
    """The JSON STAT (or number) of a CSV/summary metric name in a queue/total/interval node."""
    if metric.startswith("service_level_"):
        rest = metric[len("service_level_"):]
        basis = next(b for b in ("abandoned_met", "offered", "answered", "refined") if rest.endswith("_" + b))
        return node["service_level"][rest[:-len(basis) - 1]][basis]
    callers = {"callers": "offered", "caller_answered_rate": "answered_rate",
               "caller_abandon_rate": "abandon_rate", "caller_blocked_rate": "blocked_rate"}
    if metric in callers:
        return node["callers"][callers[metric]]
    if metric.startswith("callbacks_") or metric == "time_to_callback":
        return node["callbacks"][metric.removeprefix("callbacks_")]
    return node[metric]


def assert_stat(mean, ci95, stat, what, rel=1e-9):
    if isinstance(stat, dict):
        m, c = stat["mean"], stat["ci95"]
    else:
        m, c = stat, 0.0
    assert close(mean, m, rel), f"{what}: mean {mean!r} != JSON {m!r}"
    if m is None and not (isinstance(ci95, float) and not math.isnan(ci95)):
        return  # undefined on every day: JSON ci95 0, /summary NaN (docs/results-format.md)
    assert close(ci95, c, rel), f"{what}: ci95 {ci95!r} != JSON {c!r}"
