"""`BallotCardsDialog`: how many ballot cards to print and where their QR codes send phones, asked before the file
is chosen. The café needn't be open to phones: cards can be printed ahead, at home, with this laptop's own hotspot
address."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from cafe_desk.core.errors import UserError
from cafe_desk.core.phone_address import PhoneAddress
from cafe_desk.services import Services
from cafe_desk.services.ballots import MAX_CODES
from cafe_desk.ui.widgets.alert_label import AlertLabel
from cafe_desk.ui.widgets.phone_address_picker import PhoneAddressPicker

INTRO = ("Each card has a one-time code and a QR code that opens the vote page on this laptop. Choose where phones "
         "will reach this laptop when people vote.")
DEFAULT_COUNT = 30


class BallotCardsDialog(QDialog):
    """Ask for the number of cards and the address; `count()` and `address()` once accepted. An address phones
    can't reach is refused here with one plain line, and the dialog stays open."""

    def __init__(self, services: Services, cafe_id: str, laptop_hosts: list[str], count: int = DEFAULT_COUNT,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Print ballot cards")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, MAX_CODES)
        self.count_spin.setValue(count)
        self.count_spin.setAccessibleName("How many cards")
        self.picker = PhoneAddressPicker()
        choices, index, port = services.phone_address.print_choices(cafe_id, laptop_hosts)
        open_now = services.phone_address.open_now(cafe_id)
        self.picker.set_choices(choices, index, port, open_on_loopback=bool(open_now and open_now.is_loopback))
        self.message = AlertLabel()
        self.picker.sig_changed.connect(lambda _address: self.message.show_message(""))

        form = QFormLayout()
        form.addRow("How &many cards? (one per person)", self.count_spin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.print_button = buttons.addButton("&Choose where to save…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)  # Enter saves, never cancels
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.picker)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def count(self) -> int:
        """How many cards to print."""
        return self.count_spin.value()

    def address(self) -> PhoneAddress | None:
        """Where the cards' QR codes send phones."""
        return self.picker.address()

    def accept(self) -> None:
        """Close if phones can reach the address chosen; otherwise say why, in one line, and stay open."""
        address = self.address()
        if address is None:
            return
        try:
            self.services.phone_address.check(address)
        except UserError as exc:
            self.message.show_message(str(exc))
            return
        super().accept()
