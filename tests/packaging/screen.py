"""A virtual screen (Xvfb) for driving a built app as a person would see it: start one on a free display, wait for
the app's main window to be shown (`xwininfo`), and save the screen to a PNG."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

SIZE = "1366x768x24"
MAIN_WINDOW = re.compile(r'^\s+(0x[0-9a-f]+) ".*Café Desk": \("', re.M)  # the main window has a window class


def available() -> bool:
    return sys.platform.startswith("linux") and all(shutil.which(tool) for tool in ("Xvfb", "xwininfo"))


class VirtualScreen:
    """`with VirtualScreen() as screen:` an Xvfb server of this process's own; `screen.env(...)` to run apps on it."""

    def __enter__(self) -> VirtualScreen:
        read, write = os.pipe()
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", SIZE, "-nolisten", "tcp"],
                                     pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as announced:
            self.display = f":{announced.readline().strip()}"
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def env(self, base: dict[str, str]) -> dict[str, str]:
        env = {k: v for k, v in base.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        return env | {"DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}

    def main_window(self) -> str | None:
        """The id of Café Desk's main window if it is on the screen now."""
        tree = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True, encoding="utf-8",
                              errors="replace", env=self.env(dict(os.environ))).stdout
        for window in MAIN_WINDOW.findall(tree):
            info = subprocess.run(["xwininfo", "-id", window], capture_output=True, encoding="utf-8",
                                  errors="replace", env=self.env(dict(os.environ))).stdout
            if "IsViewable" in info:
                return window
        return None

    def wait_for_main_window(self, app: subprocess.Popen, timeout: float = 120, poll: float = 0.01) -> float:
        """Seconds until the main window is shown; fails if `app` exits first or `timeout` passes."""
        start = time.perf_counter()
        while self.main_window() is None:
            if app.poll() is not None:
                raise AssertionError(f"the app exited ({app.returncode}) before its window was shown")
            if time.perf_counter() - start > timeout:
                raise AssertionError("the app's window was not shown")
            time.sleep(poll)
        return time.perf_counter() - start

    def screenshot(self, png: Path) -> None:
        """Save the whole screen to `png` (through Qt, from this environment's PySide6)."""
        code = ("import sys\nfrom PySide6.QtGui import QGuiApplication\napp = QGuiApplication(sys.argv[:1])\n"
                "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)")
        subprocess.run([sys.executable, "-c", code, str(png)], check=True, env=self.env(dict(os.environ)),
                       timeout=60)
