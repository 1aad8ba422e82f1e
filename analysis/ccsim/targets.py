"""Targets in ccsim's words ("80/20", "90/10+99/300", "asa<=30s", "abandon<=5%"), parsed.

    ccsim.parse_targets("90/10+99/300")
    -> [Target(kind='service_level', value=0.9, threshold=10.0, text='90/10'),
        Target(kind='service_level', value=0.99, threshold=300.0, text='99/300')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}
_PART = re.compile(r"\s*((?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-z]*)")


def parse_duration(text: str) -> float:
    """Seconds in "20", "20s", "4m", "1h30m", "250ms" (ccsim's duration syntax)."""
    t = str(text).strip()
    if not t:
        raise ValueError("empty duration")
    try:
        return float(t)
    except ValueError:
        pass
    total, i = 0.0, 0
    while i < len(t):
        m = _PART.match(t, i)
        if not m or m.end() == i or not m.group(2):
            raise ValueError(f"cannot read {text!r} as a duration (write e.g. 20s, 4m, 1h30m)")
        if m.group(2) not in _UNITS:
            raise ValueError(f"unknown unit {m.group(2)!r} in {text!r}")
        total += float(m.group(1)) * _UNITS[m.group(2)]
        i = m.end()
        while i < len(t) and t[i].isspace():
            i += 1
    return total


@dataclass(frozen=True)
class Target:
    """kind: "service_level" (value = fraction, threshold = seconds), "asa" (value =
    seconds) or "abandon" (value = fraction). text: as written."""

    kind: str
    value: float
    threshold: float | None = None
    text: str = ""

    def met(self, x: float) -> bool:
        """Whether a mean value meets this target (ccsim's rule: undefined counts as met)."""
        if x != x:  # NaN
            return True
        if self.kind == "service_level":
            return x >= self.value
        return x <= self.value


def parse_target(text: str) -> Target:
    t = str(text).strip()
    low = t.lower()
    for kw in ("asa", "abandon"):
        if low.startswith(kw):
            rest = t[len(kw):].strip()
            if not rest.startswith("<="):
                break
            v = rest[2:].strip()
            if kw == "asa":
                return Target("asa", parse_duration(v), None, t)
            if v.endswith("%"):
                return Target("abandon", float(v[:-1]) / 100.0, None, t)
            return Target("abandon", float(v), None, t)
    if "/" in t:
        pct, dur = t.split("/", 1)
        pct = pct.strip().rstrip("%")
        return Target("service_level", float(pct) / 100.0, parse_duration(dur), t)
    raise ValueError(f"cannot read target {text!r}; write 80/20, asa<=30s or abandon<=5%")


def parse_targets(text: str | list[str] | tuple[str, ...]) -> list[Target]:
    """A target set ("90/10+99/300") or a list of targets -> list of Target."""
    if isinstance(text, (list, tuple)):
        out = []
        for x in text:
            out += parse_targets(x)
        return out
    return [parse_target(p) for p in str(text).split("+") if p.strip()]


def parse_target_row(text: str) -> dict[str, list[Target]] | None:
    """A `ccsim compare --targets` row that names queues ("elite=90/10+99/300,general=80/20")
    -> {queue: [Target]}; None for a row without '=' (one target set for every queue). Queues
    the row does not name keep the scenario's own targets."""
    t = str(text)
    if _SEPARATOR.search(t) is None:
        return None
    out: dict[str, list[Target]] = {}
    for piece in t.split(","):
        m = _SEPARATOR.search(piece)
        if m is None or not piece[:m.start()].strip():
            raise ValueError(f"cannot read {piece!r} in the row {t!r}; expected QUEUE=TARGETS")
        out[piece[:m.start()].strip()] = parse_targets(piece[m.end():])
    return out


_SEPARATOR = re.compile(r"(?<!<)=")
"""The '=' between a queue and its targets: not the one of a target's '<=' ("asa<=30s")."""


def sl_target(targets: str | list[str] | tuple[str, ...]) -> Target | None:
    """The first service-level target of a target set or list, or None."""
    for t in parse_targets(targets):
        if t.kind == "service_level":
            return t
    return None
