"""Named workplaces and venues without a word for a kind of place, and hospitals where someone is treated or works.

A business may be named beside what it is ("their uncle's shop, Raja Superstore"), after a verb of working or
studying ("works at Tesco in Livingston"), or after a job held there ("a weaver at Templeton's"); a plain "at" before
a capitalised word no list knows is a possible place ("been at Abbeyfield"). A hospital that keep.txt keeps ("site:")
is a place where the words before say someone is treated or works there ("an inpatient at the Royal Edinburgh
Hospital", "a porter at the Southern"). Places with a kind word ("Dingwall Academy") are redact_places.py's.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from cafe_desk.export.name_lists import FORENAME, GIVEN, STRONG, SURNAME, TOWN, UNKNOWN, WORD, fold
from cafe_desk.export.redact_places import GENERIC, KINDS, Find, capital, word_set
from cafe_desk.export.text_words import JOBS, Words

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
SHORT_WORDS = word_set("royal western southern northern vale priory sandyford beatson jubilee kids alex rah")
STAY_CUE = re.compile(r"\b(?:ended\s+up|fortnight|weeks?|months?|nights?|days?)\s+(?:at|in|to|into|intae)\s+$",
                      re.IGNORECASE)  # "ended up in the Western", "a fortnight in the Priory"
JOB_AT = re.compile(r"\b(?:a|an)\s+[a-z]+\s+at\s+$", re.IGNORECASE)  # "a nurse at the Royal": one of thousands there
# a carer named by their role, and maybe their name, before the hospital they work at: "my key worker dawn at"
ROLE_AT = re.compile(r"\b(?:my|our|his|her|their|your|[a-z]+['’]s)\s+(?:(?:key|support|care|social)\s+)?(?:worker|cpn"
                     r"|nurse|gp|doctor|consultant|psychiatrist|psychologist|therapist|counsellor|carer|ot|physio)"
                     r"(?:\s+[A-Za-z'’-]+)?\s+at\s+(?:the\s+)?$", re.IGNORECASE)
SITE_TAIL = word_set("hospital infirmary centre center unit clinic general royal")


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
                and capital(words[k][2]):
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
ORG_ENDS = word_set("trust foundation project network association society partnership charity group services")
# A plain "at" is a venue cue only before a capitalised word no list knows ("been at Abbeyfield", "at the Clachan").
AT_CUE = re.compile(r"\bat\s+(?:the\s+)?$", re.IGNORECASE)
WEAK_CUE = re.compile(r"\b[Aa]t\s+(?:[Tt]he\s+)?(?=[A-Z])"
                      r"|\b(?:at|in|to|tae|fae|frae|from|outside)\s+(?=(?:st|St|Saint)\b)")
VENUE_VERBS = word_set("study studies studied studying play plays played playing "
                   "work works worked working wrk wrks job shift shifts clean cleans cleaned cleaning cleaner drive "
                   "drives drove driving driver volunteer volunteers volunteered volunteering serve serves served "
                   "shelves employed placement apprenticeship apprentice drink drinks drank drinking till tills "
                   "kitchen kitchens canteen counter reception rehab detox")
HELP_WORDS = word_set("help helps helped")  # a cue only as "help out", and "help" is in most comments: looked for apart
JOB_WORDS = frozenset(w for job in f"{JOB_NAMES}|{TRADES}".split("|") for w in job.split("\\s+")[:1]) | word_set(
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
NOT_VENUE = word_set(
    "night nights home weekends weekend times least last all first present moment minute care retail hospitality "
    "construction admin education himself herself themselves myself yourself council government nhs school college "
    "uni university hospital shop shops factory office offices warehouse pub bar cafe café restaurant hotel "
    "supermarket bakery garage kitchen farm ward wards community charity")
VENUE_STOP = word_set("the a an my our his her their your this that it its me him them us you i he she we they same "
                  "local other another one two some every each mon tue tues wed thu thur thurs fri sat sun jan feb "
                  "mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday "
                  "mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends january february march "
                  "april may june july august september october november december christmas easter")
MAX_VENUE_WORDS = 3
OWNED_FOLLOW = word_set("for on in since and but until till every when with at from as")


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
