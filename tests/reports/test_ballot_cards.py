"""Ballot cards PDF: every code printed, eight cards to a page, each card's QR code leading to the vote page."""

from __future__ import annotations

import subprocess

from cafe_desk.reports.ballot_cards import write_ballot_cards

VOTE_URL = "http://127.0.0.1:8080/c/Xy7mQ2pLk9RtVb3nH4sWfA/vote"


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=30,
                          check=True).stdout


def test_every_code_is_printed_and_each_qr_code_opens_the_vote_page(tmp_path, services, cafe):
    codes = services.ballots.issue_codes(cafe.id, 11)
    pdf = tmp_path / "cards.pdf"
    assert write_ballot_cards(pdf, codes, VOTE_URL, "Spring listening café") == 2
    text = pdftotext(pdf)
    assert all(code in text for code in codes)
    assert text.count("Your ballot card") == 11
    assert "Spring listening café" in text

    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    page = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True,
                             timeout=30).stdout.splitlines()
    assert decoded == [VOTE_URL] * 8, "eight cards on the first page, each QR code opens the vote page"


def test_the_printed_codes_are_the_ones_the_cafe_accepts(tmp_path, services, cafe):
    codes = services.ballots.issue_codes(cafe.id, 2)
    write_ballot_cards(tmp_path / "cards.pdf", codes, VOTE_URL, cafe.title)
    printed = [c for c in codes if c in pdftotext(tmp_path / "cards.pdf")]
    services.channel.set_voting_open(cafe.id, True)
    services.channel.set_ballot_rule(cafe.id, "code")
    outcome = services.planning.items(cafe.id, "outcome")[0]
    for code in printed:
        services.ballots.cast(cafe.id, code, {outcome.id: 1}, is_code=True)
    assert len(services.ballots.ballots(cafe.id)) == 2
