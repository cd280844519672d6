"""The central synthesis's plain values: filters over imported cafés, items found, codebook themes, search queries.

No Qt and no SQL: storage fills these, services hand them to screens and data exports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cafe_desk.core.counts import label
from cafe_desk.core.errors import ValidationError

HIT_START, HIT_END = "\x02", "\x03"  # around each search hit in `Item.snippet`; screens turn them into bold
MAX_THEME_NAME = 80
#: the two kinds of CSV a data export writes: guarded for spreadsheets, or exactly as typed for analysis tools
CSV_FOR_SPREADSHEETS, CSV_FOR_ANALYSIS = "spreadsheets", "analysis"


@dataclass(frozen=True)
class SynthesisFilter:
    """What the central team narrows the imported items to. Empty fields mean "any"."""

    text: str = ""  # words, "a phrase", prefix*, NEAR(a b, 10), OR / NOT, as FTS5 understands them
    date_from: str = ""  # ISO dates, inclusive
    date_to: str = ""
    locality: str = ""
    group: str = ""  # a participant group's name
    question: str = ""  # a round's question, word for word
    outcome: str = ""  # an outcome's title (matched without regard to case)
    sources: tuple[str, ...] = ()  # any of "note-taker", "participant", "paper"
    theme_id: str = ""  # a codebook theme
    cafe_id: str = ""
    quotes_only: bool = False
    shortlisted_only: bool = False
    leave_out_cafes: tuple[str, ...] = ()  # cafés no answer may come from (the sample cafés, in reports and files)

    def takes_cafe(self, cafe: CentralCafe) -> bool:
        """Whether the café-level filters (café, town or area, dates, cafés left out) let `cafe` in: what chooses the
        cafés whose votes, people and themes a report or data file covers."""
        return ((not self.cafe_id or cafe.id == self.cafe_id) and cafe.id not in self.leave_out_cafes
                and (not self.locality.strip() or cafe.locality.casefold() == self.locality.strip().casefold())
                and (not self.date_from or cafe.date >= self.date_from)
                and (not self.date_to or cafe.date <= self.date_to))


@dataclass(frozen=True)
class Item:
    """One imported point, summary or comment as the central desk shows and exports it."""

    id: str
    cafe_id: str
    cafe_title: str
    date: str
    locality: str
    table: int | None
    round: int | None
    question: str
    source: str
    kind: str
    text: str
    is_quote: bool
    group: str
    minutes: int | None  # from the café's start, when known
    outcomes: tuple[str, ...] = ()  # outcome titles
    cafe_themes: tuple[str, ...] = ()  # themes the café itself tagged it with
    codes: tuple[str, ...] = ()  # codebook theme ids
    shortlisted: bool = False
    snippet: str = ""  # the text with search hits between HIT_START and HIT_END ("" when not searching)

    @property
    def source_label(self) -> str:
        """"Point", "Summary", "Comment" or "Paper comment"."""
        return label(self.source, self.kind)


@dataclass(frozen=True)
class Found:
    """A page of items and how many matched in all."""

    items: list[Item]
    total: int
    index_behind: bool = False  # the ranking index lacks imported items: build it (the answer is right regardless)
    index_unsaved: str = ""  # the folder the ranking index can't be saved in ("" if it can): say `slow_search_line`

    @property
    def truncated(self) -> bool:
        return self.total > len(self.items)

    @property
    def slow_search_line(self) -> str:
        """What to say, once, when the ranking index can't be saved: searches go on, slower."""
        return (f"Searches will be slower than usual, because the search index can't be saved in {self.index_unsaved} "
                "(Café Desk may not write there); they still find everything.")


@dataclass(frozen=True)
class CodeTheme:
    """A theme of the central codebook, with how many items carry it."""

    id: str
    name: str
    description: str = ""
    count: int = 0


@dataclass(frozen=True)
class CentralCafe:
    """One imported café, as the central desk lists it."""

    id: str
    title: str
    date: str
    locality: str
    vote_method: str
    dots_per_person: int
    export_id: str
    imported_at: str
    items: int
    short_code: str = ""
    source_code: str = ""  # its short code on the facilitator's laptop ("" if its file did not say)


@dataclass
class Facets:
    """The choices the filters offer, read from what has been imported."""

    localities: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    first_date: str = ""
    last_date: str = ""


def clean_theme_name(name: str) -> str:
    """A codebook theme's name, trimmed; ValidationError if it is empty or too long."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Please give the theme a name.")
    if len(name) > MAX_THEME_NAME:
        raise ValidationError(f"Please keep a theme's name to {MAX_THEME_NAME} characters.")
    return name


_WORD = re.compile(r"\w+\*?", re.UNICODE)
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def plain_query(text: str) -> str:
    """`text` as an FTS5 query that can't be a syntax error: each word quoted, a trailing * kept as a prefix,
    the operator words AND, OR, NOT and NEAR left out."""
    parts = []
    for word in _WORD.findall(text or ""):
        if word in _OPERATORS:
            continue
        star = word.endswith("*")
        parts.append('"' + word.rstrip("*") + '"' + ("*" if star else ""))
    return " ".join(parts)


def outcome_key(title: str) -> str:
    """Outcomes of different cafés count as the same when their titles match, ignoring case and spacing."""
    return " ".join((title or "").casefold().split())
