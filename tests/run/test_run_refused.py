"""`kh330 run` when the operating system says no (disk full, read-only, a looping lock): one line, no traceback,
the manifest marked failed with the reason, no empty index page, and latest/ as it was."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from disk_support import small_tmpfs

from briefs_support import FIXTURE_SCENARIO, notebook_folder, run_briefs, tree_hashes
from kh330lib.run import cleanup
from kh330lib.run.cleanup import mark_stopped
from kh330lib.run.runner import LOCK_NAME

FULL = "the disk is full"


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MiB disk of its own."""
    with small_tmpfs(tmp_path / "disk", "16m") as mount:
        yield mount


def fill(disk: Path, leave: int = 0) -> None:
    """Fill `disk` to the last byte, then free `leave` bytes (a hidden file the runs leave alone)."""
    filler = disk / ".filler"
    with pytest.raises(OSError) as full, open(filler, "wb") as f:
        while True:
            f.write(b"\0" * 4096)
            f.flush()
    assert full.value.errno == errno.ENOSPC
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))


def published(fixture_briefs, disk: Path) -> Path:
    """The fixture's published reports, copied onto `disk`."""
    reports = disk / "reports"
    shutil.copytree(fixture_briefs.reports, reports, symlinks=True)
    return reports


@pytest.mark.notebook
def test_a_disk_full_from_the_start_is_one_line_and_leaves_nothing(fixture_briefs, tmp_path, small_disk):
    assert fixture_briefs.returncode == 0
    reports = published(fixture_briefs, small_disk)
    before, link = tree_hashes(reports / "latest"), os.readlink(reports / "latest")
    runs_before = sorted(p.name for p in (reports / "runs").iterdir())
    fill(small_disk)
    done = run_briefs(notebook_folder(tmp_path / "nb", "10_scorecard"), reports, "--scenario", str(FIXTURE_SCENARIO))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith(str(reports / "runs") + "/")
    assert line.endswith(f": {FULL}; the run did not start; nothing was published "
                         "(free some space on that disk and try again)")
    assert sorted(p.name for p in (reports / "runs").iterdir()) == runs_before  # no half-made run folder
    assert tree_hashes(reports / "latest") == before and os.readlink(reports / "latest") == link


@pytest.mark.notebook
def test_a_disk_that_fills_during_the_run_fails_it_with_the_reason(fixture_briefs, tmp_path, small_disk):
    assert fixture_briefs.returncode == 0
    reports = published(fixture_briefs, small_disk)
    before, link = tree_hashes(reports / "latest"), os.readlink(reports / "latest")
    runs_before = {p.name for p in (reports / "runs").iterdir()}
    fill(small_disk, leave=48 * 1024)  # room for the run folder and its manifest, not for the brief
    done = run_briefs(notebook_folder(tmp_path / "nb", "10_scorecard"), reports, "--scenario", str(FIXTURE_SCENARIO),
                      "--force")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert FULL in done.stderr and f"{reports}/latest was not changed" in done.stderr
    (run_dir,) = [p for p in (reports / "runs").iterdir() if p.name not in runs_before]
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["outcome"] == "failed" and manifest["published"] is False
    reasons = [manifest.get("stopped", {}).get("reason") or "",
               *(b.get("error") or "" for b in manifest.get("briefs", []))]
    assert any(FULL in r for r in reasons), manifest
    assert all(page.stat().st_size > 0 for page in run_dir.glob("index*.html"))  # no empty index page
    assert tree_hashes(reports / "latest") == before and os.readlink(reports / "latest") == link


@pytest.mark.notebook
def test_a_read_only_reports_folder_is_one_line(fixture_briefs, tmp_path, small_disk):
    assert fixture_briefs.returncode == 0
    reports = published(fixture_briefs, small_disk)
    before = tree_hashes(reports / "latest")
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_disk)]).returncode == 0
    done = run_briefs(notebook_folder(tmp_path / "nb", "10_scorecard"), reports, "--scenario", str(FIXTURE_SCENARIO))
    assert done.returncode == 2
    assert done.stderr == (f"{reports}/{LOCK_NAME}: the file system is read-only; the run did not start; nothing "
                           "was written (mount it read-write, or work in a copy that can be written)\n")
    assert tree_hashes(reports / "latest") == before


def test_a_run_lock_that_links_to_itself_is_one_line(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / LOCK_NAME).symlink_to(LOCK_NAME)
    done = run_briefs(notebook_folder(tmp_path / "nb", "10_scorecard"), reports, "--scenario", str(FIXTURE_SCENARIO))
    assert done.returncode == 2
    assert done.stderr == (f"{reports}/{LOCK_NAME}: too many levels of symbolic links (a link to itself, or a link "
                           "where a file belongs); the run did not start; nothing was written (replace the symbolic "
                           "link by a real file or folder)\n")
    assert sorted(p.name for p in reports.iterdir()) == [LOCK_NAME]


def test_a_full_disk_still_marks_the_manifest_failed_in_the_room_it_has(tmp_path, monkeypatch):
    """No room for a new manifest: the old one is overwritten in place by a shorter record that says why."""
    run_dir = tmp_path / "20261207T100000Z-abcdef"
    run_dir.mkdir()
    running = {"format": 1, "run_id": run_dir.name, "outcome": "running", "published": False,
               "started": "2026-12-07T10:00:00Z", "briefs": [{"notebook": f"n{i}", "outcome": "pending"}
                                                             for i in range(50)]}
    (run_dir / "manifest.json").write_text(json.dumps(running), encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cleanup, "write_json", full)
    mark_stopped(run_dir, "failed", f"{FULL} (reports/runs)")
    record = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert record["outcome"] == "failed" and record["run_id"] == run_dir.name
    assert record["stopped"]["reason"] == f"{FULL} (reports/runs)"
