"""Evidence strength of a series (strong / moderate / weak / none) from point count, recency and status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..codes import Reason, Why, because

LEVELS = ("strong", "moderate", "weak", "none")


@dataclass(frozen=True)
class LevelRule:
    """The least a series needs to reach one evidence level."""

    level: str
    min_points: int
    max_age: int


@dataclass(frozen=True)
class Evidence:
    """How far the data can carry a verdict, and why."""

    level: str
    n_points: int
    latest_year: int | None
    age: int | None
    weak_points: int
    reasons: tuple[Reason, ...]


def evidence_strength(years: Sequence[int], statuses: Sequence[str], *, as_of: int,
                      rules: Sequence[LevelRule], weak_statuses: Sequence[str]) -> Evidence:
    """Rate a series; `as_of` is the newest year in the dataset, so the rating depends on the inputs only."""
    n = len(years)
    if n == 0:
        return Evidence("none", 0, None, None, 0, (because(Why.NO_OBSERVATIONS),))
    latest = int(max(years))
    age = as_of - latest
    weak = sum(1 for s in statuses if s in weak_statuses)
    order = [r.level for r in rules] + ["none"]
    level = "none"
    reasons: list[Reason] = []
    for rule in rules:
        if n >= rule.min_points and age <= rule.max_age:
            level = rule.level
            reasons.append(because(Why.EVIDENCE_LEVEL, n=n, latest=latest, age=age, as_of=as_of, level=rule.level))
            break
    if weak and level != "none":
        kinds = tuple(sorted({s for s in statuses if s in weak_statuses}))
        floor = order.index(rules[-1].level)  # never below the weakest named level
        if weak == n:
            reasons.append(because(Why.EVIDENCE_ALL_WEAK, kinds=kinds, level=order[floor]))
            level = order[max(order.index(level), floor)]
        else:
            lowered = order[min(order.index(level) + 1, floor)]
            if lowered != level:
                reasons.append(because(Why.EVIDENCE_LOWERED, weak=weak, n=n, kinds=kinds, before=level,
                                       after=lowered))
            level = lowered
    return Evidence(level, n, latest, age, weak, tuple(reasons))
