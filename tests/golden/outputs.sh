#!/bin/bash
# Writes what ccsim prints and writes for every bundled scenario (text, JSON, CSV, HDF5
# tables, staff, compare, sweep, erlang) into OUTDIR, one file per output, so two builds
# can be compared byte for byte: a refactoring must leave all of them unchanged.
#   tests/golden/outputs.sh BIN OUTDIR
set -euo pipefail
bin=$(realpath "$1"); out=$2
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
mkdir -p "$out"; out=$(realpath "$out")
cd "$root"
py=${CCSIM_PYTHON_EXECUTABLE:-/usr/bin/python3}
for f in scenarios/*.toml; do
  n=$(basename "$f" .toml)
  # A scenario whose SLA period spans days needs whole periods: its short runs take one.
  r7=7; r3=3
  days=$(grep -oP 'sla = \{[^}]*days = \K[0-9]+' "$f" || true)
  if [ -n "$days" ]; then r7=$days; r3=$days; fi
  "$bin" check "$f" > "$out/$n.check.txt"
  "$bin" run "$f" > "$out/$n.run.txt"
  "$bin" run "$f" --json > "$out/$n.run.json"
  "$bin" run "$f" -r "$r7" --seed 11 --csv "$out/$n.summary.csv" --csv-intervals "$out/$n.intervals.csv" > /dev/null
  "$bin" run "$f" -r "$r3" -t 1 --out "$out/$n.h5" --call-log > /dev/null
  "$py" "$here/h5_digest.py" "$out/$n.h5" > "$out/$n.h5.txt"
  rm "$out/$n.h5"
  "$bin" staff "$f" -r 20 --max-replications 20 --json > "$out/$n.staff.json"
done
"$bin" staff scenarios/bank-80-20.toml -r 20 --max-replications 20 > "$out/bank-80-20.staff.txt"
"$bin" compare scenarios/bank-80-20.toml --targets 80/20 90/10 "abandon<=3%" -r 20 --max-replications 20 --json > "$out/bank.compare.json"
"$bin" compare scenarios/elite-line.toml --targets 80/20 "90/10+99/300" -r 20 --max-replications 20 > "$out/elite.compare.txt"
"$bin" sweep scenarios/bank-80-20.toml --vary agents.universal.staffing_delta=-2:2:1 -r 10 -q --json > "$out/bank.sweep.json"
"$bin" sweep scenarios/bank-80-20.toml --vary agents.universal.staffing_delta=-1:1:1 -r 5 -q --out "$out/bank.sweep.h5" > /dev/null
"$py" "$here/h5_digest.py" "$out/bank.sweep.h5" > "$out/bank.sweep.h5.txt"
rm "$out/bank.sweep.h5"
"$bin" erlang --rate 3600/h --aht 240s --agents 70 --patience 180s --threshold 20s --threshold 60s --json > "$out/erlang.json"
"$bin" erlang --rate 100/h --aht 5m --agents 10 > "$out/erlang.txt"
"$bin" compare scenarios/bank-sla-month.toml --targets 80/20 90/10 -r 40 --max-replications 40 > "$out/bank-sla.compare.txt"
"$bin" compare scenarios/bank-sla-month.toml --targets 80/20 90/10 -r 40 --max-replications 40 --json > "$out/bank-sla.compare.json"
"$bin" staff scenarios/sales-net-value.toml --objective net -r 20 --max-replications 20 --json > "$out/sales-net.staff.json"
