"""SQL for vote tallies typed in from paper."""

from __future__ import annotations

from cafe_desk.core.model import Tally
from cafe_desk.storage.rows import new_id, utc_now


class VoteStore:
    """Mixin for `Store`: expects `self.conn`."""

    def set_tally(self, cafe_id: str, tally: Tally) -> None:
        """Store one pile's count; a count of 0 removes the row."""
        key = [tally.outcome_id, tally.table_id or "", tally.group_id or "", tally.level]
        match = ("outcome_id = ? AND IFNULL(table_id, '') = ? AND IFNULL(group_id, '') = ? AND level = ?")
        if tally.count == 0:
            self.conn.execute(f"DELETE FROM vote_tally WHERE {match}", key)
            return
        updated = self.conn.execute(f"UPDATE vote_tally SET count = ?, updated_at = ? WHERE {match}",
                                    [tally.count, utc_now(), *key]).rowcount
        if not updated:
            self.conn.execute(
                "INSERT INTO vote_tally (id, cafe_id, outcome_id, table_id, group_id, level, count, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [new_id(), cafe_id, tally.outcome_id, tally.table_id, tally.group_id, tally.level, tally.count,
                 utc_now()],
            )

    def list_tallies(self, cafe_id: str) -> list[Tally]:
        """Every vote tally of a café, in no set order."""
        rows = self.conn.execute(
            "SELECT outcome_id, table_id, group_id, level, count FROM vote_tally WHERE cafe_id = ?", [cafe_id])
        return [Tally(*r) for r in rows]
