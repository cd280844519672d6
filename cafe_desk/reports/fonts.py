"""The one typeface every PDF is set in (DejaVu Sans, shipped in resources/fonts and embedded in each file), and
`printable`, which makes any text safe to set in it: a character the font has no glyph for (an emoji, a symbol from
another script) becomes a visible placeholder instead of a black box, and control characters go."""

from __future__ import annotations

import functools
import unicodedata

from cafe_desk.resources import RESOURCES

FONTS = RESOURCES / "fonts"
REGULAR = "CafeDeskSans"
BOLD = "CafeDeskSans-Bold"
#: What a character the font can't draw is printed as: a white square, which DejaVu has.
PLACEHOLDER = "\u25a1"


@functools.cache
def register() -> tuple[str, str]:
    """Register the regular and bold faces with reportlab (once per process) and make them every new canvas's
    starting font, so no PDF names a font it doesn't embed; returns their names."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    rl_config.canvas_basefontname = REGULAR
    return REGULAR, BOLD


@functools.cache
def _glyphs() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register()
    return frozenset(pdfmetrics.getFont(REGULAR).face.charToGlyph)


def printable(text: str) -> str:
    """`text` with every character the font can't draw replaced by one placeholder (an emoji with its variation
    selector or skin tone is one placeholder, not three) and control characters other than newline and tab removed."""
    glyphs = _glyphs()
    out: list[str] = []
    joined = False  # the last character was a zero-width joiner: the next emoji is part of the same picture
    for char in text:
        category = unicodedata.category(char)
        code = ord(char)
        if 0xFE00 <= code <= 0xFE0F:
            continue  # a variation selector asks for colour or text style: there is only one style here
        if category in ("Cc", "Cf") and char not in "\n\t":
            joined = char == "\u200d"
            continue  # controls, joiners, selectors and direction marks print as nothing
        riding = bool(out) and out[-1] == PLACEHOLDER and (
            joined or category in ("Mn", "Sk") or 0x1F3FB <= code <= 0x1F3FF or 0x1F1E6 <= code <= 0x1F1FF)
        joined = False
        if char in "\n\t" or code in glyphs:
            if not (riding and category == "Mn"):
                out.append(char)
        elif not riding:
            out.append(PLACEHOLDER)
    return "".join(out)
