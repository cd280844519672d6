"""Support lines are edited on the Plan page and reach every phone page; a bad line says which and why."""

from __future__ import annotations

import httpx
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from cafe_desk.core.safeguarding import DEFAULT_SUPPORT_LINES
from cafe_desk.server.runner import ParticipantServer
from cafe_desk.services import Services
from cafe_desk.ui.plan.plan_panel import PlanPanel


def leave(qtbot, panel):
    """Move the focus away from the box, as a facilitator tabbing on would."""
    panel.tabs.tabBar().setFocus()
    qtbot.waitUntil(lambda: not panel.support_box.edit.hasFocus())


def test_support_lines_are_saved_on_leaving_the_box_and_shown_to_phones(qtbot, services, cafe, db_path):
    stack = QUndoStack()
    panel = PlanPanel(services, stack)
    panel.sig_changed.connect(panel.on_changes)
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.set_cafe(cafe)
    panel.tabs.setCurrentWidget(panel.support_box)
    edit = panel.support_box.edit
    assert edit.toPlainText() == "Breathing Space: 0800 83 85 87\nSamaritans: 116 123\nNHS 24: 111"

    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    qtbot.keyClicks(edit, "Perth Crisis Team: 01738 123 456")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClicks(edit, "Samaritans: 116 123")
    leave(qtbot, panel)
    assert services.channel.settings(cafe.id).support_lines == (("Perth Crisis Team", "01738 123 456"),
                                                                ("Samaritans", "116 123"))
    server = ParticipantServer(Services.opener_for(db_path), cafe.id)
    server.start()
    try:
        page = httpx.get(server.cafe_url).text
        assert "Perth Crisis Team" in page and 'href="tel:01738123456"' in page
    finally:
        server.stop()

    stack.undo()
    assert services.channel.settings(cafe.id).support_lines == DEFAULT_SUPPORT_LINES


def test_a_line_without_a_number_is_refused_and_nothing_changes(qtbot, services, cafe):
    panel = PlanPanel(services, QUndoStack())
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.set_cafe(cafe)
    panel.tabs.setCurrentWidget(panel.support_box)
    messages = []
    panel.sig_message.connect(messages.append)
    edit = panel.support_box.edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    qtbot.keyClicks(edit, "Call your GP")
    leave(qtbot, panel)
    assert messages == ["Line 1 needs a name, a colon and a number, for example “Samaritans: 116 123”."]
    assert services.channel.settings(cafe.id).support_lines == DEFAULT_SUPPORT_LINES
    assert edit.toPlainText() == "Call your GP", "what was typed stays to be corrected"
