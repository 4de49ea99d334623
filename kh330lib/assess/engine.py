"""The assessment engine: dataset + target (+ scenario) → `Assessment` (numbers and codes, never prose).

`assess_target`, `assess_levels` and `assess_all` are what notebooks, the
briefs and `kh330 assess` call; `assess_one` assesses one target × level within a
run context (`assess.context.run_context`) that several calls share. Each target's
inputs are gathered once from the run (`RunContext.inputs`), then assessed from
them alone (`assess.verdicts.assessed`). An Assessment keeps the series used (with
statuses), the projection (median, intervals, sample paths), the required path
and the chosen model, so charts never recompute anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .. import paths
from ..data.annual import annual_series
from ..data.catalog import Target
from ..data.rules import base_year_problem
from ..data.scenarios import Scenario
from ..data.tables import Dataset
from ..errors import InputError, problem
from ..methods.settings import Methods
from .assessment import Assessment
from .context import RunContext, run_context
from .series import DEFAULT_SEED
from .verdicts import assessed


def _resolve_target(dataset: Dataset, target: Target | str) -> Target:
    return target if isinstance(target, Target) else dataset.registry.target(target)


def check_base_year(dataset: Dataset, target: Target | str, base_year: int, *, geo: str | None = None,
                    breakdown: str = "") -> str | None:
    """Why `base_year` cannot serve for this target's series (an input problem), or None if it can."""
    tg = _resolve_target(dataset, target)
    if tg.indicator is None:
        return None
    s = annual_series(dataset.observations, tg.indicator, geo or tg.geo, breakdown)
    if len(s) < 2:
        return None
    wrong = base_year_problem(base_year, int(s["year"].iloc[-1]), of=tg.indicator)
    return wrong[0] if wrong else None


def _levels(target: Target, breakdown: str) -> str:
    if target.breakdown and not breakdown:
        levels = ", ".join(repr(b) for b in target.breakdown)
        raise InputError([problem(paths.TARGETS, None, "breakdown",
                                  f"target '{target.id}' is assessed separately for each level",
                                  f"pass breakdown= one of {levels}, or use assess_levels()", kind="field")])
    if breakdown and breakdown not in target.breakdown:
        levels = ", ".join(target.breakdown) or "none"
        raise InputError([problem(paths.TARGETS, None, "breakdown",
                                  f"'{breakdown}' is not a level of target '{target.id}'",
                                  f"use one of: {levels}", kind="field")])
    return breakdown


def assess_target(dataset: Dataset, target: Target | str, *, geo: str | None = None, breakdown: str = "",
                  base_year: int | None = None, scenario: Scenario | str | Path | None = None,
                  seed: int = DEFAULT_SEED, methods: Methods | None = None) -> Assessment:
    """Assess one target (one breakdown level) under a scenario (baseline if None)."""
    tg = _resolve_target(dataset, target)
    return assess_one(run_context(dataset, methods, scenario, seed), tg, geo or tg.geo, _levels(tg, breakdown),
                      base_year)


def assess_levels(dataset: Dataset, target: Target | str, *, geo: str | None = None, base_year: int | None = None,
                  scenario: Scenario | str | Path | None = None, seed: int = DEFAULT_SEED,
                  methods: Methods | None = None) -> list[Assessment]:
    """One Assessment per breakdown level of the target (one for a target without levels)."""
    tg = _resolve_target(dataset, target)
    ctx = run_context(dataset, methods, scenario, seed)
    return [assess_one(ctx, tg, geo or tg.geo, b, base_year) for b in (tg.breakdown or ("",))]


def assess_all(dataset: Dataset, *, scenario: Scenario | str | Path | None = None, base_year: int | None = None,
               seed: int = DEFAULT_SEED, methods: Methods | None = None,
               targets: Iterable[Target] | None = None) -> list[Assessment]:
    """Every registry target × breakdown level, in registry order; series are modelled once and shared."""
    ctx = run_context(dataset, methods, scenario, seed)
    return [assess_one(ctx, tg, tg.geo, b, base_year)
            for tg in (targets if targets is not None else dataset.registry.targets)
            for b in (tg.breakdown or ("",))]


def assess_one(ctx: RunContext, target: Target, geo: str, breakdown: str, base_year: int | None) -> Assessment:
    """One target × level of a run at `geo`: its inputs gathered once from the run, then assessed from them alone."""
    return assessed(ctx.inputs(target, geo, breakdown), base_year)
