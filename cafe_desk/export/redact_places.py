"""Finding named workplaces, schools, surgeries, care homes and local businesses: in a small town, "she teaches at
Dingwall Academy" or "he works at Ashgrove Care Home" points at one person as surely as a name does.

A place is a run of capitalised words ending in a word for a kind of place ("Primary", "Academy", "Surgery",
"Care Home", "Bakery", …). After "at", "works in", "goes to", "attends" and the like it is sure; a school, surgery
or care home named without such a cue is unsure ("possible workplace or school"). Towns and public services in
keep.txt are kept, and so is a college or hospital named after a town in it ("Dundee College"); but a hospital of
keep.txt ("site:") is a place where the words before say someone works, studies or is treated there ("works in the
canteen at Ninewells", "an inpatient at the Royal Edinburgh Hospital"). Gaelic names put the kind of place first
("Sgoil Lionacleit", "Ospadal nan Eilean"); a business may be named beside what it is ("their uncle's shop, Raja
Superstore") or after a job held there ("a weaver at Templeton's").
"""

from __future__ import annotations

import re
from bisect import bisect_left

from cafe_desk.export.name_lists import FORENAME, GIVEN, STRONG, SURNAME, TOWN, UNKNOWN, WORD, fold
from cafe_desk.export.text_words import JOBS, Words

Find = tuple[int, int, bool]  # start, end, sure


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Kinds of place named without a cue: unsure. The others only count after a cue.
ALWAYS = _set("primary secondary high academy grammar school nursery surgery practice home")
KINDS = ALWAYS | _set(
    "college centre center café cafe bakery bakers garage salon barbers barber hairdressers takeaway chippy "
    "restaurant hotel inn pub bar butchers butcher deli bistro shop stores store motors joinery builders distillery "
    "brewery farm kennels florist florists launderette gym pharmacy chemist chemists dentist dentists dental vets "
    "hospital infirmary church kirk chapel mosque gurdwara library club home hospice hostel tavern arms lounge coaches "
    "taxis cabs haulage house lodge court manor university uni agency superstore supermarket complex shed factory "
    "mill depot warehouse clinic grange project solicitors lawyers accountants stables pool theatre racecourse spa")
# Gaelic names put the kind of place first: "Sgoil Lionacleit", "Ospadal nan Eilean", "Ionad Chaluim Chille"
GAELIC_KINDS = _set("sgoil ospadal oilthigh colaiste ionad bùth buth")
GAELIC_ALWAYS = _set("sgoil ospadal oilthigh colaiste")  # named without a cue: unsure
GAELIC_LINKS = _set("na nan nam an am a' a")
TRIGGERS = KINDS | GAELIC_KINDS | {"café"}  # in lower case, before the finder looks closer
SECOND = _set("school home centre center practice surgery college club")  # "Primary School", "Care Home"
# Words that do not name a place on their own ("the Community Centre", "a Primary School").
GENERIC = _set(
    "the a an our my your his her their this that local new old big wee community day resource leisure sports youth "
    "family health medical dental primary secondary high nursery care nursing residential village town city main "
    "central general public private independent catholic rc parish baptist methodist free church st saint and of gp "
    "boarding sunday night driving art special grammar state prep summer language dance music drama forest gaelic "
    "medium")
# In a text typed in capitals, where a place's name can't be told by its capitals, its name stops at these words:
# "MY BOY GOES TO ST MIRIN'S HIGH", "HE HAS WAITED SINCE SCHOOL".
SHOUTED_STOP = _set(
    "i i'm a an the and but or so if then when what who why how where this that these those it its he she they we you "
    "my our your his her their me us them is was are were be been has have had do does did since not no just also "
    "very said says still now only even before after until till about near by works work worked working job "
    "goes go going went attends attend attended attending registered teaches teacher taught nurse pupil student "
    "studies studying volunteers volunteer placement patient staff left joined moved")
KEEP_KINDS = _set("college university hospital infirmary")  # kept when named after a town in keep.txt
CUES = _set("at in to tae fae frae attends attended attend attending from for with")
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


def _capital(word: str) -> bool:
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
            _capital(words[i + 1][2]) == _capital(words[i][2]):
        last = i + 1  # "Primary School", "Health Centre"
    lower = not _capital(words[i][2])
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
                mixed = _capital(prev)
            elif _capital(prev) != mixed and not (mixed and keys[first - 1] in ("of", "and")):
                break
        if shouted and (keys[first - 1] in CUES or keys[first - 1] in SHOUTED_STOP or not prev.isupper()):
            break
        if not lower and not _capital(prev) and keys[first - 1] not in ("of", "and"):
            break
        first -= 1
    while first < i and keys[first] in ("of", "and", "the", "a", "an"):
        first += 1
    # a kind word may name a school ("Grange Academy", "Mill Primary"), not a shop ("Farm Shop")
    names = [k for k in range(first, i) if keys[k] not in GENERIC and (keys[k] not in KINDS or (
        keys[last] in ALWAYS and _capital(words[k][2])))]
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
    if not _capital(words[i][2]):
        return None
    last, k = i, i + 1
    while k < len(words) and k - i <= MAX_NAME_WORDS and text[words[k - 1][1]:words[k][0]] in (" ", "-", "' "):
        if _capital(words[k][2]) or (keys[k].startswith("h-") and words[k][2][2:3].isupper()):
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


# where someone works, studies or is treated: before a hospital of keep.txt ("site:"), it is a place
TREATED_CUE = re.compile(
    r"(?:['’]s|\b(?:works?|worked|working|job|nurse|porter|doctor|cleaner|student|employed|inpatient|patient|admitted"
    r"|reviewed|seen|treated|tested|sectioned|ward|wards|canteen|kitchen|tills?|shifts?|placement"
    r"|volunteers?|been|was|wis|is|stays?|stayed|staying|kept|transferred|moved|taken|died)"
    r"|\b(?:put|sent|took|taken|moved|transferred)\s+(?:him|her|them|me|us)|\bsent|\brehab|\bdetox)"
    r"(?:\s+(?:to|in|into|on)\s+ward\s+\d{1,3}[a-z]?)?"  # "admitted to Ward 27 at Gartnavel"
    r"\s+(?:at|in|to|tae|intae|into|for)\s+(?:the\s+)?$",
    re.IGNORECASE)
# what a hospital or clinic is called for short, after "the": "in the Royal since Tuesday", "sectioned and ended up in
# the Western", "a porter at the Southern", "a fortnight in the Priory", "got tested at the sandyford"
SHORT_SITE = re.compile(
    r"\bthe\s+(royal|western|southern|northern|vale|priory|sandyford|beatson|jubilee|sick\s+kids|royal\s+alex|rah)"
    r"(?=\s*$|\s*[,.;:!?)]|\s+(?:since|for|with|wi|till|til|until|on|at|and|n|last|this|today|yesterday|again|now"
    r"|overnight|ward|\d))", re.IGNORECASE)
SHORT_WORDS = _set("royal western southern northern vale priory sandyford beatson jubilee kids alex rah")
STAY_CUE = re.compile(r"\b(?:ended\s+up|fortnight|weeks?|months?|nights?|days?)\s+(?:at|in|to|into|intae)\s+$",
                      re.IGNORECASE)  # "ended up in the Western", "a fortnight in the Priory"
JOB_AT = re.compile(r"\b(?:a|an)\s+[a-z]+\s+at\s+$", re.IGNORECASE)  # "a nurse at the Royal": one of thousands there
# a carer named by their role, and maybe their name, before the hospital they work at: "my key worker dawn at"
ROLE_AT = re.compile(r"\b(?:my|our|his|her|their|your|[a-z]+['’]s)\s+(?:(?:key|support|care|social)\s+)?(?:worker|cpn"
                     r"|nurse|gp|doctor|consultant|psychiatrist|psychologist|therapist|counsellor|carer|ot|physio)"
                     r"(?:\s+[A-Za-z'’-]+)?\s+at\s+(?:the\s+)?$", re.IGNORECASE)
SITE_TAIL = _set("hospital infirmary centre center unit clinic general royal")


def treated(item: Words) -> list[Find]:
    """Hospitals that keep.txt keeps, where the words before say someone works, studies or is treated there ("Shaz
    works in the canteen at Ninewells", "an inpatient at the Royal Edinburgh Hospital"): sure places."""
    found: list[Find] = []
    text, words = item.text, item.words
    if not SHORT_WORDS.isdisjoint(item.lower):
        for m in SHORT_SITE.finditer(text):
            if (TREATED_CUE.search(text, max(0, m.start() - 40), m.start(1)) or STAY_CUE.search(
                    text, max(0, m.start() - 40), m.start())) and not item.kept.covers(m.start(1)) \
                    and not JOB_AT.search(text, max(0, m.start() - 30), m.start()):
                found.append((m.start(1), m.end(1), True))
    if not item.sites:
        return found
    firsts = [w[0] for w in words]
    for start, end in item.sites:
        before = text[max(0, start - 40):start]
        if not TREATED_CUE.search(before) and not ROLE_AT.search(before):
            continue
        k = bisect_left(firsts, end)
        while k < len(words) and text[end:words[k][0]] == " " and fold(words[k][2]) in SITE_TAIL \
                and _capital(words[k][2]):
            end, k = words[k][1], k + 1  # "Stobhill Hospital", "Royal Edinburgh Hospital"
        found.append((start, end, True))
    return found


# trades and jobs that JOBS (text_words) lacks, as "a weaver at", "the nurse at"
TRADES = ("weaver|barista|bartender|nurse|carer|porter|machinist|packer|picker|operator|steward|waitress|waiter"
          "|barmaid|barman|cashier"
          r"|technician|engineer|manager|supervisor|teacher|tutor|support\s+worker"
          r"|care\s+worker|kitchen\s+porter")
# Work and going-out verbs whose object is a workplace or venue even without a kind word: "works at Costa", "drives
# for MacRae's", "i wrk at primark", "stacks shelves at Morrisons", "drinks in the Clachan".
VENUE_CUE = re.compile(
    r"\b(?:works?|worked|working|wrks?|job|shifts?|cleans?|cleaned|cleaning|cleaner|drives?|drove|driving|driver"
    r"|volunteers?|volunteered|volunteering|serves?|served|shelves|employed|placement|apprenticeship|apprentice"
    r"|drinks?|drank|drinking|rehab|detox|stud(?:ies|ied|ying|y)|plays?|played|playing|helps?\s+out|helped\s+out"
    r"|works?\s+the\s+(?:bar|door|till|tills|kitchen))\s+(?:at|in|for|with|tae|fae|frae)\s+(?:the\s+)?"
    , re.IGNORECASE)
# a job held at a named business: "a weaver at Templeton's" (a business no everyday word names: not "a nurse at the
# Royal", "the minister at the Free Church")
# and a post held there: "on the tills at Tesco", "works in the kitchen at the Jade Garden"
NOT_JOBS = frozenset(("pensioner", "widow", "widower", "refugee", "survivor", "member", "regular"))  # "a regular at"
JOB_NAMES = "|".join(j for j in JOBS.split("|") if j not in NOT_JOBS)
JOB_CUE = re.compile(rf"\b(?:a|an|the)\s+(?:{JOB_NAMES}|{TRADES})\s+(?:at|for|in)\s+(?:the\s+)?"
                     r"|\b(?:on|in|behind)\s+the\s+(?:tills?|kitchens?|canteen|bar|counter|reception|desk|door|floor)"
                     r"\s+(?:at|in)\s+(?:the\s+)?", re.IGNORECASE)
# what ends the name of an organisation someone works for, even one named after a person ("Bethany Christian Trust")
REHAB_BEFORE = re.compile(r"\b(?:rehab|detox)\s+(?:at|in)\s+(?:the\s+)?$", re.IGNORECASE)  # no person there
WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?$", re.IGNORECASE)  # "works with": an organisation, not a person
NATIONALITY = re.compile(r"(?:ese|ish|ian|ean|an|i|ch|ek)$")  # Chinese, Polish, Italian, Pakistani, Greek
PERSON_KINDS = frozenset((FORENAME, GIVEN, STRONG, SURNAME))
ORG_ENDS = _set("trust foundation project network association society partnership charity group services")
# A plain "at" is a venue cue only before a capitalised word no list knows ("been at Abbeyfield", "at the Clachan").
AT_CUE = re.compile(r"\bat\s+(?:the\s+)?$", re.IGNORECASE)
WEAK_CUE = re.compile(r"\b[Aa]t\s+(?:[Tt]he\s+)?(?=[A-Z])"
                      r"|\b(?:at|in|to|tae|fae|frae|from|outside)\s+(?=(?:st|St|Saint)\b)")
VENUE_VERBS = _set("study studies studied studying play plays played playing "
                   "work works worked working wrk wrks job shift shifts clean cleans cleaned cleaning cleaner drive "
                   "drives drove driving driver volunteer volunteers volunteered volunteering serve serves served "
                   "shelves employed placement apprenticeship apprentice drink drinks drank drinking till tills "
                   "kitchen kitchens canteen counter reception rehab detox")
HELP_WORDS = _set("help helps helped")  # a cue only as "help out", and "help" is in most comments: looked for apart
JOB_WORDS = frozenset(w for job in f"{JOB_NAMES}|{TRADES}".split("|") for w in job.split("\\s+")[:1]) | _set(
    "till tills kitchen kitchens canteen bar counter reception desk door floor")
# "at st brendans", "fae st marys"
SAINT_CUE = re.compile(r"\b(?:at|in|to|tae|fae|frae|from|outside)\s+$", re.IGNORECASE)
# a Catholic school or church named for Our Lady: "in primary 3 at Our Lady's", "at Our Lady of the Rosary"
OUR_LADY = re.compile(r"\b(?:at|in|to|tae|fae|frae|from|outside)\s+(?:the\s+)?(Our\s+Lady(?:['’]s"
                      r"|\s+(?:of|and)\s+(?:the\s+)?[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?|\s+Star\s+of\s+the\s+Sea)"
                      r"(?:\s+(?:RC|Primary|High|Academy|School|Secondary|Church|Nursery))*)")
# where the venue is, kept with it when a verb says it is a workplace: "Tesco in Livingston", "Co-op on Main Street"
WHERE = re.compile(r" (?:in|on) (?:the )?([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}"
                   r"|[a-z][\w'’-]+(?: (?:street|st|road|rd|avenue|ave|lane|drive|crescent|terrace|place))?)\b")
# lower-case words after a work verb that say how or when, not where
NOT_VENUE = _set(
    "night nights home weekends weekend times least last all first present moment minute care retail hospitality "
    "construction admin education himself herself themselves myself yourself council government nhs school college "
    "uni university hospital shop shops factory office offices warehouse pub bar cafe café restaurant hotel "
    "supermarket bakery garage kitchen farm ward wards community charity")
VENUE_STOP = _set("the a an my our his her their your this that it its me him them us you i he she we they same "
                  "local other another one two some every each mon tue tues wed thu thur thurs fri sat sun jan feb "
                  "mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday "
                  "mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends january february march "
                  "april may june july august september october november december christmas easter")
MAX_VENUE_WORDS = 3
OWNED_FOLLOW = _set("for on in since and but until till every when with at from as")


def venues(item: Words) -> list[Find]:
    """Named workplaces and venues with no kind word, known by the verb before them (sure) or, for a capitalised word
    no list knows, by a plain "at" (unsure). Towns, kept phrases and people are left to the other finders."""
    text, words, lists = item.text, item.words, item.lists
    found: list[Find] = []
    cued = not VENUE_VERBS.isdisjoint(item.lower) or ("out" in item.lower and not HELP_WORDS.isdisjoint(item.lower))
    starts = {m.end() for m in VENUE_CUE.finditer(text)} if cued else set()
    jobbed: set[int] = set()
    if not JOB_WORDS.isdisjoint(item.lower) and ("at" in item.lower or "for" in item.lower or "in" in item.lower):
        jobbed = {m.end() for m in JOB_CUE.finditer(text)} - starts
        starts |= jobbed
    weak = {m.end() for m in WEAK_CUE.finditer(text)} if "at" in item.lower or "st" in item.lower or \
        "saint" in item.lower else set()
    if "lady" in item.lower and ("our" in item.lower):
        found.extend((m.start(1), m.end(1), True) for m in OUR_LADY.finditer(text))
    if not starts and not weak:
        return found
    firsts = [w[0] for w in words]
    for at in sorted(starts | weak):
        i = bisect_left(firsts, at)
        if i == len(words) or firsts[i] != at:
            continue
        start, word = at, words[i][2]
        if word in ("st", "St", "Saint") and i + 1 < len(words) and item.gap(i + 1) in (" ", ". ") and \
                SAINT_CUE.search(text, max(0, start - 8), start) and not lists.is_word(fold(words[i + 1][2])):
            found.append((start, words[i + 1][1], True))
            continue
        strong = start in starts
        if not strong and not (word[0].isupper() and AT_CUE.search(text, max(0, start - 8), start)):
            continue
        key = fold(word)
        key = key[:-2] if key.endswith("'s") else key
        with_ = strong and WITH_BEFORE.search(text, max(0, at - 10), at) is not None
        treated_ = strong and REHAB_BEFORE.search(text, max(0, at - 14), at) is not None
        if key in VENUE_STOP or item.in_kept(i) or ((at in jobbed or with_) and word[0].islower()):
            continue
        if word[0].islower():
            if not strong or key in NOT_VENUE or (lists.is_word(key) and key not in lists.brands and not (
                    key.endswith("s") and len(key) > 4 and not lists.is_word(key[:-1]))):
                continue
            found.append((start, _where(item, words[i][1]), True))
            continue
        run = [i]
        while len(run) < MAX_VENUE_WORDS and run[-1] + 1 < len(words) and item.gap(run[-1] + 1) in (" ", " & ") \
                and words[run[-1] + 1][2][0].isupper() and not item.possessive(run[-1]):
            run.append(run[-1] + 1)
        kinds = [lists.kind(words[k][2]) for k in run]
        if any(item.in_kept(k) for k in run) or (all(kind == TOWN for kind in kinds) and not (
                strong and item.possessive(run[-1]) and item.next_key(run[-1]) in OWNED_FOLLOW) and not (
                strong and text[max(0, at - 4):at].lower() == "the ")):
            continue  # a town, but "a weaver at Templeton's for thirty year" is a business
        if at in jobbed and ((all(lists.is_word(item.key(k)) for k in run) and (
                (len(run) == 1 and text[max(0, at - 4):at].lower() == "the ") or any(
                    item.key(k) in GENERIC for k in run))) or any(item.key(k) in KINDS for k in run) or (
                run[-1] + 1 < len(words) and fold(words[run[-1] + 1][2]) in KINDS)):
            continue  # "a nurse at the Royal", "the minister at the Free Church"; a kind word: see workplaces()
        if len(run) == 1 and kinds[0] == WORD and NATIONALITY.search(key) and run[0] + 1 < len(words) \
                and item.gap(run[0] + 1) == " " and item.key(run[0] + 1) in KINDS and words[run[0] + 1][2].islower():
            continue  # "works in the Chinese supermarket": a word that says what kind, before the kind
        person = kinds[0] == FORENAME or (len(run) > 1 and all(kind in PERSON_KINDS for kind in kinds))
        if (person or with_) and not (len(run) > 1 and item.key(run[-1]) in ORG_ENDS) and not treated_:
            continue  # "works for Sarah", "works with John Smith": a person (not "Bethany Christian Trust")
        saint = fold(word) in ("st", "saint")
        if not strong and ((not saint and kinds != [UNKNOWN] * len(run)) or item.sentence_start(i) or word.isupper()
                           or (run[-1] + 1 < len(words) and fold(words[run[-1] + 1][2]) in KINDS)):
            continue
        if text[max(0, start - 4):start] == "The " and start >= 4 and not item.sentence_start(i - 1):
            start -= 4  # "drinks in The Horseshoe"
        found.append((start, _where(item, words[run[-1]][1]) if strong else words[run[-1]][1], strong))
    return found


def _where(item: Words, end: int) -> int:
    """The end of a venue with where it is ("Tesco in Livingston", "greggs in the overgate"), or `end` if the words
    after it say no such thing. A lower-case place must be no everyday word."""
    m = WHERE.match(item.text, end)
    if not m:
        return end
    place = m.group(1).rstrip()
    if place[0].islower() and any(item.lists.is_word(fold(w)) for w in place.split()):
        return end
    if place[0].isupper() and (fold(place.split()[0]) in VENUE_STOP or all(
            item.lists.kind(w) == TOWN or item.kept.covers(m.start(1)) for w in place.split())):
        return end  # a town is kept: "Morrisons in Dumbarton"
    return m.start(1) + len(place)
