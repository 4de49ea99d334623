"""The front of a run's index pages: per language and scenario, the three lines, the status grid and the list of
what each unit owes (the scorecard's own markup, each scenario assessed once for every language)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from ..assess import assess_all
from ..assess.assessment import Assessment
from ..briefs.grid import anchor, grid_markup, legend_markup, status_grid
from ..briefs.parameters import SCENARIO_KEYS
from ..briefs.summary import lines_markup, owed_markup, summarise
from ..data.dataset import load_dataset
from ..data.scenarios import from_parameters
from ..data.tables import Dataset
from ..data.topics import Topic, collect_topics
from ..store.settings import load_methods
from .plan import Plan
from .worker import BriefResult

SCORECARD = "10_scorecard"


@dataclass(frozen=True)
class Front:
    """Markup of one scenario's answer on an index page: the three lines, the grid, the owed list."""

    lines: str
    grid: str
    owed: str


@dataclass(frozen=True)
class Assessed:
    """What the fronts show, assessed once per scenario before the briefs are done (only the links wait for them)."""

    dataset: Dataset
    by_scenario: Mapping[str, list[Assessment]]


def assess_fronts(plan: Plan) -> Assessed:
    """Every target of each scenario of the run, assessed as the scorecard does."""
    dataset = plan.dataset if plan.dataset is not None else load_dataset(as_of=plan.options.as_of or None)
    methods = load_methods()
    out = {}
    for sc in plan.scenarios:
        scenario = from_parameters(**{k: v for k, v in sc.values.items() if k in SCENARIO_KEYS},
                                   registry=dataset.registry)
        out[sc.name] = assess_all(dataset, scenario=scenario, methods=methods)
    return Assessed(dataset, out)


def fronts(plan: Plan, results: Sequence[BriefResult], assessed: Assessed) -> dict[str, dict[str, Front]]:
    """lang → scenario → its front; each grid cell links to the target's section of its topic brief in that
    language, else to its row of the scorecard, else to nothing beyond the grid."""
    dataset = assessed.dataset
    topics, _ = collect_topics(dataset.registry)  # checked in prepare
    out: dict[str, dict[str, Front]] = {lang: {} for lang in plan.options.langs}
    for sc in plan.scenarios:
        # A topic brief shows the targets of its `targets` parameter; the others are linked to the scorecard.
        shows = {nb.name: set({**nb.defaults(), **sc.values}.get("targets") or ()) for nb in plan.notebooks}
        assessments = assessed.by_scenario[sc.name]
        for lang in plan.options.langs:
            done = {name for (scen, name, lng) in _done(results) if scen == sc.name and lng == lang}
            link = _linker(sc.name, lang, done, shows)
            grid = status_grid(assessments, dataset, topics, lang, link)
            summary = summarise(assessments, dataset, topics, lang)
            out[lang][sc.name] = Front(lines_markup(summary), grid_markup(grid, lang) + legend_markup(lang),
                                       owed_markup(summary))
    return out


def _done(results: Sequence[BriefResult]) -> set[tuple[str, str, str]]:
    return {(r.job.scenario, r.job.name, r.job.lang) for r in results if r.ok}


def _linker(scenario: str, lang: str, done: set[str], shows: Mapping[str, set[str]]):
    def link(topic: Topic | None, target: str) -> str:
        for brief in ((topic.brief if topic else ""), SCORECARD):
            if brief and brief in done and (brief == SCORECARD or target in shows.get(brief, ())):
                return f"{scenario}/{lang}/{brief}.html#{anchor(target)}"
        return f"#{anchor(target)}"
    return link
