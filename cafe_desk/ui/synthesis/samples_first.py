"""Asked before an export or a report made while the sample cafés are left out, if that would leave nothing (only
samples are here, or the café chosen in the filters is one): said at once, before any question or file dialog, with
the offer to include them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.services import Services

ONLY_SAMPLES = ("Only the sample cafés are here, and reports and data files leave them out unless you include them, "
                "so this would hold nothing.")
SAMPLE_CHOSEN = ("The café chosen in the filters is a sample café, and reports and data files leave the sample cafés "
                 "out unless you include them, so this would hold nothing.")
THE_TICK = "(The tick “Include them in reports and data files” at the top of the page does the same.)"
INCLUDE = "Include the sample cafés"


def samples_left_out(services: Services, f: SynthesisFilter) -> str:
    """Why an export or report with filter `f` and the sample cafés left out would hold nothing; "" if it would
    not."""
    samples = services.samples.ids()
    if not samples:
        return ""
    if f.cafe_id in samples:
        return SAMPLE_CHOSEN
    real = services.synthesis.without_samples().cafes()
    return "" if real else ONLY_SAMPLES


def samples_box(parent: QWidget | None, why: str) -> QMessageBox:
    """The question: `why`, then whether to include the sample cafés (the default) or cancel."""
    box = QMessageBox(QMessageBox.Icon.Information, "Sample cafés", f"{why}\n\n{THE_TICK}",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    include = box.addButton(INCLUDE, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(include)
    box.setEscapeButton(cancel)
    return box


def ask_include_samples(parent: QWidget | None, why: str) -> bool:
    """Ask with `samples_box`: True if the person chose to include the sample cafés."""
    box = samples_box(parent, why)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and clicked.text() == INCLUDE
