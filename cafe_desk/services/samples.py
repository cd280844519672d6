"""Sample cafés for trying the central desk: twelve cafés made on a laptop of their own (a temporary data folder),
exported as a facilitator would (anonymised, signed, encrypted to a key made for them) and imported here through the
real importer. The desk remembers which cafés are samples, leaves them out of reports and data files unless asked,
and removes them all in one step."""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from cafe_desk.core import sample_content as content
from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import Cancelled, UserError
from cafe_desk.services.base import ServiceBase
from cafe_desk.storage.rows import new_id, utc_now

SAMPLES_KEY = "central.sample_cafes"  # JSON list of the sample cafés' ids at this desk
THEMES_KEY = "central.sample_themes"  # JSON list of the codebook themes made for them (an empty codebook only)
CHANGED = Changes(cafes=True, notes=True, themes=True)


def sample_cafe_ids(store) -> frozenset[str]:
    """The sample cafés held in `store` (inside a read or a transaction)."""
    return frozenset(json.loads(store.get_state(SAMPLES_KEY) or "[]"))


class SampleService(ServiceBase):
    """`services.samples`: add the sample cafés, say which cafés are samples, remove them."""

    def __init__(self, services):
        super().__init__(services.store)
        self.services = services

    def ids(self) -> frozenset[str]:
        """The sample cafés held at this desk."""
        with self.store.read():
            return sample_cafe_ids(self.store)

    def add(self, progress: Callable[[int, int], None] = lambda done, total: None,
            cancelled: Callable[[], bool] = lambda: False) -> tuple[int, Changes]:
        """Make, export and import the sample cafés (off the GUI thread: on a registry of its own). Returns how many
        are held. Cancel, or any failure, leaves the desk as it was."""
        import pyrage

        from cafe_desk.services import Services

        if len(self.ids()) >= len(content.PLACES):
            return len(self.ids()), Changes()
        if self.ids():  # an earlier run stopped half-way (the laptop was switched off, say): start again
            self._remove(sorted(self.ids()))
        total = 2 * len(content.PLACES)
        identity = pyrage.x25519.Identity.generate()
        bundles: list[bytes] = []
        with tempfile.TemporaryDirectory(prefix="cafe-desk-samples-") as folder, \
                Services.open(Path(folder) / "cafe-desk.db") as laptop:
            for number, place in enumerate(content.PLACES):
                if cancelled():
                    raise Cancelled("The sample cafés were not added.")
                progress(number, total)
                cafe_id = make_sample_cafe(laptop, place, random.Random(number))
                themes = [theme.name for theme in laptop.notes.themes(cafe_id)]
                data, _ = laptop.exporting.export_cafe(cafe_id, [str(identity.to_public())], record=False)
                bundles.append(data)
        imported: list[str] = []
        try:
            self._start_codebook(themes)
            for number, data in enumerate(bundles, len(bundles)):
                if cancelled():
                    raise Cancelled("The sample cafés were not added.")
                progress(number, total)
                imported.append(self.services.importing.import_bundle(data, [identity]).cafe_id)
                with self.store.transaction():  # known as a sample at once: a crash now leaves it removable
                    self.store.set_state(SAMPLES_KEY, json.dumps(imported))
            with self.store.transaction():
                self.store.audit(None, "add", "samples", None, cafes=len(imported))
        except BaseException:
            self._remove(imported)
            raise
        progress(total, total)
        return len(imported), CHANGED

    def remove(self) -> tuple[int, Changes]:
        """Remove every sample café (their items, codings and shortlist entries) in one transaction."""
        ids = sorted(self.ids())
        if not ids:
            raise UserError("There are no sample cafés to remove.")
        self._remove(ids)
        return len(ids), CHANGED

    def _start_codebook(self, names: list[str]) -> None:
        """On an empty codebook, the samples' own theme names become its themes, so their items arrive coded (the
        importer codes an item whose café tagged it with a theme of the same name); removed with the samples."""
        with self.store.transaction():
            if self.store.code_themes():
                return
            made = []
            for name in names:
                theme_id = new_id()
                self.store.insert_code_theme(theme_id, name, "", utc_now())
                made.append(theme_id)
            self.store.set_state(THEMES_KEY, json.dumps(made))

    def _remove(self, ids: list[str]) -> None:
        with self.store.transaction():
            for cafe_id in ids:
                if self.store.get_cafe(cafe_id) is not None:
                    self.store.unindex_cafe_notes(cafe_id)
                    self.store.delete_cafe(cafe_id)
            counts = {theme.id: theme.count for theme in self.store.code_themes()}
            for theme_id in json.loads(self.store.get_state(THEMES_KEY) or "[]"):
                if counts.get(theme_id) == 0:  # a theme coding none of the analyst's own items
                    self.store.delete_code_theme(theme_id)
            self.store.set_state(THEMES_KEY, "[]")
            self.store.set_state(SAMPLES_KEY, "[]")
            if ids:
                self.store.audit(None, "remove", "samples", None, cafes=len(ids))


SEAT_WEIGHTS = (3, 1.5, 3, 1)  # lived experience and practitioners come in the greatest numbers


def _seated(groups: list, people: int, rng: random.Random) -> dict[str, int]:
    """`people` at one table spread over the groups (in the plan's order, weighted by SEAT_WEIGHTS)."""
    weights = [SEAT_WEIGHTS[n] if n < len(SEAT_WEIGHTS) else 1 for n in range(len(groups))]
    counts = dict.fromkeys((g.id for g in groups), 0)
    for group in rng.choices(groups, weights, k=people):
        counts[group.id] += 1
    return counts


def make_sample_cafe(laptop, place: content.SamplePlace, rng: random.Random) -> str:
    """One sample café on `laptop` (a registry on a data file of its own), closed, with points, summaries, attendance,
    paper votes and phone comments; returns its id."""
    plan = laptop.templates.built_in()[0].plan
    plan.title, plan.date, plan.locality = place.title, place.date, place.locality
    cafe, _ = laptop.planning.create(plan)
    items = {entity: laptop.planning.items(cafe.id, entity) for entity in ("table", "round", "outcome", "group")}
    tables, rounds, outcomes, groups = (items[e] for e in ("table", "round", "outcome", "group"))
    tables = tables[:rng.randint(3, len(tables))]
    themes = laptop.notes.themes(cafe.id)
    for table in tables:
        for number, rnd in enumerate(rounds):
            for text in rng.sample(content.POINTS[number], rng.randint(3, 6)):
                point = rng.choice(content.OPENINGS) + text + rng.choice(content.ENDINGS)
                laptop.notes.add(cafe.id, table.id, rnd.id, point, is_quote=rng.random() < 0.15,
                                 outcome_ids=[rng.choice(outcomes).id] if rng.random() < 0.6 else [],
                                 theme_ids=[rng.choice(themes).id] if rng.random() < 0.5 else [])
            laptop.notes.set_summary(cafe.id, table.id, rnd.id, content.SUMMARIES[number])
            laptop.notes.set_attendances(cafe.id, table.id, rnd.id, _seated(groups, rng.randint(6, 10), rng))
        people = sum(rng.randint(6, 10) for _round in rounds) // max(len(rounds), 1)
        dots = dict.fromkeys((outcome.id for outcome in outcomes), 0)
        for _dot in range(people * cafe.dots_per_person * 3 // 4):
            dots[rng.choice(outcomes[: rng.randint(2, len(outcomes))]).id] += 1  # the first outcomes win more often
        for outcome_id, count in dots.items():
            laptop.votes.set_tally(cafe.id, outcome_id, count, table_id=table.id)
    for text in rng.sample(content.COMMENTS, rng.randint(2, 5)):
        laptop.comments.submit(cafe.id, text, consent=True, round_id=rng.choice(rounds).id,
                               group_id=rng.choice(groups).id)
    laptop.cafes.close(cafe.id)
    return cafe.id
