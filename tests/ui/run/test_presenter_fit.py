"""The presenter window fits the projectors and laptop screens of a venue (1280×720, 1366×768): every part of it, the
links under the QR codes and a long revealed comment included, is inside the window and not cut off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QWidget

from cafe_desk.services.qr_codes import wifi_payload
from cafe_desk.ui.run.presenter import PresenterWindow
from cafe_desk.ui.widgets.qr_view import qr_pixmap

URL = "http://192.168.137.1:8765/c/Zq3xK9vLmP2wR7tY5uB8nC4d"
QUESTION = "What would make the biggest difference to people waiting for mental health support in Perth and Kinross?"
COMMENT = ("I waited eleven months for a first appointment and nobody called to say where I was on the list; a text "
           "every few weeks would have made the wait bearable, and a peer group meanwhile would have helped more than "
           "anything else I was offered.")


def outside_or_cut(window: QWidget, size: tuple[int, int]) -> list[str]:
    """The visible parts of the window that reach past a screen of `size`, or whose wrapped text needs more height
    than they were given."""
    screen = QRect(0, 0, *size)
    wrong = []
    for child in window.findChildren(QWidget):
        if not child.isVisible():
            continue
        name = child.accessibleName() or (child.text()[:30] if isinstance(child, QLabel) else "") or child.objectName()
        box = QRect(child.mapTo(window, child.rect().topLeft()), child.size())
        if not screen.contains(box):
            wrong.append(f"{name or type(child).__name__} at {box.getRect()} is outside {size}")
        if isinstance(child, QLabel) and child.wordWrap() and child.heightForWidth(child.width()) > child.height():
            wrong.append(f"{name}: its text needs {child.heightForWidth(child.width())} px, it has {child.height()}")
    return wrong


@pytest.mark.parametrize("wifi", [False, True], ids=["comment page code", "Wi-Fi and comment page codes"])
@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)], ids=["1280x720", "1366x768"])
def test_presenter_fits_the_screen_with_codes_and_a_long_comment(qtbot, tmp_path, size, wifi):
    presenter = PresenterWindow()
    qtbot.addWidget(presenter)
    presenter.show_round("Perth conversation café about waiting times", "Round 2 of 3", QUESTION,
                         ("Who should know first?", "What helps while people wait?"))
    presenter.set_qr(qr_pixmap(URL, box_size=10), URL)
    if wifi:
        presenter.set_wifi_qr(qr_pixmap(wifi_payload("CafeDesk-Hotspot", "tea-and-talk-42", "WPA"), box_size=10),
                              "CafeDesk-Hotspot\nPassword: tea-and-talk-42")
    presenter.show_comment(COMMENT)
    presenter.show_time("17:42", False)
    presenter.resize(*size)
    presenter.show()
    qtbot.waitExposed(presenter)
    qtbot.wait(20)
    presenter.grab().save(str(tmp_path / f"presenter-{size[0]}x{size[1]}.png"))

    assert presenter.size().toTuple() == size, "the window must not grow past the screen"
    for part in (presenter.qr_text, presenter.comment_text, presenter.question, presenter.clock):
        assert part.isVisible()
    assert presenter.wifi_text.isVisible() == wifi
    assert outside_or_cut(presenter, size) == []
    assert presenter.qr_text.text() == URL.replace("/c/", "/c/\n")
