"""A search query checked against one text, word by word as FTS5's `unicode61 remove_diacritics 2` tokenizer reads
it: whether the text matches, and the text with its hits marked (as FTS5's `highlight()` marks them). Used on the
page of items the ranking index found, so a match is confirmed and marked without asking FTS5 row by row."""

from __future__ import annotations

import re
import unicodedata

from cafe_desk.core.search_query import All, Any, Near, Node, Phrase, Without
from cafe_desk.core.synthesis import HIT_END, HIT_START

_TOKEN = re.compile(r"[^\W_]+")


def fold(word: str) -> str:
    """A word as the index keeps it: lower case, accents removed."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _tokens(text: str) -> list[tuple[int, int, str]]:
    if text.isascii():  # most texts: lower case is all the folding there is, and offsets stay the same
        return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text.lower())]
    return [(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(text)]


def _starts(phrase: Phrase, words: list[str]) -> list[int]:
    """Where `phrase` occurs among the text's folded words (indexes of its first word)."""
    want = [fold(w) for w in phrase.words]
    n, first, last = len(want), want[0], want[-1]
    found = []
    for i in range(len(words) - n + 1):
        word = words[i]
        if n == 1:
            if word == first or (phrase.prefix and word.startswith(first)):
                found.append(i)
        elif word == first and words[i + 1:i + n - 1] == want[1:-1] and (
                words[i + n - 1] == last or (phrase.prefix and words[i + n - 1].startswith(last))):
            found.append(i)
    return found


def _near(node: Near, words: list[str]) -> bool:
    """An instance of every phrase with at most `distance` words between the end of the first and the start of the
    last. Each instance of the first phrase anchors a window; the others take their instance nearest to it."""
    spans = [[(s, s + len(p.words)) for s in _starts(p, words)] for p in node.phrases]
    if any(not s for s in spans):
        return False
    for anchor in spans[0]:
        chosen = [anchor] + [min(other, key=lambda s: abs(s[0] - anchor[0])) for other in spans[1:]]
        if max(s for s, _e in chosen) - min(e for _s, e in chosen) <= node.distance:
            return True
    return False


def matches(node: Node, text: str) -> bool:
    """Whether `text` matches the query `node`."""
    return _matches(node, [w for _s, _e, w in _tokens(text)])


def _matches(node: Node, words: list[str]) -> bool:
    if isinstance(node, Phrase):
        return bool(_starts(node, words))
    if isinstance(node, Near):
        return _near(node, words)
    if isinstance(node, All):
        return all(_matches(p, words) for p in node.parts)
    if isinstance(node, Any):
        return any(_matches(p, words) for p in node.parts)
    return _matches(node.keep, words) and not _matches(node.drop, words)


def _phrases(node: Node, words: list[str]) -> list[Phrase]:
    """The phrases whose instances are marked, as FTS5 marks them: those of the parts that match, never those
    after a NOT."""
    if isinstance(node, Phrase):
        return [node]
    if isinstance(node, Near):
        return list(node.phrases)
    if isinstance(node, Without):
        return _phrases(node.keep, words)
    if isinstance(node, Any):
        return [p for part in node.parts if _matches(part, words) for p in _phrases(part, words)]
    return [p for part in node.parts for p in _phrases(part, words)]


def highlight(node: Node, text: str) -> str:
    """`text` with every instance of the query's phrases between HIT_START and HIT_END; instances that overlap are
    marked as one, as FTS5 does."""
    return _marked(node, _tokens(text), text)


def checked(node: Node, text: str) -> str | None:
    """`highlight(node, text)` if `text` matches `node`, else None (the text read once for both)."""
    tokens = _tokens(text)
    return _marked(node, tokens, text) if _matches(node, [w for _s, _e, w in tokens]) else None


def _marked(node: Node, tokens: list[tuple[int, int, str]], text: str) -> str:
    words = [w for _s, _e, w in tokens]
    spans = sorted((start, start + len(p.words) - 1) for p in _phrases(node, words) for start in _starts(p, words))
    merged: list[list[int]] = []
    for first, last in spans:
        if merged and first <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    out, at = [], 0
    for first, last in merged:
        out += [text[at:tokens[first][0]], HIT_START, text[tokens[first][0]:tokens[last][1]], HIT_END]
        at = tokens[last][1]
    out.append(text[at:])
    return "".join(out)
