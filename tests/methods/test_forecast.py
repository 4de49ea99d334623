"""The forecaster: the same numbers for a series alone or in a batch, its quantiles against a plain bisection, the
panel's own factor against its definition, and the settings read from params/methods.yaml."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from scipy import special

from kh330lib.methods.batched import pack
from kh330lib.methods.forecast import forecast_panel, rolling_forecasts, truncate
from kh330lib.methods.projection import Scale
from kh330lib.store.settings import load_methods

SETTINGS = load_methods().forecast
LOGIT = Scale("logit", 0.0, 100.0, 0.001)


def shares(n: int = 25, seed: int = 2, years: range = range(2006, 2017)):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        g = rng.normal(-1.0, 0.5) + np.cumsum(rng.normal(0.05, 0.1, len(years)))
        out.append((np.array(years), 100 * special.expit(g)))
    return out


def test_one_series_in_a_batch_of_one_is_its_row_in_the_panel():
    """The pool is the same either way: the batch is only how many series are forecast at once."""
    series = shares()
    rows = pack(series)
    whole = forecast_panel(rows, [str(i) for i in range(len(series))], LOGIT, SETTINGS, horizon=6)
    target = 7
    one = np.arange(len(series)) == target
    alone = rolling_forecasts(rows, LOGIT, SETTINGS, years=[2016], width=6, only={2016: one})[0]
    assert list(alone.rows) == [target]
    for fw, fa in zip(whole.ensemble.fits, alone.ensemble.fits):
        np.testing.assert_array_equal(fw.loc[target], fa.loc[0])
        np.testing.assert_array_equal(fw.spread[target], fa.spread[0])
    np.testing.assert_array_equal(whole.ensemble.weights[target], alone.ensemble.weights[0])


def test_rolling_forecast_at_a_year_is_the_forecast_of_the_panel_cut_there():
    series = shares(seed=5)
    rows = pack(series)
    rolled = rolling_forecasts(rows, LOGIT, SETTINGS, years=[2012], width=6)[0]
    cut = truncate(rows, 2012)
    direct = forecast_panel(cut, [str(i) for i in range(len(series))], LOGIT, SETTINGS, horizon=6)
    for fr, fd in zip(rolled.ensemble.fits, direct.ensemble.fits):
        np.testing.assert_allclose(fr.loc, fd.loc[rolled.rows], rtol=1e-12)
        np.testing.assert_allclose(fr.spread, fd.spread[rolled.rows], rtol=1e-12)


def test_newton_quantiles_equal_a_plain_bisection_of_the_mixture():
    series = shares(seed=9)
    pf = forecast_panel(pack(series), [str(i) for i in range(len(series))], LOGIT, SETTINGS, horizon=6)
    levels = np.array([0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95])
    newton = pf.ensemble.quantiles_newton(levels)
    lo, hi = np.zeros_like(newton), np.full_like(newton, 100.0)
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        below = pf.ensemble.cdf(mid) < levels[:, None, None]
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    np.testing.assert_allclose(newton, 0.5 * (lo + hi), rtol=1e-8, atol=1e-9)


def test_panel_factor_is_the_shrunk_factor_that_covers_80_percent_of_the_pools_past_errors():
    series = shares(n=40, seed=11)
    rows = pack(series)
    origin = rolling_forecasts(rows, LOGIT, SETTINGS, years=[2014], width=6)[0]
    # Redo it from its definition: the pseudo-forecasts of the six years before, their values up to 2014.
    passes = rolling_forecasts(rows, LOGIT, replace(SETTINGS, local_years=0), years=list(range(2008, 2014)), width=6)
    pits = []
    for o in passes:
        raw = o.ensemble
        for h in range(1, 7):
            year = o.year + h
            if year > 2014:
                break
            has = np.array([year in set(rows.years[r, :rows.n[r]].astype(int)) for r in o.rows])
            idx = np.flatnonzero(has)
            values = np.array([rows.values[o.rows[i], list(rows.years[o.rows[i]]).index(year)] for i in idx])
            pits.append((raw, idx, h, values))
    n = sum(len(p[1]) for p in pits)

    def coverage(lam: float) -> float:
        inside = 0
        for raw, idx, h, values in pits:
            # `passes` carry their pooled factor with a panel factor of 1: rescale the spread by lam alone.
            ens = raw.calibrated(np.full(raw.at.shape, lam), np.zeros(len(raw.at)))
            p = ens.cdf(_value_grid(raw, idx, h, values))
            inside += int(np.sum((p >= 0.1) & (p <= 0.9)))
        return inside / n

    lo, hi = SETTINGS.local_range
    a, b = np.log(lo), np.log(hi)
    for _ in range(40):
        mid = 0.5 * (a + b)
        a, b = (mid, b) if coverage(np.exp(mid)) < 0.8 else (a, mid)
    lam = np.exp(0.5 * (a + b))
    assert origin.local_errors == n
    assert origin.local == pytest.approx(lam ** (n / (n + SETTINGS.local_weight)), rel=1e-3)


def _value_grid(raw, idx, h, values):
    """Values placed at column h − 1 of the rows idx (other cells far below, where the CDF is 0)."""
    x = np.full(raw.at.shape, -1.0)
    x[idx, h - 1] = values
    return x


def test_too_few_points_are_not_forecast():
    rows = pack(shares(n=10) + [(np.array([2015, 2016]), np.array([20.0, 21.0]))])
    pf = forecast_panel(rows, [str(i) for i in range(11)], LOGIT, SETTINGS, horizon=6)
    assert pf.ok[:10].all() and not pf.ok[10]
    assert np.isnan(pf.quantiles([0.5])[0, 10]).all()
