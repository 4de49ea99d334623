"""Explore, then publish: only the scenarios and languages of params/publish.yaml reach reports/latest/; any
other run goes to reports/explore/<scenarios>/ and leaves the leadership briefs byte for byte as they were."""

from __future__ import annotations

import json
import os

import pytest

from briefs_support import kh330, notebook_folder, tree_hashes
from kh330lib.errors import InputError
from kh330lib.run.audience import PublishSet, explore_dir, load_publish_set

pytestmark = pytest.mark.notebook


def _run(folder, reports, *args):
    return kh330("run", "--notebooks", str(folder), "--out", str(reports), *args)


def _manifest(latest):
    return json.loads((latest / "manifest.json").read_text(encoding="utf-8"))


def test_explorations_never_touch_the_leadership_briefs(tmp_path):
    folder = notebook_folder(tmp_path / "nb", "10_scorecard")
    reports = tmp_path / "reports"
    shipped = load_publish_set()

    first = _run(folder, reports)  # the default: the set of params/publish.yaml, published
    assert first.returncode == 0, first.stderr
    settings = _manifest(reports / "latest")["settings"]
    assert settings["scenarios"] == list(shipped.scenarios) and sorted(settings["langs"]) == sorted(shipped.langs)
    assert f"published {reports}/latest/index.html" in first.stdout
    before = tree_hashes(reports / "latest")
    link = os.readlink(reports / "latest")

    trial = _run(folder, reports, "--scenario", "accelerated")
    assert trial.returncode == 0, trial.stderr
    where = explore_dir(reports, ["accelerated"])
    assert where == reports / "explore" / "accelerated"
    assert trial.stdout.splitlines()[0] == (
        f"kh330 run: an exploration (not the scenarios and languages of params/publish.yaml): it goes to {where}/ "
        f"and leaves {reports}/latest/, the leadership briefs, unchanged (--publish publishes it there)")
    assert trial.stdout.splitlines()[-1].endswith(
        f"written to {where}/latest/index.html; {reports}/latest/ (the leadership briefs) was not changed")
    assert _manifest(where / "latest")["settings"]["scenarios"] == ["accelerated"]
    # Its index says what it is, should it be passed around.
    index = (where / "latest" / "index.html").read_text(encoding="utf-8")
    assert "Bản chạy thử để khám phá kịch bản, không phải các bản tóm tắt công bố cho lãnh đạo." in index
    assert "Bản chạy thử" not in (reports / "latest" / "index.html").read_text(encoding="utf-8")
    # One language of the published scenario is an exploration too.
    one_lang = _run(folder, reports, "--lang", "vi")
    assert one_lang.returncode == 0, one_lang.stderr
    assert (reports / "explore" / "baseline" / "latest" / "baseline" / "vi" / "10_scorecard.html").exists()
    assert not (reports / "explore" / "baseline" / "latest" / "baseline" / "en").exists()
    assert os.readlink(reports / "latest") == link and tree_hashes(reports / "latest") == before

    published = _run(folder, reports, "--scenario", "accelerated", "--publish")
    assert published.returncode == 0, published.stderr
    assert _manifest(reports / "latest")["settings"]["scenarios"] == ["accelerated"]


def test_the_shipped_set_is_the_baseline_in_both_languages():
    assert load_publish_set() == PublishSet(("baseline",), ("vi", "en"))


@pytest.mark.parametrize(("text", "message"), [
    ("source: s\nscenarios: [basline]\nlangs: [vi]\n",
     "publish.yaml:2: field 'scenarios': unknown name 'basline' (use one of: baseline, accelerated)"),
    ("source: s\nscenarios: [baseline]\nlangs: [fr]\n",
     "publish.yaml:3: field 'langs': unknown name 'fr' (use one of: vi, en)"),
    ("source: s\nscenarios: baseline\nlangs: [vi]\n",
     "publish.yaml:2: field 'scenarios': must be a non-empty list of names, got 'baseline' "
     "(write e.g. 'scenarios: [baseline]')"),
    ("scenarios: [baseline]\nlangs: [vi]\n",
     "publish.yaml: field 'source': missing (say who decided what leadership read)"),
    ("source: s\nscenarios: [baseline]\nlangs: [vi]\naudience: all\n",
     "publish.yaml:4: field 'audience': unknown key (use only source, scenarios and langs)"),
])
def test_a_bad_publish_set_names_the_line(tmp_path, text, message):
    p = tmp_path / "publish.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_publish_set(p)
    assert str(exc.value.problems[0]).endswith(message)
