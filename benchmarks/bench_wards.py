"""Benchmark: take in one workbook per ward or commune (40), then assess every target for each of them.

Runs on a temporary copy of data/ and params/ with synthetic ward figures
(random counts from a fixed seed, reporter "benchmark — synthetic figures");
nothing is written to the real data/. Prints timings; asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.mkdtemp(prefix="kh330-bench-wards-"))
for name in ("data", "params"):
    shutil.copytree(ROOT / name, WORK / name, ignore=shutil.ignore_patterns("vintages"))
# Paths are read when kh330lib is imported: point them at the copy first.
os.environ["KH330_DATA_DIR"] = str(WORK / "data")
os.environ["KH330_PARAMS_DIR"] = str(WORK / "params")
os.environ["KH330_ROOT"] = str(WORK)

import numpy as np  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from kh330lib.assess import assess_all  # noqa: E402
from kh330lib.data.catalog import load_registry  # noqa: E402
from kh330lib.data.dataset import load_dataset  # noqa: E402
from kh330lib.data.wards import aggregate_city, for_geo, local_geos  # noqa: E402
from kh330lib.workbooks.intake import take_in  # noqa: E402
from kh330lib.workbooks.template import build_workbook, load_spec  # noqa: E402

SEED = 330
RECEIVED = dt.date(2026, 3, 15)


def main() -> int:
    rng = np.random.default_rng(SEED)
    registry = load_registry()
    spec = load_spec(registry)
    wards = local_geos(registry)
    t0 = time.perf_counter()
    for ward in wards:
        wb = build_workbook(registry, spec, "ward", ward.id)
        path = WORK / f"{ward.id}.xlsx"
        wb.save(path)
        wb = load_workbook(path)
        ws = wb["LaoDong"]
        employed = rng.integers(3_000, 40_000)
        for col in range(5, ws.max_column + 1):
            if not isinstance(ws.cell(3, col).value, int):
                continue
            employed = int(employed * rng.uniform(1.0, 1.03))
            ws.cell(5, col).value = int(employed * rng.uniform(0.6, 0.85))   # trained_workers
            ws.cell(6, col).value = employed                                 # employed_workers
            wb["DaoTao"].cell(5, col).value = int(rng.integers(0, 30))       # teachers_trained_digital
        wb.save(path)
    t_make = time.perf_counter() - t0
    t0 = time.perf_counter()
    for ward in wards:
        take_in(WORK / f"{ward.id}.xlsx", "benchmark — synthetic figures", RECEIVED)
    t_intake = time.perf_counter() - t0

    t0 = time.perf_counter()
    dataset = load_dataset()
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    city = assess_all(dataset)
    t_city = time.perf_counter() - t0
    per_ward = []
    n = 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for ward in wards:
            t1 = time.perf_counter()
            n += len(assess_all(for_geo(dataset, ward.id)))
            per_ward.append(time.perf_counter() - t1)
    t0 = time.perf_counter()
    figures = aggregate_city(dataset, "trained_labour_rate_broad")
    t_agg = time.perf_counter() - t0

    print(f"bench_wards: {len(wards)} wards and communes, synthetic figures (seed {SEED}), "
          f"{len(dataset.observations)} observations after intake; Python {sys.version.split()[0]}")
    print(f"  make and fill 40 templates:      {t_make:7.2f} s")
    print(f"  take in 40 workbooks:            {t_intake:7.2f} s  ({t_intake / len(wards) * 1000:.0f} ms each)")
    print(f"  load data (base + 40 vintages):  {t_load:7.2f} s")
    print(f"  assess every target, city:       {t_city:7.2f} s  ({len(city)} assessments)")
    print(f"  assess every target, 40 wards:   {sum(per_ward):7.2f} s  ({n} assessments; per ward "
          f"median {np.median(per_ward):.2f} s, max {max(per_ward):.2f} s)")
    print(f"  city share from ward counts:     {t_agg * 1000:7.1f} ms  ({len(figures)} years, "
          f"{figures[-1].n_reported}/{figures[-1].n_wards} wards)")
    kinds = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
    if kinds:
        print(f"  warnings while assessing wards: {len(caught)} ({'; '.join(kinds)})")
    shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
