"""`cafe-desk keygen` and `cafe-desk export`, run as real processes; Debian's age opens what export writes."""

from __future__ import annotations

import io
import json
import stat
import subprocess
import zipfile

import pytest

from cafe_desk.export.bundle import open_bundle
from cafe_desk.export.keys import read_identity
from cafe_desk.services import Services
from cafe_desk.settings import Settings
from cafe_desk.storage.store import Store
from tests.conftest import assert_fails, cafe_desk, mental_health_plan
from tests.read_only import read_only_folder


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def cafe(data_dir):
    services = Services.build(Store(Settings(data_dir).db_path))
    try:
        plan = mental_health_plan(services)
        plan.title = "Perth café"
        cafe = services.planning.create(plan)[0]
        table = services.planning.items(cafe.id, "table")[0]
        services.notes.add(cafe.id, table.id, None, "Call Aisha Rahman on 07700 900418")
        services.notes.add(cafe.id, table.id, None, "More benches in the park")
        hidden, _ = services.comments.submit(cafe.id, "Hide me", consent=True)
        services.comments.set_hidden(hidden.id, True)
        return cafe
    finally:
        services.store.close()


@pytest.fixture
def key(tmp_path, data_dir):
    path = tmp_path / "central.key"
    result = cafe_desk("keygen", "--out", str(path), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return path, result.stdout.strip()


def test_keygen_writes_a_private_key_and_prints_its_public_key(key):
    path, public = key
    assert public.startswith("age1") and "\n" not in public
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert str(read_identity(path).to_public()) == public


def test_keygen_refuses_to_overwrite(key, data_dir):
    path, _ = key
    before = path.read_bytes()
    assert_fails(cafe_desk("keygen", "--out", str(path), data_dir=data_dir),
                 f"{path} already exists, so it was left as it is. Choose another file name.")
    assert path.read_bytes() == before


def test_keygen_creates_missing_folders_for_this_account_only(tmp_path, data_dir):
    path = tmp_path / "keys" / "central" / "central.key"
    result = cafe_desk("keygen", "--out", str(path), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert str(read_identity(path).to_public()) == result.stdout.strip()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_keygen_says_when_the_folder_cant_be_created(tmp_path, data_dir):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    path = blocker / "central.key"
    assert_fails(cafe_desk("keygen", "--out", str(path), data_dir=data_dir),
                 f"The folder for {path} could not be created.")


def test_export_to_a_recipient_is_opened_by_debian_age(key, cafe, data_dir, tmp_path):
    path, public = key
    out = tmp_path / "perth.cafe"
    result = cafe_desk("export", cafe.short_code, "--recipient", public, "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (f"Exported “Perth café”: 2 points, 0 comments; no votes; 1 comment left out; 1 name and 1 "
                             f"phone number removed → {out}\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export-")] == []
    plain = subprocess.run(["age", "-d", "-i", str(path), str(out)], capture_output=True, check=True).stdout
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        assert manifest["cafe_id"] == cafe.id and manifest["files"]["notes.jsonl"]["count"] == 2
        assert b"Aisha" not in zf.read("notes.jsonl")
    assert open_bundle(out.read_bytes(), [read_identity(path)])[0] == manifest


def test_export_with_a_passphrase_file(cafe, data_dir, tmp_path):
    secret = tmp_path / "pass.txt"
    secret.write_text("a long shared passphrase\n")
    out = tmp_path / "perth.cafe"
    result = cafe_desk("export", cafe.id, "--passphrase-file", str(secret), "--out", str(out), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert open_bundle(out.read_bytes(), passphrase="a long shared passphrase")[0]["cafe_id"] == cafe.id


def test_unknown_cafe(key, cafe, data_dir, tmp_path):
    out = tmp_path / "x.cafe"
    assert_fails(cafe_desk("export", "NOPE99", "--recipient", key[1], "--out", str(out), data_dir=data_dir),
                 "There is no café 'NOPE99' here. `cafe-desk cafes` lists the ones there are.")
    assert not out.exists()


def test_bad_recipient_and_no_recipient(cafe, data_dir, tmp_path):
    out = tmp_path / "x.cafe"
    assert_fails(cafe_desk("export", cafe.id, "--recipient", "age1oops", "--out", str(out), data_dir=data_dir),
                 "That doesn't look like a public key: it should start with age1…")
    assert_fails(cafe_desk("export", cafe.id, "--out", str(out), data_dir=data_dir),
                 "Say who can open the bundle: --recipient age1… (the central team's public key) or "
                 "--passphrase-file F.")
    assert not out.exists()


def test_missing_output_folder(key, cafe, data_dir, tmp_path):
    out = tmp_path / "nowhere" / "x.cafe"
    assert_fails(cafe_desk("export", cafe.id, "--recipient", key[1], "--out", str(out), data_dir=data_dir),
                 f"The folder for {out} does not exist, so nothing was written.")


def test_a_folder_it_may_not_write_is_named_in_one_line(key, cafe, data_dir, tmp_path):
    with read_only_folder(tmp_path / "shut") as shut:
        assert_fails(cafe_desk("export", cafe.id, "--recipient", key[1], "--out", str(shut / "x.cafe"),
                               data_dir=data_dir),
                     f"Café Desk may not write in {shut}, so nothing was saved; choose another folder, such as "
                     "Documents.")
        assert list(shut.iterdir()) == []


def test_export_to_a_folder_names_the_folder(cafe, key, tmp_path, data_dir):
    folder = tmp_path / "exports"
    folder.mkdir()
    assert_fails(cafe_desk("export", cafe.short_code, "--recipient", key[1], "--out", str(folder), data_dir=data_dir),
                 f"{folder} is a folder; give a file name inside it.")


def test_export_to_a_name_too_long_says_so_with_the_name(cafe, key, tmp_path, data_dir):
    out = tmp_path / ("a" * 300 + ".cafe")
    assert_fails(cafe_desk("export", cafe.short_code, "--recipient", key[1], "--out", str(out), data_dir=data_dir),
                 f"The file name is too long: {out}")
