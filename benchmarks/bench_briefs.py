"""What leadership receive, measured: size of each brief (goal: at most 400 KB), printed pages of each PDF
(goal: the scorecard in at most 4), and the wall time `--pdf` adds to `kh330 run`. Prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_briefs.py [--scenario NAME]

Both runs write into temporary folders; without Chromium the PDF half reports that it was skipped.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kh330lib import paths
from kh330lib.run.printing import find_chromium, page_count

MAX_BRIEF_KB = 400
MAX_SCORECARD_PAGES = 4


def _run(out: Path, scenario: str, *extra: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kh330lib", "run", "--scenario", scenario, "--lang", "all",
                           "--out", str(out), *extra], cwd=paths.ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise SystemExit(f"kh330 run {' '.join(extra)} failed (exit {done.returncode})")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kh330-bench-briefs-") as tmp:
        html_s = _run(Path(tmp) / "html", args.scenario)
        latest = Path(tmp) / "html" / "latest"
        print(f"{'brief':34} {'KB':>7}")
        sizes = {}
        for path in sorted(latest.glob("*/*/*.html")):
            sizes[path] = path.stat().st_size / 1024
            print(f"{path.parent.name + '/' + path.name:34} {sizes[path]:7.0f}")
        index_kb = (latest / "index.html").stat().st_size / 1024
        print(f"{'index.html':34} {index_kb:7.0f}")
        print(f"largest brief {max(sizes.values()):.0f} KB (goal: each at most {MAX_BRIEF_KB} KB)")
        print(f"kh330 run --lang all: {html_s:.1f} s")
        if find_chromium() is None:
            print("--pdf: skipped, Chromium not found")
            return 0
        pdf_s = _run(Path(tmp) / "pdf", args.scenario, "--pdf")
        pdf_latest = Path(tmp) / "pdf" / "latest"
        print(f"kh330 run --lang all --pdf: {pdf_s:.1f} s ({pdf_s - html_s:+.1f} s for the PDFs and previews)")
        print(f"{'PDF':34} {'pages':>7} {'KB':>7}")
        for pdf in sorted(pdf_latest.glob("*/*/*.pdf")):
            print(f"{pdf.parent.name + '/' + pdf.name:34} {page_count(pdf):7d} {pdf.stat().st_size / 1024:7.0f}")
        pages = [page_count(p) for p in pdf_latest.glob("*/*/10_scorecard.pdf")]
        print(f"scorecard: {max(pages)} pages (goal: at most {MAX_SCORECARD_PAGES})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
