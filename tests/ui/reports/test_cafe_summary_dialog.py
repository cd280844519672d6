"""Café → Café summary…: the real main window and dialog, the PDF made off the GUI thread on the real data file."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton

from cafe_desk.reports.cafe_summary_model import PERSONAL_DATA_MARK
from cafe_desk.ui.reports.cafe_summary_dialog import CANCELLED, CafeSummaryDialog
from tests.reports.summary_cafe import NAME, QUOTE, make_cafe, page_count, pdftotext


def summary_dialog(qtbot, window) -> CafeSummaryDialog:
    """Open the dialog from the Café menu."""
    action = window.summary_action
    assert action.isEnabled()
    action.trigger()
    dialog = window.findChild(CafeSummaryDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_menu_offers_the_summary_only_with_a_cafe_open(main_window, cafe):
    assert not main_window.summary_action.isEnabled()
    assert main_window.open_summary_dialog() is None
    main_window.open_cafe(cafe.id)
    assert main_window.summary_action.isEnabled()
    titles = [a.text() for a in main_window.menuBar().actions()[0].menu().actions()]
    assert "Café &summary…" in titles


def test_the_anonymised_summary_is_saved_and_the_dialog_closes(qtbot, cafe_window, services, cafe, tmp_path):
    make_cafe(services, cafe)
    dialog = summary_dialog(qtbot, cafe_window)
    assert dialog.anonymised.isChecked() and not dialog.warning.isVisible()
    target = tmp_path / "summary.pdf"
    with qtbot.waitSignal(dialog.sig_saved, timeout=30_000) as saved:
        dialog.save_to(target)
    assert saved.args == [str(target)]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    text = pdftotext(target)
    assert QUOTE in text and NAME not in text and PERSONAL_DATA_MARK not in text


def test_the_full_version_warns_and_marks_every_page(qtbot, cafe_window, services, cafe, tmp_path):
    make_cafe(services, cafe)
    dialog = summary_dialog(qtbot, cafe_window)
    button = dialog.full_version
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))  # on its round mark
    assert dialog.full() and dialog.warning.isVisible()
    target = tmp_path / "full.pdf"
    with qtbot.waitSignal(dialog.sig_saved, timeout=30_000):
        dialog.save_to(target)
    assert NAME in pdftotext(target)
    assert all(PERSONAL_DATA_MARK in pdftotext(target, page) for page in range(1, page_count(target) + 1))


def test_cancel_leaves_no_file(qtbot, cafe_window, services, cafe, tmp_path):
    make_cafe(services, cafe)
    dialog = summary_dialog(qtbot, cafe_window)
    op = dialog.save_to(tmp_path / "summary.pdf")
    op.dialog.findChild(QPushButton).click()  # the progress dialog's Cancel button
    qtbot.waitUntil(lambda: op.done, timeout=30_000)
    assert dialog.isVisible() and dialog.message.text() == CANCELLED
    assert list(tmp_path.glob("summary*")) == [] and list(tmp_path.glob("*.part")) == []


def test_a_missing_folder_is_said_in_one_line_and_the_dialog_stays(qtbot, cafe_window, tmp_path):
    dialog = summary_dialog(qtbot, cafe_window)
    target = tmp_path / "gone" / "summary.pdf"
    op = dialog.save_to(target)
    qtbot.waitUntil(lambda: op.done, timeout=30_000)
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert dialog.message.text() == (f"The folder {target.parent} isn't there, so the report was not saved. "
                                     "Please choose another folder.")


def test_from_the_export_review_the_summary_follows_its_choices(qtbot, services, cafe, tmp_path):
    from cafe_desk.ui.export.export_dialog import COL_LEAVE_OUT, ExportDialog
    from tests.ui.conftest import review_read
    from tests.ui.export.test_export_dialog import row_of

    table = services.planning.items(cafe.id, "table")[0]
    round_ = services.planning.items(cafe.id, "round")[0]
    left = services.notes.add(cafe.id, table.id, round_.id, "Bus fares stop people coming to the drop-in")[0]
    services.notes.add(cafe.id, table.id, round_.id, "More peer support in the evenings")
    export = ExportDialog(services, cafe.id)
    qtbot.addWidget(export)
    review_read(qtbot, export)
    export.model.setData(export.model.index(row_of(export, left.id), COL_LEAVE_OUT), Qt.CheckState.Checked,
                         Qt.ItemDataRole.CheckStateRole)
    export.summary_button.click()
    dialog = export.findChild(CafeSummaryDialog)
    target = tmp_path / "summary.pdf"
    with qtbot.waitSignal(dialog.sig_saved, timeout=30_000):
        dialog.save_to(target)
    text = " ".join(pdftotext(target).split())
    assert "More peer support in the evenings" in text and "Bus fares" not in text
    assert "Left out of this report: 1 point left out in the review." in text


def test_the_full_versions_warning_shows_whole(qtbot, cafe_window, tmp_path):
    dialog = summary_dialog(qtbot, cafe_window)
    dialog.full_version.setChecked(True)
    qtbot.waitUntil(lambda: dialog.warning.isVisible(), timeout=2000)
    needed = dialog.warning.heightForWidth(dialog.warning.width())
    assert dialog.warning.height() >= needed > 0
    dialog.grab().save(str(tmp_path / "full.png"))
