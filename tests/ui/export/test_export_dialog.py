"""The export dialog: review shows each redaction, items can be left out, the bundle is written off the GUI thread."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pyrage
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from cafe_desk.export.bundle import open_bundle
from cafe_desk.export.keys import new_identity
from cafe_desk.ui.export.export_dialog import COL_LEAVE_OUT, COL_TEXT, HTML_ROLE, READING, ExportDialog
from cafe_desk.ui.export.export_dialog import ask_to_discard as REAL_ASK
from cafe_desk.ui.export.review_model import COL_WHERE
from tests.ui.conftest import review_read

PLANTED = "Ring Siobhán Kowalski on 07700 900418 about the walking group"


@pytest.fixture
def notes(services, cafe):
    """Three notes (one with a planted name and phone number) and one hidden comment."""
    services.running.start(cafe.id)
    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    add = services.notes.add
    planted = add(cafe.id, tables[0].id, rounds[0].id, PLANTED)[0]
    leave = add(cafe.id, tables[0].id, rounds[0].id, "Bus fares stop people coming to the drop-in")[0]
    keep = add(cafe.id, tables[1].id, rounds[0].id, "More peer support in the evenings")[0]
    hidden, _ = services.comments.submit(cafe.id, "Zebulon says hello", consent=True)
    services.comments.set_hidden(hidden.id, True)
    return {"planted": planted, "leave": leave, "keep": keep, "hidden": hidden}


@pytest.fixture
def dialog(qtbot, services, cafe, notes):
    d = ExportDialog(services, cafe.id)
    qtbot.addWidget(d)
    review_read(qtbot, d)
    d.resize(1366, 768)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow)  # shortcuts such as Ctrl+R work in the active window
    return d


def row_of(dialog, note_id: str) -> int:
    return next(i for i, r in enumerate(dialog.model.rows) if r.item.id == note_id)


def test_review_shows_the_redactions_of_a_planted_name_and_phone(qtbot, dialog, notes):
    row = row_of(dialog, notes["planted"].id)
    text = dialog.model.index(row, COL_TEXT)
    assert text.data() == "Ring [NAME] on [PHONE] about the walking group"
    rich = text.data(HTML_ROLE)
    assert "<s" in rich and "Siobhán Kowalski</s>" in rich and "07700 900418</s>" in rich
    assert "1 name and 1 phone number removed" in dialog.summary.text()
    assert "1 comment left out" in dialog.summary.text()  # the hidden one, by default
    hidden = dialog.model.index(row_of(dialog, notes["hidden"].id), COL_LEAVE_OUT)
    assert hidden.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not hidden.flags() & Qt.ItemFlag.ItemIsUserCheckable
    qtbot.waitUntil(lambda: dialog.view.rowHeight(row) < 60)  # rows fit their text once laid out
    Path("/tmp/shots").mkdir(parents=True, exist_ok=True)
    dialog.grab().save("/tmp/shots/export_review.png")


def test_the_review_counts_a_summary_apart_and_says_one_in_the_singular(qtbot, services, cafe, notes):
    table = services.planning.items(cafe.id, "table")[0]
    round_ = services.planning.items(cafe.id, "round")[0]
    summary = services.notes.set_summary(cafe.id, table.id, round_.id, "Evening support matters most")[0]
    dialog = open_dialog(qtbot, services, cafe.id)
    assert dialog.summary.text().startswith("3 points, 1 summary, 0 comments will be exported: ")
    assert dialog.model.index(row_of(dialog, summary.id), COL_WHERE).data() == "Table 1, round 1 (summary)"
    for note in (notes["planted"], notes["leave"]):
        dialog.model.setData(dialog.model.index(row_of(dialog, note.id), COL_LEAVE_OUT), Qt.CheckState.Checked,
                             Qt.ItemDataRole.CheckStateRole)
    assert dialog.summary.text().startswith("1 point, 1 summary, 0 comments will be exported: nothing personal found")
    assert dialog.summary.text().endswith("; 2 points, 1 comment left out")


def test_leave_out_one_note_and_export(qtbot, dialog, notes, tmp_path, services):
    secret, public = new_identity()
    dialog.keys.setFocus()
    qtbot.keyClicks(dialog.keys, public)
    row = row_of(dialog, notes["leave"].id)
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(dialog.model.index(row, COL_TEXT))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)  # ticks "Leave out" on the selected row
    assert dialog.model.rows[row].leave_out
    assert dialog.summary.text().startswith("2 points, 0 comments will be exported: ")
    assert dialog.summary.text().endswith("; 1 point, 1 comment left out")
    target = tmp_path / "file.cafe"
    op = dialog.export_to(target)
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    assert dialog.message.text() == ""
    assert dialog.summary.text().startswith(f"Saved to {target}")
    assert dialog.summary.text().splitlines()[1] == ("Send this file to the central team (email, a USB stick or a "
                                                     "shared folder): only their key opens it.")
    assert dialog.summary.text().splitlines()[2].startswith("Exported “")
    assert ": 2 points, 0 comments; no votes; 1 point, 1 comment left out; " in dialog.summary.text(), (
        "as the review said, and what the votes were")
    assert dialog.summary.text().splitlines()[0].endswith(
        f" — signed by this laptop's key ({services.signing_key.fingerprint()})")
    manifest, files = open_bundle(target.read_bytes(), [pyrage.x25519.Identity.from_str(secret)])
    ids = {json.loads(line)["id"] for line in files["notes.jsonl"].decode().splitlines()}
    assert notes["leave"].id not in ids and notes["hidden"].id not in ids
    assert {notes["planted"].id, notes["keep"].id} <= ids
    assert manifest["left_out"] == {"hidden": 1, "flagged": 0, "by_facilitator": 1}
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []
    assert services.store.path.exists()
    # The keys are remembered for next time.
    again = ExportDialog(services, notes["keep"].cafe_id)
    qtbot.addWidget(again)
    review_read(qtbot, again)
    assert again.keys.toPlainText() == public


def test_a_bad_key_line_gives_a_message_and_writes_nothing(qtbot, dialog, tmp_path):
    _, public = new_identity()
    dialog.keys.setPlainText(f"{public}\nage1-not-really-a-key")
    target = tmp_path / "file.cafe"
    assert dialog.export_to(target) is None
    assert dialog.message.text() == ("Line 2 of the public keys isn't a whole public key: check it was copied in "
                                     "full and with no typing mistake (it starts with age1 and is 62 characters "
                                     "long).")
    assert not target.exists()


def test_no_key_at_all_asks_for_one(dialog, tmp_path):
    assert dialog.export_to(tmp_path / "file.cafe") is None
    assert dialog.message.text().startswith("Paste the central team's public key")
    assert list(tmp_path.glob("*.cafe")) == []


def test_a_key_file_adds_its_public_key(dialog, tmp_path):
    _, public = new_identity()
    key_file = tmp_path / "central.pub"
    key_file.write_text(f"# the central team\n{public}\n", encoding="utf-8")
    assert dialog.load_key_file(key_file)
    assert dialog.recipients() == [public]
    empty = tmp_path / "notes.txt"
    empty.write_text("nothing here\n", encoding="utf-8")
    assert not dialog.load_key_file(empty)
    assert dialog.message.text() == "notes.txt has no public key in it (a line starting with age1)."


def test_a_key_file_is_checked_key_by_key_and_a_secret_key_file_is_never_taken(dialog, tmp_path):
    secret, public = new_identity()
    mixed = tmp_path / "keys.txt"
    mixed.write_text(f"age1notakey\nage1xyz {public}\n", encoding="utf-8")
    assert dialog.load_key_file(mixed)
    assert dialog.recipients() == [public], "words that only look like keys are left out"
    dialog.keys.clear()
    keygen = tmp_path / "central.key"  # as `age-keygen` writes it: the public key named in a comment
    keygen.write_text(f"# created: 2026-12-02T10:00:00Z\n# public key: {public}\n{secret}\n", encoding="utf-8")
    assert not dialog.load_key_file(keygen)
    assert dialog.message.text() == ("central.key is the central team's secret key: it must stay with them. Ask "
                                     "them for their public key instead.")
    assert dialog.keys.toPlainText() == ""
    only_fakes = tmp_path / "fake.pub"
    only_fakes.write_text("age1notakey\n", encoding="utf-8")
    assert not dialog.load_key_file(only_fakes)
    assert dialog.message.text() == "fake.pub has no public key in it (a line starting with age1)."


def test_a_missing_folder_is_one_line_and_nothing_written(qtbot, dialog, tmp_path):
    _, public = new_identity()
    dialog.keys.setPlainText(public)
    target = tmp_path / "gone" / "file.cafe"
    op = dialog.export_to(target)
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    assert dialog.message.text() == f"The folder for {target} does not exist, so nothing was written."
    assert list(tmp_path.glob("**/*.cafe")) == []


def test_the_dialog_opens_at_once_and_reads_the_review_off_the_gui_thread(qtbot, services, cafe, notes, tmp_path):
    dialog = ExportDialog(services, cafe.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary.text() == READING and dialog.model.rowCount() == 0
    assert not dialog.view.isEnabled() and not dialog.editor.isEnabled() and not dialog.export_button.isEnabled()
    assert dialog.export_to(tmp_path / "file.cafe") is None  # nothing to export until the review is read
    review_read(qtbot, dialog)
    assert dialog.model.rowCount() == 4 and dialog.summary.text().startswith("3 points, 0 comments will be exported")
    assert dialog.view.isEnabled() and dialog.editor.isEnabled() and dialog.export_button.isEnabled()
    assert dialog.preview_op.worker.ident not in (None, threading.get_ident())


def test_closing_the_dialog_before_the_review_arrives_raises_nothing(qtbot, cafe_window, notes):
    dialog = cafe_window.open_export_dialog()
    op = dialog.preview_op
    assert not dialog.ready
    dialog.reject()  # the main window's dialog is deleted on close
    qtbot.waitUntil(lambda: op.done and cafe_window.findChild(ExportDialog) is None, timeout=20_000)
    qtbot.wait(50)  # anything still queued for the dialog has arrived: pytest-qt fails the test on an exception
    assert cafe_window.isVisible()


def test_the_cafe_menu_opens_the_dialog_only_with_a_cafe_open(qtbot, cafe_window):
    assert cafe_window.export_action.isEnabled()
    cafe_window.export_action.trigger()
    dialog = cafe_window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.cafe_id == cafe_window.cafe.id
    review_read(qtbot, dialog)
    dialog.reject()
    cafe_window.open_cafe(None)
    assert not cafe_window.export_action.isEnabled()


def test_a_flagged_comment_is_left_out_until_put_back(qtbot, services, cafe, notes, tmp_path):
    back, _ = services.comments.submit(cafe.id, "Some days I can't go on", consent=True)
    stays, _ = services.comments.submit(cafe.id, "On bad weeks I think I can't go on", consent=True)
    assert back.flag and stays.flag
    secret, public = new_identity()
    dialog = ExportDialog(services, cafe.id)
    qtbot.addWidget(dialog)
    review_read(qtbot, dialog)
    assert {back.id, stays.id} <= dialog.model.leave_out()
    box = dialog.model.index(row_of(dialog, back.id), COL_LEAVE_OUT)
    assert box.data() == "Left out (needs care, not yet followed up)"
    dialog.model.setData(box, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    dialog.keys.setPlainText(public)
    op = dialog.export_to(tmp_path / "file.cafe")
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    manifest, files = open_bundle((tmp_path / "file.cafe").read_bytes(), [pyrage.x25519.Identity.from_str(secret)])
    ids = {json.loads(line)["id"] for line in files["notes.jsonl"].decode().splitlines()}
    assert back.id in ids and stays.id not in ids
    assert manifest["left_out"] == {"hidden": 1, "flagged": 1}


# --- changing the proposed redactions: put one back, remove more by selecting words ----------------------------------

TAM = "The big lad from the chippy drives some of them 😀\r\nand Siobhán Kowalski and the wee yin too"


def open_dialog(qtbot, services, cafe_id: str) -> ExportDialog:
    d = ExportDialog(services, cafe_id)
    qtbot.addWidget(d)
    review_read(qtbot, d)
    d.resize(1366, 768)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow)
    return d


def select_row(qtbot, dialog, row: int) -> None:
    """Click the row's Where cell, as a person would."""
    rect = dialog.view.visualRect(dialog.model.index(row, COL_WHERE))
    qtbot.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.view.currentIndex().row() == row


def select_words(qtbot, dialog, words: str) -> None:
    """Select `words` in the reading pane with a text cursor (positions as the pane counts them)."""
    pane = dialog.editor.pane
    pane.setFocus()
    found = pane.document().find(words)
    assert not found.isNull(), words
    cursor = pane.textCursor()
    cursor.setPosition(found.selectionStart())
    cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)
    assert pane.textCursor().selectedText() == words


def menu_key(qtbot, dialog) -> None:
    """Press the Menu key with the table focused."""
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Menu)


def export_and_open(qtbot, dialog, tmp_path):
    secret, public = new_identity()
    dialog.keys.setPlainText(public)
    target = tmp_path / "file.cafe"
    op = dialog.export_to(target)
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    assert dialog.message.text() == ""
    manifest, files = open_bundle(target.read_bytes(), [pyrage.x25519.Identity.from_str(secret)])
    texts = {row["id"]: row["text"] for row in map(json.loads, files["notes.jsonl"].decode().splitlines())}
    return manifest, texts


def test_put_back_a_proposed_name_exports_it_and_counts_one_fewer(qtbot, dialog, notes, tmp_path, model_tester):
    model_tester(dialog.model)
    before = dialog.exporter.build(notes["planted"].cafe_id).redactions
    assert dialog.summary.text() == ("3 points, 0 comments will be exported: "
                                     "1 name and 1 phone number removed; 1 comment left out")
    row = row_of(dialog, notes["planted"].id)
    select_row(qtbot, dialog, row)
    assert dialog.editor.pane.toPlainText() == PLANTED
    qtbot.mouseClick(dialog.editor.put_back_button, Qt.MouseButton.LeftButton)  # two removals: a menu
    menu = dialog.editor.menu
    assert [a.text() for a in menu.actions()] == ["Put back “Siobhán Kowalski”", "Put back “07700 900418”"]
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    text = dialog.model.index(row, COL_TEXT)
    assert text.data() == "Ring Siobhán Kowalski on [PHONE] about the walking group"
    assert "Siobhán Kowalski</span>&nbsp;<i" in text.data(HTML_ROLE) and "(put back)" in text.data(HTML_ROLE)
    assert dialog.summary.text() == "3 points, 0 comments will be exported: 1 phone number removed; 1 comment left out"
    manifest, texts = export_and_open(qtbot, dialog, tmp_path)
    assert texts[notes["planted"].id] == "Ring Siobhán Kowalski on [PHONE] about the walking group"
    assert manifest["redactions"].get("name", 0) == before["name"] - 1
    assert manifest["redactions"]["phone"] == before["phone"]


def test_the_button_puts_back_the_only_removal_at_once_and_the_row_menu_removes_it_again(qtbot, dialog, notes):
    row = row_of(dialog, notes["planted"].id)
    select_row(qtbot, dialog, row)
    dialog.editor.choose(row, dialog.editor.choices(row)[0][1])  # the name put back; only the phone is removed
    qtbot.mouseClick(dialog.editor.put_back_button, Qt.MouseButton.LeftButton)
    assert dialog.model.index(row, COL_TEXT).data() == PLANTED
    assert dialog.summary.text() == "3 points, 0 comments will be exported: nothing personal found; 1 comment left out"
    menu_key(qtbot, dialog)  # the row's menu, from the keyboard
    menu = dialog.editor.menu
    assert [a.text() for a in menu.actions()] == ["Remove “Siobhán Kowalski” again", "Remove “07700 900418” again"]
    menu.actions()[1].trigger()
    assert dialog.model.index(row, COL_TEXT).data() == "Ring Siobhán Kowalski on [PHONE] about the walking group"
    assert dialog.summary.text() == "3 points, 0 comments will be exported: 1 phone number removed; 1 comment left out"


def test_remove_selected_words_in_the_reading_pane(qtbot, services, cafe, notes, tmp_path):
    table = services.planning.items(cafe.id, "table")[1]
    tam = services.notes.add(cafe.id, table.id, None, TAM)[0]
    with services.store.transaction():  # as an older version stored it: new points keep "\n" only
        services.store.conn.execute("UPDATE note SET text = ? WHERE id = ?", [TAM, tam.id])
    dialog = open_dialog(qtbot, services, cafe.id)
    before = dialog.exporter.build(cafe.id).redactions
    assert dialog.summary.text() == ("4 points, 0 comments will be exported: "
                                     "2 names and 1 phone number removed; 1 comment left out")
    row = row_of(dialog, tam.id)
    select_row(qtbot, dialog, row)
    select_words(qtbot, dialog, "big la")  # a word cut short is removed whole
    qtbot.keyClick(dialog.editor.pane, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text() == "Removed “big lad” as name."
    assert dialog.model.index(row, COL_TEXT).data() == ("The [NAME] from the chippy drives some of them 😀\r\nand "
                                                         "[NAME] and the wee yin too")
    assert dialog.summary.text() == ("4 points, 0 comments will be exported: "
                                     "3 names and 1 phone number removed; 1 comment left out")
    dialog.editor.kind.setFocus()
    qtbot.keyClicks(dialog.editor.kind, "Other")  # "chippy" removed as another kind
    assert dialog.editor.kind.currentData() == "other"
    select_words(qtbot, dialog, "chippy")
    qtbot.mouseClick(dialog.editor.remove_button, Qt.MouseButton.LeftButton)
    select_words(qtbot, dialog, "yin")  # after the emoji and the Windows line break
    dialog.editor.kind.setCurrentIndex(dialog.editor.kind.findData("name"))
    qtbot.keyClick(dialog.editor.pane, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    expected = "The [NAME] from the [REDACTED] drives some of them 😀\r\nand [NAME] and the wee [NAME] too"
    assert dialog.model.index(row, COL_TEXT).data() == expected
    assert dialog.summary.text() == ("4 points, 0 comments will be exported: "
                                     "4 names, 1 phone number and 1 other personal detail removed; 1 comment left out")
    manifest, texts = export_and_open(qtbot, dialog, tmp_path)
    assert texts[tam.id] == expected
    assert manifest["redactions"]["name"] == before["name"] + 2 and manifest["redactions"]["other"] == 1


def test_an_added_removal_overlapping_a_proposed_one_becomes_one_and_can_be_put_back(qtbot, dialog, notes,
                                                                                    tmp_path):
    before = dialog.exporter.build(notes["planted"].cafe_id).redactions
    row = row_of(dialog, notes["planted"].id)
    select_row(qtbot, dialog, row)
    select_words(qtbot, dialog, "Ring Siobhán")  # overlaps the proposed "Siobhán Kowalski"
    qtbot.keyClick(dialog.editor.pane, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert dialog.model.index(row, COL_TEXT).data() == "[NAME] on [PHONE] about the walking group"
    assert dialog.summary.text() == ("3 points, 0 comments will be exported: "
                                     "1 name and 1 phone number removed; 1 comment left out")
    select_words(qtbot, dialog, "Kowalski")  # already removed: nothing changes
    qtbot.keyClick(dialog.editor.pane, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text() == "Those words are already removed."
    manifest, texts = export_and_open(qtbot, dialog, tmp_path)
    assert texts[notes["planted"].id] == "[NAME] on [PHONE] about the walking group"
    assert manifest["redactions"] == dict(before)
    menu_key(qtbot, dialog)
    menu = dialog.editor.menu
    assert menu.actions()[0].text() == "Put back “Ring Siobhán Kowalski”"
    menu.actions()[0].trigger()  # the addition undone and the proposed name put back: all of it shows
    assert dialog.model.index(row, COL_TEXT).data() == "Ring Siobhán Kowalski on [PHONE] about the walking group"
    assert dialog.model.overrides()[notes["planted"].id].added == ()


def test_nothing_selected_gives_a_plain_message(qtbot, dialog, notes):
    dialog.editor.pane.setFocus()
    qtbot.keyClick(dialog.editor.pane, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text() == "Select an item in the list first, then the words to remove in the reading pane."
    select_row(qtbot, dialog, row_of(dialog, notes["keep"].id))
    qtbot.mouseClick(dialog.editor.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Select the words to remove in the reading pane first."
    qtbot.mouseClick(dialog.editor.put_back_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Nothing is removed from this item, so there is nothing to put back."


def test_leaving_out_still_works_with_changed_redactions(qtbot, dialog, notes, tmp_path):
    before = dialog.exporter.build(notes["planted"].cafe_id).redactions
    planted, leave = row_of(dialog, notes["planted"].id), row_of(dialog, notes["leave"].id)
    select_row(qtbot, dialog, leave)
    select_words(qtbot, dialog, "Bus")
    qtbot.keyClick(dialog.editor.pane, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    select_row(qtbot, dialog, planted)
    dialog.editor.choose(planted, dialog.editor.choices(planted)[1][1])  # the phone number put back
    assert dialog.summary.text() == "3 points, 0 comments will be exported: 2 names removed; 1 comment left out"
    dialog.view.setFocus()
    select_row(qtbot, dialog, leave)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)  # the changed item left out: its removal no longer counts
    assert dialog.summary.text() == "2 points, 0 comments will be exported: 1 name removed; 1 point, 1 comment left out"
    manifest, texts = export_and_open(qtbot, dialog, tmp_path)
    assert notes["leave"].id not in texts
    assert texts[notes["planted"].id] == "Ring [NAME] on 07700 900418 about the walking group"
    assert manifest["left_out"] == {"hidden": 1, "flagged": 0, "by_facilitator": 1}
    assert manifest["redactions"].get("phone", 0) == before["phone"] - 1 and manifest["redactions"]["name"] == before[
        "name"]


def test_every_new_control_is_named_and_reachable_and_the_review_reads_well(qtbot, services, cafe, notes):
    from tests.ui.shell.test_main_window import focusable_unnamed

    table = services.planning.items(cafe.id, "table")[1]
    tam = services.notes.add(cafe.id, table.id, None, TAM)[0]
    dialog = open_dialog(qtbot, services, cafe.id)
    assert focusable_unnamed(dialog) == []
    editor = dialog.editor
    for control in (editor.pane, editor.kind, editor.remove_button, editor.put_back_button, editor.keep_button,
                    editor.next_button):
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()
    planted = row_of(dialog, notes["planted"].id)
    select_row(qtbot, dialog, planted)
    editor.choose(planted, editor.choices(planted)[0][1])  # "Siobhán Kowalski" put back
    select_row(qtbot, dialog, row_of(dialog, tam.id))
    select_words(qtbot, dialog, "big lad")
    qtbot.keyClick(editor.pane, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert dialog.summary.text() == ("4 points, 0 comments will be exported: "
                                     "2 names and 1 phone number removed; 1 comment left out")
    qtbot.waitUntil(lambda: dialog.view.rowHeight(planted) < 60)
    Path("/tmp/shots").mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save("/tmp/shots/export_review_edit.png")


# --- possible names: shown apart, counted, kept with one key ------------------------------------------------------

UNSURE = ("Hope has been coming every week since the spring", "Everyone agreed with May's point about the buses")


def test_possible_names_are_shown_counted_kept_with_k_and_exported_as_chosen(qtbot, services, cafe, notes, tmp_path):
    table = services.planning.items(cafe.id, "table")[1]
    hope, may = (services.notes.add(cafe.id, table.id, None, text)[0] for text in UNSURE)
    dialog = open_dialog(qtbot, services, cafe.id)
    before = dialog.exporter.build(cafe.id).redactions
    assert dialog.summary.text() == ("5 points, 0 comments will be exported: 3 names and 1 phone number removed, "
                                     "among them 2 possible names to check; 1 comment left out")
    hope_row, may_row, planted = row_of(dialog, hope.id), row_of(dialog, may.id), row_of(dialog, notes["planted"].id)
    rich = dialog.model.index(hope_row, COL_TEXT).data(HTML_ROLE)
    assert "background-color:#ffd8a8" in rich and "Hope</s>" in rich and "(check)" in rich
    assert "(check)" not in dialog.model.index(planted, COL_TEXT).data(HTML_ROLE)  # a sure name is shown as before
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(dialog.model.index(planted, COL_TEXT))
    qtbot.keyClick(dialog.view, Qt.Key.Key_K)  # nothing to check on this row: a message, nothing changes
    assert dialog.message.text() == ("Nothing in this item is marked to check. To put back another removal, "
                                     "right-click the item or press “Put back a removal…”.")
    assert dialog.model.index(planted, COL_TEXT).data() == "Ring [NAME] on [PHONE] about the walking group"
    qtbot.keyClick(dialog.view, Qt.Key.Key_N)  # the next row with a possible name
    first = dialog.view.currentIndex().row()
    assert first in (hope_row, may_row)
    assert dialog.message.text() == ("Back to the first item to check." if first < planted else "")  # said when N wraps
    qtbot.keyClick(dialog.view, Qt.Key.Key_N)
    assert {first, dialog.view.currentIndex().row()} == {hope_row, may_row}
    select_row(qtbot, dialog, hope_row)
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_K)  # "Hope" kept
    assert dialog.model.index(hope_row, COL_TEXT).data() == UNSURE[0]
    assert "(put back)" in dialog.model.index(hope_row, COL_TEXT).data(HTML_ROLE)
    assert dialog.summary.text() == ("5 points, 0 comments will be exported: 2 names and 1 phone number removed, "
                                     "among them 1 possible name to check; 1 comment left out")
    qtbot.keyClick(dialog.view, Qt.Key.Key_N)
    assert dialog.view.currentIndex().row() == may_row  # the only row left to check
    Path("/tmp/shots").mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save("/tmp/shots/export_review_possible.png")
    manifest, texts = export_and_open(qtbot, dialog, tmp_path)
    assert dialog.summary.text().splitlines()[-1] == ("1 possible name you did not check was removed, as the review "
                                                      "showed.")
    assert texts[hope.id] == UNSURE[0]
    assert texts[may.id] == "Everyone agreed with [NAME]'s point about the buses"  # left removed, as shown
    assert manifest["redactions"]["name"] == before["name"] - 1


def test_the_buttons_keep_and_go_to_possible_names_too(qtbot, services, cafe, notes):
    table = services.planning.items(cafe.id, "table")[1]
    hope = services.notes.add(cafe.id, table.id, None, UNSURE[0])[0]
    dialog = open_dialog(qtbot, services, cafe.id)
    qtbot.mouseClick(dialog.editor.next_button, Qt.MouseButton.LeftButton)
    assert dialog.view.currentIndex().row() == row_of(dialog, hope.id)
    qtbot.mouseClick(dialog.editor.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.model.index(row_of(dialog, hope.id), COL_TEXT).data() == UNSURE[0]
    assert "to check" not in dialog.summary.text()
    qtbot.mouseClick(dialog.editor.next_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Nothing is left to check: every possible name has been put back or checked."


def test_the_reading_pane_marks_each_kind_of_removal_with_a_line_not_only_a_colour(qtbot, services, cafe, notes):
    table = services.planning.items(cafe.id, "table")[1]
    hope = services.notes.add(cafe.id, table.id, None, UNSURE[0])[0]
    dialog = open_dialog(qtbot, services, cafe.id)
    select_row(qtbot, dialog, row_of(dialog, notes["planted"].id))
    marks = dialog.editor.pane.extraSelections()
    assert marks and all(m.format.fontStrikeOut() and m.format.underlineStyle() == m.format.UnderlineStyle.NoUnderline
                         for m in marks)  # sure removals: struck through
    select_row(qtbot, dialog, row_of(dialog, hope.id))
    unsure = dialog.editor.pane.extraSelections()
    assert [m.format.underlineStyle() for m in unsure] == [unsure[0].format.UnderlineStyle.WaveUnderline]
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_K)
    kept = dialog.editor.pane.extraSelections()
    assert [(m.format.fontStrikeOut(), m.format.underlineStyle()) for m in kept] == [
        (False, kept[0].format.UnderlineStyle.SingleUnderline)]


def test_tab_leaves_the_review_table(dialog):
    """Arrows move between the items to review; Tab goes on to the rest of the dialog."""
    assert not dialog.view.tabKeyNavigation()


def test_closing_with_changed_choices_asks_first_and_keep_reviewing_is_the_default(qtbot, dialog, notes, tmp_path,
                                                                                   monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from cafe_desk.ui.export import export_dialog

    monkeypatch.setattr(export_dialog, "ask_to_discard", REAL_ASK)  # the question itself, not the tests' stand-in
    asked = []

    def answer(press: str):
        def look():
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(20, look)
                return
            asked.append((box.windowTitle(), box.text(), box.defaultButton().text()))
            if press == "escape":
                qtbot.keyClick(box, Qt.Key.Key_Escape)
            else:
                next(b for b in box.buttons() if b.text() == press).click()
        QTimer.singleShot(0, look)

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing changed: closes without a question
    assert asked == [] and not dialog.isVisible()
    dialog.show()
    qtbot.waitExposed(dialog)
    row = row_of(dialog, notes["leave"].id)
    dialog.model.setData(dialog.model.index(row, COL_LEAVE_OUT), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.changed_since_export() == 1
    answer("escape")  # Escape on the question keeps the review
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [("Close the review?", "You changed what is removed or left out in 1 item. Those choices are only "
                      "kept until this window closes; export first if you want them in the file.", "Keep reviewing")]
    assert dialog.isVisible() and dialog.model.leave_out() >= {notes["leave"].id}

    export_and_open(qtbot, dialog, tmp_path)  # exported: nothing is lost by closing now
    assert dialog.changed_since_export() == 0
    dialog.model.setData(dialog.model.index(row, COL_LEAVE_OUT), Qt.CheckState.Unchecked,
                         Qt.ItemDataRole.CheckStateRole)
    answer("Close and lose them")
    dialog.reject()  # the Close button
    assert len(asked) == 2 and not dialog.isVisible()


def test_ctrl_z_takes_back_each_change_in_turn_and_ctrl_shift_z_makes_it_again(qtbot, services, cafe, notes):
    table = services.planning.items(cafe.id, "table")[1]
    hope = services.notes.add(cafe.id, table.id, None, UNSURE[0])[0]
    dialog = open_dialog(qtbot, services, cafe.id)
    hope_row, leave = row_of(dialog, hope.id), row_of(dialog, notes["leave"].id)
    removed = dialog.model.index(hope_row, COL_TEXT).data()
    first = dialog.summary.text()
    select_row(qtbot, dialog, hope_row)
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_K)  # one step: the possible name kept
    dialog.view.setCurrentIndex(dialog.model.index(leave, COL_LEAVE_OUT))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)  # another: a point left out
    assert dialog.model.index(hope_row, COL_TEXT).data() == UNSURE[0] and notes["leave"].id in dialog.model.leave_out()
    assert dialog.changed_since_export() == 2

    qtbot.keyClick(dialog.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert notes["leave"].id not in dialog.model.leave_out()
    assert dialog.model.index(hope_row, COL_TEXT).data() == UNSURE[0]
    qtbot.keyClick(dialog.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.model.index(hope_row, COL_TEXT).data() == removed
    assert dialog.summary.text() == first and dialog.changed_since_export() == 0

    qtbot.keyClick(dialog.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dialog.model.index(hope_row, COL_TEXT).data() == UNSURE[0]
    assert dialog.model.undo_stack.undoText() == "Put back “Hope”"


def test_tab_goes_from_the_keys_to_the_table_then_the_reading_pane(dialog):
    order, widget = [], dialog.open_key
    for _ in range(4):
        widget = widget.nextInFocusChain()
        while widget.focusPolicy() & Qt.FocusPolicy.TabFocus != Qt.FocusPolicy.TabFocus or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order[0] is dialog.view and order[1] is dialog.editor.pane


def test_items_with_something_to_check_or_removed_come_before_the_clean_ones(qtbot, services, cafe, notes):
    table = services.planning.items(cafe.id, "table")[1]
    for text in ("Clean words about buses", UNSURE[0], "More clean words"):
        services.notes.add(cafe.id, table.id, None, text)
    dialog = open_dialog(qtbot, services, cafe.id)
    marks = [(bool(r.item.to_check), bool(r.item.removed)) for r in dialog.model.rows]
    assert marks == sorted(marks, reverse=True) and marks[0] == (True, True) and marks[-1] == (False, False)
    clean = [(r.item.source != "note-taker", r.item.table or 0, r.item.round or 0) for r in dialog.model.rows
             if not r.item.removed and not r.item.flag and r.item.left_out != "flagged"]
    assert clean == sorted(clean) and clean[-1][0] is False  # points by table and round (no comment is clean here)


THREE_UNSURE = "Hope said the crisis line never answered; May and Rose agreed"


def test_k_and_c_act_on_the_possible_name_selected_in_the_reading_pane_and_n_steps_through_them(
        qtbot, services, cafe, notes, tmp_path):
    table = services.planning.items(cafe.id, "table")[1]
    note = services.notes.add(cafe.id, table.id, None, THREE_UNSURE)[0]
    dialog = open_dialog(qtbot, services, cafe.id)
    row = row_of(dialog, note.id)
    select_row(qtbot, dialog, row)
    select_words(qtbot, dialog, "Rose")
    qtbot.keyClick(dialog.editor.pane, Qt.Key.Key_K)  # from the reading pane, on the word selected there
    assert dialog.message.text() == "Put back “Rose”: it will be exported as written."
    assert [THREE_UNSURE[s.start:s.end] for s in dialog.model.item(row).to_check] == ["Hope", "May"]
    select_words(qtbot, dialog, "May")
    qtbot.keyClick(dialog.editor.pane, Qt.Key.Key_C)  # checked: stays removed, no longer to check
    assert dialog.message.text() == "Checked: “May” stays removed."
    assert [THREE_UNSURE[s.start:s.end] for s in dialog.model.item(row).to_check] == ["Hope"]
    assert "among them 1 possible name to check" in dialog.summary.text()
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_N)  # the row's own possible name first, selected in the pane
    assert dialog.view.currentIndex().row() == row
    assert dialog.editor.pane.textCursor().selectedText() == "Hope"
    qtbot.mouseClick(dialog.editor.checked_button, Qt.MouseButton.LeftButton)
    assert "to check" not in dialog.summary.text()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # back to checking Hope
    assert "among them 1 possible name to check" in dialog.summary.text()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    _manifest, texts = export_and_open(qtbot, dialog, tmp_path)
    assert texts[note.id] == "[NAME] said the crisis line never answered; [NAME] and Rose agreed"
    assert "you did not check" not in dialog.summary.text()  # every possible name was put back or checked


def test_undo_shows_the_item_it_changes_and_says_what_it_took_back(qtbot, services, cafe, notes):
    table = services.planning.items(cafe.id, "table")[1]
    note = services.notes.add(cafe.id, table.id, None, THREE_UNSURE)[0]
    dialog = open_dialog(qtbot, services, cafe.id)
    row = row_of(dialog, note.id)
    select_row(qtbot, dialog, row)
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_K)
    select_row(qtbot, dialog, row_of(dialog, notes["planted"].id))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.currentIndex().row() == row
    assert dialog.message.text() == "Took back: put back “Hope” in Table 2."
    qtbot.keyClick(dialog.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text() == "There is nothing to take back."


def test_a_message_about_the_keys_goes_once_the_keys_change(qtbot, dialog, tmp_path):
    dialog.keys.setPlainText("age1short")
    assert dialog.export_to(tmp_path / "x.cafe") is None and "public key" in dialog.message.text()
    dialog.keys.setPlainText("age1")
    assert dialog.message.text() == ""


def test_checking_moves_on_to_the_next_item_and_skips_items_left_out(qtbot, services, cafe, notes):
    table = services.planning.items(cafe.id, "table")[1]
    first, second, out = (services.notes.add(cafe.id, table.id, None, text)[0] for text in (*UNSURE, THREE_UNSURE))
    dialog = open_dialog(qtbot, services, cafe.id)
    select_row(qtbot, dialog, row_of(dialog, out.id))
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)  # left out: nothing in it needs checking
    select_row(qtbot, dialog, row_of(dialog, first.id))
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_C)  # the item's only possible name: on to the next item to check
    assert dialog.view.currentIndex().row() == row_of(dialog, second.id)
    assert dialog.editor.pane.textCursor().selectedText() == "May"
    qtbot.keyClick(dialog.view, Qt.Key.Key_C)
    assert dialog.message.text() == "Checked: “May” stays removed. Nothing is left to check."
    assert "to check" not in dialog.summary.text()
    qtbot.keyClick(dialog.view, Qt.Key.Key_N)
    assert dialog.view.currentIndex().row() == row_of(dialog, second.id)  # never into the item left out
    assert dialog.message.text() == "Nothing is left to check: every possible name has been put back or checked."


def test_with_the_keys_already_in_the_review_starts_in_the_list(qtbot, services, cafe, notes):
    services.exporting.remember_recipients([new_identity()[1]])
    dialog = open_dialog(qtbot, services, cafe.id)
    assert dialog.view.hasFocus() and dialog.view.currentIndex().row() == 0
    qtbot.keyClick(dialog.view, Qt.Key.Key_N)  # N goes to a possible name, and types nothing into the keys
    assert dialog.keys.toPlainText().count("\n") == 0 and not dialog.keys.toPlainText().endswith("n")
