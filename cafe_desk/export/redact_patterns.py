"""Finders for structured identifiers in free text: emails, web addresses, handles, health and NI numbers, dates of
birth, postcodes and phone numbers (street addresses: redact_addresses.py). Each finder returns (start, end, kind)
spans."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

import phonenumbers

from cafe_desk.export.name_lists import fold, name_lists

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
POSTCODE = re.compile(
    r"\b(?:[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRV-Y\d]?))[ \t\u00a0-]{0,2}\d[ABD-HJLNP-UW-Z]{2}\b",
    re.IGNORECASE)
# a postcode typed with letters no real one has: "G2 3OK", "IV1 1MC" (a real area), "wz9 4lr" (standing alone); of
# no real area, even well-formed, only standing alone ("PS5 1TB", "A4 2UP" are kept)
LOOSE_POSTCODE = re.compile(r"\b([A-Z]{1,2})\d[A-Z\d]?(?:[ \t\u00a0-]{0,2}|[ \t]*\r?\n[ \t]*)\d([A-Z]{2})\b",
                            re.IGNORECASE)  # split over a line only in a real area, well-formed: "G31\n2AB"
NOT_INWARD = frozenset(("st", "nd", "rd", "th", "am", "pm", "km", "kg", "mg", "ml", "mm", "cm", "kb", "mb", "gb", "tb",
                        "hz", "ft", "lb", "oz", "yo", "hr"))
# standing alone: nothing joined to either end, and an outward part that is no everyday code (paper sizes, formats,
# roads); in capitals only in a text all in capitals ("Model XR5 2AB" is a model number)
JOINED_BEFORE = re.compile(r"[\w/.#@£$+&-]")
JOINED_AFTER = re.compile(r"[\w/@+&-]|[.,]\d")
LOWER_LETTER = re.compile(r"[a-z]")
NOT_OUTWARD = frozenset(("a1", "a3", "a4", "a5", "a6", "a9", "a82", "a96", "mp3", "mp4", "ps2", "ps3", "ps4", "ps5",
                         "d3", "k2", "h2", "t1", "t2", "f1", "v8", "x1", "x5", "r2", "c3", "p45", "p60"))
OUTWARD = re.compile(r"\b([A-Z]{1,2})(\d{1,2}[A-Z]?)\b")
OUTWARD_BEFORE = re.compile(r"(?:\b(?:in|from|fae|frae|near|around|round|roon|at|to|tae|postcode|post code)\s+|,\s*)$",
                            re.IGNORECASE)
# a town before an outward code: after "in", "from"…, or opening the text, a sentence, a line or a bracket
TOWN_BEFORE = re.compile(r"(?:\b(?:in|from|fae|frae|near|around|round|at|to|tae)\s+|[.,;:!?(\n]\s*)"
                         r"([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+$")
TOWN_OPENING = re.compile(r"\s*([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+$")
OUTWARD_AFTER = re.compile(r"^\s+(?:area|postcode|district|way|side|direction|end|bit)\b", re.IGNORECASE)
# the sector after an outward code, the inward part cut short ("somewhere in EH6 8, she wouldnae give the rest")
SECTOR = re.compile(r"[ \t\u00a0]\d(?![\w%£$]|[.:/,]\d)")
POSTCODE_WORD = re.compile(r"\bpost\s?code\b", re.IGNORECASE)
# the last word before an outward code in every cue below: OUTWARD_BEFORE, HOME_BEFORE, PERSON_IS
OUTWARD_CUE_WORDS = frozenset((
    "in", "from", "fae", "frae", "near", "around", "round", "roon", "at", "to", "tae", "postcode", "code", "is", "was",
    "up", "doon", "she's", "he's", "they're", "i'm", "we're", "she’s", "he’s", "they’re", "i’m", "we’re", "are", "am",
    "im", "hes", "shes", "lives", "live", "living", "livin", "lived", "stays", "stay", "staying", "stayin", "stayed",
    "bides", "bide", "biding", "bidin", "resides", "reside", "residing", "moved", "moving", "movin", "rehoused",
    "housed"))
POSTCODE_CUE = re.compile(r"\b(?:post\s?code|p\.?\s?c|p/c)\b", re.IGNORECASE)
# a postcode in capitals with a slip in it (see _repaired_postcodes): up to 7 letters and digits, one separator
TYPED_POSTCODE = re.compile(r"(?<![\w/.#@£$+&-])[A-Z0][A-Z0-9]{1,4}(?:[ .\t-]{1,2}[A-Z0-9]{1,4})?(?![\w/@+&-])")
PLACE_CUE = re.compile(r"\b(?:in|from|near|around|round)\s+[A-Za-z][\w'-]+(?:\s[A-Z][\w'-]+)?\s*\(\s*$",
                       re.IGNORECASE)  # "in leith (eh6)"
SEPARATORS = re.compile(r"[ .\t-]+")
BRACKETED_OUTWARD = re.compile(r"(?P<town>[A-Za-z][a-z]+(?:[ -][A-Za-z][a-z]+)?)\s*\(\s*(?P<code>[A-Za-z]{1,2}\d{1,2}"
                               r"[A-Za-z]?)\s*\)|\b(?P<code2>[A-Za-z]{1,2}\d{1,2}[A-Za-z]?)\s*\(\s*(?P<town2>[A-Za-z][a-z]+"
                               r"(?:[ -][A-Za-z][a-z]+)?)\s*\)")
# an outward code in lower case ("lives in g51") is one only right after a home or postcode cue
LOWER_OUTWARD = re.compile(r"\b([a-z]{1,2})(\d{1,2}[a-z]?)\b")
LOWER_DIGIT = re.compile(r"[a-z]\d")
DIGIT = re.compile(r"\d")
# the verbs of living somewhere, in notes and in Scots: "lives", "stays", "bides", "resides", "rehoused"
LIVES = (r"lives?|living|livin|lived|stays?|staying|stayin|stayed|bides?|biding|bidin|resides?|residing|moved|moving"
         r"|movin|rehoused|housed")  # "stayin at 22b main st"
HOME_BEFORE = re.compile(rf"\b(?:{LIVES}|postcode|post\s+code)"
                         r"\s+(?:is\s+|was\s+)?(?:in\s+|to\s+|tae\s+|up\s+|doon\s+)?:?\s*$", re.IGNORECASE)
# where someone is said to be an outward code, or it is said to be where they live: "she's DD4, so…", "DG1 is where
# she lives now"
PERSON_IS = re.compile(r"\b(?:(?:she|he|they|i|we)(?:['’]s|['’]re|['’]m|\s+is|\s+was|\s+are|\s+am)|im|hes|shes)\s+$",
                       re.IGNORECASE)
WHERE_LIVES = re.compile(rf"\s+(?:is|was|['’]s)\s+where\s+(?:\w+\s+){{0,2}}(?:{LIVES})\b", re.IGNORECASE)
_AREA_CODES = ("AB AL BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY "
                "EC EH EN EX FK FY GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY LA LD LE LL "
                "LN LS LU ME MK ML NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM SA SE SG SK SL SM SN "
                "SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB WA WC WD WF WN WR WS WV YO ZE G")
AREAS = frozenset(_AREA_CODES.split())
POSTCODE_AREAS = AREAS | frozenset("BELMNSW")  # with the one-letter areas no outward code alone is taken for
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
INWARD = re.compile(r"\d[A-Za-z]{2}")  # the inward part of every full postcode


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


def postcodes(text: str) -> Iterator[Span]:
    """Full postcodes anywhere; outward codes alone (G12, EH6) only where the words around say they are postcodes."""
    if not DIGIT.search(text):
        return
    shouted = None  # whether the text is all capitals, found out once, when a postcode in capitals needs it
    for m in LOOSE_POSTCODE.finditer(text) if INWARD.search(text) else ():  # what the strict pattern takes, and more
        if "\n" in m.group():
            if m.group(1).upper() in POSTCODE_AREAS and m.group(2).lower() not in NOT_INWARD \
                    and POSTCODE.fullmatch(re.sub(r"\s+", " ", m.group())):
                yield m.start(), m.end(), "postcode"
        elif m.group(1).upper() in POSTCODE_AREAS:
            if POSTCODE.fullmatch(m.group()) or m.group(2).lower() not in NOT_INWARD:
                yield m.start(), m.end(), "postcode"
        elif m.group(2).lower() not in NOT_INWARD and _alone(text, m):
            if m.group().isupper() and shouted is None:
                shouted = not LOWER_LETTER.search(text)
            if POSTCODE.fullmatch(m.group()) or shouted or not m.group().isupper():
                yield m.start(), m.end(), "postcode"
    for m in OUTWARD.finditer(text):
        area = m.group(1)
        if area not in AREAS:
            continue
        before = text[max(0, m.start() - 30):m.start()]
        end = _sector_end(text, m.end())
        after = OUTWARD_AFTER.search(text[end:end + 12])
        if not after and not _may_be_cued(before) and not WHERE_LIVES.match(text, end):
            continue  # nothing before can be a cue: skip the slower searches ("PH2 PH2 PH2…" in a megabyte)
        said = POSTCODE_WORD.search(before) or after
        if said or ((len(area) == 2 or area == "G") and (
                OUTWARD_BEFORE.search(before) or HOME_BEFORE.search(before) or PERSON_IS.search(before)
                or WHERE_LIVES.match(text, end) or _after_town(before, m.start() <= 30))):
            yield m.start(), end, "postcode"
    yield from _repaired_postcodes(text)
    if "(" in text:
        yield from _bracketed_outward(text)
    for m in LOWER_OUTWARD.finditer(text) if LOWER_DIGIT.search(text) else ():
        area = m.group(1).upper()
        if area in AREAS and (HOME_BEFORE.search(text, max(0, m.start() - 30), m.start()) or (
                (len(area) == 2 or area == "G") and OUTWARD_BEFORE.search(text, max(0, m.start() - 30), m.start()))):
            yield m.start(), _sector_end(text, m.end()), "postcode"


def _repaired_postcodes(text: str) -> Iterator[Span]:
    """Postcodes in capitals typed with a slip a reader still sees through: a letter O for a zero or a zero for an O
    ("G4 OAB", "0X4 2JY"), a full stop for the space ("PH1.5QP"); and, after a postcode cue, the space put one
    place too far ("post code EH68 AB")."""
    for m in TYPED_POSTCODE.finditer(text):
        raw = m.group()
        if not raw.isupper() or POSTCODE.fullmatch(raw):
            continue
        compact = SEPARATORS.sub("", raw)
        if not 5 <= len(compact) <= 7 or compact[-3] not in "0123456789O" or not compact[-2:].isalpha():
            continue  # no inward code at its end
        inward = compact[-3:].replace("O", "0", 1) if compact[-3] == "O" else compact[-3:]
        outward = compact[:-3]
        area = re.match(r"[A-Z0]{1,2}", outward)
        if area is None:
            continue
        letters = area.group().replace("0", "O")
        outward = letters + outward[area.end():area.end() + 1].replace("O", "0") + outward[area.end() + 1:].replace(
            "O", "0") if len(outward) > area.end() else letters
        if letters not in AREAS or not POSTCODE.fullmatch(f"{outward} {inward}"):
            continue
        spaced = SEPARATORS.search(raw)
        slipped = spaced is not None and len(raw) - spaced.end() != 3  # the space not before the inward code
        if not slipped or POSTCODE_CUE.search(text, max(0, m.start() - 25), m.start()):
            yield m.start(), m.end(), "postcode"


def _bracketed_outward(text: str) -> Iterator[Span]:
    """An outward code in brackets after a town (or a place after "in"), or before one in brackets: "in leith (eh6)",
    "g67 (cumbernauld)"."""
    for m in BRACKETED_OUTWARD.finditer(text):
        code = m.group("code") or m.group("code2")
        if re.match(r"[A-Za-z]{1,2}", code).group().upper() not in AREAS:
            continue
        town = m.group("town") or m.group("town2")
        if fold(town) in name_lists().places or (m.group("town") and PLACE_CUE.search(
                text, max(0, m.start("code") - 40), m.start("code"))):
            start = m.start("code") if m.group("code") else m.start("code2")
            yield start, start + len(code), "postcode"


def _may_be_cued(before: str) -> bool:
    """Whether the words right before an outward code may say it is one (a quick look, before the patterns):
    a cue word, a comma or colon, "post", or a town's capitalised name."""
    stripped = before.rstrip()
    if not stripped or stripped[-1] in ",:(" or "post" in before.lower():
        return True
    last = stripped.rsplit(None, 1)[-1]
    return last.lower() in OUTWARD_CUE_WORDS or (last.isalpha() and last[0].isupper() and not last.isupper())


def _after_town(before: str, opening: bool = False) -> bool:
    """Whether `before` ends with a town after "in", "from" and the like: "lives in Glasgow G12", "from Leith EH6"."""
    town = TOWN_BEFORE.search(before) or (TOWN_OPENING.fullmatch(before) if opening else None)
    return town is not None and fold(town.group(1)) in name_lists().places


def _sector_end(text: str, end: int) -> int:
    """The end of an outward code taken, with the sector digit after it if there is one ("EH6 8")."""
    sector = SECTOR.match(text, end)
    return sector.end() if sector else end


def _alone(text: str, m: re.Match[str]) -> bool:
    """A postcode's shape standing alone, its outward part no everyday code."""
    before = text[m.start() - 1] if m.start() else " "
    return (m.group()[:-3].rstrip(" \t\u00a0-").lower() not in NOT_OUTWARD and not JOINED_BEFORE.match(before)
            and not JOINED_AFTER.match(text, m.end()))


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
