"""The stored unit table: the same table `assess_units` gives, computed once per set of inputs and shared."""

from __future__ import annotations

import dataclasses
import errno
import multiprocessing
import os

import pandas as pd
import pytest

from kh330lib import paths
from kh330lib.assess import unit_store
from kh330lib.assess.unit_store import stored_city, stored_units, units_key
from kh330lib.assess.wards import assess_units
from kh330lib.data.dataset import load_dataset
from kh330lib.data.scenarios import resolve_scenario
from kh330lib.store import tables
from kh330lib.store.settings import load_methods
from reporting_support import take_in_ward

WARD, OTHER = "VN-HUE-19753", "VN-HUE-19774"


@pytest.fixture
def ward_project(project):
    """The project copy with one ward's report taken in: 900 of 1,200 workers trained in every year."""
    take_in_ward(project, WARD)
    return project


def _counting(monkeypatch) -> list[int]:
    """Count the times the table is computed (the store module calls assess_units by its own name)."""
    calls: list[int] = []

    def counted(*args, **kwargs):
        calls.append(1)
        return assess_units(*args, **kwargs)

    monkeypatch.setattr(unit_store, "assess_units", counted)
    return calls


def test_stored_table_is_the_computed_one_and_is_read_back(ward_project, tmp_path, monkeypatch):
    dataset = load_dataset()
    calls = _counting(monkeypatch)
    first = stored_units(dataset, cache_dir=tmp_path)
    again = stored_units(load_dataset(), cache_dir=tmp_path)
    assert calls == [1]
    pd.testing.assert_frame_equal(first, assess_units(dataset))
    pd.testing.assert_frame_equal(again, first)
    row = first[(first["geo"] == WARD) & (first["target"] == "trained_labour_2030")].iloc[0]
    assert row["latest_value"] == 900 / 1200 * 100
    assert len(list(tmp_path.glob("units-*.json.gz"))) == 1


def test_a_changed_input_computes_a_new_table_an_unchanged_one_does_not(ward_project, tmp_path, monkeypatch):
    dataset = load_dataset()
    calls = _counting(monkeypatch)
    stored_units(dataset, cache_dir=tmp_path)
    obs = dataset.observations.copy()
    obs.loc[obs.index[obs["geo"] == WARD][0], "value"] += 1
    stored_units(dataclasses.replace(dataset, observations=obs), cache_dir=tmp_path)
    assert len(calls) == 2
    stored_units(dataset, cache_dir=tmp_path, seed=7)
    stored_units(dataset, cache_dir=tmp_path, base_year=2023)
    assert len(calls) == 4
    stored_units(dataset, cache_dir=tmp_path)
    assert len(calls) == 4


def test_key_names_scenario_and_settings():
    dataset = load_dataset()
    methods = load_methods()
    base = resolve_scenario(None, dataset.registry)
    key = units_key(dataset, base, methods, None, 1)
    assert key == units_key(dataset, base, methods, None, 1)
    assert key != units_key(dataset, dataclasses.replace(base, name="other"), methods, None, 1)
    assert key != units_key(dataset, base, dataclasses.replace(methods, n_paths=methods.n_paths + 1), None, 1)


def test_damaged_store_file_is_computed_again_and_replaced(ward_project, tmp_path, monkeypatch):
    dataset = load_dataset()
    first = stored_units(dataset, cache_dir=tmp_path)
    (stored,) = tmp_path.glob("units-*.json.gz")
    stored.write_bytes(b"\x1f\x8b not a whole gzip stream")
    calls = _counting(monkeypatch)
    pd.testing.assert_frame_equal(stored_units(dataset, cache_dir=tmp_path), first)
    assert calls == [1]
    pd.testing.assert_frame_equal(stored_units(dataset, cache_dir=tmp_path), first)
    assert calls == [1]


def _in_child(cache_dir, log) -> None:
    def counted(*args, **kwargs):
        with open(log, "a", encoding="utf-8") as f:
            f.write("computed\n")
        return assess_units(*args, **kwargs)

    unit_store.assess_units = counted
    stored_units(load_dataset(), cache_dir=cache_dir)


def test_processes_asking_at_once_compute_it_once(tmp_path):
    log = tmp_path / "log.txt"
    log.touch()
    ctx = multiprocessing.get_context("fork")
    children = [ctx.Process(target=_in_child, args=(tmp_path / "store", log)) for _ in range(3)]
    for child in children:
        child.start()
    for child in children:
        child.join(120)
    assert [c.exitcode for c in children] == [0, 0, 0]
    assert log.read_text(encoding="utf-8").splitlines() == ["computed"]


def test_old_tables_are_removed_beyond_the_newest(ward_project, tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "KEEP", 2)
    dataset = load_dataset()
    for seed in (1, 2, 3):
        stored_units(dataset, cache_dir=tmp_path, seed=seed)
    assert len(list(tmp_path.glob("units-*.json.gz"))) == 2


def test_city_figures_add_up_the_ward_reports_and_are_stored(project, tmp_path, monkeypatch):
    take_in_ward(project, WARD, 900, 1200)
    take_in_ward(project, OTHER, 300, 1000)
    dataset = load_dataset()
    city = stored_city(dataset, cache_dir=tmp_path)
    share = city[city["indicator"] == "trained_labour_rate_broad"].set_index("year")
    # Σ trained / Σ employed of the two wards in every reported year, never an average of the two shares.
    assert list(share["value"]) == pytest.approx([(900 + 300) / (1200 + 1000) * 100] * len(share))
    assert set(share["reported"]) == {2} and set(share["numerator"]) == {1200}
    monkeypatch.setattr(unit_store, "city_figures", lambda _: pytest.fail("the stored figures were not read"))
    pd.testing.assert_frame_equal(stored_city(load_dataset(), cache_dir=tmp_path), city)


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "the disk is full"),
                                             (errno.EROFS, "the file system is read-only")])
def test_a_full_or_read_only_cache_is_done_without_and_said_once(ward_project, tmp_path, monkeypatch, capsys, code,
                                                                 words):
    def refuse(path, data):
        raise OSError(code, "refused", str(path))

    monkeypatch.setattr(tables, "write_bytes", refuse)
    monkeypatch.setattr(tables, "TOLD", set())
    dataset = load_dataset()
    calls = _counting(monkeypatch)
    first = stored_units(dataset, cache_dir=tmp_path)
    again = stored_units(dataset, cache_dir=tmp_path)
    # Computed each time (nothing could be stored), the same table as without a store, and said once.
    assert calls == [1, 1]
    pd.testing.assert_frame_equal(first, assess_units(dataset))
    pd.testing.assert_frame_equal(again, first)
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"kh330: the cache folder {paths.display(tmp_path)} cannot be used ({words}); "
                             "computing without it (to keep results between runs: ")
    assert not list(tmp_path.glob("units-*.json.gz"))


def test_a_cache_folder_that_cannot_be_made_is_done_without(ward_project, tmp_path, capsys):
    monkey_dir = tmp_path / "ro"
    monkey_dir.mkdir()
    monkey_dir.chmod(0o500)
    try:
        if os.access(monkey_dir, os.W_OK):
            pytest.skip("running as root: a read-only folder is still writable")
        table = stored_units(load_dataset(), cache_dir=monkey_dir / "cache")
    finally:
        monkey_dir.chmod(0o700)
    pd.testing.assert_frame_equal(table, assess_units(load_dataset()))
    assert "cannot be used (permission denied)" in capsys.readouterr().err
