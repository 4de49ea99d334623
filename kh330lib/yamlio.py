"""YAML reading that keeps line numbers and leaves dates as strings (as papermill does)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, problem


class LineDict(dict):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's parser when PyYAML was built with it (same safe constructors, ~40x faster on params/).
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader without the timestamp resolver; mappings become LineDict."""


# Drop implicit timestamps: '2025-05-24' stays a string, as papermill injects it.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path | str) -> Any:
    """Load one YAML file; syntax errors become an InputError naming the line."""
    p = Path(path)
    if not p.exists():
        raise InputError([problem(p, None, None, "file not found",
                                  "check the path or create the file")])
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = p.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError([problem(p, line, None, f"not UTF-8 (byte 0x{exc.object[exc.start]:02x})",
                                  "save the file as UTF-8", kind="field")]) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError([problem(p, line, None, f"YAML syntax error: {what}",
                                  "fix the indentation, quoting or colon on this line")]) from None
    except yaml.YAMLError as exc:
        raise InputError([problem(p, None, None, f"YAML error: {exc}", "fix the YAML syntax")]) from None
