"""`cafe-desk import`, run as a real process with a real key file: one line per bundle, status 2 if any was refused."""

from __future__ import annotations

import os
import shutil

import pytest

from cafe_desk.commands import import_cafes
from cafe_desk.export import keys
from cafe_desk.export.bundle import NOT_A_BUNDLE, WRONG_KEY
from cafe_desk.services import Services, bundle_intake
from cafe_desk.settings import Settings
from cafe_desk.storage.store import Store
from tests.central import make_cafe, snapshot
from tests.conftest import CODED, cafe_desk, coded
from tests.on_a_terminal import left_on_screen, run_on_a_terminal
from tests.stopped_part_way import stopped


@pytest.fixture
def bundles(tmp_path):
    """(key file, a good bundle, a file that is not a bundle, the fingerprint of the key that signed the bundle)."""
    key = tmp_path / "central.key"
    public = keys.write_identity(key)
    store = Store(tmp_path / "facilitator.sqlite3")
    try:
        services = Services.build(store)
        cafe = make_cafe(services)
        good = tmp_path / "perth.cafe"
        good.write_bytes(services.exporting.export_cafe(cafe.id, [public])[0])
        signer = services.signing_key.fingerprint()
    finally:
        store.close()
    bad = tmp_path / "notes.cafe"
    bad.write_text("These are my notes, not a bundle.\n", encoding="utf-8")
    return key, good, bad, signer


def test_import_reports_each_file_and_exits_2_when_one_is_refused(tmp_path, bundles):
    key, good, bad, signer = bundles
    data = tmp_path / "central"
    result = cafe_desk("import", "--identity", str(key), str(good), str(bad), data_dir=data)
    assert (result.returncode, coded(result.stdout), result.stderr) == (
        2, f"Imported “Perth café”{CODED}signed by {signer}, not on the list\n",
        f"Refused {bad}: {NOT_A_BUNDLE}\nDone: 1 of 2 files imported, 1 refused.\n")
    store = Store(Settings(data).db_path)
    try:
        cafes = Services.build(store).cafes.list()
        assert [(c.title, c.state, c.points, c.comments) for c in cafes] == [("Perth café", "closed", 2, 1)]
        before = snapshot(store)
    finally:
        store.close()
    again = cafe_desk("import", "--identity", str(key), str(good), data_dir=data)
    assert (again.returncode, again.stdout, again.stderr) == (
        0, "Already imported: “Perth café” — nothing changed\n", "")
    store = Store(Settings(data).db_path)
    try:
        assert snapshot(store) == before
    finally:
        store.close()


def test_a_bundle_for_another_key_is_refused(tmp_path, bundles):
    _, good, _, _ = bundles
    other = tmp_path / "other.key"
    keys.write_identity(other)
    result = cafe_desk("import", "--identity", str(other), str(good), data_dir=tmp_path / "central")
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"Refused {good}: {WRONG_KEY}\n")


def test_a_missing_key_file_stops_before_any_bundle(tmp_path, bundles):
    _, good, _, _ = bundles
    missing = tmp_path / "nowhere.key"
    result = cafe_desk("import", "--identity", str(missing), str(good), data_dir=tmp_path / "central")
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"cafe-desk: There is no key file at {missing}.\n")


def test_a_file_locked_with_a_passphrase_says_so_and_opens_with_the_passphrase(tmp_path, bundles):
    key, good, _, signer = bundles
    store = Store(tmp_path / "facilitator.sqlite3")
    try:
        services = Services.build(store)
        cafe = services.cafes.list()[0]
        locked = tmp_path / "locked.cafe"
        locked.write_bytes(services.exporting.export_cafe(cafe.id, [], "secret pass")[0])
    finally:
        store.close()
    data = tmp_path / "central"
    refused = cafe_desk("import", "--identity", str(key), str(locked), str(good), data_dir=data)
    assert (refused.returncode, refused.stderr) == (2, (
        f"Refused {locked}: This file was locked with a passphrase, not to the central team's key, so it was not "
        "imported; ask the facilitator to export it again to the central team's key (age1…), or for its "
        "passphrase. Once you have it: cafe-desk import --passphrase-file F FILE\n"
        "Done: 1 of 2 files imported, 1 refused.\n"))
    assert coded(refused.stdout) == f"Imported “Perth café”{CODED}signed by {signer}, not on the list\n"

    passphrase = tmp_path / "pass.txt"
    passphrase.write_text("wrong\n", encoding="utf-8")
    wrong = cafe_desk("import", "--passphrase-file", str(passphrase), str(locked), data_dir=data)
    assert (wrong.returncode, wrong.stderr) == (2, f"Refused {locked}: That passphrase does not open this file.\n")
    passphrase.write_text("secret pass\n", encoding="utf-8")
    opened = cafe_desk("import", "--passphrase-file", str(passphrase), "--identity", str(key), str(good),
                       str(locked), data_dir=tmp_path / "central2")
    assert opened.returncode == 0, opened.stderr
    assert coded(opened.stdout).splitlines()[0] == f"Imported “Perth café”{CODED}signed by {signer}, not on the list"
    assert opened.stdout.splitlines()[1].startswith("Replaced an older export of “Perth café” — signed by ")


def test_a_key_locked_file_without_the_key_says_which_it_needs(tmp_path, bundles):
    _, good, _, _ = bundles
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text("secret pass\n", encoding="utf-8")
    result = cafe_desk("import", "--passphrase-file", str(passphrase), str(good), data_dir=tmp_path / "central")
    assert (result.returncode, result.stderr) == (2, (
        f"Refused {good}: This file was locked to a key, not with a passphrase, so it was not imported; import it "
        "with the central team's key (cafe-desk import --identity KEY).\n"))
    neither = cafe_desk("import", str(good), data_dir=tmp_path / "central")
    assert (neither.returncode, neither.stdout, neither.stderr) == (
        2, "", "cafe-desk: Give the central team's key file (--identity KEY), or --passphrase-file F for files "
               "locked with a passphrase.\n")


def test_a_pipe_or_a_device_among_the_files_is_refused_and_the_rest_come_in(tmp_path, bundles):
    key, good, _, signer = bundles
    pipe = tmp_path / "pipe.cafe"
    os.mkfifo(pipe)
    result = cafe_desk("import", "--identity", str(key), str(pipe), "/dev/null", str(good),
                       data_dir=tmp_path / "central")
    assert (result.returncode, coded(result.stdout)) == (
        2, f"Imported “Perth café”{CODED}signed by {signer}, not on the list\n")
    assert result.stderr.splitlines() == [
        *(f"Refused {name}: This is not a file (a device or a pipe, say), so nothing was read from it."
          for name in (pipe, "/dev/null")), "Done: 1 of 3 files imported, 2 refused."]


def test_a_file_name_that_is_not_utf8_is_still_imported(tmp_path, bundles):
    key, good, bad, signer = bundles
    latin = tmp_path / os.fsdecode(b"caf\xe9.cafe")
    latin.write_bytes(good.read_bytes())
    broken = tmp_path / os.fsdecode(b"not\xe9s.cafe")
    broken.write_bytes(bad.read_bytes())
    result = cafe_desk("import", "--identity", str(key), str(latin), str(broken), data_dir=tmp_path / "central")
    assert (result.returncode, coded(result.stdout)) == (
        2, f"Imported “Perth café”{CODED}signed by {signer}, not on the list\n")
    assert result.stderr == (f"Refused {tmp_path}/not?s.cafe: This is not a café file from Café Desk (it may be "
                             "damaged, or another kind of file): ask the facilitator to send it again.\n"
                             "Done: 1 of 2 files imported, 1 refused.\n")


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_ctrl_c_part_way_finishes_the_file_it_is_on_and_says_how_far_the_import_got(tmp_path, bundles):
    key, good, bad, signer = bundles
    later = tmp_path / "later.cafe"
    shutil.copy(good, later)
    data = tmp_path / "central"
    result = stopped("INT", bad.name, "import", "--identity", str(key), str(good), str(bad), str(later),
                     data_dir=data)
    assert (result.returncode, coded(result.stdout), result.stderr) == (
        130, f"Imported “Perth café”{CODED}signed by {signer}, not on the list\n",
        f"Refused {bad}: {NOT_A_BUNDLE}\n"
        "Stopped after 2 of 3 files (1 imported, 1 refused). Those imported stay imported; the other 1 file was "
        "not touched.\n")
    store = Store(Settings(data).db_path)
    try:
        assert [c.title for c in Services.build(store).cafes.list()] == ["Perth café"]
    finally:
        store.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("sent", ["INT", "TERM"])
def test_a_second_stop_stops_at_once_and_leaves_every_cafe_whole(tmp_path, bundles, sent):
    key, good, bad, signer = bundles
    data = tmp_path / "central"
    result = stopped(f"{sent}*2", bad.name, "import", "--identity", str(key), str(good), str(bad), data_dir=data)
    status = {"INT": 130, "TERM": 143}[sent]
    assert (result.returncode, result.stderr) == (status, f"{import_cafes.STOPPED_AT_ONCE}\n")
    assert coded(result.stdout) in ("", f"Imported “Perth café”{CODED}signed by {signer}, not on the list\n")
    store = Store(Settings(data).db_path)
    try:
        assert [(c.title, c.points, c.comments) for c in Services.build(store).cafes.list()] in (
            [], [("Perth café", 2, 1)])
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store.conn.execute("INSERT INTO note_fts (note_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        store.close()
    again = cafe_desk("import", "--identity", str(key), str(good), data_dir=data)
    assert again.returncode == 0 and again.stderr == ""
    store = Store(Settings(data).db_path)
    try:
        assert [(c.title, c.points, c.comments) for c in Services.build(store).cafes.list()] == [
            ("Perth café", 2, 1)]
    finally:
        store.close()


def test_many_files_some_locked_with_a_passphrase_come_in_with_one_line_each_in_order(tmp_path, bundles):
    # enough files for the import to read ahead in another process, which is given the passphrase too
    key, _, bad, signer = bundles
    store = Store(tmp_path / "facilitator.sqlite3")
    try:
        services = Services.build(store)
        made = [make_cafe(services) for _ in range(bundle_intake.READ_AHEAD_FROM + 2)]
        public = str(keys.read_identity(key).to_public())
        files = []
        for number, cafe in enumerate(made):
            path = tmp_path / f"cafe-{number:02}.cafe"
            locked = number in (3, 7)
            path.write_bytes(services.exporting.export_cafe(cafe.id, [] if locked else [public],
                                                            "secret pass" if locked else None)[0])
            files.append(path)
    finally:
        store.close()
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text("secret pass\n", encoding="utf-8")
    data = tmp_path / "central"
    result = cafe_desk("import", "--identity", str(key), "--passphrase-file", str(passphrase),
                       *map(str, files[:5]), str(bad), *map(str, files[5:]), data_dir=data)
    assert (result.returncode, result.stderr) == (
        2, f"Refused {bad}: {NOT_A_BUNDLE}\nDone: {len(files)} of {len(files) + 1} files imported, 1 refused.\n")
    assert coded(result.stdout) == f"Imported “Perth café”{CODED}signed by {signer}, not on the list\n" * len(files)
    store = Store(Settings(data).db_path)
    try:
        assert len(Services.build(store).cafes.list()) == len(files)
    finally:
        store.close()


def test_without_identity_the_key_file_the_central_page_uses_opens_the_files(tmp_path, bundles):
    key, good, _, signer = bundles
    data = tmp_path / "central"
    store = Store(Settings(data).db_path)
    try:
        Services.build(store).central_keys.remember_key_path(key)  # chosen on the Central page
    finally:
        store.close()
    result = cafe_desk("import", str(good), data_dir=data)
    assert (result.returncode, coded(result.stdout), result.stderr) == (
        0, f"Imported “Perth café”{CODED}signed by {signer}, not on the list\n", "")


def test_without_identity_central_key_in_the_data_folder_opens_the_files(tmp_path, bundles):
    key, good, _, signer = bundles
    data = tmp_path / "central"
    data.mkdir()
    shutil.copy(key, data / "central.key")
    result = cafe_desk("import", str(good), data_dir=data)
    assert (result.returncode, coded(result.stdout)) == (
        0, f"Imported “Perth café”{CODED}signed by {signer}, not on the list\n")


@pytest.mark.skipif(os.name != "posix", reason="a terminal made with pty")
def test_on_a_terminal_a_line_says_which_file_is_being_imported_and_is_cleared_for_the_results(tmp_path, bundles):
    key, good, bad, signer = bundles
    later = tmp_path / "later.cafe"
    shutil.copy(good, later)
    result, text = run_on_a_terminal(tmp_path / "central", "import", "--identity", str(key), str(good), str(bad),
                                     str(later))
    assert result.returncode == 2
    assert coded(result.stdout.decode("utf-8")) == (
        f"Imported “Perth café”{CODED}signed by {signer}, not on the list\n"
        f"Already imported: “Perth café” — nothing changed\n")
    assert "\rImporting file 1 of 3…" in text and "\rImporting file 3 of 3…" in text
    # what is left on the terminal: the refusal and the count, no progress line
    assert left_on_screen(text) == [f"Refused {bad}: {NOT_A_BUNDLE}",
                                    "Done: 1 of 3 files imported, 1 already at the desk, 1 refused."]
