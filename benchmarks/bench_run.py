"""Wall time and peak memory of `kh330 run` beside the naive loop on the same notebooks.

The naive loop is what one would write by hand: for each notebook, `papermill` then
`jupyter nbconvert --to html`, one after the other. Goal: `kh330 run` takes at most 0.6 of the
naive loop's time. Memory is sampled from /proc every 0.1 s as the summed RSS of the whole process
tree (runner, workers, kernels); the largest single process comes from getrusage. Prints figures,
asserts nothing.

    .venv/bin/python benchmarks/bench_run.py [--lang vi|en|all] [--scenario NAME] [--notebooks DIR]

Each side runs in its own fresh interpreter (so getrusage does not mix them), naive loop first.
With no notebooks in notebooks/ it measures the fixture notebook of the tests.
"""

from __future__ import annotations

import argparse
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

from kh330lib import paths
from kh330lib.fmt import LANGS

BIN = Path(sys.executable).parent
FIXTURES = paths.ROOT / "tests" / "fixtures"
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


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
    # interpreter so the two measures do not share it.
    start = time.perf_counter()
    with _Sampler() as sampler:
        ok = all(_run(cmd, log) for cmd in commands)
    seconds = time.perf_counter() - start
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return Measure(seconds, sampler.peak / 1048576, largest, ok)


def naive_commands(notebooks: list[Path], scenario: Path, langs: tuple[str, ...], out: Path) -> list[list[str]]:
    cmds = []
    for nb in notebooks:
        for lang in langs:
            executed = out / f"{nb.stem}.{lang}.ipynb"
            cmds.append([str(BIN / "papermill"), str(nb), str(executed), "-f", str(scenario), "-p", "lang", lang,
                         "-p", "run_id", "naive", "-k", "python3", "--cwd", str(nb.parent), "--no-progress-bar"])
            cmds.append([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)])
    return cmds


def _child(which: str, notebooks_dir: Path, scenario: Path, lang: str, out: Path) -> Measure:
    """One measure in this fresh interpreter (see _measure)."""
    langs = LANGS if lang == "all" else (lang,)
    with open(out / "bench.log", "a") as log:
        if which == "naive":
            return _measure(naive_commands(sorted(notebooks_dir.glob("*.ipynb")), scenario, langs, out), log)
        return _measure([[str(BIN / "kh330"), "run", "--notebooks", str(notebooks_dir), "--out",
                          str(out / "reports"), "--scenario", str(scenario), "--lang", lang]], log)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=(*LANGS, "all"), default="vi")
    ap.add_argument("--scenario", default="baseline", help="scenario name or file (default baseline)")
    ap.add_argument("--notebooks", type=Path, default=paths.NOTEBOOKS_DIR)
    ap.add_argument("--child", choices=("naive", "kh330"), help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    scenario = Path(args.scenario) if args.scenario.endswith((".yaml", ".yml")) else \
        paths.SCENARIOS_DIR / f"{args.scenario}.yaml"
    if args.child:
        m = _child(args.child, args.notebooks, scenario, args.lang, args.out)
        print(f"{m.seconds:.3f} {m.peak_tree_mb:.1f} {m.peak_process_mb:.1f} {int(m.ok)}")
        return 0
    with tempfile.TemporaryDirectory(prefix="kh330-bench-") as tmp:
        notebooks_dir = args.notebooks
        if not sorted(notebooks_dir.glob("*.ipynb")) or not scenario.exists():
            notebooks_dir, scenario = Path(tmp) / "notebooks", FIXTURES / "scenarios" / "baseline.yaml"
            notebooks_dir.mkdir()
            shutil.copy2(FIXTURES / "notebooks" / "10_scorecard.ipynb", notebooks_dir)
            print("(no notebooks or scenario file in the project yet: measuring the test fixture "
                  "tests/fixtures/notebooks/10_scorecard.ipynb)")
        results = {}
        for which in ("naive", "kh330"):
            d = Path(tmp) / which
            d.mkdir()
            done = subprocess.run([sys.executable, __file__, "--child", which, "--out", str(d), "--lang",
                                   args.lang, "--scenario", str(scenario), "--notebooks", str(notebooks_dir)],
                                  capture_output=True, text=True, cwd=paths.ROOT)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            s, tree, proc, ok = done.stdout.split()[-4:]
            results[which] = Measure(float(s), float(tree), float(proc), ok == "1")
            if not results[which].ok:
                print(f"{which}: a command failed; end of its log:\n" + (d / "bench.log").read_text()[-3000:])
        n_nb = len(sorted(notebooks_dir.glob("*.ipynb")))
        n_lang = len(LANGS) if args.lang == "all" else 1
        naive, ours = results["naive"], results["kh330"]
        print(f"{n_nb} notebook(s) × {n_lang} language(s) = {n_nb * n_lang} brief(s), scenario "
              f"{paths.display(scenario)}, {os.cpu_count()} cores")
        print(f"{'':36} {'wall s':>7} {'peak RSS, tree MB':>18} {'largest process MB':>19}")
        for label, m in (("naive loop (papermill + nbconvert)", naive), ("kh330 run", ours)):
            print(f"{label:36} {m.seconds:7.1f} {m.peak_tree_mb:18.0f} {m.peak_process_mb:19.0f}")
        print(f"ratio kh330 run / naive loop: {ours.seconds / naive.seconds:.2f} (goal: at most 0.60)")
        briefs = sorted((Path(tmp) / "kh330" / "reports" / "latest").rglob("*.html"))
        sizes = {b.relative_to(Path(tmp) / "kh330" / "reports" / "latest"): b.stat().st_size for b in briefs}
        if sizes:
            print(f"brief size (goal: each under 2 MB): largest {max(sizes.values()) / 1048576:.2f} MB "
                  f"({max(sizes, key=sizes.get)}), total {sum(sizes.values()) / 1048576:.2f} MB "
                  f"for {len(sizes)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
