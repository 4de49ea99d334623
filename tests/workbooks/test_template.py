"""Excel templates: one per reporting unit of Plan 330 section V, with the indicators its reporters name."""

from __future__ import annotations

import pytest
import yaml
from openpyxl import load_workbook

from kh330lib import paths
from kh330lib.cli import main
from kh330lib.data.catalog import load_registry
from kh330lib.errors import InputError
from kh330lib.workbooks.template import collect_spec, load_spec, write_template
from reporting_support import TODAY, YEARS, catalogue, template_rows

UNITS = ("doet", "dost", "dof", "hue_univ", "ward")
WARD = "VN-HUE-19753"


def expected_rows(unit: str) -> set[tuple[str, str]]:
    """(indicator, breakdown) a unit reports, from the catalogue's `reporters` read with plain PyYAML.

    A ward reports trained and employed workers; the trained-labour share is
    derived from them (params/wards.yaml), so it has no row of its own.
    """
    cat = catalogue()
    rows = {(i, b) for i, ind in cat.items() if unit in (ind.get("reporters") or [])
            for b in (ind.get("breakdowns") or [""])}
    if unit == "ward":
        rows.discard(("trained_labour_rate_broad", ""))
    return rows


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    registry = load_registry()
    spec = load_spec(registry)
    out = tmp_path_factory.mktemp("templates")
    return {u: write_template(out / f"{u}.xlsx", registry, spec, u, WARD if u == "ward" else None, TODAY)
            for u in UNITS}


@pytest.mark.parametrize("unit", UNITS)
def test_each_unit_gets_the_indicators_its_reporters_name(templates, unit):
    rows = template_rows(templates[unit])
    assert {(code, b) for _, _, code, b in rows} == expected_rows(unit)
    assert len(rows) == len(expected_rows(unit)), "an indicator row appears twice"


@pytest.mark.parametrize("unit", UNITS)
def test_identity_and_version_are_recorded(templates, unit):
    wb = load_workbook(templates[unit])
    meta = wb["_kh330"]
    assert meta.sheet_state == "veryHidden" and meta.protection.sheet
    values = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(1, meta.max_row + 1)}
    version = yaml.safe_load((paths.PARAMS_DIR / "templates.yaml").read_text(encoding="utf-8"))["version"]
    geo = {"doet": "VN-HUE", "dost": "VN-HUE", "dof": "VN-HUE", "hue_univ": "HUE-UNIV", "ward": WARD}[unit]
    assert values == {"template": "kh330", "version": version, "unit": unit, "geo": geo,
                      "generated": TODAY.isoformat(), "first_year": YEARS[0], "last_year": YEARS[-1]}
    props = {p.name: p.value for p in wb.custom_doc_props}
    assert props == {"kh330_version": version, "kh330_unit": unit, "kh330_geo": geo}


@pytest.mark.parametrize("unit", UNITS)
def test_value_cells_are_validated_and_headers_protected(templates, unit):
    cat = catalogue()
    wb = load_workbook(templates[unit])
    for sheet, r, code, _ in template_rows(templates[unit]):
        ws = wb[sheet]
        assert ws.protection.sheet, f"{sheet} is not protected"
        assert [ws.cell(3, c).value for c in range(5, 5 + len(YEARS))] == list(YEARS)
        for c in range(1, 5):
            assert ws.cell(r, c).protection.locked and ws.cell(3, c).protection.locked
        lo, hi = cat[code]["bounds"]
        for c in range(5, 5 + len(YEARS)):
            cell = ws.cell(r, c)
            assert not cell.protection.locked
            rules = [dv for dv in ws.data_validations.dataValidation if cell.coordinate in dv.sqref]
            assert len(rules) == 1, f"{sheet}!{cell.coordinate} has {len(rules)} validation rules"
            dv = rules[0]
            assert dv.type == ("whole" if cat[code].get("integer") else "decimal")
            assert dv.showErrorMessage and dv.error
            assert float(dv.formula1) == lo
            if hi is None:
                assert dv.operator == "greaterThanOrEqual"
            else:
                assert dv.operator == "between" and float(dv.formula2) == hi


def test_instructions_are_in_vietnamese(templates):
    wb = load_workbook(templates["doet"])
    assert wb.sheetnames[0] == "HuongDan" and wb.active.title == "HuongDan"
    text = "\n".join(str(c.value) for c in wb["HuongDan"]["A"] if c.value)
    assert "BIỂU MẪU BÁO CÁO ĐỊNH KỲ THỰC HIỆN KẾ HOẠCH 330/KH-UBND" in text
    assert "Đơn vị báo cáo: Sở Giáo dục và Đào tạo" in text
    assert "Tỷ lệ ghi theo phần trăm: 35 nghĩa là 35 %" in text
    # The definition column carries the Vietnamese definition of each indicator.
    ws = wb["LaoDong"]
    header = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    assert header[:4] == ["Mã chỉ tiêu", "Chỉ tiêu", "Phân tổ", "Đơn vị"]
    assert header[-2:] == ["Ghi chú (nguồn, phương pháp)", "Định nghĩa"]
    assert ws.cell(5, len(header)).value.startswith("Số lao động đang làm việc đã qua đào tạo")


def test_ward_template_needs_one_of_its_geos():
    registry = load_registry()
    spec = load_spec(registry)
    with pytest.raises(InputError) as exc:
        write_template("x.xlsx", registry, spec, "ward", None, TODAY)
    assert str(exc.value.problems[0]) == (
        "params/geos.yaml: field 'geo': unit 'ward' needs --geo (give one of the 40 codes of level ward/commune "
        "in params/geos.yaml, e.g. VN-HUE-19753 (Phường Phú Xuân), VN-HUE-19774 (Phường Kim Long), "
        "VN-HUE-19777 (Phường Vỹ Dạ))")
    with pytest.raises(InputError) as exc:
        write_template("x.xlsx", registry, spec, "doet", WARD, TODAY)
    assert str(exc.value.problems[0]) == (
        "params/templates.yaml: field 'geo': unit 'doet' reports for VN-HUE, not VN-HUE-19753 (leave out --geo)")


def test_cli_writes_a_template_and_never_overwrites(tmp_path, capsys):
    out = tmp_path / "dost.xlsx"
    assert main(["template", "--unit", "dost", "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"kh330 template: {out} — Department of Science and Technology, "
                                              "VN-HUE, version ")
    before = out.read_bytes()
    assert main(["template", "--unit", "dost", "--out", str(out)]) == 2
    assert capsys.readouterr().err.splitlines()[0] == f"{out}: already exists (choose another name or add --force)"
    assert out.read_bytes() == before
    assert main(["template", "--unit", "nobody", "--out", str(tmp_path / "n.xlsx")]) == 2
    assert "unknown reporting unit 'nobody'" in capsys.readouterr().err


def test_one_template_per_ward_and_commune(tmp_path, capsys):
    assert main(["template", "--unit", "ward", "--geo", "all", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"kh330 template: 40 workbooks (ward_<geo>.xlsx) in {tmp_path}\n"
    files = sorted(tmp_path.glob("ward_VN-HUE-*.xlsx"))
    assert len(files) == 40
    meta = load_workbook(files[0])["_kh330"]
    assert (meta["B3"].value, meta["B4"].value) == ("ward", files[0].stem.removeprefix("ward_"))
    assert main(["template", "--unit", "ward", "--geo", "all", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.count("already exists") == 40


def test_spec_problems_are_located(project):
    spec_path = project / "params" / "templates.yaml"
    text = spec_path.read_text(encoding="utf-8")
    spec_path.write_text(text.replace("[rnd_spending_pct_grdp, rnd_nonstate_share, st_budget_share]",
                                      "[rnd_spending_pct_grdp, rnd_share, st_budget_share]"), encoding="utf-8")
    registry = load_registry()
    _, problems = collect_spec(registry)
    lines = spec_path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, s in enumerate(lines, 1) if "rnd_share," in s)
    sheets_line = lines.index("sheets:") + 1
    assert [str(p) for p in problems] == [
        f"params/templates.yaml:{line}: field 'indicators': unknown indicator 'rnd_share' "
        "(use an id from params/indicators.yaml)",
        f"params/templates.yaml:{sheets_line}: field 'sheets': indicator 'rnd_nonstate_share' has reporters "
        "but is on no sheet (add it to the 'indicators' of one sheet)",
    ]
