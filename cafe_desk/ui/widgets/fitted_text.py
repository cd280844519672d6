"""Text that fits where it is shown: table columns as wide as the longest of their few short values (so "⚑ Needs
care" never wraps to "⚑ N… ca…"), and `ElidedCombo`, a combo box that cuts a long choice at its end with "…" and
shows the whole of it as a tooltip, instead of clipping it mid-letter."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QComboBox, QHeaderView, QStyle, QStyleOptionComboBox, QStylePainter, QTableView

from cafe_desk.ui.widgets.plain_text import tip

#: room either side of a cell's text and the grid line (more than the styles' own margins, never less)
CELL_PADDING = 16


def text_width(font: QFont, texts: Iterable[str], bold: bool = False) -> int:
    """The width of the widest line of `texts` in `font` (in bold with `bold`)."""
    if bold:
        font = QFont(font)
        font.setBold(True)
    metrics = QFontMetrics(font)
    return max((metrics.horizontalAdvance(line) for text in texts for line in text.split("\n")), default=0)


def two_lines(font: QFont, text: str) -> list[str]:
    """`text` broken at the space that makes its wider line narrowest: what it needs to fit on two lines."""
    words, metrics = text.split(" "), QFontMetrics(font)
    if len(words) < 2:
        return [text]
    at = min(range(1, len(words)), key=lambda i: max(metrics.horizontalAdvance(" ".join(words[:i])),
                                                     metrics.horizontalAdvance(" ".join(words[i:]))))
    return [" ".join(words[:at]), " ".join(words[at:])]


def fit_column(view: QTableView, column: int, texts: Iterable[str], bold: bool = False,
               resizable: bool = False) -> int:
    """Make `column` of `view` as wide as its widest value among `texts` (and its header) needs, fixed at that width
    unless `resizable`; the width."""
    header = view.horizontalHeader()
    title = view.model().headerData(column, Qt.Orientation.Horizontal) or ""
    width = max(text_width(view.font(), texts, bold), text_width(header.font(), [str(title)])) + CELL_PADDING
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive if resizable else
                                QHeaderView.ResizeMode.Fixed)
    header.resizeSection(column, width)
    return width


class ElidedCombo(QComboBox):
    """A combo box whose chosen text, when longer than the box, ends in "…" (its start, where a title begins, always
    shows), with the whole text as the box's tooltip."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.currentIndexChanged.connect(lambda _i: self.setToolTip(tip(self.currentText())))

    def shown_text(self) -> str:
        """The chosen text as the box shows it: whole, or cut at its end with "…" when it is too long."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self._elided(option)

    def _elided(self, option: QStyleOptionComboBox) -> str:
        room = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, self).width()
        return self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight, room)

    def paintEvent(self, event) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self._elided(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
