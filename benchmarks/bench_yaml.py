"""Peak memory and wall time of `kh330 check` on hostile YAML files (alias bombs, huge, deep, many nodes).

Each file is written into a temporary copy of data/ and params/ (nothing is committed), then `kh330 check`
runs on it in a fresh process started by a small --measure interpreter (see bench_intake_memory.py for why);
the child's peak resident memory is its own ru_maxrss (os.wait4).
Goal: every hostile file refused with exit 2, no traceback, in ≤ 3 s and ≤ 300 MB. Prints a table; asserts nothing.

    .venv/bin/python benchmarks/bench_yaml.py
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
MB = 1 << 20


def bomb(levels: int = 9) -> str:
    """Billion laughs: each level an anchored list of nine aliases of the level below."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def _append(name: str, text: str) -> Callable[[Path], None]:
    def write(params: Path) -> None:
        with (params / name).open("a", encoding="utf-8") as fh:
            fh.write(text)
    return write


def _big(params: Path) -> None:
    line = "# " + "x" * 1021 + "\n"
    with (params / "scenarios" / "big.yaml").open("w", encoding="utf-8") as fh:
        fh.write("scenario: big\n")
        for _ in range(50 * MB // len(line)):
            fh.write(line)


CASES: dict[str, Callable[[Path], None]] = {
    "nothing changed (reference)": lambda params: None,
    "alias bomb in a scenario": lambda params: (params / "scenarios" / "bomb.yaml").write_text(bomb()),
    "alias bomb in targets.yaml": _append("targets.yaml", "\n" + bomb()),
    "50 MB scenario": _big,
    "990 KB list of 99,000 nodes": lambda params: (params / "scenarios" / "flat.yaml").write_text(
        "scenario: flat\nadjustments: [" + ", ".join(["1234567"] * 99_000) + "]\n"),
    "nesting 100,000 deep": lambda params: (params / "scenarios" / "deep.yaml").write_text(
        "[" * 100_000 + "]" * 100_000 + "\n"),
    "one value of 900 KB in an error": lambda params: (params / "scenarios" / "long.yaml").write_text(
        "scenario: long\nscenario_label_vi: x\nscenario_label_en: x\nadjustments: " + "y" * 900_000 + "\n"),
}


def measure(params: Path) -> None:
    """In the small --measure process: run `kh330 check`, print exit code, seconds and peak MB, then its stderr."""
    env = {**os.environ, "KH330_PARAMS_DIR": str(params), "KH330_DATA_DIR": str(params.parent / "data"),
           "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "kh330lib", "check"], stdout=subprocess.DEVNULL,
                                stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    print(os.waitstatus_to_exitcode(status), f"{seconds:.3f}", f"{usage.ru_maxrss / 1024:.1f}")
    print(text, end="")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        measure(args.measure)
        return 0
    print(f"{'file':<34} {'exit':>4} {'seconds':>8} {'peak MB':>8} {'longest line':>12}  first line")
    for name, build in CASES.items():
        with tempfile.TemporaryDirectory(prefix="kh330-bench-yaml-") as tmp:
            work = Path(tmp)
            for folder in ("data", "params"):
                shutil.copytree(ROOT / folder, work / folder, ignore=shutil.ignore_patterns("__pycache__"))
            build(work / "params")
            done = subprocess.run([sys.executable, __file__, "--measure", str(work / "params")], capture_output=True,
                                  text=True, check=True)
            head, _, text = done.stdout.partition("\n")
            code, seconds, peak = head.split()
            lines = text.splitlines() or [""]
            first = lines[0].replace(str(work), "…")[:110]
            mark = " TRACEBACK" if "Traceback" in text else ""
            print(f"{name:<34} {code:>4} {float(seconds):8.2f} {float(peak):8.1f} {max(map(len, lines)):12,}  "
                  f"{first}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
