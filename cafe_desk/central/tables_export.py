"""Data exports of the central synthesis as tables: items, votes and themes, as three CSV files or one XLSX workbook.

Both read through `SynthesisService` (no SQL, no Qt here) and stream the items one at a time, so a central database
of a million items is never held in memory. Everything is written in a hidden folder of ours beside the target
(unfinished_files.py) and moved into place at the end, the three CSV files all together or not at all: a failure or
a cancel leaves the folder as it was. The workbook's sheets are written by central/tables_workbook.py.

What an analyst gets:
- items: one row per note or comment; lists (outcomes, café tags, themes) are joined with "; "; "themes" are the
  codebook's theme names. The café, town or area and dates choose the cafés whose votes and themes are written
  (services/synthesis.py); the other filters narrow the items only.
- votes: one row per outcome across all cafés (group "all voters"), then one row per group split. A split of fewer
  than five voters, or one the total and the other splits would give back (core/small_counts.py), is suppressed:
  its voters and share are left empty and "suppressed" says yes, the same for both reasons.
  Shares are numbers from 0 to 1 (4 decimals), so they sort and chart as numbers.
- themes: long format, one row per theme and café (theme, description, items in all cafés, café, café id, date,
  locality, items in café), not one column per café. With dozens or hundreds of cafés a wide sheet runs far off the
  screen and café titles repeat (two "Perth café"s would clash as column names); long rows are what a pivot table, R
  or pandas start from, and pivoting them wide is one step, while the other way round is not. A theme no item
  carries yet keeps one row, with no café.
- "sender checked", last on every row that names a café (items, themes): "signed" (by a key on the desk's list),
  "signed by a key not on the list", "signer revoked" or "unsigned" (core.signers.sender_check), as the desk knows
  it when the export is written.
Every text has its line ends as "\n" and no control or invisible characters (core.text.export_text, as in the
.qdpx): a note typed on Windows reads the same as one typed anywhere else, and "Edinburgh" with a zero-width space
after it is "Edinburgh".

CSV is a folder of items.csv, votes.csv and themes.csv rather than one ZIP, so each opens with a double click, one
header row, in one of two kinds:
- for spreadsheets (the default): UTF-8 with a BOM (so Excel reads accents right). Participants' free text is
  untrusted: a text cell that starts with =, +, -, @, a tab or a line end gets a leading apostrophe, so a spreadsheet
  shows it as text instead of running it as a formula.
- for analysis tools (R, Python, Stata): plain RFC 4180 CSV in UTF-8 without a BOM and without the apostrophe, so
  "-5" and "=SUM(1)" arrive as they were typed. Not for opening in a spreadsheet.
The workbook writes every text as a typed string, never a formula, so there the text stays exactly as typed.
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxFileError

from cafe_desk.central.tables_guide import GUIDE_COLUMNS, SHEET, Provenance, column_rows, provenance_lines
from cafe_desk.central.tables_workbook import Columns, Sheets, let_go
from cafe_desk.core.errors import Cancelled, UserError
from cafe_desk.core.synthesis import CSV_FOR_ANALYSIS, CSV_FOR_SPREADSHEETS, SynthesisFilter
from cafe_desk.core.text import export_text
from cafe_desk.core.vote_synthesis import MEASURE_AGREE, OutcomeSynthesis
from cafe_desk.platforms import FileInUseError, finishing, replace_file
from cafe_desk.unfinished_files import PREFIX, MixedSet, put_in_place, unfinished_folder

Progress = Callable[[int, int], None]
Check = Callable[[], bool]

CSV_FILES = ("items.csv", "votes.csv", "themes.csv")
STEP = 500  # items between progress reports and cancel checks
CANCELLED = "Export cancelled; nothing was written."
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CSV_KINDS = (CSV_FOR_SPREADSHEETS, CSV_FOR_ANALYSIS)
ALL_VOTERS = "all voters"
MEASURES = {MEASURE_AGREE: "share who agree"}
SUPPORT = "share of voters' support"

ITEM_COLUMNS: Columns = (
    ("item id", 14), ("café", 24), ("café id", 14), ("café code", 9), ("date", 11), ("locality", 16), ("table", 7),
    ("round", 7), ("question", 36), ("source", 10), ("text", 60), ("quote", 7), ("group", 18), ("outcomes", 30),
    ("café tags", 20), ("themes", 24), ("minutes from start", 10), ("shortlisted", 11), ("sender checked", 16))
VOTE_COLUMNS: Columns = (
    ("outcome", 40), ("measure", 22), ("group", 20), ("cafés", 8), ("voters", 8), ("votes", 8), ("share", 9),
    ("suppressed", 11))
THEME_COLUMNS: Columns = (
    ("theme", 28), ("description", 40), ("items in all cafés", 12), ("café", 24), ("café id", 14), ("café code", 9),
    ("date", 11),
    ("locality", 16), ("items in café", 12), ("sender checked", 16))


def never_cancelled() -> bool:
    return False


def no_progress(done: int, total: int) -> None:
    pass


# --- rows: plain values (str, int, float or None), shared by CSV and XLSX -------------------------------------------


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def item_rows(syn, f: SynthesisFilter, progress: Progress, cancelled: Check, total: int) -> Iterator[list]:
    """One row per item matching `f`, streamed; reports progress and checks for a cancel every STEP items."""
    names = {t.id: t.name for t in syn.themes()}  # in codebook order, by name
    rank = {theme_id: n for n, theme_id in enumerate(names)}
    senders = syn.sender_checks()
    short_codes = {c.id: c.short_code for c in syn.cafes()}
    for done, item in enumerate(syn.iter_items(f), start=1):
        if done % STEP == 0:
            if cancelled():
                raise Cancelled(CANCELLED)
            progress(done, total)
        codes = item.codes
        themes = ("; ".join(names[c] for c in sorted((c for c in codes if c in rank), key=rank.__getitem__))
                  if codes else "")
        yield [item.id, item.cafe_title, item.cafe_id, short_codes.get(item.cafe_id, ""), item.date, item.locality,
               item.table, item.round, item.question, item.source_label, item.text, "yes" if item.is_quote else "no",
               item.group, "; ".join(item.outcomes), "; ".join(item.cafe_themes), themes, item.minutes,
               "yes" if item.shortlisted else "no", senders.get(item.cafe_id, "")]


def vote_rows(votes: Iterable[OutcomeSynthesis]) -> Iterator[list]:
    """Each outcome across all cafés, then its group splits (suppressed ones with voters and share left empty)."""
    for o in votes:
        measure = MEASURES.get(o.measure, SUPPORT)
        yield [o.title, measure, ALL_VOTERS, o.cafes, o.voters, o.votes, round(o.share, 4), "no"]
        for g in o.groups:
            yield [o.title, measure, g.group, None, None if g.hidden else g.voters, None,
                   None if g.share is None else round(g.share, 4), yes_no(g.hidden)]


def theme_rows(syn) -> Iterator[list]:
    """Long format: each codebook theme with its items per café (cafés newest first); an unused theme once."""
    cafes, senders = syn.cafes(), syn.sender_checks()
    place = {c.id: (n, c) for n, c in enumerate(cafes)}
    per_theme = defaultdict(list)
    for count in syn.theme_counts():
        if count.cafe_id in place:
            per_theme[count.theme_id].append(count)
    for theme in syn.themes():
        counts = sorted(per_theme[theme.id], key=lambda c: place[c.cafe_id][0])
        if not counts:
            yield [theme.name, theme.description, theme.count, None, None, None, None, None, 0, None]
        for count in counts:
            cafe = place[count.cafe_id][1]
            yield [theme.name, theme.description, theme.count, cafe.title, cafe.id, cafe.short_code, cafe.date,
                   cafe.locality,
                   count.items, senders.get(cafe.id, "")]


def _tables(syn, f: SynthesisFilter, progress: Progress, cancelled: Check) -> tuple[int, list]:
    """(total steps for progress, [(sheet name, columns, rows)]) — the rows are lazy: items stream as written."""
    total = syn.find(f, limit=0).total + 2
    progress(0, total)
    return total, [("Items", ITEM_COLUMNS, item_rows(syn, f, progress, cancelled, total)),
                   ("Votes", VOTE_COLUMNS, vote_rows(syn.votes())),
                   ("Themes", THEME_COLUMNS, theme_rows(syn))]


# --- writing safely -------------------------------------------------------------------------------------------------


def reason(exc: BaseException) -> str:
    """The operating system's short reason for a failed write ("No space left on device", …)."""
    inner = exc.args[0] if isinstance(exc, XlsxFileError) and exc.args else exc
    return getattr(inner, "strerror", None) or "the disk said no"


@contextmanager
def staging(folder: Path) -> Iterator[Path]:
    """A hidden folder of ours inside `folder` to write into, removed with whatever is left in it at the end (and
    what exports killed part way left in `folder` removed first). UserError if `folder` is missing; an OSError inside
    becomes a plain UserError."""
    if not folder.is_dir():
        raise UserError(f"The folder {folder} does not exist, so nothing was written.")
    try:
        with unfinished_folder(folder) as temp:
            yield temp
    except MixedSet as exc:
        names = " and ".join(p.name for p in exc.changed)
        raise UserError(f"The export could not be finished in {folder} ({reason(exc)}), and {names} could not be "
                        "put back as before, so the CSV files there are not from one export: please export "
                        "again.") from None
    except FileInUseError as exc:
        raise UserError(f"{exc.strerror}. Nothing was saved.") from None
    except OSError as exc:
        name = _target_name(exc, folder)
        if name:
            raise UserError(f"{name} in {folder} can't be replaced ({reason(exc)}); nothing was saved.") from None
        raise UserError(f"The export could not be written in {folder} ({reason(exc)}); nothing was saved.") from None


def _target_name(exc: OSError, folder: Path) -> str:
    """The name of the file in `folder` that a failed move was to replace or move aside ("" if it was none)."""
    for name in (exc.filename, exc.filename2):
        if name is not None and Path(name).parent == folder and not Path(name).name.startswith(PREFIX):
            return Path(name).name
    return ""


def fsync(path: Path) -> None:
    """Make sure a finished file is on the disk before it is moved into place."""
    with open(path, "rb") as f:
        os.fsync(f.fileno())


# --- CSV --------------------------------------------------------------------------------------------------------------


def spreadsheet_cells(row: list) -> list:
    """A row as CSV cells for spreadsheets: shares with 4 decimals, line ends as "\\n", text guarded against formula
    injection with a leading apostrophe; None stays None (an empty cell). A row at a time: this runs for every item."""
    cells = []
    add = cells.append
    for value in row:
        if value.__class__ is str:
            if not value.isprintable():
                value = export_text(value)
            if value.startswith(FORMULA_STARTS):
                value = "'" + value
        elif value.__class__ is float:
            value = f"{value:.4f}"
        add(value)
    return cells


def analysis_cells(row: list) -> list:
    """A row as CSV cells for analysis tools: as `spreadsheet_cells`, but text exactly as typed (line ends "\\n")."""
    cells = []
    add = cells.append
    for value in row:
        if value.__class__ is str:
            if not value.isprintable():
                value = export_text(value)
        elif value.__class__ is float:
            value = f"{value:.4f}"
        add(value)
    return cells


def csv_cell(value) -> str | int:
    """One value as a CSV cell for spreadsheets (see `spreadsheet_cells`), "" for None."""
    cell = spreadsheet_cells([value])[0]
    return "" if cell is None else cell


def write_csv(syn, folder: str | Path, filter: SynthesisFilter = SynthesisFilter(),
              progress: Progress = no_progress, cancelled: Check = never_cancelled,
              csv_for: str = CSV_FOR_SPREADSHEETS) -> list[Path]:
    """Write items.csv, votes.csv and themes.csv into `folder` (replacing files of those names) and return their
    paths. `filter` narrows the items; `progress(done, total)` is called as items are written; `cancelled()` is checked
    every few hundred items and before the files are moved into place. `csv_for`: CSV_FOR_SPREADSHEETS (a BOM, formula
    guard) or CSV_FOR_ANALYSIS (no BOM, no guard).
    The three files are replaced all together or not at all.
    Raises Cancelled (a UserError) when cancelled, UserError with a plain one-line message if the folder is missing or
    the files can't be written (disk full, no permission, one of them open in another program); either way the
    folder is left as it was."""
    if csv_for not in CSV_KINDS:
        raise UserError(f"CSV is written for spreadsheets or for analysis tools, not for {csv_for!r}.")
    folder = Path(folder)
    encoding, cells = (("utf-8-sig", spreadsheet_cells) if csv_for == CSV_FOR_SPREADSHEETS else
                       ("utf-8", analysis_cells))
    made = _make_folder(folder)
    try:
        return _write_csv(syn, folder, filter, progress, cancelled, encoding, cells)
    except BaseException:
        if made:  # a folder made for this export goes with it
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _make_folder(folder: Path) -> bool:
    """Make the CSV folder when its parent is there (as a person naming a new folder expects); whether it was made."""
    if folder.exists() or not folder.parent.is_dir():
        return False
    try:
        folder.mkdir()
    except OSError:
        return False  # staging says what is wrong with the place
    return True


def _write_csv(syn, folder: Path, filter, progress, cancelled, encoding: str, cells) -> list[Path]:
    with staging(folder) as temp:
        total, tables = _tables(syn, filter, progress, cancelled)
        for name, (_, columns, rows) in zip(CSV_FILES, tables, strict=True):
            with open(temp / name, "w", encoding=encoding, newline="") as out:
                writer = csv.writer(out)
                writer.writerow([c[0] for c in columns])
                writerow = writer.writerow
                for row in rows:
                    writerow(cells(row))
                out.flush()
                os.fsync(out.fileno())
        if cancelled():
            raise Cancelled(CANCELLED)
        finishing()
        aside = temp / "kept"
        aside.mkdir()
        put_in_place([(temp / name, folder / name) for name in CSV_FILES], aside)
    progress(total, total)
    return [folder / name for name in CSV_FILES]


# --- XLSX -------------------------------------------------------------------------------------------------------------


def write_xlsx(syn, path: str | Path, filter: SynthesisFilter = SynthesisFilter(),
               progress: Progress = no_progress, cancelled: Check = never_cancelled,
               provenance: Provenance | None = None) -> Path:
    """Write one workbook at `path` (replacing it) with the sheets Items, Votes and Themes — the same tables as
    `write_csv` — and "About these columns" (where the data came from, as `provenance` says, and what each column
    holds), and return the path. Header rows are bold, frozen and filterable; long text is wrapped; dates, counts
    and shares are typed cells. `filter`, `progress` and `cancelled` work as for `write_csv`.
    Raises Cancelled (a UserError) when cancelled, UserError with a plain one-line message if the folder is missing or
    the file can't be written (disk full, no permission); either way nothing is left behind."""
    path = Path(path)
    with staging(path.parent) as temp:
        book = xlsxwriter.Workbook(str(temp / "book.xlsx"), {"constant_memory": True, "tmpdir": str(temp)})
        try:
            total, tables = _tables(syn, filter, progress, cancelled)
            sheets = Sheets(book)
            for name, columns, rows in tables:
                sheets.table(name, columns, rows)
            provenance = provenance or Provenance(tuple((c.title, c.date) for c in syn.cafes()), "", "")
            sheets.guide(SHEET, provenance_lines(provenance), GUIDE_COLUMNS,
                         column_rows(tuple((name, columns) for name, columns, _ in tables)))
            book.close()
        except XlsxFileError as exc:
            let_go(book, exc)
            raise UserError(f"{path} could not be written ({reason(exc)}); nothing was saved.") from None
        except BaseException as exc:
            let_go(book, exc)
            raise
        fsync(temp / "book.xlsx")
        if cancelled():
            raise Cancelled(CANCELLED)
        finishing()
        replace_file(temp / "book.xlsx", path)
    progress(total, total)
    return path
