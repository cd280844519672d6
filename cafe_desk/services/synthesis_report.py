"""The national synthesis report: gathers one snapshot of the imported cafés (their items counted by the database and
only the shortlisted ones read, so memory does not grow with the items) and has reports/ lay it out as a PDF or an
editable Word document, written beside the target and moved into place only when whole.

What the filters do: the café, town or area and dates choose which cafés are in the report (their votes, people and
appendix pages); the search, group, question, outcome, source, theme, quotes and shortlist filters narrow the items
counted and quoted. Every filter in force is named on the cover and in the method.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from cafe_desk import platforms
from cafe_desk.core.ballots import people_recorded
from cafe_desk.core.cafe_profile import people_by_group
from cafe_desk.core.counts import counted
from cafe_desk.core.errors import Cancelled, NotFoundError, UserError
from cafe_desk.core.signers import KNOWN, REVOKED
from cafe_desk.core.small_counts import hidden_counts
from cafe_desk.core.synthesis import CentralCafe, SynthesisFilter
from cafe_desk.core.vote_synthesis import synthesise
from cafe_desk.reports.synthesis_snapshot import (
    REVOKED_KEY,
    SIGNED,
    SOURCE_WORDS,
    UNLISTED_KEY,
    UNSIGNED,
    CafeFacts,
    GroupPeople,
    Quote,
    SynthesisSnapshot,
    ThemeSection,
)
from cafe_desk.services.base import ServiceBase
from cafe_desk.services.files import write_beside
from cafe_desk.services.synthesis import A_SAMPLE, ONLY_SAMPLES

Progress = Callable[[int, int], None]
Check = Callable[[], bool]

FORMATS = {".pdf": "pdf", ".docx": "docx"}
TITLE = "National synthesis of the conversation cafés"
AUTHOR = "Café Desk central team"
LANGUAGE = "en-GB"
MAX_QUOTES = 12  # quotes under one theme (the rest are counted)
MAX_SUMMARIES = 3  # table summaries on a café's page (its one page holds no more)
TOP_OUTCOMES = 5  # outcomes on a café's page
TOP_THEMES = 5  # themes on a café's page
STEP = 500  # items between cancel checks
CANCELLED = "Report cancelled; nothing was written."
SOURCE_NAMES = {"note-taker": "points and summaries", "participant": "comments from phones",
                "paper": "paper comments"}


def _never() -> bool:
    return False


def _quiet(done: int, total: int) -> None:
    pass


@dataclass(frozen=True)
class ReportWritten:
    """A report written: where, and how many cafés and items it covers."""

    path: Path
    cafes: int
    items: int

    def phrase(self) -> str:
        """"12 cafés, 3,400 items"."""
        return f"{counted(self.cafes, 'café')}, {counted(self.items, 'item')}"


def report_format(path: str | Path) -> str:
    """"pdf" or "docx" from the file name; UserError otherwise."""
    kind = FORMATS.get(Path(path).suffix.lower())
    if kind is None:
        raise UserError(f"Give the report a file name ending in .pdf or .docx (not {Path(path).name}).")
    return kind


class SynthesisReportService(ServiceBase):
    """The synthesis report over imported cafés: `services.synthesis_report`."""

    def __init__(self, services):
        super().__init__(services.store)
        self.services = services

    # --- choosing the cafés ---------------------------------------------------------------------------------------

    def chosen_cafes(self, f: SynthesisFilter = SynthesisFilter(), cafe_keys: Iterable[str] = (),
                     include_samples: bool = False) -> list[CentralCafe]:
        """The imported cafés the report covers: those named in `cafe_keys` (id or short code; none: every one),
        narrowed by the filter's café, town or area and dates, the sample cafés left out unless `include_samples`.
        NotFoundError for a key that names no imported café; UserError when nothing is imported, or nothing is
        left."""
        every = self.services.synthesis.cafes()
        if not every:
            raise UserError("No cafés have been imported yet, so there is nothing to report. Import café files "
                            "first (`cafe-desk import`).")
        cafes = every if include_samples else self.services.synthesis.without_samples().cafes()
        if not cafes:
            raise UserError(ONLY_SAMPLES)
        wanted = set()
        held = {c.id for c in cafes}
        for key in cafe_keys:
            match = next((c for c in every if key.strip() in (c.id, c.short_code) or
                          key.strip().upper() == c.short_code), None)
            if match is not None and match.id not in held:
                raise UserError(A_SAMPLE)
            if match is None:
                raise NotFoundError(f"There is no imported café {key!r} here. `cafe-desk cafes` lists them.")
            wanted.add(match.id)
        if f.cafe_id and f.cafe_id not in held and any(c.id == f.cafe_id for c in every):
            raise UserError(A_SAMPLE)
        chosen = [c for c in cafes if (not wanted or c.id in wanted) and f.takes_cafe(c)]
        if not chosen:
            raise UserError("No imported café matches those filters, so there is nothing to report.")
        return sorted(chosen, key=lambda c: (c.date, c.title.casefold()))

    # --- the snapshot ---------------------------------------------------------------------------------------------

    def snapshot(self, f: SynthesisFilter = SynthesisFilter(), cafe_keys: Iterable[str] = (),
                 progress: Progress = _quiet, cancelled: Check = _never,
                 include_samples: bool = False) -> SynthesisSnapshot:
        """Everything the report shows, for the cafés chosen and the items the filter finds. Raises Cancelled
        once `cancelled()` says so, UserError (see `chosen_cafes`) when there is nothing to report."""
        cafes = self.chosen_cafes(f, cafe_keys, include_samples)
        syn = self.services.synthesis
        themes = syn.themes()
        theme_names = {t.id: t.name for t in themes}
        samples = len({c.id for c in cafes} & self.services.samples.ids()) if include_samples else 0
        said = self.describe(f, cafes, cafe_keys, theme_names)
        made_up = ""  # on the cover and in the method: made-up cafés never pass for real ones
        if samples:
            made_up = (f"This report includes {samples} sample café{'s' if samples != 1 else ''}, made up for trying "
                       "Café Desk: they are not real cafés.")
        snap = SynthesisSnapshot(TITLE, dt.date.fromtimestamp(self.services.clock()).isoformat(), AUTHOR, LANGUAGE,
                                 filters=said, made_up=made_up)
        trust = self._trust()
        sections = {t.id: ThemeSection(t.name, t.description) for t in themes}
        chosen = {c.id for c in cafes}
        with self.store.read():
            counts = [r for r in self.store.report_item_counts(f) if r[0] in chosen]
            coded = [r for r in self.store.report_theme_counts(f) if r[1] in chosen and r[0] in sections]
            summaries = [r for r in self.store.report_summaries(f, MAX_SUMMARIES) if r[0] in chosen]
            piles = self.store.vote_piles(chosen)
            ballots = {k: v for k, v in self.store.ballot_titles().items() if k in chosen}
        by_cafe = defaultdict(list)
        for pile in piles:
            by_cafe[pile.cafe_id].append(pile)
        total = len(cafes) + 1
        for done, cafe in enumerate(cafes, start=1):
            if cancelled():
                raise Cancelled(CANCELLED)
            facts = CafeFacts(cafe.id, cafe.title, cafe.date, cafe.locality, trust.get(cafe.id, UNSIGNED))
            self._people(facts)
            facts.top_outcomes = tuple(synthesise(by_cafe[cafe.id], {cafe.id: ballots.get(cafe.id, [])})
                                       [:TOP_OUTCOMES])
            snap.cafes.append(facts)
            progress(done, total)
        _count_items(snap.cafes, counts, summaries)
        _count_themes(snap.cafes, sections, coded)
        self._quotes(f, chosen, sections, snap, cancelled)
        snap.outcomes = synthesise(piles, ballots)
        snap.people = sum(c.people for c in snap.cafes)
        snap.groups = self._national_groups(snap.cafes)
        items: Counter[str] = Counter()
        for facts in snap.cafes:
            items.update(facts.items)
        snap.items = {label: items[label] for _key, label in SOURCE_WORDS}
        snap.themes = sorted((s for s in sections.values() if s.total), key=lambda s: (-s.total, s.name.casefold()))
        for section in snap.themes:
            section.per_cafe.sort(key=lambda pair: (-pair[1], pair[0].casefold()))
        return snap

    def _trust(self) -> dict[str, str]:
        found = {}
        for cafe in self.services.signers.cafes():
            if cafe.signer is None:
                found[cafe.cafe_id] = UNSIGNED
            else:
                found[cafe.cafe_id] = {KNOWN: SIGNED, REVOKED: REVOKED_KEY}.get(cafe.signer.state, UNLISTED_KEY)
        return found

    def _people(self, facts: CafeFacts) -> None:
        """The café's headcount and its people by group: the busiest round's counts over every table where its
        file gave them (hidden where it held one back), else each group's busiest round at the tables. A group the
        café's file held back somewhere, or whose count is small or would give a small one back, reads as hidden."""
        with self.store.read():
            attendance = self.store.list_attendance(facts.id)
            totals = self.store.list_table_totals(facts.id)
            groups = self.store.list_items("group", facts.id)
            rounds = self.store.list_items("round", facts.id)
            round_groups = self.store.list_round_groups(facts.id)
        facts.people = people_recorded(attendance, totals)
        if round_groups:
            _busiest, shown = people_by_group(groups, rounds, attendance, totals, round_groups)
            if shown:
                facts.groups = tuple(GroupPeople(name, n) for name, n in sorted(shown, key=lambda p: p[0].casefold())
                                     if n is None or n > 0)
                return
        names = {g.id: g.name for g in groups}
        per_round: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        stored: dict[tuple[str, str], set[str]] = defaultdict(set)
        for row in attendance:
            per_round[row.group_id][row.round_id] += row.count
            stored[(row.table_id, row.round_id)].add(row.group_id)
        for total in totals:
            stored.setdefault((total.table_id, total.round_id), set())
        held_back = {names[g] for place in stored.values() for g in names if g not in place}
        counts = {names[g]: max(per_round[g].values(), default=0) for g in names}
        facts.groups = _suppressed(counts, facts.people, held_back)

    def _quotes(self, f: SynthesisFilter, chosen: set[str], sections: dict[str, ThemeSection],
                snap: SynthesisSnapshot, cancelled: Check) -> None:
        """The shortlisted items the filter finds, under each theme they carry (or among the others)."""
        shortlisted = dataclasses.replace(f, shortlisted_only=True)
        for n, item in enumerate(self.services.synthesis.iter_items(shortlisted), start=1):
            if n % STEP == 0 and cancelled():
                raise Cancelled(CANCELLED)
            if item.cafe_id not in chosen:
                continue
            quote = Quote(item.text, item.cafe_title, item.date, item.locality, item.source_label)
            for code in [c for c in item.codes if c in sections] or [None]:
                _keep_quote(sections[code] if code else None, quote, snap)

    @staticmethod
    def _national_groups(cafes: list[CafeFacts]) -> tuple[GroupPeople, ...]:
        """People by group over every café: the counts each café shows, added up, then small national counts hidden
        the same way. A group shown nowhere but held back somewhere reads as hidden; one nobody was in is left out."""
        counts: Counter[str] = Counter()
        held_back = set()
        for facts in cafes:
            for g in facts.groups:
                counts[g.group] += g.people or 0
                if g.people is None or g.at_least:
                    held_back.add(g.group)
        return _suppressed(dict(counts), sum(c.people for c in cafes), held_back)

    @staticmethod
    def describe(f: SynthesisFilter, cafes: list[CentralCafe], cafe_keys: Iterable[str],
                 theme_names: dict[str, str]) -> tuple[str, ...]:
        """The filters in force, one plain phrase each ("Town or area: Perth")."""
        said = []
        if list(cafe_keys) or f.cafe_id:
            said.append("Cafés chosen: " + "; ".join(c.title for c in cafes))
        for label, value in (("Search", f.text), ("Town or area", f.locality), ("From", f.date_from),
                             ("To", f.date_to), ("Group", f.group), ("Question", f.question),
                             ("Outcome", f.outcome), ("Theme", theme_names.get(f.theme_id, f.theme_id))):
            if value.strip():
                said.append(f"{label}: {value.strip()}")
        if f.sources:
            said.append("Only " + ", ".join(SOURCE_NAMES.get(s, s) for s in f.sources))
        if f.quotes_only:
            said.append("Only items marked as quotes")
        if f.shortlisted_only:
            said.append("Only shortlisted items")
        return tuple(said)

    # --- writing --------------------------------------------------------------------------------------------------

    def write(self, target: str | Path, f: SynthesisFilter = SynthesisFilter(), cafe_keys: Iterable[str] = (),
              progress: Progress = _quiet, cancelled: Check = _never, include_samples: bool = False) -> ReportWritten:
        """Write the report to `target` (.pdf or .docx, replacing a file there); what was written. Raises
        Cancelled when cancelled and UserError with one plain line for a bad name, a missing or read-only folder or
        nothing to report; either way nothing is left behind. Off the GUI thread: use a registry from
        `Services.open`."""
        target = Path(target)
        if target.is_dir():
            raise UserError(f"{target} is a folder; give a file name inside it.")
        kind = report_format(target)
        if not target.parent.is_dir():
            raise UserError(f"The folder {target.parent} does not exist, so the report was not written.")
        if not os.access(target.parent, os.W_OK):
            raise UserError(f"Café Desk may not write in {target.parent}, so the report was not written.")
        snap = self.snapshot(f, cafe_keys, progress, cancelled, include_samples)
        if kind == "pdf":
            from cafe_desk.reports.synthesis_pdf import synthesis_pdf as render
        else:
            from cafe_desk.reports.synthesis_docx import synthesis_docx as render

        def step(done: int, total: int) -> None:
            if cancelled():
                raise Cancelled(CANCELLED)
            progress(len(snap.cafes) + done, len(snap.cafes) + total)

        data = render(snap, step)
        if cancelled():
            raise Cancelled(CANCELLED)
        try:
            temp = write_beside(target, data)
        except OSError as exc:
            raise UserError(f"The report could not be written in {target.parent} "
                            f"({exc.strerror or 'the disk said no'}); nothing was saved.") from None
        try:
            platforms.finishing()
            platforms.replace_file(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return ReportWritten(target, len(snap.cafes), snap.item_total)


def _suppressed(counts: dict[str, int], total: int, held_back: set[str] = frozenset()) -> tuple[GroupPeople, ...]:
    """People by group beside a shown total: `counts` are what the cafés' files show, `held_back` the groups some of
    whose counts a file left out (so they read "at least", or hidden when nothing of them was shown). Small counts,
    and those that would give one back, are hidden; the people no shown count covers are a part never shown on its
    own. Groups with nobody in them and nothing held back are left out."""
    order = sorted(counts, key=str.casefold)
    rest = max(0, total - sum(counts.values()))
    hidden = hidden_counts({**{g: counts[g] for g in order}, "": rest}, never_shown={""})
    return tuple(GroupPeople(g, None if g in hidden or not counts[g] else counts[g], g in held_back)
                 for g in order if counts[g] or g in held_back)


def _count_items(cafes: list[CafeFacts], counts: list[tuple[str, str, str, int]],
                 summaries: list[tuple[str, str]]) -> None:
    """Each café's items by source (SOURCE_WORDS' labels), its first summaries and how many more it has."""
    labels = dict(SOURCE_WORDS)
    per_cafe: dict[str, Counter[str]] = defaultdict(Counter)
    for cafe_id, source, kind, n in counts:
        kind = kind if source == "note-taker" else "point"
        per_cafe[cafe_id][labels.get((source, kind), labels[("note-taker", "point")])] += n
    kept = defaultdict(list)
    for cafe_id, text in summaries:
        kept[cafe_id].append(text)
    summary_label = labels[("note-taker", "summary")]
    for facts in cafes:
        facts.items = {label: per_cafe[facts.id][label] for _key, label in SOURCE_WORDS}
        facts.summaries = tuple(kept[facts.id])
        facts.more_summaries = facts.items[summary_label] - len(facts.summaries)


def _count_themes(cafes: list[CafeFacts], sections: dict[str, ThemeSection],
                  coded: list[tuple[str, str, int]]) -> None:
    """Each theme's items in all and per café; each café's themes, most first."""
    titles = {c.id: c.title for c in cafes}
    per_cafe: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for theme_id, cafe_id, n in coded:
        sections[theme_id].total += n
        sections[theme_id].per_cafe.append((titles[cafe_id], n))
        per_cafe[cafe_id].append((sections[theme_id].name, n))
    for facts in cafes:
        facts.themes = tuple(sorted(per_cafe[facts.id], key=lambda p: (-p[1], p[0].casefold()))[:TOP_THEMES])


def _keep_quote(section: ThemeSection | None, quote: Quote, snap: SynthesisSnapshot) -> None:
    if section is None:
        if len(snap.other_quotes) < MAX_QUOTES:
            snap.other_quotes.append(quote)
        else:
            snap.more_other_quotes += 1
    elif len(section.quotes) < MAX_QUOTES:
        section.quotes.append(quote)
    else:
        section.more_quotes += 1

