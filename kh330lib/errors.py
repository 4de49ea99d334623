"""Input problems reported as `PATH:LINE: column 'NAME': what is wrong (how to fix)`."""

from __future__ import annotations

import reprlib
from dataclasses import dataclass
from pathlib import Path

from . import paths


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
    the command was asked (an output file that exists), not with the input it reads.
    """

    def __init__(self, problems: list[Problem], *, stopped: bool = False, usage: bool = False):
        self.problems = list(problems)
        self.stopped = stopped
        self.usage = usage
        super().__init__("\n".join(str(p) for p in self.problems))


def problem(path: Path | str, line: int | None, field: str | None, message: str,
            fix: str | None = None, kind: str = "column") -> Problem:
    """Build a Problem with the path shown relative to the checkout."""
    return Problem(paths.display(path), line, field, message, fix, kind)


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
