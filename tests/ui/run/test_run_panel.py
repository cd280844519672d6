"""The run page and presenter window, driven like a facilitator would, on a real database and a fake clock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from cafe_desk.core.model import Plan, RoundSpec
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from cafe_desk.ui.run.run_panel import CLOSED_CLOCK, RunPanel


@pytest.fixture
def run_services(tmp_path, clock):
    return Services.build(Store(tmp_path / "run.sqlite3"), clock=clock)


def make_cafe(services, rounds=2, tables=3):
    plan = Plan(title="Run test café", date="2026-03-14", locality="Perth",
                tables=[(i, "") for i in range(1, tables + 1)],
                rounds=[RoundSpec(f"Question {i}?", ("Follow-up",), 10) for i in range(1, rounds + 1)],
                outcomes=["Peer support everywhere"])
    return services.planning.create(plan)[0]


@pytest.fixture
def panel(qtbot, run_services):
    p = RunPanel(run_services, QUndoStack())
    p.sound_enabled = False
    qtbot.addWidget(p)
    p.resize(1366, 700)
    p.show()
    return p


def test_start_countdown_time_up_extend_and_next_round(qtbot, panel, run_services, clock):
    cafe = make_cafe(run_services)
    panel.set_cafe(cafe)
    assert panel.question.text() == "Question 1?"
    assert panel.clock.text() == "10:00"
    assert not panel.pause_btn.isEnabled()

    qtbot.mouseClick(panel.start_btn, Qt.MouseButton.LeftButton)
    assert run_services.running.state(cafe.id).timer.status == "running"
    assert run_services.cafes.cafe(cafe.id).state == "running"

    clock.now += 125
    panel.tick()
    assert panel.clock.text() == "07:55"

    qtbot.mouseClick(panel.pause_btn, Qt.MouseButton.LeftButton)
    clock.now += 300
    panel.tick()
    assert panel.clock.text() == "07:55", "a paused countdown must not move"
    assert panel.start_btn.text() == "Re&sume", "Alt+S, as for Start: Alt+R is the list of rounds"
    qtbot.mouseClick(panel.start_btn, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(panel.sig_time_up) as blocker:
        clock.now += 10 * 60
        panel.tick()
    assert blocker.args == [True]
    assert panel.clock.text() == "Time is up"
    assert "Time is up" in panel.status.text()

    with qtbot.waitSignal(panel.sig_time_up) as blocker:
        qtbot.mouseClick(panel.extend_btn, Qt.MouseButton.LeftButton)
        panel.tick()
    assert blocker.args == [False]
    assert panel.clock.text() == "01:00"

    qtbot.mouseClick(panel.next_btn, Qt.MouseButton.LeftButton)
    assert panel.question.text() == "Question 2?"
    assert panel.round_label.text() == "Round 2 of 2"
    assert not panel.next_btn.isEnabled(), "no next round after the last"
    assert run_services.running.state(cafe.id).round.number == 2


def test_state_survives_a_restart(qtbot, tmp_path, clock):
    services = Services.build(Store(tmp_path / "restart.sqlite3"), clock=clock)
    cafe = make_cafe(services)
    services.running.start(cafe.id)
    clock.now += 61
    again = Services.build(Store(tmp_path / "restart.sqlite3"), clock=clock)
    p = RunPanel(again, QUndoStack())
    p.sound_enabled = False
    qtbot.addWidget(p)
    p.set_cafe(again.cafes.cafe(cafe.id))
    assert p.clock.text() == "08:59"
    assert p.pause_btn.isEnabled()


def used(panel: RunPanel) -> float:
    """The share of the round the progress bar shows as used (0 to 1)."""
    bar = panel.progress
    return (bar.value() - bar.minimum()) / (bar.maximum() - bar.minimum())


def test_progress_bar_fills_with_the_time_used_also_after_a_restart(qtbot, tmp_path, clock):
    services = Services.build(Store(tmp_path / "progress.sqlite3"), clock=clock)
    cafe = make_cafe(services)  # 10-minute rounds
    p = RunPanel(services, QUndoStack())
    p.sound_enabled = False
    qtbot.addWidget(p)
    p.set_cafe(cafe)
    assert used(p) == 0
    p.start_btn.click()
    clock.now += 2 * 60
    p.tick()
    assert used(p) == pytest.approx(0.2, abs=0.01), "two minutes into a 10-minute round the bar is a fifth full"

    clock.now += 60  # Café Desk restarts three minutes in
    again = Services.build(Store(tmp_path / "progress.sqlite3"), clock=clock)
    restarted = RunPanel(again, QUndoStack())
    restarted.sound_enabled = False
    qtbot.addWidget(restarted)
    restarted.set_cafe(again.cafes.cafe(cafe.id))
    assert restarted.clock.text() == "07:00"
    assert used(restarted) == pytest.approx(0.3, abs=0.01)
    clock.now += 7 * 60
    restarted.tick()
    assert used(restarted) == 1


def test_cafe_without_tables_or_rounds_cannot_start(qtbot, panel, run_services):
    no_rounds = make_cafe(run_services, rounds=0)
    panel.set_cafe(no_rounds)
    assert "no rounds yet" in panel.question.text()
    assert not panel.start_btn.isEnabled()

    no_tables = make_cafe(run_services, tables=0)
    panel.set_cafe(no_tables)
    with qtbot.waitSignal(panel.sig_message) as blocker:
        qtbot.mouseClick(panel.start_btn, Qt.MouseButton.LeftButton)
    assert blocker.args == ["This café has no tables yet: add at least one on the Plan page."]
    assert run_services.running.state(no_tables.id).timer.status == "ready"


def test_closed_cafe_is_read_only(qtbot, panel, run_services):
    cafe = make_cafe(run_services)
    run_services.cafes.close(cafe.id)
    panel.set_cafe(run_services.cafes.cafe(cafe.id))
    for button in (panel.start_btn, panel.pause_btn, panel.extend_btn, panel.next_btn):
        assert not button.isEnabled()
    assert "closed" in panel.message.text()
    assert panel.clock.text() == CLOSED_CLOCK


def test_closing_a_running_cafe_stops_its_clock_on_the_run_page(qtbot, panel, run_services, clock):
    cafe = make_cafe(run_services)
    panel.set_cafe(cafe)
    qtbot.mouseClick(panel.start_btn, Qt.MouseButton.LeftButton)
    clock.now += 125
    panel.tick()
    assert (panel.clock.text(), panel.status.text()) == ("07:55", "Running")

    panel.on_changes(run_services.cafes.close(cafe.id))
    clock.now += 60
    panel.tick()
    assert (panel.clock.text(), panel.status.text()) == (CLOSED_CLOCK, "Stopped with 07:55 left")
    assert not panel.ticker.isActive()
    for button in (panel.start_btn, panel.pause_btn, panel.extend_btn, panel.next_btn):
        assert not button.isEnabled()

    panel.on_changes(run_services.cafes.reopen(cafe.id))
    clock.now += 60
    panel.tick()
    assert (panel.clock.text(), panel.status.text()) == ("07:55", "Paused"), "reopened, the countdown waits"
    assert panel.start_btn.isEnabled() and panel.start_btn.text() == "Re&sume"
    assert panel.message.text() == ""


def test_presenter_window_shows_question_and_time(qtbot, panel, run_services, clock, tmp_path):
    cafe = make_cafe(run_services)
    panel.set_cafe(cafe)
    panel.start_btn.click()
    panel.open_presenter()
    presenter = panel.presenter
    qtbot.addWidget(presenter)
    assert presenter.isVisible()
    assert presenter.isWindow(), "the presenter is its own top-level window"
    panel.tick()
    assert presenter.question.text() == "Question 1?"
    assert presenter.round_label.text() == "Round 1 of 2"
    assert presenter.clock.text() == "10:00"
    clock.now += 11 * 60
    panel.tick()
    assert presenter.clock.text() == "Time is up"
    presenter.resize(1280, 720)
    presenter.grab().save(str(tmp_path / "presenter.png"))
    # the clock fits its column (nothing clipped)
    assert presenter.clock.sizeHint().width() <= presenter.width() * 0.45
