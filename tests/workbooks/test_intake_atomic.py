"""An intake is one atomic step: killed at any point, or refused by the disk, data/ stays whole and check green."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from disk_support import small_tmpfs

from kh330lib.cli import main
from kh330lib.data import vintages as vintages_module
from kh330lib.data.vintages import LOCK_NAME, read_vintages, unfinished
from kh330lib.workbooks.intake import take_in
from reporting_support import DOET_REPORTER, TODAY, doet_workbook, tree_hash

RECEIVED = dt.date(2026, 3, 15)


class Killed(BaseException):
    """Stands for SIGKILL: nothing catches it, and the cleanup a kill would skip is switched off."""


def visible(tree: dict[str, str]) -> dict[str, str]:
    """The files of a data/ tree a reader sees: hidden leftovers of a stopped intake left out."""
    return {k: v for k, v in tree.items() if not any(part.startswith(".tmp-") for part in Path(k).parts)}


def stem_of(workbook: Path) -> str:
    return f"{RECEIVED}_doet_VN-HUE_{hashlib.sha256(workbook.read_bytes()).hexdigest()[:8]}"


def kill_at(monkeypatch: pytest.MonkeyPatch, step: int) -> list[int]:
    """Make the `step`-th call of fsync, rename or replace (the moments an intake's write moves on) a kill."""
    calls = [0]
    for name in ("fsync", "rename", "replace"):
        real = getattr(os, name)

        def wrapper(*args, _real=real, **kwargs):
            calls[0] += 1
            if calls[0] == step:
                raise Killed
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, name, wrapper)
    # A killed process cleans nothing up.
    monkeypatch.setattr(vintages_module.shutil, "rmtree", lambda *a, **k: None)
    return calls


def test_a_kill_at_any_step_leaves_data_whole_and_check_green(project, capsys, monkeypatch):
    take_in(doet_workbook(project, "first.xlsx", {"E5": 72.8}), DOET_REPORTER, RECEIVED, today=TODAY)
    step, outcomes = 0, []
    while True:
        step += 1
        book = doet_workbook(project, f"b{step}.xlsx", {"E5": 70 + step / 10})
        before = tree_hash(project / "data")
        with monkeypatch.context() as m:
            calls = kill_at(m, step)
            try:
                take_in(book, DOET_REPORTER, RECEIVED, today=TODAY)
                killed = False
            except Killed:
                killed = True
        after = visible(tree_hash(project / "data"))
        added = {k: v for k, v in after.items() if k not in before}
        # Either nothing a reader sees changed, or the whole vintage is there: never half of it.
        assert {k: v for k, v in after.items() if k in before} == visible(before), step
        whole = [f"vintages/{stem_of(book)}/data.csv", f"vintages/{stem_of(book)}/provenance.json"]
        assert sorted(added) in ([], whole), (step, added)
        outcomes.append("whole" if added else "nothing")
        assert main(["check"]) == 0, (step, capsys.readouterr())
        # check names what a stopped intake left, and passes.
        assert capsys.readouterr().err.splitlines() == [
            f"kh330 check: note: data/vintages/{p.name} is an unfinished intake left by a stopped run; it is ignored, "
            "and the next intake removes it" for p in unfinished(project / "data" / "vintages")]
        if not killed:
            assert calls[0] < step
            break
    assert "nothing" in outcomes and "whole" in outcomes and step >= 4, outcomes
    # The next intake removes what the stopped ones left, one line each, and adds its vintage.
    left = unfinished(project / "data" / "vintages")
    assert left, "no kill left anything behind: the test did not kill mid-write"
    assert main(["intake", str(doet_workbook(project, "last.xlsx", {"E5": 69.1})), "--reporter", DOET_REPORTER,
                 "--received", str(RECEIVED)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [f"kh330 intake: removed an unfinished intake left by a stopped run: data/vintages/{p.name}"
                   for p in left]
    assert not unfinished(project / "data" / "vintages")
    assert main(["check"]) == 0
    assert capsys.readouterr().err == ""


def test_kill_9_at_random_moments(project, capsys):
    """As an attacker tries it: `kill -9` of real intakes at random moments; `check` stays green every time."""
    env = {**os.environ, "KH330_DATA_DIR": str(project / "data"), "KH330_PARAMS_DIR": str(project / "params")}

    def intake(book: Path) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "kh330lib", "intake", str(book), "--reporter", DOET_REPORTER,
                                 "--received", str(RECEIVED)], env=env, cwd=project,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    start = time.monotonic()
    assert intake(doet_workbook(project, "first.xlsx", {"E5": 72.8})).wait(timeout=120) == 0
    took = time.monotonic() - start
    rng = random.Random(23)
    for i in range(5):
        proc = intake(doet_workbook(project, f"k{i}.xlsx", {"E5": 60 + i}))
        time.sleep(rng.uniform(0.6, 1.1) * took)
        proc.kill()
        proc.wait(timeout=60)
        assert main(["check"]) == 0, (i, capsys.readouterr())
        capsys.readouterr()
        found, problems = read_vintages()
        assert not problems and all(v.csv_path.is_file() for v in found)


CASES = {
    errno.ENOSPC: "the disk is full; vintage {stem} was not written (free some space on that disk and try again)",
    errno.EROFS: "the file system is read-only; vintage {stem} was not written (mount it read-write, or work in a "
                 "copy that can be written)",
    errno.EACCES: "permission denied; vintage {stem} was not written (run it as a user allowed to read and write "
                  "there, or fix the permissions)",
    errno.ELOOP: "too many levels of symbolic links (a link to itself, or a link where a file belongs); vintage "
                 "{stem} was not written (replace the symbolic link by a real file or folder)",
    errno.EMFILE: "too many files are open; vintage {stem} was not written (close other programs, or raise the "
                  "limit (ulimit -n), and try again)",
}


@pytest.mark.parametrize("code", list(CASES), ids=[errno.errorcode[c] for c in CASES])
@pytest.mark.parametrize("where", ["fsync", "rename"])
def test_the_disk_saying_no_is_one_line_and_exit_2(project, capsys, monkeypatch, code, where):
    take_in(doet_workbook(project, "first.xlsx", {"E5": 72.8}), DOET_REPORTER, RECEIVED, today=TODAY)
    book = doet_workbook(project, "second.xlsx", {"E5": 73.1})
    before = tree_hash(project / "data")

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, where, refuse)
    rc = main(["intake", str(book), "--reporter", DOET_REPORTER, "--received", str(RECEIVED)])
    monkeypatch.undo()
    out, err = capsys.readouterr()
    assert rc == 2 and out == ""
    assert err == f"data/vintages: {CASES[code].format(stem=stem_of(book))}\n"
    assert tree_hash(project / "data") == before  # nothing half-written, not even hidden
    assert main(["check"]) == 0


def test_a_symlinked_lock_is_one_line(project, capsys):
    """A lock that is a symbolic link to itself (ELOOP): refused in one line, nothing written."""
    vintages = project / "data" / "vintages"
    vintages.mkdir()
    (vintages / LOCK_NAME).symlink_to(LOCK_NAME)
    before = tree_hash(project / "data")
    rc = main(["intake", str(doet_workbook(project, "a.xlsx", {"E5": 73.1})), "--reporter", DOET_REPORTER])
    err = capsys.readouterr().err
    assert rc == 2
    assert err == ("data/vintages/.intake.lock: too many levels of symbolic links (a link to itself, or a link where "
                   "a file belongs); cannot take the intake lock; nothing was written (replace the symbolic link by "
                   "a real file or folder)\n")
    assert tree_hash(project / "data") == before and not read_vintages()[0]


def test_a_vintage_that_cannot_be_read_is_one_problem_not_a_traceback(project, capsys, monkeypatch):
    take_in(doet_workbook(project, "first.xlsx", {"E5": 72.8}), DOET_REPORTER, RECEIVED, today=TODAY)
    (vintage,), _ = read_vintages()

    def denied(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(vintages_module, "sha256_file", denied)
    assert main(["check"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        f"data/vintages/{vintage.id}/data.csv: permission denied; cannot be read (run it as a user allowed to read "
        "and write there, or fix the permissions)")


@pytest.fixture
def small_disk(project):
    """data/vintages on a 256 KiB disk of its own."""
    with small_tmpfs(project / "data" / "vintages", "256k") as mount:
        yield mount


def test_a_really_full_disk(project, capsys, small_disk):
    take_in(doet_workbook(project, "first.xlsx", {"E5": 72.8}), DOET_REPORTER, RECEIVED, today=TODAY)
    # Fill the disk to the last byte (a hidden file readers and the cleanup both leave alone).
    with pytest.raises(OSError) as full:
        with open(small_disk / ".filler", "wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
    assert full.value.errno == errno.ENOSPC
    book = doet_workbook(project, "second.xlsx", {"E5": 73.1})
    before = tree_hash(project / "data")
    rc = main(["intake", str(book), "--reporter", DOET_REPORTER, "--received", str(RECEIVED)])
    err = capsys.readouterr().err
    assert rc == 2
    assert err == f"data/vintages: {CASES[errno.ENOSPC].format(stem=stem_of(book))}\n"
    assert tree_hash(project / "data") == before
    assert main(["check"]) == 0
    # Space again: the same workbook goes in.
    (small_disk / ".filler").unlink()
    assert main(["intake", str(book), "--reporter", DOET_REPORTER, "--received", str(RECEIVED)]) == 0
    assert len(read_vintages()[0]) == 2


def test_a_really_read_only_disk(project, capsys, small_disk):
    take_in(doet_workbook(project, "first.xlsx", {"E5": 72.8}), DOET_REPORTER, RECEIVED, today=TODAY)
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_disk)]).returncode == 0
    before = tree_hash(project / "data")
    rc = main(["intake", str(doet_workbook(project, "second.xlsx", {"E5": 73.1})), "--reporter", DOET_REPORTER])
    err = capsys.readouterr().err
    assert rc == 2
    assert err == ("data/vintages/.intake.lock: the file system is read-only; cannot take the intake lock; nothing "
                   "was written (mount it read-write, or work in a copy that can be written)\n")
    assert tree_hash(project / "data") == before
    assert main(["check"]) == 0
