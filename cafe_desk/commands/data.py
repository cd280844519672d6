"""`cafe-desk data`: the Synthesis page's "Export data" without a screen — the imported items (narrowed by the same
filters and the same search), the votes and the themes as CSV, XLSX or a .qdpx project, through the same service call
and with the same messages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cafe_desk.commands.filters import add_filter_arguments, nothing_line, options_on, synthesis_filter
from cafe_desk.commands.terminal_line import TerminalLine
from cafe_desk.core.errors import UserError
from cafe_desk.core.synthesis import CSV_FOR_ANALYSIS, CSV_FOR_SPREADSHEETS, SynthesisFilter
from cafe_desk.core.text import printable

NAME = "data"
FORMATS = ("csv", "xlsx", "qdpx")


def add_parser(sub) -> None:
    data = sub.add_parser(NAME, help="central desk: write the imported items, the votes and the themes for a "
                          "spreadsheet, R, Python or Stata, or a qualitative analysis program (what the Synthesis "
                          "page's Export data writes)")
    data.add_argument("--format", required=True, choices=FORMATS, help="csv: items.csv, votes.csv and themes.csv "
                      "into the folder --out (files of those names are replaced); xlsx: one workbook; qdpx: a "
                      "REFI-QDA project for NVivo, ATLAS.ti, MAXQDA or QualCoder")
    data.add_argument("--for", dest="csv_for", choices=(CSV_FOR_SPREADSHEETS, CSV_FOR_ANALYSIS),
                      help="with --format csv: spreadsheets (the default: a text that starts with =, +, - or @ gets "
                      "a leading apostrophe so it can't run as a formula, and a byte-order mark so Excel reads "
                      "accents) or analysis (R, Python, Stata: every text exactly as typed, plain UTF-8)")
    data.add_argument("--out", metavar="PATH", required=True, help="the file to write (a folder for csv; a name "
                      "without .xlsx or .qdpx gets it added); written whole or not at all")
    add_filter_arguments(data)


def _check_out(kind: str, out: Path) -> None:
    if kind == "csv" and out.exists() and not out.is_dir():
        raise UserError(f"{out} is a file; CSV export writes items.csv, votes.csv and themes.csv into a folder: "
                        "give a folder.")
    if kind != "csv" and out.is_dir():
        raise UserError(f"{out} is a folder; give a file name inside it.")


def run(services, args: argparse.Namespace) -> int:
    """Write the export; print the Synthesis page's line saying what was saved and how many items. On a terminal, a
    line on stderr meanwhile says how far it has got."""
    if args.csv_for and args.format != "csv":
        raise UserError("--for applies to CSV only: a workbook and a .qdpx hold every text exactly as typed.")
    syn = services.synthesis
    out = syn.data_file(args.format, Path(args.out).expanduser())
    _check_out(args.format, out)
    f = synthesis_filter(services, args)
    items = syn.export_items(f, include_samples=args.samples)
    line = TerminalLine()
    saving = f"Saving {out.name}…"
    line.show(saving, now=True)

    def progress(done: int, total: int) -> None:
        line.show(f"{saving} {done * 100 // max(total, 1)}%")

    try:
        written = syn.export_data(args.format, out, f, progress, csv_for=args.csv_for or CSV_FOR_SPREADSHEETS,
                                  include_samples=args.samples)
    finally:
        line.clear()
    print(printable(syn.saved_line(args.format, written, f, items)))
    if not items and f != SynthesisFilter():  # written all the same (the votes and themes are), but say why empty
        print(printable(nothing_line(args.search, options_on(args))), file=sys.stderr)
    return 0
