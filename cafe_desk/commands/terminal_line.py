"""The line a long command keeps on the terminal to say how far it has got ("Importing file 12 of 150…"): on stderr,
only when stderr is a terminal (never in a file or a pipe), rewritten in place at most a few times a second, and
cleared before anything else is printed."""

from __future__ import annotations

import sys
import time

#: the fewest seconds between two rewrites of the line (the last one always shows)
EVERY = 0.1


class TerminalLine:
    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.on = self.stream.isatty()
        self._width = 0  # of the line now shown
        self._at = 0.0  # when it was written

    def show(self, text: str, *, now: bool = False) -> None:
        """Put `text` in place of the line shown (if a moment has passed since, or `now`)."""
        if not self.on or (not now and time.monotonic() - self._at < EVERY):
            return
        print(f"\r{text}{' ' * max(0, self._width - len(text))}", end="", file=self.stream, flush=True)
        self._width, self._at = len(text), time.monotonic()

    def clear(self) -> None:
        """Take the line away, so what is printed next starts on a clean line."""
        if self._width:
            print(f"\r{' ' * self._width}\r", end="", file=self.stream, flush=True)
            self._width = 0
