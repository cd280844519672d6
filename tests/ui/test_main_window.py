"""The main window as a whole: pages, keyboard reach, accessible names, undo across pages, reopening where it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QTabBar,
    QWidget,
)

from cafe_desk.services.demo import ensure_demo
from cafe_desk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, services):
    w = MainWindow(services)
    w.run_page.sound_enabled = False
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)
    return w


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
        if type(w).__name__ in ("QLineEdit",) and parent is not None and type(parent).__name__ in (
                "QSpinBox", "QDateEdit", "QComboBox", "QDoubleSpinBox"):
            continue  # the inner editor of a named spin box or combo
        if not named(w, buddies):
            missing.append(f"{type(w).__name__} {w.objectName()!r} in {type(parent).__name__}")
    return missing


def test_every_page_reachable_by_ctrl_number_and_every_control_named(qtbot, window, services):
    window.open_cafe(ensure_demo(services))
    for i, page in enumerate(window.pages, 1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + i), Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is page
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
    assert again.stack.currentWidget() is again.votes_page


def test_header_follows_closing_and_reopening(qtbot, window, services):
    cafe_id = ensure_demo(services)
    window.open_cafe(cafe_id)
    assert "being planned" in window.header.text()
    window.broadcast(services.cafes.close(cafe_id))
    assert "closed (read-only)" in window.header.text()
    assert window.run_page.cafe.is_closed, "every page hears that the café closed"
    window.broadcast(services.cafes.reopen(cafe_id))
    assert "being planned" in window.header.text()


def test_no_cafe_opens_on_the_cafe_list(qtbot, window):
    window.open_cafe(None)
    assert window.stack.currentWidget() is window.cafes_page
    assert "No café open" in window.header.text()
    assert QApplication.activeWindow() is window
