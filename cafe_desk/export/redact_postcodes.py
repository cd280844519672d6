"""Finding postcodes in free text: full postcodes in every way people type them (no space or two, a hyphen, lower case,
split over a line, a slip a reader sees through), and outward codes alone (G12, EH6) where the words around say they
are where someone lives. Spans are (start, end, "postcode")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cafe_desk.export.name_lists import fold, name_lists

Span = tuple[int, int, str]

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
INWARD = re.compile(r"\d[A-Za-z]{2}")  # the inward part of every full postcode


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
