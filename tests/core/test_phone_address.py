"""The rule for the address a QR code sends phones to, the hotspot addresses offered for printing ahead, and the
warning when the café is open somewhere other than where its codes point."""

from __future__ import annotations

import pytest

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.phone_address import (
    DEFAULT_PORT,
    HOTSPOTS,
    LOOPBACK_REFUSED,
    PhoneAddress,
    address_warning,
    before_opening_note,
    hotspot_for_platform,
    is_loopback,
    parse_address,
    phone_address,
    print_choices,
)
from cafe_desk.core.phone_host import read_host
from tests.conftest import exactly

HOTSPOT = PhoneAddress("192.168.137.1", 8080)
VENUE = PhoneAddress("192.168.1.20", 8080)


@pytest.mark.parametrize("address", ["127.0.0.1:8080", "127.1.2.3:9000", "localhost:8080", "LOCALHOST.:8080",
                                     "cafe.localhost:8080", "[::1]:8080", "[::ffff:127.0.0.1]:8080",
                                     "http://127.0.0.1:8080/c/abc/vote"])
def test_this_laptop_only_is_refused_with_one_plain_line(address):
    assert is_loopback(parse_address(address).host)
    with pytest.raises(ValidationError, match=exactly(LOOPBACK_REFUSED)):
        phone_address(address)
    assert "\n" not in LOOPBACK_REFUSED and "“This laptop only”" in LOOPBACK_REFUSED
    with pytest.raises(ValidationError, match=exactly("Phones can't reach “This laptop only”. Choose the venue Wi-Fi "
                                                      "or this laptop's own hotspot address to print the poster.")):
        phone_address(address, "the poster")


@pytest.mark.parametrize("address", ["192.168.137.1:8080", "10.42.0.1:8080", "192.168.2.1:8080",
                                     "192.168.1.20:8081", "[fd00::5]:8080", "cafe-laptop.local:8080"])
def test_addresses_phones_can_reach_are_taken(address):
    found = phone_address(address)
    assert not found.is_loopback
    assert str(found) == address


def test_other_unusable_addresses_and_ports_are_refused_plainly():
    with pytest.raises(ValidationError, match=exactly("Phones can't be sent to 0.0.0.0. Choose the venue Wi-Fi or "
                                                      "this laptop's own hotspot address.")):
        phone_address("0.0.0.0:8080")
    with pytest.raises(ValidationError, match=exactly("Choose a port from 1024 to 65535 (Café Desk suggests "
                                                      "8000).")):
        phone_address("192.168.137.1:80")
    with pytest.raises(ValidationError, match="isn't an address phones can use"):
        phone_address("")


CHOOSE = "Choose the venue Wi-Fi or this laptop's own hotspot address."
NAME_REFUSED = f"A name for this laptop can only have letters a–z, digits, hyphens and dots. {CHOOSE}"


@pytest.mark.parametrize("host", ["127.1", "127.0.1", "0x7f000001", "0x7f.1", "2130706433", "0177.0.0.1",
                                  "127.000.000.001", "127.0.0.%31", "\uff11\uff12\uff17.0.0.1",
                                  "127\u30020\u30020\u30021", "127\uff0e0\uff0e0\uff0e1", "[::127.0.0.1]",
                                  "[64:ff9b::7f00:1]", "[::ffff:7f00:1]",
                                  "localhost.localdomain", "ip6-localhost", "ip6-loopback", "Localhost6",
                                  "cafe.localhost.", "LOCALHOST", "localhost."])
def test_this_laptop_only_is_refused_however_a_browser_would_read_it(host):
    """Each is what a phone's browser reads as 127.0.0.1, ::1 or localhost: the same one line as "This laptop only"."""
    assert is_loopback(host)
    with pytest.raises(ValidationError, match=exactly(LOOPBACK_REFUSED)):
        phone_address(f"{host}:8080")
    with pytest.raises(ValidationError, match=exactly(LOOPBACK_REFUSED)):
        phone_address(PhoneAddress(host, 8080))


@pytest.mark.parametrize(("host", "shown"), [("0", "0.0.0.0"), ("0.0.0.0.", "0.0.0.0"), ("0.1.2.3", "0.1.2.3"),
                                             ("[::ffff:0.0.0.0]", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
                                             ("240.0.0.1", "240.0.0.1"), ("224.0.0.251", "224.0.0.251"),
                                             ("[::]", "::"), ("[ff02::1]", "ff02::1"),
                                             ("[64:ff9b:1::a00:1]", "64:ff9b:1::a00:1")])
def test_addresses_no_phone_can_be_sent_to_are_refused(host, shown):
    with pytest.raises(ValidationError, match=exactly(f"Phones can't be sent to {shown}. {CHOOSE}")):
        phone_address(f"{host}:8080")


@pytest.mark.parametrize(("host", "shown"), [("169.254.10.20", "169.254.10.20"), ("[fe80::1]", "fe80::1"),
                                             ("[::ffff:169.254.1.1]", "169.254.1.1")])
def test_an_address_the_laptop_gave_itself_is_refused(host, shown):
    with pytest.raises(ValidationError, match=exactly(f"Phones can't count on reaching {shown}, an address this "
                                                      f"laptop gave itself. {CHOOSE}")):
        phone_address(f"{host}:8080")


@pytest.mark.parametrize(("host", "plain"), [("192.168.137.010", "192.168.137.8"), ("192.168.0x89.1", "192.168.137.1"),
                                             ("3232270593", "192.168.137.1"), ("192.168.137.1.", "192.168.137.1"),
                                             ("[::ffff:192.168.1.20]", "192.168.1.20"),
                                             ("\uff11\uff19\uff12.168.1.20", "192.168.1.20")])
def test_an_ipv4_address_written_another_way_is_asked_for_plainly(host, plain):
    """A browser reads 010 as 8 (octal): the facilitator is told, and asked for the one plain way of writing it."""
    with pytest.raises(ValidationError, match=exactly(f"Phones would read that address as {plain}. Write it as "
                                                      "four plain numbers with dots, no leading zeros.")):
        phone_address(f"{host}:8080")
    assert read_host(host).host == plain


@pytest.mark.parametrize("host", ["my laptop", "cafe\u202elaptop", "<b>big", "127.0.0.1\x00.evil", "-cafe.local",
                                  "cafe_laptop.local", "caf\u00e9.local", "\uff43\uff41\uff46\uff45.local",
                                  "a..b", "x" * 64 + ".local"])
def test_a_name_with_other_characters_is_refused_without_quoting_it(host):
    with pytest.raises(ValidationError, match=exactly(NAME_REFUSED)):
        phone_address(PhoneAddress(host, 8080))
    with pytest.raises(ValidationError, match=exactly(NAME_REFUSED)):
        phone_address(f"http://{host}:8080/c/abc/vote")


def test_a_very_long_name_is_refused_in_one_short_line():
    for host in ["a" * 10240, ".".join(["a" * 60] * 5)]:
        with pytest.raises(ValidationError) as refused:
            phone_address(f"{host}:8080")
        assert str(refused.value) == f"That name is too long for phones to use. {CHOOSE}"
    with pytest.raises(ValidationError) as refused:
        phone_address("a" * 10240)
    assert len(str(refused.value)) < 150 and "aaaa" not in str(refused.value)


@pytest.mark.parametrize("text", ["1.2.3.4.5:8080", "256.1.1.1:8080", "08:8080", "[fe80::1%25eth0]:8080",
                                  "192.168.1.2:65536", "192.168.1.2:\uff18\uff10\uff18\uff10"])
def test_what_no_browser_can_read_is_refused_quoting_it_only_when_short(text):
    with pytest.raises(ValidationError, match=r"isn't an address phones can use; choose one from the list\.$"):
        phone_address(text)
    with pytest.raises(ValidationError, match=exactly("That isn't an address phones can use; choose one from the "
                                                      "list.")):
        phone_address("[" + "1:" * 300 + "]:8080")


@pytest.mark.parametrize(("text", "taken"), [("cafe-laptop.local.:8080", "cafe-laptop.local:8080"),
                                             ("Cafe-Laptop.LOCAL:8080", "cafe-laptop.local:8080"),
                                             ("xn--caf-dma.local:8080", "xn--caf-dma.local:8080"),
                                             ("[FD00:0::5]:8080", "[fd00::5]:8080"),
                                             ("10.0.0.7:65535", "10.0.0.7:65535"),
                                             ("100.64.0.9:1024", "100.64.0.9:1024")])
def test_addresses_phones_can_reach_are_taken_in_their_one_plain_spelling(text, taken):
    assert str(phone_address(text)) == taken


@pytest.mark.parametrize("text", ["192.168.1.20:0", "192.168.1.20:1023", "192.168.1.20"])
def test_a_port_outside_the_range_or_none_is_refused(text):
    with pytest.raises(ValidationError, match=exactly("Choose a port from 1024 to 65535 (Café Desk suggests 8000).")):
        phone_address(text)


def test_printing_never_offers_an_address_phones_cant_be_sent_to():
    choices, index, port = print_choices(PhoneAddress("169.254.7.7", 8081), PhoneAddress("127.1", 8080),
                                         ["169.254.7.7", "0x7f.1", "10.0.0.7", "<b>big"], "linux")
    assert [(c.kind, c.host) for c in choices] == [("laptop", "10.0.0.7"), ("hotspot", "10.42.0.1"),
                                                    ("hotspot", "192.168.137.1"), ("hotspot", "192.168.2.1")]
    assert (choices[index].host, port) == ("10.42.0.1", DEFAULT_PORT)


def test_a_vote_link_is_built_as_the_phone_server_serves_it():
    assert HOTSPOT.vote_url("tok") == "http://192.168.137.1:8080/c/tok/vote"
    assert PhoneAddress("fd00::5", 8080).vote_url("tok") == "http://[fd00::5]:8080/c/tok/vote"
    assert parse_address("http://[fd00::5]:8080/c/tok") == PhoneAddress("fd00::5", 8080)


def test_each_system_has_its_own_hotspot_address():
    assert [(h.system, h.host) for h in HOTSPOTS] == [("Windows", "192.168.137.1"), ("macOS", "192.168.2.1"),
                                                      ("Linux", "10.42.0.1")]
    assert hotspot_for_platform("win32").host == "192.168.137.1"
    assert hotspot_for_platform("darwin").host == "192.168.2.1"
    assert hotspot_for_platform("linux").host == "10.42.0.1"
    assert HOTSPOTS[0].label == "This laptop's own hotspot (Windows Mobile Hotspot: 192.168.137.1)"


def test_the_warning_names_both_addresses_and_goes_when_they_agree():
    assert address_warning(VENUE, HOTSPOT) == (
        "The printed cards point to 192.168.137.1:8080, but phones now reach this laptop at 192.168.1.20:8080. "
        "Open on the printed address, or print the cards again.")
    assert address_warning(PhoneAddress("192.168.137.1", 8081), HOTSPOT) == (
        "The printed cards point to 192.168.137.1:8080, but phones now reach this laptop at 192.168.137.1:8081. "
        "Open on port 8080 as printed, or print the cards again.")
    assert address_warning(PhoneAddress("127.0.0.1", 8080), HOTSPOT) == (
        "The printed cards point to 192.168.137.1:8080, but the café is open on “This laptop only”, which phones "
        "can't reach. Open on 192.168.137.1:8080, or print the cards again.")
    assert address_warning(HOTSPOT, HOTSPOT) == ""
    assert address_warning(None, HOTSPOT) == "", "nothing to say while the café isn't open"
    assert address_warning(VENUE, None) == "", "nothing printed, nothing shown before"


def test_the_code_shown_last_time_counts_too():
    assert address_warning(VENUE, None, shown_before=HOTSPOT) == (
        "Phones that scanned the code earlier went to 192.168.137.1:8080, but phones now reach this laptop at "
        "192.168.1.20:8080. Open on 192.168.137.1:8080 again, or ask people to scan the new code.")
    assert address_warning(VENUE, VENUE, shown_before=VENUE) == ""
    assert address_warning(VENUE, HOTSPOT, shown_before=VENUE).startswith("The printed cards point to"), \
        "printed cards come first: they can't be changed"
    assert address_warning(HOTSPOT, HOTSPOT, shown_before=VENUE) == "", "open where the cards point: they work"


def test_printing_offers_where_it_is_open_the_laptop_and_every_hotspot():
    choices, index, port = print_choices(PhoneAddress("192.168.1.20", 8081), None,
                                         ["192.168.1.20", "10.0.0.7", "192.168.137.1", "127.0.0.1"], "linux")
    assert [(c.kind, c.host, c.port) for c in choices] == [
        ("open now", "192.168.1.20", 8081), ("laptop", "10.0.0.7", None),
        ("hotspot", "10.42.0.1", None), ("hotspot", "192.168.137.1", None), ("hotspot", "192.168.2.1", None)]
    assert (index, port) == (0, 8081)
    assert choices[0].label == "Where phones reach this café now (192.168.1.20:8081)"


def test_printing_ahead_starts_from_this_laptops_hotspot_and_never_offers_loopback():
    choices, index, port = print_choices(PhoneAddress("127.0.0.1", 40000), None, ["172.17.0.2"], "win32")
    assert all(not is_loopback(c.host) for c in choices)
    assert choices[index].host == "192.168.137.1" and port == DEFAULT_PORT


def test_the_address_printed_with_last_time_is_chosen_again():
    choices, index, port = print_choices(None, PhoneAddress("10.42.0.1", 8099), [], "win32")
    assert (choices[index].host, port) == ("10.42.0.1", 8099)
    choices, index, port = print_choices(None, PhoneAddress("192.168.5.9", 8080), [], "win32")
    assert choices[index].kind == "printed before" and choices[index].host == "192.168.5.9"


def test_before_opening_the_facilitator_is_told_to_turn_on_the_hotspot():
    assert before_opening_note(HOTSPOT, ["172.17.0.2", "127.0.0.1"]) == (
        "The printed cards point to 192.168.137.1:8080. Turn on this laptop's own hotspot (Windows Mobile "
        "Hotspot), then choose 192.168.137.1 under “Listen on” and port 8080.")
    assert before_opening_note(HOTSPOT, ["192.168.137.1"]) == ""
    assert before_opening_note(None, []) == ""
    assert "doesn't have now" in before_opening_note(VENUE, [])
    assert before_opening_note(HOTSPOT, ["192.168.137.1"], chosen=HOTSPOT) == ""
    assert before_opening_note(HOTSPOT, ["192.168.137.1"], chosen=PhoneAddress("127.0.0.1", 8080)) == (
        "The printed cards point to 192.168.137.1:8080: choose 192.168.137.1 under “Listen on” and port 8080 before "
        "you open to phones.")
    assert "port 8080" in before_opening_note(HOTSPOT, ["192.168.137.1"], chosen=PhoneAddress("192.168.137.1", 9000))
