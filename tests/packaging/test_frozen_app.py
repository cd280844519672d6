"""The double-click app built by `./dev package` (PyInstaller, one folder), driven as a facilitator would use it:
the demo opens its window (on a virtual screen on Linux, saved as a screenshot), a phone on 127.0.0.1 sends a
comment, a café is exported and imported, all from the app's own folder. Skipped until the app is built; point
CAFE_DESK_APP at another build's folder to check that one."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.packaging import screen
from tests.packaging.install import ROOT, WINDOWS, clean_env
from tests.packaging.walkthrough import TIMEOUT, CafeDesk, walk_through

APP = Path(os.environ.get("CAFE_DESK_APP", ROOT / "dist" / "Cafe Desk")).resolve()
COMMAND_LINE = APP / ("cafe-desk.exe" if WINDOWS else "cafe-desk")
SHOTS = Path(os.environ.get("CAFE_DESK_SHOTS", ROOT / "build" / "screenshots"))

# run by `./dev package` once the app is built (`-m frozen`); the everyday test run leaves them out
pytestmark = [pytest.mark.packaging, pytest.mark.frozen]


def show_demo_on(display: screen.VirtualScreen | None, env: dict, cwd: Path):
    """A `show_demo` for the built app: on a virtual screen, wait for its main window and save the screen; where
    there is none (a Windows or macOS desktop), wait until the demo café exists and the app is still running."""
    def show_demo(data: Path) -> None:
        app_env = display.env(env) if display else env
        app = subprocess.Popen([str(COMMAND_LINE), "--data-dir", str(data), "demo"], env=app_env, cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, encoding="utf-8")
        try:
            if display:
                display.wait_for_main_window(app)
                time.sleep(1)  # let it finish drawing before the picture is taken
                SHOTS.mkdir(parents=True, exist_ok=True)
                display.screenshot(SHOTS / "frozen-demo.png")
            else:
                deadline = time.monotonic() + TIMEOUT
                while not (data / "cafe-desk.sqlite3").exists() or not _cafes(data, cwd):
                    assert app.poll() is None and time.monotonic() < deadline, app.stderr.read()
                    time.sleep(0.5)
                time.sleep(3)
            assert app.poll() is None, app.stderr.read()
        finally:
            app.terminate()
            app.wait(timeout=TIMEOUT)
    return show_demo


def _cafes(data: Path, cwd: Path) -> list:
    out = subprocess.run([str(COMMAND_LINE), "--data-dir", str(data), "cafes", "--json"], capture_output=True,
                         encoding="utf-8", cwd=cwd, env=clean_env(), timeout=TIMEOUT).stdout
    return json.loads(out or "[]")


def test_the_built_app_walks_through_a_cafe(tmp_path):
    env = clean_env()
    app = CafeDesk([str(COMMAND_LINE)], env, tmp_path)
    if screen.available():
        with screen.VirtualScreen() as display:
            walk_through(app, show_demo_on(display, env, tmp_path), tmp_path)
        assert (SHOTS / "frozen-demo.png").stat().st_size > 0
    else:
        walk_through(app, show_demo_on(None, env, tmp_path), tmp_path)


def test_the_built_app_carries_its_resources():
    inside = APP / "_internal" / "cafe_desk" / "resource_files"
    if not inside.exists():  # macOS keeps the data beside the code in the .app's Resources
        inside = next(APP.rglob("resource_files"))
    shipped = {p.relative_to(inside).as_posix() for p in inside.rglob("*") if p.is_file()}
    expected = {p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}
    assert expected - shipped == set()
