"""Reading a `.cafe` file for the import before anything is written: the file read, decrypted, verified and parsed
into the plan of its café (`read_file`), touching nothing but the file.

Reading is kept apart from writing so it could run elsewhere; it runs just before the writes, in the same thread.
Measured with the next files read in a thread beside the writes: no faster, and the writes twice as slow, since
`executemany` takes the GIL back for every row and waited for the reading thread each time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cafe_desk.central import bundle_checks
from cafe_desk.central.bundle_reader import ImportPlan, read_plan
from cafe_desk.central.bundle_trust import check_exported_at
from cafe_desk.export.bundle import BundleError, Opened, open_signed
from cafe_desk.storage.rows import utc_now


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
