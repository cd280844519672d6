"""Redaction values: what a finding is (`Span`), the placeholders, the facilitator's choices in the review before
export, and one item as that review shows it. Pure: no Qt, no SQL; the finders live in export/anonymise."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import cached_property

PLACEHOLDERS = {
    "name": "[NAME]", "email": "[EMAIL]", "phone": "[PHONE]", "postcode": "[POSTCODE]", "health_id": "[HEALTH_ID]",
    "ni_number": "[NI_NUMBER]", "address": "[ADDRESS]", "dob": "[DOB]", "url": "[URL]", "handle": "[HANDLE]",
    "place": "[PLACE]",
}

KIND_WORDS = {
    "name": ("name", "names"), "email": ("email address", "email addresses"),
    "phone": ("phone number", "phone numbers"), "postcode": ("postcode", "postcodes"),
    "health_id": ("health number", "health numbers"), "ni_number": ("NI number", "NI numbers"),
    "address": ("address", "addresses"), "dob": ("date of birth", "dates of birth"),
    "url": ("web address", "web addresses"), "handle": ("social media handle", "social media handles"),
    "place": ("named workplace or school", "named workplaces or schools"),
    "other": ("other personal detail", "other personal details"),
}
# What an unsure finding is called in the review ("3 possible names to check"); kinds not here are always sure.
UNSURE_WORDS = {"name": ("possible name", "possible names"), "place": ("possible workplace or school",
                                                                     "possible workplaces or schools")}
# Every kind the facilitator may remove by hand, with what replaces it ("other" is theirs alone).
REPLACEMENTS = {**PLACEHOLDERS, "other": "[REDACTED]"}


@dataclass(frozen=True)
class Span:
    """One finding: [start, end) in the original text, its kind (a key of PLACEHOLDERS), and whether the finder is
    sure of it. An unsure finding ("possible name") is removed like any other, and shown apart in the review so the
    facilitator can check it."""

    start: int
    end: int
    kind: str
    sure: bool = True

    def as_dict(self) -> dict[str, int | str | bool]:
        """{"start", "end", "kind", "sure"}, as written in JSON lines."""
        return {"start": self.start, "end": self.end, "kind": self.kind, "sure": self.sure}



@dataclass(frozen=True)
class RedactionChoices:
    """The facilitator's changes to one item's proposed redactions, for one export (never saved).

    `put_back`: proposed redactions to leave as they are, by (start, end) in the original text.
    `added`: more to remove, as spans of the original text (kind "name", or any kind of KIND_WORDS).
    `for_text`: the text the choices were made on; if the item's text has changed since, they are ignored.
    `checked`: proposed redactions the finder was unsure of that the facilitator checked and left removed (sure now).
    Spans that are outside the text, empty or of an unknown kind are ignored.
    """

    put_back: frozenset[tuple[int, int]] = frozenset()
    added: tuple[Span, ...] = ()
    for_text: str | None = None
    checked: frozenset[tuple[int, int]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.put_back or self.added or self.checked)


NO_CHOICES = RedactionChoices()
Overrides = Mapping[str, RedactionChoices]  # note id -> the facilitator's choices for it


def _word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def whole_words(text: str, start: object, end: object, kind: object = "name") -> Span | None:
    """The span [start, end) of `text` without surrounding spaces and widened to whole words, so no piece of a
    word is left behind; None if it is not a usable span (outside the text, empty, or an unknown kind)."""
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)) or kind not in REPLACEMENTS:
        return None
    if not 0 <= start < end <= len(text):
        return None
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    while start > 0 and (_word_char(text[start - 1]) or (
            text[start - 1] in "'’-" and start > 1 and _word_char(text[start - 2]) and _word_char(text[start]))):
        start -= 1
    while end < len(text) and (_word_char(text[end]) or (
            text[end] in "'’-" and end + 1 < len(text) and _word_char(text[end + 1]) and _word_char(text[end - 1]))):
        end += 1
    return Span(start, end, str(kind))


def _widened(text: str, span: object) -> Span | None:
    try:
        return whole_words(text, span.start, span.end, span.kind)  # type: ignore[attr-defined]
    except (AttributeError, TypeError):
        return None


def chosen_spans(text: str, proposed: Iterable[Span], choices: RedactionChoices = NO_CHOICES) -> tuple[Span, ...]:
    """What is removed from `text`: the proposed spans less those put back, with the added ones (whole words).
    An added span inside a proposed one changes nothing; one that overlaps others joins them into one span of the
    kind the facilitator chose (the latest added wins), so nothing is replaced twice. In order of position.
    A proposed span keeps its `sure`; what the facilitator added, or anything joined to it or to a sure span, is
    sure; two unsure finds joined stay unsure, to be checked."""
    if not choices or (choices.for_text is not None and choices.for_text != text):
        return tuple(proposed)
    kept = [replace(s, sure=True) if (s.start, s.end) in choices.checked else s
            for s in proposed if (s.start, s.end) not in choices.put_back]
    added = [a for a in (_widened(text, span) for span in choices.added)
             if a and not any(k.start <= a.start and a.end <= k.end for k in kept)]
    marks = sorted([(s.start, s.end, s.kind, -1, s.sure) for s in kept] + [(a.start, a.end, a.kind, i, True)
                                                                            for i, a in enumerate(added)])
    merged: list[list] = []  # [start, end, kind, order of the latest added span in it (-1: none), sure]
    for start, end, kind, order, sure in marks:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1], last[4] = max(last[1], end), last[4] or sure
            if order > last[3]:
                last[2], last[3] = kind, order
        else:
            merged.append([start, end, kind, order, sure])
    return tuple(Span(start, end, kind, sure) for start, end, kind, _, sure in merged)


def replaced(text: str, spans: Iterable[Span]) -> str:
    """`text` with each span (in order, not overlapping) replaced by the placeholder of its kind."""
    out, at = [], 0
    for span in spans:
        out += [text[at:span.start], REPLACEMENTS.get(span.kind, "[REDACTED]")]
        at = span.end
    return "".join(out) + text[at:]


@dataclass(frozen=True)
class PreviewItem:
    """One note or comment as the review before export shows it: its original text and what would be removed."""

    id: str
    source: str
    kind: str
    table: int | None
    round: int | None
    text: str
    spans: tuple[Span, ...]  # the redactions proposed
    left_out: str = ""  # "hidden" or "flagged" when left out unless the facilitator says otherwise, else ""
    choices: RedactionChoices = NO_CHOICES
    flag: str = ""  # the kind of risk flagged (core.safeguarding), shown in the review whether left out or not

    @cached_property
    def removed(self) -> tuple[Span, ...]:
        """What the export removes from the text: the proposed spans with the facilitator's choices applied."""
        return chosen_spans(self.text, self.spans, self.choices)

    @property
    def redacted(self) -> str:
        """The text exactly as the export writes it."""
        return replaced(self.text, self.removed)

    @property
    def to_check(self) -> tuple[Span, ...]:
        """The removals the finder was unsure of ("possible name"), for the facilitator to check."""
        return tuple(s for s in self.removed if not s.sure)

    @property
    def put_back(self) -> tuple[Span, ...]:
        """The proposed redactions the facilitator put back (and has not removed again some other way)."""
        if self.choices.for_text not in (None, self.text):
            return ()
        return tuple(s for s in self.spans if (s.start, s.end) in self.choices.put_back
                     and not any(s.start < r.end and r.start < s.end for r in self.removed))

    def with_put_back(self, span: Span) -> PreviewItem:
        """This item with one of its removals (`span`, one of `removed`) put back: every proposed redaction in it
        is kept as it is, every span added in it is dropped."""
        overlaps = [s for s in self.spans if s.start < span.end and span.start < s.end]
        widened = [(a, _widened(self.text, a)) for a in self.choices.added]
        added = tuple(a for a, w in widened if not (w and w.start < span.end and span.start < w.end))
        put_back = self.choices.put_back | {(s.start, s.end) for s in overlaps}
        return self._choose(put_back, added)

    def with_removal(self, start: int, end: int, kind: str = "name") -> PreviewItem:
        """This item with the words from `start` to `end` removed too (widened to whole words) as `kind`; a put-back
        redaction selected again is simply removed again. Unchanged if the span is not usable."""
        span = whole_words(self.text, start, end, kind)
        if span is None:
            return self
        again = next((s for s in self.put_back if (s.start, s.end, s.kind) == (span.start, span.end, span.kind)),
                     None)
        if again is not None:
            return self._choose(self.choices.put_back - {(again.start, again.end)}, self.choices.added)
        item = self._choose(self.choices.put_back, (*self.choices.added, span))
        return self if item.removed == self.removed else item

    def with_removed_again(self, span: Span) -> PreviewItem:
        """This item with a put-back redaction (one of `put_back`) removed again."""
        return self._choose(self.choices.put_back - {(span.start, span.end)}, self.choices.added)

    def with_checked(self, span: Span) -> PreviewItem:
        """This item with a removal to check (`span`, one of `to_check`) checked and left removed: sure from now on."""
        overlaps = {(s.start, s.end) for s in self.spans if s.start < span.end and span.start < s.end}
        return self._choose(self.choices.put_back, self.choices.added, self.choices.checked | overlaps)

    def _choose(self, put_back: AbstractSet[tuple[int, int]], added: tuple[Span, ...],
                checked: AbstractSet[tuple[int, int]] | None = None) -> PreviewItem:
        valid = {(s.start, s.end) for s in self.spans}
        checked = self.choices.checked if checked is None else checked
        return replace(self, choices=RedactionChoices(frozenset(put_back) & valid, added, self.text,
                                                      frozenset(checked) & valid))


