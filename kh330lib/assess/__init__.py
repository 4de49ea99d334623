"""The assessment facade: `assess_target`, `assess_levels` and `assess_all` give `Assessment`s (numbers and codes)."""

from .assessment import Assessment
from .engine import assess_all, assess_levels, assess_target, check_base_year
from .series import DEFAULT_SEED

__all__ = ["Assessment", "DEFAULT_SEED", "assess_all", "assess_levels", "assess_target", "check_base_year"]
