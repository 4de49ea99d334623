"""Input problems reported as `PATH:LINE: column 'NAME': what is wrong (how to fix)`."""

from __future__ import annotations

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
