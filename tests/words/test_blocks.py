"""The texts of an indicator block, composed once: star labels, the series an alt text describes, and a block that
shows exactly the texts composed for it."""

from __future__ import annotations

import html

import pandas as pd

from fixture_support import rnd_target
from kh330lib.briefs import topics
from kh330lib.words import blocks, phrases


def test_targets_of_one_value_share_one_star_label_naming_their_years():
    targets = [rnd_target(), rnd_target(id="rnd_grdp_2035", deadline=2035), rnd_target(id="rnd_grdp_2045", value=2.0,
                                                                             deadline=2045)]
    assert phrases.merged_marks(targets, "vi") == ("", "ít nhất 1,5 % GRDP (2030, 2035)", "ít nhất 2 % GRDP (2045)")
    assert phrases.merged_marks(targets[:1], "en") == ("at least 1.5% of GRDP (2030)",)
    assert phrases.mark_text(rnd_target(kind="milestone"), "vi") == "hoàn thành 2030"


def test_series_summary_counts_the_points_and_names_the_latest():
    series = pd.DataFrame({"year": [2019, 2021, 2024], "value": [60.0, 66.8, 72.5],
                           "status": ["official", "official", "estimate"]})
    s = phrases.series_summary(series, "%", "vi", False)
    assert (s["n"], s["first"], s["last"], s["latest"], s["status"]) == (3, 2019, 2024, "72,5 %", "ước tính")
    one = phrases.series_summary(series.iloc[:1], "%", "en", False)
    assert (one["n"], one["latest"], one["status"]) == (1, "60%", "official")


def test_a_block_shows_the_texts_composed_for_it(fixture_dataset, fixture_assessments):
    groups = topics.topic_groups(fixture_assessments, [a.target.id for a in fixture_assessments])
    for lang in ("vi", "en"):
        for group in groups:
            texts = blocks.block_texts(group, fixture_dataset, lang)
            block = topics.indicator_block(group, fixture_dataset, lang).data
            shown = [texts.title, texts.plan, *texts.sentences, *texts.outside, texts.evidence]
            shown += [x for s in texts.sensitivity for x in (s.title, s.note, *(c for r in s.rows for c in r))]
            assert all(html.escape(x) in block for x in shown if x), group[0].target.id
            if texts.chart is not None:
                assert f'alt="{html.escape(texts.chart.alt)}"' in block
                assert all(html.escape(src) in block for src in texts.chart.sources)
            else:
                assert "<figure" not in block
