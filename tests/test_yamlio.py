"""Bounded YAML: aliases refused, sizes and node counts checked before anything is built, values quoted short."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kh330lib import errors, paths, yamlio
from kh330lib.errors import InputError, quote

BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""
ALIAS_FIX = "(write the value out in full instead of '*name')"


def check(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KH330_PARAMS_DIR": str(project / "params"), "KH330_DATA_DIR": str(project / "data")}
    return subprocess.run([sys.executable, "-m", "kh330lib", "check"], capture_output=True, text=True, env=env,
                          check=False)


def test_quote_keeps_short_values_as_repr_shows_them():
    assert quote("abc") == "'abc'"
    assert quote(12.5) == "12.5"
    assert quote([1, "a"]) == "[1, 'a']"


def test_quote_cuts_long_values_to_80_characters_ending_with_an_ellipsis():
    assert quote("x" * 7_000_000) == "'" + "x" * 78 + "…"
    # Containers are shortened the reprlib way first.
    assert quote(list(range(100_000))) == "[0, 1, 2, 3, 4, 5, ...]"
    assert quote([["z" * 500]]) == "[['" + "z" * 76 + "…"
    assert quote("y" * 50, limit=10) == "'yyyyyyyy…"


def test_an_alias_bomb_in_a_scenario_is_refused_at_its_first_alias(project_copy):
    (project_copy / "params" / "scenarios" / "bomb.yaml").write_text(BOMB, encoding="utf-8")
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    where = project_copy / "params" / "scenarios" / "bomb.yaml"
    assert f"{where}:2: YAML alias '*a' refused: aliases are not accepted {ALIAS_FIX}" in res.stderr.splitlines()


def test_an_alias_bomb_in_targets_yaml_is_refused(project_copy):
    targets = project_copy / "params" / "targets.yaml"
    targets.write_text(targets.read_text(encoding="utf-8") + "\n" + BOMB.replace("a:", "zz:", 1), encoding="utf-8")
    line = len(targets.read_text(encoding="utf-8").splitlines()) - 7
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert f"{targets}:{line}: YAML alias '*a' refused: aliases are not accepted {ALIAS_FIX}" in res.stderr


def test_a_single_alias_is_refused_too(tmp_path):
    f = tmp_path / "one.yaml"
    f.write_text("a: &x 1\nb: *x\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        yamlio.load_yaml(f)
    assert str(exc.value) == f"{f}:2: YAML alias '*x' refused: aliases are not accepted {ALIAS_FIX}"


def test_an_anchor_without_alias_is_harmless(tmp_path):
    f = tmp_path / "anchor.yaml"
    f.write_text("a: &x 1\nb: 2\n", encoding="utf-8")
    assert yamlio.load_yaml(f) == {"a": 1, "b": 2}


def test_a_50_mb_scenario_is_refused_before_it_is_read(project_copy, monkeypatch):
    big = project_copy / "params" / "scenarios" / "huge.yaml"
    with big.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    limit = yamlio.bounds().max_file_bytes
    expected = (f"{big}: is 52,428,800 bytes; the limit is {limit:,} (yaml.max_file_bytes in params/limits.yaml) "
                "(shorten the file or raise the limit)")

    def never(*args, **kwargs):
        raise AssertionError("the file was opened")
    # The size is checked from the file system: neither opening nor reading happens.
    monkeypatch.setattr(Path, "open", never)
    monkeypatch.setattr(Path, "read_bytes", never)
    monkeypatch.setattr(Path, "read_text", never)
    with pytest.raises(InputError) as exc:
        yamlio.load_yaml(big)
    assert str(exc.value) == expected
    monkeypatch.undo()
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert expected in res.stderr.splitlines()


def test_the_shipped_limits_bound_yaml_files():
    assert yamlio.bounds() == yamlio.Bounds(max_file_bytes=1_000_000, max_nodes=100_000)


def test_more_nodes_than_the_limit_are_refused_while_composing(tmp_path):
    f = tmp_path / "flat.yaml"
    f.write_text("[" + ", ".join(["1"] * 50) + "]\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        yamlio.load_yaml(f, fixed=yamlio.Bounds(max_file_bytes=10_000, max_nodes=20))
    assert str(exc.value) == (f"{f}:1: more than 20 YAML nodes; the limit is 20 (the built-in limit) "
                              "(split or shorten the file)")


def test_the_node_limit_comes_from_params_limits_yaml(project_copy):
    limits = project_copy / "params" / "limits.yaml"
    limits.write_text(limits.read_text(encoding="utf-8").replace("max_nodes: 100_000", "max_nodes: 2_000"),
                      encoding="utf-8")
    flat = project_copy / "params" / "scenarios" / "flat.yaml"
    flat.write_text("scenario: flat\nadjustments:\n" + "  - 1\n" * 3000, encoding="utf-8")
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    # Nodes: the mapping, two keys, 'flat', the list, then one per item: the 2,001st is item 1,996, on line 1,998.
    assert (f"{flat}:1998: more than 2,000 YAML nodes; the limit is 2,000 (yaml.max_nodes in params/limits.yaml) "
            "(split or shorten the file)") in res.stderr.splitlines()


def test_limits_yaml_is_itself_read_within_fixed_bounds(project_copy):
    limits = project_copy / "params" / "limits.yaml"
    limits.write_text(limits.read_text(encoding="utf-8") + "# padding\n" * 20_000, encoding="utf-8")
    size = limits.stat().st_size
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert (f"{limits}: is {size:,} bytes; the limit is 100,000 (the built-in limit) "
            "(shorten the file or raise the limit)") in res.stderr.splitlines()


def test_a_broken_yaml_limit_is_reported_with_its_line(project_copy):
    limits = project_copy / "params" / "limits.yaml"
    text = limits.read_text(encoding="utf-8")
    limits.write_text(text.replace("max_nodes: 100_000", "max_nodes: 0"), encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "max_nodes: 100_000" in t)
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert (f"{limits}:{line}: field 'yaml.max_nodes': expected a whole number ≥ 1, got 0 "
            "(see the comment above it)") in res.stderr.splitlines()


def test_a_long_value_in_an_error_is_quoted_in_80_characters(project_copy):
    targets = project_copy / "params" / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace("    value: 80\n", "    value: " + "9x" * 200_000 + "\n", 1), encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t == "    value: 80")
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    shown = "'" + "9x" * 39 + "…"
    assert len(shown) == 80
    lines = [t for t in res.stderr.splitlines() if t.startswith(f"{targets}:{line}:")]
    assert lines == [f"{targets}:{line}: field 'value': value must be a number, got {shown} "
                     "(write the plan's figure with a decimal point, e.g. 2.5 for '2,5%')"]
    assert max(len(t) for t in res.stderr.splitlines()) < 400


def test_every_yaml_file_of_kh330lib_goes_through_load_yaml():
    for path in sorted((paths.ROOT / "kh330lib").rglob("*.py")):
        if path.name == "yamlio.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "import yaml" not in text and "yaml.load" not in text and "safe_load" not in text, path
    assert errors.quote is quote


def test_deep_nesting_is_refused_before_python_runs_out_of_stack(tmp_path):
    f = tmp_path / "deep.yaml"
    f.write_text("[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        yamlio.load_yaml(f)
    assert str(exc.value) == (f"{f}:1: lists or mappings nested more than 100 deep; the limit is 100 "
                              "(the built-in limit) (flatten the structure)")


def test_an_unknown_name_in_an_error_is_cut_to_80_characters(project_copy):
    targets = project_copy / "params" / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    long_id = "z" * 500_000
    targets.write_text(text.replace("    indicator: trained_labour_rate_broad\n", f"    indicator: {long_id}\n", 1),
                       encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t == "    indicator: trained_labour_rate_broad")
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert (f"{targets}:{line}: field 'indicator': unknown indicator '{'z' * 79}…' "
            "(add it to params/indicators.yaml or fix the spelling)") in res.stderr.splitlines()
    assert max(len(t) for t in res.stderr.splitlines()) < 400
    assert errors.short("abc") == "abc" and errors.short("y" * 100) == "y" * 79 + "…"


def test_a_long_value_in_observations_csv_is_cut_to_80_characters(project_copy):
    obs = project_copy / "data" / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",66.8,%,", ",{},%,".format("9a" * 25_000)).replace(",VN-HUE,", ",{},".format(
        "G" * 50_000))
    obs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = check(project_copy)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    err = res.stderr.splitlines()
    assert (f"{obs}:2: column 'value': '{'9a' * 39}9…' is not a number "
            "(write digits with a decimal point, e.g. 66.8)") in err
    assert any(t.startswith(f"{obs}:2: column 'geo': unknown geo '{'G' * 79}…' (use one of ") for t in err)
    assert max(len(t) for t in err) < 400
