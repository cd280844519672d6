"""The café's entities as plain dataclasses, shared by storage, services and screens."""

from __future__ import annotations

from dataclasses import dataclass, field

VOTE_METHODS = ("dots", "ranking", "agreement")
VOTE_METHOD_LABELS = {
    "dots": "Dot voting",
    "ranking": "Ranking",
    "agreement": "Agreement (1–5)",
}
AGREEMENT_LEVELS = (1, 2, 3, 4, 5)
AGREEMENT_LABELS = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither",
    4: "Agree",
    5: "Strongly agree",
}
NOTE_SOURCES = ("note-taker", "participant", "paper")
COMMENT_SOURCES = ("participant", "paper")  # participants' own words: phones and paper cards
NOTE_KINDS = ("point", "summary")
CAFE_STATES = ("planning", "running", "closed")
DEFAULT_GROUPS = ("Lived experience", "Family member or carer", "Practitioner", "Other")


@dataclass(frozen=True)
class Cafe:
    id: str
    short_code: str
    title: str
    date: str  # ISO date, local to the venue
    locality: str
    vote_method: str = "dots"
    dots_per_person: int = 3
    state: str = "planning"
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_closed(self) -> bool:
        return self.state == "closed"


@dataclass(frozen=True)
class Table:
    id: str
    cafe_id: str
    number: int
    name: str = ""

    @property
    def label(self) -> str:
        return f"Table {self.number}" + (f" — {self.name}" if self.name else "")


@dataclass(frozen=True)
class Round:
    id: str
    cafe_id: str
    number: int
    prompt: str
    follow_ups: tuple[str, ...] = ()
    duration_s: int = 20 * 60

    @property
    def label(self) -> str:
        return f"Round {self.number}"


@dataclass(frozen=True)
class Outcome:
    id: str
    cafe_id: str
    position: int
    title: str


@dataclass(frozen=True)
class Group:
    id: str
    cafe_id: str
    position: int
    name: str


@dataclass(frozen=True)
class Theme:
    id: str
    cafe_id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Note:
    id: str
    cafe_id: str
    table_id: str | None
    round_id: str | None
    text: str
    source: str = "note-taker"
    kind: str = "point"
    is_quote: bool = False
    outcome_ids: tuple[str, ...] = ()
    theme_ids: tuple[str, ...] = ()
    created_at: str = ""
    updated_at: str = ""
    group_id: str | None = None  # the group a participant said they belong to (never a name)
    consent: bool = False  # a participant agreed their words may be used, without their name
    hidden: bool = False  # hidden by the facilitator: kept, but left out of views, the projector and exports
    pinned: bool = False  # chosen for the presenter window
    flag: str = ""  # the kind of risk the finder noticed (see core.safeguarding.KIND_LABELS), or ""
    flag_words: str = ""  # the words that raised the flag, shown to the facilitator; never exported
    followed_up: bool = False  # someone marked the flag as followed up (read from care_followup; not written)


@dataclass(frozen=True)
class FollowUp:
    """Who followed up a flagged item, when (UTC ISO) and a short note. Kept on the laptop, never exported."""

    note_id: str
    by: str
    at: str
    note: str = ""


@dataclass(frozen=True)
class Ballot:
    """One phone's (or one printed card's) votes: outcome id -> dots, rank or agreement score."""

    id: str
    cafe_id: str
    choices: dict[str, int]
    updated_at: str = ""


@dataclass(frozen=True)
class Attendance:
    table_id: str
    round_id: str
    group_id: str
    count: int


@dataclass(frozen=True)
class RoundGroup:
    """How many people of one group sat at any of a café's tables in a round, as an imported café's bundle gave it
    (shown only where it is not small and gives no small one back)."""

    round_id: str
    group_id: str
    count: int


@dataclass(frozen=True)
class TableTotal:
    """How many people sat at a table in a round in all, as an imported café's bundle gave it (its counts by group
    may be partly hidden, so they need not add up to it)."""

    table_id: str
    round_id: str
    count: int


@dataclass(frozen=True)
class Tally:
    """Paper votes for one outcome in one scope.

    `level` is 0 for dot voting, the rank (1 = first choice) for ranking, and the score (1–5) for agreement.
    `table_id`/`group_id` of None mean "the whole room" / "all groups".
    """

    outcome_id: str
    table_id: str | None
    group_id: str | None
    level: int
    count: int


@dataclass
class Plan:
    """Everything a facilitator decides before the café: what a template holds."""

    title: str = ""
    date: str = ""
    locality: str = ""
    tables: list[tuple[int, str]] = field(default_factory=list)  # (number, optional name)
    rounds: list[RoundSpec] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=lambda: list(DEFAULT_GROUPS))
    vote_method: str = "dots"
    dots_per_person: int = 3
    themes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RoundSpec:
    prompt: str
    follow_ups: tuple[str, ...] = ()
    minutes: float = 20


#: what the café list (the Cafés page, `cafe-desk cafes`) calls each state of a café run on this laptop
STATE_LABELS = {"planning": "Planning", "running": "Running", "closed": "Closed"}
#: ... and a café that was not run here
ORIGIN_LABELS = {"imported": "Imported", "sample": "Sample"}


@dataclass(frozen=True)
class CafeSummary:
    """One row of the café list."""

    id: str
    short_code: str
    title: str
    date: str
    locality: str
    state: str
    points: int = 0
    summaries: int = 0
    comments: int = 0
    origin: str = "local"  # "local" (run on this laptop), "imported" (from a café file) or "sample"

    @property
    def notes(self) -> int:
        """Points, summaries and comments together (every row of the notes table)."""
        return self.points + self.summaries + self.comments

    @property
    def state_label(self) -> str:
        """"Planning", "Running", "Closed"; "Imported" or "Sample" for a café not run here."""
        return ORIGIN_LABELS.get(self.origin) or STATE_LABELS.get(self.state, self.state.title())
