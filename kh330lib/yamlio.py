"""YAML reading that keeps line numbers, leaves dates as strings (as papermill does) and is bounded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from . import paths
from .errors import InputError, problem, quote

LIMITS_FILE = paths.PARAMS_DIR / "limits.yaml"
LIMITS_NAME = "params/limits.yaml"


@dataclass(frozen=True)
class Bounds:
    """How large one YAML file may be: bytes on disk and nodes (scalars, lists, mappings) once parsed."""

    max_file_bytes: int
    max_nodes: int


# params/limits.yaml cannot bound itself: it, and the schema shipped inside kh330lib, are read within these
# fixed bounds (the file is ~2 KB and ~50 nodes; these leave room for comments and never hold a bomb).
BUILTIN = Bounds(max_file_bytes=100_000, max_nodes=5_000)
BUILTIN_NAME = "the built-in limit"
# Lists and mappings inside one another: composing and building recurse once per level, so depth is bounded
# well below Python's recursion limit (params/ nests at most 5 deep).
MAX_DEPTH = 100


class LineDict(dict):
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Refused(yaml.MarkedYAMLError):
    """A document the loader will not build (an alias, too many nodes), with how to fix it."""

    def __init__(self, message: str, fix: str, mark: Any):
        super().__init__(problem=message, problem_mark=mark)
        self.fix = fix


class _CountingComposer(yaml.composer.Composer):
    """Composes nodes from the parser's events, counting them and refusing aliases before anything is built.

    An alias makes one node appear many times, which is how a few hundred bytes expand to gigabytes
    ("billion laughs"); no file of params/ needs one, so it is refused where it appears.
    """

    max_nodes = BUILTIN.max_nodes
    limit_name = BUILTIN_NAME
    nodes = 0
    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(f"YAML alias '*{event.anchor[:40]}' refused: aliases are not accepted",
                           "write the value out in full instead of '*name'", event.start_mark)
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise _Refused(f"more than {self.max_nodes:,} YAML nodes; the limit is {self.max_nodes:,} "
                           f"({self.limit_name})", "split or shorten the file", self.peek_event().start_mark)
        if self.depth >= MAX_DEPTH:
            raise _Refused(f"lists or mappings nested more than {MAX_DEPTH} deep; the limit is {MAX_DEPTH} "
                           f"({BUILTIN_NAME})", "flatten the structure", self.peek_event().start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# libyaml's parser when PyYAML was built with it (same safe constructors, ~40x faster on params/); the
# composer is PyYAML's own, fed by libyaml's events, so that it can count.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_CountingComposer, _Base):  # type: ignore[misc,valid-type]
    """SafeLoader without the timestamp resolver; mappings become LineDict; aliases refused; nodes counted."""

    def __init__(self, stream: Any):
        _Base.__init__(self, stream)
        yaml.composer.Composer.__init__(self)


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
                None, None, f"duplicate key {quote(key)}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read(p: Path, bounds: Bounds, limit_name: str) -> str:
    """The file's text, its size checked before a byte is read (and again while reading, should it grow)."""
    if not p.exists():
        raise InputError([problem(p, None, None, "file not found", "check the path or create the file")])
    size, limit = p.stat().st_size, bounds.max_file_bytes
    too_big = problem(p, None, None, f"is {size:,} bytes; the limit is {limit:,} ({limit_name})",
                      "shorten the file or raise the limit")
    if size > limit:
        raise InputError([too_big])
    with p.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError([too_big])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError([problem(p, line, None, f"not UTF-8 (byte 0x{exc.object[exc.start]:02x})",
                                  "save the file as UTF-8", kind="field")]) from None


def _positive(p: Path, data: Any, key: str) -> int:
    """params/limits.yaml's yaml.`key`, reported as load_limits reports it when it is not a whole number ≥ 1."""
    node = data.get("yaml") if isinstance(data, Mapping) else None
    if not isinstance(node, LineDict):
        raise InputError([problem(p, None, "yaml", "missing section", "add a 'yaml:' section", "field")])
    value = node.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError([problem(p, node.line_of(key), f"yaml.{key}",
                                  f"expected a whole number ≥ 1, got {quote(value)}", "see the comment above it",
                                  "field")])
    return value


@lru_cache(maxsize=4)
def _configured(path: str) -> Bounds:
    p = Path(path)
    data = _parse(p, _read(p, BUILTIN, BUILTIN_NAME), BUILTIN, BUILTIN_NAME)
    return Bounds(_positive(p, data, "max_file_bytes"), _positive(p, data, "max_nodes"))


def bounds() -> Bounds:
    """The bounds of params/limits.yaml's `yaml:` section (read once per process)."""
    return _configured(str(LIMITS_FILE))


def _parse(p: Path, text: str, b: Bounds, limit_name: str) -> Any:
    loader = _Loader(text)
    loader.max_nodes, loader.limit_name = b.max_nodes, limit_name
    try:
        return loader.get_single_data()
    except _Refused as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputError([problem(p, line, None, exc.problem or "refused", exc.fix)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError([problem(p, line, None, f"YAML syntax error: {what}",
                                  "fix the indentation, quoting or colon on this line")]) from None
    except yaml.YAMLError as exc:
        raise InputError([problem(p, None, None, f"YAML error: {quote(str(exc))}", "fix the YAML syntax")]) from None
    finally:
        loader.dispose()


def load_yaml(path: Path | str, *, fixed: Bounds | None = None) -> Any:
    """Load one YAML file within params/limits.yaml's bounds (or `fixed` ones); errors name the line."""
    p = Path(path)
    b = fixed or bounds()
    text = _read(p, b, BUILTIN_NAME if fixed else f"yaml.max_file_bytes in {LIMITS_NAME}")
    return _parse(p, text, b, BUILTIN_NAME if fixed else f"yaml.max_nodes in {LIMITS_NAME}")
