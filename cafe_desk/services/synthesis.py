"""The central synthesis over imported cafés: browse and search items, code them into themes, aggregate the votes,
keep a shortlist of quotes, and write it out for analysis tools (the formats: central/tables_export.py and
central/qdpx_export.py). Every write is one transaction and returns what changed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cafe_desk.core.cafe_profile import CafeProfile, cafe_profile
from cafe_desk.core.changes import Changes
from cafe_desk.core.codebook import codebook_text
from cafe_desk.core.counts import counted
from cafe_desk.core.errors import NotFoundError, UserError, ValidationError
from cafe_desk.core.search_query import Node, fts5_query, parse
from cafe_desk.core.signers import sender_check
from cafe_desk.core.synthesis import (
    CSV_FOR_SPREADSHEETS,
    CentralCafe,
    CodeTheme,
    Facets,
    Found,
    Item,
    SynthesisFilter,
    clean_theme_name,
)
from cafe_desk.core.vote_synthesis import OutcomeSynthesis, synthesise
from cafe_desk.services.base import ServiceBase
from cafe_desk.services.ranked_search import ranked_page, unsaved_folder, update_index
from cafe_desk.storage.rows import new_id, utc_now

ONLY_SAMPLES = ("Only the sample cafés are here, and they are left out of reports and data files unless you "
                "include them: tick “Include them in reports and data files” at the top of the Synthesis page.")
A_SAMPLE = ("That is one of the sample cafés, which are left out of reports and data files unless you include them: "
            "tick “Include them in reports and data files” at the top of the Synthesis page.")
DATA_FORMATS = ("xlsx", "csv", "qdpx")
PAGE = 2000  # items shown at once; the rest are counted and reached by narrowing the filter
CODED = Changes(themes=True)


def _query(f: SynthesisFilter) -> Node | None:
    """The filter's search as a tree; ValidationError with one line if it can't be read, or if the To date comes
    before the From date (nothing could be found: better said than shown as no items)."""
    if f.date_from and f.date_to and f.date_to < f.date_from:
        raise ValidationError(f"The To date ({f.date_to}) is before the From date ({f.date_from}), so no café falls "
                              "between them: please swap the two dates.")
    return parse(f.text)


@dataclass(frozen=True)
class ThemeCount:
    """How many items of one café carry one theme."""

    theme_id: str
    cafe_id: str
    items: int


class SynthesisService(ServiceBase):
    """The central desk's work over imported cafés: `services.synthesis`. `without(ids)` is the same desk with some
    cafés left out of everything it reads (the sample cafés, for reports and data files)."""

    left_out: frozenset[str] = frozenset()

    def without(self, cafe_ids: Iterable[str]) -> SynthesisService:
        """This desk with the cafés `cafe_ids` left out of every answer (writing is unchanged)."""
        other = SynthesisService(self.store)
        other.left_out = self.left_out | frozenset(cafe_ids)
        return other

    def without_samples(self) -> SynthesisService:
        """This desk with the sample cafés left out, as reports and data files are made unless asked."""
        from cafe_desk.services.samples import sample_cafe_ids

        with self.store.read():
            return self.without(sample_cafe_ids(self.store))

    def _narrowed(self, f: SynthesisFilter) -> SynthesisFilter:
        if not self.left_out:
            return f
        return dataclasses.replace(f, leave_out_cafes=tuple(sorted(self.left_out | set(f.leave_out_cafes))))

    # --- reading ------------------------------------------------------------------------------------------

    def cafes(self) -> list[CentralCafe]:
        """Imported cafés, newest date first."""
        with self.store.read():
            return [c for c in self.store.central_cafes() if c.id not in self.left_out]

    def facets(self) -> Facets:
        """What the filters can offer: localities, groups, questions, outcomes and the range of dates."""
        with self.store.read():
            return self.store.central_facets()

    def find(self, f: SynthesisFilter = SynthesisFilter(), limit: int = PAGE) -> Found:
        """Up to `limit` items matching `f` (best match first when searching) and how many match in all; whether
        the ranking index is behind (build it) or can't be saved in its folder (say so). ValidationError, with a
        one-line message saying what to change, if the search can't be read as a query or the dates are the wrong
        way round."""
        node = _query(f)
        f = self._narrowed(dataclasses.replace(f, text=fts5_query(node) if node else ""))
        with self.store.read():
            total = self.store.count_items(f)
            if node is None or limit == 0:
                return Found(self.store.find_items(f, limit), total)
            text_only = dataclasses.replace(SynthesisFilter(), text=f.text)
            text_total = total if f == text_only else self.store.count_items(text_only)
            items, behind = ranked_page(self.store, f, node, limit, total, text_total)
            if items is None:
                items = self.store.find_items(f, limit)
        unsaved = unsaved_folder(self.store) if behind else None  # then building it would fail each time
        return Found(items, total, behind and unsaved is None, str(unsaved or ""))

    def item_ids(self, f: SynthesisFilter) -> list[str]:
        """The ids of every item matching `f`, however many (to code all that match, not only those listed);
        ValidationError as `find`."""
        node = _query(f)
        f = self._narrowed(dataclasses.replace(f, text=fts5_query(node) if node else ""))
        with self.store.read():
            return self.store.item_ids(f)

    def iter_items(self, f: SynthesisFilter = SynthesisFilter()) -> Iterator[Item]:
        """Every item matching `f`, streamed (for data exports); ValidationError if the search can't be read or
        the dates are the wrong way round."""
        node = _query(f)
        f = self._narrowed(dataclasses.replace(f, text=fts5_query(node) if node else ""))
        with self.store.read():
            yield from self.store.iter_items(f)

    def profiles(self) -> dict[str, CafeProfile]:
        """Each imported café's people by group (small counts hidden), signature and questions, by café id."""
        from cafe_desk.services.signers import SignerService

        signers = {c.cafe_id: c.signer for c in SignerService(self.store).cafes()}
        s = self.store
        with s.read():
            return {c.id: cafe_profile(c.id, s.list_items("group", c.id), s.list_items("round", c.id),
                                       s.list_attendance(c.id), s.list_table_totals(c.id), signers.get(c.id),
                                       s.list_round_groups(c.id))
                    for c in s.central_cafes() if c.id not in self.left_out}

    def update_search_index(self, progress: Callable[[int, int], None] = lambda done, total: None,
                            cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Bring the ranking index up to date (build it if missing), reporting cafés done of cafés to add; False
        if cancelled or another program is writing it. Searches are right meanwhile, only slower. Off the GUI
        thread: call it on a registry from `Services.open`."""
        return update_index(self.store, progress, cancelled)

    def marks(self, note_ids: Iterable[str]) -> dict[str, tuple[tuple[str, ...], bool]]:
        """For items already shown: id -> (codebook theme ids, shortlisted), to refresh them after coding."""
        with self.store.read():
            return self.store.marks(note_ids)

    def themes(self) -> list[CodeTheme]:
        """The codebook, by name, with how many items carry each theme."""
        with self.store.read():
            return self.store.code_themes()

    def theme_counts(self) -> list[ThemeCount]:
        """Items per theme and café."""
        with self.store.read():
            return [ThemeCount(*r) for r in self.store.theme_counts_by_cafe() if r[1] not in self.left_out]

    def sender_checks(self) -> dict[str, str]:
        """Imported café id -> how far who sent it is checked ("signed", "signer revoked", "unsigned"…: see
        core.signers.sender_check), from the key that signed it and the desk's list of keys."""
        with self.store.read():
            states = {key: state for key, _name, state, _added, _revoked in self.store.known_signers()}
            return {cafe_id: sender_check(key, states) for cafe_id, _code, _title, _date, key, _source
                    in self.store.cafe_signers()}

    def votes(self) -> list[OutcomeSynthesis]:
        """Votes across every imported café, per outcome, normalised per voter, with group splits."""
        with self.store.read():
            cafes = [c.id for c in self.store.central_cafes() if c.id not in self.left_out] if self.left_out else None
            piles, ballots = self.store.vote_piles(cafes), self.store.ballot_titles()
        return synthesise(piles, {k: v for k, v in ballots.items() if k not in self.left_out})

    # --- the codebook -------------------------------------------------------------------------------------

    def create_theme(self, name: str, description: str = "") -> tuple[CodeTheme, Changes]:
        """A new codebook theme; ValidationError if the name is empty, too long or already used."""
        name = clean_theme_name(name)
        with self.store.transaction():
            if self.store.code_theme_named(name) is not None:
                raise ValidationError(f"There is already a theme called “{name}”.")
            theme = CodeTheme(new_id(), name, description.strip())
            self.store.insert_code_theme(theme.id, theme.name, theme.description, utc_now())
            self.store.audit(None, "create", "code_theme", theme.id, name=name)
        return theme, CODED

    def rename_theme(self, theme_id: str, name: str, description: str | None = None) -> Changes:
        """Give a theme a new name (and description); merging is how two themes become one."""
        name = clean_theme_name(name)
        with self.store.transaction():
            theme = self._theme(theme_id)
            other = self.store.code_theme_named(name)
            if other is not None and other.id != theme_id:
                raise ValidationError(f"There is already a theme called “{name}”: merge the two instead.")
            self.store.update_code_theme(theme_id, name,
                                         theme.description if description is None else description.strip())
            self.store.audit(None, "rename", "code_theme", theme_id, before=theme.name, after=name)
        return CODED

    def merge_themes(self, theme_ids: Iterable[str], into_id: str) -> Changes:
        """Fold themes into `into_id`: their items get that theme, and they are removed from the codebook."""
        with self.store.transaction():
            into = self._theme(into_id)
            for theme_id in dict.fromkeys(theme_ids):
                if theme_id == into_id:
                    continue
                gone = self._theme(theme_id)
                self.store.move_codings(theme_id, into_id)
                self.store.delete_code_theme(theme_id)
                self.store.audit(None, "merge", "code_theme", theme_id, name=gone.name, into=into.name)
        return CODED

    def delete_theme(self, theme_id: str) -> Changes:
        """Remove a theme and its codings (the items stay)."""
        with self.store.transaction():
            theme = self._theme(theme_id)
            self.store.delete_code_theme(theme_id)
            self.store.audit(None, "delete", "code_theme", theme_id, name=theme.name)
        return CODED

    def apply_theme(self, note_ids: Iterable[str], theme_id: str) -> tuple[int, Changes]:
        """Code many items with one theme at once; returns how many gained it (those that had it are skipped)."""
        with self.store.transaction():
            theme = self._theme(theme_id)
            ids = self.store.imported_note_ids(note_ids)
            added = self.store.add_codings(ids, theme_id)
            self.store.audit(None, "code", "code_theme", theme_id, name=theme.name, items=added)
        return added, CODED

    def remove_theme(self, note_ids: Iterable[str], theme_id: str) -> tuple[int, Changes]:
        """Take a theme off many items; returns how many lost it."""
        ids = list(note_ids)
        with self.store.transaction():
            theme = self._theme(theme_id)
            removed = self.store.remove_codings(ids, theme_id)
            self.store.audit(None, "uncode", "code_theme", theme_id, name=theme.name, items=removed)
        return removed, CODED

    def codebook_json(self) -> str:
        """The codebook as JSON for facilitators to tag with during their cafés (see core/codebook.py)."""
        return codebook_text([(t.name, t.description) for t in self.themes()])

    def _theme(self, theme_id: str) -> CodeTheme:
        for theme in self.store.code_themes():
            if theme.id == theme_id:
                return theme
        raise NotFoundError("That theme is no longer in the codebook; the list has been refreshed.")

    # --- the quotes shortlist -----------------------------------------------------------------------------

    def shortlist(self, note_ids: Iterable[str], keep: bool = True) -> Changes:
        """Put items on the quotes shortlist (or take them off, with keep=False)."""
        with self.store.transaction():
            ids = self.store.imported_note_ids(note_ids)
            if keep:
                self.store.shortlist_add(ids, utc_now())
            else:
                self.store.shortlist_remove(ids)
        return CODED

    def quotes(self) -> list[Item]:
        """The shortlisted items, for the synthesis report."""
        return self.find(SynthesisFilter(shortlisted_only=True), limit=10_000).items

    # --- data for analysis tools ------------------------------------------------------------------------------

    def export_data(self, kind: str, target: str | Path, f: SynthesisFilter | None = None,
                    progress: Callable[[int, int], None] = lambda done, total: None,
                    cancelled: Callable[[], bool] = lambda: False,
                    csv_for: str = CSV_FOR_SPREADSHEETS, include_samples: bool = False) -> Path:
        """Write the items matching `f`, the votes and the themes as `kind` ("xlsx", "csv" into a folder, or
        "qdpx"); a CSV `csv_for` "spreadsheets" (guarded against formulas, with a BOM) or "analysis" (R, Python,
        Stata: exactly as typed). The sample cafés are left out unless `include_samples`. Returns the file or
        folder written (a file name typed without .xlsx or .qdpx gets it: `data_file`); raises UserError
        (Cancelled included) with a plain line, leaving nothing behind. Off the GUI thread: call it on a registry
        from `Services.open`."""
        if kind not in DATA_FORMATS:
            raise UserError(f"Café Desk can't write {kind!r} files.")
        _query(f or SynthesisFilter())  # a search or dates that can't be followed: said before anything is written
        target = self.data_file(kind, target)
        syn = self.without_samples()
        samples = ""  # what the workbook's guide says of the sample cafés: "" when this desk holds none
        if syn.left_out != self.left_out:
            samples = "included" if include_samples else "left out"
        if not include_samples and syn.left_out != self.left_out:
            if not syn.cafes():
                raise UserError(ONLY_SAMPLES)
            if f is not None and f.cafe_id in syn.left_out:
                raise UserError(A_SAMPLE)
            return syn._export(kind, target, f, progress, cancelled, csv_for, samples)
        return self._export(kind, target, f, progress, cancelled, csv_for, samples)

    def _export(self, kind: str, target: str | Path, f: SynthesisFilter | None, progress, cancelled, csv_for: str,
                samples: str) -> Path:
        """`export_data` on this desk as it is (`samples`: what the workbook's guide says of the sample cafés). The
        café-level filters (café, town or area, dates) choose the cafés whose votes and themes are written, as they
        choose a report's; the other filters narrow the items only."""
        f = f or SynthesisFilter()
        outside = [c.id for c in self.cafes() if not f.takes_cafe(c)]
        if outside:
            return self.without(outside)._export(kind, target, f, progress, cancelled, csv_for, samples)
        if kind == "csv":
            from cafe_desk.central.tables_export import write_csv

            write_csv(self, target, f, progress, cancelled, csv_for)
            return Path(target)
        if kind == "xlsx":
            from cafe_desk.central.tables_export import write_xlsx

            return write_xlsx(self, target, f, progress, cancelled, self._provenance(f, samples))
        from cafe_desk.central.qdpx_export import write_qdpx

        return write_qdpx(self, target, f, progress, cancelled)

    def _provenance(self, f: SynthesisFilter, samples: str):
        """Where an export's data comes from, for the workbook's guide: the cafés, now, the samples, the filters."""
        import datetime as dt

        from cafe_desk.central.tables_guide import Provenance
        from cafe_desk.services.synthesis_report import SynthesisReportService

        cafes = sorted(self.cafes(), key=lambda c: (c.date, c.title.casefold()))
        said = SynthesisReportService.describe(f, [c for c in cafes if c.id == f.cafe_id], (),
                                               {t.id: t.name for t in self.themes()})
        return Provenance(tuple((c.title, c.date) for c in cafes),
                          dt.datetime.now().astimezone().strftime("%Y-%m-%d at %H:%M"), samples, said)

    def export_items(self, f: SynthesisFilter, include_samples: bool = False) -> int:
        """How many items `export_data` with `f` writes (the sample cafés' left out unless `include_samples`)."""
        return (self if include_samples else self.without_samples()).find(f, limit=0).total

    @staticmethod
    def saved_line(kind: str, path: str | Path, f: SynthesisFilter, items: int | None = None) -> str:
        """What the Synthesis page and `cafe-desk data` say once an export of `kind` is written: "Saved
        synthesis.xlsx: 5,017 items." or "Saved items.csv, votes.csv and themes.csv in Exports: 5,017 items.",
        with "those matching the search and filters" when `f` narrowed the items (the count left out if `items` is
        None)."""
        what = f"items.csv, votes.csv and themes.csv in {Path(path).name}" if kind == "csv" else Path(path).name
        narrowed = f != SynthesisFilter()
        if items is None:
            return f"Saved {what}" + (" (the items matching the search and filters)." if narrowed else ".")
        return f"Saved {what}: {counted(items, 'item')}" + (", those matching the search and filters." if narrowed
                                                            else ".")

    @staticmethod
    def data_file(kind: str, target: str | Path) -> Path:
        """Where an export of `kind` to `target` goes: a workbook's or a project's name with its ending (.xlsx,
        .qdpx) added when it was typed without it, so the analysis programs find it and a double click opens it;
        a CSV folder, or a folder given for a file (which is refused), as it is."""
        target = Path(target)
        ending = f".{kind}"
        if kind == "csv" or target.suffix.lower() == ending or target.is_dir():
            return target
        return target.with_name(target.name + ending)

    @staticmethod
    def csv_files_in(folder: str | Path) -> list[str]:
        """The names of the CSV files an export into `folder` would replace (those already there)."""
        from cafe_desk.central.tables_export import CSV_FILES  # xlsxwriter loads only when used

        return [n for n in CSV_FILES if (Path(folder) / n).exists()]
