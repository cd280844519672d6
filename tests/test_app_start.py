"""Starting the window from the command line: no screen, no Qt, a second window on the same data folder, and a
stop signal from the system, each run for real in a process of its own."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cafe_desk import platforms
from cafe_desk.app import hold_data_folder
from cafe_desk.core.errors import UserError
from cafe_desk.settings import ENV_DATA
from cafe_desk.storage.errors import RESTORING

ROOT = Path(__file__).resolve().parent.parent
SCREEN_VARS = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def env_without(*names: str, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in (*names, ENV_DATA)}
    return {**env, **extra}


# --- no screen, no Qt: one line and status 2 -----------------------------------------------------------------------

@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Windows and macOS always have a screen")
def test_with_no_screen_the_app_says_how_to_run_it(tmp_path):
    result = subprocess.run([sys.executable, "-m", "cafe_desk", "--data-dir", str(tmp_path / "data"), "demo"],
                            capture_output=True, text=True, env=env_without(*SCREEN_VARS), cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("cafe-desk: No screen found") and result.stderr.count("\n") == 1
    assert "`xvfb-run cafe-desk`" in result.stderr
    assert not (tmp_path / "data").exists()


REFUSE_QT = """
import sys

class RefuseQtWidgets:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6.QtWidgets":
            raise ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")

sys.meta_path.insert(0, RefuseQtWidgets())
from cafe_desk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_when_qt_cant_load_the_app_says_what_to_install(tmp_path):
    result = subprocess.run([sys.executable, "-c", REFUSE_QT, "--data-dir", str(tmp_path / "data"), "demo"],
                            capture_output=True, text=True, env=env_without(QT_QPA_PLATFORM="offscreen"), cwd=ROOT,
                            timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert result.stderr.startswith("cafe-desk: The window can't open") and "libEGL.so.1" in result.stderr
    if sys.platform.startswith("linux"):
        assert "sudo apt install libegl1" in result.stderr and "libglib2.0-0" in result.stderr


def test_readme_dev_and_the_message_name_the_same_system_packages():
    dev = re.search(r"QT_RUNTIME=\(([^)]*)\)", (ROOT / "dev").read_text(encoding="utf-8")).group(1).split()
    readme = re.search(r"`sudo apt install ([^`]*)`", (ROOT / "README.md").read_text(encoding="utf-8")).group(1)
    assert sorted(dev) == sorted(platforms.QT_APT_PACKAGES) == sorted(readme.split())


def test_the_readme_says_how_to_restore_a_backup_copy_as_the_message_promises():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"### {RESTORING}\n", 1)[1].split("\n#", 1)[0]
    assert "backups/" in section and "cafe-desk.sqlite3-wal" in section and "close Café Desk" in section


# --- one window per data folder ------------------------------------------------------------------------------------

def test_a_second_window_on_the_same_data_folder_is_refused(qapp, tmp_path):
    first = hold_data_folder(tmp_path)
    assert first is not None
    assert hold_data_folder(tmp_path) is None
    first.unlock()
    again = hold_data_folder(tmp_path)
    assert again is not None
    again.unlock()


def test_a_data_folder_where_nothing_can_be_written_is_not_called_already_open(qapp, tmp_path):
    not_a_folder = tmp_path / "afile"
    not_a_folder.write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match=r"^Café Desk can't mark its data folder .* as in use \(it can't write there\)"):
        hold_data_folder(not_a_folder)


HOLDER = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(0)
print("held", flush=True)
sys.stdin.read()
"""


def test_a_window_in_another_process_holds_the_folder_until_it_is_gone(qapp, tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path / "cafe-desk.lock")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline() == "held\n"
        assert hold_data_folder(tmp_path) is None
    finally:
        holder.kill()  # a crash: the lock file stays behind
        holder.wait(timeout=30)
    assert (tmp_path / "cafe-desk.lock").exists()
    taken = hold_data_folder(tmp_path)
    assert taken is not None
    taken.unlock()


# --- a stop signal closes the window as Quit does --------------------------------------------------------------------

def _wait_for(ready, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while not ready():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the window never finished starting"
        time.sleep(0.2)


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM and SIGHUP")
@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_leaves_everything_in_the_data_file(tmp_path, sent):
    data_dir = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-m", "cafe_desk", "--data-dir", str(data_dir), "demo"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env=env_without(QT_QPA_PLATFORM="offscreen"))
    try:
        # the start-up backup copy is begun only once the window is up and listening for stop signals
        _wait_for(lambda: any((data_dir / "backups").glob("*.sqlite3")), proc)
        proc.send_signal(sent)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    db = data_dir / "cafe-desk.sqlite3"
    assert not Path(f"{db}-wal").exists()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT count(*) FROM cafe").fetchone()[0] == 1
    finally:
        conn.close()
    assert not (data_dir / "cafe-desk.lock").exists()
