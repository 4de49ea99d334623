"""Modules whose code runs when one of their attributes is first read, not when they are imported.

A command that never uses a heavy module should not pay for loading it, yet its import belongs at the top of the
module that uses it, where readers and tools follow it. `import_on_first_use(name)` puts `name` in sys.modules as
a lazy module (importlib.util.LazyLoader); `from package import child` then binds it without running it. Write
`from package import child` and `child.x`: `import package.child` or `from package.child import x` runs it at once.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys


def import_on_first_use(name: str) -> None:
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
    # Bound on its package too, so that `from package import child` finds it there without reading it (an import
    # statement that looked it up in sys.modules would read its __spec__, and that runs its code).
    package, _, child = name.rpartition(".")
    setattr(importlib.import_module(package), child, module)
