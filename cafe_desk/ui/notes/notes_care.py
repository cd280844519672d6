"""Safeguarding on the Notes page: which flagged point or summary the care panel shows, "Next" to go to the next one,
and the mark on the "What we carry forward" box when what it holds needs care."""

from __future__ import annotations

from cafe_desk.core.model import Note
from cafe_desk.core.safeguarding import COMMENT_SOURCES
from cafe_desk.ui.notes.carry_forward_box import CarryForwardBox
from cafe_desk.ui.notes.notes_list import NotesList
from cafe_desk.ui.notes.place_bar import PlaceBar
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.widgets.care_panel import CarePanel, CareSteps


class NotesCare:
    """Keeps the care panel beside the notes list showing the right item. Writes go through `CareSteps`."""

    def __init__(self, page: Panel, care: CarePanel, notes_list: NotesList, place_bar: PlaceBar,
                 summary_box: CarryForwardBox):
        self.page, self.care = page, care
        self.steps = CareSteps(page, care)
        self.notes_list, self.place_bar, self.summary_box = notes_list, place_bar, summary_box
        self.shown_id: str | None = None  # the item the care panel shows
        care.sig_next.connect(self.select_next)
        notes_list.view.selectionModel().selectionChanged.connect(self.show)

    def forget(self) -> None:
        """Another café: start again from the first item that needs care."""
        self.shown_id = None

    def _waiting(self) -> list[Note]:
        """Points and summaries on this page that need care (not phone comments or paper cards: those are on the
        Comments page)."""
        if self.page.cafe is None:
            return []
        return [n for n in self.page.services.safeguarding.needs_care(self.page.cafe.id)
                if n.source not in COMMENT_SOURCES]

    def show(self, *_args) -> None:
        """The care panel shows the flagged point selected in the list; else the item "Next" last went to (a point
        or a summary, followed up or not); else the first item here that needs care."""
        if self.page.cafe is None:
            self.steps.show(None)
            return
        waiting = self._waiting()
        selected = next((n for n in self.notes_list.selected_notes() if n.flag and n.source not in COMMENT_SOURCES),
                        None)
        current = self.page.services.notes.get(self.shown_id) if self.shown_id and selected is None else None
        note = selected or (current if current is not None and current.flag else None) or \
            (waiting[0] if waiting else None)
        self.shown_id = note.id if note else None
        self.steps.show(note, len(waiting), self.place_bar.where(note) if note else "")
        self.mark_summary()

    def mark_summary(self) -> None:
        """The "What we carry forward" box says so when what it holds needs care."""
        cafe, (table_id, round_id) = self.page.cafe, self.place_bar.place()
        summary = self.page.services.notes.summary(cafe.id, table_id, round_id) \
            if cafe and table_id and round_id else None
        self.summary_box.show_needs_care(summary is not None and bool(summary.flag) and not summary.followed_up)

    def select_next(self) -> None:
        """Go to the next item that needs care after the one shown: a point is selected in the list (all notes are
        shown if the chosen table and round hide it); for a table's summary, its table and round are chosen."""
        waiting = self._waiting()
        if not waiting:
            self.show()
            return
        ids = [n.id for n in waiting]
        after = ids.index(self.shown_id) + 1 if self.shown_id in ids else 0
        note = waiting[after % len(ids)] if self.care.note is not None and self.shown_id in ids else waiting[0]
        self.shown_id = note.id
        if note.kind == "summary":
            self.notes_list.view.clearSelection()
            self.place_bar.choose(note.table_id, note.round_id)
            self.show()
            return
        scope_before = self.notes_list.scope.currentIndex()
        self.notes_list.select_note(note.id)
        if self.notes_list.scope.currentIndex() != scope_before:
            self.page.sig_message.emit("Showing all points, so the one that needs care can be seen.")
        self.show()

