"""The note indexes a large import leaves out and builds at its end (storage/deferred_indexes.py): the same indexes
the migrations make, and built again when the file is next opened if the import that left them out is gone."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time

import pytest

from cafe_desk.storage import deferred_indexes
from cafe_desk.storage.store import Store


def _note_indexes(db) -> dict[str, str]:
    """The indexes on notes and their tags in the file, by name, each statement on one line."""
    conn = sqlite3.connect(db)
    try:
        return {name: " ".join(sql.split()) for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('note', 'note_outcome', 'note_theme')")}
    finally:
        conn.close()


def _marked(db) -> dict | None:
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT value FROM app_state WHERE key = ?", [deferred_indexes.LEFT_OUT_BY]).fetchone()
        return json.loads(row[0]) if row else None
    finally:
        conn.close()


def _left_out(db, **who) -> None:
    """The indexes left out as an import does, with the row saying who did rewritten with `who`."""
    store = Store(db)
    with store.transaction():
        store.leave_out_note_indexes()
        if who:
            row = {**json.loads(store.conn.execute("SELECT value FROM app_state WHERE key = ?",
                                                   [deferred_indexes.LEFT_OUT_BY]).fetchone()[0]), **who}
            store.conn.execute("UPDATE app_state SET value = ? WHERE key = ?",
                               [json.dumps(row), deferred_indexes.LEFT_OUT_BY])
    store.close()


def _gone_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def test_the_indexes_left_out_are_made_as_the_migrations_make_them(tmp_path):
    Store(tmp_path / "desk.sqlite3").close()
    made = _note_indexes(tmp_path / "desk.sqlite3")
    assert {name: made[name] for name in deferred_indexes.INDEXES} == deferred_indexes.INDEXES
    _left_out(tmp_path / "desk.sqlite3")
    assert set(_note_indexes(tmp_path / "desk.sqlite3")).isdisjoint(deferred_indexes.INDEXES)
    store = Store(tmp_path / "desk.sqlite3")  # left out by this running process: not built behind its back
    assert set(_note_indexes(tmp_path / "desk.sqlite3")).isdisjoint(deferred_indexes.INDEXES)
    store.build_note_indexes()
    store.close()
    assert _note_indexes(tmp_path / "desk.sqlite3") == made and _marked(tmp_path / "desk.sqlite3") is None


def test_left_out_by_a_process_that_has_ended_they_are_built_when_the_file_is_next_opened(tmp_path):
    db = tmp_path / "desk.sqlite3"
    Store(db).close()
    made = _note_indexes(db)
    _left_out(db, pid=_gone_pid())
    assert _marked(db) is not None
    Store(db).close()
    assert _note_indexes(db) == made and _marked(db) is None


def test_left_out_by_an_earlier_process_with_this_ones_id_they_are_built(tmp_path):
    db = tmp_path / "desk.sqlite3"
    Store(db).close()
    _left_out(db, pid=os.getpid(), run="an earlier run")  # the computer restarted and the id came round again
    Store(db).close()
    assert set(deferred_indexes.INDEXES) <= set(_note_indexes(db)) and _marked(db) is None


def test_left_out_on_another_computer_they_are_left_to_it(tmp_path):
    db = tmp_path / "desk.sqlite3"
    Store(db).close()
    _left_out(db, pid=_gone_pid(), computer="0badf00d")  # a file on a shared drive: its process ids aren't ours
    Store(db).close()
    assert set(_note_indexes(db)).isdisjoint(deferred_indexes.INDEXES) and _marked(db)["computer"] == "0badf00d"


def test_a_row_not_as_the_app_writes_it_is_no_reason_to_go_without_them(tmp_path):
    db = tmp_path / "desk.sqlite3"
    Store(db).close()
    _left_out(db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE app_state SET value = 'not json' WHERE key = ?", [deferred_indexes.LEFT_OUT_BY])
    conn.commit()
    conn.close()
    Store(db).close()
    assert set(deferred_indexes.INDEXES) <= set(_note_indexes(db)) and _marked(db) is None


@pytest.mark.parametrize("who", [
    {"pid": 1e400}, {"pid": 18446744073709551621}, {"pid": -5}, {"pid": [[[[[[1]]]]]]}, {"run": None},
    {"at": 0}, {"at": 9e99}, {"at": "yesterday"},
], ids=["infinite", "too-large", "negative", "nested", "no-run", "long-ago", "far-ahead", "not-a-time"])
def test_a_row_naming_no_process_that_can_be_running_is_no_reason_to_go_without_them(tmp_path, who):
    db = tmp_path / "desk.sqlite3"
    Store(db).close()
    _left_out(db, **who)
    Store(db).close()
    assert set(deferred_indexes.INDEXES) <= set(_note_indexes(db)) and _marked(db) is None


def test_left_out_hours_ago_by_a_process_id_now_in_use_they_are_built(tmp_path):
    db = tmp_path / "desk.sqlite3"
    Store(db).close()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:  # a running process with the id that left them out, seven hours ago: another program by now
        _left_out(db, pid=sleeper.pid, at=time.time() - 7 * 3600)
        Store(db).close()
        assert set(deferred_indexes.INDEXES) <= set(_note_indexes(db))
        _left_out(db, pid=sleeper.pid)  # a minute ago: that import may still be running
        Store(db).close()
        assert set(_note_indexes(db)).isdisjoint(deferred_indexes.INDEXES)
    finally:
        sleeper.kill()
        sleeper.wait()
