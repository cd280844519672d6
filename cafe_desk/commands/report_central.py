"""`cafe-desk report --central --out FILE.pdf|FILE.docx`: the national synthesis report over imported cafés, narrowed
by the same filters as the Synthesis page."""

from __future__ import annotations

from cafe_desk.commands.filters import iso_date, theme_id
from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.core.text import printable

SOURCES = {"points": "note-taker", "comments": "participant", "paper": "paper"}


def add_central_arguments(parser) -> None:
    """The synthesis report's options: which cafés, and the Synthesis page's filters."""
    group = parser.add_argument_group("with --central (the filters of the Synthesis page)")
    group.add_argument("--cafe", metavar="CAFE", dest="cafes", action="append", default=[],
                       help="only this imported café (its short code or id); repeat for several")
    group.add_argument("--search", metavar="WORDS", default="", help="only items found by this search, as typed "
                       "on the Synthesis page (\"a phrase\", recov*, NEAR(a b, 10))")
    group.add_argument("--from", metavar="DATE", dest="date_from", default="", help="only cafés on or after DATE "
                       "(2026-03-14)")
    group.add_argument("--to", metavar="DATE", dest="date_to", default="", help="only cafés on or before DATE")
    group.add_argument("--locality", metavar="PLACE", default="", help="only cafés in this town or area")
    group.add_argument("--group", metavar="NAME", default="", help="only items from this participant group")
    group.add_argument("--question", metavar="TEXT", default="", help="only items about this question, word for "
                       "word")
    group.add_argument("--outcome", metavar="TITLE", default="", help="only items tagged with this outcome")
    group.add_argument("--theme", metavar="NAME", default="", help="only items coded with this codebook theme")
    group.add_argument("--source", metavar="KIND", dest="sources", action="append", default=[],
                       choices=sorted(SOURCES), help="only points (and summaries), comments (from phones) or "
                       "paper (comments); repeat for several")
    group.add_argument("--quotes-only", action="store_true", help="only items marked as quotes")
    group.add_argument("--shortlisted-only", action="store_true", help="only shortlisted items")
    group.add_argument("--samples", action="store_true", help="include the sample cafés (left out unless asked)")




def central_filter(services, args) -> SynthesisFilter:
    """The filter the options ask for; UserError for a date that is not one or a theme the codebook lacks."""
    return SynthesisFilter(
        text=args.search, date_from=iso_date(args.date_from, "--from"), date_to=iso_date(args.date_to, "--to"),
        locality=args.locality.strip(), group=args.group.strip(), question=args.question.strip(),
        outcome=args.outcome.strip(), sources=tuple(dict.fromkeys(SOURCES[s] for s in args.sources)),
        theme_id=theme_id(services, args.theme), quotes_only=args.quotes_only, shortlisted_only=args.shortlisted_only)


def run_central(services, args) -> int:
    """Write the synthesis report to --out and print one line saying what it holds."""
    cafes = [*args.cafes, *([args.cafe] if getattr(args, "cafe", None) else [])]  # `report CAFE --central` too
    written = services.synthesis_report.write(args.out, central_filter(services, args), cafes,
                                              include_samples=args.samples)
    print(printable(f"Synthesis report of {written.phrase()} → {written.path}"))
    return 0
