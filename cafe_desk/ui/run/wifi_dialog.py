"""`WifiDialog`: the venue's Wi-Fi name and password, typed once and kept on this laptop for the "Join" QR code."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.errors import UserError
from cafe_desk.services import Services
from cafe_desk.ui.widgets.plain_text import plain_labels

SECURITY = (("WPA", "WPA or WPA2 (most networks)"), ("WEP", "WEP (older networks)"),
            ("nopass", "Open network, no password"))


class WifiDialog(QDialog):
    """Edit the Wi-Fi details; Save writes them through services.channel.set_wifi."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Wi-Fi details")
        name, password, security = services.channel.wifi()
        self.name_edit = QLineEdit(name)
        self.name_edit.setAccessibleName("Network name")
        self.password_edit = QLineEdit(password)
        self.password_edit.setAccessibleName("Password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QCheckBox("Show the password")
        self.show_password.toggled.connect(lambda on: self.password_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        self.security = QComboBox()
        self.security.setAccessibleName("Security")
        for key, label in SECURITY:
            self.security.addItem(label, key)
        self.security.setCurrentIndex(max(0, self.security.findData(security)))
        self.security.currentIndexChanged.connect(self._security_changed)
        self.message = QLabel()
        plain_labels(self.message)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")

        form = QFormLayout()
        for text, field in (("Network &name", self.name_edit), ("&Password", self.password_edit),
                            ("&Security", self.security)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.show_password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        hint = QLabel("Type the venue's Wi-Fi once: phones that scan the “Join the Wi-Fi” code connect without "
                      "typing it. It is kept on this laptop only.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._security_changed()

    def _security_changed(self) -> None:
        self.password_edit.setEnabled(self.security.currentData() != "nopass")

    def save(self) -> None:
        """Store the details and close; a missing name or password gets a message and nothing is lost."""
        name, password, security = self.name_edit.text().strip(), self.password_edit.text(), self.security.currentData()
        if not name:
            self.message.setText("Please type the network's name, as phones show it in their Wi-Fi list.")
            self.name_edit.setFocus()
            return
        if security != "nopass" and not password:
            self.message.setText("Please type the Wi-Fi password, or choose “Open network” if it has none.")
            self.password_edit.setFocus()
            return
        try:
            self.services.channel.set_wifi(name, password if security != "nopass" else "", security)
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.accept()
