"""The café summary PDF, made through the service from a real café on a real data file and read back with poppler:
what it says, what it leaves out, the marking of the full version, fonts, suppression of small groups, and the
sentences that stand in for empty sections."""

from __future__ import annotations

import re
import subprocess

import pytest

from cafe_desk.core.counts import counted
from cafe_desk.reports.cafe_summary_model import PERSONAL_DATA_MARK
from tests.conftest import exactly
from tests.reports.summary_cafe import (
    CARRIED,
    COMMENT,
    HIDDEN_COMMENT,
    NAME,
    QUOTE,
    fonts,
    make_cafe,
    page_count,
    pdftotext,
    unwritable_folder,
)


@pytest.fixture
def full_cafe(services, cafe):
    return make_cafe(services, cafe)


@pytest.fixture
def read_only_folder(tmp_path):
    return unwritable_folder(tmp_path)


def flat(text: str) -> str:
    """The text without the page footers, runs of spaces and line breaks made one space, so lines wrapped or
    carried over to the next page can be searched."""
    kept = [line for line in text.splitlines() if not re.search(r"Page \d+ of \d+", line)]
    return " ".join(" ".join(kept).split())


def test_the_summary_says_what_happened(tmp_path, services, full_cafe):
    pdf = services.cafe_report.write_pdf(full_cafe.cafe_id, tmp_path / "summary.pdf")
    text = flat(pdftotext(pdf))
    assert all(flat(q) in text for q in full_cafe.questions)
    assert f"Quote: “{QUOTE}”" in text
    assert f"Table 1, round 1: {CARRIED}" in text
    for total in services.votes.totals(full_cafe.cafe_id):
        if total.voters:
            assert total.detail in text
    assert "37 dots" in text  # 15 + 18 dots on paper and 2 from each of two phones
    assert f"About round 1 • {COMMENT}" in text
    assert HIDDEN_COMMENT not in text
    assert "1 comment hidden by the facilitator" in text


def test_names_are_left_out_unless_the_full_version_is_asked_for(tmp_path, services, full_cafe):
    shared = services.cafe_report.write_pdf(full_cafe.cafe_id, tmp_path / "shared.pdf")
    text = pdftotext(shared)
    assert NAME not in text and "[NAME] said the crisis team never called back" in text
    assert "Taken out of the text: 1 name." in flat(text)
    assert PERSONAL_DATA_MARK not in text

    full = services.cafe_report.write_pdf(full_cafe.cafe_id, tmp_path / "full.pdf", full=True)
    assert f"{NAME} said the crisis team never called back" in pdftotext(full)
    pages = page_count(full)
    assert pages >= 2
    for page in range(1, pages + 1):
        assert PERSONAL_DATA_MARK in pdftotext(full, page), f"page {page} carries the warning"


def test_every_page_is_numbered_and_the_file_says_what_it_is(tmp_path, services, full_cafe):
    pdf = services.cafe_report.write_pdf(full_cafe.cafe_id, tmp_path / "summary.pdf")
    pages = page_count(pdf)
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in pdftotext(pdf, page)
    assert "Page" not in flat(pdftotext(pdf))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"Café summary — {full_cafe.title}" in info
    assert "Café Desk" in info and "Summary of one conversation café" in info
    raw = pdf.read_bytes()
    assert b"/Lang (en-GB)" in raw
    assert b"/Outlines" in raw and b"(Votes)" in raw and b"(Notes by table and round)" in raw


def test_only_the_shipped_font_is_used_and_it_is_embedded(tmp_path, services, full_cafe):
    pdf = services.cafe_report.write_pdf(full_cafe.cafe_id, tmp_path / "summary.pdf", full=True)
    used = fonts(pdf)
    assert used and all(embedded for _, embedded in used), used
    assert {name.split("+")[-1] for name, _ in used} <= {"DejaVuSans", "DejaVuSans-Bold"}


def test_small_groups_are_held_back_with_the_count_that_would_give_them_away(tmp_path, services, full_cafe):
    lived, family, practitioner, other = full_cafe.groups
    summary = services.cafe_report.summary(full_cafe.cafe_id)
    row, table = summary.attendance
    assert row.table == "All tables" and table.table.startswith("Table 1")
    assert dict(row.counts) == {lived: None, family: 7, practitioner: None, other: 0}  # 3 held back, and 6 with it
    assert row.total == table.total == 16 and table.counts == ()  # a table's groups are not in the export
    assert [g.group for g in summary.votes_by_group] == [family]  # 1 voter held back, and the 5 with them
    assert summary.groups_suppressed == 2

    text = flat(pdftotext(services.cafe_report.write_pdf(full_cafe.cafe_id, tmp_path / "summary.pdf")))
    assert "All tables 1 – 7 – 0 16" in text
    assert f"{family} (about 6 voters, on paper)" in text
    assert f"{lived} (about" not in text and f"{practitioner} (about" not in text


def test_empty_sections_say_so(tmp_path, services, cafe):
    text = flat(pdftotext(services.cafe_report.write_pdf(cafe.id, tmp_path / "empty.pdf")))
    for sentence in ("No attendance was recorded.", "No notes were taken at this table.",
                     "No table recorded what it carried forward.", "No votes were recorded.",
                     "No comments are shown", "Nothing personal was found in the text.", "Nothing was left out"):
        assert sentence in text
    assert "Votes by group" not in text  # no chart, no table, for votes nobody cast


def test_long_and_unusual_text_still_builds(tmp_path, services, cafe):
    table = services.planning.items(cafe.id, "table")[0]
    round_ = services.planning.items(cafe.id, "round")[0]
    long_point = ("Nobody listened when I asked for help. " * 130)[:5000]
    services.notes.add(cafe.id, table.id, round_.id, "الدعم من الأقران ساعدني كثيرا 🙂 שלום")
    services.notes.add(cafe.id, table.id, round_.id, long_point)
    services.comments.submit(cafe.id, "Short & <sweet> 🙂", consent=True)
    pdf = services.cafe_report.write_pdf(cafe.id, tmp_path / "long.pdf")
    text = flat(pdftotext(pdf))
    sentence = "Nobody listened when I asked for help."
    assert text.count(sentence) == long_point.count(sentence)
    assert "Not about one round • Short & <sweet> □" in text  # markup characters kept, the emoji a placeholder
    assert counted(2, "point") in text


def test_a_missing_or_read_only_folder_gets_one_plain_line(tmp_path, services, cafe, read_only_folder):
    from cafe_desk.core.errors import UserError

    with pytest.raises(UserError, match=exactly(f"The folder {tmp_path / 'nowhere'} isn't there, so the report was "
                                                "not saved. Please choose another folder.")):
        services.cafe_report.write_pdf(cafe.id, tmp_path / "nowhere" / "summary.pdf")
    with pytest.raises(UserError, match="can't be written to, so the report was not saved"):
        services.cafe_report.write_pdf(cafe.id, read_only_folder / "summary.pdf")


def test_cancel_leaves_no_file(tmp_path, services, full_cafe):
    from cafe_desk.core.errors import Cancelled

    seen: list[int] = []
    with pytest.raises(Cancelled):
        services.cafe_report.write_pdf(full_cafe.cafe_id, tmp_path / "summary.pdf",
                                       progress=lambda done, total: seen.append(done), cancelled=lambda: len(seen) > 2)
    assert seen, "it had started"
    assert not (tmp_path / "summary.pdf").exists()
    assert not any(p.suffix == ".part" for p in tmp_path.iterdir())


def test_a_table_with_ten_thousand_points_splits_across_pages(tmp_path):
    from cafe_desk.reports.cafe_summary import cafe_summary_pdf
    from cafe_desk.reports.cafe_summary_model import CafeSummary, Point, TableNotes

    points = tuple(Point(f"Point number {i} about waiting lists", is_quote=i % 7 == 0) for i in range(10_000))
    pdf = tmp_path / "big.pdf"
    pdf.write_bytes(cafe_summary_pdf(CafeSummary("", notes=(TableNotes("Table 1", (("Round 1", points),)),))))
    pages = page_count(pdf)
    assert pages > 100
    assert "Point number 9999 about waiting lists" in pdftotext(pdf, pages)
    assert "Untitled café" in pdftotext(pdf, 1)


def test_many_outcomes_and_an_empty_cafe_title_still_build(tmp_path):
    from cafe_desk.reports.cafe_summary import cafe_summary_pdf
    from cafe_desk.reports.cafe_summary_model import CafeSummary, VoteRow

    rows = tuple(VoteRow(f"Outcome {i} " + "with a very long title " * 20, i, f"{i} dots") for i in range(80))
    pdf = tmp_path / "votes.pdf"
    pdf.write_bytes(cafe_summary_pdf(CafeSummary("", facts=(("Town or area", ""),), votes=rows)))
    text = flat(pdftotext(pdf))
    assert "79 dots" in text and "Town or area Not given" in text
    assert "Untitled café" in text
