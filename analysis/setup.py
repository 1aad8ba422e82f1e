"""The package's version is the project's (project(ccsim VERSION ...) in ../CMakeLists.txt):
one number for the binary, the results files and this package. Everything else is in
pyproject.toml."""
import re
from pathlib import Path

from setuptools import setup


def version() -> str:
    here = Path(__file__).resolve().parent
    cmake = here.parent / "CMakeLists.txt"
    if cmake.is_file():
        m = re.search(r"project\(\s*ccsim\s+VERSION\s+([0-9][0-9.]*)", cmake.read_text())
        if m:
            return m.group(1)
    pkg_info = here / "PKG-INFO"  # an sdist
    if pkg_info.is_file():
        m = re.search(r"^Version:\s*(\S+)", pkg_info.read_text(), re.M)
        if m:
            return m.group(1)
    raise RuntimeError("ccsim: no version: build from the source tree (../CMakeLists.txt)")


setup(version=version())
