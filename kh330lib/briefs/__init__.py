"""The briefs: the page (`page`), charts, the one notebook setup (`setup`) and one module per brief's content.

00 data audit → `audit`; 10 scorecard → `scorecard`; 20–50 topics → `topics`;
60 scenarios → `scenarios`; 90 methods → `methods`. Every word comes from `kh330lib.words`.
"""
