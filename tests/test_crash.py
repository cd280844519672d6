"""A kill at any moment loses no committed note: a writer process is SIGKILLed at random moments, repeatedly."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WRITER = Path(__file__).with_name("crash_writer.py")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n")
KILLS = 5


def run_until_killed(path: Path, delay: float, after_ready: bool) -> list[str]:
    """Start the writer, SIGKILL it `delay` seconds after it starts (or after it has its café); its saved ids."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(WRITER), str(path)], stdout=subprocess.PIPE, env=env, cwd=ROOT)
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for raw in child.stdout:
            line = raw.decode()
            if line.startswith("cafe "):
                ready.set()
            lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if after_ready:
        assert ready.wait(15), "the writer did not start"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    reader.join(10)
    assert child.returncode == -signal.SIGKILL, "the writer stopped before it was killed"
    return [line.strip() for line in lines if UUID.fullmatch(line)]


@pytest.mark.slow
def test_killed_writers_lose_no_committed_note(tmp_path):
    path = tmp_path / "crash.sqlite3"
    rng = random.Random()
    reported: list[str] = []
    # one kill early in start-up (opening, migrating, planning), the rest while notes are being written
    plan = [(rng.uniform(0.05, 0.3), False)] + [(rng.uniform(0.05, 0.5), True) for _ in range(KILLS)]
    for delay, after_ready in plan:
        reported += run_until_killed(path, delay, after_ready)
    assert len(reported) > 20, "the writers saved too few notes for the test to mean anything"

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT id FROM note")}
        assert conn.execute("SELECT COUNT(*) FROM cafe").fetchone()[0] == 1
    finally:
        conn.close()
    missing = set(reported) - stored
    assert not missing, f"{len(missing)} of {len(reported)} committed notes were lost"
