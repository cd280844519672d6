"""Taking an imported café back out of the central desk (`cafe-desk remove-cafe`), and the café-level filters
choosing the cafés whose votes a data file writes."""

from __future__ import annotations

import csv

import pytest

from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.services import Services
from cafe_desk.settings import Settings
from cafe_desk.storage.store import Store
from tests.central import cafe_at, make_cafe, send
from tests.conftest import assert_fails, cafe_desk


@pytest.fixture
def desk(tmp_path, identity):
    """A central data folder with Perth (votes, a shortlisted quote) and Inverness (coded) imported, and a café of
    the desk's own: (folder, Perth's code, Inverness's code, own code, Perth's file)."""
    laptop_store, central_store = Store(tmp_path / "laptop.sqlite3"), Store(Settings(tmp_path / "central").db_path)
    try:
        laptop, hq = Services.build(laptop_store), Services.build(central_store)
        perth = make_cafe(laptop)
        inverness = cafe_at(laptop, "Inverness café", "2026-04-02", "Inverness", ("Peer workers in every practice",),
                            ("Peer support saved my week",))
        perth_file = tmp_path / "perth.cafe"
        perth_file.write_bytes(laptop.exporting.export_cafe(perth.id, [str(identity.to_public())])[0])
        codes = [hq.cafes.cafe(send(laptop, c, central_store, identity).cafe_id).short_code for c in (perth, inverness)]
        theme = hq.synthesis.create_theme("Peer support")[0]
        items = hq.synthesis.find().items
        hq.synthesis.apply_theme([i.id for i in items], theme.id)
        hq.synthesis.shortlist([i.id for i in items if i.is_quote])
        own = make_cafe(hq, "The desk's own café").short_code
    finally:
        laptop_store.close()
        central_store.close()
    return tmp_path / "central", codes[0], codes[1], own, perth_file


def _central(folder) -> Services:
    return Services.build(Store(Settings(folder).db_path))


def test_without_yes_it_says_what_would_go_and_changes_nothing(desk):
    folder, perth, _inverness, _own, _file = desk
    result = cafe_desk("remove-cafe", perth, data_dir=folder)
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.startswith(f"This would remove “Perth café” ({perth}): ")
    assert "Nothing was changed: add --yes to remove it." in result.stdout
    hq = _central(folder)
    try:
        assert perth in {c.short_code for c in hq.synthesis.cafes()}
    finally:
        hq.store.close()


def test_removing_takes_the_cafe_its_codings_shortlist_votes_and_search_and_keeps_the_rest(desk, identity):
    folder, perth, inverness, _own, perth_file = desk
    hq = _central(folder)
    try:
        before = hq.central_cafes.removal(perth)
        inverness_items = len(hq.synthesis.find(SynthesisFilter(text="peer")).items)
        assert before.items > 0 and before.codings == before.items and before.shortlisted >= 1
    finally:
        hq.store.close()
    result = cafe_desk("remove-cafe", perth, "--yes", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Removed “Perth café” ({perth}): {before.items:,} items, {before.codings:,} "
                                    f"codings and {before.shortlisted:,} shortlisted quote")
    hq = _central(folder)
    try:
        assert {c.short_code for c in hq.synthesis.cafes()} == {inverness}
        assert all(i.cafe_title == "Inverness café" for i in hq.synthesis.find(SynthesisFilter(text="peer")).items)
        assert hq.synthesis.votes() == [] or all(o.cafes == 0 for o in hq.synthesis.votes())
        assert hq.synthesis.themes()[0].name == "Peer support"  # the codebook stays
        assert len(hq.synthesis.find(SynthesisFilter(text="peer")).items) < inverness_items
        assert hq.store.conn.execute("INSERT INTO note_fts(note_fts) VALUES ('integrity-check')") is not None
        # the same file comes in again, as new
        again = hq.importing.import_file(perth_file, [identity])
        assert again.status == "imported"
        assert hq.central_cafes.removal(again.cafe_id).codings == 0
    finally:
        hq.store.close()


def test_what_can_not_be_removed_gets_one_line(desk):
    folder, _perth, _inverness, own, _file = desk
    assert_fails(cafe_desk("remove-cafe", own, "--yes", data_dir=folder),
                 "“The desk's own café” is a café of this laptop, not an imported one; delete it from the Cafés page "
                 "instead.")
    missing = cafe_desk("remove-cafe", "NOPE42", "--yes", data_dir=folder)
    assert missing.returncode == 2 and missing.stderr.startswith("cafe-desk: There is no café 'NOPE42' here.")


def _votes(folder) -> list[dict]:
    with open(folder / "votes.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_data_file_for_one_cafe_writes_that_cafes_votes_only(desk, tmp_path):
    folder, perth, inverness, _own, _file = desk
    every, only_inverness, only_perth = tmp_path / "every", tmp_path / "inverness", tmp_path / "perth"
    for out, args in ((every, ()), (only_inverness, ("--cafe", inverness)), (only_perth, ("--cafe", perth))):
        out.mkdir()
        result = cafe_desk("data", "--format", "csv", "--for", "analysis", "--out", str(out), *args, data_dir=folder)
        assert result.returncode == 0, result.stderr
    perth_votes = [row for row in _votes(every) if row["cafés"] not in ("", "0")]
    assert perth_votes  # Perth's votes are in the file of every café
    assert _votes(only_perth) == _votes(every)  # Inverness has no votes: the same figures
    assert all(row["cafés"] in ("", "0") for row in _votes(only_inverness))
