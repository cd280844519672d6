"""Printing a real café: the snapshot from the data file, QR codes that open this café's own pages, the address
remembered as where its codes point, all or nothing on disk, and plain lines for what can't be printed."""

from __future__ import annotations

import subprocess

import pytest

from cafe_desk.core.errors import Cancelled, UserError, ValidationError
from cafe_desk.core.participant_words import CONSENT
from tests.conftest import exactly
from tests.reports.pdf_checks import only_embedded_dejavu, qr_codes, text_of

ADDRESS = "10.42.0.1:8000"


@pytest.fixture
def out(tmp_path):
    """A folder of its own for what is printed (the data file is in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_the_printables_carry_this_cafes_own_links(tmp_path, services, cafe):
    services.channel.set_wifi("Community Hall", "tea-and-biscuits")
    printing = services.printables
    target = printing.save(cafe.id, printing.selection(["poster", "tables", "comment-cards"]), tmp_path / "p.pdf",
                           ADDRESS)
    token = services.channel.settings(cafe.id).token
    hosts = services.channel.host_tokens(cafe.id)
    first_table = services.planning.items(cafe.id, "table")[0]
    assert sorted(qr_codes(target, 1, tmp_path)) == sorted([
        f"http://{ADDRESS}/c/{token}", "WIFI:T:WPA;S:Community Hall;P:tea-and-biscuits;;"])
    assert qr_codes(target, 2, tmp_path) == [f"http://{ADDRESS}/t/{hosts[first_table.id]}"] * 2
    text = " ".join(text_of(target).split())
    assert cafe.title in text and f"Café {cafe.short_code}" in text and CONSENT in text
    assert services.planning.items(cafe.id, "round")[0].prompt.split()[0] in text
    assert only_embedded_dejavu(target)
    assert str(services.phone_address.printed(cafe.id)) == ADDRESS, "the café remembers where its codes point"
    assert list(tmp_path.glob("*.part")) == []


def test_without_an_address_there_are_no_codes_and_nothing_is_remembered(tmp_path, services, cafe):
    printing = services.printables
    target = printing.save(cafe.id, printing.selection(["poster"]), tmp_path / "p.pdf", None)
    assert qr_codes(target, 1, tmp_path) == []
    assert services.phone_address.printed(cafe.id) is None
    assert printing.default_address(cafe.id) is None


def test_the_address_printed_with_is_the_one_offered_next_time(tmp_path, services, cafe):
    printing = services.printables
    printing.save(cafe.id, printing.selection(["poster"]), tmp_path / "p.pdf", ADDRESS)
    assert str(printing.default_address(cafe.id)) == ADDRESS


def test_a_cancel_leaves_no_file_and_remembers_nothing(out, services, cafe):
    printing = services.printables
    seen = []
    with pytest.raises(Cancelled):
        printing.save(cafe.id, printing.selection(["comment-cards"], comment_cards=40), out / "p.pdf",
                      ADDRESS, cancelled=lambda: len(seen) >= 2, progress=lambda done, total: seen.append(done))
    assert list(out.iterdir()) == []
    assert services.phone_address.printed(cafe.id) is None


def test_an_address_phones_cant_reach_is_refused(out, services, cafe):
    printing = services.printables
    with pytest.raises(ValidationError, match="Phones can't reach “This laptop only”"):
        printing.save(cafe.id, printing.selection(["poster"]), out / "p.pdf", "127.0.0.1:8000")
    assert list(out.iterdir()) == []


def test_what_cant_be_printed_gets_one_plain_line(out, services, cafe):
    printing = services.printables
    with pytest.raises(ValidationError, match=exactly("Choose at least one thing to print.")):
        printing.selection([])
    with pytest.raises(ValidationError, match=exactly("Print between 1 and 2,000 vote sheets at a time.")):
        printing.selection(["vote-sheets"], vote_sheets=2001)
    with pytest.raises(UserError, match=exactly(f"The folder {out / 'gone'} isn't there; please choose "
                                                "another one.")):
        printing.save(cafe.id, printing.selection(["poster"]), out / "gone" / "p.pdf", None)
    for outcome in services.planning.items(cafe.id, "outcome"):
        services.planning.remove_item("outcome", outcome.id)
    with pytest.raises(ValidationError, match="no outcomes to vote on yet"):
        printing.save(cafe.id, printing.selection(["vote-sheets"]), out / "p.pdf", None)
    services.cafes.close(cafe.id)
    with pytest.raises(ValidationError, match="is closed, so phones can't reach it"):
        printing.save(cafe.id, printing.selection(["poster"]), out / "p.pdf", ADDRESS)
    assert list(out.iterdir()) == []


def test_the_preview_is_a_picture_of_the_first_page(tmp_path, services, cafe):
    printing = services.printables
    png = printing.preview(cafe.id, printing.selection(["poster", "vote-sheets"], vote_sheets=50), ADDRESS, dpi=100)
    (tmp_path / "preview.png").write_bytes(png)
    token = services.channel.settings(cafe.id).token
    found = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "preview.png")], capture_output=True,
                           text=True, timeout=60).stdout.splitlines()
    assert found == [f"http://{ADDRESS}/c/{token}"], "the poster, with the comment page's code (no Wi-Fi stored)"
    assert services.phone_address.printed(cafe.id) is None, "a preview remembers nothing"
