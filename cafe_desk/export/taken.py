"""Which characters of a text are already taken by a finding, with quick overlap tests, so the finders stay fast on
texts with thousands of findings (a megabyte pasted into a comment): one byte a character, tested in C."""

from __future__ import annotations

from collections.abc import Iterable


class Taken:
    """The characters of a text of `length` characters taken by non-overlapping [start, end) ranges."""

    def __init__(self, length: int, ranges: Iterable[tuple[int, int]] = ()):
        self._bits = bytearray(length)
        for start, end in ranges:
            self._bits[start:end] = b"\1" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """True if [start, end) shares a character with a range taken."""
        return self._bits.find(1, start, end) != -1

    def covers(self, position: int) -> bool:
        """True if the character at `position` is taken."""
        return 0 <= position < len(self._bits) and self._bits[position] == 1

    def add(self, start: int, end: int) -> bool:
        """Take [start, end) unless it is empty or overlaps a range taken; True if taken."""
        if end <= start or self.overlaps(start, end):
            return False
        self._bits[start:end] = b"\1" * (end - start)
        return True
