"""The assessment facade: `assess_target`, `assess_levels` and `assess_all` give `Assessment`s (numbers and codes);
`assess_units` gives one table of every target for every ward and commune."""

from .assessment import Assessment
from .engine import assess_all, assess_levels, assess_target, check_base_year
from .series import DEFAULT_SEED
from .wards import UNIT_COLUMNS, assess_units

__all__ = ["Assessment", "DEFAULT_SEED", "UNIT_COLUMNS", "assess_all", "assess_levels", "assess_target",
           "assess_units", "check_base_year"]
