"""Period labels (`2024`, `2024Q3`, `2024-25`, `c.2024`) and the integer year and quarter each stands for."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# ASCII digits only: `\d` alone also matches '２' or '٢', which int() would then read silently.
_QUARTER = re.compile(r"^\d{4}Q([1-4])$", re.ASCII)
_PERIOD_RULES = (
    # (pattern, rule) — a period label maps to the integer `year` of the series.
    (re.compile(r"^(\d{4})$", re.ASCII), "calendar year"),
    (re.compile(r"^(\d{4})Q([1-4])$", re.ASCII), "quarter: its calendar year"),
    (re.compile(r"^(\d{4})-(\d{2})$", re.ASCII), "school year: its first year (autumn enrolment)"),
    (re.compile(r"^c\.(\d{4})$", re.ASCII), "approximate year: the year named"),
)


def period_year(label: str) -> int | None:
    """The integer year a period label stands for, by the documented rule; None if unparseable."""
    for pattern, _rule in _PERIOD_RULES:
        m = pattern.match(label.strip())
        if m:
            return int(m.group(1))
    return None


def period_quarter(label: str) -> int:
    """The quarter (1–4) of a quarterly period label, 0 for anything else."""
    m = _QUARTER.match(label.strip())
    return int(m.group(1)) if m else 0


def period_quarters(labels: pd.Series | list[str]) -> np.ndarray:
    """`period_quarter` of every label, each distinct label parsed once (a table has few distinct periods)."""
    labels = pd.Series(labels, dtype=object)
    if labels.empty:
        return np.zeros(0, dtype="int64")
    codes, uniques = pd.factorize(labels, use_na_sentinel=False)
    return np.array([period_quarter(str(u)) for u in uniques], dtype="int64")[codes]
