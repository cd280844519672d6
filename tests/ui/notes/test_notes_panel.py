"""The Notes page driven with the keyboard over a real café database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from cafe_desk.core.changes import Changes
from cafe_desk.core.codebook import codebook_text
from cafe_desk.core.model import Plan, RoundSpec
from cafe_desk.services import Services
from cafe_desk.services.demo import ensure_demo
from cafe_desk.services.notes import MAX_NOTE_CHARS
from cafe_desk.storage.store import Store
from cafe_desk.ui.notes.notes_model import COL_TEXT
from cafe_desk.ui.notes.notes_panel import CLOSED_LINE, NotesPanel


@pytest.fixture
def services(tmp_path):
    store = Store(tmp_path / "cafe.sqlite3")
    yield Services.build(store)
    store.close()


@pytest.fixture
def cafe(services):
    plan = Plan(title="Waverley café", date="2026-11-24", locality="Perth", tables=[(1, ""), (2, "Window")],
                rounds=[RoundSpec("What helps?"), RoundSpec("What gets in the way?"), RoundSpec("What next?")],
                outcomes=["Peer support everywhere", "Easy access"], themes=["Access", "Stigma"])
    cafe, _changes = services.planning.create(plan)
    return cafe


class Page:
    """The panel with its undo stack and the messages it showed."""

    def __init__(self, services, cafe, qtbot):
        self.undo = QUndoStack()
        self.panel = NotesPanel(services, self.undo)
        self.messages: list[str] = []
        self.changes = []
        self.panel.sig_message.connect(self.messages.append)
        self.panel.sig_changed.connect(self.changes.append)
        qtbot.addWidget(self.panel)
        self.panel.resize(1366, 768)
        self.panel.set_cafe(cafe)
        self.panel.show()
        qtbot.waitExposed(self.panel)


@pytest.fixture
def page(services, cafe, qtbot):
    return Page(services, cafe, qtbot)


def points(services, cafe):
    return [n for n in services.notes.list(cafe.id) if n.kind == "point"]


def type_point(qtbot, panel, text, enter=True):
    qtbot.keyClicks(panel.entry.line, text)
    if enter:
        qtbot.keyClick(panel.entry.line, Qt.Key.Key_Return)


def test_points_typed_with_enter_are_saved_in_order_at_the_chosen_table_and_round(page, services, cafe, qtbot):
    panel = page.panel
    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    assert panel.round_combo.currentData() == rounds[0].id  # the running round (the first, before the start)
    panel.table_combo.setFocus()
    qtbot.keyClick(panel.table_combo, Qt.Key.Key_Down)
    assert panel.table_combo.currentData() == tables[1].id
    panel.entry.line.setFocus()
    for text in ("Peer support kept me going", "Waiting lists are too long", "Being listened to"):
        type_point(qtbot, panel, text)
    saved = points(services, cafe)
    assert [n.text for n in saved] == ["Peer support kept me going", "Waiting lists are too long",
                                       "Being listened to"]
    assert {(n.table_id, n.round_id) for n in saved} == {(tables[1].id, rounds[0].id)}
    assert panel.entry.text() == ""
    assert panel.entry.line.hasFocus()
    assert panel.notes_list.proxy.rowCount() == 3
    assert [page.undo.text(i) for i in range(page.undo.count())] == ["Add point"] * 3
    assert page.messages == []


def test_a_point_is_saved_while_typing_and_enter_does_not_duplicate_it(page, services, cafe, qtbot):
    panel = page.panel
    type_point(qtbot, panel, "Services stop at 5pm", enter=False)
    qtbot.waitUntil(lambda: [n.text for n in points(services, cafe)] == ["Services stop at 5pm"], timeout=2000)
    draft_id = points(services, cafe)[0].id
    qtbot.keyClicks(panel.entry.line, " and crisis doesn't")
    qtbot.waitUntil(lambda: points(services, cafe)[0].text == "Services stop at 5pm and crisis doesn't",
                    timeout=2000)
    qtbot.keyClick(panel.entry.line, Qt.Key.Key_Return)
    saved = points(services, cafe)
    assert [(n.id, n.text) for n in saved] == [(draft_id, "Services stop at 5pm and crisis doesn't")]
    assert page.undo.count() == 1


def test_empty_enter_does_nothing_and_says_nothing(page, services, cafe, qtbot):
    panel = page.panel
    qtbot.keyClicks(panel.entry.line, "   ")
    qtbot.keyClick(panel.entry.line, Qt.Key.Key_Return)
    qtbot.keyClick(panel.entry.line, Qt.Key.Key_Return)
    assert points(services, cafe) == []
    assert page.undo.count() == 0
    assert page.messages == []


def test_an_over_long_point_keeps_its_text_and_says_why(page, services, cafe, qtbot):
    panel = page.panel
    text = "word " * (MAX_NOTE_CHARS // 5 + 10)
    panel.entry.line.setText(text)
    qtbot.keyClick(panel.entry.line, Qt.Key.Key_Return)
    assert points(services, cafe) == []
    assert panel.entry.text() == text
    assert len(page.messages) == 1
    assert "too long" in page.messages[0] and "split it into shorter points" in page.messages[0]


def test_undo_removes_the_last_note_and_redo_puts_back_the_same_one(page, services, cafe, qtbot):
    panel = page.panel
    type_point(qtbot, panel, "First point")
    type_point(qtbot, panel, "Second point")
    second = points(services, cafe)[1]
    page.undo.undo()
    assert [n.text for n in points(services, cafe)] == ["First point"]
    assert panel.notes_list.model.rowCount() == 1
    page.undo.redo()
    assert points(services, cafe)[1] == second
    assert panel.notes_list.model.rowCount() == 2


def test_delete_key_deletes_selected_notes_and_undo_restores_them(page, services, cafe, qtbot):
    panel = page.panel
    for text in ("Keep this", "Drop this"):
        type_point(qtbot, panel, text)
    view = panel.notes_list.view
    view.setFocus()
    view.setCurrentIndex(panel.notes_list.proxy.index(1, COL_TEXT))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [n.text for n in points(services, cafe)] == ["Keep this"]
    assert page.undo.text(page.undo.index() - 1) == "Delete point"
    page.undo.undo()
    assert [n.text for n in points(services, cafe)] == ["Keep this", "Drop this"]
    assert panel.notes_list.proxy.rowCount() == 2


def test_quote_mark_while_typing_and_toggle_in_the_list(page, services, cafe, qtbot):
    panel = page.panel
    qtbot.keyClicks(panel.entry.line, "Nothing about us without us")
    qtbot.keyClick(panel.entry.line, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert panel.entry.is_quote()
    qtbot.keyClick(panel.entry.line, Qt.Key.Key_Return)
    type_point(qtbot, panel, "A plain point")
    assert [n.is_quote for n in points(services, cafe)] == [True, False]
    assert not panel.entry.is_quote()  # the quote mark is for one point only
    assert panel.notes_list.proxy.index(0, COL_TEXT).data() == "“Nothing about us without us”"

    view = panel.notes_list.view
    view.setFocus()
    view.selectRow(1)
    qtbot.keyClick(view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert [n.is_quote for n in points(services, cafe)] == [True, True]
    page.undo.undo()
    assert [n.is_quote for n in points(services, cafe)] == [True, False]


def test_tags_are_saved_with_the_point(page, services, cafe, qtbot):
    panel = page.panel
    outcomes = services.planning.items(cafe.id, "outcome")
    panel.entry.outcomes.setFocus()
    panel.entry.outcomes.setCurrentIndex(panel.entry.outcomes.model().index(1, 0))
    qtbot.keyClick(panel.entry.outcomes, Qt.Key.Key_Space)
    panel.entry.line.setFocus()
    type_point(qtbot, panel, "Bus takes two hours")
    assert points(services, cafe)[0].outcome_ids == (outcomes[1].id,)


def test_edit_in_place_is_undoable(page, services, cafe, qtbot):
    panel = page.panel
    type_point(qtbot, panel, "Peer suport")
    view = panel.notes_list.view
    view.setFocus()
    index = panel.notes_list.proxy.index(0, COL_TEXT)
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(index)
    assert editor is not None and editor.text() == "Peer suport"
    editor.selectAll()
    qtbot.keyClicks(editor, "Peer support")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits the edit from its event loop
    qtbot.waitUntil(lambda: points(services, cafe)[0].text == "Peer support", timeout=2000)
    assert page.undo.text(page.undo.index() - 1) == "Edit point"
    page.undo.undo()
    assert points(services, cafe)[0].text == "Peer suport"


def test_search_narrows_the_list(page, services, cafe, qtbot):
    panel = page.panel
    for text in ("Peer support kept me going", "Long waits", "peer workers in every team"):
        type_point(qtbot, panel, text)
    proxy = panel.notes_list.proxy
    assert proxy.rowCount() == 3
    qtbot.keyClicks(panel.notes_list.search, "PEER")
    assert proxy.rowCount() == 2
    qtbot.keyClicks(panel.notes_list.search, " w")
    assert proxy.rowCount() == 1
    panel.notes_list.search.clear()
    assert proxy.rowCount() == 3


def test_this_table_and_round_or_all_notes(page, services, cafe, qtbot):
    panel = page.panel
    type_point(qtbot, panel, "At table one")
    panel.table_combo.setCurrentIndex(1)
    type_point(qtbot, panel, "At table two")
    proxy = panel.notes_list.proxy
    assert proxy.rowCount() == 1
    panel.notes_list.scope.setCurrentIndex(1)
    assert proxy.rowCount() == 2


def test_the_count_line_counts_points_only_and_says_how_many_a_filter_shows(page, services, cafe, qtbot):
    panel = page.panel
    count = panel.notes_list.count
    assert count.text() == "0 points"
    type_point(qtbot, panel, "Peer support kept me going")
    assert count.text() == "1 point"
    for text in ("Long waits", "Peer workers in every team"):
        type_point(qtbot, panel, text)
    table, round_ = panel._place
    services.notes.add(cafe.id, None, None, "A comment from a phone", source="participant")
    services.notes.set_summary(cafe.id, table, round_, "What the table carries forward")
    panel.on_changes(Changes(notes=True))
    assert count.text() == "3 points", "a comment or a summary is not a point"
    view = panel.notes_list.view
    view.setFocus()
    view.setCurrentIndex(panel.notes_list.proxy.index(1, COL_TEXT))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert count.text() == "2 points", "after a delete, nothing is hidden: no 'of'"
    qtbot.keyClicks(panel.notes_list.search, "long")
    assert count.text() == "0 of 2 points shown"
    panel.notes_list.search.clear()
    qtbot.keyClicks(panel.notes_list.search, "peer")
    assert count.text() == "2 points"
    page.undo.undo()
    assert count.text() == "2 of 3 points shown"


def test_attendance_spin_box_writes_the_count_and_total(page, services, cafe, qtbot):
    panel = page.panel
    group = services.planning.items(cafe.id, "group")[0]
    spin = panel.attendance.spin_box(group.id)
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Up)

    def stored():
        return sum(a.count for a in services.notes.attendance(cafe.id) if a.group_id == group.id)

    qtbot.waitUntil(lambda: stored() == 3, timeout=2000)
    assert "Total: 3 people" in panel.attendance._total.text()
    assert page.undo.text(page.undo.index() - 1) == "Set attendance"
    page.undo.undo()
    assert stored() == 0
    assert spin.value() == 0


def test_summary_saves_itself(page, services, cafe, qtbot):
    panel = page.panel
    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    qtbot.keyClicks(panel.summary, "Continuity with one worker")

    def summary():
        note = services.notes.summary(cafe.id, tables[0].id, rounds[0].id)
        return note.text if note else None

    qtbot.waitUntil(lambda: summary() == "Continuity with one worker", timeout=2000)
    assert panel.notes_list.model.rowCount() == 0  # the summary is not one of the points


def test_closed_cafe_disables_writing_but_keeps_the_list_searchable(services, cafe, qtbot):
    services.notes.add(cafe.id, None, None, "Peer support")
    services.cafes.close(cafe.id)
    page = Page(services, services.notes.cafe(cafe.id), qtbot)
    panel = page.panel
    assert not panel.entry.line.isEnabled()
    assert not panel.attendance.isEnabled()
    assert panel.summary.isReadOnly()
    assert panel.banner.isVisible() and panel.banner.text() == CLOSED_LINE
    panel.notes_list.scope.setCurrentIndex(1)
    assert panel.notes_list.proxy.rowCount() == 1
    qtbot.keyClicks(panel.notes_list.search, "zzz")
    assert panel.notes_list.proxy.rowCount() == 0


def test_round_follows_the_running_round_unless_picked_by_hand(page, services, cafe, qtbot):
    panel = page.panel
    rounds = services.planning.items(cafe.id, "round")
    panel.on_changes(services.running.start(cafe.id)[1])
    panel.on_changes(services.running.next_round(cafe.id)[1])
    assert panel.round_combo.currentData() == rounds[1].id
    assert panel.round_combo.currentText().endswith("(now)")
    panel.round_combo.setFocus()
    qtbot.keyClick(panel.round_combo, Qt.Key.Key_Up)  # the note-taker goes back to round 1 to finish a point
    assert panel.round_combo.currentData() == rounds[0].id
    panel.on_changes(services.running.next_round(cafe.id)[1])
    assert panel.round_combo.currentData() == rounds[0].id


def test_import_codebook_says_how_many_themes_were_added(page, services, cafe, qtbot, tmp_path):
    path = tmp_path / "codebook.json"
    path.write_text(codebook_text([("Stigma", ""), ("Housing", ""), ("Transport", "")]), encoding="utf-8")

    seen = []

    def choose_file():
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        if isinstance(dialog, QFileDialog):
            dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))  # typed, as a person would
            dialog.accept()
        elif dialog is not None:
            dialog.close()

    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    try:
        QTimer.singleShot(300, choose_file)
        qtbot.mouseClick(page.panel.import_button, Qt.MouseButton.LeftButton)
    finally:
        QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)
    assert seen == ["QFileDialog"]
    assert page.messages == ["2 themes added; 1 was already here."]
    assert page.panel.entry.themes.model().rowCount() == 4
    assert [page.undo.text(i) for i in range(page.undo.count())] == ["Add themes from a codebook"]
    page.undo.undo()
    assert page.panel.entry.themes.model().rowCount() == 2


def test_demo_cafe_shows_its_points_and_leaves_comments_to_the_comments_page(services, qtbot):
    page = Page(services, services.notes.cafe(ensure_demo(services)), qtbot)
    page.panel.notes_list.scope.setCurrentIndex(1)
    notes = services.notes.list(page.panel.cafe.id)
    points = [n for n in notes if n.kind == "point" and n.source == "note-taker"]
    assert any(n.source == "participant" for n in notes) and any(n.kind == "summary" for n in notes)
    assert page.panel.notes_list.proxy.rowCount() == len(points) > 0
    assert page.panel.notes_list.count.text() == f"{len(points)} points"


def test_starting_a_round_keeps_the_stored_counts_on_screen_and_undo_puts_back_the_count_before(
        cafe_window, services, cafe, qtbot):
    group = services.planning.items(cafe.id, "group")[0]
    table = services.planning.items(cafe.id, "table")[0]
    first = services.planning.items(cafe.id, "round")[0]
    services.notes.set_attendance(cafe.id, table.id, first.id, group.id, 2)
    cafe_window.show_page(cafe_window.page_index(cafe_window.notes_page))
    panel = cafe_window.notes_page
    panel.on_changes(Changes(attendance=True))
    spin = panel.attendance.spin_box(group.id)
    assert spin.value() == 2
    cafe_window.run_page.start_btn.click()  # the café changes state: the page reloads its plan
    spin = panel.attendance.spin_box(group.id)
    assert spin.value() == 2, "the boxes show what is stored, not zeros"

    def stored():
        return sum(a.count for a in services.notes.attendance(cafe.id) if a.group_id == group.id)

    spin.setValue(4)
    panel.attendance.flush()
    qtbot.waitUntil(lambda: stored() == 4, timeout=2000)
    cafe_window.undo_stack.undo()
    assert stored() == 2, "undo puts back the count there was, not zero"
    assert panel.attendance.spin_box(group.id).value() == 2
