"""SQL for receipts: an imported café's current import record, and whether a café changed after it was exported."""

from __future__ import annotations

import json

from cafe_desk.storage.import_store import RECORD_COLUMNS

# audit actions that change nothing an export carries (running the clock, opening voting, pinning to the screen, …)
HARMLESS_ACTIONS = ("export", "run", "close", "reopen", "open voting", "close voting", "ballot rule",
                    "support lines", "issue codes", "pin", "unpin")


class ReceiptStore:
    """Mixin for `Store`: expects `self.conn` and ImportStore's `_record`."""

    def import_record_for_cafe(self, cafe_id: str) -> dict | None:
        """The import record of the export an imported café holds now (the newest one), or None."""
        row = self.conn.execute(
            f"SELECT {', '.join(RECORD_COLUMNS)} FROM import_record WHERE cafe_id = ? "
            "ORDER BY exported_at DESC, imported_at DESC LIMIT 1", [cafe_id]).fetchone()
        return self._record(row)

    def latest_export_at(self, cafe_id: str) -> str | None:
        """When the café's newest recorded export read its contents (UTC ISO), or None if it was never exported."""
        row = self.conn.execute("SELECT at, detail FROM audit WHERE cafe_id = ? AND action = 'export' "
                                "AND entity = 'cafe' ORDER BY seq DESC LIMIT 1", [cafe_id]).fetchone()
        if row is None:
            return None
        try:
            detail = json.loads(row[1] or "{}")
        except json.JSONDecodeError:
            detail = {}
        built_at = detail.get("built_at") if isinstance(detail, dict) else None
        return built_at if isinstance(built_at, str) and built_at else row[0]

    def changed_since(self, cafe_id: str, since: str) -> bool:
        """Whether anything an export carries was added or changed after `since` (UTC ISO, as `utc_now` writes it):
        a new note or comment, a vote tally or phone ballot, or an audited edit of the plan, notes or attendance."""
        harmless = ", ".join("?" * len(HARMLESS_ACTIONS))
        row = self.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM note WHERE cafe_id = ? AND created_at > ?) "
            "OR EXISTS (SELECT 1 FROM vote_tally WHERE cafe_id = ? AND updated_at > ?) "
            "OR EXISTS (SELECT 1 FROM ballot WHERE cafe_id = ? AND updated_at > ?) "
            f"OR EXISTS (SELECT 1 FROM audit WHERE cafe_id = ? AND at > ? AND action NOT IN ({harmless}))",
            [cafe_id, since, cafe_id, since, cafe_id, since, cafe_id, since, *HARMLESS_ACTIONS]).fetchone()
        return bool(row[0])
