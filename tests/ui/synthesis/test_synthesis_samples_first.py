"""Export data and the synthesis report with sample cafés held and their tick off: when that would leave nothing, the
page says so at once, in a window, before the scope question and the file dialog, and offers to include them; when
real cafés are here too, the scope question counts what will really be exported."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.ui.synthesis.export_menu import EXPORT_CHOICES
from tests.central import make_cafe, send
from tests.ui.synthesis.test_synthesis_panel import answer_export_question, button, settle

XLSX = next(c for c in EXPORT_CHOICES if c.kind == "xlsx")


@pytest.fixture
def saving(monkeypatch, tmp_path):
    """The file dialogs answer with a file in tmp_path; each time they are opened is recorded."""
    opened = []

    def save_name(parent, title, start, types):
        opened.append(title)
        return str(tmp_path / ("report.pdf" if "report" in title else "data.xlsx")), types.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    return opened


def answer_boxes(presses) -> list:
    """Answer the questions as they show, one after another, each with the next of `presses`; what each said is put
    in the list returned."""
    seen: list = []
    answered: list = []  # the boxes themselves, held: a new box may take a closed one's id()

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and not any(box is old for old in answered):
            answered.append(box)
            seen.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()]))
            try:
                presses[len(seen) - 1](box)
            except Exception:
                box.reject()  # a button not there fails the test's assertions, never leaves it waiting
                raise
        if len(seen) < len(presses):
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    return seen


def samples_page(qtbot, main_window):
    main_window.show_page(list(main_window.slots).index("Synthesis"))
    page = main_window.synthesis_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=30_000)
    settle(qtbot, page)
    return page


def test_only_samples_and_the_tick_off_is_said_before_anything_is_asked(qtbot, main_window, services, saving,
                                                                       tmp_path):
    services.samples.add()
    page = samples_page(qtbot, main_window)
    page.search.setText("walking group")
    page.refresh_items()
    settle(qtbot, page)
    seen = answer_export_question(page, lambda box: button(box, "Cancel").click())
    page._choose_export_target(XLSX)
    [(title, text, buttons)] = seen
    assert title == "Sample cafés" and text.startswith("Only the sample cafés are here")
    assert "--samples" not in text and "Include them in reports and data files" in text
    assert buttons == ["Include the sample cafés", "Cancel"]
    assert saving == [] and not page.samples_bar.include.isChecked()

    seen = answer_export_question(page, lambda box: button(box, "Cancel").click())
    page.report_button.choose_target()
    assert seen[0][0] == "Sample cafés" and saving == []

    found = page.shown_total[1]
    seen = answer_boxes([lambda box: button(box, "Include the sample cafés").click(),
                         lambda box: button(box, f"Export the {found} items found").click()])
    page._choose_export_target(XLSX)
    assert [s[0] for s in seen] == ["Sample cafés", "Export data"]
    assert seen[1][1] == f"This exports the {found} items found (of {page.all_total:,}), with the votes and the themes."
    qtbot.waitUntil(lambda: page.export_op is not None and page.export_op.done, timeout=30_000)
    assert page.samples_bar.include.isChecked() and saving == ["Save the synthesis data"]
    assert (tmp_path / "data.xlsx").exists()


def test_the_scope_question_counts_what_will_be_exported(qtbot, main_window, services, identity, saving):
    send(services, make_cafe(services), services.store, identity)
    services.samples.add()
    page = samples_page(qtbot, main_window)
    page.search.setText("peer")
    page.refresh_items()
    settle(qtbot, page)
    real = services.synthesis.without_samples()
    found = real.find(page.current_filter(), limit=0).total
    total = real.find(SynthesisFilter(), limit=0).total
    assert page.shown_total[1] > found  # the page shows the samples' items too
    seen = answer_export_question(page, lambda box: button(box, "Cancel").click())
    page._choose_export_target(XLSX)
    assert [s[0] for s in seen] == ["Export data"]  # real cafés are here: nothing to say of the samples first
    assert seen[0][1] == (f"This exports the {found} item{'s' if found != 1 else ''} found (of {total}), with the "
                          "votes and the themes. The sample cafés are left out.")
    assert saving == []
