"""Receipts on screen: the Central page writes one for an imported café; the Cafés page opens one, says plainly what
it confirms, and deletes the café from this laptop only when the person says so. Real files, real age, real SQLite."""

from __future__ import annotations

import json
import sqlite3

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from cafe_desk.core.changes import Changes
from cafe_desk.export import keys
from cafe_desk.export.receipt import read_receipt
from cafe_desk.storage import database
from cafe_desk.ui.cafes.cafes_panel import DELETE_BUTTON, DELETE_EXPLANATION, KEEP_BUTTON, CafesPanel
from cafe_desk.ui.central.central_panel import CentralPanel
from cafe_desk.ui.central.receipts_box import NO_IMPORTED
from tests.central import make_cafe, snapshot


@pytest.fixture
def sent(services, central, identity, tmp_path):
    """(a café on this laptop, the receipt the central desk wrote after importing its export)."""
    cafe = make_cafe(services)
    bundle = tmp_path / "perth.cafe"
    services.exporting.export_to_file(cafe.id, [str(identity.to_public())], bundle)
    imported = central.importing.import_file(bundle, [identity])
    receipt = tmp_path / "perth.cafe-receipt"
    central.receipts.write_receipt(imported.cafe_id, receipt)
    return cafe, receipt


class Answer:
    """Stands in for showing a message box: remembers each box and presses the button called `choose`."""

    def __init__(self, choose: str | None = None):
        self.choose = choose
        self.boxes: list[QMessageBox] = []

    def __call__(self, box: QMessageBox):
        self.boxes.append(box)
        return next((b for b in box.buttons() if b.text() == self.choose), None)


def buttons(box: QMessageBox) -> list[str]:
    return sorted(b.text() for b in box.buttons())


def test_a_matching_receipt_deletes_the_open_cafe_once_confirmed(qtbot, main_window, services, sent, db_path):
    cafe, receipt = sent
    copy = database.backup(db_path, database.backup_dir_for(db_path))
    main_window.open_cafe(cafe.id)
    page = main_window.cafes_page
    page.show_box = answer = Answer(DELETE_BUTTON)
    with qtbot.waitSignal(page.sig_changed, timeout=20_000):  # the deletion runs off the GUI thread
        assert page.open_receipt(receipt)

    [box] = answer.boxes
    assert box.text().startswith("The central team received “Perth café” whole (2 points, 1 comment, exported ")
    assert box.text().endswith("). You can now delete this café's points and comments from this laptop.")
    assert box.informativeText() == DELETE_EXPLANATION and "can't be undone" in DELETE_EXPLANATION
    assert "removed from this laptop and from this laptop's backups for good" in DELETE_EXPLANATION
    assert buttons(box) == [DELETE_BUTTON, KEEP_BUTTON] and box.defaultButton().text() == KEEP_BUTTON
    assert services.store.get_cafe(cafe.id) is None and services.notes.list(cafe.id) == []
    assert main_window.cafe is None and main_window.current_page() is page
    assert page.model.row_of(cafe.id) == -1
    assert main_window.statusBar().currentMessage() == (
        "“Perth café” was deleted from this laptop and from this laptop's backups.")
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("SELECT COUNT(*) FROM note WHERE cafe_id = ?", [cafe.id]).fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM cafe WHERE id = ?", [cafe.id]).fetchone()[0] == 0
    finally:
        conn.close()


def test_keep_it_deletes_nothing(qtbot, services, sent):
    cafe, receipt = sent
    page = CafesPanel(services, QUndoStack())
    qtbot.addWidget(page)
    page.show()
    before = snapshot(services.store)
    seen: list[str] = []

    def keep():  # the real modal box: press "Keep it" as a person would
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == KEEP_BUTTON).click()

    QTimer.singleShot(0, keep)
    with qtbot.waitSignal(page.sig_message) as message:
        assert not page.open_receipt(receipt)
    assert seen[0].startswith("The central team received “Perth café” whole")
    assert message.args == ["“Perth café” was kept on this laptop."]
    assert snapshot(services.store) == before and page.model.row_of(cafe.id) >= 0


def test_a_receipt_for_another_export_shows_one_line_and_deletes_nothing(qtbot, services, sent):
    cafe, receipt = sent
    data = json.loads(receipt.read_text(encoding="utf-8"))
    receipt.write_text(json.dumps({**data, "bundle_sha256": "f" * 64}), encoding="utf-8")
    page = CafesPanel(services, QUndoStack())
    qtbot.addWidget(page)
    page.show_box = answer = Answer(DELETE_BUTTON)
    before = snapshot(services.store)
    assert not page.open_receipt(receipt)
    [box] = answer.boxes
    assert box.text() == ("This receipt does not match the file exported from this laptop (the file the central "
                          "team holds is different), so nothing can be deleted — export again and ask for the "
                          "receipt of the new file.")
    assert buttons(box) == ["OK"] and box.informativeText() == "Nothing was deleted."
    assert snapshot(services.store) == before and page.model.row_of(cafe.id) >= 0


def test_a_file_that_is_not_a_receipt(qtbot, services, sent, tmp_path):
    page = CafesPanel(services, QUndoStack())
    qtbot.addWidget(page)
    page.show_box = answer = Answer()
    note = tmp_path / "thanks.cafe-receipt"
    note.write_text("Thanks, it all arrived!\n", encoding="utf-8")
    before = snapshot(services.store)
    assert not page.open_receipt(note)
    assert answer.boxes[0].text() == "This file can't be read as a Café Desk receipt (it is not receipt text)."
    assert snapshot(services.store) == before


@pytest.fixture
def central_page(qtbot, central):
    page = CentralPanel(central, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_central_page_writes_a_receipt_after_an_import(qtbot, central_page, central, services, tmp_path):
    page = central_page
    box = page.receipts_box
    assert not box.receipt_button.isEnabled() and box.receipt_combo.placeholderText() == NO_IMPORTED
    key = tmp_path / "central.key"
    assert page.create_key_pair(key)
    public = str(keys.read_identity(key).to_public())
    earlier = make_cafe(services, "Dundee café")
    services.exporting.export_to_file(earlier.id, [public], tmp_path / "dundee.cafe")
    central.importing.import_file(tmp_path / "dundee.cafe", [keys.read_identity(key)])
    page.on_changes(Changes(cafes=True))
    assert box.receipt_button.isEnabled() and box.receipt_combo.currentText().startswith("Dundee café · ")

    cafe = make_cafe(services)
    bundle = tmp_path / "perth.cafe"
    services.exporting.export_to_file(cafe.id, [public], bundle)
    op = page.import_paths([bundle])
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    assert box.receipt_combo.count() == 2
    assert box.receipt_combo.currentText().startswith("Perth café · 2026-03-14 · ")  # the one just imported
    target = tmp_path / "perth.cafe-receipt"
    with qtbot.waitSignal(page.sig_message) as message:
        assert page.write_receipt(target)
    assert message.args == ["Receipt for “Perth café” saved to perth.cafe-receipt: send it to the café's "
                            "facilitator."]
    assert read_receipt(target).cafe_id == cafe.id
    assert services.receipts.check_receipt(target).cafe_id == cafe.id


def test_central_page_says_why_a_receipt_was_not_written(qtbot, central_page, central, sent, tmp_path):
    page = central_page
    page.refresh_receipts()
    target = tmp_path / "nowhere" / "perth.cafe-receipt"
    assert not page.write_receipt(target)
    assert page.message.text() == f"The folder for {target} does not exist, so nothing was written."
    assert not target.exists()
