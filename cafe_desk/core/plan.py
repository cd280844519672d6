"""Planning rules: what makes a café's plan valid, and templates as JSON (read with field-by-field messages)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable

from cafe_desk.core import json_input
from cafe_desk.core.errors import ValidationError
from cafe_desk.core.model import VOTE_METHODS, Plan, RoundSpec

TEMPLATE_FORMAT = "cafe-desk-template"
TEMPLATE_VERSION = 1
MAX_TITLE = 200
MAX_PROMPT = 1000
MAX_MINUTES = 240
MAX_TABLES = 200
MAX_DOTS = 20

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def parse_date(text: str) -> str:
    """An ISO date (YYYY-MM-DD) checked to exist; raises ValidationError with a plain reason."""
    text = (text or "").strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if not m:
        raise ValidationError(f"Please give the date as year-month-day, for example 2026-03-14 (not {text!r}).")
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        raise ValidationError(f"There is no month {month}; please check the date.")
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise ValidationError(f"There is no {day} {_MONTHS[month - 1]} {year}; please check the date.") from None


def clean_title(title: str, what: str = "The café") -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(f"{what} needs a title.")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"{what}'s title is too long ({len(title)} characters; {MAX_TITLE} at most).")
    return title


def clean_locality(locality: str) -> str:
    """A town or area. Digits suggest a street address or postcode, which must never be stored."""
    locality = " ".join((locality or "").split())
    if re.search(r"\d", locality):
        raise ValidationError("Please give just the town or area (no street address or postcode).")
    return locality[:MAX_TITLE]


def clean_prompt(prompt: str) -> str:
    prompt = (prompt or "").strip()
    if not prompt:
        raise ValidationError("Each round needs a question.")
    if len(prompt) > MAX_PROMPT:
        raise ValidationError(f"A question is too long ({len(prompt)} characters; {MAX_PROMPT} at most).")
    return prompt


def clean_minutes(minutes: float) -> float:
    if isinstance(minutes, bool) or not isinstance(minutes, int | float):
        raise ValidationError("A round's length must be a number of minutes.")
    if not 1 <= minutes <= MAX_MINUTES:
        raise ValidationError(f"A round must last between 1 minute and {MAX_MINUTES} minutes.")
    return minutes


def clean_vote_method(method: str, dots: int) -> tuple[str, int]:
    if method not in VOTE_METHODS:
        raise ValidationError(f"Unknown vote method {method!r}; choose dots, ranking or agreement.")
    if isinstance(dots, bool) or not isinstance(dots, int) or not 1 <= dots <= MAX_DOTS:
        raise ValidationError(f"Dots per person must be a whole number from 1 to {MAX_DOTS}.")
    return method, dots


def check_unique(names: Iterable[str], what: str) -> list[str]:
    """Names stripped, none empty, none repeated (ignoring case); raises naming the repeated one."""
    seen: dict[str, str] = {}
    out = []
    for raw in names:
        name = " ".join((raw or "").split())
        if not name:
            raise ValidationError(f"An empty {what} can't be saved; please give it some words.")
        key = name.casefold()
        if key in seen:
            raise ValidationError(f"The {what} {name!r} is listed twice.")
        seen[key] = name
        out.append(name)
    return out


def check_ready_to_run(n_tables: int, n_rounds: int) -> None:
    if n_tables == 0:
        raise ValidationError("This café has no tables yet: add at least one on the Plan page.")
    if n_rounds == 0:
        raise ValidationError("This café has no rounds yet: add at least one question on the Plan page.")


def with_table_count(tables: list[tuple[int, str]], count: int) -> list[tuple[int, str]]:
    """`count` tables numbered 1..count, keeping the names the first ones had in `tables`."""
    names = [name for _, name in tables]
    return [(i + 1, names[i] if i < len(names) else "") for i in range(max(0, count))]


def validate_plan(plan: Plan, *, require_date: bool = True) -> Plan:
    """A cleaned copy of `plan`, or ValidationError with the first problem found."""
    title = clean_title(plan.title)
    date = parse_date(plan.date) if (plan.date or require_date) else ""
    numbers = [n for n, _ in plan.tables]
    if len(set(numbers)) != len(numbers):
        raise ValidationError("Two tables have the same number.")
    if len(plan.tables) > MAX_TABLES:
        raise ValidationError(f"{len(plan.tables)} tables is more than this app can seat ({MAX_TABLES} at most).")
    rounds = [RoundSpec(clean_prompt(r.prompt), tuple(f.strip() for f in r.follow_ups if f.strip()),
                        clean_minutes(r.minutes)) for r in plan.rounds]
    method, dots = clean_vote_method(plan.vote_method, plan.dots_per_person)
    return Plan(
        title=title, date=date, locality=clean_locality(plan.locality),
        tables=[(int(n), (name or "").strip()) for n, name in plan.tables], rounds=rounds,
        outcomes=check_unique(plan.outcomes, "outcome"), groups=check_unique(plan.groups, "group"),
        vote_method=method, dots_per_person=dots, themes=check_unique(plan.themes, "theme"),
    )


# --- templates as JSON -------------------------------------------------------------------------------------

_TEMPLATE_FIELDS = {"format", "version", "name", "title", "locality", "tables", "rounds", "outcomes", "groups",
                    "vote_method", "dots_per_person", "themes"}
_ROUND_FIELDS = {"prompt", "follow_ups", "minutes"}


def _expect(value, kind, where: str, what: str):
    if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
        shown = json.dumps(value, ensure_ascii=False)
        shown = shown if len(shown) <= 30 else shown[:27] + "…"
        raise ValidationError(f"In the template, {where!r} should be {what}, not {shown}.")
    return value


def _str_list(data: dict, key: str) -> list[str]:
    items = _expect(data.get(key, []), list, key, "a list of words")
    return [_expect(v, str, f"{key}[{i + 1}]", "some words in quotes") for i, v in enumerate(items)]


def template_from_json(text: str | bytes) -> tuple[str, Plan]:
    """Read a template file's contents; returns (template name, plan). Raises ValidationError naming the field."""
    try:
        data = json_input.loads(text)
    except ValueError:
        raise ValidationError("This file is not a readable template (it is not JSON Café Desk can read).") from None
    _expect(data, dict, "template", "an object with named fields")
    if data.get("format") != TEMPLATE_FORMAT:
        raise ValidationError("This file is not a Café Desk template (its 'format' field is missing or different).")
    version = data.get("version")
    if not isinstance(version, int) or version > TEMPLATE_VERSION:
        raise ValidationError("This template was made by a newer version of Café Desk; please update the app.")
    unknown = sorted(set(data) - _TEMPLATE_FIELDS)
    if unknown:
        raise ValidationError(f"In the template, the field {unknown[0]!r} is not one Café Desk knows.")
    name = _expect(data.get("name", ""), str, "name", "some words in quotes").strip() or "Untitled template"
    tables_raw = _expect(data.get("tables", []), list | int, "tables", "a number or a list of table names")
    if isinstance(tables_raw, int):
        if not 0 <= tables_raw <= MAX_TABLES:
            raise ValidationError(f"In the template, 'tables' should be between 0 and {MAX_TABLES}.")
        tables = [(i + 1, "") for i in range(tables_raw)]
    else:
        tables = [(i + 1, _expect(v, str, f"tables[{i + 1}]", "a table name in quotes"))
                  for i, v in enumerate(tables_raw)]
    rounds = []
    for i, raw in enumerate(_expect(data.get("rounds", []), list, "rounds", "a list of rounds")):
        where = f"rounds[{i + 1}]"
        _expect(raw, dict, where, "a round with a prompt and minutes")
        extra = sorted(set(raw) - _ROUND_FIELDS)
        if extra:
            raise ValidationError(f"In the template, the field '{where}.{extra[0]}' is not one Café Desk knows.")
        prompt = _expect(raw.get("prompt", ""), str, f"{where}.prompt", "a question in quotes")
        minutes = _expect(raw.get("minutes", 20), int | float, f"{where}.minutes", "a number of minutes")
        follow = []
        if "follow_ups" in raw:
            follow = [_expect(v, str, f"{where}.follow_ups[{j + 1}]", "some words in quotes")
                      for j, v in enumerate(_expect(raw["follow_ups"], list, f"{where}.follow_ups", "a list"))]
        rounds.append(RoundSpec(prompt, tuple(follow), minutes))
    plan = Plan(
        title=_expect(data.get("title", name), str, "title", "some words in quotes"),
        date="",
        locality=_expect(data.get("locality", ""), str, "locality", "a town or area in quotes"),
        tables=tables, rounds=rounds,
        outcomes=_str_list(data, "outcomes"),
        groups=_str_list(data, "groups") if "groups" in data else Plan().groups,
        vote_method=_expect(data.get("vote_method", "dots"), str, "vote_method", "dots, ranking or agreement"),
        dots_per_person=_expect(data.get("dots_per_person", 3), int, "dots_per_person", "a whole number"),
        themes=_str_list(data, "themes"),
    )
    return name, validate_plan(plan, require_date=False) if plan.title.strip() else plan


def template_to_json(name: str, plan: Plan) -> str:
    data = {
        "format": TEMPLATE_FORMAT,
        "version": TEMPLATE_VERSION,
        "name": name,
        "title": plan.title,
        "locality": plan.locality,
        "tables": [tname for _, tname in plan.tables] if any(t for _, t in plan.tables) else len(plan.tables),
        "rounds": [{"prompt": r.prompt, "follow_ups": list(r.follow_ups), "minutes": r.minutes} for r in plan.rounds],
        "outcomes": list(plan.outcomes),
        "groups": list(plan.groups),
        "vote_method": plan.vote_method,
        "dots_per_person": plan.dots_per_person,
        "themes": list(plan.themes),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
