"""The small pieces every part of the REFI-QDA project shares: stable GUIDs, XML attributes and text, one-line text.

GUIDs are uuid5 names of our own ids (a café's, an item's, a theme's) under one fixed namespace, so re-exporting the
same data gives the same GUIDs, and a tool that merges a newer export can match what it already holds.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from xml.sax.saxutils import escape, quoteattr

from cafe_desk.core.text import export_text

NAMESPACE = "urn:QDA-XML:project:1.0"
GUIDS = uuid.uuid5(uuid.NAMESPACE_URL, "cafe-desk:refi-qda")  # the uuid5 namespace of every GUID we write
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # characters XML 1.0 forbids


def guid(kind: str, key: str) -> str:
    """The same GUID for the same thing on every export: a uuid5 of its kind and our id."""
    return str(uuid.uuid5(GUIDS, f"{kind}:{key}"))


def attrs(**values: object) -> str:
    """XML attributes, `name="value"` joined by spaces, each value escaped."""
    return " ".join(f"{k}={quoteattr(_NOT_XML.sub('', str(v)))}" for k, v in values.items())


def text(value: str) -> str:
    """Element text, escaped, without the characters XML can't hold."""
    return escape(_NOT_XML.sub("", value))


def one_line(value: str) -> str:
    """Free text on one line: normalised as every export does (core.text.export_text), each run of spaces one."""
    return " ".join(export_text(value).split())


def shortened(value: str, most: int) -> str:
    """`value` on one line, cut to `most` characters with "…" where it was longer."""
    short = one_line(value)
    return short if len(short) <= most else short[:most - 1] + "…"


def is_date(value: str) -> bool:
    """Whether `value` is an ISO date (2026-04-02), as xsd:date wants it."""
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False
