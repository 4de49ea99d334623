"""Benchmark (not a test): time to assess every registry target with the forecaster, and scaling.

Run: .venv/bin/python benchmarks/bench_assess.py
Prints: import time; the skill report on the reference pools computed from nothing and read back from its
store; `assess_all` on the shipped data and on a dense variant where every level target has a synthetic Huế
series; then the time to model and assess 10 / 100 / 1000 synthetic series, each learning from the GSO pool
(goal: all registry targets within 2 s after imports, growth linear).
"""

from __future__ import annotations

import dataclasses
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

t0 = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from kh330lib.assess import assess_all  # noqa: E402
from kh330lib.assess.calibrated import calibrate  # noqa: E402
from kh330lib.assess.series import Peers, model_series  # noqa: E402
from kh330lib.assess.skill import stored_skill  # noqa: E402
from kh330lib.data.dataset import load_dataset  # noqa: E402
from kh330lib.data.pools import dataset_pools  # noqa: E402
from kh330lib.methods.attainment import growth_ratio, pace, probability, unsd_expected  # noqa: E402
from kh330lib.store.settings import load_methods  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - t0
REPEATS = 3
SIZES = (10, 100, 1000)


def timed(fn, repeats: int = REPEATS) -> float:
    """Median wall time of `repeats` calls, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic_series(rng: np.random.Generator, n_points: int) -> tuple[np.ndarray, np.ndarray]:
    """A share in percent with a trend, noise and a few missing years (like the real annual series)."""
    span = n_points + int(rng.integers(0, 4))
    years = np.sort(rng.choice(np.arange(2025 - span, 2025), size=n_points, replace=False))
    start, slope = rng.uniform(20, 70), rng.uniform(-0.5, 2.0)
    values = np.clip(start + slope * (years - years[0]) + rng.normal(0, 1.0, n_points), 1, 99)
    return years, values


def dense_dataset(ds, rng: np.random.Generator):
    """The shipped dataset plus a synthetic 10-point Huế series for every level target without one."""
    rows = []
    seen = set()
    for tg in ds.registry.targets:
        if tg.kind != "level" or tg.indicator is None:
            continue
        for b in tg.breakdown or ("",):
            key = (tg.indicator, b)
            if key in seen or ((ds.observations["indicator"] == tg.indicator) & (ds.observations["geo"] == tg.geo)
                               & (ds.observations["breakdown"] == b)).any():
                continue
            seen.add(key)
            years, values = synthetic_series(rng, 10)
            unit = ds.registry.indicators[tg.indicator].unit
            rows += [{"indicator": tg.indicator, "geo": tg.geo, "breakdown": b, "year": int(y), "value": float(v),
                      "unit": unit, "source": "SYNTHETIC", "status": "estimate", "note": "", "period": "",
                      "file": "bench", "line": 0} for y, v in zip(years, values)]
    obs = pd.concat([ds.observations, pd.DataFrame(rows)], ignore_index=True)
    obs["year"] = obs["year"].astype("int64")
    return dataclasses.replace(ds, observations=obs), len(seen)


def assess_synthetic(series: list[tuple[np.ndarray, np.ndarray]], ind, methods, cal, peers) -> None:
    """Model (the forecaster with paths and its pool, own backtest) and assess each series against a fixed
    target."""
    for years, values in series:
        frame = pd.DataFrame({"year": years, "value": values, "status": "estimate", "source": "S", "period": ""})
        sm = model_series(frame, ind, "VN-HUE", "", methods, cal, peers=peers)
        latest_year, latest_value = int(years[-1]), float(values[-1])
        base_year, base_value = int(years[-6]), float(values[-6])
        growth_ratio(base_year, base_value, latest_year, latest_value, 80.0, 2030, comparator=">", met=False,
                     on_track=0.95, needs_acceleration=0.6, limited_progress=0.0)
        unsd_expected(base_year, base_value, latest_year, latest_value, 80.0, 2030, met=False, on_track=0.95,
                      fair_progress=0.1)
        pace(base_year, base_value, latest_year, latest_value, 80.0, 2030, comparator=">", met=False)
        if sm.projection is not None:
            probability(sm.projection, threshold=80.0, comparator=">", deadline=2030, horizon_end=2045,
                        latest_year=latest_year, met_latest=False)


def main() -> None:
    methods = load_methods()
    ds = load_dataset()
    print(f"imports (numpy, pandas, scipy, kh330lib): {IMPORT_SECONDS:.2f} s")
    n_levels = sum(len(t.breakdown) or 1 for t in ds.registry.targets)

    pools = dataset_pools(ds)
    with tempfile.TemporaryDirectory() as store:
        start = time.perf_counter()
        fresh = stored_skill(pools, methods, Path(store))
        cold = time.perf_counter() - start
        read = timed(lambda: stored_skill(pools, methods, Path(store)))
    whole = fresh.row("all", "4")
    print(f"skill on the reference pools: {len(pools.pools)} pools, {whole.forecasts * 2:,} forecasts scored in "
          f"{cold:.1f} s; read back from its store in {1000 * read:.1f} ms")

    cal = calibrate(ds, methods)
    gso = pools.get("gso_trained_share")
    peers = Peers(gso, tuple(zip(gso.years, gso.values)))
    assess_all(ds, methods=methods)  # warm-up: lazy imports inside statsmodels/scipy
    shipped = timed(lambda: assess_all(ds, methods=methods))
    print(f"assess_all, shipped data: {n_levels} target×level assessments in {shipped:.3f} s "
          f"(goal < 2 s) [median of {REPEATS}]")

    # The whole command as a user runs it: interpreter start, imports, the pools read, output.
    command = [sys.executable, "-m", "kh330lib", "assess", "--all"]
    subprocess.run(command, check=True, capture_output=True)
    cli = timed(lambda: subprocess.run(command, check=True, capture_output=True), repeats=5)
    print(f"kh330 assess --all, whole command: {cli:.2f} s (goal < 2 s) [median of 5]")

    rng = np.random.default_rng(20250524)
    dense, n_synthetic = dense_dataset(ds, rng)
    dense_t = timed(lambda: assess_all(dense, methods=methods))
    n_projected = sum(1 for a in assess_all(dense, methods=methods) if a.projection is not None)
    print(f"assess_all, every level target with a 10-point Huế series ({n_synthetic} synthetic series, "
          f"{n_projected} forecasts with their own backtests): {dense_t:.3f} s (goal < 2 s)")

    ind = ds.registry.indicators["trained_labour_rate_broad"]
    print(f"scaling (synthetic 6–14-point share series, each learning from the {len(gso)} series of the GSO "
          f"pool, {methods.n_paths} paths, own backtest, verdicts):")
    previous = None
    for size in SIZES:
        series = [synthetic_series(rng, int(rng.integers(6, 15))) for _ in range(size)]
        repeats = 1 if size >= 1000 else REPEATS
        seconds = timed(lambda: assess_synthetic(series, ind, methods, cal, peers), repeats=repeats)
        growth = f"  ×{seconds / previous:.1f} for ×10 series" if previous else ""
        print(f"  {size:>5} series: {seconds:7.3f} s  ({1000 * seconds / size:.2f} ms/series){growth}")
        previous = seconds

    long = [(np.arange(2000, 2020), 30 + 1.2 * np.arange(20) + rng.normal(0, 1.0, 20)) for _ in range(10)]
    seconds = timed(lambda: assess_synthetic(long, ind, methods, cal, peers), repeats=1)
    print(f"  10 long series (20 points, own backtest with every window): {seconds:.3f} s "
          f"({1000 * seconds / 10:.0f} ms/series)")


if __name__ == "__main__":
    main()
