"""Benchmark (not a test): `kh330 forecast` on synthetic panels, from 33 to 3,300 series × 20 years.

Run: .venv/bin/python benchmarks/bench_forecast.py [--sizes 330x20,3300x20]
Each size is a CSV of shares on logistic trends with noise and a few missing years (fixed seed), written to a
temporary folder. Prints, per size: the whole command (`kh330 forecast FILE --unit percent --rise 2 5 --json`,
interpreter start to output, best of 3), and in process: reading the file, the forecast, the quantiles and the
chances; the goal (3,300 × 20 within 10 s, the whole command) beside them. Asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy import special

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEED = 330
SIZES = ((33, 20), (330, 20), (3300, 20))
GOAL_SECONDS = 10.0


def write_panel(path: Path, series: int, years: int, seed: int = SEED) -> Path:
    """`series` shares on logistic trends with noise, `years` years ending 2024, about 5 % of points missing."""
    rng = np.random.default_rng(seed)
    span = np.arange(2025 - years, 2025)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["series", "year", "value"])
        for i in range(series):
            g = rng.normal(-0.5, 1.0) + np.cumsum(rng.normal(rng.normal(0.05, 0.04), 0.08, years))
            keep = rng.random(years) > 0.05
            keep[-1] = True
            for y, v in zip(span[keep], 100 * special.expit(g[keep])):
                w.writerow([f"S{i:05d}", int(y), round(float(v), 2)])
    return path


def best_of(fn, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="comma-separated SERIESxYEARS, e.g. 3300x20")
    args = parser.parse_args(argv)
    sizes = SIZES if not args.sizes else tuple(tuple(int(x) for x in s.lower().split("x"))
                                               for s in args.sizes.split(","))
    from kh330lib.assess.forecasts import forecast_file
    from kh330lib.store.settings import load_methods

    methods = load_methods()
    print(f"bench_forecast: synthetic share panels (seed {SEED}); Python {sys.version.split()[0]}; goal: "
          f"{SIZES[-1][0]:,} × {SIZES[-1][1]} within {GOAL_SECONDS:g} s for the whole command")
    print(f"{'series × years':>15} {'points':>8} {'command s':>10} {'read s':>7} {'forecast s':>10} "
          f"{'quantiles s':>11} {'chances s':>9}  goal")
    with tempfile.TemporaryDirectory() as tmp:
        for series, years in sizes:
            path = write_panel(Path(tmp) / f"panel-{series}x{years}.csv", series, years)
            points = sum(1 for _ in path.open(encoding="utf-8")) - 1
            command = [sys.executable, "-m", "kh330lib", "forecast", str(path), "--unit", "percent", "--rise", "2",
                       "5", "--json"]
            whole = best_of(lambda: subprocess.run(command, check=True, capture_output=True, cwd=ROOT))
            t0 = time.perf_counter()
            from kh330lib.data.series_file import read_series_file

            read_series_file(path, 0.0, 100.0, "percent")
            t_read = time.perf_counter() - t0
            t0 = time.perf_counter()
            ff = forecast_file(path, "percent", methods=methods)
            t_forecast = time.perf_counter() - t0 - t_read
            t0 = time.perf_counter()
            ff.quantiles()
            t_q = time.perf_counter() - t0
            t0 = time.perf_counter()
            ff.forecast.p_rise(2.0)
            ff.forecast.p_rise(5.0)
            t_p = time.perf_counter() - t0
            goal = ""
            if (series, years) == SIZES[-1]:
                goal = f"{'within' if whole <= GOAL_SECONDS else 'over'} {GOAL_SECONDS:g} s"
            print(f"{series:>7,} × {years:<5} {points:>8,} {whole:10.2f} {t_read:7.2f} {t_forecast:10.2f} "
                  f"{t_q:11.2f} {t_p:9.2f}  {goal}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
