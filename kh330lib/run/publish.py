"""Publishing a run: `latest` pointed at the new run folder in one atomic step."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def publish_latest(run_dir: Path, latest: Path) -> str:
    """Point `latest` at `run_dir` in one atomic step; return how ('symlink' or 'copy').

    POSIX: a relative symlink `latest -> runs/<id>` created beside it and renamed over it
    (rename(2) is atomic, so readers see the old run or the new one, never a mix). Where
    symlinks are not allowed (Windows without developer mode) the run is copied and the two
    folders are swapped by renames, which leaves `latest` missing for an instant.
    """
    latest = Path(latest)
    tmp = latest.with_name(f".{latest.name}-{run_dir.name}.tmp")
    old = latest.with_name(f".{latest.name}-old-{run_dir.name}")
    _remove(tmp)
    try:
        os.symlink(os.path.relpath(run_dir, latest.parent), tmp, target_is_directory=True)
        how = "symlink"
    except (OSError, NotImplementedError):
        shutil.copytree(run_dir, tmp)
        how = "copy"
    if latest.is_dir() and not latest.is_symlink():
        # A real folder (a copy) cannot be replaced by rename: move it aside first.
        os.replace(latest, old)
        os.replace(tmp, latest)
        _remove(old)
    else:
        os.replace(tmp, latest)
    return how


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
