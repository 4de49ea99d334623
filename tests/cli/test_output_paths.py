"""Nothing the suite writes lands in data/, params/, notebooks/ or kh330lib/, even through a symlink (exit 2)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kh330lib import paths
from kh330lib.cli import main
from kh330lib.errors import InputError
from kh330lib.files import check_output_path
from reporting_support import take_in_ward

WARD = "VN-HUE-19753"
WHY = ("the suite never writes into its inputs or its code (write it outside data/, params/, notebooks/ and "
       "kh330lib/, e.g. under reports/)")


def kh330(project: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KH330_PARAMS_DIR": str(project / "params"), "KH330_DATA_DIR": str(project / "data"),
           **extra}
    return subprocess.run([sys.executable, "-m", "kh330lib", *args], capture_output=True, text=True, env=env,
                          cwd=project, timeout=600)


def refused(res: subprocess.CompletedProcess, path: Path | str, what: str) -> None:
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    first = res.stderr.splitlines()[0]
    assert first.startswith(f"{path}: {what}") and WHY in first, res.stderr


@pytest.mark.parametrize("option", ["--csv", "--xlsx"])
def test_an_export_onto_the_observations_is_refused_and_the_file_kept(project_copy, option):
    target = project_copy / "data" / "observations.csv"
    if option == "--xlsx":  # the same file under the name an --xlsx export needs
        target = target.with_suffix(".xlsx")
        target.write_bytes(b"not a workbook")
    before = target.read_bytes()
    res = kh330(project_copy, "assess", "--all", option, str(target), "--force")
    refused(res, target, f"{option} file is inside")
    assert "data/" in res.stderr and target.read_bytes() == before


def test_an_export_through_a_symlink_into_data_is_refused(project_copy, tmp_path):
    link = tmp_path / "elsewhere"
    link.symlink_to(project_copy / "data", target_is_directory=True)
    before = (project_copy / "data" / "observations.csv").read_bytes()
    res = kh330(project_copy, "assess", "--all", "--csv", str(link / "observations.csv"), "--force")
    refused(res, link / "observations.csv", f"--csv file leads to {project_copy / 'data' / 'observations.csv'}")
    assert (project_copy / "data" / "observations.csv").read_bytes() == before


def test_an_export_onto_a_vintage_is_refused_and_the_vintage_kept(project, capsys):
    take_in_ward(project, WARD)
    # A vintage is a folder holding data.csv and provenance.json (kh330lib.data.vintages).
    vintage = next(p for p in (project / "data" / "vintages").glob("*/data.csv") if not p.parent.name.startswith("."))
    before = vintage.read_bytes()
    assert main(["assess", "--all", "--csv", str(vintage), "--force"]) == 2
    err = capsys.readouterr().err.splitlines()
    shown = vintage.relative_to(project)  # the project copy is the checkout here
    assert err[0] == f"{shown}: --csv file is inside data/: {WHY}"
    assert vintage.read_bytes() == before


def test_a_forecast_csv_into_params_is_refused(project_copy, tmp_path):
    series = tmp_path / "series.csv"
    series.write_text("series,year,value\na,2020,1\na,2021,2\na,2022,3\n", encoding="utf-8")
    out = project_copy / "params" / "forecast.csv"
    res = kh330(project_copy, "forecast", str(series), "--unit", "count", "--csv", str(out))
    refused(res, out, "--csv file is inside")
    assert not out.exists()


def test_a_template_into_params_is_refused(project_copy):
    before = sorted(p.name for p in (project_copy / "params").iterdir())
    res = kh330(project_copy, "template", "--unit", "doet", "--out", str(project_copy / "params" / "doet.xlsx"))
    refused(res, project_copy / "params" / "doet.xlsx", "template is inside")
    res = kh330(project_copy, "template", "--unit", "doet", "--out", str(project_copy / "params"))
    refused(res, project_copy / "params" / "doet_VN-HUE.xlsx", "template is inside")
    assert sorted(p.name for p in (project_copy / "params").iterdir()) == before


@pytest.mark.parametrize("link", ["runs", "latest"])
def test_run_with_runs_or_latest_a_symlink_into_data_is_refused(project_copy, tmp_path, link):
    data = project_copy / "data"
    before = sorted(p.name for p in data.rglob("*"))
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / link).symlink_to(data, target_is_directory=True)
    res = kh330(project_copy, "run", "--out", str(reports), "--scenario", "baseline")
    refused(res, reports / link, f"--out reports folder leads to {data}, inside")
    assert sorted(p.name for p in data.rglob("*")) == before
    assert sorted(p.name for p in reports.iterdir()) == [link]


def test_a_cache_folder_inside_data_is_refused(project_copy):
    cache = project_copy / "data" / "cache"
    res = kh330(project_copy, "assess", "--units", "--json", KH330_CACHE_DIR=str(cache))
    assert res.returncode == 2 and "Traceback" not in res.stderr, res.stderr
    assert "cache file (KH330_CACHE_DIR) is inside" in res.stderr and WHY in res.stderr
    assert not cache.exists()


def test_the_check_follows_links_and_leaves_other_folders_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "DATA_DIR", tmp_path / "data")
    (tmp_path / "data").mkdir()
    (tmp_path / "a").symlink_to(tmp_path / "data", target_is_directory=True)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "c").symlink_to(tmp_path / "a", target_is_directory=True)  # a link to a link
    for bad in (tmp_path / "data", tmp_path / "data" / "x.csv", tmp_path / "a" / "new" / "x.csv",
                tmp_path / "b" / "c" / "x.csv", paths.PACKAGE_DIR / "x.csv", paths.PARAMS_DIR / "x.csv"):
        with pytest.raises(InputError) as info:
            check_output_path(bad, "--csv file")
        assert info.value.usage and WHY in str(info.value)
    for fine in (tmp_path / "data-out" / "x.csv", tmp_path / "b" / "x.csv", tmp_path / "x.csv"):
        assert check_output_path(fine, "--csv file") == fine


REFUSALS = {errno.ENOSPC: ("the disk is full", "free some space on that disk and try again"),
            errno.EROFS: ("the file system is read-only", "mount it read-write, or work in a copy that can be written"),
            errno.EACCES: ("permission denied", "run it as a user allowed to read and write there, or fix the "
                                                "permissions")}


@pytest.mark.parametrize("code", list(REFUSALS), ids=[errno.errorcode[c] for c in REFUSALS])
@pytest.mark.parametrize(("args", "name", "what"), [
    (["assess", "--all", "--csv"], "out.csv", "the table"),
    (["assess", "--all", "--xlsx"], "out.xlsx", "the table"),
    (["template", "--unit", "doet", "--out"], "doet.xlsx", "the template")],
    ids=["assess-csv", "assess-xlsx", "template"])
def test_a_refused_write_of_an_export_or_template_is_one_line(tmp_path, capsys, monkeypatch, code, args, name,
                                                                 what):
    def refuse(*a, **k):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", refuse)
    rc = main([*args, str(tmp_path / name)])
    monkeypatch.undo()
    words, fix = REFUSALS[code]
    assert rc == 2
    assert capsys.readouterr().err == f"{tmp_path / name}: {words}; {what} was not written ({fix})\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no temporary file left beside it
