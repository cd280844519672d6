"""What a café file may claim, beyond its shape: each check here refuses a file whose values no Café Desk writes
and that would mislead the desk's lists, filters, votes or receipts once imported (pure: parsed files in, a
BundleError with one plain line out, saying what is wrong and what the analyst can do).

- the manifest: a version 2 file's receipt secret (64 hex digits) and the café's id on the laptop (a UUID), as the
  app writes them, since both are copied into receipts;
- cafe.json: a title, a date (every café has one) written year-month-day in the years a café can be held, at most
  MAX_DOTS dots each;
- tables and rounds: each number once (the desk would keep only the last of two);
- groups and themes: each name once (notes, votes and people name them);
- votes: only the levels the café's vote method has (0 for dots, ranks from 1, scores 1 to 5), first choices in a
  ranking café that has any votes (its voters are its first choices), and no more votes than MAX_PEOPLE people
  could cast;
- people: no table's or group's count above MAX_PEOPLE;
- notes: a comment only with its writer's consent, and only as a point (summaries are the note-taker's).

Why MAX_PEOPLE: the app seats at most 200 tables and the largest real cafés had a few hundred people; 100,000 in one
café is far beyond any, yet a file claiming billions would swamp every figure added up across cafés.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from cafe_desk.core.model import AGREEMENT_LEVELS, COMMENT_SOURCES
from cafe_desk.core.plan import MAX_DOTS
from cafe_desk.export.bundle import BundleError

MAX_PEOPLE = 100_000
FIRST_YEAR, LAST_YEAR = 2000, 2999  # no café was held with Café Desk before 2000; later years are typing slips
AGAIN = "ask the facilitator to export the café again"

_DATE = re.compile(r"([0-9]{4})-[0-9]{2}-[0-9]{2}", re.ASCII)
_SECRET = re.compile(r"[0-9a-f]{64}", re.ASCII)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.ASCII)


def refused(what: str, advice: str = AGAIN) -> BundleError:
    """The one line for a file refused because `what` (a plain sentence, no full stop), and what to do."""
    return BundleError(f"{what}, so nothing from it was imported; {advice}.")


def _quoted(value: object) -> str:
    text = str(value)
    return f"“{text[:20]}…”" if len(text) > 20 else f"“{text}”"


def check_manifest(manifest: Mapping) -> None:
    """The receipt secret of a version 2 file and the café's id on the laptop, each of the shape the app writes."""
    if not _UUID.fullmatch(str(manifest.get("cafe_id"))):
        raise refused("This file does not give its café's id as Café Desk writes it")
    if manifest.get("version") == 2 and not (isinstance(manifest.get("receipt_secret"), str)
                                             and _SECRET.fullmatch(manifest["receipt_secret"])):
        raise refused("This file lacks the proof a receipt needs to free the facilitator's laptop (or has one no "
                      "Café Desk writes)")


def check_cafe(info: Mapping) -> None:
    """cafe.json's title, date and dots per person (their kinds checked already)."""
    title = info.get("title")
    if isinstance(title, str) and not title.strip():
        raise refused("This file's café has no title", "ask the facilitator to give the café a title and export it "
                                                        "again")
    date = info.get("date")
    if date == "":
        raise refused("This file's café has no date", "ask the facilitator to give the café its date and export it "
                                                       "again")
    if isinstance(date, str):
        shape = _DATE.fullmatch(date)
        if shape is None:
            raise refused(f"The café's date in this file ({_quoted(date)}) is not written year-month-day",
                          "ask the facilitator to check the café's date and export it again")
        if not FIRST_YEAR <= int(shape.group(1)) <= LAST_YEAR:
            raise refused(f"The café's date in this file ({date}) is not in the years a café can be held "
                          f"({FIRST_YEAR} to {LAST_YEAR})", "ask the facilitator to correct the café's date and "
                                                            "export it again")
    dots = info.get("dots_per_person")
    if isinstance(dots, int) and dots > MAX_DOTS:
        raise refused(f"This file gives each person {dots:,} dots to vote with, more than Café Desk allows "
                      f"({MAX_DOTS})")


def _names(rows: object, key: str) -> list:
    return [row.get(key) for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _first_twice(values: Iterable) -> object | None:
    seen = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return None


def check_plan(parsed: Mapping[str, object]) -> None:
    """Each table and round number once, each group and theme name once."""
    for name, key, what in (("tables.json", "number", "table"), ("prompts.json", "round", "round")):
        twice = _first_twice(n for n in _names(parsed.get(name), key) if isinstance(n, int))
        if twice is not None:
            raise refused(f"This file lists {what} {twice} twice")
    for name, what in (("groups.json", "group"), ("themes.json", "theme")):
        twice = _first_twice(n for n in _names(parsed.get(name), "name") if isinstance(n, str))
        if twice is not None:
            raise refused(f"This file lists the {what} {_quoted(twice)} twice")


def check_people(rows: object) -> None:
    """No count of people in attendance.json above MAX_PEOPLE (kinds and signs are checked elsewhere)."""
    for row in rows if isinstance(rows, list) else ():
        count = row.get("count") if isinstance(row, dict) else None
        if isinstance(count, int) and not isinstance(count, bool) and count > MAX_PEOPLE:
            raise refused(f"This file says {count:,} people sat at one table or were in one group, far more than "
                          "any café holds")


def _counts(value: object) -> dict[int, int]:
    """{level: count} of one vote-count object, the entries that are whole numbers (others are refused elsewhere)."""
    if not isinstance(value, dict):
        return {}
    return {int(k): v for k, v in value.items()
            if isinstance(k, str) and k.isdigit() and isinstance(v, int) and not isinstance(v, bool)}


def check_votes(method: str, dots: int, votes: object) -> None:
    """votes.json's levels against the vote method, first choices in a ranking café, and plausible totals."""
    if not isinstance(votes, dict):
        return
    outcomes = [row for row in votes.get("outcomes") or () if isinstance(row, dict)]
    piles = [_counts(row.get(part)) for row in outcomes for part in ("paper", "phone")]
    for group in votes.get("by_group") or ():
        if isinstance(group, dict):
            piles += [_counts(row.get("paper")) for row in group.get("outcomes") or () if isinstance(row, dict)]
    allowed = {"dots": lambda level: level == 0, "ranking": lambda level: level >= 1,
               "agreement": lambda level: level in AGREEMENT_LEVELS}[method]
    wrong = next((level for pile in piles for level in pile if not allowed(level)), None)
    if wrong is not None:
        raise refused(f"This file holds votes at level {wrong}, which its vote method ({method}) does not have "
                      "(they may have been recorded before the vote method was changed)",
                      "ask the facilitator to check the café's votes and export it again")
    if method == "ranking" and any(any(p.values()) for p in piles) and not any(p.get(1) for p in piles):
        raise refused("This file holds ranked votes but no first choices, by which a ranking's voters are counted",
                      "ask the facilitator to check the café's votes (each voter's first choice is rank 1) and "
                      "export it again")
    ballots = votes.get("phone_ballots")
    per_outcome = [sum(_counts(row.get("paper")).values()) + sum(_counts(row.get("phone")).values())
                   for row in outcomes]
    most = MAX_PEOPLE * dots if method == "dots" else MAX_PEOPLE
    cast = sum(per_outcome) if method == "dots" else max(per_outcome, default=0)
    if cast > most or (isinstance(ballots, int) and ballots > MAX_PEOPLE):
        raise refused(f"This file holds {cast:,} votes, more than any café's people could cast")


def check_comments(notes: Iterable[tuple[str, str, object]]) -> None:
    """A comment (a participant's words, from a phone or a card) only with consent, and only as a point: `notes`
    gives each note's (source, kind, consent), in order."""
    notes = list(notes)
    if not any(source in COMMENT_SOURCES and (not consent or kind != "point") for source, kind, consent in set(notes)):
        return  # told apart by the few kinds of note there are; only a file that fails is looked at note by note
    for number, (source, kind, consent) in enumerate(notes, 1):
        if source in COMMENT_SOURCES and not consent:
            raise refused(f"Item {number} of this file is a participant's comment without their consent")
        if source in COMMENT_SOURCES and kind != "point":
            raise refused(f"Item {number} of this file is a participant's comment marked as a table's summary")
