"""Sets of non-overlapping character ranges with a quick overlap test, so the finders stay fast on texts with
thousands of findings (a megabyte pasted into a comment)."""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable


class Intervals:
    """Non-overlapping [start, end) ranges."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()):
        self._starts: list[int] = []
        self._ends: dict[int, int] = {}
        for start, end in ranges:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """True if [start, end) shares a character with a range in the set."""
        i = bisect_right(self._starts, start)
        if i and self._ends[self._starts[i - 1]] > start:
            return True
        return i < len(self._starts) and self._starts[i] < end

    def covers(self, position: int) -> bool:
        """True if `position` is inside a range in the set."""
        i = bisect_right(self._starts, position)
        return bool(i) and self._ends[self._starts[i - 1]] > position

    def add(self, start: int, end: int) -> bool:
        """Add [start, end) unless it overlaps one already there; True if added."""
        if end <= start or self.overlaps(start, end):
            return False
        insort(self._starts, start)
        self._ends[start] = end
        return True
