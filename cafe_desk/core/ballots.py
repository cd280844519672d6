"""Phone ballots: what a valid ballot is under each vote method, and how ballots add into the tallies."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from cafe_desk.core.attendance import people_by_place
from cafe_desk.core.errors import ValidationError
from cafe_desk.core.model import AGREEMENT_LEVELS, Attendance, Ballot, TableTotal, Tally


def clean_ballot(method: str, dots_per_person: int, outcome_ids: Sequence[str],
                 choices: Mapping[str, object]) -> dict[str, int]:
    """A ballot checked against the café's vote method; raises ValidationError with a plain reason.

    dots: outcome -> dots (0 or more, at most `dots_per_person` in all);
    ranking: outcome -> rank (1 = first), no rank used twice, outcomes left out are unranked;
    agreement: outcome -> 1..5, outcomes left out are skipped.
    """
    known = set(outcome_ids)
    clean: dict[str, int] = {}
    for outcome_id, raw in choices.items():
        if outcome_id not in known:
            raise ValidationError("This ballot mentions an outcome that is not in this café; please reload the page.")
        if raw in ("", None):
            continue
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise ValidationError("Please use whole numbers on the ballot.") from None
        clean[outcome_id] = value
    if method == "dots":
        if any(v < 0 for v in clean.values()):
            raise ValidationError("Dots can't be negative.")
        clean = {o: v for o, v in clean.items() if v}
        total = sum(clean.values())
        if total > dots_per_person:
            raise ValidationError(f"You have {dots_per_person} dots to give, and this ballot uses {total}. "
                                  "Please take some away.")
        if total == 0:
            raise ValidationError("Please give at least one dot to an outcome.")
    elif method == "ranking":
        ranks = list(clean.values())
        if any(not 1 <= r <= len(outcome_ids) for r in ranks):
            raise ValidationError(f"Please rank with numbers from 1 to {len(outcome_ids)}.")
        if len(set(ranks)) != len(ranks):
            raise ValidationError("Each number can be used only once; please check your ranking.")
        if not ranks:
            raise ValidationError("Please rank at least one outcome.")
    else:
        if any(v not in AGREEMENT_LEVELS for v in clean.values()):
            raise ValidationError("Please choose from 1 (strongly disagree) to 5 (strongly agree).")
        if not clean:
            raise ValidationError("Please answer at least one statement.")
    return clean


def ballots_as_tallies(method: str, ballots: Iterable[Ballot]) -> list[Tally]:
    """Phone ballots as tally rows (whole room, no group), so they add into the same totals as paper."""
    out = []
    for ballot in ballots:
        for outcome_id, value in ballot.choices.items():
            if method == "dots":
                out.append(Tally(outcome_id, None, None, 0, value))
            else:
                out.append(Tally(outcome_id, None, None, value, 1))
    return out


def people_recorded(attendance: Iterable[Attendance], totals: Iterable[TableTotal] = ()) -> int:
    """How many people the attendance counts record: the busiest round's total over every table (each person sits
    at one table a round, so adding the rounds up would count them again). A table's total, where an imported café
    gave one, stands in for its groups' counts (see `people_by_place`)."""
    per_round: dict[str, int] = {}
    for (_table_id, round_id), people in people_by_place(attendance, totals).items():
        per_round[round_id] = per_round.get(round_id, 0) + people
    return max(per_round.values(), default=0)
