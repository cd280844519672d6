"""The Synthesis page's "Synthesis report…" button on real imported bundles: the report is written off the GUI thread
with the page's filters, Cancel leaves no file, and the button shows whole at 1366×768."""

from __future__ import annotations

import os
import subprocess

from PySide6.QtGui import QFontMetrics

from tests.ui.synthesis.test_synthesis_panel import imported, page, settle  # noqa: F401 — the page's fixtures

SHOTS = os.environ.get("CAFE_DESK_SHOTS")


def test_writes_the_report_with_the_pages_filters(page, qtbot, tmp_path):  # noqa: F811
    messages = []
    page.sig_message.connect(messages.append)
    index = page.filters.locality_combo.findData("Inverness")
    page.filters.locality_combo.setCurrentIndex(index)
    settle(qtbot, page)
    target = tmp_path / "inverness.pdf"
    op = page.report_button.write(target)
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    assert messages[-1] == "Saved inverness.pdf: 1 café, 3 items (narrowed by the filters)."
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Inverness café" in text and "Perth café" not in text
    assert "Town or area: Inverness" in " ".join(text.split())


def test_cancel_leaves_no_file(page, qtbot, tmp_path):  # noqa: F811
    messages = []
    page.sig_message.connect(messages.append)
    folder = tmp_path / "reports"
    folder.mkdir()
    op = page.report_button.write(folder / "synthesis.docx")
    op.cancel()
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    assert messages[-1] == "Report cancelled; nothing was written."
    assert list(folder.iterdir()) == []


def test_a_missing_folder_is_said_plainly(page, qtbot, tmp_path):  # noqa: F811
    messages = []
    page.sig_message.connect(messages.append)
    op = page.report_button.write(tmp_path / "gone" / "synthesis.pdf")
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    assert messages[-1] == f"The folder {tmp_path / 'gone'} does not exist, so the report was not written."


def test_the_button_reads_whole_at_1366_by_768(page, main_window):  # noqa: F811
    button = page.report_button
    assert button.isVisible() and button.isEnabled()
    room = button.width()
    assert room >= QFontMetrics(button.font()).horizontalAdvance(button.text().replace("&", ""))
    if SHOTS:
        main_window.grab().save(os.path.join(SHOTS, "synthesis-report-button.png"))
