"""Search queries of the central synthesis, read into a tree: words, "phrases", prefix*, NEAR(a b, 10), AND, OR,
NOT and brackets, as FTS5 reads them. A query that can't be read raises ValidationError with a one-line message
saying what to change; a tree can be written back as an FTS5 query in which every word is quoted, so the index
never meets a syntax error.

Precedence, as in FTS5: NOT binds tightest, then AND (also implied between neighbours), then OR. Operators are
written in capitals; "not" in lower case is a word. Characters that are not letters, digits or query syntax
separate words, as the index's tokenizer does (`peer-support` is `peer support`), except a colon straight after a
word and before the next (`text:peer`): FTS5 reads that as naming a column, which the search has no use for, so it
gets a line pointing to the filters rather than quietly looking for the word "text" too. NEAR's distance is read
whole, as written: a whole number, or a line saying so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cafe_desk.core.errors import ValidationError

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64
DEFAULT_NEAR = 10  # FTS5's distance when NEAR gives none

EXAMPLES = "try e.g. peer support, \"waiting list\", recov* or NEAR(peer support, 10)"
#: what to try when a search finds nothing
NOTHING_FOUND_TIPS = "check the spelling, or try fewer words or a word start like recov*"
SYMBOLS = f"Emoji and symbols can't be searched, only words and numbers; {EXAMPLES}."

_WORD_CHARS = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'\s+|"[^"]*"?|\(|\)|,|\*|[^\W_]+|.', re.UNICODE)
_OPERATORS = ("AND", "OR", "NOT")
_COLUMN = re.compile(r':(?:[^\W_]|["(])')  # `text:peer`, `title:"a b"`, `cafe:(x OR y)`: FTS5's column filters
_SYNTAX = re.compile(r'[\s"()*,]')  # what a query may hold besides words
_OPERATOR_WORDS = re.compile(r"(?<![^\W_])(?:AND|OR|NOT|NEAR)(?![^\W_])")
MAX_NEAR = 20_000  # a greater distance finds the same (no note has that many words) and FTS5 would overflow


@dataclass(frozen=True)
class Phrase:
    """Words in this order, next to each other; with `prefix`, the last one is a word's beginning."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Near:
    """Every phrase, in any order, with at most `distance` words between one and the next."""

    phrases: tuple[Phrase, ...]
    distance: int = DEFAULT_NEAR


@dataclass(frozen=True)
class All:
    """Every part matches (AND)."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Any:
    """At least one part matches (OR)."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Without:
    """`keep` matches and `drop` does not (NOT)."""

    keep: Node
    drop: Node


Node = Phrase | Near | All | Any | Without


def words_of(text: str) -> list[str]:
    """The words of `text`, in lower case: runs of letters and digits (the index folds accents itself)."""
    return _WORD_CHARS.findall(unicodedata.normalize("NFC", text).lower())


def parse(text: str) -> Node | None:
    """The query `text` as a tree, or None when it is empty; ValidationError with a one-line message when it can't
    be read (an unclosed quote or bracket, an operator without words, a `*` on its own, a NEAR without words or
    with a distance that is no whole number, a column named, only emoji or symbols, a query too long)."""
    text = text or ""
    if len(text) > MAX_QUERY_CHARS:
        raise ValidationError(f"The search is too long: please keep it to {MAX_QUERY_CHARS:,} characters.")
    if not text.strip():
        return None
    bare = _SYNTAX.sub("", _OPERATOR_WORDS.sub("", text))
    if bare and not _WORD_CHARS.search(bare):
        raise ValidationError(SYMBOLS)
    node = _Reader(_tokens(text)).read()
    if _count_terms(node) > MAX_TERMS:
        raise ValidationError(f"The search has too many words: please use at most {MAX_TERMS}.")
    return node


def _tokens(text: str) -> list[str]:
    """Quoted strings, brackets, `*`, words, and the commas inside NEAR(…), each followed by what is written up to
    NEAR's ")" (its distance, whatever it is); other characters only separate. ValidationError for a word that
    names a column (`text:peer`)."""
    tokens: list[str] = []
    in_near = False
    at = 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        token, at = match.group(), match.end()
        if token == "(" and tokens and tokens[-1] == "NEAR":
            in_near = True
        elif token == ")":
            in_near = False
        elif token == ",":
            if in_near:  # the distance is read whole, so -3 or 1.5 is not taken for 3 or 1
                end = text.find(")", at)
                end = len(text) if end < 0 else end
                tokens += [","] + ([text[at:end].strip()] if text[at:end].strip() else [])
                at = end
            continue
        if _WORD_CHARS.fullmatch(token) and _COLUMN.match(text, at) and not token[0].isdigit():
            raise ValidationError(f"A search can't name a column or field (“{token}:”): type just the words, and "
                                  "narrow by café, group, theme or date with the filters.")
        if token.startswith('"') or token in "()*" or _WORD_CHARS.fullmatch(token):
            tokens.append(token)
    return tokens


def _count_terms(node: Node) -> int:
    if isinstance(node, Phrase):
        return len(node.words)
    if isinstance(node, Near):
        return sum(len(p.words) for p in node.phrases)
    if isinstance(node, Without):
        return _count_terms(node.keep) + _count_terms(node.drop)
    return sum(_count_terms(p) for p in node.parts)


MAX_DEPTH = 20  # brackets inside brackets: far beyond what anyone types, far below Python's recursion limit


class _Reader:
    """A recursive-descent reader over the query's tokens."""

    def __init__(self, tokens: list[str]):
        self.tokens = tokens
        self.at = 0
        self.depth = 0  # brackets open around the reader now

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def read(self) -> Node:
        node = self.any_of()
        if self.peek() == ")":
            raise ValidationError("The search has a “)” without its “(”: please remove it or add the “(”.")
        if self.peek() is not None:  # pragma: no cover - every token is taken by the rules above
            raise ValidationError(f"The search can't be read near “{self.peek()}”; {EXAMPLES}.")
        return node

    def any_of(self) -> Node:
        parts = [self.all_of()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.all_of(after="OR"))
        return parts[0] if len(parts) == 1 else Any(tuple(parts))

    def all_of(self, after: str = "") -> Node:
        parts = [self.without(after)]
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.take()
                parts.append(self.without("AND"))
            else:
                parts.append(self.without())
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def without(self, after: str = "") -> Node:
        node = self.primary(after)
        while self.peek() == "NOT":
            self.take()
            node = Without(node, self.primary("NOT"))
        return node

    def primary(self, after: str = "") -> Node:
        token = self.peek()
        if token in _OPERATORS or token is None or token == ")":
            if after:
                raise ValidationError(f"{after} needs words on both sides, e.g. peer {after} support.")
            if token in _OPERATORS:
                raise ValidationError(f"{token} needs words on both sides, e.g. peer {token} support.")
            if token == ")":
                raise ValidationError("The search has a “)” without its “(”: please remove it or add the “(”.")
            raise ValidationError(f"The search has no words to look for; {EXAMPLES}.")
        if token == "(":
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ValidationError(f"The search has more than {MAX_DEPTH} brackets inside each other; please use "
                                      "fewer.")
            node = self.any_of()
            self.depth -= 1
            if self.peek() != ")":
                raise ValidationError("The search has a “(” that is not closed: please add the “)”.")
            self.take()
            return node
        if token == "NEAR" and self.at + 1 < len(self.tokens) and self.tokens[self.at + 1] == "(":
            return self.near()
        return self.phrase()

    def phrase(self) -> Phrase:
        """A quoted phrase or one bare word, with a `*` after it for a prefix."""
        token = self.take()
        if token == "*":
            raise ValidationError("A “*” goes straight after the start of a word, e.g. recov* for recovery, "
                                  "recovering…")
        if token.startswith('"'):
            if len(token) == 1 or not token.endswith('"'):
                raise ValidationError("The search has a quote that is not closed: please add the closing \".")
            words = words_of(token[1:-1])
            if not words and _SYNTAX.sub("", token):
                raise ValidationError(SYMBOLS)
            if not words:
                raise ValidationError("A phrase in quotes needs at least one word, e.g. \"waiting list\".")
        else:
            words = words_of(token)
        prefix = self.peek() == "*"
        if prefix:
            self.take()
        return Phrase(tuple(words), prefix)

    def near(self) -> Near:
        self.take()
        self.take()  # NEAR (
        phrases: list[Phrase] = []
        distance = DEFAULT_NEAR
        while self.peek() not in (None, ")", ","):
            if self.peek() in _OPERATORS or self.peek() in ("(", "NEAR"):
                raise ValidationError("NEAR takes only words and phrases, e.g. NEAR(peer support, 10).")
            phrases.append(self.phrase())
        if self.peek() == ",":
            self.take()
            number = self.take() if self.peek() not in (None, ")") else ""
            if not number.isdigit() or not number.isascii():
                raise ValidationError("NEAR's distance is a whole number after the comma, e.g. NEAR(peer support, 10).")
            distance = min(int(number), MAX_NEAR)
        if self.peek() != ")":
            raise ValidationError("NEAR( is not closed: please add the “)”, e.g. NEAR(peer support, 10).")
        self.take()
        if not phrases:
            raise ValidationError("NEAR needs words to look for, e.g. NEAR(peer support, 10).")
        return Near(tuple(phrases), distance)


def fts5_query(node: Node) -> str:
    """The tree as an FTS5 query with every word quoted (so no word is read as an operator or syntax)."""
    if isinstance(node, Phrase):
        return '"' + " ".join(node.words) + '"' + ("*" if node.prefix else "")
    if isinstance(node, Near):
        return "NEAR(" + " ".join(fts5_query(p) for p in node.phrases) + f", {node.distance})"
    if isinstance(node, All):
        return "(" + " AND ".join(fts5_query(p) for p in node.parts) + ")"
    if isinstance(node, Any):
        return "(" + " OR ".join(fts5_query(p) for p in node.parts) + ")"
    return "(" + fts5_query(node.keep) + " NOT " + fts5_query(node.drop) + ")"
