"""Names in a REFI-QDA project that tools turn into file names or keep unique: safe on every system, readable, unique.

QualCoder (and other tools) copy each text source to a file named after the source, so a source's name must be a
file name Windows, macOS and Linux all accept: no / \\ : * ? " < > |, no control characters, no trailing dot or
space, no device name (CON, NUL, COM1, …, also before a dot: such a name gets "Café " before it), at most MAX_NAME
characters and MAX_BYTES bytes of UTF-8. The name stays readable: "Inbhir Nis / Inverness" becomes
"Inbhir Nis – Inverness". Names are unique the way the laxest system compares them (case and Unicode composition
ignored, as Windows and macOS do): a second "Perth café" is "Perth café (2)". Code names go through the same
`UniqueNames`, since QualCoder merges codes of the same name.
"""

from __future__ import annotations

import re
import unicodedata

from cafe_desk.central.qdpx_xml import one_line
from cafe_desk.platforms import WINDOWS_DEVICE_NAMES

MAX_NAME = 80  # characters: room for a tool's own prefix and ".txt" in every system's 255
MAX_BYTES = 200  # UTF-8 bytes (Linux counts bytes; an emoji is 4)
_DEVICES = WINDOWS_DEVICE_NAMES | {"CONIN$", "CONOUT$", *(f"{p}{d}" for p in ("COM", "LPT") for d in "¹²³")}
_SEPARATORS = re.compile(r"\s*[/\\|:]+\s*")  # "Inbhir Nis / Inverness", "Perth: Carers", "a|b"
_REPLACED = str.maketrans({'"': "'", "<": "(", ">": ")", "*": None, "?": None})


def _cut(name: str, chars: int) -> str:
    name = name[:chars]
    while len(name.encode("utf-8")) > MAX_BYTES:
        name = name[:-1]
    return name.rstrip(" .")


def file_safe(name: str, fallback: str = "Café") -> str:
    """`name` as a file name every system accepts and people still read; `fallback` when nothing is left."""
    name = unicodedata.normalize("NFC", one_line(name))
    name = _SEPARATORS.sub(" – ", name).translate(_REPLACED)
    name = _cut(" ".join(name.split()).strip(" .–"), MAX_NAME) or fallback
    if name.split(".")[0].rstrip(" ").upper() in _DEVICES:
        name = _cut(f"{fallback} {name}", MAX_NAME)  # "NUL.2026.txt" is as reserved as "NUL.txt"
    return name


class UniqueNames:
    """Hands out names no two of which compare equal (ignoring case and composition), each at most MAX_NAME long."""

    def __init__(self, taken: tuple[str, ...] = ()):
        self._taken = {self._key(n) for n in taken}

    @staticmethod
    def _key(name: str) -> str:
        return unicodedata.normalize("NFC", name).casefold()

    def unique(self, name: str) -> str:
        """`name`, or `name (2)`, `name (3)`, … (cut to fit) if it is taken; the name returned is then taken."""
        found, n = name, 1
        while self._key(found) in self._taken:
            n += 1
            suffix = f" ({n})"
            found = _cut(name, MAX_NAME - len(suffix)) + suffix
        self._taken.add(self._key(found))
        return found
