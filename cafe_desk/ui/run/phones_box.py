"""The "Open to phones" box on the run page: where to listen, start/stop the participant channel, its two QR codes,
the table hosts' links, and `ServerBridge`, which carries the server thread's events to the GUI thread as a queued
signal."""

from __future__ import annotations

import ipaddress

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.errors import UserError
from cafe_desk.core.model import Cafe
from cafe_desk.services import Services
from cafe_desk.ui.run.table_links import TableLinks
from cafe_desk.ui.run.wifi_dialog import WifiDialog
from cafe_desk.ui.shell.ops import Op, OpContext, run_op
from cafe_desk.ui.widgets.qr_view import QrView

LOOPBACK = "127.0.0.1"
LOOPBACK_LABEL = "This laptop only (127.0.0.1)"
DEFAULT_PORT = 8080
QR_SIDE = 170
NO_WIFI_TEXT = "Add the Wi-Fi details to show this code."
CLOSED_TEXT = "Open to phones to show this code."
READY_TEXT = "Phones can add comments and votes once you open the café to them."
NO_CAFE_TEXT = "Open a café that isn't closed to let phones in."
OPENING_TEXT = "Opening to phones…"
NOT_OPENED_TEXT = "Not opened to phones."
HOTSPOT_HINT = ("Comments travel over the Wi-Fi without encryption. On a shared network, use this laptop's own "
                "hotspot with a password (if its settings can stop phones reaching each other, turn that on), add "
                "it under Wi-Fi details, and choose the hotspot's address in “Listen on” above.")


def listen_addresses() -> list[tuple[str, str]]:
    """(label, address) for every IPv4 address of this laptop's network interfaces, private ones first, then
    "This laptop only". Read from the interfaces themselves, never by connecting out."""
    from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

    found: list[ipaddress.IPv4Address] = []
    for address in QNetworkInterface.allAddresses():
        if address.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol or address.isLoopback():
            continue
        ip = ipaddress.IPv4Address(address.toString())
        if ip not in found and not ip.is_unspecified and not ip.is_multicast:
            found.append(ip)
    found.sort(key=lambda ip: (0 if ip.is_private and not ip.is_link_local else 1 if not ip.is_link_local else 2,
                               int(ip)))
    choices = []
    for ip in found:
        kind = "link-local" if ip.is_link_local else "local network" if ip.is_private else "public network"
        choices.append((f"{ip} ({kind})", str(ip)))
    choices.append((LOOPBACK_LABEL, LOOPBACK))
    return choices


class ServerBridge(QObject):
    """Called by the server from its own thread; re-emits on the GUI thread (the connection is queued by Qt, because
    this object lives on the GUI thread). Never touch widgets from the callback itself."""

    #: (kind: str, data: dict) — "comment" {cafe_id, note_id, flag}, "host_note" {cafe_id, note_id},
    #: "ballot" {cafe_id}; always received on the GUI thread
    sig_event = Signal(str, object)

    def __call__(self, kind: str, data: dict) -> None:
        self.sig_event.emit(kind, dict(data))


class PhonesBox(QGroupBox):
    """Start and stop the participant channel for the open café and show how phones reach it."""

    #: str — a one-line message for the status bar
    sig_message = Signal(str)
    #: (kind: str, data: dict) — something arrived from a phone for this café (on the GUI thread)
    sig_event = Signal(str, object)
    #: str — the comment page's address when the channel opens, "" when it closes
    sig_channel = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__("Open to phones", parent)
        self.services = services
        self.cafe: Cafe | None = None
        self.server = None  # a ParticipantServer while the channel is open
        self.opening: Op | None = None  # starting it, off the GUI thread
        self._started: list = []
        self.bridge = ServerBridge(self)
        self.bridge.sig_event.connect(self._event)

        self.address = QComboBox()
        self.address.setAccessibleName("Address phones connect to")
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setAccessibleName("Port")
        self.start_btn = QPushButton("&Open to phones")
        self.start_btn.setAccessibleName("Open the comment and vote pages to phones")
        self.stop_btn = QPushButton("Close to p&hones")
        self.stop_btn.setAccessibleName("Close the comment and vote pages to phones")
        self.wifi_btn = QPushButton("Wi-&Fi details…")
        self.wifi_btn.setAccessibleName("Type the venue's Wi-Fi name and password")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Channel to phones")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hotspot_hint = QLabel(HOTSPOT_HINT)
        self.hotspot_hint.setWordWrap(True)
        self.hotspot_hint.setAccessibleName("Keeping comments private")
        self.wifi_qr = QrView("Join the Wi-Fi", side=QR_SIDE)
        self.cafe_qr = QrView("Open the comment page", side=QR_SIDE)
        self.table_links = TableLinks()
        self.start_btn.clicked.connect(self.start)
        self.stop_btn.clicked.connect(self.stop)
        self.wifi_btn.clicked.connect(self.edit_wifi)

        form = QFormLayout()
        form.addRow("&Listen on", self.address)  # QFormLayout makes the label the field's buddy
        form.addRow("Por&t", self.port)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_btn)
        buttons.addWidget(self.stop_btn)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(self.hotspot_hint)
        left.addWidget(self.wifi_btn)
        left.addWidget(self.status, 1)
        left.addWidget(self.table_links)
        root = QHBoxLayout(self)
        root.addLayout(left, 1)
        root.addWidget(self.wifi_qr)
        root.addWidget(self.cafe_qr)
        self.refresh_addresses()
        self._show()

    # --- state --------------------------------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.server is not None

    @property
    def cafe_url(self) -> str:
        return self.server.cafe_url if self.server else ""

    @property
    def vote_url(self) -> str:
        return self.server.vote_url if self.server else ""

    def phones_seen(self) -> int:
        """How many phones reached the laptop in the last five minutes (0 while closed); read from memory."""
        return self.server.phones_seen() if self.server else 0

    def refresh_addresses(self) -> None:
        """Read the laptop's addresses again (a network may have been joined since); keep the choice if still there."""
        chosen = self.address.currentData()
        self.address.clear()
        for label, host in listen_addresses():
            self.address.addItem(label, host)
        if chosen is not None and self.address.findData(chosen) >= 0:
            self.address.setCurrentIndex(self.address.findData(chosen))

    def showEvent(self, event) -> None:
        """Read the addresses again each time the Run page is shown: a hotspot may have been turned on meanwhile."""
        super().showEvent(event)
        if self.server is None and self.opening is None:
            self.refresh_addresses()

    def choose_address(self, host: str) -> None:
        """Select `host` in the address list (LOOPBACK for "This laptop only")."""
        self.address.setCurrentIndex(self.address.findData(host))

    def set_cafe(self, cafe: Cafe | None) -> None:
        """Another café, or the same one after a change: the channel closes if the café changed or was closed."""
        was = self.cafe
        self.cafe = cafe
        if self.server is not None and (cafe is None or was is None or cafe.id != was.id or cafe.is_closed):
            reason = ("the café is now closed" if cafe is not None and cafe.is_closed and was and cafe.id == was.id
                      else "another café was opened")
            self.stop(f"The channel to phones is closed because {reason}.")
        if self.server is None:
            self.refresh_addresses()  # the laptop may have joined the venue's network since
        self._show()

    # --- actions ------------------------------------------------------------------------------------------------

    def start(self) -> Op | None:
        """Open the channel on the chosen address and port (another port if that one is busy), off the GUI thread;
        the box says "Opening to phones…" until it is open. The running Op, or None if it didn't start."""
        if self.server is not None or self.opening is not None or self.cafe is None:
            return None
        if self.cafe.is_closed:
            self._say("This café is closed, so phones can't add to it. Reopen it from the café list first.")
            return None
        host, wanted = self.address.currentData() or LOOPBACK, self.port.value()
        # the server opens its own connection to the same data file
        open_services, cafe_id, bridge = self.services.opener(), self.cafe.id, self.bridge
        started: list = []  # the server once listening, so a stop while it opens can close it

        def work(ctx: OpContext):
            from cafe_desk.server.runner import ParticipantServer  # loads the web server: not on the GUI thread

            server = ParticipantServer(open_services, cafe_id, host=host, port=wanted, on_event=bridge)
            try:
                server.start()
            except OSError as exc:
                server.stop()
                raise UserError(f"Phones can't be let in on {host}:{wanted} ({exc.strerror or exc}). Try another "
                                "address.") from None
            except BaseException:
                server.stop()
                raise
            started.append(server)
            return server

        self.status.setText(OPENING_TEXT)
        self.opening = op = run_op(self, OPENING_TEXT, work, lambda server: self._opened(op, server, wanted),
                                   lambda message: self._not_opened(op, message),
                                   on_cancel=lambda: self._not_opened(op, NOT_OPENED_TEXT))
        self._started = started
        self._show()
        return op

    def _opened(self, op: Op, server, wanted: int) -> None:
        if self.opening is not op:  # stopped while it was opening
            server.stop()
            return
        self.opening = None
        if op.ctx.cancelled():
            server.stop()
            self._say(NOT_OPENED_TEXT)
            self._show()
            return
        if self.cafe is None or self.cafe.id != server.cafe_id or self.cafe.is_closed:
            server.stop()  # another café was opened, or this one closed, while it was opening
            self._show()
            return
        self.server = server
        note = f" Port {wanted} was busy, so it uses port {server.port}." if server.port != wanted else ""
        self.status.setText(f"Open to phones at {server.cafe_url}.{note}")
        self.sig_message.emit(f"Phones can now reach the comment page at {server.cafe_url}.{note}")
        self._show()
        self.sig_channel.emit(server.cafe_url)

    def _not_opened(self, op: Op, message: str) -> None:
        if self.opening is not op:
            return
        self.opening = None
        self._say(message)
        self._show()

    def stop(self, message: str = "") -> None:
        """Close the channel (nothing happens if it is neither open nor opening)."""
        if self.opening is not None:
            op, self.opening = self.opening, None
            op.cancel()
            op.worker.wait()  # opening takes about a second; once stopped, nothing may be left listening
            for server in self._started:
                server.stop()
            self.status.setText(message or NOT_OPENED_TEXT)
            self._show()
        if self.server is None:
            return
        server, self.server = self.server, None
        server.stop()
        if self.cafe is not None:  # whatever arrived while it closed is shown too
            self.sig_event.emit("comment", {"cafe_id": self.cafe.id})
        self.status.setText(message or "Closed to phones.")
        if message:
            self.sig_message.emit(message)
        self._show()
        self.sig_channel.emit("")

    def edit_wifi(self) -> None:
        dialog = WifiDialog(self.services, self)
        self.wifi_dialog = dialog
        if dialog.exec():
            self._show_wifi()
            if self.server is not None:
                self.sig_channel.emit(self.server.cafe_url)  # the presenter redraws its Wi-Fi code

    # --- display ------------------------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.sig_message.emit(text)

    def _event(self, kind: str, data: dict) -> None:
        # delivered even if the channel closed meanwhile: a comment stored while it was closing still counts
        if self.cafe is not None and data.get("cafe_id") == self.cafe.id:
            self.sig_event.emit(kind, data)

    def _show(self) -> None:
        is_open, opening = self.server is not None, self.opening is not None
        can_open = bool(self.cafe and not self.cafe.is_closed)
        self.start_btn.setEnabled(can_open and not is_open and not opening)
        self.stop_btn.setEnabled(is_open)
        self.address.setEnabled(not is_open and not opening)
        self.port.setEnabled(not is_open and not opening)
        if is_open:
            self.cafe_qr.set_payload(self.server.cafe_url, self.server.cafe_url)
            self.table_links.show_links([(t.label, self.server.table_url(t.id))
                                         for t in self.services.planning.items(self.server.cafe_id, "table")])
        else:
            self.cafe_qr.clear(CLOSED_TEXT)
            self.table_links.clear()
            if (not self.status.text() or self.status.text().startswith("Open to phones at")
                    or self.status.text() in (READY_TEXT, NO_CAFE_TEXT)
                    or (self.status.text() == OPENING_TEXT and not opening)):
                self.status.setText(READY_TEXT if can_open else NO_CAFE_TEXT)
        self._show_wifi()

    def _show_wifi(self) -> None:
        name, password, security = self.services.channel.wifi()
        if not name:
            self.wifi_qr.clear(NO_WIFI_TEXT)
            return
        from cafe_desk.services.qr_codes import wifi_payload

        text = f"Network: {name}" + (f"\nPassword: {password}" if security != "nopass" and password else "")
        self.wifi_qr.set_payload(wifi_payload(name, password, security), text)
