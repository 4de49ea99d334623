"""params/methods.yaml read from disk and typed by methods.settings, which itself touches no file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .. import paths
from ..methods.settings import Methods, methods_from
from ..yamlio import load_yaml

METHODS = paths.PARAMS_DIR / "methods.yaml"


def load_methods(path: Path | str | None = None) -> Methods:
    """Read params/methods.yaml; every missing or mistyped setting is reported with its line."""
    p = Path(path or METHODS)
    return dataclasses.replace(methods_from(load_yaml(p), str(p)), path=paths.display(p))
