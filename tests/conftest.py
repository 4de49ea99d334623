"""Shared fixtures: a disposable copy of the project's inputs for tests that write bad files."""

from __future__ import annotations

import atexit
import dataclasses
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable

import pytest

# nbformat → jsonschema imports rfc3987_syntax when installed, which compiles an IRI grammar for
# several seconds per process; no test validates IRIs (kh330lib.run.worker does the same for its workers).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
# The stored calibration goes to a directory of this session (set before kh330lib reads it; the CLI and
# notebook runs the tests start inherit it), never to the checkout's .cache.
if "KH330_CACHE_DIR" not in os.environ:
    os.environ["KH330_CACHE_DIR"] = tempfile.mkdtemp(prefix="kh330-test-cache-")
    atexit.register(shutil.rmtree, os.environ["KH330_CACHE_DIR"], ignore_errors=True)

# `--scenario` accepts files inside params/ only, and folders named here: the fixture scenarios under tests/.
os.environ.setdefault("KH330_SCENARIO_DIRS", str(Path(__file__).parent / "fixtures" / "scenarios"))

from briefs_support import FIXTURE_SCENARIO, CliRun, notebook_folder, run_briefs  # noqa: E402
from browser_support import ARGS, chromium_path  # noqa: E402
from fixture_support import fixture_assessments, fixture_dataset  # noqa: E402, F401 - shared fixtures
from kh330lib import paths  # noqa: E402
from reporting_support import project  # noqa: E402, F401 - the fixture of the reporting tests
from session_support import once_per_session  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (playwright driving the system's browser), shared by the browser tests."""
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of data/ and params/ under tmp_path (tests may break it freely)."""
    for name in ("data", "params"):
        shutil.copytree(paths.ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


# ---- `kh330 run` on fixture trees (see tests/briefs_support.py)


def _once_per_session(tmp_path_factory: pytest.TempPathFactory, name: str,
                      build: Callable[[Path], CliRun]) -> CliRun:
    """A `kh330 run` made once per test session (see session_support.once_per_session)."""
    data = once_per_session(tmp_path_factory, name, lambda base: (lambda done: {
        **dataclasses.asdict(done), "reports": str(done.reports)})(build(base)))
    return CliRun(**{**data, "reports": Path(data["reports"])})


@pytest.fixture(scope="session")
def fixture_briefs(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    """One published run of the fixture scorecard notebook in Vietnamese and English."""
    def build(base: Path) -> CliRun:
        notebooks = notebook_folder(base / "notebooks", "10_scorecard")
        return run_briefs(notebooks, base / "reports", "--scenario", str(FIXTURE_SCENARIO), "--lang", "all")
    return _once_per_session(tmp_path_factory, "fixture-briefs", build)


@pytest.fixture(scope="session")
def suite_briefs(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    """`kh330 run --scenario baseline --lang all --pdf` on the project's notebooks (the set `make briefs` publishes),
    run once."""
    if not sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")):
        pytest.skip(f"no notebooks in {paths.display(paths.NOTEBOOKS_DIR)}")
    if not (paths.SCENARIOS_DIR / "baseline.yaml").exists():
        pytest.skip(f"no {paths.display(paths.SCENARIOS_DIR / 'baseline.yaml')}")
    return _once_per_session(tmp_path_factory, "suite-briefs", lambda base: run_briefs(
        paths.NOTEBOOKS_DIR, base / "reports", "--scenario", "baseline", "--lang", "all", "--pdf"))
