"""Verdicts across data vintages: each data state is assessed with the data known on its date."""

from __future__ import annotations

import datetime as dt

from kh330lib.assess import assess_target, history
from kh330lib.assess.history import VerdictAt, last_change, verdict_histories
from kh330lib.codes import Verdict
from kh330lib.data.dataset import load_dataset
from kh330lib.workbooks.intake import take_in
from reporting_support import DOET_REPORTER, TODAY, doet_workbook


def test_verdict_histories_follow_the_vintages(project, monkeypatch):
    """A fake assessor: the verdict is the latest 2024 value, so each vintage's effect is known by hand."""
    take_in(doet_workbook(project, "a.xlsx", {"E5": 72.8}), DOET_REPORTER, dt.date(2026, 2, 1), today=TODAY)
    take_in(doet_workbook(project, "b.xlsx", {"E5": 73.0}), DOET_REPORTER, dt.date(2026, 3, 1), today=TODAY)

    class Fake:
        def __init__(self, target, value: float):
            self.target, self.breakdown, self.verdict = target, "", f"v{value:g}"

    def fake(ds, **_):
        target = ds.registry.target("trained_labour_2030")
        obs = ds.observations
        sel = obs[(obs["indicator"] == target.indicator) & (obs["year"] == 2024) & (obs["geo"] == target.geo)]
        return [Fake(target, float(sel["value"].iloc[0]))]

    monkeypatch.setattr(history, "assess_all", fake)
    ds = load_dataset()
    assert verdict_histories(ds, 3) == {("trained_labour_2030", ""): [
        VerdictAt(None, "v72.5"), VerdictAt(dt.date(2026, 2, 1), "v72.8"), VerdictAt(dt.date(2026, 3, 1), "v73")]}
    assert verdict_histories(ds, 2) == {("trained_labour_2030", ""): [
        VerdictAt(dt.date(2026, 2, 1), "v72.8"), VerdictAt(dt.date(2026, 3, 1), "v73")]}


def test_verdict_histories_with_the_engine(project):
    before = assess_target(load_dataset(), "trained_labour_2030").verdict
    # A report that puts 2025 at 85 % makes the "> 80 %" target achieved.
    take_in(doet_workbook(project, "a.xlsx", {"F5": 85}), DOET_REPORTER, dt.date(2026, 3, 15), today=TODAY)
    ds = load_dataset()
    after = assess_target(load_dataset(as_of="2026-03-15"), "trained_labour_2030").verdict
    assert after is Verdict.TARGET_ACHIEVED and before is not after
    # One engine pass per data state: each target's verdict as assessed alone with the data of that date.
    every = verdict_histories(ds, 3)
    one = every[("trained_labour_2030", "")]
    assert one == [VerdictAt(None, before), VerdictAt(dt.date(2026, 3, 15), after)]
    assert last_change(one) == (one[0], one[1])
    assert last_change([VerdictAt(None, after), VerdictAt(dt.date(2026, 3, 15), after)]) is None
    assert every[("rnd_grdp_2030", "")] == [VerdictAt(None, Verdict.NO_DATA),
                                            VerdictAt(dt.date(2026, 3, 15), Verdict.NO_DATA)]
    assert every[("ioc_criteria_2030", "")][0].verdict in (Verdict.NO_DATA, Verdict.NOT_YET, Verdict.ACHIEVED)
