"""Tests of the domain rules. Shared here: the check that no hidden count by group can be worked back."""

from __future__ import annotations

from collections.abc import Collection, Mapping


def worked_back(counts: Mapping[str, float], hidden: Collection[str], never_shown: Collection[str] = ()) -> bool:
    """Whether someone who sees the set's total and its shown counts can tell a hidden group's count: some group's
    count is hidden, something is still shown, and the hidden parts hold fewer than two counts above zero (so the
    total minus the shown counts is that one group's, or nothing at all), or, with no part never shown, they add up
    to exactly their number (a zero is shown, so each hidden one is at least 1: they are all 1)."""
    if not [k for k in hidden if k not in never_shown] or len(hidden) == len(counts):
        return False
    positive = [counts[k] for k in hidden if counts[k] > 0]
    return len(positive) < 2 or (not never_shown and sum(positive) <= len(positive))
