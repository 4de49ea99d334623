"""`kh330 forecast` from Python: a CSV file of series → every series forecast, each from the file alone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..codes import Reason, Why, because
from ..data.series_file import SeriesFile, read_series_file
from ..errors import InputError, problem
from ..methods.batched import pack
from ..methods.forecast import PanelForecast, Unit, forecast_panel
from ..methods.settings import Methods
from ..store.settings import load_methods

__all__ = ["FileForecast", "forecast_file", "forecast_series"]


@dataclass(frozen=True)
class FileForecast:
    """The file read, its forecast, the thresholds asked for, and why any series has none."""

    file: SeriesFile
    unit: Unit
    forecast: PanelForecast
    horizon: np.ndarray                  # per series: the last horizon asked for
    reasons: tuple[Reason | None, ...]
    levels: tuple[float, ...]

    def quantiles(self) -> np.ndarray:
        """The quantiles of every series and year asked for (level × series × year)."""
        return self.forecast.quantiles(self.levels)


def forecast_series(file: SeriesFile, unit: Unit, methods: Methods, *, horizon: int | None = None,
                    to: int | None = None) -> FileForecast:
    """Forecast every series of `file` up to `horizon` years after its last one, or up to the year `to`."""
    settings = methods.forecast
    rows = pack(list(zip(file.years, file.values)))
    last = rows.last(rows.years).astype(int)
    steps = (to - last) if to is not None else np.full(len(file), horizon or 6)
    scale = unit.scale(np.concatenate(file.values) if len(file) else np.zeros(0), settings.logit_epsilon)
    result = forecast_panel(rows, file.names, scale, settings, horizon=np.maximum(steps, 1))
    reasons: list[Reason | None] = []
    for i in range(len(file)):
        if rows.n[i] < settings.min_points:
            reasons.append(because(Why.FEW_POINTS_PROJECTION, n=int(rows.n[i]), need=settings.min_points))
        elif steps[i] < 1:
            reasons.append(because(Why.FORECAST_NOT_BEFORE, last=int(last[i]), to=to))
        elif not result.ok[i]:
            reasons.append(because(Why.NO_PROJECTION))
        else:
            reasons.append(None)
    return FileForecast(file, unit, result, np.maximum(steps, 0), tuple(reasons), settings.quantiles)


def forecast_file(path: Path | str, unit: str, *, horizon: int | None = None, to: int | None = None,
                  methods: Methods | None = None) -> FileForecast:
    """Read `path` (header series,year,value) in `unit` (percent, count or money) and forecast every series."""
    methods = methods or load_methods()
    units = methods.forecast.units
    if unit not in units:
        raise InputError([problem(path, None, None, f"unknown unit '{unit}'", f"use one of: {', '.join(units)}")])
    u = units[unit]
    file = read_series_file(path, u.low, u.high, unit)
    return forecast_series(file, u, methods, horizon=horizon, to=to)
