"""`cafe-desk remove-cafe CAFE --yes`: take an imported café back out of the central desk (its items, codings,
shortlist entries, votes and people), for a file imported by mistake or found to be wrong. Without --yes it says
what would go, and changes nothing."""

from __future__ import annotations

import argparse

from cafe_desk.core.text import printable

NAME = "remove-cafe"


def add_parser(sub) -> None:
    p = sub.add_parser(NAME, help="central desk: take an imported café back out (its items, codings, shortlist "
                       "entries, votes and people); the same file can be imported again later")
    p.add_argument("cafe", metavar="CAFE", help="the imported café's short code here (see `cafe-desk cafes`), its "
                   "id, or its id on the facilitator's laptop")
    p.add_argument("--yes", action="store_true", help="remove it (without --yes: only say what would be removed)")


def run(services, args: argparse.Namespace) -> int:
    if not args.yes:
        removal = services.central_cafes.removal(args.cafe)
        print(printable(f"This would remove {removal.what()} from the central desk. Nothing was changed: add --yes "
                        "to remove it."))
        return 1
    removal, _ = services.central_cafes.remove(args.cafe)
    print(printable(f"Removed {removal.what()}. Importing its file again brings it back (without those codings "
                    "and shortlist entries)."))
    return 0
