"""The small-count rule: no count by group from 1 to 4 is shown, and none can be worked back from a total."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cafe_desk.core.small_counts import SMALL, hidden_counts, is_small
from tests.core import worked_back


def hidden(counts: dict[str, float], **options) -> set[str]:
    return set(hidden_counts(counts, **options))


# --- two groups -------------------------------------------------------------------------------------------------------


def test_two_groups_one_small_hides_both():
    assert hidden({"Carers": 3, "Practitioners": 12}) == {"Carers", "Practitioners"}


def test_two_groups_both_large_or_both_small():
    assert hidden({"Carers": 5, "Practitioners": 12}) == set()
    assert hidden({"Carers": 1, "Practitioners": 4}) == {"Carers", "Practitioners"}


def test_two_groups_one_small_and_one_empty_leave_only_the_total():
    """Showing the 0 would tell that the total is all Carers'."""
    assert hidden({"Carers": 2, "Practitioners": 0}) == {"Carers", "Practitioners"}


def test_zeros_alone_are_shown():
    assert hidden({"Carers": 0, "Practitioners": 0}) == set()
    assert hidden({"Carers": 0, "Practitioners": 7}) == set()


def test_two_groups_without_a_total_hide_only_the_small_one():
    assert hidden({"Carers": 3, "Practitioners": 12}, total_shown=False) == {"Carers"}


def test_votes_nobody_split_by_group_protect_a_small_group():
    """The room's own votes are in the total but never shown apart: total minus Practitioners is Carers + room."""
    room = {"Carers": 3, "Practitioners": 12, "room": 6}
    assert hidden(room, never_shown={"room"}) == {"Carers", "room"}
    assert hidden({**room, "room": 0}, never_shown={"room"}) == {"Carers", "Practitioners", "room"}
    assert hidden({"Carers": 6, "Practitioners": 12, "room": 2}, never_shown={"room"}) == {"room"}


# --- three groups -----------------------------------------------------------------------------------------------------


def test_three_groups_one_small_hides_the_next_smallest_too():
    assert hidden({"Carers": 4, "Practitioners": 30, "Lived experience": 9}) == {"Carers", "Lived experience"}


def test_three_groups_tie_hides_the_first_of_equals():
    assert hidden({"Carers": 1, "Practitioners": 8, "Lived experience": 8}) == {"Carers", "Practitioners"}
    assert hidden({"Carers": 1, "Lived experience": 8, "Practitioners": 8}) == {"Carers", "Lived experience"}


def test_three_groups_two_small_protect_each_other():
    assert hidden({"Carers": 2, "Practitioners": 8, "Lived experience": 3}) == {"Carers", "Lived experience"}


def test_three_groups_a_zero_never_protects():
    assert hidden({"Carers": 2, "Practitioners": 0, "Lived experience": 6}) == {"Carers", "Lived experience"}
    assert hidden({"Carers": 2, "Practitioners": 0, "Lived experience": 0}) == {
        "Carers", "Practitioners", "Lived experience"}


def test_hidden_counts_that_can_only_be_ones_take_one_more():
    """A zero is shown, so two hidden counts adding up to 2 are 1 and 1: the next smallest goes with them."""
    assert hidden({"Carers": 1, "Practitioners": 8, "Lived experience": 1, "Other": 9}) == {
        "Carers", "Practitioners", "Lived experience"}
    assert hidden({"Carers": 1, "Practitioners": 0, "Lived experience": 1}) == {
        "Carers", "Practitioners", "Lived experience"}
    assert hidden({"Carers": 1, "Practitioners": 8, "Lived experience": 2}) == {"Carers", "Lived experience"}


def test_fractions_of_voters_count_as_they_are():
    assert hidden({"Carers": 4.67, "Practitioners": 5.0, "Lived experience": 5.33}) == {"Carers", "Practitioners"}


# --- five groups ------------------------------------------------------------------------------------------------------

FIVE = ("Lived experience", "Carers", "Practitioners", "Young people", "Other")


def five(*counts: float) -> dict[str, float]:
    return dict(zip(FIVE, counts, strict=True))


def test_five_groups_all_large_show_everything():
    assert hidden(five(5, 6, 7, 8, 40)) == set()


def test_five_groups_one_small_hides_one_more():
    assert hidden(five(20, 1, 7, 6, 9)) == {"Carers", "Young people"}


def test_five_groups_tie_for_next_smallest():
    assert hidden(five(6, 6, 3, 6, 6)) == {"Lived experience", "Practitioners"}


def test_five_groups_all_small():
    assert hidden(five(1, 2, 3, 4, 4)) == set(FIVE)


def test_five_groups_with_zeros():
    assert hidden(five(0, 3, 0, 0, 0)) == set(FIVE)  # only the total
    assert hidden(five(0, 3, 0, 10, 0)) == {"Carers", "Young people"}
    assert hidden(five(0, 3, 4, 0, 11)) == {"Carers", "Practitioners"}


def test_five_groups_without_a_total():
    assert hidden(five(20, 1, 7, 6, 9), total_shown=False) == {"Carers"}


def test_the_threshold():
    assert SMALL == 5 and [is_small(n) for n in (0, 1, 4, 4.99, 5, 12)] == [False, True, True, True, False, False]
    assert hidden({"a": 9, "b": 20}, small=10) == {"a", "b"}


# --- whatever the counts ----------------------------------------------------------------------------------------------

group_counts = st.dictionaries(st.sampled_from(FIVE), st.integers(0, 12), min_size=1, max_size=5)


@given(group_counts, st.integers(0, 9))
def test_no_small_count_is_shown_and_none_can_be_worked_back(counts, room):
    with_room = {**counts, "room": room}
    result = hidden_counts(with_room, never_shown={"room"})
    shown = {k: n for k, n in with_room.items() if k not in result}
    assert not any(is_small(n) for n in shown.values())
    assert "room" in result
    assert not worked_back(with_room, result, never_shown={"room"})
    assert result == hidden_counts(with_room, never_shown={"room"})  # the same answer every time


@given(group_counts)
def test_with_the_total_shown_none_can_be_worked_back(counts):
    result = hidden_counts(counts)
    assert not any(is_small(n) for k, n in counts.items() if k not in result)
    assert not worked_back(counts, result)


@given(group_counts)
def test_only_what_must_go_is_hidden(counts):
    """Nothing is hidden without a small count; at most one count beyond the small ones, unless only the total
    is left."""
    result = hidden_counts(counts)
    small = {k for k, n in counts.items() if is_small(n)}
    assert small <= result
    assert not small or len(result - small) <= 1 or result == set(counts)
    if not small:
        assert result == frozenset()
