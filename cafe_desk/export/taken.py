"""Which characters of a text are already taken by a finding, with quick overlap tests, so the finders stay fast on
texts with thousands of findings (a megabyte pasted into a comment) as well as on everyday short ones."""

from __future__ import annotations

from collections.abc import Iterable

SHORT = 4096  # below this many characters a plain list of ranges is quicker than one byte a character


class Taken:
    """The characters of a text of `length` characters taken by non-overlapping [start, end) ranges."""

    def __init__(self, length: int, ranges: Iterable[tuple[int, int]] = ()):
        self._ranges: list[tuple[int, int]] | None = [] if length < SHORT else None
        self._bits = bytearray(length) if self._ranges is None else None
        for start, end in ranges:
            self._take(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """True if [start, end) shares a character with a range taken."""
        if self._ranges is not None:
            return any(start < e and s < end for s, e in self._ranges)
        return self._bits.find(1, start, end) != -1

    def covers(self, position: int) -> bool:
        """True if the character at `position` is taken."""
        if self._ranges is not None:
            return any(s <= position < e for s, e in self._ranges)
        return 0 <= position < len(self._bits) and self._bits[position] == 1

    def add(self, start: int, end: int) -> bool:
        """Take [start, end) unless it is empty or overlaps a range taken; True if taken."""
        if end <= start or self.overlaps(start, end):
            return False
        self._take(start, end)
        return True

    def _take(self, start: int, end: int) -> None:
        if self._ranges is not None:
            self._ranges.append((start, end))
        else:
            self._bits[start:end] = b"\1" * (end - start)
