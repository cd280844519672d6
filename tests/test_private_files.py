"""The data folder, the data file, its write-ahead log, the backups and key files are this account's only (0700 for
folders, 0600 for files), on a new install and on an older one opened again. Real data folders, the real command
line, the real start-up backup."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess

import pytest

from cafe_desk.app import start_backup
from cafe_desk.private_files import make_private
from cafe_desk.services import Services
from cafe_desk.settings import Settings
from cafe_desk.storage import database
from cafe_desk.storage.store import Store
from tests.central import make_cafe
from tests.conftest import cafe_desk

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX; on Windows the profile folder "
                                "keeps the data to its account")


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def loose_umask():
    """The umask most systems start programs with (022: new files readable by every account)."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def side_files(db_path) -> list:
    return [p for p in (db_path.with_name(db_path.name + s) for s in ("-wal", "-shm")) if p.exists()]


def test_a_new_install_is_private(tmp_path, loose_umask):
    data = tmp_path / "home" / "cafe-desk"
    settings = Settings(data)
    ok(cafe_desk("cafes", data_dir=data))  # the real command line makes the folder (and the one above it) and file
    assert mode(data.parent) == mode(data) == 0o700 and mode(settings.db_path) == 0o600
    ok(cafe_desk("keygen", "--out", str(data / "central.key"), data_dir=data))
    assert mode(data / "central.key") == 0o600

    start_backup(settings).join()  # what the app does at start
    [copy] = database.backup_copies(settings.backup_dir)
    assert mode(settings.backup_dir) == 0o700 and mode(copy) == 0o600

    store = Store(settings.db_path)  # open, with a write: SQLite keeps its write-ahead log and index beside the file
    try:
        make_cafe(Services.build(store))
        assert [p.name[-4:] for p in side_files(settings.db_path)] == ["-wal", "-shm"]
        assert [mode(p) for p in side_files(settings.db_path)] == [0o600, 0o600]
    finally:
        store.close()


def test_a_new_data_file_opened_in_process_is_private_whatever_the_umask(tmp_path, loose_umask):
    db_path = tmp_path / "fresh" / "cafe.sqlite3"
    store = Store(db_path)
    try:
        assert (mode(db_path.parent), mode(db_path)) == (0o700, 0o600)
        made = database.backup(db_path, database.backup_dir_for(db_path))
        assert (mode(made.parent), mode(made)) == (0o700, 0o600)
    finally:
        store.close()


def test_an_older_install_is_tightened_when_it_is_opened(tmp_path, loose_umask):
    data = tmp_path / "cafe-desk"
    settings = Settings(data)
    store = Store(settings.db_path)
    try:
        make_cafe(Services.build(store))
    finally:
        store.close()
    old_copy = database.backup(settings.db_path, settings.backup_dir)
    leftover = settings.backup_dir / "cafe-desk-20250101T000000000000Z.part"
    leftover.write_bytes(b"")
    reader = sqlite3.connect(settings.db_path)  # another program holds it open: the log and index stay beside it
    try:
        reader.execute("SELECT COUNT(*) FROM note").fetchone()
        wal, shm = side_files(settings.db_path)
        for folder in (data, settings.backup_dir):
            folder.chmod(0o755)  # as an older version left them
        for path in (settings.db_path, wal, shm, old_copy, leftover):
            path.chmod(0o644)

        ok(cafe_desk("cafes", data_dir=data))

        assert (mode(data), mode(settings.backup_dir)) == (0o700, 0o700)
        assert [mode(p) for p in (settings.db_path, wal, shm, old_copy, leftover)] == [0o600] * 5
    finally:
        reader.close()


def test_tightening_never_adds_access_and_leaves_links_alone(tmp_path):
    elsewhere = tmp_path / "shared.txt"
    elsewhere.write_text("not ours")
    elsewhere.chmod(0o644)
    link = tmp_path / "link"
    link.symlink_to(elsewhere)
    read_only = tmp_path / "read-only"
    read_only.write_text("x")
    read_only.chmod(0o444)

    for path in (link, read_only, tmp_path / "missing"):
        make_private(path)

    assert mode(elsewhere) == 0o644  # a link is not followed
    assert mode(read_only) == 0o400
