"""The targets registry and indicator catalogue against the plan's own text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kh330lib import paths
from kh330lib.data.catalog import collect_registry, load_registry
from kh330lib.errors import InputError

# Every number of Plan 330 section II, read by hand from the plan's text
# (data/raw/kh330_plan_text.txt), with its deadline, comparator and unit.
# (clause, value, comparator, deadline, unit)
PLAN_NUMBERS = [
    ("II.2 bullet 1", 80, ">", 2030, "%"),          # "đạt trên 80%"
    ("II.2 bullet 1", 20, ">=", 2030, "%"),         # "chiếm tối thiểu 20%"
    ("II.2 bullet 2", 100, ">=", 2030, "%"),        # "100% học sinh tốt nghiệp"
    ("II.2 bullet 3", 35, ">=", 2030, "%"),         # "đạt 35% ở mỗi trình độ"
    ("II.2 bullet 3", 2.5, ">=", 2030, "%"),        # "ít nhất 2,5%"
    ("II.2 bullet 3", 18, ">=", 2030, "%"),         # "và 18%"
    ("II.2 bullet 4", 3, ">=", 2030, "programmes"),  # "ít nhất 03 chương trình"
    ("II.2 bullet 5", 300, ">=", 2030, "persons"),   # "tối thiểu 300 giáo viên"
    ("II.2 bullet 6", 100, ">=", 2030, "%"),        # "100% cơ sở giáo dục"
    ("II.2 bullet 7", 1.5, ">=", 2030, "% of GRDP"),  # "≥ 1,5% GRDP"
    ("II.2 bullet 7", 60, ">", 2030, "% of R&D spending"),  # "hơn 60%"
    ("II.2 bullet 7", 3.0, ">=", 2030, "% of local budget"),  # "≥ 3,0% chi ngân sách"
    ("II.3 bullet 1", 30, ">=", 2035, "%"),         # "tối thiểu 30%"
    ("II.3 bullet 2", 40, ">=", 2035, "%"),         # "đạt 40%"
    ("II.3 bullet 2", 3, ">=", 2035, "%"),          # "ít nhất 3%"
    ("II.3 bullet 2", 20, ">=", 2035, "%"),         # "và 20%"
    ("II.3 bullet 4", 100, ">=", 2035, "trips"),    # "tối thiểu 100 lượt"
    ("II.3 bullet 6", 2, ">=", 2035, "% of GRDP"),  # "≥ 2% GRDP"
    ("II.3 bullet 6", 60, ">", 2035, "% of R&D spending"),
    ("II.3 bullet 6", 3.0, ">=", 2035, "% of local budget"),
    ("II.4 bullet 5", 2.5, ">=", 2045, "% of GRDP"),  # "≥ 2,5% GRDP"
    ("II.4 bullet 5", 60, ">", 2045, "% of R&D spending"),
    ("II.4 bullet 5", 3.0, ">=", 2045, "% of local budget"),
]
# Bullets of section II with no number at all (qualitative or milestone).
PLAN_BULLETS_WITHOUT_NUMBER = ["II.2 bullet 8", "II.2 bullet 9", "II.3 bullet 3", "II.3 bullet 5",
                               "II.3 bullet 7", "II.4 bullet 1", "II.4 bullet 2", "II.4 bullet 3",
                               "II.4 bullet 4", "II.4 bullet 6"]


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("clause,value,comparator,deadline,unit", PLAN_NUMBERS)
def test_every_number_of_section_ii_is_in_the_registry(registry, clause, value, comparator, deadline, unit):
    hits = [t for t in registry.targets if t.clause == clause and t.value == value and t.deadline == deadline]
    assert len(hits) == 1, f"{clause}: {comparator} {value} {unit} by {deadline} missing or repeated"
    assert hits[0].comparator == comparator
    assert hits[0].unit == unit
    assert hits[0].kind in ("level", "cumulative")


def test_registry_has_no_numeric_target_the_plan_lacks(registry):
    numeric = {(t.clause, t.value, t.deadline) for t in registry.targets if t.kind in ("level", "cumulative")}
    assert numeric == {(c, v, d) for c, v, _, d, _ in PLAN_NUMBERS}


@pytest.mark.parametrize("clause", PLAN_BULLETS_WITHOUT_NUMBER)
def test_qualitative_bullets_are_registered(registry, clause):
    hits = [t for t in registry.targets if t.clause == clause]
    assert hits and all(t.kind in ("qualitative", "milestone") for t in hits)


def test_text_vi_quotes_the_plan_verbatim(registry):
    plan = _norm((paths.RAW_DIR / "kh330_plan_text.txt").read_text(encoding="utf-8"))
    # The PDF text breaks lines inside words' neighbourhoods only at spaces; compare with spaces folded.
    for t in registry.targets:
        assert _norm(t.text_vi) in plan, f"{t.id}: text_vi is not the plan's wording"


def test_stem_targets_apply_at_each_training_level(registry):
    for tid in ("stem_2030", "stem_2035"):
        assert registry.target(tid).breakdown == ("university", "college", "intermediate")


def test_comparator_semantics(registry):
    trained = registry.target("trained_labour_2030")
    assert not trained.met(80.0)       # "trên 80%": exactly 80 is not enough
    assert trained.met(80.01)
    rnd = registry.target("rnd_grdp_2030")
    assert rnd.met(1.5)                # "≥ 1,5%": 1.5 meets it


def test_every_target_indicator_and_proxy_is_catalogued(registry):
    for t in registry.targets:
        if t.kind != "qualitative":
            assert t.indicator in registry.indicators
            assert registry.indicators[t.indicator].reporters, f"{t.indicator}: who reports it?"


# ---------------------------------------------------------------- bad YAML


def _break(project: Path, name: str, old: str, new: str) -> Path:
    path = project / "params" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _messages(project: Path) -> list[str]:
    _, problems = collect_registry(project / "params" / "targets.yaml", project / "params" / "indicators.yaml",
                                   project / "params" / "geos.yaml", project / "params" / "reporting_units.yaml")
    return [str(p) for p in problems]


def _line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def test_invalid_comparator(project_copy):
    path = _break(project_copy, "targets.yaml", 'comparator: ">"\n    value: 80', 'comparator: "=>"\n    value: 80')
    line = _line_of(path, 'comparator: "=>"')
    assert _messages(project_copy) == [
        f"{path}:{line}: field 'comparator': invalid comparator '=>' (use one of >, >=, <, <= (the comment atop "
        "params/targets.yaml gives the one for each wording))"]


def test_missing_clause(project_copy):
    path = _break(project_copy, "targets.yaml", "    clause: II.2 bullet 4\n", "")
    line = _line_of(path, "- id: hightech_programmes_2030")
    assert _messages(project_copy) == [f"{path}:{line}: field 'clause': missing (add 'clause:' to this entry)"]


def test_malformed_clause(project_copy):
    path = _break(project_copy, "targets.yaml", "clause: II.2 bullet 4", "clause: bullet 4")
    line = _line_of(path, "clause: bullet 4")
    assert _messages(project_copy) == [
        f"{path}:{line}: field 'clause': 'bullet 4' is not a clause reference "
        "(write the section and bullet of the plan, e.g. 'II.2 bullet 3')"]


def test_yaml_syntax_error_names_its_line(project_copy):
    path = _break(project_copy, "targets.yaml", "    kind: cumulative\n", "    kind: [cumulative\n")
    line = _line_of(path, "kind: [cumulative")
    msgs = _messages(project_copy)
    assert len(msgs) == 1
    # PyYAML reports where it noticed the problem: at or just after the broken line.
    m = re.match(rf"{re.escape(str(path))}:(\d+): YAML syntax error: ", msgs[0])
    assert m and line <= int(m.group(1)) <= line + 2, msgs[0]
    assert msgs[0].endswith("(fix the indentation, quoting or colon on this line)")


def test_misspelt_field_is_an_error_not_ignored(project_copy):
    path = _break(project_copy, "targets.yaml", "    deadline: 2035\n    start: 2030",
                  "    deadline: 2035\n    strat: 2030")
    line = _line_of(path, "strat: 2030")
    msgs = _messages(project_copy)
    assert len(msgs) == 1 and msgs[0].startswith(f"{path}:{line}: field 'strat': unknown field in a target (remove it")


def test_value_must_be_a_number(project_copy):
    path = _break(project_copy, "targets.yaml", "value: 2.5\n    unit: \"%\"\n    deadline: 2030",
                  "value: \"2,5\"\n    unit: \"%\"\n    deadline: 2030")
    line = _line_of(path, 'value: "2,5"')
    assert _messages(project_copy) == [
        f"{path}:{line}: field 'value': value must be a number, got '2,5' "
        "(write the plan's figure with a decimal point, e.g. 2.5 for '2,5%')"]


def test_target_unit_must_match_catalogue(project_copy):
    path = _break(project_copy, "targets.yaml", 'unit: "% of GRDP"\n    deadline: 2030',
                  'unit: "%"\n    deadline: 2030')
    lines = path.read_text(encoding="utf-8").splitlines()
    start = _line_of(path, "id: rnd_grdp_2030")
    line = next(i for i in range(start, len(lines) + 1) if lines[i - 1].strip() == 'unit: "%"')
    assert _messages(project_copy) == [
        f"{path}:{line}: field 'unit': unit '%' disagrees with the catalogue ('% of GRDP' for rnd_spending_pct_grdp) "
        "(write unit: '% of GRDP')"]


def test_unknown_indicator_in_target(project_copy):
    path = _break(project_copy, "targets.yaml", "indicator: st_budget_share", "indicator: st_budget_shares")
    line = _line_of(path, "indicator: st_budget_shares")
    msgs = _messages(project_copy)
    assert msgs[0] == (f"{path}:{line}: field 'indicator': unknown indicator 'st_budget_shares' "
                       "(add it to params/indicators.yaml or fix the spelling)")


def test_indicator_bounds_validated(project_copy):
    path = _break(project_copy, "indicators.yaml", "bounds: [0, 100]", "bounds: [100, 0]")
    line = _line_of(path, "bounds: [100, 0]")
    assert _messages(project_copy) == [
        f"{path}:{line}: field 'bounds': low bound 100.0 is not below high bound 0.0 (write [low, high])"]


def test_load_registry_raises_with_every_problem(project_copy):
    _break(project_copy, "targets.yaml", 'comparator: ">"\n    value: 80', 'comparator: "=>"\n    value: 80')
    _break(project_copy, "targets.yaml", "    clause: II.2 bullet 4\n", "")
    with pytest.raises(InputError) as exc:
        load_registry(project_copy / "params" / "targets.yaml", project_copy / "params" / "indicators.yaml",
                      project_copy / "params" / "geos.yaml", project_copy / "params" / "reporting_units.yaml")
    assert len(exc.value.problems) == 2


def test_missing_file(tmp_path):
    shutil.copytree(paths.PARAMS_DIR, tmp_path / "params")
    (tmp_path / "params" / "targets.yaml").unlink()
    _, problems = collect_registry(tmp_path / "params" / "targets.yaml", tmp_path / "params" / "indicators.yaml",
                                   tmp_path / "params" / "geos.yaml", tmp_path / "params" / "reporting_units.yaml")
    assert [str(p) for p in problems] == [f"{tmp_path / 'params' / 'targets.yaml'}: file not found "
                                          "(check the path or create the file)"]
