"""The Synthesis page's "Themes by café" tab: a table of how many items of each café carry each theme (each café's
column headed by its town or area and date, wide enough to read), or a plain message while there are no themes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from cafe_desk.ui.synthesis.synthesis_models import ThemeCountsModel

NO_THEMES = ("No themes coded yet. Make a theme in the Codebook and code items with it on the Items tab: its items are "
             "counted here, café by café.")
THEME_COLUMN_WIDTH = 220


class ThemeCountsTable(QWidget):
    """Shows a `ThemeCountsModel`: `table` once there are themes, `message` until then."""

    def __init__(self, model: ThemeCountsModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.message = QLabel(NO_THEMES)
        self.message.setWordWrap(True)
        self.message.setMargin(8)
        self.message.setAccessibleName("No themes yet")
        self.table = QTableView()
        self.table.setAccessibleName("Items per theme and café")
        self.table.setModel(model)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # the headings are short: show them
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.table, 1)
        model.modelReset.connect(self._show_table_or_message)
        self._show_table_or_message()

    def _show_table_or_message(self) -> None:
        empty = self.model.rowCount() == 0
        self.message.setVisible(empty)
        self.table.setVisible(not empty)
        if self.model.columnCount():
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(0, THEME_COLUMN_WIDTH)
