"""Passes over a whole text that find names the run-by-run decision of redact_names can't see: initials with a
surname ("J. McLaren"), names joined with "and" or listed with commas ("Hamid, Farah and their kids"), the name heading
a record ("Rowan, DOB 1966-04-30"), and bynames with "the" ("Tam the Bam"). Also the words both need: the verbs only a
person does, and the words that are never a name."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache

from cafe_desk.export.name_lists import (
    FORENAME,
    GIVEN,
    MONTH,
    NAME_KINDS,
    PLACE,
    STRONG,
    SURNAME,
    TOWN,
    UNKNOWN,
    WORD,
)
from cafe_desk.export.text_words import AND, REPORTING, UNKNOWN_AFTER, Words, is_cap


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


PERSON_VERB = _set("works worked volunteers volunteered sat typed translated translates missed misses lives bides "
                   "stays isnae wasnae hasnae hadnae disnae doesnae didnae cannae couldnae wouldnae can't couldn't "
                   "phoned texted studies studied prays prayed cooked bakes baked drinks drank smokes smoked sleeps "
                   "slept finds found")
STOP = _set(
    "i a an the and but or so if then when what who why how where this that these those it its he she they we you "
    "my our your his her their me us them mr mrs ms dr no yes ok okay thanks thank hi hello dear oh also just "
    "monday tuesday wednesday thursday friday saturday sunday january february march july september october "
    "november december table round group everyone anyone someone nobody people folk god jesus christmas easter "
    "scottish scots english irish polish british gaelic nhs gp cpn ae roma romani traveller travellers "
    "mon tue tues wed weds thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec dob "
    "sir madam all team folks friends everybody")

INITIALS = re.compile(r"\b(?:[A-Z]\.\s?){1,2}(?:[A-Z]\.|Ma?c[A-Z][a-z]*)(?!\w)")
INITIALS_CUE = re.compile(r"\b(?:by|pt|su|patient|client|to|with|and|from|cc|saw|seen|per|re|for|spoke\s+to)"
                          r"\s*:?\s*$", re.IGNORECASE)
# "F.M. (carer) says", "J.M. reports"
INITIALS_AFTER = re.compile(r"\s*(?:\((?:carer|mum|dad|wife|husband|partner|son|daughter|pt|su)\b"
                            r"|(?:said|says|reports|reported|told|telt)\b)", re.IGNORECASE)
NOT_INITIALS = _set("uk us usa nb am pm eg ie ps aka rip asap dob gp ae")


def initials(item: Words) -> None:
    """Initials before a name found ("d. mcintyre", "A. M. Fraser") join it; initials alone after a person word
    ("seen by J.M.") are a name."""
    words, text = item.words, item.text
    for i in sorted(item.found):
        k = i - 1
        while k >= 0 and len(words[k][2]) == 1 and words[k][2].isalpha() and text[words[k][1]:words[k][1] + 1] == "." \
                and words[k + 1][0] - words[k][1] <= 2 and k not in item.found:
            item.mark(k, item.found[i])
            k -= 1
    if "." not in text:
        return
    for m in INITIALS.finditer(text):
        if m.group().replace(".", "").replace(" ", "").lower() in NOT_INITIALS:
            continue
        if INITIALS_CUE.search(text, max(0, m.start() - 12), m.start()) or INITIALS_AFTER.match(text, m.end()):
            for k, (start, end, _w) in enumerate(words):
                if m.start() <= start and end <= m.end():
                    item.mark(k, True)


def coordinated(item: Words) -> None:
    """A word joined by "and" (or "n") to a name found, or to "me", is a name too if it could be one: "Jakey n
    kyle", "me n tam", "Faith and Joy". A word that is only an everyday word is left."""
    if AND.isdisjoint(item.lower):
        return
    words = item.words
    mes = [k for k, w in enumerate(words) if w[2] == "me"] if "me" in item.lower else []
    for i in sorted(item.found) + mes:
        for step in (1, -1):
            j, k = i + step, i + 2 * step
            if not 0 <= k < len(words) or k in item.found or fold_key(item, j) not in AND:
                continue
            if item.gap(max(i, j)).strip() or item.gap(max(j, k)).strip():
                continue
            key, kind = item.key(k), item.kind(k)
            if key in STOP or key == "me" or item.in_kept(k) or kind == TOWN or len(key) < 3 or item.embedded(k):
                continue
            sure_side = i not in item.found or item.found[i]  # "me", or a name found sure
            if (kind in NAME_KINDS and (kind != PLACE or sure_side)) or (
                    kind == UNKNOWN and not item.lists.is_word(key)):
                item.mark(k, False)


def listed(item: Words) -> None:
    """A capitalised word parted by a comma from a name found, in a list that goes on with "and", is a name too if it
    is no everyday word: "Hamid, Farah and their kids", "Moira, Dariusz, Chidi and Shona"."""
    if AND.isdisjoint(item.lower) or "," not in item.text:
        return
    words = item.words
    for i in sorted(item.found):
        for k in (i - 1, i + 1):
            if not 0 <= k < len(words) or k in item.found or item.gap(max(i, k)) != ", ":
                continue
            key, kind = item.key(k), item.kind(k)
            if not is_cap(words[k][2]) or key in STOP or item.in_kept(k) or len(key) < 3 or item.embedded(k):
                continue
            if kind in (FORENAME, STRONG) or (kind == UNKNOWN and not item.lists.is_word(key)):
                end = item.text.find(".", words[k][1])
                if " and " in item.text[min(words[i][0], words[k][0]):end if end > 0 else len(item.text)]:
                    item.mark(k, False)


def fold_key(item: Words, i: int) -> str:
    return item.key(i) if 0 <= i < len(item.words) else ""


# a record's head: a name, then its date of birth or CHI number ("Rowan, DOB 1966-04-30, CHI 3004661234, seen")
RECORD_HEAD = re.compile(r"(?:^|(?<=[\n.;:]\s)|(?<=\n))([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}),\s+"
                         r"(?:DOB|D\.O\.B\.?|CHI)\b")


def record_heads(item: Words) -> None:
    """Names before a date of birth or CHI number at the start of a line or sentence: a record's head."""
    if "DOB" not in item.text and "CHI" not in item.text and "D.O.B" not in item.text:
        return
    firsts = [w[0] for w in item.words]
    for m in RECORD_HEAD.finditer(item.text):
        i = bisect_left(firsts, m.start(1))
        while i < len(item.words) and item.words[i][1] <= m.end(1):
            if item.key(i) not in STOP and item.kind(i) not in (TOWN, WORD) and not item.in_kept(i):
                item.found.setdefault(i, True)
            i += 1


def _before_the_capital(text: str, firsts: list[int]) -> Iterator[int]:
    """The index of each word followed by " the " and a capital (found with str.find: "the" is in nearly every
    text, and a pattern tried at every capital costs more than the rule is worth)."""
    at = text.find(" the ")
    while at != -1:
        if text[at + 5:at + 6].isupper():
            i = bisect_left(firsts, at) - 1
            if i >= 0:
                yield i
        at = text.find(" the ", at + 4)


def epithets(item: Words) -> None:
    """A forename with "the" and a capitalised word after it, before what a person does, is one name: a byname
    ("Tam the Bam fae the scheme", "Jimmy the Post says hello"), not "Will the Council pay"."""
    words = item.words
    if "the" not in item.lower:
        return
    firsts = [w[0] for w in words]
    for i in _before_the_capital(item.text, firsts):
        if i + 3 >= len(words) or words[i + 1][2] != "the" or item.gap(i + 1) != " " \
                or item.gap(i + 2) != " " or not is_cap(words[i + 2][2]) or not is_cap(words[i][2]):
            continue
        if i not in item.found and item.kind(i) not in (FORENAME, GIVEN):
            continue
        nxt = item.next_key(i + 2)
        if not (nxt in REPORTING or nxt in UNKNOWN_AFTER or nxt in PERSON_VERB or item.possessive(i + 2)) \
                or not words[i + 3][2].islower() \
                or item.kind(i + 2) in (TOWN, PLACE) or item.key(i + 2) in STOP or item.in_kept(i + 2):
            continue
        sure = item.found.get(i, True) and item.kind(i) == FORENAME
        for k in (i, i + 1, i + 2):
            item.found[k] = sure


@lru_cache(maxsize=64)
def extra_pattern(extra: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[tuple[str, ...], ...]] | None:
    """A pattern for names typed into the café (staff, venue, table names), longest first, and the words of each name
    in lower case; None if there are none."""
    parts = sorted({" ".join(e.split()) for e in extra if len(e.strip()) >= 2}, key=len, reverse=True)
    if not parts:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)
    words = tuple(tuple(p.lower().split()) for p in parts)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), words


def extra_names(text: str, extra: Iterable[str]) -> Iterator[tuple[int, int, str]]:
    """Names typed into the café, wherever they appear, in any case. The pattern is searched only where every word of
    one of the names is in the text, which is quicker than the pattern over a text that has none of them."""
    found = extra_pattern(tuple(extra))
    if found is None:
        return
    pattern, names = found
    low = text.lower()
    if any(all(word in low for word in name) for name in names):
        for m in pattern.finditer(text):
            yield m.start(), m.end(), "name"


# what may not come before a forename that joins a surname after it: "I hope Macdonald wins", "since june Smith"
NOT_BEFORE_FORENAME = _set("i we you they to will would can could just really so do did don't in on since until by "
                           "from of for at last next this every each the a an")
LINE_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")
MAC = re.compile(r"(?:Ma?c|O['’])[A-Z]")
AT_CAPITAL = re.compile(r"\s+at\s+[A-Z]")  # "my key worker dawn at Murray Royal Hospital"


def forename_joins(item: Words) -> None:
    """A forename in any case right before a surname found joins the name ("my pal hope macdonald"), and so does a
    capitalised surname on the line after a forename found ("Mr\nJohn\nSmith")."""
    words = item.words
    for i in sorted(item.found):
        if i > 0 and i - 1 not in item.found and item.gap(i) == " " and item.kind(i) in (SURNAME, STRONG, UNKNOWN) \
                and item.kind(i - 1) in (FORENAME, GIVEN, MONTH) and item.key(i - 1) not in STOP \
                and (i < 2 or item.gap(i - 1).strip() or item.key(i - 2) not in NOT_BEFORE_FORENAME):
            item.mark(i - 1, item.found[i])
        k = i + 1
        if k < len(words) and k not in item.found and "\n" in item.gap(k) and LINE_BREAK.fullmatch(item.gap(k)) \
                and is_cap(words[k][2]) and item.kind(i) in (FORENAME, GIVEN) \
                and (item.kind(k) in (SURNAME, STRONG) or MAC.match(words[k][2])) \
                and (k + 1 == len(words) or "\n" in item.gap(k + 1) or item.gap(k + 1).strip(" ") in (",", ".")):
            item.mark(k, item.found[i])


def at_capital(item: Words, i: int) -> bool:
    """Whether word i is followed by "at" and a capitalised word: "my nurse dawn at Murray Royal Hospital"."""
    return AT_CAPITAL.match(item.text, item.words[i][1]) is not None


# a name that is also a word, opening a sentence, said to be at or to go to a named place: "June was at Hillhead
# High School" (not "Hope was in short supply")
WAS_AT = re.compile(r"\b([A-Z][a-z]+)\s+(?:was|is|went|goes)\s+(?:at|to)\s+(?:the\s+)?([A-Z][a-z]+)")


def word_name_at(item: Words) -> None:
    """A name that is also an everyday word, at the start of a sentence before "was at" and a capitalised place:
    a possible name."""
    text = item.text
    if (" at " not in text and " to " not in text) or ("was" not in item.lower and "is" not in item.lower
                                                       and "went" not in item.lower and "goes" not in item.lower):
        return
    firsts = None
    for m in WAS_AT.finditer(text):
        if item.lists.kind(m.group(1)) not in (GIVEN, MONTH) or m.group(2).lower() in STOP:
            continue
        firsts = firsts or [w[0] for w in item.words]
        i = bisect_left(firsts, m.start(1))
        if i < len(firsts) and firsts[i] == m.start(1) and item.sentence_start(i):
            item.mark(i, False)


NON_LATIN = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")
OPEN_MARKS = frozenset("(\"“‘'[«")


def _latin(ch: str) -> bool:
    return ch < "\u0250" or "\u1e00" <= ch < "\u1f00"


def other_script(item: Words) -> None:
    """A run of one to four words in a script other than the Latin one (Arabic, Cyrillic, Greek, Hebrew, Chinese …)
    inside a text mostly in Latin letters, set apart as a name is: in brackets or quotes, beside a name found, after
    a cue ("my pal") or before "said" and the like: a possible name ("Ali (علي حسن)")."""
    text = item.text
    if text.isascii() or not NON_LATIN.search(text):
        return
    other = len(NON_LATIN.findall(text))
    if other * 2 >= sum(1 for ch in text if ch.isalpha()):
        return
    words, run = item.words, []
    for i, (_start, _end, word) in enumerate([*words, (0, 0, "a")]):
        foreign = i < len(words) and not _latin(word[0]) and word[0].isalpha()
        if foreign and run and item.gap(i).strip(" ") == "":
            run.append(i)
            continue
        if 0 < len(run) <= 4 and all(len(words[k][2]) <= 20 for k in run) and _set_apart(item, run):
            for k in run:
                item.mark(k, False)
        run = [i] if foreign else []


def _set_apart(item: Words, run: list[int]) -> bool:
    first, last = run[0], run[-1]
    before = item.gap(first).strip(" ")
    return (before[-1:] in OPEN_MARKS and before != "") or item.words[first][0] in item.cues \
        or (first > 0 and first - 1 in item.found and before in ("", "(", "-", "–", ",")) \
        or item.next_key(last) in REPORTING or item.next_key(last) in UNKNOWN_AFTER
