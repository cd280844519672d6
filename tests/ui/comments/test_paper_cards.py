"""Typing in paper comment cards on the Comments page with the keyboard alone: Enter keeps a card and starts the next,
a card without consent is kept on screen but not stored, undo takes a card back, the risk finder reads cards as it
reads phones, over-long text and pastes get one plain line, and a closed café says so."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from cafe_desk.core.changes import Changes
from cafe_desk.core.participant_words import COMMENT_LIMIT, CONSENT
from cafe_desk.services.comments import PAPER_CLOSED, PAPER_NO_CONSENT, clean_comment
from cafe_desk.ui.comments.comments_model import COL_TIME, FLAG_BADGE
from cafe_desk.ui.comments.paper_card_steps import CARD_FLAGGED, CARD_KEPT
from cafe_desk.ui.comments.paper_cards import (
    GENERAL,
    NO_GROUP,
    NO_TABLE,
    NOT_TAKEN_BACK,
    PASTE_LIMIT,
    TAKEN_BACK,
    too_long_to_paste,
)
from tests.ui.shell.test_mnemonics import mnemonic

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SHOTS = os.environ.get("CAFE_DESK_SHOTS")


@pytest.fixture
def entry(qtbot, cafe_window):
    """The Comments page, and the paper-card entry opened from it with its Alt key."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is cafe_window, timeout=2000)
    qtbot.keyClick(cafe_window, Qt.Key.Key_6, CTRL)
    steps = cafe_window.comments_page.paper  # the page is built on first show
    qtbot.keyClick(cafe_window, Qt.Key.Key_T, ALT)  # a button's Alt key clicks it a moment later, as a mouse would
    qtbot.waitUntil(lambda: steps.dialog is not None and steps.dialog.isVisible(), timeout=2000)
    return steps.dialog


def focused() -> QWidget:
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_card(qtbot, dialog, table: str, about_down: int, consent: bool, words: str, group_down: int = 0) -> None:
    """One card as a typist types it: the table's number, arrows for the question and the group, Space for the tick,
    the words."""
    assert focused() is dialog.table, "each card starts at the table"
    if table:
        qtbot.keyClicks(focused(), table)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.about
    for _ in range(about_down):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.group
    for _ in range(group_down):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.consent
    if consent:
        press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.text
    for i, line in enumerate(words.split("\n")):
        if i:
            press(qtbot, Qt.Key.Key_Return, SHIFT)
        qtbot.keyClicks(focused(), line)
    press(qtbot, Qt.Key.Key_Return)


def papers(services, cafe):
    return [n for n in services.comments.comments(cafe.id) if n.source == "paper"]


def test_three_cards_typed_in_one_without_consent(qtbot, cafe_window, entry, services, cafe):
    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    assert entry.count.text() == "0 cards typed in"
    assert CONSENT in entry.consent.text()

    groups = services.planning.items(cafe.id, "group")
    type_card(qtbot, entry, "2", 1, True, "The bus stops at six\nso evenings are hard", group_down=2)
    [first] = papers(services, cafe)
    assert (first.text, first.table_id, first.round_id, first.group_id, first.source) == (
        "The bus stops at six\nso evenings are hard", tables[1].id, rounds[0].id, groups[1].id, "paper")
    assert entry.saved.text() == CARD_KEPT and entry.count.text() == "1 card typed in"
    assert (entry.text.toPlainText(), entry.consent.isChecked(), entry.table.currentText(),
            entry.about.currentText(), entry.group.currentText()) == ("", False, NO_TABLE, GENERAL, NO_GROUP), \
        "cleared for the next card"
    assert focused() is entry.table

    type_card(qtbot, entry, "", 0, False, "Please do not use this")
    assert entry.message.isVisible() and entry.message.text() == PAPER_NO_CONSENT
    assert entry.text.toPlainText() == "Please do not use this", "nothing silently lost"
    assert len(papers(services, cafe)) == 1 and entry.count.text() == "1 card typed in"
    qtbot.keyClick(entry, Qt.Key.Key_L, ALT)  # Clear card
    qtbot.waitUntil(lambda: entry.text.toPlainText() == "", timeout=2000)
    assert not entry.message.isVisible() and focused() is entry.table

    type_card(qtbot, entry, "3", 0, True, "Warm room and kind people")
    assert [n.text for n in papers(services, cafe)] == ["The bus stops at six\nso evenings are hard",
                                                      "Warm room and kind people"]
    assert entry.count.text() == "2 cards typed in"
    page = cafe_window.comments_page
    assert page.proxy.index(0, COL_TIME).data().split("\n")[1:] == ["Paper", "table 3"], "newest first, from paper"
    assert "(0 from phones, 2 on paper)" in page.count.text()


def test_undo_takes_back_the_last_card_and_redo_puts_it_back(qtbot, entry, services, cafe):
    type_card(qtbot, entry, "1", 0, True, "First card")
    type_card(qtbot, entry, "1", 0, True, "Second card")
    assert entry.undo_btn.isEnabled()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert [n.text for n in papers(services, cafe)] == ["First card"]
    assert entry.saved.text() == TAKEN_BACK and entry.count.text() == "1 card typed in"
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [n.text for n in papers(services, cafe)] == ["First card", "Second card"]

    qtbot.keyClicks(entry.text, "half typed")
    entry.text.setFocus()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert len(papers(services, cafe)) == 2, "Ctrl+Z undoes the typing first"


def test_undo_here_never_reaches_the_steps_from_before(qtbot, cafe_window, services, cafe):
    note, _ = services.comments.submit(cafe.id, "From a phone", consent=True)
    cafe_window.broadcast(Changes(notes=True))
    page = cafe_window.comments_page
    qtbot.keyClick(cafe_window, Qt.Key.Key_6, CTRL)
    page.select(note.id)
    page.toggle_hidden()
    dialog = page.open_paper_cards()
    assert not dialog.undo_btn.isEnabled()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert services.notes.get(note.id).hidden, "the hide made before the entry opened is left alone"


def test_a_card_with_a_risk_phrase_is_flagged_like_a_phone_comment(qtbot, cafe_window, entry, services, cafe):
    type_card(qtbot, entry, "4", 0, True, "Honestly I want to die some days")
    [card] = papers(services, cafe)
    phone, _ = services.comments.submit(cafe.id, "Honestly I want to die some days", consent=True)
    assert (card.flag, card.flag_words) == (phone.flag, phone.flag_words) != ("", "")
    assert entry.saved.text() == CARD_FLAGGED
    page = cafe_window.comments_page
    row = page.model.row_of(card.id)
    assert page.model.index(row, 1).data() == FLAG_BADGE


def test_long_text_and_a_huge_paste_get_one_plain_line(qtbot, entry, services, cafe):
    long_words = "a" * 5000
    entry.text.setFocus()
    entry.text.insertPlainText(long_words)
    entry.consent.setChecked(True)
    press(qtbot, Qt.Key.Key_Return)
    with pytest.raises(Exception) as phone_message:
        clean_comment(long_words)
    assert entry.message.text() == str(phone_message.value) and "\n" not in entry.message.text()
    assert entry.text.toPlainText() == long_words and papers(services, cafe) == []

    qtbot.keyClick(entry, Qt.Key.Key_L, ALT)
    qtbot.waitUntil(lambda: entry.text.toPlainText() == "", timeout=2000)
    huge = "word " * (1024 * 1024)
    QApplication.clipboard().setText(huge)
    entry.text.setFocus()
    press(qtbot, Qt.Key.Key_V, CTRL)
    assert entry.message.text() == too_long_to_paste(len(huge)) and entry.text.toPlainText() == ""
    assert len(huge) > PASTE_LIMIT

    QApplication.clipboard().setText("x" * COMMENT_LIMIT)
    press(qtbot, Qt.Key.Key_V, CTRL)
    assert entry.text.toPlainText() == "x" * COMMENT_LIMIT, "a paste a card can hold goes in"


@pytest.mark.parametrize("words", ["Thank you 🙏🏽 the tea was 👍", "شكراً لكم على الاستماع"])
def test_emoji_and_right_to_left_words_are_kept_whole(qtbot, entry, services, cafe, words):
    entry.consent.setChecked(True)
    entry.text.setFocus()
    entry.text.insertPlainText(words)
    press(qtbot, Qt.Key.Key_Return)
    assert [n.text for n in papers(services, cafe)] == [words]


def test_empty_card_gets_the_phone_pages_message(qtbot, entry, services, cafe):
    entry.consent.setChecked(True)
    press(qtbot, Qt.Key.Key_Return)  # Enter on the table list keeps the card too
    assert entry.message.text() == "Please write your comment in the box before sending it."
    assert papers(services, cafe) == []


def test_a_closed_cafe_says_so_plainly(qtbot, cafe_window, services, cafe):
    page = cafe_window.comments_page
    qtbot.keyClick(cafe_window, Qt.Key.Key_6, CTRL)
    dialog = page.open_paper_cards()
    dialog.consent.setChecked(True)
    dialog.text.insertPlainText("Written before the end")
    services.cafes.close(cafe.id)  # from the command line, say, while the entry is open
    dialog.submit()
    assert dialog.message.text() == PAPER_CLOSED and dialog.text.toPlainText() == "Written before the end"
    dialog.close()

    cafe_window.broadcast(Changes(cafes=True))
    qtbot.keyClick(cafe_window, Qt.Key.Key_T, ALT)
    qtbot.waitUntil(lambda: page.message.text() == PAPER_CLOSED, timeout=2000)
    assert not dialog.isVisible()
    assert papers(services, cafe) == []


def test_the_entry_has_its_own_alt_keys_once_each_and_fits_the_screen(qtbot, cafe_window, entry):
    letters: dict[str, list[str]] = {}
    for widget in entry.findChildren(QWidget):
        if widget.isVisibleTo(entry) and (isinstance(widget, QAbstractButton) or
                                          (isinstance(widget, QLabel) and widget.buddy() is not None)):
            letter = mnemonic(widget.text())
            if letter:
                letters.setdefault(letter, []).append(widget.text())
    assert {"t", "a", "c", "w", "s", "l", "u"} <= set(letters)
    assert not [texts for texts in letters.values() if len(texts) > 1], letters
    assert cafe_window.rect().contains(entry.geometry().translated(-cafe_window.geometry().topLeft()))
    assert entry.height() <= 768 - 60 and entry.width() <= 1366
    if SHOTS:
        entry.grab().save(os.path.join(SHOTS, "paper-cards.png"))


def test_taking_back_a_card_after_the_cafe_closed_says_it_is_still_kept(qtbot, entry, services, cafe):
    type_card(qtbot, entry, "1", 0, True, "Kept before the end")
    services.cafes.close(cafe.id)  # from another window or the command line
    entry.take_back()
    assert entry.message.text() == NOT_TAKEN_BACK and entry.saved.text() == ""
    assert [n.text for n in papers(services, cafe)] == ["Kept before the end"]
    assert not entry.undo_btn.isEnabled()
