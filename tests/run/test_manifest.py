"""Provenance: file hashes, input listing, data vintage, git state, JSON writing."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import pandas as pd

from kh330lib import paths
from kh330lib.run.manifest import DataVintage, data_vintage, git_state, package_versions
from kh330lib.run.unchanged import input_hashes
from kh330lib.store.keys import input_files


def test_inputs_skip_hidden_files_and_caches(tmp_path):
    (tmp_path / "sub" / "__pycache__").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for rel in ("a.csv", "sub/b.yaml", "sub/__pycache__/c.pyc", ".git/HEAD", ".hidden"):
        (tmp_path / rel).write_text(rel)
    single = tmp_path / "one.ipynb"
    single.write_text("{}")
    files = input_files(tmp_path / "sub", tmp_path / "a.csv", single)
    assert files == [tmp_path / "sub" / "b.yaml", tmp_path / "a.csv", single]
    everything = input_files(tmp_path)
    assert sorted(p.name for p in everything) == ["a.csv", "b.yaml", "one.ipynb"]


def test_hashes_are_keyed_by_checkout_relative_path():
    hashes = input_hashes([paths.OBSERVATIONS, paths.OBSERVATIONS])
    assert hashes == {"data/observations.csv": hashlib.sha256(paths.OBSERVATIONS.read_bytes()).hexdigest()}


def test_vintage_takes_the_latest_year_source_date_and_report():
    dataset = SimpleNamespace(
        observations=pd.DataFrame({"year": [2019, 2024, 2021]}),
        sources=pd.DataFrame({"published": ["2024-11-28", "", "2023"], "accessed": ["", "2025-02-01", "x"]}),
        all_vintages=pd.DataFrame({"received": ["", "2026-06-05", "2026-05-30"]}))
    assert data_vintage(dataset) == DataVintage(2024, "2025-02-01", "2026-06-05")
    empty = SimpleNamespace(observations=pd.DataFrame({"year": []}), sources=pd.DataFrame({"published": []}),
                            all_vintages=pd.DataFrame(columns=["received"]))
    assert data_vintage(empty) == DataVintage(None, None, None)


def test_git_state_outside_a_checkout_is_none(tmp_path):
    assert git_state(tmp_path) is None


def test_git_state_of_the_checkout_names_head():
    state = git_state(paths.ROOT)
    head = (paths.ROOT / ".git" / "HEAD").read_text().strip()
    if head.startswith("ref: "):
        ref = paths.ROOT / ".git" / head[5:]
        packed = paths.ROOT / ".git" / "packed-refs"
        if ref.exists():
            head = ref.read_text().strip()
        else:
            head = next(line.split()[0] for line in packed.read_text().splitlines() if line.endswith(head[5:]))
    assert state is not None and state.commit == head


def test_package_versions_include_the_pinned_ones():
    from importlib.metadata import version
    versions = package_versions()
    assert versions["papermill"] == version("papermill") and versions["nbconvert"] == version("nbconvert")
