"""Reports of a café whose file carries names thousands of characters long (a title, a place, an outcome and a
question near the 20,000 characters a text may have): the national report (PDF and Word) and the café summary are
still written, each long name shortened where a heading or a table shows it."""

from __future__ import annotations

import random
import subprocess

import docx
import pyrage
import pytest

from cafe_desk.export import keys
from cafe_desk.reports.synthesis_content import LABEL_CHARACTERS
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from tests.central import make_cafe
from tests.central.hostile import edit_json, rebuilt, sealed

LONGEST = 19_999


def words(seed: int, size: int) -> str:
    """`size` characters of made-up words."""
    rng = random.Random(seed)
    out = []
    while sum(len(w) + 1 for w in out) < size:
        out.append("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 12))))
    return " ".join(out)[:size]


TITLE = "Longtitle " + words(1, 6_000)
PLACE = "Longplace" + words(2, LONGEST).replace(" ", "")[:LONGEST - 9]  # one word, no space to break at
OUTCOME = "Longoutcome " + words(3, LONGEST - 12)
QUESTION = "Longquestion " + words(4, LONGEST - 13)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """A central desk holding one café whose title, place, first outcome and first question are that long, its
    items shortlisted and coded with a theme. Returns (services, the café's id)."""
    folder = tmp_path_factory.mktemp("long-names")
    laptop_store, central_store = Store(folder / "laptop.sqlite3"), Store(folder / "central.sqlite3")
    laptop, central = Services.build(laptop_store), Services.build(central_store)
    identity = pyrage.x25519.Identity.from_str(keys.new_identity()[0])
    cafe = make_cafe(laptop)

    def lengthen(files, manifest) -> None:
        edit_json("cafe.json", lambda c: c.update(title=TITLE, locality=PLACE))(files, manifest)
        edit_json("outcomes.json", lambda o: o[0].update(title=OUTCOME))(files, manifest)
        edit_json("prompts.json", lambda p: p[0].update(prompt=QUESTION))(files, manifest)

    data = sealed(rebuilt(laptop, cafe.id, lengthen), str(identity.to_public()))
    cafe_id = central.importing.import_bundle(data, [identity]).cafe_id
    syn = central.synthesis
    items = [i.id for i in syn.find().items]
    syn.shortlist(items)
    syn.apply_theme(items, syn.create_theme("Peer support")[0].id)
    yield central, cafe_id
    laptop_store.close()
    central_store.close()


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_national_pdf_is_written_with_long_names_shortened(desk, tmp_path):
    central, _ = desk
    written = central.synthesis_report.write(tmp_path / "synthesis.pdf")
    assert written.cafes == 1
    text = " ".join(pdf_text(written.path).split())
    assert TITLE[:40] in text and OUTCOME[:40] in text and "Longplace" in text
    assert TITLE[LABEL_CHARACTERS:LABEL_CHARACTERS + 40] not in text  # the rest of the title is left out
    pages = subprocess.run(["pdfinfo", str(written.path)], capture_output=True, text=True, check=True).stdout
    assert int(next(line.split()[1] for line in pages.splitlines() if line.startswith("Pages:"))) < 12


def test_the_word_document_shortens_them_too(desk, tmp_path):
    central, _ = desk
    written = central.synthesis_report.write(tmp_path / "synthesis.docx")
    document = docx.Document(str(written.path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    cafe_heading = next(h for h in headings if h.startswith("Longtitle"))
    assert len(cafe_heading) <= LABEL_CHARACTERS + 1 and cafe_heading.endswith("…")
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert cells and max(len(c) for c in cells) <= LABEL_CHARACTERS + 1


def test_the_cafe_summary_is_written(desk, tmp_path):
    central, cafe_id = desk
    path = central.cafe_report.write_pdf(cafe_id, tmp_path / "summary.pdf")
    text = " ".join(pdf_text(path).split())
    assert TITLE[:40] in text and QUESTION[-40:] in text  # the question in full where the questions are listed
