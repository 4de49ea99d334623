"""Calibration on pooled real history, checked by a plain loop over the GSO provincial panel."""

from __future__ import annotations

import csv
import dataclasses
import json
import math

import numpy as np
import pytest
from scipy import stats

from kh330lib import paths
from kh330lib.data.panel import PoolSeries
from kh330lib.methods import calibration as cal
from kh330lib.methods.settings import load_methods

AREAS = ("Thua Thien-Hue", "Da Nang", "Quang Tri", "Quang Nam", "Nghe An", "Khanh Hoa", "Ha Noi", "Can Tho")
FLOOR = 1.0  # percentage points: the data's measurement error


def _panel_rows() -> dict[str, list[tuple[int, float]]]:
    """The raw panel read with the csv module (not with kh330lib.data.panel)."""
    out: dict[str, list[tuple[int, float]]] = {}
    with open(paths.RAW_DIR / "gso_trained_share_by_province_2008_2016.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["area"] in AREAS:
                out.setdefault(row["area"], []).append((int(row["year"]), float(row["value"])))
    return {k: sorted(v) for k, v in out.items()}


@pytest.fixture(scope="module")
def pool() -> list[PoolSeries]:
    return [PoolSeries(area, "panel", tuple(y for y, _ in rows), tuple(v for _, v in rows), (0.0, 100.0))
            for area, rows in _panel_rows().items()]


@pytest.fixture(scope="module")
def methods():
    return load_methods()


@pytest.fixture(scope="module")
def four(pool, methods):
    """Every forecast from 4-point training windows."""
    return cal.pooled_forecasts(pool, dataclasses.replace(methods, calibration_windows=(4,)), FLOOR)


def _logit(x: float) -> float:
    return math.log(x / (100.0 - x))


def test_naive_coverage_one_year_ahead_matches_a_plain_loop(four, methods):
    # By hand (fpp3 §5.5): naive on the logit scale, s² = mean squared yearly change of the 4 training points,
    # df = 3, spread never below 1 point at the centre (d logit/dx = 100 / (x (100 − x))); PIT = t CDF at the actual.
    k = 1.3
    pits, hits = [], []
    for rows in _panel_rows().values():
        years = [y for y, _ in rows]
        values = [v for _, v in rows]
        for end in range(3, len(rows) - 1):
            if years[end + 1] - years[end] != 1:
                continue
            g = [_logit(v) for v in values[end - 3:end + 1]]
            steps = np.diff(years[end - 3:end + 1])
            s = math.sqrt(sum((b - a) ** 2 / d for a, b, d in zip(g, g[1:], steps)) / 3)
            floor = FLOOR * 100.0 / (values[end] * (100.0 - values[end]))
            pit = stats.t.cdf((_logit(values[end + 1]) - g[-1]) / max(k * s, floor), 3)
            pits.append(pit)
            hits.append(values[end + 1] >= values[end] + methods.event_pace)
    naive = four.names.index("naive")
    h1 = four.horizon == 1
    ours = four.pit(k, member=naive)[h1]
    assert len(ours) == len(pits) == 40  # 8 areas × 5 origins (2011–2015)
    assert ours == pytest.approx(np.array(pits), abs=1e-10)
    by_hand = float(np.mean([(0.1 <= p <= 0.9) for p in pits]))
    assert cal.coverage(ours, 0.8) == pytest.approx(by_hand, abs=1e-12)
    # The Brier score of "rises by at least 1.25 points in a year" under the same member.
    p_event = four.p_event(k, member=naive)[h1]
    assert cal.brier(p_event, four.event[h1]) == pytest.approx(
        np.mean((p_event - np.array(hits, dtype=float)) ** 2))
    assert list(four.event[h1]) == hits


def test_mixture_pit_is_the_weighted_sum_of_member_pits(four):
    mix = four.pit()
    members = sum(np.where(four.weights[:, i] > 0, four.pit(member=i), 0.0) * four.weights[:, i]
                  for i in range(len(four.names)))
    assert mix == pytest.approx(members, abs=1e-12)
    assert np.allclose(four.weights.sum(axis=1), 1.0)


def test_the_factor_of_each_horizon_brings_coverage_to_the_target(four):
    k = cal.widening_for(four, 0.8)
    assert len(k) == four.horizon.max()
    for h, factor in enumerate(k, start=1):
        sel = four.horizon == h
        step = 1.0 / sel.sum()  # coverage moves in steps of one forecast
        assert cal.coverage(four.pit(factor)[sel], 0.8) == pytest.approx(0.8, abs=step + 1e-9)
        # A slightly smaller factor would fall short (the bisection found the smallest one).
        assert cal.coverage(four.pit(factor * 0.98)[sel], 0.8) <= 0.8 + step


def test_factors_beyond_the_calibrated_horizons_repeat_the_last():
    assert list(cal.factors_for((0.5, 0.7, 0.9), np.array([1, 2, 3, 4, 9]))) == [0.5, 0.7, 0.9, 0.9, 0.9]


def test_coverage_and_brier_by_their_definitions():
    pit = np.array([0.05, 0.1, 0.5, 0.9, 0.95])
    assert cal.coverage(pit, 0.8) == pytest.approx(3 / 5)
    assert cal.brier(np.array([1.0, 0.0, 0.5]), np.array([True, True, False])) == pytest.approx((0 + 1 + 0.25) / 3)
    assert math.isnan(cal.coverage(np.array([]), 0.8))


def test_the_calibration_is_stored_once_and_reused(tmp_path, pool, methods):
    small = dataclasses.replace(methods, calibration_windows=(4,))
    first = cal.load_or_compute(pool, small, FLOOR, tmp_path)
    (stored,) = tmp_path.glob("calibration-*.json")
    data = json.loads(stored.read_text(encoding="utf-8"))
    assert data["key"] == first.key and data["forecasts"] == first.forecasts
    # Reused as stored: a marked copy comes back.
    data["series"] = 999
    stored.write_text(json.dumps(data), encoding="utf-8")
    assert cal.load_or_compute(pool, small, FLOOR, tmp_path).series == 999
    # A damaged file is recomputed and replaced.
    stored.write_text("{not json", encoding="utf-8")
    again = cal.load_or_compute(pool, small, FLOOR, tmp_path)
    assert again.series == len(pool) and again.widening == first.widening


def test_the_key_changes_with_the_pool_the_settings_and_the_floor(pool, methods):
    key = cal.calibration_key(pool, methods, FLOOR)
    assert cal.calibration_key(pool[:-1], methods, FLOOR) != key
    assert cal.calibration_key(pool, dataclasses.replace(methods, calibration_windows=(3,)), FLOOR) != key
    assert cal.calibration_key(pool, methods, 2.0) != key
    assert cal.calibration_key(list(pool), methods, FLOOR) == key


def test_summary_scores_every_member_and_the_calibrated_ensemble(four, methods):
    k = cal.widening_for(four, 0.8)
    summary = cal.summarize(four, "k", k, methods.event_pace)
    assert [s.model for s in summary.scores] == [*four.names, "ensemble", "ensemble_widened"]
    assert summary.forecasts == len(four.gap) and sum(summary.pit) == len(four.gap)
    assert summary.after.coverage_80 == pytest.approx(0.8, abs=0.03)
