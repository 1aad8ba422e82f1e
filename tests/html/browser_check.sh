#!/usr/bin/env bash
# ccsim report in a real browser: writes results files, turns each into a page with
# `ccsim report`, and opens the page in Debian's headless chromium. Fails when the page logs
# a console message or an uncaught error, lacks the SVG charts its command must have, or
# its screenshot is missing or blank.
#
#   tests/html/browser_check.sh BINARY SOURCE_DIR          every bundled scenario: run,
#                                                          staff and compare files, and a sweep
#   tests/html/browser_check.sh BINARY SOURCE_DIR quick    one run file (bank-80-20), seconds
#
# Small replication counts keep it quick (about 2-3 minutes on 2 cores): -r 10, and
# --max-replications equal to -r so that staff and compare do not sharpen close verdicts.
set -euo pipefail
BIN=$(realpath "$1")
SRC=$(realpath "$2")
MODE=${3:-all}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
PY=${CCSIM_PYTHON_EXECUTABLE:-/usr/bin/python3}
[ -x "$CHROMIUM" ] || { echo "browser_check: $CHROMIUM not found (apt-get install chromium)"; exit 1; }
WORK=$(mktemp -d /tmp/ccsim-browser-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$SRC"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Chromium as root needs --no-sandbox; no GPU, no D-Bus in a container (its stderr noise
# about both is ignored; only the page's console lines are looked at).
browser() { "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --user-data-dir="$WORK/profile" --enable-logging=stderr --v=0 "$@"; }

# check_page NAME FILE.html CLASS...: the DOM has an <svg> of each CLASS (class="chart ... CLASS").
check_page() {
  local name=$1 html=$2
  shift 2
  local dom="$WORK/$name.dom" log="$WORK/$name.log" png="$WORK/$name.png"
  browser --dump-dom "file://$html" >"$dom" 2>"$log" || fail "$name: chromium --dump-dom failed"
  browser --screenshot="$png" --window-size=1280,2000 "file://$html" >/dev/null 2>>"$log" ||
    fail "$name: chromium --screenshot failed"
  if grep -E "CONSOLE|Uncaught" "$log" >/dev/null; then
    fail "$name: the page logged to the console:"
    grep -E "CONSOLE|Uncaught" "$log" | head -5
  fi
  grep -q "</html>" "$dom" || fail "$name: the DOM dump is incomplete"
  local svgs
  svgs=$(grep -o "<svg " "$dom" | wc -l)
  [ "$svgs" -ge 1 ] || fail "$name: no <svg> in the DOM"
  for cls in "$@"; do
    grep -Eq "<svg class=\"chart [^\"]*\b$cls\b" "$dom" || fail "$name: no <svg> of class $cls"
  done
  # Nothing is fetched: no external script, style sheet, font or image.
  if grep -Eq "<(script|link|img)[^>]+(src|href)=\"https?:" "$dom"; then fail "$name: refers to the network"; fi
  [ -s "$png" ] || { fail "$name: no screenshot"; return; }
  "$PY" - "$png" <<'PYEOF' || fail "$name: the screenshot is blank"
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
small = im.resize((320, 500))
colours = small.getcolors(maxcolors=1 << 20) or []
background = max(colours)[1] if colours else (255, 255, 255)
other = sum(n for n, c in colours if c != background)
# A page with text and charts: many colours, and well over 2% of it not background.
sys.exit(0 if len(colours) > 20 and other > 0.02 * 320 * 500 else 1)
PYEOF
  echo "ok: $name ($svgs svg)"
}

# report NAME RESULTS.h5: runs ccsim report, exit 0 and a page expected.
report() {
  "$BIN" report "$2" -o "$WORK/$1.html" 2>"$WORK/$1.report.err" ||
    { fail "$1: ccsim report exited $?: $(cat "$WORK/$1.report.err")"; return 1; }
}

# Which SL chart a run page has: none for a file that measures no SL threshold (a queue on
# an ASA goal or an abandon cap alone, e.g. sales-line), where the page draws ASA and abandon only.
sl_class() { "$PY" -c "import h5py,sys; sys.exit(0 if len(h5py.File(sys.argv[1])['thresholds'][()]) else 1)" "$1" && echo sl-chart || true; }

if [ "$MODE" = quick ]; then
  "$BIN" run scenarios/bank-80-20.toml -r 10 --out "$WORK/bank-run.h5" >/dev/null
  report bank-run "$WORK/bank-run.h5" && check_page bank-run "$WORK/bank-run.html" sl-chart asa-chart abandon-chart sl-hist agents-chart
else
  for scenario in scenarios/*.toml; do
    n=$(basename "$scenario" .toml)
    r=10
    # bank-sla-month has a 20-day monthly SLA: the replications must make whole months.
    [ "$n" = bank-sla-month ] && r=20
    # Every bundled scenario can do all three commands; none is skipped.
    "$BIN" run "$scenario" -r $r --out "$WORK/$n-run.h5" >/dev/null || fail "$n: ccsim run failed"
    "$BIN" staff "$scenario" -r $r --max-replications $r --out "$WORK/$n-staff.h5" >/dev/null 2>"$WORK/$n.staff.err" ||
      [ $? -eq 1 ] || fail "$n: ccsim staff failed: $(cat "$WORK/$n.staff.err")"  # 1: targets not met, still a file
    "$BIN" compare "$scenario" -r $r --max-replications $r --targets 80/20 90/10 --out "$WORK/$n-compare.h5" \
      >/dev/null 2>"$WORK/$n.compare.err" || fail "$n: ccsim compare failed: $(cat "$WORK/$n.compare.err")"
    sl=$(sl_class "$WORK/$n-run.h5")
    report "$n-run" "$WORK/$n-run.h5" && check_page "$n-run" "$WORK/$n-run.html" asa-chart abandon-chart agents-chart $sl
    if [ -f "$WORK/$n-staff.h5" ]; then
      report "$n-staff" "$WORK/$n-staff.h5" && check_page "$n-staff" "$WORK/$n-staff.html" staffing-chart asa-chart
    fi
    report "$n-compare" "$WORK/$n-compare.h5" &&
      check_page "$n-compare" "$WORK/$n-compare.html" cost-bars staffing-chart sl-chart sl-hist
  done
  "$BIN" sweep scenarios/bank-80-20.toml -r 10 --vary queue.general.arrivals.scale=0.9,1,1.1 \
    --vary agents.universal.staffing_delta=-2,0 --out "$WORK/sweep.h5" >/dev/null 2>&1 || fail "ccsim sweep failed"
  report sweep "$WORK/sweep.h5" && check_page sweep "$WORK/sweep.html" sweep-chart
fi

if [ "$failures" -gt 0 ]; then
  echo "browser_check: $failures failure(s)"
  exit 1
fi
echo "browser_check: all pages passed"
