"""The composition root: builds the store and services, and the GUI around them."""

from __future__ import annotations

import sys
import threading

from cafe_desk.core.errors import UserError
from cafe_desk.services import Services
from cafe_desk.settings import Settings
from cafe_desk.storage import database
from cafe_desk.storage.store import Store


def open_services(settings: Settings) -> Services:
    """Open the data file and build the services on it."""
    return Services.build(Store(settings.db_path))


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

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Café Desk")
    app.setOrganizationName("Café Desk")
    try:
        services = open_services(settings)
        cafe_id = None
        if demo:
            from cafe_desk.services.demo import ensure_demo

            cafe_id = ensure_demo(services)
    except UserError as exc:
        QMessageBox.critical(None, "Café Desk can't start", str(exc))
        return 2
    window = MainWindow(services)
    window.open_cafe(cafe_id or services.cafes.last())
    screen = app.primaryScreen().availableGeometry() if app.primaryScreen() else None
    if screen is not None and (screen.width() <= 1400 or screen.height() <= 800):
        window.showMaximized()  # a laptop screen: the frame and a taskbar would push the status strip off it
    else:
        window.show()
    start_backup(settings)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(WARM_UP_AFTER_MS, start_warm_up)  # after the first screens are drawn, not competing with them
    return app.exec()
