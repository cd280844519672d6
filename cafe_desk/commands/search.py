"""`cafe-desk search QUERY`: the central desk's search over every imported café, as the Synthesis page runs it (the
same service call, so the same query forms, filters, order and messages), printed as lines or JSON."""

from __future__ import annotations

import argparse
import json
import sys

from cafe_desk.commands.filters import iso_date, theme_id
from cafe_desk.core.counts import counted
from cafe_desk.core.errors import UserError
from cafe_desk.core.model import NOTE_SOURCES
from cafe_desk.core.synthesis import HIT_END, HIT_START, Found, SynthesisFilter
from cafe_desk.core.text import json_printable, printable

NAME = "search"
MAX_LIMIT = 10_000


def add_parser(sub) -> None:
    """Add `search` with the Synthesis page's filters."""
    p = sub.add_parser(NAME, help="central desk: search every imported café, best match first, as the Synthesis "
                       "page does")
    p.add_argument("query", metavar="QUERY", help='words, "a phrase", recov*, NEAR(peer support, 10), OR, NOT')
    p.add_argument("--limit", type=int, default=50, metavar="N", help="show at most N items (50)")
    p.add_argument("--json", action="store_true", help="print JSON: the items and how many match in all")
    p.add_argument("--cafe", metavar="CAFE", default="", help="one imported café (its short code or id)")
    p.add_argument("--from", dest="date_from", metavar="DATE", default="", help="cafés on or after DATE (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", default="", help="cafés on or before DATE (YYYY-MM-DD)")
    p.add_argument("--locality", metavar="PLACE", default="", help="cafés in this town or area")
    p.add_argument("--group", metavar="NAME", default="", help="items from this participant group")
    p.add_argument("--question", metavar="TEXT", default="", help="items of this question, word for word")
    p.add_argument("--outcome", metavar="TITLE", default="", help="items linked to this outcome")
    p.add_argument("--source", dest="sources", action="append", choices=NOTE_SOURCES, default=[],
                   help="only items from this source (repeat for several)")
    p.add_argument("--theme", metavar="NAME", default="", help="items coded with this codebook theme")
    p.add_argument("--quotes", action="store_true", help="verbatim quotes only")
    p.add_argument("--shortlisted", action="store_true", help="shortlisted items only")


def _filter(services, args: argparse.Namespace) -> SynthesisFilter:
    cafe_id = services.receipts.imported_cafe(args.cafe).id if args.cafe else ""
    return SynthesisFilter(text=args.query, date_from=iso_date(args.date_from, "--from"),
                           date_to=iso_date(args.date_to, "--to"), locality=args.locality,
                           group=args.group, question=args.question, outcome=args.outcome,
                           sources=tuple(dict.fromkeys(args.sources)), theme_id=theme_id(services, args.theme),
                           cafe_id=cafe_id,
                           quotes_only=args.quotes, shortlisted_only=args.shortlisted)


def run(services, args: argparse.Namespace) -> int:
    """Search and print the items found, best first, then how many match in all."""
    if not 0 < args.limit <= MAX_LIMIT:
        raise UserError(f"--limit takes a number from 1 to {MAX_LIMIT:,}.")
    syn = services.synthesis
    f = _filter(services, args)
    found = syn.find(f, limit=args.limit)
    _print(found, args.json)
    if found.index_behind:  # build the ranking index now, so the next search is fast (this one was right anyway)
        print("Bringing the search index up to date…", file=sys.stderr, flush=True)
        syn.update_search_index(lambda done, total: print(f"  {done:,} of {total:,} cafés", file=sys.stderr,
                                                          flush=True) if done % 100 == 0 or done == total else None)
    return 0


def _print(found: Found, as_json: bool) -> None:
    if as_json:
        print(json_printable(json.dumps(_as_json(found), ensure_ascii=False)), flush=True)
        return
    for item in found.items:
        snippet = (item.snippet or item.text).replace(HIT_START, "[").replace(HIT_END, "]")
        where = ", ".join(part for part in (item.cafe_title, item.locality, item.date) if part)
        print(printable(f"{item.source_label} — {where}: {snippet}"))
    if found.truncated:
        print(f"The first {len(found.items):,} of {counted(found.total, 'item')}, best match first.", flush=True)
    else:
        print(counted(found.total, "item") + (", best match first." if found.total else "."), flush=True)


def _as_json(found: Found) -> dict:
    return {"total": found.total, "items": [
        {"id": i.id, "cafe_id": i.cafe_id, "cafe_title": i.cafe_title, "date": i.date, "locality": i.locality,
         "table": i.table, "round": i.round, "question": i.question, "source": i.source, "kind": i.kind,
         "text": i.text, "is_quote": i.is_quote, "group": i.group, "outcomes": list(i.outcomes),
         "themes": list(i.cafe_themes), "codes": list(i.codes), "shortlisted": i.shortlisted,
         "highlighted": [part.split(HIT_END)[0] for part in i.snippet.split(HIT_START)[1:]]}
        for i in found.items]}
