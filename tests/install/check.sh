#!/usr/bin/env bash
# The installed tree and the .deb: `cmake --install` into a fresh prefix, then the installed
# binary reports the project's version and runs an installed scenario; the man page, the
# licence and the documents are in place; `cpack -G DEB` packs the same files.
#   tests/install/check.sh BUILD_DIR VERSION
set -euo pipefail
build="$1"
version="$2"
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
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/deb" > "$work/cpack.log")
deb="$(ls "$work"/deb/ccsim_"$version"_*.deb)"
dpkg-deb -c "$deb" > "$work/contents"
grep -q './usr/bin/ccsim$' "$work/contents" || { echo "install: the .deb lacks usr/bin/ccsim"; exit 1; }
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || { echo "install: the .deb's version is not $version"; exit 1; }
echo "install: ccsim $version installs, runs an installed scenario, and packs into $(basename "$deb")"
