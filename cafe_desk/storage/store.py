"""`Store`: the one object that holds a database connection. Services call it; nobody else sees SQL."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from cafe_desk.storage import database, deferred_indexes, erasure, import_batch
from cafe_desk.storage.cafe_store import CafeStore
from cafe_desk.storage.care_store import CareStore
from cafe_desk.storage.central_store import CentralStore
from cafe_desk.storage.channel_store import ChannelStore
from cafe_desk.storage.errors import StorageError, friendly
from cafe_desk.storage.import_store import ImportStore
from cafe_desk.storage.note_store import NoteStore
from cafe_desk.storage.receipt_store import ReceiptStore
from cafe_desk.storage.report_store import ReportStore
from cafe_desk.storage.rows import utc_now
from cafe_desk.storage.search_store import SearchStore
from cafe_desk.storage.signer_store import SignerStore
from cafe_desk.storage.vote_store import VoteStore


class Store(CafeStore, NoteStore, VoteStore, ChannelStore, ImportStore, CentralStore, ReceiptStore, CareStore,
            SignerStore, SearchStore, ReportStore):
    """A connection to one data file. One per thread; every write goes through `transaction()`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.conn = database.connect(self.path)
        self._db = None
        self._batch: import_batch.ImportBatch | None = None
        self._build_abandoned_indexes()

    def _build_abandoned_indexes(self) -> None:
        """Build the note indexes an import killed part way left out (storage/deferred_indexes.py). If the file is
        busy or can't be written now, the next connection opened tries again."""
        with friendly(str(self.path)):
            if not deferred_indexes.abandoned(self.conn):
                return
        try:
            with self.transaction():
                if deferred_indexes.abandoned(self.conn):  # another connection may have built them meanwhile
                    deferred_indexes.build(self.conn)
        except StorageError:
            pass

    @property
    def db(self):
        """The connection as a sqlite-utils Database, for schema work and introspection."""
        if self._db is None:
            self._db = database.wrap(self.conn)
        return self._db

    @property
    def data_dir(self) -> Path:
        """The folder the data file is in (where this installation keeps its own files, such as its signing key)."""
        return self.path.parent

    def close(self) -> None:
        """Close the connection to the data file; this Store can't be used afterwards."""
        self.conn.close()

    def expect_bulk_writes(self) -> None:
        """Let the write-ahead log grow to ~40 MB before it is copied back (default ~4 MB): far fewer copies of the
        same pages while hundreds of cafés are imported. Durability is unchanged (synchronous=FULL still holds)."""
        self.conn.execute("PRAGMA wal_autocheckpoint=10000")

    @contextlib.contextmanager
    def import_batch(self, commit_after_s: float | None = None):
        """Context manager: many bundles written in few transactions, each bundle through `bundle_write()` (see
        storage/import_batch.py); yields the batch, whose `commit_if_due()` is called between bundles."""
        with friendly(str(self.path)), import_batch.open_batch(self.conn, commit_after_s) as batch:
            self._batch = batch
            batch.index = self.index_notes_of
            batch.errors = lambda: friendly(str(self.path))
            try:
                yield batch
            finally:
                self._batch = None

    def leave_out_note_indexes(self) -> None:
        """Drop the note indexes a large import builds at its end instead (inside `transaction()`)."""
        deferred_indexes.leave_out(self.conn)

    def build_note_indexes(self) -> None:
        """Build the note indexes left out, in a transaction of its own."""
        with self.transaction():
            deferred_indexes.build(self.conn)

    def give_up_note_indexes(self) -> None:
        """Leave the note indexes left out to the next connection opened, in a transaction of its own (building them
        failed)."""
        with self.transaction():
            deferred_indexes.given_up(self.conn)

    def bundle_write(self):
        """Context manager: one bundle's writes, all or nothing; a savepoint inside `import_batch()`, else a
        transaction of its own."""
        if self._batch is not None:
            return self._batch.bundle(friendly(str(self.path)))
        return self.transaction()

    def transaction(self):
        """Context manager: one all-or-nothing write."""
        return database.transaction(self.conn, str(self.path))

    def read(self):
        """Context manager for reads: turns a locked or damaged file into a plain StorageError."""
        return friendly(str(self.path))

    # --- the audit log: append-only ------------------------------------------------------------------------

    def audit(self, cafe_id: str | None, action: str, entity: str, entity_id: str | None, **detail) -> None:
        """Append an audit row stamped now, `detail` kept as JSON; call inside the write's `transaction()`."""
        self.conn.execute(
            "INSERT INTO audit (at, cafe_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
            [utc_now(), cafe_id, action, entity, entity_id, json.dumps(detail, ensure_ascii=False, default=str)],
        )

    def audit_entries(self, cafe_id: str) -> list[dict]:
        """A café's audit rows, oldest first, as dicts (`detail` still a JSON string)."""
        rows = self.conn.execute(
            "SELECT seq, at, action, entity, entity_id, detail FROM audit WHERE cafe_id = ? ORDER BY seq", [cafe_id]
        )
        return [dict(zip(("seq", "at", "action", "entity", "entity_id", "detail"), r, strict=True)) for r in rows]

    # --- small key/value state: where the app was when it closed ---------------------------------------------

    def get_state(self, key: str, default: str | None = None) -> str | None:
        """The saved app-state value for `key`, or `default` when none was saved."""
        row = self.conn.execute("SELECT value FROM app_state WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_state(self, key: str, value: str) -> None:
        """Save the app-state value for `key`, replacing any saved before."""
        self.conn.execute("INSERT INTO app_state (key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    # --- deleting a café for good ---------------------------------------------------------------------------------

    def erase_cafe(self, cafe_id: str) -> None:
        """Delete a café and everything that belongs to it, writing zeros over it in the file, and empty the details
        of its audit lines (they can quote its notes); call inside the write's `transaction()`."""
        with erasure.overwriting_deleted(self.conn):
            erasure.erase_cafe(self.conn, cafe_id)

    def erase_from_backups(self, cafe_id: str) -> int:
        """Remove a café from every backup copy of this data file; how many copies held it (see erasure). OSError
        if a copy can be neither cleaned nor removed."""
        return erasure.erase_from_backups(self.path, cafe_id)

    def backups_held(self):
        """Context manager: no backup copy of this data file is made in this program while it is held."""
        return database.BACKUP_LOCK

    def clear_write_ahead_log(self) -> None:
        """Move what the write-ahead log holds into the data file and empty it (after a deletion for good)."""
        erasure.clear_write_ahead_log(self.conn)
