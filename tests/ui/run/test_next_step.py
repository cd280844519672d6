"""The Run page's "Next step" line, driven through a whole day on the real main window: start, open to phones, open and
close voting on the Votes page, close the café, export it through the real dialog, then send the file."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cafe_desk.core.run_order import SEND
from tests.ui.run.test_phones_box import open_channel


def test_the_next_step_follows_the_day(qtbot, cafe_window, services, cafe, identity, tmp_path):
    window = cafe_window
    window.show_page(2)
    run = window.run_page

    def step() -> str:
        assert run.next_step.isVisible()
        return run.step.key

    assert step() == "start"
    assert run.next_step.text() == "<b>Next step:</b> Start the first round (Start, below) when the room is ready."
    qtbot.mouseClick(run.start_btn, Qt.MouseButton.LeftButton)
    assert step() == "phones"
    open_channel(qtbot, window)
    assert step() == "open_voting"

    voting = window.votes_page.voting
    qtbot.mouseClick(voting.toggle_btn, Qt.MouseButton.LeftButton)
    assert services.channel.settings(cafe.id).voting_open
    assert step() == "close_voting"
    qtbot.mouseClick(voting.toggle_btn, Qt.MouseButton.LeftButton)
    assert step() == "close_cafe"

    window.broadcast(services.cafes.close(cafe.id))
    assert step() == "export"
    assert "Export for the central team" in run.next_step.text()

    dialog = window.open_export_dialog()
    qtbot.addWidget(dialog)
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
