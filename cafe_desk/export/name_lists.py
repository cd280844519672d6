"""The lists the redaction finders read, loaded once, and what a single word is by them.

resources/words holds the British English word list (what counts as an everyday word); resources/names the name
lists, the places of the United Kingdom and the phrases that are never redacted (their sources: its README.md).
`NameLists.kind(word)` says whether a word is a forename, a surname, a name that is also an everyday word, month or
place, a place, an everyday word, or unknown: the finders decide from that and the words around it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cafe_desk.resources import RESOURCES

NAMES_DIR = RESOURCES / "names"
WORDS_DIR = RESOURCES / "words"

# What a word is, by the lists (see NameLists.kind).
FORENAME = "forename"  # a forename that is not an everyday word (Eilidh, Kwame)
STRONG = "strong_surname"  # a surname that is not an everyday word (Kowalski, MacLeod)
GIVEN = "given"  # a forename that is also an everyday word (Hope, Will, Grace)
MONTH = "month"  # a forename that is also a month (May, June)
PLACE = "place"  # a name that is also a Scottish place (Lewis, Hamilton)
SURNAME = "surname"  # a surname that is also an everyday word (Brown, Smith)
TOWN = "town"  # a place in the United Kingdom, not a name (Dingwall, Portree)
WORD = "word"  # an everyday word
UNKNOWN = "unknown"  # none of these: a name the lists have never seen, a typo, a brand…
NAME_KINDS = frozenset((FORENAME, STRONG, GIVEN, MONTH, PLACE, SURNAME))

MAX_NAME = 40  # no name is longer; a longer run of letters (a pasted blob) is never one
MAC = re.compile(r"^(?:mac|mc|mhic|nic|o')(?=[^\W\d_]{3})")
DIMINUTIVE = re.compile(r"^(.{3,}?)(?:ie|y|o|s)$")
CONTRACTION = re.compile(r"^(.+?)(?:n't|'(?:s|ve|m|ll|d|re|t))$")
ARTICLE = re.compile(r"^(?:al|el|abu|abd|bin|ibn|bint)-[^\W\d_]{2}")  # Arabic: Al-Sha'ar, El-Masri, Abu-Bakr
PET_SUFFIXES = frozenset(("boy", "girl", "lad", "lass", "man", "babe", "bear", "hen", "doll"))  # "Stevie-boy", "Jo-hen"
LENITES = frozenset("bcdfgmpt")
# titles and nickname words the name finder reads in lower case ("dr patel", "wee shuggie"): never plain
TITLE_WORDS = frozenset(("dr", "mr", "mrs", "ms", "mx", "prof", "cllr", "rev", "wee", "big", "auld"))
SLENITES = frozenset("aeiouàèìòùáéíóúlnr")


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case without accents and with straight apostrophes: the key words are looked up by."""
    return _fold(word)


def _fold(word: str) -> str:
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def lenited(name: str) -> str | None:
    """The Gaelic lenited form of `name` (Màiri → Mhàiri, Seumas → Sheumas), or None if it has none."""
    if len(name) < 2 or name[1] in "hH":
        return None
    first, second = name[0].lower(), name[1].lower()
    if first in LENITES or (first == "s" and second in SLENITES):
        return name[0] + ("H" if name[1].isupper() else "h") + name[1:]
    return None


def _read(path: Path) -> Iterator[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _section(path: Path, heading: str) -> Iterator[str]:
    """The entries of `path` under the comment line that starts with `heading`, up to the next comment."""
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#"):
            inside = line.startswith(heading)
        elif line and inside:
            yield line


@dataclass(frozen=True)
class NameLists:
    """The lists, loaded once. Keys are folded (see `fold`)."""

    forenames: frozenset[str]  # hand-made lists: names even where they are rare words (John, Harry)
    surnames: frozenset[str]
    open_forenames: frozenset[str]  # from published lists: an everyday word among them needs context
    open_surnames: frozenset[str]
    ambiguous: dict[str, str]
    words: frozenset[str]
    places: frozenset[str]
    keep_phrases: dict[str, re.Pattern[str]]  # first word (folded) -> the kept phrases that start with it
    keep_numbers: frozenset[str]
    keep_domains: frozenset[str]
    stems: frozenset[str] = frozenset()  # the first three to five letters of every forename (diminutives)
    plain: frozenset[str] = frozenset()  # everyday words that are no name, place or title: nothing to decide
    sites: frozenset[str] = frozenset()  # kept phrases that are hospitals: a place where someone works or is treated
    brands: frozenset[str] = frozenset()  # national brands (everyday words): a workplace after "works at" ("primark")
    kinds: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def is_word(self, key: str) -> bool:
        """True if the folded `key` is an everyday word ("hope", "walks", "self-harm")."""
        if key in self.words or (key.endswith("s") and key[:-1] in self.words):
            return True
        if "'" in key:
            m = CONTRACTION.match(key)  # "doesn't", "i've", "hope's"
            return bool(m) and self.is_word(m.group(1))
        return "-" in key and all(part and self.is_word(part) for part in key.split("-"))

    def kind(self, word: str) -> str:
        """What `word` is by the lists (one of the kinds above); remembered. A word longer than any name is a WORD."""
        if len(word) > MAX_NAME:
            return WORD
        kind = self.kinds.get(word)
        if kind is None:
            if len(self.kinds) > 200_000:
                self.kinds.clear()
            key = fold(word)
            kind = self.kinds[word] = self._kind(key[:-2] if key.endswith("'s") else key)
        return kind

    def _kind(self, key: str) -> str:
        if key in self.ambiguous:
            return self.ambiguous[key]
        if "-" in key:
            return self._hyphenated(key)
        if key in self.forenames:
            return FORENAME
        if key in self.surnames:
            return STRONG
        word = self.is_word(key)
        listed = key in self.open_forenames or key in self.open_surnames
        if key in self.places:
            return PLACE if listed else TOWN  # Denny, Stanley: a person only where the words around say so
        if key in self.open_forenames:
            return GIVEN if word else FORENAME
        if key in self.open_surnames or MAC.match(key):
            return SURNAME if word else STRONG
        return WORD if word else UNKNOWN

    def _hyphenated(self, key: str) -> str:
        """Mary-Jane, Anne-Marie: forenames; Kowalska-Smith: a surname; self-harm: a word."""
        split = key.split("-")
        parts = [self._kind(p) if p else WORD for p in split]
        if len(parts) == 2 and split[1] in PET_SUFFIXES and (
                parts[0] in (FORENAME, GIVEN) or (parts[0] == UNKNOWN and self.diminutive(split[0]))):
            return FORENAME  # a pet form: "Stevie-boy", "Dazza-lad"
        if ARTICLE.match(key) and WORD not in parts[1:]:
            return STRONG  # an Arabic surname with its article: "Al-Sha'ar", "El-Masri"
        if WORD in parts:  # "co-production", "well-being": an everyday word in it makes it one
            return WORD
        names = [p for p in parts if p in NAME_KINDS]
        if names and all(p in NAME_KINDS or p == UNKNOWN for p in parts):
            if FORENAME in parts or (GIVEN in parts and SURNAME not in parts and STRONG not in parts):
                return FORENAME if FORENAME in parts or len(names) > 1 else GIVEN
            return STRONG if STRONG in parts or UNKNOWN in parts or len(names) > 1 else SURNAME
        return WORD if self.is_word(key) else UNKNOWN

    def diminutive(self, key: str) -> bool:
        """True if the folded `key` looks like a pet form of a listed forename (Davie, Stevie, Mags)."""
        m = DIMINUTIVE.match(key) if len(key) <= MAX_NAME else None
        if not m:
            return False
        stem = m.group(1)
        return stem in self.stems or stem in self.forenames or stem in self.open_forenames or (  # "Mikey": Mike
            len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in self.stems)


@lru_cache(maxsize=1)
def name_lists() -> NameLists:
    """Load resources/names and resources/words once per process."""
    ambiguous: dict[str, str] = {}
    for line in _read(NAMES_DIR / "ambiguous.txt"):
        word, kind = line.rsplit(" ", 1)
        ambiguous.setdefault(fold(word), kind)
    forenames = {fold(w) for w in _read(NAMES_DIR / "forenames.txt")}
    words = frozenset(_fold(w) for name in ("british-english.txt", "everyday-extra.txt")
                      for w in _read(WORDS_DIR / name))
    brands = frozenset(_fold(w) for w in _section(WORDS_DIR / "everyday-extra.txt", "# national brands"))
    open_forenames = {_fold(w) for w in _read(NAMES_DIR / "faker-forenames.txt")}
    for line in _read(NAMES_DIR / "gaelic-forenames.txt"):
        for name in line.split():
            forenames.add(fold(name))
            soft = lenited(name)
            if soft:
                open_forenames.add(fold(soft))  # a lenited form that is an English word ("Shìne") needs context
    surnames = {fold(w) for w in _read(NAMES_DIR / "surnames.txt")}
    open_surnames = {_fold(w) for w in _read(NAMES_DIR / "faker-surnames.txt")}
    regions = {fold(p) for p in _read(NAMES_DIR / "regions.txt")}
    for region in regions & (forenames | surnames):
        ambiguous.setdefault(region, "place")  # Angus, Moray: a person only where the words around say so
    places = frozenset(_fold(p) for p in _read(NAMES_DIR / "places.txt") if " " not in p) | regions
    stems = frozenset(n[:k] for n in forenames | open_forenames for k in (3, 4, 5) if len(n) > k)
    phrases: dict[str, list[str]] = {}
    numbers, domains, sites = set(), set(), set()
    for line in _read(NAMES_DIR / "keep.txt"):
        kind, _, value = line.partition(":")
        value = value.strip()
        if kind in ("phrase", "site"):
            phrases.setdefault(fold(value.split()[0]), []).append(value)
            if kind == "site":
                sites.add(" ".join(fold(value).split()))
        elif kind == "number":
            numbers.add(re.sub(r"\D", "", value))
        elif kind == "domain":
            domains.add(value.lower())
    keep = {first: re.compile("(?:" + "|".join(r"\s+".join(re.escape(part) for part in p.split())
                                               for p in sorted(group, key=len, reverse=True)) + r")(?!\w)",
                              re.IGNORECASE) for first, group in phrases.items()}
    names = forenames | surnames | open_forenames | open_surnames | ambiguous.keys() | places
    plain = frozenset(w for w in words - names
                      if w.isascii() and w.isalpha() and not (w[-1] == "s" and w[:-1] in names))
    return NameLists(frozenset(forenames), frozenset(surnames), frozenset(open_forenames - forenames),
                     frozenset(open_surnames - surnames), ambiguous, words, places, keep, frozenset(numbers),
                     frozenset(domains), stems, plain - TITLE_WORDS, frozenset(sites), brands)
