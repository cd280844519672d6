"""The Notes page: pick a table and round, type points fast (saved as you type), see and edit the list, record
attendance by group and what the table carries forward."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cafe_desk.core.changes import Changes
from cafe_desk.core.codebook import added_line
from cafe_desk.core.errors import NotFoundError, UserError
from cafe_desk.core.model import Cafe, Note, Round, Table
from cafe_desk.core.safeguarding import COMMENT_SOURCES
from cafe_desk.services import Services
from cafe_desk.ui.notes.attendance_box import AttendanceBox
from cafe_desk.ui.notes.note_entry import AUTOSAVE_MS, NoteEntry
from cafe_desk.ui.notes.notes_list import NotesList
from cafe_desk.ui.notes.notes_model import CARE_MARK, NoteLabels
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.widgets.care_panel import CarePanel, CareSteps
from cafe_desk.ui.widgets.plain_text import tip

NOTES_CHANGED = Changes(notes=True)
CLOSED_LINE = "This café is closed. Reopen it from the café list to make changes."
NO_CAFE_LINE = "Open a café from the café list to take notes."


class NotesPanel(Panel):
    """The note-taker's page. Every write goes through `services.notes` as an undoable step (or an autosave)."""

    title = "Notes"

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(services, undo_stack, parent)
        self._tables: list[Table] = []
        self._rounds: list[Round] = []
        self._running_round: str | None = None
        self._round_by_hand = False
        self._place: tuple[str | None, str | None] = (None, None)
        self._draft: Note | None = None
        self._last_autosave_message = ""
        self._summary_place: tuple[str, str] | None = None
        self._loading_summary = False
        self._care_id: str | None = None  # the item the care panel shows
        self._build()
        self.set_cafe(None)

    # --- building -----------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Café status")
        self.banner.setStyleSheet("QLabel { font-weight: bold; padding: 4px; border: 1px solid palette(mid); }")
        self.table_combo = QComboBox()
        self.table_combo.setAccessibleName("Table")
        self.round_combo = QComboBox()
        self.round_combo.setAccessibleName("Round")
        table_label, round_label = QLabel("&Table:"), QLabel("&Round:")
        table_label.setBuddy(self.table_combo)
        round_label.setBuddy(self.round_combo)
        self.prompt = QLabel()
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setWordWrap(True)
        self.prompt.setAccessibleName("This round's question")
        self.import_button = QPushButton("&Import codebook…")
        self.import_button.setToolTip("Add themes from a codebook file (JSON)")
        self.import_button.clicked.connect(self._ask_codebook)
        pickers = QHBoxLayout()
        for widget in (table_label, self.table_combo, round_label, self.round_combo):
            pickers.addWidget(widget)
        pickers.addWidget(self.prompt, 1)
        pickers.addWidget(self.import_button)

        self.entry = NoteEntry()
        self.entry.sig_idle.connect(self._autosave_draft)
        self.entry.sig_submitted.connect(self.finish_point)

        self.notes_list = NotesList()
        self.notes_list.model.sig_text_edited.connect(self._edit_text)
        self.notes_list.sig_delete_requested.connect(self._delete_notes)
        self.notes_list.sig_quote_requested.connect(self._toggle_quote)

        self.attendance = AttendanceBox()
        self.attendance.sig_counts_edited.connect(self._save_attendance)
        self.summary = QPlainTextEdit()
        self.summary.setAccessibleName("What we carry forward")
        self.summary.setPlaceholderText("The table host's summary of this round, saved as you type")
        self.summary.setTabChangesFocus(True)
        self.summary_box = QGroupBox("What we &carry forward")
        QVBoxLayout(self.summary_box).addWidget(self.summary)
        self._summary_timer = QTimer(self)
        self._summary_timer.setSingleShot(True)
        self._summary_timer.setInterval(AUTOSAVE_MS)
        self._summary_timer.timeout.connect(self.save_summary)
        self.summary.textChanged.connect(self._summary_edited)

        self.care = CarePanel()
        self.care_steps = CareSteps(self, self.care)
        self.care.sig_next.connect(self.select_next_needing_care)
        self.notes_list.view.selectionModel().selectionChanged.connect(self._show_care)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.care, 4)
        side_layout.addWidget(self.attendance)
        side_layout.addWidget(self.summary_box, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.notes_list)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([940, 400])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(pickers)
        layout.addWidget(self.entry)
        layout.addWidget(self.splitter, 1)

        self.table_combo.currentIndexChanged.connect(self._place_changed)
        self.round_combo.currentIndexChanged.connect(self._place_changed)
        self.round_combo.activated.connect(self._round_picked)
        self.setTabOrder(self.round_combo, self.entry.line)

    # --- Panel API ----------------------------------------------------------------------------------------------

    def set_cafe(self, cafe: Cafe | None) -> None:
        """Show another café (or none): whatever is still being typed for the previous one is saved first."""
        if self.cafe is not None:
            self._flush_all()
        super().set_cafe(cafe)
        self._draft = None
        self._care_id = None
        self._round_by_hand = False
        self.entry.finish()
        self.entry.clear_tags()
        self._load_plan()
        notes = self._points() if cafe else []
        self.notes_list.model.reset(notes, self._labels())
        self._follow_running_round(force=True)
        self._apply_state()
        self._show_care()

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
        if changes.notes or changes.plan:
            self._show_care()
        if changes.attendance or changes.plan:
            self._load_attendance()

    def announce(self, changes: Changes) -> None:
        """This page's own writes refresh it at once, then go to the main window for the other pages."""
        if changes:
            self.on_changes(changes)
        super().announce(changes)

    # --- reading --------------------------------------------------------------------------------------------------

    def _points(self) -> list[Note]:
        return [n for n in self.services.notes.list(self.cafe.id) if n.kind == "point"] if self.cafe else []

    def _labels(self) -> NoteLabels:
        if self.cafe is None:
            return NoteLabels()
        items = self.services.planning.items
        return NoteLabels(
            tables={t.id: str(t.number) for t in self._tables},
            rounds={r.id: str(r.number) for r in self._rounds},
            outcomes={o.id: o.title for o in items(self.cafe.id, "outcome")},
            themes={t.id: t.name for t in self.services.notes.themes(self.cafe.id)},
        )

    def _load_plan(self) -> None:
        """Tables, rounds, tags and groups of the café, keeping the chosen table and round where they still exist."""
        cafe_id = self.cafe.id if self.cafe else None
        self._tables = self.services.planning.items(cafe_id, "table") if cafe_id else []
        self._rounds = self.services.planning.items(cafe_id, "round") if cafe_id else []
        self._running_round = self.services.running.current_round_id(cafe_id) if cafe_id and self._rounds else None
        keep_table, keep_round = self.table_combo.currentData(), self.round_combo.currentData()
        for combo, items, keep in ((self.table_combo, self._tables, keep_table),
                                   (self.round_combo, self._rounds, keep_round)):
            combo.blockSignals(True)
            combo.clear()
            for item in items:
                now = " (now)" if item.id == self._running_round else ""
                combo.addItem(item.label + now, item.id)
            combo.setCurrentIndex(max(combo.findData(keep), 0) if items else -1)
            combo.blockSignals(False)
        self._load_tags()
        self.attendance.set_groups(self.services.planning.items(cafe_id, "group") if cafe_id else [])
        self._place_changed()

    def _load_tags(self) -> None:
        cafe_id = self.cafe.id if self.cafe else None
        outcomes = self.services.planning.items(cafe_id, "outcome") if cafe_id else []
        themes = self.services.notes.themes(cafe_id) if cafe_id else []
        self.entry.outcomes.set_items((o.id, o.title) for o in outcomes)
        self.entry.themes.set_items((t.id, t.name) for t in themes)

    def _load_attendance(self) -> None:
        table_id, round_id = self._place
        counts = {} if self.cafe is None else {
            a.group_id: a.count for a in self.services.notes.attendance(self.cafe.id)
            if (a.table_id, a.round_id) == (table_id, round_id)}
        self.attendance.set_counts(counts)

    def _load_summary(self) -> None:
        if self._summary_timer.isActive():
            return  # the host is typing: their text wins, and is saved in a moment
        table_id, round_id = self._place
        note = self.services.notes.summary(self.cafe.id, table_id, round_id) \
            if self.cafe and table_id and round_id else None
        text = note.text if note else ""
        if text != self.summary.toPlainText():
            self._loading_summary = True
            self.summary.setPlainText(text)
            self._loading_summary = False

    # --- table and round ------------------------------------------------------------------------------------------

    def _round_picked(self, _index: int) -> None:
        self._round_by_hand = self.round_combo.currentData() != self._running_round

    def _follow_running_round(self, force: bool = False) -> None:
        if self.cafe is None or not self._rounds:
            return
        self._running_round = self.services.running.current_round_id(self.cafe.id)
        for i, rnd in enumerate(self._rounds):
            self.round_combo.setItemText(i, rnd.label + (" (now)" if rnd.id == self._running_round else ""))
        if (force or not self._round_by_hand) and self._running_round:
            self.round_combo.setCurrentIndex(max(self.round_combo.findData(self._running_round), 0))

    def _place_changed(self, *_args) -> None:
        place = (self.table_combo.currentData(), self.round_combo.currentData())
        if place == self._place:
            return
        self.attendance.flush()
        self.save_summary()
        self._place = place
        rnd = next((r for r in self._rounds if r.id == place[1]), None)
        self.prompt.setText(rnd.prompt if rnd else "")
        self.prompt.setToolTip(tip(rnd.prompt) if rnd else "")
        self.entry.clear_tags()
        if self._draft is not None or self.entry.text().strip():
            self._autosave_draft()  # the point being typed belongs to the newly chosen table and round
        self.notes_list.set_place(*place)
        self._load_attendance()
        self._load_summary()
        self._mark_summary()

    def _apply_state(self) -> None:
        closed = self.cafe is None or self.cafe.is_closed
        self.banner.setText(NO_CAFE_LINE if self.cafe is None else CLOSED_LINE)
        self.banner.setVisible(closed)
        for widget in (self.entry, self.attendance, self.import_button):
            widget.setEnabled(not closed)
        self.summary.setReadOnly(closed)  # read-only rather than greyed out, so it stays easy to read
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
        """Enter: the point is saved (once), becomes one undoable "Add note", and the entry is ready for the next."""
        self.entry.cancel_pending()
        if not self.entry.text().strip():
            self._save_draft(report=self._say_once)  # drops an emptied draft; says nothing
            return
        if not self._save_draft(report=self.sig_message.emit):
            return  # the message is shown and the text stays in the entry
        note, self._draft = self._draft, None
        notes = self.services.notes
        self.push("Add note", do=lambda: notes.restore(note), undo=lambda: notes.delete(note.id)[1], done=True)
        self.entry.finish()

    def _say_once(self, message: str) -> None:
        if message != self._last_autosave_message:
            self._last_autosave_message = message
            self.sig_message.emit(message)

    # --- the list's actions -------------------------------------------------------------------------------------

    def _edit_text(self, note_id: str, text: str) -> None:
        notes = self.services.notes
        before = notes.get(note_id)
        if before is None:
            return
        self.push("Edit note", do=lambda: notes.update(note_id, text=text)[2],
                  undo=lambda: notes.update(note_id, text=before.text)[2])

    def _delete_notes(self, chosen: list[Note]) -> None:
        notes = self.services.notes

        def delete() -> Changes:
            for note in chosen:
                notes.delete(note.id)
            return NOTES_CHANGED

        def restore() -> Changes:
            for note in chosen:
                notes.restore(note)
            return NOTES_CHANGED

        self.push("Delete note" if len(chosen) == 1 else f"Delete {len(chosen)} notes", do=delete, undo=restore)

    def _toggle_quote(self, chosen: list[Note]) -> None:
        notes = self.services.notes
        mark = not all(n.is_quote for n in chosen)

        def set_marks(values: list[bool]) -> Changes:
            for note, value in zip(chosen, values, strict=True):
                notes.update(note.id, is_quote=value)
            return NOTES_CHANGED

        self.push("Mark as quote" if mark else "Unmark quote", do=lambda: set_marks([mark] * len(chosen)),
                  undo=lambda: set_marks([n.is_quote for n in chosen]))

    # --- safeguarding: the flagged points of this page ---------------------------------------------------------

    def _waiting(self) -> list[Note]:
        """Points and summaries on this page that need care (not phone comments or paper cards: those are on the
        Comments page)."""
        if self.cafe is None:
            return []
        return [n for n in self.services.safeguarding.needs_care(self.cafe.id) if n.source not in COMMENT_SOURCES]

    def _show_care(self, *_args) -> None:
        """The care panel shows the flagged point selected in the list; else the item "Next" last went to (a point
        or a summary, followed up or not); else the first item here that needs care."""
        if self.cafe is None:
            self.care_steps.show(None)
            return
        waiting = self._waiting()
        selected = next((n for n in self.notes_list.selected_notes() if n.flag and n.source not in COMMENT_SOURCES),
                        None)
        current = self.services.notes.get(self._care_id) if self._care_id and selected is None else None
        note = selected or (current if current is not None and current.flag else None) or \
            (waiting[0] if waiting else None)
        self._care_id = note.id if note else None
        self.care_steps.show(note, len(waiting), self._where(note) if note else "")
        self._mark_summary()

    def _mark_summary(self) -> None:
        """The "What we carry forward" box says so when what it holds needs care."""
        table_id, round_id = self._place
        summary = self.services.notes.summary(self.cafe.id, table_id, round_id) \
            if self.cafe and table_id and round_id else None
        flagged = summary is not None and summary.flag and not summary.followed_up
        self.summary_box.setTitle(f"What we &carry forward  {CARE_MARK} needs care" if flagged
                                  else "What we &carry forward")

    def _where(self, note: Note) -> str:
        """"Table 2, round 1, a point" or "… what the table carries forward", for the care panel."""
        table = next((t.label for t in self._tables if t.id == note.table_id), "No table")
        rnd = next((r.label.lower() for r in self._rounds if r.id == note.round_id), "")
        what = "what the table carries forward" if note.kind == "summary" else "a point"
        return f"{table}{', ' + rnd if rnd else ''}, {what}"

    def select_next_needing_care(self) -> None:
        """Go to the next item that needs care after the one shown: a point is selected in the list (all notes are
        shown if the chosen table and round hide it); for a table's summary, its table and round are chosen."""
        waiting = self._waiting()
        if not waiting:
            self._show_care()
            return
        ids = [n.id for n in waiting]
        after = ids.index(self._care_id) + 1 if self._care_id in ids else 0
        note = waiting[after % len(ids)] if self.care.note is not None and self._care_id in ids else waiting[0]
        self._care_id = note.id
        if note.kind == "summary":
            self.notes_list.view.clearSelection()
            for combo, item_id in ((self.table_combo, note.table_id), (self.round_combo, note.round_id)):
                index = combo.findData(item_id)
                if index >= 0:
                    combo.setCurrentIndex(index)
            self._round_by_hand = True
            self._show_care()
            return
        scope_before = self.notes_list.scope.currentIndex()
        self.notes_list.select_note(note.id)
        if self.notes_list.scope.currentIndex() != scope_before:
            self.sig_message.emit("Showing all notes, so the point that needs care can be seen.")
        self._show_care()

    # --- attendance, summary, codebook --------------------------------------------------------------------------

    def _save_attendance(self, edits: dict[str, tuple[int, int]]) -> None:
        if self.cafe is None:
            return
        cafe_id, (table_id, round_id) = self.cafe.id, self._place
        notes = self.services.notes

        def write(index: int) -> Changes:
            for group_id, counts in edits.items():
                notes.set_attendance(cafe_id, table_id, round_id, group_id, counts[index])
            return Changes(attendance=True)

        self.push("Set attendance", do=lambda: write(1), undo=lambda: write(0))

    def _summary_edited(self) -> None:
        if not self._loading_summary and self._place[0] and self._place[1]:
            self._summary_place = (self._place[0], self._place[1])
            self._summary_timer.start()

    def save_summary(self) -> None:
        """Save the summary now if it was edited (it is also saved by itself after a pause in typing)."""
        self._summary_timer.stop()
        place, self._summary_place = self._summary_place, None
        if place is None or self.cafe is None:
            return
        result = self.attempt(lambda: self.services.notes.set_summary(self.cafe.id, *place,
                                                                      self.summary.toPlainText()))
        if result is not None:
            self.announce(result[1])

    def _ask_codebook(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Import a codebook", "",
                                                    "Codebooks (*.json);;All files (*)")
        if path:
            self.import_codebook(Path(path))

    def import_codebook(self, path: Path) -> None:
        """Add the themes in a codebook file, as one undoable step; the message says how many were new."""
        if self.cafe is None:
            return
        cafe_id, planning = self.cafe.id, self.services.planning
        try:
            themes = planning.read_codebook(Path(path))
        except UserError as exc:
            self.sig_message.emit(str(exc))
            return
        added: list[str] = []

        def add() -> Changes:
            made, changes = planning.add_themes(cafe_id, themes)
            added[:] = [t.id for t in made]
            return changes

        changes = self.attempt(add)
        if changes is None:
            return
        self.sig_message.emit(added_line(len(added), len(themes) - len(added)))
        if changes:
            self.push("Add themes from a codebook", do=add, undo=lambda: planning.remove_themes(list(added)),
                      done=True)
            self.announce(changes)

    def _flush_all(self) -> None:
        if self.entry.has_pending_edit():
            self.entry.cancel_pending()
            self._autosave_draft()
        self.attendance.flush()
        self.save_summary()
