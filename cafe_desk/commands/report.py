"""`cafe-desk report`: with --central, the national synthesis report over imported cafés (see report_central.py)."""

from __future__ import annotations

from cafe_desk.commands.report_central import add_central_arguments, run_central
from cafe_desk.core.errors import UserError

NAME = "report"


def add_parser(sub) -> None:
    """Add `report` to the command line."""
    report = sub.add_parser(NAME, help="write a report: `report --central --out FILE.pdf|FILE.docx` for the "
                            "synthesis of every imported café")
    report.add_argument("cafe", metavar="CAFE", nargs="?", help="the café's id or short code")
    report.add_argument("--out", metavar="FILE", required=True, help="the report to write (.pdf, or .docx with "
                        "--central)")
    report.add_argument("--central", action="store_true", help="the national synthesis over imported cafés")
    add_central_arguments(report)


def run(services, args) -> int:
    """Write the report asked for."""
    if args.central:
        return run_central(services, args)
    raise UserError("Add --central for the synthesis report of the imported cafés.")
