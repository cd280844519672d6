"""Spotting comments that suggest someone may be at risk, so a person can look at them with care.

A match only *flags* a comment for the facilitator; nothing is hidden or deleted automatically.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_SUPPORT_LINES = (
    ("Breathing Space", "0800 83 85 87"),
    ("Samaritans", "116 123"),
    ("NHS 24", "111"),
)


def normalise(text: str) -> str:
    """Lower case, plain apostrophes and quotes, accents kept, runs of spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return " ".join(text.split())


@dataclass(frozen=True)
class RiskPhrases:
    """A compiled list of phrases; `find` returns the first one present in a text (whole words only)."""

    phrases: tuple[str, ...]
    pattern: re.Pattern

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> RiskPhrases:
        phrases = tuple(normalise(line) for line in lines if line.strip() and not line.lstrip().startswith("#"))
        alternatives = "|".join(sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len,
                                       reverse=True))
        return cls(phrases, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)" if phrases else r"(?!x)x"))

    def find(self, text: str) -> str:
        """The phrase found in `text`, or "" when there is none."""
        match = self.pattern.search(normalise(text))
        return match.group(0) if match else ""


def parse_support_lines(lines: list | None) -> tuple[tuple[str, str], ...]:
    """The café's support lines ([[name, number], …]) or the defaults when none were set."""
    if not lines:
        return DEFAULT_SUPPORT_LINES
    return tuple((str(name), str(number)) for name, number in lines)
