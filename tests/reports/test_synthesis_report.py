"""The national synthesis report over real imported bundles: the PDF read back with poppler, the Word document read
back with python-docx, the filters, small counts hidden, empty parts said in words, and a cancel or a bad target
leaving nothing behind."""

from __future__ import annotations

import re
import subprocess
import zipfile

import docx
import pyrage
import pytest

from cafe_desk.core.errors import Cancelled, UserError
from cafe_desk.core.synthesis import SynthesisFilter
from cafe_desk.export import keys
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from tests.central import cafe_at, make_cafe, rebuilt, sealed_by_age
from tests.conftest import exactly, mental_health_plan

WAITED = "Waited eight months for a first appointment"
SUMMARY = "Tables agreed that peer workers should be in every practice"
GROUPS = ["Lived experience", "Carers", "Practitioners"]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """Imported cafés: Perth (the shared test café, signed by a key the desk then revoked), Inverness (points,
    comments, a paper comment and a table summary), Dundee (came unsigned; people by group, some held back) and
    Stirling (nothing voted, nothing coded). A codebook of two themes, one quote shortlisted under one."""
    folder = tmp_path_factory.mktemp("report")
    laptop_store, central_store = Store(folder / "laptop.sqlite3"), Store(folder / "central.sqlite3")
    laptop, central = Services.build(laptop_store), Services.build(central_store)
    identity = pyrage.x25519.Identity.from_str(keys.new_identity()[0])
    public = str(identity.to_public())

    def send(cafe) -> None:
        central.importing.import_bundle(laptop.exporting.export_cafe(cafe.id, [public])[0], [identity])

    perth = make_cafe(laptop)
    inverness = cafe_at(laptop, "Inverness café", "2026-04-02", "Inverness",
                        ("Recovery colleges gave me a reason to get up", "Peer workers in every GP practice"),
                        ("Peer support near home, not an hour away on the bus",))
    table = laptop.planning.items(inverness.id, "table")[0]
    round_ = laptop.planning.items(inverness.id, "round")[0]
    laptop.notes.add(inverness.id, table.id, round_.id, SUMMARY, kind="summary")
    laptop.comments.add_paper(inverness.id, "A lift to the hall would have helped", consent=True)
    plan = mental_health_plan(laptop, date="2026-05-09", locality="Dundee")
    plan.title, plan.groups = "Dundee café", GROUPS
    dundee = laptop.planning.create(plan)[0]
    laptop.running.start(dundee.id)
    groups = {g.name: g for g in laptop.planning.items(dundee.id, "group")}
    tables = laptop.planning.items(dundee.id, "table")
    first = laptop.planning.items(dundee.id, "round")[0]
    for place, counts in ((tables[0], {"Carers": 3, "Practitioners": 7}),
                          (tables[1], {"Lived experience": 6, "Practitioners": 8})):
        laptop.notes.set_attendances(dundee.id, place.id, first.id, {groups[n].id: c for n, c in counts.items()})
    laptop.notes.add(dundee.id, tables[0].id, first.id, "Nobody asked us what we needed")
    stirling = cafe_at(laptop, "Stirling café", "2026-06-01", "Stirling", ("Quiet rooms in every hospital",))
    for cafe in (perth, inverness, stirling):
        send(cafe)
    unsigned = rebuilt(laptop.exporting.build(dundee.id).files, version=1, receipt_secret=None)
    central.importing.import_bundle(sealed_by_age(unsigned, public), [identity])
    central.signers.revoke(laptop.signing_key.fingerprint())

    syn = central.synthesis
    items = {i.text: i for i in syn.find().items}
    peer, _ = syn.create_theme("Peer support", "Support from people who have been there")
    waiting, _ = syn.create_theme("Waiting times")
    syn.apply_theme([items[t].id for t in items if "eer" in t], peer.id)
    syn.apply_theme([items[WAITED].id], waiting.id)
    syn.shortlist([items[WAITED].id])
    yield central
    laptop_store.close()
    central_store.close()


def pdf_text(path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdf(desk, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "synthesis.pdf"
    written = desk.synthesis_report.write(path)
    assert (written.path, written.cafes) == (path, 4)
    return path


def test_the_pdf_says_what_the_cafes_said(pdf, desk):
    text = flat(pdf_text(pdf))
    assert "National synthesis of the conversation cafés" in text
    assert "4 conversation cafés took place in Dundee, Inverness, Perth and Stirling, 2026-03-14 to 2026-06-01" in text
    snap = desk.synthesis_report.snapshot()
    sources = snap.items
    assert sources == {"Points noted at the tables": 6, "Table summaries": 1, "Comments from phones": 2,
                       "Comments on paper cards": 1}
    for label, n in sources.items():
        assert f"{label} {n}" in text
    assert f"All items {sum(sources.values())}" in text
    top = snap.outcomes[0]
    assert top.share > 0 and top.title in text  # an outcome ranked across cafés
    assert "Peer support" in text and f"“{WAITED}”" in text  # a theme, and its shortlisted quote under it
    waiting = text.index("Waiting times 1 item in 1 café.")
    assert text.index(f"“{WAITED}”", waiting) > waiting
    appendix = text[text.rindex("Appendix: the cafés"):]
    for title in ("Perth café", "Inverness café", "Dundee café", "Stirling café"):
        assert title in appendix
    assert SUMMARY in appendix  # what a table carried forward
    assert "Its file came unsigned, so who sent it can't be checked." in appendix
    assert "Its file was signed by a key the desk has since revoked." in appendix
    assert re.search(r"Read with care: .*Dundee café came unsigned", text)
    pages = pdf_text(pdf).split("\f")
    method = next(n for n, page in enumerate(pages, start=1) if page.startswith("How the evidence was gathered"))
    contents = pdf_text(pdf, "-layout", "-f", "2", "-l", "2")
    assert re.search(rf"^How the evidence was gathered\s+{method}$", contents, re.M)  # the contents, numbered
    assert re.search(r"Page \d+", text)


def test_the_pdf_embeds_its_one_typeface_and_has_title_author_language_and_bookmarks(pdf):
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all("DejaVuSans" in row and row.split()[-5] == "yes" for row in rows), fonts
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+National synthesis of the conversation cafés$", info, re.M)
    assert re.search(r"^Author:\s+Café Desk central team$", info, re.M)
    data = pdf.read_bytes()
    assert b"/Lang (en-GB)" in data
    assert b"/Type /Outlines" in data and b"/PageMode /UseOutlines" in data
    for heading in (b"How the evidence was gathered", b"What mattered most", b"Themes", b"Appendix: the caf"):
        assert b"/Title (" + heading in data, heading  # a bookmark per heading


def test_small_counts_are_hidden(desk, pdf):
    dundee = next(c for c in desk.synthesis_report.snapshot().cafes if c.title == "Dundee café")
    by_group = {g.group: (g.people, g.at_least) for g in dundee.groups}
    # tables of 3 carers and 7 practitioners, and of 6 with lived experience and 8 practitioners: over the café
    # 3 carers (held back), 6 with lived experience (held back with them) and 15 practitioners
    assert by_group == {"Carers": (None, False), "Lived experience": (None, False), "Practitioners": (15, False)}
    assert dundee.people == 24
    page = pdf_text(pdf, "-layout")  # a table's rows kept on their lines
    page = page[page.index("Dundee café", page.rindex("Appendix: the cafés")):]
    page = page[:page.index("Top outcomes")]
    rows = {" ".join(line.split()) for line in page.splitlines()}
    assert {"Carers hidden", "Practitioners 15", "Lived experience hidden"} <= rows
    assert not re.search(r"\b[36]\b", page)  # the small count, and the one that would give it back, never show


def test_an_empty_cafe_says_so_and_draws_no_chart(desk, tmp_path):
    path = tmp_path / "stirling.docx"
    desk.synthesis_report.write(path, SynthesisFilter(locality="Stirling"))
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "No votes were recorded." in text and "No themes have been coded yet." in text
    assert len(document.inline_shapes) == 0  # never an empty chart
    assert "Perth café" not in text


def test_the_word_document_reads_back(desk, tmp_path):
    path = tmp_path / "synthesis.docx"
    desk.synthesis_report.write(path)
    document = docx.Document(str(path))
    headings = {(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert {("Heading 1", "How the evidence was gathered"), ("Heading 1", "What mattered most"),
            ("Heading 1", "Themes"), ("Heading 2", "Peer support"), ("Heading 2", "Dundee café")} <= headings
    props = document.core_properties
    assert (props.title, props.author, props.language) == (
        "National synthesis of the conversation cafés", "Café Desk central team", "en-GB")
    assert document.tables
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(docx.oxml.ns.qn("w:tblHeader")) is not None
        assert all(run.bold for cell in table.rows[0].cells for p in cell.paragraphs for run in p.runs)
    places = document.tables[[t.rows[0].cells[0].text for t in document.tables].index("Café")]
    assert [c.text for c in places.rows[0].cells] == ["Café", "Date", "Town or area", "People", "Items", "Signed"]
    assert "Dundee café" in [row.cells[0].text for row in places.rows]
    [chart, *_] = document.inline_shapes
    alt = chart._inline.docPr.get("descr")
    top = desk.synthesis_report.snapshot().outcomes[0]
    assert alt.startswith("Bar chart of support for the top") and top.title in alt
    with zipfile.ZipFile(path) as z:
        assert any(n.endswith(".png") for n in z.namelist())
        assert b"TOC \\o" in z.read("word/document.xml")  # a contents Word fills in
    assert f"“{WAITED}”" in "\n".join(p.text for p in document.paragraphs)


def test_filters_choose_the_cafes_and_the_items(desk, tmp_path):
    report = desk.synthesis_report
    snap = report.snapshot(SynthesisFilter(locality="inverness"))
    assert [c.title for c in snap.cafes] == ["Inverness café"]
    assert snap.filters == ("Town or area: inverness",)
    path = tmp_path / "inverness.pdf"
    report.write(path, SynthesisFilter(date_from="2026-04-01", date_to="2026-05-31"))
    text = flat(pdf_text(path))
    assert "Inverness café" in text and "Dundee café" in text
    assert "Perth café" not in text and "Stirling café" not in text
    stirling = next(c for c in report.chosen_cafes() if c.title == "Stirling café")
    chosen = report.snapshot(cafe_keys=[stirling.short_code.lower(), stirling.id])
    assert [c.title for c in chosen.cafes] == ["Stirling café"]
    comments = report.snapshot(SynthesisFilter(sources=("participant",)))
    assert comments.items["Comments from phones"] == 2 and comments.item_total == 2
    searched = report.snapshot(SynthesisFilter(text="peer"))
    assert [t.name for t in searched.themes] == ["Peer support"]  # the waiting quote is not found by "peer"
    with pytest.raises(UserError, match=exactly("No imported café matches those filters, so there is nothing "
                                                "to report.")):
        report.snapshot(SynthesisFilter(locality="Oban"))


def test_cancel_leaves_no_file(desk, tmp_path):
    for after in (1, 6):  # while the cafés are read, and while the pages are laid out
        asked = []

        def cancelled(after=after, asked=asked) -> bool:
            asked.append(1)
            return len(asked) > after

        with pytest.raises(Cancelled, match=exactly("Report cancelled; nothing was written.")):
            desk.synthesis_report.write(tmp_path / "synthesis.pdf", cancelled=cancelled)
        assert list(tmp_path.iterdir()) == []


def test_bad_targets_say_so_in_one_line(desk, tmp_path):
    report = desk.synthesis_report
    for target, message in (
            (tmp_path / "missing" / "r.pdf", f"The folder {tmp_path / 'missing'} does not exist, so the report was "
                                            "not written."),
            (tmp_path, f"{tmp_path} is a folder; give a file name inside it."),
            (tmp_path / "r.txt", "Give the report a file name ending in .pdf or .docx (not r.txt).")):
        with pytest.raises(UserError, match=exactly(message)):
            report.write(target)
    assert list(tmp_path.iterdir()) == []


def test_nothing_imported_is_said_plainly(central, tmp_path):
    central.planning.create(mental_health_plan(central))  # a café of the desk's own is not in the synthesis
    with pytest.raises(UserError, match=exactly("No cafés have been imported yet, so there is nothing to report. "
                                                "Import café files first (`cafe-desk import`).")):
        central.synthesis_report.write(tmp_path / "r.pdf")
    assert not (tmp_path / "r.pdf").exists()
