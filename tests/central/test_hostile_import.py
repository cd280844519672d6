"""`cafe-desk import` against hostile bundles, run as a real process with a real key: each bad file is refused with
its own one line before anything is written, the good bundle in the same batch is imported, and the exit status is 2.
Text from a bundle is printed without escape sequences or bidi overrides."""

from __future__ import annotations

import json
import os
import re

import pytest

from cafe_desk.central import bundle_checks
from cafe_desk.export import keys
from cafe_desk.services import Services
from cafe_desk.settings import Settings
from cafe_desk.storage.store import Store
from tests.central import make_cafe
from tests.central.hostile import edit_json, edit_notes, rebuilt, replace_bytes, sealed
from tests.conftest import CODED, cafe_desk, coded

SHAPE = "{name} is not in the expected shape ({detail}), so nothing was imported."


def _first_minutes(value):
    def edit(prompts):
        prompts[0]["minutes"] = value
    return edit_json("prompts.json", edit)


def _first_paper(counts):
    def edit(votes):
        votes["outcomes"][0]["paper"] = counts
    return edit_json("votes.json", edit)


def _huge_note(rows):
    rows[0]["text"] = os.urandom(10 * 2**20).hex()  # 20 MB that does not pack small (a 40 MB one is over the file cap)


def _many_notes(rows):
    first = rows[0]
    rows[:] = [{**first, "id": f"note-{n}"} for n in range(bundle_checks.MAX_ITEMS + 1)]


#: name → (the change, whether `age -r` encrypts it, the reason it is refused)
HOSTILE = {
    "digits": (replace_bytes("cafe.json", b'"dots_per_person": 3', b'"dots_per_person": ' + b"7" * 5000), False,
               SHAPE.format(name="cafe.json", detail="a number has more than 20 digits")),
    "nan": (_first_minutes(float("nan")), False,
            SHAPE.format(name="prompts.json", detail="it holds NaN or Infinity, which are not numbers")),
    "infinity": (_first_paper({"0": float("inf")}), False,
                 SHAPE.format(name="votes.json", detail="it holds NaN or Infinity, which are not numbers")),
    "minutes": (_first_minutes(1e308), True,
                SHAPE.format(name="prompts.json", detail="a round's length is not a sensible number of minutes")),
    "nested": (replace_bytes("themes.json", b'"description": ""', b'"description": ' + b"[" * 60_000 + b"]" * 60_000),
               True, SHAPE.format(name="themes.json", detail="it is nested more than 16 levels deep")),
    "level": (_first_paper({"²": 3}), False,
              SHAPE.format(name="votes.json", detail="a vote level ('²') is not one Café Desk writes")),
    "count": (_first_paper({"0": 2**63 + 7}), False,
              SHAPE.format(name="votes.json", detail="a count is below zero or far too large")),
    "note": (edit_notes(_huge_note), False,
             "notes.jsonl line 1 is far longer than any note's record can be, so nothing was imported."),
    "items": (edit_notes(_many_notes), False, bundle_checks.TOO_MANY),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """(key file, good bundle, {name: hostile file}) made from one real café's export."""
    folder = tmp_path_factory.mktemp("batch")
    key = folder / "central.key"
    public = keys.write_identity(key)
    store = Store(folder / "facilitator.sqlite3")
    try:
        services = Services.build(store)
        cafe = make_cafe(services)
        good = folder / "good.cafe"
        good.write_bytes(services.exporting.export_cafe(cafe.id, [public])[0])
        bad = {}
        for name, (change, age_cli, _) in HOSTILE.items():
            bad[name] = folder / f"{name}.cafe"
            bad[name].write_bytes(sealed(rebuilt(services, cafe.id, change), public, age_cli=age_cli))
    finally:
        store.close()
    bad["oversized"] = folder / "oversized.cafe"
    with bad["oversized"].open("wb") as f:  # sparse: as large as it says without taking the disk space
        f.write(b"age-encryption.org/v1\n")
        f.truncate(bundle_checks.MAX_FILE_BYTES + 1)
    return key, good, bad


def test_a_batch_imports_the_good_bundle_and_refuses_each_hostile_one_with_its_own_line(tmp_path, batch):
    key, good, bad = batch
    names = list(bad)
    paths = [str(bad[n]) for n in names[:4]] + [str(good)] + [str(bad[n]) for n in names[4:]]
    result = cafe_desk("import", "--identity", str(key), *paths, data_dir=tmp_path / "central")
    expected = {**{n: reason for n, (_, _, reason) in HOSTILE.items()}, "oversized": bundle_checks.TOO_LARGE}
    assert result.returncode == 2
    assert SIGNED.fullmatch(coded(result.stdout.rstrip("\n"))), result.stdout
    assert result.stderr.splitlines() == [*(f"Refused {bad[n]}: {expected[n]}" for n in names),
                                          f"Done: 1 of {len(paths)} files imported, {len(names)} refused."]
    store = Store(Settings(tmp_path / "central").db_path)
    try:
        cafes = Services.build(store).cafes.list()
        assert [(c.title, c.points, c.comments, c.notes) for c in cafes] == [("Perth café", 2, 1, 3)]
    finally:
        store.close()


def test_all_good_exits_0(tmp_path, batch):
    key, good, _ = batch
    result = cafe_desk("import", "--identity", str(key), str(good), data_dir=tmp_path / "central")
    assert (result.returncode, result.stderr) == (0, "")


def test_the_app_batch_refuses_the_same_files_and_goes_on(central, batch):
    key, good, bad = batch
    run = central.importing.import_files([bad["nested"], good, bad["level"]], key)
    assert (run.imported, run.refused) == (1, 2)
    assert run.lines[0] == f"Refused nested.cafe: {HOSTILE['nested'][2]}"
    assert SIGNED.fullmatch(coded(run.lines[1])), run.lines[1]
    assert run.lines[2:] == [f"Refused level.cafe: {HOSTILE['level'][2]}"]


#: what importing the good bundle says: the laptop's own key signed it, and the desk has no name for that key yet
SIGNED = re.compile("Imported “Perth café”" + re.escape(CODED) + r"signed by [0-9a-f]{4}( [0-9a-f]{4}){3}, "
                    r"not on the list")

TITLE = "Perth \x1b[2J\x1b[31mcafé\x1b[0m \u202egnp.exe\u202c\x07"


def test_a_title_with_escapes_and_a_bidi_override_is_printed_clean(tmp_path, services):
    key = tmp_path / "central.key"
    public = keys.write_identity(key)
    cafe = make_cafe(services)

    def title(info):
        info["title"] = TITLE
    path = tmp_path / "styled.cafe"
    path.write_bytes(sealed(rebuilt(services, cafe.id, edit_json("cafe.json", title)), public))
    data = tmp_path / "central"
    imported = cafe_desk("import", "--identity", str(key), str(path), data_dir=data)
    assert (imported.returncode, imported.stderr) == (0, "")
    assert coded(imported.stdout).startswith(f"Imported “Perth café gnp.exe”{CODED}signed by ")
    listed = cafe_desk("cafes", data_dir=data)
    assert listed.returncode == 0 and "  Perth café gnp.exe  (" in listed.stdout
    again = cafe_desk("import", "--identity", str(key), str(path), data_dir=data)
    assert again.stdout == "Already imported: “Perth café gnp.exe” — nothing changed\n"
    as_json = cafe_desk("cafes", "--json", data_dir=data)
    assert json.loads(as_json.stdout)[0]["title"] == TITLE  # the value itself is kept, only escaped for the terminal
    for output in (imported.stdout, listed.stdout, again.stdout, as_json.stdout):
        assert not any(ch in output for ch in "\x1b\x07\u202e\u202c")
    status = cafe_desk("status", json.loads(as_json.stdout)[0]["short_code"], data_dir=data)
    assert status.returncode == 0 and "\x1b" not in status.stdout and "\u202e" not in status.stdout


def test_a_laptop_code_that_is_not_a_short_code_is_neither_kept_nor_shown(tmp_path, services):
    key = tmp_path / "central.key"
    public = keys.write_identity(key)
    cafe = make_cafe(services)

    def odd_code(files, manifest):
        manifest["cafe_code"] = "\x1b[31mRSQ\u202eUYJ" * 500
    path = tmp_path / "odd-code.cafe"
    path.write_bytes(sealed(rebuilt(services, cafe.id, odd_code), public))
    data = tmp_path / "central"
    imported = cafe_desk("import", "--identity", str(key), str(path), data_dir=data)
    assert imported.returncode == 0 and "on the facilitator's laptop" not in imported.stdout
    listed = json.loads(cafe_desk("cafes", "--json", data_dir=data).stdout)
    assert listed[0]["source_short_code"] in ("", None)
    store = Store(Settings(data).db_path)
    try:
        kept = store.conn.execute("SELECT manifest FROM import_record").fetchone()[0]
    finally:
        store.close()
    assert "RSQ" not in kept, "the desk keeps only a code it has read and checked"
