"""Wards and communes: the 40 official units, shares summed from counts (never averaged), audit, engine."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from ward_reference import aggregate_city_before, derive_ratios_before, reporting_audit_before

from kh330lib import paths
from kh330lib.assess import assess_target
from kh330lib.data.annual import AnnualIndex, annual_series
from kh330lib.data.catalog import load_registry
from kh330lib.data.dataset import load_dataset
from kh330lib.data.observations import collect_observations
from kh330lib.data.vintages import read_vintages, resolve, revisions, write_vintage
from kh330lib.data.wards import aggregate_city, collect_rules, derive_ratios, for_geo, local_geos, reporting_audit
from kh330lib.errors import InputError

# Three wards, figures chosen so that the mean of percentages (50 %) and the city share (80 %) differ.
WARD_FIGURES = {  # geo: (trained workers, employed workers) in 2025
    "VN-HUE-19753": (900, 1000),   # 90 %
    "VN-HUE-19774": (50, 100),     # 50 %
    "VN-HUE-19777": (10, 100),     # 10 %
}


def add_ward_rows(project: Path, rows: list[tuple[str, str, int, float]]) -> None:
    """Append ward rows (indicator, geo, year, value) to the temporary seed file, from a test source."""
    sources = project / "data" / "sources.csv"
    if "TEST_WARDS," not in sources.read_text(encoding="utf-8"):
        with open(sources, "a", encoding="utf-8") as f:
            f.write("TEST_WARDS,Test figures for ward aggregation (not real data),kh330 tests,,,\n")
    with open(project / "data" / "observations.csv", "a", encoding="utf-8") as f:
        for indicator, geo, year, value in rows:
            unit = "persons"
            f.write(f"{indicator},{geo},,{year},,{value:g},{unit},TEST_WARDS,official,test fixture\n")


def three_wards(project: Path) -> None:
    rows = []
    for geo, (trained, employed) in WARD_FIGURES.items():
        rows += [("trained_workers", geo, 2025, trained), ("employed_workers", geo, 2025, employed)]
    rows += [("teachers_trained_digital", "VN-HUE-19753", 2025, 12),
             ("teachers_trained_digital", "VN-HUE-19774", 2025, 30)]
    add_ward_rows(project, rows)


def test_the_forty_wards_and_communes_of_hue():
    data = yaml.safe_load((paths.PARAMS_DIR / "geos.yaml").read_text(encoding="utf-8"))["geos"]
    local = [g for g in data if g["level"] in ("ward", "commune")]
    assert len(local) == 40
    assert sum(g["level"] == "ward" for g in local) == 21 and sum(g["level"] == "commune" for g in local) == 19
    codes = [g["id"] for g in local]
    assert len(set(codes)) == 40 and all(re.fullmatch(r"VN-HUE-\d{5}", c) for c in codes)
    for g in local:
        assert g["parent"] == "VN-HUE"
        assert g["label_vi"].startswith("Phường " if g["level"] == "ward" else "Xã ")
        assert "1675/NQ-UBTVQH15" in g["source"] and f"mã {g['id'][-5:]}" in g["source"]
        assert "19/2025/QĐ-TTg" in g["source"]
    assert [g.id for g in local_geos(load_registry())] == codes


def test_city_share_sums_numerators_and_denominators(project):
    three_wards(project)
    ds = load_dataset()
    (fig,) = aggregate_city(ds, "trained_labour_rate_broad")
    trained = sum(t for t, _ in WARD_FIGURES.values())
    employed = sum(e for _, e in WARD_FIGURES.values())
    assert (fig.year, fig.numerator, fig.denominator) == (2025, trained, employed)
    assert fig.value == pytest.approx(100 * 960 / 1200) == pytest.approx(80.0)
    mean_of_percentages = np.mean([100 * t / e for t, e in WARD_FIGURES.values()])
    assert mean_of_percentages == pytest.approx(50.0)
    assert abs(fig.value - mean_of_percentages) > 29
    assert (fig.n_reported, fig.n_wards, len(fig.missing), fig.complete) == (3, 40, 37, False)
    assert "VN-HUE-19753" not in fig.missing and "VN-HUE-20182" in fig.missing
    (teachers,) = aggregate_city(ds, "teachers_trained_digital")
    assert (teachers.value, teachers.n_reported, teachers.numerator) == (42, 2, None)
    with pytest.raises(ValueError, match="stem_share_hs_graduates has no rule in params/wards.yaml: a city "
                                         "figure cannot be added up from wards"):
        aggregate_city(ds, "stem_share_hs_graduates")


def test_ward_share_is_derived_from_its_counts_and_a_direct_report_wins(project):
    three_wards(project)
    add_ward_rows(project, [("trained_workers", "VN-HUE-19753", 2024, 880),
                            ("employed_workers", "VN-HUE-19753", 2024, 1000)])
    with open(project / "data" / "observations.csv", "a", encoding="utf-8") as f:
        f.write("trained_labour_rate_broad,VN-HUE-19753,,2024,,87.5,%,TEST_WARDS,estimate,reported directly\n")
    obs = load_dataset().observations
    rate = obs[(obs["indicator"] == "trained_labour_rate_broad") & (obs["geo"].str.startswith("VN-HUE-"))]
    got = {(r.geo, r.year): (r.value, r.note) for r in rate.itertuples()}
    assert got == {
        ("VN-HUE-19753", 2024): (87.5, "reported directly"),
        ("VN-HUE-19753", 2025): (90.0, "derived: trained_workers / employed_workers × 100 (900 / 1000)"),
        ("VN-HUE-19774", 2025): (50.0, "derived: trained_workers / employed_workers × 100 (50 / 100)"),
        ("VN-HUE-19777", 2025): (10.0, "derived: trained_workers / employed_workers × 100 (10 / 100)"),
    }
    # The city series is not touched by ward rows: the consolidated city figure is reported by DoET.
    city = obs[(obs["indicator"] == "trained_labour_rate_broad") & (obs["geo"] == "VN-HUE")]
    assert list(city["year"]) == [2021, 2022, 2023, 2024]


def test_the_engine_assesses_a_ward_like_the_city(project):
    add_ward_rows(project, [(ind, "VN-HUE-19753", y, v) for y, t, e in ((2023, 850, 1000), (2024, 880, 1000),
                                                                        (2025, 900, 1000))
                            for ind, v in (("trained_workers", t), ("employed_workers", e))])
    ds = load_dataset()
    ward = assess_target(ds, "trained_labour_2030", geo="VN-HUE-19753")
    assert (ward.geo, list(ward.series["year"]), list(ward.series["value"])) == (
        "VN-HUE-19753", [2023, 2024, 2025], [85.0, 88.0, 90.0])
    # 90 % already exceeds "> 80 %".
    assert ward.progress.status == "target_achieved"
    # for_geo places every target at the ward, as `kh330 status --geo` does.
    moved = for_geo(ds, "VN-HUE-19753")
    assert {t.geo for t in moved.registry.targets} == {"VN-HUE-19753"}
    with pytest.raises(InputError) as exc:
        for_geo(ds, "VN-HUE-00000")
    assert str(exc.value.problems[0]) == ("params/geos.yaml: field 'geo': unknown geo 'VN-HUE-00000' "
                                          "(use a code from params/geos.yaml)")


def test_audit_shows_which_wards_have_reported(project):
    three_wards(project)
    audit = reporting_audit(load_dataset())
    assert len(audit) == 40
    reported = audit[audit["reported"]]
    assert list(reported["geo"]) == list(WARD_FIGURES)
    assert list(reported["label"]) == ["Phường Phú Xuân", "Phường Kim Long", "Phường Vỹ Dạ"]
    assert reported.iloc[0]["indicators"] == ("employed_workers, teachers_trained_digital, "
                                              "trained_labour_rate_broad, trained_workers")
    assert reported.iloc[0]["years"] == "2025"
    # Seed rows have no received date; only departmental reports do.
    assert set(audit["last_received"]) == {""}


def test_unknown_ward_code_gets_its_own_hint(project):
    add_ward_rows(project, [("trained_workers", "VN-HUE-99999", 2025, 5)])
    with pytest.raises(InputError) as exc:
        load_dataset()
    line = len((project / "data" / "observations.csv").read_text(encoding="utf-8").splitlines())
    assert [str(p) for p in exc.value.problems] == [
        f"data/observations.csv:{line}: column 'geo': unknown geo 'VN-HUE-99999' "
        "(use a ward or commune code listed in params/geos.yaml (VN-HUE-19753 … VN-HUE-20182))"]


def test_rules_never_add_up_shares(project):
    path = project / "params" / "wards.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - teachers_trained_digital\n",
                                 "  - teachers_trained_digital\n  - st_budget_share\n")
                    .replace("numerator: trained_workers", "numerator: hightech_cert_share"), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    num_line = next(i for i, s in enumerate(lines, 1) if "numerator:" in s)
    sums_line = lines.index("sums:") + 1
    _, problems = collect_rules(load_registry())
    assert [str(p) for p in problems] == [
        f"params/wards.yaml:{num_line}: field 'numerator': 'hightech_cert_share' is not a count (integer: true) "
        "(numerators and denominators are counts; a share is never summed)",
        f"params/wards.yaml:{sums_line}: field 'sums': 'st_budget_share' is not a count, so wards' values cannot "
        "be added up (list only counts (integer: true); shares go under 'ratios')",
    ]


# ---------------------------------------------------------------- the same results as the per-ward code

def many_wards(project: Path, seed: int = 5) -> None:
    """Counts for every ward and commune (some years missing, some quarters, mixed statuses), a few shares
    reported directly, and teachers trained: the inputs of the equivalence tests below."""
    rng = np.random.default_rng(seed)
    geos = [g.id for g in local_geos(load_registry())]
    statuses = ("official", "estimate", "provisional")
    with open(project / "data" / "sources.csv", "a", encoding="utf-8") as f:
        f.write("TEST_MANY,Test figures for many wards (not real data),kh330 tests,,,\n")
    with open(project / "data" / "observations.csv", "a", encoding="utf-8") as f:
        def row(ind: str, geo: str, year: int, period: str, value: float, unit: str, status: str) -> None:
            f.write(f"{ind},{geo},,{year},{period},{value:g},{unit},TEST_MANY,{status},test fixture\n")

        for k, geo in enumerate(geos[:-3]):  # the last three wards report nothing
            for year in range(2019, 2026):
                if rng.random() < 0.2:
                    continue
                employed = int(rng.integers(500, 5000))
                status = str(rng.choice(statuses))
                if k % 4 == 0:  # numerator and denominator given by quarter: the latest quarter counts
                    for q in (2, 4):
                        row("trained_workers", geo, year, f"{year}Q{q}", employed // 2 + q, "persons", status)
                        row("employed_workers", geo, year, f"{year}Q{q}", employed + q, "persons", "official")
                else:
                    row("trained_workers", geo, year, "", int(employed * rng.uniform(0.5, 0.9)), "persons", status)
                    row("employed_workers", geo, year, "", employed, "persons", str(rng.choice(statuses)))
                if k % 7 == 1:
                    row("trained_labour_rate_broad", geo, year, "", round(rng.uniform(50, 90), 2), "%", "estimate")
                if k % 3 == 0:
                    row("teachers_trained_digital", geo, year, "", int(rng.integers(0, 30)), "persons", status)


def test_ward_figures_equal_the_per_ward_code(project):
    many_wards(project)
    ds = load_dataset()
    rules = collect_rules(ds.registry)[0]
    base = ds.observations[~ds.observations["note"].str.startswith("derived: ")].reset_index(drop=True)
    pd.testing.assert_frame_equal(derive_ratios(base, rules, ds.registry),
                                  derive_ratios_before(base, rules, ds.registry))
    for indicator in ("trained_labour_rate_broad", "trained_workers", "employed_workers", "teachers_trained_digital"):
        assert aggregate_city(ds, indicator) == aggregate_city_before(ds, indicator)
    assert aggregate_city(ds, "trained_labour_rate_broad", breakdown="x") == []
    for lang in ("vi", "en"):
        pd.testing.assert_frame_equal(reporting_audit(ds, lang=lang), reporting_audit_before(ds, lang=lang))


def test_the_series_index_gives_what_annual_series_gives(project):
    many_wards(project)
    obs = load_dataset().observations
    index = AnnualIndex(obs)
    keys = set(zip(obs["indicator"], obs["geo"], obs["breakdown"])) | {("trained_workers", "VN-HUE-99999", "")}
    for key in sorted(keys):
        want = annual_series(obs, *key)
        got = index.series(*key)
        pd.testing.assert_frame_equal(got, want, check_index_type=False)
        assert index.has(*key) == (len(want) > 0)
    # Quarters: the latest quarter stands for its year.
    quarterly = index.series("trained_workers", local_geos(load_registry())[0].id)
    assert set(quarterly["period"]) <= {f"{y}Q4" for y in range(2019, 2026)}


def test_the_rows_of_many_vintages_are_one_table_as_file_by_file(project):
    """One frame for every vintage's rows gives the table that one frame per file, concatenated, gave."""
    registry = load_registry()
    geos = [g.id for g in local_geos(registry)][:6]
    for seq, geo in enumerate(geos + geos[:2], 1):  # the first two wards report twice: a revision
        rows = [{"indicator": ind, "geo": geo, "breakdown": "", "year": year, "period": "", "unit": "persons",
                 "value": float(100 * seq + year - 2020 + (ind == "employed_workers") * 900),
                 "source": f"TEST_V{seq}", "status": "estimate" if year == 2025 else "official", "note": ""}
                for year in (2023, 2024, 2025) for ind in ("trained_workers", "employed_workers")]
        received = f"2026-0{1 + seq // 4}-1{seq % 4}"
        write_vintage(f"{received}_ward_{geo}_{seq:08d}", rows, {
            "seq": seq, "unit": "ward", "geo": geo, "reporter": "test", "received": received,
            "template_version": "t", "sha256": f"{seq:064d}", "workbook": f"{geo}.xlsx", "taken_in": received,
            "source": {"source": f"TEST_V{seq}", "title": f"Test vintage {seq}", "publisher": "test", "url": "",
                       "published": received, "accessed": received}})
    ds = load_dataset()
    src = set(ds.sources["source"])
    base, _ = collect_observations(None, registry, src)
    frames = [base.assign(vintage="", received="", seq=0)]
    for v in read_vintages()[0]:
        frames.append(collect_observations(v.csv_path, registry, src)[0].assign(
            vintage=v.id, received=v.received.isoformat(), seq=v.seq))
    history = pd.concat(frames, ignore_index=True)
    pd.testing.assert_frame_equal(ds.all_vintages, history)
    pd.testing.assert_frame_equal(ds.observations, resolve(history, registry, collect_rules(registry)[0]))
    assert len(revisions(ds)) == 4  # the two wards' 2025 estimates of both counts
