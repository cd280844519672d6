"""Size and cold start of the double-click app (`./dev package`, PyInstaller one folder) against the installed
wheel, measured in the same run.

Both start the same way on one virtual screen (Xvfb): a fresh process each time (`cafe-desk --data-dir DIR`, the
demo café made first and not timed), timed from spawning it to its main window being shown (`xwininfo` sees it
viewable, polled every 10 ms). Runs alternate wheel/app so machine noise hits both alike; the first start of each
(its files not yet in the file cache) is reported apart. The wheel is built from this checkout and installed into
a fresh virtual environment, as the packaging tests do.

    .venv/bin/python bench/bench_frozen.py [--app "dist/Cafe Desk"] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.packaging.install import build_wheel, clean_env, install_wheel, make_venv, source_copy  # noqa: E402
from tests.packaging.screen import VirtualScreen  # noqa: E402

MAKE_DEMO = ("import sys\nfrom cafe_desk.app import services_opener\nfrom cafe_desk.settings import Settings\n"
             "from cafe_desk.services.demo import ensure_demo\n"
             "with services_opener(Settings.resolve(sys.argv[1]))() as s:\n    s.cafes.remember_last(ensure_demo(s))")


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def start_time(display: VirtualScreen, command: list[str], env: dict, cwd: Path) -> float:
    start = time.perf_counter()
    app = subprocess.Popen(command, env=display.env(env), cwd=cwd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        display.wait_for_main_window(app)
        return time.perf_counter() - start
    finally:
        app.terminate()
        app.wait(timeout=60)
        while display.main_window() is not None:  # gone from the screen before the next start
            time.sleep(0.01)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", default=str(ROOT / "dist" / "Cafe Desk"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app_folder = Path(args.app)
    window_exe = app_folder / "Cafe Desk"
    if not window_exe.exists():
        raise SystemExit(f"no app at {app_folder}: build it with ./dev package")
    work = Path(tempfile.mkdtemp(prefix="cafe-desk-frozen-bench-"))
    try:
        wheel = build_wheel(source_copy(work / "src"), work / "dist")
        venv = make_venv(work / "venv")
        install_wheel(venv, wheel)
        env = clean_env()
        data = work / "data"
        subprocess.run([str(venv.python), "-c", MAKE_DEMO, str(data)], check=True, env=env, cwd=work)
        commands = {"wheel": [str(venv.script("cafe-desk")), "--data-dir", str(data)],
                    "app": [str(window_exe), "--data-dir", str(data)]}
        first: dict[str, float] = {}
        times: dict[str, list[float]] = {"wheel": [], "app": []}
        with VirtualScreen() as display:
            for name, command in commands.items():
                first[name] = start_time(display, command, env, work)
            for _ in range(args.runs):
                for name, command in commands.items():
                    times[name].append(start_time(display, command, env, work))
        zipped = shutil.make_archive(str(work / "app"), "zip", app_folder.parent, app_folder.name)
        wheel_median, app_median = statistics.median(times["wheel"]), statistics.median(times["app"])
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"load {os.getloadavg()[0]:.1f}")
        print(f"wheel: {wheel.stat().st_size / 1e6:.2f} MB file; app folder: {folder_size(app_folder) / 1e6:.0f} MB, "
              f"zipped {Path(zipped).stat().st_size / 1e6:.0f} MB")
        print(f"first start: wheel {first['wheel']:.3f} s, app {first['app']:.3f} s")
        print(f"cold start, median of {args.runs}: wheel {wheel_median:.3f} s "
              f"(min {min(times['wheel']):.3f}), app {app_median:.3f} s (min {min(times['app']):.3f}); "
              f"app/wheel {app_median / wheel_median:.2f}×")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
