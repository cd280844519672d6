"""SQL for imported cafés: where each came from (the import record and the key that signed it) and removing an
older imported copy."""

from __future__ import annotations

import json

from cafe_desk.core.model import Attendance, RoundGroup, TableTotal, Tally

RECORD_COLUMNS = ("export_id", "cafe_id", "source_cafe_id", "exported_at", "bundle_sha256", "imported_at",
                  "manifest", "votes")


class ImportStore:
    """Mixin for `Store`: expects `self.conn`."""

    def cafe_origin(self, cafe_id: str) -> str | None:
        """'local' or 'imported' for a café, None if there is no such café."""
        row = self.conn.execute("SELECT origin FROM cafe WHERE id = ?", [cafe_id]).fetchone()
        return row[0] if row else None

    def mark_imported(self, cafe_id: str, source_cafe_id: str, signer_key: str | None = None) -> None:
        """Mark a café as imported, keep the id it had on the laptop that exported it and the public key that signed
        it (None: it came unsigned)."""
        self.conn.execute("UPDATE cafe SET origin = 'imported', source_cafe_id = ?, signer_key = ? WHERE id = ?",
                          [source_cafe_id, signer_key, cafe_id])

    def cafe_signer(self, cafe_id: str) -> str | None:
        """The public key that signed an imported café's export (None: unsigned, or not imported)."""
        row = self.conn.execute("SELECT signer_key FROM cafe WHERE id = ?", [cafe_id]).fetchone()
        return row[0] if row else None

    def import_record(self, source_cafe_id: str, export_id: str) -> dict | None:
        """The record of an export of one source café already imported, by its export id."""
        row = self.conn.execute(f"SELECT {', '.join(RECORD_COLUMNS)} FROM import_record "
                                "WHERE source_cafe_id = ? AND export_id = ?", [source_cafe_id, export_id]).fetchone()
        return self._record(row)

    def import_record_for_source(self, source_cafe_id: str) -> dict | None:
        """The newest imported export of one source café, if any is held."""
        row = self.conn.execute(
            f"SELECT {', '.join(RECORD_COLUMNS)} FROM import_record WHERE source_cafe_id = ? "
            "ORDER BY exported_at DESC LIMIT 1", [source_cafe_id]).fetchone()
        return self._record(row)

    def insert_import_record(self, record: dict) -> None:
        """Record an imported export; `record` has every `RECORD_COLUMNS` key (manifest, votes as dicts)."""
        values = [record[c] if c not in ("manifest", "votes") else json.dumps(record[c], ensure_ascii=False)
                  for c in RECORD_COLUMNS]
        self.conn.execute(f"INSERT INTO import_record ({', '.join(RECORD_COLUMNS)}) "
                          f"VALUES ({', '.join('?' * len(values))})", values)

    def delete_cafe(self, cafe_id: str) -> None:
        """Remove a café and, through the schema's cascades, everything that belongs to it."""
        self.conn.execute("DELETE FROM cafe WHERE id = ?", [cafe_id])

    def insert_imported_tallies(self, tallies: list[tuple[str, Tally]], cafe_id: str, at: str) -> None:
        """Add a café's imported tally rows as they came, each (id, tally) with the id given and the time `at` (never
        merged)."""
        self.conn.executemany(
            "INSERT INTO vote_tally (id, cafe_id, outcome_id, table_id, group_id, level, count, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(i, cafe_id, t.outcome_id, t.table_id, t.group_id, t.level, t.count, at) for i, t in tallies])

    def insert_imported_attendance(self, rows: list[Attendance]) -> None:
        """Add imported attendance rows as they came, zero counts included."""
        self.conn.executemany("INSERT INTO attendance (table_id, round_id, group_id, count) VALUES (?, ?, ?, ?)",
                              [(a.table_id, a.round_id, a.group_id, a.count) for a in rows])

    def insert_imported_totals(self, rows: list[TableTotal]) -> None:
        """Add imported tables' totals per round as they came."""
        self.conn.executemany("INSERT INTO attendance_total (table_id, round_id, count) VALUES (?, ?, ?)",
                              [(t.table_id, t.round_id, t.count) for t in rows])

    def insert_imported_round_groups(self, rows: list[RoundGroup]) -> None:
        """Add imported rounds' people by group over every table as they came."""
        self.conn.executemany("INSERT INTO attendance_round (round_id, group_id, count) VALUES (?, ?, ?)",
                              [(r.round_id, r.group_id, r.count) for r in rows])

    @staticmethod
    def _record(row) -> dict | None:
        if row is None:
            return None
        record = dict(zip(RECORD_COLUMNS, row, strict=True))
        record["manifest"] = json.loads(record["manifest"])
        record["votes"] = json.loads(record["votes"])
        return record
