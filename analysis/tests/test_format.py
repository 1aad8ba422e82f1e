"""Format versions and files that are not results files; helpers that need no simulation."""
from __future__ import annotations

import math
import shutil

import h5py
import numpy as np
import pandas as pd
import pytest

import ccsim
from ccsim import stats


def test_newer_format_version_is_refused(made, tmp_path):
    newer = tmp_path / "newer.h5"
    shutil.copy(made("bank").path, newer)
    with h5py.File(newer, "r+") as f:
        f.attrs["format_version"] = np.int64(ccsim.FORMAT_VERSION + 1)
    with pytest.raises(ccsim.FormatVersionError) as e:
        ccsim.load(newer)
    assert isinstance(e.value, ValueError)
    msg = str(e.value)
    assert "format_version 2" in msg and "format_version 1" in msg and str(newer) in msg
    assert e.value.file_version == 2 and e.value.known_version == 1
    with pytest.raises(ccsim.FormatVersionError):
        ccsim.check_file(newer)


def test_file_without_format_version(made, tmp_path):
    p = tmp_path / "plain.h5"
    shutil.copy(made("bank").path, p)
    with h5py.File(p, "r+") as f:
        del f.attrs["format_version"]
    with pytest.raises(ccsim.NotAResultsFileError, match="not a ccsim results file"):
        ccsim.load(p)


def test_not_hdf5_at_all(tmp_path):
    p = tmp_path / "x.h5"
    p.write_text("queue,metric,mean,ci95\n")
    with pytest.raises(ccsim.NotAResultsFileError, match="not an HDF5 file"):
        ccsim.load(p)
    with pytest.raises(FileNotFoundError):
        ccsim.load(tmp_path / "missing.h5")


def test_invalid_format_version(made, tmp_path):
    p = tmp_path / "zero.h5"
    shutil.copy(made("bank").path, p)
    with h5py.File(p, "r+") as f:
        f.attrs["format_version"] = np.int64(0)
    with pytest.raises(ccsim.FormatVersionError):
        ccsim.load(p)


def test_added_column_is_read(made, tmp_path):
    """§7: adding a column does not change the version; the loader keeps it."""
    p = tmp_path / "more.h5"
    shutil.copy(made("bank").path, p)
    with h5py.File(p, "r+") as f:
        g = f["summary"]
        g.create_dataset("note", data=np.zeros(len(g["mean"])))
        g.attrs["columns"] = g.attrs["columns"] + ",note"
    r = ccsim.load(p)
    assert "note" in r.summary
    assert ccsim.check_file(p) == []
    assert any("extra columns" in x for x in ccsim.check_file(p, strict=True))


def test_t_quantile():
    # 30-digit values (mpmath); Boost, which ccsim uses, agrees
    exact = {1: 12.7062047361747, 3: 3.18244630528371, 7: 2.36462425159279, 99: 1.98421695158642}
    for dof, v in exact.items():
        assert math.isclose(stats.t_quantile(0.975, dof), v, rel_tol=1e-13), dof
    for dof in (2, 4, 19, 1000):
        a = stats.t_quantile(0.975, dof)
        if stats._scipy_stats is not None:
            assert math.isclose(a, stats.t_quantile(0.975, dof, use_scipy=True), rel_tol=1e-9), dof
    assert stats.t_quantile(0.975, 0) == 0


def test_mean_ci_worked_example():
    """docs/metrics.md §7: 80%, 78%, 83%, 79% -> 80.0% +- 3.44 points."""
    s = ccsim.mean_ci(pd.Series([0.80, 0.78, 0.83, 0.79]))
    assert math.isclose(s["mean"], 0.80) and round(s["ci95"], 4) == 0.0344 and s["n"] == 4
    one = ccsim.mean_ci(pd.Series([0.5, np.nan]))
    assert one["mean"] == 0.5 and one["ci95"] == 0 and one["n"] == 1
    none = ccsim.mean_ci(pd.Series([np.nan]))
    assert math.isnan(none["mean"]) and none["ci95"] == 0


def test_targets_and_clock():
    t = ccsim.parse_targets("90/10+99/300")
    assert [(x.kind, x.value, x.threshold) for x in t] == [("service_level", 0.9, 10.0),
                                                            ("service_level", 0.99, 300.0)]
    assert ccsim.parse_target("asa<=30s") == ccsim.Target("asa", 30.0, None, "asa<=30s")
    assert ccsim.parse_target("Abandon <= 5%").value == 0.05
    assert ccsim.parse_target("80/1m").threshold == 60
    assert ccsim.parse_duration("1h30m") == 5400 and ccsim.parse_duration("12.5s") == 12.5
    assert ccsim.sl_target(["abandon<=5%", "80/20"]).threshold == 20
    assert ccsim.clock(8 * 3600) == "08:00" and ccsim.clock(25.5 * 3600) == "01:30"  # wrapped, as ccsim labels it
    assert ccsim.clock(24 * 3600) == "00:00" and ccsim.clock(22 * 3600) == "22:00"
    assert ccsim.clock(8 * 3600 + 5) == "08:00:05"
    assert ccsim.threshold_key(20.0) == "20" and ccsim.threshold_key(12.5) == "12.5"
