"""The one reader of codebook files: what it accepts, and the one plain line it gives for everything else."""

from __future__ import annotations

import json

import pytest

from cafe_desk.core.codebook import MAX_BYTES, MAX_THEMES, added_line, codebook_text, parse_codebook
from cafe_desk.core.errors import ValidationError
from tests.conftest import exactly

NOT_A_CODEBOOK = "This file is not a codebook from the central team, so no themes were added."
NEWER = "This codebook was made by a newer version of Café Desk; please update to use it."
TOO_LARGE = "This file is too large to be a codebook, so no themes were added."
TOO_MANY = "This codebook has more than 500 themes, which is too many for one café, so none were added."


def codebook(themes, **fields) -> bytes:
    body = {"format": "cafe-desk-codebook", "version": 1, "themes": themes} | fields
    return json.dumps(body).encode()


#: (what is wrong, the file's bytes, the message) — shared with the screen tests of both pages
BAD_FILES = [
    ("a bare list of names", json.dumps(["Housing", "Transport"]).encode(), NOT_A_CODEBOOK),
    ("a bare list of themes", json.dumps([{"name": "Housing"}]).encode(), NOT_A_CODEBOOK),
    ("themes without the format", json.dumps({"themes": [{"name": "Housing"}]}).encode(), NOT_A_CODEBOOK),
    ("a newer version", codebook([{"name": "Housing"}], version=2), NEWER),
    ("no version", json.dumps({"format": "cafe-desk-codebook", "themes": [{"name": "A"}]}).encode(),
     NOT_A_CODEBOOK),
    ("over 1 MB", codebook([{"name": "Housing", "description": "x" * MAX_BYTES}]), TOO_LARGE),
    ("over 500 themes", codebook([{"name": f"Theme {i}"} for i in range(MAX_THEMES + 1)]), TOO_MANY),
    ("malformed JSON", b'{"format": "cafe-desk-codebook", "version": 1, "themes": [', NOT_A_CODEBOOK),
    ("not text", b"\xff\xfe\x00\x01", NOT_A_CODEBOOK),
    ("a theme without a name", codebook([{"name": "Housing"}, {"description": "no name"}]), NOT_A_CODEBOOK),
    ("no themes", codebook([]), "This codebook has no themes in it, so none were added."),
    ("a 5,000-digit version", b'{"format": "cafe-desk-codebook", "version": ' + b"9" * 5000
     + b', "themes": [{"name": "A"}]}', NOT_A_CODEBOOK),
    ("nested 60,000 deep", b'{"format": "cafe-desk-codebook", "version": 1, "themes": [{"name": "A", "x": '
     + b"[" * 60_000 + b"]" * 60_000 + b"}]}", NOT_A_CODEBOOK),
    ("NaN for the version", b'{"format": "cafe-desk-codebook", "version": NaN, "themes": [{"name": "A"}]}',
     NOT_A_CODEBOOK),
]


@pytest.mark.parametrize(("content", "message"), [case[1:] for case in BAD_FILES], ids=[c[0] for c in BAD_FILES])
def test_every_bad_file_gets_one_plain_line(content, message):
    with pytest.raises(ValidationError, match=exactly(message)):
        parse_codebook(content)
    assert "\n" not in message


def test_what_the_central_desk_writes_reads_back():
    themes = [("Peer support", "Help from people who have been there"), ("Waiting times", "")]
    assert parse_codebook(codebook_text(themes).encode()) == themes
    assert parse_codebook(codebook_text(themes).encode("utf-8-sig")) == themes  # saved by a Windows editor


def test_exactly_500_themes_are_accepted():
    assert len(parse_codebook(codebook([{"name": f"Theme {i}"} for i in range(MAX_THEMES)]))) == MAX_THEMES


def test_names_are_tidied_and_the_first_of_a_repeated_name_kept():
    data = codebook([{"name": " Peer  support ", "description": " kept "}, {"name": "PEER SUPPORT"}])
    assert parse_codebook(data) == [("Peer support", "kept")]


@pytest.mark.parametrize(("added", "skipped", "line"), [
    (2, 1, "2 themes added; 1 was already here."),
    (1, 0, "1 theme added."),
    (3, 2, "3 themes added; 2 were already here."),
    (0, 4, "Every theme in this codebook is already here, so none were added."),
])
def test_the_line_after_an_import(added, skipped, line):
    assert added_line(added, skipped) == line


def test_control_characters_bidi_overrides_and_lone_surrogates_never_reach_a_theme():
    data = (b'{"format": "cafe-desk-codebook", "version": 1, "themes": ['
            b'{"name": "Hous\\u0000ing\\u001b[31m", "description": "a\\ud800b\\u202e"},'
            b'{"name": "Peer\\tsupport", "description": "line one\\nline two"},'
            b'{"name": "Long", "description": "' + b"x" * 900_000 + b'"}]}')
    themes = parse_codebook(data)
    assert themes[0] == ("Housing[31m", "ab")
    assert themes[1] == ("Peer support", "line one\nline two")
    assert len(themes[2][1]) == 2000, "a description is kept to a readable length"
    for name, description in themes:
        (name + description).encode("utf-8")  # storable: no lone surrogate left
