"""`TableLinks`: while the café is open to phones, a "Table hosts' links…" button on the Run page that opens
`TableLinksDialog`, each table host's link and QR code, readable and easy to copy (one link or all of them), with a
larger code for a host scanning from across the table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.ui.widgets.plain_text import plain_labels, shown
from cafe_desk.ui.widgets.qr_view import QrView, qr_pixmap

LARGE_QR_SIDE = 360
ROW_QR_SIDE = 120
BUTTON_TEXT = "Ta&ble hosts' links…"
INTRO = ("Each table's host scans their table's code with a phone, or opens its link, to add the table's points. "
         "The links work while the café is open to phones.")
DIALOG_SIZE = (1100, 680)  # on a 1366×768 screen, eight tables two to a line; more tables scroll


class TableQrDialog(QDialog):
    """One table host's link as a large QR code, for the host to scan from the laptop's screen."""

    def __init__(self, label: str, url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{shown(label)} host")
        self.qr = QrView(f"{label} host: scan to add points", side=LARGE_QR_SIDE)
        self.qr.set_payload(url, url)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.qr)
        layout.addWidget(buttons)


class TableLinkRow(QFrame):
    """One table: its code, "Table 1 host", the link on one line, and buttons to copy it or show the code larger."""

    def __init__(self, label: str, url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.code = QLabel()
        self.code.setFixedSize(ROW_QR_SIDE, ROW_QR_SIDE)
        self.code.setStyleSheet("background: white;")
        self.code.setAccessibleName(f"QR code for {label}'s host")
        self.code.setPixmap(qr_pixmap(url).scaled(ROW_QR_SIDE, ROW_QR_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))
        self.title = QLabel(shown(f"{label} host"))
        self.link = QLabel(url)
        plain_labels(self.title, self.link)  # a table's name is typed by the facilitator
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.link.setAccessibleName(f"{label} host's link")
        for widget, bigger, bold in ((self.title, 1, True), (self.link, 1, False)):
            font = QFont(widget.font())
            font.setPointSize(font.pointSize() + bigger)
            font.setBold(bold)
            widget.setFont(font)
        self.copy_btn = QPushButton("Copy link")
        self.copy_btn.setAccessibleName(f"Copy {label} host's link")
        self.larger_btn = QPushButton("Larger code")
        self.larger_btn.setAccessibleName(f"Show the QR code for {label}'s host larger")
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_btn)
        buttons.addWidget(self.larger_btn)
        buttons.addStretch(1)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.link)
        text.addStretch(1)
        text.addLayout(buttons)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 6, 6, 6)
        row.addWidget(self.code)
        row.addLayout(text, 1)


class TableLinksDialog(QDialog):
    """Every table host's link and code, two to a line where each link still fits whole, with "Copy all links" (not
    modal: the Run page stays usable while hosts scan)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Table hosts' links")
        self.links: list[tuple[str, str]] = []
        self.rows: list[TableLinkRow] = []
        self.qr_dialog: TableQrDialog | None = None
        self.columns = 0
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self._body = QWidget()
        self._grid = QGridLayout(self._body)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self._body)
        self.copy_all_btn = QPushButton("Copy &all links")
        self.copy_all_btn.setAccessibleName("Copy every table host's link")
        self.copy_all_btn.clicked.connect(self.copy_all)
        self.copied = QLabel()
        self.copied.setAccessibleName("Copied")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        foot = QHBoxLayout()
        foot.addWidget(self.copy_all_btn)
        foot.addWidget(self.copied, 1)
        foot.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(foot)

    def set_links(self, links: list[tuple[str, str]]) -> None:
        """Show these (table label, link) rows, two to a line."""
        self.links = list(links)
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.rows = []
        for i, (label, url) in enumerate(self.links):
            row = TableLinkRow(label, url, self._body)
            row.copy_btn.clicked.connect(lambda _checked=False, i=i: self.copy_link(i))
            row.larger_btn.clicked.connect(lambda _checked=False, i=i: self.show_code(i))
            self.rows.append(row)
        self.columns = 0
        self._arrange()
        self.copied.clear()

    def _arrange(self) -> None:
        """Two tables to a line when both links fit whole side by side, else one."""
        # measured from the dialog's own width: its scroll area is laid out only after this runs
        outer, inner = self.layout().contentsMargins(), self._grid.contentsMargins()
        room = (self.width() - outer.left() - outer.right() - inner.left() - inner.right()
                - self.scroll.verticalScrollBar().sizeHint().width())
        widest = max((row.minimumSizeHint().width() for row in self.rows), default=0)
        columns = 2 if len(self.rows) > 1 and 2 * widest + self._grid.horizontalSpacing() <= room else 1
        if columns == self.columns:
            return
        self.columns = columns
        for row in self.rows:
            self._grid.removeWidget(row)
        for i, row in enumerate(self.rows):
            self._grid.addWidget(row, i // columns, i % columns)
        for line in range(self._grid.rowCount()):
            self._grid.setRowStretch(line, 0)
        self._grid.setRowStretch((len(self.rows) + columns - 1) // columns, 1)  # the lines keep to the top

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def fit(self, width: int, most_height: int) -> None:
        """`width` wide, and as tall as the tables need up to `most_height` (then they scroll)."""
        self.resize(width, most_height)
        self._arrange()
        self.layout().activate()
        others = self.sizeHint().height() - self.scroll.sizeHint().height()
        self.resize(width, min(most_height, others + self._body.sizeHint().height() + 2))

    def copy_link(self, row: int) -> None:
        label, url = self.links[row]
        QGuiApplication.clipboard().setText(url)
        self.copied.setText(shown(f"Copied {label} host's link."))

    def copy_all(self) -> None:
        """Every link on the clipboard, one line a table ("Table 1 host: http://…"), to paste into a message."""
        QGuiApplication.clipboard().setText("\n".join(f"{label} host: {url}" for label, url in self.links) + "\n")
        count = len(self.links)
        self.copied.setText(f"Copied {'the link' if count == 1 else f'all {count} links'}.")

    def show_code(self, row: int) -> None:
        """Row `row`'s link as a large QR code."""
        self.close_code()
        label, url = self.links[row]
        self.qr_dialog = TableQrDialog(label, url, self)
        self.qr_dialog.show()

    def close_code(self) -> None:
        if self.qr_dialog is not None:
            self.qr_dialog.reject()


class TableLinks(QWidget):
    """The Run page's "Table hosts' links…" button, shown while the café is open to phones; it opens the dialog."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.links: list[tuple[str, str]] = []  # (table label, link) as shown
        self.dialog: TableLinksDialog | None = None
        self.button = QPushButton(BUTTON_TEXT)
        self.button.setAccessibleName("Show each table host's link and QR code")
        self.button.setToolTip("Each table's host adds their table's points from a phone through their own link")
        self.button.clicked.connect(self.open_dialog)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setVisible(False)

    def show_links(self, links: list[tuple[str, str]]) -> None:
        """Offer these (table label, link) rows; none hides the button and closes the dialog."""
        if links == self.links:
            return
        self.links = list(links)
        self.setVisible(bool(self.links))
        if not self.links:
            self._close_dialog()
        elif self.dialog is not None:
            self.dialog.set_links(self.links)  # a table added while it is open

    def clear(self) -> None:
        """No links (the café is closed to phones)."""
        self.show_links([])

    def open_dialog(self) -> TableLinksDialog:
        """Show every table host's link and code (the same dialog again if it is open)."""
        if self.dialog is None:
            self.dialog = TableLinksDialog(self)
            self.dialog.set_links(self.links)
            width, height = DIALOG_SIZE
            window = self.window()  # the main window, as large as the laptop's screen lets it be
            self.dialog.fit(min(width, window.width() - 40), min(height, window.height() - 60))
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.close_code()
            self.dialog.reject()
