"""The validated data the engine reads (`Dataset`), and the columns and statuses of its tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import paths
from .catalog import Registry

OBS_COLUMNS = ("indicator", "geo", "breakdown", "year", "value", "unit", "source", "status", "note")
OPTIONAL_OBS_COLUMNS = ("period",)
SOURCE_COLUMNS = ("source", "title", "publisher", "url", "published", "accessed")
# Added to each row of Dataset.all_vintages: the vintage file's stem, its received date and intake order
# ("", "" and 0 for data/observations.csv, the seed base).
VINTAGE_COLUMNS = ("vintage", "received", "seq")
STATUSES = ("official", "estimate", "provisional", "proxy", "assumption")
# Statuses that weaken evidence: the figure does not measure the indicator itself.
WEAK_STATUSES = ("proxy", "assumption")


@dataclass(frozen=True)
class Dataset:
    """Everything the engine reads: registry, observations and sources, all validated."""

    registry: Registry
    observations: pd.DataFrame
    sources: pd.DataFrame
    # Every row of every vintage taken into account (observations holds the latest of each); see vintages.py.
    all_vintages: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=[*OBS_COLUMNS, *OPTIONAL_OBS_COLUMNS, "file", "line", *VINTAGE_COLUMNS]))
    # The date the data are as of (vintages received after it left out); None for everything on file.
    as_of: dt.date | None = None
    # Where the raw files read beside the observations live (the GSO provincial panel).
    raw_dir: Path = paths.RAW_DIR

    def source_title(self, source_id: str) -> str:
        hit = self.sources.loc[self.sources["source"] == source_id, "title"]
        return str(hit.iloc[0]) if len(hit) else source_id
