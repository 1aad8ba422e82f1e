#!/bin/bash
# Checks that BIN prints and writes exactly what tests/golden/outputs.sha256 records:
# every output of tests/golden/outputs.sh, byte for byte. A change that means to alter
# an output regenerates the record (tests/golden/outputs.sh BIN DIR, then
# `cd DIR && sha256sum * > tests/golden/outputs.sha256`) and says why in its commit;
# `diff -r` of two such folders shows what moved.
#   tests/golden/check.sh BIN WORKDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$2"
bash "$here/outputs.sh" "$1" "$2"
cd "$2"
if ! sha256sum --quiet -c "$here/outputs.sha256"; then
  echo "golden: outputs differ from tests/golden/outputs.sha256 (the files are in $2)" >&2
  exit 1
fi
extra=$(ls | grep -vxFf <(awk '{print $2}' "$here/outputs.sha256") || true)
if [ -n "$extra" ]; then echo "golden: outputs not recorded: $extra" >&2; exit 1; fi
echo "golden: all $(wc -l < "$here/outputs.sha256") outputs unchanged"
