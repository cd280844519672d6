"""The composition root: opens the services on the data file, and builds the GUI around them."""

from __future__ import annotations

import contextlib
import sys
import threading

from cafe_desk.core.errors import UserError
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


def start_warm_up() -> threading.Thread:
    """Ready the safeguarding finder in the background (~0.3 s), so the first point typed doesn't wait for it."""
    from cafe_desk.core.safeguarding import RiskFinder

    thread = threading.Thread(target=RiskFinder.default, name="safeguarding", daemon=True)
    thread.start()
    return thread


def run_gui(settings: Settings, *, demo: bool = False) -> int:
    """Open the main window; with `demo`, on the demo café (created the first time)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from cafe_desk.ui.shell.main_window import MainWindow

    restrict_new_files()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Café Desk")
    app.setOrganizationName("Café Desk")
    held = contextlib.ExitStack()
    try:
        services = held.enter_context(services_opener(settings)())
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
    start_backup(settings)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(WARM_UP_AFTER_MS, start_warm_up)  # after the first screens are drawn, not competing with them
    return app.exec()
