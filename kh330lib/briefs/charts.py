"""Charts for the briefs: history marked by data status, 80 %/95 % fan, target, required path → Chart.

Figures are built on `matplotlib.figure.Figure` (no pyplot), so a notebook never shows a
figure twice: `briefs.page.figure_html` turns a Chart into an inline SVG with its alt text,
its sources, the status of its data and a CSV of exactly the numbers drawn.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from typing import Sequence

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, ScalarFormatter

from .. import fmt
from ..words import status_name, t

# Moderate resolution keeps every brief well under 2 MB while staying sharp on a laptop screen.
DPI = 100
FIGSIZE = (7.6, 4.8)
# DejaVu Sans ships with matplotlib and covers every Vietnamese diacritic.
FONT = "DejaVu Sans"
RC = {
    "font.family": "sans-serif", "font.sans-serif": [FONT], "font.size": 9.5,
    "axes.titlesize": 11, "axes.titleweight": "bold", "axes.labelsize": 9.5,
    "axes.spines.top": False, "axes.spines.right": False,
    "legend.fontsize": 9, "legend.frameon": False,
    "figure.dpi": DPI, "savefig.dpi": DPI,
    # SVG keeps text as text (searchable, small, sharp at any zoom); the browser supplies the font.
    "svg.fonttype": "none", "svg.hashsalt": "kh330",
}
# No chart text is drawn smaller than this (tests/layout_support.py: at least 8 pt printed, 10 px on a phone).
SMALLEST_PT = 9.0
# One colour per role, from seaborn's colour-blind-safe "colorblind" palette (copied here: importing
# seaborn costs each brief's kernel a second); shapes and text carry the same meaning.
_PAL = ["#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc", "#ca9161", "#fbafe4", "#949494"]
COLOURS = {"history": _PAL[0], "fan": _PAL[0], "target": _PAL[3], "required": _PAL[2],
           "national": "#7f7f7f", "weak": _PAL[1], "scenario": _PAL[4]}
SCENARIO_COLOURS = (_PAL[0], _PAL[1], _PAL[2], _PAL[4], _PAL[5], _PAL[6])
# Marker per data status: filled = official, hollow = estimate/provisional, other shapes = weak evidence.
MARKERS = {
    "official": {"marker": "o", "filled": True},
    "estimate": {"marker": "o", "filled": False},
    "provisional": {"marker": "s", "filled": False},
    "proxy": {"marker": "^", "filled": True},
    "assumption": {"marker": "D", "filled": False},
}
WEAK = ("proxy", "assumption")


# Columns of a chart's CSV: one row per point drawn; fans fill median and interval bounds instead of value.
DATA_COLUMNS = ("series", "geo", "year", "value", "status", "median", "lo80", "hi80", "lo95", "hi95")


@dataclass(frozen=True)
class Chart:
    """A finished figure, the sentence that describes it, and the numbers, sources and statuses it draws."""

    figure: Figure
    alt: str
    data: pd.DataFrame | None = None  # exactly the numbers drawn (DATA_COLUMNS)
    sources: tuple[str, ...] = ()  # publisher and document of each source drawn
    statuses: tuple[str, ...] = ()  # data statuses drawn (official, estimate, …, projection)
    name: str = "chart"  # file name of the CSV download, without .csv
    note: str = ""  # caption text (e.g. a target stated in words because it is not drawn)
    lang: str = "vi"


def line_data(line: "Line", series: str, geo: str, status: str = "") -> pd.DataFrame:
    """The rows of one drawn Line: its years and values with each point's status (or `status`)."""
    statuses = line.statuses or (status,) * len(line.years)
    return pd.DataFrame({"series": series, "geo": geo, "year": list(line.years), "value": list(line.values),
                         "status": list(statuses)})


def fan_data(fan: "Fan", series: str, geo: str) -> pd.DataFrame:
    """The rows of one drawn Fan: median and 80 %/95 % bounds by year, status `projection`."""
    return pd.DataFrame({"series": series, "geo": geo, "year": list(fan.years), "status": "projection",
                         **{k: list(getattr(fan, k)) for k in ("median", "lo80", "hi80", "lo95", "hi95")}})


def chart_data(*parts: pd.DataFrame) -> pd.DataFrame:
    """Rows of several drawn series as one frame with every column of DATA_COLUMNS."""
    frames = [p for p in parts if p is not None and len(p)]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(DATA_COLUMNS))
    out = out.reindex(columns=list(DATA_COLUMNS))
    out["year"] = out["year"].astype("int64")
    return out


# Rows of a chart's CSV that are not data (the target drawn, the path it requires): no data status to name.
NOT_DATA = frozenset({"target", "required"})


def data_statuses(data: pd.DataFrame) -> tuple[str, ...]:
    """The statuses of the data a chart draws, in order of first appearance."""
    return tuple(dict.fromkeys(str(s) for s in data["status"] if isinstance(s, str) and s and s not in NOT_DATA))


@dataclass(frozen=True)
class Line:
    """An annual series to draw: years, values and (optionally) the data status of each point."""

    years: tuple[int, ...]
    values: tuple[float, ...]
    label: str
    statuses: tuple[str, ...] = ()
    weak_label: str = ""  # text written on the chart next to a proxy or assumption series

    @staticmethod
    def from_frame(frame: pd.DataFrame, label: str, weak_label: str = "") -> "Line":
        """A Line from a frame with columns year, value and optionally status."""
        statuses = tuple(str(s) for s in frame["status"]) if "status" in frame else ()
        return Line(tuple(int(y) for y in frame["year"]), tuple(float(v) for v in frame["value"]),
                    label, statuses, weak_label)


@dataclass(frozen=True)
class Fan:
    """Projection quantiles by year: median and the 80 % and 95 % intervals."""

    years: tuple[int, ...]
    median: tuple[float, ...]
    lo80: tuple[float, ...]
    hi80: tuple[float, ...]
    lo95: tuple[float, ...]
    hi95: tuple[float, ...]
    label: str = ""


@dataclass(frozen=True)
class TargetMark:
    """The plan's target: value, deadline and comparator, with its short text (`> 80 % đến 2030`)."""

    value: float
    year: int
    text: str


@dataclass(frozen=True)
class Panel:
    """Everything one chart shows."""

    title: str
    unit: str
    history: Line | None = None
    fan: Fan | None = None
    targets: tuple[TargetMark, ...] = ()
    required: Line | None = None
    national: Line | None = None
    extra: tuple[Line, ...] = field(default=())  # e.g. one median path per scenario
    integer: bool = False
    ylabel: str = ""  # the unit in the reader's language; the raw unit if empty
    # The national series is drawn in its own panel (never against Huế's target), with its own unit.
    national_title: str = ""
    national_unit: str = ""
    national_ylabel: str = ""


def _axis_formatter(unit: str, lang: str, integer: bool) -> FuncFormatter:
    digits = 0 if integer else 2

    def _f(value: float, _pos: int) -> str:
        if unit.startswith("%"):
            return fmt.percent(value, lang, digits)
        return fmt.number(value, lang, digits)
    return FuncFormatter(_f)


class DecimalComma(ScalarFormatter):
    """Matplotlib's own tick numbers with a decimal comma, for Vietnamese charts: `0,2`, `1,5` (years stay `2030`)."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return super().__call__(x, pos).replace(".", ",")

    def get_offset(self) -> str:
        return super().get_offset().replace(".", ",")


def localize_axes(fig: Figure, lang: str) -> Figure:
    """Every axis of `fig` whose numbers matplotlib writes itself gets the reader's decimal mark (a comma in vi)."""
    if lang == "vi":
        for ax in fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                if type(axis.get_major_formatter()) is ScalarFormatter:
                    axis.set_major_formatter(DecimalComma())
    return fig


def _plot_history(ax, line: Line, lang: str, colour: str, zorder: int = 4) -> None:
    """Connect the points with a thin line; mark each by status; write weak statuses on the chart."""
    statuses = line.statuses or ("official",) * len(line.years)
    all_weak = all(s in WEAK for s in statuses)
    ax.plot(line.years, line.values, color=COLOURS["weak"] if all_weak else colour, lw=1.2, zorder=zorder - 1)
    for status in dict.fromkeys(statuses):
        idx = [i for i, s in enumerate(statuses) if s == status]
        style = MARKERS.get(status, MARKERS["official"])
        weak = status in WEAK
        c = COLOURS["weak"] if weak else colour
        ax.scatter([line.years[i] for i in idx], [line.values[i] for i in idx], s=38, zorder=zorder,
                   marker=style["marker"], edgecolors=c, linewidths=1.4,
                   facecolors=c if style["filled"] else "white",
                   label=f"{line.label} — {status_name(status, lang)}")
        if weak and not line.weak_label:
            last = idx[-1]
            ax.annotate(status_name(status, lang), (line.years[last], line.values[last]), xytext=(6, 8),
                        textcoords="offset points", fontsize=SMALLEST_PT, color=c, fontweight="bold")
    if line.weak_label:
        # The whole series stands in for a missing one: say so inside the plot, not only in the legend.
        ax.text(0.01, 0.98, textwrap.fill(line.weak_label, 60), transform=ax.transAxes, va="top", ha="left",
                fontsize=SMALLEST_PT, fontweight="bold", color=COLOURS["weak"],
                bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": COLOURS["weak"]})


def panel_figure(panel: Panel, lang: str = "vi") -> Figure:
    """Draw one Panel: fan (95 % then 80 %), median, history by status, target, required path; Viet Nam below."""
    has_national = panel.national is not None and bool(panel.national.years)
    size = (FIGSIZE[0], FIGSIZE[1] + 3.0) if has_national else FIGSIZE
    fig = Figure(figsize=size, dpi=DPI)
    with mpl.rc_context(RC):
        if has_national:
            ax, nat_ax = fig.subplots(2, 1, gridspec_kw={"height_ratios": [5, 3]})
        else:
            ax, nat_ax = fig.add_subplot(), None
        _draw_main(ax, panel, lang)
        if nat_ax is not None:
            _draw_national(nat_ax, panel, lang)
            # Same years on both panels, so the eye can compare the two series without sharing a scale.
            lo = min(ax.get_xlim()[0], nat_ax.get_xlim()[0])
            hi = max(ax.get_xlim()[1], nat_ax.get_xlim()[1])
            ax.set_xlim(lo, hi)
            nat_ax.set_xlim(lo, hi)
        localize_axes(fig, lang)
        fig.tight_layout()
    return fig


def _draw_main(ax, panel: Panel, lang: str) -> None:
    if panel.fan is not None and panel.fan.years:
        f = _joined(panel.fan, panel.history)
        ax.fill_between(f.years, f.lo95, f.hi95, color=COLOURS["fan"], alpha=0.13, lw=0,
                        label=t("interval_95", lang))
        ax.fill_between(f.years, f.lo80, f.hi80, color=COLOURS["fan"], alpha=0.28, lw=0,
                        label=t("interval_80", lang))
        ax.plot(f.years, f.median, color=COLOURS["fan"], lw=1.6, ls="--",
                label=f.label or t("projection_median", lang))
    for i, line in enumerate(panel.extra):
        colour = SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)]
        ax.plot(line.years, line.values, color=colour, lw=1.6, ls=("--", "-.", ":")[i % 3], label=line.label)
    if panel.history is not None and panel.history.years:
        _plot_history(ax, panel.history, lang, COLOURS["history"], zorder=5)
    if panel.required is not None and panel.required.years:
        ax.plot(panel.required.years, panel.required.values, color=COLOURS["required"], lw=1.4, ls=":",
                label=panel.required.label)
    for i, tg in enumerate(panel.targets):
        ax.axhline(tg.value, color=COLOURS["target"], lw=0.8, ls=(0, (2, 3)), zorder=1)
        ax.scatter([tg.year], [tg.value], marker="*", s=170, color=COLOURS["target"], zorder=6,
                   label=t("target", lang) if i == 0 else None)
        if tg.text:
            ax.annotate(tg.text, (tg.year, tg.value), xytext=(-8, 9), textcoords="offset points",
                        ha="right", fontsize=SMALLEST_PT, color=COLOURS["target"], fontweight="bold")
    ax.set_title(panel.title, loc="left")
    _finish_axes(ax, panel.unit, panel.ylabel, lang, panel.integer,
                 any(ln is not None and ln.weak_label for ln in (panel.history, *panel.extra)))


def _draw_national(ax, panel: Panel, lang: str) -> None:
    assert panel.national is not None
    _plot_history(ax, panel.national, lang, COLOURS["national"], zorder=3)
    ax.set_title(panel.national_title or panel.national.label, loc="left", fontsize=10)
    unit = panel.national_unit or panel.unit
    _finish_axes(ax, unit, panel.national_ylabel or unit, lang, panel.integer, bool(panel.national.weak_label))


def _finish_axes(ax, unit: str, ylabel: str, lang: str, integer: bool, room_on_top: bool) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(_axis_formatter(unit, lang, integer))
    ax.set_ylabel(ylabel or unit)
    ax.grid(axis="y", alpha=0.3)
    _pad_limits(ax, room_on_top=room_on_top)
    # Below the plot, so long Vietnamese labels never squeeze the axes.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)


def _joined(fan: Fan, history: Line | None) -> Fan:
    """The fan starting from the last observed point, so the projection visibly continues the data."""
    if history is None or not history.years or history.years[-1] >= fan.years[0]:
        return fan
    y, v = history.years[-1], history.values[-1]
    return Fan((y, *fan.years), (v, *fan.median), (v, *fan.lo80), (v, *fan.hi80), (v, *fan.lo95), (v, *fan.hi95),
               fan.label)


def _pad_limits(ax, room_on_top: bool = False) -> None:
    lo, hi = ax.get_ylim()
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    ax.set_ylim(lo - 0.06 * span, hi + (0.3 if room_on_top else 0.1) * span)
    x0, x1 = ax.get_xlim()
    d0, d1 = ax.dataLim.intervalx
    if d1 - d0 < 1:
        # One year of data: matplotlib would widen the axis by 5 % of the year itself (1925–2125 around 2025).
        x0, x1 = d0 - 2, d1 + 2
    ax.set_xlim(math.floor(x0) - 0.3, math.ceil(x1) + 0.3)


def coverage_chart(rows: Sequence[tuple[str, Sequence[int], Sequence[str]]], title: str, lang: str = "vi",
                   alt: str = "") -> Chart:
    """Which years each series has, one row per series, each point marked by its data status.

    `rows` holds (label, years, statuses) per series, top to bottom.
    """
    height = 1.2 + 0.2 * max(len(rows), 1)
    fig = Figure(figsize=(FIGSIZE[0], height), dpi=DPI)
    with mpl.rc_context(RC):
        ax = fig.add_subplot()
        seen: set[str] = set()
        for i, (_label, years, statuses) in enumerate(rows):
            y = len(rows) - 1 - i
            for status in dict.fromkeys(statuses):
                xs = [yr for yr, s in zip(years, statuses) if s == status]
                style = MARKERS.get(status, MARKERS["official"])
                c = COLOURS["weak"] if status in WEAK else COLOURS["history"]
                ax.scatter(xs, [y] * len(xs), s=26, marker=style["marker"], edgecolors=c, linewidths=1.2,
                           facecolors=c if style["filled"] else "white",
                           label=None if status in seen else status_name(status, lang))
                seen.add(status)
        ax.set_yticks(range(len(rows)), [_short(r[0]) for r in reversed(rows)], fontsize=SMALLEST_PT)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.grid(axis="x", alpha=0.3)
        ax.set_title(title, loc="left")
        # At the foot of the chart, so the long series names leave the dots room at the chart's full width.
        fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncol=4)
        localize_axes(fig, lang)
        fig.tight_layout(rect=(0, 0.3 / height, 1, 1))
    return Chart(fig, alt)


def _short(label: str, width: int = 60) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def reliability_chart(curves: Sequence[tuple[str, Sequence[float], Sequence[float], Sequence[int]]], title: str,
                      xlabel: str, ylabel: str, diagonal_label: str, alt: str, lang: str = "vi") -> Chart:
    """Observed frequency against forecast probability, one curve per event (label, forecast, observed, count),
    bins without forecasts left out; the diagonal is where a chance comes true as often as it says."""
    fig = Figure(figsize=(FIGSIZE[0] * 0.8, 4.2), dpi=DPI)
    with mpl.rc_context(RC):
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1], color=COLOURS["target"], linestyle="--", linewidth=1.2, label=diagonal_label)
        for i, (label, forecast, observed, count) in enumerate(curves):
            keep = [j for j, c in enumerate(count) if c > 0]
            colour = SCENARIO_COLOURS[i % len(SCENARIO_COLOURS)]
            ax.plot([forecast[j] for j in keep], [observed[j] for j in keep], color=colour, marker="o",
                    markersize=4, linewidth=1.6, label=label)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
        ax.set_title(title, loc="left")
        ax.legend(loc="upper left")
        localize_axes(fig, lang)
        fig.tight_layout()
    return Chart(fig, alt)


def lines_chart(lines: Sequence[Line], title: str, unit: str, lang: str = "vi", alt: str = "",
                highlight: int = 0) -> Chart:
    """Several series on one axis, the `highlight`-th drawn strongest, each labelled at its last point."""
    fig = Figure(figsize=FIGSIZE, dpi=DPI)
    with mpl.rc_context(RC):
        ax = fig.add_subplot()
        for i, line in enumerate(lines):
            strong = i == highlight
            colour = COLOURS["history"] if strong else SCENARIO_COLOURS[1 + (i % (len(SCENARIO_COLOURS) - 1))]
            ax.plot(line.years, line.values, color=colour, linewidth=2.4 if strong else 1.3,
                    marker="o" if strong else None, markersize=4, label=line.label, zorder=5 if strong else 3)
        ax.yaxis.set_major_formatter(_axis_formatter(unit, lang, False))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", alpha=0.3)
        ax.set_title(title, loc="left")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        localize_axes(fig, lang)
        fig.tight_layout()
    return Chart(fig, alt)
