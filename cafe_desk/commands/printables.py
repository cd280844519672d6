"""`cafe-desk printables CAFE --out FILE.pdf`: the café's poster, table tent cards, paper comment cards, vote sheets
and note-taker sheets as one A4 PDF, with QR codes that send phones to `--address` (or where the café's codes were
printed before), or with none (`--no-qr`)."""

from __future__ import annotations

import argparse

from cafe_desk import platforms
from cafe_desk.core.errors import UserError
from cafe_desk.core.phone_address import DEFAULT_PORT, hotspot_for_platform, phone_address
from cafe_desk.core.text import printable
from cafe_desk.services.printables import KINDS

NAME = "printables"


def no_address_line() -> str:
    """The one line when there is no address for the QR codes: how to give one, or how to print without."""
    hotspot = hotspot_for_platform(platforms.CURRENT.value)
    return (f"There is no address for the QR codes yet: add --address HOST:PORT, where phones will reach this laptop "
            f"(its own {hotspot.feature} is {hotspot.host}:{DEFAULT_PORT}), or print without QR codes with --no-qr.")


def add_parser(sub) -> None:
    """Add the `printables` sub-command."""
    parser = sub.add_parser(NAME, help="poster, table cards, paper comment cards, vote sheets, note-taker sheets")
    parser.add_argument("cafe", metavar="CAFE", help="the café's id or short code")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write (A4)")
    parser.add_argument("--only", metavar="KINDS", default=",".join(KINDS),
                        help=f"what to print, separated by commas: {', '.join(KINDS)} (default: all)")
    parser.add_argument("--copies", type=int, default=None, metavar="N",
                        help="how many comment cards and vote sheets (default: 4 cards, one page, and 1 sheet)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--address", metavar="HOST:PORT",
                       help="where phones will reach this laptop (default: where the café's codes were printed "
                            "before)")
    where.add_argument("--no-qr", action="store_true", help="print without QR codes")


def run(services, args: argparse.Namespace) -> int:
    """Write the PDF; one line saying what was saved and where its QR codes point."""
    printing = services.printables
    kinds = [k.strip() for k in args.only.split(",") if k.strip()]
    copies = {} if args.copies is None else {"comment_cards": args.copies, "vote_sheets": args.copies}
    selection = printing.selection(kinds, **copies)
    cafe = services.cafes.cafe(args.cafe)
    address = None
    if not args.no_qr:
        address = args.address or printing.default_address(cafe.id)
        if address is None:
            raise UserError(no_address_line())
    saved = printing.save(cafe.id, selection, args.out, address)
    where = (f"Their QR codes send phones to {phone_address(address)}: open the café to phones there on the day."
             if address is not None else "They have no QR codes.")
    print(printable(f"Saved {', '.join(selection.kinds)} for “{cafe.title}” to {saved}. {where}"))
    return 0
