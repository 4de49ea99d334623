"""File helpers every layer shares: SHA-256 of a file, writes that readers never see half-done, safe output."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import paths
from .errors import OS_ERRORS, InputError, os_error, problem

# OWASP CSV injection: a spreadsheet reads a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    save_atomic(path, lambda tmp: Path(tmp).write_bytes(data))


def save_atomic(path: Path, save: Callable[[str], Any], consequence: str | None = None) -> Path:
    """Let `save` write a temporary file beside `path`, then rename it into place: all or nothing.

    With `consequence` ("the workbook was not written"), a refusal of the operating system (disk full,
    read-only, permissions) becomes the one-line InputError of errors.os_error; without it the OSError
    goes to the caller, which knows better what failed.
    """
    try:
        tmp = temp_beside(path)
    except OSError as exc:
        if consequence is None:
            raise
        raise os_error(exc, path.parent, consequence) from None
    try:
        save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        if consequence is None or exc.errno not in OS_ERRORS:
            raise
        raise os_error(exc, path, consequence) from None
    finally:
        if os.path.exists(tmp):
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return path


def write_json(path: Path, data: Any) -> None:
    """Write JSON atomically (replacing any earlier version): readers never see a half-written file."""
    write_bytes(path, (json.dumps(to_jsonable(data), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def protected_dirs() -> list[Path]:
    """The trees no output may land in: the inputs (data/, params/, notebooks/) and the code (kh330lib/)."""
    # Read at call time: tests and KH330_*_DIR point these elsewhere; the checkout's own trees stay protected.
    return [paths.DATA_DIR, paths.PARAMS_DIR, paths.NOTEBOOKS_DIR, paths.PACKAGE_DIR,
            *(paths.ROOT / name for name in ("data", "params", "notebooks"))]


def protected_tree(path: Path | str) -> Path | None:
    """The protected tree `path` lies in once every symlink is followed (of the path and its parents), else None."""
    where = Path(os.path.realpath(Path(path).expanduser()))
    for folder in protected_dirs():
        real = Path(os.path.realpath(folder))
        if where == real or real in where.parents:
            return real
    return None


def check_output_path(path: Path | str, what: str) -> Path:
    """`path` if `what` (e.g. "--csv file") may be written there; InputError (exit 2) inside a protected tree."""
    # Intake writing data/vintages is the one writer allowed in data/, and does not come through here.
    tree = protected_tree(path)
    if tree is None:
        return Path(path)
    given = Path(path).expanduser().absolute()
    real = Path(os.path.realpath(given))
    how = f"{what} leads to {real}, inside" if real != given else f"{what} is inside"
    raise InputError([problem(path, None, None, f"{how} {paths.display(tree).rstrip('/')}/: the suite never writes "
                              "into its inputs or its code",
                              "write it outside data/, params/, notebooks/ and kh330lib/, e.g. under reports/")],
                     usage=True)


def formula_like(value: Any) -> bool:
    """True for text a spreadsheet would run as a formula: a str starting with =, +, -, @, tab or CR."""
    # Only text: -1.5 as a number stays a number.
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: formula-like text gets a leading quote (OWASP CSV injection)."""
    return "'" + value if formula_like(value) else value


def unsafe_cell(text: str) -> str:
    """The text safe_cell was given: a leading quote before formula-like text is dropped."""
    return text[1:] if text.startswith("'") and formula_like(text[1:]) else text


def keep_text(workbook: Any) -> None:
    """Mark every formula-like text cell of an openpyxl workbook as a string, so Excel never runs it."""
    # openpyxl types any str starting with '=' as a formula; the suite writes no formulas of its own.
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if formula_like(cell.value):
                    cell.data_type = "s"
