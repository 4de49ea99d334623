"""kh330lib/methods/ computes from what it is given: no module there opens, reads, writes, locks or lists a file."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kh330lib import paths

METHODS_DIR = paths.PACKAGE_DIR / "methods"
# Modules whose import means touching files: the standard library's, filelock, and kh330lib's ground modules that
# read the checkout (paths names the files, files/yamlio/limits/datalock read or write them).
IO_MODULES = {"os", "io", "shutil", "tempfile", "glob", "pathlib", "gzip", "bz2", "lzma", "zipfile", "tarfile",
              "pickle", "shelve", "sqlite3", "subprocess", "filelock", "fcntl", "mmap"}
IO_GROUND = {"paths", "files", "yamlio", "limits", "datalock"}
# Methods of Path, file objects, pandas and numpy that read or write files, or look at the file system.
IO_CALLS = {"read_text", "read_bytes", "write_text", "write_bytes", "open", "touch", "mkdir", "rmdir", "unlink",
            "rename", "replace_file", "glob", "rglob", "iterdir", "exists", "is_file", "is_dir", "stat",
            "read_csv", "read_excel", "read_json", "read_parquet", "read_pickle", "to_csv", "to_excel", "to_json",
            "to_parquet", "to_pickle", "loadtxt", "savetxt", "genfromtxt", "save", "savez", "load", "fromfile",
            "tofile"}
BUILTINS = {"open", "__import__", "exec", "eval", "compile"}
# Names a data module's readers go by: importing one into methods/ would read files behind the caller's back.
READER_PREFIXES = ("load_", "read_", "collect_", "write_", "save_")


def io_uses(source: str, module: str = "kh330lib.methods.x") -> list[str]:
    """Every line of `source` that opens, reads, writes or lists a file, or imports what does (line: what)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            found += [f"{line}: import {a.name}" for a in node.names if a.name.split(".")[0] in IO_MODULES]
        elif isinstance(node, ast.ImportFrom):
            names = [a.name for a in node.names]
            if node.level == 0 and (node.module or "").split(".")[0] in IO_MODULES:
                found.append(f"{line}: from {node.module} import {', '.join(names)}")
            elif node.level == 2 and node.module is None:  # from .. import paths
                found += [f"{line}: import kh330lib.{n}" for n in names if n in IO_GROUND]
            elif node.level == 2 and (node.module or "") in IO_GROUND:
                found.append(f"{line}: from kh330lib.{node.module} import {', '.join(names)}")
            elif node.level >= 1 and any(n.startswith(READER_PREFIXES) for n in names):
                found.append(f"{line}: imports a reader ({', '.join(names)})")
        elif isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id in BUILTINS:
                found.append(f"{line}: {node.func.id}()")
            elif isinstance(node.func, ast.Attribute) and node.func.attr in IO_CALLS:
                found.append(f"{line}: .{node.func.attr}()")
    return sorted(found, key=lambda s: int(s.split(":")[0]))


@pytest.mark.parametrize("path", sorted(METHODS_DIR.glob("*.py")), ids=lambda p: p.name)
def test_no_module_of_methods_touches_a_file(path: Path):
    assert io_uses(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("source", "said"), [
    ("from .. import paths\n", "1: import kh330lib.paths"),
    ("from ..yamlio import load_yaml\n", "1: from kh330lib.yamlio import load_yaml"),
    ("import filelock\n", "1: import filelock"),
    ("from os import path\n", "1: from os import path"),
    ("import os.path\n", "1: import os.path"),
    ("from pathlib import Path\n", "1: from pathlib import Path"),
    ("from ..data.dataset import load_dataset\n", "1: imports a reader (load_dataset)"),
    ("x = 1\nwith open('a') as f:\n    pass\n", "2: open()"),
    ("p.write_text('x')\n", "1: .write_text()"),
    ("frame = pd.read_csv(p)\n", "1: .read_csv()"),
    ("np.save('a', x)\n", "1: .save()"),
])
def test_the_check_catches_each_way_of_touching_a_file(source: str, said: str):
    assert io_uses(source) == [said]


def test_the_check_lets_numbers_through():
    source = ("import numpy as np\nfrom scipy import special\nfrom ..codes import Reason\n"
              "from ..data.scenarios import Adjustment\nx = np.log(special.expit(np.arange(3)))\n")
    assert io_uses(source) == []
