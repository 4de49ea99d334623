"""The peer model: its Kalman filter against the same Gaussian conditioning done by plain linear algebra, and its
pool priors against their published formulas computed by hand."""

from __future__ import annotations

import numpy as np
import pytest

from kh330lib.methods.batched import pack
from kh330lib.methods.peers import PeerSettings, PoolPrior, _kalman, _trend, peer_fits, pool_prior, window
from kh330lib.methods.projection import Scale

SETTINGS = PeerSettings(window=6, prior_df=4.0, phi=0.75, noise_shares=(0.0, 0.5, 0.95), slope_noise=(0.0, 0.05),
                        level_dependent=False, min_pool=5, max_fit_rows=400, fallback_noise_share=0.5)
IDENTITY = Scale("identity", None, None)


def dense_forecast(t: np.ndarray, y: np.ndarray, horizon: int, s2: float, rho: float, zeta: float, phi: float,
                   m: float, tau2: float, big: float = 1e5) -> tuple[np.ndarray, np.ndarray]:
    """The local linear trend's h-step mean and variance by conditioning the joint Gaussian of every state and
    observation (level diffuse, slope N(m, τ²)), without any recursion."""
    steps = int(t[-1] - t[0]) + 1 + horizon
    noise, q_level, q_slope = 0.5 * rho * s2, (1 - rho) * s2, zeta * s2
    # State k = (μ_k, β_k) as a linear function of the innovations z = (μ_0, β_0 − m, η_1, ζ_1, …) plus a mean.
    dim = 2 + 2 * steps
    mu = np.zeros((steps, dim))
    beta = np.zeros((steps, dim))
    mu_mean, beta_mean = np.zeros(steps), np.full(steps, m)
    mu[0, 0], beta[0, 1] = 1.0, 1.0
    for k in range(1, steps):
        mu[k] = mu[k - 1] + beta[k - 1]
        mu[k, 2 + 2 * k] += 1.0
        mu_mean[k] = mu_mean[k - 1] + beta_mean[k - 1]
        beta[k] = phi * beta[k - 1]
        beta[k, 3 + 2 * k] += 1.0
        beta_mean[k] = m + phi * (beta_mean[k - 1] - m)
    cov_z = np.diag([big, tau2] + [q_level, q_slope] * steps)
    obs = (t - t[0]).astype(int)
    a = mu[obs]
    s_yy = a @ cov_z @ a.T + noise * np.eye(len(obs))
    fut = np.arange(steps - horizon, steps)
    b = mu[fut]
    s_fy = b @ cov_z @ a.T
    gain = s_fy @ np.linalg.inv(s_yy)
    mean = mu_mean[fut] + gain @ (y - mu_mean[obs])
    var = np.diag(b @ cov_z @ b.T - gain @ s_fy.T) + noise
    return mean, var


@pytest.mark.parametrize("years,values", [
    ([2010, 2011, 2012, 2013], [20.0, 21.5, 21.9, 23.4]),
    ([2009, 2011, 2012, 2014], [5.0, 7.5, 7.9, 10.1]),   # gaps of two years
    ([2012, 2013, 2014], [50.0, 49.0, 49.5]),
])
def test_kalman_filter_equals_gaussian_conditioning(years, values):
    rows = pack([(np.array(years), np.array(values))])
    w = window(rows, IDENTITY, 6)
    prior = PoolPrior((0.3, 0.0), 0.25, (np.log(0.8), 0.0), (-np.inf, np.inf), 4.0, 0.4, 0.05, 0.75, 10)
    s2 = float((4.0 * 0.8 + _trend(w).nu[0] * np.nan_to_num(_trend(w).s2[0])) / (4.0 + _trend(w).nu[0]))
    _, mean, var, _ = _kalman(w, prior, 0.4, 0.05, 5)
    t = np.array(years, dtype=float)
    want_mean, want_var = dense_forecast(t, np.array(values), 5, s2, 0.4, 0.05, 0.75, 0.3, 0.25)
    np.testing.assert_allclose(mean[0], want_mean, rtol=1e-5)
    np.testing.assert_allclose(var[0], want_var, rtol=1e-4)


def test_pool_prior_slope_and_spread_by_their_formulas():
    """Slope prior: the Huber centre of the pool's OLS slopes; τ² = their robust spread² − the median of their
    sampling variances (method of moments); volatility: the median changes' variance."""
    rng = np.random.default_rng(3)
    years = np.arange(2010, 2016)
    series = [(years, 30 + (0.5 + 0.2 * rng.standard_normal()) * (years - 2010) + rng.normal(0, 0.3, 6))
              for _ in range(40)]
    rows = pack(series)
    w = window(rows, IDENTITY, 6)
    prior = pool_prior(w, SETTINGS)
    slopes = np.array([np.polyfit(y - y.mean(), v, 1)[0] for y, v in series])
    changes = [np.diff(v) for _, v in series]
    s2 = np.array([np.var(d, ddof=1) for d in changes])
    assert prior.series == 40
    assert prior.slope_mean(np.array([30.0]))[0] == pytest.approx(np.median(slopes), abs=0.05)
    # The pool's volatility: the median of the log variances of the changes (around their mean change).
    assert prior.volatility(np.array([0.0]))[0] == pytest.approx(np.exp(np.median(np.log(s2))), rel=1e-9)
    # Every series has 4 changes: its volatility is moderated toward the pool's by (d0·s0² + 4·s²)/(d0 + 4).
    s0 = np.exp(np.median(np.log(s2)))
    se2 = ((4.0 * s0 + 4 * s2) / 8.0) / np.sum((years - years.mean()) ** 2)
    mad = 1.4826 * np.median(np.abs(slopes - np.median(slopes)))
    assert prior.slope_var == pytest.approx(max(mad ** 2 - np.median(se2), 1e-2 * mad ** 2), rel=0.35)


def test_too_few_peers_means_no_pool():
    rows = pack([(np.arange(2010, 2015), np.array([1.0, 2.0, 2.5, 3.5, 4.0]))] * 3)
    prior = pool_prior(window(rows, IDENTITY, 6), SETTINGS)
    assert prior.series == 0 and prior.slope_var == 1e6


def test_shares_stay_inside_their_bounds_far_ahead():
    scale = Scale("logit", 0.0, 100.0, 0.001)
    rows = pack([(np.arange(2010, 2016), np.array([90.0, 93.0, 95.5, 97.0, 98.2, 99.0]))] * 6)
    prior = pool_prior(window(rows, scale, 6), SETTINGS)
    at = 2015 + np.tile(np.arange(1.0, 31.0), (6, 1))
    fits = peer_fits(rows, at, scale, prior, SETTINGS, 3)
    for p in (0.001, 0.5, 0.999):
        q = fits.quantile(p)
        assert np.all((q >= 0) & (q <= 100))
    # Far ahead the top quantiles reach the bound itself, as a share written 100 % does.
    assert np.any(fits.quantile(0.999) == 100.0) and np.all(fits.quantile(0.001)[:, 0] < 100.0)
