"""`kh330 run`: execute the notebooks with papermill and publish the HTML briefs to reports/latest/."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import paths
from ..data.scenario_files import scenario_path, trusted_scenario
from ..datalock import data_lock
from ..fmt import LANGS
from ..run import plan, runner
from ..run.audience import explore_dir, load_publish_set
from ..run.options import DEFAULT_CELL_TIMEOUT, RunOptions, latest_text
from ..run.unchanged import unchanged_since
from .options import past_date, positive


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "run", help="run the notebooks and publish the briefs",
        description="Check the inputs, run every notebook for each scenario and language into a new folder "
                    "reports/runs/<UTC time>-<id>/, and publish it as reports/latest/ only if every brief "
                    "succeeded. Only the scenarios and languages of params/publish.yaml (the default) are "
                    "published there, for leadership; any other run is an exploration: it goes to "
                    "reports/explore/<scenarios>/ (its own runs/ and latest/) and never touches reports/latest/, "
                    "unless --publish is given. Exit 0 when all briefs succeeded; 1 when a brief failed or another "
                    "run holds the lock (reports/latest/ is then unchanged); 2 on bad input or a parameter that a "
                    "notebook does not declare. The run's worker processes and their kernels end with it, even "
                    "when it is killed (their IDs and start times are in the run folder's pids.jsonl); a run "
                    "killed earlier is reported by the next one, marked 'abandoned' in its manifest.json, and "
                    "what is left of its processes is ended. Old run folders are deleted after each run (--keep). "
                    "Briefs whose inputs did not change since the run latest/ shows are kept from it (--force "
                    "rebuilds all); when no input at all changed, the run ends at once and writes nothing. Each "
                    "worker runs its briefs one after the other in one kernel, reset between briefs and replaced "
                    "after a failed one (--fresh-kernels: a new kernel per brief).")
    p.add_argument("--scenario", nargs="+", action="extend", metavar="NAME",
                   help="scenario name (params/scenarios/NAME.yaml) or a scenario file inside params/ (or a folder "
                        "named in KH330_SCENARIO_DIRS); several allowed (default: those of params/publish.yaml)")
    p.add_argument("--lang", choices=(*LANGS, "all"),
                   help="language of the briefs ('all' for every language; default: those of params/publish.yaml)")
    p.add_argument("--publish", action="store_true",
                   help="write this run to reports/ and publish it as reports/latest/ although it is not the set of "
                        "params/publish.yaml (by default such a run is an exploration, written to "
                        "reports/explore/<scenarios>/); a run with --only is never published")
    p.add_argument("--out", metavar="DIR",
                   help="reports folder holding runs/ and latest/ (default: reports/); refused inside data/, "
                        "params/, notebooks/ or kh330lib/, and as the checkout root")
    p.add_argument("--only", action="append", metavar="NOTEBOOK",
                   help="run only this notebook (name or prefix, repeatable); such a run is an exploration and "
                        "is never published")
    p.add_argument("--notebooks", metavar="DIR", help="folder of notebooks (default: notebooks/)")
    p.add_argument("--timeout", type=positive(float), default=DEFAULT_CELL_TIMEOUT, metavar="SECONDS",
                   help=f"limit for each cell (default {DEFAULT_CELL_TIMEOUT:g} s)")
    p.add_argument("--jobs", type=positive(int), metavar="N",
                   help="notebooks run at once (default: number of cores)")
    p.add_argument("--keep", type=positive(int), metavar="N",
                   help="run folders to keep under runs/; older ones are deleted after the run, never the one "
                        "latest/ shows nor a run still going (default: runs.keep in params/limits.yaml)")
    p.add_argument("--as-of", type=past_date, metavar="YYYY-MM-DD",
                   help="use the data as known on this date (reports received later are left out); "
                        "passed to the notebooks as as_of")
    p.add_argument("--force", action="store_true",
                   help="rebuild every brief; by default a brief whose inputs (notebook, parameters, scenario file, "
                        "code and settings, the data rows it reads) did not change since the run latest/ shows is "
                        "copied from that run instead of executed")
    p.add_argument("--fresh-kernels", action="store_true",
                   help="start a new Jupyter kernel for every brief, as papermill does (slower); by default each "
                        "worker keeps one kernel, with the notebooks' imports done, and resets it between briefs")
    p.add_argument("--pdf", action="store_true",
                   help="also print each brief to an A4 PDF beside its HTML, and write preview pictures "
                        "(index on a desktop and a phone, the scorecard's first printed page) to preview/; "
                        "needs Chromium, and is skipped with a note when it is missing")
    return p


def run(args: argparse.Namespace) -> int:
    leadership = load_publish_set()
    scenarios = tuple(trusted_scenario(s) for s in args.scenario) if args.scenario else leadership.scenarios
    langs = leadership.langs if args.lang is None else LANGS if args.lang == "all" else (args.lang,)
    only = tuple(args.only or ())
    reports = Path(args.out).expanduser().resolve() if args.out else paths.REPORTS_DIR
    names = [scenario_path(s).stem for s in scenarios]
    explore = not args.publish and not leadership.covers(names, langs, only)
    options = RunOptions(
        scenarios=scenarios, langs=langs, only=only,
        reports_dir=explore_dir(reports, names) if explore else reports, explore=explore,
        notebooks_dir=Path(args.notebooks).expanduser().resolve() if args.notebooks else paths.NOTEBOOKS_DIR,
        timeout=args.timeout, jobs=args.jobs, as_of=args.as_of.isoformat() if args.as_of else None,
        pdf=args.pdf, keep=args.keep, force=args.force, fresh_kernels=args.fresh_kernels,
        command=args.typed)
    # One data state for the whole run: an intake started meanwhile waits until the run ends (kh330lib.datalock).
    with data_lock(False, "kh330 run"):
        same = unchanged_since(options)
        if same is not None:
            # Nothing to execute, keep or publish: the plan and the runner (and the libraries they load) are not read.
            print(f"kh330 run: nothing changed since run {same.run_id} (the same data, settings, notebooks, "
                  f"scenario files, code and installed software); {latest_text(Path(options.reports_dir))} still "
                  "shows it and nothing was written (--force rebuilds every brief)")
            return 0
        return runner.run(options, plan=plan.prepare(options)).exit_code
