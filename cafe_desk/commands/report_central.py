"""`cafe-desk report --central --out FILE.pdf|FILE.docx`: the national synthesis report over imported cafés, narrowed
by the same filters as the Synthesis page (commands/filters.py)."""

from __future__ import annotations

from cafe_desk.commands.filters import add_filter_arguments, synthesis_filter
from cafe_desk.core.text import printable


def add_central_arguments(parser) -> None:
    """The synthesis report's options: which cafés, and the Synthesis page's filters."""
    group = parser.add_argument_group("with --central (the filters of the Synthesis page)")
    add_filter_arguments(group, several_cafes=True)


def run_central(services, args) -> int:
    """Write the synthesis report to --out and print one line saying what it holds."""
    if getattr(args, "cafe", None):  # `report CAFE --central` too
        args.cafes = [*args.cafes, args.cafe]
    f = synthesis_filter(services, args)  # each --cafe checked and turned into its id here
    written = services.synthesis_report.write(args.out, f, args.cafes, include_samples=args.samples)
    print(printable(f"Synthesis report of {written.phrase()} → {written.path}"))
    return 0
