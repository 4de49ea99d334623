"""Provenance of a run: input hashes, package versions, git commit, data vintage, written as manifest.json."""

from __future__ import annotations

import datetime as dt
import secrets
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths

if TYPE_CHECKING:  # pandas is imported lazily: worker processes never need it
    from ..data.tables import Dataset

MANIFEST_NAME = "manifest.json"
# Bumped when the layout of manifest.json changes in a way readers must know about (2: each brief's inputs,
# build and reason, and the shared inputs, for incremental runs).
MANIFEST_FORMAT = 2


def new_run_id(now: dt.datetime) -> str:
    """`20251122T061500Z-3f9a1c`: sorts by time; the suffix keeps two runs in one second apart."""
    return f"{now.astimezone(dt.timezone.utc):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class GitState:
    """The commit the code was run from, and whether the working tree differed from it."""

    commit: str
    dirty: bool


@dataclass(frozen=True)
class DataVintage:
    """How recent the data are: latest observation year, latest source date, latest report received (ISO)."""

    max_year: int | None
    latest_source_date: str | None
    latest_report: str | None = None


@lru_cache(maxsize=1)
def package_versions() -> dict[str, str]:
    """Version of every installed distribution, sorted by name."""
    versions = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            versions[name] = dist.version
    return dict(sorted(versions.items(), key=lambda kv: kv[0].lower()))


def git_state(root: Path | None = None) -> GitState | None:
    """Commit and dirtiness of the checkout, or None outside git (e.g. an unpacked archive)."""
    cwd = root or paths.ROOT
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=cwd, capture_output=True, text=True,
                                timeout=10)
        if commit.returncode != 0:
            return None
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=cwd,
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return GitState(commit.stdout.strip(), bool(status.stdout.strip()))


def data_vintage(dataset: Dataset) -> DataVintage:
    """The newest observation year, the newest `published`/`accessed` date among the sources, and the
    date the newest departmental report (data/vintages/) was received."""
    import pandas as pd

    years = pd.to_numeric(dataset.observations.get("year", pd.Series(dtype=float)), errors="coerce").dropna()
    dates: list[str] = []
    for column in ("published", "accessed"):
        if column in dataset.sources:
            for text in dataset.sources[column].astype(str):
                try:
                    dates.append(dt.date.fromisoformat(text.strip()).isoformat())
                except ValueError:
                    continue  # empty or partial dates say nothing about recency
    history = getattr(dataset, "all_vintages", None)
    received = [d for d in history["received"].astype(str) if d] if history is not None and \
        "received" in history else []
    return DataVintage(int(years.max()) if len(years) else None, max(dates) if dates else None,
                       max(received) if received else None)
