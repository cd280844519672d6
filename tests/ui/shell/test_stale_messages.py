"""Status-bar messages describe the present: one goes when the page or the café changes, or when the thing it spoke of
changes (another edit, an undo); a message about what was just done stays. Driven in the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from tests.conftest import mental_health_plan

CTRL = Qt.KeyboardModifier.ControlModifier
REMOVED = "The table was removed. Undo (Ctrl+Z) brings it back."


def activate(qtbot, window) -> None:
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def show_tab(page, name: str) -> None:
    names = [page.tabs.tabText(i).replace("&&", "&") for i in range(page.tabs.count())]
    page.tabs.setCurrentIndex(names.index(name))


def remove_a_table(qtbot, window, services, cafe):
    """On the Plan page, select the third table and press Delete, as a facilitator would; the table removed."""
    window.show_page(window.page_index(window.plan_page))
    page = window.plan_page
    show_tab(page, "Tables")
    section = page.sections["table"]
    table = services.planning.items(cafe.id, "table")[2]
    section.select(table.id)
    section.view.setFocus()
    qtbot.keyClick(section.view, Qt.Key.Key_Delete)
    assert table.id not in [t.id for t in services.planning.items(cafe.id, "table")]
    return table


def message(window) -> str:
    return window.statusBar().currentMessage()


def test_the_removed_table_message_goes_once_a_round_is_edited(qtbot, cafe_window, services, cafe):
    window = cafe_window
    remove_a_table(qtbot, window, services, cafe)
    assert message(window) == REMOVED, "a message about what was just done stays"

    page = window.plan_page
    show_tab(page, "Rounds")
    rounds = page.sections["round"]
    rounds.view.setFocus()
    qtbot.keyClick(rounds.view, Qt.Key.Key_Return)
    editor = rounds.editor
    activate(qtbot, editor)
    minutes = editor.inputs["minutes"]
    minutes.setFocus()
    qtbot.keyClick(minutes, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(minutes, "25")
    qtbot.keyClick(minutes, Qt.Key.Key_Return)
    assert services.planning.items(cafe.id, "round")[0].duration_s == 25 * 60
    assert message(window) == "", "Ctrl+Z would now take back the round's minutes, not bring the table back"


def test_undoing_the_removal_takes_its_message_away(qtbot, cafe_window, services, cafe):
    window = cafe_window
    table = remove_a_table(qtbot, window, services, cafe)
    assert message(window) == REMOVED
    window.undo_action.trigger()
    assert table.id in [t.id for t in services.planning.items(cafe.id, "table")]
    assert message(window) == ""


def test_a_message_goes_with_the_page_or_the_cafe_it_was_about(qtbot, cafe_window, services, cafe):
    window = cafe_window
    remove_a_table(qtbot, window, services, cafe)
    window.show_page(window.page_index(window.notes_page))
    assert message(window) == ""

    remove_a_table(qtbot, window, services, cafe)
    assert message(window) == REMOVED
    other = services.planning.create(mental_health_plan(services, date="2026-05-02"))[0]
    window.open_cafe(other.id)
    assert message(window) == ""


def test_a_new_cafe_says_it_was_created_once_it_is_open(qtbot, main_window, services):
    """Opening a café clears the last one's message, so the café list says "created" after opening it."""
    window = main_window
    window.show_message("An old message about nothing here")
    window.show_page(0)
    new_button = next(b for b in window.cafes_page.findChildren(QAbstractButton) if b.text() == "&New café…")
    qtbot.mouseClick(new_button, Qt.MouseButton.LeftButton)
    dialog = window.cafes_page.new_cafe_dialog
    dialog.title_edit.selectAll()
    qtbot.keyClicks(dialog.title_edit, "Spring listening cafe")
    qtbot.keyClicks(dialog.locality_edit, "Perth")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.cafe is not None)
    assert window.cafe.title == "Spring listening cafe"
    assert message(window) == "“Spring listening cafe” was created."
