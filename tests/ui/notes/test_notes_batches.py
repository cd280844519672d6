"""Deleting or quoting 50 selected notes on the Notes page is one step: one undo takes all 50 back, one redo does all
50 again. When the data file refuses the 25th write (a trigger raising as a full disk would), nothing is changed, a
plain line says so, the 50 notes stay selected and the undo history is as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from cafe_desk.ui.notes.notes_panel import NotesPanel
from tests.conftest import DISK_FULL, refuse_row

COUNT, FAILING = 50, 24  # the 25th of 50


class Page:
    """The panel with its undo stack and the messages it showed."""

    def __init__(self, services, cafe, qtbot):
        self.undo = QUndoStack()
        self.panel = NotesPanel(services, self.undo)
        self.messages: list[str] = []
        self.panel.sig_message.connect(self.messages.append)
        qtbot.addWidget(self.panel)
        self.panel.resize(1366, 768)
        self.panel.set_cafe(cafe)
        self.panel.show()
        qtbot.waitExposed(self.panel)
        self.view = self.panel.notes_list.view

    def select_all(self) -> None:
        self.view.setFocus()
        self.view.selectAll()

    def selected_ids(self) -> list[str]:
        return [n.id for n in self.panel.notes_list.selected_notes()]

    def history(self) -> list[str]:
        return [self.undo.text(i) for i in range(self.undo.count())]


@pytest.fixture
def notes(services, cafe):
    table = services.planning.items(cafe.id, "table")[0]
    rnd = services.planning.items(cafe.id, "round")[0]
    return [services.notes.add(cafe.id, table.id, rnd.id, f"Point {i + 1}")[0] for i in range(COUNT)]


@pytest.fixture
def page(services, cafe, notes, qtbot):
    page = Page(services, cafe, qtbot)
    assert page.panel.notes_list.proxy.rowCount() == COUNT
    return page


def stored(services, cafe):
    return services.notes.list(cafe.id)


def test_deleting_fifty_is_one_step_that_undoes_and_redoes_whole(page, services, cafe, notes, qtbot):
    page.select_all()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert stored(services, cafe) == []
    assert page.history() == [f"Delete {COUNT} points"]
    page.undo.undo()
    assert stored(services, cafe) == notes
    assert page.panel.notes_list.proxy.rowCount() == COUNT
    page.undo.redo()
    assert stored(services, cafe) == []
    assert page.panel.notes_list.proxy.rowCount() == 0
    page.undo.undo()
    assert stored(services, cafe) == notes
    assert page.messages == []


def test_quoting_fifty_is_one_step_that_undoes_and_redoes_whole(page, services, cafe, qtbot):
    page.select_all()
    qtbot.keyClick(page.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert [n.is_quote for n in stored(services, cafe)] == [True] * COUNT
    assert page.history() == ["Mark as quote"]
    page.undo.undo()
    assert [n.is_quote for n in stored(services, cafe)] == [False] * COUNT
    page.undo.redo()
    assert [n.is_quote for n in stored(services, cafe)] == [True] * COUNT


def test_a_delete_refused_on_the_25th_note_changes_nothing(page, services, cafe, notes, db_path, qtbot):
    page.select_all()
    chosen = page.selected_ids()
    refuse_row(db_path, "note", "DELETE", notes[FAILING].id)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert stored(services, cafe) == notes
    assert page.messages == [DISK_FULL]
    assert page.selected_ids() == chosen and len(chosen) == COUNT
    assert page.history() == []


def test_a_quote_refused_on_the_25th_note_changes_nothing(page, services, cafe, notes, db_path, qtbot):
    page.select_all()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    page.undo.undo()  # a step already in the history, which the refused action must leave alone
    page.select_all()
    refuse_row(db_path, "note", "UPDATE", notes[FAILING].id)
    qtbot.keyClick(page.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert stored(services, cafe) == notes
    assert page.messages == [DISK_FULL]
    assert page.selected_ids() == [n.id for n in notes]
    assert (page.history(), page.undo.index()) == ([f"Delete {COUNT} points"], 0)


def test_an_undo_refused_on_the_25th_note_puts_nothing_back(page, services, cafe, notes, db_path, qtbot):
    page.select_all()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    refuse_row(db_path, "note", "INSERT", notes[FAILING].id)
    page.undo.undo()
    assert stored(services, cafe) == []
    assert page.messages == [DISK_FULL]


def test_counts_refused_for_one_group_are_not_saved_for_any(page, services, cafe, db_path, qtbot):
    groups = services.planning.items(cafe.id, "group")
    assert len(groups) >= 2
    refuse_row(db_path, "attendance", "INSERT", groups[-1].id, column="group_id")
    for group in groups:
        page.panel.attendance.spin_box(group.id).setValue(3)
    page.panel.attendance.flush()
    assert services.notes.attendance(cafe.id) == []
    assert page.messages == [DISK_FULL]
    assert [page.panel.attendance.spin_box(g.id).value() for g in groups] == [0] * len(groups)
    assert page.history() == []
