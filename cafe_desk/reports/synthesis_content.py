"""The national synthesis report's words, tables and charts, in order, as plain blocks: the PDF (synthesis_pdf.py) and
the Word document (synthesis_docx.py) each lay out these same blocks, so the two formats can't drift apart.

Sections: cover, contents, method, outcomes (overall and by group), themes with their quotes, and one appendix page
per café. An empty part says so in words ("No votes were recorded"); a chart is only drawn with bars to draw.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cafe_desk.core.counts import counted
from cafe_desk.core.vote_synthesis import MEASURE_AGREE, MEASURE_SHARE, OutcomeSynthesis
from cafe_desk.reports.synthesis_snapshot import (
    REVOKED_KEY,
    SIGNED,
    TRUST_WORDS,
    UNSIGNED,
    CafeFacts,
    GroupPeople,
    Quote,
    SynthesisSnapshot,
)

HIDDEN = "hidden"  # a count held back to protect a small group
CHART_TOP = 12  # bars in one chart
SUMMARY_CHARACTERS = 280  # of one table summary on a café's page
LABEL_CHARACTERS = 200  # of a name in a heading, a table or a list: a café's title or place, an outcome, a theme
NO_VOTES = "No votes were recorded."
NO_THEMES = "No themes have been coded yet."
NO_PEOPLE = "No attendance was recorded."
NO_ITEMS = "No items match the filters."
SUPPRESSION = ("Counts of fewer than 5 people are never shown, nor any count that, taken from a total, would give "
               "a small one back; such counts read “hidden”. Where a café held back part of a group's count, the "
               "group reads “at least” what was shown.")


@dataclass(frozen=True)
class Heading:
    level: int  # 1 or 2
    text: str
    new_page: bool = False


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"  # body, title, subtitle, note, quote, source, bullet


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # shares of the text width
    numeric: tuple[int, ...] = ()  # columns set right-aligned


@dataclass(frozen=True)
class Chart:
    rows: tuple[tuple[str, float], ...]  # (label, share from 0 to 1)
    alt: str  # what the chart shows, in words, for screen readers


@dataclass(frozen=True)
class Contents:
    """Where the table of contents goes."""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Para | Table | Chart | Contents | PageBreak


def shortened(text: str, most: int = SUMMARY_CHARACTERS) -> str:
    """`text` cut at a word before `most` characters, with "…", so a café's page stays one page."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    return text[:most].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def label(text: str) -> str:
    """A name as a heading, a table cell or a list shows it: a café's title or place, an outcome, a theme or a group,
    cut at a word before LABEL_CHARACTERS. A café's file may carry one of thousands of characters; in full it would
    fill pages of a table row or a heading (the data exports keep every name whole)."""
    return shortened(text, LABEL_CHARACTERS)


def percent(share: float) -> str:
    """0.4237 -> "42%"."""
    return f"{share:.0%}"


def people(group: GroupPeople) -> str:
    """"12", "at least 12" or "hidden"."""
    if group.people is None:
        return HIDDEN
    return f"at least {group.people:,}" if group.at_least else f"{group.people:,}"


def blocks(snap: SynthesisSnapshot) -> Iterator[Block]:
    """The whole report, in reading order."""
    yield from _cover(snap)
    yield Heading(1, "Contents")
    yield Contents()
    yield from _method(snap)
    yield from _outcomes(snap)
    yield from _themes(snap)
    yield from _appendix(snap)


def _span(snap: SynthesisSnapshot) -> str:
    first, last = snap.dates
    if not first:
        return "dates not given"
    return first if first == last else f"{first} to {last}"


def _cover(snap: SynthesisSnapshot) -> Iterator[Block]:
    yield Para(snap.title, "title")
    yield Para(f"{counted(len(snap.cafes), 'café')}, {_span(snap)}", "subtitle")
    who = "1 person" if snap.people == 1 else f"{snap.people:,} people"
    yield Para(f"{who} took part; {counted(snap.item_total, 'item')} in this report.", "subtitle")
    if snap.made_up:
        yield Para(snap.made_up, "subtitle")
    if snap.filters:
        yield Para("This report is narrowed by: " + "; ".join(snap.filters) + ".", "note")
    yield Para(f"{snap.author}, {snap.made_on}. Made with Café Desk.", "note")
    yield PageBreak()


def _method(snap: SynthesisSnapshot) -> Iterator[Block]:
    yield Heading(1, "How the evidence was gathered", new_page=True)
    places = sorted({label(c.locality) for c in snap.cafes if c.locality}, key=str.casefold)
    where = f" in {_listed(places)}" if places else ""
    yield Para(f"{counted(len(snap.cafes), 'conversation café')} took place{where}, {_span(snap)}. People sat at "
               "tables and talked through questions in timed rounds; note-takers recorded what each table said, "
               "participants added comments from their phones or on paper cards, and everyone voted on the "
               "outcomes that matter most to them. Every café's file was anonymised before it left the venue.")
    if snap.made_up:
        yield Para(snap.made_up, "note")
    if snap.filters:
        yield Para("This report is narrowed by: " + "; ".join(snap.filters) + ". The café, place and date filters "
                   "choose the cafés; the others narrow the items counted and quoted.", "note")
    yield Heading(2, "Who took part")
    if snap.people:
        yield Para(f"{snap.people:,} people in all (each café's busiest round, added up over the cafés).")
        if snap.groups:
            yield Table(("Group", "People"), tuple((label(g.group), people(g)) for g in snap.groups),
                        (0.7, 0.3), numeric=(1,))
            yield Para(SUPPRESSION, "note")
    else:
        yield Para(NO_PEOPLE)
    yield Heading(2, "Where the items came from")
    if snap.item_total:
        rows = [(label, f"{n:,}") for label, n in snap.items.items()]
        yield Table(("Source", "Items"), (*rows, ("All items", f"{snap.item_total:,}")), (0.7, 0.3), numeric=(1,))
    else:
        yield Para(NO_ITEMS)
    yield Heading(2, "The cafés")
    yield Table(("Café", "Date", "Town or area", "People", "Items", "Signed"),
                tuple((label(c.title), c.date or "—", label(c.locality) or "—", f"{c.people:,}", f"{c.item_total:,}",
                       _trust_short(c.trust)) for c in snap.cafes),
                (0.3, 0.15, 0.17, 0.11, 0.1, 0.17), numeric=(3, 4))
    doubtful = [c for c in snap.cafes if c.trust in (UNSIGNED, REVOKED_KEY)]
    if doubtful:
        yield Para("Read with care: " + "; ".join(f"the file of {label(c.title)} {TRUST_WORDS[c.trust]}"
                                                  for c in doubtful) + ".", "warning")


def _trust_short(trust: str) -> str:
    return {SIGNED: "yes", UNSIGNED: "unsigned", REVOKED_KEY: "revoked key"}.get(trust, "key not listed")


def _listed(words: list[str], most: int = 8) -> str:
    if len(words) > most:
        return ", ".join(words[:most]) + f" and {len(words) - most} more places"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _outcomes(snap: SynthesisSnapshot) -> Iterator[Block]:
    yield Heading(1, "What mattered most", new_page=True)
    if not snap.outcomes:
        yield Para(NO_VOTES)
        return
    yield Para("Cafés voted in different ways, so every voter counts once: a voter's dots are shared among the "
               "outcomes they chose, rankings count as a share of a full ballot, and agreement is the share who "
               "agree. Outcomes with the same title in several cafés are counted together.")
    for measure, heading in ((MEASURE_SHARE, "All voters: share of support"), (MEASURE_AGREE, "All voters: agreement")):
        ranked = [o for o in snap.outcomes if o.measure == measure]
        if ranked:
            yield Heading(2, heading)
            yield from _chart([(o.title, o.share) for o in ranked], "all voters", measure)
            yield _outcome_table(ranked)
    yield from _by_group(snap.outcomes)


def _chart(ranked: list[tuple[str, float]], who: str, measure: str) -> Iterator[Block]:
    rows = tuple((name, v) for name, v in ranked[:CHART_TOP] if v > 0)
    if not rows:
        yield Para(f"No votes to chart for {who}.", "note")
        return
    what = "agree with" if measure == MEASURE_AGREE else "support for"
    alt = (f"Bar chart of {what} the top {len(rows)} outcomes, {who}: " +
           "; ".join(f"{label(name)} {percent(v)}" for name, v in rows) + ".")
    yield Chart(rows, alt)


def _outcome_table(ranked: list[OutcomeSynthesis]) -> Table:
    return Table(("Outcome", "Share", "Voters", "Cafés"),
                 tuple((label(o.title), percent(o.share), f"{o.voters:,}", f"{o.cafes:,}") for o in ranked),
                 (0.58, 0.14, 0.14, 0.14), numeric=(1, 2, 3))


def _by_group(outcomes: list[OutcomeSynthesis]) -> Iterator[Block]:
    groups = sorted({g.group for o in outcomes for g in o.groups}, key=str.casefold)
    if not groups:
        return
    yield Heading(2, "By group")
    yield Para("Where votes were split by group. " + SUPPRESSION, "note")
    for group in groups:
        for measure in (MEASURE_SHARE, MEASURE_AGREE):
            ranked = []
            hidden = 0
            for o in outcomes:
                split = next((g for g in o.groups if g.group == group), None)
                if o.measure != measure or split is None:
                    continue
                if split.hidden:
                    hidden += 1
                else:
                    ranked.append((o, split.share))
            if not ranked and not hidden:
                continue
            ranked.sort(key=lambda p: -p[1])
            yield Para(label(group) + (" (agreement)" if measure == MEASURE_AGREE else ""), "lead")
            yield from _chart([(o.title, share) for o, share in ranked], group, measure)
            if hidden:
                yield Para(f"{counted(hidden, 'outcome')} hidden for this group to protect small numbers.", "note")


def _themes(snap: SynthesisSnapshot) -> Iterator[Block]:
    yield Heading(1, "Themes", new_page=True)
    if not snap.themes:
        yield Para(NO_THEMES)
    else:
        yield Para("Themes come from the central codebook. Each shows how many items carry it in each café, and "
                   "the quotes shortlisted under it.")
    for section in snap.themes:
        yield Heading(2, label(section.name))
        if section.description:
            yield Para(section.description, "note")
        yield Para(f"{counted(section.total, 'item')} in {counted(len(section.per_cafe), 'café')}.")
        yield Table(("Café", "Items"), tuple((label(title), f"{n:,}") for title, n in section.per_cafe), (0.8, 0.2),
                    numeric=(1,))
        yield from _quotes(section.quotes, section.more_quotes)
    if snap.other_quotes:
        yield Heading(2, "Other shortlisted quotes")
        yield from _quotes(snap.other_quotes, snap.more_other_quotes)


def _quotes(quotes: list[Quote], more: int) -> Iterator[Block]:
    for q in quotes:
        yield Para(f"“{q.text}”", "quote")
        yield Para(" · ".join(p for p in (q.source, label(q.cafe_title), label(q.locality), q.date) if p), "source")
    if more:
        yield Para(f"And {more:,} more on the shortlist.", "note")


def _appendix(snap: SynthesisSnapshot) -> Iterator[Block]:
    yield Heading(1, "Appendix: the cafés", new_page=True)
    yield Para("One page per café: who took part, where its items came from, its top outcomes and themes, and the "
               "first of what its tables carried forward.")
    for n, cafe in enumerate(snap.cafes):
        yield from _cafe_page(cafe, new_page=n > 0)


def _cafe_page(cafe: CafeFacts, new_page: bool) -> Iterator[Block]:
    yield Heading(2, label(cafe.title), new_page=new_page)
    yield Para(" · ".join(p for p in (cafe.date, label(cafe.locality)) if p) or "No date or place given.", "lead")
    doubtful = cafe.trust in (UNSIGNED, REVOKED_KEY)
    yield Para(f"Its file {TRUST_WORDS[cafe.trust]}.", "warning" if doubtful else "note")
    yield Para(f"{cafe.people:,} people took part." if cafe.people else NO_PEOPLE)
    items = "; ".join(f"{label}: {n:,}" for label, n in cafe.items.items() if n)
    yield Para(f"Items in this report: {items}." if items else NO_ITEMS)
    if cafe.groups:
        yield Table(("Group", "People"), tuple((label(g.group), people(g)) for g in cafe.groups), (0.7, 0.3),
                    numeric=(1,))
    yield Para("Top outcomes", "lead")
    if cafe.top_outcomes:
        yield Table(("Outcome", "Share", "Voters"),
                    tuple((label(o.title), percent(o.share) + (" agree" if o.measure == MEASURE_AGREE else ""),
                           f"{o.voters:,}") for o in cafe.top_outcomes), (0.64, 0.18, 0.18), numeric=(1, 2))
    else:
        yield Para(NO_VOTES)
    yield Para("Themes", "lead")
    if cafe.themes:
        yield Para("; ".join(f"{label(name)} ({n:,})" for name, n in cafe.themes) + ".")
    else:
        yield Para(NO_THEMES)
    if cafe.summaries:
        yield Para("What tables carried forward", "lead")
        for text in cafe.summaries:
            yield Para(shortened(text), "bullet")
        if cafe.more_summaries:
            yield Para(f"And {cafe.more_summaries:,} more table summar{'y' if cafe.more_summaries == 1 else 'ies'}.",
                       "note")

