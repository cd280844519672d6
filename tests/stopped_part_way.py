"""Commands stopped part way, at a known moment: `stopped(...)` runs the command line in a process of its own that
sends itself a signal the first time the command opens a file whose path holds a given text (as an export writes
into its folder of unfinished files, say, or as an import opens its second file).

Run as a program: python -m tests.stopped_part_way SIGNAL TEXT CAFE-DESK-ARGUMENTS…   (SIGNAL: INT, TERM or KILL;
INT*2 or TERM*2 sends it twice, one straight after the other, as a person pressing Ctrl+C twice)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from cafe_desk.settings import ENV_DATA

ROOT = Path(__file__).resolve().parents[1]


def stopped(sent: str, at: str, *args: str, data_dir: Path) -> subprocess.CompletedProcess:
    """Run `cafe-desk --data-dir DIR ARGS…` and send it SIG`sent` the first time it opens a file whose path holds
    `at`."""
    env = {**{k: v for k, v in os.environ.items() if k != ENV_DATA}, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "tests.stopped_part_way", sent, at, "--data-dir", str(data_dir),
                           *args], capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, timeout=60)


def stop_at_first_open(number: int, text: str, times: int = 1) -> None:
    """Send this process signal `number` as soon as a file whose path holds `text` is opened (once; `times` times
    over)."""
    sent = False

    def hook(event: str, args: tuple) -> None:
        nonlocal sent
        if event == "open" and not sent and text in str(args[0]):
            sent = True
            for _ in range(times):
                os.kill(os.getpid(), number)

    sys.addaudithook(hook)


if __name__ == "__main__":
    name, _, times = sys.argv[1].partition("*")
    stop_at_first_open(getattr(signal, f"SIG{name}"), sys.argv[2], int(times or 1))
    from cafe_desk.cli import main

    sys.exit(main(sys.argv[3:]))
