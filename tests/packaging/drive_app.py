"""Runs `cafe-desk ARGS` in this interpreter, as the command line would, for the packaging tests.

    python drive_app.py [--drive-log FILE] [--drive-shown] [--drive-screenshot PNG] ARGS...

--drive-log FILE        append the path of every file the app opens to FILE, one a line (an audit hook)
--drive-shown           the GUI's event loop runs one pass, prints "shown" and returns, so the app exits
--drive-screenshot PNG  with --drive-shown: save the main window as it was drawn
"""

from __future__ import annotations

import os
import sys


def record_opens(log_path: str) -> None:
    log = open(log_path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - kept open for the whole run

    def hook(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
            log.write(os.path.abspath(os.fsdecode(args[0])) + "\n")

    sys.addaudithook(hook)


def one_pass(screenshot: str | None) -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    def once(app) -> int:
        app.processEvents()
        if screenshot:
            window = next(w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible())
            window.grab().save(screenshot)
        print("shown", flush=True)
        return 0

    QApplication.exec = once


def main() -> int:
    args = sys.argv[1:]
    screenshot = None
    shown = False
    while args and args[0].startswith("--drive-"):
        option = args.pop(0)
        if option == "--drive-log":
            record_opens(args.pop(0))
        elif option == "--drive-shown":
            shown = True
        elif option == "--drive-screenshot":
            screenshot = args.pop(0)
        else:
            raise SystemExit(f"unknown option {option}")
    if shown:
        one_pass(screenshot)
    from cafe_desk.cli import main as cafe_desk

    return cafe_desk(args)


if __name__ == "__main__":
    sys.exit(main())
