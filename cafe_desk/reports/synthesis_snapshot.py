"""What the national synthesis report says, as plain values: the services gather it once, and the PDF and the Word
document are both laid out from the same snapshot, so the two always say the same thing.

Its size grows with the cafés, themes and outcomes, never with the items: items are counted on the way in, and only
a capped number of quotes and table summaries is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cafe_desk.core.vote_synthesis import OutcomeSynthesis

#: How an imported café's file was signed, as the desk knows it (services/signers.py)
SIGNED, UNLISTED_KEY, UNSIGNED, REVOKED_KEY = "signed", "unlisted", "unsigned", "revoked"
TRUST_WORDS = {
    SIGNED: "was signed by a facilitator's key on the desk's list",
    UNLISTED_KEY: "was signed by a key that is not on the desk's list",
    UNSIGNED: "came unsigned, so who sent it can't be checked",
    REVOKED_KEY: "was signed by a key the desk has since revoked",
}
#: Where items came from, in the order the method lists them: (source, kind) -> what it is called
SOURCE_WORDS = (
    (("note-taker", "point"), "Points noted at the tables"),
    (("note-taker", "summary"), "Table summaries"),
    (("participant", "point"), "Comments from phones"),
    (("paper", "point"), "Comments on paper cards"),
)


@dataclass(frozen=True)
class Quote:
    """A shortlisted item, with where it came from (never who said it)."""

    text: str
    cafe_title: str
    date: str
    locality: str
    source: str  # "Point", "Comment", "Paper comment", …


@dataclass(frozen=True)
class GroupPeople:
    """How many people of one group took part; None when the count is hidden to protect a small group. `at_least`:
    a café's file held back some of the group's counts, so there were more than `people`."""

    group: str
    people: int | None
    at_least: bool = False


@dataclass
class CafeFacts:
    """One café, for the method's table and its appendix page."""

    id: str
    title: str
    date: str
    locality: str
    trust: str  # one of SIGNED, UNLISTED_KEY, UNSIGNED, REVOKED_KEY
    people: int = 0
    groups: tuple[GroupPeople, ...] = ()
    items: dict[str, int] = field(default_factory=dict)  # SOURCE_WORDS' labels -> items
    top_outcomes: tuple[OutcomeSynthesis, ...] = ()
    summaries: tuple[str, ...] = ()  # the first few table summaries
    more_summaries: int = 0
    themes: tuple[tuple[str, int], ...] = ()  # (theme, items) in this café, most first

    @property
    def item_total(self) -> int:
        """Items of this café in the report."""
        return sum(self.items.values())


@dataclass
class ThemeSection:
    """One codebook theme: how many items carry it in each café, and the shortlisted quotes it holds."""

    name: str
    description: str
    total: int = 0
    per_cafe: list[tuple[str, int]] = field(default_factory=list)  # (café title, items), most first
    quotes: list[Quote] = field(default_factory=list)
    more_quotes: int = 0


@dataclass
class SynthesisSnapshot:
    """Everything the report shows, gathered from the central database in one pass."""

    title: str
    made_on: str  # ISO date
    author: str
    language: str  # BCP 47, "en-GB"
    filters: tuple[str, ...] = ()  # what narrowed the report, one plain phrase each
    made_up: str = ""  # said on the cover and in the method when sample cafés are in the report
    cafes: list[CafeFacts] = field(default_factory=list)
    people: int = 0
    groups: tuple[GroupPeople, ...] = ()
    items: dict[str, int] = field(default_factory=dict)  # SOURCE_WORDS' labels -> items in all cafés
    outcomes: list[OutcomeSynthesis] = field(default_factory=list)
    themes: list[ThemeSection] = field(default_factory=list)
    other_quotes: list[Quote] = field(default_factory=list)  # shortlisted items no theme holds
    more_other_quotes: int = 0

    @property
    def item_total(self) -> int:
        """Items in the report, from every source."""
        return sum(self.items.values())

    @property
    def dates(self) -> tuple[str, str]:
        """The first and last café dates ("" when none has a date)."""
        days = sorted(c.date for c in self.cafes if c.date)
        return (days[0], days[-1]) if days else ("", "")
