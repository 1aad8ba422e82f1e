#!/usr/bin/env bash
# Peak RSS (KB) and wall time of ccsim run; tiny one-queue model (docs/performance.md "Memory").
# Usage: bash tests/bench/memory.sh [path/to/ccsim]   (default build/ccsim)
set -euo pipefail
B=${1:-build/ccsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/tiny.toml" <<'TOML'
[scenario]
name = "tiny"
interval = "1h"
duration = "1h"
seed = 1

[[queue]]
name = "q"
arrivals = { rate = "20/h" }
handle_time = { dist = "exponential", mean = "180s" }

[[agents]]
name = "a"
serves = ["q"]
staffing = 2
TOML
mk() { sed "s#interval = \"1h\"#interval = \"$1\"#; s#duration = \"1h\"#duration = \"$2\"#; s#rate = \"20/h\"#rate = \"$3\"#" "$tmp/tiny.toml" > "$tmp/m.toml"; }
mk 1h 1h 20/h
for r in 100 10000 1000000; do
  for f in "" "--json"; do /usr/bin/time -f "reps=$r $f %M KB %e s" $B run "$tmp/m.toml" -r $r -t 2 $f >/dev/null; done
done
for i in 100 10000 100000 1000000; do
  mk 1s ${i}s 720/h
  for f in "" "--json"; do /usr/bin/time -f "intervals=$i $f %M KB %e s" $B run "$tmp/m.toml" -r 10 -t 2 $f >/dev/null; done
done
