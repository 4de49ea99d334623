"""Verdicts across data vintages: what each target's verdict was with the data known on each date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..codes import Verdict
from ..data.tables import Dataset
from ..data.vintages import dataset_as_of, history_dates
from .engine import assess_all

# One key per target and training level: (target id, breakdown).
HistoryKey = tuple[str, str]


@dataclass(frozen=True)
class VerdictAt:
    """A target's verdict with the data known on one date (None: seed data only, before any report)."""

    as_of: dt.date | None
    verdict: Verdict


def verdict_histories(dataset: Dataset, n_last: int = 3, **engine_kwargs: Any) -> dict[HistoryKey, list[VerdictAt]]:
    """Every target × level's verdicts under the last `n_last` vintages (one engine pass per vintage)."""
    out: dict[HistoryKey, list[VerdictAt]] = {}
    for date in history_dates(dataset, n_last):
        for a in assess_all(dataset_as_of(dataset, date), **engine_kwargs):
            out.setdefault((a.target.id, a.breakdown), []).append(VerdictAt(date, a.verdict))
    return out


def last_change(history: list[VerdictAt]) -> tuple[VerdictAt, VerdictAt] | None:
    """The last change of verdict in a history (before, after), or None when it is stable."""
    for before, after in zip(history[-2::-1], history[::-1]):
        if before.verdict != after.verdict:
            return before, after
    return None
