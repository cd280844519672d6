"""The main window: a shell that composes the pages, the menus, undo/redo and the status strip.

Pages announce what they changed (`sig_changed`); the window passes it to every page, so no page refreshes another.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import UserError
from cafe_desk.core.model import Cafe
from cafe_desk.core.text import printable
from cafe_desk.services import Services
from cafe_desk.ui.shell import ops
from cafe_desk.ui.shell.lazy_panel import LazyPanel
from cafe_desk.ui.shell.page_list import NEEDS_CAFE, PageList
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.shell.quitting import ask_to_quit, what_quitting_stops
from cafe_desk.ui.shell.status_strip import StatusStrip

NO_CAFE = "<b>No café open</b> — choose one from the list or create a new one."
#: what the header says with no café open on the pages that need none
NO_CAFE_HERE = {"Central": "<b>No café open</b> — none is needed here: this page imports the cafés facilitators send.",
                "Synthesis": "<b>No café open</b> — none is needed here: this page brings all imported cafés together."}


class MainWindow(QMainWindow):
    #: Changes — re-emitted after any page wrote something; every page's on_changes is called with it
    sig_changes = Signal(object)

    def __init__(self, services: Services):
        super().__init__()
        self.services = services
        self.cafe: Cafe | None = None
        # Undo follows the page: the open café's pages share one history, the central desk's pages another, so
        # Ctrl+Z while coding imported cafés never takes back a note typed on this laptop.
        self.undo_group = QUndoGroup(self)
        self.undo_stack = QUndoStack(self.undo_group)
        self.central_undo = QUndoStack(self.undo_group)
        self.undo_group.setActiveStack(self.undo_stack)
        #: (parent, question) -> True to quit; asked on closing while phones are open or a round is running
        self.ask_to_quit = ask_to_quit
        self.asks_before_closing = True  # False once the system has asked the app to stop
        self.setWindowTitle("Café Desk")
        screen = self.screen().availableGeometry()  # a smaller screen gets a window that fits on it
        self.resize(min(1366, screen.width()), min(768, screen.height()))

        # Every page is built the first time it is shown (or asked for), so its modules load then, not at start-up.
        self._vote_url = ""
        self.slots = {title: LazyPanel(services, self.stack_for(title), title, build) for title, build in (
            ("Cafés", self._cafes_panel), ("Plan", self._plan_panel), ("Run", self._run_panel),
            ("Notes", self._notes_panel), ("Votes", self._votes_panel), ("Comments", self._comments_panel),
            ("Central", self._central_panel), ("Synthesis", self._synthesis_panel))}
        self.pages: list[Panel] = list(self.slots.values())
        self.synthesis_slot = self.slots["Synthesis"]

        self.nav = PageList([page.title for page in self.pages])
        self.stack = QStackedWidget()
        for page in self.pages:
            self.stack.addWidget(page)
            page.sig_changed.connect(self._wrote)
            page.sig_message.connect(self.show_message)
            page.sig_message_gone.connect(self.take_back_message)
        self.nav.currentRowChanged.connect(self._page_chosen)

        self.header = QLabel()
        self.header.setAccessibleName("Open café")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.stack, 1)
        shell = QWidget()
        shell_layout = QHBoxLayout(shell)
        shell_layout.setContentsMargins(0, 0, 0, 0)
        shell_layout.addWidget(self.nav)
        shell_layout.addWidget(right, 1)
        self.setCentralWidget(shell)
        self._menus()
        self.strip = StatusStrip(services, self.statusBar())
        self.strip.sig_page.connect(lambda title: self.show_page(self.page_index(self.slots[title])))
        self.strip.sig_care.connect(self.show_care)
        self._update_header()

    # --- the pages, each built on first use, and wired to the others as it is built -----------------------------

    def _cafes_panel(self) -> Panel:
        from cafe_desk.ui.cafes.cafes_panel import CafesPanel

        page = CafesPanel(self.services, self.undo_stack)
        page.sig_open_cafe.connect(self._open_from_list)
        page.phones_open = self.phones_open
        return page

    def _plan_panel(self) -> Panel:
        from cafe_desk.ui.plan.plan_panel import PlanPanel

        return PlanPanel(self.services, self.undo_stack)

    def _run_panel(self) -> Panel:
        from cafe_desk.ui.run.run_panel import RunPanel

        page = RunPanel(self.services, self.undo_stack)
        # the participant channel: phones' writes arrive on the GUI thread (queued) and refresh every page
        page.phones.sig_event.connect(self._phone_event)
        page.phones.sig_channel.connect(self._channel_changed)
        page.sig_presenter.connect(self.presenter_action.setChecked)
        self.strip.watch_phones(page.phones)
        return page

    def _notes_panel(self) -> Panel:
        from cafe_desk.ui.notes.notes_panel import NotesPanel

        return NotesPanel(self.services, self.undo_stack)

    def _votes_panel(self) -> Panel:
        from cafe_desk.ui.votes.votes_panel import VotesPanel

        page = VotesPanel(self.services, self.undo_stack)
        page.voting.set_vote_url(self._vote_url)
        return page

    def _comments_panel(self) -> Panel:
        from cafe_desk.ui.comments.comments_panel import CommentsPanel

        page = CommentsPanel(self.services, self.undo_stack)
        page.sig_projector.connect(lambda text: self.run_page.show_participant_words(text))
        return page

    def _central_panel(self) -> Panel:
        from cafe_desk.ui.central.central_panel import CentralPanel

        return CentralPanel(self.services, self.central_undo)

    def _synthesis_panel(self) -> Panel:
        from cafe_desk.ui.synthesis.synthesis_panel import SynthesisPanel

        return SynthesisPanel(self.services, self.central_undo)

    def _channel_changed(self, cafe_url: str) -> None:
        self._vote_url = cafe_url
        self.strip.check_address()
        if self.slots["Votes"].inner is not None:
            self.votes_page.voting.set_vote_url(cafe_url)

    @property
    def cafes_page(self):
        """The Cafés page (built now if it was not yet); the same for each page below."""
        return self.slots["Cafés"].panel()

    @property
    def plan_page(self):
        return self.slots["Plan"].panel()

    @property
    def run_page(self):
        return self.slots["Run"].panel()

    @property
    def notes_page(self):
        return self.slots["Notes"].panel()

    @property
    def votes_page(self):
        return self.slots["Votes"].panel()

    @property
    def comments_page(self):
        return self.slots["Comments"].panel()

    @property
    def central_page(self):
        return self.slots["Central"].panel()

    @property
    def synthesis_page(self):
        return self.slots["Synthesis"].panel()

    @property
    def care_button(self):
        """The status strip's "needs care" button."""
        return self.strip.care

    def stack_for(self, title: str) -> QUndoStack:
        """The undo history a page's steps go on: the central desk's pages keep their own."""
        return self.central_undo if title in ("Central", "Synthesis") else self.undo_stack

    def current_page(self) -> Panel:
        """The page on screen (the page itself, not the slot that stands for it)."""
        return self.stack.currentWidget().panel()

    def page_index(self, page: Panel) -> int:
        """Where a page (or the slot it stands in) is in the page list."""
        return next(i for i, slot in enumerate(self.pages) if page is slot or page is slot.inner)

    # --- menus --------------------------------------------------------------------------------------------------------

    def _menus(self) -> None:
        cafe_menu = self.menuBar().addMenu("&Café")
        edit_menu = self.menuBar().addMenu("&Edit")
        view_menu = self.menuBar().addMenu("&View")
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        for i, page in enumerate(self.pages):
            action = QAction(page.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _=False, i=i: self.show_page(i))
            view_menu.addAction(action)
        view_menu.addSeparator()
        care = QAction("What needs &care", self)
        care.setShortcut(QKeySequence("Ctrl+Shift+N"))
        care.triggered.connect(self.show_care)
        view_menu.addAction(care)
        # checked while the presenter window is open: F5 (or the menu) opens it, and closes it again
        self.presenter_action = QAction("&Presenter window", self)
        self.presenter_action.setCheckable(True)
        self.presenter_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.presenter_action.triggered.connect(lambda checked: self.run_page.show_presenter(checked))
        view_menu.addAction(self.presenter_action)
        cafes = QAction("&All cafés", self)
        cafes.triggered.connect(lambda: self.show_page(0))
        cafe_menu.addAction(cafes)
        self.export_action = QAction("&Export for the central team…", self)
        self.export_action.setEnabled(False)
        self.export_action.triggered.connect(self.open_export_dialog)
        cafe_menu.addAction(self.export_action)
        self.print_action = QAction("&Print…", self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.setEnabled(False)
        self.print_action.triggered.connect(self.open_print_dialog)
        cafe_menu.addAction(self.print_action)
        self.summary_action = QAction("Café &summary…", self)
        self.summary_action.setEnabled(False)
        self.summary_action.triggered.connect(self.open_summary_dialog)
        cafe_menu.addAction(self.summary_action)
        cafe_menu.addSeparator()
        quit_action = QAction("&Quit", self)  # no shortcut: Ctrl+Q marks a quote on the Notes page
        quit_action.triggered.connect(self.close)
        cafe_menu.addAction(quit_action)

    # --- opening cafés and pages -------------------------------------------------------------------------------------

    def open_cafe(self, cafe_id: str | None) -> None:
        """Show this café on every page (None: no café). Goes back to the page used last time."""
        cafe, problems = None, []
        if cafe_id:
            try:
                cafe = self.services.cafes.cafe(cafe_id)
            except UserError as exc:
                problems.append(str(exc))
        if cafe is None or self.cafe is None or cafe.id != self.cafe.id:
            self.undo_stack.clear()
        self.cafe = cafe
        self.export_action.setEnabled(cafe is not None)
        self.print_action.setEnabled(cafe is not None)
        self.summary_action.setEnabled(cafe is not None)
        self.nav.set_cafe_open(cafe is not None)
        for page in self.pages:
            page.set_cafe(cafe)
        self._update_header()
        self.strip.show_cafe(cafe)
        self.refresh_care()
        try:
            self.services.cafes.remember_last(cafe.id if cafe else None)
        except UserError as exc:
            problems.append(str(exc))
        titles = [p.title for p in self.pages]
        last = self._last_page()
        if cafe is None:
            # a central desk that only imports comes back to Central or Synthesis, not to the list of cafés
            self.show_page(titles.index(last) if last in titles and self.nav.usable(titles.index(last)) else 0)
        elif last in titles[1:]:
            self.show_page(titles.index(last))
        else:
            self.show_page(2 if cafe.state == "running" else 1)
        for problem in problems:  # after the page is shown, which clears the last page's message
            self.show_message(problem)

    def open_export_dialog(self):
        """Open the review-and-export dialog for the open café (None, with a message, if it can't open)."""
        if self.cafe is None:
            return None
        from cafe_desk.ui.export.export_dialog import ExportDialog  # the anonymiser's lists load only when needed

        try:
            dialog = ExportDialog(self.services, self.cafe.id, self)
        except UserError as exc:
            self.show_message(str(exc))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_exported.connect(lambda _path: self.broadcast(Changes(cafes=True)))  # the Run page's next step
        screen = self.screen().availableGeometry()
        dialog.resize(min(1200, self.width(), screen.width()), min(700, self.height(), screen.height()))
        dialog.open()
        return dialog

    def open_print_dialog(self):
        """Open the Print dialog for the open café (None, with a message, if it can't open)."""
        from cafe_desk.ui.printing.print_dialog import PrintDialog

        # where the printed codes point is remembered with the café: the Run page shows it
        return self._open_cafe_dialog(PrintDialog, lambda _path: self.broadcast(Changes(plan=True)))

    def open_summary_dialog(self):
        """Open the café summary dialog for the open café (None, with a message, if it can't open)."""
        from cafe_desk.ui.reports.cafe_summary_dialog import CafeSummaryDialog

        return self._open_cafe_dialog(CafeSummaryDialog,
                                      lambda path: self.show_message(f"Café summary saved → {path}"))

    def _open_cafe_dialog(self, make, on_saved):
        """A dialog about the open café, `make(services, cafe_id, parent)`, whose `sig_saved(path)` calls `on_saved`."""
        if self.cafe is None:
            return None
        try:
            dialog = make(self.services, self.cafe.id, self)
        except UserError as exc:
            self.show_message(str(exc))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_saved.connect(on_saved)
        dialog.open()
        return dialog

    def _open_from_list(self, cafe_id: str) -> None:
        self.open_cafe(cafe_id)
        if self.cafe:
            self.show_page(2 if self.cafe.state == "running" else 1)

    def _last_page(self) -> str | None:
        try:
            return self.services.cafes.last_page()
        except UserError:
            return None

    def show_page(self, index: int) -> None:
        """Show a page; one that needs a café, while none is open, stays unshown and the status bar says why."""
        if not self.nav.usable(index):
            self.show_message(f"{NEEDS_CAFE} to use {self.pages[index].title}: choose one from the list, or make a "
                              "new one.")
            return
        self.nav.setCurrentRow(index)
        start = getattr(self.pages[index].panel(), "start_focus", None)
        if start is not None:  # reached by its shortcut: typing goes where the page is used from
            start().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _page_chosen(self, index: int) -> None:
        if index < 0:
            return
        if not self.nav.usable(index):  # reached by the keyboard in the page list: no empty page
            self.nav.setCurrentRow(0)
            return
        self.pages[index].panel()  # built before it is shown, so it is drawn once, complete
        self.stack.setCurrentIndex(index)
        if self.cafe is None:
            self._update_header()  # what is true with no café depends on the page
        self.undo_group.setActiveStack(self.stack_for(self.pages[index].title))
        self.strip.page_shown(self.pages[index].title)
        if self.cafe or self.nav.usable(index):
            with contextlib.suppress(UserError):
                self.services.cafes.remember_page(self.pages[index].title)

    # --- changes and messages ----------------------------------------------------------------------------------------

    def _wrote(self, changes: Changes) -> None:
        """A page wrote something (or undid or redid it): messages about how things were go, then every page hears."""
        self.strip.drop_stale()
        self.broadcast(changes)

    def broadcast(self, changes: Changes) -> None:
        if changes.cafes or changes.plan:
            if self.cafe:
                try:
                    self.cafe = self.services.cafes.cafe(self.cafe.id)
                except UserError:
                    self.cafe = None
            self._update_header()
        for page in self.pages:
            if changes.cafes and page.cafe is not None and self.cafe is not None and page.cafe != self.cafe:
                page.set_cafe(self.cafe)
            page.on_changes(changes)
        self.strip.on_changes(changes, self.cafe)
        if changes.notes or changes.cafes:
            self.refresh_care()
        self.sig_changes.emit(changes)

    # --- safeguarding: what needs care, on every page -------------------------------------------------------------

    def refresh_care(self) -> None:
        """A badge with the count on the Comments and Notes page names, and the total on the status strip."""
        self.nav.show_care(self.strip.refresh_care())

    def show_care(self) -> None:
        """Go to the first page with items that need care, and show the first of them."""
        counts = self.strip.care_counts()
        if counts["Comments"]:
            self.show_page(self.page_index(self.comments_page))
            self.comments_page.select_next_needing_care()
        elif counts["Notes"]:
            self.show_page(self.page_index(self.notes_page))
            self.notes_page.select_next_needing_care()

    def _phone_event(self, kind: str, data: dict) -> None:
        """Something arrived from a phone (already on the GUI thread): every page hears of it."""
        if kind in ("comment", "host_note"):
            self.broadcast(Changes(notes=True))
        elif kind == "ballot":
            self.broadcast(Changes(votes=True))

    def show_message(self, text: str) -> None:
        """A one-line message on the status strip, for a while or until it is no longer true."""
        self.strip.say(text)

    def take_back_message(self, text: str) -> None:
        """A message a page gave is no longer true: it goes, if it is still shown."""
        self.strip.take_back(text)

    def _update_header(self) -> None:
        cafe = self.cafe
        if cafe is None:
            page = self.pages[self.stack.currentIndex()].title if self.stack.currentIndex() >= 0 else ""
            self.header.setText(NO_CAFE_HERE.get(page, NO_CAFE))
            self.setWindowTitle("Café Desk")
            return
        state = {"planning": "being planned", "running": "running", "closed": "closed (read-only)"}[cafe.state]
        where = f" · {cafe.locality}" if cafe.locality else ""
        self.header.setText(f"<b>{_escape(cafe.title)}</b> · {cafe.date}{_escape(where)} · code {cafe.short_code}"
                            f" · {state}")
        self.setWindowTitle(f"{cafe.title} — Café Desk")

    def phones_open(self, cafe_id: str) -> bool:
        """Whether phones can reach this café now (or are about to: it is being opened to them)."""
        run = self.slots["Run"].inner
        box = run.phones if run is not None else None
        return (box is not None and box.cafe is not None and box.cafe.id == cafe_id
                and (box.is_open or box.opening is not None))

    def what_quitting_stops(self) -> str:
        """What closing the window would cut off, as a question to ask first; "" when nothing is under way."""
        run = self.slots["Run"].inner
        phones = run is not None and (run.phones.is_open or run.phones.opening is not None)
        round_running = False
        if self.cafe is not None:
            with contextlib.suppress(UserError):
                round_running = self.services.running.state(self.cafe.id).timer.status == "running"
        return what_quitting_stops(phones, round_running)

    def close_without_asking(self) -> None:
        """Close as Quit does but without the question, which nobody may be there to answer: the system asked the
        app to stop (shutting down, or its terminal closed). Phones are let go of cleanly and the data file is left
        whole."""
        self.asks_before_closing = False
        self.close()

    def closeEvent(self, event) -> None:
        question = self.what_quitting_stops() if self.asks_before_closing else ""
        if question and not self.ask_to_quit(self, question):
            event.ignore()
            return
        if self.slots["Run"].inner is not None:
            self.run_page.stop_channel()
            self.run_page.close_presenter()
        if self.synthesis_slot.inner is not None:
            self.synthesis_slot.inner.stop_reads()
        ops.stop_running()  # an import the system's stop signal cut into ends at its next file, whole
        super().closeEvent(event)


def _escape(text: str) -> str:
    return printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

