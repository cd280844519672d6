"""Names typed in lower case, as people type on a phone or in dialect ("met torquil at the shed", "jade said",
"sarah mcallister"): a word not in capitals is a name when a list knows it and it is no everyday word, or when a
title, a role or a verb of people stands beside it."""

from __future__ import annotations

import re

from cafe_desk.export.name_cues import DETERMINERS, LOWER_CUE_AFTER, LOWER_STOP, MET, NICKNAME
from cafe_desk.export.name_lists import FORENAME, GIVEN, MONTH, PLACE, STRONG, SURNAME, UNKNOWN, WORD
from cafe_desk.export.name_passes import STOP, at_capital
from cafe_desk.export.text_words import (
    PLACE_BEFORE,
    ROLE_AFTER,
    ROLE_OWNED,
    ROLE_WORDS,
    SHORT_TITLES,
    SPEECH,
    TITLES,
    Words,
)


def decide_lower(item: Words, i: int) -> None:
    """A word not in capitals: a name if listed and no everyday word, or if a title or role comes before it."""
    word = item.words[i][2]
    plain = item.lists.plain
    if word in plain or (word[-1] == "s" and word[:-1] in plain) or not word[0].islower() or item.embedded(i):
        return
    key, kind = item.key(i), item.kind(i)
    if key in STOP or len(key) < 2:
        return
    is_word = kind == WORD or item.lists.is_word(key)
    if key.endswith("s") and item.next_key(i) in ROLE_WORDS and item.lists.kind(key[:-1]) == FORENAME:
        item.mark(i, False)  # "dylans mum": a possessive typed without its apostrophe
        return
    titled = i > 0 and item.prev_key(i).strip(".") in SHORT_TITLES
    nickname = i > 0 and item.prev_key(i) in NICKNAME
    cue = item.words[i][0] in item.cues or nickname
    if (titled or cue) and not is_word:
        item.mark(i, not nickname or titled)  # "wee shuggie" may be Scots for something else
    elif cue and kind in (GIVEN, MONTH, PLACE) and (item.next_key(i) in LOWER_CUE_AFTER or not item.next_key(i)
                                                    or at_capital(item, i)  # "my key worker dawn at Murray Royal"
                                                    or (nickname and item.possessive(i))):  # "auld jock's dug"
        item.mark(i, bool(titled))
    elif nickname and kind == FORENAME:
        item.mark(i, False)  # "wee jimmy": a forename that is also a word, after "wee" or "big"
    elif kind == FORENAME and len(key) >= 3 and key not in LOWER_STOP and not is_word:
        item.mark(i, True)
    elif kind == STRONG and not is_word:
        item.mark(i, bool(re.match(r"(?:mac|mc|nic|o')", key)))
    elif kind in (GIVEN, MONTH, PLACE, SURNAME) and len(key) > 2 and (
            i == 0 or (item.prev_key(i) not in DETERMINERS and item.prev_key(i) not in PLACE_BEFORE)) and (
            (item.possessive(i) and ROLE_OWNED.match(item.text, item.words[i][1])) or (kind != SURNAME and (
                item.next_key(i) in SPEECH or ROLE_AFTER.match(item.text, item.words[i][1])))):
        item.mark(i, False)  # "jade said", "mason's dad", "harris is my best pal" (not "from church told me")
    elif kind == UNKNOWN and len(key) > 2 and key not in TITLES and key not in ROLE_WORDS and (
            item.next_key(i) in SPEECH or item.possessive(i) or (i > 0 and item.prev_key(i) in MET)):
        item.mark(i, False)  # "met torquil at the shed", "torquil's dog" (not "ma auntie's")


def extend_lower(item: Words) -> None:
    """A surname written in lower case or capitals after a name ("sarah mcallister", "Sarah MCALLISTER") takes the
    name's certainty, if it is no everyday word."""
    for i in sorted(item.found):
        if item.possessive(i):
            continue  # "Jenny's fundraiser"
        k = i + 1
        while k < len(item.words) and item.gap(k) == " " and k not in item.found:
            key, kind = item.key(k), item.kind(k)
            if key in STOP or item.in_kept(k):
                break
            if kind in (STRONG, FORENAME) or (kind == UNKNOWN and not item.words[k][2].isupper()):
                item.mark(k, item.found[i])
            else:
                break  # an everyday word, even one that is also a surname ("Mikeysline as lifelines")
            k += 1


