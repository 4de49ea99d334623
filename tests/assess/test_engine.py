"""The assessment facade on the shipped data and on small in-memory variants of it."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest

from kh330lib import assess as engine
from kh330lib.codes import Verdict, Why, because
from kh330lib.data.dataset import load_dataset
from kh330lib.data.scenarios import load_scenario
from kh330lib.errors import InputError
from kh330lib.store import settings
from kh330lib.store.settings import load_methods
from kh330lib.words.records import record

# statsmodels and scipy.stats take over a second to import: the tests that use them import them themselves, so that
# collecting the suite does not wait for them.

RECORD_KEYS = {"target", "indicator", "geo", "comparator", "target_value", "deadline", "n_points", "first_year",
               "latest_year", "latest_value", "base_year", "base_value", "evidence", "observed_annual_change",
               "required_annual_change", "acceleration_factor", "progress", "unsd", "projection", "p_meet",
               "p_meet_by", "expected_year", "backtest", "breakdown", "kind", "reason", "probability"}
NESTED = {"progress": {"cagr_observed", "cagr_required", "ratio", "status"},
          "unsd": {"expected_value", "ratio", "status"},
          "projection": {"model", "year", "median", "lo80", "hi80", "lo95", "hi95"},
          "backtest": {"held_out", "coverage_80", "coverage_50", "reason"},
          "probability": {"combined", "band", "range", "models", "sensitivity", "calibration"}}


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def methods():
    return load_methods()


@pytest.fixture(scope="module")
def everything(ds, methods):
    return engine.assess_all(ds, methods=methods)


def with_series(ds, indicator: str, rows: list[tuple[int, float, str]], geo: str = "VN-HUE", breakdown: str = ""):
    """The shipped dataset with one series replaced by `rows` (year, value, status)."""
    obs = ds.observations
    keep = obs[~((obs["indicator"] == indicator) & (obs["geo"] == geo) & (obs["breakdown"] == breakdown))]
    unit = ds.registry.indicators[indicator].unit
    new = pd.DataFrame([{"indicator": indicator, "geo": geo, "breakdown": breakdown, "year": y, "value": v,
                         "unit": unit, "source": "TEST", "status": s, "note": "", "period": "", "file": "test",
                         "line": 0} for y, v, s in rows])
    out = pd.concat([keep, new], ignore_index=True)
    out["year"] = out["year"].astype("int64")
    return dataclasses.replace(ds, observations=out)


# ---------------------------------------------------------------- Huế trained-labour rate

def test_trained_labour_verdicts_match_hand_values(ds, methods):
    a = engine.assess_target(ds, "trained_labour_2030", methods=methods)
    rec = record(a)
    assert (rec["base_year"], rec["base_value"], rec["latest_year"], rec["latest_value"]) == (2021, 66.8, 2024, 72.5)
    assert rec["progress"]["ratio"] == pytest.approx(1.367, abs=1e-3) and rec["progress"]["status"] == "on_track"
    assert rec["unsd"]["expected_value"] == pytest.approx(85.40, abs=0.01)
    # "trên 80 %": 80 % does not meet it, so the pace runs to 80.01 % (one reporting step above).
    assert rec["required_annual_change"] == pytest.approx((80.01 - 72.5) / (2030 - 2024))
    assert rec["acceleration_factor"] == pytest.approx((80.01 - 72.5) / 6 / ((72.5 - 66.8) / 3))
    assert rec["evidence"] == "moderate"
    assert rec["reason"] is None


def test_trained_labour_straight_line_member_matches_statsmodels(ds, methods):
    """The straight-line member is statsmodels' OLS prediction; its spread is OLS's times the pooled widening of 6
    years ahead and the panel's own factor (or the 1-point floor if larger); Student-t with at least `min_df`."""
    import statsmodels.api as sm
    from scipy import stats

    a = engine.assess_target(ds, "trained_labour_2030", methods=methods)
    years = np.array([2021, 2022, 2023, 2024], dtype=float)
    values = np.array([66.8, 68.0, 70.25, 72.5])
    pred = sm.OLS(values, sm.add_constant(years)).fit().get_prediction(np.array([[1.0, 2030.0]]))
    member = next(m.projection for m in a.projection.members if m.name == "linear")
    i = member.index_of(2030)
    assert member.loc[i] == pytest.approx(pred.predicted_mean[0])
    factor = a.projection.widening[i]
    assert factor == pytest.approx(methods.forecast.widening[5] * _panel_factor(a))
    assert member.spread[i] == pytest.approx(max(factor * pred.se_obs[0], 1.0))
    assert member.df == max(2, methods.forecast.min_df)
    p_alone = 1 - stats.t.cdf((80.0 - pred.predicted_mean[0]) / member.spread[i], member.df)
    assert next(m for m in a.chance.models if m.name == "linear").p == pytest.approx(p_alone)


def _panel_factor(a) -> float:
    """The panel's own factor the forecast carries (the first year's factor over the pooled one)."""
    return float(a.projection.widening[0] / load_methods().forecast.widening[0])


def test_trained_labour_probability_is_the_mixture_of_its_members(ds, methods):
    a = engine.assess_target(ds, "trained_labour_2030", methods=methods)
    c = a.chance
    weights = methods.forecast.weights
    assert a.model == "ensemble" and [m.name for m in c.models] == ["peer", "linear"]
    assert [m.weight for m in c.models] == pytest.approx([weights["peer"], weights["linear"]])
    assert a.probability.p_meet == pytest.approx(sum(m.weight * m.p for m in c.models))
    assert c.combined == a.probability.p_meet
    assert c.low <= min(m.p for m in c.models) and c.high >= max(m.p for m in c.models)
    assert not c.as_number  # 4 points: a band, never one number
    # The peer member learnt from the GSO provincial panel, and its verdict follows its band.
    assert a.pool is not None and a.pool.id == "gso_trained_share" and len(a.pool) == 70
    assert str(a.verdict) == methods.verdict_bands[str(c.band)]
    # Every leave-one-out case and both revisions of each estimate (2022 and 2024).
    labels = [x.label for x in c.cases]
    assert [x for x in labels if x.startswith("leave_out")] == [f"leave_out:{y}" for y in (2021, 2022, 2023, 2024)]
    assert [x for x in labels if x.startswith("revised")] == ["revised_down:2022", "revised_up:2022",
                                                             "revised_down:2024", "revised_up:2024"]
    down = next(x for x in c.cases if x.label == "revised_down:2024")
    assert down.shift == -1.0 and down.p < c.combined
    assert a.backtest.held_out < methods.bt_min_errors and a.backtest.coverage_80 is None


def test_assessment_keeps_what_charts_need(ds, methods):
    a = engine.assess_target(ds, "trained_labour_2030", methods=methods)
    assert a.series["status"].tolist() == ["official", "estimate", "official", "estimate"]
    frame = a.projection.to_frame()
    assert frame["year"].iloc[0] == 2025 and frame["year"].iloc[-1] == methods.horizon_end
    assert a.projection.paths.shape == (methods.n_paths, len(frame))
    assert a.required["year"].tolist() == list(range(2024, 2031))
    assert a.required["value"].iloc[-1] == pytest.approx(80.01)  # the smallest value above "> 80 %"


def test_base_year_override(ds, methods):
    rec = record(engine.assess_target(ds, "trained_labour_2030", base_year=2022, methods=methods))
    assert rec["base_year"] == 2022
    assert rec["progress"]["cagr_observed"] == pytest.approx((72.5 / 68.0) ** 0.5 - 1)
    assert rec["observed_annual_change"] == pytest.approx(2.25)


# ---------------------------------------------------------------- every target

def test_every_target_and_level_has_a_complete_record(ds, everything):
    n_levels = sum(len(t.breakdown) or 1 for t in ds.registry.targets)
    assert len(everything) == n_levels
    for a in everything:
        rec = record(a)
        json.dumps(rec)  # JSON-safe
        assert RECORD_KEYS <= set(rec), a.target.id
        for key, sub in NESTED.items():
            assert key in rec and (rec[key] is None or sub <= set(rec[key])), (a.target.id, key)
        assert (rec["probability"]["combined"] is None) == (a.chance is None)


def test_targets_without_hue_data_say_so(everything):
    without = [a for a in everything if a.kind != "qualitative" and not a.has_data]
    assert len(without) > 20
    for a in without:
        rec = record(a)
        assert rec["reason"] == "no Huế data"
        assert rec["p_meet"] is None and rec["projection"]["model"] is None
        assert rec["progress"]["status"] == "insufficient_data"
        for p in rec["proxies"]:
            assert p["status"] == "proxy" and p["geo"] != "VN-HUE"


def test_proxy_is_context_only(ds, methods):
    a = engine.assess_target(ds, "hightech_cert_2030", methods=methods)
    assert a.evidence.level == "none" and a.probability is None
    (proxy,) = a.proxies
    assert (proxy.indicator, proxy.geo) == ("trained_labour_rate_cert", "VN")
    # The latest declared break (later GSO publications from 2017, after the 2015Q1 survey change) cuts the series.
    assert proxy.series["year"].min() == 2017
    assert any(n.code is Why.BREAK_USED and n.get("year") == 2017 for n in proxy.model.notes)


def test_qualitative_targets(everything):
    q = [a for a in everything if a.kind == "qualitative"]
    assert q and all(a.reason == (because(Why.QUALITATIVE),) and a.verdict is Verdict.QUALITATIVE for a in q)
    assert all(record(a)["reason"] == "qualitative target: no measurable indicator" for a in q)


def test_money_view_of_rnd_targets(ds, methods):
    a = engine.assess_target(ds, "rnd_grdp_2030", methods=methods)
    rec = record(a)
    assert (rec["money"]["unit"], rec["money"]["denominator"], rec["money"]["model"]) == (
        "billion VND", "grdp_nominal", "ensemble")
    grdp = a.money_projection.at(2030)
    assert rec["money"]["target"]["median"] == pytest.approx(0.015 * grdp["median"])
    assert rec["money"]["target"]["lo80"] == pytest.approx(0.015 * grdp["lo80"])
    # 1.5 / 2 / 2.5 % × the deadlines (2030, 2035, 2045) no later than the last GRDP year + money_max_years_ahead.
    obs = ds.observations
    last_grdp = int(obs[(obs["indicator"] == "grdp_nominal") & (obs["geo"] == "VN-HUE")]["year"].max())
    horizon = last_grdp + methods.money_max_years_ahead
    assert horizon < 2035  # the shipped data: only 2030 has a basis
    assert len(rec["money"]["table"]) == 3 * sum(1 for y in (2030, 2035, 2045) if y <= horizon)
    assert all(cell["year"] <= horizon for cell in rec["money"]["table"])


# ---------------------------------------------------------------- properties

def test_target_already_met_reads_target_achieved(ds, methods):
    met = with_series(ds, "trained_labour_rate_broad", [(2021, 74.0, "official"), (2022, 77.0, "official"),
                                                         (2023, 79.0, "official"), (2024, 81.0, "official")])
    rec = record(engine.assess_target(met, "trained_labour_2030", methods=methods))
    assert rec["progress"]["status"] == "target_achieved" and rec["unsd"]["status"] == "target_achieved"
    assert rec["p_meet_by"] == 1.0 and rec["expected_year"] == 2024
    exactly = with_series(ds, "trained_labour_rate_broad", [(2021, 74.0, "official"), (2022, 77.0, "official"),
                                                             (2023, 79.0, "official"), (2024, 80.0, "official")])
    strict = record(engine.assess_target(exactly, "trained_labour_2030", methods=methods))
    assert strict["progress"]["status"] != "target_achieved"  # "> 80" is not met by 80


def test_a_series_exactly_on_a_line_is_never_certain(ds, methods):
    from scipy import stats

    line = with_series(ds, "trained_labour_rate_broad", [(2021, 70.0, "official"), (2022, 71.0, "official"),
                                                          (2023, 72.0, "official"), (2024, 73.0, "official")])
    a = engine.assess_target(line, "trained_labour_2030", methods=methods)
    assert 0.0 < a.probability.p_meet < 1.0
    # Each member's spread is at least the data's 1-point error, so the 80 % interval is at least as wide as
    # a normal one with sd 1 point (2 × 1.2816; Student t is wider).
    at = a.projection.at(2030)
    assert at["hi80"] - at["lo80"] >= 2 * stats.norm.ppf(0.9) * methods.revision_sd_points
    assert a.chance.band is not None and a.chance.high < 1.0


def test_a_flat_series_still_gets_a_probability(ds, methods):
    flat = with_series(ds, "trained_labour_rate_broad", [(y, 72.0, "official") for y in (2021, 2022, 2023, 2024)])
    a = engine.assess_target(flat, "trained_labour_2030", methods=methods)
    assert a.projection is not None and 0.0 < a.probability.p_meet < 0.5
    # Four equal points may be noise around a trend: the peers' typical slope still counts (moderated volatility).
    assert 72.0 <= a.projection.at(2030)["median"] < 80.0


def test_a_share_near_its_bound_stays_within_0_and_100(ds, methods):
    high = with_series(ds, "trained_labour_rate_broad", [(2021, 95.0, "official"), (2022, 97.0, "official"),
                                                          (2023, 98.5, "official"), (2024, 99.5, "official")])
    a = engine.assess_target(high, "trained_labour_2030", methods=methods)
    frame = a.projection.to_frame()
    for col in ("median", "lo80", "hi80", "lo95", "hi95"):
        assert frame[col].between(0.0, 100.0).all(), col
    assert np.all((a.projection.paths >= 0.0) & (a.projection.paths <= 100.0))
    assert 0.0 <= a.unsd.expected_value <= 100.0


def test_probability_falls_as_the_target_rises(ds, methods):
    target = ds.registry.target("trained_labour_2030")
    ps = [engine.assess_target(ds, dataclasses.replace(target, value=v), methods=methods).probability.p_meet
          for v in (76.0, 80.0, 84.0, 88.0)]
    assert all(a > b for a, b in zip(ps, ps[1:]))


def test_same_inputs_identical_outputs(ds, methods):
    a = engine.assess_all(ds, methods=methods)
    b = engine.assess_all(ds, methods=methods)
    assert [record(x) for x in a] == [record(x) for x in b]
    assert np.array_equal(a[0].projection.paths, b[0].projection.paths)


def test_cumulative_and_milestone_with_reports(ds, methods):
    d = with_series(ds, "teachers_trained_digital", [(2025, 40.0, "official")])
    c = record(engine.assess_target(d, "teachers_trained_2030", methods=methods))["cumulative"]
    # 40 in 2025; (300 − 40)/(2030 − 2025) = 52 a year needed vs 40 so far.
    assert (c["total"], c["pace_so_far"], c["pace_needed"], c["status"]) == (40.0, 40.0, 52.0, "needs_acceleration")
    d = with_series(ds, "ioc_full_criteria", [(2024, 0.0, "official"), (2025, 1.0, "official")])
    m = record(engine.assess_target(d, "ioc_criteria_2030", methods=methods))["milestone"]
    assert m == {"status": "achieved", "year_achieved": 2025, "reason": None}


# ---------------------------------------------------------------- scenarios

def test_accelerated_scenario_raises_p_meet_and_labels_assumptions(ds, methods):
    acc = load_scenario("accelerated", ds.registry)
    base = engine.assess_target(ds, "trained_labour_2030", methods=methods)
    fast = engine.assess_target(ds, "trained_labour_2030", scenario=acc, methods=methods)
    assert fast.probability.p_meet > base.probability.p_meet
    assert [a.type for a in fast.projection.adjustments] == ["growth_multiplier"]
    assert record(fast)["projection"]["adjustments"] == ["the trend's change 1.25 times as fast from 2026"]
    rnd = record(engine.assess_target(ds, "rnd_grdp_2030", scenario=acc, methods=methods))
    assert rnd["latest_status"] == "assumption" and rnd["includes_assumptions"] is True
    assert rnd["evidence"] == "weak"
    assert rnd["required_annual_change"] == pytest.approx((1.5 - 0.42) / (2030 - 2021))
    assert rnd["proxies"] and all(p["status"] == "proxy" for p in rnd["proxies"])


# ---------------------------------------------------------------- bad inputs

def test_breakdown_targets_need_a_level(ds, methods):
    with pytest.raises(InputError) as exc:
        engine.assess_target(ds, "stem_2030", methods=methods)
    assert str(exc.value.problems[0]) == (
        "params/targets.yaml: field 'breakdown': target 'stem_2030' is assessed separately for each level "
        "(pass breakdown= one of 'university', 'college', 'intermediate', or use assess_levels())")
    levels = engine.assess_levels(ds, "stem_2030", methods=methods)
    assert [a.breakdown for a in levels] == ["university", "college", "intermediate"]


def test_unknown_target(ds, methods):
    with pytest.raises(InputError) as exc:
        engine.assess_target(ds, "no_such_target", methods=methods)
    assert str(exc.value.problems[0]).startswith(
        "params/targets.yaml: field 'id': unknown target 'no_such_target' (use one of: trained_labour_2030, ")


def test_methods_file_problems_name_the_line(tmp_path):
    text = settings.METHODS.read_text(encoding="utf-8")
    text = text.replace("  on_track: 0.95            #", "  on_track: high            #", 1)
    bad = tmp_path / "methods.yaml"
    bad.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("  on_track: high"))
    with pytest.raises(InputError) as exc:
        load_methods(bad)
    assert [str(p) for p in exc.value.problems] == [
        f"{bad}:{line}: field 'on_track': must be a number, got 'high' (write 'on_track: ...' in section open_sdg)"]


def test_methods_yaml_sections_have_sources(methods):
    assert set(methods.sources) == {"open_sdg", "unsd", "base_year", "projection", "backtest", "evidence",
                                    "money_view", "ensemble", "revision", "likelihood", "pace", "forecast",
                                    "verdict"}
    assert methods.strict_step == 0.01
    assert (methods.on_track, methods.needs_acceleration, methods.limited_progress) == (0.95, 0.6, 0.0)
    assert (methods.unsd_on_track, methods.unsd_fair_progress) == (0.95, 0.10)
