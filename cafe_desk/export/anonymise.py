"""The redaction engine: finds personal data in free text and replaces it with placeholders.

`redact(text, extra_names)` returns a `Redacted` value: the text with each finding replaced by a placeholder, the
spans found (offsets into the original text, each sure or unsure) and counts by kind. Kinds and placeholders:

    name       [NAME]       person names, in any case: listed names, names that are no everyday word where the words
                            around speak of a person ("Zeb said", "my CPN zeb"), titles, nicknames, `extra_names`
    place      [PLACE]      named schools, surgeries, care homes and businesses where someone works or studies, and
                            hospitals where someone works or is treated
    email      [EMAIL]
    phone      [PHONE]      UK numbers in every common format; helplines and public services are kept
    postcode   [POSTCODE]   full postcodes, and outward codes (G12, EH6) where the words around say so
    health_id  [HEALTH_ID]  CHI numbers (valid DDMMYY first) and NHS numbers (mod-11 check)
    ni_number  [NI_NUMBER]  National Insurance numbers
    address    [ADDRESS]    house number + street name + street word, with flat, stair or unit numbers (2/1, Flat 3,
                            2F1); named homes, crofts and PO boxes; a street alone after "lives on" and the like
    dob        [DOB]        dates next to "born", "DOB", "date of birth", "birthday", "bday", "YOB" and the like,
                            short forms and a year alone right after one
    url        [URL]        web addresses, except public-service sites (nhsinform.scot, samaritans.org, …)
    handle     [HANDLE]     social media handles (@name, "my insta is jo_paints")

A name found anywhere in a text is removed wherever it appears in that text, in any case ("Sarah McAllister" takes
"sarah mcallister" and "MCALLISTER" with it); `CafeRedactor` does the same across all the texts of a café.
Findings the engine is unsure of ("possible name") are removed too, with `sure=False`, for the review to show apart.
Town-level places, public services and helplines are kept (resources/names/keep.txt). Everything is loaded on first
use and runs offline; the lists and their sources are described in resources/names/README.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from cafe_desk.core.redaction import PLACEHOLDERS, Span
from cafe_desk.export import (
    look_alikes,
    name_passes,
    redact_addresses,
    redact_names,
    redact_patterns,
    redact_places,
    redact_postcodes,
    redact_venues,
    text_words,
)
from cafe_desk.export.name_lists import FORENAME, STRONG, UNKNOWN, NameLists, fold, name_lists
from cafe_desk.export.taken import Taken

# When two findings overlap, the one earlier in this list wins (an email beats the name inside it).
PRIORITY = ("email", "url", "handle", "health_id", "ni_number", "dob", "postcode", "address", "phone", "place",
            "name")
RANK = {kind: i for i, kind in enumerate(PRIORITY)}
# Name words that carry over to the rest of a text, or to a whole café, in any case: not everyday words.
CARRIED = (FORENAME, STRONG, UNKNOWN)
NOT_CARRIED = redact_names.STOP | redact_names.PARTICLES | text_words.TITLES


@dataclass(frozen=True)
class Redacted:
    """The redacted text, the spans removed (offsets into the original) and how many of each kind."""

    text: str
    spans: tuple[Span, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)


def find(text: str, extra_names: Iterable[str] = (), known: frozenset[str] = frozenset()) -> list[Span]:
    """The personal data in `text`, as non-overlapping spans in order of position. `known`: name words (folded) found
    elsewhere in the same café, removed here too wherever they appear."""
    text = look_alikes.as_read(text)  # the same length: what is found in it is found at the same place in the original
    lists = name_lists()
    words = text_words.Words(text, lists)
    found: list[tuple[int, int, str, bool, bool]] = [  # start, end, kind, sure, typed into the café
        *((s, e, k, True, False) for s, e, k in _patterns(text, lists, words)),
        *((s, e, "place", sure, False) for s, e, sure in redact_places.workplaces(words)),
        *((s, e, "place", sure, False) for s, e, sure in redact_venues.venues(words)),
        *((s, e, "place", sure, False) for s, e, sure in redact_venues.treated(words)),
        *((s, e, k, True, True) for s, e, k in name_passes.extra_names(text, extra_names)),
        *((s, e, "name", sure, False) for s, e, sure in redact_names.person_names(words)),
    ]
    ends = {f[1] + 2 for f in found if f[2] == "address"}
    if ends:  # "17 Tannahill Crescent, Johnstone": the town of an address is no person
        codes = {f[0] for f in found if f[2] == "postcode"}
        found = [f for f in found if not (f[2] == "name" and f[0] in ends and text[f[0] - 2:f[0]] == ", "
                                          and _town(text, f[0], f[1], lists, codes))]
        if "\n" in text:  # an address over lines: the line between the street and the postcode is its town
            lines = {f[1] + 1 for f in found if f[2] == "address" and text[f[1]:f[1] + 1] == "\n"}
            found = [f for f in found if not (f[2] == "name" and _town_line(text, f[0], f[1], lines, codes, lists))]
    found.sort(key=lambda f: (RANK[f[2]], not f[3], f[0], f[0] - f[1]))
    taken: list[tuple[int, int, str, bool, bool]] = []
    used = Taken(len(text))
    for finding in found:
        if used.add(finding[0], finding[1]):
            taken.append(finding)
    taken.sort()
    spans = [Span(s, e, k, sure) for s, e, k, sure, _ in taken]
    carried = _carried(text, [t for t in taken if t[2] == "name" and not t[4]], lists)
    for key in known:
        carried[key] = True
    if carried:
        spans = _carry(words, spans, carried)
    return _merge_names(spans, text)


# what follows the town of an address: a comma, a dash or bracket, the end, or its postcode
TOWN_AFTER = re.compile(r",|\s+[-–—(]|\s*$|\.(?:\s|$)")


def _town(text: str, start: int, end: int, lists: NameLists, codes: set[int]) -> bool:
    """Whether the name found at start:end, right after an address and a comma, is its town: a listed place, or a
    word no list has as a name ("Tolsta", "Glenuig") before a comma, a dash, the end or the postcode."""
    town = text[start:end]
    if fold(town) in lists.places:
        return True
    return " " not in town and lists.kind(town) == UNKNOWN and (
        end + 1 in codes or end + 2 in codes or TOWN_AFTER.match(text, end) is not None)


def _town_line(text: str, start: int, end: int, lines: set[int], codes: set[int], lists: NameLists) -> bool:
    """Whether the name at start:end is on the line right after an address's line and right before its postcode's
    ("Braeside Cottage\nKinloch Rannoch\nPH16 5QA"), and is no forename."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start in lines and line_end >= 0 and line_end + 1 in codes and \
        lists.kind(text[start:end].split()[0]) != FORENAME


def _patterns(text: str, lists: NameLists, words: text_words.Words) -> list[tuple[int, int, str]]:
    codes = list(redact_postcodes.postcodes(text))
    return [
        *redact_patterns.emails(text),
        *redact_patterns.urls(text, lists.keep_domains),
        *redact_patterns.handles(text, words.lower),
        *redact_patterns.health_ids(text),
        *redact_patterns.ni_numbers(text),
        *redact_patterns.dates_of_birth(text),
        *codes,
        *redact_addresses.addresses(text, words.lower, codes),
        *redact_patterns.phones(text, lists.keep_numbers),
        *redact_patterns.extensions(text),
    ]


def _carried(text: str, names: list[tuple], lists: NameLists) -> dict[str, bool]:
    """The words of the names found, folded, each with whether it was found sure."""
    words: dict[str, bool] = {}
    pattern = text_words.words_in(text)
    for start, end, _kind, sure, _typed in names:
        for m in pattern.finditer(text, start, end):
            key = _name_key(m.group(0))
            if len(key) > 1 and key not in NOT_CARRIED:
                words[key] = words.get(key, False) or sure
    return words


def _carry(words: text_words.Words, spans: list[Span], carried: dict[str, bool]) -> list[Span]:
    """`spans` with every other appearance of a carried name word added, in any case. A name that is also an everyday
    word or a place ("Grace", "Currie") is carried only where it is written with a capital inside a sentence, and not
    after "in", "from" and the like."""
    added, lists = [], words.lists
    if words.text.isascii() and len(carried) <= 20:  # nothing to carry if each word appears only where it was found
        low = words.text.lower()
        found = Counter(k for s in spans if s.kind == "name" for k in _keys(words.text[s.start:s.end]))
        if all(low.count(k) <= found[k] for k in carried):
            return spans
    used = Taken(len(words.text), ((s.start, s.end) for s in spans))
    for i, (start, end, word) in enumerate(words.words):
        key = fold(word)
        if key.endswith("'s") and len(key) > 3:
            key, end = key[:-2], end - 2
        sure = carried.get(key)
        if sure is None or used.overlaps(start, end):
            continue
        ambiguous = lists.kind(word) not in CARRIED or lists.is_word(key)
        if ambiguous and (not text_words.is_cap(word) or words.sentence_start(i)
                          or words.prev_key(i) in text_words.PLACE_BEFORE):
            continue
        added.append(Span(start, end, "name", sure))
    return sorted(spans + added, key=lambda s: s.start) if added else spans


def _name_key(word: str) -> str:
    """A name word as names are matched: folded (case and accents), without a possessive "'s"."""
    return fold(word).removesuffix("'s")


def _keys(name: str) -> list[str]:
    return [_name_key(m.group(0)) for m in text_words.words_in(name).finditer(name)]


def _merge_names(spans: list[Span], text: str) -> list[Span]:
    """Join a forename and surname found separately ("Eilidh" "Macdonald") into one [NAME]."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if last and last.kind == span.kind == "name" and _joins(text, last, span) and \
                text.count(" ", last.start, span.end) < redact_names.MAX_RUN:
            merged[-1] = Span(last.start, span.end, "name", last.sure or span.sure)
        else:
            merged.append(span)
    return merged


def _joins(text: str, first: Span, second: Span) -> bool:
    gap = text[first.end:second.start]
    return gap in (" ", "-") or (gap in (". ", ".") and first.end - first.start == 1)


def redact(text: str, extra_names: Iterable[str] = (), known: frozenset[str] = frozenset()) -> Redacted:
    """Replace each piece of personal data in `text` by its placeholder; see the module docstring for the kinds.
    `known`: name words found elsewhere in the same café (see `CafeRedactor`)."""
    return _redacted(text, find(text, extra_names, known))


def _redacted(text: str, spans: list[Span]) -> Redacted:
    if not spans:
        return Redacted(text)
    parts, position = [], 0
    for span in spans:
        parts.append(text[position:span.start])
        parts.append(PLACEHOLDERS[span.kind])
        position = span.end
    parts.append(text[position:])
    return Redacted("".join(parts), tuple(spans), dict(Counter(s.kind for s in spans)))


def _cafe_words(text: str, spans: Iterable[Span], lists: NameLists) -> set[str]:
    """Name words found sure in `text` that are no everyday word (folded): what a café carries to its other texts."""
    words: set[str] = set()
    pattern = text_words.words_in(text)
    for span in spans:
        if span.kind == "name" and span.sure:
            for m in pattern.finditer(text, span.start, span.end):
                key = _name_key(m.group(0))
                if len(key) > 2 and key not in NOT_CARRIED and lists.kind(m.group(0)) in CARRIED \
                        and not lists.is_word(key):
                    words.add(key)
    return words


class CafeRedactor:
    """Redacts the texts of one café: a name found sure in one of its texts is removed from all of them, in any case
    ("Zeb said" in one comment takes "zeb" out of another). Built once over the café's notes and comments; a text
    the café's names don't change is not searched twice."""

    def __init__(self, texts: Iterable[str], extra_names: Iterable[str] = ()):
        self.extra = tuple(n for n in extra_names if n.strip())
        lists = name_lists()
        self._first: dict[str, tuple[Span, ...]] = {}
        known: set[str] = set()
        for text in texts:
            if text and text not in self._first:
                spans = tuple(find(text, self.extra))
                self._first[text] = spans
                known |= _cafe_words(text, spans, lists)
        self.known = frozenset(known - {fold(w) for e in self.extra for w in e.split()})

    def __call__(self, text: str, *, extra: bool = True) -> Redacted:
        """`text` redacted with the café's names (`extra`: with the names typed into the café too)."""
        text = text or ""
        first = self._first.get(text) if extra else None
        if first is not None and not self._more(text, first):
            return _redacted(text, list(first))
        return redact(text, self.extra if extra else (), self.known)

    def _more(self, text: str, spans: tuple[Span, ...]) -> bool:
        """True if a café name word appears in `text` outside what was found in it."""
        if not self.known:
            return False
        used = Taken(len(text), ((s.start, s.end) for s in spans))
        for m in text_words.words_in(text).finditer(text):
            if _name_key(m.group(0)) in self.known and not used.covers(m.start()):
                return True
        return False


class BadRecord(ValueError):
    """A JSON-lines record that is not an object with a string "text" and an "id"."""


def redact_record(record: object, extra_names: Iterable[str] = ()) -> dict:
    """The same object with "text" redacted and "redactions" (offsets into the original text) added.

    Raises BadRecord (with a plain-English reason) if the record is not an object with "id" and a string "text".
    """
    if not isinstance(record, dict):
        raise BadRecord("each line must be a JSON object with \"id\" and \"text\"")
    if "id" not in record:
        raise BadRecord("it has no \"id\"")
    if not isinstance(record.get("text"), str):
        raise BadRecord("its \"text\" is missing or is not text")
    result = redact(record["text"], extra_names)
    return {**record, "text": result.text, "redactions": [s.as_dict() for s in result.spans]}
