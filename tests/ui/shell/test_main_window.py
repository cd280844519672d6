"""The main window as a whole: pages, keyboard reach, accessible names, undo across pages, reopening where it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QTabBar,
    QWidget,
)

from cafe_desk.core.changes import Changes
from cafe_desk.services.demo import ensure_demo
from cafe_desk.ui.shell.main_window import MainWindow


@pytest.fixture
def window(main_window):
    return main_window


def named(widget: QWidget, buddies: set[int]) -> bool:
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    if isinstance(widget, QTabBar):
        return True  # each tab has its own text
    return id(widget) in buddies


def focusable_unnamed(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for w in root.findChildren(QWidget):
        if not (w.isVisibleTo(root) and w.isEnabled()) or not (w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        parent = w.parentWidget()
        if parent is not None and (isinstance(parent, QAbstractScrollArea) and w is parent.viewport()):
            continue  # the viewport is the view's own surface; the view carries the name
        if type(w).__name__ in ("QLineEdit",) and isinstance(parent, (QAbstractSpinBox, QComboBox)):
            continue  # the inner editor of a named spin box, date or combo
        if not named(w, buddies):
            missing.append(f"{type(w).__name__} {w.objectName()!r} in {type(parent).__name__}")
    return missing


def test_every_page_reachable_by_ctrl_number_and_every_control_named(qtbot, window, services):
    window.open_cafe(ensure_demo(services))
    for i, page in enumerate(window.pages, 1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + i), Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is page and page.inner is not None, "built as it is shown"
        missing = focusable_unnamed(page)
        assert not missing, f"{page.title} page: controls without an accessible name: {missing}"


def test_reopens_on_the_cafe_and_page_it_was_on(qtbot, services):
    cafe_id = ensure_demo(services)
    first = MainWindow(services)
    qtbot.addWidget(first)
    first.open_cafe(cafe_id)
    first.show_page(4)
    first.close()
    again = MainWindow(services)
    qtbot.addWidget(again)
    again.open_cafe(services.cafes.last())
    assert again.cafe.id == cafe_id
    assert again.current_page() is again.votes_page


def test_header_follows_closing_and_reopening(qtbot, window, services):
    cafe_id = ensure_demo(services)
    window.open_cafe(cafe_id)
    assert "running" in window.header.text()
    window.broadcast(services.cafes.close(cafe_id))
    assert "closed (read-only)" in window.header.text()
    assert window.run_page.cafe.is_closed, "every page hears that the café closed"
    window.broadcast(services.cafes.reopen(cafe_id))
    assert "running" in window.header.text()


def test_no_cafe_opens_on_the_cafe_list(qtbot, window):
    window.open_cafe(None)
    assert window.current_page() is window.cafes_page
    assert "No café open" in window.header.text()
    assert QApplication.activeWindow() is window


def test_with_no_cafe_open_the_header_says_what_is_true_on_each_page(qtbot, window):
    window.open_cafe(None)
    assert "choose one from the list" in window.header.text()  # the Cafés page, with its list
    for page in (window.central_page, window.synthesis_slot):
        window.show_page(window.page_index(page))
        assert "No café open" in window.header.text() and "none is needed here" in window.header.text()
        assert "list" not in window.header.text(), "these pages have no list of cafés to choose from"
    window.show_page(0)
    assert "choose one from the list" in window.header.text()


def test_with_no_cafe_open_the_pages_that_need_one_are_greyed_out_and_ctrl_3_stays_on_the_cafes(
        qtbot, window, services):
    window.open_cafe(None)
    usable = {page.title: bool(window.nav.item(i).flags() & Qt.ItemFlag.ItemIsEnabled)
              for i, page in enumerate(window.pages)}
    assert usable == {"Cafés": True, "Plan": False, "Run": False, "Notes": False, "Votes": False,
                      "Comments": False, "Central": True, "Synthesis": True}
    notes_row = window.page_index(window.notes_page)
    assert window.nav.item(notes_row).toolTip() == "Open a café first"
    assert window.nav.model().index(notes_row, 0).data(Qt.ItemDataRole.ToolTipRole) == "Open a café first"
    assert window.nav.item(0).toolTip() == "Ctrl+1"
    window.broadcast(Changes(notes=True, cafes=True))  # the page list is redrawn on changes: still greyed out
    assert window.nav.item(notes_row).toolTip() == "Open a café first"

    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.cafes_page and window.nav.currentRow() == 0
    assert window.statusBar().currentMessage().startswith("Open a café first to use Run")
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.nav.visualItemRect(window.nav.item(notes_row)).center())
    assert window.current_page() is window.cafes_page
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)  # the arrow keys pass over the greyed-out pages
    assert window.current_page() is window.central_page
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.synthesis_page

    window.open_cafe(ensure_demo(services))
    assert all(window.nav.item(i).flags() & Qt.ItemFlag.ItemIsEnabled for i in range(len(window.pages)))
    assert window.nav.item(notes_row).toolTip() == f"Ctrl+{notes_row + 1}"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.run_page
    window.open_cafe(None)
    assert window.current_page() is window.cafes_page
    assert not window.nav.item(notes_row).flags() & Qt.ItemFlag.ItemIsEnabled
    Path("/tmp/shots").mkdir(parents=True, exist_ok=True)
    window.grab().save("/tmp/shots/page_list_no_cafe.png")


def test_a_facilitator_plans_runs_takes_notes_undoes_and_tallies(qtbot, window, services):
    """The whole desk as a user drives it: keyboard and mouse only, the database checked at each step."""
    ctrl = Qt.KeyboardModifier.ControlModifier
    window.open_cafe(None)

    # plan a café from the built-in template
    qtbot.keyClick(window, Qt.Key.Key_1, ctrl)
    new_button = next(b for b in window.cafes_page.findChildren(QAbstractButton) if b.text() == "&New café…")
    qtbot.mouseClick(new_button, Qt.MouseButton.LeftButton)
    dialog = window.cafes_page.new_cafe_dialog
    assert dialog.template.name == "Help shape the future of mental health"
    dialog.title_edit.selectAll()
    qtbot.keyClicks(dialog.title_edit, "Spring listening cafe")
    qtbot.keyClicks(dialog.locality_edit, "Perth")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.cafe is not None)
    # the offscreen platform has no window manager to hand activation back when the dialog closes
    window.activateWindow()
    qtbot.waitActive(window)
    cafe = window.cafe
    assert cafe.title == "Spring listening cafe"
    assert [c.title for c in services.cafes.list()] == ["Spring listening cafe"]
    status = services.cafes.status(cafe.id)
    assert (status["tables"], status["rounds"], status["outcomes"]) == (6, 3, 6)

    # run the first round
    qtbot.keyClick(window, Qt.Key.Key_3, ctrl)
    qtbot.mouseClick(window.run_page.start_btn, Qt.MouseButton.LeftButton)
    assert services.running.state(cafe.id).timer.status == "running"
    assert "running" in window.header.text()

    # type two points with the keyboard; Enter saves each and opens the next
    qtbot.keyClick(window, Qt.Key.Key_4, ctrl)
    line = window.notes_page.entry.line
    line.setFocus()
    for point in ("Peer workers in every team", "Evening drop-in near the station"):
        qtbot.keyClicks(line, point)
        qtbot.keyClick(line, Qt.Key.Key_Return)
    notes = services.notes.list(cafe.id)
    first_round = services.planning.items(cafe.id, "round")[0]
    first_table = services.planning.items(cafe.id, "table")[0]
    assert [n.text for n in notes] == ["Peer workers in every team", "Evening drop-in near the station"]
    assert {(n.table_id, n.round_id) for n in notes} == {(first_table.id, first_round.id)}
    assert line.text() == ""

    # Ctrl+Z in the empty entry undoes the last point (not the typing), Ctrl+Shift+Z brings it back
    qtbot.keyClick(line, Qt.Key.Key_Z, ctrl)
    qtbot.wait(400)  # longer than the autosave delay: nothing must be re-saved behind the note-taker's back
    assert [n.text for n in services.notes.list(cafe.id)] == ["Peer workers in every team"]
    assert line.text() == ""
    qtbot.keyClick(line, Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert [n.id for n in services.notes.list(cafe.id)] == [n.id for n in notes]

    # a tally from the paper dots for table 1
    qtbot.keyClick(window, Qt.Key.Key_5, ctrl)
    votes = window.votes_page
    votes.scope.setCurrentIndex(votes.scope.findData(first_table.id))
    votes.table.setFocus()
    votes.table.setCurrentIndex(votes.model.index(0, 1))
    qtbot.keyClick(votes.table, "4")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is votes.table)
    outcome = services.planning.items(cafe.id, "outcome")[0]
    assert services.votes.count(cafe.id, outcome.id, first_table.id, None, 0) == 4
    assert votes.chart.totals[0].score == 4
    qtbot.keyClick(votes.table, Qt.Key.Key_Z, ctrl)
    assert services.votes.count(cafe.id, outcome.id, first_table.id, None, 0) == 0
    assert votes.chart.totals[0].score == 0
    assert services.notes.list(cafe.id), "undoing the tally leaves the notes alone"


def test_undo_follows_the_page_the_central_desk_keeps_its_own_history(qtbot, cafe_window, services):
    """Ctrl+Z on the Synthesis page never takes back a point typed on this laptop's Notes page, and back on Notes the
    point's step is still there to undo."""
    ctrl = Qt.KeyboardModifier.ControlModifier
    window = cafe_window
    cafe = window.cafe
    qtbot.keyClick(window, Qt.Key.Key_4, ctrl)
    line = window.notes_page.entry.line
    line.setFocus()
    qtbot.keyClicks(line, "Evening drop-in near the station")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    typed = [n.text for n in services.notes.list(cafe.id)]
    assert "Evening drop-in near the station" in typed
    assert window.undo_action.isEnabled() and window.undo_action.text() == "&Undo Add point"

    window.show_page(window.page_index(window.slots["Synthesis"]))
    assert not window.undo_action.isEnabled(), "nothing done on the central desk yet"
    window.undo_action.trigger()
    qtbot.keyClick(window.synthesis_page, Qt.Key.Key_Z, ctrl)
    assert [n.text for n in services.notes.list(cafe.id)] == typed

    window.show_page(window.page_index(window.slots["Notes"]))
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert "Evening drop-in near the station" not in [n.text for n in services.notes.list(cafe.id)]


def test_a_desk_that_only_imports_comes_back_to_the_page_it_used(qtbot, main_window, services):
    titles = [p.title for p in main_window.pages]
    main_window.show_page(titles.index("Central"))
    assert main_window.cafe is None
    again = MainWindow(services)
    qtbot.addWidget(again)
    again.open_cafe(None)
    assert again.stack.currentIndex() == titles.index("Central")
    again.show_page(0)  # the list of cafés, used last, is where the next start begins
    third = MainWindow(services)
    qtbot.addWidget(third)
    third.open_cafe(None)
    assert third.stack.currentIndex() == 0
