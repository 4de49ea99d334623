"""`kh330 forecast`: every series of a CSV file forecast from the file alone, the briefs' forecaster."""

from __future__ import annotations

import argparse
import json
import math
import textwrap

from ..assess.forecasts import forecast_file
from ..data.series_file import unknown_series
from ..errors import InputError, Problem
from ..store.settings import load_methods
from ..words.forecast import forecast_header, forecast_records, forecast_rows, forecast_text
from ..workbooks.export import check_out, save_csv

# How far ahead a forecast may reach: the pools test horizons up to 6 years; 50 is far beyond any use.
MAX_HORIZON = 50


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "forecast", help="forecast every series of a CSV file (quantiles, P(above X), P(rise by D))",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="\n\n".join(textwrap.fill(par, 100) for par in (
            "FILE.csv has the header series,year,value (UTF-8; other columns are ignored): one row per series and "
            "year. Every series is forecast at its last year from the file alone: its own points and the points "
            "of every series of the file up to that year (the reference pool). Nothing after a series' last year "
            "is read, nothing from data/.",
            "The forecaster is the one of the briefs (params/methods.yaml, section forecast): a local linear trend "
            "whose priors are learnt from the pool, mixed with the series' own last value, its spread scaled per "
            "horizon and by the pool's own recent errors.",
            "Output: one record per series × year (last year + 1 … + N): series, year, horizon, last_year, "
            "last_value, quantiles {level: value}, p_above {X: P(value > X)}, p_rise {D: P(value > last value + D)}, "
            "method {members [{name, label, weight}], pool_series, own_points, scale, widening, panel_factor, "
            "panel_factor_errors}, reason (null). A series with too few points gets one record with null numbers "
            "and a reason. Keys of quantiles, p_above and p_rise are the numbers as written.",
            "--unit percent is bounded 0–100 (no quantile outside); count and money are at least 0. Bad input "
            "(missing column, a value that is not a number or is outside the unit's bounds, the same series and "
            "year twice, an empty file) exits 2 with file:line and no forecast.")))
    p.add_argument("file", metavar="FILE.csv", help="the series: header series,year,value")
    p.add_argument("--unit", required=True, metavar="UNIT", help="percent, count or money")
    span = p.add_mutually_exclusive_group()
    span.add_argument("--horizon", type=int, metavar="N", help="years after each series' last year (default 6)")
    span.add_argument("--to", type=int, metavar="YEAR", help="forecast each series up to this year")
    p.add_argument("--above", nargs="+", default=[], metavar="X", help="P(value > X) for each X")
    p.add_argument("--rise", nargs="+", default=[], metavar="D",
                   help="P(value > the series' last value + D) for each D")
    p.add_argument("--series", nargs="+", default=[], metavar="NAME",
                   help="print only these series (every series still forms the pool)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the records as a JSON list")
    out.add_argument("--csv", metavar="OUT.csv", help="save the records as CSV (UTF-8 with BOM) instead")
    p.add_argument("--force", action="store_true", help="replace an existing --csv file")
    return p


def _bad(option: str, message: str, fix: str) -> InputError:
    return InputError([Problem("kh330 forecast", None, option, message, fix, kind="option")])


def _thresholds(option: str, texts: list[str]) -> list[str]:
    """The numbers given to --above or --rise, as written, each once."""
    out: list[str] = []
    for text in texts:
        try:
            value = float(text)
        except ValueError:
            raise _bad(option, f"'{text}' is not a number", f"write e.g. {option} 80") from None
        if not math.isfinite(value):
            raise _bad(option, f"'{text}' is not a finite number", f"write e.g. {option} 80")
        if text not in out:
            out.append(text)
    return out


def run(args: argparse.Namespace) -> int:
    methods = load_methods()
    units = methods.forecast.units
    if args.unit not in units:
        raise _bad("--unit", f"unknown unit '{args.unit}'", f"use one of: {', '.join(units)}")
    if args.horizon is not None and not 1 <= args.horizon <= MAX_HORIZON:
        raise _bad("--horizon", f"{args.horizon} is not between 1 and {MAX_HORIZON}", "write e.g. --horizon 6")
    if args.to is not None and not 1800 <= args.to <= 2200:
        raise _bad("--to", f"{args.to} is not a plausible year", "write a four-digit year, e.g. --to 2030")
    above, rise = _thresholds("--above", args.above), _thresholds("--rise", args.rise)
    if args.csv:
        check_out(args.csv, ".csv", args.force)
    ff = forecast_file(args.file, args.unit, horizon=args.horizon, to=args.to, methods=methods)
    missing = unknown_series(ff.file, args.series)
    if missing:
        raise InputError(missing)
    if args.to is not None and int(ff.horizon.max(initial=0)) > MAX_HORIZON:
        raise _bad("--to", f"{args.to} is more than {MAX_HORIZON} years after a series' last year",
                   "choose an earlier year")
    records = forecast_records(ff, above, rise, args.series)
    if args.csv:
        path = save_csv(args.csv, forecast_header(ff, above, rise), forecast_rows(records), force=args.force)
        print(f"kh330 forecast: {len(records)} rows written to {path}")
    elif args.json:
        print(json.dumps(records, ensure_ascii=False, separators=(",", ":")))
    else:
        print(forecast_text(records, ff.levels))
    return 0
