"""People per table and round: a table's total where the café file gave one, else its groups' counts added up; and
which of an imported café's counts by group the café file left out.

A café's own laptop records people by group only, so its totals are always the groups' sum. An imported café's
bundle gives each table's total for a round; older bundles also wrote every group's count for each place, zeros
included, hiding those that are small or would give a small one back (core/small_counts.py), and newer ones write
none. Either way a group with no stored count at such a place is one the file left out, not a zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cafe_desk.core.model import Attendance, TableTotal

Place = tuple[str, str]  # (table id, round id)


def people_by_place(attendance: Iterable[Attendance], totals: Iterable[TableTotal] = ()) -> dict[Place, int]:
    """People per (table id, round id): the table's total for the round where there is one, else the sum of its
    counts by group. Places with neither are left out."""
    people: dict[Place, int] = {}
    for row in attendance:
        place = (row.table_id, row.round_id)
        people[place] = people.get(place, 0) + row.count
    for total in totals:
        people[(total.table_id, total.round_id)] = total.count
    return people


@dataclass(frozen=True)
class PlaceAttendance:
    """What is known of one table in one round: the counts by group that are stored, the groups whose count the
    café file left out (`hidden`), and the table's total when the file gave one."""

    counts: Mapping[str, int] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()
    total: int | None = None

    @property
    def people(self) -> int:
        """The table's people: its total when known, else the counts shown added up."""
        return self.total if self.total is not None else sum(self.counts.values())


def place_attendance(place: Place, group_ids: Sequence[str], attendance: Iterable[Attendance],
                     totals: Iterable[TableTotal] = (), *, imported: bool = False) -> PlaceAttendance:
    """One table and round's attendance. For an `imported` café that has anything at this place, a group with no
    stored count is hidden (its file writes every group's count there, zeros included, unless it left one out)."""
    counts = {a.group_id: a.count for a in attendance if (a.table_id, a.round_id) == place}
    total = next((t.count for t in totals if (t.table_id, t.round_id) == place), None)
    hidden = frozenset(g for g in group_ids if g not in counts) if imported and (counts or total is not None) \
        else frozenset()
    return PlaceAttendance(counts, hidden, total)
