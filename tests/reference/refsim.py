#!/usr/bin/python3
"""refsim: an independent reference simulator for ccsim scenarios (a subset).

Written from ccsim's documentation only (docs/routing.md, docs/scenario-format.md,
docs/metrics.md, docs/interfaces.md), never from its source, so that it does not share
the engine's mistakes. It is slow and plain on purpose: one event at a time, one Python
object per call and per idle agent.

Usage:
    refsim.py SCENARIO.toml [-r N] [--seed S] [--json]

Library use:
    model = load_model("x.toml")            # or Model(toml_dict)
    result = run(model, replications=200, seed=1)
    result["queues"]["general"]["sl"]["mean"]

What is simulated (see README.md for what is not):
  [scenario] interval, duration, warmup, replications, seed;
  [[day_factor]] name, cv, interval_cv, all_queues (shared forecast error);
  [[queue]] arrivals volumes/rate (Poisson, piecewise-constant rate) with forecast_cv,
    interval_cv, day_factor, or trace; handle_time, wrap_up, patience (exponential, fixed,
    uniform, erlang, gamma, lognormal, triangular, empirical values, mixture; parameters
    may be per-interval lists), targets "P/T", priority, agent_choice, balk, at_close,
    transfer, callback;
  [[agents]] serves, staffing (number or per-interval list), handle_time per queue,
    call_choice, weights, bonus;
  [routing] call_choice, agent_choice.
"""

import argparse
import heapq
import json
import math
import os
import random
import re
import sys
import tomllib
from collections import deque

# --------------------------------------------------------------------------------------
# Value parsing (docs/scenario-format.md, "Value types")
# --------------------------------------------------------------------------------------

_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(v):
    """'20s', '4m', '1h30m', '1h 30m', '1.5h', '250ms', '2d', 45, '45' -> seconds."""
    if isinstance(v, bool):
        raise ValueError(f"not a duration: {v!r}")
    if isinstance(v, (int, float)):
        if v < 0:
            raise ValueError(f"negative duration {v!r}")
        return float(v)
    s = str(v).strip()
    try:
        x = float(s)
        if x < 0:
            raise ValueError(f"negative duration {v!r}")
        return x
    except ValueError:
        pass
    total = 0.0
    pos = 0
    body = s.replace(" ", "")
    pat = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ms|min|s|m|h|d)", re.IGNORECASE)
    while pos < len(body):
        m = pat.match(body, pos)
        if not m:
            raise ValueError(f"cannot read duration {v!r}")
        total += float(m.group(1)) * _UNIT_SECONDS[m.group(2).lower()]
        pos = m.end()
    if pos == 0:
        raise ValueError(f"cannot read duration {v!r}")
    return total


def parse_fraction(v):
    """0.05 or '5%' -> 0.05."""
    if isinstance(v, str):
        s = v.strip()
        if s.endswith("%"):
            return float(s[:-1]) / 100.0
        return float(s)
    return float(v)


def parse_rate(v):
    """'3600/h', '1/s', '120/30m' -> calls per second."""
    s = str(v).replace(" ", "")
    num, _, per = s.partition("/")
    if not per:
        raise ValueError(f"missing time unit in rate {v!r}")
    if per.lower() in _UNIT_SECONDS:
        denom = _UNIT_SECONDS[per.lower()]
    else:
        denom = parse_duration(per)
    return float(num) / denom


def parse_sl_target(t):
    """'80/20' -> (0.8, 20.0); other targets ('asa<=..', 'abandon<=..') -> None."""
    s = str(t).strip()
    if "<=" in s:
        return None
    share, _, thr = s.partition("/")
    return float(share.rstrip("%")) / 100.0, parse_duration(thr)


# --------------------------------------------------------------------------------------
# Distributions
# --------------------------------------------------------------------------------------


class Dist:
    """A duration distribution; sample(rng) draws one value in seconds."""

    def __init__(self, spec, where):
        self.kind = spec.get("dist")
        k = self.kind
        if k == "exponential":
            self.mean = parse_duration(spec["mean"])
        elif k == "fixed":
            self.value = parse_duration(spec["value"])
            self.mean = self.value
        elif k == "uniform":
            self.lo, self.hi = parse_duration(spec["min"]), parse_duration(spec["max"])
            self.mean = (self.lo + self.hi) / 2
        elif k == "erlang":
            self.k = int(spec["k"])
            self.mean = parse_duration(spec["mean"])
        elif k in ("gamma", "lognormal"):
            self.mean, self.sd = parse_duration(spec["mean"]), parse_duration(spec["sd"])
            if k == "lognormal" and self.sd > 0:
                s2 = math.log(1 + (self.sd / self.mean) ** 2)
                self.mu, self.sigma = math.log(self.mean) - s2 / 2, math.sqrt(s2)
        elif k == "triangular":
            self.lo, self.mode, self.hi = (parse_duration(spec[x]) for x in ("min", "mode", "max"))
            self.mean = (self.lo + self.mode + self.hi) / 3
        elif k == "empirical":
            if "values" not in spec:
                raise NotImplementedError(f"{where}: empirical 'file' is not supported")
            self.values = [parse_duration(x) for x in spec["values"]]
            self.mean = sum(self.values) / len(self.values)
        elif k == "mixture":
            self.parts = []
            for i, p in enumerate(spec["parts"]):
                sub = {kk: vv for kk, vv in p.items() if kk != "weight"}
                self.parts.append((float(p["weight"]), Dist(sub, f"{where}.parts[{i}]")))
            tot = sum(w for w, _ in self.parts)
            if abs(tot - 1.0) > 1e-9:
                raise ValueError(f"{where}: mixture weights sum to {tot}, not 1")
            self.mean = sum(w * d.mean for w, d in self.parts)
        else:
            raise NotImplementedError(f"{where}: distribution {k!r} is not supported")

    def sample(self, rng):
        k = self.kind
        if k == "exponential":
            return rng.expovariate(1.0 / self.mean)
        if k == "fixed":
            return self.value
        if k == "uniform":
            return rng.uniform(self.lo, self.hi)
        if k == "erlang":
            return rng.gammavariate(self.k, self.mean / self.k)
        if k == "gamma":
            if self.sd == 0:
                return self.mean
            shape = (self.mean / self.sd) ** 2
            return rng.gammavariate(shape, self.mean / shape)
        if k == "lognormal":
            if self.sd == 0:
                return self.mean
            return rng.lognormvariate(self.mu, self.sigma)
        if k == "triangular":
            return rng.triangular(self.lo, self.hi, self.mode)
        if k == "empirical":
            return self.values[rng.randrange(len(self.values))]
        if k == "mixture":
            u = rng.random()
            acc = 0.0
            for w, d in self.parts:
                acc += w
                if u < acc:
                    return d.sample(rng)
            return self.parts[-1][1].sample(rng)
        raise AssertionError(k)


_NOT_PER_INTERVAL = ("values", "parts")   # lists already (scenario-format.md)


def dist_list_len(spec):
    """The length of a distribution's per-interval parameter lists, or None (scalars)."""
    if not isinstance(spec, dict):
        return None
    ns = {len(v) for k, v in spec.items() if isinstance(v, list) and k not in _NOT_PER_INTERVAL}
    if len(ns) > 1:
        raise ValueError(f"the per-interval lists of one distribution differ in length: {ns}")
    return ns.pop() if ns else None


class PerInterval:
    """A distribution whose parameters may be per-interval lists (scenario-format.md,
    "Per-interval handle time, wrap-up and patience"): at(i) is interval i's Dist. A call
    draws from the interval its attempt arrives in; a time before 0 (warm-up) uses
    interval 0's, a time at or after the close (a transfer after the close) the last
    interval's (FINDINGS.md P2)."""

    def __init__(self, spec, where, n_intervals):
        n = dist_list_len(spec)
        if n is None:
            self.ds = [Dist(spec, where)]
        else:
            if n != n_intervals:
                raise ValueError(f"{where}: per-interval lists have {n} values, but the day "
                                 f"has {n_intervals} intervals")
            if spec.get("dist") in ("empirical", "mixture"):
                raise ValueError(f"{where}: {spec.get('dist')} takes no per-interval lists")
            self.ds = []
            for i in range(n):
                sub = {k: (v[i] if isinstance(v, list) and k not in _NOT_PER_INTERVAL else v)
                       for k, v in spec.items()}
                self.ds.append(Dist(sub, f"{where}[{i}]"))
        self.per_interval = n is not None

    def at(self, i):
        return self.ds[i] if self.per_interval else self.ds[0]

    def day_mean(self):
        return sum(d.mean for d in self.ds) / len(self.ds)


def gamma_factor(rng, cv):
    """A gamma factor with mean 1 and coefficient of variation cv (1 when cv = 0)."""
    if cv <= 0:
        return 1.0
    shape = 1.0 / (cv * cv)
    return rng.gammavariate(shape, 1.0 / shape)


# --------------------------------------------------------------------------------------
# Model: the scenario, checked for the supported subset
# --------------------------------------------------------------------------------------

CALL_CHOICES = ("priority_then_wait", "longest_wait", "group_order", "weighted_wait")
AGENT_CHOICES = ("group_order", "longest_idle", "random", "least_busy_group")
AT_CLOSE = ("drain", "disconnect", "message")

# Keys that do not change what is simulated in the subset (reports, money, labels).
_IGNORED_SCENARIO_KEYS = {"name", "start"}
_IGNORED_QUEUE_KEYS = {"name", "short_abandon", "sl_basis", "revenue_per_answered",
                       "cost_per_abandon", "cost_per_waiting_hour", "sla"}
_IGNORED_AGENT_KEYS = {"name", "cost_per_hour", "shift_patterns"}


def _reject_unknown(table, allowed, where):
    for key in table:
        if key not in allowed:
            raise NotImplementedError(f"{where}: key {key!r} is outside refsim's subset")


class Queue:
    pass


class Group:
    pass


class Model:
    """A scenario (a parsed TOML dict) reduced to what the simulation needs."""

    def __init__(self, doc, base="."):
        self.base = base    # the scenario file's folder (trace files are relative to it)
        _reject_unknown(doc, {"format", "scenario", "queue", "agents", "routing", "sweep",
                              "day_factor"}, "top level")
        sc = doc.get("scenario", {})
        _reject_unknown(sc, _IGNORED_SCENARIO_KEYS | {"interval", "duration", "warmup",
                                                      "replications", "seed"}, "[scenario]")
        self.L = parse_duration(sc.get("interval", "30m"))
        # Warm-up (metrics.md §1): simulated from -warmup with interval 0's rate and
        # staffing; its calls and agent time before 0 are not counted.
        self.warmup = parse_duration(sc.get("warmup", 0))
        self.replications = int(sc.get("replications", 30))
        self.seed = int(sc.get("seed", 20261122))

        # The day's length: duration / interval, else the per-interval lists.
        lengths = []
        for q in doc["queue"]:
            v = q.get("arrivals", {}).get("volumes")
            if v is not None:
                lengths.append(len(v))
        for g in doc["agents"]:
            s = g.get("staffing")
            if isinstance(s, list):
                lengths.append(len(s))
        # per-interval distribution parameters set the length too (scenario-format.md)
        for q in doc["queue"]:
            for key in ("handle_time", "wrap_up", "patience"):
                n = dist_list_len(q.get(key))
                if n is not None:
                    lengths.append(n)
        for g in doc["agents"]:
            for spec in (g.get("handle_time") or {}).values():
                n = dist_list_len(spec)
                if n is not None:
                    lengths.append(n)
        if "duration" in sc:
            self.I = int(round(parse_duration(sc["duration"]) / self.L))
        elif lengths:
            self.I = lengths[0]
        else:
            raise ValueError("cannot tell how long the day is")
        if any(n != self.I for n in lengths):
            raise ValueError("per-interval lists disagree with the day's length")
        self.close = self.I * self.L

        routing = doc.get("routing", {})
        _reject_unknown(routing, {"call_choice", "agent_choice"}, "[routing]")
        default_cc = routing.get("call_choice", "priority_then_wait")
        default_ac = routing.get("agent_choice", "group_order")
        assert default_cc in CALL_CHOICES, default_cc
        assert default_ac in AGENT_CHOICES, default_ac

        # Queues
        self.queues = []
        qindex = {}
        for i, qd in enumerate(doc["queue"]):
            where = f"queue {qd.get('name')!r}"
            _reject_unknown(qd, _IGNORED_QUEUE_KEYS | {"arrivals", "handle_time", "patience",
                                                       "targets", "priority", "agent_choice",
                                                       "balk", "at_close", "wrap_up",
                                                       "transfer", "callback"}, where)
            q = Queue()
            q.index, q.name = i, qd["name"]
            arr = qd["arrivals"]
            _reject_unknown(arr, {"volumes", "rate", "scale", "trace", "forecast_cv",
                                  "interval_cv", "day_factor"}, where + " arrivals")
            scale = parse_fraction(arr.get("scale", 1.0))
            # Forecast error (scenario-format.md "arrivals", "Shared forecast error"): the
            # queue's own day factor (forecast_cv) and interval factors (interval_cv), and
            # the shared [[day_factor]] tables it names (resolved below).
            q.forecast_cv = parse_fraction(arr.get("forecast_cv", 0.0))
            q.interval_cv = parse_fraction(arr.get("interval_cv", 0.0))
            if q.forecast_cv < 0 or q.interval_cv < 0:
                raise ValueError(f"{where}: forecast_cv / interval_cv must be 0 or more")
            df = arr.get("day_factor", [])
            q.day_factor_names = [df] if isinstance(df, str) else list(df)
            q.trace = None
            if "trace" in arr:
                if q.forecast_cv or q.interval_cv or q.day_factor_names:
                    raise ValueError(f"{where}: forecast error does not apply to a trace")
                q.trace = read_trace(os.path.join(self.base, arr["trace"]), where)
                q.rates = [0.0] * self.I
            elif "volumes" in arr:
                q.rates = [float(v) * scale / self.L for v in arr["volumes"]]
            else:
                q.rates = [parse_rate(arr["rate"]) * scale] * self.I
            q.handle = PerInterval(qd["handle_time"], where + " handle_time", self.I)
            # wrap_up (scenario-format.md "After-call work"): the caller has gone, the
            # agent stays busy; drawn when the call arrives (metrics.md §1).
            q.wrap = (PerInterval(qd["wrap_up"], where + " wrap_up", self.I)
                      if "wrap_up" in qd else None)
            q.patience = (PerInterval(qd["patience"], where + " patience", self.I)
                          if "patience" in qd else None)
            targets = qd.get("targets", [])
            if isinstance(targets, str):
                targets = [targets]
            sl = [parse_sl_target(t) for t in targets]
            q.thresholds = [t for _, t in (x for x in sl if x is not None)]
            q.priority = int(qd.get("priority", 0))
            q.agent_choice = qd.get("agent_choice", default_ac)
            assert q.agent_choice in AGENT_CHOICES, q.agent_choice
            q.balk = None
            if "balk" in qd:
                p = qd["balk"]["probability"]
                q.balk = [parse_fraction(x) for x in p] if isinstance(p, list) else [parse_fraction(p)]
            q.at_close = qd.get("at_close", "drain")
            assert q.at_close in AT_CLOSE, q.at_close
            # transfer (routing.md "Transfers after service"): a table or a list of them;
            # resolved to queue indexes below, once every name is known.
            tr = qd.get("transfer")
            if tr is None:
                tr = []
            elif isinstance(tr, dict):
                tr = [tr]
            q.transfer_spec = []
            for t in tr:
                _reject_unknown(t, {"to", "probability"}, where + " transfer")
                p = parse_fraction(t["probability"])
                if not 0.0 <= p <= 1.0:
                    raise ValueError(f"{where}: transfer probability {p} not in [0, 1]")
                q.transfer_spec.append((str(t["to"]), p))
            if sum(p for _, p in q.transfer_spec) > 1.0 + 1e-12:
                raise ValueError(f"{where}: transfer probabilities sum to more than 1")
            # callback (routing.md "Callbacks (virtual hold)"): (offer_after s, accept share)
            q.callback = None
            if "callback" in qd:
                cb = qd["callback"]
                _reject_unknown(cb, {"offer_after", "accept"}, where + " callback")
                acc = parse_fraction(cb["accept"])
                if not 0.0 <= acc <= 1.0:
                    raise ValueError(f"{where}: callback accept {acc} not in [0, 1]")
                q.callback = (parse_duration(cb["offer_after"]), acc)
            qindex[q.name] = i
            self.queues.append(q)
        for q in self.queues:
            q.transfer = []          # [(destination index, probability)]
            for name, p in q.transfer_spec:
                if name not in qindex:
                    raise ValueError(f"queue {q.name!r}: transfer.to names unknown queue {name!r}")
                if qindex[name] == q.index:
                    raise ValueError(f"queue {q.name!r}: transfer.to names the queue itself")
                q.transfer.append((qindex[name], p))
        self.has_transfer = any(q.transfer for q in self.queues)
        self.has_callback = any(q.callback for q in self.queues)
        # Shared forecast error: [[day_factor]] tables, in file order (scenario-format.md).
        self.day_factors = []     # (name, cv, interval_cv, all_queues)
        fnames = {}
        for k, fd in enumerate(doc.get("day_factor", [])):
            _reject_unknown(fd, {"name", "cv", "interval_cv", "all_queues"}, "[[day_factor]]")
            name = str(fd["name"])
            if not name or name in fnames:
                raise ValueError(f"day_factor name {name!r} empty or not unique")
            cv = parse_fraction(fd.get("cv", 0.0))
            icv = parse_fraction(fd.get("interval_cv", 0.0))
            if "cv" not in fd and "interval_cv" not in fd:
                raise ValueError(f"day factor {name!r} needs cv, interval_cv or both")
            if cv < 0 or icv < 0:
                raise ValueError(f"day factor {name!r}: cv and interval_cv must be 0 or more")
            fnames[name] = k
            self.day_factors.append((name, cv, icv, bool(fd.get("all_queues", False))))
        for q in self.queues:
            for name in q.day_factor_names:
                if name not in fnames:
                    raise ValueError(f"queue {q.name!r}: unknown day factor {name!r}")
            # a factor named and also all_queues applies once (FINDINGS.md P4)
            q.factors = sorted({fnames[n] for n in q.day_factor_names}
                               | ({k for k, f in enumerate(self.day_factors) if f[3]}
                                  if q.trace is None else set()))
        self.has_forecast_error = any(q.forecast_cv or q.interval_cv or q.factors
                                      for q in self.queues)
        for q in self.queues:   # the queues that transfer to q
            q.sources = [s.index for s in self.queues if any(d == q.index for d, _ in s.transfer)]
        # Every threshold named by any queue is measured for every queue (metrics.md §1).
        self.thresholds = sorted({t for q in self.queues for t in q.thresholds})

        # Groups
        self.groups = []
        for j, gd in enumerate(doc["agents"]):
            where = f"agents {gd.get('name')!r}"
            _reject_unknown(gd, _IGNORED_AGENT_KEYS | {"serves", "staffing", "call_choice",
                                                       "weights", "bonus", "overflow_after",
                                                       "handle_time"},
                            where)
            g = Group()
            g.index, g.name = j, gd["name"]
            serves = gd["serves"]
            if isinstance(serves, str):
                serves = [serves]
            g.serves = [qindex[n] for n in serves]
            # Skills: the group's own handle_time for some of its queues (scenario-format.md
            # "Skills"), drawn when its agent starts the call, from the interval of the
            # call's arrival (architecture.md "Start of service"; "Per-interval ...").
            g.handle = {}
            for name, spec in (gd.get("handle_time") or {}).items():
                if name not in qindex or qindex[name] not in g.serves:
                    raise ValueError(f"{where}: handle_time names queue {name!r}, which this "
                                     f"group does not serve")
                g.handle[qindex[name]] = PerInterval(spec, f"{where} handle_time.{name}", self.I)
            st = gd["staffing"]
            g.staffing = [int(x) for x in st] if isinstance(st, list) else [int(st)] * self.I
            g.call_choice = gd.get("call_choice", default_cc)
            assert g.call_choice in CALL_CHOICES, g.call_choice
            if ("weights" in gd or "bonus" in gd) and g.call_choice != "weighted_wait":
                raise ValueError(f"{where}: weights/bonus need call_choice = weighted_wait")
            g.weight = {q: 1.0 for q in g.serves}
            g.bonus = {q: 0.0 for q in g.serves}
            for name, w in gd.get("weights", {}).items():
                g.weight[qindex[name]] = float(w)
            for name, b in gd.get("bonus", {}).items():
                g.bonus[qindex[name]] = parse_duration(b)
            oa = gd.get("overflow_after")
            if oa is not None:
                vals = oa.values() if isinstance(oa, dict) else [oa]
                if any(parse_duration(v) > 0 for v in vals):
                    raise NotImplementedError(f"{where}: overflow_after > 0 is not supported")
            self.groups.append(g)

        # Ranking of groups for a queue (routing.md, "What every rule shares"): by the
        # queue's position in each group's serves list, then file order.
        for q in self.queues:
            serving = [g for g in self.groups if q.index in g.serves]
            if not serving:
                raise ValueError(f"queue {q.name!r} is served by no agent group")
            q.ranking = sorted(serving, key=lambda g: (g.serves.index(q.index), g.index))


def load_model(path):
    with open(path, "rb") as f:
        return Model(tomllib.load(f), os.path.dirname(os.path.abspath(path)))


def read_trace(path, where):
    """Trace arrivals (scenario-format.md "Trace arrivals"), a subset: the arrival as
    seconds after the start of interval 0 or a duration (clock times are refused);
    optional handle_time and patience cells. Sorted by arrival, file order for ties."""
    import csv
    with open(path, encoding="utf-8-sig") as f:
        lines = [ln.split("#", 1)[0] for ln in f]
    lines = [ln for ln in lines if ln.strip()]
    if not lines:
        raise ValueError(f"{where}: trace {path} is empty")
    delim = max((",", ";", "\t"), key=lambda d: lines[0].count(d))
    rows = list(csv.reader(lines, delimiter=delim))
    head = [h.strip().lower() for h in rows[0]]
    _reject_unknown(head, {"arrival", "handle_time", "patience"}, f"{where} trace columns")
    calls = []
    for row in rows[1:]:
        cell = dict(zip(head, (c.strip() for c in row)))
        a = cell["arrival"]
        if ":" in a:
            raise NotImplementedError(f"{where}: trace clock times are not supported")
        t = -parse_duration(a[1:]) if a.startswith("-") else parse_duration(a)
        h = parse_duration(cell["handle_time"]) if cell.get("handle_time") else None
        p = parse_duration(cell["patience"]) if cell.get("patience") else None
        calls.append((t, h, p))
    calls.sort(key=lambda c: c[0])     # stable: file order for equal times
    return calls


# --------------------------------------------------------------------------------------
# One simulated day
# --------------------------------------------------------------------------------------

# Event kinds, in the order simultaneous events are handled (routing.md, "Simultaneous
# events"): abandonment, service end, interval boundary + staffing change, arrival. A
# transferred call "arrives as a call of that queue at that moment" (routing.md,
# "Transfers after service"), so it is an arrival: after service ends at the same moment
# (without wrap-up, the answering agent is free before its own transfer arrives), after
# fresh arrivals of the same instant (FINDINGS.md, "Transfers").
EV_ABANDON, EV_SERVICE_END, EV_BOUNDARY, EV_ARRIVAL, EV_TRANSFER = 0, 1, 2, 5, 6

WAITING, GONE = 0, 1

# Deliberate mistakes, for power.py --mutants only (how big a mistake would compare.py
# see?). None in normal use.
MUTANT = None
MUTANTS = ("balk_counts_expired", "close_disconnects_expired", "rise_ignores_pending",
           "least_busy_ignores_leaving", "drop_oldest_idle_first",
           # transfers: at the end of wrap-up instead of handle time; transferred calls
           # transferred again; destination agents not staying after the close for
           # transfers (or staying only for transfers already drawn; or only as many as
           # transfers on their way; or also for every source call in service until its
           # handle time ends); the transferred call keeping the source's handle time and
           # wrap-up; the transfer handled before the service end of the same moment;
           # transfer_flush_bug: ccsim's behaviour as observed (FINDINGS.md, "Transfers"):
           # stay only for transfers drawn, and an agent who stayed and is then sent home
           # loses its on-duty time since the group's last head-count change
           "transfer_after_wrap", "transfer_twice", "transfer_no_stay",
           "transfer_stay_pending_only", "transfer_stay_count", "transfer_stay_in_service",
           "transfer_source_draws", "transfer_before_service_end", "transfer_flush_bug",
           # callbacks: EWT without the +1; callbacks made before waiting live calls
           # (or n without the busy agents who go home when their call ends)
           "callback_ewt_no_plus1", "callback_before_live", "callback_n_effective",
           # per-interval distributions: a group's own handle time drawn from the interval
           # in which service starts; forecast error: no factors at all, or each queue
           # drawing its own copy of the shared factors (independent errors)
           "group_handle_at_start", "no_forecast_error", "day_factor_independent")


class Call:
    __slots__ = ("q", "arrival", "handle", "deadline", "state", "counted", "wrap",
                 "by_transfer", "iv")

    def __init__(self, q, arrival, handle, deadline, wrap=0.0, by_transfer=False, iv=0):
        self.q, self.arrival, self.handle, self.deadline = q, arrival, handle, deadline
        self.iv = iv                    # the interval the attempt arrived in (clamped)
        self.wrap = wrap                # after-call work: the agent stays busy, caller gone
        self.by_transfer = by_transfer  # arrived by a transfer (is not transferred again)
        self.state = WAITING
        self.counted = arrival >= 0.0   # warm-up calls load the system but are not counted


class Day:
    """State and tallies of one replication."""

    def __init__(self, model, rng):
        self.m = model
        self.rng = rng
        nq, ng, nt = len(model.queues), len(model.groups), len(model.thresholds)
        # Per queue: the FCFS line (calls leave it lazily: a GONE call is skipped).
        self.line = [deque() for _ in range(nq)]
        self.nwait = [0] * nq
        # Per queue tallies.
        self.offered = [0] * nq
        self.answered = [0] * nq
        self.abandoned = [0] * nq
        self.balked = [0] * nq
        self.disconnected = [0] * nq
        self.messages = [0] * nq
        self.ans_within = [[0] * nt for _ in range(nq)]
        # Per queue and interval of arrival (only for Model.per_interval_stats, selftest):
        # offered, answered, answered within the first threshold, abandoned, answered wait.
        self.iv_tally = [[[0, 0, 0, 0, 0.0] for _ in range(model.I)] for _ in range(nq)] \
            if getattr(model, "per_interval_stats", False) else None
        self.wait_answered = [0.0] * nq
        self.wait_abandoned = [0.0] * nq
        # Transfers (metrics.md §2): at the source, answered calls passed on; at the
        # destination, arrivals by transfer, those answered and the sum of their waits.
        self.transferred = [0] * nq
        self.transfers_in = [0] * nq
        self.transfers_in_answered = [0] * nq
        self.transfers_in_wait = [0.0] * nq
        self.pending = [0] * nq      # transfers on their way to each queue (drawn, not arrived)
        self.nwait_own = [0] * nq    # waiting calls that did not arrive by transfer
        self.talking = [[] for _ in range(nq)]   # mutant transfer_stay_in_service only
        # Callbacks (routing.md "Callbacks (virtual hold)"): per queue the FCFS list of
        # accepted requests (Call objects; arrival = request time), and the tallies.
        self.cb_list = [deque() for _ in range(nq)]
        self.cb_offered = [0] * nq
        self.cb_accepted = [0] * nq
        self.cb_completed = [0] * nq
        self.cb_wait = [0.0] * nq
        # Per group: idle agents as a deque of idle-since times, oldest first (an agent
        # becomes idle "now", which is never before any earlier idle-since time).
        self.idle = [deque() for _ in range(ng)]
        self.busy = [0] * ng
        self.leaving = [0] * ng      # busy agents who go home when their call ends
        self.present_since = [-model.warmup] * ng
        self.present_day = [0.0] * ng    # agent-seconds on duty within [0, close)
        self.present_drain = [0.0] * ng  # agent-seconds on duty after the close
        self.busy_day = [0.0] * ng
        self.busy_drain = [0.0] * ng
        self.closed = False
        self.flush_t = [-model.warmup] * ng   # mutant transfer_flush_bug only
        self.now = -model.warmup
        self.heap = []
        self.seq = 0

    # -- bookkeeping -------------------------------------------------------------------

    def push(self, t, kind, data):
        self.seq += 1
        heapq.heappush(self.heap, (t, kind, self.seq, data))

    def n_present(self, g):
        return len(self.idle[g]) + self.busy[g]

    def account_present(self, g):
        """Book the group's on-duty time up to now, before its head count changes."""
        t0, t1 = max(self.present_since[g], 0.0), self.now
        n = self.n_present(g)
        if t1 > t0 and n:
            c = self.m.close
            self.present_day[g] += n * max(0.0, min(t1, c) - t0)
            self.present_drain[g] += n * max(0.0, t1 - max(t0, c))
        self.present_since[g] = t1

    def head(self, q):
        """The live head call of queue q, or None (abandoned calls are dropped)."""
        line = self.line[q]
        while line and line[0].state == GONE:
            line.popleft()
        return line[0] if line else None

    # -- outcomes ----------------------------------------------------------------------

    def record_abandon(self, call, wait):
        if not call.counted:
            return
        q = call.q
        self.abandoned[q] += 1
        self.wait_abandoned[q] += wait
        if self.iv_tally is not None:
            self.iv_tally[q][call.iv][3] += 1

    def group_handle(self, g, call):
        """A group with its own handle_time for the call's queue draws the handle time when
        its agent starts the call, from the interval of the call's arrival."""
        own = self.m.groups[g].handle.get(call.q)
        if own is not None:
            iv = call.iv
            if MUTANT == "group_handle_at_start":
                iv = self.interval_of(self.now)
            call.handle = own.at(iv).sample(self.rng)

    def start_service(self, g, call):
        """Agent of group g (already counted free: the caller adjusts idle/busy) takes call."""
        q = call.q
        self.group_handle(g, call)
        wait = self.now - call.arrival
        if call.counted:
            self.answered[q] += 1
            self.wait_answered[q] += wait
            for k, thr in enumerate(self.m.thresholds):
                if wait <= thr:
                    self.ans_within[q][k] += 1
            if self.iv_tally is not None:
                t = self.iv_tally[q][call.iv]
                t[1] += 1
                t[2] += wait <= self.m.thresholds[0]
                t[4] += wait
            if call.by_transfer:
                self.transfers_in_answered[q] += 1
                self.transfers_in_wait[q] += wait
        # Transfer after service (routing.md): one uniform draw per answered call picks the
        # destination or none; a call that arrived by transfer is not transferred again.
        # The draw is made here, at the answer, so the destination's agents know after the
        # close that a transfer is on its way (they stay for it).
        queue = self.m.queues[q]
        if queue.transfer and (not call.by_transfer or MUTANT == "transfer_twice"):
            if MUTANT == "transfer_stay_in_service":
                heapq.heappush(self.talking[q], self.now + call.handle)
                if self.now + call.handle > self.m.close:
                    self.push(self.now + call.handle, EV_TRANSFER, None)   # a wake-up only
            u = self.rng.random()
            acc = 0.0
            for dest, p in queue.transfer:
                acc += p
                if u < acc:
                    if call.counted:
                        self.transferred[q] += 1   # in the call's arrival interval
                    self.pending[dest] += 1
                    t = self.now + call.handle      # before the agent's wrap-up
                    if MUTANT == "transfer_after_wrap":
                        t += call.wrap
                    kind = EV_SERVICE_END if MUTANT == "transfer_before_service_end" \
                        else EV_TRANSFER
                    self.push(t, kind, (dest, call))   # pushed before the service end
                    break
        end = self.now + call.handle + call.wrap
        c = self.m.close
        begin = max(self.now, 0.0)   # agent time before 0 is not counted
        self.busy_day[g] += max(0.0, min(end, c) - begin)
        self.busy_drain[g] += max(0.0, end - max(begin, c))
        self.push(end, EV_SERVICE_END, g)

    def take_from_queue(self, call):
        call.state = GONE
        self.nwait[call.q] -= 1
        if not call.by_transfer:
            self.nwait_own[call.q] -= 1

    # -- routing: which waiting call a free agent takes (routing.md, "Call choice") ------

    def pick_call(self, g):
        grp = self.m.groups[g]
        best, best_key = None, None
        for pos, q in enumerate(grp.serves):
            call = self.head(q)
            if call is None:
                continue
            wait = self.now - call.arrival
            rule = grp.call_choice
            if rule == "group_order":
                return call
            if rule == "priority_then_wait":
                key = (-self.m.queues[q].priority, -wait, pos)
            elif rule == "longest_wait":
                key = (-wait, pos)
            else:  # weighted_wait
                key = (-(grp.bonus[q] + grp.weight[q] * wait), pos)
            if best_key is None or key < best_key:
                best, best_key = call, key
        return best

    def free_agent(self, g):
        """An agent of group g is free now (call ended or came on duty): take a call or
        become idle (or go home after the close). The agent is not in idle/busy yet;
        the caller has already booked present time."""
        cb = None
        if MUTANT == "callback_before_live" and self.m.has_callback:
            cb = self.pick_callback(g)
        call = self.pick_call(g) if cb is None else None
        if call is not None:
            self.take_from_queue(call)
            self.busy[g] += 1
            self.start_service(g, call)
            return
        if cb is None and self.m.has_callback:
            cb = self.pick_callback(g)
        if cb is not None:
            self.busy[g] += 1
            self.start_callback(g, cb)
        elif not self.closed or self.stays(g):
            self.idle[g].append(self.now)
        # else: after the close an agent who finds no call leaves.

    def pick_callback(self, g):
        """The oldest callback request of the queues group g serves (earliest request;
        ties in serves order), removed from its list; None if there is none. Only asked
        when no live call the agent may take is waiting (live callers first)."""
        best, best_q = None, None
        for q in self.m.groups[g].serves:
            lst = self.cb_list[q]
            if lst and (best is None or lst[0].arrival < best.arrival):
                best, best_q = lst[0], q
        if best is not None:
            self.cb_list[best_q].popleft()
        return best

    def start_callback(self, g, call):
        """An agent of group g makes the callback `call`: the call's own handle time and
        wrap-up; counted as completed with its time to callback (request to start)."""
        q = call.q
        self.group_handle(g, call)
        if call.counted:
            self.cb_completed[q] += 1
            self.cb_wait[q] += self.now - call.arrival
        end = self.now + call.handle + call.wrap
        c = self.m.close
        begin = max(self.now, 0.0)
        self.busy_day[g] += max(0.0, min(end, c) - begin)
        self.busy_drain[g] += max(0.0, end - max(begin, c))
        self.push(end, EV_SERVICE_END, g)

    def offers_callback(self, q):
        """EWT = (k + 1) h / n > offer_after: k live calls of q waiting (expired ones are
        gone already: abandonment is on time), h the mean of q's handle_time, n the agents
        on duty (idle + busy, those owing a departure included) in the groups that take q
        at once (every serving group: overflow_after > 0 is refused); n = 0: offered."""
        queue = self.m.queues[q]
        n = sum(self.n_present(g.index) for g in queue.ranking)
        if MUTANT == "callback_n_effective":     # leave out busy agents owing a departure
            n -= sum(self.leaving[g.index] for g in queue.ranking)
        if n == 0:
            return True
        # h: the mean handle time of the interval in which the caller arrives
        # (scenario-format.md "Per-interval handle time ...")
        h = queue.handle.at(self.interval_of(self.now)).mean
        if MUTANT == "callback_ewt_no_plus1":
            return self.nwait[q] * h / n > queue.callback[0]
        return (self.nwait[q] + 1) * h / n > queue.callback[0]

    def stays(self, g, counted=False):
        """After the close, an agent with no call stays while a queue its group serves may
        still receive a transfer (routing.md, "Transfers after service": "The
        destination's agents stay for it ... and go home once it is answered and nothing
        else waits"; FINDINGS.md, "Transfers"): a transfer drawn and on its way, or a call
        still waiting at a queue that transfers to it (answered late, it may be passed on).
        """
        if MUTANT == "transfer_no_stay":
            return False
        if MUTANT == "transfer_stay_count":
            # only as many agents on duty as transfers on their way; `counted`: this
            # agent is among the present ones (an idle agent), else it is just free
            for q in self.m.groups[g].serves:
                present = sum(self.n_present(h.index) for h in self.m.queues[q].ranking)
                if self.pending[q] > present - (1 if counted else 0):
                    return True
            return False
        for q in self.m.groups[g].serves:
            if self.pending[q]:
                return True
            if MUTANT in ("transfer_stay_pending_only", "transfer_flush_bug"):
                continue
            for s in self.m.queues[q].sources:
                if self.nwait_own[s]:
                    return True
                if MUTANT == "transfer_stay_in_service":
                    h = self.talking[s]
                    while h and h[0] <= self.now:
                        heapq.heappop(h)
                    if h:
                        return True
        return False

    def send_home_idle(self):
        """After the close: idle agents no transfer is coming for go home."""
        for g in range(len(self.m.groups)):
            while self.idle[g] and not self.stays(g, counted=True):
                self.account_present(g)
                self.idle[g].pop()      # the most recently idle first
                if MUTANT == "transfer_flush_bug" and self.now > self.m.close:
                    self.present_drain[g] -= self.now - max(self.flush_t[g], self.m.close)
                else:
                    self.flush_t[g] = self.now

    # -- routing: which free group an arriving call gets (routing.md, "Agent choice") -----

    def pick_group(self, q):
        queue = self.m.queues[q]
        cands = [g.index for g in queue.ranking if self.idle[g.index]]
        if not cands:
            return None
        rule = queue.agent_choice
        if rule == "group_order":
            return cands[0]
        if rule == "longest_idle":
            # the candidate whose longest-idle agent has been idle since the earliest
            # moment; ties by ranking (min keeps the first of equal keys)
            return min(cands, key=lambda g: self.idle[g][0])
        if rule == "random":
            total = sum(len(self.idle[g]) for g in cands)
            u = self.rng.random() * total
            acc = 0
            for g in cands:
                acc += len(self.idle[g])
                if u < acc:
                    return g
            return cands[-1]
        if rule == "least_busy_group":
            if MUTANT == "least_busy_ignores_leaving":
                return min(cands, key=lambda g: (self.busy[g] - self.leaving[g])
                           / (self.busy[g] - self.leaving[g] + len(self.idle[g])))
            return min(cands, key=lambda g: self.busy[g] / (self.busy[g] + len(self.idle[g])))
        raise AssertionError(rule)

    # -- events --------------------------------------------------------------------------

    def interval_of(self, t):
        """The interval of time t: 0 in the warm-up, the last one after the close."""
        return min(max(int(t // self.m.L), 0), self.m.I - 1)

    def new_call(self, q, by_transfer=False, draw_from=None, handle=None, patience=None):
        """A call arriving now at queue q, its handle time, wrap-up and patience drawn from
        q's distributions of the interval it arrives in (a transferred call: the interval
        of the transfer; draw_from: another queue's, for a mutant), unless given (trace)."""
        queue = self.m.queues[q]
        src = self.m.queues[draw_from] if draw_from is not None else queue
        iv = self.interval_of(self.now)
        if handle is None:
            handle = src.handle.at(iv).sample(self.rng)
        wrap = src.wrap.at(iv).sample(self.rng) if src.wrap is not None else 0.0
        if patience is None:
            patience = (queue.patience.at(iv).sample(self.rng) if queue.patience is not None
                        else math.inf)
        return Call(q, self.now, handle, self.now + patience, wrap, by_transfer, iv)

    def on_arrival(self, data):
        if isinstance(data, tuple):     # a trace row: (queue, handle or None, patience or None)
            self.offer(self.new_call(data[0], handle=data[1], patience=data[2]))
        else:
            self.offer(self.new_call(data))

    def on_transfer(self, data):
        """A transferred call arrives at its destination: a call of that queue, counted as
        offered there (and as transfers_in) at this moment, also after the close."""
        if data is None:
            return                      # a wake-up (mutant transfer_stay_in_service)
        dest, old = data
        self.pending[dest] -= 1
        call = self.new_call(dest, by_transfer=True,
                             draw_from=old.q if MUTANT == "transfer_source_draws" else None)
        if call.counted:
            self.transfers_in[dest] += 1
        self.offer(call)

    def offer(self, call):
        """Route an arriving call (fresh or transferred)."""
        q = call.q
        queue = self.m.queues[q]
        patience = call.deadline - call.arrival
        if call.counted:
            self.offered[q] += 1
            if self.iv_tally is not None:
                self.iv_tally[q][call.iv][0] += 1
        g = self.pick_group(q)
        if g is not None:
            self.account_present(g)  # head count unchanged, but keep the books simple
            self.idle[g].popleft()   # the agent idle longest in the group takes it
            self.busy[g] += 1
            call.state = GONE
            self.start_service(g, call)
            return
        # The caller must wait: a callback offer first (routing.md, "Callbacks"), then
        # balking for those who decline (routing.md, "Balking").
        if queue.callback is not None and self.offers_callback(q):
            if call.counted:
                self.cb_offered[q] += 1
            if self.rng.random() < queue.callback[1]:
                if call.counted:
                    self.cb_accepted[q] += 1
                call.state = GONE
                call.arrival = self.now          # the request time
                self.cb_list[q].append(call)
                return
        if queue.balk is not None:
            probs = queue.balk
            k = self.nwait[q]
            if MUTANT == "balk_counts_expired":
                self.head(q)
                k = len(self.line[q])
            p = probs[min(k, len(probs) - 1)]
            if self.rng.random() < p:
                if call.counted:
                    self.balked[q] += 1
                self.record_abandon(call, 0.0)
                return
        if patience <= 0.0:
            # A patience of 0 s: a caller who must queue abandons with a wait of 0.
            self.record_abandon(call, 0.0)
            return
        self.line[q].append(call)
        self.nwait[q] += 1
        if not call.by_transfer:
            self.nwait_own[q] += 1
        if patience < math.inf:
            self.push(call.deadline, EV_ABANDON, call)

    def on_abandon(self, call):
        if call.state != WAITING:
            return
        self.take_from_queue(call)
        self.record_abandon(call, call.deadline - call.arrival)

    def on_service_end(self, g):
        self.account_present(g)
        self.busy[g] -= 1
        if self.leaving[g] > 0:
            self.leaving[g] -= 1      # this agent goes home
            self.flush_t[g] = self.now
            return
        n = self.n_present(g)
        self.free_agent(g)
        if self.n_present(g) != n + 1:
            self.flush_t[g] = self.now    # went home

    def set_staffing(self, g, target):
        """Interval staffing change (metrics.md §1 "Routing"; architecture.md)."""
        self.account_present(g)
        self.flush_t[g] = self.now
        effective = self.n_present(g) - self.leaving[g]
        if target > effective:
            cancel = min(self.leaving[g], target - effective)
            if MUTANT == "rise_ignores_pending":
                cancel = 0
            self.leaving[g] -= cancel
            for _ in range(target - effective - cancel):
                self.free_agent(g)    # new agents take waiting calls at once
        elif target < effective:
            cut = effective - target
            idle = self.idle[g]
            while cut and idle:
                if MUTANT == "drop_oldest_idle_first":
                    idle.popleft()
                else:
                    idle.pop()        # those idle most recently leave first
                cut -= 1
            self.leaving[g] += cut    # the rest leave as the group's next calls end

    def on_boundary(self, k):
        m = self.m
        if k < m.I:
            for g in range(len(m.groups)):
                self.set_staffing(g, m.groups[g].staffing[k])
            return
        # The close of the day (routing.md, "Close of day"). Abandons at t <= close have
        # been handled already (they come first among simultaneous events).
        self.closed = True
        for q, queue in enumerate(m.queues):
            if queue.at_close == "drain":
                continue
            if MUTANT == "close_disconnects_expired":
                self.head(q)
                for call in list(self.line[q])[1:]:
                    if call.state == GONE and call.counted and call.deadline <= m.close:
                        call.state = WAITING            # un-abandon it: disconnected below
                        self.abandoned[q] -= 1
                        self.wait_abandoned[q] -= call.deadline - call.arrival
            for call in self.line[q]:
                if call.state == WAITING:
                    call.state = GONE
                    if not call.counted:
                        pass
                    elif queue.at_close == "disconnect":
                        self.disconnected[q] += 1
                    else:
                        self.messages[q] += 1
            self.line[q].clear()
            self.nwait[q] = 0
            self.nwait_own[q] = 0
        for g in range(len(m.groups)):
            self.account_present(g)
            self.flush_t[g] = self.now
            self.leaving[g] = 0       # every busy agent serves the drain
        self.send_home_idle()         # idle agents go home (unless a transfer is coming)

    # -- the day ---------------------------------------------------------------------------

    def day_rates(self):
        """Each queue's arrival rate per interval on this day (scenario-format.md,
        "Shared forecast error"): volume_i x F_own x F_shared... x I_own,i x I_shared,i...,
        every factor a gamma with mean 1 and its CV. Shared factors are drawn first, in
        [[day_factor]] order (day factor, then one per interval), then each queue's own
        (day, then per interval). The warm-up runs at interval 0's rate, factors included
        (FINDINGS.md P5)."""
        m, rng = self.m, self.rng
        if not m.has_forecast_error or MUTANT == "no_forecast_error":
            return [list(q.rates) for q in m.queues]
        shared = []
        for _, cv, icv, _ in m.day_factors:
            F = gamma_factor(rng, cv)
            shared.append([F * gamma_factor(rng, icv) for _ in range(m.I)])
        if MUTANT == "day_factor_independent":     # each queue its own copy of the factors
            shared = None
        self.factors_drawn = shared
        out = []
        for q in m.queues:
            F = gamma_factor(rng, q.forecast_cv)
            rq = []
            for i, r in enumerate(q.rates):
                rq.append(r * F * gamma_factor(rng, q.interval_cv))
            for k in q.factors:
                if shared is None:
                    _, cv, icv, _ = m.day_factors[k]
                    Fk = gamma_factor(rng, cv)
                    mult = [Fk * gamma_factor(rng, icv) for _ in range(m.I)]
                else:
                    mult = shared[k]
                rq = [r * x for r, x in zip(rq, mult)]
            out.append(rq)
        self.day_rate = out
        return out

    def run(self):
        m, rng = self.m, self.rng
        L = m.L
        # Arrivals: Poisson with a piecewise-constant rate; queues in file order so that
        # equal times go to the earlier queue.
        W = m.warmup
        rates = self.day_rates()
        for q, queue in enumerate(m.queues):
            spans = [(-W, 0.0, rates[q][0])] if W > 0 else []
            spans += [(i * L, (i + 1) * L, rate) for i, rate in enumerate(rates[q])]
            for lo, hi, rate in spans:
                if rate <= 0:
                    continue
                t = lo + rng.expovariate(rate)
                while t < hi:
                    self.push(t, EV_ARRIVAL, q)
                    t += rng.expovariate(rate)
            for t, h, p in queue.trace or ():
                self.push(t, EV_ARRIVAL, (q, h, p))
        if W > 0:   # the warm-up runs with interval 0's staffing
            for g in range(len(m.groups)):
                self.set_staffing(g, m.groups[g].staffing[0])
        for k in range(m.I + 1):
            self.push(k * L, EV_BOUNDARY, k)
        heap = self.heap
        while heap:
            t, kind, _, data = heapq.heappop(heap)
            self.now = t
            if kind == EV_ARRIVAL:
                self.on_arrival(data)
            elif kind == EV_TRANSFER or (kind == EV_SERVICE_END and isinstance(data, tuple)):
                self.on_transfer(data)
            elif kind == EV_SERVICE_END:
                self.on_service_end(data)
            elif kind == EV_ABANDON:
                self.on_abandon(data)
            else:
                self.on_boundary(data)
            if self.closed and m.has_transfer:
                self.send_home_idle()   # a transfer answered, a source call gone, ...
        # Calls still waiting (no agent was left): infinite patience -> abandoned with
        # wait = close - arrival (metrics.md §1, "End of the day"); a transfer that arrived
        # after the close to a queue nobody was left to serve: wait 0 (FINDINGS.md).
        for q in range(len(m.queues)):
            for call in self.line[q]:
                if call.state == WAITING:
                    call.state = GONE
                    self.record_abandon(call, max(m.close - call.arrival, 0.0))
        for g in range(len(m.groups)):
            self.account_present(g)
            # idle agents still waiting for a transfer that can no longer come (its source
            # call was stuck with nobody to answer it) go home with the last event
            self.idle[g].clear()
            assert self.n_present(g) == 0, "agents left on duty at the end"
        for q in range(len(m.queues)):  # every counted call has exactly one outcome
            assert self.offered[q] == (self.answered[q] + self.abandoned[q]
                                       + self.disconnected[q] + self.messages[q]
                                       + self.cb_accepted[q])
            assert self.pending[q] == 0
        if m.warmup == 0:   # every transfer drawn arrived, and counts on both sides
            assert sum(self.transferred) == sum(self.transfers_in)
        return self.metrics()

    def metrics(self):
        """The day's values (metrics.md §2, §4); None where undefined."""
        m = self.m

        def ratio(a, b):
            return a / b if b else None

        out = {"queues": {}, "agents": {}}
        for q, queue in enumerate(m.queues):
            d = {
                "offered": self.offered[q], "answered": self.answered[q],
                "abandoned": self.abandoned[q], "balked": self.balked[q],
                "disconnected": self.disconnected[q], "messages": self.messages[q],
                "left_at_close": self.disconnected[q] + self.messages[q],
                "asa": ratio(self.wait_answered[q], self.answered[q]),
                "abandon_rate": ratio(self.abandoned[q], self.offered[q]),
                "balk_rate": ratio(self.balked[q], self.offered[q]),
                "mean_wait_all": ratio(self.wait_answered[q] + self.wait_abandoned[q],
                                       self.answered[q] + self.abandoned[q]),
                "transferred": self.transferred[q],
                "transfers_in": self.transfers_in[q],
                "transfers_in_answered": self.transfers_in_answered[q],
                "transfer_asa": ratio(self.transfers_in_wait[q], self.transfers_in_answered[q]),
                "own_offered": self.offered[q] - self.transfers_in[q],
                "own_answered": self.answered[q] - self.transfers_in_answered[q],
                "callbacks_offered": self.cb_offered[q],
                "callbacks_accepted": self.cb_accepted[q],
                "callbacks_completed": self.cb_completed[q],
                "time_to_callback": ratio(self.cb_wait[q], self.cb_completed[q]),
            }
            for k, thr in enumerate(m.thresholds):
                d[f"sl_{threshold_key(thr)}"] = ratio(self.ans_within[q][k], self.offered[q])
            if self.iv_tally is not None:       # by interval of arrival (selftest only)
                for i, (o, a, w, ab, ws) in enumerate(self.iv_tally[q]):
                    d[f"iv{i}_offered"] = o
                    d[f"iv{i}_sl"] = ratio(w, o)
                    d[f"iv{i}_asa"] = ratio(ws, a)
                    d[f"iv{i}_abandon_rate"] = ratio(ab, o)
            out["queues"][queue.name] = d
        for g, grp in enumerate(m.groups):
            out["agents"][grp.name] = {
                "occupancy": ratio(self.busy_day[g] + self.busy_drain[g],
                                   self.present_day[g] + self.present_drain[g]),
                "occupancy_intervals": ratio(self.busy_day[g], self.present_day[g]),
                "busy_hours": (self.busy_day[g] + self.busy_drain[g]) / 3600,
                "on_duty_hours": (self.present_day[g] + self.present_drain[g]) / 3600,
                "drain_hours": self.present_drain[g] / 3600,
            }
        return out


def threshold_key(t):
    """Threshold seconds as ccsim's JSON keys them: '20', '7.5'."""
    return str(int(t)) if float(t).is_integer() else repr(float(t))


# --------------------------------------------------------------------------------------
# Replications and summary statistics
# --------------------------------------------------------------------------------------


def t_quantile_975(df):
    """Student t 0.975 quantile (Cornish-Fisher expansion; exact to ~1e-4 for df >= 3)."""
    if df <= 0:
        return float("nan")
    table = {1: 12.7062, 2: 4.3027, 3: 3.1824, 4: 2.7764, 5: 2.5706}
    if df in table:
        return table[df]
    z = 1.959963984540054
    g1 = (z ** 3 + z) / 4
    g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96
    g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384
    g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160
    return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4


def stat(values):
    """Mean, standard error and 95% CI half-width over the defined values."""
    v = [x for x in values if x is not None]
    n = len(v)
    if n == 0:
        return {"mean": None, "se": 0.0, "ci95": 0.0, "n": 0}
    mean = sum(v) / n
    if n < 2:
        return {"mean": mean, "se": 0.0, "ci95": 0.0, "n": n}
    var = sum((x - mean) ** 2 for x in v) / (n - 1)
    se = math.sqrt(var / n)
    # the day-to-day variance and its standard error (from the fourth central moment)
    m4 = sum((x - mean) ** 4 for x in v) / n
    se_var = math.sqrt(max(m4 - var * var, 0.0) / n)
    return {"mean": mean, "se": se, "ci95": t_quantile_975(n - 1) * se, "n": n,
            "var": var, "se_var": se_var}


def run(model, replications=None, seed=None):
    """Simulate `replications` independent days; return per-metric statistics."""
    R = replications if replications is not None else model.replications
    seed = seed if seed is not None else model.seed
    days = []
    for r in range(R):
        rng = random.Random(f"refsim:{seed}:{r}")
        days.append(Day(model, rng).run())
    out = {"replications": R, "seed": seed, "queues": {}, "agents": {},
           # the total over queues (metrics.md §2 "Total"): offered only
           "total": {"offered": stat([sum(q["offered"] for q in d["queues"].values())
                                      for d in days])}}
    for section in ("queues", "agents"):
        for name in days[0][section]:
            keys = days[0][section][name].keys()
            out[section][name] = {k: stat([d[section][name][k] for d in days]) for k in keys}
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("-r", "--replications", type=int)
    ap.add_argument("--seed", type=int)
    ap.add_argument("--json", action="store_true", help="print the statistics as JSON")
    a = ap.parse_args(argv)
    try:
        model = load_model(a.scenario)
    except (NotImplementedError, ValueError, KeyError, AssertionError, OSError,
            tomllib.TOMLDecodeError) as e:
        print(f"{a.scenario}: error: {e}", file=sys.stderr)
        return 2
    res = run(model, a.replications, a.seed)
    if a.json:
        json.dump(res, sys.stdout, indent=1)
        print()
        return 0
    print(f"{a.scenario}: {res['replications']} replications, seed {res['seed']}")
    for name, d in res["queues"].items():
        print(f"queue {name}")
        for k, s in d.items():
            if s["mean"] is not None:
                print(f"  {k:16s} {s['mean']:12.5f} ± {s['ci95']:.5f}")
    for name, d in res["agents"].items():
        print(f"agents {name}")
        for k, s in d.items():
            if s["mean"] is not None:
                print(f"  {k:16s} {s['mean']:12.5f} ± {s['ci95']:.5f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
