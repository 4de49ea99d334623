"""One value per year of a series: the annual figure if any, else the year's latest quarter."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .periods import period_quarter, period_quarters

_ANNUAL_COLUMNS = ("year", "value", "status", "source", "period")


def annual_series(obs: pd.DataFrame, indicator: str, geo: str, breakdown: str = "") -> pd.DataFrame:
    """One value per year: the annual figure if any, else the year's latest quarter.

    Returns columns year, value, status, source, period, sorted by year.
    """
    # Plain arrays: the frames are small and pandas' per-call overhead dominated the assessment of every target.
    # One scan of the whole table (geo, the most selective column), then the few rows left; only those converted.
    rows_of = np.flatnonzero(obs["geo"].to_numpy(dtype=object) == geo)
    for col, want in (("indicator", indicator), ("breakdown", breakdown)):
        rows_of = rows_of[obs[col].to_numpy(dtype=object)[rows_of] == want]
    columns = ("year", "value", "status", "source", "period")
    picked = {c: obs[c].iloc[rows_of].to_numpy(dtype=object) for c in columns}
    best: dict[int, tuple[int, int]] = {}
    for i, (year, period) in enumerate(zip(picked["year"], picked["period"])):
        # Annual rows rank above any quarter; among quarters the latest wins (end-of-year rule); ties: the last row.
        quarter = period_quarter(period)
        rank = 5 if quarter == 0 else quarter
        if int(year) not in best or rank >= best[int(year)][0]:
            best[int(year)] = (rank, i)
    rows = [best[y][1] for y in sorted(best)]
    return pd.DataFrame({"year": np.array([int(picked["year"][i]) for i in rows], dtype="int64"),
                         "value": np.array([float(picked["value"][i]) for i in rows], dtype=float),
                         **{c: pd.array([str(picked[c][i]) for i in rows], dtype=obs[c].dtype)
                            for c in ("status", "source", "period")}}) if rows else \
        pd.DataFrame(columns=list(columns))


class AnnualIndex:
    """Every annual series of an observations table, by (indicator, geo, breakdown): one sort instead of one
    scan of the table per series; `series` gives what `annual_series` gives."""

    def __init__(self, obs: pd.DataFrame):
        self._obs = obs
        self._rows: dict[tuple[str, str, str], np.ndarray] = {}
        if obs.empty:
            return
        keys = obs.groupby(["indicator", "geo", "breakdown"], sort=False, dropna=False).ngroup().to_numpy()
        quarter = period_quarters(obs["period"])
        # The annual_series rule: annual rows rank above any quarter, the latest quarter above earlier ones,
        # and among equals the last row; so sort by rank, then row, and keep the last of each key and year.
        rank = np.where(quarter == 0, 5, quarter)
        pos = np.arange(len(obs))
        year = obs["year"].to_numpy(dtype="int64")
        order = np.lexsort((pos, rank, year, keys))
        k, y = keys[order], year[order]
        last = np.ones(len(order), dtype=bool)
        last[:-1] = (k[1:] != k[:-1]) | (y[1:] != y[:-1])
        chosen = order[last]
        starts = np.flatnonzero(np.r_[True, keys[chosen][1:] != keys[chosen][:-1]])
        ind, geo, brk = (obs[c].to_numpy(dtype=object) for c in ("indicator", "geo", "breakdown"))
        for rows in np.split(chosen, starts[1:]):
            first = rows[0]
            self._rows[(str(ind[first]), str(geo[first]), str(brk[first]))] = rows
        # The columns a series is cut from, converted once for the whole table.
        self._year = year
        self._value = obs["value"].to_numpy(dtype=float)
        self._text = {c: np.array([str(x) for x in obs[c].to_numpy(dtype=object)], dtype=object)
                      for c in ("status", "source", "period")}

    def has(self, indicator: str, geo: str, breakdown: str = "") -> bool:
        return (indicator, geo, breakdown) in self._rows

    def arrays(self, indicator: str, geo: str, breakdown: str = "") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(years, values, statuses as str) of `series`, without building a DataFrame (empty where none)."""
        rows = self._rows.get((indicator, geo, breakdown))
        if rows is None:
            return np.zeros(0, dtype="int64"), np.zeros(0), np.zeros(0, dtype=object)
        return self._year[rows], self._value[rows], self._text["status"][rows]

    def series(self, indicator: str, geo: str, breakdown: str = "") -> pd.DataFrame:
        """One value per year, as `annual_series(obs, indicator, geo, breakdown)`."""
        rows = self._rows.get((indicator, geo, breakdown))
        if rows is None:
            return pd.DataFrame(columns=list(_ANNUAL_COLUMNS))
        obs = self._obs
        return pd.DataFrame({"year": self._year[rows], "value": self._value[rows],
                             **{c: pd.array(self._text[c][rows], dtype=obs[c].dtype)
                                for c in ("status", "source", "period")}})
