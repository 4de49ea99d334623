"""The ground floor's file helpers: hashes as hashlib gives them, JSON written whole or not at all."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from kh330lib import paths
from kh330lib.files import sha256_bytes, sha256_file, to_jsonable, write_json, write_new


@dataclass(frozen=True)
class GitState:
    commit: str
    dirty: bool


def test_sha256_matches_hashlib(tmp_path):
    p = tmp_path / "a.bin"
    data = bytes(range(256)) * 1000
    p.write_bytes(data)
    assert sha256_file(p) == hashlib.sha256(data).hexdigest()


def test_json_writing_converts_dataclasses_and_paths_and_leaves_no_temporary(tmp_path):
    out = tmp_path / "manifest.json"
    write_json(out, {"git": GitState("abc", False), "file": paths.OBSERVATIONS, "t": (1, 2)})
    assert json.loads(out.read_text(encoding="utf-8")) == {
        "git": {"commit": "abc", "dirty": False}, "file": "data/observations.csv", "t": [1, 2]}
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]
    assert to_jsonable({"p": Path("/elsewhere/x")}) == {"p": "/elsewhere/x"}


def test_write_new_never_overwrites(tmp_path):
    target = tmp_path / "v.csv"
    write_new(target, b"a,b\n")
    assert target.read_bytes() == b"a,b\n" and sha256_bytes(b"a,b\n") == sha256_file(target)
    with pytest.raises(FileExistsError):
        write_new(target, b"other")
    assert target.read_bytes() == b"a,b\n"
    assert [p.name for p in tmp_path.iterdir()] == ["v.csv"]
