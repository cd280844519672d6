"""The note-taker's typing survives a data file that is busy or read-only: a plain message, nothing lost."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from cafe_desk.ui.notes.notes_panel import NotesPanel

BUSY = "The data file is busy in another program; nothing was changed. Please try again in a moment."


@pytest.fixture
def panel(qtbot, services, cafe):
    p = NotesPanel(services, QUndoStack())
    p.sig_changed.connect(p.on_changes)
    qtbot.addWidget(p)
    p.resize(1366, 700)
    p.show()
    p.set_cafe(cafe)
    return p


def test_busy_data_file_keeps_the_point_in_the_entry_until_it_can_be_saved(qtbot, panel, services, cafe, db_path):
    services.store.conn.execute("PRAGMA busy_timeout=200")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file
    line = panel.entry.line
    messages = []
    panel.sig_message.connect(messages.append)
    qtbot.keyClicks(line, "Peer support saved my life")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: BUSY in messages)
    assert line.text() == "Peer support saved my life", "the words stay where they were typed"
    assert panel.isVisible()

    other.execute("ROLLBACK")
    other.close()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert [n.text for n in services.notes.list(cafe.id)] == ["Peer support saved my life"]
    assert line.text() == ""


def test_read_only_data_file_says_so_and_keeps_the_point(qtbot, services, cafe, db_path):
    services.notes.add(cafe.id, None, None, "Written before the file became read-only")
    services.store.close()
    if subprocess.run(["chattr", "+i", str(db_path)], capture_output=True).returncode != 0:
        pytest.skip("cannot make the data file immutable on this file system")
    try:
        opened = Services.build(Store(db_path))  # the app started on a file it may read but not write
        panel = NotesPanel(opened, QUndoStack())
        qtbot.addWidget(panel)
        panel.show()
        panel.set_cafe(opened.cafes.cafe(cafe.id))
        assert [n.text for n in opened.notes.list(cafe.id)] == ["Written before the file became read-only"]
        line = panel.entry.line
        messages = []
        panel.sig_message.connect(messages.append)
        qtbot.keyClicks(line, "A point typed while the file is read-only")
        qtbot.keyClick(line, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(messages))
        assert messages[-1] == (f"Café Desk can't save: the data file {db_path} is read-only. "
                                "Nothing was changed; ask for write access or choose another data folder.")
        assert line.text() == "A point typed while the file is read-only"
        opened.store.close()
    finally:
        subprocess.run(["chattr", "-i", str(db_path)], check=True)
    again = Services.build(Store(db_path))
    assert [n.text for n in again.notes.list(cafe.id)] == ["Written before the file became read-only"]
