"""The Notes page: pick a table and round, type points fast (saved as you type), see and edit the list, record
attendance by group and what the table carries forward."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from cafe_desk.core.changes import Changes
from cafe_desk.core.closing import IMPORTED_LINE
from cafe_desk.core.counts import what
from cafe_desk.core.errors import NotFoundError, UserError
from cafe_desk.core.model import Cafe, Note
from cafe_desk.services import Services
from cafe_desk.ui.notes.attendance_box import AttendanceBox
from cafe_desk.ui.notes.carry_forward_box import CarryForwardBox
from cafe_desk.ui.notes.note_actions import NoteActions
from cafe_desk.ui.notes.note_entry import NoteEntry
from cafe_desk.ui.notes.notes_care import NotesCare
from cafe_desk.ui.notes.notes_list import NotesList
from cafe_desk.ui.notes.notes_model import NoteLabels
from cafe_desk.ui.notes.place_bar import PlaceBar
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.widgets import codebook_import
from cafe_desk.ui.widgets.care_panel import CarePanel

CLOSED_LINE = "This café is closed. Reopen it from the café list to make changes."
NO_CAFE_LINE = "Open a café from the café list to take notes."


class NotesPanel(Panel):
    """The note-taker's page. Every write goes through `services.notes` as an undoable step (or an autosave)."""

    title = "Notes"

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(services, undo_stack, parent)
        self._place: tuple[str | None, str | None] = (None, None)
        self._draft: Note | None = None
        self._last_autosave_message = ""
        self._summary_place: tuple[str, str] | None = None
        self.banner = _banner()
        self.place_bar = PlaceBar()
        bar = self.place_bar
        self.table_combo, self.round_combo, self.prompt = bar.table_combo, bar.round_combo, bar.prompt
        self.import_button = bar.import_button
        self.entry = NoteEntry()
        self.notes_list = NotesList()
        self.attendance = AttendanceBox()
        self.summary_box = CarryForwardBox()
        self.summary = self.summary_box.summary
        self.care = CarePanel()
        self.splitter = self._lay_out()
        self.actions = NoteActions(self)
        self.care_section = NotesCare(self, self.care, self.notes_list, bar, self.summary_box)
        self.care_steps = self.care_section.steps
        self._connect()
        self.set_cafe(None)

    # --- building -----------------------------------------------------------------------------------------------

    def _lay_out(self) -> QSplitter:
        """The bar, the entry, then the list beside a column of care, attendance and the summary."""
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.care, 4)
        side_layout.addWidget(self.attendance)
        side_layout.addWidget(self.summary_box, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.notes_list)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([940, 400])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.place_bar)
        layout.addWidget(self.entry)
        layout.addWidget(splitter, 1)
        return splitter

    def _order_tabs(self) -> None:
        """Tab goes through the page as it is on screen: the bar, the entry and its ticks, the list, then the column
        beside it top to bottom (care, the counts, what we carry forward), and only then off the page. Called again
        whenever the count boxes are made anew, since new widgets otherwise join the end of the window's order."""
        chain = [*self.place_bar.tab_order(), *self.entry.tab_order(), *self.notes_list.tab_order(),
                 *self.care.tab_order(), *self.attendance.tab_order(), *self.summary_box.tab_order()]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _connect(self) -> None:
        self.place_bar.sig_place_changed.connect(self._place_changed)
        self.import_button.clicked.connect(self._ask_codebook)
        self.entry.sig_idle.connect(self._autosave_draft)
        self.entry.sig_submitted.connect(self.finish_point)
        self.entry.sig_tag_ticked.connect(self._tick_selected)
        self.entry.line.textEdited.connect(lambda _text: self.notes_list.clear_selection())
        self.notes_list.sig_selection_changed.connect(self._show_ticks)
        self.notes_list.sig_filter_changed.connect(self._show_ticks)
        self.notes_list.model.sig_text_edited.connect(self.actions.edit_text)
        self.notes_list.sig_delete_requested.connect(self.actions.delete)
        self.notes_list.sig_quote_requested.connect(self.actions.toggle_quote)
        self.attendance.sig_counts_edited.connect(self._save_attendance)
        self.summary_box.sig_edited.connect(self._summary_edited)
        self.summary_box.sig_idle.connect(self.save_summary)

    # --- Panel API ----------------------------------------------------------------------------------------------

    def set_cafe(self, cafe: Cafe | None) -> None:
        """Show another café (or none): whatever is still being typed for the previous one is saved first."""
        if self.cafe is not None:
            self._flush_all()
        super().set_cafe(cafe)
        self._draft = None
        self.care_section.forget()
        self.entry.finish()
        self.entry.clear_tags()
        self._load_plan()
        notes = self._points() if cafe else []
        self.notes_list.model.reset(notes, self._labels())
        self._show_ticks()  # a reset selects nothing, without saying so
        self._follow_running_round(force=True)
        self._apply_state()
        self.care_section.show()

    def on_changes(self, changes: Changes) -> None:
        """Refresh what this page shows from what was written anywhere (idempotent)."""
        if self.cafe is None:
            return
        if changes.cafes or changes.plan:
            try:
                self.cafe = self.services.notes.cafe(self.cafe.id)
            except NotFoundError:
                self.set_cafe(None)
                return
            self._load_plan()
            self.notes_list.model.set_labels(self._labels())
            self._apply_state()
        elif changes.themes:
            self._load_tags()
            self.notes_list.model.set_labels(self._labels())
        if changes.run or changes.plan:
            self._follow_running_round()
        if changes.notes:
            self.notes_list.model.sync(self._points())
            self._load_summary()
        if changes.notes or changes.plan or changes.themes:
            self._show_ticks()
        if changes.notes or changes.plan:
            self.care_section.show()
        if changes.attendance or changes.plan:
            self._load_attendance()

    def announce(self, changes: Changes) -> None:
        """This page's own writes refresh it at once, then go to the main window for the other pages."""
        if changes:
            self.on_changes(changes)
        super().announce(changes)

    def select_next_needing_care(self) -> None:
        """Go to the next point or summary that needs care (see `NotesCare.select_next`)."""
        self.care_section.select_next()

    # --- reading --------------------------------------------------------------------------------------------------

    def _points(self) -> list[Note]:
        """The café's points; its summaries have their own box, and comments the Comments page."""
        return [n for n in self.services.notes.list(self.cafe.id) if what(n.source, n.kind) == "point"] \
            if self.cafe else []

    def _labels(self) -> NoteLabels:
        if self.cafe is None:
            return NoteLabels()
        items = self.services.planning.items
        return NoteLabels(
            tables={t.id: str(t.number) for t in self.place_bar.tables},
            rounds={r.id: str(r.number) for r in self.place_bar.rounds},
            outcomes={o.id: o.title for o in items(self.cafe.id, "outcome")},
            themes={t.id: t.name for t in self.services.notes.themes(self.cafe.id)},
        )

    def _load_plan(self) -> None:
        """Tables, rounds, tags and groups of the café, keeping the chosen table and round where they still exist."""
        cafe_id = self.cafe.id if self.cafe else None
        items = self.services.planning.items
        rounds = items(cafe_id, "round") if cafe_id else []
        current, now = self._rounds_on() if rounds else (None, None)
        self.place_bar.set_plan(items(cafe_id, "table") if cafe_id else [], rounds, current, now)
        self._load_tags()
        self.attendance.set_groups(items(cafe_id, "group") if cafe_id else [])
        self._order_tabs()
        self._place_changed()
        self._load_attendance()  # the group boxes were just made anew: show what is stored, never zeros

    def _load_tags(self) -> None:
        cafe_id = self.cafe.id if self.cafe else None
        outcomes = self.services.planning.items(cafe_id, "outcome") if cafe_id else []
        themes = self.services.notes.themes(cafe_id) if cafe_id else []
        self.entry.outcomes.set_items((o.id, o.title) for o in outcomes)
        self.entry.themes.set_items((t.id, t.name) for t in themes)
        self._show_ticks()

    def _show_ticks(self) -> None:
        """The tick lists show the selected points' tags while any are selected, else the new point's."""
        chosen = self.notes_list.selected_notes()
        if not chosen:
            self.entry.show_own()
            return
        self.entry.show_selected(len(chosen), tick_states([n.outcome_ids for n in chosen]),
                                 tick_states([n.theme_ids for n in chosen]))

    def _tick_selected(self, field: str, tag_id: str, ticked: bool) -> None:
        chosen = self.notes_list.selected_notes()
        if chosen and self.cafe is not None and not self.cafe.is_closed:
            self.actions.tick(chosen, field, tag_id, ticked)
            if self._draft is not None and self._draft.id in {n.id for n in chosen}:
                self.entry.set_own_tick(field, tag_id, ticked)  # or the next autosave of the draft would undo it
        self._show_ticks()  # what is stored now (as before, if the tick was refused)

    def _load_attendance(self) -> None:
        if self.cafe is None:
            self.attendance.set_counts({})
            return
        known = self.services.notes.attendance_at(self.cafe.id, *self._place)
        self.attendance.set_counts(known.counts, known.hidden, known.total)

    def _load_summary(self) -> None:
        if self.summary_box.is_typing():
            return  # the host is typing: their text wins, and is saved in a moment
        table_id, round_id = self._place
        note = self.services.notes.summary(self.cafe.id, table_id, round_id) \
            if self.cafe and table_id and round_id else None
        self.summary_box.show_text(note.text if note else "")

    # --- table and round ------------------------------------------------------------------------------------------

    def _rounds_on(self) -> tuple[str | None, str | None]:
        """(the round the café is at or will start with, the same once it has started) — (None, None) with no café."""
        if self.cafe is None:
            return None, None
        running = self.services.running
        return running.current_round_id(self.cafe.id), running.round_now(self.cafe.id)

    def _follow_running_round(self, force: bool = False) -> None:
        current, now = self._rounds_on() if self.place_bar.rounds else (None, None)
        self.place_bar.follow_running_round(current, now, force)

    def _place_changed(self) -> None:
        place = self.place_bar.place()
        if place == self._place:
            return
        self.attendance.flush()
        self.save_summary()
        self._place = place
        self.entry.clear_tags()
        if self._draft is not None or self.entry.text().strip():
            self._autosave_draft()  # the point being typed belongs to the newly chosen table and round
        self.notes_list.set_place(*place)
        self._load_attendance()
        self._load_summary()
        self.care_section.mark_summary()

    def _apply_state(self) -> None:
        closed = self.cafe is None or self.cafe.is_closed
        imported = self.cafe is not None and bool(self.attempt(lambda: self.services.cafes.is_imported(self.cafe.id)))
        self.banner.setText(NO_CAFE_LINE if self.cafe is None else IMPORTED_LINE if imported else CLOSED_LINE)
        self.banner.setVisible(closed)
        for widget in (self.entry, self.attendance, self.import_button):
            widget.setEnabled(not closed)
        self.summary_box.set_read_only(closed)
        self.notes_list.set_read_only(closed)

    # --- the point being typed ----------------------------------------------------------------------------------

    def _autosave_draft(self) -> None:
        self._save_draft(report=self._say_once)

    def _save_draft(self, report: Callable[[str], None]) -> bool:
        """Save what is in the entry as a note (new, or the draft updated); False (and a message) if it can't be."""
        if self.cafe is None or self.cafe.is_closed:
            return False
        text = self.entry.text()
        notes = self.services.notes
        table_id, round_id = self._place
        try:
            if self._draft is not None and notes.get(self._draft.id) is None:
                self._draft = None  # deleted meanwhile (from the list, or by an undo): start a new one
            if not text.strip():
                if self._draft is not None:
                    _note, changes = notes.delete(self._draft.id)
                    self._draft = None
                    self.announce(changes)
                return False
            options = {"is_quote": self.entry.is_quote(), "outcome_ids": self.entry.outcome_ids(),
                       "theme_ids": self.entry.theme_ids()}
            if self._draft is None:
                note, changes = notes.add(self.cafe.id, table_id, round_id, text, **options)
            else:
                _before, note, changes = notes.update(self._draft.id, text=text, table_id=table_id,
                                                      round_id=round_id, **options)
        except UserError as exc:
            report(str(exc))
            return False
        self._draft = note
        self._last_autosave_message = ""
        self.announce(changes)
        return True

    def finish_point(self) -> None:
        """Enter: the point is saved (once), becomes one undoable "Add point", and the entry is ready for the next."""
        self.entry.cancel_pending()
        if not self.entry.text().strip():
            self._save_draft(report=self._say_once)  # drops an emptied draft; says nothing
            return
        if not self._save_draft(report=self.sig_message.emit):
            return  # the message is shown and the text stays in the entry
        note, self._draft = self._draft, None
        notes = self.services.notes
        self.push("Add point", do=lambda: notes.restore(note), undo=lambda: notes.delete(note.id)[1], done=True)
        self.entry.finish()

    def _say_once(self, message: str) -> None:
        if message != self._last_autosave_message:
            self._last_autosave_message = message
            self.sig_message.emit(message)

    # --- attendance, summary, codebook --------------------------------------------------------------------------

    def _save_attendance(self, edits: dict[str, tuple[int, int]]) -> None:
        if self.cafe is not None:
            self.actions.set_attendance(self.cafe.id, *self._place, edits)
            self._load_attendance()  # if the counts were refused, the boxes go back to what is stored

    def _summary_edited(self) -> None:
        if self._place[0] and self._place[1]:
            self._summary_place = (self._place[0], self._place[1])
            self.summary_box.wait_for_pause()

    def save_summary(self) -> None:
        """Save the summary now if it was edited (it is also saved by itself after a pause in typing)."""
        self.summary_box.stop_waiting()
        place, self._summary_place = self._summary_place, None
        if place is None or self.cafe is None:
            return
        result = self.attempt(lambda: self.services.notes.set_summary(self.cafe.id, *place, self.summary_box.text()))
        if result is not None:
            self.announce(result[1])

    def _ask_codebook(self) -> None:
        path = codebook_import.choose_codebook(self)
        if path:
            self.import_codebook(path)

    def import_codebook(self, path: Path) -> None:
        """Add the themes in a codebook file, as one undoable step; the message says how many were new, or why
        none were added."""
        if self.cafe is not None:
            self.actions.import_codebook(self.cafe.id, Path(path))

    def _flush_all(self) -> None:
        if self.entry.has_pending_edit():
            self.entry.cancel_pending()
            self._autosave_draft()
        self.attendance.flush()
        self.save_summary()


def tick_states(tag_sets: list[tuple[str, ...]]) -> dict[str, Qt.CheckState]:
    """{tag id: Checked if every one of the points has it, PartiallyChecked if only some do}."""
    counts: dict[str, int] = {}
    for tags in tag_sets:
        for tag in set(tags):
            counts[tag] = counts.get(tag, 0) + 1
    return {tag: Qt.CheckState.Checked if n == len(tag_sets) else Qt.CheckState.PartiallyChecked
            for tag, n in counts.items()}


def _banner() -> QLabel:
    """The bold line that says when the café is closed (or none is open)."""
    banner = QLabel()
    banner.setWordWrap(True)
    banner.setAccessibleName("Café status")
    banner.setStyleSheet("QLabel { font-weight: bold; padding: 4px; border: 1px solid palette(mid); }")
    return banner
