"""The Notes page under a fast typist's keyboard, in the real main window: Tab goes through the page as it is on
screen, coming back to the point keeps its text, and the round chooser says "(now)" only while the café is on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from cafe_desk.ui.notes.notes_panel import NotesPanel
from cafe_desk.ui.notes.place_bar import NOW


def notes_page(window) -> NotesPanel:
    window.show_page(window.page_index(window.notes_page))
    return window.notes_page


def press(qtbot, key: Qt.Key, times: int = 1) -> QWidget:
    """Press `key` where the keyboard is, `times` times; the widget that has the keyboard after."""
    for _ in range(times):
        qtbot.keyClick(QApplication.focusWidget(), key)
    return QApplication.focusWidget()


def owner(widget: QWidget, stops: list[QWidget]) -> QWidget | None:
    """The stop `widget` stands for: itself, or the spin box or combo box whose inner line it is."""
    while widget is not None and widget not in stops:
        widget = widget.parentWidget()
    return widget


def test_coming_back_to_the_point_with_shift_tab_adds_to_it_instead_of_replacing_it(cafe_window, services, cafe,
                                                                                     qtbot):
    panel = notes_page(cafe_window)
    line = panel.entry.line
    line.setFocus()
    qtbot.keyClicks(line, "Peer workers")
    assert press(qtbot, Qt.Key.Key_Tab, 2) is panel.entry.outcomes
    press(qtbot, Qt.Key.Key_Space)  # ticks the first outcome
    assert panel.entry.outcome_ids()
    assert press(qtbot, Qt.Key.Key_Backtab, 2) is line
    assert not line.hasSelectedText() and line.cursorPosition() == len("Peer workers")
    qtbot.keyClicks(line, " who had been there")
    assert line.text() == "Peer workers who had been there"
    qtbot.keyClick(line, Qt.Key.Key_Return)
    saved = [n for n in services.notes.list(cafe.id) if n.kind == "point"]
    assert [(n.text, len(n.outcome_ids)) for n in saved] == [("Peer workers who had been there", 1)]

    qtbot.keyClicks(line, "Stigma at work")
    panel.table_combo.setFocus()
    qtbot.keyClick(cafe_window, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # the entry's Alt key: the same
    assert QApplication.focusWidget() is line and not line.hasSelectedText()
    qtbot.keyClicks(line, "!")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert [n.text for n in services.notes.list(cafe.id)] == ["Peer workers who had been there", "Stigma at work!"]


def test_tab_walks_the_notes_page_as_it_is_on_screen_before_it_leaves_the_page(cafe_window, services, cafe, qtbot):
    table, first = services.planning.items(cafe.id, "table")[0], services.planning.items(cafe.id, "round")[0]
    services.notes.add(cafe.id, table.id, first.id, "Told us she has been cutting again this week")
    panel = notes_page(cafe_window)
    panel.select_next_needing_care()
    assert panel.care.isVisible(), "the care panel is on screen, above the counts"
    spins = panel.attendance.tab_order()
    assert len(spins) == 4
    entry, notes, care = panel.entry, panel.notes_list, panel.care
    expected = [entry.quote, entry.outcomes, entry.themes, notes.search, notes.scope, *notes.buttons, notes.view,
                care.scroll, care.follow_btn, care.next_btn, *spins, panel.summary]
    expected = [w for w in expected if w.isVisible()]
    assert care.follow_btn in expected and spins[-1] in expected

    panel.entry.line.setFocus()
    walked = []
    while len(walked) < len(expected):
        focus = press(qtbot, Qt.Key.Key_Tab)
        assert panel.isAncestorOf(focus), f"left the page after {walked}: {type(focus).__name__}"
        walked.append(owner(focus, expected) or focus)
    assert walked == expected
    assert not panel.isAncestorOf(press(qtbot, Qt.Key.Key_Tab)), "the carry-forward box is the page's last stop"

    panel.summary.setFocus()
    back = [owner(press(qtbot, Qt.Key.Key_Backtab), expected) for _ in range(5)]
    above_counts = expected[expected.index(spins[0]) - 1]
    assert back == [*spins[::-1], above_counts], "Shift+Tab from the summary goes up the counts, not to the list"

    panel.table_combo.setFocus()
    assert [press(qtbot, Qt.Key.Key_Tab) for _ in range(3)] == [panel.round_combo, panel.import_button,
                                                                 panel.entry.line]


def test_the_counts_keep_their_place_in_tab_order_when_the_groups_are_made_anew(cafe_window, services, cafe, qtbot):
    panel = notes_page(cafe_window)
    cafe_window.run_page.start_btn.click()  # the café changes state: the page reloads its plan and its count boxes
    spins = panel.attendance.tab_order()
    qtbot.waitUntil(spins[-1].isVisible)  # new boxes show once the event loop turns
    spins[-1].setFocus()
    assert owner(press(qtbot, Qt.Key.Key_Tab), [panel.summary]) is panel.summary
    panel.notes_list.view.setFocus()
    assert owner(press(qtbot, Qt.Key.Key_Tab), spins) is spins[0]


def test_the_round_chooser_says_now_only_while_the_cafe_is_on(cafe_window, services, cafe, qtbot):
    panel = notes_page(cafe_window)
    rounds = services.planning.items(cafe.id, "round")

    def marked():
        return [panel.round_combo.itemText(i) for i in range(panel.round_combo.count())
                if panel.round_combo.itemText(i).endswith(NOW)]

    QApplication.processEvents()  # the page is laid out as it first shows, before the café starts
    assert marked() == [], "no round has started"
    assert panel.round_combo.currentData() == rounds[0].id, "the first round is chosen all the same"
    cafe_window.run_page.start_btn.click()
    assert marked() == [f"{rounds[0].label}{NOW}"]
    QApplication.processEvents()  # the layout request the longer text posted
    combo = panel.round_combo
    assert combo.width() > combo.fontMetrics().horizontalAdvance(combo.currentText()) + 20, "(now) is not cut off"
    panel.on_changes(services.running.pause(cafe.id)[1])
    assert marked() == [f"{rounds[0].label}{NOW}"], "a paused round is still the round the café is at"
    panel.on_changes(services.running.next_round(cafe.id)[1])
    assert marked() == [f"{rounds[1].label}{NOW}"] and panel.round_combo.currentData() == rounds[1].id
    cafe_window.broadcast(services.cafes.close(cafe.id))
    assert marked() == [], "a closed café has no round on"
