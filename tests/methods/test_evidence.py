"""Evidence strength from point count, recency and status."""

from __future__ import annotations

from kh330lib.methods.evidence import LevelRule, evidence_strength
from kh330lib.store.settings import load_methods
from kh330lib.words import reason_text


def en(reason):
    """The reason as the JSON and the English briefs say it."""
    return reason_text(reason, "en")

RULES = (LevelRule("strong", 8, 2), LevelRule("moderate", 4, 3), LevelRule("weak", 1, 100))
WEAK = ("proxy", "assumption")


def rate(years, statuses, as_of=2025):
    return evidence_strength(years, statuses, as_of=as_of, rules=RULES, weak_statuses=WEAK)


def test_levels_by_count_and_age():
    assert rate(list(range(2015, 2025)), ["official"] * 10).level == "strong"
    assert rate([2021, 2022, 2023, 2024], ["official", "estimate", "official", "estimate"]).level == "moderate"
    # Same four points, latest 2020: 5 years old → weak.
    assert rate([2017, 2018, 2019, 2020], ["official"] * 4).level == "weak"
    assert rate([2024], ["official"]).level == "weak"
    none = rate([], [])
    assert none.level == "none" and [en(r) for r in none.reasons] == ["no observations"]


def test_proxy_and_assumption_weaken():
    mixed = rate(list(range(2015, 2025)), ["official"] * 9 + ["assumption"])
    assert mixed.level == "moderate" and mixed.weak_points == 1
    assert en(mixed.reasons[-1]) == "1 of 10 point(s) are assumption: lowered from strong to moderate"
    only = rate(list(range(2015, 2025)), ["proxy"] * 10)
    assert only.level == "weak"
    assert en(only.reasons[-1]) == "every point is proxy: at most weak"
    assert rate([2024], ["assumption"]).level == "weak"


def test_hue_trained_labour_rules_from_methods_yaml():
    m = load_methods()
    ev = evidence_strength([2021, 2022, 2023, 2024], ["official", "estimate", "official", "estimate"], as_of=2025,
                           rules=m.evidence_rules, weak_statuses=m.weak_statuses)
    assert (ev.level, ev.age, ev.n_points) == ("moderate", 1, 4)
