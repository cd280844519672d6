"""The page list down the left: typed letters choose no page; arrows and Ctrl+number still do."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_letters_typed_in_the_page_list_leave_the_page_and_its_typing_alone(qtbot, cafe_window, services, cafe):
    window = cafe_window
    notes_row = window.page_index(window.notes_page)
    window.show_page(notes_row)
    panel = window.notes_page
    panel.summary.setPlainText("Being listened to matters")
    window.nav.setFocus()
    qtbot.keyClicks(window.nav, "Plan votes")  # a summary typed on, not seeing the box had lost the keyboard
    assert window.current_page() is window.notes_page and window.nav.currentRow() == notes_row
    assert panel.summary.toPlainText() == "Being listened to matters"
    panel.save_summary()
    table, first = panel.place_bar.place()
    assert services.notes.summary(cafe.id, table, first).text == "Being listened to matters"

    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_page() is window.votes_page
    qtbot.keyClick(window.nav, Qt.Key.Key_Up)
    assert window.current_page() is window.notes_page
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.plan_page
