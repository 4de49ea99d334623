"""Shared fixtures: a disposable copy of the project's inputs for tests that write bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kh330lib import paths


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of data/ and params/ under tmp_path (tests may break it freely)."""
    for name in ("data", "params"):
        shutil.copytree(paths.ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("raw", "__pycache__"))
    return tmp_path
