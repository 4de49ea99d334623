"""Vintages: files are only added; loading resolves the latest, keeps the rest, and --as-of reproduces the past."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from kh330lib import paths
from kh330lib.cli import main
from kh330lib.data.catalog import load_registry
from kh330lib.data.dataset import load_dataset
from kh330lib.data.observations import collect_observations, collect_sources
from kh330lib.data.vintages import dataset_as_of, parse_as_of, read_vintages, write_vintage
from kh330lib.errors import InputError
from kh330lib.workbooks.intake import take_in
from kh330lib.workbooks.template import load_spec
from process_support import PATIENCE
from reporting_support import DOET_REPORTER, TODAY, doet_workbook, tree_hash

REPORTER = DOET_REPORTER


def test_as_of_reproduces_an_earlier_status_table_exactly(project, capsys):
    take_in(doet_workbook(project, "first.xlsx", {"E5": 72.8}), REPORTER, dt.date(2026, 2, 1), today=TODAY)
    outputs = {}
    for args in (["status"], ["status", "--lang", "en"], ["status", "--json"]):
        assert main(args) == 0
        outputs[tuple(args)] = capsys.readouterr().out
    take_in(doet_workbook(project, "second.xlsx", {"E5": 73.1, "F5": 75}), REPORTER, dt.date(2026, 3, 1),
            today=TODAY)
    assert main(["status", "--json"]) == 0
    assert capsys.readouterr().out != outputs[("status", "--json")], "the second report changed nothing"
    for args, before in outputs.items():
        for as_of in ("2026-02-01", "2026-02-28"):
            assert main([*args, "--as-of", as_of]) == 0
            assert capsys.readouterr().out == before


def test_as_of_from_the_command_line(project, capsys):
    """The same, as a scheduled job runs it: separate processes, paths from environment variables."""
    env = {**os.environ, "KH330_DATA_DIR": str(project / "data"), "KH330_PARAMS_DIR": str(project / "params")}

    def kh330(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kh330lib", *args], capture_output=True, text=True, env=env,
                              timeout=PATIENCE, cwd=project)

    workbook = doet_workbook(project, "report.xlsx", {"E5": 73.4})
    assert main(["status"]) == 0  # in this process, reading the same files
    before = capsys.readouterr().out
    taken = kh330("intake", str(workbook), "--reporter", REPORTER, "--received", "2026-04-10")
    assert taken.returncode == 0, taken.stderr
    assert "LaoDong!E5  trained_labour_rate_broad 2024: 72.5 → 73.4% (was HUE_RPT2024)" in taken.stdout
    assert main(["status"]) == 0
    assert "73,4 %" in capsys.readouterr().out and "73,4 %" not in before
    again = kh330("status", "--as-of", "2026-04-09")
    assert again.returncode == 0 and again.stdout == before


def test_latest_vintage_wins_and_earlier_ones_are_kept(project):
    take_in(doet_workbook(project, "a.xlsx", {"E5": 72.8}), REPORTER, dt.date(2026, 3, 1), today=TODAY)
    take_in(doet_workbook(project, "b.xlsx", {"E5": 73.0}), REPORTER, dt.date(2026, 3, 1), today=TODAY)
    take_in(doet_workbook(project, "c.xlsx", {"E5": 71.9}), REPORTER, dt.date(2026, 2, 1), today=TODAY)
    ds = load_dataset()

    def values(frame: pd.DataFrame) -> list[float]:
        sel = frame[(frame["indicator"] == "trained_labour_rate_broad") & (frame["year"] == 2024)
                    & (frame["geo"] == "VN-HUE")]
        return list(sel["value"])

    # Same received date: the order of intake decides; an earlier received date ranks below, whenever taken in.
    assert values(ds.observations) == [73.0]
    assert values(ds.all_vintages) == [72.5, 71.9, 72.8, 73.0]
    assert list(ds.all_vintages.query("indicator == 'trained_labour_rate_broad' and year == 2024 "
                                      "and geo == 'VN-HUE'")["received"]) == ["", "2026-02-01", "2026-03-01",
                                                                               "2026-03-01"]
    assert values(load_dataset(as_of=dt.date(2026, 2, 15)).observations) == [71.9]
    assert values(load_dataset(as_of="2026-01-31").observations) == [72.5]
    # The other years of the seed series are untouched.
    tl = ds.observations.query("indicator == 'trained_labour_rate_broad' and geo == 'VN-HUE'").sort_values("year")
    assert list(zip(tl["year"], tl["value"])) == [(2021, 66.8), (2022, 68.0), (2023, 70.25), (2024, 73.0)]


def test_before_any_vintage_the_data_are_the_seed_base(project):
    take_in(doet_workbook(project, "a.xlsx", {"E5": 72.8, "F5": 74}), REPORTER, dt.date(2026, 3, 1), today=TODAY)
    registry = load_registry()
    src, _ = collect_sources()
    base, problems = collect_observations(paths.OBSERVATIONS, registry, set(src["source"]))
    assert not problems
    for ds in (load_dataset(as_of="2026-02-28"), dataset_as_of(load_dataset(), None)):
        pd.testing.assert_frame_equal(ds.observations.reset_index(drop=True), base)
        assert list(ds.sources["source"]) == list(src["source"])


def test_dataset_as_of_matches_loading_as_of(project):
    take_in(doet_workbook(project, "a.xlsx", {"E5": 72.8}), REPORTER, dt.date(2026, 2, 1), today=TODAY)
    take_in(doet_workbook(project, "b.xlsx", {"F5": 74}), REPORTER, dt.date(2026, 3, 1), today=TODAY)
    everything = load_dataset()
    for date in (dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)):
        loaded = load_dataset(as_of=date)
        derived = dataset_as_of(everything, date)
        cols = ["indicator", "geo", "breakdown", "year", "value", "source"]
        key = cols[:4]
        pd.testing.assert_frame_equal(loaded.observations[cols].sort_values(key).reset_index(drop=True),
                                      derived.observations[cols].sort_values(key).reset_index(drop=True))
        assert set(loaded.sources["source"]) == set(derived.sources["source"])


def test_vintage_files_are_never_edited_and_tampering_is_caught(project):
    take_in(doet_workbook(project, "a.xlsx", {"E5": 72.8}), REPORTER, dt.date(2026, 3, 1), today=TODAY)
    (vintage,), problems = read_vintages()
    assert not problems
    meta = json.loads(vintage.json_path.read_text(encoding="utf-8"))
    assert {k: meta[k] for k in ("unit", "geo", "reporter", "received", "template_version", "workbook", "rows")} == {
        "unit": "doet", "geo": "VN-HUE", "reporter": REPORTER, "received": "2026-03-01",
        "template_version": load_spec(load_registry()).version, "workbook": "a.xlsx", "rows": 1}
    import hashlib
    assert meta["sha256"] == hashlib.sha256((project / "a.xlsx").read_bytes()).hexdigest()
    # Nothing overwrites an existing vintage.
    before = tree_hash(project / "data")
    with pytest.raises(InputError) as exc:
        write_vintage(vintage.id, [], {})
    assert str(exc.value.problems[0]) == (f"data/vintages/{vintage.id}: already exists; vintages are never "
                                          "overwritten (this workbook (or one with the same name) was taken in "
                                          "already)")
    assert tree_hash(project / "data") == before
    # An edited vintage is refused at load time.
    text = vintage.csv_path.read_text(encoding="utf-8")
    vintage.csv_path.write_text(text.replace(",72.8,", ",78.2,"), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_dataset()
    assert [str(p) for p in exc.value.problems] == [
        f"data/vintages/{vintage.id}/data.csv: changed after it was taken in (SHA-256 differs from provenance.json) "
        "(restore it from version control: a correction arrives as a new workbook, never as an edit)"]
    vintage.csv_path.write_text(text, encoding="utf-8")
    # A vintage folder without its provenance is reported (an intake never leaves one: it renames whole folders).
    (vintage.csv_path.parent.parent / "2026-03-03_doet_VN-HUE_00000000").mkdir()
    with pytest.raises(InputError) as exc:
        load_dataset()
    assert [str(p) for p in exc.value.problems] == [
        "data/vintages/2026-03-03_doet_VN-HUE_00000000: has no provenance.json (restore the folder from version "
        "control, or delete it and take the workbook in again)"]


def test_vintages_of_the_old_layout_are_still_read(project):
    """Before the vintage folders, a vintage was <stem>.csv beside <stem>.json; those load as they did."""
    take_in(doet_workbook(project, "a.xlsx", {"E5": 72.8}), REPORTER, dt.date(2026, 3, 1), today=TODAY)
    (vintage,), _ = read_vintages()
    folder = vintage.csv_path.parent
    folder.joinpath("data.csv").rename(folder.parent / f"{vintage.id}.csv")
    folder.joinpath("provenance.json").rename(folder.parent / f"{vintage.id}.json")
    folder.rmdir()
    (old,), problems = read_vintages()
    assert not problems and old.id == vintage.id and old.csv_path == folder.parent / f"{vintage.id}.csv"
    assert 72.8 in list(load_dataset().observations["value"])
    # A CSV of that layout left without its sidecar (only the old two-rename intake could leave one) is reported.
    text = old.csv_path.read_text(encoding="utf-8")
    (folder.parent / "2026-03-02_doet_VN-HUE_00000000.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_dataset()
    assert [str(p) for p in exc.value.problems] == [
        "data/vintages/2026-03-02_doet_VN-HUE_00000000.csv: has no provenance sidecar (.json); an interrupted "
        "intake? (delete this file and take the workbook in again)"]


def test_as_of_parameter_forms():
    assert parse_as_of("") is None and parse_as_of(None) is None and parse_as_of("  ") is None
    assert parse_as_of("2026-03-01") == dt.date(2026, 3, 1)
    assert parse_as_of(dt.datetime(2026, 3, 1, 12)) == dt.date(2026, 3, 1)
    with pytest.raises(InputError) as exc:
        parse_as_of("01/03/2026")
    assert str(exc.value.problems[0]) == "as_of: '01/03/2026' is not a date (write YYYY-MM-DD)"


def test_as_of_after_today_is_refused():
    today = dt.date(2026, 6, 1)
    assert parse_as_of("2026-06-01", today) == today
    with pytest.raises(InputError) as exc:
        parse_as_of("2030-01-01", today)
    assert str(exc.value.problems[0]) == (
        "as_of: 2030-01-01 is after today (2026-06-01): the data as known on that day are not known yet "
        "(give today's date or an earlier one, or none for everything on file)")


def test_status_as_of_in_the_future_is_a_usage_error(capsys):
    future = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(SystemExit) as exc:
        main(["status", "--as-of", future.isoformat()])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --as-of: {future} is after today" in err and "Traceback" not in err


def test_formula_like_text_in_a_vintage_is_written_as_text_and_read_back_unchanged(tmp_path):
    """OWASP CSV injection: a vintage CSV opened in a spreadsheet never runs a cell; the suite reads the text back."""
    from kh330lib.data.csv_rows import read_csv_rows
    from kh330lib.data.tables import OBS_COLUMNS, OPTIONAL_OBS_COLUMNS
    from kh330lib.data.vintages import csv_bytes

    row = {"indicator": "trained_labour_rate_broad", "geo": "VN-HUE", "year": 2024, "value": -1.5,
           "note": "=HYPERLINK(\"http://evil.example\")", "unit": "+1", "source": "@x"}
    path = tmp_path / "data.csv"
    path.write_bytes(csv_bytes([row]))
    written = path.read_text(encoding="utf-8").splitlines()[1]
    assert "'=HYPERLINK(" in written and ",'+1," in written and ",'@x" in written
    assert ",-1.5," in written  # a number stays a number
    rows, problems = read_csv_rows(path, OBS_COLUMNS, OPTIONAL_OBS_COLUMNS)
    assert not problems
    (_, read), = rows.rows
    assert (read["note"], read["unit"], read["source"], read["value"]) == (row["note"], "+1", "@x", "-1.5")
