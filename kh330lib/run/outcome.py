"""How a run ends when it cannot finish: SIGTERM turned into an exit, the workers and their kernels stopped,
one line saying so, and the manifest marked failed or stopped; latest/ is never changed."""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, TextIO

from .. import paths
from .cleanup import end_leftovers, mark_stopped, read_manifest
from .options import latest_text
from .record import iso_time
from .worker import BriefResult

EXIT_OK, EXIT_FAILED = 0, 1


@dataclass(frozen=True)
class RunResult:
    """How the run went: exit code 0 (all briefs ok), 1 (a brief failed or another run holds the lock)."""

    exit_code: int
    run_dir: Path | None
    results: tuple[BriefResult, ...] = ()
    published: bool = False
    message: str = ""


@contextlib.contextmanager
def sigterm_as_exit() -> Iterator[None]:
    """Turn SIGTERM (kill, systemctl stop) into SystemExit(143), so that the workers are stopped too."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _halt(run_dir: Path, run_id: str, pool: ProcessPoolExecutor | None) -> None:
    """Stop the workers, then their kernels (which would also exit on their own within a second: ipykernel
    polls its parent)."""
    if pool is not None:
        _stop_workers(pool)
    end_leftovers(run_dir, run_id)


def refused_run(exc: OSError, refusal: tuple[str, str], run_dir: Path, run_id: str, started: dt.datetime,
                pool: ProcessPoolExecutor | None, reports: Path, err: TextIO) -> RunResult:
    """The operating system said no (disk full, read-only…): one line, the manifest marked failed with the
    reason, no half-written index page; latest/ is left as it was."""
    with contextlib.suppress(Exception):
        _halt(run_dir, run_id, pool)
    words, fix = refusal
    where = paths.display(exc.filename) if exc.filename else paths.display(run_dir)
    reason = f"{words} ({where})"
    for page in run_dir.glob("index*.html"):
        with contextlib.suppress(OSError):  # written atomically, so only a page that could not be finished
            if page.stat().st_size == 0:
                page.unlink()
    try:
        mark_stopped(run_dir, "failed", reason, iso_time(started))
        recorded = "; marked failed in its manifest.json"
    except OSError:
        recorded = "; its manifest.json could not be updated"
    message = (f"kh330 run: {where}: {words}; the run failed and {latest_text(reports)} was not changed; the "
               f"unfinished run is in {paths.display(run_dir)}{recorded} ({fix})")
    print(message, file=err, flush=True)
    return RunResult(EXIT_FAILED, run_dir, message=message)


def stopped_run(exc: BaseException, finished: bool, run_dir: Path, run_id: str, started: dt.datetime,
                pool: ProcessPoolExecutor | None, reports: Path, err: TextIO) -> None:
    """Interrupted (Ctrl-C, SIGTERM) or crashed: stop what still runs, say so, and mark the manifest."""
    why = ("interrupted" if isinstance(exc, KeyboardInterrupt) else
           "terminated" if isinstance(exc, SystemExit) else f"failed ({type(exc).__name__}: {exc})")
    if not finished:
        _halt(run_dir, run_id, pool)
        print(f"kh330 run: {why}; {latest_text(reports)} was not changed; the unfinished run "
              f"is in {paths.display(run_dir)}", file=err)
    with contextlib.suppress(Exception):  # the manifest must not say "running" once nothing runs
        if (read_manifest(run_dir) or {}).get("outcome", "running") == "running":
            mark_stopped(run_dir, why.split()[0], why, iso_time(started))


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor offers no way to end running work before Python 3.14 (terminate_workers).
    for process in list(getattr(pool, "_processes", {}).values()):
        with contextlib.suppress(Exception):
            process.kill()


