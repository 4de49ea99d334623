"""Target attainment: growth ratio (Open SDG/Eurostat), expected-value ratio (UNSD), pace, probability,
cumulative totals, milestones and the money view of R&D targets.

Pure functions of observed values, the target and a projection (one model or the ensemble); thresholds are
arguments (the engine reads them from params/methods.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..codes import Reason, UnsdStatus, Verdict, Why, because
from ..data.catalog import COMPARATORS
from .batched import group_by
from .ensemble import Ensemble
from .projection import Projection

# Ratios equal to a threshold in exact arithmetic must not drop a class through rounding error.
_TOL = 1e-9


def _at_least(x: float, threshold: float) -> bool:
    return x >= threshold - _TOL


def increasing(comparator: str) -> bool:
    return comparator in (">", ">=")


def meets(values: np.ndarray | float, comparator: str, threshold: float) -> np.ndarray:
    """Element-wise: does each value meet the target? ("> 80" is not met by 80)."""
    return np.asarray(COMPARATORS[comparator](np.asarray(values, dtype=float), threshold))


def goal_value(target_value: float, comparator: str, step: float) -> float:
    """The smallest value that meets the target: the target for ≥ ≤ =, one reporting `step` beyond it for > <."""
    if comparator == ">":
        return target_value + step
    if comparator == "<":
        return target_value - step
    return target_value


# ---------------------------------------------------------------- base year

@dataclass(frozen=True)
class BaseYear:
    """The base year of the growth ratios and why it was chosen."""

    year: int | None
    note: Reason | None


def choose_base(years: Sequence[int], *, requested: int | None, years_before_latest: int) -> BaseYear:
    """Base year: `requested` or latest − N; the first year with data from there, else the nearest earlier one."""
    ys = sorted(int(y) for y in years)
    if len(ys) < 2:
        return BaseYear(None, because(Why.FEW_POINTS, n=len(ys), need=2))
    latest = ys[-1]
    want = requested if requested is not None else latest - years_before_latest
    if want >= latest:
        return BaseYear(None, because(Why.BASE_NOT_BEFORE_LATEST, base=want, latest=latest))
    after = [y for y in ys if want <= y < latest]
    if after:
        base = after[0]
        note = None if base == want else because(Why.BASE_MOVED_LATER, wanted=want, base=base)
        return BaseYear(base, note)
    base = max(y for y in ys if y < want)
    return BaseYear(base, because(Why.BASE_MOVED_EARLIER, wanted=want, last=latest - 1, base=base))


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
    status: Verdict | None
    reason: Reason | None = None


def growth_ratio(base_year: int | None, base_value: float | None, latest_year: int, latest_value: float,
                 target_value: float, deadline: int, *, comparator: str, met: bool, on_track: float,
                 needs_acceleration: float, limited_progress: float) -> GrowthRatio:
    """Ratio R = sign·d·CAGR_observed/|CAGR_required| (Open SDG); target met overrides the trend."""
    if base_year is None or base_value is None:
        return GrowthRatio(None, None, None, Verdict.TARGET_ACHIEVED if met else Verdict.INSUFFICIENT_DATA,
                           because(Why.FEWER_THAN_TWO))
    c_obs = cagr(base_value, latest_value, base_year, latest_year)
    c_req = cagr(base_value, target_value, base_year, deadline)
    ratio, reason = None, None
    if c_obs is None or c_req is None:
        reason = (because(Why.GROWTH_UNDEFINED) if base_value == 0 or latest_value / base_value <= 0
                  else because(Why.SIGNS_DIFFER))
    elif c_req == 0:
        reason = because(Why.ZERO_GROWTH_NEEDED)
    else:
        sign = -1.0 if base_value < 0 else 1.0
        direction = 1.0 if increasing(comparator) else -1.0
        ratio = sign * direction * c_obs / abs(c_req)
    if met:
        status: Verdict | None = Verdict.TARGET_ACHIEVED
    elif ratio is None:
        status = None
    elif _at_least(ratio, on_track):
        status = Verdict.ON_TRACK
    elif _at_least(ratio, needs_acceleration):
        status = Verdict.NEEDS_ACCELERATION
    elif _at_least(ratio, limited_progress):
        status = Verdict.LIMITED_PROGRESS
    else:
        status = Verdict.DETERIORATION
    return GrowthRatio(c_obs, c_req, ratio, status, reason)


@dataclass(frozen=True)
class ExpectedValue:
    """UNSD Progress Chart: value expected at the deadline on the observed CAGR, as a share of the way."""

    expected_value: float | None
    ratio: float | None
    status: UnsdStatus | None
    reason: Reason | None = None


def unsd_expected(base_year: int | None, base_value: float | None, latest_year: int, latest_value: float,
                  target_value: float, deadline: int, *, met: bool, on_track: float, fair_progress: float,
                  bounds: tuple[float | None, float | None] = (None, None)) -> ExpectedValue:
    """v_e = v_t·(1 + CAGR)^(T − t), kept within the indicator's bounds (a share never passes 100 %);
    ratio (v_e − v_b)/(target − v_b); 0.95 / 0.10 thresholds."""
    if base_year is None or base_value is None:
        return ExpectedValue(None, None, UnsdStatus.TARGET_ACHIEVED if met else UnsdStatus.INSUFFICIENT_DATA,
                             because(Why.FEWER_THAN_TWO))
    c = cagr(base_value, latest_value, base_year, latest_year)
    if c is None:
        return ExpectedValue(None, None, UnsdStatus.TARGET_ACHIEVED if met else None, because(Why.GROWTH_UNDEFINED))
    lo, hi = bounds
    expected = float(np.clip(latest_value * (1.0 + c) ** (deadline - latest_year),
                             -np.inf if lo is None else lo, np.inf if hi is None else hi))
    if target_value == base_value:
        return ExpectedValue(expected, None, UnsdStatus.TARGET_ACHIEVED if met else None,
                             because(Why.TARGET_EQUALS_BASE))
    ratio = (expected - base_value) / (target_value - base_value)
    if met:
        status = UnsdStatus.TARGET_ACHIEVED
    elif _at_least(ratio, on_track):
        status = UnsdStatus.ON_TRACK
    elif _at_least(ratio, fair_progress):
        status = UnsdStatus.FAIR_PROGRESS
    else:
        status = UnsdStatus.STAGNATION_OR_REGRESSION
    return ExpectedValue(expected, ratio, status)


# ---------------------------------------------------------------- pace

@dataclass(frozen=True)
class Pace:
    """Observed vs required average annual change, and their quotient."""

    observed_annual_change: float | None
    required_annual_change: float | None
    acceleration_factor: float | None
    reason: Reason | None = None


def pace(base_year: int | None, base_value: float | None, latest_year: int | None, latest_value: float | None,
         target_value: float, deadline: int, *, comparator: str, met: bool) -> Pace:
    """(latest − base)/(years), (goal − latest)/(deadline − latest year), required ÷ observed.

    `target_value` here is the goal: the smallest value that meets the target (`goal_value`), so a
    "> 80 %" target needs the pace to 80.01 %, not to 80 %, which would not meet it.
    """
    if latest_year is None or latest_value is None:
        return Pace(None, None, None, because(Why.NO_OBSERVATIONS))
    required = (target_value - latest_value) / (deadline - latest_year) if deadline > latest_year else None
    if base_year is None or base_value is None:
        return Pace(None, required, None, because(Why.NO_OBSERVED_PACE))
    observed = (latest_value - base_value) / (latest_year - base_year)
    if required is None:
        return Pace(observed, None, None, because(Why.DEADLINE_NOT_AFTER_LATEST, deadline=deadline, latest=latest_year))
    if met:
        return Pace(observed, required, None, because(Why.TARGET_MET))
    direction = 1.0 if increasing(comparator) else -1.0
    if observed * direction <= 0:
        return Pace(observed, required, None, because(Why.WRONG_DIRECTION))
    return Pace(observed, required, required / observed)


# ---------------------------------------------------------------- probability

@dataclass(frozen=True)
class Probability:
    """P(met in the deadline year), P(met in any year up to it), median first year."""

    p_meet: float | None
    p_meet_by: float | None
    expected_year: int | None
    horizon_end: int
    reason: Reason | None = None

    @property
    def beyond_horizon(self) -> bool:
        """Most paths never reach the target by `horizon_end` (there is a probability but no median year)."""
        return self.expected_year is None and not (self.p_meet is None and self.p_meet_by is None)


def effective_threshold(target_value: float, comparator: str, bounds: tuple[float | None, float | None],
                        tolerance: float) -> tuple[float, str, Reason | None]:
    """A target on a bound ("100 %") is met within `tolerance` of it (UNSD); else the target itself."""
    lo, hi = bounds
    if increasing(comparator) and hi is not None and target_value >= hi:
        return hi - tolerance, ">=", because(Why.ON_UPPER_BOUND, target=target_value, threshold=hi - tolerance)
    if not increasing(comparator) and lo is not None and target_value <= lo:
        return lo + tolerance, "<=", because(Why.ON_LOWER_BOUND, target=target_value, threshold=lo + tolerance)
    return target_value, comparator, None


def path_probability(paths: np.ndarray, future: np.ndarray, *, threshold: np.ndarray, comparator: Sequence[str],
                     deadline: np.ndarray, horizon_end: int, latest_year: np.ndarray, met_latest: np.ndarray,
                     p_meet: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(P(met in any year up to the deadline), median first year met) of every row (each with its comparator) from
    its sample paths (rows × paths × years); NaN where there is none.

    Each row's future years ascend, so both follow from the first year each path meets the target. "By the
    deadline" includes the deadline year: the sampled estimate is never below the exact P(met) of that year alone.
    """
    groups = group_by(list(comparator))
    if len(groups) == 1:
        # One comparator (the usual case): compare in place of gathering the rows first.
        cmp = next(iter(groups))
        hit = meets(paths, cmp, threshold[:, None, None])
    else:
        hit = np.zeros(paths.shape, dtype=bool)
        for cmp, rows in groups.items():
            hit[rows] = meets(paths[rows], cmp, threshold[rows][:, None, None])
    first_idx = np.argmax(hit, axis=2)
    ever = np.take_along_axis(hit, first_idx[:, :, None], axis=2)[:, :, 0]
    first_year = np.take_along_axis(future, first_idx, axis=1)
    upto = future <= deadline[:, None]
    any_upto = ever & (first_year <= deadline[:, None])
    p_by = np.where(upto.any(axis=1), np.mean(any_upto, axis=1), np.nan)
    p_by = np.where(met_latest, 1.0, p_by)
    p_by = np.where(np.isfinite(p_by) & np.isfinite(p_meet), np.maximum(p_by, p_meet), p_by)
    first = np.where(ever & (first_year <= horizon_end), first_year, np.inf)
    median = np.quantile(first, 0.5, axis=1, method="inverted_cdf")
    expected = np.where(met_latest, latest_year, np.where(np.isfinite(median), median, np.nan))
    return p_by, expected


def probability(projection: Projection | Ensemble, *, threshold: float, comparator: str, deadline: int,
                horizon_end: int, latest_year: int, met_latest: bool) -> Probability:
    """Exact P(met at deadline) from the predictive distribution; the rest from the sample paths (as
    `path_probability` with a batch of one)."""
    p_meet = None
    if projection.index_of(deadline) is not None:
        below = projection.cdf(deadline, threshold)
        assert below is not None
        p_meet = 1.0 - below if increasing(comparator) else below
    paths = projection.paths
    if not paths.size:
        return Probability(p_meet, 1.0 if met_latest else None, latest_year if met_latest else None,
                           horizon_end, because(Why.NO_PATHS))
    p_by, expected = path_probability(
        paths[None], np.asarray(projection.future_years)[None], threshold=np.array([threshold]),
        comparator=[comparator], deadline=np.array([deadline]), horizon_end=horizon_end,
        latest_year=np.array([latest_year]), met_latest=np.array([met_latest]),
        p_meet=np.array([np.nan if p_meet is None else p_meet]))
    return Probability(p_meet, None if np.isnan(p_by[0]) else float(p_by[0]),
                       None if np.isnan(expected[0]) else int(expected[0]), horizon_end)


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
    status: Verdict
    reason: Reason | None = None


def cumulative(years: Sequence[int], values: Sequence[float], *, start: int | None, deadline: int,
               target_value: float, comparator: str, as_of: int, goal: float | None = None) -> Cumulative:
    """Total since `start`, pace so far (per elapsed year) vs pace needed (per remaining year) to reach `goal`.

    `goal` is the smallest total that meets the target (see `goal_value`); the target itself by default.
    """
    pairs = [(int(y), float(v)) for y, v in zip(years, values)
             if (start is None or y >= start) and y <= deadline]
    if not pairs:
        why = because(Why.NO_ANNUAL_FIGURES_SINCE, start=start) if start is not None else because(Why.NO_ANNUAL_FIGURES)
        return Cumulative(start, deadline, None, (), (), None, None, None, None, Verdict.INSUFFICIENT_DATA, why)
    first = start if start is not None else pairs[0][0]
    total = float(sum(v for _, v in pairs))
    latest = max(y for y, _ in pairs)
    reported = tuple(y for y, _ in pairs)
    missing = tuple(y for y in range(first, latest + 1) if y not in reported)
    so_far = total / (latest - first + 1)
    remaining = deadline - latest
    need = ((target_value if goal is None else goal) - total) / remaining if remaining > 0 else None
    projected = total + so_far * remaining if remaining > 0 else total
    reason = because(Why.MISSING_YEARS, years=missing) if missing else None
    if bool(meets(total, comparator, target_value)):
        return Cumulative(start, deadline, total, reported, missing, so_far, need, None, projected,
                          Verdict.ACHIEVED, reason)
    if need is None or as_of > deadline:
        return Cumulative(start, deadline, total, reported, missing, so_far, None, None, projected,
                          Verdict.OVERDUE, reason)
    factor = need / so_far if so_far > 0 else None
    status = Verdict.ON_TRACK if so_far >= need else Verdict.NEEDS_ACCELERATION
    return Cumulative(start, deadline, total, reported, missing, so_far, need, factor, projected, status, reason)


@dataclass(frozen=True)
class Milestone:
    """An event: achieved (and when), not yet, or overdue."""

    status: Verdict | None
    year_achieved: int | None
    reason: Reason | None = None


def milestone(years: Sequence[int], values: Sequence[float], *, deadline: int, as_of: int, comparator: str,
              target_value: float) -> Milestone:
    """Achieved when any report meets the target; overdue when the deadline has passed without it."""
    if len(years) == 0:
        return Milestone(None, None, because(Why.NO_DATA))
    done = [int(y) for y, v in zip(years, values) if bool(meets(v, comparator, target_value))]
    if done:
        year = min(done)
        return Milestone(Verdict.ACHIEVED, year,
                         because(Why.ACHIEVED_LATE, year=year, deadline=deadline) if year > deadline else None)
    if as_of > deadline:
        return Milestone(Verdict.OVERDUE, None, because(Why.NOT_ACHIEVED_BY, deadline=deadline))
    return Milestone(Verdict.NOT_YET, None, None)


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

    def rounded(self, step: float) -> "MoneyCell":
        """The same cell with every amount rounded to the nearest `step` (billion VND)."""
        return MoneyCell(self.share, self.year, *(round_money(getattr(self, k), step)
                                                  for k in ("median", "lo80", "hi80", "lo95", "hi95")))


def round_money(value: float, step: float) -> float:
    """`value` to the nearest multiple of `step`, halves away from zero (not to even, as `round` does)."""
    q = abs(value) / step
    return float(np.copysign(np.floor(q + 0.5) * step, value))


def money_horizon(grdp: Projection | Ensemble, max_years_ahead: int) -> int:
    """The last year a money figure is given: the last GRDP observation plus `max_years_ahead`."""
    return int(np.max(grdp.years)) + int(max_years_ahead)


def money_view(grdp: Projection | Ensemble, shares: Sequence[float], years: Sequence[int],
               max_years_ahead: int | None = None) -> tuple[MoneyCell, ...]:
    """share % × projected GRDP for every (share, year) pair: quantiles scale with a positive factor.

    With `max_years_ahead`, years after `money_horizon` get no cell (no basis for a figure there).
    """
    last = money_horizon(grdp, max_years_ahead) if max_years_ahead is not None else None
    out = []
    for year in years:
        q = grdp.at(int(year))
        if q is None or (last is not None and int(year) > last):
            continue
        for share in shares:
            f = float(share) / 100.0
            out.append(MoneyCell(float(share), int(year), *(f * q[k] for k in ("median", "lo80", "hi80",
                                                                                  "lo95", "hi95"))))
    return tuple(out)
