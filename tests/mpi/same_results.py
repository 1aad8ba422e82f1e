"""Exit 0 when two ccsim results files hold the same data (every dataset, bit for bit;
the attributes `created` and `command_line` may differ), else print what differs, exit 1.

    /usr/bin/python3 tests/mpi/same_results.py A.h5 B.h5
"""
import sys

import h5py
import numpy as np


def main(a_path, b_path):
    a, b = h5py.File(a_path, "r"), h5py.File(b_path, "r")
    differ = []

    def visit(name, obj):
        if not isinstance(obj, h5py.Dataset):
            return
        if name not in b:
            differ.append(f"{name}: missing in {b_path}")
            return
        x, y = obj[()], b[name][()]
        if isinstance(x, bytes) or not hasattr(x, "dtype"):
            same = x == y
        elif x.dtype.kind == "f":
            same = x.shape == y.shape and np.array_equal(x, y, equal_nan=True)
        else:
            same = x.shape == y.shape and np.array_equal(x, y)
        if not same:
            differ.append(name)

    a.visititems(visit)
    for k, v in a.attrs.items():
        if k not in ("created", "command_line") and (k not in b.attrs or b.attrs[k] != v):
            differ.append(f"attribute {k}")
    if differ:
        print("differ: " + ", ".join(differ))
        return 1
    print(f"same results: {a_path} and {b_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
