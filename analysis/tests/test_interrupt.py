"""docs/results-format.md §1: a run that is killed or interrupted never leaves a
half-written file under the final name."""
from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import SCENARIOS

LONG = ["-r", "100000", "-t", "2"]  # about two minutes of simulation: always killed midway


def _start_long_run(ccsim_bin, out: Path) -> subprocess.Popen:
    p = subprocess.Popen([ccsim_bin, "run", str(SCENARIOS / "bank-80-20.toml"), *LONG, "--out", str(out)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # wait until the temporary file exists (the run is under way), at most 10 s
    part = out.parent / f"{out.name}.part-{p.pid}"
    t0 = time.monotonic()
    while time.monotonic() - t0 < 10 and not part.exists() and p.poll() is None:
        time.sleep(0.02)
    time.sleep(0.3)  # some simulation done
    assert p.poll() is None, f"ccsim ended before it could be interrupted: {p.stderr.read()}"
    return p


def test_sigkill_leaves_no_file_under_the_final_name(ccsim_bin, tmp_path):
    out = tmp_path / "killed.h5"
    p = _start_long_run(ccsim_bin, out)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=10)
    assert p.returncode == -signal.SIGKILL
    assert not out.exists()
    # what may stay behind is only the temporary file, under its own name
    left = [f.name for f in tmp_path.iterdir()]
    assert all(n.startswith("killed.h5.part-") for n in left), left


@pytest.mark.parametrize("old", [False, True], ids=["new", "over-old-file"])
def test_sigint_removes_the_temporary_file(ccsim_bin, tmp_path, old):
    out = tmp_path / "interrupted.h5"
    if old:
        out.write_bytes(b"an older results file")
    p = _start_long_run(ccsim_bin, out)
    p.send_signal(signal.SIGINT)
    try:
        _, err = p.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        pytest.fail("ccsim did not stop within 30 s of SIGINT")
    assert p.returncode == 130, err
    assert err.strip(), "no message on stderr"
    assert not list(tmp_path.glob("interrupted.h5.part-*"))
    if old:
        assert out.read_bytes() == b"an older results file"
    else:
        assert not out.exists()
