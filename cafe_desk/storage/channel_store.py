"""SQL for the participant channel: café and table secrets, channel settings, phone ballots and ballot codes."""

from __future__ import annotations

import json

from cafe_desk.core.model import Ballot, Cafe, Table
from cafe_desk.storage import rows

CHANNEL_COLUMNS = ("token", "salt", "voting_open", "ballot_rule", "support_lines")


class ChannelStore:
    """Mixin for `Store`: expects `self.conn`."""

    def channel_settings(self, cafe_id: str) -> dict:
        """A café's token, salt, voting_open, ballot_rule, support_lines (list or None); {} if none."""
        row = self.conn.execute(f"SELECT {', '.join(CHANNEL_COLUMNS)} FROM cafe WHERE id = ?", [cafe_id]).fetchone()
        if row is None:
            return {}
        data = dict(zip(CHANNEL_COLUMNS, row, strict=True))
        data["voting_open"] = bool(data["voting_open"])
        data["support_lines"] = json.loads(data["support_lines"]) if data["support_lines"] else None
        return data

    def voting_ever_opened(self, cafe_id: str) -> bool:
        """Whether voting was ever opened or closed by hand in this café (its audit log says so)."""
        row = self.conn.execute("SELECT 1 FROM audit WHERE cafe_id = ? AND action IN ('open voting', 'close voting') "
                                "LIMIT 1", [cafe_id]).fetchone()
        return row is not None

    def cafe_by_token(self, token: str) -> Cafe | None:
        """The café whose participant-link secret is `token`, or None."""
        row = self.conn.execute(f"SELECT {rows.CAFE_COLUMNS} FROM cafe WHERE token = ?", [token]).fetchone()
        return rows.cafe(row) if row else None

    def set_host_token(self, table_id: str, token: str) -> None:
        """Set (or replace) the secret in a table host's link."""
        self.conn.execute("UPDATE cafe_table SET host_token = ? WHERE id = ?", [token, table_id])

    def host_token(self, table_id: str) -> str | None:
        """A table's host-link secret; None if it has none yet or there is no such table."""
        row = self.conn.execute("SELECT host_token FROM cafe_table WHERE id = ?", [table_id]).fetchone()
        return row[0] if row else None

    def table_by_host_token(self, token: str) -> Table | None:
        """The table whose host-link secret is `token`, or None."""
        row = self.conn.execute("SELECT id, cafe_id, number, name FROM cafe_table WHERE host_token = ?",
                                [token]).fetchone()
        return rows.table(row) if row else None

    # --- ballots ------------------------------------------------------------------------------------------------

    def get_ballot(self, cafe_id: str, voter_hash: str) -> Ballot | None:
        """This voter's ballot in a café, with its choices, or None if they have not voted."""
        row = self.conn.execute("SELECT id, updated_at FROM ballot WHERE cafe_id = ? AND voter_hash = ?",
                                [cafe_id, voter_hash]).fetchone()
        if row is None:
            return None
        items = dict(self.conn.execute("SELECT outcome_id, value FROM ballot_item WHERE ballot_id = ?", [row[0]]))
        return Ballot(row[0], cafe_id, items, row[1])

    def save_ballot(self, cafe_id: str, voter_hash: str, choices: dict[str, int]) -> Ballot:
        """Create or replace the ballot of this voter."""
        now = rows.utc_now()
        existing = self.get_ballot(cafe_id, voter_hash)
        if existing is None:
            ballot_id = rows.new_id()
            self.conn.execute("INSERT INTO ballot (id, cafe_id, voter_hash, created_at, updated_at) "
                              "VALUES (?, ?, ?, ?, ?)", [ballot_id, cafe_id, voter_hash, now, now])
        else:
            ballot_id = existing.id
            self.conn.execute("UPDATE ballot SET updated_at = ? WHERE id = ?", [now, ballot_id])
            self.conn.execute("DELETE FROM ballot_item WHERE ballot_id = ?", [ballot_id])
        self.conn.executemany("INSERT INTO ballot_item (ballot_id, outcome_id, value) VALUES (?, ?, ?)",
                              [(ballot_id, o, v) for o, v in choices.items()])
        return Ballot(ballot_id, cafe_id, dict(choices), now)

    def list_ballots(self, cafe_id: str) -> list[Ballot]:
        """A café's phone ballots with their choices, oldest first."""
        items: dict[str, dict[str, int]] = {}
        for ballot_id, outcome_id, value in self.conn.execute(
                "SELECT i.ballot_id, i.outcome_id, i.value FROM ballot_item i JOIN ballot b ON b.id = i.ballot_id "
                "WHERE b.cafe_id = ?", [cafe_id]):
            items.setdefault(ballot_id, {})[outcome_id] = value
        return [Ballot(bid, cafe_id, items.get(bid, {}), updated)
                for bid, updated in self.conn.execute("SELECT id, updated_at FROM ballot WHERE cafe_id = ? "
                                                      "ORDER BY created_at", [cafe_id])]

    def add_ballot_codes(self, cafe_id: str, code_hashes: list[str]) -> None:
        """Store the hashes of newly issued ballot codes; raises IntegrityError on one already stored."""
        now = rows.utc_now()
        self.conn.executemany("INSERT INTO ballot_code (code_hash, cafe_id, created_at) VALUES (?, ?, ?)",
                              [(h, cafe_id, now) for h in code_hashes])

    def ballot_code_exists(self, cafe_id: str, code_hash: str) -> bool:
        """Whether this code hash was issued for this café."""
        return self.conn.execute("SELECT 1 FROM ballot_code WHERE cafe_id = ? AND code_hash = ?",
                                 [cafe_id, code_hash]).fetchone() is not None

    # --- where the café's QR codes point -----------------------------------------------------------------------

    def qr_addresses(self, cafe_id: str) -> tuple[str, str]:
        """(printed, shown): the host:port the café's cards were last printed with and its comment-page code was
        last shown with when opened to phones; '' for none (or no such café)."""
        row = self.conn.execute("SELECT qr_printed_address, qr_shown_address FROM cafe WHERE id = ?",
                                [cafe_id]).fetchone()
        return (row[0], row[1]) if row else ("", "")

    def set_qr_printed_address(self, cafe_id: str, address: str) -> None:
        """Remember the host:port the café's cards were printed with; call inside the write's `transaction()`."""
        self.conn.execute("UPDATE cafe SET qr_printed_address = ? WHERE id = ?", [address, cafe_id])

    def set_qr_shown_address(self, cafe_id: str, address: str) -> None:
        """Remember the host:port the café's code was shown with; call inside the write's `transaction()`."""
        self.conn.execute("UPDATE cafe SET qr_shown_address = ? WHERE id = ?", [address, cafe_id])
