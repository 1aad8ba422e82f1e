"""The package's version: the project's one version number (CMakeLists.txt, project(VERSION)).

Installed (pip install ./analysis) it is the installed distribution's version, which the
build took from the same CMakeLists.txt; run from a source checkout it is read from there.
"""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

_CMAKE = Path(__file__).resolve().parents[2] / "CMakeLists.txt"


def cmake_version(path: Path = _CMAKE) -> str | None:
    """`project(ccsim VERSION X.Y.Z ...)` of a CMakeLists.txt, or None."""
    try:
        m = re.search(r"project\(\s*ccsim\s+VERSION\s+([0-9][0-9.]*)", path.read_text())
    except OSError:
        return None
    return m.group(1) if m else None


def version() -> str:
    v = cmake_version()
    if v:
        return v
    try:
        return metadata.version("ccsim")
    except metadata.PackageNotFoundError:
        return "unknown"


__version__ = version()
