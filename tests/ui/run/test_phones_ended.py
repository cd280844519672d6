"""After the café is closed: the real server on 127.0.0.1 keeps answering every phone page with "This café has ended"
(410, nothing written) for a grace period the Run page states, then stops by itself; quitting stops it at once."""

from __future__ import annotations

import re
from datetime import datetime

import httpx
import pytest
from PySide6.QtCore import Qt

from cafe_desk.ui.run.phones_box import ENDED_GRACE_S, ENDED_OVER_TEXT, REOPENED_TEXT
from tests.ui.run.test_phones_box import hidden_fields, open_channel, refuses

UNTIL = re.compile(r"^Phones see “This café has ended” until (\d\d:\d\d)\.$")


@pytest.fixture
def window(cafe_window):
    return cafe_window


def ended(page: httpx.Response) -> bool:
    return (page.status_code == 410 and "This café has ended" in page.text and "Thank you for taking part" in page.text
            and "Samaritans" in page.text)


def test_phones_see_the_cafe_has_ended_until_the_time_the_run_page_gives(qtbot, window, services, cafe):
    server = open_channel(qtbot, window)
    box = window.run_page.phones
    assert box.ended_grace_s == ENDED_GRACE_S == 300
    table = services.planning.items(cafe.id, "table")[0]
    with httpx.Client(timeout=5) as phone:
        form = hidden_fields(phone.get(server.cafe_url).text)  # a phone with the comment page open
        host_link, check_link = server.table_url(table.id), server.check_url

        window.broadcast(services.cafes.close(cafe.id))
        before = services.cafes.status(cafe.id)

        match = UNTIL.match(box.status.text())
        assert match, box.status.text()
        assert match.group(1) == f"{box.ended_until:%H:%M}"
        left = (box.ended_until - datetime.now()).total_seconds()
        assert 290 <= left <= 360 and box.ended_until.second == 0, "to the minute, rounded up: true until then"
        assert not box.is_open and box.ending and not refuses(server.port)
        assert window.what_quitting_stops() == "", "no phone can send anything, so quitting needs no question"
        assert box.stop_btn.isEnabled() and not box.start_btn.isEnabled() and not box.check.button.isEnabled()
        assert box.cafe_qr.text.text() == "The café has ended." and box.cafe_qr.image.pixmap().isNull()
        assert window.run_page.channel_url == ""

        for url in (server.cafe_url, server.vote_url, host_link, check_link, server.cafe_url + "/thanks"):
            assert ended(phone.get(url)), url
        sent = phone.post(server.cafe_url + "/comment", data={**form, "comment": "Sent after the end",
                                                              "consent": "yes"})
        assert ended(sent)
        assert ended(phone.post(host_link, data={**form, "point": "A point after the end"}))
        assert services.cafes.status(cafe.id) == before, "nothing a phone sends after the end is written"

    port = server.port
    window.close()
    assert refuses(port), "closing the window stops it at once"
    assert box.server is None and not box.ending


def test_the_server_stops_by_itself_after_the_grace_period(qtbot, window, services, cafe):
    server = open_channel(qtbot, window)
    box = window.run_page.phones
    box.ended_grace_s = 0.3
    window.broadcast(services.cafes.close(cafe.id))
    assert box.ending and not refuses(server.port)
    qtbot.waitUntil(lambda: box.server is None, timeout=10_000)
    assert refuses(server.port)
    assert box.status.text() == ENDED_OVER_TEXT and not box.ending
    assert not box.stop_btn.isEnabled() and not box.start_btn.isEnabled()


def test_the_stop_button_ends_the_grace_period_at_once(qtbot, window, services, cafe):
    server = open_channel(qtbot, window)
    box = window.run_page.phones
    window.broadcast(services.cafes.close(cafe.id))
    qtbot.mouseClick(box.stop_btn, Qt.MouseButton.LeftButton)
    assert refuses(server.port) and box.server is None and not box.ended_timer.isActive()


def test_reopening_the_cafe_closes_the_ended_page_so_phones_can_be_let_in_again(qtbot, window, services, cafe):
    server = open_channel(qtbot, window)
    box = window.run_page.phones
    window.broadcast(services.cafes.close(cafe.id))
    window.broadcast(services.cafes.reopen(cafe.id))
    assert refuses(server.port) and box.server is None
    assert box.status.text() == REOPENED_TEXT
    assert box.start_btn.isEnabled()
    again = open_channel(qtbot, window)
    assert httpx.get(again.cafe_url, timeout=5).status_code == 200


def test_opening_another_cafe_while_phones_see_the_end_stops_it(qtbot, window, services, cafe):
    from tests.conftest import mental_health_plan

    server = open_channel(qtbot, window)
    window.broadcast(services.cafes.close(cafe.id))
    other = services.planning.create(mental_health_plan(services, locality="Dundee"))[0]
    window.open_cafe(other.id)
    assert refuses(server.port)
    assert window.run_page.phones.server is None
