"""What differs between Windows, macOS and Linux (`cafe_desk/platforms.py`): each branch that can run here runs
with that system's branch taken (`platforms.CURRENT` set for the test), and no other module decides by itself."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cafe_desk import platforms
from cafe_desk.platforms import System
from cafe_desk.private_files import create_private_file, make_private, restrict_new_files
from cafe_desk.services import Services
from cafe_desk.settings import ENV_DATA, Settings
from cafe_desk.storage.store import Store
from tests.conftest import mental_health_plan
from tests.server.test_serve_cli import serving

ROOT = Path(__file__).resolve().parent.parent
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="needs POSIX modes, signals or chattr to set the scene")


@pytest.fixture
def system(monkeypatch):
    """Take another system's branches: `system(System.WINDOWS)`."""
    return lambda which: monkeypatch.setattr(platforms, "CURRENT", which)


# --- private files -----------------------------------------------------------------------------------------------

@POSIX_ONLY
def test_on_windows_modes_are_left_to_the_profile_folder(system, tmp_path):
    loose = tmp_path / "loose.txt"
    loose.write_text("x")
    loose.chmod(0o644)
    system(System.WINDOWS)
    before = os.umask(0o022)
    try:
        restrict_new_files()
        assert os.umask(0o022) == 0o022  # not narrowed
        make_private(loose)
        assert stat.S_IMODE(loose.stat().st_mode) == 0o644
        create_private_file(tmp_path / "new.key")
        assert (tmp_path / "new.key").read_bytes() == b""
    finally:
        os.umask(before)


@POSIX_ONLY
def test_on_linux_and_macos_files_are_made_private(system, tmp_path):
    for which in (System.LINUX, System.MACOS):
        system(which)
        loose = tmp_path / f"{which.value}.txt"
        loose.write_text("x")
        loose.chmod(0o644)
        make_private(loose)
        assert stat.S_IMODE(loose.stat().st_mode) == 0o600


# --- the chime ---------------------------------------------------------------------------------------------------

def stand_in_players(folder: Path, log: Path, names: tuple[str, ...]) -> None:
    folder.mkdir()
    for name in names:
        script = folder / name
        script.write_text(f"#!/bin/sh\nprintf '%s' '{name}' > '{log}.part' && mv '{log}.part' '{log}'\n")
        script.chmod(0o755)


def test_each_system_has_its_own_players(system):
    expected = {System.WINDOWS: (), System.MACOS: ("afplay",), System.LINUX: ("paplay", "aplay")}
    for which, players in expected.items():
        system(which)
        assert platforms.sound_players() == players


@POSIX_ONLY
@pytest.mark.parametrize(("which", "player"), [(System.MACOS, "afplay"), (System.LINUX, "paplay")])
def test_the_chime_plays_with_the_systems_own_player(system, tmp_path, monkeypatch, which, player):
    log = tmp_path / "played.txt"
    stand_in_players(tmp_path / "bin", log, ("afplay", "paplay", "aplay"))
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    system(which)
    assert platforms.play_wav(tmp_path / "chime.wav")
    for _ in range(500):
        if log.exists():
            break
        time.sleep(0.02)
    assert log.read_text() == player


@POSIX_ONLY
def test_on_windows_no_program_is_started_for_the_chime(system, tmp_path, monkeypatch):
    log = tmp_path / "played.txt"
    stand_in_players(tmp_path / "bin", log, ("afplay", "paplay", "aplay"))
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    system(System.WINDOWS)
    assert platforms.play_wav(tmp_path / "chime.wav") is False  # winsound isn't here: the caller rings the bell
    time.sleep(0.3)
    assert not log.exists()


@pytest.mark.skipif(sys.platform != "win32", reason="winsound is Windows's own")
def test_on_windows_the_chime_plays_with_winsound(tmp_path):
    from cafe_desk.ui.widgets.chime import chime_wav

    assert platforms.play_wav(chime_wav(tmp_path / "chime.wav"))


# --- stopping serve ----------------------------------------------------------------------------------------------

def test_stop_signals_per_system(system):
    system(System.WINDOWS)
    assert platforms.stop_signal_names() == ("SIGINT", "SIGBREAK")
    system(System.LINUX)
    assert platforms.stop_signal_names() == ("SIGINT", "SIGTERM", "SIGHUP")


@POSIX_ONLY
@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_serve_stops_cleanly_when_asked_to(tmp_path, sent):
    _cafe, _token, proc = serving(tmp_path)
    try:
        assert proc.stdout.readline().startswith("http://127.0.0.1:")
        while not proc.stdout.readline().startswith("Press Ctrl+C"):
            pass
        proc.send_signal(sent)
        assert proc.wait(timeout=30) == 0, proc.stderr.read()
        assert "Traceback" not in proc.stderr.read()
    finally:
        proc.kill()
        proc.wait()


# --- moving a finished file into place ---------------------------------------------------------------------------

@pytest.fixture
def held_open(tmp_path):
    """A target file that can't be replaced, as one open in another program on Windows (immutable here)."""
    target = tmp_path / "cards.pdf"
    target.write_bytes(b"old")
    if os.name != "posix" or subprocess.run(["chattr", "+i", str(target)], capture_output=True).returncode != 0:
        pytest.skip("cannot make a file immutable here")
    yield target
    subprocess.run(["chattr", "-i", str(target)], check=True)


def test_on_windows_a_file_held_open_is_tried_again_then_named(system, held_open, tmp_path):
    source = tmp_path / "new.part"
    source.write_bytes(b"new")
    waits = []
    system(System.WINDOWS)
    with pytest.raises(platforms.FileInUseError) as raised:
        platforms.replace_file(source, held_open, sleep=waits.append)
    assert waits == list(platforms.REPLACE_WAITS)
    assert raised.value.strerror == "cards.pdf is open in another program; close it there and try again"
    assert held_open.read_bytes() == b"old" and source.read_bytes() == b"new"


def test_on_windows_a_file_let_go_of_meanwhile_is_replaced(system, held_open, tmp_path):
    source = tmp_path / "new.part"
    source.write_bytes(b"new")
    system(System.WINDOWS)
    platforms.replace_file(source, held_open,
                           sleep=lambda _: subprocess.run(["chattr", "-i", str(held_open)], check=True))
    assert held_open.read_bytes() == b"new" and not source.exists()


def test_elsewhere_a_refused_replace_is_not_tried_again(system, held_open, tmp_path):
    source = tmp_path / "new.part"
    source.write_bytes(b"new")
    waits = []
    system(System.LINUX)
    with pytest.raises(PermissionError) as raised:
        platforms.replace_file(source, held_open, sleep=waits.append)
    assert waits == [] and not isinstance(raised.value, platforms.FileInUseError)


# --- paths -------------------------------------------------------------------------------------------------------

def test_a_windows_data_file_becomes_an_sqlite_uri(system):
    system(System.WINDOWS)
    assert platforms.sqlite_uri(r"C:\Users\Anna #1\AppData\Local\cafe-desk\cafe-desk.sqlite3", "ro") == (
        "file:///C:/Users/Anna%20%231/AppData/Local/cafe-desk/cafe-desk.sqlite3?mode=ro")


def test_a_data_folder_named_with_uri_characters_is_read_where_it_is(tmp_path):
    """#, ? and % in the folder's name would cut a plain `file:` URI short, so the version check would read (and
    create) another file: a newer data file there is still refused, nothing is made beside it, and it backs up."""
    from cafe_desk.storage import migrations
    from cafe_desk.storage.database import backup
    from cafe_desk.storage.errors import DatabaseTooNew

    settings = Settings(tmp_path / "Café #2 50% ?ok")
    store = Store(settings.db_path)
    store.conn.execute("INSERT INTO _migrations (number, name, applied_at) VALUES (?, 'later', '2030-01-01')",
                       [migrations.LATEST + 1])
    store.close()
    copy = backup(settings.db_path, settings.backup_dir)
    assert copy is not None and copy.stat().st_size > 0
    with pytest.raises(DatabaseTooNew):
        Store(settings.db_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [settings.data_dir.name]


@pytest.mark.parametrize(("typed", "stem"), [
    ("2026-03-14 Perth", "2026-03-14-Perth"),
    ("Perth/Kinross: a\\b*c?", "Perth-Kinross-a-b-c"),
    ("Gàidhlig café", "Gàidhlig-café"),
    ("con", "con-cafe"), ("LPT1", "LPT1-cafe"), ("Nul", "Nul-cafe"),
    ("///", "cafe"), ("", "cafe"),
])
def test_file_names_from_what_people_typed_work_on_every_system(typed, stem):
    assert platforms.file_stem(typed, "cafe") == stem


def test_a_file_name_is_kept_short():
    assert len(platforms.file_stem("word " * 100, "cafe")) <= platforms.MAX_STEM


# --- output ------------------------------------------------------------------------------------------------------

def test_the_command_line_writes_utf8_whatever_the_code_page(tmp_path):
    """A Windows pipe's code page (cp1252) can't write "✓": the command line writes UTF-8 instead of failing."""
    data_dir = tmp_path / "data"
    services = Services.build(Store(Settings(data_dir).db_path))
    plan = mental_health_plan(services)
    plan.title = "Perth ✓ — Zoë’s café"
    services.planning.create(plan)
    services.store.close()
    env = {k: v for k, v in os.environ.items() if k != ENV_DATA} | {"PYTHONIOENCODING": "cp1252"}
    result = subprocess.run([sys.executable, "-m", "cafe_desk", "--data-dir", str(data_dir), "cafes"],
                            capture_output=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "Perth ✓ — Zoë’s café" in result.stdout.decode("utf-8")


# --- one module decides -------------------------------------------------------------------------------------------

PLATFORM_DECISIONS = re.compile(r"sys\.platform|os\.name\b|os\.replace\(|signal\.signal\(|import winsound|O_BINARY")


def test_only_platforms_decides_what_differs_between_systems():
    package = ROOT / "cafe_desk"
    found = {str(path.relative_to(package)): PLATFORM_DECISIONS.findall(path.read_text(encoding="utf-8"))
             for path in package.rglob("*.py") if path.name != "platforms.py"}
    assert {name: hits for name, hits in found.items() if hits} == {}
    modes = [str(p.relative_to(package)) for p in package.rglob("*.py")
             if re.search(r"os\.(chmod|umask)\(", p.read_text(encoding="utf-8"))]
    assert modes == ["private_files.py"]  # which branches on platforms.has_posix_modes()


def test_the_repository_keeps_lf_line_ends_on_every_system():
    rules = (ROOT / ".gitattributes").read_text(encoding="utf-8").split()
    assert "eol=lf" in rules and "text=auto" in rules


@POSIX_ONLY
def test_a_file_is_never_moved_over_a_device_or_a_pipe(tmp_path):
    import os

    pipe = tmp_path / "pipe.pdf"
    os.mkfifo(pipe)
    source = tmp_path / "new.pdf"
    source.write_bytes(b"%PDF")
    with pytest.raises(platforms.NotAFileError, match="not a file"):
        platforms.replace_file(source, pipe)
    assert pipe.is_fifo() and source.exists()
    with pytest.raises(platforms.NotAFileError):
        platforms.replace_file(source, "/dev/null")
    platforms.replace_file(source, tmp_path / "plain.pdf")
    assert (tmp_path / "plain.pdf").read_bytes() == b"%PDF"
