"""The "Votes from phones" box on the votes page: open or close voting, the ballot rule (and what it can and can't
promise), printed ballot cards, and how many phone ballots have arrived against the people recorded."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.ballots import people_recorded
from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import UserError
from cafe_desk.core.model import Cafe
from cafe_desk.core.phone_address import PhoneAddress, is_loopback
from cafe_desk.services import Services
from cafe_desk.ui.shell.ops import Op, OpContext, run_op
from cafe_desk.ui.votes.ballot_cards_dialog import BallotCardsDialog
from cafe_desk.ui.widgets.laptop_addresses import listen_addresses
from cafe_desk.ui.widgets.plain_text import plain_labels

RULES = (("phone", "One ballot per phone"), ("code", "One ballot per printed card"))
PHONE_RULE_NOTE = ("With one ballot per phone, phone votes are a guide only: someone who clears their browser's "
                   "cookies can vote again. Where the votes must count, print ballot cards and give one to each "
                   "person.")


def too_many_ballots(ballots: int, people: int) -> str:
    """The warning when more ballots have arrived than people were recorded ("" when there is nothing to say)."""
    if not people or ballots <= people:
        return ""
    return (f"There are more phone ballots ({ballots}) than people recorded in the attendance ({people}): some "
            "people may have voted more than once, so take these totals as a guide.")


class VotingBox(QGroupBox):
    """Fed by the votes page (`set_cafe`, `refresh`) and by the run page's channel (`set_vote_url`)."""

    #: (text: str, do: callable -> Changes, undo: callable -> Changes) — an undoable write for the page to push
    sig_push = Signal(str, object, object)
    #: str — a one-line message for the status bar
    sig_message = Signal(str)
    #: Changes — written outside the undo stack (ballot cards printed: their codes, and where the cards point)
    sig_changed = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__("Votes from phones", parent)
        self.services = services
        self.cafe: Cafe | None = None
        self.vote_url = ""
        self.op: Op | None = None  # printing ballot cards, while it runs
        self.state = QLabel()
        self.state.setAccessibleName("Whether phones can vote")
        self.toggle_btn = QPushButton()
        self.toggle_btn.clicked.connect(self.toggle_voting)
        self.rule = QComboBox()
        self.rule.setAccessibleName("Ballot rule")
        for key, label in RULES:
            self.rule.addItem(label, key)
        self.rule.activated.connect(self._rule_chosen)
        self.print_btn = QPushButton("Print &ballot cards…")
        self.print_btn.setAccessibleName("Print one-time ballot cards")
        self.print_btn.clicked.connect(lambda: self.print_cards())
        self.received = QLabel()
        self.received.setAccessibleName("Phone ballots received")
        self.rule_note = QLabel(PHONE_RULE_NOTE)
        self.rule_note.setWordWrap(True)
        self.rule_note.setAccessibleName("What one ballot per phone can promise")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Warning about the ballots")
        self.warning.setStyleSheet("QLabel { background: #fff4c2; color: #222; border: 1px solid #8a6d00; "
                                   "padding: 4px; }")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        plain_labels(self.message)  # it may name a folder, which is the facilitator's to name
        rule_label = QLabel("Ballot r&ule")
        rule_label.setBuddy(self.rule)

        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        row.addWidget(self.toggle_btn)
        row.addWidget(rule_label)
        row.addWidget(self.rule)
        row.addWidget(self.print_btn)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.rule_note)
        layout.addWidget(self.received)
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        self.set_cafe(None)

    # --- fed by the page ----------------------------------------------------------------------------------------

    def set_cafe(self, cafe: Cafe | None) -> None:
        if cafe is None or self.cafe is None or cafe.id != self.cafe.id:
            self.message.clear()
            self.message.hide()
        self.cafe = cafe
        self.refresh()

    def set_vote_url(self, cafe_url: str) -> None:
        """The comment page's address while the channel is open ("" when closed); the vote page is under it."""
        self.vote_url = f"{cafe_url}/vote" if cafe_url else ""

    def refresh(self) -> None:
        """Show the stored settings and the number of ballots."""
        cafe = self.cafe
        writable = bool(cafe and not cafe.is_closed)
        for w in (self.toggle_btn, self.rule):
            w.setEnabled(writable)
        self.print_btn.setEnabled(writable and (self.op is None or self.op.done))
        if cafe is None:
            self.state.setText("Open a café to let phones vote.")
            self.toggle_btn.setText("&Open voting")
            self.received.clear()
            self.rule_note.hide()
            self.warning.hide()
            return
        try:
            settings = self.services.channel.settings(cafe.id)
            count = len(self.services.ballots.ballots(cafe.id))
            notes = self.services.notes
            people = people_recorded(notes.attendance(cafe.id), notes.table_totals(cafe.id))
        except UserError as exc:
            self._say(str(exc))
            return
        self.rule_note.setVisible(settings.ballot_rule == "phone")
        self.warning.setText(too_many_ballots(count, people))
        self.warning.setVisible(bool(self.warning.text()))
        self.state.setText("<b>Voting is closed</b>: the café is closed." if cafe.is_closed else
                           "<b>Voting is open</b>: phones can vote." if settings.voting_open else
                           "<b>Voting hasn't opened yet</b>: phones can't vote until you open it."
                           if settings.voting_not_yet_open else "<b>Voting is closed</b>: phones can't vote now.")
        self.toggle_btn.setText("Close v&oting" if settings.voting_open else "&Open voting")
        self.toggle_btn.setAccessibleName("Close voting" if settings.voting_open else "Open voting")
        self.rule.setCurrentIndex(max(0, self.rule.findData(settings.ballot_rule)))
        self.received.setText(f"Phone ballots received: {count} (already added into the totals)")

    # --- actions ------------------------------------------------------------------------------------------------

    def toggle_voting(self) -> None:
        if not self.cafe:
            return
        cafe_id, channel = self.cafe.id, self.services.channel
        now_open = channel.settings(cafe_id).voting_open
        self.sig_push.emit("Close voting" if now_open else "Open voting",
                           lambda: channel.set_voting_open(cafe_id, not now_open),
                           lambda: channel.set_voting_open(cafe_id, now_open))

    def _rule_chosen(self, _index: int) -> None:
        if not self.cafe:
            return
        cafe_id, channel = self.cafe.id, self.services.channel
        before, after = channel.settings(cafe_id).ballot_rule, self.rule.currentData()
        if before == after:
            return
        self.sig_push.emit(f"Ballot rule: {self.rule.currentText()}",
                           lambda: channel.set_ballot_rule(cafe_id, after),
                           lambda: channel.set_ballot_rule(cafe_id, before))

    def print_cards(self, count: int | None = None, path: str | None = None,
                    address: PhoneAddress | str | None = None) -> Op | None:
        """Issue `count` one-time codes and save their cards as a PDF at `path`, each card's QR code sending phones
        to `address` (host:port), off the GUI thread; what isn't given is asked for (`BallotCardsDialog`, then the
        file). The running Op, or None (with a message) if it didn't start: "This laptop only" is refused, since no
        phone can reach it. The codes are kept only once the PDF is saved in full."""
        if not self.cafe or self.cafe.is_closed or (self.op is not None and not self.op.done):
            return None
        if count is None or address is None:
            hosts = [host for _label, host in listen_addresses() if not is_loopback(host)]
            dialog = BallotCardsDialog(self.services, self.cafe.id, hosts, count or 30, self)
            self.cards_dialog = dialog
            if not dialog.exec():
                return None
            count, address = dialog.count(), dialog.address()
        try:
            address = self.services.phone_address.check(address)
        except UserError as exc:
            self._say(str(exc))
            return None
        if path is None:
            default = str(Path.home() / f"ballot-cards-{self.cafe.short_code}.pdf")
            path, _ = QFileDialog.getSaveFileName(self, "Save the ballot cards", default, "PDF files (*.pdf)")
            if not path:
                return None
        target = Path(path)
        if not target.parent.is_dir():
            self._say(f"The folder {target.parent} isn't there; please choose another one.")
            return None
        # the worker opens its own registry on the same data file
        open_services, cafe_id = self.services.opener(), self.cafe.id

        def work(ctx: OpContext) -> Path:
            with open_services() as services:
                return services.ballots.print_cards(cafe_id, count, target, address, cancelled=ctx.cancelled,
                                                    progress=ctx.progress)

        def done(saved: Path) -> None:
            self._printed(f"{count} ballot card{'s' if count != 1 else ''} saved to {saved}. Their QR codes send "
                          f"phones to {address}: open the café to phones there when people vote. The codes are "
                          "shown only once, in that file: print it before you delete it.")
            self.sig_changed.emit(Changes(votes=True, plan=True))

        self.message.clear()
        self.message.hide()
        self.print_btn.setEnabled(False)
        self.op = run_op(self, "Printing ballot cards…", work, done, self._printed, on_cancel=lambda: self._printed(
            "Printing cancelled; no cards were saved and no codes were kept."))
        return self.op

    def _printed(self, message: str) -> None:
        self.print_btn.setEnabled(bool(self.cafe and not self.cafe.is_closed))
        self._say(message)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.sig_message.emit(text)
