"""Noticing words that suggest someone may be at risk, so a person reads them with care; and the support lines.

`RiskFinder.check` reads a comment or a note the way people write (inflections, text-speak, Scots, a line of Gaelic),
matches phrase families from `risk_rules`, weighs each match by its context (`risk_context`: first person, now, a plan
or a time; talk about the subject, the past, a negation), asks a small learned model (`risk_model`) how likely risk is,
and says which kind of risk it may be. It only ever *flags*: nothing is hidden or changed automatically.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from cafe_desk.core import risk_context as context
from cafe_desk.core import risk_rules as rules
from cafe_desk.core.model import COMMENT_SOURCES, Note
from cafe_desk.core.risk_model import FUNCTION, SKIP, RiskModel
from cafe_desk.core.risk_words import BREAK, ZERO_WIDTH_SPACES, phrase, read
from cafe_desk.resources import RESOURCES

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
MAX_CHARS = 20_000  # far above any note (5,000) or comment (1,000); a longer text is read up to here
CONTEXT = 40  # words either side of a match that its context is read from
MATCHES_PER_RULE = 8  # a text that matches one family more often than this is judged on the first few
THRESHOLD = 2.0  # a phrase family's score from which it counts as a match
RULE_ALONE = 3.5  # a match this strong flags whatever the model says
MODEL_WITH_RULE = 0.3  # a match flags when the model gives risk at least this likely
MODEL_WITH_RULE_IN_SENTENCE = 0.6  # ... or gives the match's sentence alone risk at least this likely
WINDOW = 3  # sentences the model reads at a time in a long text
MODEL_ALONE_WORDS = 4  # words that carry meaning the model needs before it flags on its own
MODEL_ALONE = 0.8  # the model flags on its own from this likelihood (chosen by leave-one-set-out: bench/RESULTS.md)
MODEL_ALONE_IN_CONTEXT = 0.9  # … and from this one when the text talks of a topic, the past, a trip or a mishap
#: which kind is named first when a text has several (the most urgent for a child first)
PRIORITY = (rules.CHILD, rules.SUICIDE, rules.HARMED, rules.SELF_HARM)
_NEGATION_WINDOW = 3
_ABOUT = {"about", "on", "regard", "around"}
#: words so common that a rule is better found by another of its words
_COMMON = frozenset({
    "i", "me", "my", "be", "was", "to", "the", "a", "of", "and", "it", "you", "he", "she", "they", "have", "do",
    "not", "no", "in", "on", "at", "for", "with", "that", "this", "will", "would", "can",
})
_SPEAKER = {"i", "me", "myself"}
_NOT_AT_RISK = {"to", "for", "with", "from", "about", "without", "sake", "as"}
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
    """One of these phrases, as stems. A pattern's "be" matches "was" too: only the context lists tell tenses
    apart ("when I was young" is the past; "when I'm alone" is not)."""
    options = sorted({" ".join(phrase(a)) for a in spec.split("|") if phrase(a)}, key=len, reverse=True)
    return "(?:" + "|".join("".join("(?:be|was) " if t == "be" else re.escape(t) + " " for t in o.split())
                            for o in options) + ")"


def _compile(pattern: str) -> tuple[re.Pattern, frozenset[str], bool, frozenset[str]]:
    """A pattern as a regex over "stem stem | stem " text; the stems of its first element (of which one must be
    present to try it); whether a match can only start at one of those stems (then it is tried there only); and the
    most telling element's stems, one of which must also be present (a rare word rules out more texts than "my")."""
    parts, triggers, needed = [], None, []
    elements = re.findall(r"\{\w+\}\??|\[[^\]]+\]\??|~\d+|\$|[^\s\[{~$]+\??", pattern)
    anchored = bool(elements) and not elements[0].endswith("?") and elements[0][0] not in "~$"
    for element in elements:
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
        if not optional:
            stems = frozenset(w for a in spec.split("|") for w in phrase(a)[:1])
            triggers = stems if triggers is None else triggers
            needed.append(stems)
        parts.append(f"{regex}?" if optional else regex)
    telling = min(needed, key=lambda s: (bool(s & _COMMON), len(s)), default=frozenset())
    return re.compile("(?<![^ ])" + "".join(parts)), triggers or frozenset(), anchored, telling


def _context(spec: str) -> re.Pattern:
    return re.compile("(?<![^ ])" + _alternatives(spec))


@dataclass(frozen=True)
class _Rule:
    kind: str
    weight: float
    regex: re.Pattern
    triggers: frozenset[str]
    anchored: bool
    telling: frozenset[str]


@dataclass(frozen=True)
class _Together:
    """Word families that must all be in one sentence, in any order ("& {means} {intent}")."""

    kind: str
    weight: float
    parts: tuple[re.Pattern, ...]
    triggers: tuple[frozenset[str], ...]
    anywhere: bool = False  # "&&": anywhere in the text, not only in one sentence


def _compile_together(pattern: str) -> tuple[tuple[re.Pattern, ...], tuple[frozenset[str], ...]]:
    parts, triggers = [], []
    for element in re.findall(r"\{\w+\}|\[[^\]]+\]", pattern):
        spec = rules.FAMILIES[element[1:-1]] if element.startswith("{") else element.strip("[]")
        parts.append(re.compile("(?<![^ ])" + _alternatives(spec)))
        triggers.append(frozenset(phrase(a)[0] for a in spec.split("|") if phrase(a)))
    return tuple(parts), tuple(triggers)


class RiskFinder:
    """Compiled once (`RiskFinder.default()`); `check(text)` is cheap enough for every phone comment."""

    def __init__(self, model: RiskModel | None = None) -> None:
        self.model = model
        self.rules, self.together = [], []
        for kind, weight, pattern in rules.RULES:
            if pattern.startswith("&"):
                self.together.append(_Together(kind, weight, *_compile_together(pattern), pattern.startswith("&&")))
            else:
                self.rules.append(_Rule(kind, weight, *_compile(pattern)))
        self.benign = _context(context.BENIGN)
        # which rules a word can start: a text tries only the rules its words can trigger (in the rules' order)
        self._by_trigger: dict[str, list[int]] = {}
        for i, rule in enumerate(self.rules):
            for word in rule.telling:
                self._by_trigger.setdefault(word, []).append(i)
        self._untriggered = {i for i, rule in enumerate(self.rules) if not rule.telling}
        self._together_by: dict[str, list[int]] = {}
        for i, rule in enumerate(self.together):
            for word in rule.triggers[0]:
                self._together_by.setdefault(word, []).append(i)
        self.talk = _context(context.TALK)
        self.topic = _context(context.TOPIC)
        self.past = _context(context.PAST)
        self.loss = _context(context.LOSS)
        self.going_away = _context(context.GOING_AWAY)
        self.generic = _context(context.GENERIC)
        self.negation = frozenset(phrase(a)[0] for a in context.NEGATION.split("|") if len(phrase(a)) == 1)
        self.now = _context(context.NOW)
        self.hyperbole = _context(context.HYPERBOLE)
        self.first_person = frozenset(phrase("i me my myself mine"))
        self.child = _context(rules.FAMILIES["child"])
        self._year = re.compile(r"(?<![^ ])(?:19|20)\d\d |(?<![^ ])when i (?:be|was) (?:\d+|\w+teen) ")
        #: a child's age: "she be 12", "aged 9", "my 7 year old", "7 month", "p5" (Scottish primary class)
        self._young = re.compile(r"(?<![^ ])(?:(?:be|age|aged|only) (?:[1-9]|1[0-7])|(?:[1-9]|1[0-7]) (?:year|yr|y o"
                                 r"|yo|month|week|day)|p[1-7]s?) ")

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> RiskFinder:
        """The finder with the shipped model (phrase families alone if the model file is missing)."""
        path = RESOURCES / "safeguarding" / "risk_model.json"
        return cls(RiskModel.load(path) if path.exists() else None)

    def check(self, text: str) -> RiskFlag | None:
        """The kind of risk the text suggests, or None. Never raises on any text.

        A flag needs the model to think risk very likely, or a phrase family to match with the model at least
        unsure (so a lookalike that matches a phrase is not flagged), or a phrase family to match very strongly.
        """
        text = (text or "")[:MAX_CHARS]
        found = self._check(text, read(text))
        if found is None and any(c in text for c in ZERO_WIDTH_SPACES):
            found = self._check(text, read(text, invisible_spaces=True))  # the other way to read a hidden space
        return found

    def _check(self, text: str, reading: tuple[list[str], list[tuple[int, int]]]) -> RiskFlag | None:
        words, spans = reading
        if not words:
            return None
        rule = self.match(text, words, spans)
        if self.model is None or (rule is not None and rule.score >= RULE_ALONE):
            return rule
        # a long text is read a few sentences at a time too, as the model was trained on comments of that length
        sentences = _sentences(words)
        windows = [(0, len(words))] + ([(sentences[i][0], sentences[min(i + WINDOW, len(sentences)) - 1][1])
                                        for i in range(len(sentences) - WINDOW + 1)] if len(sentences) > WINDOW else [])
        if rule is not None and len(sentences) > 1:
            # a matched phrase is weighed in each sentence alone too, needing the model surer there: "The peer group
            # kept me going. Sometimes I feel like I can't go on though." — good news in one sentence must not talk
            # the model out of the next
            for first, last in sentences:
                if last > first and self.model.predict(words[first:last]).risk >= MODEL_WITH_RULE_IN_SENTENCE:
                    return rule
        best, best_risk = (0, len(words)), -1.0
        for first, last in windows:
            risk = self.model.predict(words[first:last]).risk
            if rule is not None and risk >= MODEL_WITH_RULE:
                return rule
            if risk > best_risk:
                best, best_risk = (first, last), risk
            if rule is None and risk >= MODEL_ALONE:
                break
        first, last = best
        if best_risk < MODEL_ALONE or _content_words(words[first:last]) < MODEL_ALONE_WORDS:
            return None  # the model alone never flags a text of a word or two ("he said he would come")
        if best_risk < MODEL_ALONE_IN_CONTEXT and self._ordinary_context(words[first:last]):
            return None  # the model alone needs to be surer when the text talks of a topic, the past or a trip
        prediction = self.model.predict(words[first:last], explain=True)
        return RiskFlag(prediction.kind, _evidence(text, words[first:last], spans[first:last], prediction.strongest),
                        round(prediction.risk * 4, 2))

    def match(self, text: str, words: list[str], spans: list[tuple[int, int]]) -> RiskFlag | None:
        """The strongest phrase family matched in the text (its kind, words and score), or None."""
        line = " ".join(words) + " "
        present = set(words)
        offsets, at, where = [], 0, {}
        for i, w in enumerate(words):
            offsets.append(at)
            at += len(w) + 1
            where.setdefault(w, []).append(i)
        best: dict[str, RiskFlag] = {}

        going = [(line.count(" ", 0, m.start()), line.count(" ", 0, m.end())) for m in self.going_away.finditer(line)]

        def consider(rule, start: int, end: int, cores: list[tuple[int, int]]) -> None:
            kind, score = self._weigh(rule, words, start, end, cores, going)
            if score >= THRESHOLD and (kind not in best or score > best[kind].score):
                best[kind] = RiskFlag(kind, text[spans[start][0]:spans[end - 1][1]], score)

        for index in sorted({i for w in present for i in self._by_trigger.get(w, ())} | self._untriggered):
            rule = self.rules[index]
            hits = rule.triggers & present
            if rule.triggers and not hits:
                continue
            if rule.anchored:
                starts = sorted(i for t in hits for i in where[t])
                found = (m for m in (rule.regex.match(line, offsets[i]) for i in starts) if m)
            else:
                found = rule.regex.finditer(line)
            for match in itertools.islice(found, MATCHES_PER_RULE):
                start = line.count(" ", 0, match.start())
                end = start + match.group(0).count(" ")
                consider(rule, start, end, [(start, end)])
        together = [self.together[i] for i in sorted({i for w in present for i in self._together_by.get(w, ())})
                    if all(trig & present for trig in self.together[i].triggers)]
        if together:
            for first, last in [*_sentences(words), (0, len(words))]:
                whole = (first, last) == (0, len(words))
                here = set(words[first:last])
                sentence = None
                for rule in together:
                    if rule.anywhere != whole or not all(trig & here for trig in rule.triggers):
                        continue
                    sentence = sentence or " ".join(words[first:last]) + " "
                    found = [part.search(sentence) for part in rule.parts]
                    if all(found):
                        cores = [(first + sentence.count(" ", 0, m.start()),
                                  first + sentence.count(" ", 0, m.end())) for m in found]
                        consider(rule, min(c[0] for c in cores), max(c[1] for c in cores), cores)
        if not best:
            return None
        top = max(best.values(), key=lambda f: (f.score, -PRIORITY.index(f.kind)))
        return top if top.kind == rules.CHILD or rules.CHILD not in best else best[rules.CHILD]

    def _weigh(self, rule, words: list[str], start: int, end: int, cores: list[tuple[int, int]],
               going: list[tuple[int, int]]) -> tuple[str, float]:
        """The rule's weight raised or lowered by the words around what it matched (`cores`, within start..end)."""
        inner = {i for a, b in cores for i in range(a, b)}
        # the words around a match, up to its sentence's ends (a very long "sentence" is read near the match only)
        lo, hi = max(start - CONTEXT, 0), min(end + CONTEXT, len(words))
        sentence_start = max((i + 1 for i in range(lo, start) if words[i] == BREAK), default=lo)
        sentence_end = next((i for i in range(end, hi) if words[i] == BREAK), hi)
        clause_start = max((i + 1 for i in range(sentence_start, start) if words[i] in _SUB_CLAUSE),
                           default=sentence_start)
        clause_end = next((i for i in range(end, sentence_end) if words[i] in _SUB_CLAUSE), sentence_end)
        outside = " ".join(w if i not in inner else "#" for i, w in enumerate(words[sentence_start:sentence_end],
                                                                              sentence_start)) + " "
        clause = " ".join(w if i not in inner else "#" for i, w in enumerate(words[clause_start:clause_end],
                                                                             clause_start)) + " "
        inside = " ".join(words[max(start - 1, sentence_start):min(end + 3, sentence_end)]) + " "
        score = rule.weight
        if self.hyperbole.search(inside):
            score -= 3
        if any(w in self.negation for w in words[max(start - _NEGATION_WINDOW, clause_start):start]):
            score -= 2.5
        if self.topic.search(outside):
            score -= 2
        if self.past.search(outside):
            score -= 1 if self.now.search(outside) else 2  # "when I was in hospital last week" is not the past
        if self.loss.search(clause):
            score -= 1.5
        if any(not inner.intersection(range(a, b)) for a, b in going):
            score -= 2.5  # going away is said anywhere in the text: "- off to Spain!"
        if any(w in _ABOUT for w in words[max(start - 2, sentence_start):start]) and self.talk.search(outside):
            score -= 2  # "talking about self-harm at the table was hard"
        if self.benign.search(outside):
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
        if kind != rules.CHILD and not _SPEAKER & {w for a, b in cores for w in words[a:b]}:
            # a child named near the words makes it "a child may be at risk", unless the words are the writer's own
            # ("I cut myself again after the kids went to bed")
            here = " ".join(words[clause_start:clause_end]) + " "
            before = " ".join(words[sentence_start:end]) + " "
            speaker = "i" in words[clause_start:clause_end]
            if self._child(here) or (not speaker and self._child(before)):
                kind = rules.CHILD
        return kind, score

    def _ordinary_context(self, words: list[str]) -> bool:
        """The words talk about a topic, the past, going away or an everyday mishap."""
        line = " ".join(words) + " "
        return any(c.search(line) for c in (self.topic, self.past, self.going_away, self.benign))

    def _child(self, text: str) -> bool:
        """A child is named as the one at risk (not as who a letter is to, or for whose sake)."""
        for found in (*self.child.finditer(text), *self._young.finditer(text)):
            before = text[:found.start()].split()[-2:]
            if not _NOT_AT_RISK & set(before):
                return True
        return False


def _evidence(text: str, words: list[str], spans: list[tuple[int, int]], strongest: tuple[str, ...]) -> str:
    """The sentence holding the feature that raised the model's flag most, as written (at most ~120 characters)."""
    kept = [i for i, w in enumerate(words) if w not in (BREAK, ",")]
    for feature in strongest:
        parts = feature.split("_")
        for n, i in enumerate(kept):
            if [words[j] for j in kept[n:n + len(parts)]] == parts:
                first, last = next((a, b) for a, b in _sentences(words) if a <= i < b)
                start, end = spans[first][0], spans[last - 1][1]
                if end - start > 120:
                    start = spans[max(first, i - 6)][0]
                    end = spans[min(last, i + len(parts) + 6) - 1][1]
                return text[start:end]
    return ""


def _content_words(words: list[str]) -> int:
    return sum(1 for w in words if w not in FUNCTION and w not in SKIP)


def _sentences(words: list[str]) -> list[tuple[int, int]]:
    """(first, last) word indices of each sentence."""
    out, first = [], 0
    for i, w in enumerate(words):
        if w == BREAK:
            out.append((first, i))
            first = i + 1
    out.append((first, len(words)))
    return out


@lru_cache(maxsize=256)
def check_text(text: str) -> RiskFlag | None:
    """`RiskFinder.default().check(text)`, remembered for the last few texts: the phone pages read a comment before
    taking the store's lock, so storing it doesn't make the next phone wait for the finder."""
    return RiskFinder.default().check(text)


def held_back(note: Note) -> bool:
    """A flagged comment or paper card nobody has marked followed up yet: left out of an export unless the
    facilitator puts it back. Flagged note-taker and table-host points, and followed-up items, go in as usual."""
    return bool(note.flag) and note.source in COMMENT_SOURCES and not note.followed_up


def parse_support_lines(lines: list | None) -> tuple[tuple[str, str], ...]:
    """The café's support lines ([[name, number], …]) or the defaults when none were set."""
    if not lines:
        return DEFAULT_SUPPORT_LINES
    return tuple((str(name), str(number)) for name, number in lines)
