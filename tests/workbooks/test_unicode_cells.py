"""Workbook cells: status and Phân tổ typed decomposed (NFD) are read as the words they show; digits 0–9 only."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from openpyxl import load_workbook

from kh330lib.cli import main
from kh330lib.data.catalog import load_registry
from kh330lib.workbooks.intake import take_in
from kh330lib.workbooks.template import load_spec, write_template
from reporting_support import TODAY, project, tree_hash  # noqa: F401 - project is a fixture

REPORTER = "Nguyễn Văn An, Phòng Kế hoạch – Tài chính"


def nfd(text: str) -> str:
    out = unicodedata.normalize("NFD", text)
    assert out != text  # really decomposed: it looks the same but is not the same string
    return out


def doet(project_dir):
    registry = load_registry()
    path = write_template(project_dir / "doet.xlsx", registry, load_spec(registry), "doet", None, TODAY)
    return load_workbook(path)


def test_decomposed_status_and_breakdown_are_accepted(project):
    wb = doet(project)
    stem = wb["STEM"]
    assert stem["C6"].value == "đại học"
    stem["E4"], stem["F4"] = nfd("chính thức"), nfd("Ước tính")
    stem["C6"] = nfd("đại học")
    stem["E6"], stem["F6"] = 31.5, 32
    wb.save(project / "nfd.xlsx")
    result = take_in(project / "nfd.xlsx", REPORTER, dt.date(2026, 3, 15), today=TODAY)
    assert [(r.indicator, r.breakdown, r.year, r.status) for r in result.workbook.readings] == [
        ("stem_share_hs_graduates", "university", 2024, "official"),
        ("stem_share_hs_graduates", "university", 2025, "estimate")]


@pytest.mark.parametrize(("typed", "named"), [
    ("９0", "'９' (U+FF19 FULLWIDTH DIGIT NINE)"),
    ("٩٠", "'٩' (U+0669 ARABIC-INDIC DIGIT NINE)"),
    ("𝟗𝟎", "'𝟗' (U+1D7D7 MATHEMATICAL BOLD DIGIT NINE)")])
def test_a_value_typed_with_foreign_digits_is_refused(project, capsys, typed, named):
    wb = doet(project)
    wb["STEM"]["E5"] = typed
    wb.save(project / "bad.xlsx")
    before = tree_hash(project / "data")
    assert main(["intake", str(project / "bad.xlsx"), "--reporter", REPORTER]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"bad.xlsx: cell 'STEM!E5': hs_grad_digital_skills_share, 2024: '{typed}' has a digit that is not 0–9: "
        f"{named} (type it with the digits 0–9: 90)",
        "kh330 intake: 1 problem in the input; nothing was changed."]
    assert tree_hash(project / "data") == before


def test_a_year_header_with_full_width_digits_is_refused(project, capsys):
    wb = doet(project)
    assert wb["STEM"]["E3"].value == 2024
    wb["STEM"]["E3"] = "２０２４"
    wb["STEM"]["F5"] = 90
    wb.save(project / "bad.xlsx")
    assert main(["intake", str(project / "bad.xlsx"), "--reporter", REPORTER]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "bad.xlsx: cell 'STEM!E3': header '２０２４' has a digit that is not 0–9: '２' (U+FF12 FULLWIDTH DIGIT TWO) "
        "(type the year with the digits 0–9: 2024)")
