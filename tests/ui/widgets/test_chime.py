"""The chime never plays or writes a file at a name another account can guess in the shared temporary folder."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
import time
import wave
from pathlib import Path

import pytest

from cafe_desk.ui.widgets import chime

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for the system's player")

OLD_FIXED_NAME = "cafe-desk-chime.wav"


@pytest.fixture
def shared_tmp(tmp_path, monkeypatch):
    """A shared temporary folder of the test's own (what tempfile.gettempdir() answers), with a fresh chime file."""
    folder = tmp_path / "shared-tmp"
    folder.mkdir(mode=0o1777)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    chime.chime_file.cache_clear()
    yield folder
    chime.chime_file.cache_clear()


@pytest.fixture
def player(tmp_path, monkeypatch):
    """A stand-in for the system's sound player (found first on PATH): it writes down the file it was asked to play.
    Returns the file it writes to."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "played.txt"
    script = folder / "paplay"
    script.write_text(f"#!/bin/sh\nprintf '%s' \"$1\" > '{log}.part' && mv '{log}.part' '{log}'\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return log


def played(log: Path) -> Path:
    deadline = time.monotonic() + 10
    while not log.exists():
        assert time.monotonic() < deadline, "the player was never started"
        time.sleep(0.02)
    return Path(log.read_text())


def test_a_file_planted_at_the_old_fixed_name_is_neither_played_nor_overwritten(shared_tmp, player, qapp):
    planted = shared_tmp / OLD_FIXED_NAME
    planted.write_bytes(b"RIFF planted by another account")
    before = planted.stat()

    chime.play_chime()

    path = played(player)
    assert path != planted and path.exists()
    assert planted.read_bytes() == b"RIFF planted by another account"
    assert (planted.stat().st_mtime_ns, planted.stat().st_ino) == (before.st_mtime_ns, before.st_ino)
    folder = path.parent
    assert folder.parent == shared_tmp and folder.name != OLD_FIXED_NAME
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # no other account can reach or swap the file in it
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getframerate()) == (1, 22050) and w.getnframes() > 0


def test_a_symlink_planted_at_the_old_fixed_name_is_not_written_through(shared_tmp, player, tmp_path, qapp):
    victim = tmp_path / "victim.txt"
    (shared_tmp / OLD_FIXED_NAME).symlink_to(victim)  # dangling: the old code created the file it points to

    chime.play_chime()

    assert played(player).parent.parent == shared_tmp
    assert not victim.exists()


def test_each_chime_of_a_run_plays_the_same_private_file(shared_tmp, player, qapp):
    chime.play_chime()
    first = played(player)
    player.unlink()
    chime.play_chime()
    assert played(player) == first
    assert [p for p in shared_tmp.iterdir()] == [first.parent]
