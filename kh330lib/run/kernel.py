"""A warm Jupyter kernel per worker process: successive briefs run in it, each after a reset to a fresh kernel's state.

Starting a kernel, importing pandas, matplotlib, statsmodels and kh330lib, and shutting it down cost a brief about
as much as running it. A worker therefore starts one kernel (the notebooks' imports done in advance) and runs its
briefs there through papermill's own code: papermill parameterizes the notebook and keeps its metadata, and its
nbclient-based client executes the cells against this kernel instead of starting one (engine `kh330-warm`).

Before each brief the kernel is reset: matplotlib figures closed, the user namespace, output history and execution
count cleared, working directory, sys.path, environment, warning filters, matplotlib rcParams, pandas options and
numpy settings put back as they were when the kernel was ready, and kh330lib's in-process caches emptied. Modules
stay imported. A brief that fails or times out ends the kernel; the next brief gets a new one.
"""

from __future__ import annotations

import ast
import contextlib
import json
import tempfile
import time
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Mapping

# nbformat is imported without rfc3987_syntax and its slow grammar: see kh330lib/run/__init__.py.
import nbformat

# Notebooks were saved on many machines; the suite always runs them with the environment's kernel.
KERNEL_NAME = "python3"
WARM_ENGINE = "kh330-warm"
# As nbclient starts an IPython kernel: history in memory, never in the user's ~/.ipython.
KERNEL_ARGUMENTS = ("--HistoryManager.hist_file=:memory:",)
# A reset or the advance imports taking longer than this mean the kernel is stuck: it is replaced.
RESET_TIMEOUT = 60.0
PRELOAD_TIMEOUT = 120.0
# While cells run, the executed notebook on disk is at most this many seconds behind (papermill: after every cell).
SAVE_EVERY = 1.0
# In-process caches of kh330lib that functools does not know about: (module, dict), emptied before every brief.
CACHES = (("kh330lib.data.names", "_NAMES_CACHE"),)
_ENGINE_REGISTERED = False

# Runs once in a new kernel, after the advance imports: records the state each brief starts from, and defines the
# reset (in a module of its own, so that clearing the user namespace does not remove it).
_SETUP = r'''
def _kh330_setup(caches):
    import gc, os, sys, types, warnings
    import matplotlib
    from IPython import get_ipython

    mod = types.ModuleType("_kh330_warm")
    path, env, filters = list(sys.path), dict(os.environ), list(warnings.filters)
    # Raw values: reading rcParams["backend"] through the mapping would pick a backend.
    rc = {k: dict.__getitem__(matplotlib.rcParams, k) for k in matplotlib.rcParams if k != "backend"}
    backend = dict.__getitem__(matplotlib.rcParams, "backend")
    numpy = sys.modules.get("numpy")
    np_state = (numpy.geterr(), numpy.get_printoptions()) if numpy is not None else None

    def reset(cwd):
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            pyplot.close("all")
            if dict.__getitem__(matplotlib.rcParams, "backend") != backend:
                pyplot.switch_backend(backend)
        os.chdir(cwd)  # before the reset: IPython's directory history starts from it
        get_ipython().reset(new_session=True)  # namespace, Out, _ and the execution count back to 1
        sys.path[:] = path
        if dict(os.environ) != env:
            os.environ.clear()
            os.environ.update(env)
        warnings.filters[:] = filters
        warnings.simplefilter("default", append=True)  # bumps the filters' version: warnings shown once show again
        warnings.filters[:] = filters
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            matplotlib.rcParams.update(rc)
            pandas = sys.modules.get("pandas")
            if pandas is not None:
                pandas.reset_option("all")
        if np_state is not None:
            numpy.seterr(**np_state[0])
            numpy.set_printoptions(**np_state[1])
        for name, module in list(sys.modules.items()):
            if name == "kh330lib" or name.startswith("kh330lib."):
                for value in list(vars(module).values()):
                    if getattr(value, "__module__", "") == name and callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()
        for name, attr in caches:
            cache = getattr(sys.modules.get(name), attr, None)
            if isinstance(cache, dict):
                cache.clear()
        gc.collect()
        # What is left is modules and their data: the collector need not look at it again during the brief.
        gc.freeze()

    mod.reset = reset
    sys.modules["_kh330_warm"] = mod
'''


def notebook_imports(notebooks: Iterable[Path]) -> tuple[str, ...]:
    """The import statements of the notebooks' code cells, once each, in order (to run in a kernel in advance)."""
    seen: dict[str, None] = {}
    for path in notebooks:
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:  # noqa: BLE001 - an unreadable notebook fails in its brief, not here
            continue
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:  # IPython magics: not plain Python
                continue
            for node in tree.body:
                if isinstance(node, (ast.Import, ast.ImportFrom)) and not getattr(node, "level", 0):
                    seen.setdefault(ast.unparse(node))
    return tuple(seen)


def _preload_code(imports: Iterable[str]) -> str:
    """Kernel code that runs each import on its own; one that fails is left to fail in its brief."""
    return (f"for _kh330_import in {json.dumps(list(imports))}:\n"
            "    try:\n        exec(_kh330_import, {})\n    except BaseException:\n        pass\n"
            "del _kh330_import\n"
            "__import__('gc').collect()\n__import__('gc').freeze()\n")


def _run_sync(coro: Callable[..., Any]) -> Callable[..., Any]:
    """`coro` as a blocking call on this thread's event loop, the one nbclient's client runs on too."""
    from jupyter_core.utils import run_sync

    return run_sync(coro)


class WarmKernel:
    """One kernel kept for the worker's successive briefs, its manager and client, and what it writes outside cells."""

    def __init__(self, km: Any, kc: Any, output: IO[bytes]) -> None:
        self.km = km
        self.kc = kc
        self.pid: int | None = getattr(km.provisioner, "pid", None)
        self.briefs = 0
        self._output = output
        self._read = 0
        self._pending = b""  # what the reset and the advance imports printed

    @classmethod
    def start(cls, cwd: Path, imports: Iterable[str], *, timeout: float,
              on_start: Callable[[int], None] | None = None) -> WarmKernel:
        """Start a kernel in `cwd`, run the notebooks' imports in it and record the state briefs start from."""
        from jupyter_client.manager import AsyncKernelManager

        # The kernel's own stdout and stderr (its start-up warnings, output of C code) are kept here and copied into
        # the log of the brief running at the time, as a kernel of its own would have written them there.
        # Appending: the kernel's writes go to the end whatever this process's read position is.
        output = tempfile.TemporaryFile(mode="a+b")
        km = AsyncKernelManager(kernel_name=KERNEL_NAME)
        try:
            _run_sync(km.start_kernel)(extra_arguments=list(KERNEL_ARGUMENTS), cwd=str(cwd), stdout=output,
                                       stderr=output)
        except BaseException:
            output.close()
            raise
        kernel = cls(km, None, output)
        try:
            if on_start is not None and kernel.pid is not None:
                on_start(kernel.pid)
            kernel.kc = km.client()
            kernel.kc.start_channels()
            _run_sync(kernel.kc.wait_for_ready)(timeout=timeout)
            kernel.kc.allow_stdin = False
            kernel.run(_preload_code(imports), PRELOAD_TIMEOUT)
            kernel.run(_SETUP + f"_kh330_setup({list(CACHES)!r})\ndel _kh330_setup\n", RESET_TIMEOUT)
        except BaseException:
            kernel.stop()
            raise
        return kernel

    def run(self, code: str, timeout: float) -> None:
        """Run `code` silently (no history, no execution count); RuntimeError when it fails or takes too long."""
        _run_sync(self._run)(code, timeout)

    async def _run(self, code: str, timeout: float) -> None:
        """See `run`."""
        from queue import Empty

        msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False, stop_on_error=False)
        deadline = time.monotonic() + timeout
        reply = None
        while reply is None:
            try:
                # A second at a time: a kernel that died (a crash in an import) is noticed at once, not at the deadline.
                msg = await self.kc.get_shell_msg(timeout=max(0.0, min(1.0, deadline - time.monotonic())))
            except Empty:
                if time.monotonic() >= deadline:
                    raise RuntimeError(f"the kernel did not answer within {timeout:g} s") from None
                if not await self.km.is_alive():
                    raise RuntimeError("the kernel died") from None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                reply = msg["content"]
        # Its output is read up to the kernel's "idle", so that none of it is left for the next brief's client.
        with contextlib.suppress(Empty):
            while time.monotonic() < deadline:
                msg = await self.kc.get_iopub_msg(timeout=max(0.0, deadline - time.monotonic()))
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "stream":
                    self._pending += msg["content"]["text"].encode("utf-8", "replace")
                elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    break
        if reply.get("status") != "ok":
            raise RuntimeError(f"{reply.get('ename', 'error')}: {reply.get('evalue', '')}")

    def reset(self, cwd: Path) -> None:
        """Bring the kernel back to the state the next brief must find (RuntimeError when it cannot)."""
        if not _run_sync(self.km.is_alive)():
            raise RuntimeError("the kernel is no longer running")
        self.run(f"__import__('_kh330_warm').reset({str(cwd)!r})", RESET_TIMEOUT)

    def output(self) -> bytes:
        """What the kernel printed outside the briefs' cells, and on its own stdout and stderr, since the last call."""
        data, self._pending = self._pending, b""
        with contextlib.suppress(OSError, ValueError):
            self._output.seek(self._read)
            new = self._output.read()
            self._read += len(new)
            data += new
        return data

    def stop(self, *, graceful: bool = False) -> None:
        """End the kernel (at once unless `graceful`: its state is of no further use) and release its files and
        sockets; ending an ended kernel does nothing."""
        with contextlib.suppress(Exception):
            if _run_sync(self.km.is_alive)():
                # Both ways interrupt a running cell first; the graceful one then waits for the kernel to exit.
                _run_sync(self.km.shutdown_kernel)(now=not graceful)
        with contextlib.suppress(Exception):
            if self.kc is not None:
                self.kc.stop_channels()
        with contextlib.suppress(Exception):
            _run_sync(self.km.cleanup_resources)()
        with contextlib.suppress(Exception):
            self._output.close()


def _engine() -> str:
    """Register (once) the papermill engine that runs a notebook in a given WarmKernel; its name."""
    global _ENGINE_REGISTERED
    if _ENGINE_REGISTERED:
        return WARM_ENGINE
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    class ThrottledSaves(NotebookExecutionManager):
        """papermill's record of a run, saved at the start and the end, and at most every SAVE_EVERY s between."""

        _every = 0.0

        def save(self, **kwargs: Any) -> None:
            # papermill saves the whole notebook (validated, several hundred KB) before and after every cell.
            if (self.now() - self.last_save_time).total_seconds() >= self._every:
                super().save(**kwargs)

        def notebook_start(self, **kwargs: Any) -> None:
            super().notebook_start(**kwargs)
            self._every = SAVE_EVERY

        def notebook_complete(self, **kwargs: Any) -> None:
            self._every = 0.0
            super().notebook_complete(**kwargs)

    class WarmEngine(NBClientEngine):
        """papermill's nbclient engine, with the worker's kernel instead of a new one per notebook."""

        @classmethod
        def execute_notebook(cls, nb: Any, kernel_name: str, output_path: str | None = None,
                             progress_bar: bool = True, log_output: bool = False, autosave_cell_every: int = 30,
                             **kwargs: Any) -> Any:
            # As papermill's Engine.execute_notebook, with ThrottledSaves.
            nb_man = ThrottledSaves(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                                    autosave_cell_every=autosave_cell_every)
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
            return nb_man.nb

        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, log_output: bool = False,
                                     stdout_file: Any = None, stderr_file: Any = None, start_timeout: float = 60,
                                     execution_timeout: float | None = None, **kwargs: Any) -> Any:
            kernel: WarmKernel = kwargs.pop("kernel")
            # As NBClientEngine builds its client, and with the kernel's manager and client already connected.
            safe = remove_args(["timeout", "startup_timeout"], **remove_args(["input_path"], **kwargs))
            final = merge_kwargs(safe, timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                                 startup_timeout=start_timeout, kernel_name=kernel_name, log=logger,
                                 log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
            client = PapermillNotebookClient(nb_man, km=kernel.km, **final)
            client.kc = kernel.kc  # kept open after the notebook: the client does not own the kernel manager
            try:
                return client.execute()
            except BaseException:
                # As papermill's client shuts its own kernel down here: the interrupt ends a timed-out cell, and the
                # output task still running records its KeyboardInterrupt in the notebook, as without a warm kernel.
                kernel.stop(graceful=True)
                raise

    papermill_engines.register(WARM_ENGINE, WarmEngine)
    _ENGINE_REGISTERED = True
    return WARM_ENGINE


def execute_notebook(kernel: WarmKernel, notebook: Path, ipynb: Path, parameters: Mapping[str, Any], *,
                     timeout: float, start_timeout: float) -> None:
    """papermill.execute_notebook in the warm kernel: same parameters cell, metadata, saving and error banner."""
    import papermill

    kernel.briefs += 1
    papermill.execute_notebook(str(notebook), str(ipynb), parameters=dict(parameters), kernel_name=KERNEL_NAME,
                               engine_name=_engine(), progress_bar=False, log_output=True,
                               execution_timeout=timeout, start_timeout=start_timeout, cwd=str(notebook.parent),
                               kernel=kernel)
