"""`kh330 run --pdf` without Chromium: every HTML brief is still built and published, and one line says why the
PDFs and previews were skipped and how to install the browser."""

from __future__ import annotations

from briefs_support import FIXTURE_SCENARIO, notebook_folder, run_briefs
from kh330lib.run import printing


def test_the_browser_can_be_named_and_is_missing_when_the_name_is_wrong(monkeypatch, tmp_path):
    monkeypatch.setenv("KH330_CHROMIUM", str(tmp_path / "no-browser"))
    assert printing.find_chromium() is None
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setenv("KH330_CHROMIUM", str(fake))
    assert printing.find_chromium() == str(fake)


def test_without_chromium_the_briefs_are_published_and_one_line_says_what_was_skipped(tmp_path):
    notebooks = notebook_folder(tmp_path / "notebooks", "10_scorecard")
    done = run_briefs(notebooks, tmp_path / "reports", "--scenario", str(FIXTURE_SCENARIO), "--lang", "all",
                      "--pdf", env={"KH330_CHROMIUM": str(tmp_path / "no-browser")})
    assert done.returncode == 0, done.stderr
    latest = done.latest
    assert sorted(p.name for p in latest.glob("*/*/*.html")) == ["10_scorecard.html", "10_scorecard.html"]
    assert list(latest.glob("**/*.pdf")) == [] and not (latest / "preview").exists()
    lines = [line for line in done.stderr.splitlines() if "skipped" in line]
    assert lines == ["kh330 run: PDFs and previews skipped: Chromium not found; install Chromium (Debian/Ubuntu: "
                     "sudo apt-get install chromium) or set KH330_CHROMIUM to the browser's path"]
    assert "Traceback" not in done.stderr
