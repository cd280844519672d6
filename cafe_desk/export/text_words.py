"""A text split into words once, for every finder: each word with what the lists say it is, and what the words
around it say (a title or role before it, "said" or "who" after it, a sentence start, a kept phrase it is part of).
The vocabulary of those cues lives here too."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cafe_desk.export.name_lists import FORENAME, GIVEN, NAME_KINDS, STRONG, NameLists, fold
from cafe_desk.export.taken import Taken


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")  # "Al-Sha'ar"
# the same, for text with combining accents ("Ma\u0300iri"): slower, so only where there are some
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
HAS_MARKS = re.compile(f"[{MARKS}]")
_LETTERS = f"[^\\W\\d_](?:[^\\W\\d_]|[{MARKS}])*"
MARKED_WORD_RE = re.compile(f"{_LETTERS}(?:['’]{_LETTERS})*(?:-{_LETTERS}(?:['’]{_LETTERS})*)*")


def words_in(text: str) -> re.Pattern[str]:
    """The pattern that splits `text` into words: WORD_RE, or MARKED_WORD_RE where it has combining accents."""
    return MARKED_WORD_RE if HAS_MARKS.search(text) else WORD_RE


TITLES = _set("dr doctor mr mrs ms miss mx prof professor nurse sister rev reverend cllr councillor father "
              "auntie aunt uncle granny gran grandad papa nana sgt sergeant pc insp inspector constable capt captain "
              "cpl pastor imam canon bishop deacon sir dame matron ds dc dci")
SHORT_TITLES = _set("dr mr mrs ms mx prof cllr rev")  # titles that stay titles in lower case ("dr patel")
ROLES = ("cpn|gp|psychiatrist|psychologist|nurse|doctor|consultant|counsellor|counselor|therapist|worker|ot|pharmacist"
         "|carer|mentor|manager|boss|colleague|son|daughter|husband|wife|partner|boyfriend|girlfriend|fiancée?|mum|mam"
         "|mother|dad|father|brother|sister|friend|pal|mate|neighbour|neighbor|gran|granny|grandad|grandson"
         "|granddaughter|grandma|grandpa|niece|nephew|cousin|uncle|auntie|aunt|wean|bairn|lad|lassie|flatmate"
         "|housemate|landlord|landlady|tutor|teacher|coach|sponsor|buddy|befriender|advocate|ex|stepdad|stepmum"
         "|stepson|stepdaughter|kid|child|baby|twin|boy|girl|missus|hubby|seanmhair|seanair|màthair|mathair|athair|bràthair|brathair|piuthar")
CUE = re.compile(
    rf"\b(?:(?:my|our|his|her|their|your|a|the)\s+(?:(?:key|support|social|care|peer|link)\s+)?(?:wee\s+|old\s+|"
    rf"new\s+|best\s+|eldest\s+|youngest\s+|little\s+|big\s+)?(?:{ROLES})s?|called|named|name\s+is|name's|"
    r"known\s+as|ask\s+for|speak\s+to|talk\s+to|spoke\s+to|thanks\s+to|thank\s+you|cheers)\s*,?\s+(?=\S)",
    re.IGNORECASE)
# verbs of speaking and meeting with their preposition, and the subject of a clinical note ("pt", "SU"): looked for
# only where one of MEETING's words is in the text
MEETING_CUE = re.compile(
    r"\b(?:talk(?:ed|ing|s)\s+(?:to|wi|with)|speaking\s+to|chat(?:ted|ting|s)?\s+(?:to|wi|with)|sat\s+(?:next\s+to"
    r"|wi|with|beside)|went\s+(?:wi|with)|came\s+(?:wi|with)|met\s+up\s+(?:wi|with)|pt|SU|service\s+user)\s*,?\s+(?=\S)",
    re.IGNORECASE)
# a greeting opening a text, a line or a sentence: "Hi Hope,", "Dear Faith", "Thanks Patience for the cake"
GREETING = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:hi|hiya|hello|dear|thanks|ta)\s*,?\s+(?=\S)", re.IGNORECASE)
GREETING_WORDS = _set("hi hiya hello dear thanks ta")
MEETING = _set("talked talking talks speaking chat chatted chatting chats sat went came met pt su service")
SPEECH = _set("said says told tells asked asks")
REPORTING = _set("said says told tells asked asks mentioned mentions explained shared talked spoke described added "
                 "agreed suggested wanted wants thinks thought reckons reckoned felt feels brought came left joined "
                 "laughed cried admitted insisted noted raised offered replied texted messaged phoned rang emailed "
                 "hugged telt tellt")
PERSON_AFTER = _set("who whose has had who'd who's")  # weaker: "Zeb who runs the shed", "Hope has been a rock"
# what may follow a word no list knows to make it a person: "Zeb is a pal", "Torquil drives the bus" (but not after
# a name that is an everyday word: "Hope is what keeps me going")
UNKNOWN_AFTER = PERSON_AFTER | _set(
    "is was goes went comes does did feels thinks wants wanted needs needed likes liked loves loved works worked "
    "lives lived gets got runs ran helps helped tries tried drives drove knows knew uses used can could will would "
    "should might must isn't wasn't doesn't didn't hasn't can't won't couldn't wouldn't "
    "sat stayed brings makes made reports reported telt tellt from fae frae "  # "Piotrek fae the warehouse telt me"
    "volunteers volunteered posts posted translates translated studies studied teaches taught cooks cooked "
    "cleans cleaned writes wrote sings sang plays played visits visited attends attended sells sold "
    "misses missed hates hated starts started cannot lost wears fixes speaks prays")  # "Yara volunteers at"
ROLE_WORDS = frozenset(ROLES.replace("?", "").split("|"))
CUE_WORDS = ROLE_WORDS | {w + "s" for w in ROLE_WORDS} | _set(
    "fiancé fiancés called named name known ask speak talk spoke thanks thank cheers")
AND = _set("and n nd an")
FROM = _set("from fae frae")  # "Jakey n kyle"
# "Rowan is a peer worker", "Frank was a postie": a role or a trade after "is a" makes a person
JOBS = ("joiner|postie|plumber|electrician|cleaner|driver|student|volunteer|chef|cook|baker|butcher|hairdresser"
        "|barber|painter|decorator|mechanic|porter|receptionist|midwife|paramedic|firefighter|fireman|police|cop"
        "|officer|soldier|sailor|fisherman|farmer|crofter|labourer|builder|brickie|sparky|janitor|jannie|lollipop"
        "|pensioner|widow|widower|refugee|survivor|member|regular|volunteer|lawyer|solicitor|accountant|minister"
        "|priest|imam|rabbi|vicar|lecturer|pupil|apprentice|trainee|assistant|administrator|secretary")
ROLE_AFTER = re.compile(
    rf"\s+(?:(?:is|was|['’]s)\s+(?:a|an|my|our|her|his|their|the)\s+(?:[a-z-]+\s+){{0,2}}?(?:{ROLES}|{JOBS})s?"
    rf"|(?:are|were)\s+(?:both\s+)?(?:{ROLES}|{JOBS})s)\b", re.IGNORECASE)
# a role or a job as a label, in a rota or a form: "Chef: Hunter", "Volunteers: Ivy and Dawn", "Referrer: Rose"
LABELS = frozenset(ROLES.replace("?", "").split("|")) | frozenset(JOBS.split("|")) | _set(
    "volunteer facilitator host contact lead helper cover witness referrer keyholder holder kin nok")
LABEL_BEFORE = re.compile(r"([^\W\d_]+)\s*$")
AFTER_LABEL = re.compile(r"\s+(?=\S)")
ROLE_BESIDE = re.compile(
    rf"(?:,\s+(?:the|my|our|his|her|their|a|an)\s+(?:[a-z-]+\s+)?(?:{ROLES}|{JOBS})s?\s*[,)]"
    rf"|\s*\((?:{ROLES}|{JOBS}|pt|su)\))", re.IGNORECASE)
FROM_ORG = re.compile(r"\s+(?:from|fae|frae)\s+the\s+(?:council|police|housing|jobcentre|surgery|practice|school"
                      r"|hospital|church|office|bank|library|team|choir|group|club|charity|trust|nhs|dwp|social)\b",
                      re.IGNORECASE)
ROLE_OWNED = re.compile(rf"\s+(?:(?:wee|big|old|new|best|eldest|youngest)\s+)?(?:{ROLES})s?\b"
                        r"|\s+(?:probation|social|support|key|link|case|parole|housing|personal)\s+(?:officer|worker)s?\b",
                        re.IGNORECASE)  # "Grant's probation officer"
# a name with where it comes from and what it does: "Sunny from the gurdwara brings langar", "Joy fae the bowling club
# says"; only a verb of a person after the place makes it one ("Hope from the start was…" is no person)
FROM_THE_DOES = re.compile(
    r"\s+(?:from|fae|frae)\s+(?:(?:the|ma|my|our|his|her|their)\s+(?:[\w'’-]+\s+){1,4}?|[a-z][\w'’-]*\s+)"
    r"(?:says|said|brings|brought|comes"
    r"|came|runs|ran|helps|helped|gives|gave|tells|told|telt|drives|drove|takes|took|makes|made|sits|sat|reckons"
    r"|who|always|never)\b", re.IGNORECASE)
# a role owned by a name: "Hussam's wife Lama", "Zainab's brother Bilal": the word after it is the person
OWNED_ROLE_CUE = re.compile(rf"(?<=[^\W\d_])['’]s\s+(?:(?:wee|big|old|new|best|eldest|youngest|little|twin)\s+)?"
                            rf"(?:{ROLES})s?\s*,?\s+(?=\S)", re.IGNORECASE)
LAST_WORD = re.compile(r"[^\W\d_][\w-]*$")
PLACE_BEFORE = _set("in at from fae frae near around to into towards of the a an on via through outside past")
NOT_LETTERS = str.maketrans({c: " " for c in "!\"#$%&()*+,./:;<=>?@[\\]^_`{|}~“”‘’…0123456789'-"})
OPENERS = frozenset(".!?:;\n\"“(•*…")


_FIRST: dict[int, frozenset[str]] = {}


def _first_tokens(phrases: dict[str, re.Pattern[str]]) -> frozenset[str]:
    """The first words of the kept phrases as `Words.lower` splits them ("maggie's" -> "maggie"), worked out once."""
    tokens = _FIRST.get(id(phrases))
    if tokens is None:
        tokens = _FIRST[id(phrases)] = frozenset(
            key.translate(NOT_LETTERS).split()[0] for key in phrases if key.translate(NOT_LETTERS).split())
    return tokens


def is_cap(word: str) -> bool:
    """A capitalised word ("Sarah", "McAllister", "I"), not one in capitals ("NHS")."""
    return word[0].isupper() and (len(word) == 1 or not word.isupper())


class Words:
    """One text being searched, split into words once for every finder: what each word is, and the names found so
    far (word index -> sure)."""

    def __init__(self, text: str, lists: NameLists):
        self.text, self.lists = text, lists
        self.words = [(*m.span(), m.group()) for m in words_in(text).finditer(text)]
        self.sites: list[tuple[int, int]] = []  # kept phrases that are hospitals (keep.txt "site:")
        self._lower: frozenset[str] | None = None
        self.kept = Taken(len(text), self._kept_phrases())
        self.found: dict[int, bool] = {}
        self._shouting: bool | None = None
        # the cue pattern needs one of its words: a text with none of them is not searched
        self.cues = {m.end() for m in CUE.finditer(text)} if self.words and not CUE_WORDS.isdisjoint(
            self.lower) else set()
        if ":" in text and self.words:
            self.cues.update(self._labels())
        if self.words and not MEETING.isdisjoint(self.lower):
            self.cues.update(m.end() for m in MEETING_CUE.finditer(text))
        if self.words and not GREETING_WORDS.isdisjoint(self.lower):
            self.cues.update(m.end() for m in GREETING.finditer(text))
        if "'s " in text or "’s " in text:
            self.cues.update(self._owned_roles())

    def _labels(self) -> Iterator[int]:
        """Where a word comes after a role or a job used as a label ("Chef: Hunter")."""
        text, colon = self.text, self.text.find(":")
        while colon >= 0:
            word = LABEL_BEFORE.search(text, max(0, colon - 20), colon)
            after = AFTER_LABEL.match(text, colon + 1)
            if word and after and (word.group(1).lower() in LABELS or word.group(1).lower()[:-1] in LABELS):
                yield after.end()
            colon = text.find(":", colon + 1)

    def _owned_roles(self) -> Iterator[int]:
        """Where a word comes after a role owned by a capitalised name ("Hussam's wife Lama")."""
        text = self.text
        for m in OWNED_ROLE_CUE.finditer(text):
            owner = LAST_WORD.search(text, max(0, m.start() - 40), m.start())
            if owner and owner.group()[0].isupper() and len(owner.group()) > 1:
                yield m.end()

    @property
    def lower(self) -> frozenset[str]:
        """The text's words in lower case."""
        if self._lower is None:
            self._lower = frozenset(self.text.lower().translate(NOT_LETTERS).split())
        return self._lower

    def _kept_phrases(self) -> Iterator[tuple[int, int]]:
        """Where the phrases of keep.txt are ("Breathing Space", "Isle of Skye"), found from their first word."""
        phrases, text, after = self.lists.keep_phrases, self.text, 0
        if text.isascii() and _first_tokens(phrases).isdisjoint(self.lower):
            return  # no kept phrase starts in this text
        for start, _end, word in self.words:
            pattern = phrases.get(word.lower() if word.isascii() else fold(word))
            if pattern is not None and start >= after:
                m = pattern.match(text, start)
                if m:
                    after = m.end()
                    if " ".join(fold(m.group()).split()) in self.lists.sites:
                        self.sites.append((start, after))
                    yield start, after

    @property
    def shouting(self) -> bool:
        """True for a text written in capitals ("THANK YOU SARAH"): there a word in capitals is as good as a
        capitalised one, if it is a name."""
        if self._shouting is None:
            upper, lower = sum(map(str.isupper, self.text)), sum(map(str.islower, self.text))
            self._shouting = upper > 8 and upper > 1.5 * lower
        return self._shouting

    def key(self, i: int) -> str:
        key = fold(self.words[i][2])
        return key[:-2] if key.endswith("'s") and len(key) > 3 else key

    def kind(self, i: int) -> str:
        return self.lists.kind(self.words[i][2])

    def gap(self, i: int) -> str:
        """The text between word i - 1 and word i."""
        return self.text[self.words[i - 1][1]:self.words[i][0]] if i > 0 else self.text[:self.words[0][0]]

    def prev_key(self, i: int) -> str:
        """The word before word i, if only spaces (or a comma) part them."""
        return self.key(i - 1) if i > 0 and self.gap(i).strip(" ,") == "" else ""

    def next_key(self, i: int) -> str:
        """The word after word i, if only spaces part them ("" at a comma or full stop)."""
        return self.key(i + 1) if i + 1 < len(self.words) and not self.gap(i + 1).strip() else ""

    def sentence_start(self, i: int) -> bool:
        """True if word i starts the text, a sentence, a line or a quotation."""
        start = self.words[i][0]
        before = self.text[max(0, start - 24):start].rstrip(" \t\"“‘'([")
        if not before:
            return start < 24 or not self.text[:start].strip(" \t\"“‘'([")
        return before[-1] in OPENERS or (before[-1] in "-–" and (len(before) == 1 or before[-2].isspace()))

    def possessive(self, i: int) -> bool:
        word = self.words[i][2]
        return word.endswith(("'s", "’s")) and len(word) > 3

    def after(self, i: int, person: frozenset[str] = PERSON_AFTER) -> str:
        """How the words after word i speak of it: "reporting" (said), "person" (a word of `person`, the
        possessive, "and" another name) or ""."""
        if self.possessive(i):
            return "person"
        nxt = self.next_key(i)
        if nxt in REPORTING:
            return "reporting"
        if nxt in AND and i + 2 < len(self.words) and not self.gap(i + 2).strip():
            third = self.key(i + 2)  # "Zeb and Sarah", "Priyanka and her husband"
            if third in ("his", "her", "their", "my", "me", "i") or (
                    is_cap(self.words[i + 2][2]) and self.kind(i + 2) in (FORENAME, GIVEN, STRONG)):
                return "person"
            return ""
        if nxt in FROM and i + 2 < len(self.words) and not self.gap(i + 2).strip() and (
                is_cap(self.words[i + 2][2]) or FROM_THE_DOES.match(self.text, self.words[i][1])):
            return "person"
        if nxt in person or ROLE_AFTER.match(self.text, self.words[i][1]) or self._role_beside(i):
            return "person"
        return ""

    def _role_beside(self, i: int) -> bool:
        """True where a role stands beside word i, set off by commas or brackets ("Fraser, the janitor,", "Lewis
        (carer)"), or an organisation it comes from follows ("Murray from the council")."""
        after = self.text[self.words[i][1]:self.words[i][1] + 2]
        if after[:1] == "," or after.lstrip()[:1] == "(":
            return bool(ROLE_BESIDE.match(self.text, self.words[i][1]))
        return self.next_key(i) in FROM and bool(FROM_ORG.match(self.text, self.words[i][1]))

    def person_said(self, i: int) -> bool:
        """True where the words around word i speak of a person whatever the word is: a role owned ("Mason's
        teacher"), a role after "is a" ("Rowan is a peer worker"), "and his"/"and her" ("Hunter and his mum")."""
        end = self.words[i][1]
        if self.possessive(i):
            return bool(ROLE_OWNED.match(self.text, end))
        if ROLE_AFTER.match(self.text, end) or self._role_beside(i):
            return True
        if self.next_key(i) in FROM:
            return i + 2 < len(self.words) and is_cap(self.words[i + 2][2]) and not self.gap(i + 2).strip()
        if self.next_key(i) in AND and i + 3 < len(self.words) and is_cap(self.words[i + 2][2]) \
                and self.key(i + 3) == "both":
            return True  # "Baker and Wood both helped"
        return self.next_key(i) in AND and i + 2 < len(self.words) and self.key(i + 2) in ("his", "her", "their")

    def in_kept(self, i: int) -> bool:
        return self.kept.covers(self.words[i][0])

    def mark(self, i: int, sure: bool) -> None:
        self.found[i] = self.found.get(i, False) or sure

    def embedded(self, i: int) -> bool:
        """True for a word inside a web or email address or a user name ("nhsinform.scot", "jo_b")."""
        start, end, _ = self.words[i]
        before, after = self.text[start - 1:start], self.text[end:end + 2]
        return (before in ("/", "@", "_", ".") and start > 0) or after[:1] in ("@", "_", "/") or (
            after[:1] == "." and after[1:2].isalnum())

    def capish(self, i: int) -> bool:
        """A capitalised word, or one in capitals that is a listed name or follows a title ("Ms MCALLISTER"); not an
        acronym ("GPs") nor part of an address ("nhsinform.scot")."""
        word = self.words[i][2]
        if not word[0].isupper() or self.embedded(i):
            return False
        if is_cap(word) and not (len(word) > 2 and word[1].isupper() and word[2:3] != "'"):
            return True
        if len(word) > 1 and word.isupper():
            kind = self.kind(i)
            return kind in (FORENAME, STRONG) or (self.shouting and kind in NAME_KINDS) or (
                i > 0 and self.prev_key(i).strip(".") in TITLES)
        return False
