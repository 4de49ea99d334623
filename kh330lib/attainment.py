"""Target attainment: growth ratio (Open SDG/Eurostat), expected-value ratio (UNSD), pace, probability,
cumulative totals, milestones and the money view of R&D targets.

Pure functions of observed values, the target and a `Projection`; thresholds are
arguments (the engine reads them from params/methods.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .catalog import COMPARATORS
from .projection import Projection

# Open SDG / Eurostat statuses, best first.
PROGRESS_STATUSES = ("target_achieved", "on_track", "needs_acceleration", "limited_progress",
                     "deterioration", "insufficient_data")
UNSD_STATUSES = ("target_achieved", "on_track", "fair_progress", "stagnation_or_regression", "insufficient_data")
CUMULATIVE_STATUSES = ("achieved", "on_track", "needs_acceleration", "overdue", "insufficient_data")
MILESTONE_STATUSES = ("achieved", "not_yet", "overdue")


# Ratios equal to a threshold in exact arithmetic must not drop a class through rounding error.
_TOL = 1e-9


def _at_least(x: float, threshold: float) -> bool:
    return x >= threshold - _TOL


def increasing(comparator: str) -> bool:
    return comparator in (">", ">=")


def meets(values: np.ndarray | float, comparator: str, threshold: float) -> np.ndarray:
    """Element-wise: does each value meet the target? ("> 80" is not met by 80)."""
    return np.asarray(COMPARATORS[comparator](np.asarray(values, dtype=float), threshold))


# ---------------------------------------------------------------- base year

@dataclass(frozen=True)
class BaseYear:
    """The base year of the growth ratios and why it was chosen."""

    year: int | None
    note: str | None


def choose_base(years: Sequence[int], *, requested: int | None, years_before_latest: int) -> BaseYear:
    """Base year: `requested` or latest − N; the first year with data from there, else the nearest earlier one."""
    ys = sorted(int(y) for y in years)
    if len(ys) < 2:
        return BaseYear(None, f"{len(ys)} point(s): at least 2 are needed")
    latest = ys[-1]
    want = requested if requested is not None else latest - years_before_latest
    if want >= latest:
        return BaseYear(None, f"base year {want} is not before the latest observation ({latest})")
    after = [y for y in ys if want <= y < latest]
    if after:
        base = after[0]
        note = None if base == want else f"no data for {want}: base year {base}, the first year after it with data"
        return BaseYear(base, note)
    base = max(y for y in ys if y < want)
    return BaseYear(base, f"no data from {want} to {latest - 1}: base year {base}, "
                          "the nearest earlier year that leaves 2 points")


# ---------------------------------------------------------------- growth ratios

def cagr(v0: float, v1: float, t0: int, t1: int) -> float | None:
    """Compound annual growth rate (v1/v0)^(1/(t1 − t0)) − 1; None where undefined (zero, sign change)."""
    if t1 <= t0 or v0 == 0 or v1 / v0 <= 0:
        return None
    return (v1 / v0) ** (1.0 / (t1 - t0)) - 1.0


@dataclass(frozen=True)
class GrowthRatio:
    """Open SDG / Eurostat: observed vs required CAGR."""

    cagr_observed: float | None
    cagr_required: float | None
    ratio: float | None
    status: str | None
    reason: str | None = None

    def to_record(self) -> dict:
        return {"cagr_observed": self.cagr_observed, "cagr_required": self.cagr_required,
                "ratio": self.ratio, "status": self.status}


def growth_ratio(base_year: int | None, base_value: float | None, latest_year: int, latest_value: float,
                 target_value: float, deadline: int, *, comparator: str, met: bool, on_track: float,
                 needs_acceleration: float, limited_progress: float) -> GrowthRatio:
    """Ratio R = sign·d·CAGR_observed/|CAGR_required| (Open SDG); target met overrides the trend."""
    if base_year is None or base_value is None:
        return GrowthRatio(None, None, None, "target_achieved" if met else "insufficient_data",
                           "fewer than 2 points")
    c_obs = cagr(base_value, latest_value, base_year, latest_year)
    c_req = cagr(base_value, target_value, base_year, deadline)
    ratio, reason = None, None
    if c_obs is None or c_req is None:
        reason = ("base value is 0 or the series changes sign: growth rate undefined"
                  if base_value == 0 or latest_value / base_value <= 0 else
                  "target and base have different signs, or the deadline is not after the base year")
    elif c_req == 0:
        reason = "the target equals the base value: required growth is 0"
    else:
        sign = -1.0 if base_value < 0 else 1.0
        direction = 1.0 if increasing(comparator) else -1.0
        ratio = sign * direction * c_obs / abs(c_req)
    if met:
        status: str | None = "target_achieved"
    elif ratio is None:
        status = None
    elif _at_least(ratio, on_track):
        status = "on_track"
    elif _at_least(ratio, needs_acceleration):
        status = "needs_acceleration"
    elif _at_least(ratio, limited_progress):
        status = "limited_progress"
    else:
        status = "deterioration"
    return GrowthRatio(c_obs, c_req, ratio, status, reason)


@dataclass(frozen=True)
class ExpectedValue:
    """UNSD Progress Chart: value expected at the deadline on the observed CAGR, as a share of the way."""

    expected_value: float | None
    ratio: float | None
    status: str | None
    reason: str | None = None

    def to_record(self) -> dict:
        return {"expected_value": self.expected_value, "ratio": self.ratio, "status": self.status}


def unsd_expected(base_year: int | None, base_value: float | None, latest_year: int, latest_value: float,
                  target_value: float, deadline: int, *, met: bool, on_track: float,
                  fair_progress: float) -> ExpectedValue:
    """v_e = v_t·(1 + CAGR)^(T − t); ratio (v_e − v_b)/(target − v_b); 0.95 / 0.10 thresholds."""
    if base_year is None or base_value is None:
        return ExpectedValue(None, None, "target_achieved" if met else "insufficient_data", "fewer than 2 points")
    c = cagr(base_value, latest_value, base_year, latest_year)
    if c is None:
        return ExpectedValue(None, None, "target_achieved" if met else None,
                             "base value is 0 or the series changes sign: growth rate undefined")
    expected = latest_value * (1.0 + c) ** (deadline - latest_year)
    if target_value == base_value:
        return ExpectedValue(expected, None, "target_achieved" if met else None,
                             "the target equals the base value")
    ratio = (expected - base_value) / (target_value - base_value)
    if met:
        status = "target_achieved"
    elif _at_least(ratio, on_track):
        status = "on_track"
    elif _at_least(ratio, fair_progress):
        status = "fair_progress"
    else:
        status = "stagnation_or_regression"
    return ExpectedValue(expected, ratio, status)


# ---------------------------------------------------------------- pace

@dataclass(frozen=True)
class Pace:
    """Observed vs required average annual change, and their quotient."""

    observed_annual_change: float | None
    required_annual_change: float | None
    acceleration_factor: float | None
    reason: str | None = None


def pace(base_year: int | None, base_value: float | None, latest_year: int | None, latest_value: float | None,
         target_value: float, deadline: int, *, comparator: str, met: bool) -> Pace:
    """(latest − base)/(years), (target − latest)/(deadline − latest year), required ÷ observed."""
    if latest_year is None or latest_value is None:
        return Pace(None, None, None, "no observations")
    required = (target_value - latest_value) / (deadline - latest_year) if deadline > latest_year else None
    if base_year is None or base_value is None:
        return Pace(None, required, None, "fewer than 2 points: no observed pace")
    observed = (latest_value - base_value) / (latest_year - base_year)
    if required is None:
        return Pace(observed, None, None, f"the deadline {deadline} is not after the latest year {latest_year}")
    if met:
        return Pace(observed, required, None, "target already met")
    direction = 1.0 if increasing(comparator) else -1.0
    if observed * direction <= 0:
        return Pace(observed, required, None, "no change in the target's direction since the base year")
    return Pace(observed, required, required / observed)


# ---------------------------------------------------------------- probability

@dataclass(frozen=True)
class Probability:
    """P(met in the deadline year), P(met in any year up to it), median first year."""

    p_meet: float | None
    p_meet_by: float | None
    expected_year: int | None
    horizon_end: int
    reason: str | None = None

    @property
    def expected_label(self) -> int | str | None:
        """The median first year, or "after YEAR" when most paths never reach the target."""
        if self.expected_year is not None:
            return self.expected_year
        return None if self.p_meet is None and self.p_meet_by is None else f"after {self.horizon_end}"


def effective_threshold(target_value: float, comparator: str, bounds: tuple[float | None, float | None],
                        tolerance: float) -> tuple[float, str, str | None]:
    """A target on a bound ("100 %") is met within `tolerance` of it (UNSD); else the target itself."""
    lo, hi = bounds
    if increasing(comparator) and hi is not None and target_value >= hi:
        return hi - tolerance, ">=", f"a target of {target_value:g} on the bound counts as met from {hi - tolerance:g}"
    if not increasing(comparator) and lo is not None and target_value <= lo:
        return lo + tolerance, "<=", f"a target of {target_value:g} on the bound counts as met up to {lo + tolerance:g}"
    return target_value, comparator, None


def probability(projection: Projection, *, threshold: float, comparator: str, deadline: int,
                horizon_end: int, latest_year: int, met_latest: bool) -> Probability:
    """Exact P(met at deadline) from the predictive distribution; the rest from the sample paths."""
    p_meet = None
    if projection.index_of(deadline) is not None:
        below = projection.cdf(deadline, threshold)
        assert below is not None
        p_meet = 1.0 - below if increasing(comparator) else below
    paths = projection.paths
    if not paths.size:
        return Probability(p_meet, 1.0 if met_latest else None, latest_year if met_latest else None,
                           horizon_end, "no sample paths")
    fy = projection.future_years
    hit = meets(paths, comparator, threshold)
    upto = fy <= deadline
    p_by = 1.0 if met_latest else float(np.mean(hit[:, upto].any(axis=1))) if upto.any() else None
    if p_by is not None and p_meet is not None:
        # "By the deadline" includes the deadline year: never report the sampled
        # estimate below the exact probability for that year alone.
        p_by = max(p_by, p_meet)
    if met_latest:
        return Probability(p_meet, p_by, latest_year, horizon_end)
    within = fy <= horizon_end
    first = np.where(hit[:, within].any(axis=1), fy[within][np.argmax(hit[:, within], axis=1)], np.inf)
    median = float(np.quantile(first, 0.5, method="inverted_cdf"))
    return Probability(p_meet, p_by, int(median) if np.isfinite(median) else None, horizon_end)


# ---------------------------------------------------------------- cumulative and milestone targets

@dataclass(frozen=True)
class Cumulative:
    """A total counted from `start` to the deadline, against the pace it needs."""

    start: int | None
    deadline: int
    total: float | None
    years_reported: tuple[int, ...]
    missing_years: tuple[int, ...]
    pace_so_far: float | None
    pace_needed: float | None
    acceleration_factor: float | None
    projected_total: float | None
    status: str
    reason: str | None = None

    def to_record(self) -> dict:
        return {"start": self.start, "total": self.total, "years_reported": list(self.years_reported),
                "missing_years": list(self.missing_years), "pace_so_far": self.pace_so_far,
                "pace_needed": self.pace_needed, "acceleration_factor": self.acceleration_factor,
                "projected_total": self.projected_total, "status": self.status, "reason": self.reason}


def cumulative(years: Sequence[int], values: Sequence[float], *, start: int | None, deadline: int,
               target_value: float, comparator: str, as_of: int) -> Cumulative:
    """Total since `start`, pace so far (per elapsed year) vs pace needed (per remaining year)."""
    pairs = [(int(y), float(v)) for y, v in zip(years, values)
             if (start is None or y >= start) and y <= deadline]
    if not pairs:
        since = f" since {start}" if start is not None else ""
        return Cumulative(start, deadline, None, (), (), None, None, None, None, "insufficient_data",
                          f"no annual figures{since}")
    first = start if start is not None else pairs[0][0]
    total = float(sum(v for _, v in pairs))
    latest = max(y for y, _ in pairs)
    reported = tuple(y for y, _ in pairs)
    missing = tuple(y for y in range(first, latest + 1) if y not in reported)
    so_far = total / (latest - first + 1)
    remaining = deadline - latest
    need = (target_value - total) / remaining if remaining > 0 else None
    projected = total + so_far * remaining if remaining > 0 else total
    reason = f"no figures for {', '.join(map(str, missing))}: counted as unknown, not zero" if missing else None
    if bool(meets(total, comparator, target_value)):
        return Cumulative(start, deadline, total, reported, missing, so_far, need, None, projected, "achieved",
                          reason)
    if need is None or as_of > deadline:
        return Cumulative(start, deadline, total, reported, missing, so_far, None, None, projected, "overdue",
                          reason)
    factor = need / so_far if so_far > 0 else None
    status = "on_track" if so_far >= need else "needs_acceleration"
    return Cumulative(start, deadline, total, reported, missing, so_far, need, factor, projected, status, reason)


@dataclass(frozen=True)
class Milestone:
    """An event: achieved (and when), not yet, or overdue."""

    status: str | None
    year_achieved: int | None
    reason: str | None = None

    def to_record(self) -> dict:
        return {"status": self.status, "year_achieved": self.year_achieved, "reason": self.reason}


def milestone(years: Sequence[int], values: Sequence[float], *, deadline: int, as_of: int, comparator: str,
              target_value: float) -> Milestone:
    """Achieved when any report meets the target; overdue when the deadline has passed without it."""
    if len(years) == 0:
        return Milestone(None, None, "no Huế data")
    done = [int(y) for y, v in zip(years, values) if bool(meets(v, comparator, target_value))]
    if done:
        year = min(done)
        return Milestone("achieved", year, f"achieved in {year}, after the deadline {deadline}"
                         if year > deadline else None)
    if as_of > deadline:
        return Milestone("overdue", None, f"not achieved by {deadline}")
    return Milestone("not_yet", None, None)


# ---------------------------------------------------------------- money view

@dataclass(frozen=True)
class MoneyCell:
    """What a share of projected GRDP means in billion VND in one year (median and intervals)."""

    share: float
    year: int
    median: float
    lo80: float
    hi80: float
    lo95: float
    hi95: float

    def to_record(self) -> dict:
        return {"share": self.share, "year": self.year, "median": self.median, "lo80": self.lo80,
                "hi80": self.hi80, "lo95": self.lo95, "hi95": self.hi95}


def money_view(grdp: Projection, shares: Sequence[float], years: Sequence[int]) -> tuple[MoneyCell, ...]:
    """share % × projected GRDP for every (share, year) pair: quantiles scale with a positive factor."""
    out = []
    for year in years:
        q = grdp.at(int(year))
        if q is None:
            continue
        for share in shares:
            f = float(share) / 100.0
            out.append(MoneyCell(float(share), int(year), *(f * q[k] for k in ("median", "lo80", "hi80",
                                                                                  "lo95", "hi95"))))
    return tuple(out)


# ---------------------------------------------------------------- reader-facing verdict words

VERDICT_LABELS = {
    "vi": {
        "target_achieved": "đã đạt mục tiêu", "on_track": "đúng tiến độ", "needs_acceleration": "cần tăng tốc",
        "limited_progress": "tiến bộ hạn chế", "deterioration": "diễn biến xấu đi",
        "insufficient_data": "chưa đủ số liệu", "fair_progress": "có tiến bộ, cần tăng tốc",
        "stagnation_or_regression": "đứng yên hoặc thụt lùi", "achieved": "đã đạt", "not_yet": "chưa hoàn thành",
        "overdue": "quá hạn",
    },
    "en": {
        "target_achieved": "target achieved", "on_track": "on track", "needs_acceleration": "needs acceleration",
        "limited_progress": "limited progress", "deterioration": "deterioration",
        "insufficient_data": "insufficient data", "fair_progress": "fair progress, acceleration needed",
        "stagnation_or_regression": "stagnation or regression", "achieved": "achieved", "not_yet": "not yet",
        "overdue": "overdue",
    },
}
EVIDENCE_LABELS = {
    "vi": {"strong": "mạnh", "moderate": "trung bình", "weak": "yếu", "none": "không có"},
    "en": {"strong": "strong", "moderate": "moderate", "weak": "weak", "none": "none"},
}
