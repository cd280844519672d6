"""The Plan page, driven with the keyboard over a real database; every step checked through the services."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from cafe_desk.core.changes import Changes
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from cafe_desk.ui.plan.plan_panel import CLOSED_LINE, NO_CAFE, PlanPanel

MENTAL_HEALTH = "Help shape the future of mental health"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def svc(tmp_path):
    store = Store(tmp_path / "cafe.sqlite3")
    yield Services.build(store)
    store.close()


@pytest.fixture
def cafe(svc):
    plan = svc.templates.get(MENTAL_HEALTH).plan
    plan.date, plan.locality = "2026-03-14", "Perth"
    return svc.planning.create(plan)[0]


@pytest.fixture
def panel(qtbot, svc, cafe, model_tester):
    """The page as the main window hosts it: what it changes comes back to it through on_changes."""
    page = PlanPanel(svc, QUndoStack())
    page.sig_changed.connect(page.on_changes)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.set_cafe(cafe)
    for section in page.sections.values():
        model_tester(section.model)
    return page


def show_tab(panel: PlanPanel, name: str) -> None:
    names = [panel.tabs.tabText(i).replace("&&", "&") for i in range(panel.tabs.count())]
    panel.tabs.setCurrentIndex(names.index(name))


def activate(qtbot, window) -> None:
    """Make `window` the active window (QWidget.activateWindow alone does not, on the offscreen platform)."""
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def retype(qtbot, widget, text: str) -> None:
    """Select all and type `text` over it (ASCII only: QTest cannot type other characters)."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(widget, text)


def test_no_cafe_shows_a_friendly_placeholder(qtbot, panel):
    panel.set_cafe(None)
    assert panel.stack.currentWidget() is panel.placeholder
    assert NO_CAFE in panel.placeholder.text()


def test_add_a_round_with_the_keyboard_then_edit_its_minutes(qtbot, panel, svc, cafe):
    show_tab(panel, "Rounds")
    section = panel.sections["round"]
    before = svc.planning.items(cafe.id, "round")
    section.view.setFocus()
    qtbot.keyClick(section.view, Qt.Key.Key_N, CTRL)
    editor = section.editor
    assert editor is not None and editor.isVisible()
    activate(qtbot, editor)  # Tab moves the focus within the active window
    prompt, follow_ups, minutes = (editor.inputs[k] for k in ("prompt", "follow_ups", "minutes"))
    qtbot.keyClicks(prompt, "What would you change first?")
    qtbot.keyClick(prompt, Qt.Key.Key_Tab)
    assert editor.focusWidget() is follow_ups
    qtbot.keyClicks(follow_ups, "Who should do it?")
    qtbot.keyClick(follow_ups, Qt.Key.Key_Return)
    qtbot.keyClicks(follow_ups, "By when?")
    qtbot.keyClick(follow_ups, Qt.Key.Key_Tab)
    assert editor.focusWidget() is minutes
    retype(qtbot, minutes, "15")
    qtbot.keyClick(minutes, Qt.Key.Key_Return)

    assert not editor.isVisible()
    rounds = svc.planning.items(cafe.id, "round")
    assert len(rounds) == len(before) + 1
    new = rounds[-1]
    assert (new.number, new.prompt, new.follow_ups, new.duration_s) == (
        len(rounds), "What would you change first?", ("Who should do it?", "By when?"), 15 * 60)
    assert section.selected().id == new.id
    assert panel.undo_stack.count() == 1

    # Enter on the selected round opens it for editing.
    activate(qtbot, panel)
    section.view.setFocus()
    qtbot.keyClick(section.view, Qt.Key.Key_Return)
    assert section.editor is not editor and section.editor.isVisible()
    editor = section.editor
    activate(qtbot, editor)
    minutes = editor.inputs["minutes"]
    assert minutes.value() == 15
    retype(qtbot, minutes, "25")
    qtbot.keyClick(minutes, Qt.Key.Key_Return)
    assert svc.planning.items(cafe.id, "round")[-1].duration_s == 25 * 60
    assert section.model.index(section.model.row_of(new.id), 3).data() == "25 min"
    panel.undo_stack.undo()
    assert svc.planning.items(cafe.id, "round")[-1].duration_s == 15 * 60
    panel.undo_stack.redo()
    assert svc.planning.items(cafe.id, "round")[-1].duration_s == 25 * 60


def test_redo_after_undo_puts_back_the_same_item(qtbot, panel, svc, cafe):
    show_tab(panel, "Groups")
    section = panel.sections["group"]
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    activate(qtbot, section.editor)
    qtbot.keyClicks(section.editor.inputs["name"], "Young people")
    qtbot.keyClick(section.editor.inputs["name"], Qt.Key.Key_Return)
    added = svc.planning.items(cafe.id, "group")[-1]
    assert added.name == "Young people"
    panel.undo_stack.undo()
    assert added.id not in [g.id for g in svc.planning.items(cafe.id, "group")]
    panel.undo_stack.redo()
    assert svc.planning.items(cafe.id, "group")[-1] == added


def test_a_duplicate_outcome_is_refused_with_a_message_and_nothing_written(qtbot, panel, svc, cafe):
    show_tab(panel, "Outcomes & voting")
    section = panel.sections["outcome"]
    before = svc.planning.items(cafe.id, "outcome")
    section.add_button.setFocus()
    qtbot.keyClick(section.add_button, Qt.Key.Key_Space)
    activate(qtbot, section.editor)
    title = section.editor.inputs["title"]
    qtbot.keyClicks(title, before[1].title.upper())
    with qtbot.waitSignal(panel.sig_message) as message:
        qtbot.keyClick(title, Qt.Key.Key_Return)
    expected = f"The outcome {before[1].title.upper()!r} is already in this café."
    assert message.args == [expected]
    assert section.editor.isVisible()
    assert section.editor.error_label.text() == expected
    assert title.text() == before[1].title.upper()
    assert panel.message_label.text() == expected
    assert svc.planning.items(cafe.id, "outcome") == before
    assert panel.undo_stack.count() == 0


def test_move_an_outcome_up_and_undo(qtbot, panel, svc, cafe):
    show_tab(panel, "Outcomes & voting")
    section = panel.sections["outcome"]
    before = [o.id for o in svc.planning.items(cafe.id, "outcome")]
    section.select(before[2])
    section.view.setFocus()
    qtbot.keyClick(section.view, Qt.Key.Key_Up, CTRL)
    after = [o.id for o in svc.planning.items(cafe.id, "outcome")]
    assert after == [before[0], before[2], before[1], *before[3:]]
    assert section.selected().id == before[2]
    panel.undo_stack.undo()
    assert [o.id for o in svc.planning.items(cafe.id, "outcome")] == before


def test_remove_a_table_undo_brings_back_the_same_table_and_redo_removes_it(qtbot, panel, svc, cafe):
    show_tab(panel, "Tables")
    section = panel.sections["table"]
    table = svc.planning.items(cafe.id, "table")[2]
    section.select(table.id)
    section.view.setFocus()
    qtbot.keyClick(section.view, Qt.Key.Key_Delete)
    assert table.id not in [t.id for t in svc.planning.items(cafe.id, "table")]
    assert table.id not in [t.id for t in section.model.items]

    panel.undo_stack.undo()
    back = [t for t in svc.planning.items(cafe.id, "table") if t.id == table.id]
    assert back == [table]
    assert section.model.row_of(table.id) >= 0

    panel.undo_stack.redo()
    assert table.id not in [t.id for t in svc.planning.items(cafe.id, "table")]


def test_a_table_with_notes_is_kept_and_the_panel_says_why(qtbot, panel, svc, cafe):
    show_tab(panel, "Tables")
    section = panel.sections["table"]
    table = svc.planning.items(cafe.id, "table")[0]
    svc.notes.add(cafe.id, table.id, svc.planning.items(cafe.id, "round")[0].id, "Peer support helped")
    section.select(table.id)
    with qtbot.waitSignal(panel.sig_message) as message:
        qtbot.mouseClick(section.remove_button, Qt.MouseButton.LeftButton)
    assert message.args == ["Table 1 has 1 point, so it can't be removed."]
    assert panel.message_label.text() == "Table 1 has 1 point, so it can't be removed."
    assert panel.message_label.isVisible()
    assert table in svc.planning.items(cafe.id, "table")
    assert panel.undo_stack.count() == 0


def test_change_title_then_undo_restores_the_old_title(qtbot, panel, svc, cafe):
    retype(qtbot, panel.title_edit, "Mental health cafe in Perth")
    qtbot.keyClick(panel.title_edit, Qt.Key.Key_Return)
    assert svc.cafes.cafe(cafe.id).title == "Mental health cafe in Perth"
    assert panel.undo_stack.undoText() == "Change title"
    panel.undo_stack.undo()
    assert svc.cafes.cafe(cafe.id).title == cafe.title
    assert panel.title_edit.text() == cafe.title
    panel.undo_stack.redo()
    assert svc.cafes.cafe(cafe.id).title == "Mental health cafe in Perth"


def test_bad_details_show_the_message_and_revert_the_field(qtbot, panel, svc, cafe):
    retype(qtbot, panel.title_edit, "")
    with qtbot.waitSignal(panel.sig_message) as message:
        qtbot.keyClick(panel.title_edit, Qt.Key.Key_Return)
    assert message.args == ["The café needs a title."]
    assert panel.message_label.text() == "The café needs a title."
    assert panel.title_edit.text() == cafe.title
    retype(qtbot, panel.locality_edit, "12 High Street")
    qtbot.keyClick(panel.locality_edit, Qt.Key.Key_Return)
    assert panel.message_label.text() == "Please give just the town or area (no street address or postcode)."
    assert panel.locality_edit.text() == "Perth"
    assert svc.cafes.cafe(cafe.id) == cafe
    assert panel.undo_stack.count() == 0


def test_vote_method_by_keyboard_enables_dots_only_for_dot_voting(qtbot, panel, svc, cafe):
    show_tab(panel, "Outcomes & voting")
    assert cafe.vote_method == "dots" and panel.dots_spin.isEnabled()
    panel.method_box.setFocus()
    qtbot.keyClick(panel.method_box, Qt.Key.Key_Down)
    assert svc.cafes.cafe(cafe.id).vote_method == "ranking"
    assert not panel.dots_spin.isEnabled()
    panel.undo_stack.undo()
    assert svc.cafes.cafe(cafe.id).vote_method == "dots"
    assert panel.dots_spin.isEnabled()
    retype(qtbot, panel.dots_spin, "5")
    qtbot.keyClick(panel.dots_spin, Qt.Key.Key_Return)
    assert svc.cafes.cafe(cafe.id).dots_per_person == 5


def test_a_closed_cafe_cannot_be_edited(qtbot, panel, svc, cafe):
    assert not panel.closed_label.isVisible()
    panel.on_changes(svc.cafes.close(cafe.id))
    assert panel.closed_label.isVisible()
    assert panel.closed_label.text() == CLOSED_LINE
    for widget in (panel.title_edit, panel.date_edit, panel.locality_edit, panel.method_box, panel.dots_spin):
        assert not widget.isEnabled()
    for section in panel.sections.values():
        assert not any(b.isEnabled() for b in section.buttons)
    show_tab(panel, "Tables")
    section = panel.sections["table"]
    tables = svc.planning.items(cafe.id, "table")
    section.select(tables[0].id)
    qtbot.keyClick(section.view, Qt.Key.Key_Delete)
    assert svc.planning.items(cafe.id, "table") == tables

    panel.on_changes(svc.cafes.reopen(cafe.id))
    assert not panel.closed_label.isVisible()
    assert panel.title_edit.isEnabled()
    assert section.remove_button.isEnabled()


def test_save_as_template(qtbot, panel, svc, cafe):
    with qtbot.waitSignal(panel.sig_message) as message:
        assert panel.save_as_template("Perth spring cafe")
    assert message.args[0].startswith("Saved as the template “Perth spring cafe”")
    saved = svc.templates.get("Perth spring cafe")
    assert saved.plan.outcomes == svc.planning.plan_of(cafe.id).outcomes
    with qtbot.waitSignal(panel.sig_message) as message:
        assert not panel.save_as_template("Blank café")
    assert message.args == ["'Blank café' is the name of a built-in template; please choose another."]


def test_changes_elsewhere_refresh_the_lists_and_keep_the_selection(qtbot, panel, svc, cafe):
    show_tab(panel, "Themes")
    section = panel.sections["theme"]
    themes = svc.planning.items(cafe.id, "theme")
    section.select(themes[-1].id)
    _, changes = svc.planning.add_theme(cafe.id, "Transport")
    panel.on_changes(changes)
    assert "Transport" in [t.name for t in section.model.items]
    assert section.selected().id == themes[-1].id
    panel.on_changes(Changes(votes=True))  # nothing the page shows
    assert section.selected().id == themes[-1].id
