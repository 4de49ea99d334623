"""The status grid: one cell per target, grouped by area, counts that add up, sparklines drawn from the data."""

from __future__ import annotations

import re
from types import SimpleNamespace

from fixture_support import hue
from kh330lib.briefs.grid import grid_markup, headline, sparkline, status_grid
from kh330lib.codes import Verdict
from kh330lib.data.topics import Topic, collect_topics

# Written out here, not imported: which count each verdict belongs to.
EXPECTED_GROUP = {
    "target_achieved": "good", "achieved": "good", "on_track": "good",
    "needs_acceleration": "warn", "not_yet": "warn", "at_risk": "warn",
    "limited_progress": "bad", "deterioration": "bad", "overdue": "bad", "off_track": "bad",
    "insufficient_data": "none", "no_data": "none", "qualitative": "qualitative",
}


def _link(topic, target):
    return f"{topic.brief if topic else 'other'}.html#t-{target}"


def test_one_cell_per_target_and_counts_add_up(fixture_assessments, fixture_dataset):
    topics, problems = collect_topics(fixture_dataset.registry)
    assert problems == []
    grid = status_grid(fixture_assessments, fixture_dataset, topics, "vi", _link)
    cells = [c for row in grid.rows for c in row.cells]
    assert sorted(c.target for c in cells) == sorted(tg.id for tg in fixture_dataset.registry.targets)
    assert [r.topic for r in grid.rows] == [tp.label("vi") for tp in topics]
    assert sum(grid.counts.values()) == grid.total == len(fixture_dataset.registry.targets)
    expected = dict.fromkeys(EXPECTED_GROUP.values(), 0)
    for c in cells:
        expected[EXPECTED_GROUP[c.verdict.value]] += 1
    assert grid.counts == expected
    # Single-level targets show their own verdict.
    singles = {a.target.id: a for a in fixture_assessments
               if sum(1 for b in fixture_assessments if b.target.id == a.target.id) == 1}
    for c in cells:
        if c.target in singles:
            assert c.verdict == singles[c.target].verdict


def test_markup_shows_counts_words_shapes_and_links(fixture_assessments, fixture_dataset):
    topics, problems = collect_topics(fixture_dataset.registry)
    assert problems == []
    grid = status_grid(fixture_assessments, fixture_dataset, topics, "vi", _link)
    html = grid_markup(grid, "vi")
    shown = [int(n) for n in re.findall(r'<span class="kh330-count g-\w+">.*?<b>(\d+)</b>', html)]
    assert sum(shown) == len(fixture_dataset.registry.targets)
    assert html.count('<li class="kh330-cell') == len(fixture_dataset.registry.targets)
    assert 'href="20_trained_labour.html#t-trained_labour_2030"' in html
    # A verdict is a shape and a word, never colour alone.
    assert "▲ </span>" not in html and re.search(r'<span aria-hidden="true">[▲◆▼?○✔✖◇]</span> \w', html)
    assert "Chỉ tiêu: trên 80 % đến 2030" in html


def test_targets_in_no_topic_still_get_a_cell(fixture_assessments, fixture_dataset):
    only = (Topic("labour", "Lao động", "Labour", "20_trained_labour", ("trained_labour_2030",)),)
    grid = status_grid(fixture_assessments, fixture_dataset, only, "en", _link)
    assert grid.rows[0].topic == "Labour" and len(grid.rows[0].cells) == 1
    assert grid.rows[-1].topic == "Other targets"
    assert grid.total == len(fixture_dataset.registry.targets)
    assert grid.rows[-1].cells[0].href.startswith("other.html#t-")


def test_headline_is_the_most_worrying_level_with_data():
    def level(verdict, has_data=True):
        return SimpleNamespace(verdict=verdict, has_data=has_data)

    no_data = [level(Verdict.NO_DATA, False), level(Verdict.NO_DATA, False)]
    assert headline(no_data) is no_data[0]  # all alike: the first level
    on_track, behind, empty = level(Verdict.ON_TRACK), level(Verdict.DETERIORATION), level(Verdict.NO_DATA, False)
    assert headline([empty, on_track, behind]) is behind
    assert headline([empty, on_track]) is on_track  # a level with data comes before one without


def test_sparkline_points_follow_the_data(fixture_assessments):
    a = next(x for x in fixture_assessments if x.target.id == "trained_labour_2030")
    series = hue("trained_labour_rate_broad")
    years = [y for y, _, _ in series]
    values = [v for _, v, _ in series]
    lo, hi = min(values), max(values)
    expected = " ".join(f"{3 + (y - years[0]) / (years[-1] - years[0]) * 90:.1f},"
                        f"{23 - (v - lo) / (hi - lo) * 20:.1f}" for y, v in zip(years, values))
    svg = sparkline(a, "vi")
    assert f'points="{expected}"' in svg
    assert f"{years[0]}–{years[-1]} ({len(years)} điểm)" in svg
