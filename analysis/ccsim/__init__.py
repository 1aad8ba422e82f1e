"""ccsim: read and analyse the HDF5 results files of the ccsim contact-centre simulator.

    python3 -m pip install ./analysis      # or -e; or PYTHONPATH=$PWD/analysis
    import ccsim
    r = ccsim.run("scenarios/bank-80-20.toml", replications=20)   # in-process, no file
    r = ccsim.load("results.h5")
    r.summary, r.intervals, r.calls, r.staffing, r.comparison     # pandas DataFrames
    r.baseline, r.as_planned()        # compare files: the scenario's own plan
    s = ccsim.load("sweep.h5"); s.points, s.axes, ccsim.sweep_table(s)   # sweep files
    r.value, r.periods, ccsim.period_table(r)   # money and SLA (scenarios that state them)

docs/python.md documents every table, helper and plot; docs/results-format.md the file.
"""
from .cli import binary, call, run_json, simulate
from .inprocess import ScenarioError, command, compare, erlang, run, staff, sweep
from .version import __version__
from .layout import check_file
from .recompute import (abandon_rate, asa, axis_columns, call_counters, counters, long_run, mean_wait_all,
                        measured_thresholds, metrics, ratio_terms, service_level, summarize, wait_quantile)
from .results import (FORMAT_VERSION, TOTAL, FormatVersionError, NotAResultsFileError,
                      Results, ResultsFileError, clock, load, threshold_key, tidy)
from .stats import mean_ci, t_quantile, wilson_interval
from .tables import (breach_risk, cost_table, daily_service_level, resolve_sl,
                     scheduled_agents, service_level_by_interval, shortfalls, sl_at_abandon_cap,
                     staffing_curve, sweep_differences, sweep_table)
from .targets import (Target, parse_duration, parse_target, parse_target_row, parse_targets,
                      sl_target)
from .value import SLA, daily_value, period_table, recompute_periods, sla_terms, value_table
from .plots import (plot_abandon_vs_sl, plot_daily_sl, plot_interval_sl, plot_period_distribution,
                    plot_sl_abandon_curve, plot_sl_surface, plot_staffing, plot_target_cost)

__all__ = [
    "ScenarioError", "__version__", "binary", "command", "compare", "erlang", "run", "staff", "tidy",
    "FORMAT_VERSION", "FormatVersionError", "NotAResultsFileError", "Results",
    "ResultsFileError", "SLA", "TOTAL", "Target", "abandon_rate", "asa", "axis_columns",
    "breach_risk", "call", "call_counters", "check_file", "clock", "cost_table", "counters",
    "daily_service_level", "daily_value", "load", "long_run", "mean_ci", "mean_wait_all",
    "measured_thresholds", "metrics", "parse_duration", "parse_target", "parse_target_row",
    "parse_targets", "period_table", "plot_abandon_vs_sl", "plot_daily_sl", "plot_interval_sl",
    "plot_period_distribution", "plot_sl_abandon_curve", "plot_sl_surface", "plot_staffing",
    "plot_target_cost", "ratio_terms", "recompute_periods", "resolve_sl", "run_json", "scheduled_agents",
    "service_level", "service_level_by_interval", "shortfalls", "simulate",
    "sl_at_abandon_cap", "sl_target", "sla_terms", "staffing_curve", "summarize", "sweep",
    "sweep_differences", "sweep_table", "t_quantile", "threshold_key", "value_table",
    "wait_quantile", "wilson_interval",
]
