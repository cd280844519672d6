"""Turning SQLite's errors into one-line messages a facilitator can act on."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from cafe_desk.core.errors import UserError

#: the README section that says how to put a backup copy back
RESTORING = "Restoring a backup copy"


class StorageError(UserError):
    """The data file could not be read or written; the message says why in plain words."""


class DatabaseTooNew(StorageError):
    """The data file was written by a newer Café Desk; it is refused and left untouched."""


def describe(exc: sqlite3.Error, path: str) -> str:
    """A plain one-line message for a SQLite error on the file at `path`: the likely cause and what to do."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text:
        return (f"Café Desk can't save: the data file {path} is read-only. "
                "Nothing was changed; ask for write access or choose another data folder.")
    if "locked" in text or "busy" in text:
        return "The data file is busy in another program; nothing was changed. Please try again in a moment."
    if "full" in text:
        return "The disk is full, so this change was not saved. Free some space and try again; saved work is safe."
    if "unable to open" in text or "cannot open" in text:
        return f"Café Desk can't open its data file {path}; check that the folder exists and can be written to."
    if "malformed" in text or "not a database" in text:
        return (f"The data file {path} is damaged or is not a Café Desk file; a backup copy can be restored "
                f"(README: {RESTORING}).")
    return f"The data file could not be used ({exc}); nothing was changed."


@contextlib.contextmanager
def friendly(path: str) -> Iterator[None]:
    """Re-raise sqlite3 errors (other than programming errors) as StorageError with a plain message.

    A refused row (a constraint or a trigger) is one too: the transaction it was in is rolled back whole, so the
    person hears that nothing was changed rather than the app stopping."""
    try:
        yield
    except (sqlite3.OperationalError, sqlite3.DatabaseError) as exc:
        if isinstance(exc, sqlite3.ProgrammingError):
            raise
        raise StorageError(describe(exc, path)) from exc
