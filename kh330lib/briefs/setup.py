"""The one setup call of every brief notebook: its parameters → data, scenario and assessments (`Brief`)."""

from __future__ import annotations

from functools import cached_property
from typing import Any, Mapping, Sequence

import pandas as pd
from IPython.display import HTML

from .. import fmt
from ..assess import assess_all
from ..assess.assessment import Assessment
from ..assess.calibrated import Calibrated, calibrate
from ..assess.history import HistoryKey, VerdictAt, verdict_histories
from ..assess.skill import Skill, skill_of
from ..assess.unit_store import stored_city, stored_units
from ..data.catalog import load_registry
from ..data.dataset import load_dataset
from ..data.rules import base_year_problem
from ..data.scenarios import Scenario, from_parameters
from ..data.tables import Dataset
from ..data.topics import collect_topics
from ..errors import InputError, ParameterError
from ..methods.settings import Methods
from ..store.settings import load_methods
from .grid import anchor, grid_markup, legend_markup, status_grid
from .page import header, wrap
from .parameters import check_parameters, scenario_problem
from .scenarios import compare_scenarios
from .summary import Summary, lines_markup, owed_markup, summarise

# Data states shown in the scorecard's verdict history: the seed data and up to two reports after it.
HISTORY_STATES = 3


class Brief:
    """What one brief works with, computed on first use: the dataset, the scenario, the assessments."""

    def __init__(self, notebook: str, *, lang: str, scenario: dict[str, Any], as_of: str, run_id: str,
                 base_year: int | None, targets: Sequence[str]):
        self.notebook = notebook
        self.lang = fmt.check_lang(lang)
        self.as_of = as_of
        self.run_id = run_id
        self.base_year = base_year
        self.targets = list(targets)
        self._scenario_parameters = scenario

    @cached_property
    def dataset(self) -> Dataset:
        return load_dataset(as_of=self.as_of)

    @cached_property
    def scenario(self) -> Scenario:
        """The scenario papermill passed (its indicators, geos and targets checked against the registry)."""
        return from_parameters(**self._scenario_parameters, registry=self.dataset.registry)

    @cached_property
    def methods(self) -> Methods:
        return load_methods()

    @cached_property
    def calibrated(self) -> Calibrated:
        """The revision error every projection of this brief shares (the floor of its spread)."""
        return calibrate(self.dataset, self.methods)

    @cached_property
    def skill(self) -> Skill | None:
        """The forecaster's scores on the reference pools (stored once per set of inputs)."""
        return skill_of(self.dataset, self.methods)

    @cached_property
    def assessments(self) -> list[Assessment]:
        """Every target × level under this brief's scenario, in the plan's order."""
        return assess_all(self.dataset, scenario=self.scenario, base_year=self.base_year, methods=self.methods)

    @cached_property
    def units(self) -> pd.DataFrame:
        """Every target for every ward and commune under this brief's scenario: the run's one stored table."""
        return stored_units(self.dataset, scenario=self.scenario, base_year=self.base_year, methods=self.methods)

    @cached_property
    def city(self) -> pd.DataFrame:
        """The city figures added up from ward and commune reports (params/wards.yaml), stored once per data."""
        return stored_city(self.dataset)

    @cached_property
    def histories(self) -> dict[HistoryKey, list[VerdictAt]]:
        """Each target's verdict under the last data states (seed data and departmental reports)."""
        return verdict_histories(self.dataset, HISTORY_STATES, scenario=self.scenario, base_year=self.base_year,
                                 methods=self.methods)

    @cached_property
    def scenario_results(self) -> list[tuple[Scenario, list[Assessment]]]:
        """(scenario, assessments) for every scenario file, this run's scenario in its place."""
        return compare_scenarios(self.dataset, self.scenario, self.base_year)

    def grid(self) -> HTML:
        """Every target at a glance (counts, then one cell per target by area), each linked to its scorecard row.

        On screen only: on paper the table below says the same, and the scorecard keeps to four pages with the
        three lines and the owed list (the printed index carries the grid)."""
        topics, _ = collect_topics(self.dataset.registry)  # `kh330 check` and `kh330 run` report problems
        g = status_grid(self.assessments, self.dataset, topics, self.lang, lambda _topic, tid: f"#{anchor(tid)}")
        return wrap(f'<div class="kh330-screen">{grid_markup(g, self.lang)}{legend_markup(self.lang)}</div>',
                    self.lang)

    @cached_property
    def summary(self) -> Summary:
        """The three lines on top and what each reporting unit owes (params/reporting_calendar.yaml)."""
        topics, _ = collect_topics(self.dataset.registry)
        return summarise(self.assessments, self.dataset, topics, self.lang)

    def top_lines(self) -> HTML:
        """What is known, what cannot be judged yet, and what is owed by whom and when."""
        return wrap(lines_markup(self.summary), self.lang)

    def owed(self) -> HTML:
        """Per reporting unit: what it owes, the template to fill, the due date, overdue or not."""
        return wrap(owed_markup(self.summary), self.lang)

    def header(self, *, show_scenario: bool = True) -> HTML:
        """The brief's title (and, in an interactive run, the plan, scenario and data vintage)."""
        label = self.scenario.label(self.lang) if show_scenario else ""
        return header(self.notebook, self.lang, label, self.as_of, self.run_id, self.dataset)


def open_brief(notebook: str, namespace: Mapping[str, Any] | None = None, *, lang: str = "vi",
               scenario: str = "baseline", scenario_label_vi: str = "", scenario_label_en: str = "",
               adjustments: list[Any] | None = None, as_of: str = "", run_id: str = "", base_year: int = 0,
               targets: Sequence[str] = ()) -> Brief:
    """The notebook's parameters turned into a `Brief`: `open_brief("10_scorecard", globals())` in a notebook.

    With the notebook's namespace every parameter is checked first (see kh330lib.briefs.parameters): a
    misspelt name, a wrong type, an unknown target or scenario, or a base year after the latest data stops
    the notebook with one line. `base_year` 0 means the rule of params/methods.yaml; `targets` are the ones a
    topic brief shows.
    """
    if namespace is not None:
        checked = check_parameters(notebook, namespace, load_registry())
        given = {k: checked.values[k] for k in ("lang", "scenario", "scenario_label_vi", "scenario_label_en",
                                                "adjustments", "as_of", "run_id", "base_year", "targets")
                 if k in checked.values}
        return open_brief(notebook, **given)
    parameters = {"scenario": scenario, "adjustments": adjustments, "scenario_label_vi": scenario_label_vi,
                  "scenario_label_en": scenario_label_en}
    brief = Brief(notebook, lang=lang, scenario=parameters, as_of=as_of, run_id=run_id, base_year=base_year or None,
                  targets=targets)
    try:
        brief.scenario  # noqa: B018 - checked now, so a bad scenario stops the notebook before any output
    except InputError as exc:
        raise scenario_problem(exc, scenario, brief.dataset.registry) from None
    latest = int(brief.dataset.observations["year"].max()) if len(brief.dataset.observations) else None
    wrong = base_year_problem(base_year, latest)
    if wrong:
        raise ParameterError(f"{notebook}: parameter 'base_year': {wrong[0]} ({wrong[1]})")
    return brief
