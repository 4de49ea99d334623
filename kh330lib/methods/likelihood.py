"""How likely a target is: the combined probability, the models' and the sensitivity cases' range, and a band."""

from __future__ import annotations

from dataclasses import dataclass

from ..codes import Band, Case
from .settings import Methods


@dataclass(frozen=True)
class ModelChance:
    """P(met) under one member of the ensemble alone, and its weight in the mix."""

    name: str
    p: float
    weight: float


@dataclass(frozen=True)
class CaseChance:
    """P(met) when the data are changed in one way: a point left out, an estimate revised, a break."""

    case: Case
    year: int
    p: float
    shift: float = 0.0

    @property
    def label(self) -> str:
        """The case as the JSON names it: `leave_out:2022`, `revised_down:2024`, `after_break_only:2019`."""
        return f"{self.case.value}:{self.year}"


@dataclass(frozen=True)
class Chance:
    """The answer to "how likely?": the combined P, its band, and how far models and cases move it."""

    combined: float
    band: Band
    low: float
    high: float
    models: tuple[ModelChance, ...]
    cases: tuple[CaseChance, ...]
    # Whether the evidence supports showing one number (enough points and a narrow range); else band and range.
    as_number: bool


def band(p: float, methods: Methods) -> Band:
    """The IPCC band of a probability (lower edges from params/methods.yaml)."""
    if p >= methods.very_likely:
        return Band.VERY_LIKELY
    if p >= methods.likely:
        return Band.LIKELY
    if p >= methods.about_even:
        return Band.ABOUT_EVEN
    if p >= methods.unlikely:
        return Band.UNLIKELY
    return Band.VERY_UNLIKELY


def chance(combined: float, models: tuple[ModelChance, ...], cases: tuple[CaseChance, ...], n_points: int,
           methods: Methods) -> Chance:
    """Combine: the band of the combined P; the range over the combined P, every model and every case."""
    every = [combined, *(m.p for m in models), *(c.p for c in cases)]
    low, high = min(every), max(every)
    as_number = n_points >= methods.min_points_number and high - low <= methods.max_range
    return Chance(combined, band(combined, methods), low, high, models, cases, as_number)
