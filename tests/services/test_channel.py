"""The participant channel's settings and secrets through the service, on a real data file."""

from __future__ import annotations

import pytest

from cafe_desk.core.errors import ReadOnlyError, ValidationError
from cafe_desk.core.safeguarding import DEFAULT_SUPPORT_LINES
from tests.conftest import exactly


def test_settings_create_a_128_bit_token_once(services, cafe):
    first = services.channel.settings(cafe.id)
    assert len(first.token) == 22 and first == services.channel.settings(cafe.id)
    assert (first.voting_open, first.ballot_rule, first.support_lines) == (False, "phone", DEFAULT_SUPPORT_LINES)
    assert first.voting_not_yet_open, "a new café's voting waits for the facilitator"
    assert services.channel.cafe_for_token(first.token).id == cafe.id
    for wrong in ("", "x", first.token[:-1], "a" * 65):
        assert services.channel.cafe_for_token(wrong) is None


def test_each_cafe_and_table_has_its_own_secret(services, cafe):
    from tests.conftest import mental_health_plan

    other = services.planning.create(mental_health_plan(services, date="2026-06-01"))[0]
    assert services.channel.settings(cafe.id).token != services.channel.settings(other.id).token
    tables = services.planning.items(cafe.id, "table")
    tokens = [services.channel.host_token(t.id) for t in tables]
    assert len(set(tokens)) == len(tables)
    assert services.channel.host_token(tables[0].id) == tokens[0]
    assert services.channel.table_for_host_token(tokens[1]) == tables[1]
    assert services.channel.table_for_host_token("nope") is None


def test_voting_ballot_rule_and_support_lines(services, cafe):
    services.channel.set_voting_open(cafe.id, False)
    services.channel.set_ballot_rule(cafe.id, "code")
    services.channel.set_support_lines(cafe.id, [(" Local  line ", "01234  567890"), ("", "123")])
    settings = services.channel.settings(cafe.id)
    assert (settings.voting_open, settings.ballot_rule, settings.support_lines) == (
        False, "code", (("Local line", "01234 567890"),))
    services.channel.set_support_lines(cafe.id, [])
    assert services.channel.settings(cafe.id).support_lines == DEFAULT_SUPPORT_LINES
    with pytest.raises(ValidationError, match=exactly("Choose one ballot per phone, or one per printed code.")):
        services.channel.set_ballot_rule(cafe.id, "any")
    services.cafes.close(cafe.id)
    with pytest.raises(ReadOnlyError):
        services.channel.set_voting_open(cafe.id, True)


def test_wifi_is_kept_on_this_laptop(services):
    assert services.channel.wifi() == ("", "", "WPA")
    services.channel.set_wifi(" Hall WiFi ", "p@ss;word", "WPA")
    assert services.channel.wifi() == ("Hall WiFi", "p@ss;word", "WPA")
    with pytest.raises(ValidationError, match=exactly("Choose WPA, WEP or an open network.")):
        services.channel.set_wifi("x", "y", "WPA3")


def test_voting_has_not_opened_until_the_facilitator_opens_it(services, cafe):
    assert services.channel.settings(cafe.id).voting_not_yet_open
    services.channel.set_voting_open(cafe.id, True)
    assert services.channel.settings(cafe.id).voting_open
    services.channel.set_voting_open(cafe.id, False)
    closed = services.channel.settings(cafe.id)
    assert not closed.voting_open and not closed.voting_not_yet_open, "closed after it was open, not 'not yet'"


def test_voting_state_reads_without_writing(services, store, cafe):
    before = store.channel_settings(cafe.id)
    assert services.channel.voting_state(cafe.id) == "not yet"
    assert store.channel_settings(cafe.id) == before, "reading the state makes no link or salt"
    services.channel.set_voting_open(cafe.id, True)
    assert services.channel.voting_state(cafe.id) == "open"
    services.channel.set_voting_open(cafe.id, False)
    assert services.channel.voting_state(cafe.id) == "closed"


def test_a_wifi_name_or_password_longer_than_any_network_is_refused_in_words(services):
    with pytest.raises(ValidationError, match="name is at most 32 letters"):
        services.channel.set_wifi("w" * 33, "secret-pass")
    with pytest.raises(ValidationError, match="password is at most 64 characters"):
        services.channel.set_wifi("Hall", "p" * 65)
    services.channel.set_wifi("Ceòl", "p" * 63)
    assert services.channel.wifi() == ("Ceòl", "p" * 63, "WPA")
    with services.store.transaction():  # a name stored before names were checked
        services.store.set_state("wifi_name", "w" * 2500)
    assert services.channel.wifi() == ("", "", "WPA")
