"""Planning a café: creating it from a plan, and editing its details, tables, rounds, outcomes, groups and themes
(with the themes of a codebook file).

Every edit returns `Changes`; removals return the removed item so an undo can put it back.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from cafe_desk.core import codebook
from cafe_desk.core import plan as rules
from cafe_desk.core.changes import Changes
from cafe_desk.core.counts import Counts
from cafe_desk.core.errors import UserError, ValidationError
from cafe_desk.core.model import Cafe, Group, Outcome, Plan, Round, RoundSpec, Table, Theme
from cafe_desk.services.base import ServiceBase
from cafe_desk.storage.rows import new_id, new_short_code, utc_now

PLAN_CHANGED = Changes(plan=True, cafes=True)
#: votes counted one way can't be read another way (dots as ranks, say), nor sent to the central team that way
VOTES_IN = ("Votes are already in for this café, so the way of voting can't change now: the votes cast would no "
            "longer mean what people meant. Keep this way of voting for this café.")
ORDERED = {"round": "number", "outcome": "position", "group": "position"}
NAMED = {"outcome": ("title", "outcome"), "group": ("name", "group"), "theme": ("name", "theme")}


class PlanningService(ServiceBase):
    # --- whole cafés ----------------------------------------------------------------------------------------------

    def create(self, plan: Plan) -> tuple[Cafe, Changes]:
        """A new café from a plan (validated first; nothing is written if any rule fails)."""
        plan = rules.validate_plan(plan)
        now = utc_now()
        s = self.store
        with s.transaction():
            code = new_short_code()
            while s.short_code_taken(code):
                code = new_short_code()
            cafe = Cafe(new_id(), code, plan.title, plan.date, plan.locality, plan.vote_method,
                        plan.dots_per_person, "planning", now, now)
            s.insert_cafe(cafe)
            s.update_cafe(cafe.id, voting_open=0)  # phones can't vote until the facilitator opens voting
            for number, name in plan.tables:
                s.insert_item("table", Table(new_id(), cafe.id, number, name))
            for i, r in enumerate(plan.rounds, 1):
                s.insert_item("round", Round(new_id(), cafe.id, i, r.prompt, r.follow_ups, round(r.minutes * 60)))
            for i, title in enumerate(plan.outcomes, 1):
                s.insert_item("outcome", Outcome(new_id(), cafe.id, i, title))
            for i, name in enumerate(plan.groups, 1):
                s.insert_item("group", Group(new_id(), cafe.id, i, name))
            for name in plan.themes:
                s.insert_item("theme", Theme(new_id(), cafe.id, name))
            s.audit(cafe.id, "create", "cafe", cafe.id, title=cafe.title)
        return cafe, PLAN_CHANGED

    def plan_of(self, cafe_id: str) -> Plan:
        """The café's plan as a value (what a template saves)."""
        cafe = self.cafe(cafe_id)
        with self.store.read():
            items = {e: self.store.list_items(e, cafe.id) for e in ("table", "round", "outcome", "group", "theme")}
        return Plan(
            title=cafe.title, date=cafe.date, locality=cafe.locality,
            tables=[(t.number, t.name) for t in items["table"]],
            rounds=[RoundSpec(r.prompt, r.follow_ups, r.duration_s / 60) for r in items["round"]],
            outcomes=[o.title for o in items["outcome"]], groups=[g.name for g in items["group"]],
            vote_method=cafe.vote_method, dots_per_person=cafe.dots_per_person,
            themes=[t.name for t in items["theme"]],
        )

    def items(self, cafe_id: str, entity: str) -> list:
        """The café's tables, rounds, outcomes, groups or themes (`entity`), in order."""
        with self.store.read():
            return self.store.list_items(entity, cafe_id)

    def update_details(self, cafe_id: str, **fields) -> Changes:
        """Change title, date, locality, vote_method or dots_per_person; each checked by the planning rules."""
        cafe = self.writable(cafe_id)
        clean = {}
        for key, value in fields.items():
            if key == "title":
                clean[key] = rules.clean_title(value)
            elif key == "date":
                clean[key] = rules.parse_date(value)
            elif key == "locality":
                clean[key] = rules.clean_locality(value)
            elif key in ("vote_method", "dots_per_person"):
                method, dots = rules.clean_vote_method(fields.get("vote_method", cafe.vote_method),
                                                       fields.get("dots_per_person", cafe.dots_per_person))
                clean.update(vote_method=method, dots_per_person=dots)
            else:
                raise ValueError(f"not a café detail: {key}")
        clean = {k: v for k, v in clean.items() if getattr(cafe, k) != v}
        if not clean:
            return Changes()
        with self.store.transaction():
            if "vote_method" in clean and self._has_votes(cafe.id):
                raise ValidationError(VOTES_IN)
            self.store.update_cafe(cafe.id, **clean, updated_at=utc_now())
            self.store.audit(cafe.id, "edit", "cafe", cafe.id, before={k: getattr(cafe, k) for k in clean},
                             after=clean)
        return PLAN_CHANGED

    def _has_votes(self, cafe_id: str) -> bool:
        """Whether any vote is in for the café: a paper count above nought or a phone ballot."""
        return any(t.count for t in self.store.list_tallies(cafe_id)) or bool(self.store.list_ballots(cafe_id))

    # --- tables, rounds, outcomes, groups, themes -------------------------------------------------------------------

    def add_table(self, cafe_id: str, name: str = "") -> tuple[Table, Changes]:
        """Add a table after the last one."""
        cafe = self.writable(cafe_id)
        numbers = [t.number for t in self.items(cafe.id, "table")]
        table = Table(new_id(), cafe.id, max(numbers, default=0) + 1, name.strip())
        return table, self._insert("table", table)

    def add_round(self, cafe_id: str, prompt: str, minutes: float = 20,
                  follow_ups: tuple[str, ...] = ()) -> tuple[Round, Changes]:
        """Add a round after the last one; ValidationError if its question is empty or its minutes out of range."""
        cafe = self.writable(cafe_id)
        n = len(self.items(cafe.id, "round"))
        rnd = Round(new_id(), cafe.id, n + 1, rules.clean_prompt(prompt),
                    tuple(f.strip() for f in follow_ups if f.strip()), round(rules.clean_minutes(minutes) * 60))
        return rnd, self._insert("round", rnd)

    def add_outcome(self, cafe_id: str, title: str) -> tuple[Outcome, Changes]:
        """Add an outcome to vote on; ValidationError if its title is empty or taken."""
        cafe = self.writable(cafe_id)
        existing = self.items(cafe.id, "outcome")
        outcome = Outcome(new_id(), cafe.id, len(existing) + 1, title)
        outcome = self._named(outcome, existing)
        return outcome, self._insert("outcome", outcome)

    def add_group(self, cafe_id: str, name: str) -> tuple[Group, Changes]:
        """Add a group people can say they belong to; ValidationError if the name is taken."""
        cafe = self.writable(cafe_id)
        existing = self.items(cafe.id, "group")
        group = self._named(Group(new_id(), cafe.id, len(existing) + 1, name), existing)
        return group, self._insert("group", group)

    def add_theme(self, cafe_id: str, name: str, description: str = "") -> tuple[Theme, Changes]:
        """Add a theme for tagging notes; ValidationError if the name is empty or taken."""
        cafe = self.writable(cafe_id)
        theme = self._named(Theme(new_id(), cafe.id, name, description.strip()), self.items(cafe.id, "theme"))
        return theme, self._insert("theme", theme)

    def add_themes(self, cafe_id: str, themes: list[tuple[str, str]]) -> tuple[list[Theme], Changes]:
        """Add (name, description) themes in one step, skipping names the café already has; returns those added."""
        cafe = self.writable(cafe_id)
        have = {t.name.casefold() for t in self.items(cafe.id, "theme")}
        added = [Theme(new_id(), cafe.id, name, description) for name, description in themes
                 if name.casefold() not in have]
        if not added:
            return [], Changes()
        with self.store.transaction():
            for theme in added:
                self.store.insert_item("theme", theme)
                self.store.audit(cafe.id, "add", "theme", theme.id, item=dataclasses.asdict(theme))
        return added, Changes(themes=True)

    def remove_themes(self, theme_ids: list[str]) -> Changes:
        """Take themes away again as one all-or-nothing write (the undo of `add_themes`)."""
        with self.store.read():
            themes = [t for t in (self.store.get_item("theme", i) for i in theme_ids) if t is not None]
        for cafe_id in {t.cafe_id for t in themes}:
            self.writable(cafe_id)
        if not themes:
            return Changes()
        with self.store.transaction():
            for theme in themes:
                self.store.delete_item("theme", theme.id)
                self.store.audit(theme.cafe_id, "remove", "theme", theme.id, before=dataclasses.asdict(theme))
        return Changes(themes=True)

    @staticmethod
    def read_codebook(path: str | Path) -> list[tuple[str, str]]:
        """The (name, description) themes in a codebook file; UserError with one plain line if it can't be used."""
        try:
            with open(path, "rb") as f:
                data = f.read(codebook.MAX_BYTES + 1)  # one byte over is enough to tell it is too large
        except OSError:
            raise UserError(codebook.unreadable(Path(path).name)) from None
        return codebook.parse_codebook(data)

    def update_item(self, entity: str, item) -> Changes:
        """Save an edited table, round, outcome, group or theme (checked as when it was added)."""
        self.writable(item.cafe_id)
        with self.store.read():
            before = self.store.get_item(entity, item.id)
        if before is None:
            raise ValidationError("That item was removed in the meantime; nothing was changed.")
        if entity == "round":
            item = dataclasses.replace(item, prompt=rules.clean_prompt(item.prompt),
                                       duration_s=round(rules.clean_minutes(item.duration_s / 60) * 60))
        elif entity in NAMED:
            others = [o for o in self.items(item.cafe_id, entity) if o.id != item.id]
            item = self._named(item, others)
        if item == before:
            return Changes()
        with self.store.transaction():
            self.store.update_item(entity, item)
            self.store.audit(item.cafe_id, "edit", entity, item.id, before=dataclasses.asdict(before),
                             after=dataclasses.asdict(item))
        return self._changed(entity)

    def remove_item(self, entity: str, item_id: str):
        """Remove an item; returns (the removed item, Changes). A table or round with points, summaries or comments
        is kept."""
        with self.store.read():
            item = self.store.get_item(entity, item_id)
        if item is None:
            return None, Changes()
        self.writable(item.cafe_id)
        if entity in ("table", "round"):
            kw = {"table_id": item_id} if entity == "table" else {"round_id": item_id}
            with self.store.read():
                held = Counts.of_notes(self.store.list_notes(item.cafe_id, **kw))
                if held.total:
                    raise ValidationError(f"{item.label} has {held.phrase(always=())}, so it can't be removed.")
        with self.store.transaction():
            self.store.delete_item(entity, item_id)
            self._renumber(entity, item.cafe_id, None)
            self.store.audit(item.cafe_id, "remove", entity, item_id, before=dataclasses.asdict(item))
        return item, self._changed(entity)

    def restore_item(self, entity: str, item) -> Changes:
        """Put back an item removed by `remove_item` (undo), in its old place."""
        self.writable(item.cafe_id)
        with self.store.transaction():
            self.store.insert_item(entity, item)
            self._renumber(entity, item.cafe_id, item.id)
            self.store.audit(item.cafe_id, "restore", entity, item.id)
        return self._changed(entity)

    def move_item(self, entity: str, item_id: str, delta: int) -> Changes:
        """Move a round, outcome or group up (delta < 0) or down in the plan's order."""
        with self.store.read():
            item = self.store.get_item(entity, item_id)
        if item is None:
            return Changes()
        self.writable(item.cafe_id)
        ids = [i.id for i in self.items(item.cafe_id, entity)]
        old = ids.index(item_id)
        new = max(0, min(len(ids) - 1, old + delta))
        if new == old:
            return Changes()
        ids.insert(new, ids.pop(old))
        with self.store.transaction():
            self._write_order(entity, ids)
            self.store.audit(item.cafe_id, "move", entity, item_id, position=new + 1)
        return self._changed(entity)

    # --- helpers --------------------------------------------------------------------------------------------------

    def _insert(self, entity: str, item) -> Changes:
        with self.store.transaction():
            self.store.insert_item(entity, item)
            self.store.audit(item.cafe_id, "add", entity, item.id, item=dataclasses.asdict(item))
        return self._changed(entity)

    @staticmethod
    def _changed(entity: str) -> Changes:
        return Changes(themes=True) if entity == "theme" else PLAN_CHANGED

    @staticmethod
    def _named(item, others):
        field, what = NAMED[type(item).__name__.lower()]
        name = rules.check_unique([getattr(item, field)], what)[0]
        if any(getattr(o, field).casefold() == name.casefold() for o in others):
            raise ValidationError(f"The {what} {name!r} is already in this café.")
        return dataclasses.replace(item, **{field: name})

    def _renumber(self, entity: str, cafe_id: str, first_on_tie: str | None) -> None:
        if entity not in ORDERED:
            return
        field = ORDERED[entity]
        items = self.store.list_items(entity, cafe_id)
        items.sort(key=lambda i: (getattr(i, field), i.id != first_on_tie))
        self._write_order(entity, [i.id for i in items])

    def _write_order(self, entity: str, ids: list[str]) -> None:
        field = ORDERED[entity]
        for pos, item_id in enumerate(ids, 1):
            item = self.store.get_item(entity, item_id)
            if getattr(item, field) != pos:
                self.store.update_item(entity, dataclasses.replace(item, **{field: pos}))
