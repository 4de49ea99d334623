"""One data state per run: `kh330 run` reads data/ under a shared lock for its whole length; `kh330 intake` adds a
vintage under the exclusive lock, so it waits for any run reading data/ to finish (and a run started meanwhile
waits for the intake). Every brief of a run and its manifest therefore see exactly one state of data/.

The lock file lives outside data/ (nothing but intake writes there): in the system's temporary folder, or
KH330_LOCK_DIR, named after the data folder it guards. POSIX `flock` gives shared and exclusive locks that the
system releases when the process ends, however it ends; elsewhere both kinds are one exclusive lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterator

import filelock

from . import paths

try:
    import fcntl
except ImportError:  # Windows: runs and intakes then simply take turns
    fcntl = None  # type: ignore[assignment]


def lock_path(data_dir: Path | None = None) -> Path:
    """The lock file guarding one data folder (the same for every process reading or writing it)."""
    folder = Path(os.path.realpath(data_dir or paths.DATA_DIR))
    name = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:16]
    return Path(os.environ.get("KH330_LOCK_DIR") or tempfile.gettempdir()) / f"kh330-data-{name}.lock"


@contextlib.contextmanager
def data_lock(exclusive: bool, who: str, err: IO[str] | None = None, data_dir: Path | None = None) -> Iterator[None]:
    """Hold the data lock (shared to read, exclusive to add a vintage); one line on `err` when it must wait."""
    path = lock_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as fh:
        if fcntl is None:
            with filelock.FileLock(str(path) + ".x"):
                yield
            return
        kind = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(fh.fileno(), kind | fcntl.LOCK_NB)
        except BlockingIOError:
            other = "a kh330 run reading" if exclusive else "a kh330 intake adding to"
            print(f"{who}: waiting for {other} {paths.display(data_dir or paths.DATA_DIR)}/ to finish "
                  f"(one data state per run)", file=err or sys.stderr, flush=True)
            fcntl.flock(fh.fileno(), kind)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
