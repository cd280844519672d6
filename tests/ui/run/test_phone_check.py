"""The rehearsal check on the Run page: "Test from a phone" shows the test page's code, a real request to the real
server on 127.0.0.1 turns the check green, and the Run page says what to do when no phone comes."""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import Qt

from cafe_desk.ui.run.phone_check import (
    AMBER,
    GREEN,
    NO_PHONE_HINT,
    NOT_OPEN_TEXT,
    WAITING_TEXT,
    ago,
    reached_text,
)
from tests.conftest import FakeClock
from tests.ui.run.test_phones_box import decode_qr, open_channel, post_comment


@pytest.fixture
def window(cafe_window):
    return cafe_window


def press_test(qtbot, box) -> None:
    qtbot.mouseClick(box.check.button, Qt.MouseButton.LeftButton)


def test_a_phone_opening_the_test_page_turns_the_check_green(qtbot, window, services, cafe, tmp_path):
    server = open_channel(qtbot, window)
    box = window.run_page.phones
    clock = FakeClock(1000.0)
    box.check.clock = clock
    assert box.check.line.isHidden()

    press_test(qtbot, box)
    assert box.check.qr.isVisible() and not box.cafe_qr.isVisible(), "the test code stands in for the comment code"
    assert decode_qr(box.check.qr.pixmap, tmp_path / "test_code.png") == [server.check_url]
    assert box.check.qr.text.text() == server.check_url
    assert box.check.line.text() == WAITING_TEXT
    before = services.cafes.status(cafe.id)

    reply = httpx.get(server.check_url, timeout=5)  # what the phone does when it scans the code
    assert reply.status_code == 200 and "This phone reached the café laptop" in reply.text

    qtbot.waitUntil(lambda: box.check.passed)
    assert box.check.line.text() == "✓ 1 phone reached this laptop just now"
    assert box.check.line.styleSheet() == GREEN
    clock.now += 5
    box.check.refresh()
    assert box.check.line.text() == "✓ 1 phone reached this laptop 5 seconds ago"
    clock.now += 120
    box.check.refresh()
    assert box.check.line.text() == "✓ 1 phone reached this laptop 2 minutes ago"
    assert box.check.ticker.isActive(), "the line keeps saying how long ago"

    with httpx.Client(timeout=5, transport=httpx.HTTPTransport(local_address="127.0.0.2")) as other_phone:
        assert other_phone.get(server.check_url).status_code == 200
    qtbot.waitUntil(lambda: box.check.phones == 2)
    assert box.check.line.text() == "✓ 2 phones reached this laptop, the last just now"
    assert services.cafes.status(cafe.id) == before, "the test page is never a comment or a vote"
    assert window.comments_page.model.rowCount() == 0

    press_test(qtbot, box)  # "Done testing": the comment page's code comes back, the result stays
    assert box.cafe_qr.isVisible() and not box.check.qr.isVisible()
    assert box.check.line.text().startswith("✓ 2 phones reached this laptop")
    assert post_comment(server.cafe_url, "Comments still arrive as before").status_code == 303


def test_before_opening_to_phones_it_says_to_open_first(qtbot, window):
    box = window.run_page.phones
    window.show_page(2)
    assert box.check.button.isEnabled()
    press_test(qtbot, box)
    assert box.check.line.text() == NOT_OPEN_TEXT and box.check.line.isVisible()
    assert not box.check.qr.isVisible() and not box.check.testing

    open_channel(qtbot, window)
    assert box.check.line.isHidden(), "once open, the reminder goes"


def test_no_phone_after_a_minute_gives_a_plain_hint(qtbot, window):
    open_channel(qtbot, window)
    box = window.run_page.phones
    clock = FakeClock(500.0)
    box.check.clock = clock
    press_test(qtbot, box)
    clock.now += 59
    box.check.refresh()
    assert box.check.line.text() == WAITING_TEXT
    clock.now += 1
    box.check.refresh()
    assert box.check.line.text() == NO_PHONE_HINT and box.check.line.styleSheet() == AMBER
    for words in ("same Wi-Fi", "“Listen on”", "Guest networks", "own hotspot"):
        assert words in NO_PHONE_HINT


def test_closing_to_phones_puts_the_check_away(qtbot, window):
    server = open_channel(qtbot, window)
    box = window.run_page.phones
    press_test(qtbot, box)
    assert httpx.get(server.check_url, timeout=5).status_code == 200
    qtbot.waitUntil(lambda: box.check.passed)
    old_link = server.check_url
    qtbot.mouseClick(box.stop_btn, Qt.MouseButton.LeftButton)
    assert not box.check.passed and not box.check.testing and box.check.line.isHidden()
    assert box.cafe_qr.isVisible() and not box.check.qr.isVisible()

    server = open_channel(qtbot, window)
    assert server.check_url != old_link, "a new test link each time"
    assert httpx.get(old_link.replace(old_link.split("/check/")[0], server.base_url), timeout=5).status_code == 404


def test_how_long_ago_in_words():
    assert [ago(s) for s in (0, 1, 2, 59, 60, 119, 120, 3599, 3600, 7300)] == [
        "just now", "just now", "2 seconds ago", "59 seconds ago", "1 minute ago", "1 minute ago", "2 minutes ago",
        "59 minutes ago", "1 hour ago", "2 hours ago"]
    assert reached_text(1, 5) == "1 phone reached this laptop 5 seconds ago"
    assert reached_text(3, 61) == "3 phones reached this laptop, the last 1 minute ago"
