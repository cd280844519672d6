"""Votes across cafés: each café's counts turned into support per voter, then added up by outcome and group.

Cafés vote in different ways, so every voter is given the same weight, one:
- dot voting: a voter's dots are shared among the outcomes they chose (dots ÷ dots per person);
- ranking: a voter's ranking points (first of n = n points … last = 1) as a share of a full ballot's points;
- agreement: the share of people answering a statement who agree (4) or strongly agree (5), reported apart.
How many voted is read from the counts: dots ÷ dots per person, people giving a first choice, or the most people
answering any one statement. Group splits follow core/small_counts.py: an outcome's groups are one set, its voters
across all cafés the total, and the voters nobody split by group a part never shown on its own; a hidden group's
voters and share are None. The cafés only ever send splits of 5 voters or more, so a group that was small in every
café is never seen here at all, and nothing here can be subtracted back into one café's small group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cafe_desk.core.small_counts import SMALL, hidden_counts
from cafe_desk.core.synthesis import outcome_key

SMALL_GROUP = SMALL
MEASURE_SHARE = "share"  # dots and ranking: share of voters' support
MEASURE_AGREE = "agree"  # agreement: share who agree


@dataclass(frozen=True)
class Pile:
    """A count of one café's votes: `count` votes at `level` for one outcome, from one group (or "" if unsplit)."""

    cafe_id: str
    method: str
    dots_per_person: int
    n_outcomes: int
    outcome: str  # the outcome's title as the café wrote it
    group: str
    level: int
    count: int


@dataclass
class _Tally:
    support: float = 0.0
    voters: float = 0.0
    votes: int = 0
    cafes: set[str] = field(default_factory=set)

    def share(self) -> float:
        return self.support / self.voters if self.voters else 0.0


@dataclass(frozen=True)
class GroupShare:
    """One group's part of an outcome; `voters` and `share` are both None when the split is hidden."""

    group: str
    voters: int | None
    share: float | None

    @property
    def hidden(self) -> bool:
        return self.share is None


@dataclass(frozen=True)
class OutcomeSynthesis:
    """One outcome across cafés: its title, measure, how many cafés and voters, the share, and by group."""

    title: str
    measure: str
    cafes: int
    voters: int
    votes: int  # dots, ranking marks or answers counted
    share: float
    groups: tuple[GroupShare, ...] = ()

    @property
    def detail(self) -> str:
        what = "agree" if self.measure == MEASURE_AGREE else "of voters' support"
        return (f"{self.share:.0%} {what}; {self.voters:,} voter{'s' if self.voters != 1 else ''} "
                f"in {self.cafes:,} café{'s' if self.cafes != 1 else ''}")


def estimate_voters(method: str, dpp: int, piles: list[Pile]) -> float:
    """How many people one café's (or one group's) piles stand for."""
    if method == "dots":
        return sum(p.count for p in piles) / max(1, dpp)
    if method == "ranking":
        return float(sum(p.count for p in piles if p.level == 1))
    answered: dict[str, int] = defaultdict(int)
    for p in piles:
        answered[outcome_key(p.outcome)] += p.count
    return float(max(answered.values(), default=0))


def _support(p: Pile) -> tuple[float, float]:
    """(support, answered) that one pile adds to its outcome."""
    if p.method == "dots":
        return p.count / max(1, p.dots_per_person), 0.0
    if p.method == "ranking":
        n = max(1, p.n_outcomes)
        points = max(0, n - p.level + 1)
        return p.count * points / (n * (n + 1) / 2), 0.0
    return (float(p.count) if p.level >= 4 else 0.0), float(p.count)


def synthesise(piles: Iterable[Pile], ballots: Mapping[str, Iterable[str]]) -> list[OutcomeSynthesis]:
    """Outcomes across all cafés, highest share first within each measure (support before agreement).

    `ballots`: café id -> the titles of the outcomes it voted on, so a café's voters count for an outcome on its
    ballot even when nobody chose it."""
    by_cafe: dict[tuple[str, str], list[Pile]] = defaultdict(list)  # (café, group) -> piles
    for p in piles:
        by_cafe[(p.cafe_id, p.group)].append(p)
    titles: dict[tuple[str, str], str] = {}
    totals: dict[tuple[str, str], _Tally] = defaultdict(_Tally)  # (outcome key, measure)
    # (outcome key, measure) -> group ("" for votes not split by group) -> its tally
    groups: dict[tuple[str, str], dict[str, _Tally]] = defaultdict(lambda: defaultdict(_Tally))
    for (cafe, group), cafe_piles in by_cafe.items():
        first = cafe_piles[0]
        measure = MEASURE_AGREE if first.method == "agreement" else MEASURE_SHARE
        voters = estimate_voters(first.method, first.dots_per_person, cafe_piles)
        answered: dict[str, float] = defaultdict(float)
        for title in ballots.get(cafe, ()):
            titles.setdefault((outcome_key(title), measure), title.strip())
        for p in cafe_piles:
            key = outcome_key(p.outcome)
            titles.setdefault((key, measure), p.outcome.strip())
            support, asked = _support(p)
            answered[key] += asked
            for tally in (totals[(key, measure)], groups[(key, measure)][group]):
                tally.support += support
                tally.votes += p.count
        on_ballot = {outcome_key(t) for t in ballots.get(cafe, ())} | set(answered)
        for key in on_ballot:
            count = answered[key] if measure == MEASURE_AGREE else voters
            for tally in (totals[(key, measure)], groups[(key, measure)][group]):
                tally.voters += count
                if count:
                    tally.cafes.add(cafe)
    result = []
    for (key, measure), tally in totals.items():
        result.append(OutcomeSynthesis(titles[(key, measure)], measure, len(tally.cafes), round(tally.voters),
                                       tally.votes, tally.share(), _split(groups[(key, measure)])))
    result.sort(key=lambda o: (o.measure != MEASURE_SHARE, -o.share, o.title.casefold()))
    return result


def _split(tallies: dict[str, _Tally]) -> tuple[GroupShare, ...]:
    """One outcome's group splits by name, the hidden ones without voters or share, a group nobody in it answered
    left out (unless hidden). Votes not split by group ("") are a part of the total never shown on its own; a group
    with votes counts as at least one voter."""
    size = {g: max(round(tallies[g].voters, 6), 1.0 if tallies[g].votes else 0.0)  # ties: first by name
            for g in sorted(tallies, key=str.casefold)}
    hidden = hidden_counts(size, never_shown={""})
    split = [GroupShare(g, None, None) if g in hidden else GroupShare(g, round(t.voters), t.share())
             for g, t in tallies.items() if g and (g in hidden or size[g])]
    return tuple(sorted(split, key=lambda s: s.group.casefold()))
