"""The workbook's guide, "About these columns", read back from what `cafe-desk data --format xlsx` writes (a real
process on a real central data file): where the data came from — the cafés, the day, the sample cafés, the filters —
and one row per column of every sheet, saying what it holds with an example."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from cafe_desk.central.tables_export import ITEM_COLUMNS, THEME_COLUMNS, VOTE_COLUMNS
from cafe_desk.central.tables_guide import ABOUT, NAMED_CAFES, Provenance, provenance_lines
from cafe_desk.services import Services
from cafe_desk.settings import Settings
from cafe_desk.storage.store import Store
from tests.central import cafe_at, make_cafe, send
from tests.conftest import cafe_desk

SHEETS = (("Items", ITEM_COLUMNS), ("Votes", VOTE_COLUMNS), ("Themes", THEME_COLUMNS))


@pytest.fixture(scope="module")
def desk(tmp_path_factory, identity):
    """A central data folder holding Perth and Inverness, imported, and the sample cafés."""
    base = tmp_path_factory.mktemp("guide")
    laptop_store, central_store = Store(base / "laptop.sqlite3"), Store(Settings(base / "central").db_path)
    try:
        laptop = Services.build(laptop_store)
        for cafe in (make_cafe(laptop), cafe_at(laptop, "Inverness café", "2026-04-02", "Inverness", ("Peer work",))):
            send(laptop, cafe, central_store, identity)
        Services.build(central_store).samples.add()
    finally:
        laptop_store.close()
        central_store.close()
    return base / "central"


def guide(desk, tmp_path, *args: str) -> tuple[list[str], list[tuple], openpyxl.Workbook]:
    """Export with `args`; the guide's lines above its table, the table's rows (header first), and the workbook."""
    book = tmp_path / "synthesis.xlsx"
    result = cafe_desk("data", "--format", "xlsx", "--out", str(book), *args, data_dir=desk)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    workbook = openpyxl.load_workbook(book)
    rows = list(workbook["About these columns"].iter_rows(values_only=True))
    blank = rows.index((None, None, None, None))
    return [r[0] for r in rows[:blank]], rows[blank + 1:], workbook


def test_one_row_per_column_of_every_sheet_with_what_it_holds_and_an_example(desk, tmp_path):
    before = dt.date.today().isoformat()
    lines, table, book = guide(desk, tmp_path)
    assert book.sheetnames == ["Items", "Votes", "Themes", "About these columns"]
    assert table[0] == ("sheet", "column", "what it holds", "example")
    assert [(sheet, column) for sheet, column, _, _ in table[1:]] == [
        (name, book[name].cell(1, c).value) for name, _ in SHEETS for c in range(1, book[name].max_column + 1)]
    assert all(what.endswith(".") and example for _, _, what, example in table[1:])
    assert lines[0].startswith("Exported from Café Desk's central desk on ")
    assert lines[0][len("Exported from Café Desk's central desk on "):][:10] in (before, dt.date.today().isoformat())
    assert lines[1:] == [
        "From 2 imported cafés: Perth café (2026-03-14); Inverness café (2026-04-02).",
        "The sample cafés (made up for trying Café Desk) were left out.",
        "The items are every item of those cafés.",
        "Votes and Themes cover every café above, whatever narrowed the items."]
    guide_sheet = book["About these columns"]
    assert guide_sheet["A1"].font.b and guide_sheet.cell(len(lines) + 2, 1).font.b  # the title and the header


def test_it_says_when_the_samples_are_in_and_what_narrowed_the_items(desk, tmp_path):
    lines, _, book = guide(desk, tmp_path, "--samples", "--locality", "Perth", "--quotes-only")
    assert lines[1] == "From 1 imported café: Perth café (2026-03-14)."  # the town chooses the cafés
    assert lines[2] == "The sample cafés were included: they are made up for trying Café Desk, not real cafés."
    assert lines[3] == "The items are narrowed by: Town or area: Perth; Only items marked as quotes."
    text = [name for name, _ in ITEM_COLUMNS].index("text")
    assert [r[text] for r in book["Items"].iter_rows(min_row=2, values_only=True)] == [
        "Waited eight months for a first appointment"]  # and the filters were followed


def test_every_column_has_its_line_and_no_line_is_left_over():
    columns = {(sheet, name) for sheet, cols in SHEETS for name, _ in cols}
    assert set(ABOUT) == columns


def test_a_desk_without_samples_or_cafés_says_so_plainly():
    cafes = tuple((f"Café {n}", f"2026-0{n}-01") for n in range(1, NAMED_CAFES + 2))
    assert provenance_lines(Provenance(cafes[:1], "2026-12-02 at 10:00", "")) == [
        "Exported from Café Desk's central desk on 2026-12-02 at 10:00.", "From 1 imported café: Café 1 (2026-01-01).",
        "The items are every item of those cafés.",
        "Votes and Themes cover every café above, whatever narrowed the items."]
    assert provenance_lines(Provenance(cafes, "", ""))[:2] == [
        "Exported from Café Desk's central desk.",
        f"From {len(cafes)} imported cafés, held from 2026-01-01 to 2026-0{len(cafes)}-01 (the Items and Themes "
        "sheets name them)."]
    assert provenance_lines(Provenance((), "", ""))[1] == "From 0 imported cafés."
