"""The facilitator can't miss an item that needs care: a badge with the count on the page that holds it (Comments
for phone comments, Notes for points), the total on the status strip, a calm "what to do now" panel beside the item
with the café's safeguarding lead, and "Mark as followed up" (one undoable step) that clears the badges."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from cafe_desk.core.changes import Changes
from cafe_desk.ui.run.presenter import PresenterWindow
from cafe_desk.ui.widgets.care_panel import FollowUpDialog
from tests.ui.run.test_phones_box import open_channel, post_comment

CTRL = Qt.KeyboardModifier.ControlModifier


def nav_text(window, page) -> str:
    return window.nav.item(window.page_index(page)).text()


def open_dialog() -> FollowUpDialog | None:
    """The follow-up dialog on screen, if it is."""
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, FollowUpDialog) and w.isVisible()), None)


def when_dialog_opens(act) -> None:
    """Run `act(dialog)` as soon as the (modal) follow-up dialog is on screen, as a person would answer it."""

    def attempt(tries=200):
        dialog = open_dialog()
        if dialog is not None:
            act(dialog)
        elif tries:
            QTimer.singleShot(10, lambda: attempt(tries - 1))

    QTimer.singleShot(0, attempt)


def answer_follow_up(qtbot, by: str, note: str = "") -> None:
    """When the follow-up dialog opens, type like a person would and press its OK button."""

    def answer(dialog):
        dialog.by.clear()
        qtbot.keyClicks(dialog.by, by)
        qtbot.keyClicks(dialog.note, note)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_dialog_opens(answer)


def test_a_worrying_comment_from_a_phone_raises_the_badges(qtbot, cafe_window, services, cafe):
    window = cafe_window
    server = open_channel(qtbot, window)
    assert nav_text(window, window.comments_page) == "Comments" and not window.care_button.isVisible()
    assert post_comment(server.cafe_url, "More buses to the hospital please").status_code == 303
    assert post_comment(server.cafe_url, "honestly everyone would be better off without me").status_code == 303
    qtbot.waitUntil(lambda: nav_text(window, window.comments_page) == "Comments  ⚑ 1", timeout=2000)
    assert window.care_button.isVisible() and window.care_button.text() == "⚑ 1 needs care"
    assert nav_text(window, window.notes_page) == "Notes"
    qtbot.mouseClick(window.care_button, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.comments_page
    page = window.comments_page
    assert page.selected().text == "honestly everyone would be better off without me"
    assert page.care.isVisible()
    assert page.care.heading.text() == "⚑ Needs care: May be thinking of ending their life"
    assert "Noticed: “better off without me”" in page.care.body.text()
    assert "Something new may need care: see Comments" in window.statusBar().currentMessage()


def test_a_point_typed_by_the_note_taker_raises_the_notes_badge(qtbot, cafe_window, services, cafe):
    window = cafe_window
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    notes = window.notes_page
    qtbot.keyClicks(notes.entry.line, "P said her partner takes her bank card and she is scared to go home")
    qtbot.keyClick(notes.entry.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: nav_text(window, notes) == "Notes  ⚑ 1", timeout=2000)
    assert window.care_button.text() == "⚑ 1 needs care"
    assert notes.care.isVisible()
    assert notes.care.heading.text() == "⚑ Needs care: May be being harmed by someone · Table 1, round 1, a point"
    assert notes.notes_list.model.index(0, 3).data().startswith("⚑ Needs care · ")


def test_marking_followed_up_clears_the_badges_and_undo_brings_them_back(qtbot, cafe_window, services, cafe):
    window = cafe_window
    note, _ = services.comments.submit(cafe.id, "I've been saving up my tablets", consent=True)
    window.broadcast(Changes(notes=True))
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    page = window.comments_page
    page.select(note.id)
    assert page.care.follow_btn.isVisible()
    answer_follow_up(qtbot, "JB", "Spoke with her at the break")
    qtbot.mouseClick(page.care.follow_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: nav_text(window, page) == "Comments", timeout=2000)
    assert not window.care_button.isVisible()
    followup = services.safeguarding.followup(note.id)
    assert (followup.by, followup.note) == ("JB", "Spoke with her at the break")
    assert "Followed up by JB at " in page.care.status.text()
    assert page.care.take_back_btn.isVisible()

    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)  # the keyboard is back here
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    assert services.safeguarding.followup(note.id) is None
    assert nav_text(window, page) == "Comments  ⚑ 1" and window.care_button.isVisible()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert services.safeguarding.followup(note.id).by == "JB"
    assert nav_text(window, page) == "Comments"


def test_the_follow_up_dialog_asks_for_initials_and_keeps_the_item_waiting_if_cancelled(qtbot, cafe_window,
                                                                                        services, cafe):
    window = cafe_window
    note, _ = services.comments.submit(cafe.id, "some nights i just want it all to stop", consent=True)
    window.broadcast(Changes(notes=True))
    page = window.comments_page
    window.show_page(window.page_index(page))
    page.select(note.id)

    def press_ok_empty_then_cancel(dialog):
        buttons = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.message.text() == ("Please type your initials or name, so others know "
                                                                "who followed this up.")
        qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    when_dialog_opens(press_ok_empty_then_cancel)
    qtbot.mouseClick(page.care.follow_btn, Qt.MouseButton.LeftButton)
    assert services.safeguarding.followup(note.id) is None
    assert nav_text(window, page) == "Comments  ⚑ 1"


def test_the_safeguarding_lead_typed_on_the_plan_page_shows_beside_a_flagged_item(qtbot, cafe_window, services,
                                                                                  cafe):
    window = cafe_window
    plan = window.plan_page
    window.show_page(window.page_index(plan))
    plan.tabs.setCurrentWidget(plan.support_box)
    assert plan.tabs.tabText(plan.tabs.currentIndex()) == "Support && safeguarding"
    box = plan.support_box
    box.lead.setFocus()
    qtbot.keyClicks(box.lead, "Morag, safeguarding lead, 0131 496 0000")
    qtbot.keyClick(box.lead, Qt.Key.Key_Tab)
    assert services.safeguarding.lead(cafe.id) == "Morag, safeguarding lead, 0131 496 0000"
    note, _ = services.comments.submit(cafe.id, "My dad hits my wee brother when he's drunk", consent=True)
    window.broadcast(Changes(notes=True))
    window.show_care()
    assert window.comments_page.selected().id == note.id
    care = window.comments_page.care
    assert care.heading.text() == "⚑ Needs care: A child may be at risk"
    assert "Morag, safeguarding lead, 0131 496 0000" in care.body.text()
    window.undo_action.trigger()  # Edit → Undo
    assert services.safeguarding.lead(cafe.id) == "", "setting the lead is one undoable step"
    assert box.lead.text() == ""


def test_a_flagged_comment_reaches_the_projector_only_when_the_facilitator_says_so(qtbot, cafe_window, services,
                                                                                    cafe):
    window = cafe_window
    note, _ = services.comments.submit(cafe.id, "tonight might be the night i end it all", consent=True)
    window.broadcast(Changes(notes=True))
    page = window.comments_page
    window.show_page(window.page_index(page))
    page.select(note.id)
    asked = []
    page.ask_projector = lambda text: asked.append(text) or False  # the facilitator answers "No"
    qtbot.mouseClick(page.pin_btn, Qt.MouseButton.LeftButton)
    assert asked and "may be from someone who needs care" in asked[0]
    assert not services.comments.comments(cafe.id)[0].pinned
    page.ask_projector = lambda text: asked.append(text) or True  # "Yes": pinned, then asked again before showing
    qtbot.mouseClick(page.pin_btn, Qt.MouseButton.LeftButton)
    assert services.comments.comments(cafe.id)[0].pinned
    shown = []
    page.sig_projector.connect(shown.append)
    page.ask_projector = lambda text: asked.append(text) or False
    qtbot.mouseClick(page.reveal_btn, Qt.MouseButton.LeftButton)
    assert not page.reveal_btn.isChecked() and shown == [], "nothing reached the room"
    assert "Show it to the whole room" in asked[-1]


def test_a_flagged_summary_is_reached_from_next_and_marked_on_its_box(qtbot, cafe_window, services, cafe):
    window = cafe_window
    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    services.notes.add(cafe.id, tables[0].id, rounds[0].id, "Told us she has been cutting again this week")
    services.notes.set_summary(cafe.id, tables[1].id, rounds[1].id, "One man said he wants to end his life")
    window.broadcast(Changes(notes=True))
    notes = window.notes_page
    window.show_page(window.page_index(notes))
    assert nav_text(window, notes) == "Notes  ⚑ 2"
    seen = set()
    for _ in range(2):
        qtbot.mouseClick(notes.care.next_btn, Qt.MouseButton.LeftButton)
        seen.add(notes.care.note.kind)
    assert seen == {"point", "summary"}, "Next goes round every item that needs care, summaries too"
    while notes.care.note.kind != "summary":
        qtbot.mouseClick(notes.care.next_btn, Qt.MouseButton.LeftButton)
    assert (notes.table_combo.currentData(), notes.round_combo.currentData()) == (tables[1].id, rounds[1].id)
    assert "needs care" in notes.summary_box.title()
    assert notes.care.heading.text().endswith("Table 2, round 2, what the table carries forward")


def test_text_from_a_phone_is_never_read_as_html(qtbot, cafe_window, services, cafe):
    window = cafe_window
    note, _ = services.comments.submit(cafe.id, 'Thanks for the tea <img src="/dev/zero"> <h1>big</h1>',
                                       consent=True)
    window.broadcast(Changes(notes=True))
    model = window.comments_page.model
    tooltip = model.index(model.row_of(note.id), 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tooltip and "&lt;img src=&quot;/dev/zero&quot;&gt;" in tooltip
    presenter = PresenterWindow()
    qtbot.addWidget(presenter)
    presenter.show_comment(note.text)
    assert presenter.comment_text.textFormat() == Qt.TextFormat.PlainText
    assert presenter.comment_text.text() == f"“{note.text}”"


def test_titles_from_an_imported_bundle_are_never_read_as_html(qtbot):
    from cafe_desk.core.synthesis import CentralCafe
    from cafe_desk.ui.synthesis.synthesis_models import ThemeCountsModel

    model = ThemeCountsModel()
    cafe = CentralCafe("c1", '<img src="/dev/zero"> title', "2026-03-14", "<b>Perth</b>", "dots", 3, "e1", "x", 1)
    model.set_counts([], [cafe], {})
    tooltip = model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tooltip and "&lt;img" in tooltip and "&lt;b&gt;Perth" in tooltip


def test_outcome_titles_in_the_running_totals_are_shown_as_written(qtbot, cafe_window, services, cafe):
    window = cafe_window
    outcome = services.planning.items(cafe.id, "outcome")[0]
    services.planning.update_item("outcome", dataclasses.replace(outcome, title='<img src="/dev/zero"> outcome'))
    services.votes.set_tally(cafe.id, outcome.id, 2)  # the totals are listed once there are votes
    window.broadcast(Changes(plan=True, votes=True))
    votes = window.votes_page
    votes._refresh_totals()
    assert "<img" not in votes.totals_label.text() and "&lt;img" in votes.totals_label.text()
