"""Finding person names in free text, in any case, including names no list has seen.

A word is a name candidate by what it is (name_lists: a forename, a surname, a word that is also a name, or a word
that is not an everyday word at all) and by the words around it: titles ("Dr", "Ms"), roles ("my CPN"), verbs of
people ("said", "who", "has", the possessive), nicknames ("wee", "big") and the places words keep (a town after
"in", a phrase in keep.txt). Each finding is sure or unsure: unsure ones ("possible name") are removed too, and shown
apart in the review so the facilitator can check them.
"""

from __future__ import annotations

import re

from cafe_desk.export.name_lists import FORENAME, GIVEN, MONTH, NAME_KINDS, PLACE, STRONG, SURNAME, TOWN, UNKNOWN, WORD
from cafe_desk.export.name_passes import (
    PERSON_VERB,
    STOP,
    at_capital,
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
    REPORTING,
    ROLE_AFTER,
    ROLE_OWNED,
    ROLE_WORDS,
    SHORT_TITLES,
    SPEECH,
    TITLES,
    UNKNOWN_AFTER,
    Words,
)

Find = tuple[int, int, bool]  # start, end, sure
FIRST_KINDS = frozenset((FORENAME, GIVEN, MONTH, PLACE))  # what may stand before a name as part of it


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


NICKNAME = _set("wee big auld aul")  # "wee Shuggie", "Big Tam": a word that is not an everyday word, after one of these
LOWER_CUE_AFTER = REPORTING | UNKNOWN_AFTER | {"and"}  # "my pal frank said" (but "my son will be 19")
# A capitalised run after one of these is a place or a title: the English words, and the Gaelic place-name generics
# ("Inbhir Nis", "Baile Dhubhthaich", "Ceann a' Bhàigh", "Dùn Èideann")
BLOCKERS = _set("the st saint queen king prince princess fort port loch glen ben mount strath lady royal "
                "inbhir inver baile gleann ceann cill dùn srath achadh eilean beinn allt caol tobar druim cnoc àird "
                "aird ath bun rubha sgeir")
PERSON_BEFORE = _set("with and by for tell told asked ask met meet saw see call called phoned rang visited thank "
                     "thanks love miss missed hug hugged telt tellt texted messaged emailed")
MET = PERSON_BEFORE - _set("with and by for")  # before a word in lower case: "met torquil", not "and co-production"
# a verb that opens a sentence and takes a person: "Ask Iona about it", "Call Sandy back", "Remind Summer"
# in a note, with its subject left out: "Met Precious at the door", "Phoned Iona re the form"
IMPERATIVE = _set("ask call phone ring text tell thank meet remind invite help collect visit email message met saw "
                  "called phoned rang texted told asked thanked reminded helped collected visited emailed messaged")
GREETINGS = _set("hi hiya hello dear thanks ta cheers")  # "Hi Hope, see you Monday", "Dear Faith"
PERSON_PREV = "tell"
OPENING = IMPERATIVE | GREETINGS  # what the word before a name is taken as where the words around point at a person
# "gave the keys to Fraser", "a message from Faisal": "to" and "from" that point at a person, not a place
TO_PERSON = re.compile(r"\b(?:gave|give|given|giving|handed|hand|passed|pass|lent|lend|showed|show|explained|explain"
                       r"|introduced|introduce|mentioned|mention|apologised|apologized|waved|talked|spoke|speak|chatted"
                       r"|listened|paid|pay|owe|owes|owed|sold|read|sang|sing|said|say|wrote|write|it)\b[^.!?\n,;]{0,30}$",
                       re.IGNORECASE)
FROM_PERSON = re.compile(r"\b(?:message|messages|msg|call|calls|text|texts|letter|letters|card|cards|note|notes|email"
                         r"|emails|visit|visits|word|gift|present|hug|hugs|lift|help|thanks|apology|update|news)\s*$",
                         re.IGNORECASE)
# what only a person does or is, right after a name that is also a word: "Summer needs a lift", "Young is coming"
DOES = _set("needs needed helped helps arrived won drew turned popped relapsed overdosed died cooked kicked")
# what is done to a person: "Destiny got excluded", "Hunter got lifted", "Crystal was sectioned"
DONE_TO = re.compile(r"\s+(?:got|gets|has\s+been|had\s+been|was|is|['’]s|were)\s+(?:excluded|expelled|lifted|arrested"
                     r"|sectioned|sacked|married|pregnant|engaged|divorced|jailed|charged|evicted|deported|diagnosed"
                     r"|admitted|discharged|bullied|battered|fostered|adopted|suspended|referred|sentenced)\b",
                     re.IGNORECASE)
TIME_WORDS = _set("summer autumn winter spring dawn dusk christmas easter")  # "Summer is coming" is the season
# after a season or a month, "'s" is "is": "Summer's the worst for me", "Dawn's the worst time", "April's over"
IS_AFTER = _set("the a an not no so too very always never over here almost nearly coming my our when")
STATE = re.compile(r"\s+(?:is|was|isn't|wasn't|'s)\s+(?:coming|going|off|poorly|unwell|upset|late|sick|ill|asking"
                   r"|saying|helping|back|away|struggling|doing|feeling)\b", re.IGNORECASE)
# a verb that, straight after a word opening a sentence, has a person for its subject: "Frank sat at the back",
# "Jan works nights", "Sunny translated Punjabi", "Tam bides at…" (things and seasons seldom do these)
# days of the week given as forenames (Yoruba, Igbo, Akan and Caribbean naming), before a surname: "Sunday Adeyemi",
# "Tuesday Okoro" (not "on Friday Nowak said": a day after "on", "by", "since"…)
DAY_NAMES = _set("monday tuesday wednesday thursday friday saturday sunday")
NOT_DAY_NAME = _set("on by since till until last next every this that from before after of for each")
AGE_AFTER = re.compile(r"\s*(?:\((?:aged?\s*)?\d{1,2}\)|,?\s+aged?\s+\d{1,2}\b)")  # "Ruby (7)", "Ellie, aged 14"
FACILITIES = _set(
    "street st road rd avenue ave lane drive crescent terrace place gardens court wynd brae close way square park "
    "hospital infirmary centre center house hall college university school academy church library surgery practice "
    "clinic ward unit trust foundation project café cafe bar hotel monument bridge station memorial institute "
    "building theatre stadium county primary high medical health community hub group network springs "
    "services service team film films movie book show band festival award awards day night week bay beach sands "
    "island isle scotland magazine newspaper charity "
    "partnership council society club association recovery")
LOWER_STOP = _set("carol martin angus jack page dean bonnie ruth lynn gill will mark amber grace hope "
                  "victoria nicole eric sun rose ray sandy frank bill jean lee kelly max drew dale rowan olive")
PARTICLES = _set("van von de da di del della le la bin ibn al el mac nic mhic ó o a")
KUNYA = _set("abu umm um")  # "Abu Omar", "Um Khaled": father or mother of, before a name
MAX_RUN = 6  # words in one name at most ("Iain Mac a' Phearsain"); a longer run of capitals is cut
LONG_RUN = 16  # capitalised words in a row past which a run is decided word by word, without the words around
SENTENCE_END = re.compile(r"[.!?;\n]")
PRONOUN = re.compile(r"\b(?:he|she|his|her|him|hers|he's|she's|himself|herself)\b", re.IGNORECASE)
# what says the word before it is what someone is called: "Rusty is what the lads call him", "Cat to her friends",
# "Seun for short"
# (the second only set off by a dash, a bracket or a comma: not "Talk to her friends")
NAMED_AFTER = re.compile(r"\s+(?:is\s+what\s+(?:[\w'’]+\s+){0,3}call(?:s|ed)?\s+(?:him|her|them|me)\b|for\s+short\b"
                         r"|(?:is|was)\s+(?:(?:her|his|their|my|our)\s+(?:married\s+|maiden\s+|middle\s+|first\s+"
                         r"|last\s+|real\s+|family\s+)?(?:sur)?name|the\s+(?:married\s+|maiden\s+|family\s+)?surname)"
                         r"\b)",  # "Young is her married name", "Cook is the surname of the lady"
                         re.IGNORECASE)
NAMED_APART = re.compile(r"\s+(?:to|for)\s+(?:his|her|their|my|our)\s+(?:friends|pals|mates|family)\b", re.IGNORECASE)
APART = ("— ", "– ", "- ", "(", ", ")
OWN_PRONOUN = re.compile(r"(?:\s+[a-z]+)?\s+(?:his|himself|herself|he|she)\b")
IS_WAS = re.compile(r"\s+(?:is|was)\b")
AGE = re.compile(r"\s+(?:only\s+|just\s+|nearly\s+)?\d{1,2}\b(?!\s*(?:%|pm|am|:))")
# "im Skye", "I'm Blessing": a name given for oneself
I_AM = _set("im i'm iam")
# a name spoken to, at the start: "KYLE U ARE NOT ALONE", "Skye you're a star" (not "Hope you are well": GIVEN)
VOCATIVE = re.compile(r",?\s+(?:u|you|ye)\s+(?:are|r|were|rock|legend)\b|,?\s+you['’]re\b", re.IGNORECASE)
# a word in lower case that owns a person or speaks ("mason's dad", "jade said"), unless a determiner makes it a thing
DETERMINERS = _set("the a an this that these those my your his her our their its no every some any each which what")
# a Chinese name written in Pinyin: one or two syllables ("Wang Fang", "Chen Jing", "Li Xiaoming")
_PINYIN = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|iao|ian|ing|uai|uan|ang|eng|ong|ai|ei|ao|ou"
           r"|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u|v|ü)")
PINYIN = re.compile(rf"(?:{_PINYIN}){{1,2}}")
PLACE_OF = re.compile(r" (?:of|on|upon) (?:the )?[A-Z]")  # "Muir of Ord", "Bridge of Allan", "Newton on the Moor"


def person_names(item: Words) -> list[Find]:
    """Spans of person names in the text, each sure or not; a forename and surname side by side are one span."""
    words, i, plain = item.words, 0, item.lists.plain
    while i < len(words):
        word = words[i][2]
        if word[0].islower():
            if not (word in plain or (word[-1] == "s" and word[:-1] in plain)):
                _decide_lower(item, i)
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
    _extend_lower(item)
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
    if len(run) == 1 and _acts_as_person(item, run[0], any_verb=True):
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
        person = how == "reporting" or item.person_said(run[n]) or prev in MET or len(run) == 2 or _does(item, run[n]) \
            or (start and len(run) == 1 and (_person_verb(item, run[n]) or _acts_as_person(item, run[n])))
        return False if alone and person else None
    if how == "reporting" and kind in (MONTH, PLACE, TOWN) and item.next_key(run[n]) not in SPEECH:
        how = ""  # "April felt long"
    if how == "person" and (kind == MONTH or item.key(run[n]) in TIME_WORDS) and item.possessive(run[n]) \
            and item.next_key(run[n]) in IS_AFTER:
        how = ""  # "Summer's the worst for me": "'s" is "is"
    if how == "reporting" or (how == "person" and kind != TOWN):
        return False
    if kind != TOWN and _does(item, run[n], state=kind in (PLACE, GIVEN) and item.key(run[n]) not in TIME_WORDS):
        return False
    if kind == TOWN or n > 0:
        return None
    if prev in PERSON_BEFORE or (kind == GIVEN and not start and len(run) == 1):
        return False
    if start and len(run) == 1 and (_acts_as_person(item, run[0]) or _person_verb(item, run[0])):
        return False
    return None


def _person_verb(item: Words, i: int) -> bool:
    """True if word i is followed, in lower case, by a verb whose subject is a person (PERSON_VERB): "Frank sat at
    the back", "Lewis can't get out the house"."""
    return item.next_key(i) in PERSON_VERB and item.words[i + 1][2].islower()


def _does(item: Words, i: int, state: bool = True) -> bool:
    """True if what follows word i is what only a person does or is: "needs", "helped", an age ("Ruby (7)") or, with
    `state`, "is coming", "was poorly"."""
    end = item.words[i][1]
    return item.next_key(i) in DOES or bool(AGE_AFTER.match(item.text, end)) or (
        state and (bool(STATE.match(item.text, end)) or bool(DONE_TO.match(item.text, end))))


def _acts_as_person(item: Words, i: int, any_verb: bool = False) -> bool:
    """True for a word opening a sentence, followed by a verb and then by "he", "she", "his", "her" in the same
    sentence ("Clyde came with his mum", "Rusty is what the lads call him"), or by an age ("Phoebe is 15").
    `any_verb`: any everyday word in lower case may be the verb ("Wiktor lost his job")."""
    nxt = item.next_key(i)
    if nxt not in UNKNOWN_AFTER and nxt not in REPORTING:
        # any verb, if "his", "himself" or "herself" follows within two words: "Wiktor lost his job" (not "Zumba
        # keeps her going", "Govanhill changed a lot since he was a boy")
        return any_verb and nxt not in DETERMINERS and item.words[i + 1][2].islower() and item.lists.is_word(nxt) \
            and bool(OWN_PRONOUN.match(item.text, item.words[i + 1][1]))
    end = item.words[i][1]
    rest = SENTENCE_END.split(item.text[end:end + 80], maxsplit=1)[0]
    verb = IS_WAS.match(rest)  # "Phoebe is 15": the age comes after the verb
    return bool(PRONOUN.search(rest) or (verb and AGE.match(rest, verb.end())))


def _decide_lower(item: Words, i: int) -> None:
    """A word not in capitals: a name if listed and no everyday word, or if a title or role comes before it."""
    word = item.words[i][2]
    plain = item.lists.plain
    if word in plain or (word[-1] == "s" and word[:-1] in plain) or not word[0].islower() or item.embedded(i):
        return
    key, kind = item.key(i), item.kind(i)
    if key in STOP or len(key) < 2:
        return
    is_word = kind == WORD or item.lists.is_word(key)
    if key.endswith("s") and item.next_key(i) in ROLE_WORDS and item.lists.kind(key[:-1]) == FORENAME:
        item.mark(i, False)  # "dylans mum": a possessive typed without its apostrophe
        return
    titled = i > 0 and item.prev_key(i).strip(".") in SHORT_TITLES
    nickname = i > 0 and item.prev_key(i) in NICKNAME
    cue = item.words[i][0] in item.cues or nickname
    if (titled or cue) and not is_word:
        item.mark(i, not nickname or titled)  # "wee shuggie" may be Scots for something else
    elif cue and kind in (GIVEN, MONTH, PLACE) and (item.next_key(i) in LOWER_CUE_AFTER or not item.next_key(i)
                                                    or at_capital(item, i)  # "my key worker dawn at Murray Royal"
                                                    or (nickname and item.possessive(i))):  # "auld jock's dug"
        item.mark(i, bool(titled))
    elif nickname and kind == FORENAME:
        item.mark(i, False)  # "wee jimmy": a forename that is also a word, after "wee" or "big"
    elif kind == FORENAME and len(key) >= 3 and key not in LOWER_STOP and not is_word:
        item.mark(i, True)
    elif kind == STRONG and not is_word:
        item.mark(i, bool(re.match(r"(?:mac|mc|nic|o')", key)))
    elif kind in (GIVEN, MONTH, PLACE, SURNAME) and len(key) > 2 and (
            i == 0 or (item.prev_key(i) not in DETERMINERS and item.prev_key(i) not in PLACE_BEFORE)) and (
            (item.possessive(i) and ROLE_OWNED.match(item.text, item.words[i][1])) or (kind != SURNAME and (
                item.next_key(i) in SPEECH or ROLE_AFTER.match(item.text, item.words[i][1])))):
        item.mark(i, False)  # "jade said", "mason's dad", "harris is my best pal" (not "from church told me")
    elif kind == UNKNOWN and len(key) > 2 and key not in TITLES and key not in ROLE_WORDS and (
            item.next_key(i) in SPEECH or item.possessive(i) or (i > 0 and item.prev_key(i) in MET)):
        item.mark(i, False)  # "met torquil at the shed", "torquil's dog" (not "ma auntie's")


def _extend_lower(item: Words) -> None:
    """A surname written in lower case or capitals after a name ("sarah mcallister", "Sarah MCALLISTER") takes the
    name's certainty, if it is no everyday word."""
    for i in sorted(item.found):
        if item.possessive(i):
            continue  # "Jenny's fundraiser"
        k = i + 1
        while k < len(item.words) and item.gap(k) == " " and k not in item.found:
            key, kind = item.key(k), item.kind(k)
            if key in STOP or item.in_kept(k):
                break
            if kind in (STRONG, FORENAME) or (kind == UNKNOWN and not item.words[k][2].isupper()):
                item.mark(k, item.found[i])
            else:
                break  # an everyday word, even one that is also a surname ("Mikeysline as lifelines")
            k += 1


# Initials standing for a person in notes ("seen by J.M.", "pt R.McK"), after a word that is followed by a person.
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
