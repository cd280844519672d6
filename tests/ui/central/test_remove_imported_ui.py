"""The Central page takes an imported café back out of the desk: it asks first, saying what goes with it (Keep it is
the default), and then the café, its items and their codings are gone in one step."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.ui.central.central_panel import CentralPanel
from cafe_desk.ui.central.receipts_box import KEEP_BUTTON, REMOVE_BUTTON
from tests.central import cafe_at, make_cafe, send


def _desk(services, central, identity):
    for cafe in (make_cafe(services), cafe_at(services, "Inverness café", "2026-04-02", "Inverness",
                                              ("Peer workers in every practice",))):
        send(services, cafe, central.store, identity)
    theme = central.synthesis.create_theme("Access")[0]
    central.synthesis.apply_theme([i.id for i in central.synthesis.find().items], theme.id)
    page = CentralPanel(central, QUndoStack())
    page.resize(1366, 700)
    return page


def _choose(page, title: str) -> None:
    combo = page.receipts_box.receipt_combo
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemText(i).startswith(title)))


def _press(button: str, seen: list[str], shot=None):
    def press() -> None:  # the real modal box: press a button as a person would
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        assert box.defaultButton().text() == KEEP_BUTTON
        if shot is not None:
            box.grab().save(str(shot))
        next(b for b in box.buttons() if b.text() == button).click()
    return press


def test_keep_it_changes_nothing(qtbot, services, central, identity):
    page = _desk(services, central, identity)
    qtbot.addWidget(page)
    page.show()
    _choose(page, "Perth café")
    seen: list[str] = []
    QTimer.singleShot(0, _press(KEEP_BUTTON, seen))
    assert not page.receipts_box.remove_chosen()
    assert seen[0].startswith("Remove “Perth café” (")
    assert {c.title for c in central.synthesis.cafes()} == {"Perth café", "Inverness café"}


def test_remove_cafe_takes_it_and_its_codings_out_and_says_so(qtbot, services, central, identity, tmp_path):
    page = _desk(services, central, identity)
    qtbot.addWidget(page)
    page.show()
    page.grab().save(str(tmp_path / "central.png"))
    _choose(page, "Perth café")
    perth = central.central_cafes.removal(page.receipts_box.receipt_combo.currentData())
    seen: list[str] = []
    QTimer.singleShot(0, _press(REMOVE_BUTTON, seen, tmp_path / "ask.png"))
    with qtbot.waitSignal(page.sig_message) as message:
        assert page.receipts_box.remove_chosen()
    assert seen == [f"Remove {perth.what()} from the central desk?\n\nImporting its file again brings the café back, "
                    "but not these codings and shortlist entries. The codebook's themes stay."]
    assert message.args == [f"Removed “Perth café” ({perth.short_code}) from the central desk."]
    assert [c.title for c in central.synthesis.cafes()] == ["Inverness café"]
    assert {i.cafe_title for i in central.synthesis.find(SynthesisFilter()).items} == {"Inverness café"}
    combo = page.receipts_box.receipt_combo
    assert [combo.itemText(i).split(" · ")[0] for i in range(combo.count())] == ["Inverness café"]
    assert [t.name for t in central.synthesis.themes()] == ["Access"]


def test_without_imported_cafes_the_button_is_off(qtbot, central):
    page = CentralPanel(central, QUndoStack())
    qtbot.addWidget(page)
    assert not page.receipts_box.remove_button.isEnabled()
