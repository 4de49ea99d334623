"""The status grid: every target of the plan at a glance, grouped by the plan's areas (index and scorecard)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from ..assess.assessment import Assessment
from ..codes import Verdict
from ..data.tables import WEAK_STATUSES, Dataset
from ..data.topics import Topic
from ..words import page_words, verdict_name
from ..words.phrases import chance_short, dated_labels, goal_text, target_name
from ..words.sentences import latest_text
from .markup import VERDICT_STYLES, esc

# Groups of verdicts counted on top of the grid, in the order they are listed.
GROUPS = ("good", "warn", "bad", "none", "qualitative")
GROUP_OF = {
    Verdict.TARGET_ACHIEVED: "good", Verdict.ACHIEVED: "good", Verdict.ON_TRACK: "good",
    Verdict.NEEDS_ACCELERATION: "warn", Verdict.NOT_YET: "warn", Verdict.AT_RISK: "warn", Verdict.OFF_TRACK: "bad",
    Verdict.LIMITED_PROGRESS: "bad", Verdict.DETERIORATION: "bad", Verdict.OVERDUE: "bad",
    Verdict.INSUFFICIENT_DATA: "none", Verdict.NO_DATA: "none", Verdict.QUALITATIVE: "qualitative",
}
# A target assessed at several training levels shows its most worrying level (then the first).
_CONCERN = {"bad": 0, "warn": 1, "good": 2, "none": 3, "qualitative": 4}
SPARK_W, SPARK_H = 96, 26

def _w(key: str, lang: str) -> str:
    return page_words(lang)[key]


# (topic, target id) → the link of the target's section.
Linker = Callable[[Topic | None, str], str]


@dataclass(frozen=True)
class GridCell:
    """One target as the grid shows it (already in the reader's language)."""

    target: str
    label: str
    verdict: Verdict
    group: str
    latest: str
    goal: str
    band: str
    levels: int
    weak: bool
    spark: str
    href: str


@dataclass(frozen=True)
class GridRow:
    """One area of the plan and its targets."""

    topic: str
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class Grid:
    """The rows of the grid and how many targets fall in each verdict group."""

    rows: tuple[GridRow, ...]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(len(r.cells) for r in self.rows)


def headline(levels: Sequence[Assessment]) -> Assessment:
    """The assessment a target's cell shows: its most worrying level with data, else its first."""
    with_data = [a for a in levels if a.has_data] or list(levels)
    return min(with_data, key=lambda a: _CONCERN[GROUP_OF[a.verdict]])


def sparkline(a: Assessment, lang: str = "vi") -> str:
    """Huế's observed series as a small inline SVG line (empty with fewer than two points)."""
    if a.kind == "cumulative" or not a.has_data or len(a.series) < 2:
        return ""
    years = [int(y) for y in a.series["year"]]
    values = [float(v) for v in a.series["value"]]
    lo, hi = min(values), max(values)
    span_y = (hi - lo) or 1.0
    span_x = (years[-1] - years[0]) or 1
    pad = 3
    pts = [(pad + (y - years[0]) / span_x * (SPARK_W - 2 * pad),
            SPARK_H - pad - (v - lo) / span_y * (SPARK_H - 2 * pad)) for y, v in zip(years, values)]
    weak = all(str(s) in WEAK_STATUSES for s in a.series["status"])
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    dash = ' stroke-dasharray="3 2"' if weak else ""
    label = _w("grid_spark", lang).format(first=years[0], last=years[-1], n=len(years))
    return (f'<svg class="kh330-spark" viewBox="0 0 {SPARK_W} {SPARK_H}" width="{SPARK_W}" height="{SPARK_H}" '
            f'role="img" aria-label="{esc(label)}"><title>{esc(label)}</title>'
            f'<polyline points="{line}" fill="none" stroke="currentColor" stroke-width="1.6"{dash}/>'
            f'<circle cx="{pts[-1][0]:.1f}" cy="{pts[-1][1]:.1f}" r="2.4" fill="currentColor"/></svg>')


def status_grid(assessments: Sequence[Assessment], dataset: Dataset, topics: Sequence[Topic], lang: str,
                link: Linker) -> Grid:
    """One cell per target of the registry, rows in the order of `topics`; targets in no topic come last."""
    by_target: dict[str, list[Assessment]] = {}
    for a in assessments:
        by_target.setdefault(a.target.id, []).append(a)
    rows = []
    placed: set[str] = set()
    plan = [(tp, [x for x in tp.targets if x in by_target]) for tp in topics]
    rest = [x for x in by_target if all(x not in tp.targets for tp in topics)]
    if rest:
        plan.append((None, rest))
    counts = dict.fromkeys(GROUPS, 0)
    # A label several targets share (R&D spending for 2030, 2035, 2045) carries its year on every tile.
    dated = dated_labels((levels[0].target for levels in by_target.values()), lang)
    for topic, ids in plan:
        cells = []
        for tid in ids:
            if tid in placed:
                continue
            placed.add(tid)
            cell = _cell(by_target[tid], lang, link(topic, tid), dated)
            counts[cell.group] += 1
            cells.append(cell)
        if cells:
            rows.append(GridRow(topic.label(lang) if topic else _w("grid_other", lang), tuple(cells)))
    return Grid(tuple(rows), counts)


def _cell(levels: Sequence[Assessment], lang: str, href: str, dated: frozenset[str] = frozenset()) -> GridCell:
    a = headline(levels)
    group = GROUP_OF[a.verdict]
    if a.kind == "qualitative":
        latest = _w("grid_is_qualitative", lang)
    else:
        latest = latest_text(a, lang)
        if len(levels) > 1:
            latest += f" — {_w('grid_levels', lang).format(n=len(levels))}"
    # The tile says how likely in words (or a number where the evidence allows one); the range of single models
    # is for the briefs, labelled as such, never beside the tile's verdict.
    band = chance_short(a.chance, lang) if a.chance is not None else ""
    weak = a.latest_status in WEAK_STATUSES or a.has_assumptions
    label = target_name(a.target, lang=lang, with_year=a.target.label(lang) in dated)
    return GridCell(a.target.id, label, a.verdict, group, latest, goal_text(a.target, lang), band,
                    len(levels), weak, sparkline(a, lang), href)


def counts_markup(grid: Grid, lang: str = "vi") -> str:
    """`1 đúng hướng · 0 cần tăng tốc · … · 33 chỉ tiêu`, each group with its shape and colour."""
    icons = {"good": "▲", "warn": "◆", "bad": "▼", "none": "?", "qualitative": "○"}
    parts = [f'<span class="kh330-count g-{g}"><span aria-hidden="true">{icons[g]}</span> '
             f'<b>{grid.counts[g]}</b> {esc(_w(f"grid_{g}", lang))}</span>' for g in GROUPS]
    total = esc(_w("grid_total", lang).format(n=grid.total))
    return f'<p class="kh330-counts">{" ".join(parts)} <span class="kh330-total">({total})</span></p>'


def grid_markup(grid: Grid, lang: str = "vi") -> str:
    """The grid as HTML: the counts, then one block per area with one linked cell per target."""
    out = [f'<section class="kh330-grid" aria-label="{esc(_w("grid_title", lang))}">', counts_markup(grid, lang)]
    for row in grid.rows:
        out.append(f'<h3 class="kh330-grid-topic">{esc(row.topic)}</h3><ul class="kh330-cells">')
        for c in row.cells:
            style = VERDICT_STYLES[c.verdict]
            latest = f'<span class="weak">{esc(c.latest)}</span>' if c.weak else esc(c.latest)
            band = f'<span class="kh330-cell-band">{esc(c.band)}</span>' if c.band else ""
            out.append(
                f'<li class="kh330-cell {style.css}" id="grid-{esc(c.target)}"><a href="{esc(c.href)}">'
                f'<span class="kh330-cell-verdict"><span aria-hidden="true">{style.icon}</span> '
                f'{esc(verdict_name(c.verdict, lang))}</span>'
                f'<span class="kh330-cell-name">{esc(c.label)}</span>'
                f'<span class="kh330-cell-goal">{esc(_w("grid_goal", lang))}: {esc(c.goal)}</span>'
                f'<span class="kh330-cell-latest">{esc(_w("grid_latest", lang))}: {latest}</span>'
                f'{band}{c.spark}</a></li>')
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def legend_markup(lang: str = "vi") -> str:
    """What a cell is; on screen only, that it can be selected (paper has nothing to click)."""
    return (f'<p class="kh330-grid-legend">{esc(_w("grid_legend", lang))} '
            f'<span class="kh330-screen">{esc(_w("grid_legend_screen", lang))}</span></p>')


def anchor(target: str) -> str:
    """The id of a target's section in a brief and of its row in the scorecard."""
    return f"t-{target}"
