"""What the central desk says of an imported café beside its items, for analysis tools: how many people came, by
group (under the small-count rule), whether its file was signed by a known key, and the questions its rounds asked.

People: the busiest round's people over every table (the first of equal rounds), as `people_recorded` counts them,
since each person sits at one table a round. A group's people are that round's count over every table as the café's
file gave it; its file already held back those that are small or would give one back beside the round's total, so
a group it left out is hidden. Files from before these counts give tables' counts by group only: there a group's
people are its counts at that round's tables added up, unknown (and hidden) where the file left a table's count out
(core/attendance.py), and the groups' people beside the round's total are one set under core/small_counts.py, an
unknown count standing as a hidden part above zero, so no hidden count can be worked back from the total and the
shown ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cafe_desk.core.attendance import people_by_place, place_attendance
from cafe_desk.core.model import Attendance, Group, Round, RoundGroup, TableTotal
from cafe_desk.core.signers import KNOWN, REVOKED, UNLISTED, Signer
from cafe_desk.core.small_counts import SMALL, hidden_counts

UNSIGNED = "unsigned"
#: how a café's file came, in words an analyst filters on
SIGNATURES = {KNOWN: "signed by a known facilitator's key", UNLISTED: "signed by a key not on the list",
              REVOKED: "signed by a key since revoked", UNSIGNED: "unsigned"}


@dataclass(frozen=True)
class CafeProfile:
    """One imported café's people, signature and questions."""

    cafe_id: str
    people: int | None = None  # the busiest round's people; None when no attendance was recorded
    groups: tuple[tuple[str, int | None], ...] = ()  # (group name, people or None where hidden), in the plan's order
    signature: str = UNSIGNED  # a key of SIGNATURES
    questions: tuple[str, ...] = ()  # each round's question, in round order

    @property
    def held_back(self) -> tuple[str, ...]:
        """The groups whose people are hidden."""
        return tuple(name for name, count in self.groups if count is None)


def people_by_group(groups: Sequence[Group], rounds: Sequence[Round], attendance: Iterable[Attendance],
                    totals: Iterable[TableTotal] = (), round_groups: Iterable[RoundGroup] = (), *,
                    imported: bool = True) -> tuple[int | None, tuple[tuple[str, int | None], ...]]:
    """(the busiest round's people, each group's people in it or None where hidden); (None, ()) when nothing was
    recorded. `round_groups`: the rounds' counts by group over every table that the café's file gave. `imported`:
    the counts come from a café file, which leaves some out (see the module's note)."""
    attendance, totals, round_groups = list(attendance), list(totals), list(round_groups)
    rounds = sorted(rounds, key=lambda r: r.number)
    places = people_by_place(attendance, totals)
    per_round = {r.id: sum(n for (_t, round_id), n in places.items() if round_id == r.id) for r in rounds}
    if not places or not per_round:
        return None, ()
    busiest = max(per_round, key=per_round.__getitem__)  # the first of equal rounds
    if any(r.round_id == busiest for r in round_groups):
        shown = {r.group_id: r.count for r in round_groups if r.round_id == busiest}
        return per_round[busiest], tuple((g.name, shown.get(g.id)) for g in groups)
    group_ids = [g.id for g in groups]
    counts = dict.fromkeys(group_ids, 0)
    unknown: set[str] = set()
    for place in (p for p in places if p[1] == busiest):
        known = place_attendance(place, group_ids, attendance, totals, imported=imported)
        unknown |= known.hidden
        for group_id in group_ids:
            counts[group_id] += known.counts.get(group_id, 0)
    # unknown: a hidden part above zero of unknown size (never taken for exactly 1, which the rule would add up)
    for_rule = {g: SMALL - 1 if g in unknown else n for g, n in counts.items()}
    hidden = hidden_counts(for_rule) | unknown
    return per_round[busiest], tuple((g.name, None if g.id in hidden else counts[g.id]) for g in groups)


def cafe_profile(cafe_id: str, groups: Sequence[Group], rounds: Sequence[Round], attendance: Iterable[Attendance],
                 totals: Iterable[TableTotal], signer: Signer | None,
                 round_groups: Iterable[RoundGroup] = ()) -> CafeProfile:
    """An imported café's profile from its plan, attendance and the key that signed it (None: unsigned)."""
    people, by_group = people_by_group(groups, rounds, attendance, totals, round_groups)
    ordered = sorted(rounds, key=lambda r: r.number)
    return CafeProfile(cafe_id, people, by_group, signer.state if signer else UNSIGNED,
                       tuple(r.prompt for r in ordered if r.prompt.strip()))
