"""Finding named workplaces, schools, surgeries, care homes and local businesses: in a small town, "she teaches at
Dingwall Academy" or "he works at Ashgrove Care Home" points at one person as surely as a name does.

A place is a run of capitalised words ending in a word for a kind of place ("Primary", "Academy", "Surgery",
"Care Home", "Bakery", …). After "at", "works in", "goes to", "attends" and the like it is sure; a school, surgery
or care home named without such a cue is unsure ("possible workplace or school"). Towns and public services in
keep.txt are kept, and so is a college or hospital named after a town in it ("Dundee College").
"""

from __future__ import annotations

import re

from cafe_desk.export.name_lists import TOWN, fold
from cafe_desk.export.text_words import Words

Find = tuple[int, int, bool]  # start, end, sure


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Kinds of place named without a cue: unsure. The others only count after a cue.
ALWAYS = _set("primary secondary high academy school nursery surgery practice home")
KINDS = ALWAYS | _set(
    "college centre center café cafe bakery bakers garage salon barbers barber hairdressers takeaway chippy "
    "restaurant hotel inn pub bar butchers butcher deli bistro shop stores store motors joinery builders distillery "
    "brewery farm kennels florist florists launderette gym pharmacy chemist chemists dentist dentists dental vets "
    "hospital infirmary church kirk chapel mosque gurdwara library club home")
TRIGGERS = KINDS | {"café"}  # in lower case, before the finder looks closer
SECOND = _set("school home centre center practice surgery college club")  # "Primary School", "Care Home"
# Words that do not name a place on their own ("the Community Centre", "a Primary School").
GENERIC = _set(
    "the a an our my your his her their this that local new old big wee community day resource leisure sports youth "
    "family health medical dental primary secondary high nursery care nursing residential village town city main "
    "central general public private independent catholic rc parish baptist methodist free church st saint and of")
KEEP_KINDS = _set("college university hospital infirmary")  # kept when named after a town in keep.txt
CUES = _set("at in to attends attended attend attending from for with")
STRONG_CUE = re.compile(
    r"\b(?:works?|worked|working|job|teach(?:es|er|ing)?|taught|nurse|pupil|student|studies|studying|volunteers?"
    r"|volunteering|placement|goes|go|going|went|attends?|attended|attending|registered|patient|staff)"
    r"(?:\s+(?:at|in|to|for|with))?(?:\s+the)?\s*$", re.IGNORECASE)
MAX_NAME_WORDS = 4


def workplaces(item: Words) -> list[Find]:
    """Spans of named workplaces, schools, surgeries, care settings and businesses, each sure or not."""
    if TRIGGERS.isdisjoint(item.lower):
        return []
    keys = [fold(w[2]) for w in item.words]
    hits = [i for i, key in enumerate(keys) if key in KINDS]
    found: list[Find] = []
    taken_to = -1
    for i in hits:
        if i <= taken_to:
            continue
        place = _place_ending(item, keys, i)
        if place:
            start, end, sure, last = place
            found.append((start, end, sure))
            taken_to = last
    return found


def _capital(word: str) -> bool:
    return word[0].isupper()


def _place_ending(item: Words, keys: list[str], i: int) -> tuple[int, int, bool, int] | None:
    """The place whose kind word is word i, if the words before it name one: (start, end, sure, last word)."""
    text, words, lists = item.text, item.words, item.lists
    last = i
    if keys[i] == "home":  # only as "Care Home", "Nursing Home"
        if i == 0 or keys[i - 1] not in ("care", "nursing", "residential"):
            return None
        i -= 1
    elif i + 1 < len(words) and keys[i + 1] in SECOND and text[words[i][1]:words[i + 1][0]] == " " and \
            _capital(words[i + 1][2]) == _capital(words[i][2]):
        last = i + 1  # "Primary School", "Health Centre"
    lower = not _capital(words[i][2])
    first = i
    while first > 0 and i - first < MAX_NAME_WORDS:
        gap = text[words[first - 1][1]:words[first][0]]
        prev = words[first - 1][2]
        if gap not in (" ", " & ", ". ") or (gap == ". " and keys[first - 1] not in ("st", "dr")):
            break
        if lower and (_capital(prev) or keys[first - 1] in CUES or keys[first - 1] == "the"):
            break
        if not lower and not _capital(prev) and keys[first - 1] not in ("of", "and"):
            break
        first -= 1
    while first < i and keys[first] in ("of", "and", "the", "a", "an"):
        first += 1
    names = [k for k in range(first, i) if keys[k] not in GENERIC and keys[k] not in KINDS]
    if not names:
        return None
    start, end = words[first][0], words[last][1]
    before = text[max(0, start - 40):start]
    strong = bool(STRONG_CUE.search(before))
    if lower and (not strong or all(lists.is_word(keys[k]) for k in names)):
        return None
    prev_key = fold(before.split()[-1]) if before.split() else ""
    if prev_key == "the" and len(before.split()) > 1:
        prev_key = fold(before.split()[-2])
    cued = strong or prev_key in CUES
    if not cued and keys[last] not in ALWAYS and not (keys[last] in ("centre", "center") and keys[last - 1] in (
            "health", "medical")):
        return None
    if item.kept.covers(start) and item.kept.covers(end - 1):
        return None
    if keys[last] in KEEP_KINDS and all(item.kept.covers(words[k][0]) or lists.kind(words[k][2]) == TOWN
                                        for k in names):
        return None
    return start, end, cued, last
