"""The command line: parses arguments, calls services, prints. All behaviour lives in the services."""

from __future__ import annotations

import argparse
import json
import sys

from cafe_desk import __version__
from cafe_desk.core.errors import UserError
from cafe_desk.settings import Settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cafe-desk", description="Run conversation cafés offline.")
    parser.add_argument("--data-dir", metavar="DIR", help="folder for the data file (default: $CAFE_DESK_DATA "
                        "or your user data folder)")
    parser.add_argument("--version", action="version", version=f"cafe-desk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("demo", help="open the app on a ready-made demo café")
    cafes = sub.add_parser("cafes", help="list cafés: id, short code, title, date, state")
    cafes.add_argument("--json", action="store_true", help="print JSON")
    status = sub.add_parser("status", help="counts for one café")
    status.add_argument("cafe", metavar="CAFE", help="the café's id or short code")
    status.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _fail(message: str, code: int) -> int:
    print(f"cafe-desk: {message}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings.resolve(args.data_dir)
    try:
        if args.command in (None, "demo"):
            from cafe_desk.app import run_gui

            return run_gui(settings, demo=args.command == "demo")
        from cafe_desk.app import open_services

        services = open_services(settings)
        if args.command == "cafes":
            return _print_cafes(services, args.json)
        if args.command == "status":
            data = services.cafes.status(args.cafe)
            print(json.dumps(data, ensure_ascii=False, indent=2 if not args.json else None))
            return 0
    except UserError as exc:
        return _fail(str(exc), 2)
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}", 1)
    return _fail(f"unknown command {args.command}", 2)


def _print_cafes(services, as_json: bool) -> int:
    cafes = services.cafes.list()
    if as_json:
        print(json.dumps([{"id": c.id, "short_code": c.short_code, "title": c.title, "date": c.date,
                           "locality": c.locality, "state": c.state, "notes": c.notes} for c in cafes],
                         ensure_ascii=False))
        return 0
    if not cafes:
        print("No cafés yet. Open the app with `cafe-desk` to plan one, or `cafe-desk demo` to try the demo.")
    for c in cafes:
        print(f"{c.short_code}  {c.date or '—':10}  {c.state:8}  {c.title}  ({c.id})")
    return 0
