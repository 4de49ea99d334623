"""Is a chance a claim? The forecaster scored on the reference pools as it would have fared on series it never saw.

Rolling origins: at every year of every pool series, the forecaster sees that series' points up to the year,
either all of them (full window) or its last four (4-point window, as short as Huë's series), and the pool's
points up to the year, without the fifth of the pool the series belongs to (series left out in groups). Each
pool is scored with the widening factors fitted on the other pools only (pool left out). For each value seen
1–6 years later: was it inside the 50 % and 80 % intervals, and did the forecast P(rise above the last value +
D) come true? The Brier score of those chances is set against a random walk without drift (Gaussian, variance
from the window's changes) and against the pool's climatology (how often such a rise happened in the pool's
history before the origin): skill = 1 − Brier / Brier of the baseline. Everything is arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple, Sequence

import numpy as np
from scipy import special

from .batched import BatchEnsemble, Rows, concat, pack
from .forecast import ForecastSettings, coverage, rolling_forecasts
from .projection import family, scale_for

__all__ = ["PoolData", "Cells", "RiseScore", "SkillRow", "Reliability", "score_pools", "summarize", "fit_widening",
           "crps_weights", "family_weights",
           "HORIZON_BANDS", "WINDOWS"]

# Horizon bands of the table (years ahead).
HORIZON_BANDS = ((1, 2), (3, 4), (5, 6))
# Training windows scored: the last 4 points, and every point up to the origin (None).
WINDOWS: tuple[int | None, ...] = (4, None)
FOLDS = 5
RELIABILITY_BINS = 10
# Fewer events than this and no skill is computed for that rise (the table says "no events").
MIN_EVENTS = 10


@dataclass(frozen=True)
class PoolData:
    """A pool as the scoring needs it: series (sorted by year), bounds, the rises scored."""

    id: str
    names: tuple[str, ...]
    years: tuple[np.ndarray, ...]
    values: tuple[np.ndarray, ...]
    bounds: tuple[float | None, float | None]
    share: bool
    rise: tuple[float, ...]


@dataclass(frozen=True)
class Cells:
    """Every scored forecast: one row per (pool, window, series, origin, value seen h years later)."""

    pool: np.ndarray          # str
    window: np.ndarray        # str: "4" or "full"
    series: np.ndarray        # int (index in its pool)
    origin: np.ndarray
    h: np.ndarray
    value: np.ndarray
    last: np.ndarray
    widening: np.ndarray      # the pooled factor the forecast carries (k_h)
    ensemble: BatchEnsemble   # R × 1: the calibrated mixture at the cell
    rw_sigma: np.ndarray      # the random walk's yearly sd (window's changes), NaN under 2 changes
    rises: tuple[float, ...]  # every D scored (union over pools)
    climate: np.ndarray       # R × len(rises): the pool's frequency of such a rise before the origin (NaN: none)

    def __len__(self) -> int:
        return len(self.h)

    def take(self, sel: np.ndarray) -> "Cells":
        return Cells(self.pool[sel], self.window[sel], self.series[sel], self.origin[sel], self.h[sel],
                     self.value[sel], self.last[sel], self.widening[sel], self.ensemble.take(sel),
                     self.rw_sigma[sel], self.rises, self.climate[sel])

    def rescaled(self, widening: Sequence[float]) -> BatchEnsemble:
        """The cells' mixture with the pooled factor of each horizon replaced by `widening`."""
        k = np.asarray(widening, dtype=float)[np.clip(self.h, 1, len(widening)) - 1] / self.widening
        return BatchEnsemble(self.ensemble.names, tuple(replace(f, spread=f.spread * k[:, None])
                                                        for f in self.ensemble.fits),
                             self.ensemble.weights, self.ensemble.at)


def _rw_sigma(rows: Rows) -> np.ndarray:
    """Each row's yearly sd of change (changes over a gap of g years count as g years), ddof 1."""
    mask = rows.mask
    dm = mask[:, 1:]
    gap = np.where(dm, np.diff(rows.years, axis=1), 1.0)
    d = np.where(dm, np.diff(rows.values, axis=1), 0.0) / np.sqrt(gap)
    m = dm.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = d.sum(axis=1) / m
        var = np.sum(np.where(dm, (d - mean[:, None]) ** 2, 0.0), axis=1) / (m - 1)
    return np.where(m >= 2, np.sqrt(np.maximum(var, 0.0)), np.nan)


def _climate(pool: PoolData, rises: Sequence[float], origins: np.ndarray, h: np.ndarray) -> np.ndarray:
    """For each (origin, h): the share of the pool's h-year changes ending by the origin that exceed each rise."""
    start, change = [], []
    for ys, vs in zip(pool.years, pool.values):
        at = {int(y): float(v) for y, v in zip(ys, vs)}
        for y, v in at.items():
            for k in range(1, 7):
                if y + k in at:
                    start.append((y, k))
                    change.append(at[y + k] - v)
    if not start:
        return np.full((len(origins), len(rises)), np.nan)
    sy = np.array([s[0] for s in start])
    sk = np.array([s[1] for s in start])
    ch = np.array(change)
    out = np.full((len(origins), len(rises)), np.nan)
    for key in set(zip(origins.tolist(), h.tolist())):
        t, k = key
        sel = (sk == k) & (sy + k <= t)
        if not sel.any():
            continue
        freq = [(ch[sel] > d).mean() for d in rises]
        rows = (origins == t) & (h == k)
        out[rows] = freq
    return out


def _cells_of(pool: PoolData, settings: ForecastSettings, window: int | None, rises: Sequence[float],
              folds: int) -> list[dict]:
    """Every scored forecast of one pool and window, as dicts of arrays (one per origin and fold)."""
    rows = pack(list(zip(pool.years, pool.values)))
    scale = scale_for(pool.bounds, np.concatenate(pool.values), is_share=pool.share, eps=settings.logit_epsilon)
    fold = np.arange(len(rows.n)) % folds
    all_years = sorted(set(np.concatenate(pool.years).tolist()))
    out = []
    for g in range(folds):
        pool_rows = fold != g
        if window is None:
            origins = rolling_forecasts(rows, scale, settings, years=all_years[:-1], width=settings.max_horizon,
                                        in_pool=pool_rows, only={t: fold == g for t in all_years})
            batches = [(o, rows) for o in origins]
        else:
            batches = []
            for t in all_years[:-1]:
                cut = _last_points(rows, t, window)
                has = np.any((cut.years == t) & cut.mask, axis=1) & (fold == g)
                if not has.any():
                    continue
                batches += [(o, cut) for o in rolling_forecasts(cut, scale, settings, years=[t],
                                                                width=settings.max_horizon, in_pool=pool_rows,
                                                                only={t: has})]
        for o, seen in batches:
            later = (rows.years[o.rows] > o.year) & (rows.years[o.rows] <= o.year + settings.max_horizon) \
                & rows.mask[o.rows]
            r, c = np.nonzero(later)
            if not len(r):
                continue
            h = (rows.years[o.rows][r, c] - o.year).astype(int)
            cell = o.ensemble.cells(r, h - 1)
            known = np.sum(seen.mask[o.rows] & (seen.years[o.rows] <= o.year), axis=1)
            sub = Rows(seen.years[o.rows], seen.values[o.rows], known)
            k = np.asarray(settings.widening, dtype=float)
            out.append({"series": o.rows[r], "origin": np.full(len(r), o.year), "h": h,
                        "value": rows.values[o.rows][r, c], "last": sub.last(sub.values)[r],
                        "widening": k[np.clip(h, 1, len(k)) - 1], "ensemble": cell,
                        "rw_sigma": _rw_sigma(sub)[r]})
    return out


def _last_points(rows: Rows, year: int, count: int) -> Rows:
    """Each row's last `count` points up to `year`, packed left."""
    upto = np.sum(rows.mask & (rows.years <= year), axis=1)
    start = np.maximum(upto - count, 0)
    width = max(count, 1)
    idx = start[:, None] + np.minimum(np.arange(width)[None, :], np.maximum(upto - start - 1, 0)[:, None])
    years = np.take_along_axis(rows.years, idx, axis=1)
    values = np.take_along_axis(rows.values, idx, axis=1)
    return Rows(years, values, upto - start)


def score_pools(pools: Sequence[PoolData], settings: ForecastSettings, *, windows: Sequence[int | None] = WINDOWS,
                folds: int = FOLDS, rises: Sequence[float] = (2.0, 5.0)) -> Cells:
    """Every rolling-origin forecast of every pool and window, with what it is scored against."""
    every = tuple(sorted(set(float(d) for d in rises) | {float(d) for p in pools for d in p.rise}))
    parts = []
    for p in pools:
        for w in windows:
            for d in _cells_of(p, settings, w, every, folds):
                d["pool"] = np.full(len(d["h"]), p.id, dtype=object)
                d["window"] = np.full(len(d["h"]), "full" if w is None else str(w), dtype=object)
                d["climate"] = _climate(p, every, d["origin"], d["h"])
                parts.append(d)
    merged = concat([d["ensemble"] for d in parts])

    def cat(key: str) -> np.ndarray:
        return np.concatenate([d[key] for d in parts])

    return Cells(cat("pool"), cat("window"), cat("series"), cat("origin"), cat("h"), cat("value"), cat("last"),
                 cat("widening"), merged, cat("rw_sigma"), every, np.concatenate([d["climate"] for d in parts]))


def fit_widening(cells: Cells, target: float = 0.8, horizons: int = 6) -> tuple[float, ...]:
    """For each horizon: the pooled factor that gives `target` coverage of the central `target` intervals, each
    pool counting equally (a large pool does not outvote a small one)."""
    out = []
    for h in range(1, horizons + 1):
        sel = np.flatnonzero(np.minimum(cells.h, horizons) == h)
        if not len(sel):
            out.append(out[-1] if out else 1.0)
            continue
        sub = cells.take(sel)
        groups = [sub.pool == p for p in dict.fromkeys(sub.pool.tolist())]
        lo, hi = np.log(0.2), np.log(5.0)
        for _ in range(30):
            mid = 0.5 * (lo + hi)
            pit = sub.rescaled(list(np.exp(np.full(horizons, mid)))).cdf(sub.value[:, None])[:, 0]
            cov = float(np.mean([coverage(pit[g], target) for g in groups]))
            lo, hi = (mid, hi) if cov < target else (lo, mid)
        out.append(round(float(np.exp(0.5 * (lo + hi))), 4))
    return tuple(out)


class RiseScore(NamedTuple):
    """How the chances of one rise D scored: events, base rate, Brier score, the baselines' and the skill against
    each (NaN under `MIN_EVENTS` events), and how many forecasts had a climatology to compare with."""

    rise: float
    events: int
    base_rate: float
    brier: float
    brier_random_walk: float
    brier_climatology: float
    skill_random_walk: float
    skill_climatology: float
    forecasts_with_climatology: int


@dataclass(frozen=True)
class SkillRow:
    """The scores of one group of forecasts (a pool and window, a horizon band, or everything)."""

    pool: str
    window: str
    horizons: str
    forecasts: int
    coverage_80: float
    coverage_50: float
    rises: tuple[RiseScore, ...]


@dataclass(frozen=True)
class Reliability:
    """A reliability diagram of P(rise > D) over every pool: per bin, mean forecast, observed frequency, count."""

    rise: float
    forecast: tuple[float, ...]
    observed: tuple[float, ...]
    count: tuple[int, ...]


def _brier(p: np.ndarray, o: np.ndarray) -> float:
    return float(np.mean((p - o) ** 2)) if len(p) else float("nan")


def _row(pool: str, window: str, horizons: str, pit: np.ndarray, p_rise: np.ndarray, rw: np.ndarray,
         clim: np.ndarray, event: np.ndarray, rises: Sequence[float]) -> SkillRow:
    out = []
    for j, d in enumerate(rises):
        o = event[:, j]
        b, b_rw = _brier(p_rise[:, j], o), _brier(rw[:, j], o)
        has = np.isfinite(clim[:, j])
        b_model_c, b_cl = _brier(p_rise[has, j], o[has]), _brier(clim[has, j], o[has])
        # Without events (a rise the pool never makes) there is nothing to be skilful about.
        events = int(o.sum())
        s_rw = 1 - b / b_rw if b_rw > 0 and events >= MIN_EVENTS else float("nan")
        s_cl = 1 - b_model_c / b_cl if b_cl > 0 and events >= MIN_EVENTS else float("nan")
        out.append(RiseScore(float(d), events, float(o.mean()) if len(o) else float("nan"), b, b_rw, b_cl, s_rw, s_cl,
                             int(has.sum())))
    return SkillRow(pool, window, horizons, int(len(pit)), coverage(pit, 0.8), coverage(pit, 0.5), tuple(out))


def summarize(cells: Cells, pool_rises: dict[str, tuple[float, ...]], *, leave_pool_out: bool = True
              ) -> tuple[list[SkillRow], list[Reliability], dict[str, tuple[float, ...]]]:
    """The skill table: every pool × window, every pool × horizon band, and all pools together, each pool with
    the widening fitted on the others (`leave_pool_out`); a reliability diagram per rise; the factors used."""
    pools = list(dict.fromkeys(cells.pool.tolist()))
    n = len(cells)
    pit = np.empty(n)
    p_rise = np.empty((n, len(cells.rises)))
    factors: dict[str, tuple[float, ...]] = {}
    for p in pools:
        mine = np.flatnonzero(cells.pool == p)
        others = np.flatnonzero(cells.pool != p)
        k = fit_widening(cells.take(others)) if leave_pool_out and len(others) else ()
        sub = cells.take(mine)
        ens = sub.rescaled(k) if k else sub.ensemble
        factors[p] = k
        pit[mine] = ens.cdf(sub.value[:, None])[:, 0]
        thresholds = np.stack([sub.last + d for d in cells.rises], axis=1)
        p_rise[mine] = 1.0 - ens.cdf(thresholds)
    event = np.stack([cells.value > cells.last + d for d in cells.rises], axis=1).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.array(cells.rises)[None, :] / (cells.rw_sigma[:, None] * np.sqrt(cells.h[:, None]))
        rw = np.where(cells.rw_sigma[:, None] > 0, 1.0 - special.ndtr(z), 0.0)
    rw = np.where(np.isfinite(cells.rw_sigma)[:, None], rw, np.nan)
    ok_rw = np.all(np.isfinite(rw), axis=1)
    rows: list[SkillRow] = []

    def add(pool: str, window: str, horizons: str, sel: np.ndarray) -> None:
        sel = sel & ok_rw
        keep = [j for j, d in enumerate(cells.rises) if d in pool_rises.get(pool, ())]
        rows.append(_row(pool, window, horizons, pit[sel], p_rise[sel][:, keep], rw[sel][:, keep],
                         cells.climate[sel][:, keep], event[sel][:, keep], [cells.rises[j] for j in keep]))

    windows = list(dict.fromkeys(cells.window.tolist()))
    everything = np.ones(n, dtype=bool)
    for p in pools + ["all"]:
        in_p = everything if p == "all" else cells.pool == p
        for w in windows:
            add(p, w, "1-6", in_p & (cells.window == w))
        for lo, hi in HORIZON_BANDS:
            add(p, "both", f"{lo}-{hi}", in_p & (cells.h >= lo) & (cells.h <= hi))
    reliability = []
    for j, d in enumerate(cells.rises):
        pr, ev = p_rise[ok_rw, j], event[ok_rw, j]
        b = np.clip((pr * RELIABILITY_BINS).astype(int), 0, RELIABILITY_BINS - 1)
        counts = np.bincount(b, minlength=RELIABILITY_BINS)
        with np.errstate(invalid="ignore"):
            mean_p = np.bincount(b, weights=pr, minlength=RELIABILITY_BINS) / counts
            freq = np.bincount(b, weights=ev, minlength=RELIABILITY_BINS) / counts
        reliability.append(Reliability(float(d), tuple(float(x) for x in mean_p), tuple(float(x) for x in freq),
                                       tuple(int(c) for c in counts)))
    return rows, reliability, factors


def _member_cdfs(cells: Cells, grid: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x grid R × G, each member's CDF on it M × R × G, whether the member applies M × R)."""
    e = cells.ensemble
    qs = np.stack([np.stack([f.quantile(p)[:, 0] for p in (0.002, 0.998)]) for f in e.fits])  # M × 2 × R
    ok = np.stack([f.ok for f in e.fits])
    lo = np.nanmin(np.where(ok, qs[:, 0], np.inf), axis=0)
    hi = np.nanmax(np.where(ok, qs[:, 1], -np.inf), axis=0)
    lo, hi = np.minimum(lo, cells.value), np.maximum(hi, cells.value)
    x = lo[:, None] + (hi - lo)[:, None] * np.linspace(0.0, 1.0, grid)[None, :]
    cdfs = np.stack([np.nan_to_num(BatchEnsemble((f.model,), (f,), np.ones((len(cells), 1)),
                                                 np.repeat(e.at, grid, axis=1)).cdf(x)) for f in e.fits])
    return x, cdfs, ok


def crps_weights(cells: Cells, *, per_pool: int = 2000, grid: int = 160, seed: int = 0) -> dict[str, float]:
    """Member weights minimising the CRPS of the mixture, each pool's mean CRPS relative to the last value
    carried forward (the naive member) and the pools counting equally; `per_pool` cells drawn from each."""
    from scipy import optimize

    rng = np.random.default_rng(seed)
    pools = list(dict.fromkeys(cells.pool.tolist()))
    pick = np.concatenate([rng.choice(np.flatnonzero(cells.pool == p), min(per_pool, int((cells.pool == p).sum())),
                                      replace=False) for p in pools])
    sub = cells.take(np.sort(pick))
    x, cdfs, ok = _member_cdfs(sub, grid)
    step = (x >= sub.value[:, None]).astype(float)
    groups = [sub.pool == p for p in pools]
    names = sub.ensemble.names

    def crps(w: np.ndarray) -> np.ndarray:
        ww = w[:, None] * ok
        ww = ww / np.maximum(ww.sum(axis=0, keepdims=True), 1e-300)
        d = (np.einsum("mr,mrg->rg", ww, cdfs) - step) ** 2
        return np.sum(0.5 * (d[:, 1:] + d[:, :-1]) * np.diff(x, axis=1), axis=1)

    base = crps(np.array([1.0 if n == "naive" else 0.0 for n in names]))
    ref = [base[g].mean() for g in groups]

    def objective(t: np.ndarray) -> float:
        w = np.exp(t - t.max())
        c = crps(w / w.sum())
        return float(np.mean([c[g].mean() / r for g, r in zip(groups, ref)]))

    res = optimize.minimize(objective, np.zeros(len(names)), method="Nelder-Mead",
                            options={"maxiter": 4000, "xatol": 1e-3, "fatol": 1e-7})
    w = np.exp(res.x - res.x.max())
    return {n: round(float(v), 3) for n, v in zip(names, w / w.sum())}


def family_weights(weights: dict[str, float], min_weight: float = 0.02) -> dict[str, float]:
    """Member weights summed by family (the damping factors of `damped` together), families under `min_weight`
    dropped and the rest renormalised, rounded to 3 decimals: the `forecast.weights` of params/methods.yaml."""
    families: dict[str, float] = {}
    for name, w in weights.items():
        families[family(name)] = families.get(family(name), 0.0) + w
    kept = {f: w for f, w in families.items() if round(w, 3) >= min_weight}
    total = sum(kept.values())
    return {f: round(w / total, 3) for f, w in kept.items()}
