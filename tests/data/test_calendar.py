"""The reporting calendar: what each unit owes, by when, and whether it is overdue relative to the data date."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from kh330lib.data.calendar import Calendar, Due, data_date, load_calendar, owed, template_file_name, unit_geos
from kh330lib.data.dataset import load_dataset
from kh330lib.errors import InputError


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def test_the_shipped_calendar_is_an_assumption_of_one_report_a_year_per_unit(dataset):
    calendar = load_calendar(dataset.registry)
    # The plan (mục V) says only "định kỳ": the dates must be labelled as assumed, never passed off as the plan's.
    assert calendar.assumed and "định kỳ" in calendar.source
    assert [d.unit for d in calendar.dues] == list(dataset.registry.units)
    assert calendar.first_period == 2025
    assert Due("doet", 1, 31, "V.1").date_for(2025) == dt.date(2026, 1, 31)


def test_units_report_for_the_geos_of_their_workbooks(dataset):
    geos = unit_geos(dataset.registry)
    assert geos["doet"] == ("VN-HUE",) and geos["hue_univ"] == ("HUE-UNIV",)
    wards = [g.id for g in dataset.registry.geos.values() if g.level in ("ward", "commune")]
    assert sorted(geos["ward"]) == sorted(wards) and len(wards) == 40


def test_the_data_date_is_the_newest_report_else_the_newest_source(dataset):
    sources = pd.concat([pd.to_datetime(dataset.sources[c], errors="coerce") for c in ("published", "accessed")])
    assert data_date(dataset) == sources.max().date()
    received = dataset.all_vintages.copy()
    received.loc[received.index[:2], "received"] = ["2026-01-05", "2025-12-30"]
    assert data_date(dataclasses.replace(dataset, all_vintages=received)) == dt.date(2026, 1, 5)


def test_every_unit_owes_its_2025_figures_and_is_overdue_after_the_due_date(dataset):
    calendar = load_calendar(dataset.registry)
    geos = unit_geos(dataset.registry)
    by_unit = {o.unit: o for o in owed(dataset, calendar, geos)}
    # Indicators a unit owes are those whose `reporters` name it (params/indicators.yaml), as its workbook lists.
    doet = [i.id for i in dataset.registry.indicators.values() if "doet" in i.reporters]
    assert by_unit["doet"].indicators == tuple(doet)
    # The data hold no Huế figure for 2025 of any reported indicator (the latest broad trained-labour rate is 2024).
    obs = dataset.observations
    assert not ((obs["indicator"].isin(doet)) & (obs["geo"] == "VN-HUE") & (obs["year"] == 2025)).any()
    assert by_unit["doet"].missing == tuple(doet) and by_unit["doet"].period == 2025
    assert by_unit["doet"].template == "doet_VN-HUE.xlsx"
    assert by_unit["ward"].template is None and by_unit["ward"].geos_missing == 40
    # 2 March 2026 (the data date) is after both due dates (15 and 31 January 2026).
    assert all(o.overdue for o in by_unit.values())
    # On 20 January 2026 only the units due on 15 January are late: the clock plays no part.
    early = {o.unit: o.overdue for o in owed(dataset, calendar, geos, on=dt.date(2026, 1, 20))}
    assert early == {"doet": False, "dost": True, "dof": True, "hue_univ": True, "ward": True}


def test_a_complete_period_moves_the_unit_on_to_the_next(dataset):
    calendar = Calendar((Due("dof", 1, 15, "V.3"),), 2025, "assumption", "s")
    dof = [i.id for i in dataset.registry.indicators.values() if "dof" in i.reporters]
    rows = pd.DataFrame([{"indicator": i, "geo": "VN-HUE", "breakdown": "", "year": 2025, "value": 1.0,
                          "unit": dataset.registry.indicators[i].unit, "source": "T", "status": "official",
                          "note": "", "period": ""} for i in dof])
    reported = dataclasses.replace(dataset, observations=pd.concat([dataset.observations, rows], ignore_index=True))
    (o,) = owed(reported, calendar, {"dof": ("VN-HUE",)})
    assert (o.period, o.due, o.overdue) == (2026, dt.date(2027, 1, 15), False)
    # A proxy or an assumption is not a report: the period stays owed.
    guessed = dataclasses.replace(dataset, observations=pd.concat(
        [dataset.observations, rows.assign(status="assumption")], ignore_index=True))
    (o,) = owed(guessed, calendar, {"dof": ("VN-HUE",)})
    assert (o.period, o.overdue, o.missing) == (2025, True, tuple(dof))


def test_template_file_names_match_kh330_template():
    assert template_file_name("ward", "VN-HUE-19753") == "ward_VN-HUE-19753.xlsx"


GOOD = 'source: s\nstatus: assumption\nfirst_period: 2025\nreports:\n  - {unit: doet, due: "01-31", clause: V.1}\n'


@pytest.mark.parametrize(("text", "message"), [
    (GOOD.replace("unit: doet", "unit: doetx"),
     "reporting_calendar.yaml:5: field 'unit': unknown reporting unit 'doetx' "
     "(use an id of params/reporting_units.yaml: doet, dost, dof, hue_univ, ward)"),
    (GOOD.replace('"01-31"', '"31-01"'),
     "reporting_calendar.yaml:5: field 'due': '31-01' is not a month and day "
     "(write the month and day of the following year as \"MM-DD\", e.g. \"01-31\")"),
    (GOOD.replace('"01-31"', '"02-29"'),
     "reporting_calendar.yaml:5: field 'due': '02-29' is not a month and day "
     "(write the month and day of the following year as \"MM-DD\", e.g. \"01-31\")"),
    (GOOD.replace(", clause: V.1", ""),
     "reporting_calendar.yaml:5: field 'clause': missing (name the clause of Plan 330 section V, e.g. V.1)"),
    (GOOD.replace("status: assumption", "status: guessed"),
     "reporting_calendar.yaml:2: field 'status': must be one of ('official', 'assumption') "
     "(write 'assumption' unless a document sets the dates)"),
    (GOOD.replace("first_period: 2025", "first_period: 25"),
     "reporting_calendar.yaml:3: field 'first_period': must be a year 2000–2100 "
     "(write the first year whose figures are owed, e.g. 2025)"),
    (GOOD + "owner: me\n",
     "reporting_calendar.yaml:6: field 'owner': unknown key (use only source, status, first_period, reports)"),
    (GOOD + '  - {unit: doet, due: "01-15", clause: V.1}\n',
     "reporting_calendar.yaml:4: field 'unit': 'doet' is listed twice (list each once)"),
    (GOOD.replace("source: s\n", ""),
     "reporting_calendar.yaml:1: field 'source': missing "
     "(name the plan's clause or the document that sets the dates)"),
])
def test_a_bad_calendar_names_the_line_and_the_fix(dataset, tmp_path, text, message):
    p = tmp_path / "reporting_calendar.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_calendar(dataset.registry, p)
    assert str(exc.value.problems[0]).endswith(message)
