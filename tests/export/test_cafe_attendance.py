"""Attendance in a bundle: each table's total per round, and the café's people by group per round under the
small-count rule; no table's counts by group, so an intruder holding both levels can work no hidden count out."""

from __future__ import annotations

import itertools
import random
from types import SimpleNamespace

from cafe_desk.core.model import Attendance, Group
from cafe_desk.core.small_counts import hidden_counts
from cafe_desk.export.cafe_export import _attendance

FOUR = ("Lived experience", "Family or carer", "Practitioner", "Other")


def written(seated: dict[int, tuple[int, ...]], names=FOUR) -> tuple[list[dict], int]:
    """attendance.json's rows (and how many are null) for one round, tables numbered as given."""
    groups = [Group(f"g{n}", "c", n, name) for n, name in enumerate(names)]
    rows = [Attendance(f"t{t}", "r1", g.id, n) for t, counts in seated.items()
            for g, n in zip(groups, counts, strict=True)]
    snap = SimpleNamespace(attendance=rows, groups=groups)
    return _attendance(snap, {f"t{t}": t for t in seated}, {"r1": 1}, {g.id: g.name for g in groups})


def cafe_level(rows: list[dict]) -> dict[str, int | None]:
    return {r["group"]: r["count"] for r in rows if r["table"] is None}


def table_totals(rows: list[dict]) -> dict[int, int]:
    assert all(r["group"] is None for r in rows if r["table"] is not None)  # no table's counts by group
    return {r["table"]: r["count"] for r in rows if r["table"] is not None}


def test_two_groups_over_the_tables_are_shown_and_tables_give_only_totals():
    rows, suppressed = written({1: (4, 3), 2: (3, 4)}, names=FOUR[:2])
    assert cafe_level(rows) == {"Lived experience": 7, "Family or carer": 7} and suppressed == 0
    assert table_totals(rows) == {1: 7, 2: 7}


def test_two_groups_one_small_over_the_café_leaves_only_the_total():
    rows, suppressed = written({1: (6, 1), 2: (7, 2)}, names=FOUR[:2])
    assert cafe_level(rows) == {"Lived experience": None, "Family or carer": None} and suppressed == 2
    assert sum(table_totals(rows).values()) == 16


def test_three_groups_a_small_one_is_hidden_with_the_next_smallest():
    rows, suppressed = written({1: (4, 1, 4), 2: (3, 2, 4)}, names=FOUR[:3])
    assert cafe_level(rows) == {"Lived experience": None, "Family or carer": None, "Practitioner": 8}
    assert suppressed == 2


def test_a_group_of_three_over_the_café_is_hidden_with_its_complement():
    rows, suppressed = written({1: (3, 1, 3, 0), 2: (2, 1, 3, 1), 3: (4, 1, 2, 0), 4: (3, 0, 3, 1)})
    assert cafe_level(rows) == {"Lived experience": 12, "Family or carer": None, "Practitioner": 11,
                                "Other": None}  # 3 carers, and the 2 others hidden with them
    assert suppressed == 2 and table_totals(rows) == {1: 7, 2: 7, 3: 7, 4: 7}


def test_a_lone_small_group_takes_the_smallest_shown_one_with_it():
    rows, _ = written({1: (4, 0, 3, 0), 2: (3, 3, 4, 0), 3: (5, 0, 2, 0)})
    assert cafe_level(rows) == {"Lived experience": 12, "Family or carer": None, "Practitioner": None,
                                "Other": 0}


def test_two_hidden_groups_of_one_each_take_a_third_with_them():
    """With zeros shown, two hidden groups whose sum is 2 can only be 1 and 1."""
    rows, _ = written({1: (4, 1, 3, 0), 2: (4, 0, 3, 1)})
    assert cafe_level(rows) == {"Lived experience": 8, "Family or carer": None, "Practitioner": None,
                                "Other": None}


def test_five_groups():
    names = (*FOUR, "Young people")
    rows, suppressed = written({1: (3, 1, 2, 0, 2), 2: (3, 1, 3, 1, 0), 3: (2, 2, 3, 0, 1)}, names=names)
    assert cafe_level(rows) == {"Lived experience": 8, "Family or carer": None, "Practitioner": 8, "Other": None,
                                "Young people": None}
    assert suppressed == 3


# --- the intruder, holding both levels ----------------------------------------------------------------------------


def compositions(total: int, parts: int):
    """Every way of putting `total` people into `parts` groups."""
    for cuts in itertools.combinations(range(total + parts - 1), parts - 1):
        bounds = (-1, *cuts, total + parts - 1)
        yield tuple(bounds[i + 1] - bounds[i] - 1 for i in range(parts))


def possible_worlds(totals: list[int], published: dict[str, int | None], names: tuple[str, ...]):
    """Every table × group count, with its café-level counts, that agrees with what was published: the tables'
    totals, the café's shown counts, and the rule itself hiding exactly the counts that were hidden."""
    hidden = frozenset(g for g, n in published.items() if n is None)
    for matrix in itertools.product(*(list(compositions(t, len(names))) for t in totals)):
        column = dict(zip(names, map(sum, zip(*matrix, strict=True)), strict=True))
        if any(published[g] is not None and column[g] != published[g] for g in names):
            continue
        if hidden_counts(column) != hidden:
            continue
        yield matrix, column


def assert_nothing_hidden_is_known(seated: dict[int, tuple[int, ...]], names=FOUR) -> None:
    rows, _ = written(seated, names)
    totals = table_totals(rows)
    published = cafe_level(rows)
    values: dict[tuple, set[int]] = {}
    for matrix, column in possible_worlds([totals[t] for t in seated], published, names):
        for counts, t in zip(matrix, seated, strict=True):
            for name, n in zip(names, counts, strict=True):
                if published[name] != 0:  # a group nobody was in is shown as such, at every table
                    values.setdefault((t, name), set()).add(n)
        for g in names:
            if published[g] is None:
                values.setdefault(("café", g), set()).add(column[g])
    assert values, "the true counts are one of the possible worlds"
    known = {cell: vals for cell, vals in values.items() if len(vals) < 2}
    assert not known, (seated, published, known)


def test_no_hidden_count_of_a_café_with_small_groups_can_be_worked_out():
    assert_nothing_hidden_is_known({1: (3, 1, 2, 0), 2: (2, 0, 3, 1), 3: (3, 1, 2, 0)})


def test_no_hidden_count_of_generated_cafés_can_be_worked_out():
    rng = random.Random(14)
    for _cafe in range(6):
        seated = {}
        for table in (1, 2, 3):
            counts = [0, 0, 0, 0]
            for g in rng.choices(range(4), (3, 1.5, 3, 1), k=rng.randint(5, 7)):
                counts[g] += 1
            seated[table] = tuple(counts)
        assert_nothing_hidden_is_known(seated)
