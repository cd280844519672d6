"""The printables PDF read back: each kind's words, only the embedded shipped typeface, QR codes that open the right
pages, and long content (600-character questions, 40 outcomes, Gaelic, Polish, emoji) kept on its card or page,
nothing overlapping."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace

import pytest
from reportlab.pdfgen import canvas

from cafe_desk.core.model import AGREEMENT_LABELS
from cafe_desk.core.participant_words import CONSENT, SUPPORT_HEADING
from cafe_desk.reports.printables.document import page_counts, printables_pdf
from cafe_desk.reports.printables.snapshot import KINDS, PrintSnapshot, Question, Selection, TableCard
from tests.reports.pdf_checks import layout_problems, only_embedded_dejavu, pages_count, qr_codes, text_of

BASE = "http://10.42.0.1:8000"
GAELIC_POLISH = "Ciamar a tha thu? Mòrag Nic a’ Phearsain — Łódź, żółć, gęślą jaźń"
LONG_QUESTION = (f"{GAELIC_POLISH} 🙂 what would make the biggest difference to you, your family and the people "
                 "you work alongside, ") * 6


def snapshot(**changes) -> PrintSnapshot:
    snap = PrintSnapshot(
        title="Spring listening café", short_code="K7QM2P", date="2026-03-14", locality="Perth",
        tables=tuple(TableCard(n, f"Table {n}", f"{BASE}/t/host{n}") for n in (1, 2, 3)),
        questions=(Question(1, "What helps you most when things get hard?"),
                   Question(2, "What would you change first?")),
        outcomes=("Peer support in every surgery", "Shorter waits for talking therapies", "Crisis café open late"),
        groups=("Lived experience", "Family member or carer", "Practitioner", "Other"),
        vote_method="dots", dots_per_person=3, agreement_labels=tuple(AGREEMENT_LABELS.items()),
        support_heading=SUPPORT_HEADING,
        support_lines=(("Breathing Space", "0800 83 85 87"), ("Samaritans", "116 123"), ("NHS 24", "111")),
        consent_words=CONSENT, comment_url=f"{BASE}/c/Xy7mQ2pLk9RtVb3nH4sWfA",
        wifi_name="Community Hall", wifi_password="tea-and-biscuits",
        wifi_payload="WIFI:T:WPA;S:Community Hall;P:tea-and-biscuits;;")
    return replace(snap, **changes)


def written(tmp_path, snap: PrintSnapshot, selection: Selection, name: str = "printables.pdf"):
    pdf = tmp_path / name
    pdf.write_bytes(printables_pdf(snap, selection))
    return pdf


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_kind_prints_its_words_in_the_embedded_typeface(tmp_path):
    snap = snapshot()
    pdf = written(tmp_path, snap, Selection(tuple(KINDS), comment_cards=4, vote_sheets=1))
    assert pages_count(pdf) == sum(page_counts(snap, Selection(tuple(KINDS), 4, 1)).values()) == 1 + 3 + 1 + 1 + 6
    assert only_embedded_dejavu(pdf)
    poster = flat(text_of(pdf, 1, 1))
    for words in ("Spring listening café", "Join the Wi-Fi", "Open the comment page", "Network: Community Hall",
                  "Password: tea-and-biscuits", f"{BASE}/c/Xy7mQ2pLk9RtVb3nH4sWfA", "Café code K7QM2P",
                  SUPPORT_HEADING, "Samaritans 116 123"):
        assert words in poster, words
    tent = flat(text_of(pdf, 2, 2))
    assert tent.count("Table 1") == 2 and tent.count("What helps you most when things get hard?") == 2
    card = flat(text_of(pdf, 5, 5))
    assert card.count(CONSENT) == 4 and card.count("Café K7QM2P") == 4 and card.count("Breathing Space") == 4
    assert card.count("Question or outcome it is about") == 4 and card.count("Table") == 4
    votes = flat(text_of(pdf, 6, 6))
    assert "You have 3 dots to give" in votes
    assert all(title in votes for title in snap.outcomes)
    notes = flat(text_of(pdf, 7, 7))
    assert "Notes · Table 1 · Round 1" in notes and "What we carry forward" in notes
    assert "What helps you most when things get hard?" in notes
    assert "Notes · Table 3 · Round 2" in flat(text_of(pdf, 12, 12))


def test_each_qr_code_opens_its_page(tmp_path):
    pdf = written(tmp_path, snapshot(), Selection(("poster", "tables")))
    assert sorted(qr_codes(pdf, 1, tmp_path)) == sorted([f"{BASE}/c/Xy7mQ2pLk9RtVb3nH4sWfA",
                                                         "WIFI:T:WPA;S:Community Hall;P:tea-and-biscuits;;"])
    for page, table in ((2, 1), (4, 3)):
        assert qr_codes(pdf, page, tmp_path) == [f"{BASE}/t/host{table}"] * 2, "both sides of the tent"


def test_without_an_address_nothing_has_a_qr_code_and_the_poster_says_what_to_do(tmp_path):
    snap = snapshot(comment_url="", tables=tuple(TableCard(n, f"Table {n}") for n in (1, 2)), wifi_name="",
                    wifi_password="", wifi_payload="")
    pdf = written(tmp_path, snap, Selection(("poster", "tables")))
    assert qr_codes(pdf, 1, tmp_path) == [] and qr_codes(pdf, 2, tmp_path) == []
    poster = flat(text_of(pdf, 1, 1))
    assert "Ask a facilitator for its name and password" in poster
    assert "Ask a facilitator for the comment page's link" in poster
    assert "Scan" not in poster


@pytest.mark.parametrize("method, words", [
    ("dots", "You have 5 dots to give"),
    ("ranking", "1 is the most important"),
    ("agreement", "Strongly disagree"),
])
def test_vote_sheets_follow_the_vote_method(tmp_path, method, words):
    pdf = written(tmp_path, snapshot(vote_method=method, dots_per_person=5), Selection(("vote-sheets",),
                                                                                         vote_sheets=3))
    assert pages_count(pdf) == 3
    text = flat(text_of(pdf))
    assert text.count(words) == 3 and text.count("Shorter waits for talking therapies") == 3
    assert layout_problems(pdf) == []


def test_comment_cards_come_four_to_a_page(tmp_path):
    pdf = written(tmp_path, snapshot(), Selection(("comment-cards",), comment_cards=9))
    assert pages_count(pdf) == 3
    assert [flat(text_of(pdf, p, p)).count("Café K7QM2P") for p in (1, 2, 3)] == [4, 4, 1]


def test_long_content_shrinks_or_splits_and_never_overflows(tmp_path):
    snap = snapshot(
        title=f"{GAELIC_POLISH} 🎉 " * 5,
        tables=tuple(TableCard(n, f"Table {n} — {GAELIC_POLISH}", f"{BASE}/t/host{n}") for n in (1, 2)),
        questions=tuple(Question(n, LONG_QUESTION[:600]) for n in range(1, 7)),
        outcomes=tuple(f"Outcome {n}: {GAELIC_POLISH} 👍🏽 and what it would mean for services near you" * 2
                       for n in range(1, 41)),
        groups=("Lived experience", "Family member or carer", "Practitioner", "Other", f"{GAELIC_POLISH} 🙂"),
        vote_method="agreement",
        support_lines=(("Breathing Space", "0800 83 85 87"), ("Samaritans", "116 123"), ("NHS 24", "111"),
                       ("Childline", "0800 1111"), ("Mòrag's helpline 🙂", "0800 000 0000")))
    selection = Selection(tuple(KINDS), comment_cards=4, vote_sheets=1)
    pdf = written(tmp_path, snap, selection)
    counts = page_counts(snap, selection)
    assert counts["tables"] > len(snap.tables), "six 600-character questions go on to a second card"
    assert counts["vote-sheets"] > 1, "forty long outcomes go on to more pages"
    assert pages_count(pdf) == sum(counts.values())
    assert layout_problems(pdf) == []
    text = flat(text_of(pdf))
    assert "Łódź, żółć, gęślą jaźń" in text and "Mòrag Nic a’ Phearsain" in text
    assert "\u25a1" in text, "an emoji prints as the placeholder"
    assert all(f"{n}. Outcome {n}:" in text for n in range(1, 41)), "every outcome is on a vote sheet"
    assert only_embedded_dejavu(pdf)
    assert qr_codes(pdf, 2, tmp_path) == [f"{BASE}/t/host1"] * 2


def test_the_layout_check_sees_words_that_overlap_or_leave_the_page(tmp_path):
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(100, 700, "overlapping words")
    page.drawString(110, 702, "on top")
    page.drawString(3, 500, "at the very edge")
    page.save()
    (tmp_path / "bad.pdf").write_bytes(out.getvalue())
    problems = layout_problems(tmp_path / "bad.pdf")
    assert any("overlaps" in p for p in problems) and any("leaves the page" in p for p in problems)


def test_the_preview_paints_the_first_page_as_the_pdf_draws_it(tmp_path):
    from cafe_desk.reports.printables.document import first_page_png

    png = tmp_path / "tent.png"
    png.write_bytes(first_page_png(snapshot(), Selection(("tables", "poster")), dpi=100))
    found = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True,
                           timeout=60).stdout.splitlines()
    assert found == [f"{BASE}/t/host1"] * 2, "the first table's tent, both halves (one upside down)"
