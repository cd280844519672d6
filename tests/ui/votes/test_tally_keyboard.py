"""Paper tallies typed with the keyboard alone, in the real window: Alt+F picks whose votes, Enter and Down save and
move down a column, Tab moves along the number cells only, and a table's dots are checked against its people."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox

from cafe_desk.core.tally_checks import dots_warnings


@pytest.fixture
def votes(cafe_window):
    """The Votes page of the real window on the `cafe` fixture's café (dot voting), with the tally table focused."""
    window = cafe_window
    window.show_page(window.page_index(window.votes_page))
    page = window.votes_page
    assert page.cafe.vote_method == "dots" and page.model.rowCount() >= 3
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 1))
    return page


def editor():
    widget = QApplication.focusWidget()
    assert isinstance(widget, QSpinBox), widget
    return widget


def count(page, row, table_id=None):
    cafe_id = page.cafe.id
    return page.services.votes.count(cafe_id, page.model.outcomes[row].id, table_id, None, 0)


def test_enter_saves_and_moves_down_so_the_next_number_goes_in_the_next_row(qtbot, votes):
    view = votes.table
    qtbot.keyClick(view, "1")  # a digit on a cell opens its editor with that digit
    qtbot.keyClicks(editor(), "2")
    qtbot.keyClick(editor(), Qt.Key.Key_Return)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 1)
    assert QApplication.focusWidget() is view
    qtbot.keyClick(view, "3")
    qtbot.keyClick(editor(), Qt.Key.Key_Enter)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # a count left as it is: Enter goes on down
    qtbot.keyClick(view, "5")
    qtbot.keyClick(editor(), Qt.Key.Key_Return)
    assert [count(votes, r) for r in range(4)] == [12, 3, 0, 5]
    assert view.currentIndex().row() == 4


def test_down_and_up_in_the_editor_move_rather_than_change_the_number(qtbot, votes):
    view = votes.table
    qtbot.keyClick(view, "4")
    qtbot.keyClick(editor(), Qt.Key.Key_Down)
    assert count(votes, 0) == 4, "Down saves the number typed, not 3 or 5"
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, "6")
    qtbot.keyClick(editor(), Qt.Key.Key_Up)
    assert count(votes, 1) == 6 and count(votes, 0) == 4
    assert view.currentIndex().row() == 0


def test_tab_moves_along_the_number_cells_and_never_stops_on_the_outcome_names(qtbot, votes):
    view = votes.table
    qtbot.keyClick(view, "2")
    qtbot.keyClick(editor(), Qt.Key.Key_Tab)  # saves, and opens the next number cell (one column: the next row)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 1)
    qtbot.keyClicks(editor(), "7")
    qtbot.keyClick(editor(), Qt.Key.Key_Return)
    assert [count(votes, r) for r in range(2)] == [2, 7]
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert view.currentIndex().column() == 1
    assert view.currentIndex().row() == 5
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (4, 1)


def test_tab_goes_along_a_row_of_scores_then_to_the_next_row(qtbot, cafe_window):
    window = cafe_window
    services = window.services
    window.broadcast(services.planning.update_details(window.cafe.id, vote_method="agreement"))
    window.show_page(window.page_index(window.votes_page))
    page = window.votes_page
    columns = page.model.columnCount()
    assert columns > 2
    view = page.table
    view.setFocus()
    view.setCurrentIndex(page.model.index(0, columns - 1))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (1, 1)


def test_alt_f_then_arrow_picks_the_table_and_its_numbers_go_there(qtbot, votes, cafe_window):
    window = cafe_window
    tables = window.services.planning.items(window.cafe.id, "table")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # "Votes &from"
    assert QApplication.focusWidget() is votes.scope
    qtbot.keyClick(votes.scope, Qt.Key.Key_Down)
    qtbot.keyClick(votes.scope, Qt.Key.Key_Down)
    assert votes.scope.currentData() == tables[1].id
    votes.table.setFocus()
    votes.table.setCurrentIndex(votes.model.index(0, 1))
    qtbot.keyClick(votes.table, "9")
    qtbot.keyClick(editor(), Qt.Key.Key_Return)
    assert count(votes, 0, tables[1].id) == 9
    assert count(votes, 0, tables[0].id) == 0 and count(votes, 0) == 0


def test_a_table_with_more_dots_than_its_people_could_give_is_pointed_out(qtbot, votes, cafe_window):
    window = cafe_window
    services, cafe = window.services, window.cafe
    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    groups = services.planning.items(cafe.id, "group")
    assert votes.tally_check.isHidden()
    for outcome, n in zip(services.planning.items(cafe.id, "outcome"), (20, 11), strict=False):
        services.votes.set_tally(cafe.id, outcome.id, n, table_id=tables[1].id)
    window.broadcast(services.notes.set_attendance(cafe.id, tables[1].id, rounds[0].id, groups[0].id, 4)[1])
    window.broadcast(services.notes.set_attendance(cafe.id, tables[1].id, rounds[0].id, groups[1].id, 3)[1])
    assert not votes.tally_check.isHidden()
    assert votes.tally_check.text() == f"{tables[1].label} has 31 dots, but 7 people × 3 dots is at most 21."
    window.broadcast(services.notes.set_attendance(cafe.id, tables[1].id, rounds[0].id, groups[1].id, 7)[1])
    assert votes.tally_check.isHidden(), "11 people × 3 dots can give 31"


def test_dots_warnings_count_each_table_by_its_busiest_round():
    from cafe_desk.core.model import Attendance, Table, Tally

    tables = [Table("t1", "c", 1), Table("t2", "c", 2, "Window")]
    tallies = [Tally("o1", "t1", None, 0, 4), Tally("o2", "t1", "g1", 0, 3), Tally("o1", "t2", None, 0, 4),
               Tally("o1", None, None, 0, 10)]
    attendance = [Attendance("t1", "r1", "g1", 1), Attendance("t1", "r2", "g1", 2), Attendance("t2", "r1", "g1", 1)]
    assert dots_warnings(3, tables, tallies, attendance) == [
        "Table 1 has 7 dots, but 2 people × 3 dots is at most 6.",
        "Table 2 — Window has 4 dots, but 1 person × 3 dots is at most 3.",
        "The whole room has 10 dots, but 2 people × 3 dots is at most 6.",
    ]
    assert dots_warnings(4, tables, tallies, []) == [], "no people recorded: nothing to check against"
