"""`kh330 check`: validate data/ and params/ and report every problem."""

from __future__ import annotations

import argparse
import sys

from ..errors import InputError
from ..observations import collect_dataset


def add_data_options(parser: argparse.ArgumentParser) -> None:
    """The input-file options shared by commands that read the data."""
    parser.add_argument("--data", metavar="PATH", help="observations CSV (default: data/observations.csv)")
    parser.add_argument("--targets", metavar="PATH", help="targets registry (default: params/targets.yaml)")
    parser.add_argument("--indicators", metavar="PATH", help="indicator catalogue (default: params/indicators.yaml)")
    parser.add_argument("--sources", metavar="PATH", help="sources CSV (default: data/sources.csv)")
    parser.add_argument("--geos", metavar="PATH", help="geo list (default: params/geos.yaml)")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("check", help="validate every input file",
                       description="Validate observations, sources, targets and indicators. "
                                   "Exit 0 if valid; exit 2 with one line per problem otherwise.")
    add_data_options(p)
    return p


def run(args: argparse.Namespace) -> int:
    dataset, problems = collect_dataset(args.data, args.targets, args.indicators, args.sources, args.geos)
    if problems:
        raise InputError(problems)
    reg = dataset.registry
    print(f"kh330 check: OK — {len(reg.targets)} targets, {len(reg.indicators)} indicators, "
          f"{len(dataset.observations)} observations, {len(dataset.sources)} sources, {len(reg.geos)} geos.",
          file=sys.stdout)
    return 0
