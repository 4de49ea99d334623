"""The forecaster: every series of a panel projected from its own points and from its peers, one batch.

For each series, at its last year (the origin), nothing later is read: the pool is every series' points up to
that year. The predictive distribution mixes the peer model (`peers.py`, learnt from the pool) with the
series' own trend members (`projection.members`), by weights chosen once on rolling-origin CRPS over the
reference pools (params/methods.yaml `forecast.weights`, `kh330 skill --fit`). Its spread is then scaled,
for each horizon, by the factor that gave 80 % coverage on those pools, and by the panel's own factor: how the
same forecaster fared on the pool's last few years before the origin (the errors it would have made), shrunk
toward 1 by how few such errors there are. Everything is arrays: one pass per distinct year of the panel.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Sequence

import numpy as np

from .batched import BatchEnsemble, Rows, concat, pack, weight_matrix
from .ensemble import Ensemble
from .models import fit_rows
from .paths import as_ensemble
from .peers import PEER, PeerSettings, PoolPrior, peer_fits, pool_prior, window
from .projection import Fits, Scale, family, members, scale_for

__all__ = ["ForecastSettings", "Origin", "PanelForecast", "Unit", "coverage", "forecast_one", "forecast_panel",
           "forecast_series_alone", "own_pits", "rolling_forecasts", "truncate"]

# The bisection steps of the panel's own factor.
_LOCAL_STEPS = 20


@dataclass(frozen=True)
class ForecastSettings:
    """The forecaster's settings (params/methods.yaml, `forecast`)."""

    peer: PeerSettings
    weights: dict[str, float]            # by family: peer, linear, logit_linear, log_linear, drift, damped, naive
    widening: tuple[float, ...]          # spread factor of horizons 1, 2, …; beyond the last, the last
    local_years: int                     # the pool's last years the panel's own factor is measured on
    local_weight: float                  # errors worth as much as the pooled factor (n0 of n / (n + n0))
    local_range: tuple[float, float]     # the panel's own factor stays within this range
    min_points: int                      # fewest points a series needs to be forecast
    member_min_points: dict[str, int]
    damped_phis: tuple[float, ...]
    logit_epsilon: float
    max_horizon: int                     # horizons of the pseudo-forecasts behind the panel's own factor
    min_df: float = 30.0                 # fewest degrees of freedom of any member's Student-t
    quantiles: tuple[float, ...] = (0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95)
    units: dict[str, "Unit"] = field(default_factory=dict)


@dataclass(frozen=True)
class Unit:
    """A unit of `kh330 forecast`: the values' bounds and whether they are a share between them."""

    name: str
    low: float | None
    high: float | None
    share: bool

    def scale(self, values: np.ndarray, eps: float) -> Scale:
        """Logit for a share, log for positive values bounded below by 0, else the values themselves."""
        return scale_for((self.low, self.high), values, is_share=self.share, eps=eps)


def coverage(pit: np.ndarray, level: float) -> float:
    """The share of values inside the central `level` interval of their forecasts (PIT values); NaN for none."""
    pit = np.asarray(pit, dtype=float)
    if not len(pit):
        return float("nan")
    return float(np.mean((pit >= (1 - level) / 2) & (pit <= (1 + level) / 2)))


def truncate(rows: Rows, year: int) -> Rows:
    """Each row's points up to `year` (rows are sorted by year, so these are the first ones)."""
    n = np.sum(rows.mask & (rows.years <= year), axis=1)
    return Rows(rows.years, rows.values, n)


def _concat_fits(parts: Sequence[tuple[np.ndarray, Fits]], size: int, width: int) -> Fits:
    """Fits of disjoint row sets (index, fits) placed into one Fits of `size` rows and `width` columns."""
    first = parts[0][1]
    ok = np.zeros(size, dtype=bool)
    loc = np.full((size, width), np.nan)
    spread = np.full((size, width), np.nan)
    df = np.full(size, np.nan)
    for idx, f in parts:
        ok[idx] = f.ok
        loc[idx, :f.loc.shape[1]] = f.loc
        spread[idx, :f.spread.shape[1]] = f.spread
        df[idx] = f.df
    return Fits(first.model, first.scale, ok, loc, spread, df)


@dataclass(frozen=True)
class Pass:
    """One origin year: the ensemble of the series whose last point (up to that year) falls on it."""

    year: int
    rows: np.ndarray            # indices into the panel
    ensemble: BatchEnsemble     # raw (before any widening), at year + 1 … year + width
    prior: PoolPrior


@dataclass(frozen=True)
class PanelForecast:
    """Every series forecast at its origin: the calibrated mixture, and what it rests on."""

    names: tuple[str, ...]
    ok: np.ndarray               # B: forecast made
    n_points: np.ndarray         # B
    origin: np.ndarray           # B: last year
    last_value: np.ndarray       # B
    at: np.ndarray               # B × F: years (origin + 1 …)
    requested: np.ndarray        # B × F: years asked for (up to each row's horizon)
    ensemble: BatchEnsemble      # calibrated
    factor: np.ndarray           # B × F: spread factor applied (pooled widening × the panel's own)
    local: np.ndarray            # B: the panel's own factor
    local_errors: np.ndarray     # B: pseudo-forecast errors it rests on
    pool_series: np.ndarray      # B: pool series the peer model learnt from at this origin
    scale: Scale
    widening: tuple[float, ...] = field(default=())

    def quantiles(self, levels: Sequence[float]) -> np.ndarray:
        """Quantiles (level × row × year); NaN where no forecast."""
        q = self.ensemble.quantiles_newton(levels)
        return np.where(self.ok[None, :, None] & self.requested[None], q, np.nan)

    def p_above(self, threshold: np.ndarray | float) -> np.ndarray:
        """P(value > threshold) at every row and year (threshold: one value, one per row, or rows × years)."""
        x = np.asarray(threshold, dtype=float)
        x = np.broadcast_to(x[:, None] if x.ndim == 1 else x, self.at.shape)
        p = 1.0 - self.ensemble.cdf(np.array(x))
        return np.where(self.ok[:, None] & self.requested, np.clip(p, 0.0, 1.0), np.nan)

    def p_rise(self, delta: float) -> np.ndarray:
        """P(value > the series' last value + delta) at every row and year."""
        return self.p_above(self.last_value + float(delta))

    def row_weights(self, i: int) -> dict[str, float]:
        """Member weights of row i (members that could not be fitted have none)."""
        return {n: float(w) for n, w in zip(self.ensemble.names, self.ensemble.weights[i]) if w > 0}


def _member_names(scale: Scale, settings: ForecastSettings) -> tuple[str, ...]:
    """The peer model and the series' own members that carry weight (a member weighted 0 is never fitted)."""
    own = tuple(m for m in members(scale, settings.damped_phis) if settings.weights.get(family(m), 0.0) > 0)
    return ((PEER,) if settings.weights.get(PEER, 0.0) > 0 else ()) + own


def _raw_pass(rows: Rows, in_pool: np.ndarray, year: int, targets: np.ndarray, width: int, scale: Scale,
              settings: ForecastSettings) -> Pass:
    """The raw mixture of `targets` (rows with a point at `year`), learning from the pool's points up to it."""
    upto = truncate(rows, year)
    pool = np.flatnonzero(in_pool & (upto.n >= 1))
    prior = pool_prior(window(upto.take(pool), scale, settings.peer.window), settings.peer)
    sub = upto.take(targets)
    at = year + np.tile(np.arange(1, width + 1, dtype=float), (len(targets), 1))
    names = _member_names(scale, settings)
    fits = [peer_fits(sub, at, scale, prior, settings.peer, settings.min_points) if nm == PEER
            else fit_rows(nm, sub, at, scale, min_points=settings.member_min_points) for nm in names]
    enough = sub.n >= settings.min_points
    fits = [replace(f, ok=f.ok & enough, df=np.maximum(f.df, settings.min_df)) for f in fits]
    ok = np.stack([f.ok for f in fits], axis=1)
    weights = weight_matrix(names, ok, settings.weights)
    return Pass(year, targets, BatchEnsemble(names, tuple(fits), weights, at), prior)


def _widening(settings: ForecastSettings, h: np.ndarray) -> np.ndarray:
    k = np.asarray(settings.widening, dtype=float)
    return k[np.clip(h.astype(int), 1, len(k)) - 1]


@dataclass(frozen=True)
class _Errors:
    """Pseudo-forecasts: the raw mixture at an earlier origin, each beside a value seen later."""

    origin: np.ndarray    # R: the pseudo-origin
    year: np.ndarray      # R: year of the value
    ensemble: BatchEnsemble   # R × 1
    value: np.ndarray     # R × 1
    floor: np.ndarray     # R


def _errors(rows: Rows, passes: Sequence[Pass], in_pool: np.ndarray, floor: np.ndarray,
            settings: ForecastSettings) -> _Errors | None:
    """Every pseudo-forecast of a pool series in the passes, beside each of its values within `max_horizon`
    years of the pass."""
    parts = []
    for p in passes:
        ens = p.ensemble
        usable = ens.ok & in_pool[p.rows]
        for c in range(min(settings.max_horizon, ens.at.shape[1])):
            hit = (rows.years[p.rows] == p.year + c + 1) & rows.mask[p.rows]
            k = np.flatnonzero(usable & hit.any(axis=1))
            if not len(k):
                continue
            col = np.argmax(hit[k], axis=1)
            parts.append((p, k, c, rows.values[p.rows[k], col]))
    if not parts:
        return None
    ens = concat([p.ensemble.cells(k, np.full(len(k), c)) for p, k, c, _ in parts])
    return _Errors(np.concatenate([np.full(len(k), p.year) for p, k, _, _ in parts]),
                   np.concatenate([np.full(len(k), p.year + c + 1) for p, k, c, _ in parts]), ens,
                   np.concatenate([v for *_, v in parts])[:, None],
                   np.concatenate([floor[p.rows[k]] for p, k, _, _ in parts]))


def _local_factor(errors: _Errors | None, origin: int, settings: ForecastSettings) -> tuple[float, int]:
    """The panel's own spread factor at `origin`: the one giving 80 % coverage of the pseudo-forecasts made in
    the `local_years` before it (values seen by then), shrunk toward 1 by n / (n + local_weight)."""
    if errors is None:
        return 1.0, 0
    sel = np.flatnonzero((errors.origin >= origin - settings.local_years) & (errors.origin < origin)
                         & (errors.year <= origin))
    n = len(sel)
    if n == 0:
        return 1.0, 0
    ens = errors.ensemble.take(sel)
    base = _widening(settings, (errors.year[sel] - errors.origin[sel]).astype(float))[:, None]
    value = errors.value[sel]
    floor = errors.floor[sel]

    def covered(lam: float) -> float:
        return coverage(ens.calibrated(base * lam, floor).cdf(value)[:, 0], 0.8)

    lo, hi = settings.local_range
    if covered(hi) < 0.8:
        lam = hi
    elif covered(lo) >= 0.8:
        lam = lo
    else:
        a, b = np.log(lo), np.log(hi)
        for _ in range(_LOCAL_STEPS):
            mid = 0.5 * (a + b)
            a, b = (mid, b) if covered(float(np.exp(mid))) < 0.8 else (a, mid)
        lam = float(np.exp(0.5 * (a + b)))
    shrink = n / (n + settings.local_weight)
    return float(np.exp(shrink * np.log(lam))), n


@dataclass(frozen=True)
class Origin:
    """The series forecast at one origin year: their rows, the calibrated mixture, and what it rests on."""

    year: int
    rows: np.ndarray           # indices into the panel
    ensemble: BatchEnsemble    # calibrated, at year + 1 … year + width
    factor: np.ndarray         # rows × width: spread factor applied
    local: float
    local_errors: int
    pool_series: int


def rolling_forecasts(rows: Rows, scale: Scale, settings: ForecastSettings, *, years: Sequence[int],
                      width: int, floor: np.ndarray | float = 0.0, in_pool: np.ndarray | None = None,
                      only: dict[int, np.ndarray] | None = None) -> list[Origin]:
    """Every series with a point in each of `years`, forecast at that year from the panel's points up to it.

    A forecast at year T reads nothing after T, so it is the forecast `forecast_panel` makes for the panel cut at
    T. `only` (year → row mask) keeps fewer series at a year. Passes are shared: the forecaster's pseudo-forecasts
    at earlier years, behind the panel's own factor, are the same passes.
    """
    b = len(rows.n)
    in_pool = np.ones(b, dtype=bool) if in_pool is None else np.asarray(in_pool, dtype=bool)
    floor = np.broadcast_to(np.asarray(floor, dtype=float), (b,))
    width = max(width, settings.max_horizon, 1)
    every_year = set(rows.years[rows.mask].astype(int).tolist())
    real = sorted(y for y in set(int(y) for y in years) if y in every_year)
    pseudo = sorted({y for t in real for y in range(t - settings.local_years, t) if y in every_year})
    passes: dict[int, Pass] = {}
    for year in sorted(set(real) | set(pseudo)):
        has = np.any((rows.years == year) & rows.mask, axis=1) & (truncate(rows, year).n >= settings.min_points)
        # Only what is used: the series asked for at a real origin, the pool's series at a pseudo-origin (their
        # errors make the panel's own factor); a year may be both.
        wanted = np.zeros(b, dtype=bool)
        if year in real:
            wanted |= True if only is None or year not in only else only[year]
        if year in pseudo:
            wanted |= in_pool
        targets = np.flatnonzero(has & wanted)
        if len(targets):
            passes[year] = _raw_pass(rows, in_pool, year, targets, width, scale, settings)
    errors = _errors(rows, [passes[y] for y in pseudo if y in passes], in_pool, floor, settings) if pseudo else None
    out = []
    for t in real:
        p = passes.get(t)
        if p is None:
            continue
        keep = np.ones(len(p.rows), dtype=bool) if only is None or t not in only else only[t][p.rows]
        if not keep.any():
            continue
        idx = p.rows[keep]
        lam, n = _local_factor(errors, t, settings)
        raw = p.ensemble.take(np.flatnonzero(keep))
        factor = _widening(settings, raw.at - t) * lam
        out.append(Origin(t, idx, raw.calibrated(factor, floor[idx]), factor, lam, n, p.prior.series))
    return out


def forecast_panel(rows: Rows, names: Sequence[str], scale: Scale, settings: ForecastSettings, *,
                   horizon: np.ndarray | int, floor: np.ndarray | float = 0.0,
                   in_pool: np.ndarray | None = None) -> PanelForecast:
    """Forecast every row at its last year, `horizon` years ahead (one number, or one per row).

    `in_pool` marks the rows the peers are learnt from (default all); a row outside it is still forecast.
    `floor` is the data's measurement error in the series' units: no spread falls below it.
    """
    b = len(rows.n)
    hz = np.broadcast_to(np.asarray(horizon, dtype=int), (b,))
    width = max(int(hz.max()) if b else 1, settings.max_horizon, 1)
    origin = rows.last(rows.years).astype(int) if b else np.zeros(0, dtype=int)
    enough = rows.n >= settings.min_points
    years = sorted(set(origin[enough].tolist()))
    origins = rolling_forecasts(rows, scale, settings, years=years, width=width, floor=floor, in_pool=in_pool,
                                only={t: origin == t for t in years})
    names_m = _member_names(scale, settings)
    local, local_n, pool_series = np.ones(b), np.zeros(b, dtype=int), np.zeros(b, dtype=int)
    factor = np.ones((b, width))
    weight = np.zeros((b, len(names_m)))
    parts: list[list[tuple[np.ndarray, Fits]]] = []
    for o in origins:
        local[o.rows], local_n[o.rows], pool_series[o.rows] = o.local, o.local_errors, o.pool_series
        factor[o.rows] = o.factor
        weight[o.rows] = o.ensemble.weights
        parts.append([(o.rows, f) for f in o.ensemble.fits])
    if parts:
        fits = tuple(_concat_fits([pp[j] for pp in parts], b, width) for j in range(len(names_m)))
    else:
        fits = tuple(Fits(nm, scale, np.zeros(b, dtype=bool), np.full((b, width), np.nan),
                          np.full((b, width), np.nan), np.full(b, np.nan)) for nm in names_m)
    at = (origin[:, None] + np.arange(1, width + 1)[None, :]).astype(float)
    ensemble = BatchEnsemble(names_m, fits, weight, at)
    requested = np.arange(1, width + 1)[None, :] <= hz[:, None]
    last_value = rows.last(rows.values) if b else np.zeros(0)
    return PanelForecast(tuple(names), ensemble.ok & enough, rows.n.copy(), origin, last_value, at, requested,
                         ensemble, factor, local, local_n, pool_series, scale, tuple(settings.widening))


def _with_pool(series: Sequence[tuple[np.ndarray, np.ndarray]], pool: Sequence[tuple[np.ndarray, np.ndarray]],
               floor: np.ndarray | float) -> tuple[Rows, np.ndarray, np.ndarray]:
    """The series, then the pool, as one panel: its rows, which rows are the series, and each row's floor."""
    n = len(series)
    rows = pack([(np.asarray(y, dtype=float), np.asarray(v, dtype=float)) for y, v in (*series, *pool)])
    mine = np.arange(len(rows.n)) < n
    floors = np.zeros(len(rows.n))
    floors[:n] = np.broadcast_to(np.asarray(floor, dtype=float), (n,))
    return rows, mine, floors


def forecast_series_alone(series: Sequence[tuple[np.ndarray, np.ndarray]],
                          pool: Sequence[tuple[np.ndarray, np.ndarray]], scale: Scale, settings: ForecastSettings, *,
                          horizon_end: int,
                          floor: np.ndarray | float = 0.0) -> list[tuple[Origin, int] | None]:
    """Many series, each forecast at its last year up to `horizon_end` from the pool alone (never from each
    other): for each series, its origin and its row there (None where it cannot be forecast)."""
    n = len(series)
    rows, mine, floors = _with_pool(series, pool, floor)
    last = rows.last(rows.years).astype(int)
    out: list[tuple[Origin, int] | None] = [None] * n
    # One call per last year: the width of the years ahead fixes the sample paths' draws, as for a series alone.
    for year in sorted(set(last[:n].tolist())):
        wanted = mine & (last == year)
        origins = rolling_forecasts(rows, scale, settings, years=[year], width=max(horizon_end - year, 1),
                                    floor=floors, in_pool=~mine, only={year: wanted})
        for o in origins:
            for j, r in enumerate(o.rows):
                if o.ensemble.ok[j]:
                    out[int(r)] = (o, j)
    return out


def forecast_one(years: np.ndarray, values: np.ndarray, pool: Sequence[tuple[np.ndarray, np.ndarray]], scale: Scale,
                 settings: ForecastSettings, *, horizon: int, floor: float = 0.0, n_paths: int = 0,
                 seed: int = 0) -> tuple[Ensemble, Origin]:
    """One series forecast at its last year, learning from `pool` (other series: years, values) alone, as an
    `Ensemble`: `forecast_series_alone` with a batch of one."""
    found = forecast_series_alone([(years, values)], pool, scale, settings,
                                  horizon_end=int(years[-1]) + max(int(horizon), 1), floor=floor)[0]
    if found is None:
        raise ValueError("the series cannot be forecast (too few points)")
    origin, row = found
    return as_ensemble(origin.ensemble, origin.factor[row], row, years, values, n_paths=n_paths, seed=seed), origin


def own_pits(series: Sequence[tuple[np.ndarray, np.ndarray]], pool: Sequence[tuple[np.ndarray, np.ndarray]],
             scale: Scale, settings: ForecastSettings, *, floor: np.ndarray | float = 0.0) -> list[np.ndarray]:
    """Each series' own history as a test: at each of its years with `min_points` points up to it, forecast from
    the pool alone; the PIT of every value it has within `max_horizon` years after (one array per series)."""
    rows, mine, floors = _with_pool(series, pool, floor)
    starts: dict[int, np.ndarray] = {}
    for pos, (years, _) in enumerate(series):
        for y in np.asarray(years)[settings.min_points - 1:-1]:
            starts.setdefault(int(y), np.zeros(len(rows.n), dtype=bool))[pos] = True
    pits: list[list[np.ndarray]] = [[] for _ in series]
    if not starts:
        return [np.zeros(0) for _ in series]
    for o in rolling_forecasts(rows, scale, settings, years=sorted(starts), width=settings.max_horizon,
                               floor=floors, in_pool=~mine, only=starts):
        # Every value seen after this origin, of every series forecast there, in one call.
        later = (rows.years[o.rows] > o.year) & (rows.years[o.rows] <= o.year + settings.max_horizon) \
            & rows.mask[o.rows] & o.ensemble.ok[:, None]
        r, c = np.nonzero(later)
        if not len(r):
            continue
        cols = (rows.years[o.rows][r, c] - o.year - 1).astype(int)
        pit = o.ensemble.cells(r, cols).cdf(rows.values[o.rows][r, c][:, None])[:, 0]
        for pos in np.unique(o.rows[r]):
            pits[int(pos)].append(pit[o.rows[r] == pos])
    return [np.concatenate(p) if p else np.zeros(0) for p in pits]
