"""`cafe-desk data`, run as a real process on a central data folder holding real imported bundles: each format, the
Synthesis page's filters and search, and folders it can't use (missing, read-only), each one line with nothing left
behind."""

from __future__ import annotations

import codecs
import contextlib
import csv
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from cafe_desk.core.counts import counted
from cafe_desk.services import Services
from cafe_desk.settings import ENV_DATA, Settings
from cafe_desk.storage.store import Store
from tests.central import cafe_at, make_cafe, send
from tests.conftest import assert_fails, cafe_desk
from tests.on_a_terminal import left_on_screen, run_on_a_terminal
from tests.stopped_part_way import stopped

ROOT = Path(__file__).resolve().parents[2]
RISKY = ("=SUM(1)", "-5", "@x")


def ok(result) -> str:
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def desk(tmp_path_factory, identity):
    """A central data folder: Perth and Inverness imported, Inverness's points coded "Peer support"; a café of the
    desk's own (not imported). Returns (folder, {title: short code here}, the desk's own café's code)."""
    base = tmp_path_factory.mktemp("data-cli")
    laptop_store, central_store = Store(base / "laptop.sqlite3"), Store(Settings(base / "central").db_path)
    try:
        laptop, hq = Services.build(laptop_store), Services.build(central_store)
        perth = make_cafe(laptop)
        inverness = cafe_at(laptop, "Inverness café", "2026-04-02", "Inverness",
                            ("Peer workers in every GP practice", *RISKY))
        codes = {}
        for cafe in (perth, inverness):
            codes[cafe.title] = hq.cafes.cafe(send(laptop, cafe, central_store, identity).cafe_id).short_code
        theme = hq.synthesis.create_theme("Peer support")[0]
        hq.synthesis.apply_theme([i.id for i in hq.synthesis.find().items if i.cafe_title == "Inverness café"],
                                 theme.id)
        own = make_cafe(hq, "The desk's own café").short_code
    finally:
        laptop_store.close()
        central_store.close()
    return base / "central", codes, own


def rows(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def test_csv_for_spreadsheets_by_default_and_for_analysis_when_asked(desk, tmp_path):
    folder, _, _ = desk
    sheets, plain = tmp_path / "sheets", tmp_path / "plain"
    sheets.mkdir()
    plain.mkdir()
    assert ok(cafe_desk("data", "--format", "csv", "--out", str(sheets), data_dir=folder)) == (
        "Saved items.csv, votes.csv and themes.csv in sheets: 7 items.\n")
    assert sorted(p.name for p in sheets.iterdir()) == ["items.csv", "themes.csv", "votes.csv"]
    assert (sheets / "items.csv").read_bytes().startswith(codecs.BOM_UTF8)
    guarded = [r["text"] for r in rows(sheets / "items.csv")]
    assert all("'" + t in guarded for t in RISKY) and len(guarded) == 2 + 1 + 1 + len(RISKY)

    ok(cafe_desk("data", "--format", "csv", "--for", "analysis", "--out", str(plain), data_dir=folder))
    assert not (plain / "items.csv").read_bytes().startswith(codecs.BOM_UTF8)
    texts = [r["text"] for r in rows(plain / "items.csv", "utf-8")]
    assert all(t in texts for t in RISKY) and not any(t.startswith("'") for t in texts)
    assert {r["sender checked"] for r in rows(plain / "items.csv", "utf-8")} == {"signed by a key not on the list"}


def test_a_workbook_and_a_qdpx(desk, tmp_path):
    folder, _, _ = desk
    book = tmp_path / "synthesis.xlsx"
    assert ok(cafe_desk("data", "--format", "xlsx", "--out", str(book), data_dir=folder)) == (
        "Saved synthesis.xlsx: 7 items.\n")
    assert openpyxl.load_workbook(book).sheetnames == ["Items", "Votes", "Themes", "About these columns"]
    project = tmp_path / "synthesis.qdpx"
    assert ok(cafe_desk("data", "--format", "qdpx", "--out", str(project), data_dir=folder)) == (
        "Saved synthesis.qdpx: 7 items.\n")
    assert "project.qde" in zipfile.ZipFile(project).namelist()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["synthesis.qdpx", "synthesis.xlsx"]


@pytest.mark.parametrize("kind", ["xlsx", "qdpx"])
def test_a_file_name_typed_without_its_ending_gets_it(desk, tmp_path, kind):
    folder, _, _ = desk
    assert ok(cafe_desk("data", "--format", kind, "--out", str(tmp_path / "all"), data_dir=folder)) == (
        f"Saved all.{kind}: 7 items.\n")
    assert [p.name for p in tmp_path.iterdir()] == [f"all.{kind}"]
    ok(cafe_desk("data", "--format", kind, "--out", str(tmp_path / f"ALL.{kind.upper()}"), data_dir=folder))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"all.{kind}", f"ALL.{kind.upper()}"])


def test_the_page_s_filters_and_search(desk, tmp_path):
    folder, codes, _ = desk
    for name, args, expected in (
        ("cafe", ["--cafe", codes["Perth café"].lower()], {"Perth café"}),
        ("text", ["--text", "peer"], {"Peer workers in every GP practice", "Peer support groups helped me most"}),
        ("theme", ["--theme", "peer SUPPORT", "--from", "2026-04-01"], {"Peer workers in every GP practice", *RISKY}),
        ("nothing", ["--text", "peer", "--to", "2000-01-01"], set()),
    ):
        out = tmp_path / name
        out.mkdir()
        result = cafe_desk("data", "--format", "csv", "--for", "analysis", "--out", str(out), *args, data_dir=folder)
        said = result.stdout
        empty = ("Nothing matches “peer” with --to 2000-01-01: try it with fewer of those options, or check the "
                 "spelling, or try fewer words or a word start like recov*.\n")
        assert (result.returncode, result.stderr) == (0, "" if expected else empty)
        found = rows(out / "items.csv", "utf-8")
        assert said == (f"Saved items.csv, votes.csv and themes.csv in {name}: {counted(len(found), 'item')}, those "
                        "matching the search and filters.\n")
        if name == "cafe":
            assert {r["café"] for r in found} == expected and len(found) == 3
        else:
            assert {r["text"] for r in found} == expected


@pytest.mark.skipif(os.name != "posix", reason="a terminal made with pty")
def test_on_a_terminal_a_line_says_it_is_saving_and_is_cleared_when_done(desk, tmp_path):
    folder, _, _ = desk
    result, text = run_on_a_terminal(folder, "data", "--format", "xlsx", "--out", str(tmp_path / "all"))
    assert (result.returncode, result.stdout.decode("utf-8")) == (0, "Saved all.xlsx: 7 items.\n")
    assert text.startswith("\rSaving all.xlsx…") and left_on_screen(text) == []


@pytest.mark.parametrize(("args", "message"), [
    (["--cafe", "NOSUCH"], "There is no café 'NOSUCH' here. An imported café gets a short code of its own at the "
                           "central desk: `cafe-desk cafes` lists them (the café's long id from the facilitator's "
                           "laptop works too)."),
    (["--theme", "Transport"],
     "There is no theme called “Transport” in the codebook (the Synthesis page lists its themes)."),
    (["--from", "1 April"], "--from takes a date as YYYY-MM-DD, such as 2026-03-14, not '1 April'."),
])
def test_filters_it_can_t_follow_are_one_line(desk, tmp_path, args, message):
    folder, _, _ = desk
    assert_fails(cafe_desk("data", "--format", "csv", "--out", str(tmp_path), *args, data_dir=folder), message)
    assert list(tmp_path.iterdir()) == []


def test_the_desk_s_own_cafe_is_not_in_the_synthesis(desk, tmp_path):
    folder, _, own = desk
    assert_fails(cafe_desk("data", "--format", "xlsx", "--out", str(tmp_path / "a.xlsx"), "--cafe", own,
                           data_dir=folder),
                 "“The desk's own café” is a café of this laptop, not an imported one, so the Synthesis holds none "
                 "of it; `cafe-desk cafes --json` says which cafés were imported.")
    assert list(tmp_path.iterdir()) == []


def test_paths_it_can_t_use_are_one_line(desk, tmp_path):
    folder, _, _ = desk
    missing = tmp_path / "gone"
    assert_fails(cafe_desk("data", "--format", "csv", "--out", str(missing / "deeper"), data_dir=folder),
                 f"The folder {missing / 'deeper'} does not exist, so nothing was written.")
    assert_fails(cafe_desk("data", "--format", "xlsx", "--out", str(missing / "a.xlsx"), data_dir=folder),
                 f"The folder {missing} does not exist, so nothing was written.")
    assert_fails(cafe_desk("data", "--format", "xlsx", "--out", str(tmp_path), data_dir=folder),
                 f"{tmp_path} is a folder; give a file name inside it.")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("keep me", encoding="utf-8")
    assert_fails(cafe_desk("data", "--format", "csv", "--out", str(a_file), data_dir=folder),
                 f"{a_file} is a file; CSV export writes items.csv, votes.csv and themes.csv into a folder: give a "
                 "folder.")
    assert_fails(cafe_desk("data", "--format", "xlsx", "--for", "analysis", "--out", str(tmp_path / "a.xlsx"),
                           data_dir=folder),
                 "--for applies to CSV only: a workbook and a .qdpx hold every text exactly as typed.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
@pytest.mark.parametrize(("kind", "name"), [("csv", None), ("xlsx", "synthesis.xlsx"), ("qdpx", "synthesis.qdpx")])
def test_a_read_only_folder_is_one_line_and_nothing_is_left(desk, tmp_path, kind, name):
    folder, _, _ = desk
    shut = tmp_path / "shut"
    shut.mkdir()
    (shut / "kept.txt").write_text("already here", encoding="utf-8")
    shut.chmod(0o555)
    out = shut if name is None else shut / name
    # root writes anywhere: without its right to override file modes, it is held to them as anyone else is
    root = os.geteuid() == 0
    if root and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv to give up the right to override file modes")
    prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if root else []
    env = {**{k: v for k, v in os.environ.items() if k != ENV_DATA}, "PYTHONIOENCODING": "utf-8"}
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "cafe_desk", "--data-dir", str(folder), "data",
                                 "--format", kind, "--out", str(out)], capture_output=True, text=True,
                                encoding="utf-8", env=env, cwd=ROOT, timeout=60)
    finally:
        shut.chmod(0o755)
    assert_fails(result, f"The export could not be written in {shut} (Permission denied); nothing was saved.")
    assert [p.name for p in shut.iterdir()] == ["kept.txt"]


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a small file system of its own, filled up (a tmpfs: mounting one needs root)."""
    folder = tmp_path / "full"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
                                           capture_output=True).returncode:
        pytest.skip("can't mount a small file system here to fill up")
    try:
        with open(folder / "filler", "wb", buffering=0) as f, contextlib.suppress(OSError):
            while True:
                f.write(b"x" * 4096)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


@pytest.mark.parametrize(("kind", "name"), [("csv", None), ("xlsx", "synthesis.xlsx"), ("qdpx", "synthesis.qdpx")])
def test_a_full_disk_is_one_line_and_nothing_is_left(desk, full_disk, kind, name):
    folder, _, _ = desk
    out = full_disk if name is None else full_disk / name
    result = cafe_desk("data", "--format", kind, "--out", str(out), data_dir=folder)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1 and "No space left on device" in result.stderr, result.stderr
    assert "nothing was saved" in result.stderr
    assert [p.name for p in full_disk.iterdir()] == ["filler"]


# --- stopped or killed part way, and one file of a set that can't be replaced ----------------------------------------

UNFINISHED = ".cafe-desk-unfinished-"
POSIX_SIGNALS = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


@POSIX_SIGNALS
@pytest.mark.parametrize("sent", ["TERM", "INT"])
@pytest.mark.parametrize(("kind", "name"), [("csv", None), ("xlsx", "synthesis.xlsx"), ("qdpx", "synthesis.qdpx")])
def test_an_export_stopped_part_way_says_so_in_one_line_and_leaves_nothing(desk, tmp_path, sent, kind, name):
    folder, _, _ = desk
    out = tmp_path / "out"
    out.mkdir()
    (out / "kept.txt").write_text("already here", encoding="utf-8")
    result = stopped(sent, UNFINISHED, "data", "--format", kind, "--out", str(out if name is None else out / name),
                     data_dir=folder)
    assert (result.returncode, result.stdout, result.stderr) == (
        128 + getattr(signal, f"SIG{sent}"), "", "cafe-desk: Stopped before the end, so nothing was saved.\n")
    assert [p.name for p in out.iterdir()] == ["kept.txt"]


@POSIX_SIGNALS
def test_what_a_killed_export_left_is_removed_by_the_next_export_there(desk, tmp_path):
    folder, _, _ = desk
    out = tmp_path / "out"
    out.mkdir()
    killed = stopped("KILL", "votes.csv", "data", "--format", "csv", "--out", str(out), data_dir=folder)
    assert killed.returncode == -signal.SIGKILL
    [left] = list(out.iterdir())
    assert left.name.startswith(UNFINISHED) and "Peer support groups helped me most" in (
        left / "items.csv").read_text(encoding="utf-8-sig")  # every item, in plain text
    pid, computer = left.name[len(UNFINISHED):].split("-")[:2]
    running = out / f"{UNFINISHED}{os.getpid()}-{computer}-0123abcd"  # this test's own: its process still runs
    running.mkdir()
    elsewhere = out / f"{UNFINISHED}{pid}-{'0' * 8 if computer != '0' * 8 else '1' * 8}-0123abcd.part"
    elsewhere.write_text("another computer's, on a shared drive", encoding="utf-8")
    someone_else = out / ".cafe-desk-unfinished-notes.txt"
    someone_else.write_text("not ours", encoding="utf-8")
    ok(cafe_desk("data", "--format", "csv", "--out", str(out), data_dir=folder))
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["items.csv", "votes.csv", "themes.csv", running.name, elsewhere.name, someone_else.name])


@pytest.fixture
def unreplaceable(tmp_path):
    """Make a file unreplaceable, as one open in a spreadsheet is on Windows (immutable here); undone at the end."""
    made = []

    def make(path: Path) -> None:
        if os.name != "posix" or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("cannot make a file immutable here")
        made.append(path)

    yield make
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_csv_files_are_replaced_all_together_or_not_at_all(desk, tmp_path, unreplaceable):
    folder, codes, _ = desk
    out = tmp_path / "csv"
    out.mkdir()
    ok(cafe_desk("data", "--format", "csv", "--out", str(out), data_dir=folder))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    unreplaceable(out / "votes.csv")
    result = cafe_desk("data", "--format", "csv", "--for", "analysis", "--cafe", codes["Perth café"], "--out",
                       str(out), data_dir=folder)
    assert_fails(result, f"votes.csv in {out} can't be replaced (Operation not permitted); nothing was saved.")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_workbook_that_can_t_be_replaced_is_named(desk, tmp_path, unreplaceable):
    folder, _, _ = desk
    book = tmp_path / "synthesis.xlsx"
    book.write_bytes(b"an older workbook")
    unreplaceable(book)
    assert_fails(cafe_desk("data", "--format", "xlsx", "--out", str(book), data_dir=folder),
                 f"synthesis.xlsx in {tmp_path} can't be replaced (Operation not permitted); nothing was saved.")
    assert [p.name for p in tmp_path.iterdir()] == ["synthesis.xlsx"] and book.read_bytes() == b"an older workbook"
