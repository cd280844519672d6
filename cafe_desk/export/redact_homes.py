"""Homes named rather than numbered, and Gaelic addresses: named houses, farms and crofts ("Rose Cottage, Lairg",
"The Old Schoolhouse, Achnasheen", "Croft 7, Balallan"), a Gaelic home ("Taigh na Mara") and Gaelic streets, which
put the street word first ("12 Sràid na h-Eaglais"). Each is an address only with a postcode near, an address cue
before, its township after or a line of its own; redact_addresses.py joins what is found here with the rest."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cafe_desk.export.address_words import ADDRESS_CUE, HOUSE
from cafe_desk.export.redact_postcodes import POSTCODE

# croft and cottage numbers on an estate or township ("Croft 7, Lochend", "Cottage 3, Balnagown Estate")
RURAL = re.compile(r"\b(?:Croft|Cottage|Plot|Bothy|CROFT|COTTAGE|PLOT|BOTHY)\s+\d{1,3}[A-Za-z]?,?\s+"
                   r"(?:[A-Z][\w'’]+\s+(?:of\s+|OF\s+)?){0,2}[A-Z][\w'’]+")
RURAL_WORDS = ("Croft", "Cottage", "Plot", "Bothy", "CROFT", "COTTAGE", "PLOT", "BOTHY")
# a named house or farm with no number ("The Steading, Mains of Auchterless", "Croft House, Upper Bighouse"), taken
# when a full postcode or an address cue is next to it
DWELLING_WORDS = frozenset(("steading", "steadings", "cottage", "cottages", "croft", "farmhouse", "farm", "lodge",
                            "manse", "schoolhouse", "bothy", "mill", "mains", "byre", "bungalow"))
_DWELLING_WORDS = ("Steading", "Steadings", "Cottage", "Cottages", "Croft", "Farmhouse", "Farm", "Lodge", "Manse",
                   "Schoolhouse", "Bothy", "Mill", "Mains", "Byre", "Bungalow")
# a word in capitals that is no part of a name, in a text in capitals ("LIVES AT ROSE COTTAGE")
CAPS_STOP = r"(?!(?:AT|TO|IN|ON|IS|OF|FROM|AND|THE)\s)"
_DWELLING_ALTERNATIVES = "|".join(w for d in _DWELLING_WORDS for w in (d, d.upper()))
DWELLING = re.compile(  # (and in capitals: "ROSE COTTAGE, LAIRG")
    rf"\b(?:The\s+|THE\s+)?(?:{CAPS_STOP}[A-Z][\w'’]+\s+){{0,2}}({_DWELLING_ALTERNATIVES})"
    r",\s+(?:(?![A-Z]{1,2}\d)[A-Z][\w'’]+\s+){0,2}(?:of\s+|OF\s+)?(?![A-Z]{1,2}\d)[A-Z][\w'’]+")
# dwelling words that name a home, not a business or a hall (unlike Mill, Lodge, Mains)
HOMES = frozenset(("cottage", "cottages", "croft", "farmhouse", "farm", "steading", "steadings", "schoolhouse", "manse",
                   "bothy", "byre", "bungalow"))
# Gaelic street names put the street word first: "12 Sràid na h-Eaglais", "4 Rathad a' Chladaich", "3 Rathad an
# t-Sìthein"; and a Gaelic home is a "taigh" ("Taigh na Mara", "Tigh an Uillt")
GAELIC_STREETS = ("sràid", "sraid", "rathad", "ceum", "lòn", "slighe", "ceàrnag", "cearnag", "cùirt", "cuirt",
                  "lànaidh", "lanaidh", "cidhe", "bruach", "pàirc", "pairc", "gàrradh", "garradh", "bealach")
GAELIC_WORDS = frozenset((*GAELIC_STREETS, "taigh", "tigh", "toigh"))
GAELIC_NAME = r"(?:(?:na|nan|nam|an|am|a['’]?)\s+)?(?:[htHT]-)?[^\W\d_][\w'’-]*"
# with the house number before or after it ("Sràid na Banca 4"), or none after an address cue ("bides on Rathad na
# Mara")
GAELIC_ADDRESS = re.compile(rf"\b(?P<number>{HOUSE},?\s+)?(?i:{'|'.join(GAELIC_STREETS)})\s+{GAELIC_NAME}"
                            rf"(?P<after>,?\s+\d{{1,4}}[A-Za-z]?\b)?")
GAELIC_HOME = re.compile(r"\b(?:Taigh|Tigh|Toigh|TAIGH|TIGH)\s+(?:(?:na|nan|nam|an|am|a['’])\s+)?(?:[htHT]-)?"
                         r"[A-ZÀ-Þ][\w'’-]*")
# a named home with no comma after it ("lives at Bothy Cottage", "Laggan Croft is their address", a line of its own)
HOME_NAME = re.compile(rf"\b(?:The[ \t]+|THE[ \t]+)?(?:{CAPS_STOP}[A-Z][\w'’-]+[ \t]+){{1,2}}"
                       r"(?:Croft|Cottage|Farm|Farmhouse|Steading|Schoolhouse|Manse|Bothy|Byre|Bungalow|CROFT|COTTAGE|FARM|FARMHOUSE|STEADING|SCHOOLHOUSE"
                       r"|MANSE|BOTHY|BYRE|BUNGALOW)\b(?![ \t]+(?i:shop|park|caf[eé]|tea\s?room|restaurant"
                       r"|hotel|inn|bar|centre|center|museum|trust|shed|kitchen|bakery|market)\b)")  # a business
IS_ADDRESS = re.compile(r"\s+(?:is|was)\s+(?:my|his|her|their|our|the|ma)\s+(?:address|home|hoose)\b", re.IGNORECASE)
# a postcode right after, or after a town or two: "The Lodge, Ardgowan Estate, Inverkip PA16 0DU"
POSTCODE_NEAR = re.compile(rf"[ ,]*(?:[A-Z][a-zà-ÿ][\w'’-]*,?\s+){{0,2}}(?i:{POSTCODE.pattern})")
LINE_END = re.compile(r"[ \t]*(?:\n|$)")

def gaelic_addresses(text: str) -> Iterator[tuple[int, int]]:
    """Gaelic streets (street word first) after a house number; a Gaelic home's name with its township after it, a
    postcode near, an address cue before, or on a line of its own."""
    for m in GAELIC_ADDRESS.finditer(text):
        if m.group("number") or m.group("after") or (
                text[m.start()].isupper() and ADDRESS_CUE.search(text, max(0, m.start() - 30), m.start())):
            yield m.span()
    for m in GAELIC_HOME.finditer(text):
        if text.startswith(", ", m.end()) or POSTCODE_NEAR.match(text, m.end()) or \
                ADDRESS_CUE.search(text, max(0, m.start() - 30), m.start()) or \
                ((m.start() == 0 or text[m.start() - 1] == "\n") and LINE_END.match(text, m.end())):  # a line its own
            yield m.span()


def dwellings(text: str) -> Iterator[tuple[int, int]]:
    """Named houses and farms with no number, next to a full postcode or after an address cue; a home's name
    ("Burnside Cottage, Dalry", "The Old Schoolhouse, Achnasheen") with its township after it needs neither."""
    for m in DWELLING.finditer(text):
        if m.group(1).lower() in HOMES or POSTCODE_NEAR.match(text, m.end()) or \
                ADDRESS_CUE.search(text, max(0, m.start() - 30), m.start()):
            yield m.start(), m.end()
    for m in HOME_NAME.finditer(text):  # with no township after it; "lives at the Old Manse" (a cue before "the")
        cue_end = m.start() - 4 if text[m.start() - 4:m.start()] == "the " else m.start()
        if ADDRESS_CUE.search(text, max(0, cue_end - 30), cue_end) or IS_ADDRESS.match(text, m.end()) or \
                POSTCODE_NEAR.match(text, m.end()) or \
                ((m.start() == 0 or text[m.start() - 1] == "\n") and LINE_END.match(text, m.end())):
            yield m.span()
    if any(word in text for word in RURAL_WORDS):
        yield from (m.span() for m in RURAL.finditer(text))
