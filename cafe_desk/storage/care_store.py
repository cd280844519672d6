"""SQL for safeguarding on the laptop: who followed up a flagged item, and each café's safeguarding lead.
Neither ever leaves the laptop: the export reads neither."""

from __future__ import annotations

from cafe_desk.core.model import FollowUp


class CareStore:
    """Mixin for `Store`: expects `self.conn`."""

    def set_followup(self, item: FollowUp) -> None:
        """Record (or replace) who followed up this note."""
        self.conn.execute("INSERT INTO care_followup (note_id, by_whom, at, note) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT(note_id) DO UPDATE SET by_whom = excluded.by_whom, at = excluded.at, "
                          "note = excluded.note", [item.note_id, item.by, item.at, item.note])

    def clear_followup(self, note_id: str) -> None:
        """Forget the follow-up of this note (undo)."""
        self.conn.execute("DELETE FROM care_followup WHERE note_id = ?", [note_id])

    def get_followup(self, note_id: str) -> FollowUp | None:
        """The follow-up of this note, or None."""
        row = self.conn.execute("SELECT note_id, by_whom, at, note FROM care_followup WHERE note_id = ?",
                                [note_id]).fetchone()
        return FollowUp(*row) if row else None

    def care_counts(self, cafe_id: str) -> dict[str, int]:
        """Flagged items nobody has followed up yet, counted by source."""
        return dict(self.conn.execute(
            "SELECT source, COUNT(*) FROM note WHERE cafe_id = ? AND flag != '' AND NOT EXISTS "
            "(SELECT 1 FROM care_followup f WHERE f.note_id = note.id) GROUP BY source", [cafe_id]))

    def safeguarding_lead(self, cafe_id: str) -> str:
        """Who to tell in the organisation running this café ("" when not set)."""
        row = self.conn.execute("SELECT safeguarding_lead FROM cafe WHERE id = ?", [cafe_id]).fetchone()
        return row[0] if row else ""

    def set_safeguarding_lead(self, cafe_id: str, text: str) -> None:
        """Set who to tell in the organisation running this café."""
        self.conn.execute("UPDATE cafe SET safeguarding_lead = ? WHERE id = ?", [text, cafe_id])
