"""`kh330 run`: execute the notebooks with papermill and publish the HTML briefs to reports/latest/."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from .. import paths
from ..fmt import LANGS
from ..run.plan import DEFAULT_CELL_TIMEOUT, RunOptions
from ..run.runner import run as run_briefs
from .options import iso_date, positive


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "run", help="run the notebooks and publish the briefs",
        description="Check the inputs, run every notebook for each scenario and language into a new folder "
                    "reports/runs/<UTC time>-<id>/, and publish it as reports/latest/ only if every brief "
                    "succeeded. Exit 0 when all briefs succeeded; 1 when a brief failed or another run holds "
                    "the lock (reports/latest/ is then unchanged); 2 on bad input or a parameter that a "
                    "notebook does not declare.")
    p.add_argument("--scenario", nargs="+", action="extend", metavar="NAME",
                   help="scenario name (params/scenarios/NAME.yaml) or path to a scenario file; "
                        "several allowed (default: baseline)")
    p.add_argument("--lang", choices=(*LANGS, "all"), default="vi",
                   help="language of the briefs (default vi; 'all' for every language)")
    p.add_argument("--out", metavar="DIR", help="reports folder holding runs/ and latest/ (default: reports/)")
    p.add_argument("--only", action="append", metavar="NOTEBOOK",
                   help="run only this notebook (name or prefix, repeatable); such a run is not published")
    p.add_argument("--notebooks", metavar="DIR", help="folder of notebooks (default: notebooks/)")
    p.add_argument("--timeout", type=positive(float), default=DEFAULT_CELL_TIMEOUT, metavar="SECONDS",
                   help=f"limit for each cell (default {DEFAULT_CELL_TIMEOUT:g} s)")
    p.add_argument("--jobs", type=positive(int), metavar="N",
                   help="notebooks run at once (default: number of cores)")
    p.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD",
                   help="use the data as known on this date (reports received later are left out); "
                        "passed to the notebooks as as_of")
    p.add_argument("--pdf", action="store_true",
                   help="also print each brief to an A4 PDF beside its HTML, and write preview pictures "
                        "(index on a desktop and a phone, the scorecard's first printed page) to preview/; "
                        "needs Chromium, and is skipped with a note when it is missing")
    return p


def run(args: argparse.Namespace) -> int:
    options = RunOptions(
        scenarios=tuple(args.scenario or ("baseline",)),
        langs=LANGS if args.lang == "all" else (args.lang,),
        only=tuple(args.only or ()),
        reports_dir=Path(args.out).expanduser().resolve() if args.out else paths.REPORTS_DIR,
        notebooks_dir=Path(args.notebooks).expanduser().resolve() if args.notebooks else paths.NOTEBOOKS_DIR,
        timeout=args.timeout, jobs=args.jobs, as_of=args.as_of.isoformat() if args.as_of else None,
        pdf=args.pdf,
        command=shlex.join(["kh330", *sys.argv[1:]]) if sys.argv[1:2] == ["run"] else "kh330 run")
    return run_briefs(options).exit_code
