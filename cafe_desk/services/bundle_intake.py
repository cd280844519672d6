"""Reading a `.cafe` file for the import before anything is written: the file read, decrypted, verified and parsed
into the plan of its café (`read_file`), touching nothing but the file; and reading the next files of a long import
in another process while this one writes (`reading_ahead`).

Why a process: reading (decrypt, verify, parse) is Python work as long as the writing. Read in a thread beside the
writes it was no faster and the writes twice as slow, since `executemany` takes the GIL back for every row and waited
for the reading thread each time. A process has a GIL of its own.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import operator
import os
import pickle
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cafe_desk.central import bundle_checks, bundle_sense
from cafe_desk.central.bundle_reader import ImportPlan, read_plan
from cafe_desk.central.bundle_trust import check_exported_at
from cafe_desk.core.counts import Counts
from cafe_desk.export.bundle import AGE_HEADER, BundleError, Opened, open_signed
from cafe_desk.services.reading_process import ReaderGone, ReadingProcess
from cafe_desk.storage.note_store import NOTE_COLUMNS, NoteRows
from cafe_desk.storage.rows import utc_now


@dataclass(frozen=True)
class ReadBundle:
    """A bundle decrypted, verified and read whole, not yet written. Its notes are in `rows`, as they will be
    written (read in another process, the plan comes without its `notes`: see `_slim`)."""

    opened: Opened
    plan: ImportPlan
    now: str  # when it was read: the import's time
    sha256: str  # of the file as it came
    rows: NoteRows  # the plan's notes as the rows they become
    counts: Counts  # the points, summaries and comments among them


#: the first lines of a file that age locked with a passphrase (scrypt) rather than to a public key
PASSPHRASE_HEADER = AGE_HEADER + b"-> scrypt "
LOCKED_WITH_PASSPHRASE = ("This file was locked with a passphrase, not to the central team's key, so it was not "
                          "imported; ask the facilitator to export it again to the central team's key (age1…), or "
                          "for its passphrase.")
LOCKED_WITH_KEY = ("This file was locked to a key, not with a passphrase, so it was not imported; import it with "
                   "the central team's key (cafe-desk import --identity KEY).")
NOT_A_FILE = "This is not a file (a device or a pipe, say), so nothing was read from it."


class LockedWithPassphrase(BundleError):
    """A file locked with a passphrase, opened without one."""


def _unlock(data: bytes, identities, passphrase: str | None) -> tuple[list, str | None]:
    """What to open `data` with: its passphrase if it was locked with one, else the keys; BundleError if the one it
    needs was not given (the file itself says which it needs)."""
    if data.startswith(PASSPHRASE_HEADER):
        if passphrase is None:
            raise LockedWithPassphrase(LOCKED_WITH_PASSPHRASE)
        return [], passphrase
    identities = list(identities)
    if not identities and passphrase is not None and data.startswith(AGE_HEADER):
        raise BundleError(LOCKED_WITH_KEY)
    return identities, None


#: a note row's source and kind (and whether the participant consented), as `NOTE_COLUMNS` places them
_SOURCE_KIND = operator.itemgetter(NOTE_COLUMNS.index("source"), NOTE_COLUMNS.index("kind"))
_SOURCE_KIND_CONSENT = operator.itemgetter(*(NOTE_COLUMNS.index(c) for c in ("source", "kind", "consent")))


def read_bundle(data: bytes, identities=(), passphrase: str | None = None) -> ReadBundle:
    """Decrypt, verify and read a bundle's bytes; BundleError (one line) says what is wrong. A file locked with a
    passphrase is opened with `passphrase`, any other with `identities`."""
    bundle_checks.check_file_size(len(data))
    identities, passphrase = _unlock(data, identities, passphrase)
    opened = open_signed(data, identities, passphrase, inspect=bundle_checks.check_unpacked)
    bundle_checks.check_values(opened.manifest, opened.files)
    now = utc_now()
    plan = read_plan(opened.manifest, opened.files, now, verified=True, records=opened.records)
    notes = plan.note_rows
    bundle_checks.check_notes([row[4] for row in notes])
    bundle_sense.check_comments(map(_SOURCE_KIND_CONSENT, notes))
    check_exported_at(plan.exported_at, dt.datetime.now(dt.UTC))
    return ReadBundle(opened, plan, now, hashlib.sha256(data).hexdigest(),
                      NoteRows(notes, plan.note_outcomes, plan.note_themes), Counts.of(map(_SOURCE_KIND, notes)))


def read_file(path: str | Path, identities=(), passphrase: str | None = None) -> ReadBundle:
    """`read_bundle` of a file, never reading more than a bundle may hold; BundleError if it can't be read."""
    try:
        status = Path(path).stat()
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
            raise BundleError(NOT_A_FILE)  # a pipe would keep the import waiting for ever
        bundle_checks.check_file_size(status.st_size)
        with Path(path).open("rb") as file:  # never more than the limit, whatever kind of file it is
            data = file.read(bundle_checks.MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise BundleError("This is a folder, not a café file.") from None
    except OSError:
        raise BundleError("This file can't be read (it may be missing, or its permissions may not allow it).")\
            from None
    return read_bundle(data, identities, passphrase)


#: an import of fewer files reads them here: starting the reading process costs about as long as reading a few files
READ_AHEAD_FROM = 8
#: files read ahead of the one being written, at most: enough for the reading process to go on reading while the
#: writer commits and indexes a batch (a second or two, some 100 files of 1,000 items; with fewer it waited idle
#: then, and the writer waited for it afterwards, since writing a file takes about half as long as reading it)
AHEAD = 256
#: and at most this many bytes (of the files as they are on disk) handed to the reading process and not yet written,
#: or the one file asked for whatever its size: a file read and handed over takes about four times its size in memory
AHEAD_BYTES = 16 * 2**20
#: and about this many bytes of files read and not yet written: a file's size on disk says little of what it holds
#: (a valid file may unpack to a hundred times its size), so the bytes on disk allowed ahead shrink by the most any
#: file read so far grew when read (ordinary files grow about 5 times: AHEAD_BYTES holds)
AHEAD_READ_BYTES = 256 * 2**20
#: files handed over before the first comes back, and says how much files grow here
FIRST_AHEAD = 8


def _slim(read: ReadBundle) -> ReadBundle:
    """What the writer needs of a bundle read elsewhere: its files' bytes and parsed lines stay behind (the plan
    holds what they said), so less crosses between the processes; the notes cross once, as `rows`."""
    return dataclasses.replace(read, opened=dataclasses.replace(read.opened, files={}, records={}),
                               plan=dataclasses.replace(read.plan, note_rows=[], note_outcomes=[], note_themes=[]))


@functools.lru_cache(maxsize=1)
def _identity(secret: str):
    import pyrage

    return pyrage.x25519.Identity.from_str(secret)


def _read_elsewhere(path: str, secret: str, passphrase: str | None = None) -> bytes:
    """`read_file` in the reading process, with the key (and passphrase) it was given, pickled here.

    Why bytes: a thread of the importing process takes the results as they come, and would otherwise unpickle them
    while the writer runs, and a thread doing Python work beside `executemany` slows it threefold (it takes the GIL back
    after every row). Bytes cost that thread nothing; the writer unpickles them itself, between bundles."""
    keys = [_identity(secret)] if secret else []
    return pickle.dumps(_slim(read_file(path, keys, passphrase)), protocol=pickle.HIGHEST_PROTOCOL)


@contextlib.contextmanager
def reading_ahead(paths: Sequence[str | Path], identity,
                  passphrase: str | None = None) -> Iterator[Callable[[int], ReadBundle]]:
    """`read(n)`: the n-th of `paths` read as `read_file` would (BundleError alike) with `identity` (None: no key)
    and `passphrase`, for an import that takes them in order. For a long list the files are read in another
    process (services/reading_process.py), ahead of the one asked for (AHEAD files, AHEAD_BYTES,
    AHEAD_READ_BYTES); if that process can't start or stops, the rest are read here."""
    keys = [identity] if identity is not None else []

    def here(n: int) -> ReadBundle:
        return read_file(paths[n], keys, passphrase)

    if len(paths) < READ_AHEAD_FROM:
        yield here
        return
    secret = str(identity) if identity is not None else ""
    try:
        reader = ReadingProcess(paths, functools.partial(_read_elsewhere, secret=secret, passphrase=passphrase))
    except Exception:  # what the process needs can't be set up here
        yield here
        return
    sizes: dict[int, int] = {}  # the bytes on disk of each file the reading process may read, not yet written
    growth = 16.0  # the most a file read there has grown (its bytes handed back over its bytes on disk)
    seen = False  # whether a file read there has come back yet (until then only FIRST_AHEAD files are allowed)
    broken = False

    def size(n: int) -> int:
        try:
            return os.stat(paths[n]).st_size
        except OSError:  # the reading process will say what is wrong with it
            return 0

    def bytes_ahead() -> int:
        """The bytes on disk that may be allowed and not yet written: AHEAD_BYTES, or less where a file read so far
        grew more than 16 times when read (see AHEAD_READ_BYTES)."""
        nonlocal growth
        for k, length in reader.arrived():
            if sizes.get(k):
                growth = max(growth, length / sizes[k])
        return min(AHEAD_BYTES, int(AHEAD_READ_BYTES / growth))

    def hand_over(n: int) -> None:
        """Let the reading process read from file n on as far as AHEAD and `bytes_ahead()` allow."""
        for passed in [k for k in sizes if k < n]:  # read here instead (a passphrase, a batch written again)
            del sizes[passed]
            reader.forget(passed)
        allowed, held = bytes_ahead(), sum(sizes.values())
        k = max(n, reader.last + 1)
        while k < len(paths) and k <= n + (AHEAD if seen else min(AHEAD, FIRST_AHEAD)):
            more = size(k)
            if k > n and held + more > allowed:
                break
            sizes[k], held, k = more, held + more, k + 1
        reader.allow(n, k - 1)

    def read(n: int) -> ReadBundle:
        nonlocal broken, seen, growth
        if not broken:
            own = sizes.get(n) or size(n)
            hand_over(n)
            try:
                data = reader.result(n)  # a file that can't be read raises here as it would below
                seen, growth = True, max(growth, len(data) / own) if own else growth
                return pickle.loads(data)
            except ReaderGone:  # the process died
                broken = True
                sizes.clear()
            finally:
                sizes.pop(n, None)
        return here(n)

    try:
        yield read
    finally:
        reader.close()  # no process outlives the import
