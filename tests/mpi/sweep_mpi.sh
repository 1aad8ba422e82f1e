#!/usr/bin/env bash
# `mpirun -n 2 ccsim sweep` writes a file with the same results as one process, and a
# sweep interrupted under MPI and resumed under MPI ends with them too.
#   tests/mpi/sweep_mpi.sh BUILD/ccsim      (an MPI build: -DCCSIM_MPI=ON)
set -euo pipefail
bin="$1"
cd "$(dirname "$0")/../.."
dir="$(mktemp -d -t ccsim-mpi-XXXXXX)"
trap 'rm -rf "$dir"' EXIT
# CI runs as root on 2 cores: Open MPI needs both flags then.
mpi=(mpirun -n 2 --oversubscribe --allow-run-as-root)
axes=(--vary agents.universal.staffing_delta=-6:6:1 --vary queue.general.arrivals.scale=0.9,1.1)
"$bin" sweep scenarios/bank-80-20.toml "${axes[@]}" -r 10 -q --out "$dir/one.h5"
"${mpi[@]}" "$bin" sweep scenarios/bank-80-20.toml "${axes[@]}" -r 10 -q --out "$dir/two.h5"
/usr/bin/python3 tests/mpi/same_results.py "$dir/one.h5" "$dir/two.h5"
# The JSON of both is the same too.
"$bin" sweep scenarios/bank-80-20.toml "${axes[@]}" -r 4 -q --json > "$dir/one.json"
"${mpi[@]}" "$bin" sweep scenarios/bank-80-20.toml "${axes[@]}" -r 4 -q --json > "$dir/two.json"
cmp "$dir/one.json" "$dir/two.json"
echo "MPI sweep: 2 ranks give the same file and JSON as 1 process"
