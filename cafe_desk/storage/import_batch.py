"""Writing many bundles' cafés in few transactions: each bundle in a savepoint of its own, the transaction committed
every few seconds of work.

Why: an imported café's notes go into the index of note ids at random places, so a transaction of one café dirties
about one index page per note, and committing it writes each of those pages to the write-ahead log again (measured:
three quarters of everything written). A transaction of many cafés writes each such page once for all of them.

What holds, as with one transaction per bundle: a bundle that fails leaves nothing (its savepoint is rolled back) and
the cafés before it stay as they would be alone; a kill or power cut leaves every café whole or absent, and the
search index in step, since notes and index go in together. What changes: a kill loses the cafés imported since the
last commit (a few seconds' work), which a new import of the same files brings in again.

The batch's notes go into the full-text index in one insert just before each commit, in rowid order: FTS5 writes its
pending terms out at every savepoint, so indexing café by café inside the bundles' savepoints made at least one index
segment per café, all merged again later.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator

#: commit once the batch has worked this long (a kill loses at most about this much work)
COMMIT_AFTER_S = 3.0
#: the page cache while a batch runs, in KiB: room for every page a batch dirties at a million items
BATCH_CACHE_KIB = 256 * 1024


class BatchLost(Exception):
    """SQLite rolled back the batch's whole transaction (a full disk, an I/O error): the bundles written in it since
    the last commit are gone and must be written again, one by one."""


class ImportBatch:
    """An open batch on one connection: `bundle()` around each bundle's writes, `commit_if_due()` between bundles."""

    def __init__(self, conn: sqlite3.Connection, commit_after_s: float | None = None):
        self.conn = conn
        self.commit_after_s = commit_after_s  # None: COMMIT_AFTER_S as it is when asked
        self.since_commit = 0  # bundles written since the last commit
        self._started = 0.0
        #: cafés written in this transaction whose notes go into the search index when it commits
        self.unindexed: list[str] = []
        #: every note of `unindexed` has a rowid above this (so indexing them reads only the notes written since)
        self.notes_after: int | None = None
        #: what indexes them (the store sets it): the cafés' ids, and `notes_after`
        self.index: Callable[[list[str], int], None] = lambda cafe_ids, after: None
        #: what turns SQLite's errors in committing into plain ones (the store sets it)
        self.errors: Callable[[], contextlib.AbstractContextManager] = contextlib.nullcontext

    @contextlib.contextmanager
    def bundle(self, errors: contextlib.AbstractContextManager | None = None) -> Iterator[sqlite3.Connection]:
        """One bundle's writes, all or nothing: a savepoint in the batch's transaction (begun here if need be).
        BatchLost if the bundle failed in a way that took the whole transaction with it; other errors pass through
        `errors` (a context manager that may turn them into plain ones)."""
        with errors or contextlib.nullcontext(), self._savepoint() as conn:
            yield conn

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[sqlite3.Connection]:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self._started = time.perf_counter()
            self.since_commit = 0
        self.conn.execute("SAVEPOINT bundle")
        unindexed = list(self.unindexed)
        try:
            yield self.conn
        except BaseException as exc:
            self.unindexed[:] = unindexed
            if not self.conn.in_transaction:
                self.unindexed.clear()
                lost, self.since_commit = self.since_commit, 0
                if lost:
                    raise BatchLost(f"{lost} bundle(s) written since the last commit were rolled back") from exc
                raise
            self.conn.execute("ROLLBACK TO bundle")
            self.conn.execute("RELEASE bundle")
            raise
        self.conn.execute("RELEASE bundle")
        self.since_commit += 1

    def holds_uncommitted(self) -> bool:
        """Whether anything written in the batch is still to be committed (false once a commit went through, even if
        what called it was stopped straight after)."""
        return self.conn.in_transaction

    def commit_if_due(self) -> bool:
        """Commit when the batch has worked long enough; whether it committed."""
        after = COMMIT_AFTER_S if self.commit_after_s is None else self.commit_after_s
        if self.conn.in_transaction and time.perf_counter() - self._started >= after:
            self.commit()
            return True
        return False

    def commit(self) -> None:
        """Commit what the batch holds (nothing happens when it holds nothing); `errors` says why it could not."""
        with self.errors():
            if self.conn.in_transaction:
                if self.unindexed:
                    self.index(self.unindexed, self.notes_after or 0)
                self.conn.execute("COMMIT")
        self._forget()

    def rollback(self) -> None:
        """Give up what the batch holds since its last commit (as far as SQLite can: it may have already)."""
        with contextlib.suppress(sqlite3.Error):
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        self._forget()

    def _forget(self) -> None:
        self.unindexed.clear()
        self.notes_after = None
        self.since_commit = 0


@contextlib.contextmanager
def open_batch(conn: sqlite3.Connection, commit_after_s: float | None = None) -> Iterator[ImportBatch]:
    """A batch on `conn` with a page cache large enough for it; whatever it holds is committed on the way out (every
    bundle in it is whole), and the cache put back. Stopped at once (a second Ctrl+C, a stop signal), what it holds
    since its last commit is rolled back instead: the stop may have come between indexing the batch's notes and
    committing them, and committing then would index them a second time."""
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size=-{BATCH_CACHE_KIB}")
    batch = ImportBatch(conn, commit_after_s)
    try:
        yield batch
        batch.commit()
    except Exception:
        try:
            batch.commit()
        except Exception:  # what stopped the batch stops its commit too
            batch.rollback()
        raise
    except BaseException:
        batch.rollback()
        raise
    finally:
        conn.execute(f"PRAGMA cache_size={before}")
