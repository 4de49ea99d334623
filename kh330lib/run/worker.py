"""One brief in a worker process: execute its notebook with papermill, render and audit the HTML.

By default a worker runs its briefs one after the other in one warm kernel (kh330lib.run.kernel), started when the
worker starts; with `--fresh-kernels` papermill starts a kernel per brief.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing.util
import os
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

# nbformat is imported without rfc3987_syntax and its slow grammar: see kh330lib/run/__init__.py.
import nbformat

from .. import paths
from ..errors import system_refusal
from .exporter import BriefContext, render_brief
from .html_audit import audit_brief
from .kernel import KERNEL_NAME, WarmKernel, execute_notebook
from .processes import RUN_ENV, children, die_with_parent, record

KERNEL_START_TIMEOUT = 60.0
# Set by init_worker: where this worker records the kernels it starts (None outside a run's pool).
_PIDS_FILE: Path | None = None


@dataclass
class _Warm:
    """This worker's warm kernel (None: not started, or ended after a failed brief) and how to start one."""

    cwd: Path
    imports: tuple[str, ...]
    kernel: WarmKernel | None = None
    # Set when kernels could not be started twice in a row: the worker's later briefs get a kernel each.
    broken: bool = False


# Set by init_worker unless the run has --fresh-kernels (None: a kernel per brief).
_WARM: _Warm | None = None


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


def _execute(job: Job, kernel: WarmKernel | None = None) -> str | None:
    """Run the notebook with papermill into the run folder (in `kernel`, else a new one); the error as one line,
    or None.

    A new kernel that fails to start (port clash between parallel kernels, papermill #511; slow start, #239) is
    tried once more; an error once cells have run is the notebook's and is not retried.
    """
    import papermill
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    log = logging.getLogger("kh330")
    for attempt in (1, 2):
        try:
            if kernel is not None:
                execute_notebook(kernel, job.notebook, job.ipynb, job.parameters, timeout=job.timeout,
                                 start_timeout=KERNEL_START_TIMEOUT)
            else:
                papermill.execute_notebook(
                    str(job.notebook), str(job.ipynb), parameters=dict(job.parameters), kernel_name=KERNEL_NAME,
                    progress_bar=False, log_output=True, execution_timeout=job.timeout,
                    start_timeout=KERNEL_START_TIMEOUT, cwd=str(job.notebook.parent),
                    **({"on_cell_start": _kernel_recorder()} if _PIDS_FILE is not None else {}))
        except PapermillExecutionError as exc:
            evalue = " ".join(str(exc.evalue).split())
            return f"{exc.ename}: {evalue[:300]} (cell In [{exc.exec_count}])"
        except CellTimeoutError:
            return f"{_failed_cell(job.ipynb)} ran longer than the {job.timeout:g} s timeout"
        except Exception as exc:  # noqa: BLE001 - kernel death, start timeout, …: the brief failed
            log.error("papermill failed:\n%s", traceback.format_exc())
            if kernel is None and attempt == 1 and not _any_cell_ran(job.ipynb):
                log.warning("the kernel did not start; trying once more")
                continue
            return _failure(exc)
        return None
    return None  # not reached: the second attempt always returns


def _failure(exc: BaseException) -> str:
    """An exception as the one line a brief's failure shows: the system's refusal in words, else its type and text."""
    refused = system_refusal(exc)
    if refused is not None and isinstance(exc, OSError):
        where = f" at {paths.display(exc.filename)}" if exc.filename else ""
        return f"{refused[0]}{where} ({refused[1]})"
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"


def _record_kernel(pid: int) -> None:
    """Record a warm kernel of this worker in pids.jsonl (for the cleanup after a killed run)."""
    if _PIDS_FILE is not None:
        with contextlib.suppress(OSError):
            record(_PIDS_FILE, "kernel", pid, os.getpid())


def _start_kernel(warm: _Warm) -> None:
    """Start the worker's warm kernel (recorded in pids.jsonl as soon as its process exists); raises on failure."""
    warm.kernel = WarmKernel.start(warm.cwd, warm.imports, timeout=KERNEL_START_TIMEOUT, on_start=_record_kernel)


def _stop_kernel(warm: _Warm) -> None:
    """End the worker's warm kernel, if it has one."""
    if warm.kernel is not None:
        kernel, warm.kernel = warm.kernel, None
        kernel.stop()


def _ready_kernel(warm: _Warm, cwd: Path) -> WarmKernel | None:
    """The warm kernel reset for the next brief, started anew when there is none or its reset fails; None (and the
    worker gives up warm kernels) when two new kernels in a row could not be started or reset."""
    log = logging.getLogger("kh330")
    starts = 0
    while not warm.broken:
        try:
            if warm.kernel is None:
                starts += 1
                _start_kernel(warm)
            assert warm.kernel is not None
            _copy_kernel_output(warm.kernel)
            warm.kernel.reset(cwd)
            return warm.kernel
        except Exception:  # noqa: BLE001 - a kernel that cannot be started or reset is replaced
            log.warning("warm kernel not usable:\n%s", traceback.format_exc())
            if warm.kernel is not None:
                _copy_kernel_output(warm.kernel)
            _stop_kernel(warm)
            warm.broken = starts >= 2
    return None


def _copy_kernel_output(kernel: WarmKernel) -> None:
    """Into the brief's log (fd 2 during a brief): what the warm kernel wrote outside the notebook's cells."""
    data = kernel.output()
    if data:
        sys.stderr.flush()
        os.write(2, data)


def _execute_warm(job: Job, warm: _Warm) -> str | None:
    """Run the notebook in the worker's warm kernel; a brief that fails ends the kernel, so the next gets a new one."""
    kernel = _ready_kernel(warm, job.notebook.parent)
    if kernel is None:
        logging.getLogger("kh330").warning("no warm kernel: running this brief in a kernel of its own")
        return _execute(job)
    logging.getLogger("kh330").info("warm kernel %s, its brief %d", kernel.pid, kernel.briefs + 1)
    try:
        error = _execute(job, kernel)
    finally:
        _copy_kernel_output(kernel)
    if error is not None:
        _stop_kernel(warm)  # its state (a half-run cell, a hung one) must not reach the next brief
    return error


def init_worker(run_id: str, pids_file: str, parent: int, warm_cwd: str | None = None,
                imports: tuple[str, ...] = ()) -> None:
    """Pool initializer: die with the runner, lead an own process group, mark and record this worker, and start its
    warm kernel (with `warm_cwd`; None: a kernel per brief)."""
    global _PIDS_FILE, _WARM
    die_with_parent(parent)
    with contextlib.suppress(OSError, AttributeError, ValueError):
        # Ctrl-C reaches the runner only, which then stops the workers in order; a background group writing to
        # the terminal must not be stopped by SIGTTOU (`stty tostop`).
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)
        os.setpgid(0, 0)
    os.environ[RUN_ENV] = run_id  # inherited by the kernels: the next run finds any that were not recorded
    _PIDS_FILE = Path(pids_file)
    with contextlib.suppress(OSError):  # a failed initializer breaks the whole pool; the record is a safety net
        record(_PIDS_FILE, "worker", os.getpid(), parent)
    if warm_cwd is not None:
        _WARM = _Warm(Path(warm_cwd), tuple(imports))
        # Ended when the worker exits (multiprocessing runs these finalizers, not atexit's, in its children).
        multiprocessing.util.Finalize(None, _stop_kernel, args=(_WARM,), exitpriority=10)
        # Started now, while the runner prepares the run; a failure here is retried, and logged, by the first brief.
        with contextlib.suppress(Exception):
            _start_kernel(_WARM)


def _kernel_recorder() -> Callable[..., None]:
    """An nbclient `on_cell_start` hook that records this worker's children (its kernel) at the first cell."""
    # At the first cell the kernel has started; papermill never calls nbclient's `on_notebook_start`.
    seen: set[int] = set()

    def hook(**_: Any) -> None:
        if _PIDS_FILE is None or seen:
            return  # one scan per kernel: the hook runs before every cell
        for pid in children(os.getpid()):
            seen.add(pid)
            with contextlib.suppress(OSError):
                record(_PIDS_FILE, "kernel", pid, os.getpid())
    return hook


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
        error = _execute_warm(job, _WARM) if _WARM is not None else _execute(job)
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
                error = f"rendering failed: {_failure(exc)}"
        if error:
            logging.getLogger("kh330").error("%s (%s): %s", job.name, job.lang, error)
    return BriefResult(job, error is None, time.monotonic() - start, error, title, size)
