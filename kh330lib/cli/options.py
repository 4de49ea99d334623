"""Options and argument types shared by several sub-commands (this module is not a sub-command)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Callable


def add_data_options(parser: argparse.ArgumentParser) -> None:
    """The input-file options shared by commands that read the data."""
    parser.add_argument("--data", metavar="PATH", help="observations CSV (default: data/observations.csv)")
    parser.add_argument("--targets", metavar="PATH", help="targets registry (default: params/targets.yaml)")
    parser.add_argument("--indicators", metavar="PATH", help="indicator catalogue (default: params/indicators.yaml)")
    parser.add_argument("--sources", metavar="PATH", help="sources CSV (default: data/sources.csv)")
    parser.add_argument("--geos", metavar="PATH", help="geo list (default: params/geos.yaml)")


def data_files(args: argparse.Namespace) -> tuple:
    """The input files given with add_data_options, in load_dataset's order."""
    return args.data, args.targets, args.indicators, args.sources, args.geos


def iso_date(text: str) -> dt.date:
    """A YYYY-MM-DD command-line argument (usage error otherwise)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (write YYYY-MM-DD)") from None


def past_date(text: str) -> dt.date:
    """A YYYY-MM-DD `--as-of` date no later than today (what is known on a later day is not known yet)."""
    date = iso_date(text)
    if date > dt.date.today():
        raise argparse.ArgumentTypeError(f"{text} is after today ({dt.date.today()}): the data as known on that "
                                         "day are not known yet (give today's date or an earlier one)")
    return date


def positive(kind: type) -> Callable[[str], float | int]:
    """An argument type for a number greater than 0 (`positive(int)`, `positive(float)`)."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"'{text}' must be greater than 0")
        return value
    return parse
