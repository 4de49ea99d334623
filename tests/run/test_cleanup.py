"""`kh330 run` cleans up after itself: workers and kernels end with a killed run, the next run marks it abandoned,
old run folders are pruned, and a reports folder inside the inputs or the code is refused."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefs_support import FIXTURE_SCENARIO, notebook_folder, run_briefs
from kh330lib import cli, paths
from kh330lib.run import plan
from kh330lib.run.cleanup import prune_runs, settle_abandoned
from kh330lib.run.processes import (
    PIDS_NAME,
    RUN_ENV,
    ProcessRecord,
    boot_id,
    host,
    is_ours,
    marked,
    read_records,
    record,
    start_time,
)
from process_support import PATIENCE, descendants

LINUX_PROC = pytest.mark.skipif(not sys.platform.startswith("linux") or not Path("/proc/self/stat").exists(),
                                reason="needs Linux /proc to check process start times")
HANGS = "30_hangs"  # a cell sleeps for an hour


def _sleeper(env: dict[str, str] | None = None) -> subprocess.Popen:
    """A harmless process to record, end or keep (killed by the test at the end in any case, so it sleeps for as long
    as the test may take)."""
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(10**6)"],
                            env={**os.environ, **(env or {})})


def _alive(pid: int, start: int | float | None) -> bool:
    """Still running with the same start time (a reaped or zombie process is gone)."""
    return is_ours(ProcessRecord("worker", pid, start, "proc", host(), boot_id()))


def _wait_until(check, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def _fake_run(runs: Path, run_id: str, outcome: str | None) -> Path:
    d = runs / run_id
    d.mkdir(parents=True)
    if outcome is not None:
        (d / "manifest.json").write_text(json.dumps({"run_id": run_id, "outcome": outcome,
                                                     "started": f"{run_id[:4]}-01-01T00:00:00Z"}), encoding="utf-8")
    return d


def _manifest(run_dir: Path) -> dict:
    return json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))


# ---- --out must not point into the inputs or the code

@pytest.mark.parametrize("where", ["data", "data/new/reports", "params", "notebooks", "kh330lib", "root", "link"])
def test_out_inside_the_inputs_or_the_code_exits_2_and_creates_nothing(where, tmp_path, capsys):
    folders = {"data": paths.DATA_DIR, "data/new/reports": paths.DATA_DIR / "new" / "reports",
               "params": paths.PARAMS_DIR, "notebooks": paths.NOTEBOOKS_DIR, "kh330lib": paths.PACKAGE_DIR,
               "root": paths.ROOT, "link": tmp_path / "link" / "reports"}
    (tmp_path / "link").symlink_to(paths.DATA_DIR, target_is_directory=True)  # resolved before it is compared
    out = folders[where]
    existed = out.exists()
    code = cli.main(["run", "--publish", "--out", str(out),
                     "--notebooks", str(notebook_folder(tmp_path / "nb", "10_scorecard")),
                     "--scenario", str(FIXTURE_SCENARIO)])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    resolved = Path(out).resolve()
    if where == "root":
        assert err == [f"kh330 run: --out reports folder must not be the checkout root ({resolved}); choose e.g. "
                       "reports/ or a folder outside the checkout",
                       "kh330 run: 1 problem in the input; nothing was changed."]
    else:  # files.check_output_path, the one check of every writer
        tree = "kh330lib" if where == "kh330lib" else where.split("/")[0].replace("link", "data")
        assert len(err) == 2 and err[1] == "kh330 run: nothing was changed.", err
        assert ": --out reports folder " in err[0] and err[0].endswith(
            f" inside {tree}/: the suite never writes into its inputs or its code (write it outside data/, params/, "
            "notebooks/ and kh330lib/, e.g. under reports/)"), err
    assert out.exists() == existed and not (paths.DATA_DIR / "new").exists()
    for made in ("runs", "latest", ".kh330-run.lock"):
        assert not os.path.lexists(out / made)


def test_out_beside_the_inputs_is_accepted():
    plan.check_reports_dir(paths.ROOT / "reports")
    plan.check_reports_dir(paths.ROOT / "data-reports")  # a name starting like data/ is not inside it
    plan.check_reports_dir(paths.ROOT.parent / "elsewhere")


# ---- pruning

def test_prune_keeps_the_newest_the_one_latest_shows_and_runs_still_going(tmp_path):
    reports = tmp_path / "reports"
    runs = reports / "runs"
    ids = [f"2025010{i}T000000Z-00000{i}" for i in range(1, 7)]
    for run_id in ids:
        _fake_run(runs, run_id, "ok")
    (runs / ids[1] / "manifest.json").write_text(json.dumps({"outcome": "running"}), encoding="utf-8")
    (runs / "notes").mkdir()  # not a run folder: never touched
    os.symlink(f"runs/{ids[0]}", reports / "latest")
    pruned = prune_runs(runs, 2, reports / "latest", current=runs / ids[-1])
    assert pruned.removed == (ids[2], ids[3]) and pruned.failed == ()
    assert sorted(p.name for p in runs.iterdir()) == [ids[0], ids[1], ids[4], ids[5], "notes"]


def test_prune_keeps_the_run_a_copied_latest_shows(tmp_path):
    reports = tmp_path / "reports"
    ids = [f"2025010{i}T000000Z-00000{i}" for i in range(1, 4)]
    for run_id in ids:
        _fake_run(reports / "runs", run_id, "ok")
    _fake_run(reports, "latest", "ok")
    (reports / "latest" / "manifest.json").write_text(json.dumps({"run_id": ids[0]}), encoding="utf-8")
    assert prune_runs(reports / "runs", 1, reports / "latest").removed == (ids[1],)


@pytest.mark.notebook
def test_keep_option_prunes_old_run_folders_after_a_run(tmp_path):
    reports = tmp_path / "reports"
    old = [f"2020010{i}T000000Z-00000{i}" for i in range(1, 5)]
    for run_id in old:
        _fake_run(reports / "runs", run_id, "ok")
    os.symlink(f"runs/{old[0]}", reports / "latest")
    folder = notebook_folder(tmp_path / "nb", "10_scorecard")
    done = run_briefs(folder, reports, "--scenario", str(FIXTURE_SCENARIO), "--only", "10_scorecard", "--keep", "2")
    assert done.returncode == 0, done.stderr
    new = [d.name for d in done.run_dirs() if d.name not in old]
    assert len(new) == 1
    # The newest 2 (the new run and the newest old one), and the run latest shows (--only does not publish).
    assert [d.name for d in done.run_dirs()] == [old[0], old[3], new[0]]
    assert os.readlink(reports / "latest") == f"runs/{old[0]}"
    assert (f"kh330 run: removed 2 old run folders from {reports}/runs (keeping the newest 2 and the one "
            f"{reports}/latest shows)") in done.stdout.splitlines()


# ---- abandoned runs and their processes

@LINUX_PROC
def test_abandoned_runs_are_marked_and_only_processes_still_ours_are_ended(tmp_path):
    runs = tmp_path / "reports" / "runs"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    a = _fake_run(runs, "20250101T000000Z-aaaaaa", "running")
    b = _fake_run(runs, "20250102T000000Z-bbbbbb", "running")
    c = _fake_run(runs, "20250103T000000Z-cccccc", "ok")
    e = _fake_run(runs, "20250104T000000Z-eeeeee", "running")  # written before runs recorded their processes
    _fake_run(runs, "20250105T000000Z-ffffff", None)  # nothing to go on
    g = _fake_run(runs, "20250106T000000Z-000000", None)  # killed before its first manifest was written
    worker, impostor, live_main = _sleeper(), _sleeper(), _sleeper()
    kernel = _sleeper({RUN_ENV: a.name})  # never recorded: found by its mark
    try:
        assert _wait_until(lambda: kernel.pid in {pid for pid, _ in marked(a.name)}, PATIENCE)
        fake_main = {"role": "main", "pid": dead_pid, "start": 1, "clock": "proc", "parent": None,
                     "host": host(), "boot": boot_id(), "at": "2025-01-01T00:00:01Z"}
        (a / PIDS_NAME).write_text(json.dumps(fake_main) + "\n", encoding="utf-8")
        record(a / PIDS_NAME, "worker", worker.pid, dead_pid)
        # A PID that has since been reused by another process (another start time) is never signalled.
        imp = {**fake_main, "role": "kernel", "pid": impostor.pid, "start": start_time(impostor.pid) + 1}
        with open(a / PIDS_NAME, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(imp) + "\n" + '{"role": "kernel", "pid": 12')  # and a line cut short by the kill
        record(b / PIDS_NAME, "main", live_main.pid)
        (g / PIDS_NAME).write_text(json.dumps({**fake_main, "at": "2025-01-06T00:00:01Z"}) + "\n", encoding="utf-8")

        found = settle_abandoned(runs)

        assert [x.line() for x in found] == [
            f"kh330 run: an earlier run {a.name} was abandoned (started 2025-01-01T00:00:00Z, process {dead_pid} "
            f"no longer running); marked abandoned; ended 2 leftover processes",
            f"kh330 run: an earlier run {e.name} was abandoned (started 2025-01-01T00:00:00Z, no process "
            f"recorded); marked abandoned",
            f"kh330 run: an earlier run {g.name} was abandoned (started 2025-01-06T00:00:01Z, process {dead_pid} "
            f"no longer running); marked abandoned"]
        assert worker.wait(timeout=PATIENCE) == -signal.SIGKILL and kernel.wait(timeout=PATIENCE) == -signal.SIGKILL
        assert impostor.poll() is None and live_main.poll() is None
        assert _manifest(a)["outcome"] == "abandoned"
        assert _manifest(a)["stopped"]["reason"] == f"process {dead_pid} no longer running"
        assert _manifest(a)["stopped"]["leftover_processes_ended"] == 2
        assert _manifest(e)["outcome"] == "abandoned"
        assert {k: _manifest(g)[k] for k in ("run_id", "outcome", "started")} == {
            "run_id": g.name, "outcome": "abandoned", "started": "2025-01-06T00:00:01Z"}
        assert _manifest(b)["outcome"] == "running" and _manifest(c)["outcome"] == "ok"
        assert not (runs / "20250105T000000Z-ffffff" / "manifest.json").exists()
        assert settle_abandoned(runs) == []  # once only
    finally:
        for p in (worker, impostor, live_main, kernel):
            p.kill()
            p.wait()


def _descendants(pid: int) -> dict[int, int | None]:
    """Every process below `pid`, with its start time."""
    return {child: start_time(child) for child in descendants(pid)}


def _start_run(reports: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kh330lib", "run", "--publish", "--lang", "vi",
                             "--notebooks", str(folder), "--out",
                             str(reports), "--scenario", str(FIXTURE_SCENARIO)], cwd=paths.ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _running_kernel(reports: Path, skip: set[Path]) -> tuple[Path, list[ProcessRecord]]:
    """The run folder whose worker has recorded its kernel (not one of `skip`), and its records."""
    def found() -> list[Path]:
        return [f.parent for f in reports.glob(f"runs/*/{PIDS_NAME}")
                if f.parent not in skip and any(r.role == "kernel" for r in read_records(f))]
    assert _wait_until(lambda: bool(found()), PATIENCE), "the run's kernel never started"
    (run_dir,) = found()
    return run_dir, read_records(run_dir / PIDS_NAME)


def _gone(run_dir: Path, records: list[ProcessRecord], spawned: dict[int, int | None]) -> bool:
    return (not any(_alive(r.pid, r.start) for r in records if r.role != "main")
            and not any(_alive(pid, start) for pid, start in spawned.items()) and not marked(run_dir.name))


@pytest.mark.notebook
@LINUX_PROC
def test_sigkill_of_the_runner_ends_its_workers_and_kernels_and_the_next_run_marks_it_abandoned(tmp_path):
    reports = tmp_path / "reports"
    folder = notebook_folder(tmp_path / "nb", HANGS)
    proc = _start_run(reports, folder)
    try:
        run_dir, records = _running_kernel(reports, set())
        assert [r.role for r in records] == ["main", "worker", "kernel"]
        assert records[0].pid == proc.pid and records[2].parent == records[1].pid
        spawned = _descendants(proc.pid)
        assert {records[1].pid, records[2].pid} <= set(spawned)
        assert all(_alive(r.pid, r.start) for r in records)
        assert [pid for pid, _ in marked(run_dir.name)] == [records[2].pid]  # the kernel carries the run's mark

        proc.send_signal(signal.SIGKILL)  # the runner only: no handler runs, it cleans up nothing itself
        proc.wait(timeout=PATIENCE)
        assert _wait_until(lambda: _gone(run_dir, records, spawned), PATIENCE), \
            [r for r in records if _alive(r.pid, r.start)]
        assert _manifest(run_dir)["outcome"] == "running"  # until the next run looks
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    # The next run reports and marks it; that run, stopped by SIGTERM, records why and leaves nothing behind.
    nxt = _start_run(reports, folder)
    try:
        second, records = _running_kernel(reports, {run_dir})
        spawned = _descendants(nxt.pid)
        nxt.send_signal(signal.SIGTERM)
        _, err = nxt.communicate(timeout=PATIENCE)
    finally:
        if nxt.poll() is None:
            nxt.kill()
            nxt.wait()
    assert nxt.returncode == 143
    started = _manifest(run_dir)["started"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", started)
    assert (f"kh330 run: an earlier run {run_dir.name} was abandoned (started {started}, process {proc.pid} "
            f"no longer running); marked abandoned") in err.splitlines()
    m = _manifest(run_dir)
    assert m["outcome"] == "abandoned" and m["stopped"]["reason"] == f"process {proc.pid} no longer running"
    assert _manifest(second)["outcome"] == "terminated"
    assert _wait_until(lambda: _gone(second, records, spawned), PATIENCE)
