"""What one export made: the bundle's files and the counts the facilitator is told about."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cafe_desk.core.counts import Counts, VoteCounts
from cafe_desk.core.model import Attendance, Ballot, Cafe, Group, Note, Outcome, Round, Table, Tally, Theme
from cafe_desk.core.redaction import KIND_WORDS

RECEIPT_SUFFIX = ".cafe-receipt"  # what the central team sends back to say a café's bundle arrived


@dataclass
class ExportResult:
    """The bundle's files (manifest included) and what the facilitator is told about them."""

    files: dict[str, bytes]
    title: str
    counts: Counts  # what the bundle holds
    redactions: Counter = field(default_factory=Counter)
    left_out: dict[str, int] = field(default_factory=dict)  # by reason, as the manifest says
    suppressed: int = 0
    left: Counts = field(default_factory=Counts)  # what was left out
    votes: VoteCounts = field(default_factory=VoteCounts)  # the votes the bundle holds

    def summary(self, target: str = "") -> str:
        """One line: "Exported “title”: 40 points, 2 comments; votes: 3 phone ballots and 9 dots on paper;
        3 comments left out; 12 names and 2 phone numbers removed → F"."""
        parts = [self.counts.phrase(), self.votes.phrase()]
        if self.left.total:
            parts.append(f"{self.left.phrase(always=())} left out")
        removed = [f"{n} {KIND_WORDS.get(k, (k, k))[n != 1]}" for k, n in self.redactions.most_common() if n]
        if removed:
            parts.append((", ".join(removed[:-1]) + " and " + removed[-1] if len(removed) > 1 else removed[0])
                         + " removed")
        else:
            parts.append("nothing personal found")
        line = f"Exported “{self.title}”: " + "; ".join(parts)
        return line + (f" → {target}" if target else "")




@dataclass(frozen=True)
class CafeSnapshot:
    """Everything an export reads of one café, gathered by the export service and handed to export/ as it is."""

    cafe: Cafe
    tables: list[Table] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    started_at: str | None = None  # when its first round started (UTC, ISO), if it ran
