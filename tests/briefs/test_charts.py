"""charts.py: what each chart draws (markers by status, labels on weak series, fan bands, target)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from matplotlib.collections import PathCollection, PolyCollection
from PIL import Image

from kh330lib.briefs import charts
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
