"""Wall time and peak memory of `kh330 run` (cold, rerun with nothing changed, rerun after one new vintage)
beside the naive loop on the same notebooks.

The naive loop is what one would write by hand: for each notebook and language, `papermill` then
`jupyter nbconvert --to html`, one after the other; a second naive loop runs the same commands through a
tiny Python wrapper that avoids their one slow import (`rfc3987_syntax`, pulled in by jsonschema's format
checks, which compiles a grammar in every process; kh330lib.run.worker and tests/conftest.py skip it too).
Then, on one reports folder: a cold `kh330 run` (empty reports folder and store of computed results), a rerun with
nothing changed, and a rerun after one departmental workbook (Huế University's figures for one indicator)
was taken in, naming the briefs it rebuilt. Goals: cold ≤ 0.15 × naive loop; no-change rerun ≤ max(2 s,
0.05 × naive loop). Memory is sampled from /proc every 0.1 s as the summed RSS of the whole process tree
(runner, workers, kernels); the largest single process comes from getrusage. Prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_run.py [--lang vi|en|all] [--scenario NAME] [--notebooks DIR] [--fresh-kernels]

`--fresh-kernels` measures `kh330 run --fresh-kernels` (a kernel per brief, as before warm kernels).

Everything runs on a temporary copy of data/ and params/ (the new vintage is written there, never into the
real data/), each measure in its own fresh interpreter (so getrusage does not mix them).
With no notebooks in notebooks/ it measures the fixture notebook of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from kh330lib import paths
from kh330lib.fmt import LANGS

BIN = Path(sys.executable).parent
FIXTURES = paths.ROOT / "tests" / "fixtures"
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
# Run before papermill's and nbconvert's own code: jsonschema treats the missing module as an optional extra.
NO_SLOW_IMPORT = "import sys; sys.modules['rfc3987_syntax'] = None; "
# The new vintage of measure (e): Huế University reports international exchanges for two years already covered
# by the data (so the newest data year stays), an indicator of the capacity brief only.
UNIT, INDICATOR, FIGURES = "hue_univ", "international_exchanges", {2024: 120, 2025: 135}
MEASURES = ("naive", "naive_fast", "cold", "unchanged", "vintage")
LABELS = {"naive": "(a) naive loop (papermill + nbconvert)", "naive_fast": "(b) naive loop, slow import avoided",
          "cold": "(c) kh330 run, cold", "unchanged": "(d) kh330 run, nothing changed",
          "vintage": "(e) kh330 run, one new vintage"}


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_tree_mb: float
    peak_process_mb: float
    ok: bool


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def _tree_rss(root: int) -> int:
    """Summed resident memory (bytes) of a process and all its descendants."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE
        except (OSError, ValueError, IndexError):
            pass
        todo.extend(tree.get(pid, []))
    return total


class _Sampler:
    """Peak summed RSS of the process trees of the commands run while it is active."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, _tree_rss(os.getpid()))

    def __enter__(self) -> "_Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _run(cmd: list[str], log) -> bool:
    return subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=paths.ROOT).returncode == 0


def _measure(commands: list[list[str]], log) -> Measure:
    # ru_maxrss of children is the largest single descendant so far; run each measure in a fresh
    # interpreter so the measures do not share it.
    start = time.perf_counter()
    with _Sampler() as sampler:
        ok = all(_run(cmd, log) for cmd in commands)
    seconds = time.perf_counter() - start
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Measure(seconds, sampler.peak / 1048576, largest, ok)


def naive_commands(notebooks: list[Path], scenario: Path, langs: tuple[str, ...], out: Path, *,
                   fast: bool = False) -> list[list[str]]:
    """papermill then nbconvert per notebook and language; `fast`: each through a wrapper skipping the slow import."""
    papermill = [sys.executable, "-c", NO_SLOW_IMPORT + "from papermill.cli import papermill; papermill()"] \
        if fast else [str(BIN / "papermill")]
    nbconvert = [sys.executable, "-c", NO_SLOW_IMPORT + "from nbconvert.nbconvertapp import main; main()"] \
        if fast else [str(BIN / "jupyter"), "nbconvert"]
    cmds = []
    for nb in notebooks:
        for lang in langs:
            executed = out / f"{nb.stem}.{lang}.ipynb"
            cmds.append([*papermill, str(nb), str(executed), "-f", str(scenario), "-p", "lang", lang,
                         "-p", "run_id", "naive", "-k", "python3", "--cwd", str(nb.parent), "--no-progress-bar"])
            cmds.append([*nbconvert, "--to", "html", str(executed)])
    return cmds


def _child(which: str, notebooks_dir: Path, scenario: Path, lang: str, out: Path, reports: Path,
           run_args: tuple[str, ...] = ()) -> Measure:
    """One measure in this fresh interpreter (see _measure); `run_args` are added to `kh330 run`."""
    langs = LANGS if lang == "all" else (lang,)
    with open(out / "bench.log", "a") as log:
        if which in ("naive", "naive_fast"):
            return _measure(naive_commands(sorted(notebooks_dir.glob("*.ipynb")), scenario, langs, out,
                                           fast=which == "naive_fast"), log)
        return _measure([[str(BIN / "kh330"), "run", "--notebooks", str(notebooks_dir), "--out", str(reports),
                          "--scenario", str(scenario), "--lang", lang, *run_args]], log)


def take_in_one_workbook(work: Path, env: dict[str, str]) -> str:
    """Fill Huế University's template with one indicator's figures and take it in (a new vintage in the copy)."""
    book = work / f"{UNIT}.xlsx"
    for cmd in (["template", "--unit", UNIT, "--out", str(book)], None,
                ["intake", str(book), "--reporter", "benchmark — synthetic figures"]):
        if cmd is None:
            wb = load_workbook(book)
            for ws in wb.worksheets:
                years = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
                for r in range(5, ws.max_row + 1):
                    if ws.cell(r, 1).value == INDICATOR:
                        for year, value in FIGURES.items():
                            ws.cell(r, years[year]).value = value
            wb.save(book)
            continue
        done = subprocess.run([str(BIN / "kh330"), *cmd], capture_output=True, text=True, env=env, cwd=paths.ROOT)
        if done.returncode != 0:
            raise SystemExit(f"kh330 {cmd[0]} failed:\n{done.stdout}{done.stderr}")
    return f"{INDICATOR} {', '.join(f'{y}: {v}' for y, v in FIGURES.items())} from {UNIT}"


def _rebuilt(latest: Path) -> str:
    """The briefs the run `latest` shows rebuilt, and why."""
    briefs = json.loads((latest / "manifest.json").read_text(encoding="utf-8"))["briefs"]
    by_name: dict[str, list[str]] = {}
    reasons = set()
    for b in briefs:
        if b.get("build") == "rebuilt":
            by_name.setdefault(Path(b["notebook"]).stem, []).append(b["lang"])
            reasons.add(b.get("reason"))
    names = ", ".join(f"{n} ({'/'.join(langs)})" for n, langs in by_name.items()) or "none"
    because = f"; because: {'; '.join(sorted(reasons))}" if reasons else ""
    return f"{sum(map(len, by_name.values()))} of {len(briefs)} rebuilt: {names}{because}"


def _measure_in_child(which: str, tmp: Path, args: argparse.Namespace, notebooks_dir: Path, scenario: Path,
                      env: dict[str, str]) -> Measure:
    d = tmp / which
    d.mkdir()
    # A fresh store of computed results for each cold measure; the reruns use the cold run's, as real reruns would.
    cache = tmp / ("cache-kh330" if which in ("cold", "unchanged", "vintage") else f"cache-{which}")
    done = subprocess.run([sys.executable, __file__, "--child", which, "--out", str(d), "--lang", args.lang,
                           "--scenario", str(scenario), "--notebooks", str(notebooks_dir),
                           "--reports", str(tmp / "reports"),
                           *(["--fresh-kernels"] if args.fresh_kernels else [])],
                          capture_output=True, text=True, cwd=paths.ROOT, env={**env, "KH330_CACHE_DIR": str(cache)})
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    s, tree, proc, ok = done.stdout.split()[-4:]
    m = Measure(float(s), float(tree), float(proc), ok == "1")
    if not m.ok:
        print(f"{which}: a command failed; end of its log:\n" + (d / "bench.log").read_text()[-3000:])
    return m


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=(*LANGS, "all"), default="vi")
    ap.add_argument("--scenario", default="baseline", help="scenario name or file (default baseline)")
    ap.add_argument("--notebooks", type=Path, default=paths.NOTEBOOKS_DIR)
    ap.add_argument("--fresh-kernels", action="store_true", help="run kh330 run with --fresh-kernels")
    ap.add_argument("--child", choices=MEASURES, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--reports", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    scenario = Path(args.scenario) if args.scenario.endswith((".yaml", ".yml")) else \
        paths.SCENARIOS_DIR / f"{args.scenario}.yaml"
    if args.child:
        m = _child(args.child, args.notebooks, scenario, args.lang, args.out, args.reports,
                   ("--fresh-kernels",) if args.fresh_kernels else ())
        print(f"{m.seconds:.3f} {m.peak_tree_mb:.1f} {m.peak_process_mb:.1f} {int(m.ok)}")
        return 0
    with tempfile.TemporaryDirectory(prefix="kh330-bench-") as name:
        tmp = Path(name)
        for folder in ("data", "params"):
            shutil.copytree(paths.ROOT / folder, tmp / "project" / folder, ignore=shutil.ignore_patterns("__pycache__"))
        env = {**os.environ, "KH330_DATA_DIR": str(tmp / "project" / "data"),
               "KH330_PARAMS_DIR": str(tmp / "project" / "params")}
        notebooks_dir = args.notebooks
        if not sorted(notebooks_dir.glob("*.ipynb")) or not scenario.exists():
            notebooks_dir, scenario = tmp / "notebooks", FIXTURES / "scenarios" / "baseline.yaml"
            notebooks_dir.mkdir()
            shutil.copy2(FIXTURES / "notebooks" / "10_scorecard.ipynb", notebooks_dir)
            env["KH330_SCENARIO_DIRS"] = str(scenario.parent)
            print("(no notebooks or scenario file in the project yet: measuring the test fixture "
                  "tests/fixtures/notebooks/10_scorecard.ipynb)")
        elif scenario.parent == paths.SCENARIOS_DIR:
            scenario = tmp / "project" / "params" / "scenarios" / scenario.name  # the copy's, as the runs read
        results, vintage, rebuilt = {}, "", {}
        latest = tmp / "reports" / "latest"
        for which in MEASURES:
            if which == "vintage":
                vintage = take_in_one_workbook(tmp, env)
            shown = os.path.realpath(latest)
            results[which] = _measure_in_child(which, tmp, args, notebooks_dir, scenario, env)
            if which in ("unchanged", "vintage"):
                # A run with nothing changed writes nothing: latest/ then still shows the run before it.
                rebuilt[which] = "nothing written" if os.path.realpath(latest) == shown else _rebuilt(latest)
        n_nb = len(sorted(notebooks_dir.glob("*.ipynb")))
        n_lang = len(LANGS) if args.lang == "all" else 1
        naive, fast = results["naive"], results["naive_fast"]
        print(f"{n_nb} notebook(s) × {n_lang} language(s) = {n_nb * n_lang} brief(s), scenario "
              f"{scenario.name}, {os.cpu_count()} cores"
              f"{'; kh330 run with --fresh-kernels (a kernel per brief)' if args.fresh_kernels else ''}")
        print(f"{'':40} {'wall s':>7} {'÷ (a)':>6} {'÷ (b)':>6} {'peak RSS, tree MB':>18} {'largest process MB':>19}"
              f"  goal")
        goals = {"cold": f"≤ 0.15 × (a) = {0.15 * naive.seconds:.1f} s",
                 "unchanged": f"≤ max(2 s, 0.05 × (a)) = {max(2.0, 0.05 * naive.seconds):.1f} s"}
        for which, m in results.items():
            ratios = f"{m.seconds / naive.seconds:6.2f} {m.seconds / fast.seconds:6.2f}"
            print(f"{LABELS[which]:40} {m.seconds:7.1f} {ratios} {m.peak_tree_mb:18.0f} {m.peak_process_mb:19.0f}"
                  f"  {goals.get(which, '')}".rstrip())
        print(f"(d) {rebuilt['unchanged']}")
        print(f"(e) took in {vintage}; {rebuilt['vintage']}")
        briefs = sorted(latest.rglob("*.html"))
        sizes = {b.relative_to(latest): b.stat().st_size for b in briefs if b.name != "index.html"}
        if sizes:
            print(f"brief size (goal: each under 2 MB): largest {max(sizes.values()) / 1048576:.2f} MB "
                  f"({max(sizes, key=sizes.get)}), total {sum(sizes.values()) / 1048576:.2f} MB "
                  f"for {len(sizes)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
