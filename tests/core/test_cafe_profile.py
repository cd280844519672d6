"""A café's people by group for analysis tools: the busiest round, small counts hidden, nothing worked back."""

from __future__ import annotations

from cafe_desk.core.cafe_profile import UNSIGNED, cafe_profile, people_by_group
from cafe_desk.core.model import Attendance, Group, Round, RoundGroup, TableTotal
from cafe_desk.core.signers import REVOKED, Signer

GROUPS = [Group(f"g{n}", "c", n, name) for n, name in enumerate(("Carers", "Staff", "Youth"))]
ROUNDS = [Round("r2", "c", 2, "Second?"), Round("r1", "c", 1, "First?")]


def counts(table: str, round_id: str, *people: int | None) -> list[Attendance]:
    """A table's counts by group in a round; None: the café's file left that count out."""
    return [Attendance(table, round_id, g.id, n) for g, n in zip(GROUPS, people, strict=True) if n is not None]


def test_the_busiest_round_counts_and_a_group_the_file_left_out_stays_hidden_with_one_more():
    attendance = counts("t1", "r1", 6, 9, None) + counts("t2", "r1", 5, 0, 0) + counts("t1", "r2", 20, 0, 0)
    totals = [TableTotal("t1", "r1", 17), TableTotal("t2", "r1", 5), TableTotal("t1", "r2", 20)]
    people, groups = people_by_group(GROUPS, ROUNDS, attendance, totals)
    # round 2 has 20 people, round 1 has 22: Youth is unknown (left out at table 1), so the smallest shown count
    # (Staff, 9, against Carers' 11) is hidden too, or 22 - 11 - 9 would give Youth back
    assert people == 22
    assert groups == (("Carers", 11), ("Staff", None), ("Youth", None))


def test_the_busiest_rounds_counts_over_every_table_are_the_cafes_where_its_file_gave_them():
    totals = [TableTotal("t1", "r1", 7), TableTotal("t2", "r1", 7), TableTotal("t1", "r2", 6)]
    over_the_tables = [RoundGroup("r1", "g0", 9), RoundGroup("r2", "g0", 6), RoundGroup("r2", "g1", 0)]
    # round 1 has 14 people: Carers 9 shown, Staff and Youth held back by the file; round 2 is not the busiest
    assert people_by_group(GROUPS, ROUNDS, [], totals, over_the_tables) == (
        14, (("Carers", 9), ("Staff", None), ("Youth", None)))
    everyone = [RoundGroup("r1", "g0", 5), RoundGroup("r1", "g1", 9), RoundGroup("r1", "g2", 0)]
    profile = cafe_profile("c", GROUPS, ROUNDS, [], totals, None, everyone)
    assert (profile.people, profile.groups, profile.held_back) == (14, (("Carers", 5), ("Staff", 9), ("Youth", 0)), ())


def test_only_tables_totals_and_no_rounds_counts_leave_every_group_hidden():
    assert people_by_group(GROUPS, ROUNDS, [], [TableTotal("t1", "r1", 8)]) == (
        8, (("Carers", None), ("Staff", None), ("Youth", None)))


def test_all_counts_known_and_large_are_shown_and_none_recorded_is_none():
    attendance = counts("t1", "r1", 6, 9, 0)
    assert people_by_group(GROUPS, ROUNDS, attendance, [TableTotal("t1", "r1", 15)]) == (
        15, (("Carers", 6), ("Staff", 9), ("Youth", 0)))
    assert people_by_group(GROUPS, ROUNDS, []) == (None, ())


def test_a_profile_says_how_its_file_was_signed_and_asks_its_questions_in_order():
    revoked = Signer("key", "1a2b", "Anna", REVOKED)
    assert cafe_profile("c", GROUPS, ROUNDS, [], [], revoked).signature == REVOKED
    profile = cafe_profile("c", GROUPS, ROUNDS, [], [], None)
    assert (profile.signature, profile.questions, profile.people) == (UNSIGNED, ("First?", "Second?"), None)
