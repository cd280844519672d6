"""core/text.py: text from outside printed or shown without escape sequences, controls or invisible reordering."""

from __future__ import annotations

import json

import pytest

from cafe_desk.core.text import json_printable, printable

SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


@pytest.mark.parametrize(("raw", "shown"), [
    ("Perth café", "Perth café"),
    ("\x1b[2J\x1b[1;31mRED\x1b[0m", "RED"),  # CSI: clear screen, colours
    ("a\x1b]0;new window title\x07b", "ab"),  # OSC: window title
    ("a\x1b]8;;https://example.invalid\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink
    ("a\x9b31mb", "ab"),  # the 8-bit CSI
    ("a\x1bcb", "ab"),  # reset the terminal
    ("bell\x07 back\x08space nul\x00 del\x7f", "bell backspace nul del"),
    ("invoice\u202etxt.exe\u202c", "invoicetxt.exe"),  # right-to-left override
    ("\u2067abc\u2069 \u200f\u200e\u061c", "abc "),  # isolates and marks
    ("zero\u200bwidth\ufeff soft\u00adhyphen \u2060joined", "zerowidth softhyphen joined"),
    ("hidden\U000e0041\U000e0042 tags", "hidden tags"),
    ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ("one\ntwo\r\nthree\rfour\u2028five\x85six\tseven", "one two three four five six seven"),
], ids=["plain", "csi", "osc title", "osc link", "8-bit csi", "reset", "c0 and del", "rlo", "isolates and marks",
        "zero width", "tags", "surrogate", "line breaks"])
def test_printable(raw, shown):
    assert printable(raw) == shown


def test_visible_joiners_and_flags_are_kept():
    text = f"👨\u200d👩\u200d👧 می\u200cخواهم क्\u200dष {SCOTLAND} 🇬🇧 👍🏽"
    assert printable(text) == text


def test_lines_keeps_line_breaks_and_tabs():
    assert printable("one\r\ntwo\rthree\u2029\tfour\x1b[31m", lines=True) == "one\ntwo\nthree\n\tfour"


def test_printable_is_idempotent_and_leaves_printable_text_alone():
    text = "Perth \x1b[31mcafé\u202e"
    assert printable(printable(text)) == printable(text)
    plain = "Nothing to see — just “quotes”, ünïcödé and 漢字"
    assert printable(plain) is plain


def test_json_printable_keeps_the_values_and_escapes_the_rest():
    value = {"title": f"Perth \x1b[31mcafé\u202e {SCOTLAND} \u2028 \x85\t\n", "n": 3}
    dumped = json.dumps(value, ensure_ascii=False)
    shown = json_printable(dumped)
    assert json.loads(shown) == value
    assert shown.isascii() is False and "café" in shown and "\\u202e" in shown and "\\udb40\\udc67" in shown
    assert not any(ch in shown for ch in "\x1b\u202e\u2028\x85\U000e0067")
