#!/usr/bin/env bash
# Executes every notebook in analysis/notebooks/ into OUTPUT_DIR (default: a new temporary
# folder) and fails when one fails or shows no figure. The repository is not written to: the
# executed notebooks go to OUTPUT_DIR and the results files they make to $CCSIM_OUT_DIR
# (default OUTPUT_DIR/data).
#
#   analysis/run_notebooks.sh [OUTPUT_DIR]
#
# ccsim is $CCSIM_BIN, else <repo>/build/ccsim; the package is this checkout's analysis/ccsim
# (on PYTHONPATH: the notebooks themselves edit no sys.path). Needs Debian's python3-h5py, python3-pandas,
# python3-matplotlib, jupyter-nbconvert and python3-ipykernel (docs/python.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$(mktemp -d -t ccsim-notebooks-XXXXXX)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
export CCSIM_OUT_DIR="${CCSIM_OUT_DIR:-$out/data}"
export CCSIM_BIN="${CCSIM_BIN:-$(dirname "$here")/build/ccsim}"
# The notebooks import ccsim as an installed package would be: this checkout's, first.
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
export PYDEVD_DISABLE_FILE_VALIDATION=1  # quiets a debugger warning of ipykernel
unset MPLBACKEND                         # the notebooks draw inline
py=/usr/bin/python3
failed=()
for nb in "$here"/notebooks/*.ipynb; do
  name="$(basename "$nb")"
  start=$(date +%s)
  if (cd "$here/notebooks" && "$py" -m jupyter nbconvert --to notebook --execute \
        --ExecutePreprocessor.timeout=600 --output-dir "$out" "$name") 2> "$out/${name%.ipynb}.log"; then
    figures=$("$py" -c 'import json, sys
nb = json.load(open(sys.argv[1]))
print(sum("image/png" in o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", [])))' "$out/$name")
    if [ "$figures" -gt 0 ]; then
      echo "ok    $name ($(( $(date +%s) - start )) s, $figures figures) -> $out/$name"
    else
      echo "FAIL  $name: executed but shows no figure"; failed+=("$name")
    fi
  else
    echo "FAIL  $name (log: $out/${name%.ipynb}.log)"; tail -n 30 "$out/${name%.ipynb}.log" >&2
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "${#failed[@]} notebook(s) failed: ${failed[*]}" >&2
  exit 1
fi
