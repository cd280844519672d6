"""`cafe-desk report CAFE --out FILE.pdf [--full]`: the real command line on a real data file, the PDF read back."""

from __future__ import annotations

import pytest

from cafe_desk.reports.cafe_summary_model import PERSONAL_DATA_MARK
from cafe_desk.services import Services
from cafe_desk.settings import Settings
from cafe_desk.storage.store import Store
from tests.conftest import assert_fails, cafe_desk, mental_health_plan
from tests.reports.summary_cafe import NAME, QUOTE, make_cafe, page_count, pdftotext, unwritable_folder


@pytest.fixture
def laptop(tmp_path):
    """A data folder holding one café with something in every section; (folder, café id, short code, title)."""
    folder = tmp_path / "laptop"
    store = Store(Settings(folder).db_path)
    try:
        services = Services.build(store)
        cafe = services.planning.create(mental_health_plan(services))[0]
        make_cafe(services, cafe)
    finally:
        store.close()
    return folder, cafe.id, cafe.short_code, cafe.title


def test_report_writes_the_anonymised_summary(laptop, tmp_path):
    folder, _, code, title = laptop
    out = tmp_path / "summary.pdf"
    result = cafe_desk("report", code, "--out", str(out), data_dir=folder)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"Café summary of “{title}” (anonymised) → {out}\n"
    text = pdftotext(out)
    assert QUOTE in text and NAME not in text and PERSONAL_DATA_MARK not in text


def test_full_puts_the_names_back_and_marks_every_page(laptop, tmp_path):
    folder, cafe_id, _, _ = laptop
    out = tmp_path / "full.pdf"
    result = cafe_desk("report", cafe_id, "--out", str(out), "--full", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert "full version, with personal data — not for sharing" in result.stdout
    assert NAME in pdftotext(out)
    assert all(PERSONAL_DATA_MARK in pdftotext(out, page) for page in range(1, page_count(out) + 1))


def test_bad_requests_get_one_plain_line(laptop, tmp_path):
    folder, _, code, _ = laptop
    missing = tmp_path / "nowhere" / "summary.pdf"
    assert_fails(cafe_desk("report", code, "--out", str(missing), data_dir=folder),
                 f"The folder {missing.parent} isn't there, so the report was not saved. Please choose another folder.")
    locked = unwritable_folder(tmp_path)
    assert_fails(cafe_desk("report", code, "--out", str(locked / "summary.pdf"), data_dir=folder),
                 f"The folder {locked} can't be written to, so the report was not saved. Please choose another folder.")
    assert_fails(cafe_desk("report", code, "--out", str(tmp_path / "summary.docx"), data_dir=folder),
                 "The café summary is a PDF: give a file name ending in .pdf, not 'summary.docx'.")
    assert_fails(cafe_desk("report", "--out", str(tmp_path / "summary.pdf"), data_dir=folder),
                 "Say which café: cafe-desk report CAFE --out FILE.pdf (`cafe-desk cafes` lists them).")
    assert_fails(cafe_desk("report", "NOPE99", "--out", str(tmp_path / "summary.pdf"), data_dir=folder),
                 "There is no café 'NOPE99' here. `cafe-desk cafes` lists the ones there are.")
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.part"))
