"""The central team's codebook file: themes, as JSON, that facilitators tag notes with during their cafés.

The one reader of such files (the Plan and Notes pages both use it) and the one set of messages about them."""

from __future__ import annotations

import json
import unicodedata

from cafe_desk.core import json_input
from cafe_desk.core.errors import ValidationError

FORMAT = "cafe-desk-codebook"
VERSION = 1
MAX_BYTES = 1_000_000
MAX_THEMES = 500
MAX_NAME = 80
MAX_DESCRIPTION = 2000
NOT_A_CODEBOOK = "This file is not a codebook from the central team, so no themes were added."


def codebook_text(themes: list[tuple[str, str]]) -> str:
    """The file's text for (name, description) pairs."""
    body = {"format": FORMAT, "version": VERSION,
            "themes": [{"name": name, "description": description} for name, description in themes]}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def unreadable(file_name: str) -> str:
    """The message when the file itself could not be opened or read."""
    return f"{file_name} could not be read, so no themes were added."


def added_line(added: int, skipped: int) -> str:
    """The message after an import: how many themes were added and how many the café already had."""
    if not added:
        return "Every theme in this codebook is already here, so none were added."
    line = f"{added} theme{'s' if added != 1 else ''} added"
    return line + (f"; {skipped} {'was' if skipped == 1 else 'were'} already here." if skipped else ".")


def parse_codebook(data: bytes) -> list[tuple[str, str]]:
    """(name, description) pairs from a codebook file's bytes; ValidationError with one plain line otherwise."""
    if len(data) > MAX_BYTES:
        raise ValidationError("This file is too large to be a codebook, so no themes were added.")
    try:
        body = json_input.loads(data)
    except ValueError:
        raise ValidationError(NOT_A_CODEBOOK) from None
    if not isinstance(body, dict) or body.get("format") != FORMAT or not isinstance(body.get("themes"), list):
        raise ValidationError(NOT_A_CODEBOOK)
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError(NOT_A_CODEBOOK)
    if version > VERSION:
        raise ValidationError("This codebook was made by a newer version of Café Desk; please update to use it.")
    if len(body["themes"]) > MAX_THEMES:
        raise ValidationError(f"This codebook has more than {MAX_THEMES} themes, which is too many for one café, "
                              "so none were added.")
    themes, seen = [], set()
    for row in body["themes"]:
        if not isinstance(row, dict) or not isinstance(row.get("name"), str):
            raise ValidationError(NOT_A_CODEBOOK)
        name = " ".join(_visible(row["name"]).split())[:MAX_NAME]
        description = _visible(row.get("description") if isinstance(row.get("description"), str) else "",
                               keep="\n")[:MAX_DESCRIPTION]
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            themes.append((name, description.strip()))
    if not themes:
        raise ValidationError("This codebook has no themes in it, so none were added.")
    return themes


def _visible(text: str, keep: str = "") -> str:
    """`text` without control and invisible formatting characters (escape sequences, bidi overrides), which a
    theme's name or description never needs; tabs and line breaks become spaces unless kept."""
    return "".join(ch if ch in keep or unicodedata.category(ch) not in ("Cc", "Cf") else
                   (" " if ch in "\t\n\r" else "") for ch in text)
