"""Codes the engine returns instead of words: verdicts, cross-check statuses, reasons (`kh330lib.words` says them)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """The one status a target (and training level) gets; progress, cumulative and milestone statuses are verdicts."""

    TARGET_ACHIEVED = "target_achieved"
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATION = "deterioration"
    OVERDUE = "overdue"
    NOT_YET = "not_yet"
    INSUFFICIENT_DATA = "insufficient_data"
    NO_DATA = "no_data"
    QUALITATIVE = "qualitative"


class UnsdStatus(StrEnum):
    """The UNSD expected-value cross-check, shown beside the verdict (never instead of it)."""

    TARGET_ACHIEVED = "target_achieved"
    ON_TRACK = "on_track"
    FAIR_PROGRESS = "fair_progress"
    STAGNATION_OR_REGRESSION = "stagnation_or_regression"
    INSUFFICIENT_DATA = "insufficient_data"


class Band(StrEnum):
    """How likely a target is, in the calibrated words of the IPCC (params/methods.yaml, `likelihood`)."""

    VERY_LIKELY = "very_likely"
    LIKELY = "likely"
    ABOUT_EVEN = "about_even"
    UNLIKELY = "unlikely"
    VERY_UNLIKELY = "very_unlikely"


class Case(StrEnum):
    """A sensitivity case: what would change the answer (leave a point out, revise an estimate, a break)."""

    LEAVE_OUT = "leave_out"
    REVISED_DOWN = "revised_down"
    REVISED_UP = "revised_up"
    BEFORE_BREAK_KEPT = "before_break_kept"


class Why(StrEnum):
    """Why a figure is missing, or what a reader should know about it; the arguments each takes are in words/en.py."""

    # data
    NO_DATA = "no_data"
    NO_DATA_GEO = "no_data_geo"
    NO_OBSERVATIONS = "no_observations"
    QUALITATIVE = "qualitative"
    ASSUMED_VALUES = "assumed_values"
    BREAK_USED = "break_used"
    BREAK_KEPT = "break_kept"
    # base year and growth ratios
    FEW_POINTS = "few_points"
    FEWER_THAN_TWO = "fewer_than_two"
    BASE_NOT_BEFORE_LATEST = "base_not_before_latest"
    BASE_MOVED_LATER = "base_moved_later"
    BASE_MOVED_EARLIER = "base_moved_earlier"
    GROWTH_UNDEFINED = "growth_undefined"
    SIGNS_DIFFER = "signs_differ"
    TARGET_EQUALS_BASE = "target_equals_base"
    ZERO_GROWTH_NEEDED = "zero_growth_needed"
    # pace
    NO_OBSERVED_PACE = "no_observed_pace"
    DEADLINE_NOT_AFTER_LATEST = "deadline_not_after_latest"
    TARGET_MET = "target_met"
    WRONG_DIRECTION = "wrong_direction"
    # projection, probability
    FEW_POINTS_PROJECTION = "few_points_projection"
    FORECAST_NOT_BEFORE = "forecast_not_before"
    NO_PROJECTION = "no_projection"
    NO_MODEL = "no_model"
    FELL_BACK = "fell_back"
    NO_PATHS = "no_paths"
    ON_UPPER_BOUND = "on_upper_bound"
    ON_LOWER_BOUND = "on_lower_bound"
    # fitting one model
    FIT_TOO_SHORT = "fit_too_short"
    FIT_YEARS_NOT_INCREASING = "fit_years_not_increasing"
    FIT_FUTURE_NOT_AFTER = "fit_future_not_after"
    FIT_WRONG_SCALE = "fit_wrong_scale"
    FIT_EXACT_LINE = "fit_exact_line"
    FIT_CONSTANT_CHANGE = "fit_constant_change"
    FIT_NO_CHANGE = "fit_no_change"
    # backtests
    TOO_FEW_TO_TEST = "too_few_to_test"
    NO_CALIBRATION = "no_calibration"
    # evidence
    EVIDENCE_LEVEL = "evidence_level"
    EVIDENCE_ALL_WEAK = "evidence_all_weak"
    EVIDENCE_LOWERED = "evidence_lowered"
    # cumulative targets and milestones
    NO_ANNUAL_FIGURES = "no_annual_figures"
    NO_ANNUAL_FIGURES_SINCE = "no_annual_figures_since"
    MISSING_YEARS = "missing_years"
    ACHIEVED_LATE = "achieved_late"
    NOT_ACHIEVED_BY = "not_achieved_by"
    # the money view of the R&D targets
    MONEY_NO_DENOMINATOR = "money_no_denominator"
    MONEY_NO_PROJECTION = "money_no_projection"


@dataclass(frozen=True)
class Reason:
    """A code with the numbers and names it speaks of; `kh330lib.words.reason_text` turns it into a sentence."""

    code: Why
    args: tuple[tuple[str, Any], ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.args).get(key, default)

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.args)


def because(code: Why, **args: Any) -> Reason:
    """A Reason: `because(Why.FEW_POINTS, n=1, need=2)`; list arguments are kept as tuples (hashable)."""
    return Reason(code, tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in args.items()))
