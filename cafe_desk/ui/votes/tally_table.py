"""The tally table: counts typed from paper with the keyboard alone, down a column or along a row of numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from cafe_desk.ui.votes.tally_model import CountDelegate


class TallyTable(QTableView):
    """Enter saves a count and moves to the next row's same column; Tab moves along the number cells only."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setModel(model)
        delegate = CountDelegate(self)
        delegate.sig_step.connect(self.step)
        self.setItemDelegate(delegate)
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.AnyKeyPressed | triggers.DoubleClicked | triggers.EditKeyPressed
                             | triggers.SelectedClicked)
        self.setTabKeyNavigation(True)

    def step(self, rows: int) -> None:
        """Move the current cell `rows` rows down (up when negative), staying in its column and on the table."""
        current = self.currentIndex()
        if not current.isValid():
            return
        row = min(max(current.row() + rows, 0), self.model().rowCount() - 1)
        self.setCurrentIndex(self.model().index(row, current.column()))

    def keyPressEvent(self, event) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState
                and self.currentIndex().isValid()):
            self.step(1)  # a count left as it is: on to the next row
            return
        super().keyPressEvent(event)

    def moveCursor(self, action, modifiers):
        if action not in (self.CursorAction.MoveNext, self.CursorAction.MovePrevious):
            return super().moveCursor(action, modifiers)
        model, current = self.model(), self.currentIndex()
        columns = model.columnCount() - 1  # the number cells, after the outcome names
        if model.rowCount() == 0 or columns < 1:
            return current
        # number cells in reading order, wrapping at the ends as a table does
        place = (current.row() * columns + max(current.column(), 1) - 1) if current.isValid() else -1
        place += 1 if action == self.CursorAction.MoveNext else -1
        place %= model.rowCount() * columns
        return model.index(place // columns, 1 + place % columns)
