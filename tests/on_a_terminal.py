"""Running `cafe-desk` with stderr on a terminal (a pty) and stdout on a pipe, as `cafe-desk import … > list.txt`
typed in a terminal: what the command wrote to the terminal, rewrites and all, and what a person is left seeing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cafe_desk.settings import ENV_DATA

ROOT = Path(__file__).resolve().parents[1]


def run_on_a_terminal(data_dir: Path, *args: str) -> tuple[subprocess.CompletedProcess, str]:
    """(the finished process, stdout as bytes; everything written to the terminal, "\\r" rewrites kept)."""
    import pty  # POSIX only

    terminal, stderr = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != ENV_DATA}
    try:
        result = subprocess.run([sys.executable, "-m", "cafe_desk", "--data-dir", str(data_dir), *args],
                                stdout=subprocess.PIPE, stderr=stderr, env={**env, "PYTHONIOENCODING": "utf-8"},
                                cwd=ROOT, timeout=120)
    finally:
        os.close(stderr)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:  # the terminal's other end is closed and all it held was read
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    return result, shown.decode("utf-8").replace("\r\n", "\n")


def left_on_screen(text: str) -> list[str]:
    """The terminal's lines once each "\\r" rewrite is applied, blank ones left out."""
    return [line for line in (part.rsplit("\r", 1)[-1].strip() for part in text.split("\n")) if line]
