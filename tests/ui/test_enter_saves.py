"""Enter in the dialogs that save a file presses their save button, wherever the keyboard is in them, never Cancel or
Close (a facilitator who presses Enter after choosing should not lose the choices)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from cafe_desk.ui.printing.print_dialog import PrintDialog
from cafe_desk.ui.reports.cafe_summary_dialog import CafeSummaryDialog
from cafe_desk.ui.votes.ballot_cards_dialog import BallotCardsDialog


@pytest.mark.parametrize("kind", [PrintDialog, CafeSummaryDialog, BallotCardsDialog])
def test_enter_saves_and_never_cancels(qtbot, cafe_window, cafe, kind):
    if kind is BallotCardsDialog:
        dialog = kind(cafe_window.services, cafe.id, ["192.168.1.20"], 30, cafe_window)
    else:
        dialog = kind(cafe_window.services, cafe.id, cafe_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    saving = getattr(dialog, "save_button", None) or dialog.print_button
    defaults = [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()]
    assert defaults == [saving.text()]
    assert all(not b.autoDefault() for b in dialog.findChildren(QPushButton) if b.text() in ("Cancel", "Close"))
