"""The presenter window for the projector: the question in large type, the time left, the round, the comment page's
QR code while phones can reach it, and one participant's comment when the facilitator chooses to show it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from cafe_desk.ui.widgets.plain_text import in_quote_marks, plain_labels

BACKGROUND = "#10233b"
TEXT = "#ffffff"
MUTED = "#c9d6e3"
TIME_UP = "#ffd23f"

QR_SLOT_TEXT = ""
MARGIN_X, MARGIN_Y, GAP = 48, 36, 48
SPACING = 16  # between the parts of a column (they would otherwise take the gap between the columns)
SHRINK = 0.9  # each step of making a crowded column's type (or codes) smaller until it fits the window's height
PARTICIPANT_LABEL = "A participant's words:"


class PresenterWindow(QWidget):
    """A top-level window fed by the run page with `show_round` and `show_time`. F11 or double-click toggles full
    screen; Escape leaves full screen, and closes the window when it is not full screen; F5 closes it, as F5 opened
    it."""

    #: the window was closed (by a key, its close button, or the run page)
    sig_closed = Signal()

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("Café Desk — presenter")
        self.setAccessibleName("Presenter window")
        self.setObjectName("presenter")
        self.setStyleSheet(f"#presenter {{ background: {BACKGROUND}; }} QLabel {{ color: {TEXT}; }}")
        self.setAutoFillBackground(True)

        self._qr_pixmap = None
        self._wifi_pixmap = None
        self._time_up = False
        root = QHBoxLayout(self)
        root.setContentsMargins(MARGIN_X, MARGIN_Y, MARGIN_X, MARGIN_Y)
        root.setSpacing(GAP)
        self.left_column = self._build_question_column()
        self.right_column = self._build_clock_column()
        root.addLayout(self.left_column, 3)
        root.addLayout(self.right_column, 2)
        plain_labels(self.cafe_label, self.round_label, self.question, self.follow_ups, self.qr_text, self.wifi_text,
                     self.comment_text)  # a participant's words, and the plan's, are never read as HTML
        self.resize(1280, 720)
        self._scale_fonts()

    # --- building -------------------------------------------------------------------------------------------------

    @staticmethod
    def _muted(*labels: QLabel) -> None:
        for label in labels:
            label.setStyleSheet(f"color: {MUTED};")

    def _build_question_column(self) -> QVBoxLayout:
        """The café and round, the question and its follow-up prompts, and a participant's words when shown."""
        self.cafe_label = QLabel()
        self.round_label = QLabel()
        self.question = QLabel()
        self.question.setAccessibleName("Question")
        self.follow_ups = QLabel()
        for label in (self.question, self.follow_ups, self.cafe_label):
            label.setWordWrap(True)
        self._muted(self.follow_ups, self.cafe_label)
        header = QHBoxLayout()
        header.addWidget(self.cafe_label, 1)
        header.addWidget(self.round_label, 0, Qt.AlignmentFlag.AlignRight)
        column = QVBoxLayout()
        column.setSpacing(SPACING)
        column.addLayout(header)
        column.addSpacing(12)
        column.addWidget(self.question, 3, Qt.AlignmentFlag.AlignTop)
        column.addWidget(self.follow_ups, 1, Qt.AlignmentFlag.AlignTop)
        column.addWidget(self._build_comment_box())
        return column

    def _build_comment_box(self) -> QFrame:
        self.comment_label = QLabel(PARTICIPANT_LABEL)
        self._muted(self.comment_label)
        self.comment_text = QLabel()
        self.comment_text.setWordWrap(True)
        self.comment_text.setAccessibleName("A participant's words")
        self.comment_box = QFrame()
        self.comment_box.setObjectName("participantWords")
        self.comment_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.comment_box.setStyleSheet(f"QFrame#participantWords {{ border: none; border-left: 6px solid {TIME_UP}; }}")
        layout = QVBoxLayout(self.comment_box)
        layout.setContentsMargins(18, 6, 6, 6)
        layout.addWidget(self.comment_label)
        layout.addWidget(self.comment_text)
        self.comment_box.hide()
        return self.comment_box

    def _build_clock_column(self) -> QVBoxLayout:
        """The time left, and below it the QR codes for the Wi-Fi and the comment page."""
        self.clock = QLabel("--:--")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock.setAccessibleName("Time left")
        self.clock_caption = QLabel("time left")
        self.clock_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._muted(self.clock_caption)
        column = QVBoxLayout()
        column.setSpacing(SPACING)
        column.addWidget(self.clock)
        column.addWidget(self.clock_caption)
        column.addStretch(1)
        column.addLayout(self._build_codes())
        return column

    def _build_codes(self) -> QHBoxLayout:
        self.qr_slot = QLabel(QR_SLOT_TEXT)
        self.qr_slot.setAccessibleName("QR code for the comment page")
        self.qr_slot.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_slot.setFrameShape(QFrame.Shape.NoFrame)
        self.qr_text = QLabel()
        self.qr_text.setAccessibleName("Address of the comment page")
        self.qr_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_text.hide()
        self.qr_caption = QLabel("Open the comment page")
        self.wifi_caption = QLabel("Join the Wi-Fi")
        self.wifi_slot = QLabel()
        self.wifi_slot.setAccessibleName("QR code to join the Wi-Fi")
        self.wifi_slot.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.wifi_text = QLabel()
        self.wifi_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for label in (self.qr_caption, self.wifi_caption):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            self._muted(label)
        codes = QHBoxLayout()
        for caption, slot, text in ((self.wifi_caption, self.wifi_slot, self.wifi_text),
                                    (self.qr_caption, self.qr_slot, self.qr_text)):
            column = QVBoxLayout()
            column.setSpacing(SPACING)
            column.addWidget(caption)
            column.addWidget(slot, 0, Qt.AlignmentFlag.AlignCenter)
            column.addWidget(text)
            column.addStretch(1)  # both codes start at the same height, whatever the length of their text
            codes.addLayout(column)
        return codes

    # --- fed by the run page --------------------------------------------------------------------------------------

    def show_round(self, cafe_title: str, round_label: str, prompt: str, follow_ups: tuple[str, ...]) -> None:
        self.cafe_label.setText(cafe_title)
        self.round_label.setText(round_label)
        self.question.setText(prompt or "")
        self.follow_ups.setText("\n".join(f"• {f}" for f in follow_ups))
        self._scale_fonts()

    def show_time(self, clock_text: str, time_up: bool) -> None:
        self.clock.setText("Time is up" if time_up else clock_text)
        if time_up != self._time_up:
            self._time_up = time_up
            self.clock.setStyleSheet(f"color: {TIME_UP if time_up else TEXT};")
            self._scale_fonts()

    def set_qr(self, pixmap, text: str = "") -> None:
        """Show a QR code (a QPixmap) in the space kept for it, with `text` (the short address) under it;
        None empties the space."""
        self._qr_pixmap = pixmap
        # a web address has no spaces to wrap at: break it after the host, before the long secret
        self.qr_text.setText(text.replace("/c/", "/c/\n", 1) if pixmap is not None else "")
        self.qr_text.setVisible(pixmap is not None and bool(text))
        if pixmap is None:
            self.qr_slot.clear()
        self._scale_fonts()

    def set_wifi_qr(self, pixmap, text: str = "") -> None:
        """Show the "join the Wi-Fi" QR code beside the comment page's, with the network's name under it;
        None takes it away."""
        self._wifi_pixmap = pixmap
        self.wifi_text.setText(text if pixmap is not None else "")
        if pixmap is None:
            self.wifi_slot.clear()
        self._scale_fonts()

    def show_comment(self, text: str | None) -> None:
        """Show one participant's comment, labelled as theirs; None takes it off the screen."""
        self.comment_text.setText(in_quote_marks(text) if text else "")
        self.comment_box.setVisible(bool(text))
        self._scale_fonts()

    # --- placement and keys ---------------------------------------------------------------------------------------

    def show_on_projector(self, avoid_screen=None) -> None:
        """Full screen on a second screen when there is one; otherwise a normal window the facilitator can move."""
        screens = QGuiApplication.screens()
        others = [s for s in screens if s is not avoid_screen]
        if len(screens) > 1 and others:
            self.setScreen(others[0])
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
        else:
            self.showNormal()
            self.activateWindow()  # in front of the main window: its keys (F5, Escape) close it
        self.raise_()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif key == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            self.sig_closed.emit()

    def mouseDoubleClickEvent(self, event) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._scale_fonts()

    def _scale_fonts(self) -> None:
        """Type and codes sized to the window, then made smaller step by step until each column fits its height,
        so a long question, a revealed comment and the codes with their links all stay on screen."""
        self.ensurePolished()  # the style's sizes and spacing count, also before the window is first shown
        h = max(300, self.height())
        w = max(400, self.width())
        unit = min(h / 720, w / 1280)
        room = h - 2 * MARGIN_Y
        left_w = int((w - 2 * MARGIN_X - GAP) * 3 / 5)
        right_w = (w - 2 * MARGIN_X - GAP) * 2 / 5  # the clock's column: margins and spacing off, then its 2/5 share
        fit = 1.0
        for _ in range(12):
            self._size_left(unit * fit)
            if self._column_height(self.left_column, left_w) <= room:
                break
            fit *= SHRINK
        fit = 1.0
        for _ in range(12):
            self._size_right(unit, right_w, fit)
            if self._column_height(self.right_column, int(right_w)) <= room:
                break
            fit *= SHRINK

    @staticmethod
    def _column_height(column: QVBoxLayout, width: int) -> int:
        """The height `column` needs at `width`, measured afresh (a hidden window's layouts keep stale sizes)."""
        for layout in [column, *column.findChildren(QLayout)]:
            layout.invalidate()
        return column.heightForWidth(width) if column.hasHeightForWidth() else column.sizeHint().height()

    def _size_left(self, unit: float) -> None:
        long_question = len(self.question.text()) > 110
        room = 0.8 if not self.comment_box.isHidden() else 1.0  # a participant's words share the left column
        self._font(self.question, int((46 if long_question else 56) * unit * room), bold=True)
        self._font(self.follow_ups, int(28 * unit * room))
        self._font(self.cafe_label, int(22 * unit))
        self._font(self.round_label, int(26 * unit), bold=True)
        self.round_label.setMinimumWidth(self.round_label.sizeHint().width())  # the café title wraps instead
        self._font(self.comment_label, int(22 * unit))
        self._font(self.comment_text, int((26 if len(self.comment_text.text()) > 200 else 32) * unit))

    def _size_right(self, unit: float, right_w: float, fit: float) -> None:
        clock_px = right_w / (5.5 if self._time_up else 3.3)  # "Time is up" or "00:00" in bold, edge to edge
        both = self._qr_pixmap is not None and self._wifi_pixmap is not None
        self._font(self.clock, int(min(clock_px, (100 if both else 130) * unit) * fit), bold=True)
        self._font(self.clock_caption, int(22 * unit * fit))
        for label in (self.qr_text, self.wifi_text, self.qr_caption, self.wifi_caption):
            self._font(label, int((15 if both else 22) * unit * max(fit, 0.75)))
        if both:  # two codes side by side in the clock's column, each with room for its caption
            side = int(min(right_w / 2 - 24, 200 * unit) * fit)
        else:
            side = int(min(right_w, (300 if self._qr_pixmap is not None else 220) * unit) * fit)
        for slot, pixmap, caption in ((self.qr_slot, self._qr_pixmap, self.qr_caption),
                                      (self.wifi_slot, self._wifi_pixmap, self.wifi_caption)):
            caption.setVisible(pixmap is not None)
            slot.setVisible(pixmap is not None or slot is self.qr_slot)
            slot.setFixedSize(side, side)
            if pixmap is not None:
                slot.setPixmap(pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.FastTransformation))
        self.wifi_text.setVisible(self._wifi_pixmap is not None and bool(self.wifi_text.text()))

    @staticmethod
    def _font(label: QLabel, px: int, bold: bool = False) -> None:
        font = QFont(label.font())
        font.setPixelSize(max(10, px))
        font.setBold(bold)
        label.setFont(font)
