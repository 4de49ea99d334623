"""Evidence strength of a series (strong / moderate / weak / none) from point count, recency and status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

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
    reasons: tuple[str, ...]

    def to_record(self) -> dict:
        return {"level": self.level, "n_points": self.n_points, "latest_year": self.latest_year,
                "age": self.age, "weak_points": self.weak_points, "reasons": list(self.reasons)}


def evidence_strength(years: Sequence[int], statuses: Sequence[str], *, as_of: int,
                      rules: Sequence[LevelRule], weak_statuses: Sequence[str]) -> Evidence:
    """Rate a series; `as_of` is the newest year in the dataset, so the rating depends on the inputs only."""
    n = len(years)
    if n == 0:
        return Evidence("none", 0, None, None, 0, ("no observations",))
    latest = int(max(years))
    age = as_of - latest
    weak = sum(1 for s in statuses if s in weak_statuses)
    order = [r.level for r in rules] + ["none"]
    level = "none"
    reasons: list[str] = []
    for rule in rules:
        if n >= rule.min_points and age <= rule.max_age:
            level = rule.level
            reasons.append(f"{n} point(s), latest {latest} ({age} year(s) before {as_of}): {rule.level}")
            break
    if weak and level != "none":
        kinds = "/".join(sorted({s for s in statuses if s in weak_statuses}))
        floor = order.index(rules[-1].level)  # never below the weakest named level
        if weak == n:
            reasons.append(f"every point is {kinds}: at most {order[floor]}")
            level = order[max(order.index(level), floor)]
        else:
            lowered = order[min(order.index(level) + 1, floor)]
            if lowered != level:
                reasons.append(f"{weak} of {n} point(s) are {kinds}: lowered from {level} to {lowered}")
            level = lowered
    return Evidence(level, n, latest, age, weak, tuple(reasons))
