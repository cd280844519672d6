"""Street addresses in free text: a house number before a street word, flat and stair notations (3/2, 2F1, Flat 4),
PO boxes, and the cues ("lives at", "send it to") that make a number and a name an address (named homes, farms,
crofts and Gaelic addresses: redact_homes.py). Returns (start, end, "address") spans; pieces of one address found
apart are joined."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cafe_desk.export.address_words import ADDRESS_CUE, HOUSE
from cafe_desk.export.name_lists import fold, name_lists
from cafe_desk.export.redact_homes import DWELLING_WORDS, GAELIC_WORDS, dwellings, gaelic_addresses
from cafe_desk.export.redact_patterns import Span
from cafe_desk.export.redact_postcodes import LIVES, postcodes

STREET_WORDS = ("Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Crescent|Cres|Terrace|Terr|Place|Pl|Gardens|Gdns|Court"
                "|Ct|Wynd|Brae|Close|Way|Square|Sq|Grove|View|Park|Row|Walk|Loan|Gate|Hill|Green|Quadrant|Circus"
                "|Parade|Boulevard|Vennel|Path|Mews|Rise|Gait|Neuk|Loaning|Bank|Crossway|Holm|Steadings|Quay|Wharf|Circle"
                "|Mount|Heights|Grange|Meadows|Glebe|Yard|Pend|Knowe|Haugh|Vale|Dene|Cottages|Esplanade|Promenade"
                "|Causeway|Broadway|Strand|Braes|Acres|Fields|Orchard|Chase|Shore|Cross|Steps|Crofts|Field|Leys|Lea|End|Ridge|Corner|Approach|Hollow"
                "|Nook|Howe|Den|Common|Tce|Cresc|Cr|Gr|Pk|Blvd|Crt|Grn|Pde|Gds|Av|Cl|Hts|Gdn|Ter|Trce|Cotts|Grv|Sqr|Pkwy"
                "|Parkway|Lonning|Garth")
FLAT = (r"(?:(?:[Ff]lat|FLAT|[Uu]nit|UNIT|[Aa]partment|[Aa]pt\.?|[Ss]uite)\s+(?:\d{1,3}[A-Za-z]?(?:/\d{1,2}|/[LRlr])?"
        r"|[GgBb]/\d{1,2}|\d[Ff]\d{1,2}|[A-Z]\b)|\d{1,2}/\d{1,2}|\d/[LRlr]|[\dGP][Ff](?:\d{1,2}|[LR])\b"
        r"|(?:[Gg]round|[Ff]irst|[Ss]econd|[Tt]hird|[Tt]op|[Bb]asement|[Uu]pper|[Ll]ower)\s+(?:[Ff]loor\s+)?"
        r"(?:[Ff]lat|[Ll]eft|[Rr]ight)\b)")  # Flat 2/1, 0/1, 2F1, GF1, Stair 3, Ground Floor Flat
STREET = (rf"(?:(?:{STREET_WORDS})|(?i:{STREET_WORDS}))\b"
          r"(?:(?:(?<=St)|(?<=Rd)|(?<=Ave)|(?<=Dr)|(?<=Cres)|(?<=Terr)|(?<=Pl)|(?<=Gdns)|(?<=Ct)|(?<=Sq)|(?<=Ln)"
          r"|(?<=Tce)|(?<=Cr)|(?<=Gr)|(?<=Pk))\.)?"
          r"(?:\s+(?:West|East|North|South|Upper|Lower)\b)?"
          r"(?:\s+(?:Industrial|Business|Trading|Retail|Enterprise)\s+(?:Estate|Park|Centre))?")
# one-word streets named by their ending ("Gallowgate", "Nethergate", "Canongate", "Kirkwynd")
COMPOUND_STREET = r"[A-Z][a-z]{2,}(?:gate|gait|wynd|brae|loan|vennel|haugh|way)\b"
LOWER_COMPOUND = r"(?i:[a-z]{3,}(?:gate|gait|wynd|brae|loan|vennel|haugh))\b"
BUILDING = r"(?i:House|Court|Tower|Towers|Mansions|Buildings|Lodge|Flats|Apartments|Hostel|Housing|Residences?)\b"
# the words of a street's name: capitalised, with "of" or "the" between them ("Bridge of Weir Road", "St. John's Road")
STREET_NAME = r"(?:[A-Z][\w'’-]{0,40}\.?\s+(?:(?:of|the|o['’])\s+)?){1,3}"
# (a flat number before it is taken when the spans are joined: FLAT_BEFORE)
ADDRESS = re.compile(
    rf"\b{HOUSE}(?:,?\s+{STREET_NAME}{STREET}|\s+{COMPOUND_STREET})"  # ("4, Stornoway": a number and a town)
    rf"(?:,?\s+[Ff]lat\s+(?:\d{{1,3}}(?:/\d{{1,2}})?|[A-Z]\b))?")
# after a flat or unit number, the street or building name may be in any case, with or without a house number
FLAT_ADDRESS = re.compile(
    rf"\b{FLAT},?\s+(?:{HOUSE},?\s+)?(?:[^\W\d_][\w'’]{{0,40}}\s+){{1,3}}(?:{STREET}|{BUILDING})")
FLAT_HINT = re.compile(r"[Ff]lat|FLAT|[Uu]nit|UNIT|[Aa]partment|[Aa]pt|[Ss]uite|\d/|[\dGP][Ff][\dLR]")
# a stair, room or block number is part of an address only with a comma and a named street or building after it
# ("Stair 3, 14 Queens Court", "Room 12, Ashgrove House"; not "Room 12 at the Court")
ROOM_ADDRESS = re.compile(
    rf"\b(?:Stair|Room|Block)\s+\d{{1,3}}[A-Za-z]?,\s+(?:{HOUSE},?\s+)?(?:[A-Z][\w'’]{{0,40}}\s+){{1,3}}(?:{STREET}|{BUILDING})")
NOT_HOUSE = r"(?i:up|down|doon|along|past|miles?|mins?|minutes?|doors?|streets?|blocks?|yards?|metres?|meters?)"
# a house number and a street in lower case, where the words before say it is where someone lives
# (not a distance: "3 up the road", "2 miles along the road", "4 doors down the street")
LOWER_ADDRESS = re.compile(rf"\b{HOUSE},?\s+(?!{NOT_HOUSE}\b)(?:(?i:the)\s+)?"
                           rf"(?:(?:[^\W\d_][\w'’]{{0,40}}\.?\s+){{1,3}}{STREET}|{LOWER_COMPOUND})")
# "number 16 the crescent", "no 8 sandyhills rd": a house number said as a number is an address without a cue
# (with no street after it, the number may come after the street: "Park Terrace, number 9", "Duke Street number 112")
NUMBERED_ADDRESS = re.compile(rf"\b(?i:number|no\.?)\s+\d{{1,4}}[A-Za-z]?\b(?P<after>,?\s+(?:(?i:the)\s+)?"
                              rf"(?:[^\W\d_][\w'’]{{0,40}}\s+){{0,3}}{STREET})?")
# the number in words after "number", before a street with a capital ("number twelve Park Terrace")
NUMBER_WORDS = ("(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ -]?(?:one|two|three|four|five|six|seven"
                "|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
                "|fifteen|sixteen|seventeen|eighteen|nineteen")
# (without "number", after an address cue: "she stays at twenty two Bank Street")
WORD_NUMBERED = re.compile(rf"(?i:{NUMBER_WORDS})\s+{STREET_NAME}{STREET}")  # matched where a number word is
NUMBER_SAID = re.compile(r"\b(?i:number)\s+$")
NUMBER_WORD_SET = frozenset(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                             "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))
SERVICE_AFTER = re.compile(r"\s+(?i:bus|buses|service|route|stop|stops|tram|train)\b")
STREET_BEFORE = re.compile(rf"\b(?:{STREET_NAME}{STREET}|{COMPOUND_STREET}),?\s+$")
# a house number and a name after "The" with no street word ("4 The Paddock", "12 The Maltings"), where the words
# before say it is a place someone is at or goes to, and a comma, full stop or line end closes it
THE_ADDRESS = re.compile(r"\b\d{1,4}[A-Za-z]?(?:-\d{1,4}[A-Za-z]?)?,?\s+The\s+[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?"
                         r"(?=\s*(?:[,.;\n]|$))")
THE_CUE = re.compile(r"\b(?:at|to|from|c/o|care\s+of|address(?:\s+is)?|in)\s*:?\s*$", re.IGNORECASE)
FLAT_THE = re.compile(rf"\b{FLAT},?\s+The\s+[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?")  # "Flat 3, The Maltings"
# a street with no number where someone lives: "she lives on Carnegie Street", "he stays in Mill Lane"
# a one-word street lived on ("bides on Overgate"), not in or to ("lives in Harrogate" is a town)
NAMED_STREET = re.compile(
    rf"(?:\b(?P<verb>(?i:{LIVES}))(?:\s+(?:[\w'’]+\s+){{0,4}}?(?P<on>(?i:on|in|at|up|doon|along|tae|to)))?"
    rf"|\b(?i:address|c/o)(?:\s+(?i:is|was))?\s*:?)"
    rf"\s+(?:(?i:the)\s+)?(?P<street>(?:[A-Z][\w'’]{{0,40}}\s+){{1,3}}{STREET}|(?P<one>{COMPOUND_STREET}))")
NOT_ON = frozenset(("in", "to", "tae", None))
# what ends a street named right after the verb, with no "on" or "at": "gran stays Park Terrace, number 9"
BARE_END = re.compile(r"\s*(?:[,.;:!?)]|$)|\s+(?:in|near|by|wi|with|since|now|noo|and)\b")
# a house number and a name with no street word ("lives at 2 Oakfield", "address is 33 Kingsway East"), where the
# words before say it is an address
CUED_NUMBER = re.compile(r"\b\d{1,4}[A-Za-z]?,? +[A-Z][a-z][\w'’-]{1,40}(?: +[A-Z][a-z][\w'’-]{1,40}){0,2}\b")
AT_BEFORE = re.compile(r"\b(?:at|to|tae|is|address)\s*:?\s*$", re.IGNORECASE)
PO_BOX = re.compile(r"\b(?:P\.?\s?O\.?|Post\s+Office)\s*Box\s*\d{1,6}\b", re.IGNORECASE)  # "PO Box 12", "P.O.Box12"
# "send to Box 14, Lerwick": a box after an address cue, with a town after it (not "send them to box 3 in the cupboard")
BOX = re.compile(r"\bBox\s*\d{1,6}\b(?=,\s*[A-Z]|\s*$)")


ADDRESS_HINT = re.compile(r"\d|[Ff]lat|FLAT|[Uu]nit|UNIT|[Aa]partment|[Aa]pt|[Ss]uite")
# the same hints from the text's words where they are known, which is quicker than the pattern over the text
DIGIT = re.compile(r"\d")
FLAT_WORDS = frozenset(("flat", "unit", "apartment", "apt", "suite"))
# "3/2" and "2F1", "GF1": looked for apart, "3/2" only where there is a "/" and "2F1" only where the text's words
# (its runs of letters) have the "f" of one, which is quicker than one pattern over the text
SLASH_NOTATION = re.compile(r"\d/")
FLOOR_NOTATION = re.compile(r"[\dGP][Ff][\dLR]")
FLOOR_LETTERS = frozenset(("f", "gf", "pf", "fl", "fr", "gfl", "gfr", "pfl", "pfr"))


ADDRESS_CUE_WORDS = frozenset(("live", "lives", "living", "lived", "stay", "stays", "staying", "stayed", "moved",
                               "move", "address", "flat", "house", "home", "im", "m", "re", "s", "shes", "hes", "send",
                               "post", "write", "forward", "bide", "bides", "biding", "c", "care", "call", "calling",
                               "called", "visit", "visiting", "visited", "rent", "rents", "rented", "renting",
                               "reside", "resides", "residing", "moving", "rehoused", "housed", "livin", "stayin",
                               "bidin", "movin", "addr", "sent", "return", "returned"))
# a named house before its number and street: "The Steading, 3 Mill Lane", "Rose Cottage, 4 Main Street"
NAMED_BEFORE = re.compile(r"(?:\bThe\s+[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?|\b(?:[A-Z][\w'’]+\s+){0,2}"
                          r"(?:Cottages?|Farm|Croft|House|Lodge|Steading|Mains|Manse|Bothy|Mill|Apartments|Flats|Court|Mansions|Tower|Hostel"
                          r"|Housing|Bank|View|Lea|Villa|Knowe|Neuk|Brae)),\s+$")


def addresses(text: str, words: frozenset[str] | None = None, codes: list[Span] | None = None) -> Iterator[Span]:
    """A house number, a street name and a street word, with an optional flat or unit number (Flat 2/1, 2F1, Unit 4);
    after a flat number the street may be in lower case or a building ("Flat 3, Ashgrove House"), and so may a
    street after "lives at" and the like. Parts of one address found apart ("Flat 6, Marchmont House" and
    "9 Warrender Park Road") are one span. `words`: the text's words in lower case, if known; `codes`: the
    postcodes in it, if found already (redact_postcodes.postcodes)."""
    found = sorted(_address_parts(text, words, list(postcodes(text)) if codes is None else codes))
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
STREET_WORD_SET = frozenset(w.lower() for w in STREET_WORDS.split("|"))
COMPOUND_ENDINGS = ("gate", "gait", "wynd", "brae", "loan", "vennel", "haugh", "way")  # as in COMPOUND_STREET
NUMBER_BEFORE = re.compile(r"\b(?:[Nn]umber|[Nn]o\.?|NO\.?)\s+$")
# a tenement floor and door said in words: "3 up left", "1 up 2", "2 up middle"
UP = r"\d{1,2}\s+(?i:up)\s+(?:(?i:left|right|middle|mid)\b|\d{1,2}\b)"
FLAT_BEFORE = re.compile(rf"\b(?:{FLAT}|{UP}),?\s+$")
# a street lived on in lower case, with no number: "I live on station road", "we moved to kirk wynd" (not "on the main
# road", "in a quiet street")
LOWER_STREET = re.compile(
    r"\b(?i:(?:live|lives|living|lived|stay|stays|staying|stayed|bide|bides|biding)\s+(?:on|in|up|doon|down)"
    r"|moved\s+(?:to|tae|into)|flat\s+on)\s+(?:the\s+)?"
    r"((?:(?!(?:main|same|busy|quiet|other|wrong|this|that|next|long|back|new|old|one|a|an|my|our|his|her|their"
    r"|your|high|top|bottom|end|side|country|dead|wee|big|nice|posh|rough)\b)[a-z][a-z'’-]{2,}\s+){1,2}"
    r"(?:road|street|avenue|lane|drive|crescent|terrace|gardens|grove|square|wynd|close|brae|loan|row|walk|quadrant"
    r"|circus|parade|vennel|mews|loaning|rd|st|ave|cres|terr|gdns|sq))\b")
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

# the lines of a postal address with no number before its town (kept, as towns are) and postcode: "Send to Mill
# of Tifty, Fyvie, AB53 8JT", "return to Benview, Strathyre, FK18 8NA", "Peigi NicLeòid, Druim Buidhe, Uig IV51 9XY"
_CAP = r"[A-Z][a-zà-ÿ][\w'’-]*"
_PART = rf"(?:The\s+)?{_CAP}(?:\s+(?:(?:of|na|nan|an|a['’])\s+)?(?:[ht]-)?{_CAP}){{0,2}}"
HOME_TOWN = re.compile(rf"({_PART}(?:,\s+{_PART})?),\s+{_PART},?\s+$")
ORGANISATION = frozenset(("Advice", "Council", "Office", "Centre", "Center", "Surgery", "Practice", "Trust", "Service",
                          "Services", "Association", "Church", "Hall", "Library", "Bank", "Mail", "Hospital", "Clinic",
                          "School", "College", "University", "Society", "Hotel", "Ltd", "Limited", "Group", "Project"))
HOME_TOWN_CUE = re.compile(r"(?:\b(?:send|sent|post|posted|write|return|returned|forward|forwarded|deliver|mail)"
                           r"(?:\s+[\w'’]+){0,3}?\s+(?:to|tae)|\b(?:c/o|care\s+of|forwarding|address(?:\s+is)?"
                           r"|(?:lives?|living|stays?|staying|bides?|resides?|residing)\s+at)|^|\n|,)\s*:?\s*$",
                           re.IGNORECASE)
# a home named, then said to be a house: "lives in Fernlea, the bungalow next to the school", "is in Kilbrannan View,
# Carradale, the white house at the end"
HOUSE_NOUNS = frozenset(("bungalow", "house", "hoose", "cottage", "farmhouse", "villa", "croft", "farm", "steading",
                         "manse", "schoolhouse", "flat"))
APPOSITE = re.compile(rf", (?:the|a|The|A) (?:[a-z]+ ){{0,2}}(?:{'|'.join(HOUSE_NOUNS)})\b(?! (?:is|was|has|had|of)\b)")
# a home named after a word for it: "Our house is Heatherlea", "her cottage is called Ardbeg" (not a town: "my home
# is Dundee"); a farm or croft after farming it: "she farms at Nether Auchendrane"
HOME_IS = re.compile(r"\b(?i:my|our|his|her|their|ma)\s+(?i:house|home|hoose|cottage|croft|farm|bungalow)\s+(?i:is|was)"
                     r"\s+(?:(?i:called)\s+)?((?:[A-Z][\w'’-]+\s+(?:of\s+)?){0,2}[A-Z][\w'’-]+)")
FARMED = re.compile(r"\b(?i:farms|farmed|farming|crofts|crofted|crofting)\s+(?i:at|on)\s+"
                    r"((?:[A-Z][\w'’-]+\s+(?:of\s+)?){0,2}[A-Z][\w'’-]+)")
FARMED_WORDS = frozenset(("farms", "farmed", "farming", "crofts", "crofted", "crofting"))
HOME_BEFORE_APPOSITE = re.compile(
    rf"\b(?:(?i:{LIVES})\s+(?i:in|at)|(?i:is|['’]s)\s+(?i:in))\s+((?:[A-Z][\w'’-]+\s+){{0,2}}[A-Z][\w'’-]+)"
    rf"(?:,\s+[A-Z][\w'’-]+)?$")

HOME_WORDS = NAMED_STREET_WORDS | frozenset(("farm", "farms", "farmed", "farming", "croft", "crofts", "crofted",
                                             "pitch", "plot", "caravan", "berth", "stance"))


def _address_parts(text: str, words: frozenset[str] | None, codes: list[Span]) -> Iterator[tuple[int, int]]:
    # the patterns that end in a street word are tried only where the text's words have one, or a one-word street
    streets = words is None or not STREET_WORD_SET.isdisjoint(words) or _has_ending(text.lower())
    if words is None or not DWELLING_WORDS.isdisjoint(words):
        yield from dwellings(text)
    if "box" in text.lower():
        yield from (m.span() for m in PO_BOX.finditer(text))
        for m in BOX.finditer(text):
            if ADDRESS_CUE.search(text, max(0, m.start() - 30), m.start()):
                yield m.span()
    if streets and (words is None or not NAMED_STREET_WORDS.isdisjoint(words)):
        for m in NAMED_STREET.finditer(text):
            if m.group("one") and (m.group("on") or "").lower() in NOT_ON:
                continue
            if m.group("verb") and m.group("on") is None and not BARE_END.match(text, m.end()):
                continue  # "stays Park Terrace, …", not "stays Saturday Park Run mornings"
            yield m.span("street")
        for m in LOWER_STREET.finditer(text):
            yield m.span(1)
    if words is None or not GAELIC_WORDS.isdisjoint(words):
        yield from gaelic_addresses(text)
    if words is None or not HOUSE_NOUNS.isdisjoint(words):
        for m in APPOSITE.finditer(text) if ", " in text else ():
            home = HOME_BEFORE_APPOSITE.search(text, max(0, m.start() - 80), m.start())
            if home:
                yield home.span(1)
        for m in HOME_IS.finditer(text) if words is None or "is" in words or "was" in words else ():
            lists = name_lists()  # not a town, nor everyday words ("Our house was Chaos")
            if fold(m.group(1)) not in lists.places and not all(lists.is_word(fold(w)) for w in m.group(1).split()):
                yield m.span(1)
    if words is None or not FARMED_WORDS.isdisjoint(words):
        yield from (m.span(1) for m in FARMED.finditer(text))
    if streets and ", " in text and (words is None or not HOME_WORDS.isdisjoint(words)):
        for m in HOME_AND_STREET.finditer(text):
            if m.group("pitch") or HOME_CUE.search(text, max(0, m.start() - 30), m.start()):
                yield m.span()
    if streets and (words is None or not NUMBER_WORD_SET.isdisjoint(words)):
        yield from _word_numbered(text, NUMBER_WORD_SET if words is None else NUMBER_WORD_SET & words)
    if not (DIGIT.search(text) if words is not None and FLAT_WORDS.isdisjoint(words) else ADDRESS_HINT.search(text)):
        return
    for start, _end, _kind in codes:  # what is before a postcode: the lines of its address
        m = HOME_TOWN.search(text, max(0, start - 120), start) if ", " in text[max(0, start - 120):start] else None
        if m and HOME_TOWN_CUE.search(text, max(0, m.start() - 40), m.start()) and \
                ORGANISATION.isdisjoint(m.group(1).split()):  # not "Write to Citizens Advice, Perth, PH1 5AA"
            yield m.span(1)
        if streets and DIGIT.search(text, max(0, start - 80), start):
            m = LOWER_BEFORE.search(text, max(0, start - 80), start)  # "17 rosebery sq, ky1 2qs"
            if m:
                yield m.start(), m.end(1)
    for m in ADDRESS.finditer(text) if streets else ():
        named = NAMED_BEFORE.search(text, max(0, m.start() - 40), m.start())
        yield (named.start() if named else m.start()), m.end()
    if (("/" in text and SLASH_NOTATION.search(text))
            or (not FLOOR_LETTERS.isdisjoint(words) and FLOOR_NOTATION.search(text))
            if words is not None and FLAT_WORDS.isdisjoint(words) else FLAT_HINT.search(text)):
        for m in FLAT_ADDRESS.finditer(text):
            yield m.span()
        if "The " in text:
            yield from (m.span() for m in FLAT_THE.finditer(text))
    if "Stair" in text or "Room" in text or "Block" in text:
        yield from (m.span() for m in ROOM_ADDRESS.finditer(text))
    if streets and (words is None or "no" in words or "number" in words):
        for m in NUMBERED_ADDRESS.finditer(text):
            if m.group("after"):
                yield m.span()
                continue
            street = STREET_BEFORE.search(text, max(0, m.start() - 80), m.start())
            if street and not SERVICE_AFTER.match(text, m.end()):  # "the King Street number 5 bus"
                yield street.start(), m.end()
    for m in THE_ADDRESS.finditer(text) if "The " in text else ():
        if THE_CUE.search(text, max(0, m.start() - 20), m.start()):
            yield m.span()
    cued = words is None or not ADDRESS_CUE_WORDS.isdisjoint(words)
    for m in LOWER_ADDRESS.finditer(text) if streets else ():
        if (cued and ADDRESS_CUE.search(text, max(0, m.start() - 30), m.start())) or _plainly_an_address(text, m):
            yield m.span()
    if not cued:
        return
    for m in CUED_NUMBER.finditer(text):
        if AT_BEFORE.search(text, max(0, m.start() - 12), m.start()) and \
                ADDRESS_CUE.search(text, max(0, m.start() - 30), m.start()):
            yield m.span()


def _plainly_an_address(text: str, m: re.Match[str]) -> bool:
    """A house number and a street in lower case with no cue before, that can only be an address: the number has a
    letter ("45b dunkeld road"), a word that is no everyday word follows after a comma ("10 dunkeld st, aberfeldy"),
    or the street's name is no everyday word ("15 balhousie avenue"; not "12 high street shops")."""
    found, lists = m.group(), name_lists()
    if m.start() and text[m.start() - 1] in "£$€#":
        return False  # "£12 each way"
    town = TOWN_AFTER_STREET.match(text, m.end())
    if HOUSE_LETTER.match(found) or (town and not lists.is_word(fold(town.group(1)))):
        return True
    return any(not lists.is_word(fold(w)) for w in found.split()[1:-1] if w.isalpha() and w.lower() != "the")


HOUSE_LETTER = re.compile(r"\d{1,4}[A-Za-z]\b")
TOWN_AFTER_STREET = re.compile(r",\s*([A-Za-z][a-z]{2,})\b")


# a house number and a street in lower case right before a postcode
LOWER_BEFORE = re.compile(rf"({LOWER_ADDRESS.pattern}),?\s+$")


def _word_numbered(text: str, numbers: frozenset[str]) -> Iterator[tuple[int, int]]:
    """A house number in words before a street, after "number" or an address cue; each number word the text has is
    looked for where it is, which is quicker than a pattern over the whole text."""
    low = text.lower()
    for number in numbers:
        at = low.find(number)
        while at >= 0:
            m = WORD_NUMBERED.match(text, at) if at == 0 or not low[at - 1].isalnum() else None
            if m and (NUMBER_SAID.search(text, max(0, at - 10), at)
                      or ADDRESS_CUE.search(text, max(0, at - 30), at)):
                said = NUMBER_SAID.search(text, max(0, at - 10), at)
                yield (said.start() if said else at), m.end()
            at = low.find(number, at + 1)


def _has_ending(low: str) -> bool:
    return any(ending in low for ending in COMPOUND_ENDINGS)
