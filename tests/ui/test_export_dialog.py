"""The export dialog: review shows each redaction, items can be left out, the bundle is written off the GUI thread."""

from __future__ import annotations

import json
from pathlib import Path

import pyrage
import pytest
from PySide6.QtCore import Qt

from cafe_desk.export.bundle import open_bundle
from cafe_desk.export.keys import new_identity
from cafe_desk.ui.export_dialog import COL_LEAVE_OUT, COL_TEXT, HTML_ROLE, ExportDialog

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
    d.resize(1366, 768)
    d.show()
    qtbot.waitExposed(d)
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


def test_leave_out_one_note_and_export(qtbot, dialog, notes, tmp_path, services):
    secret, public = new_identity()
    dialog.keys.setFocus()
    qtbot.keyClicks(dialog.keys, public)
    row = row_of(dialog, notes["leave"].id)
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(dialog.model.index(row, COL_TEXT))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)  # ticks "Leave out" on the selected row
    assert dialog.model.rows[row].leave_out
    assert "1 comment and 1 note left out" in dialog.summary.text()
    target = tmp_path / "file.cafe"
    op = dialog.export_to(target)
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    assert dialog.message.text() == ""
    assert dialog.summary.text().startswith("Exported “") and str(target) in dialog.summary.text()
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
    assert again.keys.toPlainText() == public


def test_a_bad_key_line_gives_a_message_and_writes_nothing(qtbot, dialog, tmp_path):
    _, public = new_identity()
    dialog.keys.setPlainText(f"{public}\nage1-not-really-a-key")
    target = tmp_path / "file.cafe"
    assert dialog.export_to(target) is None
    assert dialog.message.text() == ("Line 2 of the public keys doesn't look like a public key: it should start "
                                     "with age1…")
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


def test_a_missing_folder_is_one_line_and_nothing_written(qtbot, dialog, tmp_path):
    _, public = new_identity()
    dialog.keys.setPlainText(public)
    target = tmp_path / "gone" / "file.cafe"
    op = dialog.export_to(target)
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    assert dialog.message.text() == f"The folder for {target} does not exist, so nothing was written."
    assert list(tmp_path.glob("**/*.cafe")) == []


def test_the_cafe_menu_opens_the_dialog_only_with_a_cafe_open(qtbot, cafe_window):
    assert cafe_window.export_action.isEnabled()
    cafe_window.export_action.trigger()
    dialog = cafe_window.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.cafe_id == cafe_window.cafe.id
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
    assert {back.id, stays.id} <= dialog.model.leave_out()
    box = dialog.model.index(row_of(dialog, back.id), COL_LEAVE_OUT)
    assert box.data() == "Left out (flagged for care)"
    dialog.model.setData(box, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    dialog.keys.setPlainText(public)
    op = dialog.export_to(tmp_path / "file.cafe")
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    manifest, files = open_bundle((tmp_path / "file.cafe").read_bytes(), [pyrage.x25519.Identity.from_str(secret)])
    ids = {json.loads(line)["id"] for line in files["notes.jsonl"].decode().splitlines()}
    assert back.id in ids and stays.id not in ids
    assert manifest["left_out"] == {"hidden": 1, "flagged": 1}
