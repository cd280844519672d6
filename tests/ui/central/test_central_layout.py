"""The Central page at 1366×768, in the real main window: the Signers lists show several rows, long lines wrap
(never scrolled sideways, never cut in the middle) with the whole line as a tooltip, import lines wrap, a long café in
the receipt box is cut at its end, and the columns keep their widths whatever the boxes hold."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from cafe_desk.core.changes import Changes
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from cafe_desk.ui.shell.main_window import MainWindow
from tests.central import make_cafe
from tests.ui.run.test_phones_box import decode_qr

LONG_TITLE = "Perth and Kinross conversation café about waiting times for mental health support and peer groups"


@pytest.fixture
def window(qtbot, services):
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.show_page(list(w.slots).index("Central"))
    qtbot.waitExposed(w)
    return w


def rows_shown(view) -> int:
    return view.viewport().height() // view.sizeHintForRow(0)


def test_the_central_page_stays_readable_at_1366_by_768(qtbot, window, services, tmp_path):
    page = window.central_page
    assert page.create_key_pair(tmp_path / "central.key")
    public = page.keys_box.public_key
    edit = page.keys_box.public_edit
    assert edit.cursorPosition() == 0 and edit.cursorRect().left() < edit.width() // 4  # "age1…" shows
    left = page.keys_box.width()

    store = Store(tmp_path / "laptop" / "cafe-desk.sqlite3")
    try:
        laptop = Services.build(store)
        files = []
        for title in (LONG_TITLE, "Dundee café", "Arbroath café"):
            cafe = make_cafe(laptop, title)
            files.append(tmp_path / f"{cafe.short_code}.cafe")
            files[-1].write_bytes(laptop.exporting.export_cafe(cafe.id, [public])[0])
        older = tmp_path / "an-older-export-of-the-perth-and-kinross-cafe-sent-again-by-mistake.cafe"
        older.write_bytes(laptop.exporting.export_cafe(cafe.id, [public])[0])
        files.append(tmp_path / "late.cafe")
        laptop.notes.add(cafe.id, None, None, "A late point")
        files[-1].write_bytes(laptop.exporting.export_cafe(cafe.id, [public])[0])
    finally:
        store.close()
    box = page.import_box
    box.confirm = lambda *_, **__: True
    for batch in (files, [older]):
        box.last_run = None
        page.import_paths(batch)
        qtbot.waitUntil(lambda: box.last_run is not None, timeout=20_000)
    qtbot.wait(50)

    # the columns did not move for the long title and the long refusal
    assert page.keys_box.width() == left
    signers = page.signers_box
    for view, rows in ((signers.cafes_list, 3), (signers.keys_list, 2), (box.summary, 3)):
        assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        assert rows_shown(view) >= rows
    long_row = next(signers.cafes_list.item(i) for i in range(signers.cafes_list.count())
                    if LONG_TITLE in signers.cafes_list.item(i).text())
    assert LONG_TITLE in long_row.toolTip() and "signed by" in long_row.toolTip()
    for view, item in ((signers.cafes_list, long_row), (signers.keys_list, signers.keys_list.item(0))):
        assert view.wordWrap(), "a long line wraps whole: never cut in the middle of its code or date"
        assert view.visualItemRect(item).width() <= view.viewport().width()
    assert signers.cafes_list.visualItemRect(long_row).height() > signers.cafes_list.fontMetrics().lineSpacing() * 1.5
    [refused] = [box.summary.item(i) for i in range(box.summary.count())]
    assert refused.text().endswith("`cafe-desk import --take-older` takes this file.")
    assert box.summary.wordWrap() and box.summary.visualItemRect(refused).width() <= box.summary.viewport().width()
    assert box.summary.visualItemRect(refused).height() > box.summary.fontMetrics().lineSpacing() * 1.5  # wrapped
    combo = page.receipts_box.receipt_combo
    tips = [combo.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(combo.count())]
    assert combo.width() < page.receipts_box.width() and any(LONG_TITLE in t for t in tips)
    assert combo.toolTip() == tips[combo.currentIndex()]
    combo.setCurrentIndex(next(i for i, t in enumerate(tips) if LONG_TITLE in t))
    assert combo.currentText().startswith(LONG_TITLE)
    shown = combo.shown_text()  # cut at its end, where the title starts reads whole
    assert shown.endswith("…") and shown.startswith(LONG_TITLE[:30])
    assert combo.fontMetrics().horizontalAdvance(shown) <= combo.width()


def mnemonic(text: str) -> str | None:
    """The letter Alt takes to a control whose text is `text` ("&&" is a literal ampersand)."""
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].lower() if at >= 0 else None


def test_every_alt_key_on_the_central_page_does_one_thing(window):
    page = window.central_page
    used = [mnemonic(a.text()) for a in window.menuBar().actions()]
    used += [mnemonic(b.text()) for b in page.findChildren(QAbstractButton) if b.isVisibleTo(page)]
    used += [mnemonic(label.text()) for label in page.findChildren(QLabel) if label.buddy() is not None]
    used = [letter for letter in used if letter]
    assert "c" in used and len(used) >= 12
    assert sorted(used) == sorted(set(used)), f"Alt keys used twice: {[x for x in set(used) if used.count(x) > 1]}"


@pytest.mark.parametrize("height", [768, 700])
def test_the_public_key_code_and_its_caption_never_overlap(qtbot, window, tmp_path, height):
    """At 1366×768 and at the 700 pixels a maximised window gets on such a laptop: the caption lies beside the
    code, never over it, and the code as shown on screen scans to the public key."""
    window.resize(1366, height)
    qtbot.waitUntil(lambda: window.height() == height)
    page = window.central_page
    assert page.create_key_pair(tmp_path / "central.key")
    qtbot.wait(50)
    box = page.keys_box
    code = box.qr.code_rect().translated(box.qr.mapTo(window, box.qr.rect().topLeft()))
    caption = box.qr_caption.geometry().translated(box.qr_caption.parentWidget().mapTo(window, QPoint(0, 0)))
    assert code.width() >= 120 and box.qr_caption.text()
    assert not code.intersects(caption)
    for other in (box.save_public_button, box.public_edit, page.receipts_box):
        assert not code.intersects(other.geometry().translated(other.parentWidget().mapTo(window, QPoint(0, 0))))
    shot = tmp_path / f"central-{height}.png"
    window.grab().save(str(shot))
    assert decode_qr(window.grab(code.adjusted(-12, -12, 12, 12)), tmp_path / "code.png") == [box.public_key]


def test_the_imported_cafes_list_shows_several_cafes_at_1366_by_768(qtbot, window, services):
    """Each imported café takes two wrapped lines there: at least four of them show at once, and the Last import
    list keeps its three lines."""
    services.samples.add()
    page = window.central_page
    page.on_changes(Changes(cafes=True))
    qtbot.wait(50)
    cafes = page.signers_box.cafes_list
    assert cafes.count() == 12
    two_lines = cafes.visualItemRect(cafes.item(0)).height()
    assert two_lines > cafes.fontMetrics().lineSpacing() * 1.5
    assert cafes.viewport().height() >= 4 * two_lines
    summary = page.import_box.summary
    assert summary.viewport().height() >= 3 * summary.fontMetrics().lineSpacing()
