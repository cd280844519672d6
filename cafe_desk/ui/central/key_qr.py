"""The public key's QR code on the Central page: as large as the Keys box leaves room for (up to `MAX_SIDE`), drawn
in whole pixels per module so it stays sharp, and never under or over another widget."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from cafe_desk.ui.widgets.qr_view import qr_pixmap

MAX_SIDE = 220
MIN_SIDE = 132  # three pixels a module for a public key's code: still scans from a screen
BOX_SIZE = 8  # pixels a module in the drawn code, before it is fitted


class KeyQr(QLabel):
    """`set_payload(text)` draws the code; `clear()` leaves a white square. `payload` and `pixmap` (the code as
    drawn, full size) are kept for copying or checking."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.payload = ""
        self.pixmap = QPixmap()
        self.setAccessibleName("QR code: Public key")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("background: white;")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(MIN_SIDE, MIN_SIDE)
        self.setMaximumSize(MAX_SIDE, MAX_SIDE)

    def sizeHint(self) -> QSize:
        return QSize(MAX_SIDE, MAX_SIDE)

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_SIDE, MIN_SIDE)

    def set_payload(self, payload: str) -> None:
        self.payload = payload
        self.pixmap = qr_pixmap(payload, box_size=BOX_SIZE)
        self._fit()

    def clear(self) -> None:
        self.payload = ""
        self.pixmap = QPixmap()
        super().clear()

    def code_rect(self):
        """Where the code is drawn inside this label (its own coordinates); empty with no code."""
        pixmap = super().pixmap()
        if pixmap is None or pixmap.isNull():
            return self.rect().adjusted(0, 0, -self.width(), -self.height())
        rect = pixmap.rect()
        rect.moveCenter(self.rect().center())
        return rect

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.pixmap.isNull():
            return
        modules = self.pixmap.width() // BOX_SIZE
        room = min(self.width(), self.height(), MAX_SIDE)
        side = max(room // modules, 1) * modules
        self.setPixmap(self.pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.FastTransformation))
