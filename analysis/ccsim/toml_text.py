"""A scenario given as a dict, written as TOML text for the simulator (in-process runs).

Only what scenarios use: tables, arrays of tables, strings, booleans, integers, floats and
(nested) arrays of those. Python's tomllib reads TOML but does not write it.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def key(k: str) -> str:
    """A key, quoted unless it is a bare key."""
    k = str(k)
    return k if _BARE.match(k) else json.dumps(k)


def value(v: Any) -> str:
    """A TOML value (inline): strings, booleans, numbers, arrays, inline tables."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(v, Mapping):
        return "{" + ", ".join(f"{key(k)} = {value(x)}" for k, x in v.items()) + "}"
    if isinstance(v, Sequence):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if hasattr(v, "item"):  # numpy scalars
        return value(v.item())
    raise TypeError(f"cannot write {type(v).__name__} {v!r} as a TOML value")


def _is_table_array(v: Any) -> bool:
    return isinstance(v, Sequence) and not isinstance(v, str) and len(v) > 0 and \
        all(isinstance(x, Mapping) for x in v)


def dumps(doc: Mapping) -> str:
    """The TOML text of a dict (as tomllib.loads would give it back)."""
    lines: list[str] = []

    def table(d: Mapping, path: list[str]) -> None:
        subs = []
        for k, v in d.items():
            if isinstance(v, Mapping) or _is_table_array(v):
                subs.append((k, v))
            else:
                lines.append(f"{key(k)} = {value(v)}")
        for k, v in subs:
            p = path + [key(k)]
            if isinstance(v, Mapping):
                lines.append("")
                lines.append("[" + ".".join(p) + "]")
                table(v, p)
            else:
                for item in v:
                    lines.append("")
                    lines.append("[[" + ".".join(p) + "]]")
                    table(item, p)

    table(doc, [])
    return "\n".join(lines).lstrip("\n") + "\n"
