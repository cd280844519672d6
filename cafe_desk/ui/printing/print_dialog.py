"""`PrintDialog` (Café → Print…): which printables to print (poster, table tent cards, comment cards, vote sheets,
note-taker sheets), how many comment cards and vote sheets, where the QR codes send phones (or none), a picture of
the first page, and Save as PDF…, which draws the file off the GUI thread with progress and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.errors import UserError
from cafe_desk.core.phone_address import is_loopback
from cafe_desk.services import Services
from cafe_desk.services.printables import KINDS, MAX_COPIES
from cafe_desk.ui.shell.ops import Op, OpContext, run_op
from cafe_desk.ui.widgets.alert_label import AlertLabel
from cafe_desk.ui.widgets.laptop_addresses import listen_addresses
from cafe_desk.ui.widgets.phone_address_picker import PhoneAddressPicker

PREVIEW_W, PREVIEW_H = 330, 467  # A4's shape
PREVIEW_DPI = 40  # a little over PREVIEW_W across A4's 8.27 inches
PREVIEW_WAIT_MS = 250  # after the last change, so a run of clicks draws one preview
WITHOUT_QR = "Or tick “Print without QR codes”."
DRAWING = "Drawing the preview…"
NO_WIFI = ("No Wi-Fi name is kept on this laptop, so the poster says in words how to join it. To print its QR code, "
           "add the Wi-Fi details on the Run page first.")


class PrintDialog(QDialog):
    """Choose, preview and save the café's printables. `save(path)` saves without asking for a file (tests)."""

    #: Path — a PDF was saved
    sig_saved = Signal(object)

    def __init__(self, services: Services, cafe_id: str, parent: QWidget | None = None,
                 laptop_hosts: list[str] | None = None):
        super().__init__(parent)
        self.services = services
        self.cafe = services.cafes.cafe(cafe_id)
        self.op: Op | None = None
        self.preview_op: Op | None = None
        self._previews: dict[tuple, bytes] = {}
        self.setWindowTitle(f"Print — {self.cafe.title}")

        self.kinds: dict[str, QCheckBox] = {}
        kinds_box = QGroupBox("What to print (A4)")
        kinds_layout = QVBoxLayout(kinds_box)
        for kind, label in KINDS.items():
            box = QCheckBox(label)
            box.setChecked(True)
            box.toggled.connect(self._changed)
            self.kinds[kind] = box
            kinds_layout.addWidget(box)
        self.kinds["poster"].setText("&Poster with the QR codes")
        self.kinds["tables"].setText("&Table tent cards (one per table)")
        self.kinds["comment-cards"].setText("Paper &comment cards (four to a page)")
        self.kinds["vote-sheets"].setText("Paper &vote sheets (one per person)")
        self.kinds["note-sheets"].setText("&Note-taker sheets (one per table and round)")
        self.comment_cards = self._count(20, "How many comment cards")
        self.vote_sheets = self._count(30, "How many vote sheets")
        counts = QFormLayout()
        counts.addRow("Comment c&ards", self.comment_cards)
        counts.addRow("Vote s&heets", self.vote_sheets)
        kinds_layout.addLayout(counts)

        self.picker = PhoneAddressPicker()
        hosts = laptop_hosts if laptop_hosts is not None else [
            host for _label, host in listen_addresses() if not is_loopback(host)]
        choices, index, port = services.phone_address.print_choices(self.cafe.id, hosts)
        self.picker.set_choices(choices, index, port)
        self.picker.sig_changed.connect(lambda _address: self._changed())
        self.no_qr = QCheckBox("Print &without QR codes")
        self.no_qr.setToolTip("The poster and table cards then say in words how to reach the pages")
        self.no_qr.toggled.connect(self._no_qr_toggled)
        if self.cafe.is_closed:  # phones can't reach a closed café
            self.no_qr.setChecked(True)
        self.wifi_note = QLabel(NO_WIFI)
        self.wifi_note.setWordWrap(True)
        qr_box = QGroupBox("QR codes")
        qr_layout = QVBoxLayout(qr_box)
        qr_layout.addWidget(self.picker)
        qr_layout.addWidget(self.no_qr)
        qr_layout.addWidget(self.wifi_note)

        self.message = AlertLabel()
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setAccessibleName("Saved")
        self.done_label.hide()
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_W, PREVIEW_H)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("QLabel { background: white; border: 1px solid #8a8a8a; }")
        self.preview.setAccessibleName("Preview of the first page")
        self.preview.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton("&Save as PDF…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)  # Enter saves, never closes
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(kinds_box)
        left.addWidget(qr_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel("First page"))
        right.addWidget(self.preview)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.done_label)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_WAIT_MS)
        self._timer.timeout.connect(self.draw_preview)
        self.wifi_note.setHidden(bool(services.channel.wifi()[0]))
        self.resize(980, 640)
        self._changed()

    def _count(self, value: int, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, MAX_COPIES)
        spin.setValue(value)
        spin.setAccessibleName(name)
        spin.valueChanged.connect(lambda _v: self._changed())
        return spin

    # --- what is chosen ---------------------------------------------------------------------------------------------

    def chosen_kinds(self) -> list[str]:
        """The printables ticked, in printing order."""
        return [kind for kind, box in self.kinds.items() if box.isChecked()]

    def address(self):
        """Where the QR codes send phones, or None to print without them."""
        return None if self.no_qr.isChecked() else self.picker.address()

    def _no_qr_toggled(self, on: bool) -> None:
        self.picker.setEnabled(not on)
        self._changed()

    def _changed(self, *_args) -> None:
        self.comment_cards.setEnabled(self.kinds["comment-cards"].isChecked())
        self.vote_sheets.setEnabled(self.kinds["vote-sheets"].isChecked())
        self.save_button.setEnabled(bool(self.chosen_kinds()))
        self.message.show_message("" if self.chosen_kinds() else "Choose at least one thing to print.")
        self._timer.start()

    def _checked(self):
        """(selection, address), or None with a message saying what to change."""
        try:
            selection = self.services.printables.selection(self.chosen_kinds(), self.comment_cards.value(),
                                                           self.vote_sheets.value())
            address = self.address()
            if address is not None:
                try:
                    address = self.services.phone_address.check(address, "the printables")
                except UserError as exc:
                    self.message.show_message(f"{exc} {WITHOUT_QR}")
                    return None
        except UserError as exc:
            self.message.show_message(str(exc))
            return None
        return selection, address

    # --- preview ----------------------------------------------------------------------------------------------------

    def draw_preview(self) -> Op | None:
        """Draw the first page off the GUI thread (once the last preview is done); the running Op, or None."""
        checked = self._checked()
        if checked is None:
            self.preview.clear()
            self.preview.setText("Nothing to show yet.")
            return None
        selection, address = checked
        first = selection.kinds[0]
        key = (first, min(selection.comment_cards, 4) if first == "comment-cards" else 0, str(address))
        if key in self._previews:
            self._show_preview(key, self._previews[key])
            return None
        if self.preview_op is not None and not self.preview_op.done:
            self._timer.start()  # after this one
            return None
        open_services, cafe_id = self.services.opener(), self.cafe.id

        def work(_ctx: OpContext) -> bytes:
            with open_services() as services:
                return services.printables.preview(cafe_id, selection, address, dpi=PREVIEW_DPI)

        def failed(message: str) -> None:
            self.preview.setText("")
            self.message.show_message(message)

        self.preview_op = run_op(self, DRAWING, work, lambda png: self._show_preview(key, png), failed,
                                 cancellable=False)
        return self.preview_op

    def _show_preview(self, key: tuple, png: bytes) -> None:
        self._previews[key] = png
        image = QImage.fromData(png, "PNG")
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(
            PREVIEW_W - 2, PREVIEW_H - 2, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    # --- saving -----------------------------------------------------------------------------------------------------

    def save(self, path: str | None = None) -> Op | None:
        """Ask where to save (unless `path` is given) and draw the PDF there off the GUI thread, with progress and
        Cancel; the running Op, or None (with a message) if it didn't start. A cancel leaves no file."""
        if self.op is not None and not self.op.done:
            return None
        checked = self._checked()
        if checked is None:
            return None
        selection, address = checked
        if path is None:
            default = str(Path.home() / f"printables-{self.cafe.short_code}.pdf")
            path, _ = QFileDialog.getSaveFileName(self, "Save the printables", default, "PDF files (*.pdf)")
            if not path:
                return None
        target = Path(path)
        open_services, cafe_id = self.services.opener(), self.cafe.id

        def work(ctx: OpContext) -> Path:
            with open_services() as services:
                return services.printables.save(cafe_id, selection, target, address, cancelled=ctx.cancelled,
                                                progress=ctx.progress)

        def done(saved: Path) -> None:
            where = (f"Their QR codes send phones to {address}: open the café to phones there on the day."
                     if address is not None else "They have no QR codes.")
            self._finished(f"Saved to {saved}. {where}")
            self.sig_saved.emit(saved)

        self.message.show_message("")
        self.save_button.setEnabled(False)
        self.op = run_op(self, "Drawing the printables…", work, done, self._failed,
                         on_cancel=lambda: self._failed("Printing cancelled; nothing was saved."))
        return self.op

    def _finished(self, text: str) -> None:
        self.save_button.setEnabled(bool(self.chosen_kinds()))
        self.done_label.setText(text)
        self.done_label.show()

    def _failed(self, text: str) -> None:
        self.save_button.setEnabled(bool(self.chosen_kinds()))
        self.done_label.hide()
        self.message.show_message(text)
