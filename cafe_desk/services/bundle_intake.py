"""Reading `.cafe` files for the import before anything is written: each file read, decrypted, verified and parsed
into the plan of its café (`read_file`), and `Prefetch`, which reads the next files in a thread of their own while
the importer writes the one before.

Why a thread: reading a bundle is about a third of an import's time (decrypt, verify, parse) and needs no database,
while writing spends most of its time inside SQLite, which lets other Python threads run meanwhile. Reading touches
nothing but the file, so the order of the writes, the lines shown and what a refused file leaves (nothing) are the
same as reading each file just before writing it.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cafe_desk.central import bundle_checks
from cafe_desk.central.bundle_reader import ImportPlan, read_plan
from cafe_desk.central.bundle_trust import check_exported_at
from cafe_desk.export.bundle import BundleError, Opened, open_signed
from cafe_desk.storage.rows import utc_now

#: files read ahead of the one being written: enough to keep the reader busy, few enough to hold little memory
AHEAD = 2


@dataclass(frozen=True)
class ReadBundle:
    """A bundle decrypted, verified and read whole, not yet written."""

    opened: Opened
    plan: ImportPlan
    now: str  # when it was read: the import's time
    sha256: str  # of the file as it came


def read_bundle(data: bytes, identities=(), passphrase: str | None = None) -> ReadBundle:
    """Decrypt, verify and read a bundle's bytes; BundleError (one line) says what is wrong."""
    bundle_checks.check_file_size(len(data))
    opened = open_signed(data, identities, passphrase, inspect=bundle_checks.check_unpacked)
    bundle_checks.check_values(opened.manifest, opened.files)
    now = utc_now()
    plan = read_plan(opened.manifest, opened.files, now, verified=True, records=opened.records)
    bundle_checks.check_notes(n.text for n in plan.notes)
    check_exported_at(plan.exported_at, dt.datetime.now(dt.UTC))
    return ReadBundle(opened, plan, now, hashlib.sha256(data).hexdigest())


def read_file(path: str | Path, identities=(), passphrase: str | None = None) -> ReadBundle:
    """`read_bundle` of a file, never reading more than a bundle may hold; BundleError if it can't be read."""
    try:
        bundle_checks.check_file_size(Path(path).stat().st_size)
        with Path(path).open("rb") as file:  # never more than the limit, whatever kind of file it is
            data = file.read(bundle_checks.MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise BundleError("This is a folder, not a bundle.") from None
    except OSError:
        raise BundleError("This file can't be read (it may be missing, or its permissions may not allow it).")\
            from None
    return read_bundle(data, identities, passphrase)


class Prefetch:
    """Files read in a thread, `AHEAD` of the one asked for; use as a context manager (the thread ends with it).

    `get(n)` gives a callable that returns file n's `ReadBundle` or raises what reading it raised, as calling
    `read_file` then would. Files are asked for in order; a file skipped (the person stopped) is never written."""

    def __init__(self, paths: Sequence[str | Path], identities=(), passphrase: str | None = None):
        self.paths = list(paths)
        self._read = lambda path: read_file(path, identities, passphrase)
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="bundle-read")
        self._pending: dict[int, concurrent.futures.Future] = {}

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(self, *exc) -> None:
        for future in self._pending.values():
            future.cancel()
        self._pool.shutdown(wait=True)

    def get(self, number: int) -> Callable[[], ReadBundle]:
        for ahead in range(number, min(number + 1 + AHEAD, len(self.paths))):
            if ahead not in self._pending:
                self._pending[ahead] = self._pool.submit(self._read, self.paths[ahead])
        for done in [n for n in self._pending if n < number]:
            self._pending.pop(done).cancel()
        return self._pending.pop(number).result
