"""Café → Print…: choose what to print, see the first page, save the PDF off the GUI thread; Cancel leaves no file.
Driven with the keyboard where a person would, on the real main window at 1366×768."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt

from cafe_desk.ui.printing.print_dialog import PrintDialog
from tests.reports.pdf_checks import only_embedded_dejavu, pages_count, qr_codes, text_of

HOTSPOT = "10.42.0.1"


def wait_for(qtbot, op) -> None:
    if op is not None and not op.done:
        with qtbot.waitSignal(op.sig_finished, timeout=60_000):
            pass


@pytest.fixture
def dialog(qtbot, cafe_window):
    action = cafe_window.print_action
    assert action.isEnabled() and action.text() == "&Print…"
    action.trigger()
    found = cafe_window.findChild(PrintDialog)
    assert found is not None and found.isVisible()
    qtbot.waitExposed(found)
    found.picker.choose(HOTSPOT)
    found.picker.port.setValue(8000)
    found._timer.stop()
    wait_for(qtbot, found.preview_op)
    wait_for(qtbot, found.draw_preview())
    found.activateWindow()
    qtbot.waitUntil(found.isActiveWindow)  # a check box's Alt key works in the active window
    return found


def test_the_dialog_fits_the_screen_and_shows_the_first_page(qtbot, dialog, tmp_path):
    assert dialog.width() <= 1366 and dialog.height() <= 768 - 40
    assert dialog.minimumSizeHint().width() <= 1366 and dialog.minimumSizeHint().height() <= 728
    pixmap = dialog.preview.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    image = tmp_path / "preview.png"
    pixmap.scaled(pixmap.width() * 3, pixmap.height() * 3).save(str(image))
    assert pixmap.height() > pixmap.width(), "an A4 page, upright"
    dialog.grab().save(str(tmp_path / "dialog.png"))


def test_choosing_by_keyboard_and_saving_writes_what_was_chosen(qtbot, dialog, services, cafe, tmp_path):
    for key, kind in ((Qt.Key.Key_P, "poster"), (Qt.Key.Key_T, "tables"), (Qt.Key.Key_N, "note-sheets")):
        qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)  # a check box's Alt key clicks it
        qtbot.waitUntil(lambda kind=kind: not dialog.kinds[kind].isChecked())  # a button clicked by key waits a moment
    assert dialog.chosen_kinds() == ["comment-cards", "vote-sheets"]
    dialog.comment_cards.setValue(6)
    dialog.vote_sheets.setValue(2)
    target = tmp_path / "printables.pdf"
    wait_for(qtbot, dialog.save(str(target)))
    assert dialog.done_label.text().startswith(f"Saved to {target}. Their QR codes send phones to {HOTSPOT}:8000")
    assert pages_count(target) == 2 + 2 and only_embedded_dejavu(target)
    text = " ".join(text_of(target).split())
    assert text.count(f"Café {cafe.short_code}") == 6 + 2
    assert str(services.phone_address.printed(cafe.id)) == f"{HOTSPOT}:8000"


def test_nothing_chosen_says_so_and_cannot_save(qtbot, dialog):
    for box in dialog.kinds.values():
        box.setChecked(False)
    assert not dialog.save_button.isEnabled()
    assert dialog.message.text() == "Choose at least one thing to print."


def test_without_qr_codes_the_poster_has_none(qtbot, dialog, tmp_path):
    dialog.no_qr.setChecked(True)
    assert not dialog.picker.isEnabled()
    target = tmp_path / "poster.pdf"
    for kind, box in dialog.kinds.items():
        box.setChecked(kind == "poster")
    wait_for(qtbot, dialog.save(str(target)))
    assert qr_codes(target, 1, tmp_path) == []
    assert dialog.done_label.text().endswith("They have no QR codes.")


def test_cancel_leaves_no_file(qtbot, dialog, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    for kind, box in dialog.kinds.items():
        box.setChecked(kind == "comment-cards")
    dialog.comment_cards.setValue(2000)
    op = dialog.save(str(folder / "cards.pdf"))
    op.dialog.canceled.emit()  # what the progress dialog's Cancel button sends
    wait_for(qtbot, op)
    assert list(folder.iterdir()) == []
    assert dialog.message.text() == "Printing cancelled; nothing was saved."


def test_a_missing_folder_gets_one_plain_line(qtbot, dialog, tmp_path):
    wait_for(qtbot, dialog.save(str(tmp_path / "gone" / "p.pdf")))
    assert dialog.message.text() == f"The folder {tmp_path / 'gone'} isn't there; please choose another one."


def test_the_preview_carries_the_comment_pages_code(qtbot, dialog, services, cafe, tmp_path):
    pixmap = dialog.preview.pixmap()
    big = tmp_path / "big.png"
    pixmap.scaled(pixmap.width() * 3, pixmap.height() * 3, Qt.AspectRatioMode.KeepAspectRatio,
                  Qt.TransformationMode.FastTransformation).save(str(big))
    token = services.channel.settings(cafe.id).token
    found = subprocess.run(["zbarimg", "-q", "--raw", str(big)], capture_output=True, text=True,
                           timeout=60).stdout.splitlines()
    assert f"http://{HOTSPOT}:8000/c/{token}" in found
