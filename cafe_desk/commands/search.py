"""`cafe-desk search QUERY`: the central desk's search over every imported café, as the Synthesis page runs it (the
same service call, so the same query forms, filters, order and messages), printed as lines or JSON."""

from __future__ import annotations

import argparse
import json
import sys

from cafe_desk.commands.filters import add_filter_arguments, nothing_line, options_on, synthesis_filter
from cafe_desk.core.counts import counted
from cafe_desk.core.errors import UserError
from cafe_desk.core.synthesis import HIT_END, HIT_START, Found
from cafe_desk.core.text import json_printable, printable

NAME = "search"
MAX_LIMIT = 10_000



def add_parser(sub) -> None:
    """Add `search` with the Synthesis page's filters."""
    p = sub.add_parser(NAME, help="central desk: search every imported café, best match first, as the Synthesis "
                       "page does")
    p.add_argument("query", metavar="QUERY", help='words, "a phrase", recov*, NEAR(peer support, 10), OR, NOT')
    p.add_argument("--limit", type=int, default=50, metavar="N", help="show at most N items (50); 0 shows only how "
                   "many match")
    p.add_argument("--json", action="store_true", help="print JSON: the items and how many match in all")
    add_filter_arguments(p, search=False)


def run(services, args: argparse.Namespace) -> int:
    """Search and print the items found, best first, then how many match in all (only that with --limit 0)."""
    if not 0 <= args.limit <= MAX_LIMIT:
        raise UserError(f"--limit takes a number from 0 (to count only) to {MAX_LIMIT:,}.")
    f = synthesis_filter(services, args, text=args.query)
    syn = services.synthesis if args.samples else services.synthesis.without_samples()
    found = syn.find(f, limit=args.limit)
    codes = {c.id: c.short_code for c in syn.cafes()}
    if args.json:
        print(json_printable(json.dumps(_as_json(found, codes), ensure_ascii=False)), flush=True)
    else:
        _print(found, codes, args)
    if found.index_unsaved:
        print(printable(found.slow_search_line), file=sys.stderr, flush=True)
    elif found.index_behind:  # build the ranking index now, so the next search is fast (this one was right anyway)
        print("Bringing the search index up to date…", file=sys.stderr, flush=True)
        syn.update_search_index(lambda done, total: print(f"  {done:,} of {total:,} cafés", file=sys.stderr,
                                                          flush=True) if done % 100 == 0 or done == total else None)
    return 0


def _print(found: Found, codes: dict[str, str], args: argparse.Namespace) -> None:
    for item in found.items:
        snippet = (item.snippet or item.text).replace(HIT_START, "[").replace(HIT_END, "]")
        cafe = f"{item.cafe_title} ({codes[item.cafe_id]})" if item.cafe_id in codes else item.cafe_title
        where = ", ".join(part for part in (cafe, item.locality, item.date) if part)
        print(printable(f"{item.source_label} — {where}: {snippet}"))
    if not found.total:
        print(printable(nothing_line(args.query, options_on(args))), flush=True)
    elif found.items and found.truncated:
        print(f"The first {len(found.items):,} of {counted(found.total, 'item')}, best match first.", flush=True)
    else:
        print(counted(found.total, "item") + (", best match first." if found.items else "."), flush=True)


def _as_json(found: Found, codes: dict[str, str]) -> dict:
    return {"total": found.total, "items": [
        {"id": i.id, "cafe_id": i.cafe_id, "cafe_code": codes.get(i.cafe_id, ""), "cafe_title": i.cafe_title,
         "date": i.date, "locality": i.locality,
         "table": i.table, "round": i.round, "question": i.question, "source": i.source, "kind": i.kind,
         "text": i.text, "is_quote": i.is_quote, "group": i.group, "outcomes": list(i.outcomes),
         "themes": list(i.cafe_themes), "codes": list(i.codes), "shortlisted": i.shortlisted,
         "highlighted": [part.split(HIT_END)[0] for part in i.snippet.split(HIT_START)[1:]]}
        for i in found.items]}
