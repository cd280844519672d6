"""Finders for structured identifiers in free text: emails, web addresses, handles, health and NI numbers, dates of
birth, postcodes, street addresses and phone numbers. Each finder returns (start, end, kind) spans."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

import phonenumbers

Span = tuple[int, int, str]

EMAIL = re.compile(r"(?<![\w.+-])[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|co\.uk|org\.uk|scot|uk|io|me|ly"
                 r"|ee|info|tv|gl|gg|page)(?:/[^\s<>\"]*)?(?![\w@])", re.IGNORECASE)
HANDLE = re.compile(r"(?<![\w.@/])@(?!\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)\b)[A-Za-z_][A-Za-z0-9_.]{1,29}(?<!\.)")
TEN_DIGITS = re.compile(r"(?<![\d+])(?<!\+44 )(?<!\(0\))(?<!\(0\) )\d(?:[ -]?\d){9}(?![\d])")
HEALTH_CUE = re.compile(r"\b(?:CHI|NHS\s*(?:no|number|num)|hospital\s*(?:no|number))\b\.?[\s:#]*$", re.IGNORECASE)
NI_NUMBER = re.compile(r"\b[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]\b", re.IGNORECASE)
POSTCODE = re.compile(r"\b(?:[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRV-Y\d]?))[ ]?\d[ABD-HJLNP-UW-Z]{2}\b",
                      re.IGNORECASE)
OUTWARD = re.compile(r"\b([A-Z]{1,2})(\d{1,2}[A-Z]?)\b")
OUTWARD_BEFORE = re.compile(r"(?:\b(?:in|from|near|around|round|at|to|postcode|post code)\s+|,\s*)$",
                            re.IGNORECASE)
OUTWARD_AFTER = re.compile(r"^\s+(?:area|postcode|district)\b", re.IGNORECASE)
POSTCODE_WORD = re.compile(r"\bpost\s?code\b", re.IGNORECASE)
_AREA_CODES = ("AB AL BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY "
                "EC EH EN EX FK FY GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY LA LD LE LL "
                "LN LS LU ME MK ML NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM SA SE SG SK SL SM SN "
                "SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB WA WC WD WF WN WR WS WV YO ZE G")
AREAS = frozenset(_AREA_CODES.split())
STREET_WORDS = ("Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Crescent|Cres|Terrace|Terr|Place|Pl|Gardens|Gdns|Court"
                "|Ct|Wynd|Brae|Close|Way|Square|Sq|Grove|View|Park|Row|Walk|Loan|Gate|Hill|Green|Quadrant|Circus"
                "|Parade|Boulevard|Vennel|Path|Mews|Rise|Gait|Neuk|Loaning|Bank|Crossway|Holm|Steadings")
ADDRESS = re.compile(
    r"(?:\b[Ff]lat\s+\d{1,3}[A-Za-z]?(?:/\d{1,2})?,?\s+|\b\d{1,2}/\d{1,2},?\s+)?"
    r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][\w'’]*\s+){1,3}"
    rf"(?:(?:{STREET_WORDS})|(?i:{STREET_WORDS}))\b\.?(?:,?\s+[Ff]lat\s+\d{{1,3}}(?:/\d{{1,2}})?)?")
MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
DATE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}\b\.?(?:,?\s+(?:\d{{4}}|'\d\d)\b)?"
    rf"|\b{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
    r"|(?<=born in )(?:19|20)\d\d\b|(?<=born )(?:19|20)\d\d\b", re.IGNORECASE)
DOB_CUE = re.compile(r"\b(?:born|DOB|D\.O\.B|date of birth|birth date|birthday|b\.)\b[^.!?\n]{0,30}$", re.IGNORECASE)
DOB_HINT = re.compile(r"born|dob|d\.o\.b|birth|\bb\.", re.IGNORECASE)
DOB_AFTER = re.compile(r"^\W{0,3}(?:DOB|D\.O\.B|date of birth)\b", re.IGNORECASE)
PHONE_HINT = re.compile(r"\d[\d\s().-]{5,}\d|\+\s?\d")
PHONE_REGEX = re.compile(r"(?<![\w+])(?:\+44\s?\(0\)\s?|\+44\s?|0)\(?\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\d)")


def emails(text: str) -> Iterator[Span]:
    """Email addresses."""
    for m in EMAIL.finditer(text):
        yield m.start(), m.end(), "email"


def urls(text: str, keep_domains: frozenset[str]) -> Iterator[Span]:
    """Web addresses, except those on a kept public-service domain."""
    for m in URL.finditer(text):
        raw = m.group(0).rstrip(".,;:!?)'\"’")
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", raw.lower()).split("/")[0]
        if any(host == d or host.endswith("." + d) for d in keep_domains):
            continue
        yield m.start(), m.start() + len(raw), "url"


def handles(text: str) -> Iterator[Span]:
    """Social media handles such as @jo_paints."""
    for m in HANDLE.finditer(text):
        yield m.start(), m.end(), "handle"


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
    for m in TEN_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if _chi_date_ok(digits) or _nhs_check_ok(digits) or HEALTH_CUE.search(text, max(0, m.start() - 20), m.start()):
            yield m.start(), m.end(), "health_id"


def ni_numbers(text: str) -> Iterator[Span]:
    """National Insurance numbers: two letters, six digits, a letter A to D."""
    for m in NI_NUMBER.finditer(text):
        yield m.start(), m.end(), "ni_number"


def dates_of_birth(text: str) -> Iterator[Span]:
    """Dates with "born", "DOB", "date of birth" or "birthday" shortly before them (or "DOB" just after)."""
    if not DOB_HINT.search(text):
        return
    for m in DATE.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        if DOB_CUE.search(before) or DOB_AFTER.search(text[m.end():m.end() + 20]):
            yield m.start(), m.end(), "dob"


def postcodes(text: str) -> Iterator[Span]:
    """Full postcodes anywhere; outward codes alone (G12, EH6) only where the words around say they are postcodes."""
    for m in POSTCODE.finditer(text):
        yield m.start(), m.end(), "postcode"
    for m in OUTWARD.finditer(text):
        area = m.group(1)
        if area not in AREAS:
            continue
        before = text[max(0, m.start() - 30):m.start()]
        said = POSTCODE_WORD.search(before) or OUTWARD_AFTER.search(text[m.end():m.end() + 12])
        if said or ((len(area) == 2 or area == "G") and OUTWARD_BEFORE.search(before)):
            yield m.start(), m.end(), "postcode"


def addresses(text: str) -> Iterator[Span]:
    """A house number, a street name and a street word, with an optional flat number (Flat 2/1, 2/1)."""
    for m in ADDRESS.finditer(text):
        yield m.start(), m.end(), "address"


def phones(text: str, keep_numbers: frozenset[str]) -> Iterator[Span]:
    """UK phone numbers in the common formats, except helplines and public-service numbers."""
    if not PHONE_HINT.search(text):
        return
    found: list[tuple[int, int]] = []
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        found.append((match.start, match.end))
    found.extend((m.start(), m.end()) for m in PHONE_REGEX.finditer(text))
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
