"""Text from outside (a bundle, a phone, a file) made safe to print or show: no terminal escape sequences, control
characters, bidirectional overrides or other invisible format characters that could hide, reorder or restyle what
is around them.

`printable` keeps every visible character as it is (emoji joiners, the joiners of Persian or Indic scripts and
the tag characters of the Scottish, Welsh and English flags included); `json_printable` does the same job for JSON
written to a terminal without changing the values it holds. `export_text` is free text as the data exports (CSV, XLSX,
.qdpx) write it: every line end as "\\n", no control or invisible characters, accents composed.
"""

from __future__ import annotations

import re
import unicodedata

#: a whole terminal escape sequence: CSI (colours, cursor moves), OSC (window title, links), DCS/SOS/PM/APC
#: strings, the 8-bit CSI, and the two-character escapes; removed whole so no "[31m" is left behind
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|\x1b[ -~]?"
)
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
_FLAG = "\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"  # 🏴 + tag letters + cancel tag: a subdivision flag
#: C0 and C1 controls (tab and line breaks are handled apart), bidi embeddings, overrides, isolates and marks,
#: zero-width and other invisible format characters, the byte-order mark, interlinear annotations, tag characters,
#: and lone surrogates (which can't be written as UTF-8 at all)
_HIDDEN = (
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE = re.compile(f"({_FLAG})|[{_HIDDEN}]|[\ud800-\udfff]")
_JSON_UNSAFE = re.compile(f"[{_HIDDEN}\x85\u2028\u2029]|[\ud800-\udfff]")


def _keep_flags(match: re.Match) -> str:
    if match.group(1):
        return match.group(1)
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else ""


def printable(text: str, *, lines: bool = False) -> str:
    """`text` without escape sequences, control or invisible format characters; lone surrogates become "�".

    `lines`: keep line breaks (as "\\n") and tabs, for text shown over several lines; otherwise each line break or
    tab becomes a space, so the text stays on the one line it is printed on."""
    if text.isprintable():  # no control, format, separator or surrogate character: nothing to do (the usual case)
        return text
    text = _ESCAPES.sub("", text)
    text = _LINE_BREAKS.sub("\n" if lines else " ", text)
    if not lines:
        text = text.replace("\t", " ")
    return _UNSAFE.sub(_keep_flags, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # JSON spells a character beyond the first plane as its two UTF-16 halves
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_printable(dumped: str) -> str:
    """JSON text (as `json.dumps(..., ensure_ascii=False)` writes it) with every character `printable` would drop
    written as a \\u escape instead: safe on a terminal, and it still reads back as exactly the same values."""
    return dumped if dumped.isprintable() else _JSON_UNSAFE.sub(_escape, dumped)


def export_text(text: str) -> str:
    """Free text as a data file for other tools carries it: every line break as "\\n" (tabs kept), no control or
    invisible format characters (as `printable` leaves them out), composed (NFC), so the same words are always the same
    characters and positions counted in one tool fall on the same letters in another."""
    return unicodedata.normalize("NFC", printable(text or "", lines=True))
