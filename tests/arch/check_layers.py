"""Fails when a source file includes a folder its library may not depend on.

The libraries of sim/ depend one way only (docs/architecture.md); this is the rule in
code, checked on every #include, so a shortcut across layers cannot slip in unseen. The
engine and the models also may not include an I/O library's header (TOML, HDF5, GLPK,
JSON): the engine library builds without them (CMake option CCSIM_ENGINE_ONLY). libfmt is
presentation: only sim/report and sim/cli include it.
Run: /usr/bin/python3 tests/arch/check_layers.py [SOURCE_DIR]
"""
import pathlib
import re
import sys

# Each folder and the folders it may include (itself always).
ALLOWED = {
    "models": [],
    "sim/scenario": ["models"],
    "sim/engine": ["models"],
    "sim/compile": ["models", "sim/scenario", "sim/engine"],
    "sim/stats": ["models", "sim/scenario", "sim/engine"],
    "sim/staffing": ["models", "sim/scenario", "sim/engine", "sim/compile", "sim/stats"],
    "sim/report": ["models", "sim/scenario", "sim/engine", "sim/compile", "sim/stats", "sim/staffing"],
    "sim/io": ["models", "sim/scenario", "sim/engine", "sim/compile", "sim/stats", "sim/staffing", "sim/report"],
    "sim/sweep": ["models", "sim/scenario", "sim/engine", "sim/compile", "sim/stats", "sim/staffing",
                  "sim/report", "sim/io"],
    "sim/html": ["models", "sim/scenario", "sim/engine", "sim/compile", "sim/stats", "sim/staffing",
                 "sim/report", "sim/io"],
    "sim/cli": ["models", "sim/scenario", "sim/engine", "sim/compile", "sim/stats", "sim/staffing",
                "sim/report", "sim/io", "sim/sweep", "sim/html"],
    "sim/python": ["models", "sim/scenario", "sim/engine", "sim/compile", "sim/stats", "sim/staffing",
                   "sim/report", "sim/io", "sim/sweep", "sim/html", "sim/cli"],
}
NO_IO = {"models", "sim/engine"}
IO_HEADERS = re.compile(r"^(hdf5|H5|glpk|toml\+\+|nlohmann|mpi)")
FMT_FOLDERS = {"sim/report", "sim/cli", "sim/html"}
FMT_HEADERS = re.compile(r"^fmt/")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
problems = []
for folder, allowed in ALLOWED.items():
    files = sorted((root / folder).glob("*.[ch]pp"))
    if not files:
        problems.append(f"{folder}: no sources (moved? update tests/arch/check_layers.py)")
    for f in files:
        text = f.read_text()
        for m in INCLUDE.finditer(text):
            kind, inc = m.groups()
            line = text.count("\n", 0, m.start()) + 1
            where = f"{f.relative_to(root)}:{line}"
            if kind == '"':
                target = str(pathlib.PurePosixPath(inc).parent)
                if target != folder and target not in allowed:
                    problems.append(f"{where}: {folder} may not include {inc} ({target} is not below it)")
            elif folder in NO_IO and IO_HEADERS.match(inc):
                problems.append(f"{where}: {folder} may not include <{inc}> (an I/O library)")
            elif folder not in FMT_FOLDERS and FMT_HEADERS.match(inc):
                problems.append(f"{where}: {folder} may not include <{inc}> (libfmt is for sim/report and sim/cli)")
# Every folder of sim/ is in the table.
for d in sorted(p for p in (root / "sim").iterdir() if p.is_dir()):
    if f"sim/{d.name}" not in ALLOWED:
        problems.append(f"sim/{d.name}: a folder the layer rule does not know; add it to tests/arch/check_layers.py")
for p in problems:
    print(p)
if problems:
    sys.exit(1)
print(f"layers: {len(ALLOWED)} folders, every #include goes down")
