"""The one store: which files a computation depends on, their hashes, and tables kept on disk under a key."""

from __future__ import annotations

import errno
import gzip
import hashlib
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_layers import edges  # the import graph as the layers test reads it (whole modules parsed)

from kh330lib import paths
from kh330lib.errors import InputError
from kh330lib.store import tables
from kh330lib.store.keys import code_files, depends_on, hash_files
from kh330lib.store.tables import stored_table, table_path

COLUMNS = ("name", "value")


def _closure(root: Path, start: str) -> set[str]:
    """The modules `start` loads, from the layers test's graph: its imports, followed, and every package above."""
    graph: dict[str, set[str]] = {}
    for e in edges(root):
        graph.setdefault(e.source, set()).add(e.target)
    seen: set[str] = set()
    todo = [start]
    while todo:
        parts = todo.pop().split(".")
        for name in (".".join(parts[:k]) for k in range(1, len(parts) + 1)):
            if name not in seen:
                seen.add(name)
                todo += graph.get(name, ())
    return seen


def _module(name: str) -> str:
    """`kh330lib/assess/wards.py` → `kh330lib.assess.wards` (a package's __init__.py → the package)."""
    parts = name.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("start", ["kh330lib.assess.unit_store", "kh330lib.assess.skill", "kh330lib.data.wards"])
def test_the_code_of_a_computation_is_what_it_imports(start):
    listed = code_files(start)
    sources = {_module(n) for n in listed if n.endswith(".py")}
    assert sources == _closure(paths.PACKAGE_DIR, start)
    assert all(f == paths.PACKAGE_DIR.parent / n for n, f in listed.items())


def test_package_data_beside_the_code_counts_and_other_code_does_not():
    listed = code_files("kh330lib.data.scenarios")
    assert "kh330lib/data/scenario_schema.yaml" in listed  # read by data/scenarios.py
    assert not any(n.startswith(("kh330lib/run/", "kh330lib/cli/", "kh330lib/assess/")) for n in listed)
    assert "kh330lib/run/templates/kh330/index.html.j2" in code_files("kh330lib.run.publish")


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of kh330lib to edit."""
    copy = tmp_path / "kh330lib"
    shutil.copytree(paths.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_changing_code_a_computation_imports_changes_its_hashes_other_code_does_not(package):
    before = hash_files(code_files("kh330lib.assess.unit_store", root=package))
    wards = package / "data" / "wards.py"  # imported by the unit store, through assess.wards
    wards.write_text(wards.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    runner = package / "run" / "runner.py"  # never imported by it
    runner.write_text(runner.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    after = hash_files(code_files("kh330lib.assess.unit_store", root=package))
    assert [k for k in before if before[k] != after[k]] == ["kh330lib/data/wards.py"]
    assert after["kh330lib/data/wards.py"] == hashlib.sha256(wards.read_bytes()).hexdigest()


def test_files_are_named_by_tree_and_hashed_missing_ones_as_empty(tmp_path):
    for rel in ("params/methods.yaml", "params/scenarios/baseline.yaml", "params/.hidden", "nb/a.ipynb",
                "nb/logo.png"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)
    named = depends_on(trees={"params": tmp_path / "params", "notebooks": tmp_path / "nb",
                              "nothing": tmp_path / "absent"},
                       files={"data/raw/x.csv": tmp_path / "x.csv"}, leave_out=("params/scenarios/*", "*.ipynb"))
    assert named == {"data/raw/x.csv": tmp_path / "x.csv", "notebooks/logo.png": tmp_path / "nb" / "logo.png",
                     "params/methods.yaml": tmp_path / "params" / "methods.yaml"}
    hashes = hash_files(named)
    assert hashes["data/raw/x.csv"] == ""
    assert hashes["params/methods.yaml"] == hashlib.sha256(b"params/methods.yaml").hexdigest()


# ---- tables on disk


def _table(n: int) -> pd.DataFrame:
    return pd.DataFrame({"name": [f"r{i}" for i in range(n)], "value": [i / 3 for i in range(n)]})


def _counted(calls: list[int], n: int = 3):
    def compute() -> pd.DataFrame:
        calls.append(1)
        return _table(n)
    return compute


def test_a_table_is_computed_once_and_read_back_by_its_key(tmp_path):
    calls: list[int] = []
    first = stored_table("demo", "a" * 64, COLUMNS, _counted(calls), tmp_path)
    again = stored_table("demo", "a" * 64, COLUMNS, _counted(calls), tmp_path)
    assert calls == [1]
    pd.testing.assert_frame_equal(first, _table(3))
    pd.testing.assert_frame_equal(again, first)
    assert table_path("demo", "a" * 64, tmp_path) == tmp_path / f"demo-{'a' * 16}.json.gz"
    assert gzip.decompress(table_path("demo", "a" * 64, tmp_path).read_bytes()).startswith(b'{"key":"' + b"a" * 64)
    stored_table("demo", "b" * 64, COLUMNS, _counted(calls), tmp_path)
    assert calls == [1, 1]


def test_the_newest_tables_of_each_kind_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "KEEP", 2)
    for i, key in enumerate("abc"):
        path = table_path("units", key * 64, tmp_path)
        stored_table("units", key * 64, COLUMNS, lambda: _table(1), tmp_path)
        os.utime(path, (1_000_000 + i, 1_000_000 + i))  # the order they were made in, whatever the clock's step
    stored_table("city", "d" * 64, COLUMNS, lambda: _table(1), tmp_path)
    stored_table("units", "e" * 64, COLUMNS, lambda: _table(1), tmp_path)
    assert sorted(p.name[:7] for p in tmp_path.glob("units-*.json.gz")) == ["units-c", "units-e"]
    assert [p.name[:6] for p in tmp_path.glob("city-*.json.gz")] == ["city-d"]  # another kind is not pruned


def test_a_table_stored_under_another_key_or_damaged_is_computed_again(tmp_path):
    calls: list[int] = []
    path = table_path("demo", "a" * 64, tmp_path)
    path.write_bytes(gzip.compress(b'{"key":"' + b"a" * 16 + b'","columns":["name","value"],"rows":[]}'))
    pd.testing.assert_frame_equal(stored_table("demo", "a" * 64, COLUMNS, _counted(calls), tmp_path), _table(3))
    path.write_bytes(b"\x1f\x8b not gzip")
    pd.testing.assert_frame_equal(stored_table("demo", "a" * 64, COLUMNS, _counted(calls), tmp_path), _table(3))
    assert calls == [1, 1]


@pytest.mark.parametrize("inside", ["data", "params", "notebooks", "kh330lib"])
def test_a_cache_folder_inside_the_inputs_or_the_code_is_refused(inside):
    with pytest.raises(InputError) as exc:
        stored_table("demo", "a" * 64, COLUMNS, lambda: pytest.fail("computed"), paths.ROOT / inside / "cache")
    assert "cache file (KH330_CACHE_DIR) is inside" in str(exc.value.problems[0])


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "the disk is full"), (errno.EACCES, "permission denied"),
                                             (errno.EROFS, "the file system is read-only")])
def test_a_cache_folder_that_refuses_is_done_without_and_said_once(tmp_path, monkeypatch, capsys, code, words):
    def refuse(path, data):
        raise OSError(code, "refused", str(path))

    monkeypatch.setattr(tables, "write_bytes", refuse)
    monkeypatch.setattr(tables, "TOLD", set())
    calls: list[int] = []
    for kind in ("units", "city"):
        pd.testing.assert_frame_equal(stored_table(kind, "a" * 64, COLUMNS, _counted(calls), tmp_path), _table(3))
    assert calls == [1, 1]
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"kh330: the cache folder {paths.display(tmp_path)} cannot be used "
                                               f"({words}); computing without it (to keep results between runs: ")
