"""Street addresses in free text: a house number before a street word, flat and stair notations (3/2, 2F1, Flat 4),
named homes and farms, rural crofts, PO boxes, and the cues ("lives at", "send it to") that make a number and a name
an address. Returns (start, end, "address") spans; pieces of one address found apart are joined."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cafe_desk.export.redact_patterns import LIVES, POSTCODE, Span

STREET_WORDS = ("Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Crescent|Cres|Terrace|Terr|Place|Pl|Gardens|Gdns|Court"
                "|Ct|Wynd|Brae|Close|Way|Square|Sq|Grove|View|Park|Row|Walk|Loan|Gate|Hill|Green|Quadrant|Circus"
                "|Parade|Boulevard|Vennel|Path|Mews|Rise|Gait|Neuk|Loaning|Bank|Crossway|Holm|Steadings|Quay|Wharf|Circle"
                "|Mount|Heights|Grange|Meadows|Glebe|Yard|Pend|Knowe|Haugh|Vale|Dene|Cottages|Esplanade|Promenade"
                "|Causeway|Broadway|Strand|Braes|Acres|Fields|Orchard|Chase|Shore|Cross|Steps|Crofts|Field|Leys|Lea|End|Ridge|Corner|Approach|Hollow"
                "|Nook|Howe|Den|Common|Tce|Cresc|Cr|Gr|Pk|Blvd|Crt|Grn|Pde|Gds")
FLAT = (r"(?:(?:[Ff]lat|FLAT|[Uu]nit|UNIT|[Aa]partment|[Aa]pt\.?|[Ss]uite)\s+(?:\d{1,3}[A-Za-z]?(?:/\d{1,2}|/[LRlr])?"
        r"|\d[Ff]\d{1,2}|[A-Z]\b)|\d{1,2}/\d{1,2}|\d/[LRlr]|[\dGP][Ff](?:\d{1,2}|[LR])\b"
        r"|(?:[Gg]round|[Ff]irst|[Ss]econd|[Tt]hird|[Tt]op|[Bb]asement|[Uu]pper|[Ll]ower)\s+(?:[Ff]loor\s+)?"
        r"(?:[Ff]lat|[Ll]eft|[Rr]ight)\b)")  # Flat 2/1, 0/1, 2F1, GF1, Stair 3, Ground Floor Flat
HOUSE = r"\d{1,4}[A-Za-z]?(?:-\d{1,4}[A-Za-z]?)?"
STREET = (rf"(?:(?:{STREET_WORDS})|(?i:{STREET_WORDS}))\b"
          r"(?:(?:(?<=St)|(?<=Rd)|(?<=Ave)|(?<=Dr)|(?<=Cres)|(?<=Terr)|(?<=Pl)|(?<=Gdns)|(?<=Ct)|(?<=Sq)|(?<=Ln)"
          r"|(?<=Tce)|(?<=Cr)|(?<=Gr)|(?<=Pk))\.)?"
          r"(?:\s+(?:West|East|North|South|Upper|Lower)\b)?"
          r"(?:\s+(?:Industrial|Business|Trading|Retail|Enterprise)\s+(?:Estate|Park|Centre))?")
# one-word streets named by their ending ("Gallowgate", "Nethergate", "Canongate", "Kirkwynd")
COMPOUND_STREET = r"[A-Z][a-z]{2,}(?:gate|gait|wynd|brae|loan|vennel|haugh|way)\b"
LOWER_COMPOUND = r"(?i:[a-z]{3,}(?:gate|gait|wynd|brae|loan|vennel|haugh))\b"
BUILDING = r"(?i:House|Court|Tower|Towers|Mansions|Buildings|Lodge|Flats|Apartments)\b"
# the words of a street's name: capitalised, with "of" or "the" between them ("Bridge of Weir Road", "St. John's Road")
STREET_NAME = r"(?:[A-Z][\w'’-]{0,40}\.?\s+(?:(?:of|the|o['’])\s+)?){1,3}"
# (a flat number before it is taken when the spans are joined: FLAT_BEFORE)
ADDRESS = re.compile(
    rf"\b{HOUSE},?\s+(?:{STREET_NAME}{STREET}|{COMPOUND_STREET})"
    rf"(?:,?\s+[Ff]lat\s+(?:\d{{1,3}}(?:/\d{{1,2}})?|[A-Z]\b))?")
# after a flat or unit number, the street or building name may be in any case, with or without a house number
FLAT_ADDRESS = re.compile(
    rf"\b{FLAT},?\s+(?:{HOUSE},?\s+)?(?:[^\W\d_][\w'’]{{0,40}}\s+){{1,3}}(?:{STREET}|{BUILDING})")
FLAT_HINT = re.compile(r"[Ff]lat|FLAT|[Uu]nit|UNIT|[Aa]partment|[Aa]pt|[Ss]uite|\d/|[\dGP][Ff][\dLR]")
# a stair, room or block number is part of an address only with a comma and a named street or building after it
# ("Stair 3, 14 Queens Court", "Room 12, Ashgrove House"; not "Room 12 at the Court")
ROOM_ADDRESS = re.compile(
    rf"\b(?:Stair|Room|Block)\s+\d{{1,3}}[A-Za-z]?,\s+(?:{HOUSE},?\s+)?(?:[A-Z][\w'’]{{0,40}}\s+){{1,3}}(?:{STREET}|{BUILDING})")
# a house number and a street in lower case, where the words before say it is where someone lives
LOWER_ADDRESS = re.compile(rf"\b{HOUSE},?\s+(?:(?i:the)\s+)?(?:(?:[^\W\d_][\w'’]{{0,40}}\s+){{1,3}}{STREET}"
                           rf"|{LOWER_COMPOUND})")
# "number 16 the crescent", "no 8 sandyhills rd": a house number said as a number is an address without a cue
NUMBERED_ADDRESS = re.compile(rf"\b(?i:number|no\.?)\s+\d{{1,4}}[A-Za-z]?,?\s+(?:(?i:the)\s+)?"
                              rf"(?:[^\W\d_][\w'’]{{0,40}}\s+){{0,3}}{STREET}")
# a house number and a name after "The" with no street word ("4 The Paddock", "12 The Maltings"), where the words
# before say it is a place someone is at or goes to, and a comma, full stop or line end closes it
THE_ADDRESS = re.compile(r"\b\d{1,4}[A-Za-z]?(?:-\d{1,4}[A-Za-z]?)?,?\s+The\s+[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?"
                         r"(?=\s*(?:[,.;\n]|$))")
THE_CUE = re.compile(r"\b(?:at|to|from|c/o|care\s+of|address(?:\s+is)?|in)\s*:?\s*$", re.IGNORECASE)
FLAT_THE = re.compile(rf"\b{FLAT},?\s+The\s+[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?")  # "Flat 3, The Maltings"
# a street with no number where someone lives: "she lives on Carnegie Street", "he stays in Mill Lane"
NAMED_STREET = re.compile(
    rf"(?:\b(?i:{LIVES})\s+(?:[\w'’]+\s+){{0,4}}?"
    rf"(?i:on|in|at|up|doon|along|tae|to)|\b(?i:address|c/o)(?:\s+(?i:is|was))?\s*:?)"
    rf"\s+(?:(?i:the)\s+)?((?:[A-Z][\w'’]{{0,40}}\s+){{1,3}}{STREET})")
# a house number and a name with no street word ("lives at 2 Oakfield", "address is 33 Kingsway East"), where the
# words before say it is an address
CUED_NUMBER = re.compile(r"\b\d{1,4}[A-Za-z]?,? +[A-Z][a-z][\w'’-]{1,40}(?: +[A-Z][a-z][\w'’-]{1,40}){0,2}\b")
AT_BEFORE = re.compile(r"\b(?:at|to|tae|is|address)\s*:?\s*$", re.IGNORECASE)
# croft and cottage numbers on an estate or township ("Croft 7, Lochend", "Cottage 3, Balnagown Estate"); a post box
RURAL = re.compile(r"\b(?:Croft|Cottage|Plot|Bothy)\s+\d{1,3}[A-Za-z]?,?\s+(?:[A-Z][\w'’]+\s+(?:of\s+)?){0,2}"
                   r"[A-Z][\w'’]+")
PO_BOX = re.compile(r"\b(?:P\.?\s?O\.?|Post\s+Office)\s+Box\s+\d{1,6}\b", re.IGNORECASE)
ADDRESS_CUE = re.compile(rf"(?:\b(?:{LIVES}|move|address|flat"
                         r"|house|home|c/o|care\s+of|call(?:ing|ed)?\s+at|visit(?:ing|ed)?|rent(?:s|ed|ing)?)"
                         r"(?:\s+(?:is|was))?(?:\s+(?:at|to|tae|in|on|round|doon|up|into|@))?"
                         rf"|\b(?:{LIVES})\s+(?:at|wi|with)\s+(?:my|his|her|their|our|the)\s+[\w'’]+['’]s\s+at"
                         r"|\b(?:i'?m|i\s+am|we'?re|we\s+are|they'?re|they\s+are|s?he['’]?s"
                         r"|(?:send|post|write|forward)\w*"
                         r"(?:\s+[\w'’]+){0,3}?)\s+(?:at|to|tae|doon|2))\s*:?\s*$", re.IGNORECASE)  # "send it 2"


ADDRESS_HINT = re.compile(r"\d|[Ff]lat|FLAT|[Uu]nit|UNIT|[Aa]partment|[Aa]pt|[Ss]uite")
# the same hints from the text's words where they are known, which is quicker than the pattern over the text
DIGIT = re.compile(r"\d")
FLAT_WORDS = frozenset(("flat", "unit", "apartment", "apt", "suite"))
FLAT_NOTATION = re.compile(r"\d/|[\dGP][Ff][\dLR]")


ADDRESS_CUE_WORDS = frozenset(("live", "lives", "living", "lived", "stay", "stays", "staying", "stayed", "moved",
                               "move", "address", "flat", "house", "home", "im", "m", "re", "s", "shes", "hes", "send",
                               "post", "write", "forward", "bide", "bides", "biding", "c", "care", "call", "calling",
                               "called", "visit", "visiting", "visited", "rent", "rents", "rented", "renting",
                               "reside", "resides", "residing", "moving", "rehoused", "housed", "livin", "stayin",
                               "bidin", "movin"))
# a named house before its number and street: "The Steading, 3 Mill Lane", "Rose Cottage, 4 Main Street"
NAMED_BEFORE = re.compile(r"(?:\bThe\s+[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?|\b(?:[A-Z][\w'’]+\s+)?(?:Cottage|Farm|Croft"
                          r"|House|Lodge|Steading|Mains|Manse|Bothy|Mill)),\s+$")
# a named house or farm with no number ("The Steading, Mains of Auchterless", "Croft House, Upper Bighouse"), taken
# when a full postcode or an address cue is next to it
DWELLING_WORDS = frozenset(("steading", "steadings", "cottage", "cottages", "croft", "farmhouse", "farm", "lodge",
                            "manse", "schoolhouse", "bothy", "mill", "mains", "byre", "bungalow"))
DWELLING = re.compile(
    r"\b(?:The\s+)?(?:[A-Z][\w'’]+\s+){0,2}((?:Steading|Steadings|Cottage|Cottages|Croft|Farmhouse|Farm|Lodge|Manse"
    r"|Schoolhouse|Bothy|Mill|Mains|Byre|Bungalow)),\s+(?:[A-Z][\w'’]+\s+){0,2}(?:of\s+)?[A-Z][\w'’]+")
# dwelling words that name a home, not a business or a hall (unlike Mill, Lodge, Mains)
HOMES = frozenset(("cottage", "cottages", "croft", "farmhouse", "farm", "steading", "steadings", "schoolhouse", "manse",
                   "bothy", "byre", "bungalow"))


def addresses(text: str, words: frozenset[str] | None = None) -> Iterator[Span]:
    """A house number, a street name and a street word, with an optional flat or unit number (Flat 2/1, 2F1, Unit 4);
    after a flat number the street may be in lower case or a building ("Flat 3, Ashgrove House"), and so may a
    street after "lives at" and the like. Parts of one address found apart ("Flat 6, Marchmont House" and
    "9 Warrender Park Road") are one span. `words`: the text's words in lower case, if known."""
    found = sorted(_address_parts(text, words))
    merged: list[list[int]] = []
    for start, end in found:
        if merged and (start <= merged[-1][1] or ADDRESS_JOIN.fullmatch(text, merged[-1][1], start)):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        said = NUMBER_BEFORE.search(text, max(0, start - 8), start)  # "No. 5 Church Street", "number 12 Elm Row"
        if said is None and text[start - 1:start].isspace():
            said = FLAT_BEFORE.search(text, max(0, start - 30), start)  # "Flat 3/2, 27 Dumbarton Road"
        yield (said.start() if said else start), end, "address"


ADDRESS_JOIN = re.compile(r",? ?")
NUMBER_BEFORE = re.compile(r"\b(?:[Nn]umber|[Nn]o\.?|NO\.?)\s+$")
FLAT_BEFORE = re.compile(rf"\b{FLAT},?\s+$")
NAMED_STREET_WORDS = frozenset(("live", "lives", "living", "lived", "stay", "stays", "staying", "stayed", "bide",
                                "bides", "biding", "reside", "resides", "residing", "moved", "moving", "rehoused",
                                "housed", "address", "c", "livin", "stayin", "bidin", "movin"))


# a home named with no number, then the street it is on, after a cue: "live at Rowanbank, Station Road", "farm at
# Hillhead of Auchentumb, Strichen Road", "on pitch 6, Burnbrae Site, Mill Road" (a pitch on a site needs no cue)
HOME_AND_STREET = re.compile(
    rf"\b(?P<pitch>(?:[Pp]itch|[Pp]lot|[Cc]aravan|[Bb]erth|[Ss]tance)\s+\d{{1,3}}[A-Za-z]?,\s+)?"
    rf"(?:[A-Z][\w'’-]+\s+(?:of\s+(?:the\s+)?)?){{0,2}}[A-Z][\w'’-]+,\s+{STREET_NAME}{STREET}")
HOME_CUE = re.compile(rf"(?:\b(?:{LIVES}|farms?|farmed|farming|crofts?|crofted|address)(?:\s+(?:is|was))?\s+"
                      r"(?:at|on|in)|\baddress(?:\s+is)?\s*:?)\s*$", re.IGNORECASE)

HOME_WORDS = NAMED_STREET_WORDS | frozenset(("farm", "farms", "farmed", "farming", "croft", "crofts", "crofted",
                                             "pitch", "plot", "caravan", "berth", "stance"))


def _address_parts(text: str, words: frozenset[str] | None) -> Iterator[tuple[int, int]]:
    if words is None or not DWELLING_WORDS.isdisjoint(words):
        yield from _dwellings(text)
    if "box" in text.lower():
        yield from (m.span() for m in PO_BOX.finditer(text))
    if words is None or not NAMED_STREET_WORDS.isdisjoint(words):
        yield from (m.span(1) for m in NAMED_STREET.finditer(text))
    if ", " in text and (words is None or not HOME_WORDS.isdisjoint(words)):
        for m in HOME_AND_STREET.finditer(text):
            if m.group("pitch") or HOME_CUE.search(text, max(0, m.start() - 30), m.start()):
                yield m.span()
    if not (DIGIT.search(text) if words is not None and FLAT_WORDS.isdisjoint(words) else ADDRESS_HINT.search(text)):
        return
    for m in ADDRESS.finditer(text):
        named = NAMED_BEFORE.search(text, max(0, m.start() - 40), m.start())
        yield (named.start() if named else m.start()), m.end()
    if (FLAT_NOTATION.search(text) if words is not None and FLAT_WORDS.isdisjoint(words) else FLAT_HINT.search(text)):
        for m in FLAT_ADDRESS.finditer(text):
            yield m.span()
        if "The " in text:
            yield from (m.span() for m in FLAT_THE.finditer(text))
    if "Stair" in text or "Room" in text or "Block" in text:
        yield from (m.span() for m in ROOM_ADDRESS.finditer(text))
    if words is None or "no" in words or "number" in words:
        yield from (m.span() for m in NUMBERED_ADDRESS.finditer(text))
    for m in THE_ADDRESS.finditer(text) if "The " in text else ():
        if THE_CUE.search(text, max(0, m.start() - 20), m.start()):
            yield m.span()
    if words is not None and ADDRESS_CUE_WORDS.isdisjoint(words):
        return
    for m in LOWER_ADDRESS.finditer(text):
        if ADDRESS_CUE.search(text, max(0, m.start() - 30), m.start()):
            yield m.span()
    for m in CUED_NUMBER.finditer(text):
        if AT_BEFORE.search(text, max(0, m.start() - 12), m.start()) and \
                ADDRESS_CUE.search(text, max(0, m.start() - 30), m.start()):
            yield m.span()


def _dwellings(text: str) -> Iterator[tuple[int, int]]:
    """Named houses and farms with no number, next to a full postcode or after an address cue; a home's name
    ("Burnside Cottage, Dalry", "The Old Schoolhouse, Achnasheen") with its township after it needs neither."""
    for m in DWELLING.finditer(text):
        gap = len(text[m.end():m.end() + 3]) - len(text[m.end():m.end() + 3].lstrip(" ,"))
        if POSTCODE.match(text, m.end() + gap) or ADDRESS_CUE.search(text, max(0, m.start() - 30), m.start()) \
                or m.group(1).lower() in HOMES:
            yield m.start(), m.end()
    if "Croft" in text or "Cottage" in text or "Plot" in text or "Bothy" in text:
        yield from (m.span() for m in RURAL.finditer(text))
