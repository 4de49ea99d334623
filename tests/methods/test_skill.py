"""The skill scoring: coverage, Brier skill against the two baselines and climatology, each by hand from its
definition; the widening that gives 80 % coverage; the outside view counted by hand."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special

from kh330lib.methods.batched import BatchEnsemble, pack
from kh330lib.methods.outside import outside_view
from kh330lib.methods.projection import Fits, Scale
from kh330lib.methods.skill import Cells, PoolData, _climate, _row, _rw_sigma, family_weights, fit_widening

# scipy.stats takes half a second to import: the tests that use it import it themselves, so that collecting the suite
# does not wait for it.

IDENTITY = Scale("identity", None, None)


def test_brier_skill_and_coverage_from_their_definitions():
    # Five copies of six forecasts: 15 events, enough for a skill (at least 10).
    pit = np.tile([0.05, 0.2, 0.5, 0.85, 0.95, 0.3], 5)
    p = np.tile([0.9, 0.2, 0.6, 0.1, 0.7, 0.4], 5)[:, None]
    event = np.tile([1.0, 0.0, 1.0, 0.0, 0.0, 1.0], 5)[:, None]
    rw = np.full((30, 1), 0.5)
    clim = np.tile([0.5, np.nan, 0.5, 0.4, 0.4, 0.6], 5)[:, None]
    row = _row("p", "4", "1-6", pit, p, rw, clim, event, [2.0])
    assert row.coverage_80 == pytest.approx(4 / 6) and row.coverage_50 == pytest.approx(2 / 6)
    d, events, base, brier, brier_rw, brier_cl, s_rw, s_cl, n_cl = row.rises[0]
    by_hand = np.mean((p[:, 0] - event[:, 0]) ** 2)
    assert (d, events, base) == (2.0, 15, 0.5) and brier == pytest.approx(by_hand)
    assert brier_rw == pytest.approx(0.25) and s_rw == pytest.approx(1 - by_hand / 0.25)
    has = ~np.isnan(clim[:, 0])
    want_cl = np.mean((clim[has, 0] - event[has, 0]) ** 2)
    assert n_cl == 25 and brier_cl == pytest.approx(want_cl)
    assert s_cl == pytest.approx(1 - np.mean((p[has, 0] - event[has, 0]) ** 2) / want_cl)


def test_no_events_no_skill():
    row = _row("p", "4", "1-6", np.full(12, 0.5), np.full((12, 1), 0.01), np.zeros((12, 1)), np.zeros((12, 1)),
               np.zeros((12, 1)), [5.0])
    assert row.rises[0][1] == 0 and np.isnan(row.rises[0][6]) and np.isnan(row.rises[0][7])


def test_climatology_counts_the_pools_changes_before_the_origin():
    pool = PoolData("p", ("a", "b"), (np.array([2010, 2011, 2012, 2013]), np.array([2010, 2012, 2013])),
                    (np.array([10.0, 13.0, 14.0, 20.0]), np.array([5.0, 5.5, 9.0])), (0.0, 100.0), True, (2.0,))
    # One-year changes ending by 2012: a 2010→11 (+3), a 2011→12 (+1). Ending by 2013 also a 2012→13 (+6),
    # b 2012→13 (+3.5). Two-year changes ending by 2013: a 2010→12 (+4), a 2011→13 (+7), b 2010→12 (+0.5).
    out = _climate(pool, [2.0], np.array([2012, 2013, 2013, 2011]), np.array([1, 1, 2, 2]))
    assert out[0, 0] == pytest.approx(1 / 2) and out[1, 0] == pytest.approx(3 / 4)
    assert out[2, 0] == pytest.approx(2 / 3) and np.isnan(out[3, 0])


def test_random_walk_sigma_is_the_sd_of_the_yearly_changes():
    rows = pack([(np.array([2010, 2011, 2013, 2014]), np.array([1.0, 2.0, 6.0, 5.0])),
                 (np.array([2010, 2011]), np.array([1.0, 2.0]))])
    changes = np.array([1.0, 4.0 / np.sqrt(2), -1.0])
    assert _rw_sigma(rows)[0] == pytest.approx(np.std(changes, ddof=1))
    assert np.isnan(_rw_sigma(rows)[1])


def _cells(z: np.ndarray, pools: np.ndarray, h: np.ndarray) -> Cells:
    """Cells of one normal member centred at 0 with spread 1: the values are the standardised errors z."""
    n = len(z)
    fit = Fits("peer", IDENTITY, np.ones(n, dtype=bool), np.zeros((n, 1)), np.ones((n, 1)), np.full(n, np.inf))
    ens = BatchEnsemble(("peer",), (fit,), np.ones((n, 1)), np.full((n, 1), 2020.0))
    return Cells(pools, np.full(n, "4", dtype=object), np.arange(n), np.full(n, 2019), h, z, np.zeros(n),
                 np.ones(n), ens, np.ones(n), (2.0,), np.full((n, 1), np.nan))


def test_widening_gives_80_percent_coverage_each_pool_counting_equally():
    from scipy import stats

    rng = np.random.default_rng(1)
    # Pool a's errors are twice as wide as the model says, pool b's as wide: each pool counts once, so the
    # factor lies between the two pools' own factors whatever their sizes.
    za, zb = 2.0 * rng.standard_normal(4000), rng.standard_normal(400)
    cells = _cells(np.concatenate([za, zb]), np.array(["a"] * 4000 + ["b"] * 400, dtype=object),
                   np.ones(4400, dtype=int))
    k = fit_widening(cells, horizons=1)[0]
    q = stats.norm.ppf(0.9)
    cover = 0.5 * (np.mean(np.abs(za) <= q * k) + np.mean(np.abs(zb) <= q * k))
    assert cover == pytest.approx(0.8, abs=0.002)
    assert np.quantile(np.abs(zb), 0.8) / q < k < np.quantile(np.abs(za), 0.8) / q


def test_outside_view_counts_by_hand():
    series = [
        (np.array([2000, 2004, 2005, 2009]), np.array([0.40, 0.45, 0.50, 1.60])),   # in the band, +1.2 by 2009
        (np.array([2001, 2003, 2009]), np.array([0.35, 0.80, 1.00])),               # in the band, +0.65 only
        (np.array([2000, 2002]), np.array([0.42, 0.50])),                           # too few later years
        (np.array([2000, 2008]), np.array([2.0, 2.5])),                             # never in the band
    ]
    v = outside_view(series, start=0.42, rise=1.08, years=9, level=0.125, follow=5, min_cases=2)
    assert (v.cases, v.reached, v.enough) == (2, 1, True) and v.level_band == pytest.approx((0.295, 0.545))
    assert v.observed == 9
    # With a pace: the first series moved (0.45 − 0.40) / 4 a year over the 4 years before 2004 (its first year
    # in the band with that much history), too slow for a pace of 0.1 ± 0.05.
    paced = outside_view(series, start=0.42, rise=1.08, years=9, level=0.125, pace=0.1, pace_width=0.05,
                         pace_years=4, follow=5, min_cases=1)
    assert paced.cases == 0


def test_a_cell_of_a_batch_is_that_rows_distribution_at_that_year():
    """A cell (row, year) of a batch is that row's distribution at that year, as `quantiles_newton` reads it."""
    fit = Fits("peer", IDENTITY, np.ones(2, dtype=bool), np.array([[1.0, 2.0], [3.0, 4.0]]),
               np.array([[1.0, 1.5], [2.0, 2.5]]), np.array([5.0, 8.0]))
    ens = BatchEnsemble(("peer",), (fit,), np.ones((2, 1)), np.array([[2021.0, 2022.0], [2021.0, 2022.0]]))
    q = ens.quantiles_newton([0.1, 0.9])
    assert q[0, 1, 1] == pytest.approx(4.0 + special.stdtrit(8.0, 0.1) * 2.5, rel=1e-9)
    cell = ens.cells(np.array([1]), np.array([1]))
    assert cell.quantiles_newton([0.1])[0, 0, 0] == pytest.approx(q[0, 1, 1], rel=1e-9)


def test_member_weights_summed_by_family_small_ones_dropped_and_renormalised():
    weights = {"peer": 0.8, "linear": 0.1, "damped_0.8": 0.04, "damped_0.9": 0.04, "naive": 0.01, "drift": 0.01}
    # damped 0.08 kept, naive and drift (0.01 each) dropped; 0.8 + 0.1 + 0.08 = 0.98 renormalised.
    assert family_weights(weights) == {"peer": round(0.8 / 0.98, 3), "linear": round(0.1 / 0.98, 3),
                                       "damped": round(0.08 / 0.98, 3)}
