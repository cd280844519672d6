"""`cafe-desk report --central`: the synthesis report from the real command line, its filters and its one-line
refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from cafe_desk.services import Services
from cafe_desk.settings import ENV_DATA
from cafe_desk.storage.database import DB_NAME
from cafe_desk.storage.store import Store
from tests.central import cafe_at, make_cafe, send
from tests.conftest import assert_fails, cafe_desk


@pytest.fixture
def desk(tmp_path, services, identity):
    """A data folder whose file holds two imported cafés, Perth and Inverness, and a codebook theme."""
    folder = tmp_path / "desk"
    folder.mkdir()
    store = Store(folder / DB_NAME)
    inverness = cafe_at(services, "Inverness café", "2026-04-02", "Inverness", ("Peer workers in every practice",))
    for cafe in (make_cafe(services), inverness):
        send(services, cafe, store, identity)
    Services.build(store).synthesis.create_theme("Peer support")
    store.close()
    return folder


def test_writes_a_pdf_and_a_word_document(desk, tmp_path):
    pdf = tmp_path / "synthesis.pdf"
    result = cafe_desk("report", "--central", "--out", str(pdf), data_dir=desk)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"Synthesis report of 2 cafés, 4 items → {pdf}\n"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Inverness café" in text and "Perth café" in text
    word = tmp_path / "inverness.docx"
    result = cafe_desk("report", "--central", "--out", str(word), "--locality", "Inverness", "--source", "points",
                       data_dir=desk)
    assert result.stdout == f"Synthesis report of 1 café, 1 item → {word}\n"
    text = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert "Inverness café" in text and "Perth café" not in text
    assert "This report is narrowed by: Town or area: Inverness; Only points and summaries." in text


def test_cafes_chosen_by_code(desk, tmp_path):
    with Services.open(desk / DB_NAME) as services:
        perth = next(c for c in services.synthesis.cafes() if c.title == "Perth café")
    pdf = tmp_path / "perth.pdf"
    result = cafe_desk("report", "--central", "--out", str(pdf), "--cafe", perth.short_code, data_dir=desk)
    assert result.stdout == f"Synthesis report of 1 café, 3 items → {pdf}\n"
    assert_fails(cafe_desk("report", "--central", "--out", str(pdf), "--cafe", "NOPE42", data_dir=desk),
                 "There is no café 'NOPE42' here. An imported café gets a short code of its own at the central desk: "
                 "`cafe-desk cafes` lists them (the café's long id from the facilitator's laptop works too).")


def test_bad_input_is_one_line(desk, tmp_path):
    before = sorted(tmp_path.iterdir())
    for args, message in (
            (("--out", str(tmp_path / "none" / "r.pdf")),
             f"The folder {tmp_path / 'none'} does not exist, so the report was not written."),
            (("--out", str(tmp_path)), f"{tmp_path} is a folder; give a file name inside it."),
            (("--out", str(tmp_path / "r.odt")), "Give the report a file name ending in .pdf or .docx (not r.odt)."),
            (("--out", str(tmp_path / "r.pdf"), "--from", "14/03/2026"),
             "--from takes a date as YYYY-MM-DD, such as 2026-03-14, not '14/03/2026'."),
            (("--out", str(tmp_path / "r.pdf"), "--theme", "Housing"),
             "There is no theme called “Housing” in the codebook (the Synthesis page lists its themes)."),
            (("--out", str(tmp_path / "r.pdf"), "--locality", "Oban"),
             "There is no town or area called “Oban” in the imported cafés; their towns or areas are “Inverness” and "
             "“Perth”."),
            (("--out", str(tmp_path / "r.pdf"), "--locality", "Inverness", "--to", "2026-03-31"),
             "No imported café matches those filters, so there is nothing to report.")):
        assert_fails(cafe_desk("report", "--central", *args, data_dir=desk), message)
    assert sorted(tmp_path.iterdir()) == before


def test_an_empty_central_database(tmp_path):
    assert_fails(cafe_desk("report", "--central", "--out", str(tmp_path / "r.pdf"), data_dir=tmp_path / "data"),
                 "No cafés have been imported yet, so there is nothing to report. Import café files first "
                 "(`cafe-desk import`).")
    assert not (tmp_path / "r.pdf").exists()


def test_a_read_only_folder_is_named(desk, tmp_path):
    closed = tmp_path / "read-only"
    closed.mkdir()
    closed.chmod(0o555)
    # root writes anywhere: without its right to override file modes, it is held to them as anyone else is
    prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    env = {**{k: v for k, v in os.environ.items() if k != ENV_DATA}, "PYTHONIOENCODING": "utf-8"}
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "cafe_desk", "--data-dir", str(desk), "report",
                                 "--central", "--out", str(closed / "r.pdf")], capture_output=True, text=True,
                                encoding="utf-8", env=env, cwd=Path(__file__).parents[2], timeout=60)
    finally:
        closed.chmod(0o700)
    assert_fails(result, f"Café Desk may not write in {closed}, so the report was not written.")
    assert list(closed.iterdir()) == []
