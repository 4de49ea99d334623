"""`kh330 assess --all --json` gives the same records as before the package was laid out in floors.

The files under tests/fixtures/contract/ were written by the last version with
the old layout (`kh330 assess --all --json [--scenario accelerated]` on the
shipped data). A deliberate change of methods or data updates them with the
same commands; a refactoring must leave them as they are. The one field whose
wording was unified with the briefs is `projection.adjustments`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kh330lib.cli import main

CONTRACT = Path(__file__).parents[1] / "fixtures" / "contract"
UNIFIED = {"accelerated": {"trend change ×1.25 from 2026": "the trend's change 1.25 times as fast from 2026"}}


def _assess(capsys, *args: str) -> list[dict]:
    assert main(["assess", "--all", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("scenario", ["baseline", "accelerated"])
def test_records_are_unchanged_by_the_layout(capsys, scenario):
    before = json.loads((CONTRACT / f"assess_all_{scenario}.json").read_text(encoding="utf-8"))
    for rec in before:
        adjustments = rec["projection"]["adjustments"]
        rec["projection"]["adjustments"] = [UNIFIED.get(scenario, {}).get(a, a) for a in adjustments]
    now = _assess(capsys, *(["--scenario", scenario] if scenario != "baseline" else []))
    assert [r["target"] for r in now] == [r["target"] for r in before]
    for old, new in zip(before, now):
        assert new == old, old["target"]
