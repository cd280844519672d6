"""The comments page: comments from phones arriving live, flags and the support notice, hide/pin as undoable steps,
the presenter window showing a participant's words only when the facilitator chooses, and the audit log."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle

from cafe_desk.core.changes import Changes
from cafe_desk.ui.comments.comments_model import (
    COL_ABOUT,
    COL_COMMENT,
    COL_FLAG,
    COL_STATE,
    COL_TIME,
    FLAG_BADGE,
    FOLLOWED_UP,
    NOT_SHOWN,
    STATE_TIP,
    STATES,
    CommentsModel,
)
from cafe_desk.ui.comments.comments_panel import READ_ONLY, SUPPORT_BANNER
from cafe_desk.ui.run.presenter import PARTICIPANT_LABEL
from tests.conftest import mental_health_plan
from tests.ui.run.test_phones_box import open_channel, post_comment

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(cafe_window):
    return cafe_window


def comment(window, services, cafe, text):
    """A comment as the server stores it, announced the way the server's event is."""
    note, _ = services.comments.submit(cafe.id, text, consent=True)
    window.broadcast(Changes(notes=True))
    return note


def state_of(panel, note_id):
    row = panel.model.row_of(note_id)
    return panel.model.index(row, COL_STATE).data()


def test_ctrl_6_opens_the_comments_page(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    assert window.current_page() is window.comments_page
    assert window.comments_page.title == "Comments"


def test_a_flagged_comment_from_a_phone_raises_the_support_notice(qtbot, window, services, cafe):
    server = open_channel(qtbot, window)
    window.activateWindow()  # a window left from an earlier test may have been given the focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)  # else Ctrl+6 goes nowhere
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    panel = window.comments_page
    assert window.current_page() is panel
    assert post_comment(server.cafe_url, "Evening drop-ins would help").status_code == 303
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=1000)
    assert not panel.banner.isVisible()

    assert post_comment(server.cafe_url, "Some days I feel I can't go on").status_code == 303
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=1000)
    assert panel.banner.isVisible()
    assert SUPPORT_BANNER in panel.banner_text.text()
    assert SUPPORT_BANNER == ("A comment may be from someone who needs support. Please read it and, if you can, make "
                              "sure someone checks in with the room; support lines are on every phone page.")
    top = panel.proxy.index(0, COL_FLAG)
    assert top.data() == FLAG_BADGE, "flagged comments are marked in words and sorted to the top"
    assert panel.proxy.index(1, COL_FLAG).data() == ""
    assert "1 needs care" in panel.count.text()

    qtbot.mouseClick(panel.banner_flagged, Qt.MouseButton.LeftButton)
    assert panel.flagged_only.isChecked() and not panel.banner.isVisible()
    assert panel.proxy.rowCount() == 1
    qtbot.mouseClick(panel.flagged_only, Qt.MouseButton.LeftButton)
    assert panel.proxy.rowCount() == 2
    flagged = [n for n in services.comments.comments(cafe.id) if n.flag]
    assert len(flagged) == 1 and not flagged[0].hidden, "a flag never hides a comment"


def text_room(table, col: int) -> int:
    """How wide a line of text column `col` can show: the column less the cell's margins either side."""
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return table.horizontalHeader().sectionSize(col) - 2 * margin


def test_the_short_columns_show_their_whole_text_at_1366_by_768(qtbot, window, services, cafe):
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    panel = window.comments_page  # empty, on screen: the comments arrive while the facilitator watches
    comment(window, services, cafe, "Evening drop-ins would help")
    flagged = comment(window, services, cafe, "Some days I feel I can't go on")
    assert flagged.flag
    table = panel.table
    assert text_room(table, COL_FLAG) >= QFontMetrics(table.font()).horizontalAdvance(FLAG_BADGE)
    panel.select(flagged.id)  # the care panel opens beside the table, leaving it at its narrowest
    assert panel.care.isVisible()
    bold = QFont(table.font())
    bold.setBold(True)
    plain, heavy = QFontMetrics(table.font()), QFontMetrics(bold)
    assert panel.proxy.index(0, COL_FLAG).data() == FLAG_BADGE
    assert text_room(table, COL_FLAG) >= max(heavy.horizontalAdvance(FLAG_BADGE), heavy.horizontalAdvance(FOLLOWED_UP))
    assert text_room(table, COL_TIME) >= plain.horizontalAdvance("23:59")
    assert text_room(table, COL_STATE) >= plain.horizontalAdvance(NOT_SHOWN), "“Not shown yet” on one line"
    for state in STATES:
        lines = plain.boundingRect(QRect(0, 0, text_room(table, COL_STATE), 1000), Qt.TextFlag.TextWordWrap,
                                   state).height() // plain.lineSpacing()
        assert lines <= 2, state
    assert table.horizontalHeader().sectionSize(COL_COMMENT) >= 180, "the comments keep most of the room"


def test_hide_then_undo_and_redo(qtbot, window, services, cafe):
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    panel = window.comments_page
    note = comment(window, services, cafe, "Too many forms to fill in")
    panel.select(note.id)
    assert panel.hide_btn.text() == "&Hide"
    qtbot.mouseClick(panel.hide_btn, Qt.MouseButton.LeftButton)
    assert services.comments.comments(cafe.id)[0].hidden
    assert state_of(panel, note.id) == "Hidden"
    assert panel.hide_btn.text() == "Un&hide"
    assert not panel.pin_btn.isEnabled(), "a hidden comment can't be pinned"

    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert not services.comments.comments(cafe.id)[0].hidden
    assert state_of(panel, note.id) == "Not shown yet"
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert services.comments.comments(cafe.id)[0].hidden


def test_pin_and_reveal_puts_the_words_on_the_presenter_window(qtbot, window, services, cafe):
    window.run_page.open_presenter()
    presenter = window.run_page.presenter
    qtbot.addWidget(presenter)
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    panel = window.comments_page
    first = comment(window, services, cafe, "Peer workers in every GP surgery")
    second = comment(window, services, cafe, "Shorter waits for talking therapies")

    panel.select(first.id)
    qtbot.mouseClick(panel.pin_btn, Qt.MouseButton.LeftButton)
    assert services.comments.pinned(cafe.id).id == first.id
    assert presenter.comment_box.isHidden(), "pinned, but hidden until the facilitator chooses to show it"

    qtbot.mouseClick(panel.reveal_btn, Qt.MouseButton.LeftButton)
    assert presenter.comment_box.isVisible()
    assert presenter.comment_label.text() == PARTICIPANT_LABEL == "A participant's words:"
    assert first.text in presenter.comment_text.text()

    panel.select(second.id)
    qtbot.mouseClick(panel.pin_btn, Qt.MouseButton.LeftButton)
    assert second.text in presenter.comment_text.text(), "pinning another replaces the one on screen"
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert services.comments.pinned(cafe.id).id == first.id, "undo puts the earlier pin back"
    assert first.text in presenter.comment_text.text()

    panel.select(first.id)
    qtbot.mouseClick(panel.hide_btn, Qt.MouseButton.LeftButton)
    assert presenter.comment_box.isHidden(), "a hidden comment leaves the projector at once"
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert services.comments.pinned(cafe.id).id == first.id, "undoing the hide restores the pin"
    assert presenter.comment_box.isVisible()

    qtbot.mouseClick(panel.reveal_btn, Qt.MouseButton.LeftButton)
    assert presenter.comment_box.isHidden()
    assert services.comments.pinned(cafe.id).id == first.id


def test_the_state_column_says_what_is_true_of_each_comment(qtbot, window, services, cafe):
    window.run_page.open_presenter()
    presenter = window.run_page.presenter
    qtbot.addWidget(presenter)
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    panel = window.comments_page
    first = comment(window, services, cafe, "Peer workers in every GP surgery")
    second = comment(window, services, cafe, "Shorter waits for talking therapies")
    assert (state_of(panel, first.id), state_of(panel, second.id)) == ("Not shown yet", "Not shown yet"), "never shown"
    assert panel.model.headerData(COL_STATE, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == STATE_TIP
    assert "remembered until Café Desk closes" in STATE_TIP

    panel.select(first.id)
    qtbot.mouseClick(panel.pin_btn, Qt.MouseButton.LeftButton)
    assert state_of(panel, first.id) == "Pinned (not yet on screen)"
    assert presenter.comment_box.isHidden()

    qtbot.mouseClick(panel.reveal_btn, Qt.MouseButton.LeftButton)
    assert presenter.comment_box.isVisible() and first.text in presenter.comment_text.text()
    assert state_of(panel, first.id) == "On the projector now"
    assert state_of(panel, second.id) == "Not shown yet"

    panel.select(second.id)
    qtbot.mouseClick(panel.pin_btn, Qt.MouseButton.LeftButton)
    assert second.text in presenter.comment_text.text()
    assert state_of(panel, second.id) == "On the projector now"
    assert state_of(panel, first.id) == "Was on the projector"

    qtbot.mouseClick(panel.reveal_btn, Qt.MouseButton.LeftButton)
    assert presenter.comment_box.isHidden()
    assert state_of(panel, second.id) == "Pinned (off the screen now)"
    assert state_of(panel, first.id) == "Was on the projector"

    panel.select(second.id)
    qtbot.mouseClick(panel.hide_btn, Qt.MouseButton.LeftButton)
    assert state_of(panel, second.id) == "Hidden"
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, CTRL)
    assert state_of(panel, second.id) == "Pinned (off the screen now)", "undoing the hide restores the pin"

    other, _ = services.planning.create(mental_health_plan(services, locality="Leeds"))
    window.open_cafe(other.id)
    window.open_cafe(cafe.id)
    assert state_of(panel, first.id) == "Was on the projector", "remembered while Café Desk stays open"


def test_audit_log_export_and_a_closed_cafe_is_read_only(qtbot, window, services, cafe, tmp_path):
    panel = window.comments_page
    note = comment(window, services, cafe, "More youth workers")
    panel.select(note.id)
    qtbot.mouseClick(panel.hide_btn, Qt.MouseButton.LeftButton)
    target = tmp_path / "audit.csv"
    panel.export_audit(str(target))
    assert panel.message.text() == f"Audit log saved to {target}."
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[0][:2] == ["when (UTC)", "action"]
    assert ["hide", "comment", note.id] in [r[1:4] for r in rows]
    assert "More youth workers" not in target.read_text(encoding="utf-8"), "the log never holds comment text"

    panel.export_audit(str(tmp_path / "no-such-folder" / "audit.csv"))
    assert panel.message.text().startswith("The audit log couldn't be saved to ")
    assert panel.message.text().endswith("please choose another folder.")

    window.broadcast(services.cafes.close(cafe.id))
    panel.select(note.id)
    assert panel.message.text() == READ_ONLY
    assert not panel.hide_btn.isEnabled() and not panel.pin_btn.isEnabled()
    assert panel.export_btn.isEnabled()


def test_comments_model_follows_the_rules(qtbot, model_tester, services, cafe):
    model = CommentsModel()
    model_tester(model)
    notes = [services.comments.submit(cafe.id, f"Comment {i}", consent=True)[0] for i in range(3)]
    model.load(notes[:1], model.labels)
    inserted = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.modelReset.connect(lambda: inserted.append("reset"))
    assert [n.id for n in model.sync(notes)] == [n.id for n in notes[1:]]
    assert inserted == [(1, 2)], "new comments are inserted, not a full reset"
    services.comments.set_hidden(notes[0].id, True)
    assert model.sync(services.comments.comments(cafe.id)) == []
    assert model.index(0, COL_STATE).data() == "Hidden"


def test_the_about_column_names_the_question_or_outcome(qtbot, window, services, cafe):
    first_round = services.planning.items(cafe.id, "round")[0]
    outcome = services.planning.items(cafe.id, "outcome")[0]
    services.comments.submit(cafe.id, "About the first question", consent=True, round_id=first_round.id,
                             outcome_id=outcome.id)
    window.broadcast(Changes(notes=True))
    about = window.comments_page.model.index(0, COL_ABOUT).data()
    assert about == f"Round 1: {first_round.prompt}; {outcome.title}"


def test_following_up_keeps_the_row_where_it_is_and_chosen(qtbot, window, services, cafe):
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    panel = window.comments_page
    flagged = comment(window, services, cafe, "Some days I feel I can't go on")
    comment(window, services, cafe, "Evening drop-ins would help")
    comment(window, services, cafe, "More benches by the bus stop")
    assert flagged.flag
    texts = [panel.proxy.index(r, COL_COMMENT).data() for r in range(panel.proxy.rowCount())]
    panel.select(flagged.id)
    row = panel.table.selectionModel().selectedRows()[0].row()
    window.broadcast(services.safeguarding.follow_up(flagged.id, "AB"))
    assert panel.proxy.index(row, COL_FLAG).data() == FOLLOWED_UP
    assert [panel.proxy.index(r, COL_COMMENT).data() for r in range(panel.proxy.rowCount())] == texts
    assert panel.selected().id == flagged.id and panel.table.selectionModel().selectedRows()[0].row() == row
    window.resize(1366, 768)
    Path("/tmp/shots").mkdir(exist_ok=True)
    window.grab().save("/tmp/shots/comments_followed_up.png")
