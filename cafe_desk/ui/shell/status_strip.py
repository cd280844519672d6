"""`StatusStrip`: the line at the foot of every page that says what is happening in the open café now — the round and
its time left, whether phones can reach the café (and how many did in the last five minutes, or until when they see
that it has ended), whether voting is open (and whether phones can reach it), comments not yet looked at, and the
items that may need someone's care. Each part opens its page.

It also keeps the status bar's messages true: a message goes when the page or the café changes, or when something is
written (an edit, an undo), since it spoke of how things were before; a notice that something needs care stays until
fewer things do."""

from __future__ import annotations

import contextlib
import math
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QStatusBar, QWidget

from cafe_desk.core.changes import Changes
from cafe_desk.core.counts import counted
from cafe_desk.core.errors import UserError
from cafe_desk.core.model import Cafe
from cafe_desk.core.timer import format_clock
from cafe_desk.services import Services
from cafe_desk.services.running import RunState
from cafe_desk.ui.widgets.plain_text import CARE_MARK, tip

MESSAGE_MS = 10_000
TICK_MS = 250  # as often as the Run page's clock, so the two never disagree; each tick reads memory only
SAVED_HINT = "Everything you type is saved as you go."
NO_CARE = {"Comments": 0, "Notes": 0}
PART_STYLE = ("QPushButton { border: none; border-left: 1px solid palette(mid); padding: 2px 5px; }"
              " QPushButton:hover { text-decoration: underline; }")
WARN_STYLE = ("QPushButton { background: #fff4c2; color: #222; border: 1px solid #8a6d00; border-radius: 4px;"
              " padding: 2px 6px; }")
ADDRESS_WARNING = "⚠ Not where the printed codes point"
VOTING_TEXT = {"open": "Voting open", "closed": "Voting closed", "not yet": "Voting not open yet"}
VOTING_UNREACHED = ("Voting open · phones can't reach it yet",
                    "Voting open, but phones can't reach it until the café is open to phones")
TIME_UP_STYLE = "QPushButton { background: #b00020; color: white; border: none; border-radius: 4px; padding: 2px 8px; }"
CARE_STYLE = ("QPushButton { background: #fff4c2; color: #222; border: 2px solid #8a6d00; border-radius: 4px;"
              " padding: 2px 8px; font-weight: bold; }")


class PhonesSource(Protocol):
    """What the strip reads of the Run page's "Open to phones" box."""

    opening: object
    ended_until: datetime | None

    @property
    def is_open(self) -> bool: ...

    @property
    def ending(self) -> bool: ...

    def phones_seen(self) -> int: ...


def round_text(state: RunState | None, now: float) -> tuple[str, str, str]:
    """(what the strip shows, what a screen reader says, the timer's status) for a café's run state at `now`. The
    spoken form changes once a minute, not every second."""
    if state is None or state.round is None:
        return "No round running", "No round running", "none"
    timer = state.timer.settle(now)
    where = f"{state.round.label} of {len(state.rounds)}"
    left = timer.remaining(now)
    minutes = math.ceil(left / 60)
    spoken_left = "less than a minute left" if minutes <= 1 else f"about {minutes} minutes left"
    if timer.status == "running":
        return f"{where} · {format_clock(left)} left", f"{where}, {spoken_left}", "running"
    if timer.status == "paused":
        return f"{state.round.label} paused · {format_clock(left)} left", f"{state.round.label} paused, " \
               f"{spoken_left}", "paused"
    if timer.status == "done":
        return f"{where} · time is up", f"{where}, time is up", "done"
    ready = f"{state.round.label} of {len(state.rounds)} ready"
    return ready, f"{ready} to start", "ready"


def phones_text(phones: PhonesSource | None) -> tuple[str, str]:
    """(what the strip shows, what a screen reader says): whether phones can reach the café, and how many phones did
    in the last five minutes; after the café closed, until when phones see that it has ended."""
    if phones is not None and phones.ending and phones.ended_until is not None:
        until = f"{phones.ended_until:%H:%M}"
        return f"Phones see “ended” until {until}", f"Phones see that the café has ended until {until}"
    if phones is None or not (phones.is_open or phones.opening is not None):
        return "Closed to phones", "Closed to phones"
    if not phones.is_open:
        return "Opening to phones…", "Opening to phones"
    seen = phones.phones_seen()
    return (f"Open to phones · {seen if seen else 'none'} in the last 5 min",
            f"Open to phones, {counted(seen, 'phone') if seen else 'no phones'} in the last 5 minutes")


class StatusStrip(QWidget):
    """The open café at a glance, at the foot of every page, and the status bar's messages."""

    #: str — the title of the page a part was clicked for ("Run", "Votes", "Comments")
    sig_page = Signal(str)
    #: the "needs care" button was clicked: show the first item that needs care
    sig_care = Signal()

    def __init__(self, services: Services, bar: QStatusBar, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.bar = bar
        self.cafe: Cafe | None = None
        self.run: RunState | None = None
        self.phones: PhonesSource | None = None
        self.current_page = ""
        self.care_total = 0
        self._notice = ""  # the "needs care" notice, while it is the message shown
        self.address_warning = ""  # the café is open to phones somewhere its printed or shown codes don't point
        self.voting = "closed"  # the café's voting state as last read: "open", "closed" or "not yet"

        self.round_part = self._part("Run")
        self.phones_part = self._part("Run")
        self.voting_part = self._part("Votes")
        self.comments_part = self._part("Comments")
        self.care = QPushButton()
        self.care.setStyleSheet(CARE_STYLE)
        self.care.setToolTip("Show the items that may need someone's care")
        self.care.clicked.connect(self.sig_care)
        self.care.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard: View → What needs care (Ctrl+Shift+N)
        self.care.hide()
        self.parts = (self.round_part, self.phones_part, self.voting_part, self.comments_part)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for part in self.parts:
            layout.addWidget(part)
        layout.addSpacing(4)
        layout.addWidget(self.care)

        # never wider than its parts need: the rest of the line is the message's
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.tick)
        bar.setSizeGripEnabled(False)  # the window is maximised on a laptop; the grip's room goes to the message
        bar.addPermanentWidget(self)
        bar.messageChanged.connect(lambda text: bar.setToolTip(tip(text)))  # the whole line, if the strip cuts it
        bar.showMessage(SAVED_HINT)
        self.show_cafe(None)

    def _part(self, page: str) -> QPushButton:
        part = QPushButton()
        part.setFlat(True)
        part.setStyleSheet(PART_STYLE)
        part.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the pages have their own keys (View menu)
        part.setToolTip(f"Show the {page} page")
        part.setAccessibleDescription(f"Shows the {page} page")
        part.clicked.connect(lambda: self.sig_page.emit(page))
        return part

    # --- what the window tells it ---------------------------------------------------------------------------------

    def show_cafe(self, cafe: Cafe | None) -> None:
        """Another café was opened (or none): everything is read again, and the last café's message goes."""
        changed = cafe is None or self.cafe is None or cafe.id != self.cafe.id
        self.cafe = cafe
        if changed:
            self.clear_message()
            self._notice = ""
        for part in self.parts:
            part.setVisible(cafe is not None)
        self._load_run()
        self._show_voting()
        self._show_comments()
        self.check_address()
        if cafe is None:
            self.ticker.stop()
        else:
            self.ticker.start()

    def on_changes(self, changes: Changes, cafe: Cafe | None) -> None:
        """Something was written (here or by a phone); `cafe` is the open café as it is now."""
        if cafe is None or self.cafe is None or cafe.id != self.cafe.id:
            self.show_cafe(cafe)
            return
        self.cafe = cafe
        if changes.run or changes.plan or changes.cafes:
            self._load_run()
            self.tick()
        if changes.votes or changes.plan or changes.cafes:
            self._show_voting()
        if changes.notes or changes.cafes:
            self._show_comments()
        if changes.votes or changes.plan or changes.cafes:  # cards printed, or the café closed
            self.check_address()

    def page_shown(self, title: str) -> None:
        """The page on screen changed: its comments count as seen, and the last page's message goes."""
        if title != self.current_page:
            self.clear_message(keep_notice=True)
        self.current_page = title
        self._show_comments()

    def watch_phones(self, phones: PhonesSource) -> None:
        """Read whether phones can reach the café from `phones` (the Run page's box, once that page is built)."""
        self.phones = phones
        self.check_address()

    def check_address(self) -> None:
        """Read again whether phones are sent where the café is open (after opening or closing to phones, or printing
        cards), and redraw."""
        self.address_warning = ""
        if self.cafe is not None and not self.cafe.is_closed and self._phones_open():
            self.address_warning = self.services.phone_address.address_warning(self.cafe.id)
        self.tick()

    def _phones_open(self) -> bool:
        return self.phones is not None and self.phones.is_open

    # --- drawing --------------------------------------------------------------------------------------------------

    def tick(self) -> None:
        """Redraw the parts that move with time: the countdown, the phones seen lately, and voting beside whether phones
        can reach it (all read from memory)."""
        if self.cafe is None:
            return
        shown, spoken, status = round_text(self.run, self.services.running.clock())
        if self.cafe.is_closed:
            shown = spoken = "Café closed"
        self._set(self.round_part, shown, spoken, time_up=status == "done")
        phones_open = self._phones_open()
        if self.address_warning and phones_open and not self.cafe.is_closed:
            self._set(self.phones_part, ADDRESS_WARNING, self.address_warning, warn=True)
            self.phones_part.setToolTip(tip(self.address_warning))  # it quotes addresses: shown as written
        else:
            shown_phones = self.phones if not self.cafe.is_closed or (self.phones and self.phones.ending) else None
            self._set(self.phones_part, *phones_text(shown_phones))
            self.phones_part.setToolTip("Show the Run page")
        if self.voting == "open" and not phones_open and not self.cafe.is_closed:
            self._set(self.voting_part, *VOTING_UNREACHED)
        else:
            shown = "closed" if self.cafe.is_closed else self.voting  # a closed café takes no ballot
            self._set(self.voting_part, VOTING_TEXT[shown], VOTING_TEXT[shown])

    def _load_run(self) -> None:
        self.run = None
        if self.cafe is not None:
            with contextlib.suppress(UserError):
                self.run = self.services.running.state(self.cafe.id)

    def _show_voting(self) -> None:
        """Read the café's voting state again; `tick` draws it, beside whether phones can reach it."""
        if self.cafe is None:
            return
        self.voting = "closed"
        with contextlib.suppress(UserError):
            self.voting = self.services.channel.voting_state(self.cafe.id)
        self.tick()

    def _show_comments(self) -> None:
        if self.cafe is None:
            return
        unseen = 0
        with contextlib.suppress(UserError):
            if self.current_page == "Comments":  # on screen, so seen as they arrive
                self.services.comments.mark_seen(self.cafe.id)
            if not self.services.cafes.is_imported(self.cafe.id):  # an imported café's comments were never new here
                unseen = self.services.comments.unseen(self.cafe.id)
        text = f"{counted(unseen, 'new comment')}" if unseen else "No new comments"
        self._set(self.comments_part, text, text, bold=bool(unseen))

    @staticmethod
    def _set(part: QPushButton, text: str, spoken: str, *, bold: bool = False, time_up: bool = False,
             warn: bool = False) -> None:
        if part.text() != text:
            part.setText(text)
        if part.accessibleName() != spoken:
            part.setAccessibleName(spoken)
        bold_style = PART_STYLE + (" QPushButton { font-weight: bold; }" if bold else "")
        style = TIME_UP_STYLE if time_up else WARN_STYLE if warn else bold_style
        if part.styleSheet() != style:
            part.setStyleSheet(style)

    # --- what needs care --------------------------------------------------------------------------------------------

    def care_counts(self) -> dict[str, int]:
        """Items not yet followed up, by the page they are on ({"Comments": n, "Notes": m})."""
        if self.cafe is None:
            return dict(NO_CARE)
        try:
            return self.services.safeguarding.counts(self.cafe.id)
        except UserError:
            return dict(NO_CARE)

    def refresh_care(self) -> dict[str, int]:
        """Show the total that needs care (and say so when it grew); the counts by page, for the page list."""
        counts = self.care_counts()
        total = sum(counts.values())
        if total > self.care_total and self.cafe is not None:
            where = " and ".join(page for page, n in counts.items() if n)
            self._notice = f"Something new may need care: see {where}, or press the {CARE_MARK} button below."
            self.bar.showMessage(self._notice, MESSAGE_MS)
        elif total < self.care_total and self._notice and self.bar.currentMessage() == self._notice:
            self.bar.clearMessage()  # it named items that have been followed up since
        self.care_total = total
        self.care.setText(f"{CARE_MARK} {total} need{'s' if total == 1 else ''} care")
        self.care.setAccessibleName(f"{counted(total, 'item')} need{'s' if total == 1 else ''} care: show them")
        self.care.setVisible(bool(total))
        return counts

    # --- messages -------------------------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        """Show a one-line message for a while (until it expires or stops being true)."""
        self.bar.showMessage(text, MESSAGE_MS)

    def clear_message(self, *, keep_notice: bool = False) -> None:
        """The page or the café changed: the message shown goes. With `keep_notice`, a needs-care notice stays (the
        items it names still need care)."""
        current = self.bar.currentMessage()
        if current == SAVED_HINT or (keep_notice and current and current == self._notice):
            return
        self.bar.clearMessage()

    def take_back(self, text: str) -> None:
        """A message is no longer true: it goes if it is the one shown."""
        if text and self.bar.currentMessage() == text:
            self.bar.clearMessage()

    def drop_stale(self) -> None:
        """Something was written from this laptop (an edit, an undo): a message about what came before goes."""
        current = self.bar.currentMessage()
        if current and current not in (SAVED_HINT, self._notice):
            self.bar.clearMessage()
