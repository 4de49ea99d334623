"""Tidying reports/runs/ for `kh330 run`: runs abandoned by a killed runner, their leftover processes, old folders."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files import write_json
from .manifest import MANIFEST_FORMAT, MANIFEST_NAME
from .processes import PIDS_NAME, end, host, is_ours, marked, read_records, signal_if_same

# Only folders named like a run (manifest.new_run_id) are ever marked or deleted; anything else is left alone.
RUN_ID = re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{6}")
ABANDONED = "abandoned"


@dataclass(frozen=True)
class Abandoned:
    """An earlier run whose runner is gone while its manifest still said "running"."""

    run_id: str
    started: str
    pid: int | None
    ended: int

    def line(self) -> str:
        """The one line reported on stderr."""
        gone = f"process {self.pid} no longer running" if self.pid else "no process recorded"
        tail = "" if not self.ended else \
            f"; ended {self.ended} leftover process{'es' if self.ended != 1 else ''}"
        return (f"kh330 run: an earlier run {self.run_id} was abandoned (started {self.started}, {gone}); "
                f"marked {ABANDONED}{tail}")


@dataclass(frozen=True)
class Pruned:
    """Old run folders deleted after a run, and those that could not be."""

    removed: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]


def run_folders(runs: Path) -> list[Path]:
    """Run folders under runs/, oldest first (run ids sort by UTC time)."""
    if not runs.is_dir():
        return []
    return sorted(p for p in runs.iterdir() if RUN_ID.fullmatch(p.name) and p.is_dir() and not p.is_symlink())


def read_manifest(run_dir: Path) -> dict[str, Any] | None:
    """The run's manifest.json, or None when it is missing or unreadable."""
    try:
        data = json.loads((run_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def end_leftovers(run_dir: Path, run_id: str | None = None) -> int:
    """End the run's workers and kernels still ours (same PID and start time, or the run's mark); how many."""
    records = [r for r in read_records(run_dir / PIDS_NAME) if r.role != "main"]
    done: set[int] = set()
    # Workers first, so that none of them starts another kernel meanwhile.
    for rec in sorted(records, key=lambda r: r.role != "worker"):
        if rec.pid not in done and end(rec):
            done.add(rec.pid)
    for pid, start in marked(run_id or run_dir.name):
        if pid not in done and signal_if_same(pid, start):
            done.add(pid)
    return len(done)


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def mark_stopped(run_dir: Path, outcome: str, reason: str, started: str | None = None, **details: Any) -> None:
    """Record in the run's manifest (a minimal one if it has none yet) that it stopped before finishing."""
    manifest = read_manifest(run_dir)
    data = dict(manifest or {"format": MANIFEST_FORMAT, "run_id": run_dir.name, "started": started,
                             "finished": None, "published": False, "briefs": []})
    data["outcome"] = outcome
    data["stopped"] = {"noticed": _stamp(dt.datetime.now(dt.timezone.utc)), "reason": reason, **details}
    try:
        write_json(run_dir / MANIFEST_NAME, data)
    except OSError:
        if manifest is None:
            raise
        _shrink_in_place(run_dir / MANIFEST_NAME, {k: data.get(k) for k in _ESSENTIAL})


# What a manifest must keep when a full disk leaves no room for the whole record.
_ESSENTIAL = ("format", "run_id", "command", "outcome", "published", "started", "finished", "run_folder",
              "stopped")


def _shrink_in_place(path: Path, data: dict[str, Any]) -> None:
    """Overwrite `path` with a shorter record in the blocks it already holds (no new space needed on a full disk)."""
    text = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    with open(path, "r+b") as f:
        if len(text) > os.fstat(f.fileno()).st_size:
            raise OSError(errno.ENOSPC, "no room for the manifest", str(path))
        f.write(text)
        f.truncate()
        f.flush()
        os.fsync(f.fileno())


def _started(run_dir: Path, manifest: dict[str, Any] | None, at: str) -> str:
    if manifest and manifest.get("started"):
        return str(manifest["started"])
    if at:
        return at
    stamp = dt.datetime.strptime(run_dir.name[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)
    return _stamp(stamp)


def settle_abandoned(runs: Path) -> list[Abandoned]:
    """Mark runs left "running" by a runner that no longer runs, and end what is left of their processes.

    Called with the reports lock held, so no runner of this folder can be writing them. A run whose recorded
    runner is still alive (same PID and start time) or ran on another machine is left alone.
    """
    found = []
    for run_dir in run_folders(runs):
        manifest = read_manifest(run_dir)
        records = read_records(run_dir / PIDS_NAME)
        if (manifest is None and not records) or (manifest is not None and manifest.get("outcome") != "running"):
            continue
        main = next((r for r in records if r.role == "main"), None)
        if main is not None and (main.host != host() or is_ours(main)):
            continue  # cannot tell from here, or really still running
        ended = end_leftovers(run_dir)
        started = _started(run_dir, manifest, main.at if main else "")
        reason = f"process {main.pid} no longer running" if main else "no process recorded"
        mark_stopped(run_dir, ABANDONED, reason, started, leftover_processes_ended=ended)
        try:
            with open(run_dir / "run.log", "a", encoding="utf-8") as log:
                log.write(f"{_stamp(dt.datetime.now(dt.timezone.utc))} marked {ABANDONED} by a later kh330 run: "
                          f"{reason}\n")
        except OSError:
            pass  # the manifest carries the record; the log is a courtesy
        found.append(Abandoned(run_dir.name, started, main.pid if main else None, ended))
    return found


def latest_run(latest: Path) -> Path | None:
    """The run folder `latest` shows: the link's target, or (for a copy) the folder named by its manifest."""
    if latest.is_symlink():
        return Path(os.path.realpath(latest))
    if latest.is_dir():
        run_id = (read_manifest(latest) or {}).get("run_id")
        if isinstance(run_id, str) and RUN_ID.fullmatch(run_id):
            return latest.parent / "runs" / run_id
    return None


def _live(run_dir: Path) -> bool:
    """Whether a runner recorded in the folder still runs (a run in progress is never deleted)."""
    manifest = read_manifest(run_dir)
    if manifest is not None and manifest.get("outcome") == "running":
        return True
    return any(r.role == "main" and is_ours(r) for r in read_records(run_dir / PIDS_NAME))


def prune_runs(runs: Path, keep: int, latest: Path, current: Path | None = None) -> Pruned:
    """Delete run folders older than the newest `keep`, except the one `latest` shows, `current` and live runs."""
    folders = run_folders(runs)
    target = latest_run(latest)
    protected = {os.path.realpath(p) for p in (target, current) if p is not None}
    removed, failed = [], []
    for folder in folders[:max(0, len(folders) - keep)]:
        if os.path.realpath(folder) in protected or _live(folder):
            continue
        try:
            shutil.rmtree(folder)
        except OSError as exc:
            failed.append((folder.name, f"{type(exc).__name__}: {exc}"))
        else:
            removed.append(folder.name)
    return Pruned(tuple(removed), tuple(failed))
