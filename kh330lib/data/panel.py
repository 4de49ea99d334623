"""The GSO provincial panel (params/panel.yaml + data/raw/): real share series for context charts and calibration."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from ..errors import InputError, Problem, problem, quote, short
from ..yamlio import LineDict, load_yaml
from .csv_rows import read_csv_rows
from .numbers import parse_number

if TYPE_CHECKING:  # annotations only: finding the panel file needs no data library
    from .tables import Dataset

PANEL_COLUMNS = ("area", "area_kind", "year", "value", "status")
AREA_KINDS = ("province", "region", "country")
# The panel's own status words → the observation statuses of the suite.
PANEL_STATUSES = {"official": "official", "preliminary": "provisional"}


@dataclass(frozen=True)
class AreaSeries:
    """One area's series in the panel, by year."""

    area: str
    kind: str
    years: tuple[int, ...]
    values: tuple[float, ...]
    statuses: tuple[str, ...]


@dataclass(frozen=True)
class ShownArea:
    """An area the context chart shows, with its names for readers."""

    area: str
    label_vi: str
    label_en: str

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en


@dataclass(frozen=True)
class Panel:
    """The panel's series, where they come from and what they measure."""

    series: tuple[AreaSeries, ...]
    source: str
    unit: str
    bounds: tuple[float, float]
    definition_vi: str
    definition_en: str
    citation_vi: str
    citation_en: str
    break_note_vi: str
    break_note_en: str
    shown: tuple[ShownArea, ...]
    path: str

    def area(self, name: str) -> AreaSeries:
        return next(s for s in self.series if s.area == name)

    def definition(self, lang: str = "vi") -> str:
        return self.definition_vi if lang == "vi" else self.definition_en

    def citation(self, lang: str = "vi") -> str:
        return self.citation_vi if lang == "vi" else self.citation_en

    def break_note(self, lang: str = "vi") -> str:
        return self.break_note_vi if lang == "vi" else self.break_note_en


def _settings(path: Path, problems: list[Problem], source_ids: set[str]) -> tuple[LineDict, list[ShownArea]] | None:
    data = load_yaml(path)

    def bad(node: object, key: str, message: str, fix: str) -> None:
        line = node.line_of(key) if isinstance(node, LineDict) else None
        problems.append(problem(path, line, key, message, fix, kind="field"))

    if not isinstance(data, LineDict):
        bad(None, "file", "expected a mapping", "see the file's header comment")
        return None
    for key in ("file", "source", "unit", "definition_vi", "definition_en", "citation_vi", "citation_en",
                "break_note_vi", "break_note_en"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            bad(data, key, "missing or not text", f"write '{key}: ...'")
    if isinstance(data.get("source"), str) and data["source"] not in source_ids:
        bad(data, "source", f"unknown source '{short(data['source'])}'", "add it to data/sources.csv first")
    bounds = data.get("bounds")
    if not (isinstance(bounds, list) and len(bounds) == 2 and all(isinstance(b, (int, float)) for b in bounds)):
        bad(data, "bounds", "must be [low, high]", "write bounds: [0, 100]")
    shown = []
    for node in data.get("areas") or []:
        if not isinstance(node, LineDict) or not all(isinstance(node.get(k), str) for k in
                                                     ("area", "label_vi", "label_en")):
            bad(data, "areas", f"entry {quote(node)} needs area, label_vi and label_en", "write '- area: Da Nang' ...")
            continue
        shown.append(ShownArea(node["area"], node["label_vi"], node["label_en"]))
    return (data, shown) if not problems else None


def collect_panel(source_ids: set[str], settings: Path | str | None = None,
                  directory: Path | str | None = None) -> tuple[Panel | None, list[Problem]]:
    """Read params/panel.yaml and the panel CSV it names; a missing settings file means no panel."""
    sp = Path(settings or paths.PANEL)
    if not sp.exists():
        return None, []
    problems: list[Problem] = []
    read = _settings(sp, problems, source_ids)
    if read is None:
        return None, problems
    cfg, shown_areas = read
    csv_path = Path(directory or paths.RAW_DIR) / cfg["file"]
    rows, problems = read_csv_rows(csv_path, PANEL_COLUMNS)
    lo, hi = (float(b) for b in cfg["bounds"])
    by_area: dict[str, list] = {}
    kinds: dict[str, str] = {}
    for line, row in (rows.rows if rows else []):
        def bad(col: str, message: str, fix: str) -> None:
            problems.append(problem(csv_path, line, col, message, fix))

        if row["area_kind"] not in AREA_KINDS:
            bad("area_kind", f"unknown kind '{short(row['area_kind'])}'", f"use one of: {', '.join(AREA_KINDS)}")
        if row["status"] not in PANEL_STATUSES:
            bad("status", f"unknown status '{short(row['status'])}'", f"use one of: {', '.join(PANEL_STATUSES)}")
        year = int(row["year"]) if row["year"].isascii() and row["year"].isdigit() and len(row["year"]) == 4 else None
        if year is None:
            bad("year", f"'{short(row['year'])}' is not a year", "write a four-digit year")
        value = parse_number(row["value"])
        if value.error:
            bad("value", value.error, value.fix or "")
        elif not lo <= float(value.value) <= hi:
            bad("value", f"{value.value:g} is outside the bounds {lo:g}–{hi:g}", "shares are percentages 0–100")
        if year is not None and value.value is not None and row["status"] in PANEL_STATUSES:
            by_area.setdefault(row["area"], []).append((year, float(value.value), PANEL_STATUSES[row["status"]],
                                                        line))
            kinds[row["area"]] = row["area_kind"]
    series = []
    for area, points in by_area.items():
        points.sort()
        years = [p[0] for p in points]
        for before, again in zip(points, points[1:]):
            if before[0] == again[0]:
                first, second = sorted((before[3], again[3]))
                problems.append(problem(csv_path, second, "year", f"'{area}' has {again[0]} already on line {first}",
                                        "keep one row per area and year"))
        series.append(AreaSeries(area, kinds[area], tuple(years), tuple(p[1] for p in points),
                                 tuple(p[2] for p in points)))
    for shown in shown_areas:
        if shown.area not in by_area and rows is not None:
            problems.append(problem(sp, cfg.line_of("areas"), "areas", f"'{shown.area}' is not an area of the panel",
                                    f"use an area name as written in {csv_path.name}", kind="field"))
    if problems:
        return None, problems
    return Panel(tuple(series), cfg["source"], cfg["unit"], (lo, hi), " ".join(cfg["definition_vi"].split()),
                 " ".join(cfg["definition_en"].split()), cfg["citation_vi"], cfg["citation_en"],
                 " ".join(cfg["break_note_vi"].split()),
                 " ".join(cfg["break_note_en"].split()), tuple(shown_areas),
                 paths.display(csv_path)), []


def panel_csv(settings: Path | str | None = None, directory: Path | str | None = None) -> Path | None:
    """The panel CSV that params/panel.yaml names (None without a readable settings file)."""
    sp = Path(settings or paths.PANEL)
    data = load_yaml(sp) if sp.exists() else None
    name = data.get("file") if isinstance(data, dict) else None
    return Path(directory or paths.RAW_DIR) / name if isinstance(name, str) else None


def load_panel(dataset: Dataset) -> Panel | None:
    """The dataset's panel, validated (InputError on any problem); None where params/panel.yaml does not exist."""
    panel, problems = collect_panel(set(dataset.sources["source"]), directory=dataset.raw_dir)
    if problems:
        raise InputError(problems)
    return panel
