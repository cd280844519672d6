"""The Votes page's table of counts: one row per outcome, one editable column per level, typed into a spin box."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemDelegate, QSpinBox, QStyledItemDelegate

from cafe_desk.core.model import AGREEMENT_LABELS, Outcome, Tally
from cafe_desk.core.votes import MAX_COUNT, levels_for
from cafe_desk.ui.widgets.plain_text import shown, tip

COL_OUTCOME = 0


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class TallyModel(QAbstractTableModel):
    """Rows are outcomes; after the outcome column, one editable column per level (dots, rank, or score)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.method = "dots"
        self.outcomes: list[Outcome] = []
        self.levels: tuple[int, ...] = (0,)
        self.counts: dict[tuple[str, int], int] = {}
        self.editable = True
        self.write = None  # callable(outcome_id, level, count) -> bool, set by the panel

    def load(self, method: str, outcomes: list[Outcome], tallies: list[Tally], table_id, group_id,
             editable: bool) -> None:
        self.beginResetModel()
        self.method, self.outcomes, self.editable = method, outcomes, editable
        self.levels = levels_for(method, len(outcomes))
        self.counts = {(t.outcome_id, t.level): t.count for t in tallies
                       if t.table_id == table_id and t.group_id == group_id}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.outcomes)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 1 + len(self.levels)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section == COL_OUTCOME:
            return "Outcome"
        level = self.levels[section - 1]
        if self.method == "dots":
            return "Dots"
        if self.method == "ranking":
            return f"Ranked {_ordinal(level)}"
        return f"{level} – {AGREEMENT_LABELS[level]}"

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != COL_OUTCOME and self.editable:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        outcome = self.outcomes[index.row()]
        if index.column() == COL_OUTCOME:
            if role == Qt.ItemDataRole.DisplayRole:
                return shown(outcome.title)
            return tip(outcome.title) if role == Qt.ItemDataRole.ToolTipRole else None
        count = self.counts.get((outcome.id, self.levels[index.column() - 1]), 0)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return count
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return shown(f"{outcome.title}, {self.headerData(index.column(), Qt.Orientation.Horizontal)}: {count}")
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() == COL_OUTCOME or self.write is None:
            return False
        outcome = self.outcomes[index.row()]
        return bool(self.write(outcome.id, self.levels[index.column() - 1], value))

    def refresh_counts(self, tallies: list[Tally], table_id, group_id) -> None:
        """New counts for the same outcomes and levels, without resetting the view (an editor may be open)."""
        self.counts = {(t.outcome_id, t.level): t.count for t in tallies
                       if t.table_id == table_id and t.group_id == group_id}
        if self.outcomes:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self.outcomes) - 1, len(self.levels)))

    def set_count(self, outcome_id: str, level: int, count: int) -> None:
        self.counts[(outcome_id, level)] = count
        row = next(i for i, o in enumerate(self.outcomes) if o.id == outcome_id)
        col = 1 + self.levels.index(level)
        self.dataChanged.emit(self.index(row, col), self.index(row, col))


_STEPS = {Qt.Key.Key_Return: 1, Qt.Key.Key_Enter: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}


class CountDelegate(QStyledItemDelegate):
    """Counts are typed into a spin box that accepts only whole numbers from 0 to MAX_COUNT.

    Enter, Down and Up save the number and close the box, then ask the view to move to the row below (or above),
    as on a paper tally sheet: the arrows never change the number typed.
    """

    #: int — rows to move after a count was saved from the keyboard (1 down, -1 up)
    sig_step = Signal(int)

    def eventFilter(self, editor, event) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(editor, QSpinBox)
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                and event.key() in _STEPS):
            editor.interpretText()
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.sig_step.emit(_STEPS[event.key()])
            return True
        return super().eventFilter(editor, event)

    def createEditor(self, parent, option, index):
        editor = QSpinBox(parent)
        editor.setRange(0, MAX_COUNT)
        editor.setAccessibleName("Number of votes")
        return editor
