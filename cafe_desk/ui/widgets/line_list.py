"""Lists of one-line texts that stay readable in a narrow column: no sideways scrolling, a long line wrapped or cut
in the middle (so its start and its end both show), the whole text as the item's tooltip, and room for a few rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem

from cafe_desk.ui.widgets.plain_text import shown, tip


def fit_lines(view: QListWidget, rows: int, wrap: bool = False) -> None:
    """Show at least `rows` rows; long lines wrap (`wrap`) or are cut in the middle, never scrolled sideways."""
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.setWordWrap(wrap)
    if wrap:
        view.setResizeMode(QListView.ResizeMode.Adjust)  # lines wrap again when the column changes width
    row = view.fontMetrics().lineSpacing() + 4
    view.setMinimumHeight(rows * row + 2 * view.frameWidth() + 4)


def add_line(view: QListWidget, text: str) -> QListWidgetItem:
    """Add `text` as a row (shown exactly, see `shown`), with the whole of it as the row's tooltip."""
    item = QListWidgetItem(shown(text))
    item.setToolTip(tip(text))
    view.addItem(item)
    return item
