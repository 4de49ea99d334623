"""`kh330 check`: validate data/ and params/ and report every problem."""

from __future__ import annotations

import argparse
import sys

from .. import paths
from ..data.calendar import collect_calendar
from ..data.dataset import collect_dataset
from ..data.scenario_files import scenario_names
from ..data.scenarios import load_scenario
from ..data.topics import collect_topics
from ..data.vintages import unfinished
from ..errors import InputError
from ..limits import load_limits
from ..run.audience import load_publish_set
from ..store.settings import load_methods
from .options import add_data_options, data_files


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("check", help="validate every input file",
                       description="Validate observations, sources, targets, indicators, scenarios, methods, "
                                   "limits, the reporting calendar and what is published (params/publish.yaml). "
                                   "Exit 0 if valid; exit 2 with one line per problem otherwise.")
    add_data_options(p)
    return p


def run(args: argparse.Namespace) -> int:
    dataset, problems = collect_dataset(*data_files(args))
    if not problems and dataset.registry.files[0] == paths.TARGETS:
        # The status grid's areas and the scenario files are written for the shipped targets.
        problems += collect_topics(dataset.registry)[1]
        problems += collect_calendar(dataset.registry)[1]
        for name in scenario_names():
            try:
                load_scenario(name, dataset.registry)
            except InputError as exc:
                problems += exc.problems
    # The settings every command reads: a broken one is reported here, not halfway through a scheduled run.
    for load in (load_methods, load_limits, load_publish_set):
        try:
            load()
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    reg = dataset.registry
    print(f"kh330 check: OK — {len(reg.targets)} targets, {len(reg.indicators)} indicators, "
          f"{len(dataset.observations)} observations, {len(dataset.sources)} sources, {len(reg.geos)} geos, "
          f"{len(scenario_names())} scenarios.",
          file=sys.stdout)
    for p in unfinished():
        print(f"kh330 check: note: {paths.display(p)} is an unfinished intake left by a stopped run; it is ignored, "
              "and the next intake removes it", file=sys.stderr)
    return 0
