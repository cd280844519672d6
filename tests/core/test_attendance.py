"""People per table and round: a table's total from a café file stands in for its groups' counts everywhere people
are counted (the busiest round, the dots check), and an imported café's missing group counts are hidden."""

from __future__ import annotations

from cafe_desk.core.attendance import people_by_place, place_attendance
from cafe_desk.core.ballots import people_recorded
from cafe_desk.core.model import Attendance, Table, TableTotal, Tally
from cafe_desk.core.tally_checks import dots_warnings

SHOWN = [Attendance("t1", "r1", "lived", 0), Attendance("t2", "r1", "carers", 6), Attendance("t2", "r1", "staff", 8)]
TOTALS = [TableTotal("t1", "r1", 10), TableTotal("t2", "r1", 14)]


def test_a_tables_total_stands_in_for_its_groups():
    assert people_by_place(SHOWN, TOTALS) == {("t1", "r1"): 10, ("t2", "r1"): 14}
    assert people_by_place(SHOWN) == {("t1", "r1"): 0, ("t2", "r1"): 14}
    assert people_recorded(SHOWN, TOTALS) == 24 and people_recorded(SHOWN) == 14


def test_the_dots_check_counts_a_table_by_its_total():
    tables = [Table("t1", "c", 1, ""), Table("t2", "c", 2, "")]
    tallies = [Tally("o", "t1", None, 0, 30)]
    assert dots_warnings(3, tables, tallies, SHOWN, TOTALS) == []  # 10 people × 3 dots
    assert dots_warnings(3, tables, [Tally("o", "t1", None, 0, 31)], SHOWN, TOTALS) == [
        "Table 1 has 31 dots, but 10 people × 3 dots is at most 30."]


def test_an_imported_places_missing_groups_are_hidden():
    groups = ["lived", "carers", "staff"]
    first = place_attendance(("t1", "r1"), groups, SHOWN, TOTALS, imported=True)
    assert (dict(first.counts), first.hidden, first.total, first.people) == (
        {"lived": 0}, frozenset({"carers", "staff"}), 10, 10)
    assert place_attendance(("t3", "r1"), groups, SHOWN, TOTALS, imported=True).hidden == frozenset()
    assert place_attendance(("t1", "r1"), groups, SHOWN, imported=False).hidden == frozenset()
