"""The table model behind each of the Plan page's lists of items."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from cafe_desk.ui.plan.plan_specs import ItemSpec
from cafe_desk.ui.widgets.plain_text import shown

_Index = QModelIndex | QPersistentModelIndex


class ItemTableModel(QAbstractTableModel):
    """A list of one kind of plan item (frozen dataclasses with an `id`); `Qt.UserRole` gives the item."""

    def __init__(self, spec: ItemSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.items: list = []

    def set_items(self, items: list) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.spec.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return shown(self.spec.cells(item)[index.column()])
        if role == Qt.ItemDataRole.ToolTipRole:
            text = shown(self.spec.cells(item)[index.column()])
            return text if len(text) > 40 else None
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.spec.headers[section]
        return None

    def row_of(self, item_id: str) -> int:
        return next((i for i, it in enumerate(self.items) if it.id == item_id), -1)
