"""Prints every group, dataset and attribute of an HDF5 file as text, with a SHA-256 of
each dataset's bytes, leaving out what differs between two runs of the same command (the
time of writing and the command line), so two files can be compared with diff."""
import hashlib
import sys

import h5py
import numpy as np

SKIP = {"created", "command", "command_line"}


def show(name, obj):
    if isinstance(obj, h5py.Dataset):
        data = obj[()]
        if obj.dtype.kind == "O":  # strings: their text, not the pointers numpy holds
            raw = repr([v.decode() if isinstance(v, bytes) else v for v in np.ravel(data)]).encode()
        else:
            raw = np.ascontiguousarray(data).tobytes()
        digest = hashlib.sha256(raw).hexdigest()
        print(f"dataset /{name} {obj.dtype} {obj.shape} {digest}")
    else:
        print(f"group /{name}")
    for key in sorted(obj.attrs):
        if key not in SKIP:
            print(f"  attr {key} = {obj.attrs[key]!r}")


with h5py.File(sys.argv[1], "r") as f:
    show("", f)
    f.visititems(show)
