"""Reading JSON that came from outside (a codebook, a template, a receipt, a line on stdin): anything that isn't
plain, finite, sensibly nested JSON text is one `ValueError`, never a crash further on.

Python's own reader raises other errors for hostile input (`RecursionError` for very deep nesting, `ValueError` for
a 5,000-digit number) and lets through NaN, Infinity and lone surrogates, which fail later when written or encoded.
"""

from __future__ import annotations

import json
import math

MAX_DEPTH = 64  # far deeper than any file Café Desk writes (3 or 4 levels)


def loads(text: str | bytes) -> object:
    """The JSON value in `text` (bytes are read as UTF-8, a BOM allowed); ValueError if it is not JSON, is nested
    deeper than MAX_DEPTH, or holds NaN or Infinity. Lone surrogates in strings (which no file can hold) are
    dropped."""
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        value = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError, UnicodeDecodeError):
        raise ValueError("not JSON") from None
    return _checked(value, 0)


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _checked(value: object, depth: int) -> object:
    if depth > MAX_DEPTH:
        raise ValueError("nested too deeply")
    if isinstance(value, str):
        return value.encode("utf-8", "ignore").decode("utf-8") if _has_surrogate(value) else value
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("not a finite number")  # 1e400 reads as infinity
    if isinstance(value, list):
        return [_checked(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {_checked(k, depth + 1): _checked(v, depth + 1) for k, v in value.items()}
    return value


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)
