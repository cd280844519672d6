"""The small-count rule (core/small_counts.py) applied again to the people by group a café file gives, as it is
imported, so that whatever the file says, no count the desk keeps can show or give back a group of 1 to 4 people
(pure: the reader's rows in, the rows to keep out).

A genuine file already holds such counts back; one from an older or faulty Café Desk, or made by hand, may not. The
sets are those the file writes: each round's groups over every table, beside the round's people (its tables'
totals), and in older files each table's groups in a round, beside the table's total where the file gives one. A
group the file left out of a set that has counts is a hidden part of unknown size, never taken for exactly 1 (as
core/cafe_profile.py does). A count hidden here is left out, as if the file had held it back, so every view and
export reads it as "not shown". The people counted are the tables' totals where the file gives them, so they stay
the same; files without totals are counted by the counts shown, which never held small ones in a genuine file.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

from cafe_desk.core.model import Attendance, RoundGroup, TableTotal
from cafe_desk.core.small_counts import SMALL, hidden_counts


def _kept(counts: dict[str, int], order: Mapping[str, int], total_known: bool) -> set[str]:
    """The groups of one set whose counts may be kept: `counts` are those the file shows, by group id; `order` each
    group's place in the plan. The groups held back stand as hidden parts above zero, never taken for 1; only
    whether there are none, one or more matters to the rule, so at most two stand in for them (a hostile file may
    list thousands of groups)."""
    shown = sorted(counts, key=order.__getitem__)
    held_back = [("held back", n) for n in range(min(len(order) - len(counts), 2))]
    for_rule = {**{g: counts[g] for g in shown}, **dict.fromkeys(held_back, SMALL - 1)}
    return set(counts) - hidden_counts(for_rule, total_shown=total_known)


def _sets(rows: list, key) -> dict[Hashable, dict[str, int]]:
    sets: dict[Hashable, dict[str, int]] = {}
    for row in rows:
        sets.setdefault(key(row), {})[row.group_id] = row.count
    return sets


def people_shown(group_ids: Sequence[str], attendance: list[Attendance], totals: list[TableTotal],
                 round_groups: list[RoundGroup]) -> tuple[list[Attendance], list[RoundGroup]]:
    """The tables' and rounds' counts by group to keep, in their order, of a café whose groups are `group_ids` (in
    the plan's order)."""
    with_total = {(t.table_id, t.round_id) for t in totals}
    order = {g: n for n, g in enumerate(group_ids)}
    kept_places = {place: _kept(counts, order, place in with_total)
                   for place, counts in _sets(attendance, lambda a: (a.table_id, a.round_id)).items()}
    kept_rounds = {round_id: _kept(counts, order, True)
                   for round_id, counts in _sets(round_groups, lambda r: r.round_id).items()}
    return ([a for a in attendance if a.group_id in kept_places[(a.table_id, a.round_id)]],
            [r for r in round_groups if r.group_id in kept_rounds[r.round_id]])
