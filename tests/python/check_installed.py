"""Run by tests/python/pip_install.sh inside a virtual environment where ccsim was just
installed by pip: no sys.path edits, run from outside the repository.

    check_installed.py MODE(wheel|editable) INSTALLED_FROM REPO
"""
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

mode, installed_from, repo = sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3])
import ccsim  # noqa: E402  (the installed one)

where = Path(ccsim.__file__).resolve()
if mode == "wheel":
    assert Path(sys.prefix) in where.parents, f"ccsim imported from {where}, not the venv {sys.prefix}"
else:
    assert installed_from in where.parents, f"editable ccsim imported from {where}, not {installed_from}"
assert ccsim.__version__ == subprocess.run([os.environ["CCSIM_BIN"], "--version"], capture_output=True,
                                           text=True, check=True).stdout.split()[1]
assert (where.parent / "py.typed").is_file()

scenario = repo / "scenarios" / "bank-80-20.toml"
r = ccsim.run(str(scenario), replications=5)
j = json.loads(subprocess.run([os.environ["CCSIM_BIN"], "run", str(scenario), "-r", "5", "--json"],
                              capture_output=True, text=True, check=True).stdout)


def close(a, b):
    a = float("nan") if a is None else float(a)
    b = float("nan") if b is None else float(b)
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


checked = 0
for _, row in r.summary[r.summary["queue"] == "general"].iterrows():
    m = row["metric"]
    if m.startswith("service_level_"):
        rest = m[len("service_level_"):]
        t, basis = rest.split("_", 1)
        node = j["queues"]["general"]["service_level"][t][basis]
    elif m in ("callers", "caller_answered_rate", "caller_abandon_rate", "caller_blocked_rate"):
        continue  # under "callers" in the JSON; tests/test_inprocess.py checks every metric
    else:
        node = j["queues"]["general"][m]
    mean, ci = (node["mean"], node["ci95"]) if isinstance(node, dict) else (node, 0.0)
    assert close(row["mean"], mean), (m, row["mean"], mean)
    if mean is not None:
        assert close(row["ci95"], ci), (m, row["ci95"], ci)
    checked += 1
assert checked >= 10, checked

# the in-process and file paths agree table for table
with tempfile.TemporaryDirectory() as d:
    f = ccsim.simulate("run", str(scenario), Path(d) / "r.h5", "-r", "5")
for t in ("summary", "group_summary", "replications", "group_replications", "intervals", "group_intervals"):
    pd.testing.assert_frame_equal(getattr(r, t), getattr(f, t), check_exact=True, obj=t)
print(f"pip install ({mode}): ccsim {ccsim.__version__} from {where.parent}; run() equals --json "
      f"({checked} figures, 1e-12) and the --out file (6 tables, exactly)")
