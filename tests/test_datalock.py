"""One data state per run: `kh330 run` holds the data lock shared for its whole length, `kh330 intake` takes it
exclusive, so an intake never lands between two briefs of a run (kh330lib.datalock)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefs_support import FIXTURE_SCENARIO, notebook_folder
from kh330lib import paths
from kh330lib.datalock import data_lock, lock_path
from process_support import PATIENCE
from reporting_support import DOET_REPORTER, doet_workbook

HOLD = ("import sys\nfrom pathlib import Path\nfrom kh330lib.datalock import data_lock\n"
        "with data_lock({exclusive}, 'holder', data_dir=Path(sys.argv[1])):\n"
        "    print('held', flush=True)\n    sys.stdin.read()\n")
# What a run reads, twice: when it starts, and again when told to (as its first and its last brief do).
READER = ("import hashlib, json, sys\nfrom pathlib import Path\n"
          "from kh330lib.datalock import data_lock\n"
          "def state(d):\n"
          "    return sorted((str(p.relative_to(d)), hashlib.sha256(p.read_bytes()).hexdigest())\n"
          "                  for p in Path(d).rglob('*') if p.is_file())\n"
          "d = Path(sys.argv[1])\n"
          "with data_lock(False, 'reader', data_dir=d):\n"
          "    first = state(d)\n    print('reading', flush=True)\n"
          "    sys.stdin.readline()\n"
          "    print(json.dumps(first == state(d)), flush=True)\n")


def _env(project: Path, lock_dir: Path) -> dict[str, str]:
    return {**os.environ, "KH330_DATA_DIR": str(project / "data"), "KH330_PARAMS_DIR": str(project / "params"),
            "KH330_LOCK_DIR": str(lock_dir)}


@pytest.fixture
def lock_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "locks"
    monkeypatch.setenv("KH330_LOCK_DIR", str(folder))
    return folder


def test_the_lock_lives_outside_data_and_is_one_per_data_folder(tmp_path, lock_dir):
    assert lock_path(tmp_path / "a").parent == lock_dir
    assert lock_path(tmp_path / "a") != lock_path(tmp_path / "b")
    assert lock_path(tmp_path / "a") == lock_path(tmp_path / "x" / ".." / "a")
    assert not str(lock_path()).startswith(str(paths.DATA_DIR))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shared locks")
def test_an_intake_waits_for_a_run_and_runs_share(tmp_path, lock_dir):
    data = tmp_path / "data"
    data.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD.format(exclusive=False), str(data)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=paths.ROOT)
    try:
        assert holder.stdout.readline().strip() == "held"
        # Another reader goes ahead at once, without a word.
        said = io.StringIO()
        with data_lock(False, "kh330 run", err=said, data_dir=data):
            pass
        assert said.getvalue() == ""
        # A writer says it waits, and waits until the reader is gone.
        said, entered = io.StringIO(), threading.Event()

        def intake() -> None:
            with data_lock(True, "kh330 intake", err=said, data_dir=data):
                entered.set()

        thread = threading.Thread(target=intake)
        thread.start()
        for _ in range(PATIENCE * 10):
            if said.getvalue():
                break
            thread.join(0.1)
        assert said.getvalue() == (f"kh330 intake: waiting for a kh330 run reading {data}/ to finish "
                                   "(one data state per run)\n")
        assert not entered.is_set()
    finally:
        holder.stdin.close()
        holder.wait(PATIENCE)
    thread.join(PATIENCE)
    assert entered.is_set()


def _state(folder: Path) -> str:
    return hashlib.sha256(json.dumps(sorted((str(p.relative_to(folder)), p.read_bytes().hex())
                                            for p in folder.rglob("*") if p.is_file())).encode()).hexdigest()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shared locks")
def test_an_intake_at_a_random_moment_never_changes_what_a_reader_sees(tmp_path, project, lock_dir):
    env = _env(project, lock_dir)
    rng = random.Random(330)
    waited = 0
    for i in range(20):
        workbook = doet_workbook(project, f"report{i}.xlsx", {"E5": round(70 + 0.1 * i, 1)})
        before = _state(project / "data")
        reader = subprocess.Popen([sys.executable, "-c", READER, str(project / "data")], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, cwd=paths.ROOT, env=env)
        # The intake starts at a random moment of the reader's start: before it holds the lock, or after.
        time.sleep(rng.uniform(0, 1.5))
        intake = subprocess.Popen([sys.executable, "-m", "kh330lib", "intake", str(workbook), "--reporter",
                                   DOET_REPORTER, "--received", f"2026-04-{i + 1:02d}"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, cwd=paths.ROOT, env=env)
        assert reader.stdout.readline().strip() == "reading"
        # The intake's first word: that it waits for the reader, or nothing because it has ended. Only then does
        # the reader read again: had the intake not waited, its vintage would be there by now.
        said = intake.stderr.readline()
        out, _ = reader.communicate("go\n", timeout=PATIENCE)
        rest, err = intake.communicate(timeout=PATIENCE)
        assert intake.returncode == 0, said + err
        assert out.strip() == "true", f"repetition {i}: the reader saw two states"
        assert _state(project / "data") != before  # the intake did add its vintage
        waited += "waiting for a kh330 run" in said
    assert waited >= 1


@pytest.mark.notebook
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shared locks")
def test_an_intake_during_a_run_waits_and_every_brief_shows_one_state(tmp_path, project, lock_dir):
    env = _env(project, lock_dir)
    notebooks = notebook_folder(tmp_path / "nb", "10_scorecard")
    workbook = doet_workbook(project, "report.xlsx", {"E5": 73.12})
    run = subprocess.Popen([sys.executable, "-m", "kh330lib", "run", "--notebooks", str(notebooks), "--out",
                            str(tmp_path / "reports"), "--publish", "--scenario", str(FIXTURE_SCENARIO), "--lang",
                            "all"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=paths.ROOT,
                           env=env)
    first = run.stdout.readline()
    assert first.startswith("kh330 run ") and "→" in first, first  # the run has read data/ and started
    intake = subprocess.run([sys.executable, "-m", "kh330lib", "intake", str(workbook), "--reporter",
                             DOET_REPORTER, "--received", "2026-04-10"], capture_output=True, text=True,
                            cwd=paths.ROOT, env=env, timeout=PATIENCE * 3)
    rest, err = run.communicate(timeout=PATIENCE * 3)
    assert run.returncode == 0, err
    assert intake.returncode == 0 and "waiting for a kh330 run" in intake.stderr, intake.stderr
    # The intake came in only after the run had finished: no brief and no manifest of the run knows it.
    latest = tmp_path / "reports" / "latest"
    manifest = json.loads((latest / "manifest.json").read_text(encoding="utf-8"))
    assert "vintages" not in json.dumps(manifest["inputs"]) and "vintages" not in json.dumps(manifest["data_vintage"])
    for page in latest.glob("baseline/*/10_scorecard.html"):
        text = page.read_text(encoding="utf-8")
        assert "73,12" not in text and "73.12" not in text, page
    assert any((project / "data" / "vintages").iterdir())
    shutil.rmtree(tmp_path / "reports", ignore_errors=True)
