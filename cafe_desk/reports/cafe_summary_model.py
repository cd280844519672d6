"""What a café summary report shows, as plain values: the service fills them in (already anonymised, counts already
suppressed), the layout in reports/cafe_summary.py sets them on the page. No data access, no layout here."""

from __future__ import annotations

from dataclasses import dataclass

PERSONAL_DATA_MARK = "Contains personal data — not for sharing"
HIDDEN_COUNT = "–"  # what a count held back to protect a small group looks like, wherever it is


@dataclass(frozen=True)
class Question:
    """One round's question and its follow-ups."""

    round: int
    prompt: str
    follow_ups: tuple[str, ...] = ()


ALL_TABLES = "All tables"


@dataclass(frozen=True)
class Attendance:
    """People at one table (or at all of them, `ALL_TABLES`) in one round: (group, count or None where held back),
    empty where the export gives no counts by group for the place, and the total."""

    table: str
    round: int
    counts: tuple[tuple[str, int | None], ...]
    total: int


@dataclass(frozen=True)
class Point:
    """One point as printed; `is_quote`: someone's own words."""

    text: str
    is_quote: bool = False


@dataclass(frozen=True)
class TableNotes:
    """One table's points, round by round: (round label, its points), every round of the café listed."""

    table: str
    rounds: tuple[tuple[str, tuple[Point, ...]], ...]

    @property
    def empty(self) -> bool:
        """No point at all was written at this table."""
        return not any(points for _, points in self.rounds)


@dataclass(frozen=True)
class CarriedForward:
    """What one table carried forward from one round."""

    table: str
    round: str  # "Round 2", or "" where the summary names no round
    text: str


@dataclass(frozen=True)
class VoteRow:
    """One outcome's total: the bar's value, and the words under it ("12 dots", "average 3.9 of 5; …")."""

    title: str
    score: float
    detail: str


@dataclass(frozen=True)
class GroupVotes:
    """One group's paper votes, shown because the group had enough voters."""

    group: str
    voters: int
    rows: tuple[VoteRow, ...]


@dataclass(frozen=True)
class Comment:
    """One comment as printed, and what it came on ("Comment", "Paper comment")."""

    text: str
    label: str = "Comment"
    about: str = ""


@dataclass(frozen=True)
class CafeSummary:
    """Everything one café summary shows. `full`: the text is not anonymised (every page then says so)."""

    title: str
    facts: tuple[tuple[str, str], ...] = ()  # (label, value) for the details table
    questions: tuple[Question, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    attendance_hidden: int = 0  # counts held back to protect small groups
    notes: tuple[TableNotes, ...] = ()
    carried: tuple[CarriedForward, ...] = ()
    vote_method: str = ""  # "Dot voting", …
    votes: tuple[VoteRow, ...] = ()  # empty: no votes were recorded
    votes_by_group: tuple[GroupVotes, ...] = ()
    groups_suppressed: int = 0
    comments: tuple[Comment, ...] = ()
    removed: tuple[str, ...] = ()  # "12 names", "2 phone numbers": what anonymising took out of the text
    left_out: tuple[str, ...] = ()  # "3 hidden comments", …
    full: bool = False
