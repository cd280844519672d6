"""`PhoneAddressPicker`: where phones will reach this laptop, chosen for anything printed with a QR code — where the
café is open now, this laptop's current addresses, or its own hotspot (to print ahead) — plus the port, with a plain
line saying what the choice means on the day."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from cafe_desk.core.phone_address import (
    LOOPBACK_NAME,
    MAX_PORT,
    MIN_PORT,
    PhoneAddress,
    PrintChoice,
    hotspot_at,
)
from cafe_desk.ui.widgets.plain_text import plain_labels

OPEN_ON_LOOPBACK = (f"The café is open on “{LOOPBACK_NAME}” now, which phones can't reach, so that address isn't "
                    "offered here.")


def choice_meaning(choice: PrintChoice, port: int) -> str:
    """One plain line: what the facilitator must do on the day for codes printed with this choice to work."""
    hotspot = hotspot_at(choice.host)
    if choice.kind == "open now":
        return "Phones reach this café here now. Keep it open on this address and port while the cards are used."
    if hotspot is not None:
        return (f"On the day, turn on this laptop's {hotspot.system} {hotspot.feature}, ask people to join it, and "
                f"open the café to phones on {choice.host}, port {port}. Good for printing ahead, at home.")
    if choice.kind == "printed before":
        return (f"The cards printed last time point here. On the day, join the network that gives this laptop "
                f"{choice.host}, and open the café to phones on it, port {port}.")
    return (f"This laptop has {choice.host} on the network it is on now. Print with it only if the café will run on "
            "this same network: at another venue the address changes.")


class PhoneAddressPicker(QWidget):
    """The address list, the port, and what the choice means. `set_choices` fills it; `address()` reads it."""

    #: PhoneAddress — the address or port chosen changed
    sig_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.choices: list[PrintChoice] = []
        self.address_list = QComboBox()
        self.address_list.setAccessibleName("Where phones will reach this laptop")
        self.port = QSpinBox()
        self.port.setRange(MIN_PORT, MAX_PORT)
        self.port.setAccessibleName("Port")
        self.meaning = QLabel()
        self.meaning.setWordWrap(True)
        self.meaning.setAccessibleName("What this choice means on the day")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Why an address isn't offered")
        self.note.hide()
        plain_labels(self.meaning, self.note)
        self.address_list.currentIndexChanged.connect(self._chosen)
        self.port.valueChanged.connect(lambda _value: self._changed())

        caption = QLabel("Phones will &reach this laptop at")
        caption.setBuddy(self.address_list)
        form = QFormLayout()
        form.addRow("P&ort", self.port)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self.address_list)
        layout.addLayout(form)
        layout.addWidget(self.meaning)
        layout.addWidget(self.note)

    def set_choices(self, choices: list[PrintChoice], index: int, port: int, *, open_on_loopback: bool = False
                    ) -> None:
        """Offer `choices` with `index` selected and `port` to start with; `open_on_loopback` says why where the café
        is open now isn't among them."""
        self.choices = list(choices)
        self.address_list.blockSignals(True)
        self.address_list.clear()
        for choice in self.choices:
            self.address_list.addItem(choice.label, choice.host)
        self.address_list.setCurrentIndex(index)
        self.address_list.blockSignals(False)
        self.port.blockSignals(True)
        self.port.setValue(port)
        self.port.blockSignals(False)
        self.note.setText(OPEN_ON_LOOPBACK if open_on_loopback else "")
        self.note.setVisible(open_on_loopback)
        self._changed()

    def choose(self, host: str) -> None:
        """Select the choice whose address is `host`."""
        self.address_list.setCurrentIndex(self.address_list.findData(host))

    def address(self) -> PhoneAddress | None:
        """The address chosen, with its port (None before there are choices)."""
        host = self.address_list.currentData()
        return PhoneAddress(host, self.port.value()) if host else None

    def _chosen(self, index: int) -> None:
        if 0 <= index < len(self.choices) and self.choices[index].port is not None:
            self.port.blockSignals(True)
            self.port.setValue(self.choices[index].port)
            self.port.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        index = self.address_list.currentIndex()
        if 0 <= index < len(self.choices):
            choice = self.choices[index]
            self.meaning.setText(choice_meaning(choice, self.port.value()))
        else:
            self.meaning.clear()
        address = self.address()
        if address is not None:
            self.sig_changed.emit(address)
