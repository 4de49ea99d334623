"""Where each target stands in the data: latest Huế value, number of points, or proxies when none."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .annual import annual_series
from .catalog import Target
from .tables import Dataset


@dataclass(frozen=True)
class Point:
    """One observation as the status table shows it."""

    year: int
    value: float
    status: str
    source: str
    period: str = ""


@dataclass(frozen=True)
class ProxyStatus:
    """A stand-in series for a target without Huế data."""

    indicator: str
    geo: str
    relation: str
    n_points: int
    latest: Point | None
    unit: str


@dataclass(frozen=True)
class TargetStatus:
    """Data status of one target (and one breakdown level, where the target has them)."""

    target: Target
    breakdown: str
    n_points: int
    first_year: int | None
    latest: Point | None
    proxies: tuple[ProxyStatus, ...]

    @property
    def has_data(self) -> bool:
        return self.n_points > 0


def _latest(series: pd.DataFrame) -> Point | None:
    if series.empty:
        return None
    row = series.iloc[-1]
    return Point(int(row["year"]), float(row["value"]), str(row["status"]), str(row["source"]), str(row["period"]))


def proxies_for(dataset: Dataset, indicator_id: str, breakdown: str = "") -> tuple[ProxyStatus, ...]:
    """National series of the same indicator, then the catalogue's declared proxies, that have data."""
    ind = dataset.registry.indicators[indicator_id]
    candidates = [(indicator_id, "VN", "same indicator, national level")]
    candidates += [(p.indicator, p.geo, p.relation) for p in ind.proxies]
    out = []
    for pid, geo, relation in candidates:
        series = annual_series(dataset.observations, pid, geo, breakdown if pid == indicator_id else "")
        if not series.empty:
            out.append(ProxyStatus(pid, geo, relation, len(series), _latest(series),
                                   dataset.registry.indicators[pid].unit))
    return tuple(out)


def target_status(dataset: Dataset, target: Target) -> list[TargetStatus]:
    """One TargetStatus per breakdown level of the target (one for targets without breakdown)."""
    if target.indicator is None:
        return [TargetStatus(target, "", 0, None, None, ())]
    out = []
    for breakdown in target.breakdown or ("",):
        series = annual_series(dataset.observations, target.indicator, target.geo, breakdown)
        proxies = () if not series.empty else proxies_for(dataset, target.indicator, breakdown)
        out.append(TargetStatus(target, breakdown, len(series),
                                int(series["year"].iloc[0]) if len(series) else None,
                                _latest(series), proxies))
    return out


def status_all(dataset: Dataset) -> list[TargetStatus]:
    """Status of every target in registry order."""
    return [s for tgt in dataset.registry.targets for s in target_status(dataset, tgt)]
