#!/usr/bin/env bash
# The installed tree and the .deb: `cmake --install` into a fresh prefix, then the installed
# binary reports the project's version and runs an installed scenario; the man page, the
# licence and the documents are in place; `cpack -G DEB` packs the same files.
# With a third argument "python" (a build with -DCCSIM_PYTHON=ON) the in-process module is
# installed too, and the package finds it through the installed binary on PATH.
#   tests/install/check.sh BUILD_DIR VERSION [python]
set -euo pipefail
build="$1"
version="$2"
python="${3:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
bin="$work/prefix/bin/ccsim"
[ "$("$bin" --version)" = "ccsim $version" ] || { echo "install: --version says '$("$bin" --version)'"; exit 1; }
"$bin" run "$work/prefix/share/ccsim/scenarios/bank-80-20.toml" -r 3 --json > "$work/run.json"
grep -q '"replications": 3' "$work/run.json" || { echo "install: the installed run printed no JSON"; exit 1; }
for f in share/man/man1/ccsim.1 share/doc/ccsim/LICENSE share/doc/ccsim/CHANGELOG.md share/doc/ccsim/scenario-format.md \
         share/ccsim/scenarios/help-desk-week.toml; do
  [ -f "$work/prefix/$f" ] || { echo "install: missing $f"; exit 1; }
done
if [ "$python" = python ]; then
  # lib/ or lib/<multiarch>/ (GNUInstallDirs: the latter for prefix /usr on Debian)
  [ -n "$(find "$work/prefix" -path '*/lib*/ccsim/python/_ccsim*.so')" ] ||
    { echo "install: no Python module under lib/ccsim/python"; find "$work/prefix" -name '_ccsim*'; exit 1; }
  src="$(cd "$(dirname "$0")/../.." && pwd)"
  (cd "$work" && env -u CCSIM_BIN PATH="$work/prefix/bin:$PATH" PYTHONPATH="$src/analysis" /usr/bin/python3 -c "
import ccsim, sys
assert ccsim.binary() == '$work/prefix/bin/ccsim', ccsim.binary()
assert '$work/prefix' in ccsim.inprocess.module().__file__, ccsim.inprocess.module().__file__
r = ccsim.run('$work/prefix/share/ccsim/scenarios/bank-80-20.toml', replications=3)
assert len(r.replications) == 3 and r.ccsim_version == '$version'
") || { echo "install: the package did not run in-process with the installed module"; exit 1; }
fi
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/deb" > "$work/cpack.log")
deb="$(ls "$work"/deb/ccsim_"$version"_*.deb)"
dpkg-deb -c "$deb" > "$work/contents"
grep -q './usr/bin/ccsim$' "$work/contents" || { echo "install: the .deb lacks usr/bin/ccsim"; exit 1; }
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || { echo "install: the .deb's version is not $version"; exit 1; }
echo "install: ccsim $version installs, runs an installed scenario${python:+ (also in-process from Python)}, and packs into $(basename "$deb")"
