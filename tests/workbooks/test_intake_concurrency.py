"""Intakes at the same moment: one at a time numbers and writes its vintage; names and notes are plain text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from kh330lib.cli import main
from kh330lib.data.catalog import load_registry
from kh330lib.data.vintages import LOCK_NAME, intake_lock
from kh330lib.workbooks.template import load_spec, write_template
from process_support import PATIENCE
from reporting_support import TODAY, fill, tree_hash

REPORTER = "Nguyễn Văn An, Phòng Kế hoạch – Tài chính"


def _filled(project: Path, unit: str) -> Path:
    """A template of `unit` with a known value in every cell."""
    registry = load_registry()
    template = write_template(project / f"{unit}.xlsx", registry, load_spec(registry), unit, None, TODAY)
    fill(template, project / f"{unit}_filled.xlsx")
    return project / f"{unit}_filled.xlsx"


def _env(project: Path) -> dict[str, str]:
    """The environment that points a separate kh330 process at the test project."""
    return {**os.environ, "KH330_ROOT": str(project), "KH330_DATA_DIR": str(project / "data"),
            "KH330_PARAMS_DIR": str(project / "params")}


def _intake(project: Path, workbook: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kh330lib", "intake", str(workbook), "--reporter", REPORTER],
                            env=_env(project), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _sidecars(project: Path) -> list[dict]:
    found = sorted((project / "data" / "vintages").glob("*/provenance.json"))
    return [json.loads(p.read_text(encoding="utf-8")) for p in found]


def test_two_intakes_at_once_get_two_distinct_vintages(project):
    books = [_filled(project, unit) for unit in ("doet", "dost")]
    procs = [_intake(project, b) for b in books]
    results = [p.communicate(timeout=PATIENCE) for p in procs]
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    sidecars = _sidecars(project)
    assert sorted(s["seq"] for s in sidecars) == [1, 2]
    assert sorted(s["unit"] for s in sidecars) == ["doet", "dost"]
    assert len({s["vintage"] for s in sidecars}) == 2


def test_an_intake_waits_for_the_lock_and_then_takes_the_next_number(project):
    first = _filled(project, "doet")
    assert main(["intake", str(first), "--reporter", REPORTER]) == 0
    second = _filled(project, "dost")
    with intake_lock(project / "data" / "vintages"):
        proc = _intake(project, second)
        # While the lock is held the other process reads and checks its workbook (about a second), then
        # waits and writes nothing.
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline and proc.poll() is None and len(_sidecars(project)) == 1:
            time.sleep(0.2)
        assert proc.poll() is None and len(_sidecars(project)) == 1
    out, err = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 0, err
    assert sorted(s["seq"] for s in _sidecars(project)) == [1, 2]
    assert (project / "data" / "vintages" / LOCK_NAME).exists()


def test_reporter_is_cleaned_of_escapes_and_control_characters(project, capsys):
    book = _filled(project, "doet")
    dirty = "\x1b[31mPhòng\x1b[0m KHTC,\tSở GD&ĐT\x07\u202e"
    assert main(["intake", str(book), "--reporter", dirty]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert _sidecars(project)[0]["reporter"] == "Phòng KHTC, Sở GD&ĐT"


def test_overlong_reporter_is_refused_and_nothing_is_written(project, capsys):
    book = _filled(project, "doet")
    before = tree_hash(project / "data")
    assert main(["intake", str(book), "--reporter", "x" * 40_000]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0] == ("doet_filled.xlsx: --reporter is 40,000 characters long; the limit is 200 "
                                   "(give the name of the person or office only)")
    assert "Traceback" not in err
    assert tree_hash(project / "data") == before


def test_empty_reporter_after_cleaning_is_refused(project, capsys):
    book = _filled(project, "doet")
    assert main(["intake", str(book), "--reporter", "\x1b[0m\t"]) == 2
    assert "--reporter is empty" in capsys.readouterr().err
