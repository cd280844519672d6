"""The Synthesis page's filters as the central desk's commands (`data`, `search`, `report --central`) take them: one
name per filter, in the page's words (older spellings still work, unlisted), the same values, and the same one-line
messages for what can't be followed."""

from __future__ import annotations

import argparse
import datetime as dt

from cafe_desk.core.errors import UserError
from cafe_desk.core.search_query import NOTHING_FOUND_TIPS
from cafe_desk.core.synthesis import SynthesisFilter

#: --source's values, as the page's Source boxes name them -> the source they stand for
SOURCES = {"points": "note-taker", "comments": "participant", "paper": "paper"}
#: the stored names --source also takes (as `cafe-desk search` first took them)
SOURCE_ALIASES = {"note-taker": "note-taker", "participant": "participant"}
#: option -> older spellings it also answers to, unlisted in --help
ALIASES = {"--search": ("--text",), "--quotes-only": ("--quotes",), "--shortlisted-only": ("--shortlisted",)}
#: each filter option's name in the parsed arguments -> the option, as --help lists them
OPTIONS = (("cafe", "--cafe"), ("date_from", "--from"), ("date_to", "--to"), ("locality", "--locality"),
           ("group", "--group"), ("question", "--question"), ("outcome", "--outcome"), ("theme", "--theme"),
           ("sources", "--source"), ("quotes_only", "--quotes-only"), ("shortlisted_only", "--shortlisted-only"))
SAMPLE_CAFE = ("“{title}” is one of the sample cafés, made up for trying Café Desk, which are left out unless you ask "
               "for them: add --samples.")
ONLY_SAMPLES = ("Only the sample cafés are here, made up for trying Café Desk, and they are left out unless you ask "
                "for them: add --samples.")


def add_filter_arguments(parser, *, search: bool = True, several_cafes: bool = False) -> None:
    """Add the page's filters to `parser` (an argument group works too); `search`: with --search (the `search`
    command takes its words as QUERY instead); `several_cafes`: --cafe may be repeated."""

    def add(flag: str, **kwargs) -> None:
        parser.add_argument(flag, **kwargs)
        dest = kwargs.get("dest") or flag.lstrip("-").replace("-", "_")
        for alias in ALIASES.get(flag, ()):
            parser.add_argument(alias, **{**kwargs, "dest": dest, "help": argparse.SUPPRESS})

    if several_cafes:
        add("--cafe", metavar="CAFE", dest="cafes", action="append", default=[], help="only this imported café (its "
            "short code here, its id, or its id on the facilitator's laptop); repeat for several")
    else:
        add("--cafe", metavar="CAFE", default="", help="only this imported café (its short code here, its id, or its "
            "id on the facilitator's laptop)")
    if search:
        add("--search", metavar="WORDS", default="", help="only the items this search finds, as typed in the page's "
            "Search box: words, \"a phrase\", recov*, NEAR(a b, 10), OR, NOT")
    add("--from", dest="date_from", metavar="DATE", default="", help="only cafés held on or after DATE (YYYY-MM-DD)")
    add("--to", dest="date_to", metavar="DATE", default="", help="only cafés held on or before DATE (YYYY-MM-DD)")
    add("--locality", metavar="PLACE", default="", help="only cafés in this town or area")
    add("--group", metavar="NAME", default="", help="only items from this participant group")
    add("--question", metavar="TEXT", default="", help="only items about this question, word for word")
    add("--outcome", metavar="TITLE", default="", help="only items linked to this outcome")
    add("--theme", metavar="NAME", default="", help="only items coded with this codebook theme")
    add("--source", metavar="KIND", dest="sources", action="append", default=[], help="only points (and "
        "summaries), comments (from phones) or paper (comments); repeat for several")
    add("--quotes-only", action="store_true", help="only items marked as quotes")
    add("--shortlisted-only", action="store_true", help="only items on the quotes shortlist")
    add("--samples", action="store_true", help="include the sample cafés (left out unless asked)")


def iso_date(value: str | None, flag: str) -> str:
    """`value` as an ISO date ("" for none); UserError naming `flag` if it is not a date."""
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise UserError(f"{flag} takes a date as YYYY-MM-DD, such as 2026-03-14, not {value!r}.") from None


def date_range(date_from: str, date_to: str) -> None:
    """UserError when --to comes before --from (no café could fall between them)."""
    if date_from and date_to and date_to < date_from:
        raise UserError(f"--to {date_to} is before --from {date_from}, so no café falls between them: please swap "
                        "the two dates.")


def one_of(choices: list[str], value: str | None, what: tuple[str, str], label: str) -> str:
    """The `what` (("group", "groups"), …) of the imported cafés that `value` names, ignoring case and spacing, spelt
    as they spell it ("" for none); UserError saying which there are (or that the page's `label` filter lists
    them, when they are many) if there is none."""
    if not value or not value.strip():
        return ""
    value = " ".join(value.split())
    same = [c for c in choices if " ".join(c.split()).casefold() == value.casefold()]
    if same:
        return value if value in same else same[0]
    one, many = what
    wrong = f"There is no {one} called “{value}” in the imported cafés"
    if not choices:
        raise UserError(f"{wrong}: they have no {many} at all.")
    named = [f"“{c}”" for c in choices]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    if len(choices) > 6 or len(listed) > 150:
        raise UserError(f"{wrong} (the Synthesis page's {label} filter lists them).")
    if len(choices) == 1:
        raise UserError(f"{wrong}; their only {one} is {listed}.")
    raise UserError(f"{wrong}; their {many} are {listed}.")


def theme_id(services, name: str | None) -> str:
    """The codebook theme called `name` (ignoring case and spacing; "" for none); UserError if there is none."""
    if not name or not name.strip():
        return ""
    wanted = " ".join(name.split()).casefold()
    theme = next((t for t in services.synthesis.themes() if t.name.casefold() == wanted), None)
    if theme is None:
        raise UserError(f"There is no theme called “{name.strip()}” in the codebook (the Synthesis page lists its "
                        "themes).")
    return theme.id


def sources(values: list[str]) -> tuple[str, ...]:
    """The sources --source names (each once); UserError for a name that is none of them."""
    chosen = []
    for value in values:
        key = value.strip().casefold()
        source = SOURCES.get(key) or SOURCE_ALIASES.get(key)
        if source is None:
            raise UserError(f"--source takes points, comments or paper, not {value!r}.")
        chosen.append(source)
    return tuple(dict.fromkeys(chosen))


def cafe_id(services, key: str | None, samples: bool = False) -> str:
    """The imported café `key` names ("" for none); UserError if there is none, it was not imported, or it is a
    sample café and `samples` is off."""
    if not key or not key.strip():
        return ""
    cafe = services.receipts.imported_cafe(key.strip())  # NotFoundError saying which codes work
    if cafe.id not in {c.id for c in services.synthesis.cafes()}:
        raise UserError(f"“{cafe.title}” is a café of this laptop, not an imported one, so the Synthesis holds none "
                        "of it; `cafe-desk cafes --json` says which cafés were imported.")
    if not samples and cafe.id in services.samples.ids():
        raise UserError(SAMPLE_CAFE.format(title=cafe.title))
    return cafe.id


def check_samples(services, samples: bool) -> None:
    """UserError when the sample cafés are all there is and `samples` is off (the answer would be empty)."""
    if samples:
        return
    every = {c.id for c in services.synthesis.cafes()}
    if every and every <= services.samples.ids():
        raise UserError(ONLY_SAMPLES)


def synthesis_filter(services, args: argparse.Namespace, text: str | None = None) -> SynthesisFilter:
    """The filter the options ask for (the search `text`, or --search), each checked with a one-line message; the
    sample cafés checked as --samples says. With several cafés (report), --cafe is checked but not in the filter."""
    samples = bool(getattr(args, "samples", False))
    check_samples(services, samples)
    if hasattr(args, "cafes"):
        args.cafes = [cafe_id(services, key, samples) for key in args.cafes]
        one_cafe = ""
    else:
        one_cafe = cafe_id(services, args.cafe, samples)
    date_from, date_to = iso_date(args.date_from, "--from"), iso_date(args.date_to, "--to")
    date_range(date_from, date_to)
    facets = services.synthesis.facets()
    return SynthesisFilter(
        text=(args.search if text is None else text) or "", date_from=date_from, date_to=date_to,
        locality=one_of(facets.localities, args.locality, ("town or area", "towns or areas"), "Town or area"),
        group=one_of(facets.groups, args.group, ("group", "groups"), "Group"),
        question=one_of(facets.questions, args.question, ("question", "questions"), "Question"),
        outcome=one_of(facets.outcomes, args.outcome, ("outcome", "outcomes"), "Outcome"),
        sources=sources(args.sources), theme_id=theme_id(services, args.theme), cafe_id=one_cafe,
        quotes_only=args.quotes_only, shortlisted_only=args.shortlisted_only)


def options_on(args: argparse.Namespace) -> list[str]:
    """The filter options given, as typed: ["--locality Perth", "--quotes-only"]."""
    on = []
    for dest, flag in OPTIONS:
        value = getattr(args, dest, None)
        if value is True:
            on.append(flag)
        elif isinstance(value, list):
            on.extend(f"{flag} {v}" for v in value)
        elif value:
            on.append(f"{flag} {value}")
    return on


def nothing_line(query: str, on: list[str]) -> str:
    """What the Synthesis page says when nothing is found, in the options' words: which of them are on (they may be
    what keeps everything out), and what to try."""
    if not query.strip():
        return f"No items match {', '.join(on)}: try it with fewer of those options." if on else "No items here yet."
    words = f"Nothing matches “{query.strip()}”"
    if on:
        line = f"{words} with {', '.join(on)}: try it with fewer of those options, or {NOTHING_FOUND_TIPS}."
    else:
        line = (f"{words}: {NOTHING_FOUND_TIPS}. The search reads what was said; a place, a date or a group is "
                "chosen with --locality, --from, --to or --group.")
    if any(option.startswith("--group ") for option in on):
        line += " --group finds comments only: points and summaries are written per table, with no group."
    return line
