"""Printing ballot cards through the service, on a real data file: the codes are kept only with their PDF saved."""

from __future__ import annotations

import re
import subprocess

import pytest

from cafe_desk.core.errors import Cancelled, UserError
from cafe_desk.services import Services
from tests.conftest import exactly

ADDRESS = "192.168.137.1:8080"  # this laptop's own hotspot on Windows: printed ahead, never reached


def stored_codes(services, cafe) -> int:
    return services.store.conn.execute("SELECT count(*) FROM ballot_code WHERE cafe_id = ?", [cafe.id]).fetchone()[0]


def printed_codes(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60,
                          check=True).stdout
    return re.findall(r"^([A-Z2-9]{8})$", text, flags=re.M)


def test_a_print_keeps_exactly_the_codes_in_the_pdf(services, cafe, tmp_path):
    steps = []
    target = services.ballots.print_cards(cafe.id, 20, tmp_path / "cards.pdf", ADDRESS,
                                          progress=lambda done, total: steps.append((done, total)))
    assert target == tmp_path / "cards.pdf"
    codes = printed_codes(target)
    assert len(set(codes)) == 20
    assert stored_codes(services, cafe) == 20
    assert steps == [(1, 4), (2, 4), (3, 4), (1, 1)], "one step a page, then storing the codes"
    assert not list(tmp_path.glob(".ballot-cards-*"))
    assert "issue codes" in services.comments.audit_csv(cafe.id)
    # every printed code is one the café accepts
    services.channel.set_ballot_rule(cafe.id, "code")
    services.channel.set_voting_open(cafe.id, True)
    outcome = services.planning.items(cafe.id, "outcome")[0]
    for code in codes:
        services.ballots.cast(cafe.id, code, {outcome.id: 1}, is_code=True)
    assert len(services.ballots.ballots(cafe.id)) == 20


def test_on_a_connection_of_its_own(services, cafe, db_path, tmp_path):
    with Services.open(db_path) as own:  # as the worker thread does
        own.ballots.print_cards(cafe.id, 3, tmp_path / "cards.pdf", ADDRESS)
    assert len(printed_codes(tmp_path / "cards.pdf")) == 3
    assert stored_codes(services, cafe) == 3


def test_a_pdf_that_cant_be_saved_keeps_no_code(services, cafe, tmp_path):
    folder = tmp_path / "cards.pdf"
    folder.mkdir()  # the chosen name is taken by a folder: the file can't go there
    with pytest.raises(UserError, match=exactly(f"The cards couldn't be saved to {folder} (Is a directory), so no "
                                                "codes were kept; please choose another folder and print them "
                                                "again.")):
        services.ballots.print_cards(cafe.id, 10, folder, ADDRESS)
    assert stored_codes(services, cafe) == 0
    assert folder.is_dir() and not list(tmp_path.glob(".ballot-cards-*")), "nothing half-written is left"

    with pytest.raises(UserError, match=exactly(f"The folder {tmp_path / 'missing'} isn't there; please choose "
                                                "another one.")):
        services.ballots.print_cards(cafe.id, 10, tmp_path / "missing" / "cards.pdf", ADDRESS)
    assert stored_codes(services, cafe) == 0


def test_cancelling_keeps_no_code_and_no_file(services, cafe, tmp_path):
    pages = []

    def cancelled() -> bool:
        return len(pages) >= 2

    with pytest.raises(Cancelled):
        services.ballots.print_cards(cafe.id, 40, tmp_path / "cards.pdf", ADDRESS, cancelled=cancelled,
                                     progress=lambda done, total: pages.append(done))
    assert pages == [1, 2], "it stops at the next page"
    assert stored_codes(services, cafe) == 0
    assert not (tmp_path / "cards.pdf").exists() and not list(tmp_path.glob(".ballot-cards-*"))


def test_if_the_codes_cant_be_stored_the_pdf_is_removed(services, cafe, tmp_path):
    services.store.conn.execute("CREATE TRIGGER refuse_codes BEFORE INSERT ON ballot_code "
                                "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END")
    with pytest.raises(Exception, match="refused for the test"):
        services.ballots.print_cards(cafe.id, 5, tmp_path / "cards.pdf", ADDRESS)
    services.store.conn.execute("DROP TRIGGER refuse_codes")
    assert stored_codes(services, cafe) == 0
    assert not (tmp_path / "cards.pdf").exists() and not list(tmp_path.glob(".ballot-cards-*"))
    assert "issue codes" not in services.comments.audit_csv(cafe.id)
