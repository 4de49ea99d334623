"""What `kh330 run` was asked to do (`RunOptions`) and the notebooks that names (`find_notebooks`): read before
anything heavy is loaded, so that a run with nothing to do ends at once."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .. import paths
from ..errors import Problem, problem

# Per cell: a hung cell fails its brief instead of blocking the next scheduled run (papermill #125).
DEFAULT_CELL_TIMEOUT = 600.0
# The folders of a reports folder: one per run, and the one readers open.
RUNS = "runs"
LATEST = "latest"


def latest_text(reports: Path) -> str:
    # Not paths.display(reports / LATEST): that resolves the link and would name the run folder.
    return f"{paths.display(reports)}/{LATEST}"


@dataclass(frozen=True)
class RunOptions:
    """Everything `kh330 run` was asked to do."""

    scenarios: tuple[str, ...] = ("baseline",)
    langs: tuple[str, ...] = ("vi",)
    only: tuple[str, ...] = ()
    reports_dir: Path = paths.REPORTS_DIR
    notebooks_dir: Path = paths.NOTEBOOKS_DIR
    timeout: float = DEFAULT_CELL_TIMEOUT
    jobs: int | None = None
    as_of: str | None = None
    pdf: bool = False
    command: str = "kh330 run"
    # Run folders kept under runs/ (None: params/limits.yaml `runs.keep`).
    keep: int | None = None
    # Rebuild every brief, even those whose inputs did not change since the run `latest` shows.
    force: bool = False
    # One kernel per brief, as papermill does, instead of one warm kernel per worker (kh330lib.run.kernel).
    fresh_kernels: bool = False
    # Not the briefs of params/publish.yaml: reports_dir is then reports/explore/<scenarios>/ (kh330lib.run.audience).
    explore: bool = False


def find_notebooks(notebooks_dir: Path, only: Sequence[str]) -> tuple[list[Path], list[Problem]]:
    """Notebooks to run, in name order; `only` selects by name, file name or unique prefix."""
    available = sorted(p for p in Path(notebooks_dir).glob("*.ipynb") if not p.name.startswith("."))
    if not available:
        return [], [problem(notebooks_dir, None, None, "no notebooks (*.ipynb) to run",
                            "add notebooks or point KH330_NOTEBOOKS_DIR at them")]
    if not only:
        return available, []
    chosen: list[Path] = []
    problems = []
    names = [p.stem for p in available]
    for want in only:
        stem = Path(want).stem
        hits = [p for p in available if p.stem == stem] or [p for p in available if p.stem.startswith(stem)]
        if len(hits) == 1:
            chosen.append(hits[0])
            continue
        if hits:
            msg, fix = f"'{want}' matches {len(hits)} notebooks", f"use one of {', '.join(p.stem for p in hits)}"
        else:
            close = difflib.get_close_matches(stem, names, n=1)
            msg = f"no notebook '{want}'"
            fix = f"did you mean '{close[0]}'?" if close else f"available: {', '.join(names)}"
        problems.append(problem(notebooks_dir, None, None, msg, fix))
    return sorted(set(chosen)), problems
