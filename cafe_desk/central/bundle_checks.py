"""The limits a `.cafe` bundle must keep to and the values it may hold, checked before the import does the work
(pure: bytes and parsed JSON in, a BundleError naming the first problem out).

In the order the import meets them:
- `check_file_size`: the file's size, before it is read into memory;
- `check_unpacked`: the unpacked files, before any is parsed: items per bundle (lines of notes.jsonl counted as
  they are, the manifest's counts, and the values the JSON holds), one item's length, and in the other files
  nesting depth, numbers with absurdly many digits, and NaN or Infinity (JSON has no such numbers);
- `check_values`: the parsed files but notes.jsonl: every whole number a count in 0 ≤ n < 2³¹, every number
  finite, text where text belongs and not too long, real dates and export time, dots per person ≥ 1, round lengths
  a sensible number of minutes, vote levels small whole numbers (their rows count as items too);
- `check_notes`: each note's text once read (the reader checks the notes' other fields).

What the values claim (a café's date, its votes against its vote method, plausible counts…) is bundle_sense.py's.

Why these limits: a café runs at most 200 tables (the planning limit) and the largest imports measured held about a
thousand items a bundle, so 100,000 items is far beyond any real café. A note typed in the app has at most 5,000
characters and a phone comment 1,000; redaction can lengthen a note a little (“[NAME]” for “Jo”), so one item may
have four times that. A big café (2,000 notes of 1,000 characters) unpacks to about 2 MB. The format's unpacked cap
is 32 MB and a file may be at most 32 MB: fifteen times the biggest real café, and small enough that reading one
stays about 0.6 GB even when every character takes Python four bytes (one emoji in a note makes it so).
Measured with notes of 20,000 characters and an emoji each (`/usr/bin/time -v`, whole `cafe-desk import`): 32 MB
unpacked peaked at 0.59 GB, 64 MB at 1.1 GB; at the earlier 512 MB cap a 3.9 MB file of such notes took 8.8 GB.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping

from cafe_desk.central import bundle_sense
from cafe_desk.core.model import VOTE_METHODS
from cafe_desk.export.bundle import MANIFEST, BundleError

MAX_FILE_BYTES = 32 * 2**20
MAX_ITEMS = 100_000
MAX_LEVEL = 1000  # a rank or score; ranks go up to the number of outcomes
MAX_TEXT_CHARS = 4 * 5_000  # four times the app's own note limit (services/notes.py)
MAX_VALUES = 32 * MAX_ITEMS  # JSON values in all: a note is about a dozen
MAX_DEPTH = 16  # the deepest a genuine bundle nests is 6 (votes split by group)
MAX_DIGITS = 20  # a count has at most 10; a float written in full, 17
MAX_COUNT = 2**31  # whole numbers are counts, numbers or positions: 0 ≤ n < 2³¹
MAX_ROUND_MINUTES = 24 * 60
#: the longest line notes.jsonl may have: the longest text written as \u escapes, and room for its other fields
MAX_LINE_BYTES = 6 * MAX_TEXT_CHARS + 64 * 1024

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_LONG_NUMBER = re.compile(rb"[0-9]{%d}" % (MAX_DIGITS + 1))
_NOT_A_NUMBER = re.compile(rb"NaN|Infinity")
_INNERMOST = re.compile(rb"\[\]|\{\}")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_LEVEL = re.compile(r"0|[1-9][0-9]{0,9}", re.ASCII)
_EXPORTED_AT = "%Y%m%dT%H%M%S.%fZ"
_EXPORTED_AT_SHAPE = re.compile(r"[0-9]{8}T[0-9]{6}\.[0-9]{6}Z")  # exactly as the app writes it

TOO_LARGE = (f"This file is larger than {MAX_FILE_BYTES // 2**20} MB, far more than any café file, so it was "
             "not opened.")
TOO_MANY = (f"This café file holds more than {MAX_ITEMS:,} items, more than any café could have, so nothing was "
            "imported.")


def _refuse(name: str, detail: str) -> BundleError:
    return BundleError(f"{name} is not in the expected shape ({detail}), so nothing was imported.")


def check_file_size(size: int) -> None:
    """BundleError if a file of `size` bytes is larger than any bundle may be (before it is read)."""
    if size > MAX_FILE_BYTES:
        raise BundleError(TOO_LARGE)


# --- before parsing ------------------------------------------------------------------------------------------------

def check_unpacked(files: Mapping[str, bytes]) -> None:
    """The bundle's unpacked files, before any of them is parsed; BundleError at the first limit passed."""
    items = 0
    for name in sorted(n for n in files if n.endswith(".jsonl")):
        data = files[name]
        items += data.count(b"\n") + (not data.endswith(b"\n") and data != b"")
        if items > MAX_ITEMS:
            raise BundleError(TOO_MANY)
        _check_line_lengths(name, data)
    # JSON values in all, from the commas (those in text too, so never fewer): what parsing will have to hold
    if sum(files[n].count(b",") + 1 for n in files if n.endswith((".json", ".jsonl"))) > MAX_VALUES:
        raise BundleError(TOO_MANY)
    for name in sorted(n for n in files if n.endswith(".json")):
        _scan(name, files[name])
    _check_declared_counts(files)


def _check_line_lengths(name: str, data: bytes) -> None:
    """BundleError naming the first line of `data` longer than MAX_LINE_BYTES (read in place, not copied)."""
    start, number = 0, 1
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > MAX_LINE_BYTES:
            raise _line_too_long(name, number)
        start, number = end + 1, number + 1


def _scan(name: str, data: bytes) -> None:
    """BundleError if `data`, its strings set aside, holds an over-long number, NaN or Infinity, or nesting deeper
    than MAX_DEPTH. Not needed for notes.jsonl, the one large file: its lines are parsed one by one (a line nested
    too deep, or with a number too long to read, is refused as not JSON) and every field of a note is checked for
    its kind and range as it is read."""
    bare = _STRING.sub(b'""', data)
    if _LONG_NUMBER.search(bare):
        raise _refuse(name, f"a number has more than {MAX_DIGITS} digits")
    if _NOT_A_NUMBER.search(bare):
        raise _refuse(name, "it holds NaN or Infinity, which are not numbers")
    brackets = bare.translate(None, _NOT_BRACKETS)
    for _ in range(MAX_DEPTH):
        inner = _INNERMOST.sub(b"", brackets)
        if not inner or inner == brackets:  # all matched, or unbalanced (the JSON parser says what is wrong)
            break
        brackets = inner
    else:
        if _INNERMOST.search(brackets):
            raise _refuse(name, f"it is nested more than {MAX_DEPTH} levels deep")


def _check_declared_counts(files: Mapping[str, bytes]) -> None:
    """The record counts the manifest gives, if it gives them: counts, and MAX_ITEMS in all."""
    try:
        listing = json.loads(files[MANIFEST]).get("files")
    except (KeyError, ValueError, UnicodeDecodeError, AttributeError):
        return  # no manifest, or not one: opening the bundle says so
    if not isinstance(listing, dict):
        return
    counts = [entry.get("count") for entry in listing.values() if isinstance(entry, dict)]
    if not all(_is_count(c) for c in counts):
        raise _refuse(MANIFEST, "a file's record count is not a count")
    if sum(counts) > MAX_ITEMS:
        raise BundleError(TOO_MANY)


# --- after parsing -------------------------------------------------------------------------------------------------

def _is_count(value: object) -> bool:
    return type(value) is int and 0 <= value < MAX_COUNT


def _walk(name: str, value: object) -> None:
    """Every number in `value` a count (or a finite float), every text not too long and valid Unicode."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_text(name, key)
            _walk(name, item)
    elif isinstance(value, list):
        for item in value:
            _walk(name, item)
    elif isinstance(value, str):
        _check_text(name, value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _refuse(name, "a number is too large")
    elif isinstance(value, int) and not isinstance(value, bool) and not 0 <= value < MAX_COUNT:
        raise _refuse(name, "a count is below zero or far too large")


def _check_text(name: str, text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise _refuse(name, f"a text is longer than {MAX_TEXT_CHARS:,} characters")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise _refuse(name, "a text holds a broken character") from None


def _field(row: object, key: str, name: str) -> object:
    if not isinstance(row, dict):
        raise _refuse(name, "a record is not an object")
    return row.get(key)


def _rows(value: object, name: str) -> list:
    if not isinstance(value, list):
        raise _refuse(name, "it should be a list")
    return value


def _date(text: object) -> bool:
    try:
        dt.date.fromisoformat(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def exported_time(text: str) -> dt.datetime | None:
    """The time a manifest's `exported_at` gives ("20260314T154502.123456Z", UTC), or None if it is not one."""
    if not isinstance(text, str) or not _EXPORTED_AT_SHAPE.fullmatch(text):
        return None  # strptime alone takes "202691T000000.0Z", which would sort as text before every 2026 export
    try:
        return dt.datetime.strptime(text, _EXPORTED_AT).replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def check_values(manifest: Mapping, files: Mapping[str, bytes]) -> None:
    """The values of a verified bundle's files but notes.jsonl, before anything is read from them for writing;
    BundleError naming the file and what is wrong with it."""
    parsed = {name: json.loads(data) for name, data in files.items() if name.endswith(".json")}
    for key in ("export_id", "cafe_id"):
        if not isinstance(manifest.get(key), str) or not manifest[key]:
            raise _refuse(MANIFEST, f"its {key} is missing or not text")
    if exported_time(manifest.get("exported_at")) is None:
        raise _refuse(MANIFEST, "the time of the export is missing or not a real time")
    info = parsed.get("cafe.json")
    if info is not None:  # a file that is missing is named by the reader
        _check_cafe(info, parsed)
    _walk(MANIFEST, manifest)  # then the values the checks above did not name
    for name in sorted(parsed):
        _walk(name, parsed[name])
    bundle_sense.check_manifest(manifest)  # then what the values claim (their kinds are the reader's to name)
    if isinstance(info, dict):
        bundle_sense.check_cafe(info)
        method, dots = info.get("vote_method"), info.get("dots_per_person")
        if method in VOTE_METHODS and isinstance(dots, int):
            bundle_sense.check_votes(method, dots, parsed.get("votes.json"))
    bundle_sense.check_plan(parsed)
    bundle_sense.check_people(parsed.get("attendance.json"))


def _check_cafe(info: object, parsed: Mapping[str, object]) -> None:
    """cafe.json's date and dots, the rounds' lengths, and the vote levels its vote method allows."""
    date = _field(info, "date", "cafe.json")
    if date != "" and not _date(date):
        raise _refuse("cafe.json", "its date is not a real date")
    if not _is_count(_field(info, "dots_per_person", "cafe.json")) or info["dots_per_person"] < 1:
        raise _refuse("cafe.json", "dots per person should be a whole number, at least 1")
    for row in _rows(parsed.get("prompts.json", []), "prompts.json"):
        minutes = _field(row, "minutes", "prompts.json")
        if isinstance(minutes, bool) or not isinstance(minutes, int | float) or \
                not 0 <= minutes <= MAX_ROUND_MINUTES:
            raise _refuse("prompts.json", "a round's length is not a sensible number of minutes")
    if info.get("vote_method") in VOTE_METHODS and "votes.json" in parsed:  # an unknown one is named by the reader
        _check_levels(parsed["votes.json"])


def _vote_counts(votes: object) -> Iterable[object]:
    """Each {level: count} object of votes.json: per outcome (paper and phone) and per group (paper)."""
    for row in _rows(_field(votes, "outcomes", "votes.json"), "votes.json"):
        yield _field(row, "paper", "votes.json")
        yield _field(row, "phone", "votes.json")
    for group in _rows(_field(votes, "by_group", "votes.json") or [], "votes.json"):
        for row in _rows(_field(group, "outcomes", "votes.json"), "votes.json"):
            yield _field(row, "paper", "votes.json")


def _check_levels(votes: object) -> None:
    """Levels are small whole numbers (bundle_sense.py checks them against the café's vote method; not against
    its number of outcomes: a facilitator may remove an outcome after votes are in)."""
    levels = 0
    for counts in _vote_counts(votes):
        if not isinstance(counts, dict):
            raise _refuse("votes.json", "vote counts are not an object")
        levels += len(counts)
        if levels > MAX_ITEMS:  # each level is a row once imported: they count as items too
            raise BundleError(TOO_MANY)
        for level in counts:
            if not _LEVEL.fullmatch(level) or int(level) > MAX_LEVEL:
                raise _refuse("votes.json", f"a vote level ({level[:12]!r}) is not one Café Desk writes")


def check_notes(texts: Iterable[str]) -> None:
    """Each note's text (in the order of notes.jsonl) not too long and valid Unicode; BundleError naming its line."""
    texts = list(texts)
    if max(map(len, texts), default=0) <= MAX_TEXT_CHARS:
        try:  # all of them at once; only a text that fails is looked for line by line
            "".join(texts).encode("utf-8")
            return
        except UnicodeEncodeError:
            pass
    for number, text in enumerate(texts, 1):
        if len(text) > MAX_TEXT_CHARS:
            raise _too_long("notes.jsonl", number)
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise _refuse(f"notes.jsonl line {number}", "its text holds a broken character") from None


def _too_long(name: str, number: int) -> BundleError:
    return BundleError(f"{name} line {number} is longer than any note may be ({MAX_TEXT_CHARS:,} characters), so "
                       "nothing was imported.")


def _line_too_long(name: str, number: int) -> BundleError:
    return BundleError(f"{name} line {number} is far longer than any note's record can be, so nothing was imported.")
