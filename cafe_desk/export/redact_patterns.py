"""Finders for structured identifiers in free text: emails, web addresses, handles, health and NI numbers, dates of
birth and phone numbers (postcodes: redact_postcodes.py; street addresses: redact_addresses.py). Each finder returns
(start, end, kind) spans."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

import phonenumbers

from cafe_desk.export.redact_postcodes import DIGIT, OUTWARD, POSTCODE

Span = tuple[int, int, str]

EMAIL = re.compile(r"(?<![\w.+-])[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# an address written out so machines can't read it: "jane dot doe at example dot com", "jo.b (at) gmail (dot) com"
_DOT = r"(?:\s{0,3}[(\[{<]\s{0,3}dot\s{0,3}[)\]}>]\s{0,3}|\s{1,3}dot\s{1,3}|\.)"
_AT = r"(?:\s{0,3}[(\[{<]\s{0,3}at\s{0,3}[)\]}>]\s{0,3}|\s{1,3}at\s{1,3})"
SPELLED_EMAIL = re.compile(  # each part as long as a real address's at most, so a long text is read once
    rf"(?<![\w.@'-])(?P<local>[\w+'-]{{1,64}}(?:{_DOT}[\w+'-]{{1,64}}){{0,6}}+)(?P<at>{_AT})(?P<host>[a-z0-9-]{{1,63}})"
    rf"(?:{_DOT}[a-z0-9-]{{1,63}}){{0,4}}?"
    rf"{_DOT}(?:(?:co|org|ac|gov|nhs|me|ltd|plc|sch){_DOT}uk|com|org|net|scot|uk|ie|me|info|io|eu|de|fr|es)(?![\w@])",
    re.IGNORECASE)
SPELLED_HINT = re.compile(r"\bdot\b|[(\[{<]\s*at\s*[)\]}>]|\bat\s+[a-z0-9-]+\.[a-z]", re.IGNORECASE)
# what the hint needs, looked for first in the text in lower case, which is quicker than the hint over the text
AT_DOT = re.compile(r"at\s+[a-z0-9-]+\.[a-z]")
BRACKETS = frozenset("([{<")
# with only a word before "at", it is an address only at a mail provider ("meet me at tesco dot com" is a shop)
LOCAL_JOINED = re.compile(rf"{_DOT}|[\d_]", re.IGNORECASE)
MAIL_HOSTS = frozenset(("gmail", "googlemail", "hotmail", "outlook", "live", "yahoo", "icloud", "aol", "btinternet",
                        "sky", "talktalk", "virginmedia", "protonmail", "proton", "mail", "msn", "ymail", "tiscali"))
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+|\b(?:[a-z0-9-]{1,63}\.){1,8}(?:com|org|net|co\.uk|org\.uk|scot|uk|io|me|ly"
                 r"|ee|info|tv|gl|gg|page|co|ie|eu|app|dev|link|shop|online|site|blog|biz|xyz|social|art)"
                 r"(?:/[^\s<>\"]*)?(?![\w@])", re.IGNORECASE)
HANDLE = re.compile(r"(?<![\w.@/])@(?!\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)\b)[A-Za-z_][A-Za-z0-9_.]{1,29}(?<!\.)")
# "my insta is jo_paints", "snapchat: k.mcl_92": a user name without @, after the name of a platform
PLATFORMS = frozenset(("insta", "instagram", "ig", "snap", "snapchat", "tik", "tiktok", "twitter", "threads", "bluesky",
                       "reddit", "discord", "facebook", "fb", "youtube", "twitch", "user", "username", "handle"))
HANDLE_CUE = re.compile(
    r"\b(?:insta(?:gram)?|ig|snap(?:chat)?|tik\s?tok|twitter|threads|bluesky|reddit|discord|facebook|fb|youtube|twitch"
    r"|user\s?name|handle)\b\s*(?:name\s*)?(?:is|its|it's|it’s|:|-|=|on)?\s*@?([A-Za-z0-9_][A-Za-z0-9_.]{2,29}(?<!\.)(?:#\d{4})?)",
    re.IGNORECASE)
# "@ jimmy_b", "message @ jimmy on insta": a handle typed with a space after the @ (not "meet @ the station")
HANDLE_SPACED = re.compile(r"(?<![\w.@/])@ ([A-Za-z_][A-Za-z0-9_.]{1,29}(?<!\.))")
NOT_HANDLE = frozenset(("the", "a", "an", "my", "your", "his", "her", "our", "their", "home", "work", "school",
                        "night", "noon", "lunch", "lunchtime", "least", "last", "once", "all", "about", "around",
                        "this", "that"))
# "hope_grant on insta", "DAWN_R ON REDDIT": a user name before its platform; "u/robinwoodperth" on Reddit
HANDLE_BEFORE = re.compile(r"(?<![\w@./])([A-Za-z0-9_][A-Za-z0-9_.]{2,29}(?<!\.))\s+(?:on|@)\s+(?:insta(?:gram)?|ig"
                           r"|snap(?:chat)?|tik\s?tok|twitter|threads|bluesky|reddit|discord|facebook|fb|youtube|twitch)\b",
                           re.IGNORECASE)
REDDIT_USER = re.compile(r"(?<![\w/])u/[A-Za-z0-9_-]{3,20}\b")
TEN_DIGITS = re.compile(r"(?<![\d+])(?<!\+44 )(?<!\(0\))(?<!\(0\) )\d(?:[ -]?\d){9}(?![\d])")
PHONE_SHAPE = re.compile(r"0\d{4} \d{5}|0\d{3} \d{3} \d{3}")  # a landline's grouping, not a CHI's or an NHS number's
PHONE_CUE = re.compile(r"\b(?:ring|call|phone|tel|telephone|mobile|landline|number|no\.?|text)\b\W*$", re.IGNORECASE)
HEALTH_CUE = re.compile(r"\b(?:CHI|NHS\s*(?:no|number|num)|hospital\s*(?:no|number))\b\.?[\s:#]*$", re.IGNORECASE)
# "QQ 12 34 56 C", "QQ123456C", "QQ-12-34-56-C", "QQ/12/34/56/C": one way of parting the pairs all through
NI_NUMBER = re.compile(r"\b[A-Z]{2}(?:(?P<gap>[ ./\-–—]?)\d{2}(?P=gap)\d{2}(?P=gap)\d{2}(?P=gap)"
                       r"|[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?)[A-D]\b", re.IGNORECASE)
MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
ORDINAL_WORDS = (r"(?:(?:twenty|thirty)[\s-]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first"
                 r"|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth"
                 r"|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
DATE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    r"|(?<=dob)\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b"  # "DOB12/03/84", typed with no space
    rf"|\b\d{{1,2}}(?P<sep>[-/.])(?:{MONTHS})\.?(?P=sep)(?:\d{{4}}|\d{{2}})\b"
    r"|\b(?:0?[1-9]|[12]\d|3[01]) (?:0?[1-9]|1[0-2]) (?:19|20)\d\d\b"
    r"|\b\d{1,2}[/.-](?:i{1,3}|iv|vi{0,3}|ix|xi{0,2})[/.-](?:\d{4}|\d{2})\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}\b\.?(?:,?\s+(?:\d{{4}}|'?\d\d)\b)?"
    rf"|\b{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+(?:\d{{4}}|'\d\d)\b)?"
    rf"|\b{MONTHS}\.?\s+(?:\d{{4}}|'\d\d|\d\d)\b"
    r"|(?<=born in )(?:19|20)\d\d\b|(?<=born )(?:19|20)\d\d\b"
    # a day named by its feast ("Christmas Day 1949") or spelled ("the twenty-second of August 1985")
    r"|\b(?:Christmas|Boxing|New\s+Year['’]?s|Hogmanay|St\.?\s+Andrew['’]?s|Burns|Valentine['’]?s|Halloween)"
    r"(?:\s+(?:Day|Eve|Night))?,?\s+(?:19|20)\d\d\b"
    rf"|\b{ORDINAL_WORDS}\s+(?:of\s+)?{MONTHS}\b(?:,?\s+(?:\d{{4}}|'?\d\d)\b)?"
    # short forms, taken only right after a birth cue (see dates_of_birth): 3/4, 030485, '85, the 3rd
    r"|\b\d{1,2}[/.]\d{1,2}\b(?![/.]\d)|\b\d{6}(?:\d\d)?\b|'\d\d\b"
    rf"|\b(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{MONTHS})"
    r"|\b(?:19|20)\d\d\b(?![/.-]\d)",
    re.IGNORECASE)
SHORT_DATE = re.compile(r"^(?:\d{1,2}[/.]\d{1,2}|\d{6}(?:\d\d)?|'\d\d|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)"
                        r"|(?:19|20)\d\d)$",
                        re.IGNORECASE)
# the ways a date of birth is announced: "DOB", "d.o.b.", "birthdate", "bday", "year of birth", "YOB", "b."
BIRTH_CUE = (r"born|DOB(?![^\W\d_])|D\.O\.B\.?|date\s+of\s+birth|year\s+of\s+birth|YOB|birth\s?date|birthday(?:['’]s)?"
             r"|b['’]?day(?:['’]s)?|b\.")
SHORT_CUE = re.compile(rf"\b(?:{BIRTH_CUE})(?:\s+(?:is|was|on|in))?(?:\s+the)?\s*[:=-]?\s*$", re.IGNORECASE)
DOB_CUE = re.compile(rf"\b(?:{BIRTH_CUE})[^.!?\n]{{0,30}}$", re.IGNORECASE)
# the year a birth is told by what happened in it, then named: "Born in the year of the big storm, so 1953"
BORN_THE_YEAR = re.compile(r"\bborn\b(?:\s+in)?\s+the\s+year\b[^.!?\n]{0,80}?\b((?:19|20)\d\d)\b(?![/.-]\d)",
                           re.IGNORECASE)
OTHER_YEAR = re.compile(r"\b(?:in|since|until|till|by|from|to|after|before|of)\s+$", re.IGNORECASE)
DOB_HINT = re.compile(r"born|dob|d\.o\.b|birth|\bb\.|b['’]?day|yob", re.IGNORECASE)
DOB_PARTS = ("born", "dob", "d.o.b", "birth", "b.", "bday", "b'day", "b’day", "yob")  # one is in every hint
DOB_AFTER = re.compile(r"^\W{0,3}(?:DOB|D\.O\.B|date of birth)\b", re.IGNORECASE)
PHONE_HINT = re.compile(r"\d[\d\s().-]{5,}\d|\+\s?\d")
# libphonenumber's matcher is slow over long text: it is run only on stretches of five digits or more with phone
# punctuation between them (and an extension after), which is where it finds numbers
_PHONE_SEP = r"[\s().\-/+\[\]~\u2010-\u2015\u2212\uff0d]"
PHONE_STRETCH = re.compile(rf"(?:[+(\[]{_PHONE_SEP}*)?\d(?:{_PHONE_SEP}*\d){{4,}}"
                           r"(?:\s*(?:ext(?:ension)?\.?|x|#)\s*\d{1,7})?")
DIGIT_ENDS = re.compile(r"[(+]*\d(?:.*\d)?", re.DOTALL)
PHONE_REGEX = re.compile(r"(?<![\w+])(?:\+44\s?\(0\)\s?|\+44\s?|0)\(?\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\d)")


def emails(text: str) -> Iterator[Span]:
    """Email addresses, also written out ("jane dot doe at example dot com")."""
    for m in EMAIL.finditer(text) if "@" in text else ():  # the pattern needs an "@": not searched without one
        yield m.start(), m.end(), "email"
    low = text.lower()
    hinted = "dot" in low or AT_DOT.search(low) or ("at" in low and not BRACKETS.isdisjoint(text))
    for m in SPELLED_EMAIL.finditer(text) if hinted and SPELLED_HINT.search(text) else ():
        bracketed = not m.group("at").strip().isalpha()  # "(at)"
        if bracketed or LOCAL_JOINED.search(m.group("local")) or m.group("host").lower() in MAIL_HOSTS:
            yield m.start(), m.end(), "email"


# every web address has one of these in lower case: quicker to look for than the address
URL_PARTS = re.compile(r"\.(?:com|org|net|co|scot|uk|io|me|ly|ee|info|tv|gl|gg|page|ie|eu|app|dev|link|shop|online|site"
                       r"|blog|biz|xyz|social|art)|www\.|://")
NO_DIGITS = str.maketrans("", "", "0123456789")
# the digits of a health or NI number, looked for first: a pattern that starts with a digit is quick to search for
TEN_RUN = re.compile(r"\d(?:[ -]?\d){9}")
SIX_RUN = re.compile(r"\d\d[ ./\-–—]?\d\d[ ./\-–—]?\d\d")


def _few_digits(text: str, least: int) -> bool:
    """True if `text` has fewer than `least` digits (counted quickly in a text of ASCII only)."""
    return text.isascii() and len(text) - len(text.translate(NO_DIGITS)) < least


def urls(text: str, keep_domains: frozenset[str]) -> Iterator[Span]:
    """Web addresses, except those on a kept public-service domain."""
    if not URL_PARTS.search(text.lower()):
        return
    for m in URL.finditer(text):
        raw = m.group(0).rstrip(".,;:!?)'\"’")
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", raw.lower()).split("/")[0]
        if any(host == d or host.endswith("." + d) for d in keep_domains):
            continue
        yield m.start(), m.start() + len(raw), "url"


def handles(text: str, words: frozenset[str] | None = None) -> Iterator[Span]:
    """Social media handles such as @jo_paints, and user names after a platform ("my insta is jo_paints").
    `words`: the text's words in lower case, if known (a text naming no platform is not searched for the second)."""
    named = words is None or not PLATFORMS.isdisjoint(words)
    if "@" in text:
        for m in HANDLE.finditer(text):
            yield m.start(), m.end(), "handle"
        for m in HANDLE_SPACED.finditer(text):
            name = m.group(1)
            if POSTCODE.match(text, m.start(1)) or OUTWARD.fullmatch(name):
                continue  # "spoke to Ian @ PH16 5JZ": where, not who
            if any(c in name for c in "_.0123456789") or (named and name.lower() not in NOT_HANDLE):
                yield m.start(), m.end(), "handle"
    if "u/" in text:
        yield from ((m.start(), m.end(), "handle") for m in REDDIT_USER.finditer(text))
    if not named:
        return
    for m in HANDLE_BEFORE.finditer(text):
        if any(c in m.group(1) for c in "_.0123456789"):
            yield m.start(1), m.end(1), "handle"
    for m in HANDLE_CUE.finditer(text):
        name = m.group(1)
        if "@" in text[m.start():m.start(1)] or any(c in name for c in "_.#0123456789"):
            start = m.start(1) - (text[m.start(1) - 1] == "@")
            yield start, m.end(1), "handle"


def _chi_date_ok(digits: str) -> bool:
    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(2000 + year if year < 50 else 1900 + year, month)[1]


def _nhs_check_ok(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def health_ids(text: str) -> Iterator[Span]:
    """CHI numbers (a valid DDMMYY date first) and NHS numbers (mod-11 check digit); any 10 digits after "CHI"."""
    if _few_digits(text, 10) or not TEN_RUN.search(text):
        return
    for m in TEN_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        cued = HEALTH_CUE.search(text, max(0, m.start() - 20), m.start())
        if not cued and PHONE_SHAPE.fullmatch(m.group(0)) and PHONE_CUE.search(text, max(0, m.start() - 20), m.start()):
            continue  # "ring 01350 72671": a landline after a phone cue, whatever its digits would check as
        if _chi_date_ok(digits) or _nhs_check_ok(digits) or cued:
            yield m.start(), m.end(), "health_id"


def ni_numbers(text: str) -> Iterator[Span]:
    """National Insurance numbers: two letters, six digits, a letter A to D."""
    if _few_digits(text, 6) or not SIX_RUN.search(text):
        return
    for m in NI_NUMBER.finditer(text):
        yield m.start(), m.end(), "ni_number"


def dates_of_birth(text: str) -> Iterator[Span]:
    """Dates with "born", "DOB", "date of birth" or "birthday" shortly before them (or "DOB" just after); short forms
    (3/4, 030485, '85, the 3rd) only right after such a cue."""
    seen: set[tuple[int, int]] = set()
    taken: set[tuple[int, int]] = set()
    for window_start, window_end in _dob_windows(text):
        for m in DATE.finditer(text, window_start, window_end):
            if (m.end() == window_end and window_end < len(text)) or m.span() in seen:
                continue  # a date cut short by the window's end is too far from the cue to be its date
            seen.add(m.span())
            for span in _dob(text, m):
                taken.add(span[:2])
                yield span
        for m in BORN_THE_YEAR.finditer(text, window_start, window_end):
            if m.span(1) not in taken and not OTHER_YEAR.search(text, max(0, m.start(1) - 8), m.start(1)):
                # "born in the year of the big storm, she says, so 1953" (not "… and moved in 1990")
                taken.add(m.span(1))
                yield m.start(1), m.end(1), "dob"


def _dob_windows(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of text around each birth cue, where a date of birth may be (a long text is not searched whole)."""
    window: list[int] = []
    low = text.lower()
    if not any(part in low for part in DOB_PARTS):  # quicker than the hint over a text that has none
        return
    for hint in DOB_HINT.finditer(text):
        start, end = max(0, hint.start() - 60), min(len(text), hint.end() + 90)
        if window and start <= window[1]:
            window[1] = end
            continue
        if window:
            yield window[0], window[1]
        window = [start, end]
    if window:
        yield window[0], window[1]


def _dob(text: str, m: re.Match[str]) -> Iterator[Span]:
    """The date `m`, if a birth cue stands right before it (or "DOB" after it)."""
    before = text[max(0, m.start() - 40):m.start()]
    if SHORT_DATE.match(m.group(0)):
        digits = m.group(0)
        if SHORT_CUE.search(before) and (not digits.isdigit() or len(digits) == 4 or _date_digits_ok(digits)):
            yield m.start(), m.end(), "dob"
    elif DOB_CUE.search(before) or DOB_AFTER.search(text[m.end():m.end() + 20]):
        yield m.start(), m.end(), "dob"


def _date_digits_ok(digits: str) -> bool:
    """DDMMYY or DDMMYYYY with a real day and month, or YYYYMMDD as forms and systems write it ("19570821")."""
    if len(digits) == 8 and digits[:2] in ("19", "20") and _chi_date_ok(digits[6:] + digits[4:6] + digits[2:4]):
        return True
    return _chi_date_ok(digits[:4] + digits[-2:])


def phones(text: str, keep_numbers: frozenset[str]) -> Iterator[Span]:
    """UK phone numbers in the common formats, except helplines and public-service numbers."""
    if _few_digits(text, 5) or not PHONE_HINT.search(text):  # every number found has five digits or more
        return
    found = [(m.start(), m.end()) for m in PHONE_REGEX.finditer(text)]
    regex_found = set(found)
    for m in PHONE_STRETCH.finditer(text):
        start, end = m.span()
        if not ("0" in m.group(0) or "+" in m.group(0)):
            continue  # no number here starts with 0 or +
        digits = DIGIT_ENDS.search(m.group(0))
        if (start + digits.start(), start + digits.end()) in regex_found:
            continue  # the whole stretch is a number the pattern found already
        window = text[start:end + 3]  # with what follows, for libphonenumber's check against times ("08:00")
        for match in phonenumbers.PhoneNumberMatcher(window, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
            found.append((start + match.start, start + match.end))
    for start, end in found:
        raw = text[start:end]
        if raw.startswith("(") and ")" not in raw:
            start += 1
        elif raw.endswith(")") and "(" not in raw:
            end -= 1
        digits = re.sub(r"\D", "", text[start:end])
        if not text[start:end].lstrip("(").startswith(("0", "+")):
            continue
        if digits.startswith("44"):
            digits = "0" + digits[2:].removeprefix("0")
        if digits in keep_numbers:
            continue
        yield start, end, "phone"


# a phone extension: "extension 4471", "ext. 4471", "x4471", after a word for phoning or the extension's own word
EXTENSION = re.compile(r"\b(?:(?i:extension|ext)\.?\s?|x)(\d{3,5})(?![\w/.:,]\d|\w)")
EXTENSION_CUE = re.compile(r"\b(?:phone|phoned|call|calls|called|ring|rang|tel|telephone|dial|number|reach|ask\s+for"
                           r"|on|extension|ext)\b[^.!?\n]{0,24}$", re.IGNORECASE)
YEAR = re.compile(r"(?:19|20)\d\d")


def extensions(text: str) -> Iterator[Span]:
    """Phone extensions after a word for phoning: "ask for her on extension 4471", "call ext. 212", "ring x4471"."""
    if not DIGIT.search(text):
        return
    for m in EXTENSION.finditer(text):
        if m.group()[0] == "x" and m.start() and text[m.start() - 1].isalnum():
            continue  # "4x4471"
        short = m.group()[:3].lower() == "ext" and m.group()[:9].lower() != "extension"
        if EXTENSION_CUE.search(text, max(0, m.start() - 30), m.start()) or (short and not YEAR.fullmatch(m.group(1))):
            yield m.start(), m.end(), "phone"
