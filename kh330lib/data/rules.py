"""One set of rules for every value and year, wherever it comes from: a row of observations.csv, a workbook
cell, a scenario file (assumed values, points a year, multipliers, years), a command-line option or a notebook
parameter. Each rule returns (message, fix) or None; the caller adds where the value was (file:line, cell).

Bounds come from the indicator's unit in params/indicators.yaml, so a share is 0–100 whatever route it took.
"""

from __future__ import annotations

import math

from ..errors import quote
from .catalog import Indicator

# Years a value may belong to: observations from FIRST_YEAR to this year, scenario years up to LAST_YEAR.
FIRST_YEAR, LAST_YEAR = 1900, 2100
# No figure here comes near 10^15 (Viet Nam's GDP is about 10^7 billion VND); beyond it a value is a typing
# or unit error, and counts would no longer be whole numbers a float can hold exactly (2^53 ≈ 9·10^15).
MAX_MAGNITUDE = 1e15
# A multiplier of a trend's pace above this is a typing error (100 for 1.00), not an assumption.
MAX_MULTIPLIER = 10.0

Rule = tuple[str, str] | None


def value_problem(value: float, ind: Indicator, *, percent_written: bool = False, of: str = "",
                  typed: bool = False) -> Rule:
    """What is wrong with `value` for `ind`, or None.

    `percent_written` says the reader saw a percent (a % sign or a percent-formatted cell), which settles
    whether 0.35 meant 0.35 %; `of` names the indicator in the message where the place does not; `typed`
    words the fix for a workbook cell rather than a file.
    """
    verb = "type" if typed else "write"
    of = f" for {of}" if of else ""
    if not math.isfinite(value) or abs(value) >= MAX_MAGNITUDE:
        return (f"{value:g}{of} is not a plausible value",
                f"values must be finite and below {MAX_MAGNITUDE:g} in size; check the number and its unit")
    if ind.is_share and not percent_written and 0 < value <= 1 and not ind.small_values:
        small = f"{value:g}% for {value:g} %" if typed else \
            "mark the indicator 'small_values: true' in params/indicators.yaml if values this small are real"
        return (f"{value:g}{of} is ambiguous: {value:g} % or {value * 100:g} % written as a fraction?",
                f"{verb} {value * 100:g} for {value * 100:g} %, or {small}")
    lo, hi = ind.bounds
    if ind.integer and lo == 0 and value < 0:
        return f"negative count {value:g}{of}", "counts cannot be negative; check the sign"
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        return f"{value:g} is outside the bounds {_span(lo, hi)}{of}", (
            "shares are percentages between 0 and 100" if (lo, hi) == (0, 100) else "check the value and its unit")
    if ind.integer and value != int(value):
        return f"{value:g} is not a whole number{of}, but the unit is {ind.unit}", f"{verb} a whole number"
    return None


def change_problem(points: float, ind: Indicator) -> Rule:
    """A change a year (scenario `points`) that no value within the indicator's bounds could make."""
    lo, hi = ind.bounds
    if not math.isfinite(points) or abs(points) >= MAX_MAGNITUDE:
        return f"{points:g} a year is not a plausible change", "check the number and its unit"
    if lo is not None and hi is not None and abs(points) > hi - lo:
        return (f"{points:g} a year is more than the whole range {_span(lo, hi)} of {ind.id}",
                f"write the change a year in {ind.unit}, e.g. 1.5 for 1.5 points")
    return None


def multiplier_problem(multiplier: float) -> Rule:
    """A multiplier of a trend's pace (scenario `growth_multiplier`)."""
    if not math.isfinite(multiplier) or multiplier <= 0:
        return f"must be positive, got {quote(multiplier)}", "1 keeps the trend, 1.5 makes it half as fast again"
    if multiplier > MAX_MULTIPLIER:
        return (f"{multiplier:g} would make the trend more than {MAX_MULTIPLIER:g} times as fast",
                "write a factor such as 1.25 for a quarter faster, not a percentage")
    return None


def year_problem(year: object) -> Rule:
    """A year of a scenario (assumed values, `from_year`): a whole number FIRST_YEAR–LAST_YEAR."""
    if isinstance(year, int) and not isinstance(year, bool) and FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"must be a year {FIRST_YEAR}–{LAST_YEAR}, got {quote(year)}", "write a four-digit year, e.g. 2026"


def observed_year_problem(year: int, this_year: int, *, typed: bool = False) -> Rule:
    """A year of an observation (CSV row, workbook column): FIRST_YEAR to this year (`typed`: a workbook)."""
    if year > this_year:
        return f"year {year} is in the future", (
            "report past and current years only; remove this column" if typed else
            "observations are for past years; put projections and assumptions in params/scenarios/")
    if year < FIRST_YEAR:
        return f"{year} is not a plausible year", "write a four-digit year"
    return None


def base_year_problem(base_year: object, latest: int | None, *, of: str = "the data") -> Rule:
    """The one rule of a base year: 0 or None (params/methods.yaml chooses), else a year before the latest.

    `latest` is the latest year of the series growth is measured on (or of the whole dataset for a brief
    or `--all`); None when not known yet (only the range is checked).
    """
    if base_year is None or base_year == 0:
        return None
    if not isinstance(base_year, int) or isinstance(base_year, bool) or not FIRST_YEAR <= base_year <= LAST_YEAR:
        return (f"{quote(base_year)} is not a year",
                "write a four-digit year such as 2020; 0 or nothing leaves the choice to params/methods.yaml")
    if latest is not None and base_year >= latest:
        return (f"{base_year} is not before the latest year of {of} ({latest}): no growth can be measured from it",
                f"choose a year before {latest}; 0 or nothing leaves the choice to params/methods.yaml")
    return None


def _span(lo: float | None, hi: float | None) -> str:
    return f"{'' if lo is None else f'{lo:g}'}–{'' if hi is None else f'{hi:g}'}"
