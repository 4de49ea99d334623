"""Departmental Excel reporting: the template a unit fills in (`template`) and its intake as a vintage (`intake`)."""
