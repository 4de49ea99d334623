"""charts.py: what each chart draws (markers by status, labels on weak series, fan bands, target)."""

from __future__ import annotations

import base64
import io
import re

import numpy as np
import pandas as pd
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.figure import Figure
from PIL import Image

from kh330lib.briefs import charts, page
from kh330lib.briefs.charts import Fan, Line, Panel, TargetMark


def _panel(**kw) -> Panel:
    history = Line((2021, 2022, 2023, 2024), (66.8, 68.0, 70.25, 72.5), "Huế",
                   ("official", "estimate", "official", "assumption"))
    fan = Fan((2025, 2026), (74.0, 75.5), (73.0, 74.0), (75.0, 77.0), (72.0, 73.0), (76.0, 78.0))
    base = dict(title="Tỷ lệ lao động qua đào tạo", unit="%", history=history, fan=fan,
                targets=(TargetMark(80.0, 2030, "> 80 % đến 2030"),))
    base.update(kw)
    return Panel(**base)


def _scatters(fig):
    ax = fig.axes[0]
    return [c for c in ax.collections if isinstance(c, PathCollection)]


def test_each_status_gets_its_own_marker_and_fill():
    fig = charts.panel_figure(_panel(), "vi")
    by_label = {c.get_label(): c for c in _scatters(fig)}
    official = by_label["Huế — chính thức"]
    estimate = by_label["Huế — ước tính"]
    assumption = by_label["Huế — giả định"]
    assert [tuple(p) for p in official.get_offsets()] == [(2021, 66.8), (2023, 70.25)]
    assert [tuple(p) for p in estimate.get_offsets()] == [(2022, 68.0)]
    # Filled vs hollow: an estimate's face is white, an official point's face is its edge colour.
    assert tuple(estimate.get_facecolors()[0][:3]) == (1.0, 1.0, 1.0)
    assert np.allclose(official.get_facecolors()[0], official.get_edgecolors()[0])
    # Different shapes: the marker paths differ.
    assert not np.allclose(assumption.get_paths()[0].vertices[:4], official.get_paths()[0].vertices[:4])


def test_weak_points_are_labelled_on_the_chart_itself():
    fig = charts.panel_figure(_panel(), "vi")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "giả định" in texts
    weak = Line((2013, 2017), (0.3, 0.42), "Cả nước", ("proxy", "proxy"), weak_label="Số liệu thay thế: cả nước")
    fig = charts.panel_figure(Panel("R&D", "% of GRDP", history=weak), "vi")
    assert "Số liệu thay thế: cả nước" in [t.get_text() for t in fig.axes[0].texts]


def test_fan_bands_follow_the_projection_quantiles():
    fig = charts.panel_figure(_panel(), "en")
    bands = [c for c in fig.axes[0].collections if isinstance(c, PolyCollection)]
    labels = [b.get_label() for b in bands]
    assert labels[:2] == ["95% projection interval", "80% projection interval"]
    # The 80 % band runs from the last observation (72.5 in 2024) to the projected bounds.
    verts = bands[1].get_paths()[0].vertices
    assert {(2024.0, 72.5), (2025.0, 73.0), (2026.0, 77.0)} <= {tuple(v) for v in verts}
    assert verts[:, 1].min() == 72.5 and verts[:, 1].max() == 77.0


def test_target_marker_and_text():
    fig = charts.panel_figure(_panel(), "vi")
    ax = fig.axes[0]
    star = [c for c in _scatters(fig) if c.get_label() == "Mục tiêu"][0]
    assert [tuple(p) for p in star.get_offsets()] == [(2030, 80.0)]
    assert "> 80 % đến 2030" in [t.get_text() for t in ax.texts]


def test_axis_numbers_use_the_locale():
    ticks = {}
    for lang in ("vi", "en"):
        fig = charts.panel_figure(Panel("x", "%", history=Line((2021, 2022), (66.5, 67.5), "Huế")), lang)
        fig.canvas.draw()
        ax = fig.axes[0]
        ticks[lang] = [(v, t.get_text()) for v, t in zip(ax.get_yticks(), ax.get_yticklabels())]
    for v, text in ticks["vi"]:
        assert text == f"{v:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " %"
    for v, text in ticks["en"]:
        assert text == f"{v:.2f}".rstrip("0").rstrip(".") + "%"


def test_line_from_frame_keeps_statuses():
    frame = pd.DataFrame({"year": [2021, 2022], "value": [1.0, 2.0], "status": ["official", "proxy"]})
    line = Line.from_frame(frame, "x")
    assert line.years == (2021, 2022) and line.statuses == ("official", "proxy")


def test_png_size_is_moderate():
    fig = charts.panel_figure(_panel(), "vi")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=charts.DPI)
    width, height = Image.open(io.BytesIO(buf.getvalue())).size
    assert (width, height) == (round(charts.FIGSIZE[0] * charts.DPI), round(charts.FIGSIZE[1] * charts.DPI))
    assert len(buf.getvalue()) < 150_000


# ---- honest charts: no target against a stand-in series, Viet Nam in its own panel, data and SVG with every chart

def _csv_frame(html: str) -> pd.DataFrame:
    import base64
    import re
    m = re.search(r'<a class="kh330-csv" href="data:text/csv;charset=utf-8;base64,([^"]+)" download="([^"]+)\.csv"',
                  html)
    assert m, html[-400:]
    raw = base64.b64decode(m.group(1))
    assert raw.startswith("\ufeff".encode("utf-8"))  # BOM: Excel reads the Vietnamese names
    return pd.read_csv(io.BytesIO(raw[3:]))


def test_proxy_chart_draws_no_target_and_says_national_reference(fixture_dataset, fixture_assessments):
    from kh330lib.briefs import figures
    group = [a for a in fixture_assessments if a.target.indicator == "rnd_spending_pct_grdp"]
    assert not any(a.has_data for a in group)
    chart = figures.assessment_chart(group, fixture_dataset, "vi")
    ax = chart.figure.axes[0]
    targets = {float(a.target.value) for a in group}
    # No horizontal line at any target value, no star, no target text.
    for line in ax.get_lines():
        ys = set(np.asarray(line.get_ydata(), dtype=float).tolist())
        assert not (len(ys) == 1 and ys <= targets), line
    assert not [c for c in _scatters(chart.figure) if c.get_paths() and c.get_label() == "Mục tiêu"]
    markers = {line.get_marker() for line in ax.get_lines()}
    assert "*" not in markers
    assert "tham chiếu quốc gia" in ax.get_title(loc="left")
    # The target is stated in the caption, and the axis carries the proxy's own unit (% of GDP, not GRDP).
    assert "1,5 %" in chart.note and "không vẽ trên hình" in chart.note
    assert ax.get_ylabel() == "% GDP"
    en = figures.assessment_chart(group, fixture_dataset, "en")
    assert "national reference" in en.figure.axes[0].get_title(loc="left")
    assert en.figure.axes[0].get_ylabel() == "% of GDP"


def test_national_series_has_its_own_panel_without_target(fixture_dataset, fixture_assessments):
    from kh330lib.briefs import figures
    from kh330lib.data.annual import annual_series
    a = [x for x in fixture_assessments if x.target.id == "trained_labour_2030"]
    chart = figures.assessment_chart(a, fixture_dataset, "vi")
    assert len(chart.figure.axes) == 2
    hue_ax, nat_ax = chart.figure.axes
    assert nat_ax.get_title(loc="left").startswith("Cả nước — tham chiếu quốc gia")
    nat = annual_series(fixture_dataset.observations, "trained_labour_rate_broad", "VN")
    points = {tuple(p) for c in nat_ax.collections for p in c.get_offsets()}
    assert points == set(zip(nat["year"].astype(float), nat["value"]))
    hue_points = {tuple(p) for c in hue_ax.collections if isinstance(c, PathCollection) for p in c.get_offsets()}
    assert not points & hue_points - {(2030.0, 80.0)}
    # The national panel has no target line or star.
    assert not [ln for ln in nat_ax.get_lines() if set(np.asarray(ln.get_ydata(), dtype=float)) == {80.0}]
    assert all(c.get_label() != "Mục tiêu" for c in nat_ax.collections)


def test_csv_holds_exactly_the_numbers_drawn(fixture_dataset, fixture_assessments):
    from kh330lib.briefs import figures, page
    a = [x for x in fixture_assessments if x.target.id == "trained_labour_2030"][0]
    chart = figures.assessment_chart([a], fixture_dataset, "en")
    html = page.figure_markup(chart)
    assert html.startswith('<figure class="kh330-chart"><img src="data:image/svg+xml;base64,')
    assert '<p class="kh330-source">Source: ' in html and "Download data (CSV)</a>" in html
    frame = _csv_frame(html)
    hist = frame[(frame["geo"] == "VN-HUE") & frame["status"].isin(["official", "estimate"])]
    assert list(hist["year"]) == [int(y) for y in a.series["year"]]
    assert list(hist["value"]) == [float(v) for v in a.series["value"]]
    assert list(hist["status"]) == [str(s) for s in a.series["status"]]
    fan = frame[frame["status"] == "projection"]
    expected = a.projection.to_frame()
    expected = expected[expected["year"] <= a.target.deadline]
    assert list(fan["year"]) == list(expected["year"])
    for col in ("median", "lo80", "hi80", "lo95", "hi95"):
        assert list(fan[col]) == [float(v) for v in expected[col]]  # exact: full precision
    target = frame[frame["status"] == "target"]
    assert list(target["value"]) == [float(a.target.value)]


def test_svg_keeps_text_as_text_and_is_small(fixture_dataset, fixture_assessments):
    import base64
    import re

    from kh330lib.briefs import figures, page
    a = [x for x in fixture_assessments if x.target.id == "trained_labour_2030"]
    html = page.figure_markup(figures.assessment_chart(a, fixture_dataset, "vi"))
    svg = base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)).decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Tỷ lệ lao động qua đào tạo" in svg  # svg.fonttype none: text, not glyph paths
    assert len(html) < 120_000


def test_money_figures_rounded_and_absent_beyond_horizon(fixture_dataset, fixture_assessments):
    from kh330lib import fmt
    from kh330lib.briefs import figures, topics
    from kh330lib.store.settings import load_methods
    m = load_methods()
    rnd = [a for a in fixture_assessments if a.target.indicator == "rnd_spending_pct_grdp"]
    last_obs = max(int(y) for y in fixture_dataset.observations.query("indicator == 'grdp_nominal'")["year"])
    horizon = last_obs + m.money_max_years_ahead
    html = topics.money_table(rnd, "vi").data
    for a in rnd:
        grdp = a.money_projection.at(a.target.deadline)
        money = a.target.value / 100 * grdp["median"]
        if a.target.deadline <= horizon:
            # Nearest 100 billion, computed here independently (half away from zero).
            rounded = int(money / 100 + 0.5) * 100
            lo = int(a.target.value / 100 * grdp["lo80"] / 100 + 0.5) * 100
            hi = int(a.target.value / 100 * grdp["hi80"] / 100 + 0.5) * 100
            assert (f"khoảng {fmt.fixed(rounded, 'vi', 0)} ({fmt.fixed(lo, 'vi', 0)}–{fmt.fixed(hi, 'vi', 0)})"
                    in html)
            assert fmt.fixed(money, "vi", 0) not in html or money % 100 == 0
        else:
            assert f"năm {a.target.deadline} cách số liệu GRDP mới nhất (năm {last_obs})" in html
    assert "không có cơ sở để đưa ra con số" in html
    chart = figures.money_chart(rnd, fixture_dataset, "vi")
    assert max(chart.data["year"]) == horizon  # the fan stops where the figures stop
    money_rows = chart.data[chart.data["series"].str.startswith("rnd_money:")]
    assert set(money_rows["year"]) <= set(range(last_obs, horizon + 1))
    assert all(v % 100 == 0 for v in money_rows["median"])


# ---- decimal commas on every axis of a Vietnamese chart, whoever writes its numbers

CURVES = [("tăng ≥ 2 điểm", (0.1, 0.5, 0.9), (0.15, 0.45, 0.85), (10, 10, 10))]


def _tick_texts(fig) -> list[tuple[float, str]]:
    fig.canvas.draw()
    out = []
    for ax in fig.axes:
        for ticks, labels in ((ax.get_xticks(), ax.get_xticklabels()), (ax.get_yticks(), ax.get_yticklabels())):
            out += [(float(v), t.get_text()) for v, t in zip(ticks, labels) if t.get_text()]
    return out


def test_axes_matplotlib_labels_itself_get_a_decimal_comma_in_vietnamese():
    # The reliability chart's axes run from 0 to 1 in steps of 0.2: matplotlib's own tick numbers.
    vi = _tick_texts(charts.reliability_chart(CURVES, "t", "x", "y", "d", "alt", "vi").figure)
    en = _tick_texts(charts.reliability_chart(CURVES, "t", "x", "y", "d", "alt", "en").figure)
    assert vi and [v for v, _ in vi] == [v for v, _ in en]
    assert [text for _, text in vi] == [f"{v:.1f}".replace(".", ",") for v, _ in vi]
    assert [text for _, text in en] == [f"{v:.1f}" for v, _ in en]


def test_years_stay_as_they_are_and_locale_formatters_are_kept():
    fig = charts.panel_figure(Panel("x", "%", history=Line((2021, 2022, 2023), (66.5, 67.5, 68.0), "Huế")), "vi")
    ax = fig.axes[0]
    assert isinstance(ax.xaxis.get_major_formatter(), charts.DecimalComma)
    assert not isinstance(ax.yaxis.get_major_formatter(), charts.DecimalComma)  # the unit's own (`66,5 %`)
    fig.canvas.draw()
    years = [(v, t.get_text()) for v, t in zip(ax.get_xticks(), ax.get_xticklabels()) if t.get_text()]
    assert years and all(text == str(int(v)) for v, text in years)  # `2022`, never `2.022` or `2022,0`


def test_no_tick_of_any_vietnamese_chart_has_a_decimal_point():
    lines = [Line((2008, 2012, 2016), (10.5, 14.25, 20.0), "Huế"), Line((2008, 2016), (12.0, 21.5), "Cả nước")]
    figures = [charts.panel_figure(_panel(), "vi"),
               charts.reliability_chart(CURVES, "t", "x", "y", "d", "alt", "vi").figure,
               charts.lines_chart(lines, "t", "%", "vi").figure,
               charts.coverage_chart([("Huế", (2021, 2022), ("official", "estimate"))], "t", "vi").figure]
    for fig in figures:
        texts = [text for _, text in _tick_texts(fig)]
        assert texts and not [x for x in texts if re.search(r"\d\.\d", x)], texts


def test_a_chart_made_elsewhere_gets_the_decimal_comma_when_shown():
    fig = Figure(figsize=(3, 2))
    fig.add_subplot().plot([0.0, 0.5, 1.0], [0.0, 0.25, 0.5])
    html = page.figure_markup(charts.Chart(fig, "Biểu đồ thử", lang="vi"))
    svg = base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)).decode("utf-8")
    ticks = re.findall(r">([^<>]*\d[^<>]*)</text>", svg)
    assert "0,50" in ticks and not [x for x in ticks if re.search(r"\d\.\d", x)]


def test_a_single_year_of_data_keeps_the_years_around_it():
    # A national proxy with one year (e.g. 2021) and no fan: two years either side, not 1925–2125.
    one = Line((2021,), (28.7,), "Việt Nam", ("official",))
    fig = charts.panel_figure(_panel(history=one, fan=None, targets=()), "vi")
    x0, x1 = fig.axes[0].get_xlim()
    assert (x0, x1) == (2019 - 0.3, 2023 + 0.3)
