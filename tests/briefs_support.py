"""Running `kh330 run` on a fixture tree as cron would: a fresh process, paths given explicitly."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kh330lib import paths

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_NOTEBOOKS = FIXTURES / "notebooks"
FIXTURE_SCENARIO = FIXTURES / "scenarios" / "baseline.yaml"
# `--timeout` of runs that must show a hung cell (30_hangs sleeps for an hour) being stopped. The limit holds for
# every cell of the run, so it is far above what the cells that must succeed need, even on a loaded machine.
HUNG_CELL_TIMEOUT = 60
# `--timeout` of runs that must show a hung cell (30_hangs sleeps for an hour) being stopped. The limit holds for
# every cell of the run, so it is far above what the cells that must succeed need, even on a loaded machine.
HUNG_CELL_TIMEOUT = 60


@dataclass(frozen=True)
class CliRun:
    """Exit code and output of one `kh330 run`, and the reports folder it wrote to."""

    returncode: int
    stdout: str
    stderr: str
    reports: Path

    @property
    def latest(self) -> Path:
        return self.reports / "latest"

    def run_dirs(self) -> list[Path]:
        runs = self.reports / "runs"
        return sorted(p for p in runs.iterdir() if p.is_dir()) if runs.exists() else []


def kh330(*args: str, env: dict[str, str] | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    """`kh330 ARGS` in a new process from the checkout root, output captured."""
    return subprocess.run([sys.executable, "-m", "kh330lib", *args], cwd=paths.ROOT, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=timeout)


def assessed_targets() -> dict[str, list[dict]]:
    """The records of `kh330 assess --all --json` (a new process), by target id in the plan's order."""
    done = kh330("assess", "--all", "--json")
    assert done.returncode == 0, done.stderr
    by_target: dict[str, list[dict]] = {}
    for r in json.loads(done.stdout):
        by_target.setdefault(r["target"], []).append(r)
    return by_target


def run_briefs(notebooks: Path, reports: Path, *args: str, env: dict[str, str] | None = None) -> CliRun:
    """`kh330 run --notebooks NOTEBOOKS --out REPORTS --publish ARGS` (e.g. `--scenario`, `--lang all`; Vietnamese
    only unless ARGS say otherwise): the fixture scenarios are not those of params/publish.yaml, so --publish keeps
    the run in REPORTS."""
    lang = () if "--lang" in args else ("--lang", "vi")
    done = kh330("run", "--notebooks", str(notebooks), "--out", str(reports), "--publish", *lang, *args, env=env)
    return CliRun(done.returncode, done.stdout, done.stderr, reports)


def notebook_folder(dest: Path, *names: str) -> Path:
    """A folder holding copies of the named fixture notebooks (`10_scorecard`, `20_raises`, `30_hangs`)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy2(FIXTURE_NOTEBOOKS / f"{name}.ipynb", dest / f"{name}.ipynb")
    return dest


def tree_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file below `root` (following `root` itself if it is a symlink), by relative path."""
    base = Path(os.path.realpath(root))
    out = {}
    for dirpath, _dirs, files in os.walk(base):
        for name in files:
            p = Path(dirpath) / name
            out[str(p.relative_to(base))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out
