"""`kh330 intake`: take a filled-in workbook in as a new data vintage, or reject it cell by cell."""

from __future__ import annotations

import argparse
import sys

from .. import paths
from ..datalock import data_lock
from ..workbooks.intake import render_intake, take_in
from .options import iso_date


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("intake", help="take in a filled-in departmental workbook",
                       description="Check every cell of a workbook made by 'kh330 template'. If all are valid, "
                                   "add its values as a new vintage under data/vintages/ (no existing file is "
                                   "changed) and print what is new and what revises an earlier value. "
                                   "Otherwise print one line per problem (sheet!cell, indicator, what, fix), "
                                   "change nothing and exit 2.")
    p.add_argument("workbook", metavar="FILE.xlsx")
    p.add_argument("--reporter", required=True, metavar="NAME", help="who sent the workbook")
    p.add_argument("--received", type=iso_date, metavar="DATE",
                   help="date the workbook was received, YYYY-MM-DD (default today)")
    p.add_argument("--unit", metavar="UNIT", help="reject the workbook unless it is this unit's template")
    p.add_argument("--dry-run", action="store_true", help="check and compare only; write nothing")
    return p


def run(args: argparse.Namespace) -> int:
    # A new vintage never lands in the middle of a run: wait for any run reading data/ (kh330lib.datalock).
    with data_lock(not args.dry_run, "kh330 intake"):
        result = take_in(args.workbook, args.reporter, args.received, unit=args.unit, dry_run=args.dry_run)
    for p in result.removed:
        print(f"kh330 intake: removed an unfinished intake left by a stopped run: {paths.display(p)}",
              file=sys.stderr)
    print(render_intake(result))
    return 0
