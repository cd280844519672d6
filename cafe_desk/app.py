"""The composition root: opens the services on the data file, and builds the GUI around them."""

from __future__ import annotations

import contextlib
import sys
import threading
from pathlib import Path

from cafe_desk import platforms
from cafe_desk.core.errors import UserError
from cafe_desk.core.text import printable
from cafe_desk.private_files import restrict_new_files
from cafe_desk.services import Services, ServicesOpener
from cafe_desk.settings import Settings
from cafe_desk.storage import database


def services_opener(settings: Settings) -> ServicesOpener:
    """Opens the services on the data file: `with services_opener(settings)() as services:` (one per thread; the
    phone server and worker threads are handed the same opener)."""
    return Services.opener_for(settings.db_path)


def start_backup(settings: Settings) -> threading.Thread:
    """Copy the data file into the backups folder in the background (SQLite online backup; last few kept)."""

    def run() -> None:
        try:
            database.backup(settings.db_path, settings.backup_dir)
        except (UserError, OSError) as exc:
            print(f"cafe-desk: the start-up backup was skipped ({exc})", file=sys.stderr)

    thread = threading.Thread(target=run, name="backup", daemon=True)
    thread.start()
    return thread


WARM_UP_AFTER_MS = 1500
SIGNAL_CHECK_MS = 250


def start_warm_up() -> threading.Thread:
    """Ready the safeguarding finder in the background (~0.3 s), so the first point typed doesn't wait for it."""
    from cafe_desk.core.safeguarding import RiskFinder

    thread = threading.Thread(target=RiskFinder.default, name="safeguarding", daemon=True)
    thread.start()
    return thread


def _say(line: str) -> None:
    print(f"cafe-desk: {printable(line)}", file=sys.stderr)


LOCK_NAME = "cafe-desk.lock"
ALREADY_OPEN = ("Café Desk is already open with this data folder. Switch to its window (look in the taskbar or "
                "the dock); two windows on the same cafés would each miss what the other saves.")


def hold_data_folder(data_dir: Path):
    """A QLockFile held on `data_dir` for as long as this window is open, or None when another Café Desk window
    holds it. A lock left by a Café Desk that is no longer running (after a crash) is taken over. UserError (one
    line) when the lock file can't be made at all."""
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(Path(data_dir) / LOCK_NAME))
    lock.setStaleLockTime(0)  # never stale by age: a café day runs for hours; a dead holder is still found stale
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    raise UserError(f"Café Desk can't mark its data folder {Path(data_dir)} as in use (it can't write there). "
                    "Check the folder can be written to, or choose another with --data-dir.")


def run_gui(settings: Settings, *, demo: bool = False) -> int:
    """Open the main window; with `demo`, on the demo café (created the first time). Status 2, with one line on
    stderr, when there is no screen or Qt can't be loaded."""
    missing = platforms.no_screen_line()
    if missing:
        _say(missing)
        return 2
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox
    except ImportError as exc:
        _say(platforms.qt_missing_line(str(exc)))
        return 2
    from cafe_desk.ui.shell.main_window import MainWindow

    restrict_new_files()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Café Desk")
    app.setOrganizationName("Café Desk")
    held = contextlib.ExitStack()
    try:
        if database.needs_upgrade(settings.db_path):
            from cafe_desk.ui.shell.upgrading import run_while_waiting

            run_while_waiting(lambda: database.connect(settings.db_path).close())
        services = held.enter_context(services_opener(settings)())
        lock = hold_data_folder(settings.data_dir)
        if lock is None:
            held.close()
            _say(ALREADY_OPEN)
            QMessageBox.information(None, "Café Desk", ALREADY_OPEN)
            return 2
        held.callback(lock.unlock)
        cafe_id = None
        if demo:
            from cafe_desk.services.demo import ensure_demo

            cafe_id = ensure_demo(services)
    except UserError as exc:
        held.close()
        QMessageBox.critical(None, "Café Desk can't start", str(exc))
        return 2
    with held:
        return _show(app, MainWindow(services), cafe_id or services.cafes.last(), settings)


def _show(app, window, cafe_id: str | None, settings: Settings) -> int:
    """Show the main window on `cafe_id`, start the background work, and run the GUI until it closes."""
    window.open_cafe(cafe_id)
    screen = app.primaryScreen().availableGeometry() if app.primaryScreen() else None
    if screen is not None and (screen.width() <= 1400 or screen.height() <= 800):
        window.showMaximized()  # a laptop screen: the frame and a taskbar would push the status strip off it
    else:
        window.show()
    from PySide6.QtCore import QTimer

    # a shutdown or a closed terminal closes the window as Quit does, so the data file is left whole
    platforms.on_stop_signals(lambda: QTimer.singleShot(0, window.close_without_asking))
    pulse = QTimer(window)  # Qt's loop runs no Python on its own: Python's signal handlers wait for this
    pulse.timeout.connect(lambda: None)
    pulse.start(SIGNAL_CHECK_MS)
    start_backup(settings)
    QTimer.singleShot(WARM_UP_AFTER_MS, start_warm_up)  # after the first screens are drawn, not competing with them
    return app.exec()
