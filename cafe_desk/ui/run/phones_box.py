"""The "Open to phones" box on the run page: where to listen, start/stop the participant channel, its two QR codes,
the table hosts' links, the rehearsal check, the few minutes after the café closes when phones see "This café has
ended", and `ServerBridge`, which carries the server thread's events to the GUI thread as a queued signal."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
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
from cafe_desk.core.phone_address import DEFAULT_PORT, PhoneAddress, is_loopback
from cafe_desk.services import Services
from cafe_desk.ui.run.phone_check import PhoneCheck
from cafe_desk.ui.run.table_links import TableLinks
from cafe_desk.ui.run.wifi_dialog import WifiDialog
from cafe_desk.ui.shell.ops import Op, OpContext, run_op
from cafe_desk.ui.widgets.laptop_addresses import LOOPBACK, listen_addresses
from cafe_desk.ui.widgets.laptop_addresses import LOOPBACK_LABEL as LOOPBACK_LABEL  # still named here for callers
from cafe_desk.ui.widgets.plain_text import plain_labels
from cafe_desk.ui.widgets.qr_view import QrView

QR_SIDE = 170
NO_WIFI_TEXT = "Add the Wi-Fi details to show this code."
CLOSED_TEXT = "Open to phones to show this code."
READY_TEXT = "Phones can add comments and votes once you open the café to them."
NO_CAFE_TEXT = "Open a café that isn't closed to let phones in."
OPENING_TEXT = "Opening to phones…"
NOT_OPENED_TEXT = "Not opened to phones."
ENDED_GRACE_S = 5 * 60  # after the café closes, how long phones still see "This café has ended"
ENDED_QR_TEXT = "The café has ended."
ENDED_OVER_TEXT = "Closed to phones: the café has ended."
REOPENED_TEXT = "Closed to phones, because the café was reopened. Open to phones again when you're ready."
HOTSPOT_HINT = ("Comments travel over the Wi-Fi without encryption. On a shared network, use this laptop's own "
                "hotspot with a password (if its settings can stop phones reaching each other, turn that on), add "
                "it under Wi-Fi details, and choose the hotspot's address in “Listen on” above.")
WARNING_STYLE = "QLabel { background: #fff4c2; color: #222; border: 1px solid #8a6d00; padding: 4px; }"


class ServerBridge(QObject):
    """Called by the server from its own thread; re-emits on the GUI thread (the connection is queued by Qt, because
    this object lives on the GUI thread). Never touch widgets from the callback itself."""

    #: (kind: str, data: dict) — "comment" {cafe_id, note_id, flag}, "host_note" {cafe_id, note_id},
    #: "ballot" {cafe_id}, "phone_check" {cafe_id, phones}; always received on the GUI thread
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

    def __init__(self, services: Services, parent: QWidget | None = None, *, ended_grace_s: float = ENDED_GRACE_S):
        super().__init__("Open to phones", parent)
        self.services = services
        self.cafe: Cafe | None = None
        self.server = None  # a ParticipantServer while the channel is open, or while phones see the café has ended
        self.ended_grace_s = ended_grace_s
        self.ended_until: datetime | None = None  # while phones see "This café has ended": until when
        self.ended_timer = QTimer(self)
        self.ended_timer.setSingleShot(True)
        self.ended_timer.timeout.connect(lambda: self.stop(ENDED_OVER_TEXT))
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
        self.address_note = QLabel()
        self.address_note.setWordWrap(True)
        self.address_note.setAccessibleName("Where the printed cards point")
        self.address_note.setStyleSheet(WARNING_STYLE)
        self.address_note.hide()
        plain_labels(self.status, self.address_note)  # both may quote an address read back from the data file
        self.hotspot_hint = QLabel(HOTSPOT_HINT)
        self.hotspot_hint.setWordWrap(True)
        self.hotspot_hint.setAccessibleName("Keeping comments private")
        self.wifi_qr = QrView("Join the Wi-Fi", side=QR_SIDE)
        self.cafe_qr = QrView("Open the comment page", side=QR_SIDE)
        self.table_links = TableLinks()
        self.check = PhoneCheck(self, qr_side=QR_SIDE)
        self.check.sig_testing.connect(lambda testing: self.cafe_qr.setVisible(not testing))
        self.start_btn.clicked.connect(self.start)
        self.address.currentIndexChanged.connect(lambda _index: self.show_address_note())
        self.port.valueChanged.connect(lambda _value: self.show_address_note())
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
        more = QHBoxLayout()
        more.addWidget(self.wifi_btn)
        more.addWidget(self.check.button)
        left.addLayout(more)
        left.addWidget(self.status, 1)
        left.addWidget(self.table_links)
        codes = QHBoxLayout()
        for view in (self.wifi_qr, self.cafe_qr, self.check.qr):
            codes.addWidget(view, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addLayout(codes)
        right.addWidget(self.check.line)  # under the test code it is about
        right.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addLayout(right)
        root = QVBoxLayout(self)
        root.addLayout(row, 1)
        root.addWidget(self.address_note)  # the whole width: a short line, not a tall one in the narrow column
        self.refresh_addresses()
        self._show()

    # --- state --------------------------------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        """Whether phones can reach the café's pages (not while they only see that it has ended)."""
        return self.server is not None and self.ended_until is None

    @property
    def ending(self) -> bool:
        """Whether phones see "This café has ended" for a few minutes before the server stops by itself."""
        return self.ended_until is not None

    @property
    def cafe_url(self) -> str:
        return self.server.cafe_url if self.is_open else ""

    @property
    def vote_url(self) -> str:
        return self.server.vote_url if self.is_open else ""

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
        self.show_address_note()  # cards may have been printed since

    def choose_address(self, host: str) -> None:
        """Select `host` in the address list (LOOPBACK for "This laptop only")."""
        self.address.setCurrentIndex(self.address.findData(host))

    def set_cafe(self, cafe: Cafe | None) -> None:
        """Another café, or the same one after a change: the channel closes if the café changed; once the café is
        closed, phones see "This café has ended" for a few minutes, then the channel closes by itself."""
        was = self.cafe
        self.cafe = cafe
        if self.server is None and self.opening is None and cafe is not None and (was is None or was.id != cafe.id):
            self._choose_printed_address(cafe.id)
        same = cafe is not None and was is not None and cafe.id == was.id
        if self.server is not None and not same:
            self.stop("The channel to phones is closed because another café was opened.")
        elif self.server is not None and cafe.is_closed and not self.ending:
            self._end()
        elif self.ending and not cafe.is_closed:
            self.stop(REOPENED_TEXT)
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
        try:
            self.services.phone_address.opened(server.cafe_id, server.host, server.port)
        except UserError as exc:  # not remembered (a full disk, say); phones can still come in
            self.sig_message.emit(str(exc))
        note = f" Port {wanted} was busy, so it uses port {server.port}." if server.port != wanted else ""
        self.status.setText(f"Open to phones at {server.cafe_url}.{note}")
        if is_loopback(server.host):  # a rehearsal on this laptop: no phone can reach it
            self.sig_message.emit(f"Open on this laptop only: phones can't reach it. To let phones in, close to "
                                  f"phones and choose the Wi-Fi or hotspot address in “Listen on”.{note}")
        else:
            self.sig_message.emit(f"Phones can now reach the comment page at {server.cafe_url}.{note}")
        self._show()
        self.sig_channel.emit(server.cafe_url)

    def _not_opened(self, op: Op, message: str) -> None:
        if self.opening is not op:
            return
        self.opening = None
        self._say(message)
        self._show()

    def _end(self) -> None:
        """The café was closed: phones see "This café has ended" until the grace period is over, then it stops."""
        self.server.end()
        ends = datetime.now() + timedelta(seconds=self.ended_grace_s)
        # said to the minute, rounded up: "until 15:16" is true of a server that stops at 15:15:19
        self.ended_until = ends.replace(second=0, microsecond=0) + timedelta(minutes=1 if ends.second or
                                                                             ends.microsecond else 0)
        self.ended_timer.start(round(self.ended_grace_s * 1000))
        self._say(f"Phones see “This café has ended” until {self.ended_until:%H:%M}.")
        self._show()
        self.sig_channel.emit("")

    def stop(self, message: str = "") -> None:
        """Close the channel at once (nothing happens if it is neither open, nor opening, nor showing that the café
        has ended)."""
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
        self.ended_timer.stop()
        self.ended_until = None
        server.stop()
        self.services.phone_address.closed(server.cafe_id)
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

    def show_address_note(self) -> None:
        """While open: the warning when phones are now sent somewhere other than where the printed cards (or the
        code shown last time) point. Before opening: how to open where the printed cards point, if this laptop
        isn't there now."""
        text = ""
        if self.cafe is not None:
            try:
                if self.server is not None:  # open (not once phones only see "ended")
                    text = "" if self.ending else self.services.phone_address.address_warning(self.cafe.id)
                elif self.opening is None:
                    hosts = [self.address.itemData(i) for i in range(self.address.count())]
                    host = self.address.currentData()
                    chosen = PhoneAddress(host, self.port.value()) if host else None
                    text = self.services.phone_address.before_opening(self.cafe.id, hosts, chosen)
            except UserError:
                text = ""
        self.address_note.setText(text)
        self.address_note.setVisible(bool(text))

    def _choose_printed_address(self, cafe_id: str) -> None:
        """Start from the address and port the café's cards were printed with, when this laptop has it."""
        try:
            printed = self.services.phone_address.printed(cafe_id)
        except UserError:
            return
        if printed is not None and self.address.findData(printed.host) >= 0:
            self.choose_address(printed.host)
            self.port.setValue(printed.port)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.sig_message.emit(text)

    def _event(self, kind: str, data: dict) -> None:
        # delivered even if the channel closed meanwhile: a comment stored while it was closing still counts
        if self.cafe is None or data.get("cafe_id") != self.cafe.id:
            return
        if kind == "phone_check":
            if self.is_open:
                self.check.reached(int(data.get("phones", 1)))
            return
        self.sig_event.emit(kind, data)

    def _show(self) -> None:
        is_open, opening, serving = self.is_open, self.opening is not None, self.server is not None
        can_open = bool(self.cafe and not self.cafe.is_closed)
        self.start_btn.setEnabled(can_open and not serving and not opening)
        self.stop_btn.setEnabled(serving)
        self.address.setEnabled(not serving and not opening)
        self.port.setEnabled(not serving and not opening)
        self.check.button.setEnabled(can_open)
        self.check.set_link(self.server.check_url if is_open else "")
        # advice for choosing where to listen: once phones are in, its room goes to the table hosts' links
        self.hotspot_hint.setVisible(not serving and not opening)
        if self.ending:
            self.cafe_qr.clear(ENDED_QR_TEXT)
            self.table_links.clear()
        elif is_open:
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
        self.show_address_note()

    def _show_wifi(self) -> None:
        name, password, security = self.services.channel.wifi()
        if not name:
            self.wifi_qr.clear(NO_WIFI_TEXT)
            return
        from cafe_desk.services.qr_codes import wifi_payload

        text = f"Network: {name}" + (f"\nPassword: {password}" if security != "nopass" and password else "")
        self.wifi_qr.set_payload(wifi_payload(name, password, security), text)
