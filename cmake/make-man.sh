#!/usr/bin/env bash
# Writes the man page ccsim.1 from the binary's own help texts (help2man): the top-level
# --help and --version, then one section per command with that command's --help.
#   cmake/make-man.sh CCSIM_BINARY OUTPUT.1
set -euo pipefail
bin="$1"
out="$2"
include="$(mktemp)"
trap 'rm -f "$include"' EXIT
{
  echo "[COMMANDS]"
  for cmd in run check erlang staff compare sweep report; do
    echo ".SS \"ccsim $cmd\""
    echo ".nf"
    "$bin" "$cmd" --help | sed -e 's/\\/\\e/g' -e 's/^\./\\\&./'
    echo ".fi"
  done
  echo "[SEE ALSO]"
  echo "The scenario format, every metric with its formula, and the results files are"
  echo "described in the documents installed with ccsim (share/doc/ccsim)."
} > "$include"
help2man --no-info --no-discard-stderr --name "discrete-event contact-centre simulator" \
  --include "$include" --output "$out" "$bin"
