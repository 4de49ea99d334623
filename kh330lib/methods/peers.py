"""Learning from peers: a local linear trend whose priors come from comparable series (a reference pool).

Each series is a level plus a slope observed with noise, on its natural scale (logit for shares). What four or
five points cannot tell, the pool tells: where the slope of series at a similar level usually lies and how far
it strays (an empirical Bayes prior, Efron and Morris 1975), how volatile such series are (variances moderated
toward the pool's, Smyth 2004), and how much of a year's movement lasts and how much is noise that reverts (the
signal-to-noise ratio of the local linear trend, Harvey 1989, chosen by the pool's pooled likelihood). With
those shared, each series is filtered by the Kalman filter and projected; shared parameters learnt across
series are the "cross-learning" of global forecasting models (Montero-Manso and Hyndman 2021).

Everything is batched: series sit in the rows of one array, each window aligned on its own last year, so one
pass of array arithmetic filters every series (a single series is a batch of one).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .batched import Rows
from .projection import Fits, Scale

__all__ = ["PEER", "PeerSettings", "PoolPrior", "Window", "window", "pool_prior", "peer_fits"]

# The peer model's name among the ensemble's members.
PEER = "peer"


@dataclass(frozen=True)
class PeerSettings:
    """The peer model's settings (params/methods.yaml, `forecast`)."""

    window: int                   # years of each series the model reads, ending at its last year
    prior_df: float               # weight of the pool's volatility, in points of the series' own (d0)
    phi: float                    # how much of the slope's distance from the pool's survives a year
    noise_shares: tuple[float, ...]   # grid of the share of a year's movement that is noise (ρ)
    slope_noise: tuple[float, ...]    # grid of the slope's own yearly variance, relative to the series'
    level_dependent: bool         # whether the pool's slope and volatility depend on the level
    min_pool: int                 # fewer pool series than this: no pool prior (the series' own trend)
    max_fit_rows: int             # pool windows the likelihood reads at most (evenly spaced)
    fallback_noise_share: float   # ρ without a pool to choose it
    pool_drift: float = 1.0       # share of the pool's typical slope a series' slope reverts to (κ)


@dataclass(frozen=True)
class Window:
    """Each row's last `width` years on the transformed scale, aligned right: column width − 1 is its last year."""

    g: np.ndarray         # B × W, NaN where a year has no value
    last_year: np.ndarray  # B

    @property
    def mask(self) -> np.ndarray:
        return np.isfinite(self.g)

    @property
    def n(self) -> np.ndarray:
        return self.mask.sum(axis=1)

    def take(self, idx: np.ndarray) -> "Window":
        return Window(self.g[idx], self.last_year[idx])


def window(rows: Rows, scale: Scale, width: int) -> Window:
    """The points of each row within `width` years of its last one, on `scale`, in a year grid (gaps are NaN)."""
    b = len(rows.n)
    last = rows.last(rows.years)
    col = rows.years - last[:, None] + (width - 1)
    keep = rows.mask & (col >= 0)
    g = np.full((b, width), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = scale.forward(rows.values)
    r, c = np.nonzero(keep)
    g[r, col[r, c].astype(int)] = values[r, c]
    return Window(g, last)


@dataclass(frozen=True)
class Trend:
    """Each row's own straight line through its window: slope, its standard error² and the yearly volatility."""

    level: np.ndarray   # last value on the transformed scale
    slope: np.ndarray
    sxx: np.ndarray
    s2: np.ndarray      # variance of a year's change around the mean change (NaN below 3 points)
    nu: np.ndarray      # its degrees of freedom (0 where NaN)


def _trend(w: Window) -> Trend:
    mask = w.mask
    n = mask.sum(axis=1).astype(float)
    t = np.arange(w.g.shape[1], dtype=float)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        tbar = np.sum(np.where(mask, t, 0.0), axis=1) / n
        x = np.where(mask, t - tbar[:, None], 0.0)
        sxx = np.sum(x * x, axis=1)
        gbar = np.sum(np.where(mask, w.g, 0.0), axis=1) / n
        slope = np.sum(x * np.where(mask, w.g - gbar[:, None], 0.0), axis=1) / sxx
        # Changes between consecutive points, per year of gap: a random walk's variance grows with the gap.
        order = np.argsort(~mask, axis=1, kind="stable")
        gs = np.take_along_axis(w.g, order, axis=1)
        ts = np.take_along_axis(np.broadcast_to(t, w.g.shape), order, axis=1)
        dm = np.isfinite(gs[:, 1:]) & np.isfinite(gs[:, :-1])
        gap = np.where(dm, ts[:, 1:] - ts[:, :-1], 1.0)
        d = np.where(dm, gs[:, 1:] - gs[:, :-1], 0.0)
        total = np.sum(np.where(dm, gap, 0.0), axis=1)
        c = np.sum(d, axis=1) / total
        m = dm.sum(axis=1)
        s2 = np.sum(np.where(dm, (d - c[:, None] * gap) ** 2 / gap, 0.0), axis=1) / (m - 1)
    s2 = np.where((m >= 2) & np.isfinite(s2), s2, np.nan)
    df = np.where(np.isfinite(s2), m - 1, 0).astype(float)
    return Trend(w.g[:, -1], np.where(n >= 2, slope, np.nan), sxx, s2, df)


@dataclass(frozen=True)
class PoolPrior:
    """What the pool says about any series at a given level: its slope (mean, spread), its volatility, and how
    much of a year's movement is noise; `series` is how many pool series said it (0: no pool)."""

    slope_at: tuple[float, float]     # prior mean slope = a + b·level (level clamped to `levels`)
    slope_var: float                  # τ²: how far true slopes stray from that line
    vol_at: tuple[float, float]       # log prior volatility = a + b·level
    levels: tuple[float, float]       # the pool's range of levels (no extrapolation beyond it)
    prior_df: float
    noise_share: float
    slope_noise: float
    phi: float
    series: int

    def slope_mean(self, level: np.ndarray) -> np.ndarray:
        lv = np.clip(level, *self.levels)
        return self.slope_at[0] + self.slope_at[1] * lv

    def volatility(self, level: np.ndarray) -> np.ndarray:
        lv = np.clip(level, *self.levels)
        return np.exp(self.vol_at[0] + self.vol_at[1] * lv)


def _huber_line(x: np.ndarray, y: np.ndarray, sloped: bool) -> tuple[float, float, float]:
    """A robust straight line y ≈ a + b·x (Huber weights, k = 1.345) and the robust spread of its residuals."""
    a_mat = np.column_stack([np.ones_like(x), x]) if sloped else np.ones((len(x), 1))
    w = np.ones(len(x))
    coef = np.zeros(a_mat.shape[1])
    scale = 0.0
    for _ in range(8):
        sw = np.sqrt(w)
        coef = np.linalg.lstsq(a_mat * sw[:, None], y * sw, rcond=None)[0]
        res = y - a_mat @ coef
        scale = 1.4826 * float(np.median(np.abs(res - np.median(res)))) + 1e-12
        u = np.abs(res) / (1.345 * scale)
        w = np.where(u <= 1.0, 1.0, 1.0 / np.maximum(u, 1e-12))
    a, b = (float(coef[0]), float(coef[1])) if sloped else (float(coef[0]), 0.0)
    return a, b, scale


def _moderated(tr: Trend, prior: PoolPrior) -> np.ndarray:
    """Each row's volatility moderated toward the pool's at its level: (d0·s0² + ν·s²) / (d0 + ν)."""
    s0 = prior.volatility(tr.level)
    own = np.where(np.isfinite(tr.s2), tr.s2, 0.0)
    out = (prior.prior_df * s0 + tr.nu * own) / (prior.prior_df + tr.nu)
    return np.maximum(out, 1e-12)


def pool_prior(w: Window, settings: PeerSettings) -> PoolPrior:
    """The pool's prior from its windows (rows with at least 3 points count). With fewer than `min_pool` such
    series there is nothing to learn from: `series` is 0, each series keeps its own slope and volatility."""
    tr = _trend(w)
    use = (w.n >= 3) & np.isfinite(tr.slope) & np.isfinite(tr.s2) & (tr.s2 > 0)
    if int(use.sum()) < settings.min_pool:
        own = tr.s2[np.isfinite(tr.s2) & (tr.s2 > 0)]
        vol = float(np.log(np.median(own))) if len(own) else np.log(1e-4)
        return PoolPrior((0.0, 0.0), 1e6, (vol, 0.0), (-np.inf, np.inf), 1.0, settings.fallback_noise_share, 0.0,
                         1.0, 0)
    level, slope, s2 = tr.level[use], tr.slope[use], tr.s2[use]
    sloped = settings.level_dependent and float(np.ptp(level)) > 0
    va, vb, _ = _huber_line(level, np.log(s2), sloped)
    # The volatility line passes through the median residual: a typical series, not the mean of logs.
    va += float(np.median(np.log(s2) - (va + vb * level)))
    levels = (float(level.min()), float(level.max()))
    draft = PoolPrior((0.0, 0.0), 0.0, (va, vb), levels, settings.prior_df, 0.5, 0.0, settings.phi, int(use.sum()))
    se2 = _moderated(Trend(level, slope, tr.sxx[use], s2, tr.nu[use]), draft) / tr.sxx[use]
    sa, sb, spread = _huber_line(level, slope, sloped)
    # A slope common to the whole pool may be a passing shock: series revert to a share κ of it.
    sa, sb = settings.pool_drift * sa, settings.pool_drift * sb
    # Method of moments: the slopes' spread is the true slopes' plus their sampling error.
    tau2 = max(spread ** 2 - float(np.median(se2)), 1e-2 * spread ** 2 + 1e-12)
    prior = PoolPrior((sa, sb), tau2, (va, vb), levels, settings.prior_df, 0.5, 0.0, settings.phi, int(use.sum()))
    rho, zeta = _choose_noise(w.take(np.flatnonzero(use)), prior, settings)
    return PoolPrior((sa, sb), tau2, (va, vb), levels, settings.prior_df, rho, zeta, settings.phi, int(use.sum()))


def _choose_noise(w: Window, prior: PoolPrior, settings: PeerSettings) -> tuple[float, float]:
    """(noise share, slope noise) of the grid that gives the pool's windows the highest pooled likelihood."""
    b = len(w.last_year)
    if b > settings.max_fit_rows:
        w = w.take(np.unique(np.linspace(0, b - 1, settings.max_fit_rows).astype(int)))
    grid = [(r, z) for r in settings.noise_shares for z in settings.slope_noise]
    k = len(grid)
    big = Window(np.tile(w.g, (k, 1)), np.tile(w.last_year, k))
    rho = np.repeat([r for r, _ in grid], len(w.last_year))
    zeta = np.repeat([z for _, z in grid], len(w.last_year))
    loglik = _kalman(big, prior, rho, zeta, 0)[0].reshape(k, -1).sum(axis=1)
    best = int(np.argmax(loglik))
    return grid[best]


def _kalman(w: Window, prior: PoolPrior, rho: np.ndarray | float, zeta: np.ndarray | float,
            horizon: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Filter every row's window; (log-likelihood, mean and variance h = 1 … horizon years ahead, df)."""
    tr = _trend(w)
    s2 = _moderated(tr, prior)
    rho = np.broadcast_to(np.asarray(rho, dtype=float), s2.shape)
    zeta = np.broadcast_to(np.asarray(zeta, dtype=float), s2.shape)
    noise = 0.5 * rho * s2          # observation noise
    q_level = (1.0 - rho) * s2      # lasting yearly movement of the level
    q_slope = zeta * s2
    m = prior.slope_mean(tr.level)
    phi = prior.phi
    b, width = w.g.shape
    mu = np.zeros(b)
    beta = np.zeros(b)
    p00, p01, p11 = np.zeros(b), np.zeros(b), np.zeros(b)
    started = np.zeros(b, dtype=bool)
    loglik = np.zeros(b)

    def predict() -> None:
        nonlocal mu, beta, p00, p01, p11
        mu, beta = mu + beta, m + phi * (beta - m)
        p00, p01, p11 = p00 + 2 * p01 + p11 + q_level, phi * (p01 + p11), phi * phi * p11 + q_slope

    for j in range(width):
        if j:
            moved = started.copy()
            old = (mu, beta, p00, p01, p11)
            predict()
            mu, beta, p00, p01, p11 = (np.where(moved, new, o) for new, o in zip((mu, beta, p00, p01, p11), old))
        y = w.g[:, j]
        seen = np.isfinite(y)
        first = seen & ~started
        update = seen & started
        with np.errstate(invalid="ignore", divide="ignore"):
            f = p00 + noise
            v = np.where(update, y - mu, 0.0)
            k0, k1 = p00 / f, p01 / f
            loglik += np.where(update, -0.5 * (np.log(2 * np.pi * f) + v * v / f), 0.0)
            mu2, beta2 = mu + k0 * v, beta + k1 * v
            p00n, p01n, p11n = p00 - k0 * p00, p01 - k0 * p01, p11 - k1 * p01
        mu, beta = np.where(update, mu2, mu), np.where(update, beta2, beta)
        p00, p01, p11 = (np.where(update, a, o) for a, o in ((p00n, p00), (p01n, p01), (p11n, p11)))
        # A series starts at its first point: the level is that point (up to noise), the slope the pool's.
        mu = np.where(first, y, mu)
        beta = np.where(first, m, beta)
        p00 = np.where(first, noise, p00)
        p01 = np.where(first, 0.0, p01)
        p11 = np.where(first, prior.slope_var, p11)
        started |= first
    mean = np.zeros((b, horizon))
    var = np.zeros((b, horizon))
    for h in range(horizon):
        predict()
        mean[:, h] = mu
        var[:, h] = p00 + noise
    return loglik, mean, var, prior.prior_df + tr.nu


def peer_fits(rows: Rows, at: np.ndarray, scale: Scale, prior: PoolPrior, settings: PeerSettings,
              min_points: int) -> Fits:
    """The peer model for every row at the years `at` (B × F, after each row's last year): a `Fits` like the
    series' own members, Student-t on `scale` with the moderated volatility's degrees of freedom."""
    w = window(rows, scale, settings.window)
    h = (at - w.last_year[:, None]).astype(int)
    horizon = max(int(h.max()) if h.size else 1, 1)
    _, mean, var, df = _kalman(w, prior, prior.noise_share, prior.slope_noise, horizon)
    idx = np.clip(h - 1, 0, horizon - 1)
    loc = np.take_along_axis(mean, idx, axis=1)
    spread = np.sqrt(np.take_along_axis(var, idx, axis=1))
    ok = (rows.n >= min_points) & (w.n >= 2) & np.all(np.isfinite(loc) & (spread > 0), axis=1)
    return Fits(PEER, scale, ok, np.where(ok[:, None], loc, np.nan), np.where(ok[:, None], spread, np.nan),
                np.where(ok, df, np.nan))
