"""What every assessment of a run shares: the data's revision error and the pooled calibration (stored on disk)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import paths
from ..codes import Reason, Why, because
from ..data.catalog import Indicator
from ..data.observations import Dataset
from ..data.panel import calibration_pool, load_panel
from ..data.vintages import revisions
from ..methods.calibration import Calibration, floor_for, load_or_compute
from ..methods.settings import Methods

# One calibration per set of inputs and process: the scorecard assesses several data states with the same pool.
_MEMO: dict[str, Calibration] = {}


@dataclass(frozen=True)
class Calibrated:
    """How every projection of a run is calibrated: the factor of each horizon and the data's revision error."""

    widening: tuple[float, ...]
    revision_points: float
    revision_relative: float
    calibration: Calibration | None
    reason: Reason | None = None
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
    """The pooled calibration for this data and these methods: from the store, or computed and stored once."""
    points, seen = revision_error(dataset, methods)
    panel = load_panel(dataset)
    pool = calibration_pool(panel, dataset, methods.min_national_points)
    if not pool:
        return Calibrated((1.0,), points, methods.revision_sd_relative, None, because(Why.NO_CALIBRATION), seen)
    from_store = load_or_compute(pool, methods, points, paths.CACHE_DIR, memo=_MEMO)
    return Calibrated(from_store.widening, points, methods.revision_sd_relative, from_store, None, seen)
