"""`kh330 run`: check the inputs, execute every notebook × scenario × language in parallel processes
into a fresh run folder, render the briefs, and publish `latest/` atomically only if all succeeded.

Layout of one run (`reports/runs/<UTC time>-<id>/`):
    index.html, manifest.json, run.log, <scenario>/<lang>/<notebook>.ipynb and .html
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import difflib
import logging
import multiprocessing
import os
import secrets
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence, TextIO

import filelock

# jsonschema (under nbformat) imports rfc3987_syntax when it is installed, and that module compiles a
# grammar for 2-4 s in every process that loads it; nbformat never checks IRI formats, so the runner
# and its workers skip it (jsonschema treats the missing module as an optional extra).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import nbformat  # noqa: E402

from . import __version__, paths
from .catalog import Registry
from .errors import InputError, Problem, problem
from .fmt import LANGS
from .manifest import (MANIFEST_FORMAT, MANIFEST_NAME, DataVintage, data_vintage, git_state,
                       hash_files, input_files, package_versions, sha256_file, to_jsonable, write_json)
from .publish import (BriefContext, BriefSource, IndexEntry, RunInfo, audit_brief, brief_context,
                      publish_latest, render_brief, render_index)
from .scenarios import load_scenario as validate_scenario
from .scenarios import scenario_path as named_scenario_path
from .yamlio import LineDict, load_yaml

# Per cell: a hung cell fails its brief instead of blocking the next scheduled run (papermill #125).
DEFAULT_CELL_TIMEOUT = 600.0
KERNEL_START_TIMEOUT = 60.0
# Notebooks were saved on many machines; the suite always runs them with the environment's kernel.
KERNEL_NAME = "python3"
# Set by the runner on every notebook; scenario files must not set them.
RUNNER_KEYS = {"lang": "remove it; --lang chooses the language", "run_id": "remove it; each run gets its own"}
LOCK_NAME = ".kh330-run.lock"
LATEST = "latest"
RUNS = "runs"
SOFTWARE = ("papermill", "nbconvert", "nbclient", "ipykernel", "pandas", "numpy", "statsmodels", "scipy",
            "matplotlib", "seaborn", "babel")
EXIT_OK, EXIT_FAILED = 0, 1


@dataclass(frozen=True)
class ScenarioFile:
    """A scenario file as papermill passes it: its name (the file stem), its values (papermill parameters) and their lines."""

    name: str
    path: Path
    values: Mapping[str, Any]
    lines: Mapping[str, int]
    sha256: str

    def label(self, lang: str) -> str:
        return str(self.values.get(f"scenario_label_{lang}", self.name))


@dataclass(frozen=True)
class NotebookSpec:
    """A notebook to run and its declared parameters (from papermill.inspect_notebook)."""

    path: Path
    parameters: Mapping[str, Mapping[str, Any]]
    sha256: str

    @property
    def name(self) -> str:
        return self.path.stem

    def defaults(self) -> dict[str, Any]:
        """Default values of the parameters cell, as Python values where they are literals."""
        out = {}
        for key, info in self.parameters.items():
            text = info.get("default")
            try:
                out[key] = ast.literal_eval(text)
            except (ValueError, SyntaxError, TypeError):
                out[key] = text  # an expression: recorded as written
        return out


@dataclass(frozen=True)
class RunOptions:
    """Everything `kh330 run` was asked to do."""

    scenarios: tuple[str, ...] = ("baseline",)
    langs: tuple[str, ...] = ("vi",)
    only: tuple[str, ...] = ()
    reports_dir: Path = paths.REPORTS_DIR
    notebooks_dir: Path = paths.NOTEBOOKS_DIR
    timeout: float = DEFAULT_CELL_TIMEOUT
    jobs: int | None = None
    as_of: str | None = None
    command: str = "kh330 run"


@dataclass(frozen=True)
class Plan:
    """Validated inputs of a run: what will be executed, before anything is written."""

    options: RunOptions
    scenarios: tuple[ScenarioFile, ...]
    notebooks: tuple[NotebookSpec, ...]
    vintage: DataVintage
    input_hashes: Mapping[str, str]


@dataclass(frozen=True)
class Job:
    """One brief: one notebook, one scenario, one language (picklable, runs in a worker process)."""

    number: int
    notebook: Path
    scenario: str
    lang: str
    parameters: Mapping[str, Any]
    resolved: Mapping[str, Any]
    ipynb: Path
    html: Path
    log: Path
    context: BriefContext
    timeout: float

    @property
    def name(self) -> str:
        return self.notebook.stem

    @property
    def rel_html(self) -> str:
        return f"{self.scenario}/{self.lang}/{self.html.name}"


@dataclass(frozen=True)
class BriefResult:
    """How one brief went."""

    job: Job
    ok: bool
    seconds: float
    error: str | None = None
    title: str = ""
    size: int | None = None


@dataclass(frozen=True)
class RunResult:
    """How the run went: exit code 0 (all briefs ok), 1 (a brief failed or another run holds the lock)."""

    exit_code: int
    run_dir: Path | None
    results: tuple[BriefResult, ...] = ()
    published: bool = False
    message: str = ""


# ---------------------------------------------------------------------------------------------
# Inputs: scenarios, notebooks, parameters


def scenario_path(name_or_path: str) -> Path:
    """`baseline` → params/scenarios/baseline.yaml; anything that looks like a file is taken as a path."""
    p = named_scenario_path(name_or_path)
    return p.expanduser().resolve() if p.parent != paths.SCENARIOS_DIR else p


def load_scenario(name_or_path: str) -> tuple[ScenarioFile | None, list[Problem]]:
    """Read one scenario file as papermill will pass it; problems for a missing file or a non-mapping.

    Its content (labels, adjustments) is validated by kh330lib.scenarios in `prepare`.
    """
    path = scenario_path(name_or_path)
    if not path.exists():
        known = sorted(p.stem for p in paths.SCENARIOS_DIR.glob("*.yaml"))
        close = difflib.get_close_matches(path.stem, known, n=1)
        fix = (f"did you mean '{close[0]}'?" if close else
               f"available: {', '.join(known)}" if known else f"create {paths.display(path)}")
        return None, [problem(path, None, None, f"scenario '{name_or_path}' not found", fix, kind="field")]
    try:
        data = load_yaml(path)
    except InputError as exc:
        return None, exc.problems
    if not isinstance(data, dict):
        return None, [problem(path, 1, None, "must be a mapping of parameter names to values",
                              "write one 'name: value' per line", kind="field")]
    lines = dict(data.key_lines) if isinstance(data, LineDict) else {}
    return ScenarioFile(path.stem, path, to_jsonable(data), lines, sha256_file(path)), []


def _scenario_content_problems(scenario: ScenarioFile, registry: Registry, reported: list[Problem]) -> list[Problem]:
    """Labels and adjustments checked by kh330lib.scenarios, without repeating a key already reported."""

    try:
        validate_scenario(scenario.path, registry)
    except InputError as exc:
        seen = {(p.path, p.line, p.field) for p in reported}
        return [p for p in exc.problems if (p.path, p.line, p.field) not in seen]
    return []


def inspect_notebook(path: Path) -> tuple[NotebookSpec | None, list[Problem]]:
    """The parameters a notebook declares; a problem when it cannot be read or has no parameters cell."""
    import papermill

    try:
        params = papermill.inspect_notebook(str(path))
    except Exception as exc:  # noqa: BLE001 - any unreadable notebook is an input problem
        return None, [problem(path, None, None, f"not a readable notebook ({type(exc).__name__}: {exc})",
                              "open and save it again in JupyterLab", kind="field")]
    if not params:
        return None, [problem(path, None, None, "no cell tagged 'parameters'",
                              "tag the cell holding the defaults 'parameters'", kind="field")]
    return NotebookSpec(path, params, sha256_file(path)), []


_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,),
                                       "list": (list,), "dict": (dict,)}


def _type_problem(value: Any, inferred: str | None) -> str | None:
    expected = _TYPES.get((inferred or "").split("[")[0].strip())
    if expected is None or value is None:
        return None
    if isinstance(value, bool) and bool not in expected:
        return f"{value!r} is a boolean"
    return None if isinstance(value, expected) else f"{value!r} is {type(value).__name__}"


def check_parameters(scenarios: Sequence[ScenarioFile], notebooks: Sequence[NotebookSpec],
                     injected: Sequence[str]) -> list[Problem]:
    """Every key of every scenario file must be a parameter of every notebook run, with the right type;
    every key the runner injects must be declared by every notebook."""
    problems: list[Problem] = []
    for nb in notebooks:
        for key in injected:
            if key not in nb.parameters:
                problems.append(problem(nb.path, None, key, "missing from the cell tagged 'parameters'",
                                        f"add {key}: str = \"\" to that cell", kind="field"))
    for sc in scenarios:
        for key, value in sc.values.items():
            line = sc.lines.get(key)
            if key in RUNNER_KEYS:
                problems.append(problem(sc.path, line, key, "is set by kh330 run, not by scenario files",
                                        RUNNER_KEYS[key], kind="field"))
                continue
            unknown = [nb for nb in notebooks if key not in nb.parameters]
            if unknown:
                where = paths.display(unknown[0].path)
                if len(unknown) > 1:
                    where += f" and {len(unknown) - 1} other notebook{'s' if len(unknown) > 2 else ''}"
                known = sorted({k for nb in unknown for k in nb.parameters} - set(RUNNER_KEYS))
                close = difflib.get_close_matches(key, known, n=1)
                fix = f"did you mean '{close[0]}'?" if close else f"parameters are: {', '.join(known)}"
                problems.append(problem(sc.path, line, key, f"not a parameter of {where}", fix, kind="field"))
                continue
            for nb in notebooks:
                wrong = _type_problem(value, nb.parameters[key].get("inferred_type_name"))
                if wrong:
                    expected = nb.parameters[key]["inferred_type_name"]
                    problems.append(problem(sc.path, line, key,
                                            f"{wrong}, but {paths.display(nb.path)} expects {expected}",
                                            f"write a {expected} value", kind="field"))
                    break
    return problems


def find_notebooks(notebooks_dir: Path, only: Sequence[str]) -> tuple[list[Path], list[Problem]]:
    """Notebooks to run, in name order; `only` selects by name, file name or unique prefix."""
    available = sorted(p for p in Path(notebooks_dir).glob("*.ipynb") if not p.name.startswith("."))
    if not available:
        return [], [problem(notebooks_dir, None, None, "no notebooks (*.ipynb) to run",
                            "add notebooks or point KH330_NOTEBOOKS_DIR at them")]
    if not only:
        return available, []
    chosen: list[Path] = []
    problems = []
    names = [p.stem for p in available]
    for want in only:
        stem = Path(want).stem
        hits = [p for p in available if p.stem == stem] or [p for p in available if p.stem.startswith(stem)]
        if len(hits) == 1:
            chosen.append(hits[0])
            continue
        if hits:
            msg, fix = f"'{want}' matches {len(hits)} notebooks", f"use one of {', '.join(p.stem for p in hits)}"
        else:
            close = difflib.get_close_matches(stem, names, n=1)
            msg = f"no notebook '{want}'"
            fix = f"did you mean '{close[0]}'?" if close else f"available: {', '.join(names)}"
        problems.append(problem(notebooks_dir, None, None, msg, fix))
    return sorted(set(chosen)), problems


def prepare(options: RunOptions) -> Plan:
    """Validate everything a run reads (data as `kh330 check`, scenarios, notebook parameters).

    Raises InputError (exit 2) listing every problem; nothing is written.
    """
    from .observations import collect_dataset

    dataset, problems = collect_dataset(as_of=options.as_of)
    scenarios: list[ScenarioFile] = []
    for name in options.scenarios:
        sc, found = load_scenario(name)
        problems += found
        if sc is not None:
            if any(s.name == sc.name for s in scenarios):
                problems.append(problem(sc.path, None, None, f"scenario '{sc.name}' given twice",
                                        "name each scenario once", kind="field"))
            else:
                scenarios.append(sc)
    notebook_paths, found = find_notebooks(options.notebooks_dir, options.only)
    problems += found
    notebooks = []
    for path in notebook_paths:
        spec, found = inspect_notebook(path)
        problems += found
        if spec is not None:
            notebooks.append(spec)
    injected = list(RUNNER_KEYS) + (["as_of"] if options.as_of else [])
    problems += check_parameters(scenarios, notebooks, injected)
    for sc in scenarios:
        problems += _scenario_content_problems(sc, dataset.registry, problems)
    if problems:
        raise InputError(problems)
    files = input_files(paths.DATA_DIR, paths.PARAMS_DIR, *notebook_paths, *(s.path for s in scenarios))
    return Plan(options, tuple(scenarios), tuple(notebooks), data_vintage(dataset), hash_files(files))


# ---------------------------------------------------------------------------------------------
# Execution (in worker processes)


def _configure_worker_logging() -> None:
    root = logging.getLogger()
    if not getattr(root, "_kh330_configured", False):
        handler = logging.StreamHandler(sys.stderr)  # fd 2, redirected to the job's log below
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        root._kh330_configured = True  # type: ignore[attr-defined]


@contextlib.contextmanager
def _output_to(log: Path) -> Iterator[None]:
    """Send this process's stdout and stderr (and the kernel's, which inherits them) to `log`."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(log, "ab", buffering=0) as fh:
        os.dup2(fh.fileno(), 1)
        os.dup2(fh.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def _failed_cell(ipynb: Path) -> str:
    """Add papermill's error banner to a notebook stopped by a timeout; return the cell's label."""
    from papermill.exceptions import PapermillExecutionError
    from papermill.execute import raise_for_execution_errors

    try:
        nb = nbformat.read(ipynb, as_version=4)
        raise_for_execution_errors(nb, str(ipynb))
    except PapermillExecutionError as exc:
        return f"cell In [{exc.exec_count}]"
    except Exception:  # noqa: BLE001 - the label is a courtesy; the timeout is reported anyway
        logging.getLogger("kh330").exception("could not mark the timed-out cell in %s", ipynb)
    return "a cell"


def _any_cell_ran(ipynb: Path) -> bool:
    """Whether papermill got as far as executing a cell (it saves the notebook after each one)."""
    try:
        nb = nbformat.read(ipynb, as_version=4)
    except Exception:  # noqa: BLE001 - missing or half-written: nothing ran
        return False
    return any(c.get("execution_count") for c in nb.cells if c.cell_type == "code")


def _execute(job: Job) -> str | None:
    """Run the notebook with papermill into the run folder; the error as one line, or None.

    A kernel that fails to start (port clash between parallel kernels, papermill #511; slow start,
    #239) is tried once more; an error once cells have run is the notebook's and is not retried.
    """
    import papermill
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    log = logging.getLogger("kh330")
    for attempt in (1, 2):
        try:
            papermill.execute_notebook(
                str(job.notebook), str(job.ipynb), parameters=dict(job.parameters), kernel_name=KERNEL_NAME,
                progress_bar=False, log_output=True, execution_timeout=job.timeout,
                start_timeout=KERNEL_START_TIMEOUT, cwd=str(job.notebook.parent))
        except PapermillExecutionError as exc:
            evalue = " ".join(str(exc.evalue).split())
            return f"{exc.ename}: {evalue[:300]} (cell In [{exc.exec_count}])"
        except CellTimeoutError:
            return f"{_failed_cell(job.ipynb)} ran longer than the {job.timeout:g} s timeout"
        except Exception as exc:  # noqa: BLE001 - kernel death, start timeout, …: the brief failed
            log.error("papermill failed:\n%s", traceback.format_exc())
            if attempt == 1 and not _any_cell_ran(job.ipynb):
                log.warning("the kernel did not start; trying once more")
                continue
            return f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
        return None
    return None  # not reached: the second attempt always returns


def warm_up() -> None:
    """Import what a job needs, so that the first job does not pay for it."""
    import papermill  # noqa: F401
    from nbclient.exceptions import CellTimeoutError  # noqa: F401


def execute_brief(job: Job) -> BriefResult:
    """Execute one notebook and render its brief; everything it prints goes to the job's log."""
    start = time.monotonic()
    _configure_worker_logging()
    job.ipynb.parent.mkdir(parents=True, exist_ok=True)
    title, size = "", None
    with _output_to(job.log):
        error = _execute(job)
        if error is None:
            try:
                nb = nbformat.read(job.ipynb, as_version=4)
                brief = render_brief(nb, job.context, name=job.name, source_dir=job.notebook.parent)
                job.html.write_text(brief.html, encoding="utf-8")
                title, size = brief.title, brief.size
                problems = audit_brief(brief.html)
                if problems:
                    error = "the brief " + "; ".join(problems)
            except Exception as exc:  # noqa: BLE001
                logging.getLogger("kh330").error("rendering failed:\n%s", traceback.format_exc())
                error = f"rendering failed: {type(exc).__name__}: {exc}"
        if error:
            logging.getLogger("kh330").error("%s (%s): %s", job.name, job.lang, error)
    return BriefResult(job, error is None, time.monotonic() - start, error, title, size)


# ---------------------------------------------------------------------------------------------
# The run


def new_run_id(now: dt.datetime) -> str:
    """`20251122T061500Z-3f9a1c`: sorts by time; the suffix keeps two runs in one second apart."""
    return f"{now.astimezone(dt.timezone.utc):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _software() -> tuple[tuple[str, str], ...]:
    versions = package_versions()
    lower = {k.lower(): v for k, v in versions.items()}
    return (("kh330", __version__), ("Python", sys.version.split()[0]),
            *((name, lower[name]) for name in SOFTWARE if name in lower))


def plan_jobs(plan: Plan, run: RunInfo, run_dir: Path) -> list[Job]:
    """Every notebook × scenario × language, with its parameters, output paths and header/footer."""
    opts = plan.options
    jobs = []
    for sc in plan.scenarios:
        for nb in plan.notebooks:
            for lang in opts.langs:
                injected = {**sc.values, "lang": lang, "run_id": run.run_id}
                if opts.as_of:
                    injected["as_of"] = opts.as_of
                resolved = {**nb.defaults(), **injected}
                source = BriefSource(paths.display(nb.path), nb.sha256, paths.display(sc.path), sc.sha256,
                                     resolved, sc.label(lang))
                others = {o: f"../{o}/{nb.name}.html" for o in opts.langs if o != lang}
                context = brief_context(run, source, lang, index_href="../../index.html",
                                        other_langs=others, manifest_href=f"../../{MANIFEST_NAME}")
                out = run_dir / sc.name / lang
                jobs.append(Job(len(jobs) + 1, nb.path, sc.name, lang, injected, resolved,
                                out / f"{nb.name}.ipynb", out / f"{nb.name}.html",
                                run_dir / "logs" / f"{sc.name}-{lang}-{nb.name}.log", context, opts.timeout))
    return jobs


def _label(job: Job, many_scenarios: bool) -> str:
    return f"{job.name} ({job.scenario}, {job.lang})" if many_scenarios else f"{job.name} ({job.lang})"


def _manifest(plan: Plan, run: RunInfo, run_dir: Path, workers: int, results: Sequence[BriefResult],
              jobs: Sequence[Job], finished: dt.datetime | None, outcome: str, published: bool) -> dict:
    by_job = {r.job.number: r for r in results}
    briefs = []
    for job in jobs:
        r = by_job.get(job.number)
        briefs.append({
            "notebook": paths.display(job.notebook), "scenario": job.scenario, "lang": job.lang,
            "outcome": "pending" if r is None else ("ok" if r.ok else "failed"),
            "title": r.title if r else "", "seconds": round(r.seconds, 2) if r else None,
            "error": r.error if r else None, "bytes": r.size if r else None,
            "html": job.rel_html if r and r.ok else None,
            "executed_notebook": f"{job.scenario}/{job.lang}/{job.ipynb.name}",
            "parameters": job.resolved,
        })
    return {
        "format": MANIFEST_FORMAT, "run_id": run.run_id, "command": plan.options.command,
        "outcome": outcome, "published": published,
        "started": run.started.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "finished": finished.isoformat(timespec="seconds").replace("+00:00", "Z") if finished else None,
        "seconds": round((finished - run.started).total_seconds(), 2) if finished else None,
        "run_folder": paths.display(run_dir),
        "settings": {"scenarios": [s.name for s in plan.scenarios], "langs": list(plan.options.langs),
                     "only": list(plan.options.only), "cell_timeout_seconds": plan.options.timeout,
                     "kernel": KERNEL_NAME, "workers": workers, "as_of": plan.options.as_of},
        "git": run.git, "host": os.uname().nodename if hasattr(os, "uname") else "",
        "python": sys.version.split()[0], "data_vintage": plan.vintage,
        "scenarios": {s.name: {"file": paths.display(s.path), "sha256": s.sha256, "values": s.values}
                      for s in plan.scenarios},
        "inputs": plan.input_hashes, "packages": package_versions(), "briefs": briefs,
    }


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


def run(options: RunOptions, out: TextIO | None = None, err: TextIO | None = None) -> RunResult:
    """Check, execute, render and (when every brief succeeded) publish. Raises InputError on bad input."""
    out = out or sys.stdout
    err = err or sys.stderr
    plan = prepare(options)
    reports = Path(options.reports_dir)
    reports.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(str(reports / LOCK_NAME), timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        message = (f"kh330 run: another kh330 run is in progress (lock {paths.display(reports / LOCK_NAME)}); "
                   f"nothing was done, try again later.")
        print(message, file=err)
        return RunResult(EXIT_FAILED, None, message=message)
    try:
        with _sigterm_as_exit():
            return _run_locked(plan, reports, out, err)
    finally:
        lock.release()


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """Turn SIGTERM (kill, systemctl stop) into SystemExit(143), so that the workers are stopped too."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run_locked(plan: Plan, reports: Path, out: TextIO, err: TextIO) -> RunResult:
    opts = plan.options
    started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    run_id = new_run_id(started)
    run_dir = reports / RUNS / run_id
    (run_dir / "logs").mkdir(parents=True)
    n_jobs = len(plan.scenarios) * len(plan.notebooks) * len(opts.langs)
    workers = max(1, min(opts.jobs or os.cpu_count() or 1, n_jobs))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    finished = False
    try:
        for _ in range(workers):
            pool.submit(warm_up)  # workers start and import papermill while this process gathers provenance
        data_files = (paths.display(paths.OBSERVATIONS), paths.display(paths.SOURCES))
        info = RunInfo(run_id, started, plan.vintage, git_state(), _software(),
                       tuple((k, v) for k, v in plan.input_hashes.items() if k in data_files))
        jobs = plan_jobs(plan, info, run_dir)
        manifest_path = run_dir / MANIFEST_NAME
        write_json(manifest_path, _manifest(plan, info, run_dir, workers, [], jobs, None, "running", False))
        with open(run_dir / "run.log", "a", encoding="utf-8") as run_log:
            _append_log(run_log, f"kh330 run {run_id}: {opts.command}")
            print(f"kh330 run {run_id}: {_count(len(jobs), 'brief')} ({_count(len(plan.notebooks), 'notebook')}"
                  f" × {_count(len(plan.scenarios), 'scenario')} × {_count(len(opts.langs), 'language')}) "
                  f"on {_count(workers, 'process', 'processes')} → {paths.display(run_dir)}", file=out, flush=True)
            results = _execute_all(pool, jobs, run_log, out, many=len(plan.scenarios) > 1)
            finished = True
            return _finish(plan, info, run_dir, workers, jobs, results, run_log, out, err)
    except BaseException as exc:
        if not finished:
            # Interrupted (Ctrl-C, SIGTERM) or crashed: stop now. Killing a worker also ends its kernel
            # (ipykernel exits when its parent process is gone).
            _stop_workers(pool)
            why = ("interrupted" if isinstance(exc, KeyboardInterrupt) else
                   "terminated" if isinstance(exc, SystemExit) else f"failed ({type(exc).__name__}: {exc})")
            print(f"kh330 run: {why}; {_latest_text(reports)} was not changed; the unfinished run "
                  f"is in {paths.display(run_dir)}", file=err)
        raise
    finally:
        pool.shutdown(wait=finished, cancel_futures=not finished)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor offers no way to end running work before Python 3.14 (terminate_workers).
    for process in list(getattr(pool, "_processes", {}).values()):
        with contextlib.suppress(Exception):
            process.kill()


def _latest_text(reports: Path) -> str:
    # Not paths.display(reports / LATEST): that resolves the link and would name the run folder.
    return f"{paths.display(reports)}/{LATEST}"


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _execute_all(pool: ProcessPoolExecutor, jobs: Sequence[Job], run_log: TextIO, out: TextIO, *,
                 many: bool) -> list[BriefResult]:
    """Run every job in the pool; one progress line per finished brief (no bars: runs are often unattended)."""
    results: list[BriefResult] = []
    futures = {pool.submit(execute_brief, job): job for job in jobs}
    for future in as_completed(futures):
        job = futures[future]
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker died (e.g. out of memory)
            result = BriefResult(job, False, 0.0, f"worker process failed: {type(exc).__name__}: {exc}")
        results.append(result)
        line = f"[{len(results)}/{len(jobs)}] {_label(job, many)} {'ok' if result.ok else 'FAILED'} " \
               f"{result.seconds:.1f} s"
        print(line, file=out, flush=True)
        _append_log(run_log, line + ("" if result.ok else f": {result.error}"))
        _merge_job_log(run_log, job)
    return sorted(results, key=lambda r: r.job.number)


def _finish(plan: Plan, info: RunInfo, run_dir: Path, workers: int, jobs: Sequence[Job],
            results: Sequence[BriefResult], run_log: TextIO, out: TextIO, err: TextIO) -> RunResult:
    """Index, final manifest, and the atomic publish when every brief succeeded."""
    opts = plan.options
    reports = Path(opts.reports_dir)
    failed = [r for r in results if not r.ok]
    ok = not failed
    labels = {s.name: {lang: s.label(lang) for lang in LANGS} for s in plan.scenarios}
    entries = [IndexEntry(r.job.name, r.job.scenario, labels[r.job.scenario], r.job.lang, r.title,
                          r.job.rel_html if r.ok else None, r.ok) for r in results]
    (run_dir / "index.html").write_text(render_index(entries, info, opts.langs, published_ok=ok), encoding="utf-8")
    with contextlib.suppress(OSError):
        (run_dir / "logs").rmdir()
    publish = ok and not opts.only
    finished = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    manifest_path = run_dir / MANIFEST_NAME
    # The final manifest goes first: once latest/ points here, readers must see the finished record.
    write_json(manifest_path, _manifest(plan, info, run_dir, workers, results, jobs, finished,
                                        "ok" if ok else "failed", publish))
    if publish:
        try:
            how = publish_latest(run_dir, reports / LATEST)
        except BaseException:
            write_json(manifest_path, _manifest(plan, info, run_dir, workers, results, jobs, finished, "ok", False))
            raise
        _append_log(run_log, f"published {_latest_text(reports)} → {RUNS}/{run_dir.name} ({how})")
    seconds = (finished - info.started).total_seconds()
    latest = _latest_text(reports)
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
    _append_log(run_log, f"done in {seconds:.0f} s; {where}")
    print(f"kh330 run: {_count(len(jobs), 'brief')} ok in {seconds:.0f} s; {where}", file=out, flush=True)
    return RunResult(EXIT_OK, run_dir, tuple(results), publish)
