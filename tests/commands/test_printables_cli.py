"""`cafe-desk printables`: the PDF written by the real command line, and one plain line for a café that isn't there,
a folder that is missing or can't be written, an address phones can't reach, and no address at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cafe_desk.commands.printables import no_address_line
from cafe_desk.services import Services
from cafe_desk.settings import ENV_DATA
from tests.conftest import assert_fails, cafe_desk, mental_health_plan
from tests.reports.pdf_checks import only_embedded_dejavu, pages_count, qr_codes, text_of

ADDRESS = "10.42.0.1:8000"


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def code(data_dir):
    """A planned café in the data folder, by its short code."""
    with Services.open(data_dir / "cafe-desk.sqlite3") as services:
        return services.planning.create(mental_health_plan(services))[0].short_code


def test_printables_are_written_with_codes_for_the_address_given(tmp_path, data_dir, code):
    out = tmp_path / "printables.pdf"
    result = cafe_desk("printables", code, "--out", str(out), "--only", "poster,comment-cards", "--copies", "9",
                       "--address", ADDRESS, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Saved poster, comment-cards for “Help Shape the Future of Mental Health” "
                                    f"to {out}. Their QR codes send phones to {ADDRESS}")
    assert pages_count(out) == 1 + 3 and only_embedded_dejavu(out)
    assert next(c for c in qr_codes(out, 1, tmp_path) if c.startswith("http")).startswith(f"http://{ADDRESS}/c/")
    assert " ".join(text_of(out, 2, 2).split()).count(f"Café {code}") == 4

    again = cafe_desk("printables", code, "--out", str(out), "--only", "tables", data_dir=data_dir)
    assert again.returncode == 0, "the address printed with last time is used again"
    assert f"Their QR codes send phones to {ADDRESS}" in again.stdout


def test_without_an_address_it_says_how_to_give_one_or_print_without(tmp_path, data_dir, code):
    out = tmp_path / "printables.pdf"
    assert_fails(cafe_desk("printables", code, "--out", str(out), data_dir=data_dir), no_address_line())
    assert "--address HOST:PORT" in no_address_line() and "--no-qr" in no_address_line()
    assert not out.exists()
    result = cafe_desk("printables", code, "--out", str(out), "--no-qr", data_dir=data_dir)
    assert result.returncode == 0 and "They have no QR codes." in result.stdout
    assert qr_codes(out, 1, tmp_path) == []


def test_bad_input_gets_one_plain_line(tmp_path, data_dir, code):
    out = tmp_path / "printables.pdf"
    assert_fails(cafe_desk("printables", "NOPE99", "--out", str(out), "--no-qr", data_dir=data_dir),
                 "There is no café 'NOPE99' here. `cafe-desk cafes` lists the ones there are.")
    assert_fails(cafe_desk("printables", code, "--out", str(tmp_path / "gone" / "p.pdf"), "--no-qr",
                           data_dir=data_dir),
                 f"The folder {tmp_path / 'gone'} isn't there; please choose another one.")
    assert_fails(cafe_desk("printables", code, "--out", str(out), "--address", "127.0.0.1:8000", data_dir=data_dir),
                 "Phones can't reach “This laptop only”. Choose the venue Wi-Fi or this laptop's own hotspot "
                 "address to print the printables.")
    assert_fails(cafe_desk("printables", code, "--out", str(out), "--only", "posters", "--no-qr", data_dir=data_dir),
                 "“posters” isn't something Café Desk prints; choose from poster, tables, comment-cards, "
                 "vote-sheets, note-sheets.")
    assert_fails(cafe_desk("printables", code, "--out", str(out), "--copies", "0", "--no-qr", data_dir=data_dir),
                 "Print between 1 and 2,000 comment cards at a time.")
    assert not out.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_folder_that_cant_be_written_is_named(tmp_path, data_dir, code):
    shut = tmp_path / "shut"
    shut.mkdir()
    shut.chmod(0o555)
    # root writes anywhere: without its right to override file modes, it is held to them as anyone else is
    prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    env = {**{k: v for k, v in os.environ.items() if k != ENV_DATA}, "PYTHONIOENCODING": "utf-8"}
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "cafe_desk", "--data-dir", str(data_dir),
                                 "printables", code, "--out", str(shut / "p.pdf"), "--no-qr"],
                                capture_output=True, text=True, encoding="utf-8", env=env,
                                cwd=Path(__file__).parents[2], timeout=60)
    finally:
        shut.chmod(0o755)
    assert_fails(result, f"The printables couldn't be saved to {shut / 'p.pdf'} (Permission denied); please "
                         "choose another folder.")
    assert list(shut.iterdir()) == []
