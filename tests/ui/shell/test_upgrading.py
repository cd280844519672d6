"""Opening a data file from an older Café Desk: a window says what is happening while it is brought up to date."""

from __future__ import annotations

import sqlite3
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog

from cafe_desk.storage import database, migrations
from cafe_desk.ui.shell import upgrading


def _shown_windows() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_long_work_shows_a_window_that_says_what_is_happening_and_goes_away(qtbot, tmp_path):
    seen: list[str] = []

    def look() -> None:
        for window in _shown_windows():
            seen.extend(label.text() for label in window.findChildren(QLabel))
            window.grab().save(str(tmp_path / "upgrading.png"))

    QTimer.singleShot(900, look)
    upgrading.run_while_waiting(lambda: time.sleep(1.5))
    text = " ".join(seen)
    assert "updating its data file" in text and "minute or two" in text
    assert (tmp_path / "upgrading.png").stat().st_size > 0
    assert _shown_windows() == []


def test_quick_work_shows_no_window(qtbot):
    shown: list[int] = []
    QTimer.singleShot(0, lambda: shown.append(len(_shown_windows())))
    upgrading.run_while_waiting(lambda: None)
    QApplication.processEvents()
    assert _shown_windows() == [] and shown in ([], [0])


def test_what_the_work_raises_reaches_the_caller(qtbot):
    def fail() -> None:
        raise database.StorageError("The data file can't be written.")

    with pytest.raises(database.StorageError, match="can't be written"):
        upgrading.run_while_waiting(fail)


def test_only_a_file_from_an_older_app_needs_bringing_up_to_date(tmp_path):
    missing = tmp_path / "none.sqlite3"
    assert not database.needs_upgrade(missing)
    current = tmp_path / "current.sqlite3"
    database.connect(current).close()
    assert not database.needs_upgrade(current)
    older = tmp_path / "older.sqlite3"
    database.connect(older).close()
    with sqlite3.connect(older) as conn:
        conn.execute("DELETE FROM _migrations WHERE number = ?", (migrations.LATEST,))
    conn.close()
    assert database.needs_upgrade(older)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database" * 100)
    assert not database.needs_upgrade(garbage)
