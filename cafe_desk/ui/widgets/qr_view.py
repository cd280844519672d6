"""`QrView`: a QR code drawn from a payload (through services.qr_codes), with a caption above and text under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cafe_desk.ui.widgets.plain_text import plain_labels


def qr_pixmap(payload: str, box_size: int = 8) -> QPixmap:
    """A QPixmap of the QR code for `payload` (the qrcode package is loaded only when this is first called)."""
    from cafe_desk.services.qr_codes import qr_png

    pixmap = QPixmap()
    pixmap.loadFromData(qr_png(payload, box_size=box_size), "PNG")
    return pixmap


class QrView(QWidget):
    """A caption ("Join the Wi-Fi"), the code itself, and the text under it for people who type it."""

    def __init__(self, caption: str, parent: QWidget | None = None, side: int = 200):
        super().__init__(parent)
        self.payload = ""
        self.side = side
        self.caption = QLabel(f"<b>{caption}</b>")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image = QLabel()
        self.image.setAccessibleName(f"QR code: {caption}")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setFixedSize(side, side)
        self.image.setStyleSheet("background: white;")
        self.text = QLabel()
        plain_labels(self.text)  # an address, or a network's name as typed
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(f"{caption}: text")
        font = QFont(self.text.font())
        font.setPointSize(font.pointSize() + 1)
        self.text.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.image, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.text)
        self.clear("")

    def set_payload(self, payload: str, text_under: str) -> None:
        """Draw the code for `payload` and show `text_under` beneath it."""
        self.payload = payload
        self.pixmap = qr_pixmap(payload)
        self.image.setPixmap(self.pixmap.scaled(self.side, self.side, Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.FastTransformation))
        self.text.setText(text_under)

    def clear(self, text_under: str) -> None:
        """No code: an empty square and an explanation under it."""
        self.payload = ""
        self.pixmap = QPixmap()
        self.image.clear()
        self.text.setText(text_under)
