#!/usr/bin/env bash
# The Python package installed the standard way, offline: `python3 -m pip install ./analysis`
# (and `-e`) into fresh virtual environments made from Debian's python3
# (--system-site-packages: numpy, pandas, h5py come from Debian), then, outside the
# repository, tests/python/check_installed.py: import ccsim, run in-process, and compare
# with the binary's --json and --out file of the same seed.
#   tests/python/pip_install.sh BUILD_DIR
set -euo pipefail
build="$(cd "$1" && pwd)"
src="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A copy: pip builds in the source folder (build/, *.egg-info), and the repository is not
# written to. setup.py reads the version from ../CMakeLists.txt, so that comes along.
mkdir -p "$work/src"
cp "$src/CMakeLists.txt" "$work/src/"
(cd "$src" && tar --exclude=build --exclude='*.egg-info' --exclude=__pycache__ -cf - analysis) | (cd "$work/src" && tar -xf -)
export CCSIM_BIN="$build/ccsim"
export PIP_DISABLE_PIP_VERSION_CHECK=1
for mode in wheel editable; do
  venv="$work/venv-$mode"
  /usr/bin/python3 -m venv --system-site-packages "$venv"
  if [ "$mode" = editable ]; then
    "$venv/bin/python" -m pip install -q -e "$work/src/analysis" </dev/null
  else
    "$venv/bin/python" -m pip install -q "$work/src/analysis" </dev/null
  fi
  (cd "$work" && "$venv/bin/python" "$src/tests/python/check_installed.py" "$mode" "$work/src/analysis" "$src")
done
