"""The audible "time is up" cue: a short chime, played with whatever the system offers (`platforms.play_wav`:
winsound, afplay, paplay or aplay), never blocking the UI.

The sound is written once per run into a temporary folder of this program's own (readable by this account only),
never to a fixed name in the shared temporary folder, where another account could have put a file of its choosing.
"""

from __future__ import annotations

import atexit
import functools
import math
import shutil
import struct
import tempfile
import wave
from pathlib import Path

from PySide6.QtWidgets import QApplication

from cafe_desk import platforms

_RATE = 22050


def chime_wav(path: Path) -> Path:
    """Write a soft three-note chime (about a second) to `path` as 16-bit mono WAV."""
    frames = bytearray()
    for freq in (660.0, 880.0, 990.0):
        n = int(_RATE * 0.32)
        for i in range(n):
            fade = min(1.0, i / 400) * (1 - i / n) ** 2
            frames += struct.pack("<h", int(12000 * fade * math.sin(2 * math.pi * freq * i / _RATE)))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(_RATE)
        w.writeframes(bytes(frames))
    return path


@functools.cache
def chime_file() -> Path:
    """The chime as a WAV file in a private temporary folder (mode 0700) made for this run and removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="cafe-desk-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return chime_wav(folder / "chime.wav")


def play_chime() -> None:
    """Play the chime in the background; fall back to the system bell when no player is available."""
    try:
        path = chime_file()
        if not path.exists():  # something cleared the temporary folder during the run
            chime_file.cache_clear()
            path = chime_file()
    except OSError:
        QApplication.beep()
        return
    if not platforms.play_wav(path):
        QApplication.beep()
