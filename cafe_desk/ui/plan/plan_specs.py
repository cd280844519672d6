"""The kinds of item a café's plan lists (tables, rounds, outcomes, groups, themes): their columns and fields."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

COL_TABLE_NUMBER, COL_TABLE_NAME = range(2)
COL_ROUND_NUMBER, COL_ROUND_PROMPT, COL_ROUND_FOLLOW_UPS, COL_ROUND_MINUTES = range(4)
COL_OUTCOME_NUMBER, COL_OUTCOME_TITLE = range(2)
COL_GROUP_NUMBER, COL_GROUP_NAME = range(2)
COL_THEME_NAME, COL_THEME_DESCRIPTION = range(2)


def _minutes(seconds: int) -> str:
    minutes = seconds / 60
    return f"{minutes:g} min"


@dataclass(frozen=True)
class Field:
    """One input of the item editor: `key` names the value in the editor's dict."""

    key: str
    label: str
    kind: str = "line"  # "line", "lines" (one entry per line) or "minutes"
    hint: str = ""


@dataclass(frozen=True)
class ItemSpec:
    """How one kind of plan item is shown and edited."""

    entity: str  # the planning service's name: "table", "round", "outcome", "group", "theme"
    noun: str  # for buttons and messages: "table", "round", …
    headers: tuple[str, ...]
    cells: Callable[[object], tuple[str, ...]]  # the item's cells, in COL_* order
    fields: tuple[Field, ...]
    values: Callable[[object], dict]  # the editor's values for an existing item
    apply: Callable[[object, dict], object]  # the item with the editor's values applied
    orderable: bool = False
    stretch: tuple[int, ...] = (1,)  # the columns that share the spare width


TABLES = ItemSpec(
    "table", "table", ("Table", "Name"),
    lambda t: (str(t.number), t.name),
    (Field("name", "&Name (optional)", hint="e.g. By the window"),),
    lambda t: {"name": t.name},
    lambda t, v: dataclasses.replace(t, name=v["name"].strip()),
)
ROUNDS = ItemSpec(
    "round", "round", ("Round", "Question", "Follow-up prompts", "Length"),
    lambda r: (str(r.number), r.prompt, "\n".join(r.follow_ups), _minutes(r.duration_s)),
    (Field("prompt", "&Question", hint="The question every table talks about"),
     Field("follow_ups", "&Follow-up prompts", "lines", "One per line (optional)"),
     Field("minutes", "&Minutes", "minutes")),
    lambda r: {"prompt": r.prompt, "follow_ups": list(r.follow_ups), "minutes": round(r.duration_s / 60)},
    lambda r, v: dataclasses.replace(r, prompt=v["prompt"], follow_ups=tuple(v["follow_ups"]),
                                     duration_s=v["minutes"] * 60),
    orderable=True, stretch=(COL_ROUND_PROMPT, COL_ROUND_FOLLOW_UPS),
)
OUTCOMES = ItemSpec(
    "outcome", "outcome", ("No.", "Outcome"),
    lambda o: (str(o.position), o.title),
    (Field("title", "&Outcome", hint="Something people can vote for"),),
    lambda o: {"title": o.title},
    lambda o, v: dataclasses.replace(o, title=v["title"]),
    orderable=True,
)
GROUPS = ItemSpec(
    "group", "group", ("No.", "Participant group"),
    lambda g: (str(g.position), g.name),
    (Field("name", "&Group", hint="e.g. Lived experience"),),
    lambda g: {"name": g.name},
    lambda g, v: dataclasses.replace(g, name=v["name"]),
    orderable=True,
)
THEMES = ItemSpec(
    "theme", "theme", ("Theme", "Description"),
    lambda t: (t.name, t.description),
    (Field("name", "&Theme"), Field("description", "&Description", hint="What belongs here (optional)")),
    lambda t: {"name": t.name, "description": t.description},
    lambda t, v: dataclasses.replace(t, name=v["name"], description=v["description"].strip()),
    stretch=(COL_THEME_DESCRIPTION,),
)
SPECS = {s.entity: s for s in (TABLES, ROUNDS, OUTCOMES, GROUPS, THEMES)}
