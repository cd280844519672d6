"""Vote tallies: turning the counts typed in from paper into totals per outcome, for each vote method.

Each `Tally` row is one pile of paper (a table's sheet, or the room's wall chart), so totals add rows up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.model import AGREEMENT_LEVELS, Outcome, Tally

MAX_COUNT = 100_000


@dataclass(frozen=True)
class OutcomeTotal:
    outcome_id: str
    title: str
    score: float  # what the bar shows: dots, ranking points, or mean agreement
    voters: int  # people (ranking, agreement) or dots (dot voting) behind the score
    share: float  # score as a share of the largest possible bar, 0..1
    detail: str  # one line for screen readers and the table under the chart


def check_count(count: object) -> int:
    """A whole number of votes, 0..MAX_COUNT, or a ValidationError saying what is wrong."""
    if isinstance(count, bool) or not isinstance(count, int):
        try:
            count = int(str(count).strip())
        except ValueError:
            raise ValidationError(f"A vote count must be a whole number, not {str(count)[:20]!r}.") from None
    if count < 0:
        raise ValidationError("A vote count can't be negative.")
    if count > MAX_COUNT:
        raise ValidationError(f"{count:,} votes is more than one café could cast; please check the number.")
    return count


def check_level(method: str, level: int, n_outcomes: int) -> int:
    if method == "dots" and level != 0:
        raise ValidationError("Dot votes have no level.")
    if method == "ranking" and not 1 <= level <= max(1, n_outcomes):
        raise ValidationError(f"A rank must be between 1 and {n_outcomes}.")
    if method == "agreement" and level not in AGREEMENT_LEVELS:
        raise ValidationError("Agreement is scored from 1 to 5.")
    return level


def levels_for(method: str, n_outcomes: int) -> tuple[int, ...]:
    """The levels a tally can have under `method`: (0,) for dots, ranks 1..n, or scores 1..5."""
    if method == "dots":
        return (0,)
    if method == "ranking":
        return tuple(range(1, n_outcomes + 1))
    return AGREEMENT_LEVELS


def summarise(method: str, outcomes: Sequence[Outcome], tallies: Iterable[Tally],
              table_id: str | None = None, group_id: str | None = None) -> list[OutcomeTotal]:
    """Totals per outcome, in plan order, optionally only for one table and/or one group."""
    counts: dict[str, dict[int, int]] = {o.id: {} for o in outcomes}
    for t in tallies:
        if t.outcome_id not in counts:
            continue
        if table_id is not None and t.table_id != table_id:
            continue
        if group_id is not None and t.group_id != group_id:
            continue
        by_level = counts[t.outcome_id]
        by_level[t.level] = by_level.get(t.level, 0) + t.count
    n = len(outcomes)
    rows: list[tuple[Outcome, float, int, str]] = []
    for o in outcomes:
        c = counts[o.id]
        people = sum(c.values())
        if method == "dots":
            rows.append((o, float(people), people, f"{people} dot{'s' if people != 1 else ''}"))
        elif method == "ranking":
            points = sum(cnt * (n - level + 1) for level, cnt in c.items())
            firsts = c.get(1, 0)
            rows.append((o, float(points), people, f"{points} points; first choice of {firsts}"))
        else:
            mean = sum(level * cnt for level, cnt in c.items()) / people if people else 0.0
            agree = c.get(4, 0) + c.get(5, 0)
            pct = round(100 * agree / people) if people else 0
            rows.append((o, mean, people, f"average {mean:.1f} of 5; {pct}% agree ({people} people)"))
    if method == "agreement":
        top = 5.0
    else:
        top = max((score for _, score, _, _ in rows), default=0.0)
    return [
        OutcomeTotal(o.id, o.title, score, voters, (score / top) if top else 0.0, detail)
        for o, score, voters, detail in rows
    ]
