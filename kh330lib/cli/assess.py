"""`kh330 assess`: will each target be met, how likely, at what pace (text in Vietnamese or English, or JSON)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import textwrap
from typing import Any

from .. import __version__
from ..assess import DEFAULT_SEED, UNIT_COLUMNS, assess_all, assess_levels, assess_units, check_base_year
from ..assess.skill import skill_of
from ..assess.unit_store import stored_units
from ..data.dataset import load_dataset
from ..data.rules import base_year_problem
from ..data.scenario_files import trusted_scenario
from ..data.scenarios import load_scenario, resolve_scenario
from ..errors import InputError, Problem
from ..run.manifest import data_vintage, git_state, new_run_id
from ..store.settings import load_methods
from ..words import scenario_label, t
from ..words.console import render_assessments, units_summary
from ..words.records import records
from ..words.table import (
    EXPORT_COLUMNS,
    SHARE_COLUMNS,
    UNIT_EXPORT_COLUMNS,
    UNIT_SHARE_COLUMNS,
    export_headers,
    export_rows,
    unit_export_rows,
)
from ..workbooks.export import Meta, check_out, save_csv, save_xlsx
from .options import add_data_options, data_files

JSON_KEYS = ("target, indicator, geo, breakdown, kind, comparator, target_value, unit, deadline, scenario, "
             "n_points, first_year, latest_year, latest_value, latest_status, statuses, includes_assumptions, "
             "base_year, base_value, evidence, evidence_detail, observed_annual_change, required_annual_change, "
             "acceleration_factor, progress {cagr_observed, cagr_required, ratio, status}, "
             "unsd {expected_value, ratio, status}, projection {model, scale, year, median, lo80, hi80, lo95, "
             "hi95, widening, adjustments}, threshold, p_meet, p_meet_by, expected_year, "
             "backtest {mase, rmse, coverage80, coverage95, n_origins, n_errors, mase_naive, by_horizon, "
             "enough_history, choice, widening}, "
             "reason, reasons, notes, proxies; plus cumulative {...} for cumulative targets, milestone {...} "
             "for milestones and money {...} for R&D share targets")

def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "assess", help="assess targets: verdicts, projection, probability, pace",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="\n\n".join(textwrap.fill(par, 100) for par in (
            "For each level target: growth ratio (Open SDG/Eurostat), expected-value ratio (UNSD), observed vs "
            "required annual change, a projection with 80 %/95 % intervals, P(met) and the median year reached; "
            "cumulative totals and milestones for the other kinds. Methods and thresholds: params/methods.yaml.",
            "--json prints a list of objects for --all; for --target it prints one object, or a list with one "
            "object per level when the target is set per training level and --breakdown is not given.",
            "JSON keys: " + JSON_KEYS + ". Anything not computable is null, and 'reason'/'reasons' say why.",
            "--csv FILE.csv and --xlsx FILE.xlsx save one row per target × level instead of printing: id, clause, "
            "target, level, goal, unit, deadline, latest value, year and status, verdict (words and code), "
            "projection median at the deadline with its 80 % interval, how likely (words, the combined P(met), "
            "its band in words and code, and the range of P(met), 0–1), annual change needed and observed, "
            "acceleration factor. Numbers are numbers ('.' decimals; the CSV is UTF-8 with a byte-order mark for "
            "Excel), headers follow --lang. Each file carries its metadata (scenario, data date, run id, code "
            "version, language, command, time): '# key: value' lines atop the CSV (pandas: "
            "read_csv(FILE, comment='#')), a 'metadata' sheet in the workbook. Files are written atomically; an "
            "existing file is never replaced unless --force is given, and the folder must exist.")))
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--target", metavar="ID", help="one target id from params/targets.yaml")
    which.add_argument("--all", action="store_true", help="every target in the registry")
    which.add_argument("--units", action="store_true",
                       help="every target for every ward and commune (params/geos.yaml), in one pass: one row per "
                            "unit × target × level; --json gives the columns of kh330lib.assess.UNIT_COLUMNS, "
                            "--csv/--xlsx a table for readers (names beside codes, words in --lang; README lists "
                            "its columns)")
    p.add_argument("--geo", metavar="GEO", help="geo code (default: the target's, VN-HUE)")
    p.add_argument("--breakdown", metavar="LEVEL", help="one training level of a target set per level")
    p.add_argument("--base-year", metavar="YEAR", type=int,
                   help="base year of the growth ratios (default: latest year − 5, or the first year after it "
                        "with data)")
    p.add_argument("--scenario", metavar="NAME",
                   help="scenario name under params/scenarios/, or a scenario file inside params/ (or a folder "
                        "named in KH330_SCENARIO_DIRS) (default: baseline, trend only)")
    p.add_argument("--seed", metavar="N", type=int, default=DEFAULT_SEED,
                   help=f"seed of the sample paths (default {DEFAULT_SEED})")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--lang", choices=("vi", "en"), default="vi",
                   help="language of the text and of the --csv/--xlsx headers (default vi)")
    p.add_argument("--csv", metavar="FILE.csv", help="save the table as CSV (UTF-8 with BOM) instead of printing")
    p.add_argument("--xlsx", metavar="FILE.xlsx", help="save the table as an Excel workbook instead of printing")
    p.add_argument("--force", action="store_true", help="replace an existing --csv/--xlsx file")
    add_data_options(p)
    return p


def _option_problem(option: str, message: str, fix: str) -> InputError:
    return InputError([Problem("kh330 assess", None, option, message, fix, kind="option")])


def _metadata(args: argparse.Namespace, dataset: Any, scenario: Any) -> Meta:
    """What an export says about itself: scenario, data date, run id, code version, language, command, time."""
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    chosen = resolve_scenario(scenario, dataset.registry)
    vintage = data_vintage(dataset)
    # As the briefs word it (words.dates.data_reach_text): the newest report received, else the newest source date.
    kind = "latest_report_received" if vintage.latest_report else \
        "latest_source_date" if vintage.latest_source_date else None
    git = git_state()
    return [("scenario", chosen.name), ("scenario_label", scenario_label(chosen, args.lang)),
            ("data_latest_year", vintage.max_year), ("data_date", vintage.latest_report or vintage.latest_source_date),
            ("data_date_kind", kind), ("run_id", new_run_id(now)), ("kh330_version", __version__),
            ("git_commit", git.commit if git else None),
            ("git_dirty", None if git is None else "true" if git.dirty else "false"),
            ("language", args.lang), ("seed", args.seed),
            ("command", args.typed),
            ("created", now.strftime("%Y-%m-%dT%H:%M:%SZ"))]


def _save(args: argparse.Namespace, header: list[str], rows: list[list[Any]], sheet: str, shares: list[int],
          meta: Meta) -> None:
    """Save the --csv/--xlsx files and say where."""
    written = []
    if args.csv:
        written.append(save_csv(args.csv, header, rows, force=args.force, meta=meta))
    if args.xlsx:
        written.append(save_xlsx(args.xlsx, header, rows, sheet, shares, force=args.force, meta=meta))
    for path in written:
        print(f"kh330 assess: {len(rows)} rows written to {path}")


def _export(args: argparse.Namespace, results: list, dataset: Any, scenario: Any) -> None:
    """Save the --csv/--xlsx tables of the assessments, with their metadata."""
    header, rows = export_headers(args.lang), export_rows(results, args.lang)
    shares = [EXPORT_COLUMNS.index(c) for c in SHARE_COLUMNS]
    _save(args, header, rows, t("export_sheet", args.lang), shares, _metadata(args, dataset, scenario))


def _plain(value: Any) -> Any:
    """A table cell as JSON, CSV and Excel take it: None for missing, Python numbers for numpy ones."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _units(args: argparse.Namespace, dataset: Any, scenario: Any, methods: Any) -> int:
    """Every target for every ward and commune: the one table of `assess_units`, saved or printed."""
    if args.breakdown:
        raise _option_problem("--breakdown", "applies to --target only", "drop it; the table has every level")
    if args.geo:  # one unit (any geo of params/geos.yaml)
        table = assess_units(dataset, [args.geo], scenario=scenario, base_year=args.base_year, seed=args.seed,
                             methods=methods)
    else:  # the stored table the scorecard reads: computed once for these inputs
        table = stored_units(dataset, scenario=scenario, base_year=args.base_year, seed=args.seed, methods=methods)
    rows = [[_plain(v) for v in row] for row in table.itertuples(index=False)]
    header = list(UNIT_COLUMNS)
    if args.csv or args.xlsx:  # for readers: names beside the codes, clear column names (README)
        shown = unit_export_rows((dict(zip(header, row)) for row in rows), dataset.registry, args.lang)
        shares = [UNIT_EXPORT_COLUMNS.index(c) for c in UNIT_SHARE_COLUMNS]
        _save(args, list(UNIT_EXPORT_COLUMNS), shown, "units", shares, _metadata(args, dataset, scenario))
    elif args.json:  # the API's table as it is (kh330lib.assess.UNIT_COLUMNS)
        print(json.dumps([dict(zip(header, row)) for row in rows], ensure_ascii=False, indent=2))
    else:
        counts = table.groupby("verdict").size().sort_values(ascending=False)
        print("\n".join(units_summary(table["geo"].nunique(), table["target"].nunique(),
                                       {str(v): int(n) for v, n in counts.items()}, args.lang)))
    return 0


def run(args: argparse.Namespace) -> int:
    exporting = bool(args.csv or args.xlsx)
    if exporting and args.json:
        raise _option_problem("--json", "cannot be combined with --csv/--xlsx (the table goes to the file)",
                              "drop --json, or run the command twice")
    # Check where the files go before the assessments are computed, so a bad path fails at once.
    if args.csv:
        check_out(args.csv, ".csv", args.force)
    if args.xlsx:
        check_out(args.xlsx, ".xlsx", args.force)
    wrong = base_year_problem(args.base_year, None)
    if wrong:
        raise _option_problem("--base-year", *wrong)
    dataset = load_dataset(*data_files(args))
    if args.geo and args.geo not in dataset.registry.geos:
        raise _option_problem("--geo", f"unknown geo '{args.geo}'",
                              f"use one of: {', '.join(dataset.registry.geos)}")
    if (args.all or args.units) and len(dataset.observations):
        # One rule for a base year (kh330lib.data.rules): before the latest year of the data it is applied to.
        wrong = base_year_problem(args.base_year, int(dataset.observations["year"].max()))
        if wrong:
            raise _option_problem("--base-year", *wrong)
    methods = load_methods()
    scenario = load_scenario(trusted_scenario(args.scenario), dataset.registry) if args.scenario else None
    if args.units:
        return _units(args, dataset, scenario, methods)
    if args.all:
        results = assess_all(dataset, scenario=scenario, base_year=args.base_year, seed=args.seed, methods=methods)
        single = False
    else:
        target = dataset.registry.target(args.target)
        if args.breakdown and args.breakdown not in target.breakdown:
            levels = ", ".join(target.breakdown) or "none (omit --breakdown)"
            raise _option_problem("--breakdown", f"'{args.breakdown}' is not a level of target '{target.id}'",
                                  f"use one of: {levels}")
        if args.base_year is not None:
            for level in ([args.breakdown] if args.breakdown else list(target.breakdown or ("",))):
                why = check_base_year(dataset, target, args.base_year, geo=args.geo, breakdown=level)
                if why:
                    raise _option_problem("--base-year", why, "choose an earlier year, or omit --base-year")
        results = assess_levels(dataset, target, geo=args.geo, base_year=args.base_year, scenario=scenario,
                                seed=args.seed, methods=methods)
        if args.breakdown:
            results = [a for a in results if a.breakdown == args.breakdown]
        single = len(results) == 1
    if exporting:
        _export(args, results, dataset, scenario)
    elif args.json:
        recs = records(results, skill_of(dataset, methods))
        print(json.dumps(recs[0] if single else recs, ensure_ascii=False, indent=2))
    else:
        print(render_assessments(results, args.lang))
    return 0
