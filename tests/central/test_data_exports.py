"""Data exports of the central synthesis over real imported bundles: CSV, XLSX and a REFI-QDA project (.qdpx)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pyrage
import pytest

from cafe_desk.central import qdpx_export, tables_export
from cafe_desk.central.qdpx_export import write_qdpx
from cafe_desk.central.tables_export import csv_cell, vote_rows, write_csv, write_xlsx
from cafe_desk.core.errors import Cancelled, UserError
from cafe_desk.core.model import DEFAULT_GROUPS
from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.core.vote_synthesis import GroupShare, OutcomeSynthesis
from cafe_desk.export import keys
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from tests.central import make_cafe
from tests.conftest import mental_health_plan

ACCENTED = "Crèche près de l'école 😊 — merci beaucoup"
AFTER_EMOJI = "Après 😊😊 vient l'été"
FORMULAS = ("=SUM(A1:A9) is what we need", "+ more buses on Sundays", "@ the library would suit everyone",
            "-5 degrees outside the hall")
TWO_LINES = "Line one\nLine two"
ITEM_HEADER = ["item id", "café", "café id", "café code", "date", "locality", "table", "round", "question", "source",
               "text", "quote", "group", "outcomes", "café tags", "themes", "minutes from start", "shortlisted",
               "sender checked"]
VOTE_HEADER = ["outcome", "measure", "group", "cafés", "voters", "votes", "share", "suppressed"]
THEME_HEADER = ["theme", "description", "items in all cafés", "café", "café id", "café code", "date", "locality",
                "items in café", "sender checked"]
QDA = "{urn:QDA-XML:project:1.0}"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# REFI-QDA Project-mrt2019.xsd: the order of a Project's and a TextSource's children
PROJECT_ORDER = ["Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs",
                 "Description", "NoteRef"]
TEXT_SOURCE_ORDER = ["Description", "PlainTextContent", "PlainTextSelection", "Coding", "NoteRef", "VariableValue"]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """Two imported cafés: Perth (the shared test café) and Dunfermline (accents, emoji, formula-like text, a group
    split in its votes), and a codebook of three themes, one of them unused."""
    folder = tmp_path_factory.mktemp("desk")
    local_store, central_store = Store(folder / "cafe.sqlite3"), Store(folder / "central.sqlite3")
    local = Services.build(local_store)
    identity = pyrage.x25519.Identity.from_str(keys.new_identity()[0])
    perth = make_cafe(local)
    plan = mental_health_plan(local, date="2026-04-02", locality="Dunfermline")
    plan.title = "Café à Dunfermline"
    dunfermline = local.planning.create(plan)[0]
    tables = local.planning.items(dunfermline.id, "table")
    rounds = local.planning.items(dunfermline.id, "round")
    outcomes = local.planning.items(dunfermline.id, "outcome")
    groups = local.planning.items(dunfermline.id, "group")
    local.running.start(dunfermline.id)
    for text in (ACCENTED, AFTER_EMOJI, *FORMULAS, TWO_LINES):
        local.notes.add(dunfermline.id, tables[1].id, rounds[0].id, text)
    local.votes.set_tally(dunfermline.id, outcomes[0].id, 9)
    local.votes.set_tally(dunfermline.id, outcomes[0].id, 12, group_id=groups[0].id)
    local.votes.set_tally(dunfermline.id, outcomes[1].id, 6, group_id=groups[0].id)
    for cafe in (perth, dunfermline):
        data = local.exporting.export_cafe(cafe.id, [str(identity.to_public())])[0]
        Services.build(central_store).importing.import_bundle(data, [identity])
    syn = Services.build(central_store).synthesis
    items = {i.text: i for i in syn.find().items}
    access, _ = syn.create_theme("Accès aux soins", "Getting to care — quickly")
    peer, _ = syn.create_theme("Peer support")
    syn.create_theme("Unused")
    syn.apply_theme([items[ACCENTED].id, items[AFTER_EMOJI].id], access.id)
    syn.apply_theme([items[ACCENTED].id, items[AFTER_EMOJI].id, items[TWO_LINES].id,
                     items["Waited eight months for a first appointment"].id], peer.id)
    syn.shortlist([items["Waited eight months for a first appointment"].id])
    yield syn
    local_store.close()
    central_store.close()


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def header_of(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f))


def by_text(syn) -> dict:
    return {i.text: i for i in syn.find().items}


# --- CSV --------------------------------------------------------------------------------------------------------------


def test_csv_items_read_back(desk, tmp_path):
    calls = []
    paths = write_csv(desk, tmp_path, progress=lambda done, total: calls.append((done, total)))
    assert paths == [tmp_path / "items.csv", tmp_path / "votes.csv", tmp_path / "themes.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["items.csv", "themes.csv", "votes.csv"]  # no temp left
    assert (tmp_path / "items.csv").read_bytes().startswith(codecs.BOM_UTF8)
    assert header_of(tmp_path / "items.csv") == ITEM_HEADER
    rows = read_csv(tmp_path / "items.csv")
    items = by_text(desk)
    assert len(rows) == desk.find().total == len(items)
    row = {r["item id"]: r for r in rows}
    accented = row[items[ACCENTED].id]
    assert (accented["text"], accented["café"], accented["locality"], accented["date"]) == (
        ACCENTED, "Café à Dunfermline", "Dunfermline", "2026-04-02")
    assert accented["themes"] == "Accès aux soins; Peer support"  # codebook names, in codebook order
    assert (accented["table"], accented["round"], accented["source"], accented["quote"]) == ("2", "1", "Point", "no")
    assert row[items[TWO_LINES].id]["text"] == TWO_LINES
    for text in FORMULAS:  # participants' text can't become a formula in a spreadsheet
        assert row[items[text].id]["text"] == "'" + text
    waited = row[items["Waited eight months for a first appointment"].id]
    assert (waited["quote"], waited["shortlisted"], waited["café tags"], waited["themes"]) == (
        "yes", "yes", "Waiting times", "Peer support")
    comment = row[items["Peer support groups helped me most"].id]
    assert (comment["source"], comment["group"], comment["table"], comment["round"]) == (
        "Comment", DEFAULT_GROUPS[0], "", "")
    benches = items["More benches in the park"]
    assert row[benches.id]["outcomes"] == "; ".join(benches.outcomes) != ""
    total = len(items) + 2
    assert calls[0] == (0, total) and calls[-1] == (total, total)


def test_csv_votes_and_themes_read_back(desk, tmp_path):
    write_csv(desk, tmp_path)
    assert header_of(tmp_path / "votes.csv") == VOTE_HEADER
    votes = read_csv(tmp_path / "votes.csv")
    expected = desk.votes()
    overall = [r for r in votes if r["group"] == "all voters"]
    assert [r["outcome"] for r in overall] == [v.title for v in expected]
    for row, v in zip(overall, expected, strict=True):
        assert (row["cafés"], row["voters"], row["votes"], row["share"], row["suppressed"]) == (
            str(v.cafes), str(v.voters), str(v.votes), f"{v.share:.4f}", "no")
        assert 0 <= float(row["share"]) <= 1 and re.fullmatch(r"\d\.\d{4}", row["share"])
    splits = [r for r in votes if r["group"] != "all voters"]
    assert len(splits) == sum(len(v.groups) for v in expected) > 0
    top = next(r for r in splits if r["outcome"] == expected[0].title)
    assert (top["group"], top["voters"], top["suppressed"]) == (expected[0].groups[0].group, "6", "no")

    assert header_of(tmp_path / "themes.csv") == THEME_HEADER
    themes = read_csv(tmp_path / "themes.csv")
    titles = {c.id: c.title for c in desk.cafes()}
    names = {t.id: t.name for t in desk.themes()}
    assert {(r["theme"], r["café"]): int(r["items in café"]) for r in themes if r["café"]} == {
        (names[c.theme_id], titles[c.cafe_id]): c.items for c in desk.theme_counts()}
    assert [(r["theme"], r["café"], r["items in café"]) for r in themes if r["theme"] == "Unused"] == [
        ("Unused", "", "0")]
    access = next(r for r in themes if r["theme"] == "Accès aux soins")
    assert (access["description"], access["items in all cafés"]) == ("Getting to care — quickly", "2")


def test_the_filter_narrows_the_items_only(desk, tmp_path):
    perth = next(c for c in desk.cafes() if c.title == "Perth café")
    write_csv(desk, tmp_path, SynthesisFilter(cafe_id=perth.id))
    assert {r["café"] for r in read_csv(tmp_path / "items.csv")} == {"Perth café"}
    assert len(read_csv(tmp_path / "items.csv")) == perth.items
    assert {r["outcome"] for r in read_csv(tmp_path / "votes.csv")} == {v.title for v in desk.votes()}


def test_a_small_group_split_is_suppressed_and_cells_are_plain():
    votes = [OutcomeSynthesis("Benches", "share", 2, 14, 20, 0.5, (
        GroupShare("Carers", 6, 2 / 3), GroupShare("Young people", 3, None))),
        OutcomeSynthesis("Peer workers", "agree", 1, 5, 5, 0.8)]
    rows = list(vote_rows(votes))
    assert rows == [["Benches", "share of voters' support", "all voters", 2, 14, 20, 0.5, "no"],
                    ["Benches", "share of voters' support", "Carers", None, 6, None, 0.6667, "no"],
                    ["Benches", "share of voters' support", "Young people", None, None, None, None, "yes"],
                    ["Peer workers", "share who agree", "all voters", 1, 5, 5, 0.8, "no"]]
    assert [csv_cell(v) for v in rows[2]] == ["Benches", "share of voters' support", "Young people", "", "", "", "",
                                             "yes"]
    assert (csv_cell(0.8), csv_cell("=1+1"), csv_cell("a=b"), csv_cell(3)) == ("0.8000", "'=1+1", "a=b", 3)


# --- XLSX -------------------------------------------------------------------------------------------------------------


def test_xlsx_read_back(desk, tmp_path):
    path = write_xlsx(desk, tmp_path / "synthesis.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["synthesis.xlsx"]
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Items", "Votes", "Themes", "About these columns"]
    for name, header in (("Items", ITEM_HEADER), ("Votes", VOTE_HEADER), ("Themes", THEME_HEADER)):
        sheet = book[name]
        assert [c.value for c in sheet[1]] == header
        assert all(c.font.b for c in sheet[1]) and sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
    items, items_by_text = book["Items"], by_text(desk)
    assert items.max_row == 1 + len(items_by_text)
    text_col = ITEM_HEADER.index("text") + 1
    texts = {items.cell(r, 1).value: items.cell(r, text_col) for r in range(2, items.max_row + 1)}
    for text in (ACCENTED, TWO_LINES, *FORMULAS):  # typed strings, exactly as written: never a formula
        cell = texts[items_by_text[text].id]
        assert (cell.value, cell.data_type) == (text, "s")
    assert texts[items_by_text[ACCENTED].id].alignment.wrap_text
    assert items.column_dimensions[openpyxl.utils.get_column_letter(text_col)].width >= 50
    first = [c.value for c in items[2]]
    assert isinstance(first[ITEM_HEADER.index("date")], dt.datetime)
    assert isinstance(first[ITEM_HEADER.index("table")], int)

    votes = book["Votes"]
    overall = [[c.value for c in row] for row in votes.iter_rows(min_row=2) if row[2].value == "all voters"]
    assert [(r[0], r[4], r[6]) for r in overall] == [(v.title, v.voters, round(v.share, 4)) for v in desk.votes()]
    assert votes.cell(2, VOTE_HEADER.index("share") + 1).number_format == "0.00%"
    themes = [[c.value for c in row] for row in book["Themes"].iter_rows(min_row=2)]
    assert sum(r[THEME_HEADER.index("items in café")] for r in themes) == sum(c.items for c in desk.theme_counts())
    codes = {c.id: c.short_code for c in desk.cafes()}
    assert all(r[THEME_HEADER.index("café code")] == codes.get(r[THEME_HEADER.index("café id")]) for r in themes)
    assert all(r[ITEM_HEADER.index("café code")] == codes[r[ITEM_HEADER.index("café id")]]
               for r in book["Items"].iter_rows(min_row=2, values_only=True))


# --- REFI-QDA (what the project holds: test_qdpx_export.py) ---------------------------------------------------------


def open_qdpx(path: Path) -> tuple[ET.Element, dict[str, str]]:
    """(project.qde's root, every source file's text by its internal:// name), checking the ZIP's layout."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        assert "project.qde" in names
        root = ET.fromstring(zf.read("project.qde"))  # well-formed, or this raises
        sources = {}
        for name in names:
            if name.startswith("sources/") and not name.endswith("/"):
                data = zf.read(name)
                assert not data.startswith(codecs.BOM_UTF8)  # a BOM would count as a character
                sources["internal://" + name.removeprefix("sources/")] = data.decode("utf-8")
    return root, sources


def tag(element: ET.Element) -> str:
    assert element.tag.startswith(QDA), element.tag
    return element.tag.removeprefix(QDA)


def in_schema_order(elements, order: list[str]) -> bool:
    places = [order.index(tag(e)) for e in elements]
    return places == sorted(places)


def test_an_empty_desk_exports_valid_empty_files(tmp_path):
    store = Store(tmp_path / "central.sqlite3")
    try:
        syn = Services.build(store).synthesis
        root, sources = open_qdpx(write_qdpx(syn, tmp_path / "empty.qdpx"))
        assert [tag(e) for e in root] == ["Users", "Variables", "Description"] and sources == {}
        write_csv(syn, tmp_path)
        assert read_csv(tmp_path / "items.csv") == [] and header_of(tmp_path / "items.csv") == ITEM_HEADER
        assert openpyxl.load_workbook(write_xlsx(syn, tmp_path / "empty.xlsx"))["Items"].max_row == 1
    finally:
        store.close()


# --- cancel and failures: nothing left behind -------------------------------------------------------------------------

WRITERS = {
    "csv": lambda syn, folder, **kw: write_csv(syn, folder, **kw),
    "xlsx": lambda syn, folder, **kw: write_xlsx(syn, folder / "items.csv", **kw),
    "qdpx": lambda syn, folder, **kw: write_qdpx(syn, folder / "items.csv", **kw),
}


def cancel_after(checks: int):
    seen = []

    def cancelled() -> bool:
        seen.append(1)
        return len(seen) > checks
    return cancelled


@pytest.mark.parametrize("kind", sorted(WRITERS))
@pytest.mark.parametrize("when", ["midway", "at the end"])
def test_cancel_leaves_nothing_behind(desk, tmp_path, monkeypatch, kind, when):
    (tmp_path / "items.csv").write_text("an older export", encoding="utf-8")
    if when == "midway":
        monkeypatch.setattr(tables_export, "STEP", 1)
        monkeypatch.setattr(qdpx_export, "STEP", 1)
        cancelled = cancel_after(3)
    else:
        cancelled = lambda: True  # noqa: E731 — the checks between items never come round with a few items
    with pytest.raises(Cancelled, match="nothing was written"):
        WRITERS[kind](desk, tmp_path, cancelled=cancelled)
    assert [p.name for p in tmp_path.iterdir()] == ["items.csv"]
    assert (tmp_path / "items.csv").read_text(encoding="utf-8") == "an older export"


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_missing_folder_is_one_plain_line(desk, tmp_path, kind):
    missing = tmp_path / "gone" / "deeper"  # CSV makes its own folder, but not the folders above it
    with pytest.raises(UserError) as raised:
        WRITERS[kind](desk, missing)
    message = str(raised.value)
    assert "\n" not in message and message == f"The folder {missing} does not exist, so nothing was written."
    assert list(tmp_path.iterdir()) == []


def test_csv_makes_the_folder_it_was_given_when_its_parent_is_there(desk, tmp_path):
    written = write_csv(desk, tmp_path / "new folder")
    assert [p.name for p in written] == ["items.csv", "votes.csv", "themes.csv"]
    assert all(p.parent == tmp_path / "new folder" for p in written)


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_target_that_cannot_be_replaced_is_one_plain_line(desk, tmp_path, kind):
    (tmp_path / "items.csv").mkdir()  # a folder where the file should go: the final move fails
    with pytest.raises(UserError) as raised:
        WRITERS[kind](desk, tmp_path)
    assert "\n" not in str(raised.value) and "nothing was saved" in str(raised.value)
    assert [p.name for p in tmp_path.iterdir()] == ["items.csv"] and (tmp_path / "items.csv").is_dir()


def test_on_windows_a_csv_file_open_in_a_spreadsheet_is_named_and_none_is_replaced(desk, tmp_path, monkeypatch):
    from cafe_desk import platforms

    write_csv(desk, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    votes = tmp_path / "votes.csv"
    # held open, as a spreadsheet holds it on Windows: immutable here, which refuses the move the same way
    if subprocess.run(["chattr", "+i", str(votes)], capture_output=True).returncode:
        pytest.skip("cannot make a file immutable here")
    monkeypatch.setattr(platforms, "CURRENT", platforms.System.WINDOWS)
    try:
        with pytest.raises(UserError) as raised:
            write_csv(desk, tmp_path, SynthesisFilter(text="peer"), csv_for="analysis")
    finally:
        subprocess.run(["chattr", "-i", str(votes)], check=True)
    assert str(raised.value) == "votes.csv is open in another program; close it there and try again. Nothing was saved."
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
