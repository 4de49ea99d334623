"""The plan's areas (params/topics.yaml): which targets the status grid shows together, and where each links."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import InputError, Problem, problem, short
from ..yamlio import LineDict, load_yaml
from .catalog import Registry


@dataclass(frozen=True)
class Topic:
    """One area of the plan: its label, the brief that covers it ("" for none) and its targets in order."""

    id: str
    label_vi: str
    label_en: str
    brief: str
    targets: tuple[str, ...]
    # A few words for the area inside a sentence ("STEM"); the label when not given.
    short_vi: str = ""
    short_en: str = ""

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def short(self, lang: str = "vi") -> str:
        return (self.short_vi if lang == "vi" else self.short_en) or self.label(lang)


def _text(node: LineDict, key: str, path: Path, problems: list[Problem], required: bool = True) -> str:
    value = node.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(problem(path, node.line_of(key), key, f"topic needs a text '{key}'",
                                f"write {key}: <text>", kind="field"))
        return ""
    return value.strip()


def collect_topics(registry: Registry, path: Path | str | None = None) -> tuple[tuple[Topic, ...], list[Problem]]:
    """Read the topics, returning what could be read and every problem (each target in exactly one topic)."""
    path = Path(path or paths.TOPICS)
    problems: list[Problem] = []
    try:
        data = load_yaml(path)
    except InputError as exc:
        return (), list(exc.problems)
    entries = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        return (), [problem(path, None, "topics", "no list of topics", "write topics: with one entry per area",
                            kind="field")]
    known = {tg.id for tg in registry.targets}
    seen: dict[str, str] = {}
    topics = []
    for node in entries:
        if not isinstance(node, LineDict):
            problems.append(problem(path, None, "topics", "each topic must be a mapping", kind="field"))
            continue
        tid = _text(node, "id", path, problems)
        targets = node.get("targets")
        if not isinstance(targets, list) or not all(isinstance(x, str) for x in targets):
            problems.append(problem(path, node.line_of("targets"), "targets", f"topic '{short(tid)}' needs a list of "
                                    "target ids", "write targets: [id, id, ...]", kind="field"))
            targets = []
        for target in targets:
            if target not in known:
                problems.append(problem(path, node.line_of("targets"), "targets",
                                        f"unknown target '{short(target)}' in "
                                        f"topic '{short(tid)}'", "use an id from params/targets.yaml", kind="field"))
            elif target in seen:
                problems.append(problem(path, node.line_of("targets"), "targets", f"target '{short(target)}' is in "
                                        f"topics '{short(seen[target])}' and '{short(tid)}'", "list each target once",
                                        kind="field"))
            seen.setdefault(target, tid)
        topics.append(Topic(tid, _text(node, "label_vi", path, problems), _text(node, "label_en", path, problems),
                            _text(node, "brief", path, problems, required=False), tuple(targets),
                            _text(node, "short_vi", path, problems, required=False),
                            _text(node, "short_en", path, problems, required=False)))
    missing = [tg.id for tg in registry.targets if tg.id not in seen]
    if missing:
        problems.append(problem(path, None, "targets", f"targets in no topic: {', '.join(missing)}",
                                "add each to the topic of the plan's area it belongs to", kind="field"))
    return tuple(topics), problems

