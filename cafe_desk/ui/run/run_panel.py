"""The run page: the next step of the day, the current round's question and countdown, the controls, the presenter
window, and the box that opens the café to phones."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.changes import Changes
from cafe_desk.core.closing import IMPORTED_LINE
from cafe_desk.core.model import Cafe
from cafe_desk.core.run_order import NOTHING, NextStep, next_step
from cafe_desk.core.timer import format_clock
from cafe_desk.services.running import RunState
from cafe_desk.ui.run.phones_box import PhonesBox
from cafe_desk.ui.run.presenter import PresenterWindow
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.widgets.chime import play_chime
from cafe_desk.ui.widgets.plain_text import plain_labels
from cafe_desk.ui.widgets.qr_view import qr_pixmap

TICK_MS = 250
PROGRESS_STEPS = 1000  # the bar's range: fine enough to move every second of a long round
CLOCK_PT = 64
CLOSED_CLOCK = "Café closed"
CLOSED_CLOCK_PT = 32  # the words fit where the digits go
CLOSED_MESSAGE = "This café is closed. Reopen it from the café list to run it again."
NEXT_STEP_STYLE = "QLabel { background: #eef4fa; color: #1a1a1a; border-left: 4px solid #0b4f8a; padding: 6px 10px; }"
PRESENTER_OPEN_TEXT = "Presenter &window (F5)"
PRESENTER_CLOSE_TEXT = "Close presenter &window (F5)"


class RunPanel(Panel):
    """Start, pause, extend and move through rounds; the countdown is drawn from the stored timer state."""

    title = "Run"

    #: bool — emitted once when the countdown reaches zero (True) or is revived by +1 minute (False)
    sig_time_up = Signal(bool)
    #: bool — the presenter window was opened (True) or closed (False)
    sig_presenter = Signal(bool)

    def __init__(self, services, undo_stack, parent: QWidget | None = None):
        super().__init__(services, undo_stack, parent)
        self.state: RunState | None = None
        self.presenter: PresenterWindow | None = None
        self._was_up: bool | None = None
        self.sound_enabled = True
        self.channel_url = ""  # the comment page's address while phones can reach it
        self.participant_words: str | None = None  # the pinned comment, when the facilitator shows it
        self.phones = PhonesBox(services)
        self.phones.sig_message.connect(self.sig_message)
        self.phones.sig_channel.connect(self._channel_changed)
        self.phones.check.sig_reached.connect(lambda _phones: self.show_next_step())  # tested: the day goes on
        self.step: NextStep = NOTHING
        self.next_step = QLabel()
        self.next_step.setWordWrap(True)
        self.next_step.setTextFormat(Qt.TextFormat.RichText)
        self.next_step.setAccessibleName("Next step")
        self.next_step.setStyleSheet(NEXT_STEP_STYLE)

        body = QHBoxLayout()
        body.addLayout(self._build_question_column(), 3)
        body.addLayout(self._build_clock_column(), 2)
        self._fonts()
        self.clock.setMinimumHeight(self.clock.sizeHint().height())  # as tall when it says "Café closed" in less room
        root = QVBoxLayout(self)
        root.addWidget(self.next_step)
        root.addLayout(body, 1)
        root.addLayout(self._build_controls())

        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.tick)
        self.set_cafe(None)

    # --- building -------------------------------------------------------------------------------------------------

    def _build_question_column(self) -> QVBoxLayout:
        """The round, its question and follow-up prompts, a message line, and the box that opens to phones."""
        self.round_label = QLabel()
        self.round_label.setAccessibleName("Current round")
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setAccessibleName("Question for this round")
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.follow_ups = QLabel()
        plain_labels(self.round_label, self.question, self.follow_ups)
        self.follow_ups.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        column = QVBoxLayout()
        column.addWidget(self.round_label)
        column.addWidget(self.question)
        column.addWidget(self.follow_ups)
        column.addStretch(1)
        column.addWidget(self.message)
        column.addWidget(self.phones)
        return column

    def _build_clock_column(self) -> QVBoxLayout:
        """The countdown, its status and progress, and the list of rounds to jump to."""
        self.clock = QLabel("--:--")
        self.clock.setAccessibleName("Time left")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock.setFrameShape(QFrame.Shape.StyledPanel)
        self.clock.setMinimumWidth(260)
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setAccessibleName("Timer status")
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Time used in this round")
        self.rounds = QListWidget()
        self.rounds.setAccessibleName("Rounds: press Enter to go to the selected round")
        self.rounds.itemActivated.connect(self._go_to)
        self.rounds.setWordWrap(True)
        self.rounds.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        caption = QLabel("&Rounds (Enter to go to one)")
        caption.setBuddy(self.rounds)
        column = QVBoxLayout()
        column.addWidget(self.clock)
        column.addWidget(self.status)
        column.addWidget(self.progress)
        column.addWidget(caption)
        column.addWidget(self.rounds, 1)
        return column

    def _build_controls(self) -> QHBoxLayout:
        """Start, Pause, +1 minute, Next round, and the presenter window."""
        self.start_btn = QPushButton("&Start")
        self.pause_btn = QPushButton("&Pause")
        self.extend_btn = QPushButton("+&1 minute")
        self.next_btn = QPushButton("&Next round")
        self.presenter_btn = QPushButton(PRESENTER_OPEN_TEXT)
        for btn, name in ((self.start_btn, "Start or resume the countdown"), (self.pause_btn, "Pause the countdown"),
                          (self.extend_btn, "Add one minute"), (self.next_btn, "Go to the next round"),
                          (self.presenter_btn, "Open the presenter window for the projector")):
            btn.setAccessibleName(name)
            btn.setToolTip(name)
            btn.setMinimumHeight(40)
        self.start_btn.clicked.connect(lambda: self._act(self.services.running.start))
        self.pause_btn.clicked.connect(lambda: self._act(self.services.running.pause))
        self.extend_btn.clicked.connect(lambda: self._act(self.services.running.extend))
        self.next_btn.clicked.connect(lambda: self._act(self.services.running.next_round))
        self.presenter_btn.clicked.connect(self.toggle_presenter)
        controls = QHBoxLayout()
        for btn in (self.start_btn, self.pause_btn, self.extend_btn, self.next_btn):
            controls.addWidget(btn)
        controls.addStretch(1)
        controls.addWidget(self.presenter_btn)
        return controls

    # --- Panel ------------------------------------------------------------------------------------------------------

    def set_cafe(self, cafe: Cafe | None) -> None:
        super().set_cafe(cafe)
        self._was_up = None  # unknown: the first tick styles the clock without a chime
        self.phones.set_cafe(cafe)
        self.reload()

    def on_changes(self, changes: Changes) -> None:
        if changes.run or changes.plan:
            if changes.plan and self.cafe:
                self.cafe = self.attempt(lambda: self.services.cafes.cafe(self.cafe.id)) or self.cafe
                self.phones.set_cafe(self.cafe)
            self.reload()
        elif changes.cafes or changes.votes or changes.notes:  # notes: an item followed up, or newly flagged
            self.show_next_step()

    # --- actions ----------------------------------------------------------------------------------------------------

    def _act(self, action) -> None:
        if not self.cafe:
            return
        result = self.attempt(lambda: action(self.cafe.id))
        if result is None:
            return
        self.state, changes = result
        self.message.clear()
        self.announce(changes)
        self.show_state()

    def _go_to(self, item: QListWidgetItem) -> None:
        round_id = item.data(Qt.ItemDataRole.UserRole)
        if self.cafe and self.state and self.state.round and round_id != self.state.round.id:
            self._act(lambda cid: self.services.running.go_to_round(cid, round_id))

    @property
    def presenter_open(self) -> bool:
        return self.presenter is not None and self.presenter.isVisible()

    def open_presenter(self) -> None:
        if self.presenter is None:
            self.presenter = PresenterWindow()
            self.presenter.sig_closed.connect(lambda: self._presenter_shown(False))
            self._show_qr()
            self.presenter.show_comment(self.participant_words)
        self.show_state()
        window = self.window()
        self.presenter.show_on_projector(window.screen() if window else None)
        self._presenter_shown(True)

    def close_presenter(self) -> None:
        if self.presenter is not None:
            self.presenter.close()

    def toggle_presenter(self) -> None:
        """Open the presenter window, or close it when it is open (the button, and F5)."""
        self.show_presenter(not self.presenter_open)

    def show_presenter(self, shown: bool) -> None:
        self.open_presenter() if shown else self.close_presenter()

    def _presenter_shown(self, shown: bool) -> None:
        self.presenter_btn.setText(PRESENTER_CLOSE_TEXT if shown else PRESENTER_OPEN_TEXT)
        self.presenter_btn.setAccessibleName(f"{'Close' if shown else 'Open'} the presenter window for the projector")
        self.presenter_btn.setEnabled(shown or bool(self.state and self.state.round))
        self.sig_presenter.emit(shown)

    def stop_channel(self) -> None:
        """Close the café to phones (when the app quits)."""
        self.phones.stop()

    def show_participant_words(self, text: str | None) -> None:
        """Put a participant's comment on the presenter window (None: take it off)."""
        self.participant_words = text
        if self.presenter is not None:
            self.presenter.show_comment(text)

    def _channel_changed(self, url: str) -> None:
        self.channel_url = url
        self.show_next_step()
        if self.presenter is not None:
            self._show_qr()

    def _show_qr(self) -> None:
        """The presenter shows both codes while the café is open to phones: join the Wi-Fi, then open the page."""
        if not self.channel_url:
            self.presenter.set_qr(None)
            self.presenter.set_wifi_qr(None)
            return
        self.presenter.set_qr(qr_pixmap(self.channel_url, box_size=10), self.channel_url)
        name, password, security = self.attempt(self.services.channel.wifi) or ("", "", "WPA")
        if name:
            from cafe_desk.services.qr_codes import wifi_payload

            shown = name + (f"\nPassword: {password}" if password and security != "nopass" else "")
            self.presenter.set_wifi_qr(qr_pixmap(wifi_payload(name, password, security), box_size=10), shown)
        else:
            self.presenter.set_wifi_qr(None)

    # --- display ----------------------------------------------------------------------------------------------------

    def reload(self) -> None:
        self.state = self.attempt(lambda: self.services.running.state(self.cafe.id)) if self.cafe else None
        self.rounds.clear()
        if self.state:
            for rnd in self.state.rounds:
                item = QListWidgetItem(f"{rnd.label}: {rnd.prompt}")
                item.setData(Qt.ItemDataRole.UserRole, rnd.id)
                self.rounds.addItem(item)
        self.show_state()

    def tick(self) -> None:
        if not self.state or not self.state.round or self.closed:
            return
        now = self.services.running.clock()
        timer = self.state.timer
        up = timer.is_up(now)
        text = format_clock(timer.remaining(now))
        self.clock.setText("Time is up" if up else text)
        self.progress.setValue(round(PROGRESS_STEPS * (1 - timer.remaining(now) / max(1, timer.duration_s))))
        if self._was_up is None:
            self._was_up = up
            self._style_clock(up)
        elif up != self._was_up:
            self._was_up = up
            self._style_clock(up)
            self.status.setText("Time is up — start the next round or add a minute" if up else self._status_text())
            if up and self.sound_enabled:
                play_chime()
            self.sig_time_up.emit(up)
            self.show_next_step()
        if self.presenter is not None and self.presenter.isVisible():
            self.presenter.show_time(text, up)

    def show_state(self) -> None:
        st = self.state
        has_round = bool(st and st.round)
        writable = bool(self.cafe and not self.cafe.is_closed)
        if not self.cafe:
            self.round_label.setText("No café open")
            self.question.setText("Open or create a café on the Cafés page, then run it from here.")
        elif not has_round:
            self.round_label.setText(self.cafe.title)
            self.question.setText("This café has no rounds yet: add a question on the Plan page.")
        else:
            self.round_label.setText(f"{st.round.label} of {len(st.rounds)}")
            self.question.setText(st.round.prompt)
            self.rounds.setCurrentRow(st.index)
        self.follow_ups.setText("\n".join(f"• {f}" for f in st.round.follow_ups) if has_round else "")
        status = st.timer.status if has_round else "ready"
        self.start_btn.setText("Re&sume" if status == "paused" else "&Start")  # Alt+S either way
        self.start_btn.setEnabled(writable and has_round and status in ("ready", "paused"))
        self.pause_btn.setEnabled(writable and status == "running")
        self.extend_btn.setEnabled(writable and has_round)
        self.next_btn.setEnabled(writable and has_round and not st.is_last)
        self.rounds.setEnabled(writable)
        self.presenter_btn.setEnabled(has_round or self.presenter_open)  # an open one can always be closed
        if self.closed:
            imported = self.cafe is not None and bool(self.attempt(lambda: self.services.cafes.is_imported(
                self.cafe.id)))
            self.message.setText(IMPORTED_LINE if imported else CLOSED_MESSAGE)
        elif self.message.text() in (CLOSED_MESSAGE, IMPORTED_LINE):  # reopened
            self.message.clear()
        self.status.setText(self._status_text())
        if has_round and not self.closed:
            self._size_clock(CLOCK_PT)
            self.ticker.start()
            self.tick()
        else:
            self.ticker.stop()
            self._was_up = None  # reopened, the first tick styles the clock again, without a chime
            self._style_clock(False)
            self._size_clock(CLOSED_CLOCK_PT if self.closed else CLOCK_PT)
            self.clock.setText(CLOSED_CLOCK if self.closed else "--:--")
            self.progress.setValue(0)
        if self.presenter is not None and has_round:
            self.presenter.show_round(self.cafe.title, f"{st.round.label} of {len(st.rounds)}", st.round.prompt,
                                      st.round.follow_ups)
        self.show_next_step()

    def show_next_step(self) -> None:
        """The one next thing to do, from how far the café has got and whether it is open to phones."""
        progress = self.attempt(lambda: self.services.cafes.progress(self.cafe.id)) if self.cafe else None
        self.step = next_step(progress, self.phones.is_open, self.phones.check.passed) if progress else NOTHING
        self.next_step.setText(f"<b>Next step:</b> {html.escape(self.step.text)}")
        self.next_step.setVisible(bool(self.step.text))

    @property
    def closed(self) -> bool:
        """Whether the open café is closed: its countdown is stopped and the clock says so."""
        return bool(self.cafe and self.cafe.is_closed)

    def _status_text(self) -> str:
        if not self.state or not self.state.round:
            return ""
        if self.closed:
            timer = self.state.timer
            return (f"Stopped with {format_clock(timer.remaining(self.services.running.clock()))} left"
                    if timer.status == "paused" else "")
        return {"ready": "Ready to start", "running": "Running", "paused": "Paused",
                "done": "Time is up"}[self.state.timer.status]

    def _style_clock(self, up: bool) -> None:
        self.clock.setStyleSheet("background: #b00020; color: white; border-radius: 6px;" if up else "")

    def _size_clock(self, points: int) -> None:
        if self.clock.font().pointSize() != points:
            font = QFont(self.clock.font())
            font.setPointSize(points)
            self.clock.setFont(font)

    def _fonts(self) -> None:
        for label, size, bold in ((self.round_label, 16, True), (self.question, 26, True),
                                  (self.follow_ups, 15, False), (self.clock, CLOCK_PT, True), (self.status, 14, False)):
            font = QFont(label.font())
            font.setPointSize(size)
            font.setBold(bold)
            label.setFont(font)
