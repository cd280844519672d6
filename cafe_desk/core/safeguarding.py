"""Noticing words that suggest someone may be at risk, so a person reads them with care; and the support lines.

`RiskFinder.check` reads a comment or a note the way people write (inflections, text-speak, Scots, a line of Gaelic),
matches phrase families from `risk_rules`, weighs each match by its context (first person, now, a plan or a time;
talk about the subject, the past, a negation) and says which kind of risk it may be. It only ever *flags*: nothing is
hidden or changed automatically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cafe_desk.core import risk_rules as rules
from cafe_desk.core.model import Note
from cafe_desk.core.risk_words import BREAK, phrase, tokens

DEFAULT_SUPPORT_LINES = (
    ("Breathing Space", "0800 83 85 87"),
    ("Samaritans", "116 123"),
    ("NHS 24", "111"),
)

#: what the facilitator reads for each kind ("risk": flagged by an earlier version, kind unknown)
KIND_LABELS = {
    rules.SUICIDE: "May be thinking of ending their life",
    rules.SELF_HARM: "May be harming themselves",
    rules.HARMED: "May be being harmed by someone",
    rules.CHILD: "A child may be at risk",
    "risk": "May need support",
}
#: sources whose flagged items are participants' own words (phone comments and paper cards)
COMMENT_SOURCES = ("participant", "paper")
THRESHOLD = 2.0
#: which kind is named first when a text has several (the most urgent for a child first)
PRIORITY = (rules.CHILD, rules.SUICIDE, rules.HARMED, rules.SELF_HARM)
_NEGATION_WINDOW = 3
_SUB_CLAUSE = {"and", "but", "becaus", "though", "although", "so", "whilst", "while", "yet", ","}


@dataclass(frozen=True)
class RiskFlag:
    """What the finder noticed: the kind (a key of KIND_LABELS), the words that raised it, and how sure it is."""

    kind: str
    words: str
    score: float

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, KIND_LABELS["risk"])


def kind_label(kind: str) -> str:
    """The plain words for a stored flag's kind ("" for no flag)."""
    return KIND_LABELS.get(kind, KIND_LABELS["risk"]) if kind else ""


def _alternatives(spec: str) -> str:
    options = sorted({" ".join(phrase(a)) for a in spec.split("|") if phrase(a)}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(o + " ") for o in options) + ")"


def _compile(pattern: str) -> tuple[re.Pattern, frozenset[str]]:
    """A pattern as a regex over "stem stem | stem " text, and the stems of which one must be present to try it."""
    parts, triggers = [], None
    for element in re.findall(r"\{\w+\}\??|\[[^\]]+\]\??|~\d+|\$|[^\s\[{~$]+\??", pattern):
        optional = element.endswith("?")
        body = element.rstrip("?")
        if body == "$":  # the end of the sentence
            parts.append(r"(?=\| |$)")
            continue
        if body.startswith("~"):
            parts.append(f"(?:[^ |]+ ){{0,{int(body[1:])}}}")
            continue
        spec = rules.FAMILIES[body[1:-1]] if body.startswith("{") else body.strip("[]")
        regex = _alternatives(spec)
        if not optional and triggers is None:
            triggers = frozenset(phrase(a)[0] for a in spec.split("|") if phrase(a))
        parts.append(f"{regex}?" if optional else regex)
    return re.compile("(?<![^ ])" + "".join(parts)), triggers or frozenset()


def _context(spec: str) -> re.Pattern:
    return re.compile("(?<![^ ])" + _alternatives(spec))


@dataclass(frozen=True)
class _Rule:
    kind: str
    weight: float
    regex: re.Pattern
    triggers: frozenset[str]


class RiskFinder:
    """Compiled once (`RiskFinder.default()`); `check(text)` is cheap enough for every phone comment."""

    def __init__(self) -> None:
        self.rules = []
        for kind, weight, pattern in rules.RULES:
            regex, triggers = _compile(pattern)
            self.rules.append(_Rule(kind, weight, regex, triggers))
        self.topic = _context(rules.TOPIC)
        self.past = _context(rules.PAST)
        self.loss = _context(rules.LOSS)
        self.going_away = _context(rules.GOING_AWAY)
        self.generic = _context(rules.GENERIC)
        self.negation = frozenset(phrase(a)[0] for a in rules.NEGATION.split("|") if len(phrase(a)) == 1)
        self.now = _context(rules.NOW)
        self.hyperbole = _context(rules.HYPERBOLE)
        self.first_person = frozenset(phrase("i me my myself mine"))
        self.child = _context(rules.FAMILIES["child"])
        self._year = re.compile(r"(?<![^ ])(?:19|20)\d\d |(?<![^ ])when i be (?:\d+|\w+teen|sixteen) ")
        #: a child's age: "she be 12", "aged 9", "my 7 year old", "7 month", "p5" (Scottish primary class)
        self._young = re.compile(r"(?<![^ ])(?:(?:be|age|aged|only) (?:[1-9]|1[0-7])|(?:[1-9]|1[0-7]) (?:year|yr|y o"
                                 r"|yo|month|week|day)|p[1-7]s?) ")

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> RiskFinder:
        return cls()

    def check(self, text: str) -> RiskFlag | None:
        """The strongest kind of risk the text suggests, or None. Never raises on any text."""
        words = tokens(text or "")
        if not words:
            return None
        line = " ".join(words) + " "
        present = set(words)
        best: dict[str, RiskFlag] = {}
        for rule in self.rules:
            if rule.triggers and not rule.triggers & present:
                continue
            for match in rule.regex.finditer(line):
                start = line.count(" ", 0, match.start())
                end = start + match.group(0).count(" ")
                kind, score = self._weigh(rule, words, start, end)
                if score < THRESHOLD:
                    continue
                found = RiskFlag(kind, " ".join(words[start:end]), score)
                if kind not in best or score > best[kind].score:
                    best[kind] = found
        if not best:
            return None
        top = max(best.values(), key=lambda f: (f.score, -PRIORITY.index(f.kind)))
        return top if top.kind == rules.CHILD or rules.CHILD not in best else best[rules.CHILD]

    def _weigh(self, rule: _Rule, words: list[str], start: int, end: int) -> tuple[str, float]:
        sentence_start = max((i + 1 for i in range(start) if words[i] == BREAK), default=0)
        sentence_end = next((i for i in range(end, len(words)) if words[i] == BREAK), len(words))
        clause_start = max((i + 1 for i in range(sentence_start, start) if words[i] in _SUB_CLAUSE),
                           default=sentence_start)
        clause_end = next((i for i in range(end, sentence_end) if words[i] in _SUB_CLAUSE), sentence_end)
        outside = " ".join([*words[sentence_start:start], "#", *words[end:sentence_end]]) + " "
        clause = " ".join([*words[clause_start:start], "#", *words[end:clause_end]]) + " "
        inside = " ".join(words[max(start - 1, sentence_start):min(end + 2, sentence_end)]) + " "
        score = rule.weight
        if self.hyperbole.search(inside):
            score -= 3
        if any(w in self.negation for w in words[max(start - _NEGATION_WINDOW, clause_start):start]):
            score -= 2.5
        if self.topic.search(outside):
            score -= 2
        if self.past.search(outside):
            score -= 2
        if self.loss.search(clause):
            score -= 1.5
        if self.going_away.search(outside):
            score -= 2.5
        if self.generic.search(clause):
            score -= 1.5
        if self.now.search(outside):
            score += 0.5
        if self.first_person & set(words[clause_start:clause_end]):
            score += 0.5
        kind = rule.kind
        if self._year.search(outside):
            score -= 2
        if kind != rules.CHILD:
            here = " ".join(words[clause_start:clause_end]) + " "
            before = " ".join(words[sentence_start:end]) + " "
            speaker = "i" in words[clause_start:clause_end]
            if self._child(here) or (not speaker and self._child(before)):
                kind = rules.CHILD
        return kind, score

    def _child(self, text: str) -> bool:
        return bool(self.child.search(text) or self._young.search(text))


def held_back(note: Note) -> bool:
    """A flagged comment or paper card nobody has marked followed up yet: left out of an export unless the
    facilitator puts it back. Flagged note-taker and table-host points, and followed-up items, go in as usual."""
    return bool(note.flag) and note.source in COMMENT_SOURCES and not note.followed_up


def parse_support_lines(lines: list | None) -> tuple[tuple[str, str], ...]:
    """The café's support lines ([[name, number], …]) or the defaults when none were set."""
    if not lines:
        return DEFAULT_SUPPORT_LINES
    return tuple((str(name), str(number)) for name, number in lines)
