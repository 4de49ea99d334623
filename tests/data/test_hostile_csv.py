"""Damaged CSV files: one clear problem with file and line, never a traceback."""

from __future__ import annotations

import datetime as dt

import pytest

from kh330lib.data.catalog import load_registry
from kh330lib.data.observations import collect_observations

HEADER = "indicator,geo,breakdown,year,period,value,unit,source,status,note"


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def problems_of(tmp_path, registry, raw: bytes) -> list[str]:
    path = tmp_path / "obs.csv"
    path.write_bytes(raw)
    _, problems = collect_observations(path, registry, {"SRC"}, dt.date(2026, 6, 1))
    return [str(p) for p in problems]


def test_a_field_beyond_the_csv_reader_limit(tmp_path, registry):
    raw = f"{HEADER}\ntrained_labour_rate_broad,VN-HUE,,2020,,70,%,SRC,official,ok\n".encode()
    raw += b"a," + b"x" * 200_000 + b",,2020,,1,%,SRC,official,\n"
    assert problems_of(tmp_path, registry, raw) == [
        f"{tmp_path / 'obs.csv'}:3: cannot be read as CSV (field larger than field limit (131072)) "
        "(check the quotes on this line; a field holds at most 131,072 characters)"]


def test_nul_bytes_are_reported_not_raised(tmp_path, registry):
    got = problems_of(tmp_path, registry, f"{HEADER}\ntrained_labour_rate_broad,VN-HUE\x00,,2020,,1,%,SRC,official,\n"
                      .encode())
    assert got and all("obs.csv:2" in p for p in got)
