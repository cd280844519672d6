"""No two Alt+letter keys clash on any page: every page of the real window on the demo café, with the menu bar, and the
Run page in each state that changes a button's text (paused, presenter open, open to phones, testing from a phone)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QPushButton, QTabWidget, QWidget

from cafe_desk.services.demo import ensure_demo
from tests.ui.run.test_phones_box import open_channel

_MNEMONIC = re.compile(r"&(&|.)")


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand), lower-cased; None when there is none."""
    for match in _MNEMONIC.finditer(text or ""):
        if match.group(1) != "&" and match.group(1).isalnum():
            return match.group(1).lower()
    return None


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.window() is window


def page_mnemonics(window) -> dict[str, list[str]]:
    """letter -> the texts that use it: the menu bar's and every visible widget's on the current page."""
    found: dict[str, list[str]] = {}

    def add(text):
        letter = mnemonic(text)
        if letter:
            found.setdefault(letter, []).append(text)

    for action in window.menuBar().actions():
        add(action.text())
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window):
            continue
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QTabWidget):
            add(widget.tabText(widget.currentIndex()))
    return found


def clashes(window) -> list[str]:
    return [f"{letter}: {texts}" for letter, texts in sorted(page_mnemonics(window).items()) if len(texts) > 1]


def test_no_page_has_two_widgets_on_one_alt_key(qtbot, main_window):
    main_window.open_cafe(ensure_demo(main_window.services))
    problems = []
    for i, page in enumerate(main_window.pages):
        main_window.show_page(i)
        QApplication.processEvents()
        problems += [f"{page.title} page, Alt+{clash}" for clash in clashes(main_window)]
        for tabs in [t for t in main_window.findChildren(QTabWidget) if _shown(t, main_window)]:
            for tab in range(tabs.count()):
                tabs.setCurrentIndex(tab)
                QApplication.processEvents()
                problems += [f"{page.title} page, {tabs.tabText(tab)!r} tab, Alt+{clash}"
                             for clash in clashes(main_window)]
    assert not problems, "\n".join(problems)


def test_no_text_a_run_page_button_takes_clashes(qtbot, main_window):
    """Buttons change their text as the day goes (Start → Resume, Presenter window → Close presenter window, Test
    from a phone → Done testing, the table hosts' links appear): each state is walked, not only the first."""
    main_window.open_cafe(ensure_demo(main_window.services))
    main_window.show_page(main_window.page_index(main_window.run_page))
    run = main_window.run_page
    problems: list[str] = []
    texts: set[str] = set()

    def walk(state: str) -> None:
        QApplication.processEvents()
        problems.extend(f"Run page, {state}, Alt+{clash}" for clash in clashes(main_window))
        texts.update(button.text() for button in main_window.findChildren(QAbstractButton)
                     if _shown(button, main_window))

    walk("as opened")
    if run.start_btn.isEnabled():
        qtbot.mouseClick(run.start_btn, Qt.MouseButton.LeftButton)
        walk("round running")
    qtbot.mouseClick(run.pause_btn, Qt.MouseButton.LeftButton)
    walk("round paused")
    qtbot.mouseClick(run.presenter_btn, Qt.MouseButton.LeftButton)
    walk("presenter window open")
    open_channel(qtbot, main_window)
    walk("open to phones")
    qtbot.mouseClick(run.phones.check.button, Qt.MouseButton.LeftButton)
    walk("testing from a phone")
    run.close_presenter()

    reached = {"&Start", "Re&sume", "Presenter &window (F5)", "Close presenter &window (F5)", "Test fro&m a phone",
               "&Done testing", "Ta&ble hosts' links…"}
    assert not problems, "\n".join(problems)
    assert reached <= texts, f"the walk never reached {reached - texts}"


def test_the_walk_finds_a_planted_clash(qtbot, main_window):
    main_window.open_cafe(ensure_demo(main_window.services))
    main_window.show_page(main_window.page_index(main_window.votes_page))
    assert mnemonic("Fish && &Chips") == "c" and mnemonic("Fish && chips") is None
    planted = QPushButton("&Volume", main_window.votes_page)
    planted.show()
    found = clashes(main_window)
    assert any(clash.startswith("v:") and "&Volume" in clash for clash in found), found
    planted.deleteLater()
