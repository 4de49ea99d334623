"""Whole-process time of the everyday commands: `kh330 --version`, `status`, `check`, `list`, a `run` with
nothing changed and a `run` after one notebook changed (so exactly one brief is rebuilt).

Each command is started RUNS times (default 5) after one warm-up start that is not counted (it fills the operating
system's file cache and Python's bytecode cache); the median wall time is printed, with the median CPU time (user +
system of the process and the children it waited for) beside it, since on a busy machine the wall time wanders.
Goals: `status`, `check`, `list` and a no-change `run` ≤ 1 s; one changed brief ≤ 4 s. Prints figures, asserts
nothing.

    .venv/bin/python benchmarks/bench_startup.py [--runs N] [--lang vi|en] [--notebook NAME] [--no-bytecode-cache]

The runs write into a temporary reports folder, from a temporary copy of notebooks/ and with a temporary store of
computed results (KH330_CACHE_DIR), after a first full run that is not measured; the changed brief is the notebook
NAME of that copy (default 20_trained_labour), edited before each start (a counter in its metadata), so that its
hash, and only its, differs from the run that latest/ shows. Python keeps its bytecode cache, as on any machine that
does not set PYTHONDONTWRITEBYTECODE (the variable is removed for the commands measured; --no-bytecode-cache keeps
it, and then every start compiles the modules whose cache is missing or stale).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _kh330() -> list[str]:
    script = BIN / "kh330"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kh330lib"]


def once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, exit code) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        print(f"  ({' '.join(cmd[1:])} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]})")
    return wall, cpu, done.returncode


def median_of(cmd: list[str], env: dict[str, str], runs: int, before_each=None) -> tuple[float, float]:
    """Median wall and CPU seconds of `runs` starts after one uncounted warm-up; `before_each(i)` runs first."""
    walls, cpus = [], []
    for i in range(runs + 1):
        if before_each is not None:
            before_each(i)
        wall, cpu, _ = once(cmd, env)
        if i:
            walls.append(wall)
            cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def _edit(notebook: Path):
    """A function that writes counter i into the notebook's metadata (a new file hash each time)."""
    def write(i: int) -> None:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        nb.setdefault("metadata", {})["bench_edit"] = i
        notebook.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return write


def _rebuilt(latest: Path) -> str:
    briefs = json.loads((latest / "manifest.json").read_text(encoding="utf-8"))["briefs"]
    names = [f"{Path(b['notebook']).stem} ({b['lang']})" for b in briefs if b.get("build") == "rebuilt"]
    return f"{len(names)} of {len(briefs)} briefs rebuilt" + (f": {', '.join(names)}" if names else "")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="counted starts of each command (default 5)")
    ap.add_argument("--lang", default="vi", help="language of the measured runs (default vi)")
    ap.add_argument("--notebook", default="20_trained_labour", help="the notebook changed for the last measure")
    ap.add_argument("--no-bytecode-cache", action="store_true",
                    help="keep PYTHONDONTWRITEBYTECODE if it is set (default: remove it for the commands measured)")
    args = ap.parse_args()
    kh330 = _kh330()
    rows: list[tuple[str, float, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="kh330-bench-startup-") as name:
        tmp = Path(name)
        notebooks = tmp / "notebooks"
        shutil.copytree(ROOT / "notebooks", notebooks)
        env = {**os.environ, "KH330_CACHE_DIR": str(tmp / "cache")}
        if not args.no_bytecode_cache:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        for label, extra in (("--version", ["--version"]), ("status", ["status"]), ("check", ["check"]),
                             ("list targets", ["list", "targets"]), ("list indicators", ["list", "indicators"])):
            rows.append((f"kh330 {label}", *median_of([*kh330, *extra], env, args.runs), ""))
        # --publish: a one-language run is otherwise an exploration, written to reports/explore/…
        run = [*kh330, "run", "--out", str(tmp / "reports"), "--notebooks", str(notebooks), "--lang", args.lang,
               "--publish"]
        first = once(run, env)
        print(f"(first full run, not counted: {first[0]:.1f} s wall, exit {first[2]})")
        latest = tmp / "reports" / "latest"
        shown = os.path.realpath(latest)
        rows.append(("kh330 run, nothing changed", *median_of(run, env, args.runs),
                     "nothing written" if os.path.realpath(latest) == shown else _rebuilt(latest)))
        target = notebooks / f"{args.notebook}.ipynb"
        rows.append(("kh330 run, one notebook changed", *median_of(run, env, args.runs, _edit(target)),
                     _rebuilt(latest)))
    cache = "off" if env.get("PYTHONDONTWRITEBYTECODE") else "on"
    print(f"median of {args.runs} whole processes (after one warm-up), {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}, bytecode cache {cache}")
    print(f"{'command':36} {'wall s':>7} {'cpu s':>7}")
    for label, wall, cpu, note in rows:
        print(f"{label:36} {wall:7.2f} {cpu:7.2f}  {note}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
