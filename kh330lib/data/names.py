"""Vietnamese names of sources and series-break notes: params/sources_vi.yaml → validated, cached objects.

data/sources.csv and the catalogue's break notes keep each source's own (often English) words, and
nothing under data/ is edited; the Vietnamese briefs take their names from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..errors import InputError, Problem, problem, short
from ..yamlio import LineDict, load_yaml

SOURCES_VI = paths.PARAMS_DIR / "sources_vi.yaml"
SOURCE_NAME_FIELDS = {"document", "publisher", "year", "reason"}


@dataclass(frozen=True)
class SourceName:
    """What the Vietnamese briefs call a source whose own title or publisher (data/sources.csv) is not
    Vietnamese; `year` is the publication year where sources.csv has no date (any language)."""

    source: str
    document: str = ""
    publisher: str = ""
    year: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class VietnameseNames:
    """params/sources_vi.yaml: source names by source id, series-break notes by (indicator, period)."""

    sources: dict[str, SourceName] = field(default_factory=dict)
    breaks: dict[tuple[str, str], str] = field(default_factory=dict)


def collect_vietnamese_names(path: Path | str | None = None) -> tuple[VietnameseNames, list[Problem]]:
    """Read params/sources_vi.yaml (a missing file is no names); return the names and every problem found."""
    p = Path(path or SOURCES_VI)
    if not p.exists():
        return VietnameseNames(), []
    data = load_yaml(p)
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return VietnameseNames(), [problem(p, None, None, "is not a mapping",
                                           "write 'sources:' and 'breaks:' sections", kind="field")]
    sources: dict[str, SourceName] = {}
    for sid, node in (data.get("sources") or {}).items():
        line = data["sources"].line_of(sid) if isinstance(data["sources"], LineDict) else None
        if not isinstance(node, dict):
            problems.append(problem(p, line, "sources", f"entry '{short(sid)}' is not a mapping",
                                    "give it 'document' and/or 'publisher' and a 'reason'", kind="field"))
            continue
        unknown = set(node) - SOURCE_NAME_FIELDS
        year = node.get("year")
        if unknown:
            problems.append(problem(p, line, sorted(unknown)[0], f"unknown field of source '{short(sid)}'",
                                    f"use only {', '.join(sorted(SOURCE_NAME_FIELDS))}", kind="field"))
        elif not node.get("reason"):
            problems.append(problem(p, line, "reason", f"source '{short(sid)}' has no reason",
                                    "say why the Vietnamese name is needed", kind="field"))
        elif year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            problems.append(problem(p, line, "year", f"'{short(year)}' is not a year", "write four digits, e.g. 2023",
                                    kind="field"))
        else:
            sources[str(sid)] = SourceName(str(sid), " ".join(str(node.get("document") or "").split()),
                                           " ".join(str(node.get("publisher") or "").split()), year,
                                           " ".join(str(node["reason"]).split()))
    breaks: dict[tuple[str, str], str] = {}
    for iid, periods in (data.get("breaks") or {}).items():
        for period, node in (periods or {}).items():
            if not isinstance(node, dict) or not node.get("note") or not node.get("reason"):
                problems.append(problem(p, None, "breaks", f"break {iid} {period} needs 'note' and 'reason'",
                                        "write the Vietnamese note and why it is needed", kind="field"))
                continue
            breaks[(str(iid), str(period))] = " ".join(str(node["note"]).split())
    return VietnameseNames(sources, breaks), problems


_NAMES_CACHE: dict[Path, tuple[float, VietnameseNames]] = {}


def load_vietnamese_names(path: Path | str | None = None) -> VietnameseNames:
    """params/sources_vi.yaml, validated (InputError listing every problem) and cached while unchanged."""
    p = Path(path or SOURCES_VI)
    stamp = p.stat().st_mtime if p.exists() else 0.0
    hit = _NAMES_CACHE.get(p)
    if hit and hit[0] == stamp:
        return hit[1]
    names, problems = collect_vietnamese_names(p)
    if problems:
        raise InputError(problems)
    _NAMES_CACHE[p] = (stamp, names)
    return names
