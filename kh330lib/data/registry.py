"""The plan's targets, the indicator catalogue, the geos and the reporting units as typed objects (read and
validated from params/ by kh330lib.data.catalog)."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import paths
from ..errors import InputError, problem, short

# Comparators as the plan words them: ">" for "trên"/"hơn", ">=" for
# "tối thiểu"/"ít nhất"/"≥"/"đạt" (and their mirror images for decreases).
COMPARATORS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
}


@dataclass(frozen=True)
class Break:
    """A known break in a series (method change, census rebasing, a new administrative unit).

    Projections use only the points after a break, unless `continues`: the
    values on both sides are comparable (the change is recorded, the series is
    not cut; the sensitivity table shows what cutting it would do).
    """

    period: str
    note: str
    continues: bool = False


@dataclass(frozen=True)
class Proxy:
    """A series that may stand in, labelled as a proxy, where the indicator has no data."""

    indicator: str
    geo: str
    relation: str


@dataclass(frozen=True)
class Indicator:
    """One entry of params/indicators.yaml."""

    id: str
    label_vi: str
    label_en: str
    unit: str
    bounds: tuple[float | None, float | None]
    direction: str
    definition: str
    breaks: tuple[Break, ...] = ()
    integer: bool = False
    breakdowns: tuple[str, ...] = ()
    proxies: tuple[Proxy, ...] = ()
    source: str = ""
    reporters: tuple[str, ...] = ()
    # A share whose real values can lie at or below 1 %: a value between 0 and 1 is then not ambiguous.
    small_values: bool = False
    # Measures the workforce or schools as a whole, not high-tech capacity (e.g. the broad trained-labour rate).
    general: bool = False

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    @property
    def is_share(self) -> bool:
        """True for percentages bounded on both sides (modelled on the logit scale)."""
        lo, hi = self.bounds
        return lo is not None and hi is not None and not self.integer


@dataclass(frozen=True)
class Target:
    """One target of Plan 330 section II."""

    id: str
    clause: str
    text_vi: str
    label_vi: str
    label_en: str
    indicator: str | None
    kind: str
    comparator: str | None
    value: float | None
    unit: str | None
    deadline: int
    breakdown: tuple[str, ...] = ()
    notes: str = ""
    start: int | None = None
    geo: str = "VN-HUE"
    source: str = "KH330"

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def met(self, value: float) -> bool:
        """Whether `value` meets the target, honouring the plan's comparator ("> 80" is not met by 80)."""
        if self.comparator is None or self.value is None:
            raise ValueError(f"target {self.id} is {self.kind}: it has no comparator")
        return COMPARATORS[self.comparator](value, self.value)

    @property
    def increasing(self) -> bool:
        return self.comparator in (">", ">=")


@dataclass(frozen=True)
class Geo:
    """A geographic unit the data may use."""

    id: str
    label_vi: str
    label_en: str
    level: str
    parent: str | None = None
    source: str = ""
    # Breaks that concern every series of the area (a new administrative unit, a merger).
    breaks: tuple[Break, ...] = ()

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en


@dataclass(frozen=True)
class ReportingUnit:
    """A body that reports to the Department of Education and Training (Plan 330 section V)."""

    id: str
    label_vi: str
    label_en: str
    clause: str
    source: str

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en


@dataclass(frozen=True)
class Registry:
    """Targets, indicators and geos, validated together."""

    targets: tuple[Target, ...]
    indicators: dict[str, Indicator]
    geos: dict[str, Geo]
    files: tuple[Path, ...] = field(default=())
    units: dict[str, ReportingUnit] = field(default_factory=dict)

    def target(self, target_id: str) -> Target:
        for t in self.targets:
            if t.id == target_id:
                return t
        known = ", ".join(t.id for t in self.targets)
        raise InputError([problem(paths.TARGETS, None, "id", f"unknown target '{short(target_id)}'",
                                  f"use one of: {known}", kind="field")])

    def indicator(self, indicator_id: str) -> Indicator:
        return self.indicators[indicator_id]
