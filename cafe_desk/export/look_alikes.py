"""Text as a reader sees it, for the finders: the same length, character for character, so that whatever is found in
it is found at the same place in what was typed.

Read as what they stand for: full-width letters and digits ("０７７００", "ｔｏｍ＠ｇｍａｉｌ．ｃｏｍ"); Cyrillic
and Greek letters that look Latin, inside a word that has Latin letters or digits too ("Mоrag", "PН1 5АВ": a word
all in Cyrillic or Greek is left as it is); a letter O among the digits of a number ("o7700 9oo938"); and a symbol
or an underscore between two digits ("07700🙂900910", "07700_900_123").
"""

from __future__ import annotations

import re

FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}  # "！"…"～", the wide space
_CYRILLIC, _LATIN = "АВСЕНІЈКМОРЅТХУаеіјорсѕухΑΒΕΖΗΙΚΜΝΟΡΤΥΧο", "ABCEHIJKMOPSTXYaeijopcsyxABEZHIKMNOPTYXo"
LOOKS_LATIN = str.maketrans(_CYRILLIC, _LATIN)
LOOK_ALIKE = re.compile(f"[{_CYRILLIC}]")
MIXED_WORD = re.compile(rf"[^\W_]*(?:[A-Za-z0-9][^\W_]*[{_CYRILLIC}]|[{_CYRILLIC}][^\W_]*[A-Za-z0-9])[^\W_]*")
# a number's digits, in groups parted by a space or a hyphen, with a letter O among them ("O77OO 9OO123")
O_IN_NUMBER = re.compile(r"(?<![^\W\d_])[0-9oO]*\d[0-9oO]*(?:[ -][0-9oO]*\d[0-9oO]*)*(?![^\W\d_])")
UNDERSCORE_IN_NUMBER = re.compile(r"(?<=\d)_(?=\d)")  # "07700_900_123"
O_NEAR_DIGIT = re.compile(r"\d[oO]|[oO]\d")
SYMBOL_IN_NUMBER = re.compile(r"(?<=\d)[^\w\s\x00-\x7f\u2010-\u2015]{1,3}(?=\d)")  # an emoji, not a dash


def as_read(text: str) -> str:
    """`text` with look-alikes read as what they stand for; the same length, each character in its place."""
    if not text.isascii():
        text = text.translate(FULL_WIDTH)
        if LOOK_ALIKE.search(text):
            text = MIXED_WORD.sub(lambda m: m.group().translate(LOOKS_LATIN), text)
        text = SYMBOL_IN_NUMBER.sub(lambda m: " " * len(m.group()), text)
    if O_NEAR_DIGIT.search(text):
        text = O_IN_NUMBER.sub(_zeros, text)
    if "_" in text:
        text = UNDERSCORE_IN_NUMBER.sub(" ", text)
    return text


def _zeros(m: re.Match[str]) -> str:
    """The letters O of a number read as zeros, where it has enough digits to be one (3 in one group, or 5 in all)."""
    number = m.group()
    if "o" not in number and "O" not in number:
        return number
    digits = sum(c.isdigit() for c in number)
    if digits >= 5 or (" " not in number and "-" not in number and digits >= 3):
        return number.replace("o", "0").replace("O", "0")
    return number
