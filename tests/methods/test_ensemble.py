"""The ensemble: its CDF is the weighted sum of its members' CDFs, its quantiles invert it, its weights are fixed."""

from __future__ import annotations

import numpy as np
import pytest

from kh330lib.errors import FitFailure
from kh330lib.methods.ensemble import fit_ensemble, member_weights
from kh330lib.methods.projection import Scale, members

# scipy.stats takes half a second to import: the tests that use it import it themselves, so that collecting the suite
# does not wait for it.

HUE_YEARS = np.array([2021, 2022, 2023, 2024])
HUE_VALUES = np.array([66.8, 68.0, 70.25, 72.5])
FUTURE = np.arange(2025, 2036)
SHARE = Scale("logit", 0.0, 100.0, 0.001)
WEIGHTS = {"linear": 1, "logit_linear": 1, "log_linear": 1, "drift": 1, "damped": 1, "naive": 1}
PHIS = (0.8, 0.9, 0.98)


@pytest.fixture(scope="module")
def ens():
    return fit_ensemble(HUE_YEARS, HUE_VALUES, FUTURE, SHARE, members(SHARE, PHIS), WEIGHTS, n_paths=4000, seed=3)


def _member_cdf(m, x: float, i: int) -> float:
    """One member's CDF by hand: Student t on its own scale (logit written out; identity clipped to 0–100)."""
    from scipy import stats

    p = m.projection
    if p.scale.kind == "logit":
        g = np.log(x / (100.0 - x))
    else:
        if x >= 100.0:
            return 1.0
        g = x
    return float(stats.t.cdf((g - p.loc[i]) / p.spread[i], p.df))


def test_weights_split_each_family_equally_among_its_members():
    names = members(SHARE, PHIS)
    w = member_weights(names, WEIGHTS)
    # Five families apply to a share (log_linear does not): 1/5 each; the three damped drifts share one fifth.
    assert w["logit_linear"] == pytest.approx(0.2) and w["naive"] == pytest.approx(0.2)
    assert w["damped_0.9"] == pytest.approx(0.2 / 3)
    assert sum(w.values()) == pytest.approx(1.0)
    assert member_weights(["naive", "drift"], {"naive": 0, "drift": 0}) == {}


@pytest.mark.parametrize("x", [70.0, 75.0, 80.0, 85.0])
def test_mixture_cdf_is_the_weighted_sum_of_member_cdfs(ens, x):
    i = int(np.flatnonzero(FUTURE == 2030)[0])
    by_hand = sum(m.weight * _member_cdf(m, x, i) for m in ens.members)
    assert ens.cdf(2030, x) == pytest.approx(by_hand, abs=1e-12)
    # P(met) under each member alone is one minus its CDF.
    for name, p in ens.member_p(2030, x, increasing=True).items():
        m = next(m for m in ens.members if m.name == name)
        assert p == pytest.approx(1.0 - _member_cdf(m, x, i), abs=1e-12)


@pytest.mark.parametrize("level", [0.025, 0.10, 0.30, 0.50, 0.90, 0.975])
def test_quantiles_invert_the_mixture_cdf(ens, level):
    q = ens.quantile(level)
    for i in range(len(FUTURE)):
        assert float(ens.cdf_values(q)[i]) == pytest.approx(level, abs=1e-9)
    members_q = np.array([m.projection.quantile(level) for m in ens.members])
    assert np.all(q >= members_q.min(axis=0) - 1e-9) and np.all(q <= members_q.max(axis=0) + 1e-9)


def test_disagreeing_models_widen_the_interval_beyond_any_single_trend(ens):
    trend = next(m.projection for m in ens.members if m.name == "logit_linear")
    at = ens.at(2030)
    assert at["lo80"] < trend.at(2030)["lo80"]
    assert 0.0 < at["lo95"] < at["lo80"] < at["median"] < at["hi80"] < at["hi95"] < 100.0


def test_sample_paths_follow_the_mixture(ens):
    i = int(np.flatnonzero(FUTURE == 2030)[0])
    share_below = float(np.mean(ens.paths[:, i] <= 80.0))
    # 4,000 draws: the binomial standard error is below 0.008.
    assert share_below == pytest.approx(ens.cdf(2030, 80.0), abs=0.03)
    counts = np.bincount(ens.picks, minlength=len(ens.members)) / len(ens.picks)
    assert counts == pytest.approx([m.weight for m in ens.members], abs=0.03)


def test_calibrated_scales_every_member_and_keeps_the_floor(ens):
    narrow = ens.calibrated(0.5, floor=0.0)
    for a, b in zip(ens.members, narrow.members):
        assert b.projection.spread == pytest.approx(0.5 * a.projection.spread)
    floored = ens.calibrated(0.0, floor=1.0)
    # A zero factor leaves only the floor: 1 point at the median, on each member's scale.
    for m in floored.members:
        p = m.projection
        expected = [p.scale.slope(float(x)) for x in p.median]
        assert p.spread == pytest.approx(expected)


def test_a_series_no_member_can_fit_fails_with_the_first_reason():
    with pytest.raises(FitFailure):
        fit_ensemble(HUE_YEARS[:1], HUE_VALUES[:1], FUTURE, SHARE, members(SHARE, PHIS), WEIGHTS)
