"""The scorecard's section by ward and commune, read from the stored unit table."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml

from kh330lib import paths
from kh330lib.assess.unit_store import stored_city, stored_units
from kh330lib.briefs.units import units_section
from kh330lib.data.dataset import load_dataset
from reporting_support import YEARS, take_in_ward

WARD, OTHER = "VN-HUE-19753", "VN-HUE-19774"


class Cells(HTMLParser):
    """Rows of the table as lists of (data-label, text) and the section headings, as a reader sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, str]]] = []
        self.sections: list[str] = []
        self.section_of: list[int] = []  # the section each row sits under
        self._cell: tuple[str, list[str]] | None = None
        self._section: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and a.get("class") != "section":
            self.rows.append([])
            self.section_of.append(len(self.sections) - 1)
        elif tag == "th" and a.get("scope") == "colgroup":
            self._section = []
        elif tag == "td":
            self._cell = (a.get("data-label", ""), [])

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append((self._cell[0], "".join(self._cell[1]).strip()))
            self._cell = None
        elif tag == "th" and self._section is not None:
            self.sections.append("".join(self._section))
            self._section = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1].append(data)
        if self._section is not None:
            self._section.append(data)


def _geos() -> dict[str, dict]:
    data = yaml.safe_load((paths.PARAMS_DIR / "geos.yaml").read_text(encoding="utf-8"))
    return {g["id"]: g for g in data["geos"]}


def _parse(markup: str) -> Cells:
    cells = Cells()
    cells.feed(markup)
    return cells


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_without_ward_figures_the_section_says_what_is_needed(project, lang):
    dataset = load_dataset()
    markup = units_section(stored_units(dataset), stored_city(dataset), dataset, lang).data
    assert "<table" not in markup
    expected = ("Chưa xã, phường nào có số liệu cho chỉ tiêu nào của Kế hoạch" if lang == "vi" else
                "No ward or commune has figures for any of the plan's targets yet")
    assert expected in markup.replace("&#x27;", "'")


def test_rows_of_wards_with_figures_read_the_unit_table(project):
    typed = [take_in_ward(project, WARD, 900, 1200), take_in_ward(project, OTHER, 300, 1000)]
    dataset = load_dataset()
    table = stored_units(dataset)
    markup = units_section(table, stored_city(dataset), dataset, "vi").data
    geos = _geos()
    wards = [g for g in geos.values() if g["level"] in ("ward", "commune")]
    assert f"2/{len(wards)} xã, phường có số liệu cho ít nhất một chỉ tiêu" in markup
    # The table is on screen only; the printed page says it left it out.
    assert re.search(r'kh330-print-note">Bản in lược bớt bảng đánh giá theo xã, phường', markup)
    cells = _parse(markup)
    trained = next(k for k, s in enumerate(cells.sections) if s.startswith("Tỷ lệ lao động qua đào tạo"))
    by_ward = {r[0][1]: dict(r) for r, k in zip(cells.rows, cells.section_of) if r and k == trained}
    labels = ("Xã, phường", "Giá trị mới nhất", "Dự báo năm thời hạn (khoảng 80 %)", "Khả năng đạt", "Đánh giá")
    assert all(tuple(label for label, _ in r) == labels for r in cells.rows if r)
    # 900 / 1,200 = 75 % and 300 / 1,000 = 30 % in the report's last year, which the template marks as an
    # estimate (ước tính) until the reporter says otherwise.
    ward, other = geos[WARD]["label_vi"], geos[OTHER]["label_vi"]
    assert by_ward[ward]["Giá trị mới nhất"] == f"75 % ({YEARS[-1]}, ước tính)"
    assert by_ward[other]["Giá trị mới nhất"] == f"30 % ({YEARS[-1]}, ước tính)"
    # The trained-labour target is "above 80 %": a flat 75 % and a flat 30 % both fall short, the status words
    # are the table's verdicts, and the section counts them.
    rows = table[(table["target"] == "trained_labour_2030") & (table["n_points"] > 0)]
    assert set(rows["geo"]) == {WARD, OTHER}
    assert "trên 80 % đến 2030" in cells.sections[trained]
    assert "2 xã, phường có số liệu" in cells.sections[trained]
    # The city share added up from the two reports: (900 + 300) / (1,200 + 1,000) = 54.5454… %, not an average.
    assert f"cộng từ báo cáo của 2/{len(wards)} xã, phường: 54,55 % năm {YEARS[-1]}" in cells.sections[trained]
    # The teachers' target counts people for the whole city: no row per ward, the two reports' sum instead.
    teachers = sum(int(t[("teachers_trained_digital", "", YEARS[-1])]) for t in typed)
    assert not any(s.startswith("Giáo viên") for s in cells.sections)
    assert (f"chỉ tiêu của cả thành phố, nên không so riêng từng xã, phường với chỉ tiêu; cộng từ báo cáo của "
            f"2/{len(wards)} xã, phường: {teachers} người năm {YEARS[-1]}.") in markup
    for geo, label in ((WARD, ward), (OTHER, other)):
        row = rows[rows["geo"] == geo].iloc[0]
        assert row["verdict"] not in ("target_achieved", "no_data")
        assert by_ward[label]["Đánh giá"].endswith({"on_track": "Đúng tiến độ", "at_risk": "Có nguy cơ không đạt",
                                                   "off_track": "Khó đạt"}.get(row["verdict"], "?"))
        if row["band"] is not None:
            lo, hi = round(100 * row["p_low"]), round(100 * row["p_high"])
            assert by_ward[label]["Khả năng đạt"].endswith(
                "(từng mô hình, từng phép thử: " + (f"{lo} %)" if lo == hi else f"{lo}–{hi} %)"))
    # Only the units with figures have rows: the other 38 do not appear.
    assert set(by_ward) == {ward, other}
