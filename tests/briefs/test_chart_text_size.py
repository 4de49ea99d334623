"""Chart text as read: at least 8 pt on A4 paper and at least 10 px on a phone, computed from the size of the
figure saved (as the briefs embed it) and the size it is shown or printed at."""

from __future__ import annotations

import base64
import re

import pytest

from kh330lib.briefs import charts, figures
from kh330lib.briefs.charts import Fan, Line, Panel, TargetMark
from kh330lib.briefs.page import CSS, figure_markup
from layout_support import (
    MIN_PRINTED_PT,
    MIN_SCREEN_PX,
    PRINT_HEIGHT_IN,
    PRINT_WIDTH_IN,
    printed_pt,
    screen_px,
    smallest_text_pt,
)

CURVES = [("tăng ≥ 2 điểm", (0.1, 0.5, 0.9), (0.15, 0.45, 0.85), (10, 10, 10))]


def _saved_size(fig) -> tuple[float, float, list[float]]:
    """Width and height in inches of the SVG a brief embeds (page.figure_markup) and the font sizes it writes
    (points: the SVG's user unit is the point)."""
    markup = figure_markup(fig, alt="chart")
    svg = base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', markup).group(1)).decode("utf-8")
    width, height = (float(x) / 72 for x in re.search(r'<svg[^>]*width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    return width, height, [float(x) for x in re.findall(r"font-size:\s*([\d.]+)px", svg)]


def test_printed_and_screen_sizes_follow_the_figure_width():
    # A chart narrower than the page prints at its own size; a wider one shrinks to the page's width.
    assert printed_pt(9, 6.0, 4.0) == 9
    assert printed_pt(9, 2 * PRINT_WIDTH_IN, 4.0) == pytest.approx(4.5)
    # A very tall chart shrinks to the height a printed chart may take.
    assert printed_pt(9, 6.0, 2 * PRINT_HEIGHT_IN) == pytest.approx(4.5)
    # On screen a chart is 96 px an inch at its own size: 9 pt text is 12 px; shown half as wide, 6 px.
    assert screen_px(9, 7.6, 7.6 * 96) == pytest.approx(12)
    assert screen_px(9, 7.6, 7.6 * 48) == pytest.approx(6)
    # Matplotlib's 9.5 pt text on a 7.6 in chart squeezed to a 366 px phone screen: under 7 px.
    assert screen_px(9.5, 7.6, 366) < 7


def test_print_limits_are_those_of_the_stylesheet():
    margins = re.search(r"@page \{ size: A4 portrait; margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm; \}", CSS)
    assert margins, "kh330.css: no @page rule with four margins in mm"
    left, right = float(margins.group(4)), float(margins.group(2))
    assert PRINT_WIDTH_IN == pytest.approx((210 - left - right) / 25.4)
    printed = CSS[CSS.index("@media print"):]
    height = re.search(r"\.kh330 figure img \{[^}]*max-height: ([\d.]+)mm", printed)
    assert height and PRINT_HEIGHT_IN == pytest.approx(float(height.group(1)) / 25.4)


def _synthetic_charts():
    history = Line((2021, 2022, 2023, 2024), (66.8, 68.0, 70.25, 72.5), "Huế",
                   ("official", "estimate", "official", "assumption"))
    fan = Fan((2025, 2030), (74.0, 79.0), (73.0, 75.0), (75.0, 83.0), (72.0, 72.0), (76.0, 86.0))
    national = Line((2015, 2020, 2024), (51.6, 64.5, 68.1), "Cả nước — tham chiếu quốc gia")
    weak = Line((2013, 2017), (0.3, 0.42), "Cả nước", ("proxy", "proxy"),
                weak_label="Số liệu thay thế: chi cho R&D so với GDP (cả nước)")
    rows = [(f"Chuỗi số liệu thứ {i} của một chỉ số có tên rất dài (cả nước)", (2010, 2015, 2020),
             ("official", "estimate", "proxy")) for i in range(36)]
    yield "level", charts.panel_figure(Panel("Tỷ lệ lao động qua đào tạo", "%", history=history, fan=fan,
                                             targets=(TargetMark(80.0, 2030, "trên 80 % (2030)"),)), "vi")
    yield "level+national", charts.panel_figure(Panel("Tỷ lệ lao động qua đào tạo", "%", history=history, fan=fan,
                                                      national=national, national_title="Cả nước"), "vi")
    yield "proxy", charts.panel_figure(Panel("R&D", "% of GRDP", history=weak), "vi")
    yield "coverage", charts.coverage_chart(rows, "Các năm có số liệu, theo chuỗi", "vi").figure
    yield "reliability", charts.reliability_chart(CURVES, "t", "x", "y", "d", "alt", "vi").figure
    yield "lines", charts.lines_chart([history, national], "t", "%", "vi").figure


def _brief_charts(dataset, assessments):
    for target in ("trained_labour_2030", "rnd_grdp_2030"):
        group = [a for a in assessments if a.target.id == target]
        chart = figures.assessment_chart(group, dataset, "vi") if group else None
        if chart is not None:
            yield target, chart.figure
    money = figures.money_chart([a for a in assessments if a.target.indicator == "rnd_spending_pct_grdp"],
                                dataset, "vi")
    if money is not None:
        yield "money", money.figure
    yield "coverage (data)", figures.coverage_chart(dataset, "vi").figure


def test_every_chart_reads_at_8pt_on_paper_and_10px_on_a_phone(fixture_dataset, fixture_assessments):
    seen = 0
    for name, fig in [*_synthetic_charts(), *_brief_charts(fixture_dataset, fixture_assessments)]:
        width, height, written = _saved_size(fig)
        smallest = smallest_text_pt(fig)
        assert smallest is not None and smallest >= charts.SMALLEST_PT, (name, smallest)
        assert min(written) >= charts.SMALLEST_PT, (name, min(written))
        printed = printed_pt(smallest, width, height)
        assert printed >= MIN_PRINTED_PT, f"{name}: {printed:.2f} pt on paper ({width:.2f} × {height:.2f} in)"
        # A phone shows the chart at its own size, in a box that scrolls sideways (kh330.css).
        on_phone = screen_px(smallest, width, width * 96)
        assert on_phone >= MIN_SCREEN_PX, f"{name}: {on_phone:.1f} px on a phone"
        seen += 1
    assert seen >= 8
