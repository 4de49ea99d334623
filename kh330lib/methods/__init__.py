"""The methods: projection models, backtests, attainment measures (growth ratio, UNSD, pace, probability)."""

from ..lazy import import_on_first_use

# scipy.special takes about 0.3 s to import (its array-API layer loads numpy.testing and f2py), and only fitting a
# model reads it: `from scipy import special` in the modules below stays as it is, and a command that fits nothing
# (status, check, list) never pays for it. `from scipy.special import x` would load it at once: write
# `from scipy import special` and `special.x`.
import_on_first_use("scipy.special")
