"""Which counts by group to hide so that no small one can be seen or worked back: the one rule, used everywhere.

A set is the counts by group that sit beside one total: the groups of one outcome's votes, or of one round's people
over a café's tables. The rule:

1. A count from 1 to SMALL - 1 is hidden (zero is shown: nobody is in it).
2. Where the set's total is shown, or known to people who were there, one hidden count is no protection at all:
   the total minus the shown counts gives it back. So such a set must end with no hidden count, or with at least
   two hidden parts above zero, or with every count hidden (only the total shown). A part of the total that is never
   shown on its own (votes nobody split by group, say) is a hidden part like any other.
3. While a set falls short, the smallest shown count above zero is hidden too (the first of equal ones, in the
   order given); when there is none, every count is hidden, zeros included, so nobody can tell which group the
   total belongs to. Since a zero is shown, the hidden counts are known to be at least 1 each: where the total less
   the shown counts is exactly their number (all of them 1), they are given back too, so such a set falls short.

Hidden counts all look the same wherever they are shown: saying which were small and which were hidden to protect
them would give the small ones away (a total of 6 hiding "a small one" and "one of 5 or more" can only be 1 + 5).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from typing import TypeVar

SMALL = 5  # the smallest count of people shown for a group

K = TypeVar("K", bound=Hashable)


def is_small(count: float, small: int = SMALL) -> bool:
    """Whether a count is hidden for its own sake: above zero and below `small`."""
    return 0 < count < small


def hidden_counts(counts: Mapping[K, float], *, total_shown: bool = True, never_shown: Collection[K] = (),
                  small: int = SMALL) -> frozenset[K]:
    """The keys of `counts` to hide under the rule above (`never_shown` keys always among them).

    `counts`: one set's counts by key, in the order ties are broken; `total_shown`: whether the set's total is
    shown or known (when it is not, only small counts are hidden); `never_shown`: keys of parts of the total that
    are never shown on their own. Counts may be estimates (fractions of voters); negative counts are read as zero."""
    hidden = {k for k, n in counts.items() if k in never_shown or is_small(n, small)}
    if not total_shown or not hidden - set(never_shown):
        return frozenset(hidden)
    order = {k: i for i, k in enumerate(counts)}
    while True:
        positive = [k for k in hidden if counts[k] > 0]
        known_sum = not never_shown  # a part never shown leaves the hidden counts' sum unknown
        if len(positive) >= 2 and not (known_sum and sum(counts[k] for k in positive) <= len(positive)):
            return frozenset(hidden)
        visible = sorted((k for k, n in counts.items() if k not in hidden and n > 0),
                         key=lambda k: (counts[k], order[k]))
        if not visible:
            return frozenset(counts)
        hidden.add(visible[0])

