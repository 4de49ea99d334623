"""Benchmark: wards and communes at scale — load, city figures and every target assessed for every unit.

Each size (wards × years) runs in its own child interpreter on a temporary copy of data/ and params/ with
synthetic figures (one vintage per unit, reporter "benchmark — synthetic figures", random counts from a fixed
seed; units beyond the 40 real ones are added to the copy's params/geos.yaml); nothing is written to the real
data/. The parent imports nothing heavy and reads each child's peak memory from os.wait4, so one size's memory
is never counted in another's. Two floors, both plain numpy and measured in the same child on the same series:

- the trend floor: the logit-linear trend fitted to every ward series at once, against the batched kernel
  (`methods.batched.fit_rows`) on the same task;
- the assessment floor (`_assessment_floor`): the arithmetic of the whole batched assessment (`assess_units`)
  of the wards' level target — each ensemble member's closed-form fit for every series, sensitivity case and
  backtest origin; calibrated spreads; P(met) and the quantiles by bisection; the sample paths with P(met by
  the deadline) and the first year met; the backtest's PIT and coverage — on blocks of equal-length series,
  with the sizes (members, paths, steps, cases, origins) read from the project's settings. Its numbers are
  compared with the assessment's and the largest difference printed. The whole assessment's time is set
  against it.

Also: the 40 real templates made, filled and taken in (`--intake`). Prints timings and the goals beside them;
asserts nothing.

    python benchmarks/bench_wards.py                      # 40, 400, 3,300 wards × 5 and 20 years, and intake
    python benchmarks/bench_wards.py --sizes 40x5,400x20  # chosen sizes
    python benchmarks/bench_wards.py --legacy --sizes 40x5  # the per-ward loop (assess_all per for_geo)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 330
SIZES = ((40, 5), (40, 20), (400, 5), (400, 20), (3300, 5), (3300, 20))
# Goals of issue "I. Performance" (printed beside the figures, never asserted).
GOAL_SECONDS, GOAL_MB, GOAL_FLOOR_RATIO = 60.0, 1024.0, 5.0
RATIO = "trained_labour_rate_broad"


def _run_child(args: list[str]) -> tuple[dict, float]:
    """Run one measurement in a fresh interpreter; (its JSON result, its peak resident memory in MB)."""
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *args], stdout=subprocess.PIPE,
                            cwd=ROOT)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"bench_wards: child {' '.join(args)} failed with exit code {proc.returncode}")
    # Linux reports ru_maxrss in KiB.
    return json.loads(out.decode("utf-8").strip().splitlines()[-1]), usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="comma-separated WARDSxYEARS, e.g. 40x5,3300x20")
    parser.add_argument("--legacy", action="store_true", help="assess ward by ward (assess_all per for_geo)")
    parser.add_argument("--no-intake", action="store_true", help="skip the 40 real workbooks taken in")
    parser.add_argument("--child", nargs=2, type=int, metavar=("WARDS", "YEARS"), help=argparse.SUPPRESS)
    parser.add_argument("--intake", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(*args.child, legacy=args.legacy)))
        return 0
    if args.intake:
        print(json.dumps(intake()))
        return 0
    sizes = SIZES if not args.sizes else tuple(tuple(int(x) for x in s.lower().split("x"))
                                               for s in args.sizes.split(","))
    print(f"bench_wards: synthetic wards (seed {SEED}), one child interpreter per size; Python "
          f"{sys.version.split()[0]}; path: {'legacy, ward by ward' if args.legacy else 'batched'}")
    print(f"goals: {int(SIZES[-1][0]):,} × {SIZES[-1][1]} under {GOAL_SECONDS:g} s and under {GOAL_MB / 1024:g} GB; "
          f"the whole assessment within {GOAL_FLOOR_RATIO:g} × its plain numpy floor, and the batched trend kernel "
          f"within {GOAL_FLOOR_RATIO:g} × the trend floor, on the same series; cost per series (ms/series: load, "
          "city and assess) flat from 40 to 3,300")
    print("floor: the logit-linear trend of every ward share series at once in plain numpy; kernel: the same fit "
          "with kh330lib.methods.batched.fit_rows (masks, checks, exact t quantile)")
    print("assess floor: every number assess_units computes for the wards' level target, in plain numpy on blocks "
          "of equal-length series, best of 3 — each ensemble member fitted in closed form to each series, each "
          "sensitivity case and each backtest origin; P(met), each member's and the quantiles by bisection; the "
          "sample paths with P(met by the deadline) and the first year met; the backtest's PIT and coverage. Sizes "
          "from params/methods.yaml; the work of each size below the table")
    header = (f"{'wards × years':>14} {'series':>7} {'load s':>7} {'city ms':>8} {'assess s':>9} {'total s':>8} "
              f"{'ms/series':>9} {'peak MB':>8} {'floor ms':>9} {'kernel ms':>9} {'÷ floor':>8} "
              f"{'assess floor s':>14} {'assess ÷ floor':>14}  goals")
    print(header)
    per_series: dict[int, dict[int, float]] = {}
    notes: list[str] = []
    stored_tables: list[tuple[tuple[int, int], dict]] = []
    for wards, years in sizes:
        r, peak = _run_child(["--child", str(wards), str(years), *(["--legacy"] if args.legacy else [])])
        total = r["load"] + r["city"] + r["assess"]
        per = 1000 * total / max(r["series"], 1)
        per_series.setdefault(years, {})[wards] = per
        ratio = r["kernel"] / r["floor"] if r["floor"] else float("nan")
        whole = r["assess"] / r["assess_floor"] if r["assess_floor"] else float("nan")
        goals = (f"kernel {'≤' if ratio <= GOAL_FLOOR_RATIO else '>'} {GOAL_FLOOR_RATIO:g} × floor; "
                 f"assess {'≤' if whole <= GOAL_FLOOR_RATIO else '>'} {GOAL_FLOOR_RATIO:g} × floor")
        if (wards, years) == SIZES[-1]:
            goals += (f"; {'under' if total < GOAL_SECONDS else 'over'} {GOAL_SECONDS:g} s, "
                      f"{'under' if peak < GOAL_MB else 'over'} {GOAL_MB / 1024:g} GB")
        print(f"{wards:>6,} × {years:<5} {r['series']:>7,} {r['load']:7.2f} {1000 * r['city']:8.1f} "
              f"{r['assess']:9.2f} {total:8.2f} {per:9.2f} {peak:8.0f} {1000 * r['floor']:9.3f} "
              f"{1000 * r['kernel']:9.3f} {ratio:8.1f} {r['assess_floor']:14.2f} {whole:14.1f}  {goals}")
        sys.stdout.flush()
        w = r["floor_work"]
        same = ("" if r["floor_difference"] is None else
                f"; its numbers differ from the assessment's by at most {r['floor_difference']:.1g}")
        notes.append(f"assess floor work, {wards:,} × {years}: {w['main rows']:,} series × {w['members']} members "
                     f"over {w['future_years']} future years; {w['levels']} quantiles × {w['steps']} bisection steps "
                     f"({w['bisection t CDFs']:,} t CDFs); {w['n_paths']:,} paths a series ({w['path values']:,} "
                     f"path values); {w['case rows']:,} sensitivity cases; {w['origin rows']:,} backtest origins "
                     f"({w['held-out forecasts']:,} held-out values){same}")
        if r["store"] == r["store"]:  # not NaN: the batched path made a table
            stored_tables.append(((wards, years), r))
    for line in notes:
        print(line)
    for (wards, years), r in stored_tables:
        print(f"unit table stored, {wards:,} × {years}: {r['rows']:,} rows written in {r['store']:.2f} s "
              f"({r['store_mb']:.1f} MB gzip), read back in {r['read']:.2f} s")
    for years, by_size in per_series.items():
        if len(by_size) > 1:
            small, large = min(by_size), max(by_size)
            # "Flat" allows 25 % of noise; the fixed costs of a run make small sizes dearer per series, not cheaper.
            flat = by_size[large] <= 1.25 * by_size[small]
            print(f"cost per series, {years} years: {by_size[small]:.2f} ms at {small:,} → {by_size[large]:.2f} ms at "
                  f"{large:,} wards ({'flat or falling' if flat else 'rising'})")
    if not args.no_intake and not args.sizes:
        r, peak = _run_child(["--intake"])
        print(f"40 real templates: make and fill {r['make']:.2f} s; take in {r['intake']:.2f} s "
              f"({1000 * r['intake'] / 40:.0f} ms each); load {r['load']:.2f} s; peak {peak:.0f} MB")
    return 0


# ---------------------------------------------------------------- child side (heavy imports only here)

def _copy_project(prefix: str) -> Path:
    """A temporary copy of data/ and params/ (without vintages), with the paths of kh330lib pointed at it."""
    import shutil
    import tempfile

    work = Path(tempfile.mkdtemp(prefix=prefix))
    for name in ("data", "params"):
        shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("vintages"))
    # Paths are read when kh330lib is imported: point them at the copy first.
    os.environ["KH330_DATA_DIR"] = str(work / "data")
    os.environ["KH330_PARAMS_DIR"] = str(work / "params")
    os.environ["KH330_ROOT"] = str(work)
    os.environ.setdefault("KH330_CACHE_DIR", str(ROOT / ".cache"))
    sys.path.insert(0, str(ROOT))
    return work


def _add_geos(work: Path, n: int) -> list[str]:
    """Ward codes for `n` units: the real 40 first, then synthetic ones appended to the copy's geos.yaml."""
    import yaml

    geos = yaml.safe_load((work / "params" / "geos.yaml").read_text(encoding="utf-8"))["geos"]
    real = [g["id"] for g in geos if g["level"] in ("ward", "commune")]
    extra = [f"VN-HUE-{60000 + i:05d}" for i in range(max(0, n - len(real)))]
    with open(work / "params" / "geos.yaml", "a", encoding="utf-8") as f:
        for code in extra:
            f.write(f"  - id: {code}\n    label_vi: Phường thử {code[-5:]}\n    label_en: Test ward {code[-5:]}\n"
                    "    level: ward\n    parent: VN-HUE\n    source: benchmark — synthetic unit\n")
    return (real + extra)[:n]


def _write_vintages(codes: list[str], years: int, seed: int) -> None:
    """One vintage per unit: trained and employed workers and teachers trained, `years` years to 2025.

    Shares drift on the logit scale, some units sit near 0 % or 100 %, one in ten skips a year and half give
    their latest year as an estimate (so the sensitivity cases that revise it apply).
    """
    import datetime as dt
    import hashlib

    import numpy as np

    from kh330lib.data.vintages import write_vintage

    rng = np.random.default_rng(seed)
    received = dt.date(2026, 3, 15)
    span = list(range(2026 - years, 2026))
    for seq, geo in enumerate(codes, 1):
        keep = span if rng.random() >= 0.1 or years < 5 else [y for y in span if y != span[len(span) // 2]]
        employed = rng.integers(3_000, 40_000) * np.cumprod(rng.uniform(1.0, 1.03, len(keep)))
        level = rng.choice([rng.normal(1.0, 0.6), 6.0, -5.0], p=[0.9, 0.05, 0.05])
        logit = level + np.cumsum(rng.normal(0.05, 0.08, len(keep)))
        trained = np.round(employed / (1 + np.exp(-logit)))
        rows = []
        for i, year in enumerate(keep):
            status = "estimate" if i == len(keep) - 1 and seq % 2 else "official"
            for ind, value in (("trained_workers", trained[i]), ("employed_workers", np.round(employed[i])),
                               ("teachers_trained_digital", rng.integers(0, 30))):
                rows.append({"indicator": ind, "geo": geo, "breakdown": "", "year": year, "period": "",
                             "value": float(value), "unit": "persons", "source": f"BENCH_{seq:05d}",
                             "status": status, "note": "synthetic"})
        digest = hashlib.sha256(f"{seed}-{geo}".encode()).hexdigest()
        meta = {"seq": seq, "unit": "ward", "geo": geo, "reporter": "benchmark — synthetic figures",
                "received": received.isoformat(), "template_version": "bench", "sha256": digest,
                "workbook": f"{geo}.xlsx", "taken_in": "2026-03-15T00:00:00+00:00",
                "source": {"source": f"BENCH_{seq:05d}", "title": f"Synthetic figures of {geo}",
                           "publisher": "benchmark", "url": "", "published": received.isoformat(),
                           "accessed": received.isoformat()}}
        write_vintage(f"{received.isoformat()}_ward_{geo}_{digest[:8]}", rows, meta)


def _floor(dataset, codes: list[str]) -> tuple[float, float, int]:
    """(the plain numpy floor, the batched kernel on the same task, series): the logit-linear trend of every
    ward share series and its 80 % upper bound in 2030, best of 5, in seconds."""
    import time

    import numpy as np

    from kh330lib.methods.batched import fit_rows, pack
    from kh330lib.methods.projection import Scale

    obs = dataset.observations
    rate = obs[(obs["indicator"] == RATIO) & obs["geo"].isin(set(codes))]
    table = rate.pivot_table(index="geo", columns="year", values="value")
    years = table.columns.to_numpy(dtype=float)
    v = table.to_numpy(dtype=float)
    q = 1.2816  # about the t quantile; the floor is about arithmetic, not exactness
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        w = ~np.isnan(v)
        x = np.clip(np.where(w, v, 50.0), 0.1, 99.9)
        g = np.log(x / (100 - x))
        n = w.sum(axis=1)
        xbar = (w * years).sum(axis=1) / n
        dx = np.where(w, years[None, :] - xbar[:, None], 0.0)
        gbar = (w * g).sum(axis=1) / n
        sxx = (dx * dx).sum(axis=1)
        b1 = (dx * np.where(w, g - gbar[:, None], 0.0)).sum(axis=1) / sxx
        resid = np.where(w, g - gbar[:, None] - b1[:, None] * dx, 0.0)
        s2 = (resid * resid).sum(axis=1) / (n - 2)
        x0 = 2030.0 - xbar
        100 / (1 + np.exp(-(gbar + b1 * x0 + q * np.sqrt(s2 * (1 + 1 / n + x0 ** 2 / sxx)))))
        best = min(best, time.perf_counter() - t0)
    rows = pack([(years[~np.isnan(r)], r[~np.isnan(r)]) for r in v])
    at = np.full((len(v), 1), 2030.0)
    scale = Scale("logit", 0.0, 100.0, 0.001)
    kernel = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        fit_rows("logit_linear", rows, at, scale).quantile(0.9)
        kernel = min(kernel, time.perf_counter() - t0)
    return best, kernel, len(v)


def _level_target(dataset):
    """The level target on the wards' share (the one target of theirs whose projection is batched)."""
    [target] = [t for t in dataset.registry.targets if t.indicator == RATIO and t.kind == "level"]
    return target


def _floor_inputs(dataset, codes: list[str]) -> dict:
    """What the assessment floor is given before its clock starts: the wards' share series in blocks of equal
    length and last year (years, values, which points may be revised, the measurement error), and every size and
    setting the assessment uses, read from params/methods.yaml and the project's own defaults, never written here."""
    import inspect

    import numpy as np

    from kh330lib.assess.calibrated import calibrate
    from kh330lib.assess.series import DEFAULT_SEED
    from kh330lib.assess.unit_numbers import _LEVELS
    from kh330lib.assess.wards import CHUNK
    from kh330lib.methods.attainment import effective_threshold, goal_value
    from kh330lib.methods.batched import BatchEnsemble
    from kh330lib.methods.ensemble import member_weights
    from kh330lib.methods.projection import TREND_OF_SCALE, damping, family, members, scale_for
    from kh330lib.methods.sensitivity import REVISABLE
    from kh330lib.methods.settings import load_methods

    m = load_methods()
    ind = dataset.registry.indicators[RATIO]
    target = _level_target(dataset)
    comparator = target.comparator or ">="
    threshold, thr_comparator, _ = effective_threshold(float(target.value), comparator, ind.bounds,
                                                       m.near_bound_tolerance)
    obs = dataset.observations
    rate = obs[(obs["indicator"] == RATIO) & obs["geo"].isin(set(codes)) & (obs["breakdown"] == "")
               & (obs["period"] == "")].sort_values(["geo", "year"])
    scale = scale_for(ind.bounds, rate["value"].to_numpy(dtype=float), is_share=ind.is_share, eps=m.logit_epsilon)
    assert scale.kind == "logit", "the floor is written for share series (logit scale)"
    cal = calibrate(dataset, m)
    names = members(scale, m.damped_phis)
    weights = member_weights(names, m.family_weights)
    # Each member with a weight: (its place, name, kind, on the logit scale, φ, residual df = n − this, weight).
    spec = []
    for j, name in enumerate(names):
        fam = family(name)
        kind = "trend" if fam in TREND_OF_SCALE.values() else "naive" if fam == "naive" else "damped"
        if weights.get(name, 0.0) > 0:
            spec.append((j, name, kind, fam != "linear", damping(name), 1 if kind == "naive" else 2, weights[name]))
    by_shape: dict[tuple[int, int], list] = {}
    for geo, s in rate.groupby("geo", sort=False):
        years = s["year"].to_numpy(dtype=float)
        if len(years) < m.min_points_projection or years[-1] >= m.horizon_end:
            continue  # as `wards._job`: such a series takes the one-series path
        values = s["value"].to_numpy(dtype=float)
        by_shape.setdefault((len(years), int(years[-1])), []).append(
            (years, values, np.isin(s["status"].to_numpy(dtype=str), REVISABLE), cal.floor(ind, float(values[-1])),
             geo))
    blocks = []
    for (n, last), rows in by_shape.items():
        # Rolling origins of the series' own backtest (`backtest._origins`): for each window, the origins' last
        # points, their training points, and the points after them up to the longest horizon.
        windows = []
        for w in m.calibration_windows:
            ends = np.arange(w - 1, n - 1)
            if len(ends):
                tests = ends[:, None] + np.arange(1, m.calibration_max_horizon + 1)
                windows.append((ends, ends[:, None] + np.arange(1 - w, 1), np.minimum(tests, n - 1), tests < n))
        blocks.append({"years": np.stack([r[0] for r in rows]), "values": np.stack([r[1] for r in rows]),
                       "revisable": np.stack([r[2] for r in rows]), "floor": np.array([r[3] for r in rows]),
                       "geos": [r[4] for r in rows],
                       "future": np.arange(last + 1, max(m.horizon_end, last + 1) + 1, dtype=float),
                       "leave_out": np.array([np.delete(np.arange(n), i) for i in range(n)])
                       if n - 1 >= m.min_points_projection else None, "windows": windows})
    return {"spec": spec, "lo": float(scale.lo), "hi": float(scale.hi), "pad": scale.eps * (scale.hi - scale.lo),
            "threshold": threshold, "up": thr_comparator in (">", ">="), "target": float(target.value),
            "beyond": {">": np.greater, ">=": np.greater_equal, "<": np.less, "<=": np.less_equal}[thr_comparator],
            "goal": goal_value(float(target.value), comparator, m.strict_step), "deadline": float(target.deadline),
            "widening": np.asarray(cal.widening, dtype=float), "methods": m, "levels": np.asarray(_LEVELS),
            "steps": inspect.signature(BatchEnsemble.quantiles).parameters["steps"].default,
            "seed": DEFAULT_SEED, "chunk": CHUNK, "blocks": blocks}


def _logit(inp: dict, x):
    import numpy as np

    x = np.clip(x, inp["lo"] + inp["pad"], inp["hi"] - inp["pad"])
    return np.log((x - inp["lo"]) / (inp["hi"] - x))


def _fit_members(inp: dict, years, g, x, at, *, paths: bool = False) -> list:
    """Every member fitted to rows of points (… × n: years, values on the logit scale g and as they are x), at
    the years `at` (… × F): (loc, spread, s², the shape of its sample paths) of each, in closed form (the OLS
    trend; drift, the damped drifts, which share their fit, and naive from the differences)."""
    import numpy as np

    n = years.shape[-1]
    last = years[..., -1:]
    h = at - last
    xbar = years.mean(axis=-1, keepdims=True)
    dx = years - xbar
    sxx = (dx * dx).sum(axis=-1, keepdims=True)
    x0 = at - xbar
    lever = 1.0 + 1.0 / n + x0 * x0 / sxx
    steps = np.diff(years, axis=-1)
    dg = np.diff(g, axis=-1)
    total = last - years[..., :1]
    c = (g[..., -1:] - g[..., :1]) / total
    e = dg - c * steps
    s2_drift = (e * e / steps).sum(axis=-1, keepdims=True) / (n - 2)
    out = []
    for _, _, kind, on_logit, phi, _, _ in inp["spec"]:
        if kind == "trend":
            y = g if on_logit else x
            ybar = y.mean(axis=-1, keepdims=True)
            b1 = (dx * y).sum(axis=-1, keepdims=True) / sxx
            r = y - ybar - b1 * dx
            s2 = (r * r).sum(axis=-1, keepdims=True) / (n - 2)
            out.append((ybar + b1 * x0, np.sqrt(s2 * lever), s2, x0 / np.sqrt(sxx) if paths else None))
        elif kind == "naive":
            s2 = (dg * dg / steps).sum(axis=-1, keepdims=True) / (n - 1)
            out.append((np.broadcast_to(g[..., -1:], at.shape), np.sqrt(s2 * h), s2, None))
        else:
            damp = h if phi == 1.0 else phi * (1.0 - phi ** h) / (1.0 - phi)
            out.append((g[..., -1:] + c * damp, np.sqrt(s2_drift * (h + damp * damp / total)), s2_drift,
                        damp / np.sqrt(total) if paths else None))
    return out


def _calibrated(inp: dict, fits: list, factor, floor) -> list:
    """Each member's spread × the calibration factor, never below the measurement error on its scale."""
    import numpy as np
    from scipy import special

    lo, hi, pad = inp["lo"], inp["hi"], inp["pad"]
    out = []
    for (_, _, _, on_logit, _, _, _), (loc, spread, _, _) in zip(inp["spec"], fits):
        if on_logit:
            med = np.clip(lo + (hi - lo) * special.expit(loc), lo + pad, hi - pad)
            out.append(np.maximum(spread * factor, floor * (hi - lo) / ((med - lo) * (hi - med))))
        else:
            out.append(np.maximum(spread * factor, floor))
    return out


def _below(inp: dict, locs: list, spreads: list, x, n: int, *, each: bool = False):
    """P(value ≤ x) (x on the original scale): the mixture's, Σ weight × each member's Student-t CDF (or
    each member's, `each`)."""
    from scipy import special

    gx = _logit(inp, x)
    out: list = []
    for (_, _, _, on_logit, _, df, w), loc, sp in zip(inp["spec"], locs, spreads):
        out.append(special.stdtr(n - df, ((gx if on_logit else x) - loc) / sp))
    return out if each else sum(w * p for (*_, w), p in zip(inp["spec"], out))


def _p_meet(inp: dict, locs: list, spreads: list, n: int, *, each: bool = False):
    p = _below(inp, locs, spreads, inp["threshold"], n, each=each)
    if each:
        return [1.0 - q if inp["up"] else q for q in p]
    return 1.0 - p if inp["up"] else p


def _ensemble_at_deadline(inp: dict, years, values, floor):
    """P(met) at the deadline of series of equal length (… × n), as the sensitivity cases compute it."""
    import numpy as np

    m, deadline, wid = inp["methods"], inp["deadline"], inp["widening"]
    at = np.full(years.shape[:-1] + (1,), deadline)
    fits = _fit_members(inp, years, _logit(inp, values), values, at)
    last = years[..., -1:]
    spreads = _calibrated(inp, fits, wid[np.clip(deadline - last, 1, len(wid)).astype(int) - 1], floor)
    p = _p_meet(inp, [f[0] for f in fits], spreads, years.shape[-1])
    inside = (deadline > last) & (deadline <= np.maximum(m.horizon_end, last + 1))
    return np.where(inside, p, np.nan)[..., 0]


def _floor_draws(inp: dict, block: dict) -> list:
    """The standard draws of each member's paths (shared by every series of the block, as `paths.draws`): the
    paths each member is drawn for, and per path its χ² and the parts of its deviation that do not depend on
    the series."""
    import numpy as np

    m, seed, spec = inp["methods"], inp["seed"], inp["spec"]
    n, width = block["years"].shape[1], len(block["future"])
    w = np.array([s[6] for s in spec])
    member_of_path = np.random.default_rng(seed).choice(len(spec), size=m.n_paths, p=w / w.sum())
    out = []
    for i, (j, _, kind, _, _, df, _) in enumerate(spec):
        rng = np.random.default_rng(seed + j)
        chi = rng.chisquare(n - df, m.n_paths)
        first = None if kind == "naive" else rng.standard_normal((m.n_paths, 2) if kind == "trend" else m.n_paths)
        yearly = rng.standard_normal((m.n_paths, width))
        sel = member_of_path == i
        if kind == "trend":
            out.append((chi[sel], first[sel, 1], first[sel, 0][:, None] / np.sqrt(n) + yearly[sel]))
        else:
            out.append((chi[sel], None if first is None else first[sel], np.cumsum(yearly[sel], axis=1)))
    return out


def _floor_chunk(inp: dict, block: dict, rows: slice, draws: list, work: dict) -> dict:
    """Every number the batched assessment computes for a chunk of series of equal length (`_assessment_floor`)."""
    import numpy as np
    from scipy import special

    m, spec, wid = inp["methods"], inp["spec"], inp["widening"]
    lo, hi, deadline = inp["lo"], inp["hi"], inp["deadline"]
    years, values = block["years"][rows], block["values"][rows]
    floor = block["floor"][rows][:, None]
    b, n = values.shape
    g = _logit(inp, values)
    last, latest = years[:, -1], values[:, -1]

    # Growth ratio, UNSD expected value and pace, from the base year (latest − N, or the next year with data).
    at = np.argmax(years >= (last - m.years_before_latest)[:, None], axis=1)[:, None]
    base_year = np.take_along_axis(years, at, axis=1)[:, 0]
    base = np.take_along_axis(values, at, axis=1)[:, 0]
    observed = (latest / base) ** (1.0 / (last - base_year)) - 1.0
    required = (inp["target"] / base) ** (1.0 / (deadline - base_year)) - 1.0
    expected = latest * (1.0 + observed) ** (deadline - last)
    ratios = (observed / np.abs(required), (expected - base) / (inp["target"] - base),
              (inp["goal"] - latest) / (deadline - last), (latest - base) / (last - base_year))
    met_latest = inp["beyond"](latest, inp["threshold"])

    # The calibrated ensemble in every future year; at the deadline: P(met), each member's, and the quantiles by
    # bisection between the members' own (a mixture CDF at every step).
    future = np.broadcast_to(block["future"], (b, len(block["future"])))
    fits = _fit_members(inp, years, g, values, future, paths=True)
    spreads = _calibrated(inp, fits, wid[np.clip(future - last[:, None], 1, len(wid)).astype(int) - 1], floor)
    k = int(deadline - block["future"][0])
    loc_k, sp_k = [f[0][:, k] for f in fits], [sp[:, k] for sp in spreads]
    member_p = _p_meet(inp, loc_k, sp_k, n, each=True)
    p_meet = sum(w * p for (*_, w), p in zip(spec, member_p))
    levels = inp["levels"][:, None]
    qs = []
    for (_, _, _, on_logit, _, df, _), loc, sp in zip(spec, loc_k, sp_k):
        z = loc + special.stdtrit(n - df, levels) * sp
        qs.append(lo + (hi - lo) * special.expit(z) if on_logit else np.clip(z, lo, hi))
    q_lo, q_hi = np.min(qs, axis=0), np.max(qs, axis=0)
    for _ in range(inp["steps"]):
        mid = 0.5 * (q_lo + q_hi)
        below = _below(inp, loc_k, sp_k, mid, n) < levels
        q_lo, q_hi = np.where(below, mid, q_lo), np.where(below, q_hi, mid)
    quantiles = 0.5 * (q_lo + q_hi)
    work["main rows"] += b
    work["member fits"] += b * len(spec)
    work["bisection t CDFs"] += inp["steps"] * len(spec) * levels.size * b

    # Sample paths: each drawn from one member, its deviation from the member's centre widened as the spread,
    # back on the original scale; P(met in any year to the deadline) and the median first year met.
    reached = np.zeros(future.shape)
    for (_, _, kind, on_logit, _, df, _), (loc, spread, s2, shape), cal, (chi, first, base_dev) in zip(
            spec, fits, spreads, draws):
        sd = np.sqrt(s2 * (n - df) / chi)[:, :, None]
        # path = loc + (calibrated ÷ raw spread) × sd × (the member's standard deviation shape), in place
        if kind == "naive":
            path = sd * base_dev
        else:
            path = first[:, None] * shape[:, None, :]
            path += base_dev
            path *= sd
        path *= (cal / spread)[:, None, :]
        path += loc[:, None, :]
        if on_logit:
            special.expit(path, out=path)
            path *= hi - lo
            path += lo
        else:
            np.clip(path, lo, hi, out=path)
        reached += np.logical_or.accumulate(inp["beyond"](path, inp["threshold"]), axis=2).sum(axis=1)
        work["path values"] += path.size
    share = reached / m.n_paths
    p_by = np.where(met_latest, 1.0, np.maximum(share[:, k], p_meet))
    half = share >= 0.5
    first_year = np.where(half.any(axis=1), block["future"][np.argmax(half, axis=1)], np.nan)
    first_year = np.where(met_latest, last, first_year)

    # Sensitivity cases: each point left out, each estimate revised down and up by the measurement error.
    low = np.minimum(p_meet, np.min(member_p, axis=0))
    high = np.maximum(p_meet, np.max(member_p, axis=0))
    if block["leave_out"] is not None:
        idx = block["leave_out"]
        p = _ensemble_at_deadline(inp, years[:, idx], values[:, idx], floor[:, :, None])
        low, high = np.fmin(low, np.nanmin(p, axis=1)), np.fmax(high, np.nanmax(p, axis=1))
        work["case rows"] += p.size
    r, i = np.nonzero(block["revisable"][rows])
    if len(r):
        shift = np.array([-1.0, 1.0])[:, None] * floor[r, 0]
        revised = np.broadcast_to(values[r], (2,) + values[r].shape).copy()
        revised[:, np.arange(len(r)), i] = np.clip(revised[:, np.arange(len(r)), i] + shift, lo, hi)
        p = _ensemble_at_deadline(inp, np.broadcast_to(years[r], revised.shape), revised, floor[r][None])
        np.fmin.at(low, r, np.fmin(p[0], p[1]))
        np.fmax.at(high, r, np.fmax(p[0], p[1]))
        work["case rows"] += p.size

    # The series' own backtest: every member at every rolling origin, the mixture's PIT of each later value
    # (spreads × the horizon's factor, not below the measurement error) and the coverage of 80 % and 50 %.
    held, cover80, cover50 = np.zeros(b), np.zeros(b), np.zeros(b)
    for ends, train, tests, valid in block["windows"]:
        t_years = years[:, tests]
        fits = _fit_members(inp, years[:, train], g[:, train], values[:, train], t_years)
        h = t_years - years[:, ends][:, :, None]
        ok = valid & (h <= m.calibration_max_horizon)
        spreads = _calibrated(inp, fits, wid[np.clip(h, 1, len(wid)).astype(int) - 1], floor[:, :, None])
        pit = _below(inp, [f[0] for f in fits], spreads, values[:, tests], train.shape[1])
        held += ok.sum(axis=(1, 2))
        cover80 += (ok & (pit >= 0.1) & (pit <= 0.9)).sum(axis=(1, 2))
        cover50 += (ok & (pit >= 0.25) & (pit <= 0.75)).sum(axis=(1, 2))
        work["origin rows"] += b * len(ends)
        work["held-out forecasts"] += int(ok.sum())
    enough = held >= m.bt_min_errors
    return {"p_meet": p_meet, "member_p": member_p, "quantiles": quantiles, "ratios": ratios, "p_by": p_by,
            "expected_year": first_year, "low": low, "high": high, "held_out": held,
            "coverage_80": np.where(enough, cover80 / np.maximum(held, 1), np.nan),
            "coverage_50": np.where(enough, cover50 / np.maximum(held, 1), np.nan)}


def _assessment_floor(dataset, codes: list[str], runs: int = 3) -> tuple[float, dict, dict]:
    """(seconds, work, numbers): the arithmetic of the whole batched assessment of the wards' level target in
    plain numpy, best of `runs`; `work` counts what one run computes, `numbers` are its results by ward.

    Per ward share series: growth ratio, UNSD ratio and pace; every ensemble member fitted in closed form to the
    series over every future year to the horizon, calibrated; P(met) at the deadline, the mixture's and each
    member's; the quantiles of the row by bisection (the same steps, a mixture CDF each); the sample paths
    (n_paths × the future years) with P(met by the deadline) and the median first year met; every sensitivity
    case (each point left out, each estimate revised down and up) fitted, with its P(met); the series' own
    backtest (every member at every rolling origin of every window, the PIT of each later value, coverage).
    Series of equal length and last year sit in one block, computed in chunks of the assessment's size: no
    masks, no checks, one Python loop per block, chunk and member, none per series.
    """
    import time
    from collections import Counter

    import numpy as np

    inp = _floor_inputs(dataset, codes)
    best, work, results = float("inf"), Counter(), []
    for _ in range(runs):
        work, results = Counter(), []
        t0 = time.perf_counter()
        for block in inp["blocks"]:
            draws = _floor_draws(inp, block)
            for start in range(0, len(block["values"]), inp["chunk"]):
                results.append(_floor_chunk(inp, block, slice(start, start + inp["chunk"]), draws, work))
        best = min(best, time.perf_counter() - t0)
    m = inp["methods"]
    work.update(members=len(inp["spec"]), levels=len(inp["levels"]), steps=inp["steps"], n_paths=m.n_paths,
                future_years=max(len(b["future"]) for b in inp["blocks"]))
    numbers = {key: np.concatenate([r[key] for r in results]) for key in results[0] if key not in
               ("member_p", "quantiles", "ratios")}
    quantiles = np.concatenate([r["quantiles"] for r in results], axis=1)
    numbers.update({key: quantiles[i] for i, key in enumerate(("median", "lo80", "hi80", "lo95", "hi95"))})
    numbers["geo"] = [geo for b in inp["blocks"] for geo in b["geos"]]
    return best, dict(work), numbers


# The assessment's columns the floor computes, and the floor's name for each.
_FLOOR_COLUMNS = {"p_meet": "p_meet", "median": "median", "lo80": "lo80", "hi80": "hi80", "lo95": "lo95",
                  "hi95": "hi95", "p_meet_by": "p_by", "expected_year": "expected_year", "p_low": "low",
                  "p_high": "high", "held_out": "held_out", "coverage_80": "coverage_80",
                  "coverage_50": "coverage_50"}


def _largest_difference(table, numbers: dict) -> float:
    """The largest |assessment − floor| over the numbers both compute for each ward (NaN on both sides agree)."""
    import numpy as np

    rows = table.set_index("geo").loc[numbers["geo"]]
    worst = 0.0
    for column, key in _FLOOR_COLUMNS.items():
        real, floor = rows[column].to_numpy(dtype=float), numbers[key]
        gap = np.where(np.isnan(real) & np.isnan(floor), 0.0, np.abs(real - floor))
        worst = max(worst, float(np.max(np.where(np.isnan(gap), np.inf, gap), initial=0.0)))
    return worst


def measure(wards: int, years: int, *, legacy: bool = False) -> dict:
    """Make `wards` units with `years` years of figures, load, add up, assess; timings in seconds."""
    import time
    import warnings

    work = _copy_project("kh330-bench-wards-")
    codes = _add_geos(work, wards)
    t0 = time.perf_counter()
    _write_vintages(codes, years, SEED)
    t_make = time.perf_counter() - t0

    from kh330lib.assess import assess_all
    from kh330lib.data.dataset import load_dataset
    from kh330lib.data.wards import aggregate_city, for_geo

    t0 = time.perf_counter()
    dataset = load_dataset()
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    aggregate_city(dataset, RATIO)
    t_city = time.perf_counter() - t0
    floor, kernel, n_series = _floor(dataset, codes)
    table = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        if legacy:
            rows = sum(len(assess_all(for_geo(dataset, code))) for code in codes)
        else:
            from kh330lib.assess.wards import assess_units

            table = assess_units(dataset, codes)
            rows = len(table)
        t_assess = time.perf_counter() - t0
    t_store = t_read = float("nan")
    if table is not None:
        # The table as a run stores it once and every brief reads it back (assess.unit_store).
        from kh330lib.assess import unit_store

        t0 = time.perf_counter()
        stored = unit_store._to_bytes(table, "bench")
        t_store = time.perf_counter() - t0
        t0 = time.perf_counter()
        unit_store._from_bytes(stored, "bench", unit_store.UNIT_COLUMNS)
        t_read = time.perf_counter() - t0
        store_mb = len(stored) / 1e6
        # Only the level target's numbers are kept while the floor runs.
        table = table.loc[table["target"] == _level_target(dataset).id, ["geo", *_FLOOR_COLUMNS]].copy()
    # After the assessment: the floor's set-up reads the calibration, which the assessment's own run context
    # would otherwise find already in memory.
    assess_floor, floor_work, numbers = _assessment_floor(dataset, codes)
    difference = None if table is None else _largest_difference(table, numbers)
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    return {"wards": wards, "years": years, "series": n_series, "rows": rows, "make": t_make, "load": t_load,
            "city": t_city, "assess": t_assess, "kernel": kernel, "floor": floor, "assess_floor": assess_floor,
            "floor_work": floor_work, "floor_difference": difference, "observations": int(len(dataset.observations)),
            "store": t_store, "read": t_read, "store_mb": store_mb if table is not None else float("nan")}


def intake() -> dict:
    """The 40 real templates made, filled with synthetic counts and taken in; then loaded."""
    import datetime as dt
    import time

    work = _copy_project("kh330-bench-intake-")
    import numpy as np
    from openpyxl import load_workbook

    from kh330lib.data.catalog import load_registry
    from kh330lib.data.dataset import load_dataset
    from kh330lib.data.wards import local_geos
    from kh330lib.workbooks.intake import take_in
    from kh330lib.workbooks.template import build_workbook, load_spec

    rng = np.random.default_rng(SEED)
    registry = load_registry()
    spec = load_spec(registry)
    wards = local_geos(registry)
    t0 = time.perf_counter()
    for ward in wards:
        wb = build_workbook(registry, spec, "ward", ward.id)
        path = work / f"{ward.id}.xlsx"
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
        take_in(work / f"{ward.id}.xlsx", "benchmark — synthetic figures", dt.date(2026, 3, 15))
    t_intake = time.perf_counter() - t0
    t0 = time.perf_counter()
    load_dataset()
    t_load = time.perf_counter() - t0
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    return {"make": t_make, "intake": t_intake, "load": t_load}


if __name__ == "__main__":
    sys.exit(main())
