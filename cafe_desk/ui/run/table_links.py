"""`TableLinks`: each table host's link while the café is open to phones, with a button that shows its QR code large."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.ui.widgets.plain_text import plain_labels, shown
from cafe_desk.ui.widgets.qr_view import QrView

LARGE_QR_SIDE = 360
LIST_HEIGHT = 150


class TableQrDialog(QDialog):
    """One table host's link as a large QR code, for the host to scan from the laptop's screen."""

    def __init__(self, label: str, url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{label} host")
        self.qr = QrView(f"{label} host: scan to add points", side=LARGE_QR_SIDE)
        self.qr.set_payload(url, url)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.qr)
        layout.addWidget(buttons)


class TableLinks(QScrollArea):
    """A compact list, "Table 1 host: link", one row per table, each with a "Show code" button."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMaximumHeight(LIST_HEIGHT)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAccessibleName("Table hosts' links")
        self.links: list[tuple[str, str]] = []  # (table label, link) as shown
        self.link_labels: list[QLabel] = []
        self.code_buttons: list[QPushButton] = []
        self.qr_dialog: TableQrDialog | None = None
        self._body = QWidget()
        self._grid = QGridLayout(self._body)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.setWidget(self._body)
        self.setVisible(False)

    def show_links(self, links: list[tuple[str, str]]) -> None:
        """Show these (table label, link) rows; none hides the list."""
        if links == self.links:
            return
        self.links = list(links)
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.link_labels, self.code_buttons = [], []
        for row, (label, url) in enumerate(self.links):
            text = QLabel(shown(f"{label} host: {url}"))
            plain_labels(text)  # a table's name is typed by the facilitator
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setAccessibleName(f"{label} host's link")
            button = QPushButton("Show code")
            button.setAccessibleName(f"Show the QR code for {label}'s host")
            button.clicked.connect(lambda _checked=False, i=row: self.show_code(i))
            self._grid.addWidget(text, row, 0)
            self._grid.addWidget(button, row, 1)
            self.link_labels.append(text)
            self.code_buttons.append(button)
        self._grid.setColumnStretch(0, 1)
        self.setVisible(bool(self.links))

    def clear(self) -> None:
        """No links (the café is closed to phones)."""
        self.show_links([])
        if self.qr_dialog is not None:
            self.qr_dialog.reject()

    def show_code(self, row: int) -> None:
        """Show row `row`'s link as a large QR code (not modal: the Run page stays usable)."""
        if self.qr_dialog is not None:
            self.qr_dialog.reject()
        label, url = self.links[row]
        self.qr_dialog = TableQrDialog(label, url, self)
        self.qr_dialog.show()
