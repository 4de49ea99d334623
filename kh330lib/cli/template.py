"""`kh330 template`: the Excel workbook a reporting unit of Plan 330 section V fills in."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import paths
from ..data.calendar import template_file_name
from ..data.catalog import load_registry
from ..errors import InputError, problem
from ..workbooks.template import layout_for, load_spec, unit_geo, write_template


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("template", help="make the Excel template of a reporting unit",
                       description="Write the .xlsx workbook a reporting unit fills in (instructions in "
                                   "Vietnamese, one sheet per indicator group, validated and protected cells). "
                                   "Units: params/reporting_units.yaml; a ward or commune also needs --geo "
                                   "(--geo all writes one workbook per ward and commune into the folder --out).")
    p.add_argument("--unit", required=True, metavar="UNIT", help="doet, dost, dof, hue_univ or ward")
    p.add_argument("--geo", metavar="GEO", help="for --unit ward: the ward or commune code (params/geos.yaml), "
                                                "or 'all'")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="where to write the workbook; an existing "
                                                                     "folder gets UNIT_GEO.xlsx, the name the "
                                                                     "reporting calendar lists (one per geo with "
                                                                     "--geo all)")
    p.add_argument("--force", action="store_true", help="overwrite existing workbooks")
    return p


def run(args: argparse.Namespace) -> int:
    registry = load_registry()
    spec = load_spec(registry)
    if args.geo == "all":
        us = spec.units.get(args.unit)
        if us is None or us.geo is not None:
            raise InputError([problem(spec.path, None, "geo", f"--geo all is for units that report by ward, "
                                      f"not '{args.unit}'", "leave out --geo", kind="field")])
        geos = [g for g in registry.geos.values() if g.level in us.levels]
        out_dir = Path(args.out)
        taken = [out_dir / template_file_name(args.unit, g.id) for g in geos
                 if (out_dir / template_file_name(args.unit, g.id)).exists()]
        if taken and not args.force:
            raise InputError([problem(p, None, None, "already exists", "choose another folder or add --force")
                              for p in taken])
        for g in geos:
            write_template(out_dir / template_file_name(args.unit, g.id), registry, spec, args.unit, g.id,
                           overwrite=args.force)
        print(f"kh330 template: {len(geos)} workbooks ({template_file_name(args.unit, '<geo>')}) in "
              f"{paths.display(out_dir)}")
        return 0
    out = Path(args.out)
    if out.is_dir():
        # A folder: the workbook gets the name the reporting calendar lists (`doet_VN-HUE.xlsx`).
        out = out / template_file_name(args.unit, unit_geo(registry, spec, args.unit, args.geo))
    out = write_template(out, registry, spec, args.unit, args.geo, overwrite=args.force)
    layout = layout_for(registry, spec, args.unit, args.geo)
    n_rows = sum(len(s.rows) for s in layout.sheets)
    print(f"kh330 template: {paths.display(out)} — {registry.units[args.unit].label_en}, {layout.geo}, "
          f"version {layout.version}: {len(layout.sheets)} sheets ({', '.join(s.name for s in layout.sheets)}), "
          f"{n_rows} rows, years {layout.years[0]}–{layout.years[-1]}.")
    return 0
