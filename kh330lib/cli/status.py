"""`kh330 status`: latest Huế value per target, or "no data" with national proxies."""

from __future__ import annotations

import argparse
import json

from ..data.calendar import data_date, load_calendar, owed, unit_geos
from ..data.dataset import load_dataset
from ..data.status import status_all
from ..data.wards import for_geo
from ..words import t
from ..words.console import render_status
from ..words.phrases import date_text
from ..words.records import status_records
from ..words.summary import owed_rows, owed_text
from .options import add_data_options, data_files, past_date


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("status", help="print the target status table",
                       description="For each target: the latest Huế value (year, status, source) and the "
                                   "number of points, or 'no data' with any national proxy series; then what "
                                   "each reporting unit owes (params/reporting_calendar.yaml): the period, its "
                                   "indicators, the template file, the due date and whether it is overdue "
                                   "relative to the date of the data.")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the table (default vi)")
    p.add_argument("--json", action="store_true", help="print JSON records instead of the table")
    p.add_argument("--as-of", type=past_date, metavar="YYYY-MM-DD",
                   help="the data as known on that date: departmental reports received later are left out")
    p.add_argument("--geo", metavar="GEO",
                   help="show the targets for another geo of params/geos.yaml (a ward or commune, HUE-UNIV)")
    add_data_options(p)
    return p


def run(args: argparse.Namespace) -> int:
    dataset = load_dataset(*data_files(args), as_of=args.as_of)
    if args.geo:
        dataset = for_geo(dataset, args.geo)
    statuses = status_all(dataset)
    if args.json:
        print(json.dumps(status_records(statuses), ensure_ascii=False, indent=2))
    else:
        if args.geo:
            geo = dataset.registry.geos[args.geo]
            print(f"{t('geo', args.lang)}: {geo.label(args.lang)} ({geo.id})")
        print(render_status(statuses, dataset, args.lang))
        if not args.geo:
            # What each reporting unit owes, as the index and the scorecard list it.
            calendar = load_calendar(dataset.registry)
            rows = owed_rows(owed(dataset, calendar, unit_geos(dataset.registry)), dataset.registry, calendar,
                             args.lang)
            when = data_date(dataset)
            print()
            print(owed_text(rows, args.lang, date_text(when, args.lang) if when else "", calendar.assumed))
    return 0
