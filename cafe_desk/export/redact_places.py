"""Finding named workplaces, schools, surgeries, care homes and local businesses: in a small town, "she teaches at
Dingwall Academy" or "he works at Ashgrove Care Home" points at one person as surely as a name does.

A place is a run of capitalised words ending in a word for a kind of place ("Primary", "Academy", "Surgery",
"Care Home", "Bakery", …). After "at", "works in", "goes to", "attends" and the like it is sure; a school, surgery
or care home named without such a cue is unsure ("possible workplace or school"). Towns and public services in
keep.txt are kept, and so is a college or hospital named after a town in it ("Dundee College"); but a hospital of
keep.txt ("site:") is a place where the words before say someone works, studies or is treated there ("works in the
canteen at Ninewells", "an inpatient at the Royal Edinburgh Hospital"). Gaelic names put the kind of place first
("Sgoil Lionacleit", "Ospadal nan Eilean"). Places named without a kind word, and hospitals where someone is treated,
are found in redact_venues.py.
"""

from __future__ import annotations

import re

from cafe_desk.export.name_lists import TOWN, fold
from cafe_desk.export.text_words import Words

Find = tuple[int, int, bool]  # start, end, sure


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Kinds of place named without a cue: unsure. The others only count after a cue.
ALWAYS = word_set("primary secondary high academy grammar school nursery surgery practice home")
KINDS = ALWAYS | word_set(
    "college centre center café cafe bakery bakers garage salon barbers barber hairdressers takeaway chippy "
    "restaurant hotel inn pub bar butchers butcher deli bistro shop stores store motors joinery builders distillery "
    "brewery farm kennels florist florists launderette gym pharmacy chemist chemists dentist dentists dental vets "
    "hospital infirmary church kirk chapel mosque gurdwara library club home hospice hostel tavern arms lounge coaches "
    "taxis cabs haulage house lodge court manor university uni agency superstore supermarket complex shed factory "
    "mill depot warehouse clinic grange project solicitors lawyers accountants stables pool theatre racecourse spa")
# Gaelic names put the kind of place first: "Sgoil Lionacleit", "Ospadal nan Eilean", "Ionad Chaluim Chille"
GAELIC_KINDS = word_set("sgoil ospadal oilthigh colaiste ionad bùth buth")
GAELIC_ALWAYS = word_set("sgoil ospadal oilthigh colaiste")  # named without a cue: unsure
GAELIC_LINKS = word_set("na nan nam an am a' a")
TRIGGERS = KINDS | GAELIC_KINDS | {"café"}  # in lower case, before the finder looks closer
SECOND = word_set("school home centre center practice surgery college club")  # "Primary School", "Care Home"
# Words that do not name a place on their own ("the Community Centre", "a Primary School").
GENERIC = word_set(
    "the a an our my your his her their this that local new old big wee community day resource leisure sports youth "
    "family health medical dental primary secondary high nursery care nursing residential village town city main "
    "central general public private independent catholic rc parish baptist methodist free church st saint and of gp "
    "boarding sunday night driving art special grammar state prep summer language dance music drama forest gaelic "
    "medium")
# In a text typed in capitals, where a place's name can't be told by its capitals, its name stops at these words:
# "MY BOY GOES TO ST MIRIN'S HIGH", "HE HAS WAITED SINCE SCHOOL".
SHOUTED_STOP = word_set(
    "i i'm a an the and but or so if then when what who why how where this that these those it its he she they we you "
    "my our your his her their me us them is was are were be been has have had do does did since not no just also "
    "very said says still now only even before after until till about near by works work worked working job "
    "goes go going went attends attend attended attending registered teaches teacher taught nurse pupil student "
    "studies studying volunteers volunteer placement patient staff left joined moved")
KEEP_KINDS = word_set("college university hospital infirmary")  # kept when named after a town in keep.txt
CUES = word_set("at in to tae fae frae attends attended attend attending from for with")
STRONG_CUE = re.compile(
    r"\b(?:works?|worked|working|job|teach(?:es|er|ing)?|taught|nurse|pupil|student|studies|studying|volunteers?"
    r"|volunteering|placement|goes|go|going|went|attends?|attended|attending|registered|patient|staff|boss|manager"
    r"|employed|employer|laid\s+off|sacked|fired|apprentice(?:ship)?|trainee)"
    r"(?:\s+(?:at|in|to|tae|fae|frae|for|with))?(?:\s+the)?\s*$", re.IGNORECASE)
# a business named beside what it is: "works at their uncle's shop, Raja Superstore"
APPOSITION = re.compile(r"(?:\b(?:the|their|his|her|my|our|a|an|[^\W\d_]+['’]s)\s+){0,3}(?:family\s+|local\s+|wee\s+)?"
                        r"(?:shop|business|restaurant|takeaway|café|cafe|firm|salon|factory|workplace|employer|school"
                        r"|college)\s*,\s*$", re.IGNORECASE)
MAX_NAME_WORDS = 4


def workplaces(item: Words) -> list[Find]:
    """Spans of named workplaces, schools, surgeries, care settings and businesses, each sure or not."""
    if TRIGGERS.isdisjoint(item.lower):
        return []
    keys = [fold(w[2]) for w in item.words]
    hits = [i for i, key in enumerate(keys) if key in KINDS or key in GAELIC_KINDS]
    found: list[Find] = []
    taken_to = -1
    for i in hits:
        if i <= taken_to:
            continue
        place = _gaelic_place(item, keys, i) if keys[i] in GAELIC_KINDS else _place_ending(item, keys, i)
        if place:
            start, end, sure, last = place
            found.append((start, end, sure))
            taken_to = last
    return found


def capital(word: str) -> bool:
    return word[0].isupper()


def _place_ending(item: Words, keys: list[str], i: int) -> tuple[int, int, bool, int] | None:
    """The place whose kind word is word i, if the words before it name one: (start, end, sure, last word)."""
    text, words, lists = item.text, item.words, item.lists
    last = i
    if keys[i] == "home":  # only as "Care Home", "Nursing Home"
        if i == 0 or keys[i - 1] not in ("care", "nursing", "residential", "children's", "childrens", "group"):
            return None
        i -= 1
    elif i + 1 < len(words) and keys[i + 1] in SECOND and text[words[i][1]:words[i + 1][0]] == " " and \
            capital(words[i + 1][2]) == capital(words[i][2]):
        last = i + 1  # "Primary School", "Health Centre"
    lower = not capital(words[i][2])
    shouted = not lower and len(words[i][2]) > 1 and words[i][2].isupper() and (
        i == 0 or words[i - 1][2].isupper())
    first, mixed = i, False  # mixed: a name in capitals before a kind word in lower case ("Kenmore surgery")
    while first > 0 and i - first < MAX_NAME_WORDS:
        gap = text[words[first - 1][1]:words[first][0]]
        prev = words[first - 1][2]
        if gap not in (" ", " & ", ". ") or (gap == ". " and keys[first - 1] not in ("st", "dr")):
            break
        if lower:
            if keys[first - 1] in CUES or keys[first - 1] == "the":
                break
            if first == i:
                mixed = capital(prev)
            elif capital(prev) != mixed and not (mixed and keys[first - 1] in ("of", "and")):
                break
        if shouted and (keys[first - 1] in CUES or keys[first - 1] in SHOUTED_STOP or not prev.isupper()):
            break
        if not lower and not capital(prev) and keys[first - 1] not in ("of", "and"):
            break
        first -= 1
    while first < i and keys[first] in ("of", "and", "the", "a", "an"):
        first += 1
    # a kind word may name a school ("Grange Academy", "Mill Primary"), not a shop ("Farm Shop")
    names = [k for k in range(first, i) if keys[k] not in GENERIC and (keys[k] not in KINDS or (
        keys[last] in ALWAYS and capital(words[k][2])))]
    if not names:
        return None
    start, end = words[first][0], words[last][1]
    before = text[max(0, start - 40):start]
    strong = bool(STRONG_CUE.search(before))
    if not strong and before.endswith(", ") and before[-3:-2].isalpha():
        apposed = APPOSITION.search(before)
        strong = bool(apposed and STRONG_CUE.search(before, 0, apposed.start()))
    prev_key = fold(before.split()[-1]) if before.split() else ""
    if prev_key == "the" and len(before.split()) > 1:
        prev_key = fold(before.split()[-2])
    everyday = all(lists.is_word(keys[k]) for k in names)
    school_or_surgery = keys[last] in ALWAYS or (keys[last] in ("centre", "center") and keys[last - 1] in (
        "health", "medical"))
    if lower and not (strong or prev_key in CUES) and not (
            school_or_surgery and i - first <= 2 and not lists.is_word(keys[names[-1]])):
        return None  # no cue: only a school or surgery named by a word or two, the last no everyday word
    if lower and everyday and not (strong and keys[last] in ALWAYS | {"centre", "center"}):
        return None  # "registered with riverside medical centre" is one, "shops at riverside market" not
    cued = strong or prev_key in CUES
    if mixed and keys[last] not in ALWAYS and not strong:
        return None  # "the Halloween café", "the Maggie's centre"; but "ma boss at Fergusons bakery"
    if not cued and keys[last] not in ALWAYS and not (keys[last] in ("centre", "center") and keys[last - 1] in (
            "health", "medical")):
        return None
    if item.kept.covers(start) and item.kept.covers(end - 1):
        return None
    if keys[last] in KEEP_KINDS and all(item.kept.covers(words[k][0]) or lists.kind(words[k][2]) == TOWN
                                        for k in range(first, i) if keys[k] not in GENERIC):
        return None
    return start, end, cued, last


def _gaelic_place(item: Words, keys: list[str], i: int) -> tuple[int, int, bool, int] | None:
    """A Gaelic place named after its kind word ("Sgoil Lionacleit", "Ospadal nan Eilean"): sure after a cue, unsure
    for a school, hospital or college without one."""
    words, text = item.words, item.text
    if not capital(words[i][2]):
        return None
    last, k = i, i + 1
    while k < len(words) and k - i <= MAX_NAME_WORDS and text[words[k - 1][1]:words[k][0]] in (" ", "-", "' "):
        if capital(words[k][2]) or (keys[k].startswith("h-") and words[k][2][2:3].isupper()):
            last = k  # "Sgoil Lionacleit", "Comhairle nan Eilean Siar", "na h-Eileanan"
        elif keys[k] not in GAELIC_LINKS:
            break
        k += 1
    if last == i:
        return None
    start = words[i][0]
    before = text[max(0, start - 40):start]
    cued = bool(STRONG_CUE.search(before)) or (before.split()[-1:] != [] and fold(before.split()[-1]) in CUES)
    if not cued and keys[i] not in GAELIC_ALWAYS:
        return None
    return start, words[last][1], cued, last
