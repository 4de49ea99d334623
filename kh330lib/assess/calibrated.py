"""What every assessment of a run shares: the data's revision error, below which no forecast's spread falls, and
the hashes of what the forecaster is calibrated on (the revision error and the reference pools' files)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..data.catalog import Indicator
from ..data.pools import dataset_pools, pool_files
from ..data.tables import Dataset
from ..data.vintages import revisions
from ..methods.settings import Methods
from ..store.keys import hash_files


def floor_for(unit: str, latest: float, sd_points: float, sd_relative: float) -> float:
    """The measurement error a projection's spread never goes below: points for percentages, else relative."""
    return sd_points if unit.startswith("%") else sd_relative * abs(latest)


@dataclass(frozen=True)
class Calibrated:
    """The data's revision error: in points for shares, relative for other units, and how many revisions it
    rests on (0: the default of params/methods.yaml)."""

    revision_points: float
    revision_relative: float
    revisions_seen: int = 0

    def floor(self, indicator: Indicator, latest: float) -> float:
        return floor_for(indicator.unit, latest, self.revision_points, self.revision_relative)


def revision_error(dataset: Dataset, methods: Methods) -> tuple[float, int]:
    """(sd in percentage points, number of revisions seen): from the revisions on file, else the default."""
    rev = revisions(dataset)
    pct = rev[rev["unit"].str.startswith("%")]
    if len(pct) >= methods.min_revisions:
        return math.sqrt(float(((pct["after"] - pct["before"]) ** 2).mean())), len(pct)
    return methods.revision_sd_points, len(pct)


def calibrate(dataset: Dataset, methods: Methods) -> Calibrated:
    """The revision error of this data (the floor of every forecast's spread)."""
    points, seen = revision_error(dataset, methods)
    return Calibrated(points, methods.revision_sd_relative, seen)


def calibration_inputs(dataset: Dataset, methods: Methods) -> dict[str, Any]:
    """What every projection shares besides the code: the revision error seen in the vintages, and the reference
    pools (params/pools.yaml and the files it names) the forecaster learns from, without forecasting anything."""
    points, seen = revision_error(dataset, methods)
    return {"revision_points": points, "revisions_seen": seen, "pools": hash_files(pool_files(dataset_pools(dataset)))}
