"""Every seed figure is in the data, with its source and a status; nothing was added or altered."""

from __future__ import annotations

import csv
import re

from kh330lib import paths
from kh330lib.data.dataset import load_dataset


def _seed_rows() -> list[dict[str, str]]:
    with open(paths.RAW_DIR / "observations_seed.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_seed_row_is_in_the_data_with_the_same_value_and_source():
    obs = load_dataset().observations
    seed = _seed_rows()
    assert len(obs) == len(seed), "observations.csv has rows that are not in the seed, or lost some"
    for r in seed:
        label = r["year"]
        year = int(re.search(r"\d{4}", label).group(0))
        period = "" if label == str(year) else label
        hit = obs[(obs["indicator"] == r["indicator_id"]) & (obs["geo"] == r["geo"]) & (obs["year"] == year)
                  & (obs["period"] == period)]
        assert len(hit) == 1, f"seed row {r['indicator_id']} {r['geo']} {label} missing"
        h = hit.iloc[0]
        assert h["value"] == float(r["value"])
        assert h["source"] == r["source"]
        # The seed's unit, minus a "(more than)" qualifier that moves into the note.
        assert r["unit"].replace(" (more than)", "") == h["unit"]
        if "(more than)" in r["unit"]:
            assert "lower bound" in h["note"] and h["status"] == "estimate"


def test_estimates_in_the_seed_are_not_called_official():
    obs = load_dataset().observations
    for r in _seed_rows():
        note = r["note"].lower()
        if re.search(r"\b(uoc|estimate)\b", note) and not note.startswith("th 20"):
            year = int(re.search(r"\d{4}", r["year"]).group(0))
            hit = obs[(obs["indicator"] == r["indicator_id"]) & (obs["geo"] == r["geo"]) & (obs["year"] == year)]
            assert set(hit["status"]) == {"estimate"}, (r["indicator_id"], r["year"])


def test_huế_trained_labour_series_is_the_plan_basis():
    obs = load_dataset().observations
    s = obs[(obs["indicator"] == "trained_labour_rate_broad") & (obs["geo"] == "VN-HUE")].sort_values("year")
    assert list(s["year"]) == [2021, 2022, 2023, 2024]
    assert list(s["value"]) == [66.8, 68.0, 70.25, 72.5]
    assert list(s["status"]) == ["official", "estimate", "official", "estimate"]


def test_every_seed_source_is_listed_with_its_address():
    sources = load_dataset().sources.set_index("source")
    with open(paths.RAW_DIR / "sources_seed.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            assert r["source_id"] in sources.index
            url = sources.loc[r["source_id"], "url"]
            if url:
                assert url in r["citation"]
