"""Every exception of the package, and input problems reported as `PATH:LINE: column 'NAME': what is wrong
(how to fix)`."""

from __future__ import annotations

import errno
import reprlib
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .codes import Reason


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file, located as precisely as possible."""

    path: str
    line: int | None
    field: str | None
    message: str
    fix: str | None = None
    # "column" for CSV files, "field" for YAML, "cell" for workbooks.
    kind: str = "column"

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.kind} '{self.field}': " if self.field else ""
        fix = f" ({self.fix})" if self.fix else ""
        return f"{where}: {what}{self.message}{fix}"


class InputError(Exception):
    """Raised at the boundary when inputs are invalid; carries every problem found.

    `stopped` is True when reading gave up after the most problems worth showing (params/limits.yaml
    `errors.max_shown`): there may be more than the ones carried. `usage` is True when the problem is with how
    the command was asked (an output file that exists), not with the input it reads. `system` is True when the
    operating system refused (disk full, read-only, permissions): its one line says all there is to say.
    """

    def __init__(self, problems: list[Problem], *, stopped: bool = False, usage: bool = False,
                 system: bool = False):
        self.problems = list(problems)
        self.stopped = stopped
        self.usage = usage
        self.system = system
        super().__init__("\n".join(str(p) for p in self.problems))


class Refusal(Exception):
    """Why a workbook is refused: one problem (a sheet!cell or None for the whole file, what is wrong, the fix)."""

    def __init__(self, ref: str | None, message: str, fix: str):
        super().__init__(message)
        self.ref, self.message, self.fix = ref, message, fix


class FitFailure(Exception):
    """A model could not be fitted to this series (too short, degenerate, not converged); `reason` says why."""

    def __init__(self, reason: Reason):
        self.reason = reason
        super().__init__(reason.code.value)


class ParameterError(Exception):
    """A bad notebook parameter: shown in the notebook as one line, never as a traceback."""

    def _render_traceback_(self) -> list[str]:
        return [f"ParameterError: {self}"]


def problem(path: Path | str, line: int | None, field: str | None, message: str,
            fix: str | None = None, kind: str = "column") -> Problem:
    """Build a Problem with the path shown relative to the checkout."""
    return Problem(paths.display(path), line, field, message, fix, kind)


_FULL = ("the disk is full", "free some space on that disk and try again")
_DENIED = ("permission denied", "run it as a user allowed to read and write there, or fix the permissions")
_TOO_MANY = ("too many files are open", "close other programs, or raise the limit (ulimit -n), and try again")
# What the operating system said, in words, and what the person at the keyboard can do about it.
OS_ERRORS = {
    errno.ENOSPC: _FULL,
    errno.EDQUOT: ("the disk quota is used up", "free some space or ask for a larger quota, and try again"),
    errno.EROFS: ("the file system is read-only", "mount it read-write, or work in a copy that can be written"),
    errno.EACCES: _DENIED,
    errno.EPERM: _DENIED,
    errno.ELOOP: ("too many levels of symbolic links (a link to itself, or a link where a file belongs)",
                  "replace the symbolic link by a real file or folder"),
    errno.EMFILE: _TOO_MANY,
    errno.ENFILE: _TOO_MANY,
}


def os_error(exc: OSError, path: Path | str, consequence: str) -> InputError:
    """The one-line InputError for an operating-system refusal at `path`: what, where, what to do."""
    words, fix = OS_ERRORS.get(exc.errno or 0, (exc.strerror or str(exc), "check the folder and try again"))
    return InputError([problem(path, None, None, f"{words}; {consequence}", fix)], system=True)


def system_refusal(exc: BaseException) -> tuple[str, str] | None:
    """(what the system said, what to do) when `exc` is a refusal of OS_ERRORS (a full disk…), else None."""
    return OS_ERRORS.get(exc.errno or 0) if isinstance(exc, OSError) else None
# Short containers print as repr does; longer ones are cut by reprlib before being cut to `limit`.
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 200


def quote(value: object, limit: int = 80) -> str:
    """`value` as repr shows it, at most `limit` characters: a longer one is cut and ends with '…'."""
    text = repr(value[: limit + 1]) if isinstance(value, (str, bytes)) else _REPR.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short(value: object, limit: int = 80) -> str:
    """`value` as text of at most `limit` characters, a longer one cut and ending with '…' (for '{…}' in messages)."""
    text = str(value[: limit + 1] if isinstance(value, str) else value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
