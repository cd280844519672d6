"""Cold start to the main window shown, against a bare PySide6 window with a table view as the floor.

Each run is a fresh interpreter started by this script; the time is from spawning it to the child printing that its
window is shown (after the first event-loop pass). Runs alternate app/floor so machine noise hits both alike.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

import cafe_desk

FLOOR = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QTableView()); w.resize(1366, 768); w.show()
app.processEvents()
print("shown", flush=True)
"""

# The real start path (`cafe-desk --data-dir DIR`), with the event loop replaced by one pass so the child exits.
APP = """
import sys
from PySide6.QtWidgets import QApplication
def once(self):
    self.processEvents()
    print("shown", flush=True)
    return 0
QApplication.exec = once
from cafe_desk.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def spawn(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env=env)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=60)
    if line.strip() != "shown":
        raise SystemExit(f"child did not show its window (exit {proc.returncode})")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    # Byte-code as an installed copy has it (pip compiles at install); without this, a machine that sets
    # PYTHONDONTWRITEBYTECODE would compile every changed module from source on every run.
    compileall.compile_dir(os.path.dirname(cafe_desk.__file__), quiet=1)
    data = tempfile.mkdtemp(prefix="cafe-desk-bench-")
    # first start creates the database and the demo café; not measured
    subprocess.run([sys.executable, "-c", "import sys\nfrom cafe_desk.app import services_opener\n"
                    "from cafe_desk.settings import Settings\nfrom cafe_desk.services.demo import ensure_demo\n"
                    "with services_opener(Settings.resolve(sys.argv[1]))() as s:\n"
                    "    s.cafes.remember_last(ensure_demo(s))",
                    data], check=True)
    spawn(FLOOR)
    spawn(APP, data)  # warm the file cache for both
    floor, app = [], []
    for _ in range(args.runs):
        floor.append(spawn(FLOOR))
        app.append(spawn(APP, data))
    f, a = statistics.median(floor), statistics.median(app)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}; {args.runs} runs each, alternating")
    print("| what | median | min | max |")
    print("|---|---|---|---|")
    print(f"| bare PySide6 window + table view (floor) | {f:.3f} s | {min(floor):.3f} s | {max(floor):.3f} s |")
    print(f"| Café Desk to main window shown (demo café open) | {a:.3f} s | {min(app):.3f} s | {max(app):.3f} s |")
    print(f"| ratio | {a / f:.2f}× (goal ≤ 2.5×) | | |")


if __name__ == "__main__":
    main()
