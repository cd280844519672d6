"""`cafe-desk report CAFE --out FILE.pdf [--full]`: one café's summary as a PDF, anonymised as the export is unless
--full. `report --central …` is the synthesis report over imported cafés, handed to commands/report_central.py."""

from __future__ import annotations

from pathlib import Path

from cafe_desk.commands import report_central
from cafe_desk.core.errors import UserError
from cafe_desk.core.text import printable

NAME = "report"


def add_parser(sub) -> None:
    """Add `report` to the command line."""
    parser = sub.add_parser(NAME, help="write one café's summary as a PDF (anonymised unless --full); with "
                                       "--central, the synthesis report over imported cafés")
    parser.add_argument("cafe", nargs="?", metavar="CAFE", help="the café's id or short code")
    parser.add_argument("--out", required=True, metavar="FILE", help="where to write the report: FILE.pdf "
                        "(FILE.pdf or FILE.docx with --central)")
    parser.add_argument("--full", action="store_true", help="leave names and other personal data in (every page "
                        "then says it is not for sharing)")
    parser.add_argument("--central", action="store_true", help="the synthesis report over every imported café")
    report_central.add_central_arguments(parser)


def run(services, args) -> int:
    """Write the report and say where it went."""
    if args.central:
        return report_central.run_central(services, args)
    if not args.cafe:
        raise UserError("Say which café: cafe-desk report CAFE --out FILE.pdf (`cafe-desk cafes` lists them).")
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise UserError(f"The café summary is a PDF: give a file name ending in .pdf, not {out.name!r}.")
    if out.is_dir():
        raise UserError(f"{out} is a folder; give a file name inside it.")
    cafe = services.cafes.cafe(args.cafe)
    services.cafe_report.write_pdf(cafe.id, out, full=args.full)
    version = "full version, with personal data — not for sharing" if args.full else "anonymised"
    print(printable(f"Café summary of “{cafe.title}” ({version}) → {out}"))
    return 0
