"""Finding person names in free text, in any case, including names no list has seen.

A word is a name candidate by what it is (name_lists: a forename, a surname, a word that is also a name, or a word
that is not an everyday word at all) and by the words around it: titles ("Dr", "Ms"), roles ("my CPN"), verbs of
people ("said", "who", "has", the possessive), nicknames ("wee", "big") and the places words keep (a town after
"in", a phrase in keep.txt). Each finding is sure or unsure: unsure ones ("possible name") are removed too, and shown
apart in the review so the facilitator can check them.
"""

from __future__ import annotations

import re

from cafe_desk.export.name_cues import (
    APART,
    BLOCKERS,
    DAY_NAMES,
    FACILITIES,
    FIRST_KINDS,
    FROM_PERSON,
    I_AM,
    IS_AFTER,
    KUNYA,
    LONG_RUN,
    MAX_RUN,
    MET,
    NAMED_AFTER,
    NAMED_APART,
    NICKNAME,
    NOT_DAY_NAME,
    OPENING,
    PARTICLES,
    PERSON_BEFORE,
    PERSON_PREV,
    PINYIN,
    PLACE_OF,
    TIME_WORDS,
    TO_PERSON,
    VOCATIVE,
    acts_as_person,
    does,
    person_verb,
)
from cafe_desk.export.name_lists import FORENAME, GIVEN, MONTH, NAME_KINDS, PLACE, STRONG, SURNAME, TOWN, UNKNOWN, WORD
from cafe_desk.export.name_lower import decide_lower, extend_lower
from cafe_desk.export.name_passes import (
    STOP,
    coordinated,
    epithets,
    forename_joins,
    initials,
    listed,
    other_script,
    record_heads,
    word_name_at,
)
from cafe_desk.export.text_words import (
    PLACE_BEFORE,
    ROLE_WORDS,
    SPEECH,
    TITLES,
    UNKNOWN_AFTER,
    Words,
)

Find = tuple[int, int, bool]  # start, end, sure


def person_names(item: Words) -> list[Find]:
    """Spans of person names in the text, each sure or not; a forename and surname side by side are one span."""
    words, i, plain = item.words, 0, item.lists.plain
    while i < len(words):
        word = words[i][2]
        if word[0].islower():
            if not (word in plain or (word[-1] == "s" and word[:-1] in plain)):
                decide_lower(item, i)
            i += 1
        elif not item.capish(i) or _plain_alone(item, i):
            i += 1
        else:
            run = [i]
            while run[-1] + 1 < len(words) and len(run) < MAX_RUN:
                k = run[-1] + 1
                gap = item.gap(k)
                if gap == " " and item.capish(k):
                    run.append(k)
                elif gap == ". " and len(words[run[-1]][2]) == 1 and item.capish(k):
                    run.append(k)  # an initial: "J. Okonkwo"
                elif gap == " " and words[k][2].lower() in PARTICLES and k + 1 < len(words) and item.capish(k + 1) \
                        and (item.gap(k + 1) == " " or (item.key(k) == "a" and item.gap(k + 1) in ("' ", "’ "))):
                    run += [k, k + 1]  # "Ludwig van Beethoven", "Aonghas Mac Aoidh"
                else:
                    break
            long = _long_run(item, run)
            if long:
                _decide_long(item, long)
                i = long[-1] + 1
                continue
            _decide_run(item, run)
            i = run[-1] + 1
    extend_lower(item)
    forename_joins(item)
    word_name_at(item)
    other_script(item)
    epithets(item)
    record_heads(item)
    initials(item)
    coordinated(item)
    listed(item)
    return _spans(item)


def _long_run(item: Words, run: list[int]) -> list[int]:
    """The whole run of capitalised words that `run` starts, if it goes on to LONG_RUN words or more (a heading in
    title case, a list of names, or junk); [] otherwise."""
    if len(run) < MAX_RUN:
        return []
    words, k = item.words, run[-1] + 1
    long = list(run)
    while k < len(words) and item.gap(k) == " " and item.capish(k):
        long.append(k)
        k += 1
    return long if len(long) >= LONG_RUN else []


def _decide_long(item: Words, run: list[int]) -> None:
    """In a long run of capitalised words the words around say nothing: listed names that are no everyday word are
    names, sure, and words no list knows possible names, unsure, unless the run is mostly such words (junk)."""
    lists = item.lists
    kinds = [item.kind(k) for k in run]
    unknown = sum(kind == UNKNOWN for kind in kinds) <= len(run) // 2
    for k, kind in zip(run, kinds, strict=True):
        if kind in (FORENAME, STRONG, UNKNOWN) and not item.in_kept(k):
            key = item.key(k)
            if key in STOP or key in FACILITIES or key in TITLES or lists.is_word(key):
                continue
            if kind != UNKNOWN:
                item.mark(k, True)
            elif unknown and not item.words[k][2].isupper():
                item.mark(k, False)


def _plain_alone(item: Words, i: int) -> bool:
    """True for a capitalised everyday word standing alone ("The", "People") with no title, role or nickname
    before it: nothing to decide."""
    words = item.words
    if i + 1 < len(words) and item.gap(i + 1) in (" ", ". ") and words[i + 1][2][0].isupper():
        return False
    low = words[i][2].lower()
    end = words[i][1]
    return (low in item.lists.plain and low not in TITLES and words[i][0] not in item.cues
            and (i == 0 or item.prev_key(i) not in NICKNAME)
            and not (item.text[end:end + 4] in (" is ", " to ", " for", " was") and _named(item, i)))


def _decide_run(item: Words, run: list[int]) -> None:
    """Which words of a run of capitalised words are names, and how sure."""
    run = [k for k in run if not item.in_kept(k)]
    if not run:
        return
    keys = [item.key(k) for k in run]
    if len(run) > 1 and all(len(keys[n]) == 1 and item.gap(run[n + 1]) in (". ", ".") for n in range(len(run) - 1)) \
            and keys[-1] not in STOP and keys[-1] not in FACILITIES and (
                item.kind(run[-1]) in NAME_KINDS or not item.lists.is_word(keys[-1])):
        _store(item, run, dict.fromkeys(range(len(run)), True))  # "A. M. Fraser", "L. Brown"
        return
    facility = next((n for n, w in enumerate(keys) if w in FACILITIES), None)
    if facility is not None and facility == len(run) - 1 and facility > 0 and item.kind(run[facility]) == SURNAME \
            and item.kind(run[facility - 1]) in (FORENAME, GIVEN) and item.after(run[facility]):
        facility = None  # "Patsy Ward and her sister", "Teresa Ward's number": a surname, not a ward
    if facility is not None:
        # "Murray Royal Hospital", "Victoria Road": up to two words before a facility word name a place
        cut = max(0, facility - 2)
        run, keys = run[:cut], keys[:cut]
        if not run:
            return
    first = run[0]
    prev = item.prev_key(first)
    if keys[0] in BLOCKERS and len(run) > 1:
        prev, run, keys = keys[0], run[1:], keys[1:]
    elif keys[0] in I_AM and len(run) > 1:
        prev, run, keys = keys[0], run[1:], keys[1:]  # "I'm Blessing": the name is the word after
    elif keys[0] in OPENING and len(run) > 1 and item.sentence_start(run[0]) and not prev:
        prev, run, keys = PERSON_PREV, run[1:], keys[1:]  # "Ask Iona", "Call Sandy back": the verb is no name
    elif prev in ("to", "from"):
        before = item.text[max(0, item.words[run[0]][0] - 50):item.words[run[0]][0]]
        before = before[:before.lower().rfind(prev)]
        if (TO_PERSON if prev == "to" else FROM_PERSON).search(before):
            prev = PERSON_PREV
    cue = item.words[run[0]][0] in item.cues
    kinds = [item.kind(k) for k in run]
    follows = item.text[item.words[run[-1]][1]:item.words[run[-1]][1] + 12].split()[:1]
    family = follows in (["family"], ["household"], ["twins"], ["kids"])
    blocked = prev in BLOCKERS and not cue and not family
    start = item.sentence_start(run[0]) and not prev
    lists = item.lists
    names: dict[int, bool] = {}
    titled = False
    for n, word in enumerate(keys):
        if word.strip(".") in TITLES and n + 1 < len(keys):
            titled = True
            continue
        if (titled or cue) and word not in STOP:
            names[n] = True
    if prev in I_AM and kinds[0] in NAME_KINDS | {UNKNOWN} and keys[0] not in STOP \
            and not item.words[run[0]][2].isupper():
        names[0] = False  # "im Skye", "I'm Blessing"
    if start and kinds[0] in (PLACE, UNKNOWN) and keys[0] not in STOP and VOCATIVE.match(
            item.text, item.words[run[0]][1]) and (kinds[0] != UNKNOWN or not item.words[run[0]][2].isupper()):
        names[0] = False  # "KYLE U ARE NOT ALONE", "Skye you're a star": spoken to
    if prev in NICKNAME or (keys[0] in NICKNAME and len(run) > 1):
        for n in range(1 if keys[0] in NICKNAME else 0, len(run)):
            if keys[n] not in STOP and not item.words[run[n]][2].isupper():
                names[n] = kinds[n] != WORD  # "Big Tam": a word after "big" is a possible name
        if keys[0] in NICKNAME and len(run) > 1 and 1 in names:
            names[0] = names[1]  # "Wee Jinty", "Big Malky": the nickname is part of the name
    if blocked:
        _store(item, run, names)
        return
    unknown = [kind == UNKNOWN and keys[n] not in STOP and not item.words[run[n]][2].isupper()
               for n, kind in enumerate(kinds)]
    placed = prev in PLACE_BEFORE and not names.get(0) and (
        keys[0] in lists.places or PLACE_OF.match(item.text, item.words[run[0]][1]))  # "in Currie", "Muir of Ord"
    anchors = [n for n, kind in enumerate(kinds) if kind in (FORENAME, STRONG) and keys[n] not in STOP
               and not (n == 0 and placed)]
    anchors += [n for n in range(len(run)) if unknown[n] and lists.diminutive(keys[n])
                and not (n == 0 and prev in PLACE_BEFORE)]  # "loons in Torry": a place, not a pet form
    for n in anchors:
        names[n] = True
    for n, kind in enumerate(kinds):
        if n in names or (keys[n] in STOP and keys[n] not in DAY_NAMES):
            continue
        before = n + 1 in anchors and names.get(n - 1) is not True  # a forename comes first: "Ring Siobhán"
        near = before or n - 1 in anchors or names.get(n - 1) is True
        if near and (kind in (FIRST_KINDS if before else NAME_KINDS) or unknown[n] or keys[n] in PARTICLES
                     or _pinyin_pair(keys, anchors, n) or (before and n == 0 and keys[n] in DAY_NAMES
                                                           and prev not in NOT_DAY_NAME)):
            names[n] = not (n == 0 and start and unknown[n])  # "Thuirt Dhòmhnaill": a first word may be a verb
    last = len(run) - 1
    if last not in names and keys[last] not in STOP and _named(item, run[last]):
        names[last] = True  # "Rusty is what the lads call him", "Caitlin — Cat to her friends —"
    how_unknown: str | None = None
    for n, kind in enumerate(kinds):
        if n in names or keys[n] in STOP:
            continue
        if kind == UNKNOWN and keys[n].endswith("s") and lists.kind(keys[n][:-1]) in (FORENAME, STRONG) \
                and item.next_key(run[n]) in ROLE_WORDS:
            names[n] = False  # "Yusufs mum": a possessive typed without its apostrophe
            continue
        nxt = kinds[n + 1] if n + 1 < len(kinds) else None
        if kind in (GIVEN, MONTH, PLACE) and nxt in (SURNAME, PLACE, STRONG):
            names[n] = names[n + 1] = True
        elif unknown[n]:
            if how_unknown is None:
                how_unknown = item.after(run[-1], UNKNOWN_AFTER)
            tier = _unknown_tier(item, run, n, prev, start, how_unknown)
            if tier is not None:
                names[n] = tier
        elif kind in (GIVEN, MONTH, PLACE, TOWN, SURNAME):
            tier = _word_name_tier(item, run, n, kind, prev, start)
            if tier is not None:
                names[n] = tier
    for n in range(len(run) - 2, -1, -1):
        if n not in names and (kinds[n] in (GIVEN, MONTH) or keys[n] in KUNYA) and names.get(n + 1) is not None \
                and keys[n] not in STOP:
            names[n] = names[n + 1]  # "Joy Mutasa": a forename that is a word, before a surname found; "Um Khaled"
    _store(item, run, names)


def _named(item: Words, i: int) -> bool:
    """True if the words after word i say it is what someone is called ("Rusty is what the lads call him", "— Cat
    to her friends —", "Seun for short")."""
    end = item.words[i][1]
    if NAMED_AFTER.match(item.text, end):
        return True
    return item.text[max(0, item.words[i][0] - 2):item.words[i][0]].endswith(APART) and bool(
        NAMED_APART.match(item.text, end))


def _pinyin_pair(keys: list[str], anchors: list[int], n: int) -> bool:
    """True if word n and a listed name beside it are both Pinyin ("Wang Fang", "Jing Chen"): a Chinese name, even
    where a part of it is an English word."""
    return PINYIN.fullmatch(keys[n]) is not None and any(
        a in (n - 1, n + 1) and PINYIN.fullmatch(keys[a]) is not None for a in anchors)


def _unknown_tier(item: Words, run: list[int], n: int, prev: str, start: bool, how: str) -> bool | None:
    """A capitalised word no list knows: sure before "said", unsure before "who"/"has"/"'s" or inside a sentence;
    after "in", "to", "from", "the"… it is more likely a place or a thing (unless it owns something: "at Zeb's").
    At a sentence start, alone before an everyday word, with "he" or "her" later in the sentence, it is a person too
    ("Farida keeps herself to herself", "Wiktor lost his job"). `how`: what follows the run (Words.after)."""
    if prev in PLACE_BEFORE:
        return False if item.possessive(run[-1]) else None
    if how == "reporting":
        return True
    if how == "person" or not (start and n == 0):
        return False
    if len(run) == 1 and acts_as_person(item, run[0], any_verb=True):
        return False
    return None


def _word_name_tier(item: Words, run: list[int], n: int, kind: str, prev: str, start: bool) -> bool | None:
    """A name that is also a word, month or place: unsure where the words around make it a person ("May says",
    "Hope's idea", "a chat with Grace"); None otherwise."""
    if n != len(run) - 1 or prev in PLACE_BEFORE:
        return None
    how = item.after(run[n])
    if kind == SURNAME:
        # "Hunter and his mum", "Mason's teacher", "Cook is a joiner", "call Grant"
        alone = len(run) == 1 or (len(run) == 2 and start and item.key(run[0]) in MET)
        person = how == "reporting" or item.person_said(run[n]) or prev in MET or len(run) == 2 or does(item, run[n]) \
            or (start and len(run) == 1 and (person_verb(item, run[n]) or acts_as_person(item, run[n])))
        return False if alone and person else None
    if how == "reporting" and kind in (MONTH, PLACE, TOWN) and item.next_key(run[n]) not in SPEECH:
        how = ""  # "April felt long"
    if how == "person" and (kind == MONTH or item.key(run[n]) in TIME_WORDS) and item.possessive(run[n]) \
            and item.next_key(run[n]) in IS_AFTER:
        how = ""  # "Summer's the worst for me": "'s" is "is"
    if how == "reporting" or (how == "person" and kind != TOWN):
        return False
    if kind != TOWN and does(item, run[n], state=kind in (PLACE, GIVEN) and item.key(run[n]) not in TIME_WORDS):
        return False
    if kind == TOWN or n > 0:
        return None
    if prev in PERSON_BEFORE or (kind == GIVEN and not start and len(run) == 1):
        return False
    if start and len(run) == 1 and (acts_as_person(item, run[0]) or person_verb(item, run[0])):
        return False
    return None

def _store(item: Words, run: list[int], names: dict[int, bool]) -> None:
    for n, sure in names.items():
        item.mark(run[n], sure)


def _spans(item: Words) -> list[Find]:
    """The words found, as character spans; neighbours joined ("Eilidh Macdonald", "J. Okonkwo")."""
    spans: list[list] = []  # [start, end, sure, last word, words]
    for i in sorted(item.found):
        start, end, word = item.words[i]
        if word.endswith(("'s", "’s")) and len(word) > 3:
            end -= 2
        elif len(word) == 1 and item.text[end:end + 1] == "." and re.match(r"\.(?:\s+[a-z(]|[,;)])", item.text[end:]):
            end += 1  # an initial's full stop inside a sentence
        if spans and spans[-1][4] < MAX_RUN and _joined(item, spans[-1], i, start):
            last = spans[-1]
            last[1], last[2], last[3], last[4] = end, last[2] or item.found[i], i, last[4] + 1
        else:
            spans.append([start, end, item.found[i], i, 1])
    return [(s[0], s[1], s[2]) for s in spans]


def _joined(item: Words, last: list, i: int, start: int) -> bool:
    """True if word i continues the name span `last` [start, end, sure, last word]: right after it ("Eilidh
    Macdonald", "J. Okonkwo", "Mary-Jane") or past a particle ("Ludwig van Beethoven")."""
    gap = item.text[last[1]:start]
    if last[3] == i - 1:
        return gap in (" ", "-") or (gap in (". ", ".") and len(item.words[last[3]][2]) == 1)
    return last[3] == i - 2 and item.key(i - 1) in PARTICLES and i - 1 not in item.found \
        and item.gap(i - 1) == " "  # not across "MCKENZIE, 5A Gallowgate"
