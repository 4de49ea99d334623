"""Files kh330 writes get the mode of any new file under the user's umask (0644 under the usual 022)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kh330lib.cli import main
from kh330lib.data.catalog import load_registry
from kh330lib.files import umask, write_bytes, write_json
from kh330lib.workbooks.template import load_spec, write_template
from reporting_support import TODAY, fill


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o027, 0o002])
def mask(request) -> int:
    """Run the test under this umask (and restore the old one)."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_umask_is_read_and_left_as_it_was(mask):
    assert umask() == mask and umask() == mask


def test_atomic_writes_follow_the_umask(tmp_path, mask):
    write_bytes(tmp_path / "new.csv", b"a\n")
    write_json(tmp_path / "out.json", {"a": 1})
    for name in ("new.csv", "out.json"):
        assert mode(tmp_path / name) == 0o666 & ~mask, name


def test_vintages_templates_and_exports_are_readable_by_the_group_and_others(project, capsys, mask):
    registry = load_registry()
    template = write_template(project / "doet.xlsx", registry, load_spec(registry), "doet", None, TODAY)
    fill(template, project / "doet_filled.xlsx")
    assert main(["intake", str(project / "doet_filled.xlsx"), "--reporter", "Sở GD&ĐT"]) == 0
    assert main(["assess", "--all", "--csv", str(project / "all.csv")]) == 0
    capsys.readouterr()
    written = [template, project / "all.csv", *(project / "data" / "vintages").glob("*/*")]
    assert len(written) == 4
    for path in written:
        assert mode(path) == 0o666 & ~mask, path.name
    (folder,) = (p for p in (project / "data" / "vintages").iterdir() if p.is_dir())
    assert mode(folder) == 0o777 & ~mask


def test_published_briefs_are_readable_by_others(fixture_briefs):
    # The scheduled job's account writes them; leadership's web server or a researcher reads them.
    files = [p for p in fixture_briefs.latest.resolve().rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert mode(path) & 0o444 == 0o444 & ~umask(), path.name
