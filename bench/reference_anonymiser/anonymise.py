"""The redaction engine: finds personal data in free text and replaces it with placeholders.

`redact(text, extra_names)` returns a `Redacted` value: the text with each finding replaced by a placeholder, the
spans found (offsets into the original text) and counts by kind. Kinds and placeholders:

    name       [NAME]       person names (name lists, "Dr X", "my CPN X", "called X") and `extra_names`
    email      [EMAIL]
    phone      [PHONE]      UK numbers in every common format; helplines and public services are kept
    postcode   [POSTCODE]   full postcodes, and outward codes (G12, EH6) where the words around say so
    health_id  [HEALTH_ID]  CHI numbers (valid DDMMYY first) and NHS numbers (mod-11 check)
    ni_number  [NI_NUMBER]  National Insurance numbers
    address    [ADDRESS]    house number + street name + street word, with flat numbers (2/1)
    dob        [DOB]        dates next to "born", "DOB", "date of birth" or "birthday"
    url        [URL]        web addresses, except public-service sites (nhsinform.scot, samaritans.org, …)
    handle     [HANDLE]     social media handles (@name)

Town-level places, public services and helplines are kept (resources/names/keep.txt). Everything is compiled on
first use and runs offline; the name lists and their sources are described in resources/names/README.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import redact_names, redact_patterns
from .values import PLACEHOLDERS, Span

# When two findings overlap, the one earlier in this list wins (an email beats the name inside it).
PRIORITY = ("email", "url", "handle", "health_id", "ni_number", "dob", "postcode", "address", "phone", "name")


@dataclass(frozen=True)
class Redacted:
    """The redacted text, the spans removed (offsets into the original) and how many of each kind."""

    text: str
    spans: tuple[Span, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)


def find(text: str, extra_names: Iterable[str] = ()) -> list[Span]:
    """The personal data in `text`, as non-overlapping spans in order of position."""
    lists = redact_names.name_lists()
    found = [
        *redact_patterns.emails(text),
        *redact_patterns.urls(text, lists.keep_domains),
        *redact_patterns.handles(text),
        *redact_patterns.health_ids(text),
        *redact_patterns.ni_numbers(text),
        *redact_patterns.dates_of_birth(text),
        *redact_patterns.postcodes(text),
        *redact_patterns.addresses(text),
        *redact_patterns.phones(text, lists.keep_numbers),
        *redact_names.extra_names(text, extra_names),
        *redact_names.person_names(text, lists),
    ]
    rank = {kind: i for i, kind in enumerate(PRIORITY)}
    found.sort(key=lambda s: (rank[s[2]], s[0], -(s[1] - s[0])))
    taken: list[tuple[int, int, str]] = []
    for start, end, kind in found:
        if end > start and not any(start < e and s < end for s, e, _ in taken):
            taken.append((start, end, kind))
    taken.sort()
    return _merge_names([Span(*t) for t in taken], text)


def _merge_names(spans: list[Span], text: str) -> list[Span]:
    """Join a forename and surname found separately ("Eilidh" "Macdonald") into one [NAME]."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if last and last.kind == span.kind == "name" and _joins(text, last, span):
            merged[-1] = Span(last.start, span.end, "name")
        else:
            merged.append(span)
    return merged


def _joins(text: str, first: Span, second: Span) -> bool:
    gap = text[first.end:second.start]
    return gap in (" ", "-") or (gap in (". ", ".") and first.end - first.start == 1)


def redact(text: str, extra_names: Iterable[str] = ()) -> Redacted:
    """Replace each piece of personal data in `text` by its placeholder; see the module docstring for the kinds."""
    spans = find(text, extra_names)
    if not spans:
        return Redacted(text)
    parts, position = [], 0
    for span in spans:
        parts.append(text[position:span.start])
        parts.append(PLACEHOLDERS[span.kind])
        position = span.end
    parts.append(text[position:])
    return Redacted("".join(parts), tuple(spans), dict(Counter(s.kind for s in spans)))


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
