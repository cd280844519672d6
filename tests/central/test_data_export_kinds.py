"""The data tables as analysis tools and spreadsheets read them: line ends, the two kinds of CSV, and whether each
café's sender could be checked — over real bundles from laptops with keys of their own, read back with csv and
openpyxl."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import openpyxl
import pytest
from nacl.signing import SigningKey

from cafe_desk.central.tables_export import write_csv, write_xlsx
from cafe_desk.core.errors import UserError
from cafe_desk.core.synthesis import CSV_FOR_ANALYSIS as FOR_ANALYSIS
from cafe_desk.core.synthesis import CSV_FOR_SPREADSHEETS as FOR_SPREADSHEETS
from cafe_desk.core.text import export_text
from cafe_desk.export import bundle, signing
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from tests.central import cafe_at, rebuilt
from tests.conftest import exactly

WINDOWS_NOTE = "First line typed on Windows\r\nsecond line\rthird\u2028fourth\u2029fifth"
UNIX_NOTE = "First line typed on Windows\nsecond line\nthird\nfourth\nfifth"
RISKY = ("=SUM(1)", "-5", "@x", "+44 is the code")
CAFES = {  # title -> how its file comes to the desk, and what "sender checked" says
    "Perth café": ("signed, key on the list", "signed"),
    "Dundee café": ("signed, key not on the list", "signed by a key not on the list"),
    "Oban café": ("signed, key revoked", "signer revoked"),
    "Ayr café": ("unsigned", "unsigned"),
}


@pytest.fixture(scope="module")
def desk(tmp_path_factory, identity):
    """Four imported cafés, each from a laptop with its own signing key (or none): the first notes a Windows note
    and formula-like points."""
    folder = tmp_path_factory.mktemp("kinds")
    laptop_store, central_store = Store(folder / "laptop.sqlite3"), Store(folder / "central.sqlite3")
    laptop, hq = Services.build(laptop_store), Services.build(central_store)
    for n, (title, (how, _)) in enumerate(CAFES.items()):
        points = (WINDOWS_NOTE, *RISKY) if n == 0 else (f"A point from {title}",)
        cafe = cafe_at(laptop, title, f"2026-05-0{n + 1}", title.split()[0], points=points)
        if n == 0:  # as an older version stored it (points are now kept with "\n" only)
            with laptop_store.transaction():
                laptop_store.conn.execute("UPDATE note SET text = ? WHERE cafe_id = ? AND text = ?",
                                          [WINDOWS_NOTE, cafe.id, UNIX_NOTE])
        files = laptop.exporting.build(cafe.id).files
        seed = bytes(SigningKey.generate())
        if how == "unsigned":
            files = rebuilt(files, version=1, receipt_secret=None)
        else:
            files = rebuilt(files, seed=seed)
        hq.importing.import_bundle(bundle.seal(bundle.pack(files), [str(identity.to_public())]), [identity])
        if how in ("signed, key on the list", "signed, key revoked"):
            hq.signers.add(signing.public_of(seed), f"Facilitator of {title}")
        if how == "signed, key revoked":
            hq.signers.revoke(signing.fingerprint(signing.public_of(seed)))
    yield hq.synthesis
    laptop_store.close()
    central_store.close()


def read_rows(path: Path, encoding: str) -> list[dict[str, str]]:
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def test_line_ends_are_one_kind_and_invisible_characters_go():
    assert export_text(WINDOWS_NOTE) == UNIX_NOTE
    assert export_text("a\x85b\x0bc\x0cd") == "a\nb\nc\nd"
    assert export_text("\r\n\r\n") == "\n\n"
    assert export_text("nul\x00 bell\x07 Edinburgh\u200b \u202eevil") == "nul bell Edinburgh evil"
    assert export_text("Nothing to change, not even\ttabs") == "Nothing to change, not even\ttabs"


def test_a_windows_note_reaches_the_workbook_with_plain_line_ends(desk, tmp_path):
    assert WINDOWS_NOTE in {i.text for i in desk.find().items}  # the desk holds it as it was typed
    book = openpyxl.load_workbook(write_xlsx(desk, tmp_path / "synthesis.xlsx"))
    sheet = book["Items"]
    header = [c.value for c in sheet[1]]
    texts = [row[header.index("text")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert UNIX_NOTE in texts
    assert not any("_x000D_" in t or "\r" in t for t in texts)
    for text in RISKY:  # typed strings: no guard needed, none added
        assert text in texts
    assert "'=SUM(1)" not in texts


def test_csv_for_spreadsheets_is_guarded_with_a_bom(desk, tmp_path):
    write_csv(desk, tmp_path)  # for spreadsheets unless told otherwise
    assert (tmp_path / "items.csv").read_bytes().startswith(codecs.BOM_UTF8)
    texts = [r["text"] for r in read_rows(tmp_path / "items.csv", "utf-8-sig")]
    for text in RISKY:
        assert "'" + text in texts and text not in texts
    assert UNIX_NOTE in texts


def test_csv_for_analysis_is_exactly_as_typed_without_a_bom(desk, tmp_path):
    write_csv(desk, tmp_path, csv_for=FOR_ANALYSIS)
    for name in ("items.csv", "votes.csv", "themes.csv"):
        data = (tmp_path / name).read_bytes()
        assert not data.startswith(codecs.BOM_UTF8)
        data.decode("utf-8")  # UTF-8 throughout
    rows = read_rows(tmp_path / "items.csv", "utf-8")
    assert next(iter(rows[0])) == "item id"  # no BOM glued to the first column's name
    texts = [r["text"] for r in rows]
    for text in RISKY:
        assert text in texts and "'" + text not in texts
    assert UNIX_NOTE in texts and not any("\r" in t for t in texts)
    with open(tmp_path / "items.csv", "rb") as f:
        assert f.readline().endswith(b"\r\n")  # RFC 4180 records


def test_an_unknown_kind_of_csv_is_one_line(desk, tmp_path):
    with pytest.raises(UserError, match=exactly(
            "CSV is written for spreadsheets or for analysis tools, not for 'excel'.")):
        write_csv(desk, tmp_path, csv_for="excel")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("csv_for", [FOR_SPREADSHEETS, FOR_ANALYSIS])
def test_each_row_says_whether_its_sender_was_checked(desk, tmp_path, csv_for):
    write_csv(desk, tmp_path, csv_for=csv_for)
    encoding = "utf-8-sig" if csv_for == FOR_SPREADSHEETS else "utf-8"
    items = read_rows(tmp_path / "items.csv", encoding)
    expected = {title: said for title, (_, said) in CAFES.items()}
    assert {r["café"]: r["sender checked"] for r in items} == expected
    assert len(items) == desk.find().total
    themes = read_rows(tmp_path / "themes.csv", encoding)
    assert all(r["sender checked"] == expected[r["café"]] for r in themes if r["café"])


def test_the_workbook_says_whether_each_sender_was_checked(desk, tmp_path):
    book = openpyxl.load_workbook(write_xlsx(desk, tmp_path / "synthesis.xlsx"))
    rows = list(book["Items"].iter_rows(values_only=True))
    header = list(rows[0])
    assert header[-1] == "sender checked"
    said = {row[header.index("café")]: row[-1] for row in rows[1:]}
    assert said == {title: check for title, (_, check) in CAFES.items()}


def test_revoking_a_key_later_shows_in_the_next_export(desk, tmp_path):
    perth = next(c for c in desk.cafes() if c.title == "Perth café")
    assert desk.sender_checks()[perth.id] == "signed"
    signers = Services.build(desk.store).signers
    key = next(s for s in signers.cafes() if s.cafe_id == perth.id).signer
    signers.revoke(key.fingerprint)
    try:
        write_csv(desk, tmp_path, csv_for=FOR_ANALYSIS)
        perth_rows = [r for r in read_rows(tmp_path / "items.csv", "utf-8") if r["café"] == "Perth café"]
        assert perth_rows and {r["sender checked"] for r in perth_rows} == {"signer revoked"}
    finally:
        signers.unrevoke(key.fingerprint)
