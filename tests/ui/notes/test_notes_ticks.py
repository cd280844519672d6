"""Outcome and theme ticks on the Notes page: with points selected in the list the ticks show and change those points
(one undo step for all of them); with none selected they are the new point's, and clear once it is saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cafe_desk.ui.notes.notes_model import COL_TEXT
from cafe_desk.ui.notes.notes_panel import tick_states

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(cafe_window, qtbot):
    cafe_window.show_page(cafe_window.page_index(cafe_window.notes_page))
    assert cafe_window.current_page() is cafe_window.notes_page
    return cafe_window.notes_page


def points(services, cafe):
    return [n for n in services.notes.list(cafe.id) if n.kind == "point"]


def type_points(qtbot, page, *texts):
    page.entry.line.setFocus()
    for text in texts:
        qtbot.keyClicks(page.entry.line, text)
        qtbot.keyClick(page.entry.line, Qt.Key.Key_Return)


def select_rows(qtbot, page, first, last):
    """Click the first row, Shift+click the last, as a person would."""
    view = page.notes_list.view
    for row, modifier in ((first, Qt.KeyboardModifier.NoModifier), (last, Qt.KeyboardModifier.ShiftModifier)):
        rect = view.visualRect(page.notes_list.proxy.index(row, COL_TEXT))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def tick(qtbot, tags, row):
    """Move to a name in a tick list and press Space."""
    tags.setFocus()
    tags.setCurrentIndex(tags.model().index(row, 0))
    qtbot.keyClick(tags, Qt.Key.Key_Space)


def states(tags):
    return [tags.model().item(r).checkState() for r in range(tags.model().rowCount())]


def test_ticking_an_outcome_tags_the_three_selected_points_and_one_ctrl_z_takes_it_off_all(
        page, services, cafe, qtbot):
    outcome = services.planning.items(cafe.id, "outcome")[1]
    type_points(qtbot, page, "Peer workers in every team", "Evening drop-in", "Shorter waits", "Not this one")
    select_rows(qtbot, page, 0, 2)
    assert len(page.notes_list.selected_notes()) == 3

    tick(qtbot, page.entry.outcomes, 1)
    assert [n.outcome_ids for n in points(services, cafe)] == [(outcome.id,)] * 3 + [()]
    assert page.entry.ticks_for.isVisible()
    assert "3 selected points" in page.entry.ticks_for.text()
    assert states(page.entry.outcomes)[1] == Qt.CheckState.Checked
    assert page.undo_stack.undoText() == "Tick outcome on 3 points"

    qtbot.keyClick(page.entry.outcomes, Qt.Key.Key_Z, CTRL)
    assert [n.outcome_ids for n in points(services, cafe)] == [()] * 4
    assert states(page.entry.outcomes)[1] == Qt.CheckState.Unchecked  # the ticks follow the undo
    qtbot.keyClick(page.entry.outcomes, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert [n.outcome_ids for n in points(services, cafe)] == [(outcome.id,)] * 3 + [()]


def test_a_tag_on_some_selected_points_shows_partly_ticked_and_unticking_takes_it_off_all(
        page, services, cafe, qtbot):
    theme = services.notes.themes(cafe.id)[0]
    type_points(qtbot, page, "One", "Two", "Three")
    select_rows(qtbot, page, 0, 0)
    tick(qtbot, page.entry.themes, 0)
    select_rows(qtbot, page, 0, 1)
    assert states(page.entry.themes)[0] == Qt.CheckState.PartiallyChecked  # on one of the two

    tick(qtbot, page.entry.themes, 0)  # a partly ticked name becomes ticked on all
    assert [n.theme_ids for n in points(services, cafe)] == [(theme.id,), (theme.id,), ()]
    assert states(page.entry.themes)[0] == Qt.CheckState.Checked
    tick(qtbot, page.entry.themes, 0)  # and unticking takes it off all of them
    assert [n.theme_ids for n in points(services, cafe)] == [(), (), ()]
    assert page.undo_stack.undoText() == "Untick theme on 2 points"


def test_the_new_points_ticks_come_back_when_nothing_is_selected(page, services, cafe, qtbot):
    outcome = services.planning.items(cafe.id, "outcome")[0]
    type_points(qtbot, page, "Already there")
    tick(qtbot, page.entry.outcomes, 0)  # for the next point: nothing is selected
    assert points(services, cafe)[0].outcome_ids == ()
    select_rows(qtbot, page, 0, 0)
    assert states(page.entry.outcomes)[0] == Qt.CheckState.Unchecked  # what the selected point has
    page.entry.line.setFocus()
    qtbot.keyClicks(page.entry.line, "Next point")  # typing a new point lets go of the selection
    assert page.notes_list.selected_notes() == []
    assert not page.entry.ticks_for.isVisible()
    assert states(page.entry.outcomes)[0] == Qt.CheckState.Checked
    qtbot.keyClick(page.entry.line, Qt.Key.Key_Return)
    assert [n.outcome_ids for n in points(services, cafe)] == [(), (outcome.id,)]


def test_ticks_clear_after_a_point_is_saved_with_enter(page, services, cafe, qtbot):
    theme = services.notes.themes(cafe.id)[1]
    tick(qtbot, page.entry.themes, 1)
    type_points(qtbot, page, "Stigma at work", "Buses every two hours")
    assert [n.theme_ids for n in points(services, cafe)] == [(theme.id,), ()]
    assert page.entry.theme_ids() == [] and page.entry.outcome_ids() == []
    assert Qt.CheckState.Checked not in states(page.entry.themes)


def test_tick_states_says_all_or_some():
    assert tick_states([("a", "b"), ("a",), ("a", "c")]) == {
        "a": Qt.CheckState.Checked, "b": Qt.CheckState.PartiallyChecked, "c": Qt.CheckState.PartiallyChecked}
    assert tick_states([]) == {}
