"""The Run page's "Next step" line, driven through a whole day of three rounds on the real main window: open to phones
and test from a phone, start each round and go on to the next, open and close voting once the last round has started,
follow up what needs care, close the café, export it through the real dialog, then send the file."""

from __future__ import annotations

import httpx
from PySide6.QtCore import Qt

from cafe_desk.core.run_order import SEND
from tests.conftest import FakeClock
from tests.ui.conftest import review_read
from tests.ui.run.test_phones_box import open_channel

RISKY = "Honestly I can't go on like this any more"


def test_the_next_step_follows_a_day_of_three_rounds(qtbot, cafe_window, services, cafe, identity, tmp_path):
    window = cafe_window
    clock = FakeClock()
    services.running.clock = clock
    window.show_page(2)
    run = window.run_page
    rounds = services.planning.items(cafe.id, "round")
    assert len(rounds) == 3

    def step() -> str:
        assert run.next_step.isVisible()
        return run.step.key

    def said() -> str:
        return run.next_step.text().removeprefix("<b>Next step:</b> ")

    def press(button) -> None:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    # before anyone arrives: open to phones, and test from a phone
    assert step() == "phones"
    assert said() == "Open to phones (below), then Test from a phone to check the Wi-Fi lets phones through."
    server = open_channel(qtbot, window)
    assert step() == "test_phone"
    assert httpx.get(server.check_url, timeout=5).status_code == 200  # a phone opens the test page
    qtbot.waitUntil(lambda: run.step.key == "start")
    assert said() == "Start the first round (Start, below) when the room is ready."

    # round 1 of 3: no voting yet
    press(run.start_btn)
    assert step() == "round_on"
    assert said() == "Round 1 is under way. When it is over, go on to round 2 (Next round, below)."
    clock.now += rounds[0].duration_s
    run.tick()
    assert step() == "next_round"
    assert said() == "Time is up: go on to round 2 (Next round, below)."
    press(run.next_btn)
    assert step() == "start_round"
    assert said() == "Start round 2 (Start, below) when the tables are ready."

    # round 2 of 3, moved on before its time was up
    press(run.start_btn)
    assert step() == "round_on"
    press(run.next_btn)
    assert step() == "start_round" and "round 3" in said()

    # the last round: voting, its end, what needs care, closing
    press(run.start_btn)
    assert step() == "open_voting"
    voting = window.votes_page.voting
    press(voting.toggle_btn)
    assert services.channel.settings(cafe.id).voting_open
    assert step() == "close_voting"
    press(voting.toggle_btn)
    assert step() == "last_round"
    comment, changes = services.comments.submit(cafe.id, RISKY, consent=True)
    window.broadcast(changes)
    clock.now += rounds[2].duration_s
    run.tick()
    assert step() == "care"
    assert said() == "Follow up the item that needs care (⚑) before closing: View → What needs care."
    window.broadcast(services.safeguarding.follow_up(comment.id, "JB", "Spoke with them"))
    assert step() == "close_cafe"

    window.broadcast(services.cafes.close(cafe.id))
    assert step() == "export"
    assert "Export for the central team" in run.next_step.text()

    dialog = window.open_export_dialog()
    qtbot.addWidget(dialog)
    review_read(qtbot, dialog)
    dialog.keys.setPlainText(str(identity.to_public()))
    op = dialog.export_to(tmp_path / "perth.cafe")
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    assert (tmp_path / "perth.cafe").exists(), dialog.message.text()
    qtbot.waitUntil(lambda: run.step.key == "send")
    assert run.next_step.text() == "<b>Next step:</b> " + SEND.text


def test_no_cafe_no_next_step(qtbot, main_window):
    main_window.show_page(2)
    assert main_window.run_page.next_step.isHidden()
    assert main_window.run_page.step.key == "none"
