"""How many points, summaries and comments there are, said the same way on every page, command and file.

- a **point** is what a note-taker types for a table and round, or a table host sends from a phone or tablet;
- a **summary** is what a table carries forward from a round;
- a **comment** is what a participant sends from a phone or writes on a paper card;
- **items** are any mix of them, where they are listed together (the export review, the Synthesis page).

All three are rows of the notes table (`Note`), but people never see "notes" counted: "12 points, 3 comments".
Votes are said beside them from a bundle's votes.json, the same on the way out and on the way in: "votes: 3 phone
ballots and 9 dots on paper", or "no votes".
"""

from __future__ import annotations

import collections
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cafe_desk.core.model import COMMENT_SOURCES, Note

PLURALS = {"point": "points", "summary": "summaries", "comment": "comments", "item": "items"}
# what one count of a paper tally is, by vote method: a dot on an outcome, an outcome given a rank on a sheet, an
# outcome given a score from 1 to 5
PAPER_WORDS = {"dots": "dot", "ranking": "ranked choice", "agreement": "agreement score"}


def counted(n: int, word: str) -> str:
    """"1 point", "12 points", "2,400 comments" (`word` in the singular)."""
    return f"{n:,} {word if n == 1 else PLURALS.get(word, word + 's')}"


def shown_of(shown: int, total: int, word: str = "point") -> str:
    """What a filtered list says of itself: "12 points" when all are shown, "11 of 12 points shown" when not."""
    return counted(total, word) if shown == total else f"{shown:,} of {counted(total, word)} shown"


def what(source: str, kind: str) -> str:
    """Which of the three a note is: "point", "summary" or "comment"."""
    if source in COMMENT_SOURCES:
        return "comment"
    return "summary" if kind == "summary" else "point"


def label(source: str, kind: str) -> str:
    """A note's kind as a one-word heading: "Point", "Summary", "Comment", or "Paper comment" for a paper card."""
    return "Paper comment" if source == "paper" else what(source, kind).capitalize()


@dataclass(frozen=True)
class Counts:
    """How many points, summaries and comments; `phrase()` says them."""

    points: int = 0
    summaries: int = 0
    comments: int = 0

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> Counts:
        """Counted from (source, kind) pairs."""
        tally = {"point": 0, "summary": 0, "comment": 0}
        for (source, kind), n in collections.Counter(pairs).items():  # a few kinds, however many notes
            tally[what(source, kind)] += n
        return cls(tally["point"], tally["summary"], tally["comment"])

    @classmethod
    def of_notes(cls, notes: Iterable[Note]) -> Counts:
        """Counted from notes."""
        return cls.of((n.source, n.kind) for n in notes)

    @property
    def total(self) -> int:
        """Points, summaries and comments together."""
        return self.points + self.summaries + self.comments

    def phrase(self, always: tuple[str, ...] = ("point", "comment")) -> str:
        """"12 points, 3 comments", "12 points, 2 summaries, 3 comments": the words in `always` are said even for
        none ("0 comments" says none came), the others only when there are some ("" if nothing is said)."""
        parts = [counted(n, word) for n, word in ((self.points, "point"), (self.summaries, "summary"),
                                                  (self.comments, "comment")) if n or word in always]
        return ", ".join(parts)

    def as_dict(self) -> dict[str, int]:
        """{"points": 12, "summaries": 2, "comments": 3}, for JSON."""
        return {"points": self.points, "summaries": self.summaries, "comments": self.comments}


@dataclass(frozen=True)
class VoteCounts:
    """How many votes a café's bundle carries: phone ballots, and what the paper tallies add up to; `phrase()` says
    them."""

    method: str = "dots"
    phone_ballots: int = 0
    paper: int = 0  # dots, ranked choices or agreement scores, as `method` says

    @classmethod
    def of_bundle(cls, votes: object, method: str) -> VoteCounts:
        """Counted from a bundle's votes.json (`method`: the café's vote method, used if the file names none). The
        paper split by group is part of the paper totals, so it is not counted again."""
        votes = votes if isinstance(votes, Mapping) else {}
        method = votes.get("method") if votes.get("method") in PAPER_WORDS else method
        ballots = votes.get("phone_ballots")
        paper = 0
        for row in votes.get("outcomes") or []:
            levels = row.get("paper") if isinstance(row, Mapping) else None
            if isinstance(levels, Mapping):
                paper += sum(n for n in levels.values() if isinstance(n, int) and not isinstance(n, bool))
        return cls(method, ballots if isinstance(ballots, int) and not isinstance(ballots, bool) else 0, paper)

    @property
    def total(self) -> int:
        """Phone ballots and paper counts together (0: no votes at all)."""
        return self.phone_ballots + self.paper

    def phrase(self) -> str:
        """"votes: 3 phone ballots and 9 dots on paper", "votes: 12 ranked choices on paper", "no votes"."""
        parts = []
        if self.phone_ballots:
            parts.append(f"{self.phone_ballots:,} phone ballot{'s' if self.phone_ballots != 1 else ''}")
        if self.paper:
            word = PAPER_WORDS.get(self.method, "vote")
            parts.append(f"{counted(self.paper, word)} on paper")
        return "votes: " + " and ".join(parts) if parts else "no votes"
