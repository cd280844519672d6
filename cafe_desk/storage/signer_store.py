"""SQL for facilitators' signing keys at the central desk: the keys it knows or revoked, and which key brought each
imported café."""

from __future__ import annotations


class SignerStore:
    """Mixin for `Store`: expects `self.conn`."""

    def known_signers(self) -> list[tuple[str, str, str, str, str | None]]:
        """Every key the central desk added or revoked: (public key, name, state, added at, revoked at), by name."""
        return list(self.conn.execute("SELECT public_key, name, state, added_at, revoked_at FROM known_signer "
                                      "ORDER BY name COLLATE NOCASE, added_at"))

    def add_signer(self, public_key: str, name: str, at: str) -> None:
        """Put a key on the list as known (a revoked key added again is known again), with its name (an empty name
        keeps the one it had)."""
        self.conn.execute(
            "INSERT INTO known_signer (public_key, name, state, added_at) VALUES (?, ?, 'known', ?) "
            "ON CONFLICT(public_key) DO UPDATE SET state = 'known', revoked_at = NULL, "
            "name = CASE WHEN excluded.name = '' THEN known_signer.name ELSE excluded.name END",
            [public_key, name, at])

    def unrevoke_signer(self, public_key: str) -> None:
        """Take back a key's revoke: it is known again, with its name."""
        self.conn.execute("UPDATE known_signer SET state = 'known', revoked_at = NULL WHERE public_key = ?",
                          [public_key])

    def revoke_signer(self, public_key: str, at: str) -> None:
        """Mark a key revoked (added to the list first if it was not on it): its bundles are refused from now on."""
        self.conn.execute(
            "INSERT INTO known_signer (public_key, name, state, added_at, revoked_at) VALUES (?, '', 'revoked', ?, ?) "
            "ON CONFLICT(public_key) DO UPDATE SET state = 'revoked', revoked_at = excluded.revoked_at",
            [public_key, at, at])

    def cafe_signers(self) -> list[tuple[str, str, str, str, str | None, str]]:
        """Every imported café with the key that signed it: (id, short code, title, date, public key or None, short
        code on the facilitator's laptop as its latest import's manifest gives it, "" if it gives none)."""
        return list(self.conn.execute(
            "SELECT id, short_code, title, date, signer_key, IFNULL((SELECT json_extract(i.manifest, '$.cafe_code') "
            "FROM import_record i WHERE i.cafe_id = cafe.id ORDER BY i.exported_at DESC LIMIT 1), '') "
            "FROM cafe WHERE origin = 'imported' ORDER BY date DESC, title COLLATE NOCASE"))

    def signer_keys_in_use(self) -> list[str]:
        """The distinct keys that signed an imported café."""
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT signer_key FROM cafe WHERE origin = 'imported' AND signer_key IS NOT NULL")]

    def known_signer(self, public_key: str) -> tuple[str, str] | None:
        """(name, state) of a key on the list, None for a key not on it."""
        row = self.conn.execute("SELECT name, state FROM known_signer WHERE public_key = ?", [public_key]).fetchone()
        return (row[0], row[1]) if row else None
