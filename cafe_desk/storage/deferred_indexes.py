"""The indexes on notes and their tags that a large import leaves out while it writes, and builds once at its end;
and putting them back when an import was killed before it could.

Why: keeping these indexes up to date note by note was about a third of what writing a million imported items cost,
and building them afterwards, each in one sorted pass, costs about half of that (bench/RESULTS.md). It pays where the
import brings many notes to a desk that holds few yet, as the first load of a programme's cafés does: building them
again costs in proportion to every note held.

While they are left out every read still gives the same answers, only more slowly. A row in `app_state` says which
process left them out; when that process is no longer running (killed, a power cut), the next connection opened to
the file builds them before anything else.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import time

from cafe_desk import platforms
from cafe_desk.unfinished_files import computer_tag

#: each index left out, and the statement that makes it as the migrations leave it (a test compares the two)
INDEXES = {
    "note_scope": "CREATE INDEX note_scope ON note(cafe_id, hidden, source, is_quote)",
    "note_flag": "CREATE INDEX note_flag ON note(cafe_id) WHERE flag != ''",
    "note_summary": "CREATE INDEX note_summary ON note(cafe_id) WHERE kind = 'summary'",
    "note_place": "CREATE INDEX note_place ON note(table_id, round_id) WHERE table_id IS NOT NULL",
    "note_round": "CREATE INDEX note_round ON note(round_id) WHERE round_id IS NOT NULL",
    "note_group": "CREATE INDEX note_group ON note(group_id) WHERE group_id IS NOT NULL",
    "note_outcome_outcome": "CREATE INDEX note_outcome_outcome ON note_outcome(outcome_id)",
    "note_theme_theme": "CREATE INDEX note_theme_theme ON note_theme(theme_id)",
}
#: the app_state key of the row saying who left them out
LEFT_OUT_BY = "note_indexes_left_out_by"
#: this process, told apart from an earlier one that had the same process id (after a restart)
_THIS_RUN = secrets.token_hex(8)
#: left out longer ago than this, they are built whoever left them out: no import runs for hours, and a process id
#: may have been taken by another program since
GIVE_UP_AFTER_S = 6 * 3600


def leave_out(conn: sqlite3.Connection) -> None:
    """Drop the indexes and say that this process did (inside a transaction)."""
    who = {"pid": os.getpid(), "run": _THIS_RUN, "computer": computer_tag(), "at": int(time.time())}
    conn.execute("INSERT OR REPLACE INTO app_state (key, value) VALUES (?, ?)", [LEFT_OUT_BY, json.dumps(who)])
    for name in INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")


def build(conn: sqlite3.Connection) -> None:
    """Make whichever of the indexes is missing, sorting on a second thread where SQLite can, and clear the row that
    said they were left out (inside a transaction)."""
    threads = conn.execute("PRAGMA threads").fetchone()[0]
    conn.execute("PRAGMA threads=2")
    try:
        for statement in INDEXES.values():
            conn.execute(statement.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
    finally:
        conn.execute(f"PRAGMA threads={threads}")
    conn.execute("DELETE FROM app_state WHERE key = ?", [LEFT_OUT_BY])


def abandoned(conn: sqlite3.Connection) -> bool:
    """Whether the indexes were left out by an import that is no longer running on this computer, or more than
    GIVE_UP_AFTER_S ago. One left out on another computer (a file on a shared drive) is left to that computer, whose
    process ids this one can't check, for that long."""
    row = conn.execute("SELECT value FROM app_state WHERE key = ?", [LEFT_OUT_BY]).fetchone()
    if row is None:
        return False
    try:
        who = json.loads(row[0])
        pid, run, computer, at = int(who["pid"]), str(who["run"]), str(who["computer"]), float(who["at"])
    except (ValueError, KeyError, TypeError, OverflowError, RecursionError):
        return True  # not as this module writes it: nothing can be relying on it
    if not 0 < pid < 2**31 or not time.time() - GIVE_UP_AFTER_S < at < time.time() + 60:
        return True
    if computer != computer_tag():
        return False
    if pid == os.getpid():
        return run != _THIS_RUN
    return not platforms.process_running(pid)


def given_up(conn: sqlite3.Connection) -> None:
    """Say that the process that left the indexes out could not build them (a full disk, a busy file), so that the
    next connection opened to the file builds them, even in this process (inside a transaction)."""
    conn.execute("UPDATE app_state SET value = json_set(value, '$.run', '') WHERE key = ?", [LEFT_OUT_BY])
