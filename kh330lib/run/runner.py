"""`kh330 run`: check the inputs, execute every notebook × scenario × language in parallel processes
into a fresh run folder, render the briefs, and publish `latest/` atomically only if all succeeded.

A brief whose inputs did not change since the run `latest/` shows is copied from it instead (kh330lib.run.inputs
hashes them, kh330lib.run.reuse decides); `--force` rebuilds all.

Layout of one run (`reports/runs/<UTC time>-<id>/`):
    index.html, manifest.json, run.log, pids.jsonl, <scenario>/<lang>/<notebook>.ipynb and .html

The run's workers and kernels end with it, even when the runner is killed (see kh330lib.run.processes); the next
run marks a run left "running" as abandoned and ends what is left of it, and old run folders are pruned.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Mapping, Sequence, TextIO

import filelock

from .. import paths
from ..assess.skill import skill_of
from ..data.panel import panel_csv
from ..errors import os_error, system_refusal
from ..files import check_output_path, write_bytes, write_json
from ..fmt import LANGS
from ..limits import limits
from ..store.settings import load_methods
from .cleanup import end_leftovers, prune_runs, settle_abandoned
from .front import SCORECARD, Assessed, assess_fronts, fronts
from .index_page import IndexEntry, index_file, render_index
from .kernel import notebook_imports
from .manifest import MANIFEST_NAME, git_state, new_run_id
from .options import LATEST, RUNS, RunOptions, latest_text
from .outcome import EXIT_FAILED, EXIT_OK, RunResult, refused_run, sigterm_as_exit, stopped_run
from .plan import Plan, prepare
from .printing import PREVIEW_DIR, PrintJob, print_run
from .processes import PIDS_NAME, record
from .provenance import BriefSource, RunInfo, brief_context
from .publish import publish_latest
from .record import brief_id, run_manifest, software
from .reuse import BriefId, Build, earlier_run, keep_files, plan_builds, plan_text, run_started
from .worker import BriefResult, Job, execute_brief, init_worker, warm_up

LOCK_NAME = ".kh330-run.lock"


def plan_jobs(plan: Plan, run: RunInfo, run_dir: Path) -> list[Job]:
    """Every notebook × scenario × language, with its parameters, output paths and header/footer."""
    opts = plan.options
    jobs = []
    for sc in plan.scenarios:
        for nb in plan.notebooks:
            for lang in opts.langs:
                injected, resolved = plan.parameters(sc, nb, lang, run.run_id)
                source = BriefSource(paths.display(nb.path), nb.sha256, paths.display(sc.path), sc.sha256,
                                     resolved, sc.label(lang))
                others = {o: f"../{o}/{nb.name}.html" for o in opts.langs if o != lang}
                context = brief_context(run, source, lang, index_href=f"../../{index_file(lang, opts.langs)}",
                                        other_langs=others, manifest_href=f"../../{MANIFEST_NAME}")
                out = run_dir / sc.name / lang
                jobs.append(Job(len(jobs) + 1, nb.path, sc.name, lang, injected, resolved,
                                out / f"{nb.name}.ipynb", out / f"{nb.name}.html",
                                run_dir / "logs" / f"{sc.name}-{lang}-{nb.name}.log", context, opts.timeout))
    return jobs


def _label(job: Job, many_scenarios: bool) -> str:
    return f"{job.name} ({job.scenario}, {job.lang})" if many_scenarios else f"{job.name} ({job.lang})"


def _append_log(run_log: TextIO, line: str) -> None:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    run_log.write(f"{stamp} {line}\n")
    run_log.flush()


def _merge_job_log(run_log: TextIO, job: Job) -> None:
    """Move a job's log (papermill, cell output, stderr, warnings) into run.log as one section."""
    run_log.write(f"---- {job.scenario}/{job.lang}/{job.name} ----\n")
    if job.log.exists():
        run_log.write(job.log.read_text(encoding="utf-8", errors="replace"))
        job.log.unlink()
    run_log.write(f"---- end {job.scenario}/{job.lang}/{job.name} ----\n")
    run_log.flush()


def run(options: RunOptions, out: TextIO | None = None, err: TextIO | None = None, *,
        plan: Plan | None = None) -> RunResult:
    """Check (unless given the `plan` prepare made), execute, render and (when every brief succeeded) publish.
    Raises InputError on bad input."""
    out = out or sys.stdout
    err = err or sys.stderr
    plan = plan or prepare(options)
    keep = options.keep or limits().keep_runs  # read before anything is written: a broken limits.yaml is exit 2
    reports = Path(options.reports_dir)
    lock = filelock.FileLock(str(reports / LOCK_NAME), timeout=0)
    try:
        reports.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except filelock.Timeout:
        message = (f"kh330 run: another kh330 run is in progress (lock {paths.display(reports / LOCK_NAME)}); "
                   f"nothing was done, try again later.")
        print(message, file=err)
        return RunResult(EXIT_FAILED, None, message=message)
    except OSError as exc:  # (after Timeout, itself an OSError) read-only, full, a looping lock: one line
        if system_refusal(exc) is None:
            raise
        raise os_error(exc, exc.filename or reports, "the run did not start; nothing was written") from None
    if options.explore:
        # The leadership briefs are two folders up (kh330lib.run.audience.explore_dir).
        print(f"kh330 run: an exploration (not the scenarios and languages of params/publish.yaml): it goes to "
              f"{paths.display(reports)}/ and leaves {latest_text(reports.parent.parent)}/, the leadership briefs, "
              "unchanged (--publish publishes it there)", file=out, flush=True)
    try:
        with sigterm_as_exit():
            for gone in settle_abandoned(reports / RUNS):
                print(gone.line(), file=err, flush=True)
            result = _run_locked(plan, reports, out, err)
            _prune(reports, keep, result.run_dir, out, err)
            return result
    finally:
        lock.release()


def _prune(reports: Path, keep: int, current: Path | None, out: TextIO, err: TextIO) -> None:
    """Delete run folders beyond the newest `keep` (never the one latest shows, nor a live run); one line."""
    pruned = prune_runs(reports / RUNS, keep, reports / LATEST, current)
    if pruned.removed:
        shows = f" and the one {latest_text(reports)} shows" if os.path.lexists(reports / LATEST) else ""
        print(f"kh330 run: removed {_count(len(pruned.removed), 'old run folder')} from "
              f"{paths.display(reports / RUNS)} (keeping the newest {keep}{shows})", file=out, flush=True)
    for name, why in pruned.failed:
        print(f"kh330 run: could not remove old run folder {paths.display(reports / RUNS / name)}: {why}",
              file=err, flush=True)


def _run_locked(plan: Plan, reports: Path, out: TextIO, err: TextIO) -> RunResult:
    opts = plan.options
    started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    run_id = new_run_id(started)
    run_dir = check_output_path(reports / RUNS / run_id, "run folder")  # runs/ may have become a link since
    pids = run_dir / PIDS_NAME
    try:
        (run_dir / "logs").mkdir(parents=True)
        record(pids, "main", os.getpid())  # first: the next run tells from it whether this one is still alive
    except OSError as exc:
        if system_refusal(exc) is None:
            raise
        shutil.rmtree(run_dir, ignore_errors=True)
        raise os_error(exc, exc.filename or run_dir, "the run did not start; nothing was published") from None
    earlier = earlier_run(reports / LATEST)
    builds = plan_builds(plan, run_id, earlier)
    n_build = sum(1 for _, d in builds.values() if not d.kept)
    workers = max(1, min(opts.jobs or os.cpu_count() or 1, n_build)) if n_build else 0
    # Each worker records itself and its kernels in pids.jsonl, and dies with this process (init_worker); unless
    # --fresh-kernels, it starts one kernel at once, runs the notebooks' imports in it, and runs its briefs there.
    rebuilt = {name for (_, _, name), (_, decision) in builds.items() if not decision.kept}
    warm = None if opts.fresh_kernels or not workers else (
        str(Path(opts.notebooks_dir).resolve()),
        notebook_imports(nb.path for nb in plan.notebooks if nb.name in rebuilt))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=init_worker,
                               initargs=(run_id, str(pids), os.getpid(), *(warm or (None, ())))) \
        if workers else None
    finished = False
    try:
        for _ in range(workers if pool is not None else 0):
            pool.submit(warm_up)  # workers start and import papermill while this process gathers provenance
        panel = panel_csv()
        data_files = (paths.display(paths.OBSERVATIONS), paths.display(paths.SOURCES),
                      *((paths.display(panel),) if panel else ()))
        info = RunInfo(run_id, started, plan.vintage, git_state(), software(),
                       tuple((k, v) for k, v in plan.input_hashes.items() if k in data_files))
        jobs = plan_jobs(plan, info, run_dir)
        manifest_path = run_dir / MANIFEST_NAME
        write_json(manifest_path, run_manifest(plan, info, run_dir, workers, [], jobs, None, "running", False,
                                               builds))
        with open(run_dir / "run.log", "a", encoding="utf-8") as run_log:
            _append_log(run_log, f"kh330 run {run_id}: {opts.command}")
            print(f"kh330 run {run_id}: {_count(len(jobs), 'brief')} ({_count(len(plan.notebooks), 'notebook')}"
                  f" × {_count(len(plan.scenarios), 'scenario')} × {_count(len(opts.langs), 'language')})"
                  f"{plan_text(builds, workers, earlier)} → {paths.display(run_dir)}", file=out, flush=True)
            if pool is not None and plan.dataset is not None:
                # The forecaster's skill on the pools the methods brief shows, computed (or found on disk) once,
                # here, while the workers start: each kernel then reads it instead of waiting on the store's lock.
                skill_of(plan.dataset, load_methods())
            assessed = assess_fronts(plan)  # for the index pages, also while the workers start
            results = _execute_all(pool, jobs, builds, run_dir, run_log, out, many=len(plan.scenarios) > 1,
                                    pdf=opts.pdf)
            finished = True
            return _finish(plan, info, run_dir, workers, jobs, results, builds, assessed, run_log, out, err)
    except BaseException as exc:
        refused = system_refusal(exc)
        if refused is not None:  # the disk or the system said no: one line and a failed run, not a traceback
            return refused_run(exc, refused, run_dir, run_id, started, pool, reports, err)
        stopped_run(exc, finished, run_dir, run_id, started, pool, reports, err)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=finished, cancel_futures=not finished)
        with contextlib.suppress(Exception):
            end_leftovers(run_dir, run_id)  # a kernel that outlived its notebook must not outlive the run


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _execute_all(pool: ProcessPoolExecutor | None, jobs: Sequence[Job], builds: Mapping[BriefId, Build],
                 run_dir: Path, run_log: TextIO, out: TextIO, *, many: bool, pdf: bool) -> list[BriefResult]:
    """Run the briefs to rebuild in the pool and keep the others; one progress line per brief, each saying
    whether it was rebuilt (and why) or kept (no bars: runs are often unattended)."""
    results: list[BriefResult] = []

    def report(line: str, result: BriefResult) -> None:
        results.append(result)
        line = f"[{len(results)}/{len(jobs)}] {line}"
        print(line, file=out, flush=True)
        _append_log(run_log, line + ("" if result.ok else f": {result.error}"))

    futures = {pool.submit(execute_brief, job): job for job in jobs if not builds[brief_id(job)][1].kept} \
        if pool is not None else {}
    for job in jobs:  # kept briefs are copied while the pool works
        decision = builds[brief_id(job)][1]
        if decision.kept and decision.source is not None:
            start = time.monotonic()
            files = [job.rel_html, f"{job.scenario}/{job.lang}/{job.ipynb.name}",
                     *([str(Path(job.rel_html).with_suffix(".pdf"))] if pdf else [])]
            try:
                keep_files(decision.source, run_dir, files)
                result = BriefResult(job, True, time.monotonic() - start, None, decision.title,
                                     job.html.stat().st_size)
            except OSError as exc:  # e.g. the disk is full: the brief fails, latest/ stays as it is
                result = BriefResult(job, False, time.monotonic() - start,
                                     f"could not keep it from run {decision.from_run}: {exc}")
            report(f"{_label(job, many)} unchanged (from run {decision.from_run})"
                   + ("" if result.ok else " FAILED"), result)
    for future in as_completed(futures):
        job = futures[future]
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker died (e.g. out of memory)
            result = BriefResult(job, False, 0.0, f"worker process failed: {type(exc).__name__}: {exc}")
        decision = builds[brief_id(job)][1]
        why = "" if decision.run_wide else f"rebuilt ({decision.reason}) "
        report(f"{_label(job, many)} {why}{'ok' if result.ok else 'FAILED'} {result.seconds:.1f} s", result)
        _merge_job_log(run_log, job)
    return sorted(results, key=lambda r: r.job.number)


def _print(run_dir: Path, to_print: Sequence[Job], jobs: Sequence[Job], run_log: TextIO, out: TextIO,
           err: TextIO) -> None:
    """PDFs of `to_print` beside their briefs and the preview pictures; missing Chromium or a failed page is one
    line each."""
    scorecards = [j for j in jobs if j.name == SCORECARD]
    scorecard = next((j for j in scorecards if j.lang == "vi"), scorecards[0] if scorecards else None)
    # The index pages are printed too: leadership take the first page to meetings.
    indexes = [PrintJob(p, p.with_suffix(".pdf")) for p in sorted(run_dir.glob("index*.html"))]
    index = run_dir / index_file("vi" if "vi" in {j.lang for j in jobs} else jobs[0].lang, [j.lang for j in jobs])
    result = print_run([*indexes, *(PrintJob(j.html, j.html.with_suffix(".pdf")) for j in to_print)], index,
                       scorecard.html if scorecard else None, run_dir / PREVIEW_DIR)
    if result.skipped:
        print(f"kh330 run: {result.skipped}", file=err, flush=True)
        _append_log(run_log, result.skipped)
    for problem in result.errors:
        print(f"kh330 run: PDF not written: {problem}", file=err, flush=True)
        _append_log(run_log, f"PDF not written: {problem}")
    if result.pdfs or result.previews:
        line = f"{_count(len(result.pdfs), 'PDF')} and {_count(len(result.previews), 'preview')} written"
        _append_log(run_log, line)
        print(f"kh330 run: {line} ({PREVIEW_DIR}/ holds the previews)", file=out, flush=True)


def _finish(plan: Plan, info: RunInfo, run_dir: Path, workers: int, jobs: Sequence[Job],
            results: Sequence[BriefResult], builds: Mapping[BriefId, Build], assessed: Assessed, run_log: TextIO,
            out: TextIO, err: TextIO) -> RunResult:
    """Index, final manifest, and the atomic publish when every brief succeeded."""
    opts = plan.options
    reports = Path(opts.reports_dir)
    failed = [r for r in results if not r.ok]
    ok = not failed
    labels = {s.name: {lang: s.label(lang) for lang in LANGS} for s in plan.scenarios}
    entries = [IndexEntry(r.job.name, r.job.scenario, labels[r.job.scenario], r.job.lang, r.title,
                          r.job.rel_html if r.ok else None, r.ok) for r in results]
    kept = [d for _, d in builds.values() if d.kept]
    kept_from = sorted({when for when in (run_started(d.from_run or "") for d in kept) if when is not None})
    for lang, by_scenario in fronts(plan, results, assessed).items():
        # Atomic: a full disk leaves no page rather than an empty one.
        write_bytes(run_dir / index_file(lang, opts.langs), render_index(
            entries, info, lang, opts.langs, published_ok=ok, fronts=by_scenario, kept=len(kept),
            kept_from=kept_from, explore=opts.explore).encode("utf-8"))
    with contextlib.suppress(OSError):
        (run_dir / "logs").rmdir()
    if ok and opts.pdf:
        # Kept briefs brought their PDFs along; the previews are always new (the index is).
        _print(run_dir, [j for j in jobs if not builds[brief_id(j)][1].kept], jobs, run_log, out, err)
    publish = ok and not opts.only
    finished = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    manifest_path = run_dir / MANIFEST_NAME
    # The final manifest goes first: once latest/ points here, readers must see the finished record.
    write_json(manifest_path, run_manifest(plan, info, run_dir, workers, results, jobs, finished,
                                           "ok" if ok else "failed", publish, builds))
    if publish:
        try:
            how = publish_latest(run_dir, reports / LATEST)
        except BaseException:
            write_json(manifest_path, run_manifest(plan, info, run_dir, workers, results, jobs, finished, "ok",
                                                   False, builds))
            raise
        _append_log(run_log, f"published {latest_text(reports)} → {RUNS}/{run_dir.name} ({how})")
    seconds = (finished - info.started).total_seconds()
    latest = latest_text(reports)
    if not ok:
        many = len(plan.scenarios) > 1
        _append_log(run_log, f"{len(failed)} of {len(jobs)} briefs failed; {latest} not changed")
        print(f"kh330 run: {len(failed)} of {_count(len(jobs), 'brief')} failed; {latest} was not changed. "
              f"The failed notebooks are kept in {paths.display(run_dir)} (details in run.log):", file=err)
        for r in failed:
            print(f"  {_label(r.job, many)}: {r.error}\n    notebook: {paths.display(r.job.ipynb)}", file=err)
        return RunResult(EXIT_FAILED, run_dir, tuple(results), False)
    where = (f"published {latest}/index.html" if publish else
             f"not published (--only runs a subset); see {paths.display(run_dir)}/index.html")
    if opts.explore:
        where = (f"written to {latest}/index.html" if publish else where) + \
            f"; {latest_text(reports.parent.parent)}/ (the leadership briefs) was not changed"
    split = f" ({len(jobs) - len(kept)} rebuilt, {len(kept)} unchanged)" if kept else ""
    _append_log(run_log, f"done in {seconds:.0f} s{split}; {where}")
    print(f"kh330 run: {_count(len(jobs), 'brief')} ok in {seconds:.0f} s{split}; {where}", file=out, flush=True)
    return RunResult(EXIT_OK, run_dir, tuple(results), publish)
