"""pyproject.toml, requirements.lock and environment.yml must pin the same packages and versions."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from kh330lib import paths

# PyPI and conda-forge spell a few packages differently.
CONDA_NAMES = {"pyyaml": "pyyaml", "pytest-benchmark": "pytest-benchmark"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject_pins() -> dict[str, str]:
    data = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    specs = list(data["project"]["dependencies"])
    for extra in data["project"].get("optional-dependencies", {}).values():
        specs += extra
    pins = {}
    for spec in specs:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9][^;\s]*)", spec.strip())
        assert m, f"pyproject.toml: '{spec}' is not pinned exactly (write name==version)"
        pins[_norm(m.group(1))] = m.group(2)
    return pins


def _lock_pins() -> dict[str, str]:
    pins = {}
    for line in (paths.ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line)
        assert m, f"requirements.lock: '{line}' is not name==version"
        pins[_norm(m.group(1))] = m.group(2)
    return pins


def _conda_pins() -> dict[str, str]:
    """The pins of environment.yml and environment-test.yml together."""
    deps = []
    for name in ("environment.yml", "environment-test.yml"):
        deps += yaml.safe_load((paths.ROOT / name).read_text(encoding="utf-8"))["dependencies"]
    pins = {}
    for dep in deps:
        if isinstance(dep, str) and "=" in dep:
            name, version = dep.split("=", 1)
            pins[_norm(name)] = version.lstrip("=")
    return pins


def test_every_direct_dependency_is_locked_at_the_same_version() -> None:
    lock = _lock_pins()
    for name, version in _pyproject_pins().items():
        assert name in lock, f"{name} is in pyproject.toml but not in requirements.lock (run make lock)"
        assert lock[name] == version, f"{name}: pyproject.toml {version} != requirements.lock {lock[name]}"


def test_environment_yml_pins_the_same_versions() -> None:
    conda = _conda_pins()
    for name, version in _pyproject_pins().items():
        cname = CONDA_NAMES.get(name, name)
        assert cname in conda, f"{name} is in pyproject.toml but not in environment.yml"
        assert conda[cname] == version, f"{name}: pyproject.toml {version} != environment.yml {conda[cname]}"
    extra = set(conda) - {CONDA_NAMES.get(n, n) for n in _pyproject_pins()} - {"python", "pip"}
    assert not extra, f"environment.yml pins packages pyproject.toml does not declare: {sorted(extra)}"


def test_test_tools_are_not_in_the_main_environment() -> None:
    data = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    test_tools = {_norm(re.split("==", spec)[0]) for spec in data["project"]["optional-dependencies"]["test"]}
    main = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"]
    assert not test_tools & {_norm(d.split("=")[0]) for d in main if isinstance(d, str)}


def test_python_versions_agree() -> None:
    data = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["requires-python"] == ">=3.11"
    assert _conda_pins()["python"].startswith("3.11")


def test_lock_is_complete_for_the_installed_environment() -> None:
    """Every package installed alongside kh330 comes from the lock (nothing resolved on the fly)."""
    from importlib import metadata

    lock = _lock_pins()
    for name in _pyproject_pins():
        assert metadata.version(name) == lock[name], f"installed {name} differs from the lock"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make briefs" in readme
    assert re.search(r"^make test\s*$", ci, re.M), ".ci/run must call `make test`"


def test_paths_are_overridable(monkeypatch, tmp_path: Path) -> None:
    import importlib

    monkeypatch.setenv("KH330_DATA_DIR", str(tmp_path))
    reloaded = importlib.reload(paths)
    try:
        assert reloaded.OBSERVATIONS == tmp_path / "observations.csv"
    finally:
        monkeypatch.delenv("KH330_DATA_DIR")
        importlib.reload(paths)
