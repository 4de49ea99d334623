"""params/topics.yaml: every target of the registry in exactly one area of the plan, with clear errors."""

from __future__ import annotations

import pytest
import yaml

from kh330lib import paths
from kh330lib.data.catalog import load_registry
from kh330lib.data.topics import collect_topics


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_shipped_topics_hold_every_target_once(registry):
    topics, problems = collect_topics(registry)
    assert problems == []
    listed = [t for tp in topics for t in tp.targets]
    assert sorted(listed) == sorted(tg.id for tg in registry.targets)
    raw = yaml.safe_load(paths.TOPICS.read_text(encoding="utf-8"))
    assert [tp.id for tp in topics] == [e["id"] for e in raw["topics"]]
    # A topic's brief is a notebook of the suite.
    for tp in topics:
        assert not tp.brief or (paths.NOTEBOOKS_DIR / f"{tp.brief}.ipynb").exists(), tp.brief


def _write(tmp_path, topics):
    path = tmp_path / "topics.yaml"
    path.write_text(yaml.safe_dump({"topics": topics}, allow_unicode=True), encoding="utf-8")
    return path


def test_unknown_duplicate_and_missing_targets_are_named(registry, tmp_path):
    ids = [tg.id for tg in registry.targets]
    path = _write(tmp_path, [
        {"id": "a", "label_vi": "A", "label_en": "A", "brief": "", "targets": [ids[0], "no_such_target"]},
        {"id": "b", "label_vi": "B", "label_en": "B", "brief": "", "targets": [ids[0], *ids[2:]]},
    ])
    _, problems = collect_topics(registry, path)
    text = "\n".join(str(p) for p in problems)
    assert "unknown target 'no_such_target' in topic 'a'" in text
    assert f"target '{ids[0]}' is in topics 'a' and 'b'" in text
    assert f"targets in no topic: {ids[1]}" in text
    assert all(p.path.endswith("topics.yaml") for p in problems)


def test_a_topic_without_label_or_target_list_is_an_error(registry, tmp_path):
    path = _write(tmp_path, [{"id": "a", "label_en": "A", "targets": "trained_labour_2030"}])
    _, problems = collect_topics(registry, path)
    messages = [p.message for p in problems]
    assert "topic needs a text 'label_vi'" in messages
    assert "topic 'a' needs a list of target ids" in messages
    text_lines = path.read_text(encoding="utf-8").splitlines()
    expected = next(i for i, line in enumerate(text_lines, 1) if line.strip().startswith("targets:"))
    assert next(p.line for p in problems if p.field == "targets") == expected
