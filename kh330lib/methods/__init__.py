"""The methods: projection models, backtests, attainment measures (growth ratio, UNSD, pace, probability)."""

import importlib
import importlib.util
import sys


def _import_on_first_use(name: str) -> None:
    """Put module `name` in sys.modules as a lazy module, whose code runs when one of its attributes is first read."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return  # not installed: the first `import` says so, as it would without this
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    # Bound on its package too, so that `from scipy import special` finds it there without reading it (an import
    # statement that looked it up in sys.modules would read its __spec__, and that runs its code).
    package, _, child = name.rpartition(".")
    setattr(importlib.import_module(package), child, module)


# scipy.special takes about 0.3 s to import (its array-API layer loads numpy.testing and f2py), and only fitting a
# model reads it: `from scipy import special` in the modules below stays as it is, and a command that fits nothing
# (status, check, list) never pays for it. `from scipy.special import x` would load it at once: write
# `from scipy import special` and `special.x`.
_import_on_first_use("scipy.special")
