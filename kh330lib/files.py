"""File helpers every layer shares: SHA-256 of a file, and writes that readers never see half-done."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import paths


def sha256_file(path: Path | str) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    """SHA-256 of bytes about to be written (so a sidecar can name its file's hash)."""
    return hashlib.sha256(data).hexdigest()


def umask() -> int:
    """The process's file-creation mask (Python can read it only by setting it, then putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def temp_beside(path: Path, *, fd: bool = False) -> Any:
    """A new temporary file in `path`'s folder with the mode an ordinary new file gets (0666 less the umask).

    mkstemp makes its files 0600, which would keep vintages and briefs from the institute's other
    accounts (the scheduled job's user, a researcher). Returns the name, or (open descriptor, name).
    """
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.fchmod(handle, 0o666 & ~umask())
    if fd:
        return handle, tmp
    os.close(handle)
    return tmp


def write_new(path: Path, data: bytes) -> None:
    """Create `path` with `data` via a temporary file and os.replace; never overwrite an existing file."""
    if path.exists():
        raise FileExistsError(path)
    fd, tmp = temp_beside(path, fd=True)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def to_jsonable(value: Any) -> Any:
    """Plain JSON types for dataclasses, paths and dict/list subclasses (e.g. YAML LineDict)."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Path):
        return paths.display(value)
    if hasattr(value, "__dataclass_fields__"):
        return {k: to_jsonable(getattr(value, k)) for k in value.__dataclass_fields__}
    return value


def write_bytes(path: Path, data: bytes) -> None:
    """Write bytes atomically (replacing any earlier version): readers never see a half-written file."""
    tmp = temp_beside(path)
    try:
        Path(tmp).write_bytes(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_json(path: Path, data: Any) -> None:
    """Write JSON atomically (replacing any earlier version): readers never see a half-written file."""
    write_bytes(path, (json.dumps(to_jsonable(data), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
