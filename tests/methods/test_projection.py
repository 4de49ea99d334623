"""Projection kernels checked against statsmodels (OLS, ARIMA) and the published formulas."""

from __future__ import annotations

import numpy as np
import pytest

from kh330lib.errors import FitFailure
from kh330lib.methods.projection import Scale, fit, fit_damped, fit_drift, fit_naive, fit_trend, members, scale_for
from kh330lib.words import reason_text

# statsmodels and scipy.stats take over a second to import: the tests that use them import them themselves, so that
# collecting the suite does not wait for them.

# Huế trained-labour rate, broad definition (data/observations.csv).
HUE_YEARS = np.array([2021, 2022, 2023, 2024])
HUE_VALUES = np.array([66.8, 68.0, 70.25, 72.5])
FUTURE = np.arange(2025, 2046)
SHARE = Scale("logit", 0.0, 100.0, 0.001)


def en(reason):
    """The reason as the JSON and the English briefs say it."""
    return reason_text(reason, "en")


def _logit(x: np.ndarray | float) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return np.log(x / (100.0 - x))


def _expit100(g: np.ndarray) -> np.ndarray:
    return 100.0 / (1.0 + np.exp(-np.asarray(g)))


def _ols_frame(years: np.ndarray, y: np.ndarray, future: np.ndarray, alpha: float):
    import statsmodels.api as sm

    res = sm.OLS(y, sm.add_constant(years.astype(float))).fit()
    pred = res.get_prediction(sm.add_constant(future.astype(float), has_constant="add"))
    return pred, pred.summary_frame(alpha=alpha)


# ---------------------------------------------------------------- scales

def test_scale_for_picks_logit_log_identity():
    assert scale_for((0, 100), HUE_VALUES, is_share=True, eps=0.001).kind == "logit"
    assert scale_for((0, None), np.array([66348.0, 73230.0]), is_share=False, eps=0.001).kind == "log"
    assert scale_for((0, None), np.array([0.0, 3.0]), is_share=False, eps=0.001).kind == "identity"
    assert scale_for((-100, None), np.array([4.4, 8.6]), is_share=False, eps=0.001).kind == "identity"


def test_logit_scale_round_trip_and_epsilon_clip():
    x = np.array([0.5, 50.0, 99.0])
    assert np.allclose(SHARE.inverse(SHARE.forward(x)), x)
    # 0 and 100 are clipped to 0.1 and 99.9 (ε = 0.001 of the range) before the logit.
    assert SHARE.forward(100.0) == pytest.approx(np.log(99.9 / 0.1))
    assert SHARE.forward(0.0) == pytest.approx(np.log(0.1 / 99.9))


# ---------------------------------------------------------------- linear / logit / log trend vs statsmodels OLS

def test_logit_trend_matches_statsmodels_obs_ci_back_transformed():
    p = fit_trend(HUE_YEARS, HUE_VALUES, FUTURE, SHARE)
    assert p.model == "logit_linear" and p.df == 2
    for alpha, lo, hi in ((0.2, p.lo80, p.hi80), (0.05, p.lo95, p.hi95)):
        _, frame = _ols_frame(HUE_YEARS, _logit(HUE_VALUES), FUTURE, alpha)
        assert np.allclose(lo, _expit100(frame["obs_ci_lower"]), rtol=1e-10)
        assert np.allclose(hi, _expit100(frame["obs_ci_upper"]), rtol=1e-10)
        assert np.allclose(p.median, _expit100(frame["mean"]), rtol=1e-10)


def test_trend_probability_is_exact_t_on_the_logit_scale():
    from scipy import stats

    p = fit_trend(HUE_YEARS, HUE_VALUES, FUTURE, SHARE)
    pred, frame = _ols_frame(HUE_YEARS, _logit(HUE_VALUES), np.array([2030]), 0.05)
    z = (_logit(80.0) - frame["mean"].iloc[0]) / pred.se_obs[0]
    assert 1 - p.cdf(2030, 80.0) == pytest.approx(1 - stats.t.cdf(z, 2), rel=1e-10)


def test_linear_trend_with_gaps_matches_statsmodels_on_real_years():
    import statsmodels.api as sm

    years = np.array([2010, 2012, 2013, 2016, 2017])
    values = np.array([3.0, 3.9, 4.1, 5.6, 5.8])
    p = fit_trend(years, values, np.arange(2018, 2031), Scale("identity"))
    _, frame = _ols_frame(years, values, np.arange(2018, 2031), 0.2)
    assert np.allclose(p.median, frame["mean"])
    assert np.allclose(p.lo80, frame["obs_ci_lower"]) and np.allclose(p.hi80, frame["obs_ci_upper"])
    assert np.allclose(p.fitted, sm.OLS(values, sm.add_constant(years.astype(float))).fit().fittedvalues)


def test_log_linear_is_constant_growth_with_statsmodels_intervals():
    years = np.array([2022, 2023, 2025])
    values = np.array([66348.0, 73230.0, 91000.0])
    p = fit_trend(years, values, np.arange(2026, 2046), Scale("log", 0.0, None))
    assert p.model == "log_linear"
    _, frame = _ols_frame(years, np.log(values), np.arange(2026, 2046), 0.05)
    assert np.allclose(p.median, np.exp(frame["mean"]))
    assert np.allclose(p.lo95, np.exp(frame["obs_ci_lower"]))
    assert np.allclose(p.hi95, np.exp(frame["obs_ci_upper"]))


def test_trend_on_points_exactly_on_a_line_is_a_failure():
    with pytest.raises(FitFailure) as failure:
        fit_trend(np.array([2020, 2021, 2022]), np.array([1.0, 2.0, 3.0]), np.array([2023]), Scale("identity"))
    assert "exactly on a line" in en(failure.value.reason)


def test_trend_needs_three_points():
    with pytest.raises(FitFailure) as failure:
        fit_trend(np.array([2020, 2021]), np.array([1.0, 2.5]), np.array([2023]), Scale("identity"))
    assert "linear needs at least 3 points, the series has 2" in en(failure.value.reason)


# ---------------------------------------------------------------- drift and naive vs ARIMA and fpp3

Y = np.array([10.0, 11.3, 12.1, 13.8, 14.2, 15.9, 16.4, 18.0])
YRS = np.arange(2010, 2018)
FUT = np.arange(2018, 2024)


def test_drift_point_forecast_matches_arima_010_with_trend():
    from statsmodels.tsa.arima.model import ARIMA

    p = fit_drift(YRS, Y, FUT, Scale("identity"))
    res = ARIMA(Y, order=(0, 1, 0), trend="t").fit()
    assert np.allclose(p.median, res.get_forecast(len(FUT)).predicted_mean, rtol=1e-5)


def test_drift_interval_includes_drift_uncertainty_fpp3_formula():
    from scipy import stats
    from statsmodels.tsa.arima.model import ARIMA

    p = fit_drift(YRS, Y, FUT, Scale("identity"))
    h = np.arange(1, 7)
    t_len = len(Y)
    d = np.diff(Y)
    c = (Y[-1] - Y[0]) / (t_len - 1)
    s2 = np.sum((d - c) ** 2) / (len(d) - 1)
    # fpp3 §5.5: σ_h = σ·√(h(1 + h/(T − 1))); Student-t with m − 1 = 6 df.
    sigma_h = np.sqrt(s2 * h * (1 + h / (t_len - 1)))
    assert np.allclose(p.spread, sigma_h)
    assert np.allclose(p.hi95, Y[-1] + c * h + stats.t.ppf(0.975, 6) * sigma_h)
    # ARIMA's MLE σ² divides by m: same interval up to m/(m − 1).
    res = ARIMA(Y, order=(0, 1, 0), trend="t").fit()
    m = len(d)
    assert np.allclose(p.spread ** 2, res.params[-1] * m / (m - 1) * (h + h ** 2 / (t_len - 1)), rtol=1e-4)


def test_drift_with_gaps_uses_real_spacing():
    years = np.array([2010, 2012, 2013, 2016])
    values = np.array([1.0, 2.2, 2.5, 4.4])
    p = fit_drift(years, values, np.array([2017, 2020]), Scale("identity"))
    gaps = np.array([2.0, 1.0, 3.0])
    d = np.array([1.2, 0.3, 1.9])
    c = 3.4 / 6.0
    s2 = np.sum((d - c * gaps) ** 2 / gaps) / 2
    h = np.array([1.0, 4.0])
    assert np.allclose(p.median, 4.4 + c * h)
    assert np.allclose(p.spread, np.sqrt(s2 * (h + h ** 2 / 6.0)))


def test_naive_matches_arima_010():
    from statsmodels.tsa.arima.model import ARIMA

    p = fit_naive(YRS, Y, FUT, Scale("identity"))
    f = ARIMA(Y, order=(0, 1, 0)).fit().get_forecast(len(FUT))
    assert np.allclose(p.median, Y[-1])
    assert np.allclose(p.spread, f.se_mean, rtol=1e-5)


# ---------------------------------------------------------------- damped drift, by hand

def test_damped_drift_by_hand_and_its_limits():
    phi = 0.9
    p = fit_damped(YRS, Y, FUT, Scale("identity"), phi=phi)
    d = np.diff(Y)
    c = (Y[-1] - Y[0]) / (len(Y) - 1)
    s2 = np.sum((d - c) ** 2) / (len(d) - 1)
    h = np.arange(1, 7)
    damp = np.array([sum(phi ** i for i in range(1, k + 1)) for k in h])  # φ + φ² + … + φ^h
    assert np.allclose(p.median, Y[-1] + c * damp)
    assert np.allclose(p.spread, np.sqrt(s2 * (h + damp ** 2 / (len(Y) - 1))))
    assert p.df == len(d) - 1 and p.model == "damped_0.9"
    # φ = 1 is the drift model; a small φ stays near the latest value like the naive one.
    assert np.allclose(fit_damped(YRS, Y, FUT, Scale("identity"), phi=1.0).median, fit_drift(YRS, Y, FUT,
                                                                                           Scale("identity")).median)
    assert np.allclose(fit_damped(YRS, Y, FUT, Scale("identity"), phi=1e-6).median, Y[-1], atol=1e-4)


def test_members_of_the_ensemble():
    assert members(SHARE, (0.8, 0.9)) == ("logit_linear", "linear", "drift", "damped_0.8", "damped_0.9", "naive")
    assert members(Scale("identity"), (0.9,)) == ("linear", "drift", "damped_0.9", "naive")
    assert members(Scale("log", 0.0), (0.9,)) == ("log_linear", "linear", "drift", "damped_0.9", "naive")
    assert fit("damped_0.8", HUE_YEARS, HUE_VALUES, FUTURE, SHARE).model == "damped_0.8"


# ---------------------------------------------------------------- common shape, paths and properties

@pytest.mark.parametrize("model", ["logit_linear", "linear", "drift", "naive"])
def test_shares_stay_within_bounds(model):
    values = np.array([90.0, 94.0, 97.0, 98.5, 99.2])
    p = fit(model, np.arange(2020, 2025), values, FUTURE, SHARE, n_paths=500, seed=1)
    for arr in (p.median, p.lo80, p.hi80, p.lo95, p.hi95, p.paths):
        assert np.all(arr >= 0.0) and np.all(arr <= 100.0)


@pytest.mark.parametrize("model", ["logit_linear", "drift", "naive"])
def test_path_marginals_follow_the_analytic_distribution(model):
    p = fit(model, HUE_YEARS, HUE_VALUES, FUTURE, SHARE, n_paths=20000, seed=11)
    i = p.index_of(2030)
    for q, analytic in ((0.1, p.lo80[i]), (0.5, p.median[i]), (0.9, p.hi80[i])):
        assert np.quantile(p.paths[:, i], q) == pytest.approx(analytic, abs=0.35)


def test_same_inputs_same_paths_and_seed_matters():
    a = fit("logit_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE, n_paths=100, seed=5)
    b = fit("logit_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE, n_paths=100, seed=5)
    c = fit("logit_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE, n_paths=100, seed=6)
    assert np.array_equal(a.paths, b.paths) and not np.array_equal(a.paths, c.paths)


def test_probability_falls_as_the_target_rises():
    p = fit("logit_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE)
    above = [1 - p.cdf(2030, x) for x in (70, 75, 80, 82, 85, 90, 99)]
    assert all(a > b for a, b in zip(above, above[1:]))
    # The bounds are attainable: values within ε·range of 0 or 100 read as 0 or 100 (mass on the bound).
    assert p.cdf(2030, 100.0) == 1.0 and p.cdf(2030, -0.01) == 0.0
    assert p.cdf(2030, 0.0) == pytest.approx(p.cdf(2030, 0.1), abs=1e-15) and p.cdf(2030, 0.0) < 1e-3


def test_calibration_scales_the_spread_but_never_below_the_floor():
    p = fit("logit_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE, n_paths=50, seed=1)
    w = p.calibrated(1.5, 0.0)
    g = SHARE.forward
    assert np.allclose(g(w.hi80) - g(w.median), 1.5 * (g(p.hi80) - g(p.median)))
    assert np.allclose(w.median, p.median) and w.widening == 1.5
    assert np.allclose(g(w.paths) - w.loc, 1.5 * (g(p.paths) - p.loc))
    # A floor of 2 points: at the median's level the spread is at least 2 points wide on the value scale.
    f = p.calibrated(0.1, 2.0)
    slope = 100.0 / (f.median * (100.0 - f.median))
    assert np.allclose(f.spread, np.maximum(0.1 * p.spread, 2.0 * slope))


def test_points_exactly_on_a_line_get_the_floor_when_one_is_applied():
    years, values = np.array([2020, 2021, 2022]), np.array([1.0, 2.0, 3.0])
    p = fit_trend(years, values, np.array([2023, 2024]), Scale("identity"), n_paths=400, seed=2,
                  allow_flat=True).calibrated(1.0, 0.5)
    assert np.allclose(p.spread, 0.5) and np.allclose(p.median, [4.0, 5.0])
    assert 0.0 < p.cdf(2023, 4.0 + 0.5) < 1.0
    assert np.std(p.paths[:, 0]) > 0.3


def test_linear_on_a_share_uses_the_original_scale_clipped():
    p = fit("linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE)
    assert p.model == "linear" and p.scale.kind == "identity" and p.scale.hi == 100.0
    _, frame = _ols_frame(HUE_YEARS, HUE_VALUES, FUTURE, 0.2)
    assert np.allclose(p.median, np.clip(frame["mean"], 0, 100))


def test_unknown_model():
    with pytest.raises(ValueError, match="unknown model 'arima'"):
        fit("arima", HUE_YEARS, HUE_VALUES, FUTURE, SHARE)
    with pytest.raises(FitFailure) as failure:
        fit("log_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE)
    assert "log_linear does not apply" in en(failure.value.reason)


def test_to_frame_has_fan_chart_columns():
    frame = fit("drift", HUE_YEARS, HUE_VALUES, FUTURE, SHARE).to_frame()
    assert list(frame.columns) == ["year", "median", "lo80", "hi80", "lo95", "hi95"]
    assert frame["year"].tolist() == list(range(2025, 2046))
    assert (frame["lo95"] <= frame["lo80"]).all() and (frame["hi80"] <= frame["hi95"]).all()
