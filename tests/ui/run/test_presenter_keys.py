"""The presenter window opens and closes from the keyboard, in the real main window: F5 (View → Presenter window, a
checked item while it is open) opens it and closes it again, from either window; Escape leaves full screen, and
closes it when it is not full screen; the Run page's button says which it will do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cafe_desk.ui.run.run_panel import PRESENTER_CLOSE_TEXT, PRESENTER_OPEN_TEXT


@pytest.fixture
def window(cafe_window):
    cafe_window.show_page(cafe_window.page_index(cafe_window.run_page))
    return cafe_window


def focus_main(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_f5_opens_the_presenter_and_closes_it_again(qtbot, window):
    run, action = window.run_page, window.presenter_action
    assert action.isCheckable() and not action.isChecked() and action.shortcut().toString() == "F5"
    assert run.presenter_btn.text() == PRESENTER_OPEN_TEXT

    qtbot.keyClick(window, Qt.Key.Key_F5)
    presenter = run.presenter
    qtbot.addWidget(presenter)
    assert presenter.isVisible() and action.isChecked()
    assert run.presenter_btn.text() == PRESENTER_CLOSE_TEXT == "Close presenter &window (F5)"
    assert run.presenter_btn.accessibleName() == "Close the presenter window for the projector"

    focus_main(qtbot, window)  # on one screen the facilitator may go back to the main window, then press F5
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not presenter.isVisible() and not action.isChecked()
    assert run.presenter_btn.text() == PRESENTER_OPEN_TEXT

    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert presenter.isVisible() and action.isChecked()
    # on the laptop's one screen it comes to the front, with the keyboard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_F5)
    assert not presenter.isVisible() and not action.isChecked()
    assert run.presenter_btn.text() == PRESENTER_OPEN_TEXT


def test_the_menu_item_and_the_button_toggle_it_too(qtbot, window):
    run, action = window.run_page, window.presenter_action
    action.trigger()  # View → Presenter window
    presenter = run.presenter
    qtbot.addWidget(presenter)
    assert presenter.isVisible() and action.isChecked()
    action.trigger()  # the same item, now checked, closes it
    assert not presenter.isVisible() and not action.isChecked()

    qtbot.mouseClick(run.presenter_btn, Qt.MouseButton.LeftButton)
    assert presenter.isVisible() and action.isChecked()
    qtbot.mouseClick(run.presenter_btn, Qt.MouseButton.LeftButton)
    assert not presenter.isVisible() and not action.isChecked()

    qtbot.mouseClick(run.presenter_btn, Qt.MouseButton.LeftButton)
    presenter.close()  # its own close button
    assert not action.isChecked() and run.presenter_btn.text() == PRESENTER_OPEN_TEXT


def test_escape_leaves_full_screen_first_then_closes_the_window(qtbot, window):
    run, action = window.run_page, window.presenter_action
    qtbot.keyClick(window, Qt.Key.Key_F5)
    presenter = run.presenter
    qtbot.addWidget(presenter)
    assert not presenter.isFullScreen(), "one screen: a window the facilitator can move"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is presenter)

    qtbot.keyClick(presenter, Qt.Key.Key_F11)
    assert presenter.isFullScreen()
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert presenter.isVisible() and not presenter.isFullScreen(), "full screen: Escape only leaves it"
    assert action.isChecked()

    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible() and not action.isChecked(), "windowed: Escape closes it"
    assert run.presenter_btn.text() == PRESENTER_OPEN_TEXT

    focus_main(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert presenter.isVisible() and action.isChecked(), "it opens again as before"
    assert presenter.question.text() == run.question.text()
