"""Loading the data: registry, observations, sources and departmental vintages → one validated `Dataset`.

The GSO provincial panel and the reference pools are checked here too, and read where they are used
(`kh330lib.data.panel`, `kh330lib.data.pools`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import paths
from ..errors import InputError, Problem
from .catalog import collect_registry
from .observations import collect_observations, collect_sources
from .panel import collect_panel
from .pools import collect_pools
from .tables import Dataset
from .vintages import apply_vintages


def collect_dataset(data: Path | str | None = None, targets: Path | str | None = None,
                    indicators: Path | str | None = None, sources: Path | str | None = None,
                    geos: Path | str | None = None, today: dt.date | None = None, *,
                    as_of: dt.date | str | None = None, vintages: Path | str | None = None,
                    raw: Path | str | None = None) -> tuple[Dataset, list[Problem]]:
    """Validate every input together; return what could be read and all problems.

    Departmental reports under `vintages` (default data/vintages/) received on
    or before `as_of` (a date or 'YYYY-MM-DD'; all when None or '') revise the
    base file; see vintages.py. The panel is read from `raw` (default data/raw/).
    """
    raw_dir = Path(raw) if raw is not None else paths.RAW_DIR
    registry, problems = collect_registry(targets, indicators, geos)
    src, src_problems = collect_sources(sources)
    problems += src_problems
    obs, obs_problems = collect_observations(data, registry, set(src["source"]), today)
    problems += obs_problems
    dataset, vintage_problems = apply_vintages(Dataset(registry, obs, src, raw_dir=raw_dir), as_of=as_of,
                                               directory=vintages, today=today)
    # The panel and the reference pools are read where they are used (the context chart, the forecaster);
    # here they are only checked.
    _, panel_problems = collect_panel(set(src["source"]), directory=raw_dir)
    _, pool_problems = collect_pools(set(src["source"]), set(registry.indicators), directory=raw_dir)
    return dataset, problems + vintage_problems + panel_problems + pool_problems


def load_dataset(data: Path | str | None = None, targets: Path | str | None = None,
                 indicators: Path | str | None = None, sources: Path | str | None = None,
                 geos: Path | str | None = None, today: dt.date | None = None, *,
                 as_of: dt.date | str | None = None, vintages: Path | str | None = None,
                 raw: Path | str | None = None) -> Dataset:
    """Load and validate every input; raise InputError listing every problem."""
    dataset, problems = collect_dataset(data, targets, indicators, sources, geos, today, as_of=as_of,
                                        vintages=vintages, raw=raw)
    if problems:
        raise InputError(problems)
    return dataset
