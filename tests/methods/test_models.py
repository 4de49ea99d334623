"""The model kernels (one series as a batch of one) checked against statsmodels (OLS, ARIMA) and the published
formulas."""

from __future__ import annotations

import numpy as np
import pytest
from reference_support import fit_one
from scipy import special

from kh330lib.methods.batched import pack
from kh330lib.methods.models import damped, fit_rows, trend
from kh330lib.methods.paths import member_paths
from kh330lib.methods.projection import Scale, members, scale_for

# statsmodels and scipy.stats take over a second to import: the tests that use them import them themselves, so that
# collecting the suite does not wait for them.

# Huế trained-labour rate, broad definition (data/observations.csv).
HUE_YEARS = np.array([2021, 2022, 2023, 2024])
HUE_VALUES = np.array([66.8, 68.0, 70.25, 72.5])
FUTURE = np.arange(2025, 2046)
SHARE = Scale("logit", 0.0, 100.0, 0.001)


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
    p = fit_one("logit_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE)
    assert p.model == "logit_linear" and p.df == 2
    for alpha, lo, hi in ((0.2, p.lo80, p.hi80), (0.05, p.lo95, p.hi95)):
        _, frame = _ols_frame(HUE_YEARS, _logit(HUE_VALUES), FUTURE, alpha)
        assert np.allclose(lo, _expit100(frame["obs_ci_lower"]), rtol=1e-10)
        assert np.allclose(hi, _expit100(frame["obs_ci_upper"]), rtol=1e-10)
        assert np.allclose(p.median, _expit100(frame["mean"]), rtol=1e-10)


def test_trend_probability_is_exact_t_on_the_logit_scale():
    from scipy import stats

    p = fit_one("logit_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE)
    pred, frame = _ols_frame(HUE_YEARS, _logit(HUE_VALUES), np.array([2030]), 0.05)
    z = (_logit(80.0) - frame["mean"].iloc[0]) / pred.se_obs[0]
    assert 1 - p.cdf(2030, 80.0) == pytest.approx(1 - stats.t.cdf(z, 2), rel=1e-10)


def test_linear_trend_with_gaps_matches_statsmodels_on_real_years():
    import statsmodels.api as sm

    years = np.array([2010, 2012, 2013, 2016, 2017])
    values = np.array([3.0, 3.9, 4.1, 5.6, 5.8])
    p = fit_one("linear", years, values, np.arange(2018, 2031), Scale("identity"))
    _, frame = _ols_frame(years, values, np.arange(2018, 2031), 0.2)
    assert np.allclose(p.median, frame["mean"])
    assert np.allclose(p.lo80, frame["obs_ci_lower"]) and np.allclose(p.hi80, frame["obs_ci_upper"])
    # The line itself: the kernel's centre at the observed years is statsmodels' fitted values.
    at_years = fit_rows("linear", pack([(years.astype(float), values)]), years[None, :].astype(float),
                        Scale("identity"))
    assert np.allclose(at_years.loc[0], sm.OLS(values, sm.add_constant(years.astype(float))).fit().fittedvalues)


def test_log_linear_is_constant_growth_with_statsmodels_intervals():
    years = np.array([2022, 2023, 2025])
    values = np.array([66348.0, 73230.0, 91000.0])
    p = fit_one("log_linear", years, values, np.arange(2026, 2046), Scale("log", 0.0, None))
    assert p.model == "log_linear"
    _, frame = _ols_frame(years, np.log(values), np.arange(2026, 2046), 0.05)
    assert np.allclose(p.median, np.exp(frame["mean"]))
    assert np.allclose(p.lo95, np.exp(frame["obs_ci_lower"]))
    assert np.allclose(p.hi95, np.exp(frame["obs_ci_upper"]))


def test_trend_on_points_exactly_on_a_line_does_not_apply_without_a_floor():
    years, values = np.array([2020, 2021, 2022]), np.array([1.0, 2.0, 3.0])
    assert fit_one("linear", years, values, np.array([2023]), Scale("identity")) is None
    flat = fit_one("linear", years, values, np.array([2023]), Scale("identity"), allow_flat=True)
    # The variance kept is (1e-9 · (1 + largest |value|))², so the line is still a line.
    assert flat.median[0] == pytest.approx(4.0) and flat.spread[0] == pytest.approx(4e-9 * np.sqrt(1 + 1 / 3 + 4 / 2))


def test_models_need_their_fewest_points_and_increasing_years():
    two = (np.array([2020, 2021]), np.array([1.0, 2.5]))
    assert fit_one("linear", *two, np.array([2023]), Scale("identity")) is None
    assert fit_one("drift", *two, np.array([2023]), Scale("identity")) is None
    assert fit_one("naive", *two, np.array([2023]), Scale("identity")).median[0] == 2.5
    assert fit_one("naive", *two, np.array([2023]), Scale("identity"), min_points={"naive": 3}) is None
    back = (np.array([2020, 2022, 2021]), np.array([1.0, 2.5, 2.0]))
    assert fit_one("naive", *back, np.array([2023]), Scale("identity")) is None


# ---------------------------------------------------------------- drift and naive vs ARIMA and fpp3

Y = np.array([10.0, 11.3, 12.1, 13.8, 14.2, 15.9, 16.4, 18.0])
YRS = np.arange(2010, 2018)
FUT = np.arange(2018, 2024)


def test_drift_point_forecast_matches_arima_010_with_trend():
    from statsmodels.tsa.arima.model import ARIMA

    p = fit_one("drift", YRS, Y, FUT, Scale("identity"))
    res = ARIMA(Y, order=(0, 1, 0), trend="t").fit()
    assert np.allclose(p.median, res.get_forecast(len(FUT)).predicted_mean, rtol=1e-5)


def test_drift_interval_includes_drift_uncertainty_fpp3_formula():
    from scipy import stats
    from statsmodels.tsa.arima.model import ARIMA

    p = fit_one("drift", YRS, Y, FUT, Scale("identity"))
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
    p = fit_one("drift", years, values, np.array([2017, 2020]), Scale("identity"))
    gaps = np.array([2.0, 1.0, 3.0])
    d = np.array([1.2, 0.3, 1.9])
    c = 3.4 / 6.0
    s2 = np.sum((d - c * gaps) ** 2 / gaps) / 2
    h = np.array([1.0, 4.0])
    assert np.allclose(p.median, 4.4 + c * h)
    assert np.allclose(p.spread, np.sqrt(s2 * (h + h ** 2 / 6.0)))


def test_naive_matches_arima_010():
    from statsmodels.tsa.arima.model import ARIMA

    p = fit_one("naive", YRS, Y, FUT, Scale("identity"))
    f = ARIMA(Y, order=(0, 1, 0)).fit().get_forecast(len(FUT))
    assert np.allclose(p.median, Y[-1])
    assert np.allclose(p.spread, f.se_mean, rtol=1e-5)


# ---------------------------------------------------------------- damped drift, by hand

def test_damped_drift_by_hand_and_its_limits():
    phi = 0.9
    p = fit_one("damped_0.9", YRS, Y, FUT, Scale("identity"))
    d = np.diff(Y)
    c = (Y[-1] - Y[0]) / (len(Y) - 1)
    s2 = np.sum((d - c) ** 2) / (len(d) - 1)
    h = np.arange(1, 7)
    damp = np.array([sum(phi ** i for i in range(1, k + 1)) for k in h])  # φ + φ² + … + φ^h
    assert np.allclose(p.median, Y[-1] + c * damp)
    assert np.allclose(p.spread, np.sqrt(s2 * (h + damp ** 2 / (len(Y) - 1))))
    assert p.df == len(d) - 1 and p.model == "damped_0.9"
    # φ = 1 is the drift model, c·h; a small φ stays near the latest value like the naive one.
    rows, at = pack([(YRS.astype(float), Y)]), FUT[None, :].astype(float)
    assert np.allclose(damped(rows, at, Scale("identity"), phi=1.0).loc[0], Y[-1] + c * h)
    assert damped(rows, at, Scale("identity"), phi=1.0).model == "drift"
    assert np.allclose(damped(rows, at, Scale("identity"), phi=1e-6).loc[0], Y[-1], atol=1e-4)


def test_members_of_the_ensemble():
    assert members(SHARE, (0.8, 0.9)) == ("logit_linear", "linear", "drift", "damped_0.8", "damped_0.9", "naive")
    assert members(Scale("identity"), (0.9,)) == ("linear", "drift", "damped_0.9", "naive")
    assert members(Scale("log", 0.0), (0.9,)) == ("log_linear", "linear", "drift", "damped_0.9", "naive")
    assert fit_one("damped_0.8", HUE_YEARS, HUE_VALUES, FUTURE, SHARE).model == "damped_0.8"


# ---------------------------------------------------------------- common shape, paths and properties

@pytest.mark.parametrize("model", ["logit_linear", "linear", "drift", "naive"])
def test_shares_stay_within_bounds(model):
    values = np.array([90.0, 94.0, 97.0, 98.5, 99.2])
    p = fit_one(model, np.arange(2020, 2025), values, FUTURE, SHARE, n_paths=500, seed=1)
    for arr in (p.median, p.lo80, p.hi80, p.lo95, p.hi95, p.paths):
        assert np.all(arr >= 0.0) and np.all(arr <= 100.0)


@pytest.mark.parametrize("model", ["logit_linear", "drift", "naive"])
def test_path_marginals_follow_the_analytic_distribution(model):
    p = fit_one(model, HUE_YEARS, HUE_VALUES, FUTURE, SHARE, n_paths=20000, seed=11)
    i = p.index_of(2030)
    for q, analytic in ((0.1, p.lo80[i]), (0.5, p.median[i]), (0.9, p.hi80[i])):
        assert np.quantile(p.paths[:, i], q) == pytest.approx(analytic, abs=0.35)


def test_same_inputs_same_paths_and_seed_matters():
    a = fit_one("logit_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE, n_paths=100, seed=5)
    b = fit_one("logit_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE, n_paths=100, seed=5)
    c = fit_one("logit_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE, n_paths=100, seed=6)
    assert np.array_equal(a.paths, b.paths) and not np.array_equal(a.paths, c.paths)


def test_probability_falls_as_the_target_rises():
    p = fit_one("logit_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE)
    above = [1 - p.cdf(2030, x) for x in (70, 75, 80, 82, 85, 90, 99)]
    assert all(a > b for a, b in zip(above, above[1:]))
    # The bounds are attainable: values within ε·range of 0 or 100 read as 0 or 100 (mass on the bound).
    assert p.cdf(2030, 100.0) == 1.0 and p.cdf(2030, -0.01) == 0.0
    assert p.cdf(2030, 0.0) == pytest.approx(p.cdf(2030, 0.1), abs=1e-15) and p.cdf(2030, 0.0) < 1e-3


def test_calibration_scales_the_spread_but_never_below_the_floor():
    rows, at = pack([(HUE_YEARS.astype(float), HUE_VALUES)]), FUTURE[None, :].astype(float)
    f = trend(rows, at, SHARE)
    g = SHARE.forward
    wide = f.calibrated(np.full(at.shape, 1.5), np.zeros(1))
    assert np.allclose(g(wide.quantile(0.9)) - g(wide.median()), 1.5 * (g(f.quantile(0.9)) - g(f.median())))
    assert np.allclose(wide.median(), f.median())
    # A floor of 2 points: at the median's level the spread is at least 2 points wide on the value scale, the
    # logit's slope there being 100 / (m (100 − m)).
    floored = f.calibrated(np.full(at.shape, 0.1), np.array([2.0]))
    m = f.median()
    assert np.allclose(floored.spread, np.maximum(0.1 * f.spread, 2.0 * 100.0 / (m * (100.0 - m))))


def test_points_exactly_on_a_line_get_the_floor_when_one_is_applied():
    years = np.arange(2011.0, 2023.0)
    f = trend(pack([(years, years - 2010.0)]), np.array([[2023.0, 2024.0]]), Scale("identity"))
    f = f.calibrated(np.ones((1, 2)), np.array([0.5]))
    assert np.allclose(f.spread, 0.5) and np.allclose(f.median(), [[13.0, 14.0]]) and f.df[0] == 10
    assert f.cdf(np.array([[13.5, 14.5]]))[0, 0] == pytest.approx(special.stdtr(10, 1.0))
    # The paths follow: a Student t with 10 df, scaled by the floor, has sd 0.5·√(10/8).
    paths = member_paths(f, np.array([0]), 4000, 2)[0]
    assert np.std(paths[:, 0]) == pytest.approx(0.5 * np.sqrt(10 / 8), rel=0.1)


def test_linear_on_a_share_uses_the_original_scale_clipped():
    p = fit_one("linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE)
    assert p.model == "linear" and p.scale.kind == "identity" and p.scale.hi == 100.0
    _, frame = _ols_frame(HUE_YEARS, HUE_VALUES, FUTURE, 0.2)
    assert np.allclose(p.median, np.clip(frame["mean"], 0, 100))


def test_unknown_model_and_a_trend_on_another_scale():
    with pytest.raises(ValueError, match="unknown model 'arima'"):
        fit_one("arima", HUE_YEARS, HUE_VALUES, FUTURE, SHARE)
    with pytest.raises(ValueError, match="log_linear does not apply on the logit scale"):
        fit_one("log_linear", HUE_YEARS, HUE_VALUES, FUTURE, SHARE)


def test_to_frame_has_fan_chart_columns():
    frame = fit_one("drift", HUE_YEARS, HUE_VALUES, FUTURE, SHARE).to_frame()
    assert list(frame.columns) == ["year", "median", "lo80", "hi80", "lo95", "hi95"]
    assert frame["year"].tolist() == list(range(2025, 2046))
    assert (frame["lo95"] <= frame["lo80"]).all() and (frame["hi80"] <= frame["hi95"]).all()
