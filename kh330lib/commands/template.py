"""`kh330 template`: the Excel workbook a reporting unit of Plan 330 section V fills in."""

from __future__ import annotations

import argparse

from .. import paths
from ..catalog import load_registry
from ..excel import layout_for, load_spec, write_template


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("template", help="make the Excel template of a reporting unit",
                       description="Write the .xlsx workbook a reporting unit fills in (instructions in "
                                   "Vietnamese, one sheet per indicator group, validated and protected cells). "
                                   "Units: params/reporting_units.yaml; a ward or commune also needs --geo.")
    p.add_argument("--unit", required=True, metavar="UNIT", help="doet, dost, dof, hue_univ or ward")
    p.add_argument("--geo", metavar="GEO", help="for --unit ward: the ward or commune code (params/geos.yaml)")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="where to write the workbook")
    p.add_argument("--force", action="store_true", help="overwrite FILE.xlsx if it exists")
    return p


def run(args: argparse.Namespace) -> int:
    registry = load_registry()
    spec = load_spec(registry)
    out = write_template(args.out, registry, spec, args.unit, args.geo, overwrite=args.force)
    layout = layout_for(registry, spec, args.unit, args.geo)
    n_rows = sum(len(s.rows) for s in layout.sheets)
    print(f"kh330 template: {paths.display(out)} — {registry.units[args.unit].label_en}, {layout.geo}, "
          f"version {layout.version}: {len(layout.sheets)} sheets ({', '.join(s.name for s in layout.sheets)}), "
          f"{n_rows} rows, years {layout.years[0]}–{layout.years[-1]}.")
    return 0
