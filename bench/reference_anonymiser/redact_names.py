"""Finding person names in free text: name lists from resources/names, context cues ("Dr", "my CPN", "called") and
the rules that tell a name from an everyday word, a place or a public service."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

NAMES_DIR = Path(__file__).resolve().parent / "names"
Span = tuple[int, int, str]


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")
TITLES = _set("dr doctor mr mrs ms miss mx prof professor nurse sister rev reverend cllr councillor father "
              "auntie aunt uncle granny gran grandad papa nana")
ROLES = ("cpn|gp|psychiatrist|psychologist|nurse|doctor|consultant|counsellor|counselor|therapist|worker|ot|pharmacist"
         "|carer|mentor|manager|boss|colleague|son|daughter|husband|wife|partner|boyfriend|girlfriend|fiancée?|mum|mam"
         "|mother|dad|father|brother|sister|friend|pal|mate|neighbour|neighbor|gran|granny|grandad|grandson"
         "|granddaughter|grandma|grandpa|niece|nephew|cousin|uncle|auntie|aunt|wean|bairn|lad|lassie|flatmate"
         "|housemate|landlord|landlady|tutor|teacher|coach|sponsor|buddy|befriender|advocate|ex|stepdad|stepmum"
         "|stepson|stepdaughter|kid|child|baby|twin")
CUE = re.compile(
    rf"\b(?:(?:my|our|his|her|their|your|a|the)\s+(?:(?:key|support|social|care|peer|link)\s+)?(?:wee\s+|old\s+|"
    rf"new\s+|best\s+|eldest\s+|youngest\s+|little\s+|big\s+)?(?:{ROLES})s?|called|named|name\s+is|name's|"
    r"known\s+as|ask\s+for|speak\s+to|talk\s+to|spoke\s+to|thanks\s+to|thank\s+you|cheers)\s*,?\s+(?=\S)",
    re.IGNORECASE)
REPORTING = _set("said says told asked mentioned explained shared talked spoke described added agreed suggested "
                 "wanted wants thinks thought reckons felt feels brought came left joined laughed cried "
                 "admitted insisted noted raised offered")
BLOCKERS = _set("the st saint queen king prince princess fort port loch glen ben mount strath lady royal")
FACILITIES = _set(
    "street st road rd avenue ave lane drive crescent terrace place gardens court wynd brae close way square park "
    "hospital infirmary centre center house hall college university school academy church library surgery practice "
    "clinic ward unit trust foundation project café cafe bar hotel monument bridge station memorial institute "
    "building theatre stadium county primary high medical health community hub group network springs "
    "services service team film films movie book show band festival award awards day night week "
    "partnership council society club association recovery")
STOP = _set(
    "i a an the and but or so if then when what who why how where this that these those it its he she they we you "
    "my our your his her their me us them mr mrs ms dr no yes ok okay thanks thank hi hello dear oh also just "
    "monday tuesday wednesday thursday friday saturday sunday january february march july september october "
    "november december table round group everyone anyone someone nobody people folk god jesus christmas easter "
    "scottish scots english irish polish british gaelic nhs gp cpn ae")
LOWER_STOP = _set("carol martin angus jack page dean bonnie ruth lynn gill will mark amber grace hope "
                  "victoria nicole eric sun rose ray sandy frank bill jean lee kelly max drew dale rowan olive")
SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"“(•*]|\s[-–]|^\s*[-–])\s*$")
MAC = re.compile(r"^(?:Mc|Mac|O['’]|Nic)[A-ZÀ-Þ]")


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case without accents and with straight apostrophes: the key names are looked up by."""
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _read(name: str) -> Iterator[str]:
    for line in Path(NAMES_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


@dataclass(frozen=True)
class NameLists:
    """The name lists and kept phrases, loaded once."""

    forenames: frozenset[str]
    surnames: frozenset[str]
    ambiguous: dict[str, str]
    keep_phrases: re.Pattern[str]
    keep_numbers: frozenset[str]
    keep_domains: frozenset[str]
    kinds: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


@lru_cache(maxsize=1)
def name_lists() -> NameLists:
    """Load resources/names once per process."""
    ambiguous = {}
    for line in _read("ambiguous.txt"):
        word, kind = line.rsplit(" ", 1)
        ambiguous.setdefault(fold(word), kind)
    forenames = frozenset(fold(w) for w in _read("forenames.txt")) - ambiguous.keys()
    surnames = frozenset(fold(w) for w in _read("surnames.txt")) - ambiguous.keys()
    phrases, numbers, domains = [], set(), set()
    for line in _read("keep.txt"):
        kind, _, value = line.partition(":")
        value = value.strip()
        if kind == "phrase":
            phrases.append(r"\s+".join(re.escape(part) for part in value.split()))
        elif kind == "number":
            numbers.add(re.sub(r"\D", "", value))
        elif kind == "domain":
            domains.add(value.lower())
    phrases.sort(key=len, reverse=True)
    keep = re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)", re.IGNORECASE)
    return NameLists(forenames, surnames, ambiguous, keep, frozenset(numbers), frozenset(domains))


@lru_cache(maxsize=64)
def extra_pattern(extra: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern for names typed into the café (staff, venue, table names), longest first; None if there are none."""
    parts = sorted({" ".join(e.split()) for e in extra if len(e.strip()) >= 2}, key=len, reverse=True)
    if not parts:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def extra_names(text: str, extra: Iterable[str]) -> Iterator[Span]:
    """Names typed into the café, wherever they appear, in any case."""
    pattern = extra_pattern(tuple(extra))
    if pattern is not None:
        for m in pattern.finditer(text):
            yield m.start(), m.end(), "name"


def _is_cap(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or not word.isupper())


def person_names(text: str, lists: NameLists) -> Iterator[Span]:
    """Spans of person names: listed names with the context rules, and any capitalised word after a cue."""
    kept = [(m.start(), m.end()) for m in lists.keep_phrases.finditer(text)]
    cue_ends = {m.end(): fold(m.group(0).split()[0]) for m in CUE.finditer(text)}
    words = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text)]
    i = 0
    while i < len(words):
        run = [words[i]]
        if not _is_cap(words[i][2]):
            key = fold(words[i][2])
            if key not in lists.forenames and key not in lists.ambiguous:
                i += 1
                continue
        else:
            while i + len(run) < len(words):
                prev_end, nxt = run[-1][1], words[i + len(run)]
                gap = text[prev_end:nxt[0]]
                if not _is_cap(nxt[2]) or gap not in (" ", ". ") or (gap == ". " and len(run[-1][2]) > 1):
                    break
                run.append(nxt)
        yield from _decide(text, run, lists, kept, cue_ends)
        i += len(run)


def _classify(word: str, lists: NameLists) -> str:
    """forename, strong_surname, given, month, place, surname (the ambiguous kinds) or unknown; remembered."""
    kind = lists.kinds.get(word)
    if kind is None:
        if len(lists.kinds) > 100_000:
            lists.kinds.clear()
        kind = lists.kinds[word] = _classify_uncached(word, lists)
    return kind


def _classify_uncached(word: str, lists: NameLists) -> str:
    key = fold(word)
    if key.endswith("'s"):
        key = key[:-2]
    if key in lists.ambiguous:
        return lists.ambiguous[key]
    if key in lists.forenames:
        return "forename"
    if key in lists.surnames or MAC.match(word):
        return "strong_surname"
    return "unknown"


def _decide(text: str, run: list[tuple[int, int, str]], lists: NameLists, kept: list[tuple[int, int]],
            cue_ends: dict[int, str]) -> Iterator[Span]:
    run = [w for w in run if not any(s <= w[0] < e for s, e in kept)]
    if not run:
        return
    start = run[0][0]
    before = text[max(0, start - 40):start]
    prev_word = fold(before.split()[-1]) if before.split() else ""
    prev_word = prev_word.strip(".,")
    cue = cue_ends.get(start)
    sentence_start = bool(SENTENCE_END.search(before))
    kinds = [_classify(w[2], lists) for w in run]
    words = [fold(w[2]) for w in run]
    names = [False] * len(run)
    if not _is_cap(run[0][2]):
        word, kind = words[0], kinds[0]
        strong = kind == "forename" and word not in LOWER_STOP and len(word) >= 3
        if strong or (cue and kind in ("forename", "given", "month", "place")):
            yield run[0][0], _end(run[0]), "name"
        return
    if any(w in FACILITIES for w in words):
        # "Murray Royal Hospital", "Victoria Road": up to two words before a facility word name a place.
        keep = max(0, next(k for k, w in enumerate(words) if w in FACILITIES) - 2)
        run, kinds, words, names = run[:keep], kinds[:keep], words[:keep], names[:keep]
        if not run:
            return
    if words[0] in BLOCKERS and len(run) > 1:
        prev_word, run, kinds, words, names = words[0], run[1:], kinds[1:], words[1:], names[1:]
    family = text[run[-1][1]:run[-1][1] + 12].split()[:1] in (["family"], ["household"], ["twins"], ["kids"])
    blocked = prev_word in BLOCKERS and not cue and not family
    titled = False
    for k, word in enumerate(words):
        if word.strip(".") in TITLES and k + 1 < len(words):
            titled = True
            continue
        if titled or cue:
            names[k] = word not in STOP
    anchors = [k for k, kind in enumerate(kinds) if kind in ("forename", "strong_surname") and words[k] not in STOP]
    if not blocked:
        for k in anchors:
            names[k] = True
        if anchors:
            for k, kind in enumerate(kinds):
                near = any(abs(k - a) == 1 for a in anchors) or (k > 0 and names[k - 1])
                listed = kind != "unknown" and words[k] not in STOP
                if near and (listed or (kind == "unknown" and k > 0 and kinds[k - 1] == "forename")):
                    names[k] = True
        for k, kind in enumerate(kinds):
            if names[k]:
                continue
            nxt = kinds[k + 1] if k + 1 < len(kinds) else None
            pairs = kind in ("given", "month", "place") and nxt in ("surname", "place", "strong_surname")
            if pairs:
                names[k] = names[k + 1] = True
            elif kind == "given" and not (k == 0 and sentence_start):
                names[k] = k > 0 or prev_word not in ("a", "an", "in", "of", "on", "at")
            elif kind in ("given", "place") and k == 0 and len(run) == 1 and sentence_start:
                names[k] = _said(text, run[0], lists)
    for k, is_name in enumerate(names):
        if is_name:
            yield run[k][0], _end(run[k]), "name"


def _said(text: str, word: tuple[int, int, str], lists: NameLists) -> bool:
    """A word at a sentence start is a name if a reporting verb ("said") or "and" plus another name follows."""
    after = text[word[1]:word[1] + 40].split()
    if word[2].endswith(("'s", "’s")):
        return True
    if not after:
        return False
    if after[0].strip(".,") in REPORTING:
        return True
    return len(after) > 1 and after[0] == "and" and _is_cap(after[1]) and _classify(after[1].strip(".,"), lists) in (
        "forename", "given", "strong_surname")


def _end(word: tuple[int, int, str]) -> int:
    text = word[2]
    return word[1] - 2 if text.endswith(("'s", "’s")) and len(text) > 3 else word[1]
