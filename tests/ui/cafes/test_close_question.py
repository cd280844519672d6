"""The question before closing a café, on the real main window: it lists what is under way (a round running, rounds to
come, items needing care, phones in, voting open), keeping the café open is the default, and closing stops the round's
countdown, the Run page saying "Café closed" instead of a running clock."""

from __future__ import annotations

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from cafe_desk.core.closing import PHONES_ENDED, READ_ONLY, VOTING_OPEN
from cafe_desk.ui.run.phones_box import ENDED_GRACE_S
from cafe_desk.ui.run.run_panel import CLOSED_CLOCK
from tests.conftest import FakeClock
from tests.ui.run.test_phones_box import hidden_fields, open_channel

RISKY = "Honestly I can't go on like this any more"


def ask_to_close(qtbot, window, answer: str) -> QMessageBox:
    """Press Close café on the Cafés page for the open café, note the question and press the button called `answer`."""
    page = window.cafes_page
    asked: list[QMessageBox] = []

    def show_box(box: QMessageBox):
        asked.append(box)
        box.show()  # laid out as it would be on screen
        return next(b for b in box.buttons() if b.text().replace("&", "") == answer)

    page.show_box = show_box
    window.show_page(0)
    page.select(window.cafe.id)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    [box] = asked
    qtbot.addWidget(box)
    return box


def test_closing_during_round_two_lists_what_is_under_way_and_stops_the_clock(qtbot, cafe_window, services, cafe,
                                                                               tmp_path):
    window = cafe_window
    clock = FakeClock()
    services.running.clock = clock
    run = window.run_page
    window.show_page(2)
    qtbot.mouseClick(run.start_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(run.next_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(run.start_btn, Qt.MouseButton.LeftButton)
    clock.now += 65
    server = open_channel(qtbot, window)
    window.broadcast(services.channel.set_voting_open(cafe.id, True))
    with httpx.Client(timeout=5) as phone:  # a comment from a phone that needs care
        form = hidden_fields(phone.get(server.cafe_url).text)
        phone.post(server.cafe_url + "/comment", data={**form, "comment": RISKY, "consent": "yes"})
    qtbot.waitUntil(lambda: services.safeguarding.counts(cafe.id)["Comments"] == 1)
    left = services.running.state(cafe.id).timer.remaining(clock.now)

    box = ask_to_close(qtbot, window, "Keep it open")
    box.grab().save(str(tmp_path / "close-question.png"))
    assert box.text() == f"Close “{cafe.title}”?"
    assert box.informativeText().split("\n") == [
        f"• Round 2 is still running, with {int(left) // 60:02d}:{int(left) % 60:02d} left.",
        "• Round 3 hasn't happened yet.",
        "• 1 item flagged for safeguarding still needs care (⚑): follow it up on the Comments or Notes page.",
        f"• {PHONES_ENDED}",
        f"• {VOTING_OPEN}",
        "",
        READ_ONLY,
    ]
    assert ENDED_GRACE_S == 5 * 60 and "five minutes" in PHONES_ENDED, "the question says what the phones box does"
    keep = box.defaultButton()
    assert keep.text() == "Keep it open" and box.escapeButton() is keep
    assert services.cafes.cafe(cafe.id).state == "running", "kept open"
    assert services.running.state(cafe.id).timer.status == "running"

    ask_to_close(qtbot, window, "Close café")
    assert services.cafes.cafe(cafe.id).is_closed
    timer = services.running.state(cafe.id).timer
    assert timer.status == "paused"
    clock.now += 300
    assert services.running.state(cafe.id).timer.remaining(clock.now) == timer.remaining(0), "the clock has stopped"
    assert run.phones.ending, "phones see that the café has ended"

    window.show_page(2)
    run.tick()
    assert run.clock.text() == CLOSED_CLOCK and run.status.text().startswith("Stopped with ")
    assert not run.ticker.isActive()
    for button in (run.start_btn, run.pause_btn, run.extend_btn, run.next_btn):
        assert not button.isEnabled()
    window.grab().save(str(tmp_path / "run-closed.png"))

    window.broadcast(services.cafes.reopen(cafe.id))
    assert services.running.state(cafe.id).timer.status == "paused", "reopening leaves the countdown stopped"
    assert run.clock.text() != CLOSED_CLOCK and run.status.text() == "Paused"
    assert run.start_btn.text() == "Re&sume" and run.start_btn.isEnabled()
    assert run.message.text() == ""


def test_a_cafe_other_than_the_open_one_has_no_phones_in(qtbot, cafe_window, services, cafe):
    from tests.conftest import mental_health_plan

    open_channel(qtbot, cafe_window)
    other = services.planning.create(mental_health_plan(services, locality="Dundee"))[0]
    assert cafe_window.phones_open(cafe.id) and not cafe_window.phones_open(other.id)
    page = cafe_window.cafes_page
    page.refresh()
    page.select(other.id)
    box, _close = page.close_box(page.selected())
    qtbot.addWidget(box)
    assert PHONES_ENDED not in box.informativeText()
    assert "Rounds 1, 2 and 3 haven't happened yet." in box.informativeText()

