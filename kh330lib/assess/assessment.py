"""`Assessment`: everything known about one target and level under one scenario, with its one `Verdict`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd

from ..codes import Reason, Verdict
from ..data.catalog import Indicator, Target
from ..data.pools import ReferencePool
from ..data.scenarios import Scenario
from ..data.tables import WEAK_STATUSES
from ..methods.attainment import (
    BaseYear,
    Cumulative,
    ExpectedValue,
    GrowthRatio,
    Milestone,
    MoneyCell,
    Pace,
    Probability,
)
from ..methods.ensemble import Ensemble
from ..methods.evidence import Evidence
from ..methods.likelihood import Chance
from ..methods.outside import OutsideView
from .series import OwnBacktest, ProxyView


def headline(kind: str, has_data: bool, progress: GrowthRatio | None, cumulative: Cumulative | None,
             milestone: Milestone | None, band: str | None = None, rule: Mapping[str, str] | None = None) -> Verdict:
    """The one verdict of a target: a level target's follows the band of its chance (`rule`, params/methods.yaml
    `verdict`), met once met, `insufficient_data` without a chance; cumulative totals and milestones their own
    status; `no_data` without data, `qualitative` without a number. Without a rule, the growth ratio's status."""
    if kind == "qualitative":
        return Verdict.QUALITATIVE
    if not has_data:
        return Verdict.NO_DATA
    if kind == "cumulative" and cumulative is not None:
        status = cumulative.status
    elif kind == "milestone" and milestone is not None:
        status = milestone.status
    elif progress is not None and progress.status == Verdict.TARGET_ACHIEVED:
        return Verdict.TARGET_ACHIEVED
    elif rule is not None:
        return Verdict(rule[band]) if band is not None else Verdict.INSUFFICIENT_DATA
    else:
        status = progress.status if progress is not None else None
    return Verdict(status) if status else Verdict.INSUFFICIENT_DATA


@dataclass(frozen=True, eq=False)
class Assessment:
    """Everything known about one target (and breakdown level) under one scenario.

    `verdict` is derived from the parts when the Assessment is made; `reason`,
    `reasons` and `notes` are codes (`kh330lib.codes`), said in words by
    `kh330lib.words`.
    """

    target: Target
    breakdown: str
    geo: str
    scenario: Scenario
    series: pd.DataFrame
    evidence: Evidence
    as_of: int
    base: BaseYear | None = None
    progress: GrowthRatio | None = None
    unsd: ExpectedValue | None = None
    pace: Pace | None = None
    projection: Ensemble | None = None
    backtest: OwnBacktest | None = None
    probability: Probability | None = None
    chance: Chance | None = None
    threshold: float | None = None
    threshold_comparator: str | None = None
    required: pd.DataFrame | None = None
    cumulative: Cumulative | None = None
    milestone: Milestone | None = None
    money: tuple[MoneyCell, ...] = ()
    money_projection: Ensemble | None = None
    money_denominator: str | None = None
    proxies: tuple[ProxyView, ...] = ()
    indicator: Indicator | None = None
    reason: tuple[Reason, ...] = ()
    reasons: dict[str, Reason] = field(default_factory=dict)
    notes: tuple[Reason, ...] = ()
    # The reference pool the forecast learnt from (None: the series' own points only), and the outside view:
    # its similar cases counted from `outside_from` (geo, year, value: Huế's latest, or a national starting point).
    pool: ReferencePool | None = None
    outside: OutsideView | None = None
    outside_from: tuple[str, int, float] | None = None
    # How the chance gives the verdict (params/methods.yaml `verdict.bands`); None: the growth ratio's status.
    verdict_rule: Mapping[str, str] | None = None
    verdict: Verdict = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "verdict", headline(self.kind, self.has_data, self.progress, self.cumulative,
                                                     self.milestone, self.chance.band if self.chance else None,
                                                     self.verdict_rule))

    @property
    def kind(self) -> str:
        return self.target.kind

    @property
    def model(self) -> str | None:
        return self.projection.model if self.projection else None

    @property
    def integer(self) -> bool:
        """Whether the indicator counts whole units (persons, schools), so values show no decimals."""
        return bool(self.indicator and self.indicator.integer)

    @property
    def n_points(self) -> int:
        return int(len(self.series))

    @property
    def latest_year(self) -> int | None:
        return int(self.series["year"].iloc[-1]) if len(self.series) else None

    @property
    def latest_value(self) -> float | None:
        return float(self.series["value"].iloc[-1]) if len(self.series) else None

    @property
    def latest_status(self) -> str:
        return str(self.series["status"].iloc[-1]) if len(self.series) else ""

    @property
    def base_value(self) -> float | None:
        if self.base is None or self.base.year is None:
            return None
        return float(self.series.loc[self.series["year"] == self.base.year, "value"].iloc[0])

    @property
    def has_assumptions(self) -> bool:
        return bool(len(self.series)) and bool((self.series["status"] == "assumption").any())

    @property
    def has_data(self) -> bool:
        return self.n_points > 0

    @property
    def measured(self) -> bool:
        """Whether Huế has at least one measured value (proxies and assumed values are not data)."""
        return self.has_data and bool((~self.series["status"].isin(WEAK_STATUSES)).any())

    @property
    def p_meet(self) -> float | None:
        return self.probability.p_meet if self.probability is not None else None

    @property
    def own_money(self) -> MoneyCell | None:
        """The money view of this target's own share in its own deadline year (R&D share targets only)."""
        return next((c for c in self.money if c.share == self.target.value and c.year == self.target.deadline),
                    None)

    @property
    def widening_at_deadline(self) -> float | None:
        """The calibration factor of the deadline year's interval (None without a projection to that year)."""
        if self.projection is None or self.projection.index_of(self.target.deadline) is None:
            return None
        widening = np.broadcast_to(np.asarray(self.projection.widening, dtype=float),
                                   self.projection.future_years.shape)
        return float(widening[self.projection.index_of(self.target.deadline)])

    def at_deadline(self) -> dict[str, float] | None:
        """Median and intervals of the projection in the deadline year, or None."""
        return self.projection.at(self.target.deadline) if self.projection is not None else None
