"""The model kernels on many series at once, and their mixture, against the formulas worked out series by series.

Every series of `series_set` (short, with gaps, shares near 0 % and 100 %, exact and flat ones, counts on the log
and identity scales) is fitted in one batch; each row must give what the published formula gives for that series
alone, computed here with numpy.polyfit, numpy.linalg.lstsq, statsmodels OLS and scipy.stats, to 1e-9.
"""

from __future__ import annotations

import numpy as np
import pytest
from reference_support import series_set
from scipy import special

from kh330lib.methods.batched import BatchEnsemble, group_by, pack, weight_matrix
from kh330lib.methods.models import fit_rows
from kh330lib.methods.projection import Scale, damping, family, members, scale_for, student_cdf
from kh330lib.store.settings import load_methods

# statsmodels and scipy.stats take over a second to import: the tests that use them import them themselves, so that
# collecting the suite does not wait for them.

METHODS = load_methods()
WIDENING = (1.1, 1.25, 1.4, 1.6, 1.8, 2.0)
LEVELS = (0.5, 0.10, 0.90, 0.025, 0.975)
SERIES = series_set()


def scale_of(years, values, bounds, is_share) -> Scale:
    return scale_for(bounds, values, is_share=is_share, eps=METHODS.logit_epsilon)


def future_of(years: np.ndarray) -> np.ndarray:
    return np.arange(int(years[-1]) + 1, METHODS.horizon_end + 1)


def factors_for(widening, horizons) -> np.ndarray:
    """The factor of each horizon; beyond the last, the last's."""
    h = np.clip(np.asarray(horizons, dtype=int), 1, len(widening))
    return np.asarray(widening, dtype=float)[h - 1]


def fit_ensemble_rows(rows, at, scale, names, family_weights, *, min_points) -> BatchEnsemble:
    """Every member fitted to every row, mixed with the fixed weights."""
    fits = tuple(fit_rows(nm, rows, at, scale, min_points=min_points) for nm in names)
    ok = np.stack([f.ok for f in fits], axis=1)
    return BatchEnsemble(tuple(names), fits, weight_matrix(names, ok, family_weights), at)


def by_scale() -> dict:
    """The series grouped as the batch groups them: by scale and future length."""
    keys = [(scale_of(*s), len(future_of(s[0]))) for s in SERIES]
    return group_by(keys)


def transformed(model: str, values: np.ndarray, scale: Scale) -> np.ndarray:
    """The values on the member's scale, written out: the logit of shares clipped ε·range inside 0–100, the log, or
    the values themselves (the straight line on any series)."""
    if model == "linear" or scale.kind == "identity":
        return values
    if scale.kind == "log":
        return np.log(values)
    x = np.clip(values, 100.0 * METHODS.logit_epsilon, 100.0 * (1 - METHODS.logit_epsilon))
    return np.log(x / (100.0 - x))


def by_hand(model: str, years: np.ndarray, g: np.ndarray, future: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """(centre, scale, df) of one model for one series, from the published formulas."""
    years = years.astype(float)
    h = future - years[-1]
    # Points exactly on the model keep a variance of (1e-9 · (1 + largest |g|))² (a floor is applied later).
    tiny = (1e-9 * (1.0 + np.max(np.abs(g)))) ** 2
    fam = family(model)
    if fam in ("linear", "logit_linear", "log_linear"):
        n = len(g)
        slope, intercept = np.polyfit(years, g, 1)
        s2 = max(np.sum((g - (intercept + slope * years)) ** 2) / (n - 2), tiny)
        sxx = np.sum((years - years.mean()) ** 2)
        return intercept + slope * future, np.sqrt(s2 * (1 + 1 / n + (future - years.mean()) ** 2 / sxx)), n - 2
    d, gaps = np.diff(g), np.diff(years)
    if fam == "naive":
        s2 = max(np.mean(d ** 2 / gaps), tiny)
        return np.full(len(h), g[-1]), np.sqrt(s2 * h), len(d)
    phi = damping(model)
    c = (g[-1] - g[0]) / (years[-1] - years[0])
    s2 = max(np.sum((d - c * gaps) ** 2 / gaps) / (len(d) - 1), tiny)
    damp = h if phi == 1.0 else np.array([sum(phi ** i for i in range(1, int(k) + 1)) for k in h])
    total = years[-1] - years[0]
    return g[-1] + c * damp, np.sqrt(s2 * (h + damp ** 2 / total)), len(d) - 1


def test_every_model_fitted_in_one_batch_gives_each_series_its_formula():
    checked = 0
    for (scale, _), idx in by_scale().items():
        group = [SERIES[i] for i in idx]
        rows = pack([(y.astype(float), v) for y, v, _, _ in group])
        at = np.stack([future_of(y) for y, _, _, _ in group]).astype(float)
        for name in members(scale, METHODS.damped_phis):
            batch = fit_rows(name, rows, at, scale, min_points=METHODS.min_points, allow_flat=True)
            for r, (years, values, _, _) in enumerate(group):
                need = 2 if name == "naive" else 3
                assert batch.ok[r] == (len(years) >= need), (name, len(years))
                if not batch.ok[r]:
                    assert np.isnan(batch.loc[r]).all() and np.isnan(batch.df[r])
                    continue
                loc, spread, df = by_hand(name, years, transformed(name, values, scale), future_of(years))
                assert batch.df[r] == df, (name, years)
                np.testing.assert_allclose(batch.loc[r], loc, rtol=1e-9, atol=1e-9, err_msg=name)
                np.testing.assert_allclose(batch.spread[r], spread, rtol=1e-9, atol=1e-12, err_msg=name)
                checked += 1
    assert checked > 80


def test_a_row_on_an_exact_line_fails_without_a_floor_and_the_others_still_fit():
    years = np.arange(2020.0, 2026.0)
    line, bumpy = np.array([50.0, 52.0, 54.0, 56.0, 58.0, 60.0]), np.array([50.0, 53.0, 53.5, 56.0, 59.0, 59.5])
    identity = Scale("identity", 0.0, 100.0)
    rows, at = pack([(years, line), (years, bumpy)]), np.array([[2026.0], [2026.0]])
    batch = fit_rows("linear", rows, at, identity, allow_flat=False)
    assert batch.ok.tolist() == [False, True]
    slope, intercept = np.polyfit(years, bumpy, 1)
    assert batch.loc[1, 0] == pytest.approx(intercept + slope * 2026.0, rel=1e-12)
    assert fit_rows("linear", rows, at, identity, allow_flat=True).ok.tolist() == [True, True]
    short = fit_rows("drift", pack([(years[:2], line[:2])]), np.array([[2022.0]]), identity)
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


def member_cdf_by_hand(f, r: int, c: int, x: float) -> float:
    """One member's P(value ≤ x) at row r, year c: Student t on its scale. A bound is attainable where the scale
    reaches it (all mass at or beyond it sits on it), a share within ε·range of 0 or 100 is read as the bound, and a
    log scale never reaches its lower bound."""
    from scipy import stats

    lo, hi = f.scale.lo, f.scale.hi
    if hi is not None and x >= hi:
        return 1.0
    if lo is not None and (x < lo or (f.scale.kind == "log" and x <= lo)):
        return 0.0
    if f.scale.kind == "logit":
        pad = METHODS.logit_epsilon * (hi - lo)
        x = min(max(x, lo + pad), hi - pad)
        g = np.log((x - lo) / (hi - x))
    elif f.scale.kind == "log":
        g = np.log(x - lo)
    else:
        g = x
    return float(stats.t.cdf((g - f.loc[r, c]) / f.spread[r, c], f.df[r]))


def test_the_mixture_has_the_fixed_weights_and_its_quantiles_solve_the_weighted_cdf():
    from scipy import optimize

    checked = 0
    for (scale, _), idx in by_scale().items():
        group = [SERIES[i] for i in idx]
        rows = pack([(y.astype(float), v) for y, v, _, _ in group])
        at = np.stack([future_of(y) for y, _, _, _ in group]).astype(float)
        names = members(scale, METHODS.damped_phis)
        batch = fit_ensemble_rows(rows, at, scale, names, METHODS.family_weights, min_points=METHODS.min_points)
        calibrated = batch.calibrated(factors_for(WIDENING, at - (at[:, :1] - 1)),
                                      np.array([0.5 + r for r in range(len(group))]))
        quantiles = calibrated.quantiles(LEVELS)
        for r, (years, values, _, _) in enumerate(group):
            fitted = [nm for nm, f in zip(names, batch.fits) if f.ok[r]]
            # Each family's weight split equally among its fitted members, then normalised.
            fams = [family(nm) for nm in fitted]
            raw = {nm: METHODS.family_weights[fm] / fams.count(fm) for nm, fm in zip(fitted, fams)}
            want = [raw.get(nm, 0.0) / sum(raw.values()) if raw else 0.0 for nm in names]
            np.testing.assert_allclose(batch.weights[r], want, rtol=1e-12)
            assert batch.ok[r] == bool(fitted)
            if not fitted:
                continue
            for c in (0, 4, at.shape[1] - 1):
                def mixed(x: float, p: float) -> float:
                    return sum(w * member_cdf_by_hand(f, r, c, x)
                               for w, f in zip(calibrated.weights[r], calibrated.fits) if w > 0) - p

                for q, p in enumerate(LEVELS):
                    # Where the CDF jumps (mass on a bound) the quantile is the point of the jump.
                    lo = -1e12 if scale.lo is None else scale.lo - 1e-9
                    hi = 1e12 if scale.hi is None else scale.hi
                    root = optimize.brentq(mixed, lo, hi, args=(p,), xtol=1e-12, rtol=1e-13)
                    assert quantiles[q, r, c] == pytest.approx(root, rel=1e-8, abs=1e-8), (years, p, c)
                    checked += 1
    assert checked > 100


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


def test_packed_rows_are_padded_with_each_row_last_point():
    rows = pack([(np.array([2020, 2021, 2023]), [1.0, 2.0, 3.0]), (np.array([2024.0]), np.array([5.0]))])
    assert rows.years.tolist() == [[2020.0, 2021.0, 2023.0], [2024.0, 2024.0, 2024.0]]
    assert rows.values.tolist() == [[1.0, 2.0, 3.0], [5.0, 5.0, 5.0]] and rows.n.tolist() == [3, 1]
    assert pack([]).years.shape == (0, 1)
    with pytest.raises(ValueError):
        pack([(np.array([2020.0]), np.array([1.0])), (np.zeros(0), np.zeros(0))])
