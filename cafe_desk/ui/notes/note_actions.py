"""The Notes page's undoable writes on what the person chose: edit a point's text, delete or (un)mark several points
as quotes, tick or untick an outcome or theme on several points, set a table's attendance counts, add a codebook's
themes. Each is one transaction and one undo step, however many notes it touches: if any write is refused, nothing is
changed and the page shows why."""

from __future__ import annotations

from pathlib import Path

from cafe_desk.core.changes import Changes
from cafe_desk.core.counts import counted
from cafe_desk.core.model import Note
from cafe_desk.ui.shell.panel import Panel
from cafe_desk.ui.widgets import codebook_import


class NoteActions:
    """Turns the page's requests into service calls through the page's one push/undo path (`Panel.push`)."""

    def __init__(self, page: Panel):
        self.page = page

    def edit_text(self, note_id: str, text: str) -> None:
        """Change one point's text."""
        notes = self.page.services.notes
        before = notes.get(note_id)
        if before is None:
            return
        self.page.push("Edit point", do=lambda: notes.update(note_id, text=text)[2],
                       undo=lambda: notes.update(note_id, text=before.text)[2])

    def delete(self, chosen: list[Note]) -> None:
        """Delete the chosen points; one undo puts them all back."""
        notes = self.page.services.notes
        ids = [n.id for n in chosen]
        deleted = list(chosen)

        def delete() -> Changes:
            gone, changes = notes.delete_many(ids)
            deleted[:] = gone  # as stored just before, so the undo restores exactly that
            return changes

        self.page.push(f"Delete {counted(len(chosen), 'point')}" if len(chosen) > 1 else "Delete point", do=delete,
                       undo=lambda: notes.restore_many(deleted))

    def toggle_quote(self, chosen: list[Note]) -> None:
        """Mark the chosen points as verbatim quotes, or unmark them if they all are."""
        notes = self.page.services.notes
        mark = not all(n.is_quote for n in chosen)
        marked = {n.id: {"is_quote": mark} for n in chosen}
        before = {n.id: {"is_quote": n.is_quote} for n in chosen}
        self.page.push("Mark as quote" if mark else "Unmark quote", do=lambda: notes.update_many(marked),
                       undo=lambda: notes.update_many(before))

    def tick(self, chosen: list[Note], field: str, tag_id: str, ticked: bool) -> None:
        """Put an outcome or theme (`field` "outcome_ids" or "theme_ids") on every chosen point, or take it off every
        one; one undo puts each point's tags back as they were."""
        notes = self.page.services.notes
        edits: dict[str, dict] = {}
        before: dict[str, dict] = {}
        for note in chosen:
            tags = getattr(note, field)
            after = (*tags, tag_id) if ticked and tag_id not in tags else \
                tags if ticked else tuple(t for t in tags if t != tag_id)
            if after != tags:
                edits[note.id], before[note.id] = {field: after}, {field: tags}
        if not edits:
            return
        what = "outcome" if field == "outcome_ids" else "theme"
        text = f"{'Tick' if ticked else 'Untick'} {what}" + ("" if len(chosen) == 1 else f" on {len(chosen)} points")
        self.page.push(text, do=lambda: notes.update_many(edits), undo=lambda: notes.update_many(before))

    def set_attendance(self, cafe_id: str, table_id: str | None, round_id: str | None,
                       edits: dict[str, tuple[int, int]]) -> None:
        """Save {group id: (before, after)} counts for a table and round."""
        notes = self.page.services.notes
        counts = [{group_id: pair[i] for group_id, pair in edits.items()} for i in (0, 1)]
        self.page.push("Set attendance", do=lambda: notes.set_attendances(cafe_id, table_id, round_id, counts[1]),
                       undo=lambda: notes.set_attendances(cafe_id, table_id, round_id, counts[0]))

    def import_codebook(self, cafe_id: str, path: Path) -> bool:
        """Add the themes of a codebook file the café doesn't have yet (one undo step); the message says how many,
        or why none were added. True if the file was used."""
        message, ok = codebook_import.add_codebook(self.page, cafe_id, path)
        self.page.sig_message.emit(message)
        return ok
