"""`Panel.push`, the one undo path every page and its child widgets share: a step is recorded only when it wrote
something, a refusal is a message (returned, so a dialog can stay open), and undo/redo announce what changed."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import ValidationError
from cafe_desk.ui.shell.panel import Panel

PLAN = Changes(plan=True)


def make_panel(qtbot, services):
    panel = Panel(services, QUndoStack())
    qtbot.addWidget(panel)
    said, changed = [], []
    panel.sig_message.connect(said.append)
    panel.sig_changed.connect(changed.append)
    return panel, said, changed


def test_a_step_that_wrote_is_recorded_and_announced(qtbot, services):
    panel, said, changed = make_panel(qtbot, services)
    calls = []
    assert panel.push("Rename", lambda: calls.append("do") or PLAN, lambda: calls.append("undo") or PLAN) is None
    assert calls == ["do"] and changed == [PLAN] and said == []
    assert panel.undo_stack.count() == 1 and panel.undo_stack.undoText() == "Rename"
    panel.undo_stack.undo()
    panel.undo_stack.redo()
    assert calls == ["do", "undo", "do"] and changed == [PLAN] * 3


def test_a_refused_step_is_a_message_and_no_step(qtbot, services):
    panel, said, changed = make_panel(qtbot, services)

    def refuse() -> Changes:
        raise ValidationError("The café needs a title.")

    assert panel.push("Change title", refuse, lambda: PLAN) == "The café needs a title."
    assert said == ["The café needs a title."] and changed == []
    assert panel.undo_stack.count() == 0


def test_a_step_that_changed_nothing_is_not_recorded(qtbot, services):
    """Nothing to undo: an Undo that did nothing (or undid something older) would surprise the facilitator."""
    panel, said, changed = make_panel(qtbot, services)
    assert panel.push("Hide comment", lambda: Changes(), lambda: PLAN) is None
    assert panel.undo_stack.count() == 0 and changed == [] and said == []


def test_a_step_already_done_is_recorded_without_running_it_again(qtbot, services):
    panel, _said, changed = make_panel(qtbot, services)
    calls = []
    panel.push("Add note", lambda: calls.append("do") or PLAN, lambda: calls.append("undo") or PLAN, done=True)
    assert calls == [] and changed == [] and panel.undo_stack.count() == 1
    panel.undo_stack.undo()
    assert calls == ["undo"] and changed == [PLAN]
