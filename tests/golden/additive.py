"""Checks that NEW's outputs only add to OLD's (two folders written by outputs.sh, or two
HDF5 files): every JSON key of OLD is in NEW with the same value, old keys in the same
order; every line of an old text report, every row of an old CSV (as a prefix of the new
row: columns added at the end), in order, is in NEW; every old HDF5 table column is in NEW
with the same values, /summary rows matched by (queue, metric) and in the same order.
    additive.py OLD_DIR NEW_DIR        additive.py --h5 OLD.h5 NEW.h5
Prints what is not an addition and exits 1, else a one-line summary."""
import json
import sys
from pathlib import Path


def json_sub(a, b, path="$"):
    if isinstance(a, dict):
        if not isinstance(b, dict):
            return [f"{path}: object became {type(b).__name__}"]
        out = []
        keys = [k for k in b if k in a]
        if keys != list(a):
            out.append(f"{path}: old keys {list(a)} not kept in order in {list(b)}")
        for k in a:
            out += json_sub(a[k], b[k], f"{path}.{k}") if k in b else [f"{path}.{k}: missing"]
        return out
    if isinstance(a, list):
        if not isinstance(b, list) or len(a) != len(b):
            return [f"{path}: list changed length"]
        return [e for x, y, i in zip(a, b, range(len(a))) for e in json_sub(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} -> {b!r}"]


def lines_sub(old, new, prefix_ok):
    """old lines a subsequence of new lines (a new line may extend an old one by ',...')."""
    j = 0
    for i, line in enumerate(old):
        while j < len(new) and not (new[j] == line or (prefix_ok and new[j].startswith(line + ","))):
            j += 1
        if j == len(new):
            return [f"line {i + 1} not found in order: {line[:120]!r}"]
        j += 1
    return []


def csv_header_ok(old, new):
    return new[0] == old[0] or new[0].startswith(old[0] + ",")


def h5_sub(old, new):
    import h5py
    import numpy as np
    out = []
    with h5py.File(old) as a, h5py.File(new) as b:
        def visit(name, obj):
            if not isinstance(obj, h5py.Dataset):
                return
            if name not in b:
                out.append(f"/{name}: missing")
                return
            if name.split("/")[0] in summaries:
                return  # by rows, below
            x, y = a[name][()], b[name][()]
            if isinstance(x, np.ndarray) and x.dtype.kind == "f":
                same = x.shape == y.shape and np.array_equal(x, y, equal_nan=True)
            else:
                same = np.array_equal(x, y) if isinstance(x, np.ndarray) else x == y
            if not same:
                out.append(f"/{name}: values differ")
        # Call summaries gain rows (new metrics): match old rows by their keys.
        summaries = [g for g in ("summary", "baseline_summary") if g in a]
        a.visititems(visit)
        for t in summaries:
            keys = [k for k in ("row", "point") if k in a[t]] + ["queue", "metric"]
            def rows(f):
                cols = [f[f"{t}/{k}"].asstr()[()] if k == "metric" else f[f"{t}/{k}"][()] for k in keys]
                return list(zip(*cols))
            ra, rb = rows(a), rows(b)
            at = {k: i for i, k in enumerate(rb)}
            idx = [at.get(k) for k in ra]
            if None in idx:
                out.append(f"/{t}: old rows missing")
            elif idx != sorted(idx):
                out.append(f"/{t}: old rows reordered")
            else:
                for c in ("mean", "ci95"):
                    x, y = a[f"{t}/{c}"][()], b[f"{t}/{c}"][()][idx]
                    if not np.array_equal(x, y, equal_nan=True):
                        out.append(f"/{t}/{c}: values of old rows differ")
        for g in a:
            if isinstance(a[g], h5py.Group) and "columns" in a[g].attrs:
                ca = str(a[g].attrs["columns"]).split(",")
                cb = str(b[g].attrs["columns"]).split(",")
                if cb[:len(ca)] != ca:
                    out.append(f"/{g}: old columns {ca} are not the start of {cb}")
    return out


def main():
    if sys.argv[1] == "--h5":
        bad = h5_sub(sys.argv[2], sys.argv[3])
        print("\n".join(bad) or f"h5: {sys.argv[3]} only adds to {sys.argv[2]}")
        return 1 if bad else 0
    old, new = Path(sys.argv[1]), Path(sys.argv[2])
    bad, same, added = [], 0, 0
    for f in sorted(old.iterdir()):
        g = new / f.name
        if not g.exists():
            bad.append(f"{f.name}: missing")
            continue
        a, b = f.read_text(), g.read_text()
        if a == b:
            same += 1
            continue
        added += 1
        if f.suffix == ".json":
            e = json_sub(json.loads(a), json.loads(b))
        elif f.name.endswith(".h5.txt"):
            continue  # digests of datasets: compare the files with --h5
        elif f.suffix == ".csv":
            la, lb = a.splitlines(), b.splitlines()
            e = [] if csv_header_ok(la, lb) else ["header changed"]
            e += lines_sub(la[1:], lb[1:], True)
        else:
            e = lines_sub(a.splitlines(), b.splitlines(), False)
        bad += [f"{f.name}: {x}" for x in e[:5]]
    print("\n".join(bad) or f"additive: {same} outputs unchanged, {added} with additions only "
                              f"(.h5.txt digests: compare the files with --h5)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
