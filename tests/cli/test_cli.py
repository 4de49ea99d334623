"""`kh330 check` and `kh330 status` as a user or a script sees them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata

from kh330lib import paths
from kh330lib.cli import main
from kh330lib.data.calendar import load_calendar, owed, template_file_name, unit_geos
from kh330lib.data.dataset import load_dataset
from kh330lib.words.summary import owed_rows
from process_support import PATIENCE

LINE_RE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): column '(?P<col>[^']+)': .+ \(.+\)$")


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kh330lib", *args], capture_output=True, text=True,
                          cwd=paths.ROOT, env=env, timeout=PATIENCE)


def test_check_passes_on_shipped_data():
    res = run_cli("check")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kh330 check: OK — {len(load_dataset().registry.targets)} targets")


def test_check_fails_with_one_line_per_problem_and_no_traceback(tmp_path):
    bad = tmp_path / "obs.csv"
    text = (paths.OBSERVATIONS.read_text(encoding="utf-8").splitlines()[:3])
    text[1] = text[1].replace(",66.8,", ',"66,8",')
    text[2] = text[2].replace(",estimate,", ",final,")
    bad.write_text("\n".join(text) + "\n", encoding="utf-8")
    res = run_cli("check", "--data", str(bad))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert lines[:-1] == [
        f"{bad}:2: column 'value': '66,8' uses a decimal comma (write 66.8)",
        f"{bad}:3: column 'status': unknown status 'final' "
        "(use one of: official, estimate, provisional, proxy, assumption)",
    ]
    assert all(LINE_RE.match(line) for line in lines[:-1])
    assert lines[-1] == "kh330 check: 2 problems in the input; nothing was changed."


def test_check_reports_bad_targets_file(tmp_path):
    bad = tmp_path / "targets.yaml"
    bad.write_text(paths.TARGETS.read_text(encoding="utf-8").replace("deadline: 2045", "deadline: twenty", 1),
                   encoding="utf-8")
    res = run_cli("check", "--targets", str(bad))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert re.search(rf"^{re.escape(str(bad))}:\d+: field 'deadline': deadline must be a year 2025–2100, "
                     r"got 'twenty' \(write the year as a number, e.g. deadline: 2030\)$", res.stderr, re.M)


def test_unknown_option_is_a_usage_error():
    res = run_cli("check", "--bogus")
    assert res.returncode == 2 and "Traceback" not in res.stderr


# How the table names a data status (hand-listed, the plan's Vietnamese words).
STATUS_VI = {"official": "chính thức", "estimate": "ước tính", "provisional": "sơ bộ", "proxy": "số liệu thay thế",
             "assumption": "giả định"}
HEADER_RE = re.compile(r"^\[(?P<clause>[^\]·]+) · (?P<target>\w+)\] .+: .+$")
POINT = (r"(?P<value>\d[\d.]*(?:,\d+)?) .*— (?P<year>\d{4})(?: \([^)]*\))?, (?P<status>[^,]+), "
         r"nguồn (?P<source>\S+); số điểm: (?P<n>\d+)$")
VALUE_RE = re.compile(r"^    " + POINT)
PROXY_RE = re.compile(r"^    ↳ số liệu thay thế: .+ \((?P<geo>[^()]+)\): " + POINT)


def _series(obs, indicator: str, geo: str, breakdown: str) -> tuple[int, tuple] | None:
    """(number of years, (value, year, status, source) of the latest year) of one series, or None for no data."""
    rows = obs[(obs["indicator"] == indicator) & (obs["geo"] == geo) & (obs["breakdown"] == breakdown)]
    if rows.empty:
        return None
    last = rows[rows["year"] == rows["year"].max()]
    # A year's annual figure when there is one, else its latest quarter.
    annual = last[~last["period"].str.contains("Q", na=False)]
    row = (annual if len(annual) else last.sort_values("period")).iloc[-1]
    return rows["year"].nunique(), (round(float(row["value"]), 2), int(row["year"]), STATUS_VI[row["status"]],
                                    row["source"])


def _shown(m: re.Match) -> tuple[int, tuple]:
    value = float(m["value"].replace(".", "").replace(",", "."))
    return int(m["n"]), (value, int(m["year"]), m["status"], m["source"])


def test_status_table_in_vietnamese_shows_each_targets_latest_huế_value_or_its_proxies(capsys):
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    assert unicodedata.is_normalized("NFC", out)
    dataset = load_dataset()
    registry, obs = dataset.registry, dataset.observations
    table = out[:out.index("Số liệu các đơn vị cần báo cáo")].splitlines()
    starts = [i for i, line in enumerate(table) if HEADER_RE.match(line)]
    blocks = [table[i:j] for i, j in zip(starts, [*starts[1:], len(table)])]
    # One block per target and training level, in the order of params/targets.yaml.
    levels = [(tg, b) for tg in registry.targets for b in tg.breakdown or ("",)]
    assert [HEADER_RE.match(block[0])["target"] for block in blocks] == [tg.id for tg, _ in levels]
    with_data = proxied = 0
    for (tg, breakdown), block in zip(levels, blocks):
        body = [line for line in block[1:] if line.strip()]
        if tg.kind == "qualitative":
            assert not any(VALUE_RE.match(line) or PROXY_RE.match(line) for line in body), block
            continue
        own = _series(obs, tg.indicator, tg.geo, breakdown)
        if own is not None:
            assert len(body) == 1 and _shown(VALUE_RE.match(body[0])) == own, block
            with_data += 1
            continue
        assert body[0].startswith("    Chưa có số liệu"), block
        # The same indicator nationally, then the catalogue's proxies, those that have data.
        candidates = [(tg.indicator, "VN", breakdown)] + [
            (p.indicator, p.geo, "") for p in registry.indicators[tg.indicator].proxies]
        expected = [(registry.geos[geo].label_vi, shown) for ind, geo, b in candidates
                    for shown in [_series(obs, ind, geo, b)] if shown is not None]
        matches = [PROXY_RE.match(line) for line in body[1:]]
        assert all(matches) and [(m["geo"], _shown(m)) for m in matches] == expected, block
        proxied += bool(expected)
    # The shipped data: Huế's own figures for one target, proxies for several others.
    assert with_data == 1 and proxied >= 5


def test_status_ends_with_what_each_unit_owes(capsys):
    assert main(["status"]) == 0
    out = capsys.readouterr().out
    dataset = load_dataset()
    calendar = load_calendar(dataset.registry)
    rows = owed_rows(owed(dataset, calendar, unit_geos(dataset.registry)), dataset.registry, calendar, "vi")
    # The list the index and the scorecard show, one block per unit of params/reporting_calendar.yaml.
    tail = out[out.index("Số liệu các đơn vị cần báo cáo"):].splitlines()
    assert [line for line in tail if not line.startswith((" ", "=", "So với", "Hạn nộp là"))][1:] == [
        f"{r.unit} ({r.clause}): {r.state.upper()}" for r in rows]
    assert "    Mẫu báo cáo: doet_VN-HUE.xlsx" in tail and "    Hạn nộp: 31/01/2026 (giả định)" in tail
    # Overdue against the date of the data (the newest source date here), not today's date.
    assert "So với ngày của số liệu: 02/03/2026." in tail


def test_check_refuses_a_bad_reporting_calendar(project_copy):
    calendar = project_copy / "params" / "reporting_calendar.yaml"
    text = calendar.read_text(encoding="utf-8")
    calendar.write_text(text.replace('due: "01-15"', 'due: "15/01"', 1), encoding="utf-8")
    env = {**os.environ, "KH330_PARAMS_DIR": str(project_copy / "params"), "KH330_DATA_DIR": str(project_copy / "data")}
    res = run_cli("check", env=env)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    line = next(n for n, t in enumerate(calendar.read_text(encoding="utf-8").splitlines(), 1) if '"15/01"' in t)
    assert (f"reporting_calendar.yaml:{line}: field 'due': '15/01' is not a month and day (write the month and day "
            'of the following year as "MM-DD", e.g. "01-31")') in res.stderr


def test_template_into_a_folder_takes_the_name_the_calendar_lists(tmp_path):
    res = run_cli("template", "--unit", "dof", "--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert [p.name for p in tmp_path.iterdir()] == [template_file_name("dof", "VN-HUE")] == ["dof_VN-HUE.xlsx"]


def test_status_in_english(capsys):
    assert main(["status", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    tg = load_dataset().registry.target("trained_labour_2030")
    header = next(i for i, line in enumerate(lines) if HEADER_RE.match(line) and f"· {tg.id}]" in line)
    m = re.match(r"^    (?P<value>[\d,]+(?:\.\d+)?)% — (?P<year>\d{4}), (?P<status>[^,]+), source (?P<source>\S+); "
                 r"points: (?P<n>\d+)$", lines[header + 1])
    n, (value, year, status, source) = _series(load_dataset().observations, tg.indicator, tg.geo, "")
    assert m and (float(m["value"].replace(",", "")), int(m["year"]), m["source"], int(m["n"])) == (
        value, year, source, n)
    assert m["status"] == {"chính thức": "official", "ước tính": "estimate"}[status]


def test_status_json_is_honest_about_missing_data(capsys):
    assert main(["status", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    by_id = {(r["target"], r["breakdown"]): r for r in records}
    trained = by_id[("trained_labour_2030", None)]
    assert (trained["latest_year"], trained["latest_value"], trained["n_points"]) == (2024, 72.5, 4)
    rnd = by_id[("rnd_grdp_2030", None)]
    assert rnd["latest_value"] is None and rnd["reason"] == "no Huế data"
    assert rnd["proxies"][0]["indicator"] == "gerd_pct_gdp" and rnd["proxies"][0]["status"] == "proxy"
    assert len([r for r in records if r["target"] == "stem_2030"]) == 3


def test_check_validates_every_scenario_file(project_copy):
    broken = project_copy / "params" / "scenarios" / "broken.yaml"
    broken.write_text("scenario: broken\nscenario_label_vi: Hỏng\nscenario_label_en: Broken\nadjustments:\n"
                      "  - indicator: trained_labour_rate_broad\n    type: extra_points_per_year\n"
                      "    points: many\n    from_year: 2025\n", encoding="utf-8")
    env = {**os.environ, "KH330_PARAMS_DIR": str(project_copy / "params"), "KH330_DATA_DIR": str(project_copy / "data")}
    res = run_cli("check", env=env)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    # The file and the line of the bad value (line 7: `points: many`).
    assert re.search(r"broken\.yaml:7: field 'points'", res.stderr), res.stderr
    broken.unlink()
    assert run_cli("check", env=env).returncode == 0


def test_check_validates_the_limits(project_copy):
    limits = project_copy / "params" / "limits.yaml"
    limits.write_text(limits.read_text(encoding="utf-8").replace("max_sheets: 50", "max_sheets: many"),
                      encoding="utf-8")
    env = {**os.environ, "KH330_PARAMS_DIR": str(project_copy / "params"), "KH330_DATA_DIR": str(project_copy / "data")}
    res = run_cli("check", env=env)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    line = next(n for n, text in enumerate(limits.read_text(encoding="utf-8").splitlines(), 1) if "max_sheets" in text)
    assert f"limits.yaml:{line}: field 'workbook.max_sheets': expected a whole number ≥ 1, got 'many'" in res.stderr
