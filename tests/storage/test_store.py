"""The data file under stress: read-only, locked by another program, and a full disk.

Each case must give a one-line, plain message and keep every note that was saved before.

Read-only as root: `chmod` does not stop root from writing, so for root the file is made immutable with
`chattr +i` (which stops root too) and the folder is made read-only with a read-only bind mount. Each test first
checks that writing really is refused, and is skipped with the reason if the machine can't arrange that.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from cafe_desk.services import Services
from cafe_desk.storage.errors import StorageError
from cafe_desk.storage.store import Store
from tests.conftest import mental_health_plan

IS_ROOT = os.geteuid() == 0
BUSY = "The data file is busy in another program; nothing was changed. Please try again in a moment."
FULL = "The disk is full, so this change was not saved. Free some space and try again; saved work is safe."


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True)


def one_line(err: pytest.ExceptionInfo) -> str:
    text = str(err.value)
    assert "\n" not in text and text.strip() == text and len(text) < 300
    raw_sqlite = ("OperationalError", "SQLITE_", "database or disk", "database is locked", "readonly database")
    assert not any(word in text for word in raw_sqlite)
    return text


def seed(path: Path, n_notes: int = 3) -> tuple[str, str, str, list[str]]:
    """A café with a few committed notes; returns (cafe id, table id, round id, note ids). The file is closed."""
    services = Services.build(Store(path))
    cafe, _ = services.planning.create(mental_health_plan(services))
    table = services.planning.items(cafe.id, "table")[0]
    rnd = services.planning.items(cafe.id, "round")[0]
    ids = [services.notes.add(cafe.id, table.id, rnd.id, f"Saved point {i}")[0].id for i in range(n_notes)]
    services.store.close()
    return cafe.id, table.id, rnd.id, ids


def note_ids(path: Path, cafe_id: str) -> set[str]:
    services = Services.build(Store(path))
    try:
        return {n.id for n in services.notes.list(cafe_id)}
    finally:
        services.store.close()


def refuses_writes(path: Path) -> bool:
    try:
        with open(path, "ab"):
            pass
    except OSError:
        return True
    return False


@contextlib.contextmanager
def read_only_file(path: Path):
    """The file can't be written, even by root; its folder still can."""
    if IS_ROOT:
        if not shutil.which("chattr") or run("chattr", "+i", str(path)).returncode:
            pytest.skip("running as root, and chattr +i is not available here to make a file read-only for root")
        undo = ["chattr", "-i", str(path)]
    else:
        path.chmod(0o444)
        undo = None
    try:
        if not refuses_writes(path):
            pytest.skip("this machine can't make a file read-only for the test's user")
        yield
    finally:
        if undo:
            run(*undo)
        else:
            path.chmod(0o644)


@contextlib.contextmanager
def read_only_folder(folder: Path):
    """The folder and everything in it can't be written, even by root (a read-only bind mount for root)."""
    if IS_ROOT:
        if run("mount", "--bind", str(folder), str(folder)).returncode:
            pytest.skip("running as root without permission to bind-mount; can't make a folder read-only for root")
        if run("mount", "-o", "remount,bind,ro", str(folder)).returncode:
            run("umount", str(folder))
            pytest.skip("running as root without permission to remount read-only")
        modes = None
    else:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for p in folder.iterdir():
            p.chmod(0o444)
        folder.chmod(0o555)
    try:
        if not refuses_writes(folder / "probe"):
            pytest.skip("this machine can't make a folder read-only for the test's user")
        yield
    finally:
        if IS_ROOT:
            run("umount", str(folder))
        else:
            for p, mode in modes.items():
                p.chmod(mode)


def test_read_only_file_still_reads_and_a_write_says_why(tmp_path):
    path = tmp_path / "cafe.sqlite3"
    cafe_id, table_id, round_id, saved = seed(path)
    with read_only_file(path):
        services = Services.build(Store(path))
        try:
            assert [n.id for n in services.notes.list(cafe_id)] == saved
            with pytest.raises(StorageError) as err:
                services.notes.add(cafe_id, table_id, round_id, "This one can't be saved")
            assert one_line(err) == (f"Café Desk can't save: the data file {path} is read-only. "
                                     "Nothing was changed; ask for write access or choose another data folder.")
            assert [n.id for n in services.notes.list(cafe_id)] == saved
        finally:
            services.store.close()
    assert sorted(note_ids(path, cafe_id)) == sorted(saved)


def test_read_only_folder_is_refused_with_a_plain_message(tmp_path):
    folder = tmp_path / "data"
    path = folder / "cafe.sqlite3"
    cafe_id, _, _, saved = seed(path)
    with read_only_folder(folder):
        with pytest.raises(StorageError) as err:
            Store(path)
        # a WAL file can't be read without its shared-memory file next to it, which can't be created here
        assert one_line(err) == (f"Café Desk can't open its data file {path}; check that the folder exists "
                                 "and can be written to.")
    assert sorted(note_ids(path, cafe_id)) == sorted(saved)


def test_locked_file_times_out_with_busy_message(tmp_path):
    path = tmp_path / "cafe.sqlite3"
    cafe_id, table_id, round_id, saved = seed(path)
    services = Services.build(Store(path))
    services.store.conn.execute("PRAGMA busy_timeout=300")  # the same setting, shorter, to keep the test quick
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("INSERT INTO app_state (key, value) VALUES ('other', 'program')")
        started = time.monotonic()
        with pytest.raises(StorageError) as err:
            services.notes.add(cafe_id, table_id, round_id, "Typed while the file was locked")
        assert time.monotonic() - started >= 0.25  # it waited for the lock before giving up
        assert one_line(err) == BUSY
        holder.execute("ROLLBACK")
        after, _ = services.notes.add(cafe_id, table_id, round_id, "Typed again once the lock was gone")
    finally:
        holder.close()
        services.store.close()
    assert note_ids(path, cafe_id) == {*saved, after.id}


def test_a_short_lock_is_waited_out(tmp_path):
    path = tmp_path / "cafe.sqlite3"
    cafe_id, table_id, round_id, saved = seed(path)
    services = Services.build(Store(path))
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        note, _ = services.notes.add(cafe_id, table_id, round_id, "Saved after a short wait")
    finally:
        release.join()
        holder.close()
        services.store.close()
    assert note_ids(path, cafe_id) == {*saved, note.id}


@pytest.fixture
def small_disk(tmp_path):
    """A real 2 MB filesystem (tmpfs), so the disk really fills up."""
    if not IS_ROOT:
        pytest.skip("mounting a small tmpfs to fill needs root")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    result = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount))
    if result.returncode:
        pytest.skip(f"can't mount a small tmpfs here ({result.stderr.strip()})")
    yield mount
    if run("umount", str(mount)).returncode:
        run("umount", "-l", str(mount))


def fill(folder: Path, leave: int) -> Path:
    """Fill the filesystem holding `folder`, then give back `leave` bytes."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 65536)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
        os.ftruncate(fd, max(0, os.fstat(fd).st_size - leave))
    finally:
        os.close(fd)
    return filler


def test_full_disk_says_so_and_keeps_saved_notes(small_disk):
    path = small_disk / "cafe.sqlite3"
    cafe_id, table_id, round_id, saved = seed(path)
    services = Services.build(Store(path))
    filler = fill(small_disk, leave=48 * 1024)
    try:
        with pytest.raises(StorageError) as err:
            for i in range(10_000):
                note, _ = services.notes.add(cafe_id, table_id, round_id, f"Long point {i}: " + "words " * 600)
                saved.append(note.id)
        assert one_line(err) == FULL
        assert note_ids(path, cafe_id) == set(saved)
        check = services.store.conn.execute("PRAGMA integrity_check").fetchone()[0]
        assert check == "ok"
        filler.unlink()
        note, _ = services.notes.add(cafe_id, table_id, round_id, "Saved once there was room again")
        saved.append(note.id)
    finally:
        services.store.close()
    assert note_ids(path, cafe_id) == set(saved)
