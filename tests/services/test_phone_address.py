"""Where a café's QR codes point, through the services on a real data file: cards printed ahead with this laptop's
own hotspot address (the QR code read back with zbarimg), "This laptop only" refused, and the warning when the café
is open to phones somewhere else. Only 127.0.0.1 is ever listened on or connected to."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from urllib.parse import urlsplit

import httpx
import pytest

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.phone_address import LOOPBACK_REFUSED, PhoneAddress
from cafe_desk.server.runner import ParticipantServer
from cafe_desk.services import Services
from tests.conftest import exactly, mental_health_plan

HOTSPOT = PhoneAddress("192.168.137.1", 8080)
VENUE = PhoneAddress("192.168.1.20", 8080)


def stored_codes(services, cafe) -> int:
    return services.store.conn.execute("SELECT count(*) FROM ballot_code WHERE cafe_id = ?", [cafe.id]).fetchone()[0]


def qr_codes(pdf, tmp_path) -> list[str]:
    """Every QR code on the PDF's first page, read by zbarimg from the page drawn at 100 dpi."""
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    page = next(tmp_path.glob("page*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True, timeout=30)
    return out.stdout.splitlines()


def audit(services, cafe, action: str) -> list[dict]:
    rows = csv.DictReader(io.StringIO(services.comments.audit_csv(cafe.id)))
    return [json.loads(r["detail"]) for r in rows if r["action"] == action]


def test_cards_printed_ahead_with_the_hotspot_address_open_the_cafes_vote_page(services, cafe, db_path, tmp_path):
    assert services.phone_address.open_now(cafe.id) is None, "printed the day before: never opened to phones"
    target = services.ballots.print_cards(cafe.id, 3, tmp_path / "cards.pdf", "192.168.137.1:8080")
    token = services.channel.settings(cafe.id).token
    decoded = qr_codes(target, tmp_path)
    assert decoded == [f"http://192.168.137.1:8080/c/{token}/vote"] * 3
    assert stored_codes(services, cafe) == 3
    assert services.phone_address.printed(cafe.id) == HOTSPOT
    assert audit(services, cafe, "issue codes") == [{"count": 3, "address": "192.168.137.1:8080"}]

    # the same path is the vote page the phone server serves (asked of it on 127.0.0.1 only)
    server = ParticipantServer(Services.opener_for(db_path), cafe.id, host="127.0.0.1", port=0)
    server.start()
    try:
        path = urlsplit(decoded[0]).path
        assert path == urlsplit(server.vote_url).path
        assert httpx.get(f"{server.base_url}{path}", timeout=5).status_code == 200
    finally:
        server.stop()


@pytest.mark.parametrize("address", ["127.0.0.1:8080", "localhost:8080", "[::1]:8080",
                                     PhoneAddress("127.0.0.1", 8080)])
def test_this_laptop_only_is_refused_and_nothing_is_kept(services, cafe, tmp_path, address):
    with pytest.raises(ValidationError, match=exactly(LOOPBACK_REFUSED)):
        services.ballots.print_cards(cafe.id, 3, tmp_path / "cards.pdf", address)
    assert stored_codes(services, cafe) == 0
    assert not (tmp_path / "cards.pdf").exists() and not list(tmp_path.glob(".ballot-cards-*"))
    assert services.phone_address.printed(cafe.id) is None


def test_the_warning_when_open_elsewhere_goes_when_it_matches_or_cards_are_printed_again(services, cafe, tmp_path):
    phones = services.phone_address
    services.ballots.print_cards(cafe.id, 2, tmp_path / "cards.pdf", HOTSPOT)
    assert phones.address_warning(cafe.id) == "", "not open: nothing to warn about"

    phones.opened(cafe.id, "192.168.1.20", 8080)  # remembered only: nothing listens there
    assert phones.address_warning(cafe.id) == (
        "The printed cards point to 192.168.137.1:8080, but phones now reach this laptop at 192.168.1.20:8080. "
        "Open on the printed address, or print the cards again.")
    phones.closed(cafe.id)
    assert phones.address_warning(cafe.id) == ""

    phones.opened(cafe.id, "192.168.137.1", 8081)
    assert "Open on port 8080 as printed" in phones.address_warning(cafe.id), "the port counts too"
    phones.closed(cafe.id)
    phones.opened(cafe.id, "192.168.137.1", 8080)
    assert phones.address_warning(cafe.id) == "", "open where the cards point"
    phones.closed(cafe.id)

    phones.opened(cafe.id, "192.168.1.20", 8080)
    assert phones.address_warning(cafe.id).startswith("The printed cards point to 192.168.137.1:8080")
    services.ballots.print_cards(cafe.id, 2, tmp_path / "cards-2.pdf", phones.open_now(cafe.id))
    assert phones.printed(cafe.id) == VENUE
    assert phones.address_warning(cafe.id) == "", "printed again where it is open"


def test_where_the_code_was_shown_is_remembered_unless_it_was_this_laptop_only(services, cafe, db_path):
    phones = services.phone_address
    phones.opened(cafe.id, "127.0.0.1", 40123)
    assert phones.shown(cafe.id) is None and audit(services, cafe, "open to phones") == []
    assert phones.open_now(cafe.id) == PhoneAddress("127.0.0.1", 40123)
    phones.closed(cafe.id)

    phones.opened(cafe.id, "192.168.137.1", 8080)
    assert phones.address_warning(cafe.id) == ""
    phones.closed(cafe.id)
    with Services.open(db_path) as other:  # stored, not only kept by this registry
        assert other.phone_address.shown(cafe.id) == HOTSPOT
        assert other.phone_address.open_now(cafe.id) is None
    assert audit(services, cafe, "open to phones") == [{"address": "192.168.137.1:8080"}]

    phones.opened(cafe.id, "192.168.1.20", 8080)
    assert phones.address_warning(cafe.id) == (
        "Phones that scanned the code earlier went to 192.168.137.1:8080, but phones now reach this laptop at "
        "192.168.1.20:8080. Open on 192.168.137.1:8080 again, or ask people to scan the new code.")
    phones.closed(cafe.id)
    phones.opened(cafe.id, "192.168.1.20", 8080)
    assert phones.address_warning(cafe.id) == "", "opened on the same address as the code shown last time"


def test_printing_remembers_the_choice_for_the_cafe(services, cafe, tmp_path):
    choices, index, port = services.phone_address.print_choices(cafe.id, [], platform="win32")
    assert (choices[index].host, port) == ("192.168.137.1", 8000), "printing ahead: this laptop's own hotspot"
    services.ballots.print_cards(cafe.id, 1, tmp_path / "cards.pdf", "10.42.0.1:8090")
    choices, index, port = services.phone_address.print_choices(cafe.id, [], platform="win32")
    assert (choices[index].host, port) == ("10.42.0.1", 8090)
    other = services.planning.create(mental_health_plan(services, date="2026-04-01", locality="Dundee"))[0]
    choices, index, port = services.phone_address.print_choices(other.id, [], platform="win32")
    assert (choices[index].host, port) == ("192.168.137.1", 8000), "each café remembers its own"



@pytest.mark.parametrize("stored", ["<b>big:8080", "<img src=x>", "127.1:8080", "0x7f000001:8080", "0:8080",
                                    "169.254.1.1:8080", "192.168.137.010:8080", "192.168.137.1:80",
                                    "localhost.localdomain:8080", "cafe\u202elaptop:8080", "a" * 10240 + ":8080"])
def test_a_stored_address_phones_cant_be_sent_to_counts_as_nothing_printed(services, cafe, db_path, stored):
    """An address written by an older version, or changed in the data file, is checked again when read back."""
    phones = services.phone_address
    with services.store.transaction():
        services.store.set_qr_printed_address(cafe.id, stored)
        services.store.set_qr_shown_address(cafe.id, stored)
    assert services.store.qr_addresses(cafe.id) == (stored, stored), "it is in the file as written"
    assert phones.printed(cafe.id) is None and phones.shown(cafe.id) is None
    choices, index, port = phones.print_choices(cafe.id, [], platform="win32")
    assert (choices[index].host, port) == ("192.168.137.1", 8000), "printing starts afresh from the hotspot"
    assert all(c.kind != "printed before" for c in choices)
    assert phones.before_opening(cafe.id, ["192.168.1.20"]) == ""
    phones.opened(cafe.id, "192.168.1.20", 8080)
    assert phones.address_warning(cafe.id) == "", "nothing printed, no code shown before: nothing to warn of"
    phones.closed(cafe.id)


def test_where_the_code_was_shown_is_not_kept_when_no_phone_could_be_sent_there(services, cafe):
    phones = services.phone_address
    phones.opened(cafe.id, "169.254.3.4", 8080)
    assert phones.open_now(cafe.id) == PhoneAddress("169.254.3.4", 8080)
    assert phones.shown(cafe.id) is None and audit(services, cafe, "open to phones") == []
