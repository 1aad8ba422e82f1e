#!/usr/bin/python3
"""Rule variants of a scenario (as TOML dicts), and a small TOML writer for them.

Used by power.py (does the scenario's rule change the figures?) and by
compare.py --defaults (the scenario with every routing/caller-behaviour key removed, which
today's ccsim can run).
"""

import copy
import json

import refsim

NEW_QUEUE_KEYS = ("agent_choice", "balk", "at_close", "transfer", "callback")
NEW_AGENT_KEYS = ("call_choice", "weights", "bonus")


def families(doc):
    """Which rule families the scenario exercises."""
    fam = set()
    r = doc.get("routing", {})
    if "call_choice" in r or any(k in g for g in doc["agents"] for k in NEW_AGENT_KEYS):
        fam.add("call_choice")
    if "agent_choice" in r or any("agent_choice" in q for q in doc["queue"]):
        fam.add("agent_choice")
    if any("balk" in q for q in doc["queue"]):
        fam.add("balk")
    if any("at_close" in q for q in doc["queue"]):
        fam.add("at_close")
    if any("transfer" in q for q in doc["queue"]):
        fam.add("transfer")
    if any("callback" in q for q in doc["queue"]):
        fam.add("callback")
    specs = [q.get(k) for q in doc["queue"] for k in ("handle_time", "wrap_up", "patience")]
    specs += [s for g in doc["agents"] for s in (g.get("handle_time") or {}).values()]
    if any(refsim.dist_list_len(s) is not None for s in specs):
        fam.add("per_interval")
    if doc.get("day_factor") or any(
            k in q["arrivals"] for q in doc["queue"]
            for k in ("forecast_cv", "interval_cv", "day_factor")):
        fam.add("forecast_error")
    return fam


def day_average(spec):
    """A distribution with every per-interval list replaced by the mean of its values
    (what a planner with one AHT / patience figure for the day would enter)."""
    if refsim.dist_list_len(spec) is None:
        return spec
    out = {}
    for k, v in spec.items():
        if isinstance(v, list) and k not in refsim._NOT_PER_INTERVAL:
            if k == "k":
                out[k] = round(sum(v) / len(v))
            else:
                out[k] = f"{sum(refsim.parse_duration(x) for x in v) / len(v):g}s"
        else:
            out[k] = v
    return out


def flatten_lists(doc):
    """The scenario with every per-interval distribution list replaced by its day average."""
    d = copy.deepcopy(doc)
    for q in d["queue"]:
        for k in ("handle_time", "wrap_up", "patience"):
            if k in q:
                q[k] = day_average(q[k])
    for g in d["agents"]:
        if "handle_time" in g:
            g["handle_time"] = {n: day_average(s) for n, s in g["handle_time"].items()}
    return d


def independent_errors(doc):
    """The scenario with every shared [[day_factor]] replaced by each queue's own
    forecast_cv / interval_cv of the same size (the same first two moments of each queue's
    multiplier, (1 + cv^2) multiplying): independent forecast errors."""
    d = copy.deepcopy(doc)
    m = refsim.Model(doc)
    d.pop("day_factor", None)
    for q, mq in zip(d["queue"], m.queues):
        arr = q["arrivals"]
        arr.pop("day_factor", None)
        if mq.trace is not None:
            continue
        f2, i2 = 1 + mq.forecast_cv ** 2, 1 + mq.interval_cv ** 2
        for k in mq.factors:
            _, cv, icv, _ = m.day_factors[k]
            f2 *= 1 + cv ** 2
            i2 *= 1 + icv ** 2
        if f2 > 1:
            arr["forecast_cv"] = round((f2 - 1) ** 0.5, 6)
        if i2 > 1:
            arr["interval_cv"] = round((i2 - 1) ** 0.5, 6)
    return d


def strip_rules(doc):
    """The scenario with the default rules: no [routing], no new per-queue/group keys."""
    d = copy.deepcopy(doc)
    d.pop("routing", None)
    for q in d["queue"]:
        for k in NEW_QUEUE_KEYS:
            q.pop(k, None)
    for g in d["agents"]:
        for k in NEW_AGENT_KEYS:
            g.pop(k, None)
    return d


def variants(doc):
    """{label: doc} of alternative rules of the same families (the original excluded)."""
    out = {}
    fam = families(doc)
    if "call_choice" in fam:
        for cc in refsim.CALL_CHOICES:
            d = copy.deepcopy(doc)
            d.setdefault("routing", {}).pop("call_choice", None)
            for g in d["agents"]:
                g["call_choice"] = cc
                if cc != "weighted_wait":
                    g.pop("weights", None)
                    g.pop("bonus", None)
            out[f"call_choice={cc}"] = d
    if "agent_choice" in fam:
        for ac in refsim.AGENT_CHOICES:
            d = copy.deepcopy(doc)
            d.setdefault("routing", {}).pop("agent_choice", None)
            for q in d["queue"]:
                q["agent_choice"] = ac
            out[f"agent_choice={ac}"] = d
    if "balk" in fam:
        for label, b in (("no balk", None), ("balk 0.3", {"probability": 0.3}),
                         ("balk [0,0.1,0.3,0.6]", {"probability": [0.0, 0.1, 0.3, 0.6]})):
            d = copy.deepcopy(doc)
            for q in d["queue"]:
                if "balk" in q:
                    if b is None:
                        q.pop("balk")
                    else:
                        q["balk"] = b
            out[label] = d
    if "at_close" in fam:
        for mode in refsim.AT_CLOSE:
            d = copy.deepcopy(doc)
            for q in d["queue"]:
                if "at_close" in q:
                    q["at_close"] = mode
            out[f"at_close={mode}"] = d
    if "transfer" in fam:
        d = copy.deepcopy(doc)
        for q in d["queue"]:
            q.pop("transfer", None)
        out["no transfer"] = d
        # the transferred calls as the destination's own arrivals instead (same volumes,
        # Poisson): what a planner who folds transfers into the forecast would simulate
        d = copy.deepcopy(doc)
        m = refsim.Model(doc)
        for q in d["queue"]:
            q.pop("transfer", None)
        extra = {}
        for src in m.queues:
            for dest, p in src.transfer:
                rates = extra.setdefault(dest, [0.0] * m.I)
                for i, r in enumerate(src.rates):
                    rates[i] += p * r * m.L
        for dest, vols in extra.items():
            arr = d["queue"][dest]["arrivals"]
            own = [r * m.L for r in m.queues[dest].rates]
            arr.pop("rate", None)
            arr.pop("scale", None)
            arr["volumes"] = [a + b for a, b in zip(own, vols)]
        out["transfers as own arrivals"] = d
    if "callback" in fam:
        d = copy.deepcopy(doc)
        for q in d["queue"]:
            q.pop("callback", None)
        out["no callback"] = d
        # the offer threshold halved / doubled (a wrong EWT would act like one of these)
        for label, f in (("offer_after x0.5", 0.5), ("offer_after x2", 2.0)):
            d = copy.deepcopy(doc)
            for q in d["queue"]:
                if "callback" in q:
                    cb = dict(q["callback"])
                    cb["offer_after"] = f"{refsim.parse_duration(cb['offer_after']) * f:g}s"
                    q["callback"] = cb
            out[label] = d
    if "per_interval" in fam:
        out["day-average lists"] = flatten_lists(doc)
    if "forecast_error" in fam:
        out["independent forecast errors"] = independent_errors(doc)
        d = copy.deepcopy(doc)
        d.pop("day_factor", None)
        for q in d["queue"]:
            for k in ("forecast_cv", "interval_cv", "day_factor"):
                q["arrivals"].pop(k, None)
        out["no forecast error"] = d
    # drop variants that mean the same as the original or as an earlier variant
    def sig(x):
        m = refsim.Model(x)
        qs = [q.agent_choice if len(q.ranking) > 1 else "-" for q in m.queues]
        qs += [[q.balk, q.at_close, q.transfer, q.rates, q.callback] for q in m.queues]
        qs += [[[d.mean for d in x.ds] if x else None for x in (q.handle, q.wrap, q.patience)]
               + [q.forecast_cv, q.interval_cv, q.factors] for q in m.queues]
        qs += [m.day_factors]
        qs += [[sorted((k, [d.mean for d in v.ds]) for k, v in g.handle.items())
                for g in m.groups]]
        gs = []
        for g in m.groups:
            cc = g.call_choice
            prios = {m.queues[q].priority for q in g.serves}
            if cc == "weighted_wait" and all(g.weight[q] == 1 and g.bonus[q] == 0
                                             for q in g.serves):
                cc = "longest_wait"
            if cc == "priority_then_wait" and len(prios) == 1:
                cc = "longest_wait"
            if len(g.serves) == 1:
                cc = "-"
            w = sorted(g.weight.items()) + sorted(g.bonus.items()) if cc == "weighted_wait" else 0
            gs.append([cc, w])
        return json.dumps([qs, gs])
    base = sig(doc)
    seen = {base}
    kept = {}
    for label, d in out.items():
        s = sig(d)
        if s not in seen:
            seen.add(s)
            kept[label] = d
    return kept


# --------------------------------------------------------------------------------------
# A TOML writer for the dicts tomllib returns (strings, numbers, booleans, lists, tables)
# --------------------------------------------------------------------------------------


def _value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(type(v))


def dump_toml(doc):
    lines = []
    for k, v in doc.items():
        if not isinstance(v, (dict, list)) or (isinstance(v, list) and not
                                               (v and isinstance(v[0], dict))):
            lines.append(f"{k} = {_value(v)}")
    for k, v in doc.items():
        if isinstance(v, dict):
            lines.append(f"\n[{k}]")
            lines += [f"{kk} = {_value(vv)}" for kk, vv in v.items()]
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            for t in v:
                lines.append(f"\n[[{k}]]")
                lines += [f"{json.dumps(kk)} = {_value(vv)}" for kk, vv in t.items()]
    return "\n".join(lines) + "\n"
