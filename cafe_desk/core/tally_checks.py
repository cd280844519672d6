"""Checks on paper tallies that can't be right: more dots at a table than its people could have given."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cafe_desk.core.ballots import people_recorded
from cafe_desk.core.model import Attendance, Table, TableTotal, Tally


def _people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


def _dots(n: int) -> str:
    return f"{n} {'dot' if n == 1 else 'dots'}"


def dots_warnings(dots_per_person: int, tables: Sequence[Table], tallies: Iterable[Tally],
                  attendance: Iterable[Attendance], totals: Iterable[TableTotal] = ()) -> list[str]:
    """One plain line for each table (and the whole room's sheet) whose dots add up to more than the people
    recorded there could have given. A table with no people recorded is not checked: its count is unknown.
    `totals`: the tables' totals an imported café gave, which stand in for their counts by group."""
    tallies, attendance, totals = list(tallies), list(attendance), list(totals)
    places = [(t.id, t.label, people_recorded((a for a in attendance if a.table_id == t.id),
                                              (n for n in totals if n.table_id == t.id))) for t in tables]
    places.append((None, "The whole room", people_recorded(attendance, totals)))
    warnings = []
    for table_id, label, people in places:
        total = sum(t.count for t in tallies if t.table_id == table_id)
        most = people * dots_per_person
        if people and total > most:
            warnings.append(f"{label} has {_dots(total)}, but {_people(people)} × {_dots(dots_per_person)} "
                            f"is at most {most}.")
    return warnings
