"""The batched kernels give what the one-series kernels give: fits and mixtures.

Every series of `series_set` (short, with gaps, shares near 0 % and 100 %, exact and flat ones, counts on the log
and identity scales) is fitted in one batch and one by one; the numbers must agree to 1e-9, and the sample
mixtures the same numbers. The trend is also checked against numpy.linalg.lstsq and
statsmodels OLS, independently of both implementations.
"""

from __future__ import annotations

import numpy as np
import pytest
from reference_support import series_set
from scipy import special

from kh330lib.errors import FitFailure
from kh330lib.methods.batched import BatchEnsemble, fit_rows, group_by, pack, student_cdf, weight_matrix
from kh330lib.methods.ensemble import fit_ensemble
from kh330lib.methods.paths import path_probability
from kh330lib.methods.projection import Scale, fit, members, scale_for
from kh330lib.methods.settings import load_methods

# statsmodels and scipy.stats take over a second to import: the tests that use them import them themselves, so that
# collecting the suite does not wait for them.

METHODS = load_methods()
WIDENING = (1.1, 1.25, 1.4, 1.6, 1.8, 2.0)
LEVELS = (0.5, 0.10, 0.90, 0.025, 0.975)
SERIES = series_set()


def close(a: np.ndarray, b: np.ndarray, tol: float = 1e-9) -> bool:
    """Equal to `tol` relative to the size of the values (NaN where the other is NaN, ±inf equal)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    same = (a == b) | (np.isnan(a) & np.isnan(b))
    with np.errstate(invalid="ignore"):
        return bool(np.all(same | (np.abs(a - b) <= tol * (1.0 + np.abs(b)))))


def scale_of(years, values, bounds, is_share) -> Scale:
    return scale_for(bounds, values, is_share=is_share, eps=METHODS.logit_epsilon)


def future_of(years: np.ndarray) -> np.ndarray:
    return np.arange(int(years[-1]) + 1, METHODS.horizon_end + 1)


def factors_for(widening, horizons) -> np.ndarray:
    """The factor of each horizon; beyond the last, the last's."""
    h = np.clip(np.asarray(horizons, dtype=int), 1, len(widening))
    return np.asarray(widening, dtype=float)[h - 1]


def fit_ensemble_rows(rows, at, scale, names, family_weights, *, min_points) -> BatchEnsemble:
    """Every member fitted to every row, mixed with the one-series ensemble's weights."""
    fits = tuple(fit_rows(nm, rows, at, scale, min_points=min_points) for nm in names)
    ok = np.stack([f.ok for f in fits], axis=1)
    return BatchEnsemble(tuple(names), fits, weight_matrix(names, ok, family_weights), at)


def by_scale() -> dict:
    """The series grouped as the batch groups them: by scale and future length."""
    keys = [(scale_of(*s), len(future_of(s[0]))) for s in SERIES]
    return group_by(keys)


def test_every_model_fitted_in_one_batch_equals_one_call_per_series():
    checked = 0
    for (scale, _), idx in by_scale().items():
        group = [SERIES[i] for i in idx]
        rows = pack([(y.astype(float), v) for y, v, _, _ in group])
        at = np.stack([future_of(y) for y, _, _, _ in group]).astype(float)
        for name in members(scale, METHODS.damped_phis):
            batch = fit_rows(name, rows, at, scale, min_points=METHODS.min_points, allow_flat=True)
            for r, (years, values, _, _) in enumerate(group):
                try:
                    one = fit(name, years, values, future_of(years), scale, min_points=METHODS.min_points,
                              allow_flat=True)
                except FitFailure:
                    assert not batch.ok[r], (name, len(years))
                    continue
                assert batch.ok[r], (name, len(years))
                assert batch.df[r] == one.df
                assert close(batch.loc[r], one.loc) and close(batch.spread[r], one.spread), (name, years)
                assert close(batch.median()[r], one.median)
                assert close(batch.cdf(np.full(at.shape, 60.0))[r], one.cdf_values(60.0))
                checked += 1
    assert checked > 80


def test_a_fit_that_fails_without_a_floor_fails_in_the_batch_too():
    years, values = np.arange(2020, 2026), np.array([50.0, 52.0, 54.0, 56.0, 58.0, 60.0])
    identity = Scale("identity", 0.0, 100.0)
    with pytest.raises(FitFailure):
        fit("linear", years, values, future_of(years), identity)
    batch = fit_rows("linear", pack([(years.astype(float), values)]), future_of(years)[None, :].astype(float),
                     identity, allow_flat=False)
    assert not batch.ok[0]
    short = fit_rows("drift", pack([(years[:2].astype(float), values[:2])]), np.array([[2022.0]]), identity)
    assert not short.ok[0]


def test_the_batched_logit_trend_is_the_least_squares_line_of_numpy_and_statsmodels():
    """Independent of both implementations: numpy.linalg.lstsq for the line, statsmodels for its interval."""
    import statsmodels.api as sm
    from scipy import stats

    # Shares away from the clip at the bounds, and not flat (there the kernel keeps a tiny variance on purpose).
    shares = [(y, v) for y, v, b, s in SERIES if s and len(y) >= 3 and 1.0 < v.min() and v.max() < 99.0
              and np.ptp(v) > 0]
    rows = pack([(y.astype(float), v) for y, v in shares])
    at = np.full((len(shares), 1), 2030.0)
    scale = Scale("logit", 0.0, 100.0, METHODS.logit_epsilon)
    batch = fit_rows("logit_linear", rows, at, scale)
    for r, (years, values) in enumerate(shares):
        g = np.log(values / (100.0 - values))
        # Years counted from 2020 keep the design well conditioned for both solvers.
        design = np.column_stack([np.ones(len(years)), years - 2020.0])
        (b0, b1), *_ = np.linalg.lstsq(design, g, rcond=None)
        assert batch.loc[r, 0] == pytest.approx(b0 + b1 * 10.0, rel=1e-9)
        res = sm.OLS(g, design).fit()
        frame = res.get_prediction(np.array([[1.0, 10.0]])).summary_frame(alpha=0.2)
        q = stats.t.ppf(0.9, len(years) - 2)
        assert batch.loc[r, 0] + q * batch.spread[r, 0] == pytest.approx(frame["obs_ci_upper"].iloc[0], rel=1e-9)


def test_the_batched_mixture_equals_the_ensemble_before_and_after_calibration():
    for (scale, _), idx in by_scale().items():
        group = [SERIES[i] for i in idx]
        rows = pack([(y.astype(float), v) for y, v, _, _ in group])
        at = np.stack([future_of(y) for y, _, _, _ in group]).astype(float)
        names = members(scale, METHODS.damped_phis)
        batch = fit_ensemble_rows(rows, at, scale, names, METHODS.family_weights, min_points=METHODS.min_points)
        floors = np.array([0.5 + r for r in range(len(group))])
        factor = factors_for(WIDENING, at - (at[:, :1] - 1))
        calibrated = batch.calibrated(factor, floors)
        quantiles = calibrated.quantiles(LEVELS)
        for r, (years, values, _, _) in enumerate(group):
            try:
                ens = fit_ensemble(years, values, future_of(years), scale, names, METHODS.family_weights,
                                   min_points=METHODS.min_points)
            except FitFailure:
                assert not batch.ok[r]
                continue
            assert [batch.weights[r, names.index(m.name)] for m in ens.members] == [m.weight for m in ens.members]
            ens = ens.calibrated(factor[r], floors[r])
            for q, p in enumerate(LEVELS):
                assert close(quantiles[q, r], ens.quantile(p)), (years, p)
            x = np.full(len(years) and at.shape[1], float(np.median(values)))
            assert close(calibrated.cdf(x[None, :].repeat(len(group), 0))[r], ens.cdf_values(x))


def test_the_mixture_cdf_is_the_weighted_sum_of_the_members_cdfs_exactly():
    """`BatchEnsemble.cdf` evaluates the members of one scale together: the same numbers, bit for bit, as
    summing each member's own CDF in order (members on two scales, failed members, levels of x)."""
    for (scale, _), idx in by_scale().items():
        group = [SERIES[i] for i in idx]
        rows = pack([(y.astype(float), v) for y, v, _, _ in group])
        at = np.stack([future_of(y) for y, _, _, _ in group]).astype(float)
        ens = fit_ensemble_rows(rows, at, scale, members(scale, METHODS.damped_phis), METHODS.family_weights,
                                min_points=METHODS.min_points)
        ens = ens.calibrated(factors_for(WIDENING, at - (at[:, :1] - 1)), np.full(len(group), 0.5))
        centre = np.array([float(np.median(v)) for _, v, _, _ in group])
        levels = centre[None, :, None] * np.array([0.9, 1.0, 1.1])[:, None, None]
        for x in (np.broadcast_to(centre[:, None], at.shape), levels):
            want = np.zeros(np.broadcast_shapes(x.shape, at.shape))
            for j, f in enumerate(ens.fits):
                w = ens.weights[:, j][:, None]
                want = want + np.where(w > 0, w * np.nan_to_num(f.cdf(x)), 0.0)
            assert np.array_equal(ens.cdf(x), want)


def test_the_student_cdf_falls_back_to_the_normal_where_df_is_not_finite():
    z = np.linspace(-3, 3, 7)
    df = np.array([[4.0], [np.inf], [np.nan]])
    got = student_cdf(df, z)
    assert np.array_equal(got[0], special.stdtr(4.0, z))
    assert np.array_equal(got[1], special.ndtr(z)) and np.array_equal(got[2], special.ndtr(z))
    assert np.array_equal(student_cdf(np.array([[3.0], [7.0]]), z), special.stdtr(np.array([[3.0], [7.0]]), z))


def test_each_row_keeps_its_comparator_when_rows_of_several_are_read_at_once():
    rng = np.random.default_rng(3)
    paths = np.round(rng.normal(60.0, 8.0, (6, 300, 8)), 1)
    paths[4] = np.nan  # a row without paths (not drawn by the batch)
    future = np.arange(2026, 2034, dtype=float)[None, :].repeat(6, 0)
    kw = dict(threshold=np.full(6, 62.0), deadline=np.array([2030.0, 2030.0, 2033.0, 2025.0, 2030.0, 2031.0]),
              horizon_end=2032, latest_year=np.full(6, 2025.0), met_latest=np.array([0, 0, 0, 0, 0, 1], bool),
              p_meet=np.array([0.5, np.nan, 0.2, 0.9, np.nan, 0.4]))
    comparators = [">=", "<", ">", "<=", ">=", ">"]
    p_by, first = path_probability(paths, future, comparator=comparators, **kw)
    for r, cmp in enumerate(comparators):
        one = path_probability(paths[r:r + 1], future[r:r + 1], comparator=[cmp],
                               **{k: v[r:r + 1] if isinstance(v, np.ndarray) else v for k, v in kw.items()})
        assert np.array_equal(p_by[r:r + 1], one[0], equal_nan=True)
        assert np.array_equal(first[r:r + 1], one[1], equal_nan=True)
    assert np.isnan(p_by[3]) and np.isnan(first[4]) and first[5] == 2025.0


def test_packed_rows_are_padded_with_each_row_last_point():
    rows = pack([(np.array([2020, 2021, 2023]), [1.0, 2.0, 3.0]), (np.array([2024.0]), np.array([5.0]))])
    assert rows.years.tolist() == [[2020.0, 2021.0, 2023.0], [2024.0, 2024.0, 2024.0]]
    assert rows.values.tolist() == [[1.0, 2.0, 3.0], [5.0, 5.0, 5.0]] and rows.n.tolist() == [3, 1]
    assert pack([]).years.shape == (0, 1)
    with pytest.raises(ValueError):
        pack([(np.array([2020.0]), np.array([1.0])), (np.zeros(0), np.zeros(0))])
